"""Writing a published file all at once.

An export is often written over last quarter's file on a web share: a crash
half way must leave the old file whole, not a truncated one that looks
published. So the text goes to a temporary file beside it, renamed over the
target only when complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


@contextlib.contextmanager
def replace_atomically(path: Path) -> Iterator[TextIO]:
    """A UTF-8 text handle (``newline=""`` for csv) that becomes ``path``."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp's 0600 would hide it from readers
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
