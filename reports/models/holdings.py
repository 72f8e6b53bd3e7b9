"""What the place holds at the end of a period: the balance sheet's stocks
beside its flows.

Flows say what moved in the period; a balance sheet must also say what is
still owed and held on its last day, and by whom: grants recipients must
pay back (paid above the award as it stands), relief suppliers owe back
after open-book reconciliation, reimbursement claims government has not yet
paid, grants awarded and not yet paid, and ring-fenced funds the council
holds unspent. Each is read from a rule's records dated up to that day, or
from the balance of its account.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ledger import accounts
from ledger.periods import Period
from reports.models.books import ReportBooks
from reports.models.tables import ZERO, Column, Table, money_sum

# Who owes (or holds) what, to whom.
Holder = Callable[[str | None, str | None, dict, bool], str]


@dataclass(frozen=True)
class Holding:
    """An amount ``group`` owes or holds at the period's end."""

    group: str
    holding: str
    amount: Decimal
    counterparty: str
    source: str


def _grants(books: ReportBooks, end: datetime.date, group_of: Holder,
            council: str) -> list[Holding]:
    """Per recipient group, paid on an award less recovered above the award
    as it stands (to recover); and what the council still owes on awards
    (awarded, not yet paid). Awards and payments dated up to ``end``."""
    owed: dict[str, Decimal] = defaultdict(Decimal)
    unpaid = ZERO
    for scheme in books.grants.schemes.values():
        net: dict[str, Decimal] = defaultdict(Decimal)
        for move in scheme.payments:
            if move.award_id is not None and move.date <= end:
                net[move.award_id] += -move.amount if move.recovery else move.amount
        awarded: dict[str, Decimal] = defaultdict(Decimal)
        first: dict[str, Any] = {}
        for award in scheme.awards:
            if award.award_id is not None and award.date <= end:
                awarded[award.award_id] += award.amount  # a top-up adds to the award
                first.setdefault(award.award_id, award)
        for award_id, amount in awarded.items():
            over = net.get(award_id, ZERO) - amount
            if over > 0:
                award = first[award_id]
                personal = award_id in books.personal_awards
                owed[group_of(award.org_id, award.payee, award.meta, personal)] += over
            else:
                unpaid -= over
    return [Holding(group, "Grants overpaid, to recover", amount, council,
                    "grants rule: payments less recoveries above the award")
            for group, amount in sorted(owed.items())] + [
        Holding(council, "Grants awarded, not yet paid", unpaid, "grant recipients",
                "grants rule: awards less net payments")]


def _relief_owed(books: ReportBooks, end: datetime.date, group_of: Holder,
                 council: str) -> list[Holding]:
    """Per supplier group: relief paid beyond the reconciled actual cost and
    not yet recovered, for reconciliations dated up to ``end``."""
    owed: dict[str, Decimal] = defaultdict(Decimal)
    for relief in books.relief.contracts.values():
        done = relief.reconciliation
        if relief.contract is None or done is None or done.date > end:
            continue
        paid = money_sum(p.amount for p in relief.payments if p.date <= end)
        recovered = money_sum(p.amount for p in relief.recoveries if p.date <= end)
        left = paid - done.actual_cost - recovered
        if left > 0:
            supplier = relief.contract.supplier
            owed[group_of(supplier, None, {"org-id": supplier}, False)] += left
    return [Holding(group, "Relief overpaid, owed back", amount, council,
                    "supplier relief rule: paid less actual cost less recovered")
            for group, amount in sorted(owed.items())]


def _balance(books: ReportBooks, root: str, end: datetime.date) -> Decimal:
    return money_sum(n for day, _, n in books.moves_under(root) if day <= end)


def _government(books: ReportBooks, end: datetime.date, government: str,
                council: str) -> list[Holding]:
    """Claims government has not paid, and ring-fenced funds unspent."""
    first = books.first_transaction or end
    claims = books.claims_in(Period(min(first, end), end)).claims
    receivable = money_sum(c.raised - c.received for c in claims)
    return [
        Holding(government, "Reimbursement claims not yet paid", receivable, council,
                "claims rule: raised less received"),
        Holding(council, "Ring-fenced funds unspent", -_balance(
            books, accounts.RING_FENCED, end), "their purpose", accounts.RING_FENCED),
    ]


def holdings(books: ReportBooks, end: datetime.date, group_of: Holder, government: str,
             council: str) -> list[Holding]:
    """Everything owed or held at the end of ``end``."""
    return (_grants(books, end, group_of, council)
            + _relief_owed(books, end, group_of, council)
            + _government(books, end, government, council))


def table(now: list[Holding], prior: list[Holding] | None, end: datetime.date,
          prior_end: datetime.date) -> Table:
    """One row per (group, holding), with the same day a year earlier."""
    before = {(h.group, h.holding): h.amount for h in prior or []}
    rows = [{"group": h.group, "holding": h.holding, "counterparty": h.counterparty,
             "amount": h.amount,
             "prior": before.pop((h.group, h.holding), ZERO) if prior is not None else None}
            for h in now]
    rows += [{"group": group, "holding": holding, "counterparty": "", "amount": ZERO,
              "prior": amount} for (group, holding), amount in before.items()]
    return Table(f"What is owed and held on {end:%-d %B %Y}",
                 [Column("group", "Group"), Column("holding", "Owes or holds"),
                  Column("counterparty", "To / for"),
                  Column("amount", f"{end:%-d %b %Y}", "money"),
                  Column("prior", f"{prior_end:%-d %b %Y}", "money")],
                 rows, note="Stocks, not flows: read from the rules' records dated up to "
                            "each day (grants, supplier relief, claims) and from the "
                            "balances of the grants payable and ring-fenced accounts.")
