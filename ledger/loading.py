"""Loading books with Beancount, leaving no copy of them beside them.

Beancount's loader pickles any load slower than a second next to the ledger
(``.main.beancount.picklecache``): a full copy of the books, individuals'
payments included, on the council's share, readable by anyone who can read
the folder and left behind when the books are moved. Every ``cwl`` command
loads through here instead, so the cache lives in the user's own cache
folder (``$XDG_CACHE_HOME/cwl/books``, mode 0700), one file per ledger path.

``BEANCOUNT_DISABLE_LOAD_CACHE`` is honoured as Beancount documents it (tests
and benchmarks set it): then nothing is cached anywhere.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

from beancount import loader
from beancount.core import data

DISABLE = "BEANCOUNT_DISABLE_LOAD_CACHE"


def cache_folder() -> Path:
    """Where the load caches live: the user's cache directory."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "cwl" / "books"


def cache_file(ledger: Path) -> Path:
    """The cache of ``ledger``: named by a hash of its absolute path, so two
    councils' ``main.beancount`` never share one and the name says nothing."""
    digest = hashlib.sha256(str(ledger).encode("utf-8")).hexdigest()[:32]
    return cache_folder() / f"{digest}.pickle"


def load_books(path: str | Path) -> tuple[list[data.Directive], list[Any], dict[str, Any]]:
    """``beancount.loader.load_file`` with its cache kept out of the books' folder."""
    ledger = Path(os.path.abspath(os.path.expanduser(path)))
    if os.environ.get(DISABLE):
        # Beancount's loader without its cache wrapper.
        return loader._uncached_load_file(str(ledger), None, None, None)  # noqa: SLF001
    cache = cache_file(ledger)
    cache.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    cache.parent.chmod(0o700)
    loader.initialize(use_cache=True, cache_filename=str(cache))
    try:
        return loader.load_file(str(ledger))
    finally:
        if cache.exists():
            cache.chmod(0o600)
