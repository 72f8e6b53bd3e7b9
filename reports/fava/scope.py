"""What one Fava request looks at: the filtered entries, and the whole
ledger's configuration and rule findings.

Fava's time filter clamps the books (entries before the period become
summary transactions, declarations dated before it vanish) and its account
filter keeps only entries touching an account. Figures on our pages are the
filtered transactions' own, but the schemes, contracts and areas they are
checked against are declared once for the whole ledger, and a rule finding
(a duplicate award, say) is only right when the rule saw every entry. So the
configuration and findings come from the whole ledger, computed once per
load, and each page shows the findings anchored at an entry the filter kept.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any, NamedTuple

from beancount.core import data, flags

from ledger.redaction import Redactor
from rules import local_spend
from rules.analyses import RuleAnalyses
from rules.common import RuleContext, build_context, plugin_config

# Transactions Beancount writes when it clamps a period: not the council's.
_SYNTHETIC = frozenset((flags.FLAG_SUMMARIZE, flags.FLAG_TRANSFER, flags.FLAG_CONVERSIONS))


class Payment(NamedTuple):
    """A payment to a supplier, as the local spend page counts it."""

    month: str  # 2020-04
    amount: Decimal  # its expense postings
    local_class: str
    supplier: str  # org-id, else payee; "" for a person, never named
    name: str
    person: str  # who, when a person: counted, never shown


class WholeLedger(RuleAnalyses):
    """The ledger's configuration and whole-ledger rule analyses, kept
    until Fava reloads the file."""

    def __init__(self, entries: list[data.Directive], options: dict[str, Any]) -> None:
        self.entries = entries
        self.context: RuleContext
        # Broken cwl-* declarations (and a bad plugin configuration string):
        # PDFs are refused while there are any, as ``cwl report`` refuses.
        self.context, self.config_errors = build_context(entries, options,
                                                         plugin_config(options))

    @cached_property
    def redactor(self) -> Redactor:
        return Redactor(self.context.config)

    @cached_property
    def personal_awards(self) -> frozenset[str]:
        """Award ids with a personal transaction on their link."""
        return self.redactor.personal_awards(self.entries)

    @cached_property
    def by_meta(self) -> dict[int, data.Transaction]:
        """Each transaction by ``id`` of its meta: findings carry only meta."""
        return {id(e.meta): e for e in self.entries if isinstance(e, data.Transaction)}

    def message(self, message: str, meta: dict[str, Any] | None) -> str:
        """A finding's message, redacted as the PDFs redact it: a personal
        transaction's payee and narration, and any individual's name, org-id
        or bank fingerprint, never shown."""
        return self.redactor.redact_message(message, self.by_meta.get(id(meta)))

    def text(self, text: str) -> str:
        """Free text from a declaration (a contract's title), scrubbed."""
        return self.redactor.scrub(text)

    @cached_property
    def payments(self) -> dict[int, Payment]:
        """Each payment to a supplier, by ``id`` of its transaction.

        Classing a payment re-reads every posting, too slow to redo per
        request on a big ledger; a filtered view looks its kept
        transactions up here instead (Fava's filters keep the objects).
        """
        found: dict[int, Payment] = {}
        redactor = self.redactor
        for entry, expenses, payee in local_spend.analyse(self.entries, self.context).payments:
            personal = redactor.decide(entry).personal
            key = "" if personal else payee.org_id or entry.payee or entry.narration
            found[id(entry)] = Payment(
                entry.date.isoformat()[:7],
                sum((entry.postings[i].units.number for i in expenses), Decimal(0)),
                payee.local_class, key,
                "" if personal else entry.payee or payee.name or key,
                (payee.org_id or entry.payee or "") if personal else "")
        return found

    def prepare(self) -> None:
        """Work everything out now, so no page request pays for it."""
        for name in ("redactor", "grants", "relief", "claims", "payments", "personal_awards",
                     "by_meta"):
            getattr(self, name)


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
