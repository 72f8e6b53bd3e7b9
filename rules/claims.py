"""Check the council's claims to government for COVID lost income and costs.

Sales, fees and charges (SFC) income loss scheme: the council absorbs losses
up to 5% of an income line's budget and government pays 75p per £1 of
relevant loss above that, cumulatively over the year. A claim is a
transaction linked ``^claim-<period>`` whose ``Income:Government:Covid:SFC``
postings each name an ``income-line`` and that period's ``relevant-loss``.
For each line the plugin works out what is due this period::

    rate × max(0, loss to date − deductible × budget) − claimed earlier

(the year runs from 1 April) and reports a claim that asks for more or
less, or for an excluded kind of income (investment, rents, ...), or names
an income line or claim period the ledger does not declare.

Expenditure: only tasks government asked for are reimbursed, and a cost
already met by a ring-fenced grant cannot also be claimed. A cost is a
transaction with a positive ``Expenses:Covid:<category>`` posting; one
carrying ``claim:`` must also carry ``gov-requested: TRUE`` and no ``fund:``,
and its ``claim:`` must name a declared expenditure claim period that its
date falls in. A refund or credit note (a negative ``Expenses:Covid``
posting) nets against the costs under the flags of its own metadata, so it
is tagged with the same ``claim:``, ``gov-requested:`` and ``fund:`` as the
cost it reduces.

Receipts: what the bank received against a claim (its ``Assets:Receivable:
Claims`` postings) must clear what was claimed; a claim not yet received is
simply outstanding.

The rule is active only when the ledger declares a ``cwl-income-line`` or a
``cwl-claim-period``.

    plugin "rules.claims"
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount

from ledger import accounts, metadata
from ledger.accounts import pressure_title
from ledger.models import ClaimPeriod, IncomeLine
from rules.common import RuleContext, RuleError, as_plugin, error, gbp

__plugins__ = ("plugin",)

PENNY = Decimal("0.01")
ZERO = Decimal(0)

# Why each excluded kind of income earns no SFC compensation.
EXCLUSION_REASONS = {
    "investment": "investment income is outside the scheme",
    "commercial-rent": "commercial rental income is outside the scheme",
    "residential-rent": "residential rental income is outside the scheme",
    "non-general-fund": "income outside the General Fund is outside the scheme",
    "recoverable-later": "income recoverable later in the year is not a loss",
    "third-party": "compensation paid on to third parties is outside the scheme",
}


@dataclass
class LineClaim:
    """One SFC income line in one claim period, cumulative for the year."""

    line: str
    period: str
    budget: Decimal
    loss_in_period: Decimal
    loss_to_date: Decimal
    deductible: Decimal  # the £ the council absorbs: deductible share × budget
    compensation_to_date: Decimal
    claimed_earlier: Decimal
    due: Decimal
    claimed: Decimal
    received: Decimal  # the claim's receipts, shared pro rata to what lines claimed


@dataclass
class Pressure:
    """COVID spending in one category, split by whether government asked;
    net of refunds and credit notes."""

    category: str
    gov_requested: bool
    amount: Decimal
    funded: Decimal  # part met by a ring-fenced fund: never claimable

    @property
    def claimable(self) -> Decimal:
        return self.amount - self.funded if self.gov_requested else ZERO

    @property
    def title(self) -> str:
        return pressure_title(self.category)


@dataclass
class ClaimStatus:
    """What was claimed in one claim round and what has been received."""

    claim: str
    scheme: str | None  # sfc, expenditure, or None when not declared
    raised: Decimal  # receivable raised (positive Assets:Receivable:Claims)
    received: Decimal
    costs_claimed: Decimal  # COVID costs whose ``claim:`` names this round, net of refunds

    @property
    def difference(self) -> Decimal:
        """Still to come (positive) or received over the claim (negative)."""
        return self.raised - self.received


@dataclass
class ExcludedLine:
    """A declared income line the SFC scheme does not compensate."""

    line: str
    income_type: str
    reason: str
    claimed: Decimal  # wrongly claimed against it, if anything


@dataclass
class ClaimsAnalysis:
    """The council's claims position: SFC lines, cost pressures, receipts."""

    sfc_lines: list[LineClaim]
    pressures: list[Pressure]
    claims: list[ClaimStatus]
    excluded: list[ExcludedLine]
    tranche_income: Decimal
    problems: list[RuleError]

    @property
    def claimable(self) -> Decimal:
        return sum((p.claimable for p in self.pressures), ZERO)

    @property
    def not_claimable(self) -> Decimal:
        return sum((p.amount - p.claimable for p in self.pressures), ZERO)


def _number(value: Any) -> Decimal:
    """A metadata sum given as ``600000.00`` or ``600000.00 GBP``."""
    if isinstance(value, Amount):
        return value.number
    return value if isinstance(value, Decimal) else ZERO


def _financial_year(date: datetime.date) -> int:
    """The year a 1 April to 31 March financial year starts in."""
    return date.year if date.month >= 4 else date.year - 1



def _describe(entry: data.Transaction) -> str:
    return f'"{entry.payee}: {entry.narration}"' if entry.payee else f'"{entry.narration}"'


_SFC, _COST, _TRANCHE, _RECEIVABLE = "sfc", "cost", "tranche", "receivable"
_ROOTS = (
    (accounts.SFC_COMPENSATION, _SFC),
    (accounts.COVID_PRESSURES, _COST),
    (accounts.TRANCHE_INCOME, _TRANCHE),
    (accounts.CLAIMS_RECEIVABLE, _RECEIVABLE),
)


class _AccountKinds(dict[str, str | None]):
    """Which of the rule's account roots each account is under, worked out
    once per account rather than once per posting."""

    def __missing__(self, account: str) -> str | None:
        kind = next((k for root, k in _ROOTS if accounts.under(account, root)), None)
        self[account] = kind
        return kind


def _sums() -> defaultdict[Any, Decimal]:
    return defaultdict(Decimal)


@dataclass
class _Collected:
    """What one pass over the entries gathers, keyed for the sums."""

    claimed: defaultdict[tuple[str, str], Decimal] = field(default_factory=_sums)
    loss: defaultdict[tuple[str, str], Decimal] = field(default_factory=_sums)
    anchor: dict[tuple[str, str], data.Transaction] = field(default_factory=dict)
    excluded_claimed: defaultdict[str, Decimal] = field(default_factory=_sums)
    raised: defaultdict[str, Decimal] = field(default_factory=_sums)
    received: defaultdict[str, Decimal] = field(default_factory=_sums)
    last_receipt: dict[str, data.Transaction] = field(default_factory=dict)
    costs_claimed: defaultdict[str, Decimal] = field(default_factory=_sums)
    pressures: dict[tuple[str, bool], Pressure] = field(default_factory=dict)
    tranche: Decimal = ZERO


def _collect(
    entries: list[data.Directive], context: RuleContext, problems: list[RuleError]
) -> _Collected:
    lines = context.config.income_lines
    periods = context.config.claim_periods
    seen = _Collected()
    kinds = _AccountKinds()

    for entry in entries:
        if not isinstance(entry, data.Transaction):
            continue
        claim = metadata.link_id(entry.links, metadata.CLAIM_LINK)
        sfc_postings = []
        covid_costs = []
        raised = ZERO
        for posting in entry.postings:
            kind = kinds[posting.account]
            if kind is None:
                continue
            number = posting.units.number
            if kind is _SFC:
                sfc_postings.append(posting)
            elif kind is _COST:
                if number:
                    covid_costs.append(posting)
            elif kind is _TRANCHE:
                seen.tranche -= number
            elif claim and number:  # a claims receivable (a zero one is neither)
                if number > 0:
                    seen.raised[claim] += number
                    raised += number
                else:
                    seen.received[claim] -= number
                    seen.last_receipt[claim] = entry
        if sfc_postings:
            _sfc_claim(entry, claim, sfc_postings, lines, periods, seen, problems)
        elif raised and claim not in periods:
            problems.append(error(
                entry,
                f"Claim {_describe(entry)} raises {gbp(raised)} under ^claim-{claim} "
                f'but "{claim}" is not a declared claim period',
                "claims.unknown-period"))
        if covid_costs:
            _cost(entry, covid_costs, periods, seen, problems)
    return seen


def _sfc_claim(
    entry: data.Transaction,
    claim: str | None,
    postings: list[data.Posting],
    lines: dict[str, IncomeLine],
    periods: dict[str, ClaimPeriod],
    seen: _Collected,
    problems: list[RuleError],
) -> None:
    """Record an SFC claim's lines, reporting what cannot be compensated."""
    period = periods.get(claim) if claim else None
    if period is None or period.scheme != "sfc":
        what = f'"{claim}" is not a declared SFC claim period' if claim else (
            "it has no ^claim-<period> link")
        problems.append(error(
            entry, f"SFC claim {_describe(entry)} cannot be checked: {what}",
            "claims.unknown-period"))
        return
    for posting in postings:
        name = (posting.meta or {}).get(metadata.INCOME_LINE)
        line = lines.get(name)
        claimed = -posting.units.number
        if line is None:
            what = f'income line "{name}", which is not declared' if name else (
                "no income-line")
            problems.append(error(
                entry, f"SFC claim {claim} claims {gbp(claimed)} for {what}",
                "claims.unknown-income-line"))
        elif line.excluded:
            seen.excluded_claimed[line.id] += claimed
            problems.append(error(
                entry,
                f'SFC claim {claim} claims {gbp(claimed)} for income line "{line.id}" '
                f"({line.income_type}): {EXCLUSION_REASONS[line.income_type]}",
                "claims.excluded-income"))
        else:
            key = (period.id, line.id)
            seen.claimed[key] += claimed
            seen.loss[key] += _number((posting.meta or {}).get(metadata.RELEVANT_LOSS))
            seen.anchor[key] = entry


def _cost(
    entry: data.Transaction,
    postings: list[data.Posting],
    periods: dict[str, ClaimPeriod],
    seen: _Collected,
    problems: list[RuleError],
) -> None:
    """Record a COVID cost (or, net negative, a refund of one) and check it
    may be claimed."""
    claim = entry.meta.get(metadata.CLAIM)
    fund = entry.meta.get(metadata.FUND)
    gov_requested = metadata.is_true(entry.meta.get(metadata.GOV_REQUESTED))
    total = sum((p.units.number for p in postings), ZERO)
    what = "Refund" if total < 0 else "Cost"
    for posting in postings:
        category = accounts.leaf(posting.account, accounts.COVID_PRESSURES)
        key = (category, gov_requested)
        pressure = seen.pressures.get(key)
        if pressure is None:
            pressure = seen.pressures[key] = Pressure(category, gov_requested, ZERO, ZERO)
        pressure.amount += posting.units.number
        if fund:
            pressure.funded += posting.units.number
    if not claim:
        return
    claim = str(claim)
    seen.costs_claimed[claim] += total
    period = periods.get(claim)
    if period is None or period.scheme != "expenditure":
        problems.append(error(
            entry,
            f"{what} {_describe(entry)} ({gbp(total)}) names claim \"{claim}\", which is "
            "not a declared expenditure claim period",
            "claims.unknown-period"))
    elif not period.start <= entry.date <= period.end:
        problems.append(error(
            entry,
            f"{what} {_describe(entry)} ({gbp(total)}) dated {entry.date} is claimed in "
            f"{claim}, which covers {period.start} to {period.end}",
            "claims.outside-period"))
    if fund and total > 0:
        problems.append(error(
            entry,
            f"Cost {_describe(entry)} ({gbp(total)}) was met by ring-fenced fund "
            f'"{fund}" and is also claimed in {claim}: that is double funding',
            "claims.double-funding"))
    elif not fund and not gov_requested:
        problems.append(error(
            entry,
            f"{what} {_describe(entry)} ({gbp(total)}) is claimed in {claim} but is "
            "not marked gov-requested: TRUE; only tasks government asked for "
            "are reimbursed" + (", and a refund carries its cost's flags"
                                if total < 0 else ""),
            "claims.not-gov-requested"))


def _unrecorded(
    period: ClaimPeriod, recorded: list[ClaimPeriod], periods: dict[str, ClaimPeriod]
) -> str:
    """A hint naming the year's earlier SFC periods with no record of the
    line's loss, which then counts for nothing in the loss to date."""
    year = _financial_year(period.start)
    seen = {p.id for p in recorded}
    missing = sorted(
        (p.start, p.id) for p in periods.values()
        if p.scheme == "sfc" and p.start < period.start
        and _financial_year(p.start) == year and p.id not in seen)
    if not missing:
        return ""
    return (f" (no loss recorded for it in {', '.join(i for _, i in missing)}: record a "
            "period's loss, even with nothing claimed, with a 0.00 GBP posting carrying "
            "income-line and relevant-loss)")


def _sfc_lines(
    seen: _Collected, context: RuleContext, problems: list[RuleError]
) -> list[LineClaim]:
    """Work out what is due per line and period, cumulatively per year."""
    settings = context.settings
    periods = context.config.claim_periods
    lines = context.config.income_lines
    by_line: defaultdict[str, list[ClaimPeriod]] = defaultdict(list)
    for period_id, line_id in seen.claimed:
        by_line[line_id].append(periods[period_id])
    results = []
    for line_id, line_periods in by_line.items():
        line = lines[line_id]
        deductible = (settings.sfc_deductible * line.budget).quantize(PENNY, ROUND_HALF_UP)
        year = None
        for period in sorted(line_periods, key=lambda p: (p.start, p.id)):
            if _financial_year(period.start) != year:
                year = _financial_year(period.start)
                loss_to_date = claimed_earlier = ZERO
            key = (period.id, line_id)
            loss, claimed = seen.loss[key], seen.claimed[key]
            loss_to_date += loss
            compensation = (settings.sfc_rate * max(ZERO, loss_to_date - deductible)
                            ).quantize(PENNY, ROUND_HALF_UP)
            due = compensation - claimed_earlier
            raised = seen.raised.get(period.id, ZERO)
            received = (claimed * seen.received.get(period.id, ZERO) / raised
                        ).quantize(PENNY, ROUND_HALF_UP) if raised else ZERO
            results.append(LineClaim(
                line_id, period.id, line.budget, loss, loss_to_date, deductible,
                compensation, claimed_earlier, due, claimed, received))
            if claimed != due:
                problems.append(error(
                    seen.anchor[key],
                    f'SFC claim {period.id} for income line "{line_id}" claims '
                    f"{gbp(claimed)} but {gbp(due)} is due: {settings.sfc_rate:.0%} of "
                    f"loss to date {gbp(loss_to_date)} above the {gbp(deductible)} "
                    f"deductible, less {gbp(claimed_earlier)} claimed earlier"
                    + _unrecorded(period, line_periods, periods),
                    "claims.sfc-amount"))
            claimed_earlier += claimed
    return results


def analyse(entries: list[data.Directive], context: RuleContext) -> ClaimsAnalysis:
    """The claims position of the books, with every problem found."""
    problems: list[RuleError] = []
    config = context.config
    if not config.income_lines and not config.claim_periods:
        return ClaimsAnalysis([], [], [], [], ZERO, problems)
    seen = _collect(entries, context, problems)
    sfc_lines = _sfc_lines(seen, context, problems)

    claims = []
    for claim in sorted(set(seen.raised) | set(seen.received) | set(seen.costs_claimed)):
        raised, received = seen.raised[claim], seen.received[claim]
        period = config.claim_periods.get(claim)
        claims.append(ClaimStatus(
            claim, period.scheme if period else None, raised, received,
            seen.costs_claimed[claim]))
        if claim in seen.last_receipt and received != raised:
            problems.append(error(
                seen.last_receipt[claim],
                f"Receipts for claim {claim} total {gbp(received)} but "
                f"{gbp(raised)} was claimed (difference {gbp(raised - received)})",
                "claims.receipt-mismatch"))

    excluded = [
        ExcludedLine(line.id, line.income_type, EXCLUSION_REASONS[line.income_type],
                     seen.excluded_claimed[line.id])
        for line in config.income_lines.values() if line.excluded
    ]
    pressures = sorted(seen.pressures.values(),
                       key=lambda p: (p.category, not p.gov_requested))
    return ClaimsAnalysis(sfc_lines, pressures, claims, excluded, seen.tranche, problems)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Report SFC, expenditure and receipt problems; entries are unchanged."""
    return entries, analyse(entries, context).problems


plugin = as_plugin(check)
