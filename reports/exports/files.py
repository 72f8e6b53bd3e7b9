"""Writing a published file all at once.

An export is often written over last quarter's file on a web share: a crash
half way must leave the old file whole, not a truncated one that looks
published. The text is gathered, then written with ``ledger.atomic_files``.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ledger.atomic_files import write_text


@contextlib.contextmanager
def replace_atomically(path: Path) -> Iterator[TextIO]:
    """A text handle (``newline=""`` for csv) whose text becomes ``path``
    when the block ends without an error; on an error ``path`` is untouched."""
    handle = io.StringIO(newline="")
    yield handle
    write_text(str(path), handle.getvalue())
