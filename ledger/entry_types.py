"""Which kind of directive an entry is, whichever loader made it.

Beancount's loader gives namedtuples, uromyces (``ledger/fast_load.py``)
its own classes; both are registered with ``fava.beans.abc``, so the rules
test entries against those protocols rather than Beancount's classes. An
ABC check is slow when made for every entry of every rule (0.4 s at 100k
transactions), so the answer is kept per class.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fava.beans import abc

_TRANSACTION: dict[type, bool] = {}


def is_transaction(entry: object) -> bool:
    """Whether ``entry`` is a transaction, Beancount's or uromyces'."""
    kind = type(entry)
    known = _TRANSACTION.get(kind)
    if known is None:
        known = _TRANSACTION[kind] = issubclass(kind, abc.Transaction)
    return known


def meta_key(meta: Mapping[str, Any]) -> tuple[str, int]:
    """Which directive ``meta`` is, as a key: its file and line. uromyces
    hands out a new metadata object on each access, so ``id(meta)`` would
    tell nothing; no two directives share a file and line."""
    return meta["filename"], meta["lineno"]
