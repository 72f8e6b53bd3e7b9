"""The whole funding gap: what COVID cost the council and the income it
lost, less everything government and ring-fenced funds put back.

    cost pressures + fees and charges lost + tax lost
      − tranches − SFC compensation − reimbursements − ring-fenced money spent
      = gap

Every figure but the tax lost is the claims rule's (``session.claims``), so
the gap is made of the figures the claim pack shows: pressures, ring-fenced
spending and tranches dated in the period (``claims_in``); the relevant loss
(gross loss less savings) of the SFC lines, and what came in on SFC and
expenditure claims, for the claim periods overlapping it. The tax lost is the
council's share of each ``cwl-collection-fund`` shortfall dated in the
period. The gap is also shown as a share of the ``usable-reserves`` that
``cwl-settings`` declares: how much of its reserves the council would burn.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reports.models.books import ReportBooks
from reports.models.tables import Column, Table, money_sum, share


@dataclass(frozen=True)
class FundingGap:
    """The statement's terms (each a positive sum) and what they leave."""

    cost_pressures: Decimal
    fees_charges_lost: Decimal
    tax_lost: Decimal
    tranches: Decimal
    sfc_compensation: Decimal
    reimbursements: Decimal
    ring_fenced_spent: Decimal
    usable_reserves: Decimal | None

    @property
    def gap(self) -> Decimal:
        return (self.cost_pressures + self.fees_charges_lost + self.tax_lost - self.tranches
                - self.sfc_compensation - self.reimbursements - self.ring_fenced_spent)

    @property
    def share_of_reserves(self) -> Decimal | None:
        return share(self.gap, self.usable_reserves) if self.usable_reserves else None


def funding_gap(books: ReportBooks) -> FundingGap:
    """The gap over ``books.period``, read from the claims analysis."""
    claims = books.claims
    in_period = books.claims_in(books.period)
    periods = {p.id for p in books.config.claim_periods.values()
               if books.period.overlaps(p.start, p.end)}
    received = {scheme: money_sum(c.received for c in claims.claims
                                  if c.scheme == scheme and c.claim in periods)
                for scheme in ("sfc", "expenditure")}
    return FundingGap(
        cost_pressures=money_sum(p.amount for p in in_period.pressures),
        fees_charges_lost=money_sum(c.relevant_loss for c in claims.sfc_lines
                                    if c.period in periods),
        tax_lost=money_sum(f.council_loss for f in books.config.collection_funds.values()
                           if f.date in books.period),
        tranches=in_period.tranche_income,
        sfc_compensation=received["sfc"],
        reimbursements=received["expenditure"],
        ring_fenced_spent=money_sum(p.funded for p in in_period.pressures),
        usable_reserves=books.context.settings.usable_reserves)


def gap_table(gap: FundingGap) -> Table:
    """The statement, line by line, as the PDF prints it."""
    rows = [
        ("COVID cost pressures", gap.cost_pressures),
        ("+ Sales, fees and charges income lost (relevant loss)", gap.fees_charges_lost),
        ("+ Council tax and business rates lost (the council's share)", gap.tax_lost),
        ("− Emergency funding tranches", -gap.tranches),
        ("− SFC compensation received", -gap.sfc_compensation),
        ("− Expenditure reimbursements received", -gap.reimbursements),
        ("− Ring-fenced money spent", -gap.ring_fenced_spent),
    ]
    return Table(
        "Funding gap statement",
        [Column("what", ""), Column("amount", "£", "money")],
        [{"what": what, "amount": amount} for what, amount in rows],
        {"what": "Funding gap", "amount": gap.gap},
        note="Pressures, ring-fenced spending and tranches dated in the period, as the claims "
             "rule reads them; SFC relevant loss (gross loss less savings) and claim receipts "
             "for the claim periods overlapping the period (income lines outside the scheme "
             "are not counted); tax lost is each cwl-collection-fund's share × (budgeted − "
             "collected). A negative gap is money to spare.")

