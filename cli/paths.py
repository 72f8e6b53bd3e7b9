"""What every command checks of the paths it is given before it reads or
writes anything: a ``path: reason`` message, or None."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def ledger_problem(path: str | Path) -> str | None:
    """Why ``path`` cannot be read as a ledger, as ``path: reason``."""
    ledger = Path(path)
    if ledger.is_dir():
        return f"{path}: is a folder, not a ledger file"
    if not ledger.exists():
        return f"{path}: no such ledger file"
    if not ledger.is_file():
        return f"{path}: not a regular file"
    if not os.access(ledger, os.R_OK):
        return f"{path}: cannot be read (permission denied)"
    return None


def output_file_problem(path: str | Path) -> str | None:
    """Why a file cannot be written at ``path``, as ``path: reason``."""
    out = Path(path)
    if out.is_dir():
        return f"{path}: is a folder; give a file name"
    if out.exists() and not out.is_file():
        return f"{path}: not a regular file"
    folder = out.parent
    if not folder.exists():
        return f"{path}: its folder {folder} does not exist"
    if not folder.is_dir():
        return f"{path}: {folder} is not a folder"
    if out.exists() and not os.access(out, os.W_OK):
        return f"{path}: cannot be written (permission denied)"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"{path}: cannot write in {folder} (permission denied)"
    return None


def output_folder_problem(path: str | Path) -> str | None:
    """Why files cannot be written into the folder ``path`` (to be made if
    it does not exist yet), as ``path: reason``."""
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        return f"{path}: is a file, not a folder"
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"{path}: {existing} is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        where = "the folder" if existing == folder else existing
        return f"{path}: cannot write in {where} (permission denied)"
    return None


def same_file(first: str | Path, second: str | Path) -> bool:
    """Whether two paths name one file: the same resolved path, or (both
    existing) the same file on disk."""
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist yet
        return False


def overwrite_problem(out: str | Path, books: Iterable[str | Path]) -> str | None:
    """Why ``out`` must not be written: it is one of ``books`` (the ledger,
    a file it includes, an input file), as ``path: reason``."""
    other = next((book for book in books if same_file(out, book)), None)
    if other is not None:
        return f"{out}: is {other}, one of the books or inputs; give another file"
    return None
