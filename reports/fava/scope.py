"""What one Fava request looks at: the filtered entries, beside the whole
ledger's session (configuration, redactor and rule analyses).

Fava's time filter clamps the books (entries before the period become
summary transactions, declarations dated before it vanish) and its account
filter keeps only entries touching an account. Figures on our pages are the
filtered transactions' own, but the schemes, contracts and areas they are
checked against are declared once for the whole ledger, and a rule finding
(a duplicate award, say) is only right when the rule saw every entry. So the
configuration and findings come from the whole ledger's ``Session``,
computed once per load, and each page shows the findings anchored at an
entry the filter kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from beancount.core import data, flags

# Transactions Beancount writes when it clamps a period: not the council's.
_SYNTHETIC = frozenset((flags.FLAG_SUMMARIZE, flags.FLAG_TRANSFER, flags.FLAG_CONVERSIONS))


@dataclass
class Scope:
    """The request's filtered view of the books.

    ``start`` and ``end`` (inclusive) are the time filter's days, None when
    there is none; ``filtered`` says whether any filter is active.
    """

    entries: list[data.Directive]
    start: datetime.date | None
    end: datetime.date | None
    filtered: bool

    @classmethod
    def of(cls, entries: Iterable[data.Directive], start: datetime.date | None,
           end: datetime.date | None, filtered: bool) -> Scope:
        kept = [e for e in entries
                if not (isinstance(e, data.Transaction) and e.flag in _SYNTHETIC)]
        return cls(kept, start, end, filtered)

    @cached_property
    def _anchors(self) -> set[int]:
        return {id(e.meta) for e in self.entries}

    def keeps(self, meta: dict[str, Any] | None) -> bool:
        """Whether a finding at ``meta`` belongs to this view: always without
        a filter, else when the filter kept the entry it points at."""
        return not self.filtered or (meta is not None and id(meta) in self._anchors)

    def covers(self, first: datetime.date, last: datetime.date) -> bool:
        """Whether days ``first`` to ``last`` overlap the time filter."""
        return ((self.start is None or last >= self.start)
                and (self.end is None or first <= self.end))

    def label(self) -> str:
        if self.start is None or self.end is None:
            return "All dates"
        return f"{self.start:%-d %b %Y} to {self.end:%-d %b %Y}"
