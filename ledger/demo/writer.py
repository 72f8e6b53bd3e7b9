"""Writing the demo's files without ever leaving half of one.

Every file of a run streams to a temporary file beside its target
(``.<name>.<random>.cwl-tmp``); only when the whole demo is written are they
renamed into place, together. On any failure, Ctrl-C included, the temporary
files (and any folder the run made) are removed instead, so the folder is as
it was. A ledger file also knows the line each entry starts on, so planted
faults can be listed with the exact file and line a rule should report.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path
from typing import TextIO

TEMPORARY_SUFFIX = ".cwl-tmp"


def _readable_mode() -> int:
    """The mode ``open()`` would give a new file (mkstemp's 0600 hides it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


class _Staged(io.TextIOWrapper):
    """A temporary file's text handle; synced to disk when closed."""

    def close(self) -> None:
        if self.closed:
            return
        try:
            self.flush()
            os.fsync(self.fileno())
        finally:
            super().close()


class Staging:
    """The files one ``cwl demo`` run is writing. ``dry`` writes nothing at
    all (the run only counts transactions)."""

    def __init__(self, dry: bool = False) -> None:
        self.dry = dry
        self._staged: list[tuple[Path, Path, TextIO]] = []  # temporary, target, handle
        self._made: list[Path] = []  # folders this run created, outermost first

    def open(self, path: Path, *, encoding: str = "utf-8", newline: str = "\n") -> TextIO:
        """A text handle whose contents become ``path`` on ``commit``."""
        if self.dry:
            return io.StringIO()
        self._folder(path.parent)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX,
                                    dir=path.parent)
        try:
            raw = io.FileIO(fd, "w")
        except BaseException:
            os.close(fd)
            os.unlink(name)
            raise
        try:
            os.fchmod(fd, _readable_mode())
            handle = _Staged(io.BufferedWriter(raw), encoding=encoding, newline=newline)
            self._staged.append((Path(name), path, handle))
        except BaseException:
            raw.close()
            os.unlink(name)
            raise
        return handle

    def write_text(self, path: Path, text: str) -> None:
        with self.open(path) as handle:
            handle.write(text)

    def written(self) -> list[tuple[Path, Path]]:
        """(temporary file, target) of every file so far."""
        return [(temporary, target) for temporary, target, _ in self._staged]

    def _folder(self, folder: Path) -> None:
        missing = []
        while not folder.exists() and folder != folder.parent:
            missing.append(folder)
            folder = folder.parent
        for made in reversed(missing):
            made.mkdir()
            self._made.append(made)

    def commit(self) -> None:
        """Rename every file into place. A Ctrl-C during the renames waits
        until they are done: half a demo is neither the old one nor the new."""
        for _, _, handle in self._staged:
            handle.close()
        interrupted: KeyboardInterrupt | None = None
        for temporary, target, _ in self._staged:
            try:
                os.replace(temporary, target)
            except KeyboardInterrupt as exc:
                interrupted = exc
                if temporary.exists():
                    os.replace(temporary, target)
        self._staged.clear()
        self._made.clear()
        if interrupted is not None:
            raise interrupted

    def discard(self) -> None:
        """Remove every temporary file and every folder this run made."""
        for temporary, _, handle in self._staged:
            with contextlib.suppress(OSError, ValueError):
                handle.close()
            temporary.unlink(missing_ok=True)
        self._staged.clear()
        for folder in reversed(self._made):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: never a file it did not write
        self._made.clear()


class LedgerWriter:
    """Streams entries to one ``.beancount`` file, counting lines."""

    def __init__(self, path: Path, title: str, staging: Staging) -> None:
        self.path = path
        self.name = path.name
        self._file: TextIO = staging.open(path)
        self._line = 1
        self.transactions = 0
        self.write(f";; {title}\n;; Written by `cwl demo`: fictional data.\n")

    def write(self, text: str) -> int:
        """Write ``text`` (whole lines) and return the line it starts on."""
        start = self._line
        self._file.write(text)
        self._line += text.count("\n")
        return start

    def entry(self, text: str) -> int:
        """Write one directive followed by a blank line; its first line."""
        return self.write(text + "\n")

    def txn(self, text: str) -> int:
        """Write one transaction; counted towards the ledger's size."""
        self.transactions += 1
        return self.write(text + "\n")

    def close(self) -> None:
        self._file.close()
