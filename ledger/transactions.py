"""The books' transactions, read once for every rule.

Fourteen rules each used to walk every entry and read every posting to
find the few transactions they care about: at a county's 100k payments
that walking, not the rules' logic, was most of ``cwl check``. One pass
now lists the transactions and, per account, which of them touch it; a
rule asks for the transactions under its accounts, carrying its metadata
keys or its links (``select``) and reads only those.

Amounts are not read here: reading a posting's number makes a new
``Decimal`` on uromyces' entries, and most rules need few of them.
"""

from __future__ import annotations

import datetime
from array import array
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from ledger import metadata
from ledger.accounts import under
from ledger.entry_types import is_transaction

# The metadata keys the rules select transactions by, found together in one
# pass (a pass per key cost 0.02 s each at 100k transactions).
SELECTED_KEYS = (metadata.ORG_ID, metadata.REDACTED, metadata.POSTCODE, metadata.PERSON_REF,
                 metadata.HOUSEHOLD_REF, metadata.RELIEF_TYPE, metadata.RECOVERY,
                 metadata.SITE)


class Transactions:
    """The transactions of one list of entries, indexed by account and,
    on first asking, by metadata key and link prefix."""

    def __init__(self, entries: Iterable[Any]) -> None:
        self.all: list[Any] = []
        # Positions in ``all`` of the transactions touching each account,
        # or carrying each metadata key or link prefix asked for.
        self._by_account: dict[str, array] = {}
        self._by_key: dict[str, array] = {}
        self._by_link: dict[str, array] = {}
        self._selected: dict[tuple, list[Any]] = {}
        by_account = self._by_account
        for entry in entries:
            if not is_transaction(entry):
                continue
            position = len(self.all)
            self.all.append(entry)
            for posting in entry.postings:
                found = by_account.get(posting.account)
                if found is None:
                    found = by_account[posting.account] = array("L")
                if not found or found[-1] != position:
                    found.append(position)

    def select(self, roots: tuple[str, ...] = (), keys: tuple[str, ...] = (),
               links: tuple[str, ...] = ()) -> list[Any]:
        """The transactions posting to an account under any of ``roots``,
        whose own metadata has any of ``keys``, or with a link starting with
        any of ``links`` (``award-``), in ledger order, each once."""
        query = (roots, keys, links)
        if query not in self._selected:
            lists = [found for account, found in self._by_account.items()
                     if any(under(account, root) for root in roots)]
            lists += self._keyed(keys) + self._linked(links)
            lists = [found for found in lists if found]
            positions: Iterable[int] = (
                lists[0] if len(lists) == 1 else sorted(set().union(*lists)))
            self._selected[query] = [self.all[i] for i in positions]
        return self._selected[query]

    def _keyed(self, keys: tuple[str, ...]) -> list[array]:
        """Positions per key: on the first asking, of every key in
        ``SELECTED_KEYS`` as well, in one pass."""
        new = [key for key in keys if key not in self._by_key]
        if new and not self._by_key:
            new = list(dict.fromkeys(new + list(SELECTED_KEYS)))
        if new:
            found = {key: array("L") for key in new}
            for position, entry in enumerate(self.all):
                meta = entry.meta
                if meta is None:
                    continue
                for key in new:
                    if key in meta:
                        found[key].append(position)
            self._by_key.update(found)
        return [self._by_key[key] for key in keys]

    def _linked(self, prefixes: tuple[str, ...]) -> list[array]:
        """Positions per link prefix, those not asked for before found in one pass."""
        new = [prefix for prefix in prefixes if prefix not in self._by_link]
        if new:
            found = {prefix: array("L") for prefix in new}
            for position, entry in enumerate(self.all):
                for link in entry.links or ():
                    for prefix in new:
                        if link.startswith(prefix) and (
                                not found[prefix] or found[prefix][-1] != position):
                            found[prefix].append(position)
            self._by_link.update(found)
        return [self._by_link[prefix] for prefix in prefixes]

    @cached_property
    def last_date(self) -> datetime.date | None:
        """The date of the books' last transaction."""
        return max((e.date for e in self.all), default=None)
