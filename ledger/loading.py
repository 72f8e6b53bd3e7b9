"""Loading books with Beancount, leaving no copy of them beside them.

Beancount's loader pickles any load slower than a second next to the ledger
(``.main.beancount.picklecache``): a full copy of the books, individuals'
payments included, on the council's share, readable by anyone who can read
the folder and left behind when the books are moved. Every ``cwl`` command
loads through here instead, so the cache lives in the user's own cache
folder (``$XDG_CACHE_HOME/cwl/books``, mode 0700), one file per ledger path.

After an edit, Beancount's own cache is worse than none: it unpickles the
stale copy, finds it stale, and reloads with it still in memory. So beside
each cache a small record of the files it was made from (path, size,
modification time) is checked first, and a stale cache is deleted unread.

``BEANCOUNT_DISABLE_LOAD_CACHE`` is honoured as Beancount documents it (tests
and benchmarks set it): then nothing is cached anywhere.

Beancount 3.2's parser crashes the process (a segmentation fault, no
message) on an amount that divides by zero (``1/0 GBP``): its grammar does
not check the exception Python's decimal raises. So the books are loaded
with decimal's division traps off, and the error the parser then reports,
at a line of its own grammar, is put back at the ledger line that divides.
"""

from __future__ import annotations

import decimal
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

from beancount import loader
from beancount.core import data
from beancount.parser.grammar import ParserError

from ledger import collector

DISABLE = "BEANCOUNT_DISABLE_LOAD_CACHE"

# An amount expression dividing by zero: ``1/0``, ``100 / 0.00``.
DIVIDES_BY_ZERO = re.compile(r"/\s*[-+]?0*\.?0+(?![\d.])")


def user_cache() -> Path:
    """``cwl``'s folder in the user's cache directory."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "cwl"


def cache_folder() -> Path:
    """Where the load caches live."""
    return user_cache() / "books"


def cache_file(ledger: Path) -> Path:
    """The cache of ``ledger``: named by a hash of its absolute path, so two
    councils' ``main.beancount`` never share one and the name says nothing."""
    digest = hashlib.sha256(str(ledger).encode("utf-8")).hexdigest()[:32]
    return cache_folder() / f"{digest}.pickle"


def load_books(path: str | Path) -> tuple[list[data.Directive], list[Any], dict[str, Any]]:
    """``beancount.loader.load_file`` with its cache kept out of the books'
    folder, no crash on a division by zero, and the cycle collector paused
(``ledger.collector``)."""
    ledger = Path(os.path.abspath(os.path.expanduser(path)))
    with decimal.localcontext() as context, collector.paused():
        context.traps[decimal.DivisionByZero] = False
        context.traps[decimal.InvalidOperation] = False
        entries, errors, options = _load(ledger)
    return entries, _placed(errors, options), options


def _load(ledger: Path) -> tuple[list[data.Directive], list[Any], dict[str, Any]]:
    if os.environ.get(DISABLE):
        # Beancount's loader without its cache wrapper.
        return loader._uncached_load_file(str(ledger), None, None, None)  # noqa: SLF001
    cache = cache_file(ledger)
    record = cache.with_suffix(".files.json")
    cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    cache.parent.chmod(0o700)
    if cache.exists() and not _fresh(record):
        # Beancount would unpickle the stale copy (seconds, at county
        # scale) only to find it stale, then reload with it still in memory.
        cache.unlink()
    loader.initialize(use_cache=True, cache_filename=str(cache))
    try:
        entries, errors, options = loader.load_file(str(ledger))
    finally:
        if cache.exists():
            cache.chmod(0o600)
    if cache.exists():
        _remember(record, options.get("include") or [str(ledger)])
    return entries, errors, options


def _stamp(name: str) -> list[Any]:
    """What says a file changed: its path, size and modification time."""
    try:
        found = os.stat(name)
    except OSError:
        return [name, None, None]
    return [name, found.st_size, found.st_mtime_ns]


def _fresh(record: Path) -> bool:
    """Whether every file the cached load read is as it was then, judged
    from the small side record, before anything is unpickled."""
    try:
        stamps = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(stamps) and all(_stamp(stamp[0]) == stamp for stamp in stamps)


def _remember(record: Path, files: list[str]) -> None:
    """The side record of the files a cached load read (mode 0600)."""
    descriptor = os.open(record, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump([_stamp(name) for name in files], handle)


def _placed(errors: list[Any], options: dict[str, Any]) -> list[Any]:
    """``errors`` with those the parser placed in its own grammar replaced
    by one per ledger line that divides by zero."""
    grammar = [e for e in errors if str((e.source or {}).get("filename", "")).endswith(
        os.path.join("beancount", "parser", "grammar.py"))]
    if not grammar:
        return errors
    found = [ParserError({"filename": name, "lineno": number},
                       "an amount divides by zero; the transaction is left out", None)
             for name in options.get("include") or []
             for number, line in _lines(name) if DIVIDES_BY_ZERO.search(line.split(";")[0])]
    return [e for e in errors if e not in grammar] + (found or grammar)


def _lines(filename: str) -> list[tuple[int, str]]:
    try:
        text = Path(filename).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return list(enumerate(text.splitlines(), 1))
