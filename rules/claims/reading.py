"""Reading the claims stream in one pass: SFC claim lines, COVID costs and
refunds, tranche income, and what each claim round raised and received."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import accounts, metadata
from ledger.models import ClaimPeriod, IncomeLine
from ledger.stock import gbp_value
from rules.api import Finding, RuleContext, finding, gbp
from rules.claims.losses import line_loss
from rules.claims.records import EXCLUSION_REASONS, ZERO, Pressure


def _describe(entry: data.Transaction) -> str:
    return f'"{entry.payee}: {entry.narration}"' if entry.payee else f'"{entry.narration}"'


_SFC, _COST, _TRANCHE, _RECEIVABLE, _BANK = "sfc", "cost", "tranche", "receivable", "bank"
_ROOTS = (
    (accounts.SFC_COMPENSATION, _SFC),
    (accounts.COVID_PRESSURES, _COST),
    (accounts.TRANCHE_INCOME, _TRANCHE),
    (accounts.CLAIMS_RECEIVABLE, _RECEIVABLE),
    (accounts.BANK, _BANK),
)
_ROOTS_READ = tuple(root for root, kind in _ROOTS if kind is not _BANK)


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
class Collected:
    """What one pass over the entries gathers, keyed for the sums."""

    claimed: defaultdict[tuple[str, str], Decimal] = field(default_factory=_sums)
    loss: defaultdict[tuple[str, str], Decimal] = field(default_factory=_sums)
    gross: defaultdict[tuple[str, str], Decimal] = field(default_factory=_sums)
    savings: defaultdict[tuple[str, str], Decimal] = field(default_factory=_sums)
    # (period, line)s with a posting whose gross loss (savings) is not known,
    # as when it gives relevant-loss alone: the period's is not known either.
    gross_unknown: set[tuple[str, str]] = field(default_factory=set)
    savings_unknown: set[tuple[str, str]] = field(default_factory=set)
    anchor: dict[tuple[str, str], data.Transaction] = field(default_factory=dict)
    excluded_claimed: defaultdict[str, Decimal] = field(default_factory=_sums)
    raised: defaultdict[str, Decimal] = field(default_factory=_sums)
    received: defaultdict[str, Decimal] = field(default_factory=_sums)
    last_receipt: dict[str, data.Transaction] = field(default_factory=dict)
    costs_claimed: defaultdict[str, Decimal] = field(default_factory=_sums)
    pressures: dict[tuple[str, bool], Pressure] = field(default_factory=dict)
    tranche: Decimal = ZERO


def collect(
    entries: list[data.Directive], context: RuleContext, problems: list[Finding]
) -> Collected:
    """The one pass over the entries.

    A claims-receivable posting in a transaction with no bank posting is
    part of the claim, whatever its sign (a negative one: the council owes
    money back); beside a bank posting it is a receipt (money in) or a
    repayment (money out).
    """
    lines = context.config.income_lines
    periods = context.config.claim_periods
    seen = Collected()
    kinds = _AccountKinds()

    # A transaction touching only the bank does nothing here.
    for entry in context.transactions(entries).select(roots=_ROOTS_READ):
        claim = metadata.link_id(entry.links, metadata.CLAIM_LINK)
        sfc_postings = []
        covid_costs = []
        receivable = ZERO
        banked = False
        for posting in entry.postings:
            kind = kinds[posting.account]
            if kind is None:
                continue
            number = gbp_value(posting)  # never masks or hours as £
            if kind is _SFC:
                sfc_postings.append(posting)
            elif kind is _COST:
                if number:
                    covid_costs.append(posting)
            elif kind is _TRANCHE:
                seen.tranche -= number
            elif kind is _BANK:
                banked = True
            else:
                receivable += number
        raised = ZERO
        if claim and receivable:
            if banked:
                seen.received[claim] -= receivable
                seen.last_receipt[claim] = entry
            else:
                seen.raised[claim] += receivable
                raised = receivable
        if sfc_postings:
            _sfc_claim(entry, claim, sfc_postings, lines, periods, seen, problems)
        elif raised and claim not in periods:
            problems.append(finding(
                entry,
                f"Claim {_describe(entry)} raises {gbp(raised)} under ^claim-{claim} "
                f'but "{claim}" is not a declared claim period',
                "claims.unknown-period", claim))
        if covid_costs:
            _cost(entry, covid_costs, periods, seen, problems)
    return seen


def _sfc_claim(
    entry: data.Transaction,
    claim: str | None,
    postings: list[data.Posting],
    lines: dict[str, IncomeLine],
    periods: dict[str, ClaimPeriod],
    seen: Collected,
    problems: list[Finding],
) -> None:
    """Record an SFC claim's lines, reporting what cannot be compensated."""
    period = periods.get(claim) if claim else None
    if period is None or period.scheme != "sfc":
        what = f'"{claim}" is not a declared SFC claim period' if claim else (
            "it has no ^claim-<period> link")
        problems.append(finding(
            entry, f"SFC claim {_describe(entry)} cannot be checked: {what}",
            "claims.unknown-period", claim))
        return
    for posting in postings:
        name = (posting.meta or {}).get(metadata.INCOME_LINE)
        line = lines.get(name)
        claimed = -posting.units.number
        if line is None:
            what = f'income line "{name}", which is not declared' if name else (
                "no income-line")
            problems.append(finding(
                entry, f"SFC claim {claim} claims {gbp(claimed)} for {what}",
                "claims.unknown-income-line", claim))
        elif line.excluded:
            seen.excluded_claimed[line.id] += claimed
            problems.append(finding(
                entry,
                f'SFC claim {claim} claims {gbp(claimed)} for income line "{line.id}" '
                f"({line.income_type}): {EXCLUSION_REASONS[line.income_type]}",
                "claims.excluded-income", claim))
        else:
            key = (period.id, line.id)
            seen.claimed[key] += claimed
            loss = line_loss(posting.meta)
            seen.loss[key] += loss.relevant
            if loss.gross is None:
                seen.gross_unknown.add(key)
            else:
                seen.gross[key] += loss.gross
            if loss.savings is None:
                seen.savings_unknown.add(key)
            else:
                seen.savings[key] += loss.savings
            seen.anchor[key] = entry
            if loss.problem:
                problems.append(finding(
                    entry, f'SFC claim {claim}, income line "{line.id}": {loss.problem}',
                    "claims.sfc-loss", claim))


def _cost(
    entry: data.Transaction,
    postings: list[data.Posting],
    periods: dict[str, ClaimPeriod],
    seen: Collected,
    problems: list[Finding],
) -> None:
    """Record a COVID cost (or, net negative, a refund of one) and check it
    may be claimed."""
    claim = entry.meta.get(metadata.CLAIM)
    fund = entry.meta.get(metadata.FUND)
    gov_requested = metadata.is_true(entry.meta.get(metadata.GOV_REQUESTED))
    total = sum((gbp_value(p) for p in postings), ZERO)
    what = "Refund" if total < 0 else "Cost"
    for posting in postings:
        category = accounts.leaf(posting.account, accounts.COVID_PRESSURES)
        key = (category, gov_requested)
        pressure = seen.pressures.get(key)
        if pressure is None:
            pressure = seen.pressures[key] = Pressure(category, gov_requested, ZERO, ZERO)
        pressure.amount += gbp_value(posting)
        if fund:
            pressure.funded += gbp_value(posting)
    if not claim:
        return
    claim = str(claim)
    seen.costs_claimed[claim] += total
    period = periods.get(claim)
    if period is None or period.scheme != "expenditure":
        problems.append(finding(
            entry,
            f"{what} {_describe(entry)} ({gbp(total)}) names claim \"{claim}\", which is "
            "not a declared expenditure claim period",
            "claims.unknown-period", claim))
    elif not period.start <= entry.date <= period.end:
        problems.append(finding(
            entry,
            f"{what} {_describe(entry)} ({gbp(total)}) dated {entry.date} is claimed in "
            f"{claim}, which covers {period.start} to {period.end}",
            "claims.outside-period", claim))
    if fund and total > 0:
        problems.append(finding(
            entry,
            f"Cost {_describe(entry)} ({gbp(total)}) was met by ring-fenced fund "
            f'"{fund}" and is also claimed in {claim}: that is double funding',
            "claims.double-funding", claim))
    elif not fund and not gov_requested:
        problems.append(finding(
            entry,
            f"{what} {_describe(entry)} ({gbp(total)}) is claimed in {claim} but is "
            "not marked gov-requested: TRUE; only tasks government asked for "
            "are reimbursed" + (", and a refund carries its cost's flags"
                                if total < 0 else ""),
            "claims.not-gov-requested", claim))
