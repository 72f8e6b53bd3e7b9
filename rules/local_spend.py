"""Class every payment to a supplier by where the supplier is: the council's
own area, its wider region, or elsewhere.

Community wealth building (the Preston model) asks how much of an anchor
institution's spend stays local. When the ledger declares a ``cwl-area``,
this plugin adds ``local-class`` metadata to each expense posting of a
payment (a transaction taking money out of an ``Assets:Bank`` account) and
each negative expense posting of a refund (a credit note: money coming back
into an ``Assets:Bank`` account), so refunds net against the spend:
``own-area``, ``region``, ``elsewhere``, or ``unknown`` when the payee's
postcode is not known, for a postcode is never guessed. Grant recoveries
(negative ``Expenses:Grants`` postings) are left out: grants are paid
through ``Liabilities:GrantsPayable``, so their payments are not classed
either. Reports and pages read the class from the analysis; the metadata is
for queries (BQL in Fava), and is not written on uromyces' read-only
entries (``cwl check``, which then classes nothing: its findings need only
the payments that give a postcode).

The payee's postcode is the transaction's ``postcode`` metadata, else the
``postcode`` of the ``cwl-organisation`` its ``org-id`` names (without an
``org-id``, the declared supplier of the ``cwl-contract`` its ``contract``
metadata or ``^contract-`` link names, as on a relief recovery). The area's
``own`` and ``region`` lists may name postcode areas (``PR``), districts
(``PR1``) or sectors (``PR1 2``): the most specific match wins, the own area
before the region, and ``PR1`` never matches ``PR10``. A malformed postcode
is an error (``local.postcode``), at the organisation's declaration or at
the transaction that gives it, and its payments are classed ``unknown``. A
word of an area list that names no postcode part is an error
(``local.area``) at the ``cwl-area`` declaration.

    plugin "rules.local_spend"
"""

from __future__ import annotations

import bisect
import datetime
import operator
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import Any, NamedTuple

from beancount.core import data

from ledger import metadata
from ledger.accounts import BANK, EXPENSES, GRANTS, LIABILITIES, STOCK, under
from ledger.entry_types import is_transaction
from ledger.models import LocalArea, Organisation
from ledger.postcodes import Postcode, parse, read_area
from ledger.stock import GBP, gbp_value
from rules.api import Analysis, Finding, RuleContext, as_plugin, finding

__plugins__ = ("plugin",)

OWN_AREA, REGION, ELSEWHERE, UNKNOWN = metadata.LOCAL_CLASSES
_BANK, _EXPENSE, _GRANT, _LIABILITY = "bank", "expense", "grant", "liability"
ZERO = Decimal(0)
_DATE = operator.attrgetter("date")


class Payee(NamedTuple):
    """Who a payment went to and where they are, as far as the books say."""

    name: str | None
    org_id: str | None
    postcode: str | None  # standard form; None when missing or malformed
    local_class: str
    sme: bool = False
    vcse: bool = False
    individual: bool = False  # a person: reports must not name them


class SpendPayment(NamedTuple):
    """A transaction moving money through the bank, and its payee.

    ``expenses`` are the positions of its classed expense postings: a
    payment's expense postings, a refund's negative ones (their amounts are
    negative, so sums net); empty when nothing in it is spend with a
    supplier (a grant paid through ``GrantsPayable``, a grant recovery).
    ``published`` are the postings the Transparency Code publishes: every
    expense posting, and the liabilities a payment settles (a grant paid).
    ``amount`` is the classed expense postings' sum, in pounds.
    """

    entry: data.Transaction
    expenses: list[int]
    published: list[int]
    payee: Payee
    amount: Decimal


@dataclass(slots=True)
class SpendLine:
    """One expense posting of a payment, classed by where the payee is; the
    amount is negative on a refund."""

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
class LocalSpendAnalysis(Analysis):
    """The council's bank payments and refunds, classed by supplier location
    when the ledger declares its area."""

    area: LocalArea | None
    payees: dict[str, Payee]  # each declared organisation, located
    findings: list[Finding]
    banked: list[data.Transaction] = field(repr=False)  # touching the bank, in order
    reader: _Reader = field(repr=False)

    @cached_property
    def movements(self) -> list[SpendPayment]:
        """Everything through the bank, in ledger order."""
        payment = self.reader.payment
        return [m for e in self.banked if (m := payment(e)) is not None]

    def prepare(self) -> None:
        self.movements  # noqa: B018 - worked out now, not on a page's first request

    def place_of(self, org_id: str | None) -> str:
        """The local class of a declared organisation; unknown otherwise."""
        payee = self.payees.get(org_id) if org_id else None
        return payee.local_class if payee else UNKNOWN

    @cached_property
    def payments(self) -> list[SpendPayment]:
        """The movements with spend to class: what local spend measures."""
        return [m for m in self.movements if m.expenses]

    @cached_property
    def _by_entry(self) -> dict[int, SpendPayment]:
        return {id(m.entry): m for m in self.payments}

    def payment_of(self, entry: data.Directive) -> SpendPayment | None:
        """The classed payment an entry is, if it is one: a filtered view
        (Fava's) keeps the same entry objects, and looks them up here
        rather than classing them again."""
        return self._by_entry.get(id(entry))

    @cached_property
    def lines(self) -> list[SpendLine]:
        """A row per classed expense posting, for reports and pages."""
        lines = []
        for entry, expenses, _, payee, _ in self.payments:
            for index in expenses:
                posting = entry.postings[index]
                lines.append(SpendLine(
                    entry.date, entry.payee or payee.name, payee.org_id,
                    payee.postcode, posting.account, gbp_value(posting),
                    payee.local_class, payee.sme, payee.vcse, payee.individual))
        return lines

    def last_payment_date(self) -> datetime.date | None:
        """The date of the books' last payment with spend to class."""
        payment = self.reader.payment
        for entry in reversed(self.banked):  # in date order: the first found is the last
            if (found := payment(entry)) is not None and found.expenses:
                return entry.date
        return None

    def spend_between(self, start: datetime.date, end: datetime.date
                      ) -> dict[tuple[Payee, str | None], Decimal]:
        """The classed spend of the payments from ``start`` to ``end``
        (both included), per payee and ``body``: what pledges measure,
        summed without keeping a record per payment."""
        banked = self.banked
        first = bisect.bisect_left(banked, start, key=_DATE)
        last = bisect.bisect_right(banked, end, key=_DATE)
        reader, kinds = self.reader, self.reader.kinds
        # Summed first by what the payment says of its payee, then by payee:
        # a county has a few thousand payees for its 100k payments.
        said: dict[tuple[Any, Any, Any], Decimal] = {}
        for entry in banked[first:last]:
            amount = _classed_sum(entry, kinds)
            if amount is None:
                continue
            meta = entry.meta  # read once: uromyces makes a new one on each access
            org_id = meta.get(metadata.ORG_ID)
            key = (org_id if org_id is not None else reader.payee_of(meta, entry.links),
                   meta.get(metadata.POSTCODE), meta.get(metadata.BODY))
            said[key] = said.get(key, ZERO) + amount
        sums: dict[tuple[Payee, str | None], Decimal] = {}
        for (who, postcode, body), amount in said.items():
            payee = who if isinstance(who, Payee) else reader.organisation(who)
            key = (reader.located(payee, postcode), None if body is None else str(body))
            sums[key] = sums.get(key, ZERO) + amount
        return sums

    def totals(self) -> dict[str, Decimal]:
        """Spend per local class, every class present (zero when none)."""
        totals = dict.fromkeys(metadata.LOCAL_CLASSES, Decimal(0))
        for line in self.lines:
            totals[line.local_class] += line.amount
        return totals

    def annotate(self, entries: list[data.Directive]) -> list[data.Directive]:
        """Write ``local-class`` on each classed posting, when there is an
        area to class by, for queries (BQL in Fava) to read. Reports and
        pages read the class from the analysis; uromyces' entries, whose
        metadata is read-only, are left as they are."""
        first = next((e for e in entries if is_transaction(e)), None)
        if self.area is None or not isinstance(first, data.Transaction):
            return entries
        key = metadata.LOCAL_CLASS
        for entry, expenses, _, payee, _ in self.payments:
            postings = entry.postings
            for index in expenses:
                posting = postings[index]
                if posting.meta is None:
                    postings[index] = posting._replace(meta={key: payee.local_class})
                else:  # the parser gives each posting its own dict: set in place
                    posting.meta[key] = payee.local_class
        return entries


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
        self.own = read_area(area.own)[0]
        self.region = read_area(area.region)[0]
        self.seen: dict[str, tuple[str, str] | None] = {}

    def locate(self, text: str) -> tuple[str, str] | None:
        """(standard postcode, local class), or None when malformed."""
        if text not in self.seen:
            postcode = parse(text)
            self.seen[text] = postcode and (
                postcode.code, classify(postcode, self.own, self.region))
        return self.seen[text]


def _area_findings(areas: dict[str, LocalArea]) -> list[Finding]:
    """A ``local.area`` error for each declared area whose lists hold words
    that name no postcode area, district, sector or postcode."""
    problems = []
    for area in areas.values():
        for listing, words in (("own", area.own), ("region", area.region)):
            bad = read_area(words)[1]
            if bad:
                listed = ", ".join(f'"{word}"' for word in bad)
                problems.append(finding(
                    area.meta,
                    f'cwl-area "{area.id}": {listing} lists {listed}, which '
                    f'{"is" if len(bad) == 1 else "are"} not a postcode area, district '
                    '(PR1), sector (PR1 2) or postcode (PR1 2HE)',
                    "local.area", area.id))
    return problems


def _payees(
    organisations: dict[str, Organisation], locator: _Locator | None,
    problems: list[Finding],
) -> dict[str, Payee]:
    """Each declared organisation as a payee; a malformed postcode is
    reported once, at the organisation's declaration."""
    payees = {}
    for org in organisations.values():
        located = locator.locate(org.postcode) if org.postcode and locator else None
        if org.postcode and locator and located is None:
            problems.append(finding(
                org.meta,
                f'Organisation "{org.name}" ({org.id}) has postcode '
                f'"{org.postcode}", which is not a UK postcode',
                "local.postcode", org.id))
        postcode, local_class = located or (None, UNKNOWN)
        payees[org.id] = Payee(
            org.name, org.id, postcode, local_class, org.sme, org.vcse, org.individual)
    return payees


class _AccountKinds(dict[str, str | None]):
    """Whether each account is a bank, a grant, another expense or a
    liability account, worked out once per account rather than per posting."""

    def __missing__(self, account: str) -> str | None:
        kind = (_BANK if under(account, BANK)
                else _GRANT if under(account, GRANTS)
                else _EXPENSE if under(account, EXPENSES) or under(account, STOCK)
                else _LIABILITY if under(account, LIABILITIES) else None)
        self[account] = kind
        return kind


def _postings(entry: data.Transaction, kinds: _AccountKinds
              ) -> tuple[list[int], list[int], Decimal]:
    """Positions of the classed and the published postings, and the classed
    ones' sum; none when the transaction moves no money through the bank.

    Classed: every non-zero expense posting of a payment (money out of the
    bank; a credit line within it nets), the negative ones of a refund
    (money into the bank only); a negative grant posting (a grant recovery)
    is never classed. Published: every expense posting, and the positive
    liability postings of a transaction that takes money out on balance.
    """
    touched = paid = refunded = False
    bank = Decimal(0)
    expenses: list[int] = []
    published: list[int] = []
    settled: list[int] = []
    numbers: dict[int, Decimal] = {}
    for index, posting in enumerate(entry.postings):
        kind = kinds[posting.account]
        if kind is None:
            continue
        number = gbp_value(posting)  # stock bought at its cost; never masks as £
        if kind is _BANK:
            touched = True
            bank += number
            if number < 0:
                paid = True
            elif number > 0:
                refunded = True
        elif kind is _LIABILITY:
            if number > 0:
                settled.append(index)
        else:
            published.append(index)
            if number > 0 or (number < 0 and kind is _EXPENSE):
                expenses.append(index)
                numbers[index] = number
    if not touched:
        return [], [], ZERO
    if bank < 0 and settled:
        published = sorted(published + settled)
    if not paid:
        expenses = [i for i in expenses if refunded and numbers[i] < 0]
    return expenses, published, sum((numbers[i] for i in expenses), ZERO)


def _classed_sum(entry: data.Transaction, kinds: _AccountKinds) -> Decimal | None:
    """The sum of the postings ``_postings`` classes, or None when it
    classes none: the same reading without the positions, twice as fast,
    for a pass over every payment that keeps only sums (pledges)."""
    touched = paid = refunded = False
    gains = losses = ZERO
    classed = negatives = 0
    for posting in entry.postings:
        kind = kinds[posting.account]
        if kind is None or kind is _LIABILITY:
            continue
        units = posting.units
        number = units.number if units.currency == GBP else gbp_value(posting)
        if kind is _BANK:
            touched = True
            if number < 0:
                paid = True
            elif number > 0:
                refunded = True
        elif number > 0:
            gains += number
            classed += 1
        elif number < 0 and kind is _EXPENSE:
            losses += number
            classed += 1
            negatives += 1
    if not touched:
        return None
    if paid:
        return gains + losses if classed else None
    return losses if refunded and negatives else None


class _Reader:
    """What reading a payment takes, worked out once: the declared
    organisations located, the area's postcodes, each account's kind."""

    def __init__(self, context: RuleContext) -> None:
        area = context.config.area
        self.problems: list[Finding] = []
        self.locator = None
        if area is not None:
            self.problems.extend(_area_findings(context.config.areas))
            self.locator = _Locator(area)
        self.payees = _payees(context.config.organisations, self.locator, self.problems)
        self.kinds = _AccountKinds()
        self.contracts = context.config.contracts

    def payee(self, entry: data.Transaction) -> Payee:
        """The declared organisation its ``org-id`` names, else the supplier
        of the contract it names; the transaction's own postcode aside."""
        return self.payee_of(entry.meta, entry.links)

    def payee_of(self, meta: Mapping[str, Any], links: frozenset[str] | None) -> Payee:
        """``payee`` from a transaction's metadata and links."""
        org_id = meta.get(metadata.ORG_ID)
        if org_id is None and self.contracts:
            named = meta.get(metadata.CONTRACT) or metadata.link_id(
                links, metadata.CONTRACT_LINK)
            contract = self.contracts.get(str(named)) if named else None
            org_id = contract.supplier if contract else None
        return self.organisation(org_id)

    def organisation(self, org_id: Any) -> Payee:
        """The declared organisation ``org_id`` names; else a payee known by
        that id alone."""
        return self.payees.get(org_id) or Payee(None, org_id, None, UNKNOWN)

    def payment(self, entry: data.Transaction) -> SpendPayment | None:
        """The transaction as a bank movement, located; None when it moves
        no money through the bank."""
        expenses, published, amount = _postings(entry, self.kinds)
        if not published and not expenses:
            return None
        meta = entry.meta
        payee = self.payee_of(meta, entry.links)
        if expenses:
            payee = self.located(payee, meta.get(metadata.POSTCODE))
        return SpendPayment(entry, expenses, published, payee, amount)

    def located(self, payee: Payee, text: Any) -> Payee:
        """``payee`` where a payment's own ``postcode`` (``text``) puts it,
        when it gives one."""
        if text is None or self.locator is None:
            return payee
        postcode, local_class = self.locator.locate(str(text)) or (None, UNKNOWN)
        return payee._replace(postcode=postcode, local_class=local_class)

    def postcode_problem(self, entry: data.Transaction) -> Finding | None:
        """A malformed ``postcode`` on a payment with spend to class."""
        text = entry.meta.get(metadata.POSTCODE)
        if text is None or self.locator is None or self.locator.locate(str(text)):
            return None
        if not _postings(entry, self.kinds)[0]:
            return None
        payee = self.payee(entry)
        return finding(entry, f'Payment to "{entry.payee or payee.name or entry.narration}" '
                              f'has postcode "{text}", which is not a UK postcode',
                       "local.postcode", payee.org_id)


def analyse(entries: list[data.Directive], context: RuleContext) -> LocalSpendAnalysis:
    """The council's payments by supplier location; changes nothing. The
    findings are worked out now, from the few payments that give a postcode;
    the payments themselves when first asked for (``cwl check`` never asks)."""
    reader = _Reader(context)
    transactions = context.transactions(entries)
    problems = reader.problems + [
        problem for entry in transactions.select(keys=(metadata.POSTCODE,))
        if (problem := reader.postcode_problem(entry)) is not None]
    return LocalSpendAnalysis(context.config.area, reader.payees, problems,
                              transactions.select(roots=(BANK,)), reader)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Write ``local-class`` on each classed posting and report bad postcodes."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
