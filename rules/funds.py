"""A community organisation's own books: restricted funds, the cost of its
contracts, and volunteer time.

Money given for a purpose is a restricted fund, declared with ``cwl-fund``
(funder, purpose accounts, start, end, returnable). Income carrying
``fund: "<id>"`` (on the transaction or the posting) or linked
``^fund-<id>`` adds to the fund; expenses carrying the same spend it; a
balance brought forward sits in ``Equity:Funds:Restricted:<id>``. All other
money is unrestricted. A contract's income is ``Income:Contracts:<id>``; its
full cost is every expense posting tagged ``contract: "<id>"``; what the cost
exceeds the income by is met from other income (the cross-subsidy).
Volunteer time is held in ``HOURS`` (``Assets:Volunteering`` against
``Income:Volunteering``) and valued only in reports, at the settings'
``volunteer-hour-value``.

Findings:

- ``funds.restricted-overspent``: a fund spent more than it received
  (with its balance brought forward), at the transaction that took it over;
- ``funds.wrong-purpose``: fund money booked to an expense account outside
  the fund's purpose accounts;
- ``funds.unspent-at-end``: money left on a returnable fund after its end
  (as of the books' last transaction), at the fund's declaration;
- ``funds.hours-in-gbp``: volunteering booked as £ income, or as a £ cost
  that no money paid: time given is not money received;
- ``funds.unknown-fund``: a ``fund:`` value (at the posting or transaction
  that carries it) or a ``^fund-<id>`` link (at the transaction) naming no
  declared ``cwl-fund``: the money would silently count as unrestricted.

The rule is silent on books that declare no ``cwl-fund`` and are not a
community organisation's (``cwl-settings kind: "community-org"``).

    plugin "rules.funds"
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import accounts, metadata
from ledger.accounts import under
from ledger.models import Fund
from ledger.stock import GBP, ZERO, gbp_value
from rules.api import Analysis, Finding, RuleContext, as_plugin, finding, gbp

__plugins__ = ("plugin",)

# An account component that names volunteer time (``Income:InKind:Volunteering``).
VOLUNTEERING_WORD = accounts.VOLUNTEERING.rsplit(":", 1)[-1]


@dataclass
class FundPosition:
    """One restricted fund's money, over the whole books."""

    fund: Fund
    brought_forward: Decimal = ZERO  # credit on Equity:Funds:Restricted:<id>
    received: Decimal = ZERO  # income postings on the fund
    spent: Decimal = ZERO  # expense postings on the fund
    # (transaction, spent so far) after each spending, in ledger order.
    spending: list[tuple[Any, Decimal]] = field(default_factory=list, repr=False)

    @property
    def balance(self) -> Decimal:
        return self.brought_forward + self.received - self.spent


@dataclass
class Unrestricted:
    """Every £ of income and cost on no declared fund."""

    brought_forward: Decimal = ZERO  # credit on any other Equity account
    income: Decimal = ZERO
    spent: Decimal = ZERO

    @property
    def balance(self) -> Decimal:
        return self.brought_forward + self.income - self.spent


@dataclass
class ContractCoverage:
    """A contract's income against the full cost of the work tagged to it."""

    contract: str
    income: Decimal = ZERO
    cost: Decimal = ZERO

    @property
    def surplus(self) -> Decimal:
        """Income less cost: negative when other income meets the rest."""
        return self.income - self.cost

    @property
    def cross_subsidy(self) -> Decimal:
        """What other income paid towards the contract's work."""
        return max(self.cost - self.income, ZERO)


@dataclass
class FundsAnalysis(Analysis):
    """The funds, contracts and volunteer hours, and the findings."""

    active: bool
    funds: dict[str, FundPosition]
    unrestricted: Unrestricted
    contracts: dict[str, ContractCoverage]
    volunteer_hours: Decimal
    hour_value: Decimal | None  # £ per hour, declared in cwl-settings
    as_of: datetime.date | None  # the books' last transaction
    findings: list[Finding] = field(default_factory=list)

    @property
    def volunteer_value(self) -> Decimal | None:
        """The hours at the declared proxy: a memo figure, never income."""
        return None if self.hour_value is None else self.volunteer_hours * self.hour_value


def _meta(meta: Any, key: str) -> str | None:
    return metadata.text_value(meta.get(key)) if meta else None


def _unknown_funds(entry: Any, funds: dict[str, Fund]) -> list[Finding]:
    """Every ``fund:`` value and ``^fund-`` link on the transaction that
    names no declared fund, once each, at the line that carries it."""
    named: list[tuple[Any, str, str]] = []
    if fund := _meta(entry.meta, metadata.FUND):
        named.append((entry.meta, fund, f'fund: "{fund}"'))
    for link in sorted(entry.links or ()):
        if link.startswith(metadata.FUND_LINK):
            named.append((entry.meta, link[len(metadata.FUND_LINK):], f"^{link}"))
    for posting in entry.postings:
        if fund := _meta(posting.meta, metadata.FUND):
            named.append((posting.meta, fund, f'fund: "{fund}" on {posting.account}'))
    problems, seen = [], set()
    for where, fund, what in named:
        if fund in funds or fund in seen:
            continue
        seen.add(fund)
        meant = difflib.get_close_matches(fund, funds, n=1)
        hint = f'did you mean "{meant[0]}"? ' if meant else ""
        problems.append(finding(
            where, f'{what} names no declared cwl-fund: {hint}declare the fund or correct '
            "the name (until then the money counts as unrestricted)",
            "funds.unknown-fund", fund))
    return problems


def _fund_of(entry: Any, posting: Any) -> str | None:
    """The fund a posting is on: its own ``fund:``, else the transaction's,
    else a ``^fund-`` link."""
    return (_meta(posting.meta, metadata.FUND) or _meta(entry.meta, metadata.FUND)
            or metadata.link_id(entry.links, metadata.FUND_LINK))


def _is_volunteering(account: str) -> bool:
    return VOLUNTEERING_WORD in account.split(":")


def _hours_in_gbp(entry: Any) -> Finding | None:
    """Volunteering in £ on income, or as a cost no money paid."""
    moves_money = any(p.units.currency == GBP and (under(p.account, accounts.ASSETS)
                                                    or under(p.account, accounts.LIABILITIES))
                      for p in entry.postings)
    for posting in entry.postings:
        if posting.units.currency != GBP or not _is_volunteering(posting.account):
            continue
        income = under(posting.account, accounts.INCOME)
        if income or (under(posting.account, accounts.EXPENSES) and not moves_money):
            return finding(
                entry, f"{posting.account} books volunteering as {posting.units}: time "
                f"given is not £ {'income' if income else 'spent'}; record it in "
                f"{accounts.HOURS} ({accounts.VOLUNTEERING} against "
                f"{accounts.VOLUNTEERING_INCOME}) and value it only in reports "
                "(volunteer-hour-value in cwl-settings)", "funds.hours-in-gbp")
    return None


def _wrong_purpose(entry: Any, posting: Any, fund: Fund) -> Finding:
    return finding(
        entry, f'{gbp(gbp_value(posting))} of fund "{fund.id}" ({fund.funder}) booked to '
        f"{posting.account}, outside its purpose accounts "
        f"({', '.join(fund.purpose_accounts)}): restricted money may pay only for "
        "what it was given for", "funds.wrong-purpose", fund.id)


class _Books:
    """The running totals of one pass over the transactions."""

    def __init__(self, funds: dict[str, Fund]) -> None:
        self.funds = {k: FundPosition(f) for k, f in funds.items()}
        self.unrestricted = Unrestricted()
        self.contracts: dict[str, ContractCoverage] = {}
        self.hours = ZERO
        self.findings: list[Finding] = []

    def contract(self, contract: str) -> ContractCoverage:
        return self.contracts.setdefault(contract, ContractCoverage(contract))

    def add(self, entry: Any) -> None:
        wrong = False
        spent: set[str] = set()
        for posting in entry.postings:
            account = posting.account
            if posting.units.currency == accounts.HOURS and under(account, accounts.INCOME):
                self.hours -= posting.units.number
            value = gbp_value(posting)
            if not value:
                continue
            position = self.funds.get(_fund_of(entry, posting) or "")
            if under(account, accounts.INCOME):
                if position:
                    position.received -= value
                else:
                    self.unrestricted.income -= value
                if contract := accounts.leaf(account, accounts.CONTRACT_INCOME):
                    self.contract(contract).income -= value
            elif under(account, accounts.EXPENSES):
                if contract := (_meta(posting.meta, metadata.CONTRACT)
                                or _meta(entry.meta, metadata.CONTRACT)):
                    self.contract(contract).cost += value
                if not position:
                    self.unrestricted.spent += value
                    continue
                position.spent += value
                spent.add(position.fund.id)
                if not wrong and not any(under(account, root)
                                         for root in position.fund.purpose_accounts):
                    wrong = True
                    self.findings.append(_wrong_purpose(entry, posting, position.fund))
            elif under(account, accounts.EQUITY):
                fund = accounts.leaf(account, accounts.RESTRICTED_FUNDS)
                held = self.funds.get(fund or "")
                if held:
                    held.brought_forward -= value
                else:
                    self.unrestricted.brought_forward -= value
        for fund_id in spent:
            position = self.funds[fund_id]
            position.spending.append((entry, position.spent))


def _overspent(position: FundPosition) -> Finding | None:
    """At the transaction whose spending took the fund past what it had."""
    available = position.brought_forward + position.received
    if position.spent <= available:
        return None
    entry = next(e for e, spent in position.spending if spent > available)
    fund = position.fund
    return finding(
        entry, f'Fund "{fund.id}" ({fund.funder}) has spent {gbp(position.spent)} but '
        f"had {gbp(available)} (brought forward and received): {gbp(-position.balance)} "
        "of restricted spending has no restricted money (fund it from unrestricted "
        "income, or correct the fund tag)",
        "funds.restricted-overspent", fund.id)


def _unspent(position: FundPosition, as_of: datetime.date) -> Finding | None:
    fund = position.fund
    if not fund.returnable or fund.end >= as_of or position.balance <= 0:
        return None
    return finding(
        fund.meta, f'Returnable fund "{fund.id}" ({fund.funder}) ended {fund.end} with '
        f"{gbp(position.balance)} unspent (as of {as_of}): agree an extension with the "
        "funder or return it", "funds.unspent-at-end", fund.id)


def analyse(entries: list[data.Directive], context: RuleContext) -> FundsAnalysis:
    """One pass over the transactions, then each fund judged; changes nothing."""
    config = context.config
    settings = context.settings
    active = bool(config.funds) or settings.kind == "community-org"
    books = _Books(config.funds if active else {})
    as_of = None
    if active:
        transactions = context.transactions(entries)
        as_of = transactions.last_date
        for entry in transactions.all:
            books.add(entry)
            books.findings += _unknown_funds(entry, config.funds)
            if problem := _hours_in_gbp(entry):
                books.findings.append(problem)
    findings = books.findings
    for position in books.funds.values():
        if problem := _overspent(position):
            findings.append(problem)
        if as_of is not None and (problem := _unspent(position, as_of)):
            findings.append(problem)
    return FundsAnalysis(active, books.funds, books.unrestricted, books.contracts,
                         books.hours, settings.volunteer_hour_value, as_of, findings)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Report overspent, misspent, unreturned and unknown restricted funds,
    and volunteer time booked as money."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
