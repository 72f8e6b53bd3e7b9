"""Class every payment to a supplier by where the supplier is: the council's
own area, its wider region, or elsewhere.

Community wealth building (the Preston model) asks how much of an anchor
institution's spend stays local. When the ledger declares a ``cwl-area``,
this plugin adds ``local-class`` metadata to each expense posting of a
payment (a transaction taking money out of an ``Assets:Bank`` account):
``own-area``, ``region``, ``elsewhere``, or ``unknown`` when the payee's
postcode is not known, for a postcode is never guessed.

The payee's postcode is the transaction's ``postcode`` metadata, else the
``postcode`` of the ``cwl-organisation`` its ``org-id`` names. The area's
``own`` and ``region`` lists may name postcode areas (``PR``), districts
(``PR1``) or sectors (``PR1 2``): the most specific match wins, the own area
before the region, and ``PR1`` never matches ``PR10``. A malformed postcode
is an error (``local.postcode``), at the organisation's declaration or at
the transaction that gives it, and its payments are classed ``unknown``.

    plugin "rules.local_spend"
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from beancount.core import data

from ledger import metadata
from ledger.accounts import BANK, under
from ledger.models import LocalArea, Organisation
from ledger.postcodes import Postcode, area_prefixes, parse
from rules.common import RuleContext, RuleError, as_plugin, error

__plugins__ = ("plugin",)

OWN_AREA, REGION, ELSEWHERE, UNKNOWN = metadata.LOCAL_CLASSES
EXPENSES = "Expenses"
_BANK, _EXPENSE = "bank", "expense"


class Payee(NamedTuple):
    """Who a payment went to and where they are, as far as the books say."""

    name: str | None
    org_id: str | None
    postcode: str | None  # standard form; None when missing or malformed
    local_class: str
    sme: bool = False
    vcse: bool = False
    individual: bool = False  # a person: reports must not name them


class Payment(NamedTuple):
    """A transaction taking money out of the bank, and its payee."""

    entry: data.Transaction
    expenses: list[int]  # positions of its positive expense postings
    payee: Payee


@dataclass(slots=True)
class SpendLine:
    """One expense posting of a payment, classed by where the payee is."""

    date: datetime.date
    payee: str | None
    org_id: str | None
    postcode: str | None
    account: str
    amount: Decimal
    local_class: str
    sme: bool
    vcse: bool
    individual: bool


@dataclass
class LocalSpend:
    """The council's payments by supplier location."""

    area: LocalArea | None
    payments: list[Payment]
    problems: list[RuleError]

    @cached_property
    def lines(self) -> list[SpendLine]:
        """A row per classed expense posting, for reports and pages."""
        lines = []
        for entry, expenses, payee in self.payments:
            for index in expenses:
                posting = entry.postings[index]
                lines.append(SpendLine(
                    entry.date, entry.payee or payee.name, payee.org_id,
                    payee.postcode, posting.account, posting.units.number,
                    payee.local_class, payee.sme, payee.vcse, payee.individual))
        return lines

    def totals(self) -> dict[str, Decimal]:
        """Spend per local class, every class present (zero when none)."""
        totals = dict.fromkeys(metadata.LOCAL_CLASSES, Decimal(0))
        for line in self.lines:
            totals[line.local_class] += line.amount
        return totals


def classify(postcode: Postcode, own: frozenset[str], region: frozenset[str]) -> str:
    """The class of the most specific listed prefix of ``postcode``."""
    for prefix in postcode.prefixes():
        if prefix in own:
            return OWN_AREA
        if prefix in region:
            return REGION
    return ELSEWHERE


class _Locator:
    """Postcodes parsed and classed once each, however many payments."""

    def __init__(self, area: LocalArea) -> None:
        self.own = area_prefixes(area.own)
        self.region = area_prefixes(area.region)
        self.seen: dict[str, tuple[str, str] | None] = {}

    def locate(self, text: str) -> tuple[str, str] | None:
        """(standard postcode, local class), or None when malformed."""
        if text not in self.seen:
            postcode = parse(text)
            self.seen[text] = postcode and (
                postcode.code, classify(postcode, self.own, self.region))
        return self.seen[text]


def _payees(
    organisations: dict[str, Organisation], locator: _Locator, problems: list[RuleError]
) -> dict[str, Payee]:
    """Each declared organisation as a payee; a malformed postcode is
    reported once, at the organisation's declaration."""
    payees = {}
    for org in organisations.values():
        located = locator.locate(org.postcode) if org.postcode else None
        if org.postcode and located is None:
            problems.append(error(
                org.meta,
                f'Organisation "{org.name}" ({org.id}) has postcode '
                f'"{org.postcode}", which is not a UK postcode',
                "local.postcode"))
        postcode, local_class = located or (None, UNKNOWN)
        payees[org.id] = Payee(
            org.name, org.id, postcode, local_class, org.sme, org.vcse, org.individual)
    return payees


class _AccountKinds(dict[str, str | None]):
    """Whether each account is a bank or an expense account, worked out once
    per account rather than once per posting."""

    def __missing__(self, account: str) -> str | None:
        kind = (_BANK if under(account, BANK)
                else _EXPENSE if under(account, EXPENSES) else None)
        self[account] = kind
        return kind


def _expenses(entry: data.Transaction, kinds: _AccountKinds) -> list[int]:
    """Positions of the expense postings of a payment; none when the
    transaction takes no money out of the bank."""
    paid, expenses = False, []
    for index, posting in enumerate(entry.postings):
        kind = kinds[posting.account]
        if kind is _BANK:
            paid = paid or posting.units.number < 0
        elif kind is _EXPENSE and posting.units.number > 0:
            expenses.append(index)
    return expenses if paid else []


def payments(
    entries: list[data.Directive], context: RuleContext, problems: list[RuleError]
) -> Iterator[Payment]:
    """Each payment with its payee located, in one pass over the entries;
    malformed postcodes are added to ``problems``. Changes nothing."""
    area = context.config.area
    if area is None:
        return
    locator = _Locator(area)
    payees = _payees(context.config.organisations, locator, problems)
    kinds = _AccountKinds()
    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        expenses = _expenses(entry, kinds)
        if not expenses:
            continue
        org_id = entry.meta.get(metadata.ORG_ID)
        payee = payees.get(org_id) or Payee(None, org_id, None, UNKNOWN)
        text = entry.meta.get(metadata.POSTCODE)
        if text is not None:
            located = locator.locate(str(text))
            if located is None:
                problems.append(error(
                    entry,
                    f'Payment to "{entry.payee or payee.name or entry.narration}" '
                    f'has postcode "{text}", which is not a UK postcode',
                    "local.postcode"))
            postcode, local_class = located or (None, UNKNOWN)
            payee = payee._replace(postcode=postcode, local_class=local_class)
        yield Payment(entry, expenses, payee)


def analyse(entries: list[data.Directive], context: RuleContext) -> LocalSpend:
    """The council's payments by supplier location; changes nothing."""
    problems: list[RuleError] = []
    found = list(payments(entries, context, problems))
    return LocalSpend(context.config.area, found, problems)


def check(
    entries: list[data.Directive], context: RuleContext
) -> tuple[list, list]:
    """Write ``local-class`` on each classed posting and report bad postcodes.

    Walks the same ``payments`` as ``analyse``, writing each while it is at
    hand rather than in a second pass over the books.
    """
    problems: list[RuleError] = []
    for entry, expenses, payee in payments(entries, context, problems):
        postings = entry.postings
        for index in expenses:
            account, units, cost, price, flag, meta = postings[index]
            postings[index] = data.Posting(  # as _replace(meta=...), but faster
                account, units, cost, price, flag,
                {**(meta or {}), metadata.LOCAL_CLASS: payee.local_class})
    return entries, problems


plugin = as_plugin(check)
