"""Hardship payments as the grant panel pack publishes them: per fund,
how many payments, people and households, by payment method, with the
vouchers still held and the payments found to be second ones. No name,
postcode or reference is read from the books here, only counts and sums,
and any count from 1 to 4 is shown as "<5" so a small group cannot be
picked out (the disclosure control statisticians use for small counts).
"""

from __future__ import annotations

from decimal import Decimal

from ledger.metadata import METHODS
from reports.models.books import ReportBooks
from reports.models.tables import Column, Table, money_sum
from rules.hardship import PersonPayment

SMALLEST_SHOWN = 5
SUPPRESSED = "<5"


def suppressed(count: int) -> str:
    """A published count: 0, "<5", or the number."""
    return SUPPRESSED if 0 < count < SMALLEST_SHOWN else f"{count:,}"


def _row(fund: str, payments: list[PersonPayment], held: Decimal,
         twice: int) -> dict[str, object]:
    row: dict[str, object] = {
        "fund": fund, "payments": suppressed(len(payments)),
        "people": suppressed(len({p.person_ref for p in payments if p.person_ref})),
        "households": suppressed(len({p.household_ref for p in payments
                                      if p.household_ref})),
        "paid": money_sum(p.amount for p in payments),
        "held": held, "twice": suppressed(twice)}
    for method in METHODS:
        row[method] = money_sum(p.amount for p in payments if p.method == method)
    return row


def hardship_table(books: ReportBooks) -> Table:
    """Per fund paying people, payments dated in the period."""
    analysis = books.session.hardship
    twice = {id(p) for p in analysis.paid_twice}
    rows, every = [], []
    for code, scheme in sorted(analysis.schemes.items()):
        mine = [p for p in scheme.payments if p.date in books.period]
        every += mine
        held = money_sum(v.outstanding for v in scheme.vouchers
                         if v.payment.date in books.period)
        rows.append(_row(code, mine, held, sum(id(p) in twice for p in mine)))
    totals = None
    if len(rows) > 1:
        totals = _row("Total", every, money_sum(r["held"] for r in rows),
                      sum(id(p) in twice for p in every))
    return Table("Hardship (no names)", [
        Column("fund", "Fund"), Column("payments", "Payments"), Column("people", "People"),
        Column("households", "Households"), Column("paid", "Paid", "money"),
        Column("bank", "By bank", "money"), Column("voucher", "By voucher", "money"),
        Column("prepaid-card", "By prepaid card", "money"),
        Column("held", "Vouchers still held", "money"),
        Column("twice", "Paid twice")], rows, totals,
        note="Funds declared recipients: \"individuals\". People and households are "
             "counted by their salted references; no one is named. Counts from 1 to 4 "
             "are shown as <5. \"Paid twice\": payments to a person or household already "
             "paid by the fund, or a fund it is paid once across, within its window.",
        empty="No fund paid people in the period.")
