"""The claim pack: what the council claimed from government for COVID lost
income and costs, what it was due, what came in, and what it left out.

Every figure is the claims rule's (``rules.claims.analyse``): sales, fees and
charges (SFC) lines per claim period with the deductible and compensation
rate the ledger declares, COVID spending pressures by category with the
government-requested flag, emergency tranches against those pressures, and
the lines excluded for double funding or because the income is outside the
scheme, each with its reason and ledger line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from reports.models.books import ReportBooks
from reports.models.findings import mark, marks, with_marks
from reports.models.header import ReportHeader
from reports.models.series import TimeSeries, pressures_by_month, sfc_claimed_received
from reports.models.tables import ZERO, Column, Figure, Table, money_sum, to_dict

TITLE = "COVID-19 claim pack"
SFC_AMOUNT = "claims.sfc-amount"  # an SFC line claiming other than is due
# Findings on a claim as a whole, marked on its row of the claims table.
CLAIM_CODES = ("claims.receipt-mismatch", "claims.unknown-period")
EXCLUDED_CODES = {"claims.double-funding": "Double funding",
                  "claims.not-gov-requested": "Not a government-requested task",
                  "claims.excluded-income": "Excluded income"}


@dataclass
class ClaimPackReport:
    header: ReportHeader
    headline: list[Figure]
    sfc: Table
    claims: Table
    pressures: Table
    tranches: Table
    excluded_lines: Table
    excluded_claims: Table
    sfc_frame: pd.DataFrame
    sfc_by_month: TimeSeries
    pressures_by_month: TimeSeries
    findings: Table | None = None  # its streams' findings, added by reports.registry

    template = "claim_pack.html"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


def _in_period(books: ReportBooks) -> set[str]:
    """The declared claim periods that overlap the report's period."""
    return {p.id for p in books.config.claim_periods.values()
            if books.period.overlaps(p.start, p.end)}


def _sfc(books: ReportBooks) -> tuple[Table, pd.DataFrame]:
    """SFC lines of the claim periods that overlap the report's period."""
    wanted = _in_period(books)
    settings = books.context.settings
    frame = pd.DataFrame(
        [{"period": c.period, "line": c.line, "budget": c.budget, "gross": c.gross_loss,
          "savings": c.savings, "loss": c.relevant_loss,
          "loss_to_date": c.loss_to_date, "deductible": c.deductible,
          "compensation": c.compensation_to_date, "due": c.due, "claimed": c.claimed,
          "claimed_to_date": c.claimed_earlier + c.claimed, "received": c.received}
         for c in books.claims.sfc_lines if c.period in wanted],
        columns=["period", "line", "budget", "gross", "savings", "loss", "loss_to_date",
                 "deductible", "compensation", "due", "claimed", "claimed_to_date",
                 "received"])
    frame = frame.sort_values(["period", "line"], kind="stable")
    totals = {"period": "Total", "line": "",
              **{k: money_sum(frame[k]) for k in ("loss", "due", "claimed")},
              **{k: _known_sum(frame[k]) for k in ("gross", "savings")}}
    # The return's figures, one row per line and period. Short labels, the
    # note spelling them out: any more columns and the table leaves the
    # landscape page (the budget is the deductible's basis; what was
    # received is in the claims table, per claim).
    table = Table.from_frame(
        "Sales, fees and charges: income lines by claim period",
        [Column("period", "Period"), Column("line", "Income line"),
         Column("gross", "Gross loss", "money"),
         Column("savings", "Savings", "money"),
         Column("loss", "Relevant loss", "money"),
         Column("loss_to_date", "Loss to date", "money"),
         Column("deductible", f"Deductible ({settings.sfc_deductible:.0%})", "money"),
         Column("compensation", f"Compen­sation ({settings.sfc_rate:.0%})", "money"),
         Column("due", "Due", "money"),
         Column("claimed", "Claimed", "money")],
        frame, totals,
        note="Per claim period: relevant loss = gross loss − savings; loss to date is the "
             "relevant loss over the financial year so far. Deductible = "
             f"{settings.sfc_deductible} × the line's budgeted income for the year (its "
             "cwl-income-line budget). Compensation to "
             f"date = {settings.sfc_rate} × max(0, loss to date − deductible); due this "
             "period = compensation to date − claimed in the year's earlier periods. A "
             "dash: the ledger records only the line's relevant loss (relevant-loss), not "
             "its gross loss and savings.")
    return table, frame


def _known_sum(values: pd.Series) -> Decimal | None:
    """The total of a column, or None when a line's figure is not known."""
    if any(v is None or v != v for v in values):
        return None
    return money_sum(values)


def _claims(books: ReportBooks) -> Table:
    """Claims for periods overlapping the report's, and any claim whose
    period the ledger never declared."""
    wanted = _in_period(books)
    declared = books.config.claim_periods
    rows = [{"claim": c.claim, "scheme": c.scheme or "(not declared)", "raised": c.raised,
             "received": c.received, "outstanding": c.difference,
             "costs": c.costs_claimed if c.scheme == "expenditure" else None,
             "state": c.state}
            for c in books.claims.claims if c.claim in wanted or c.claim not in declared]
    return Table("Claims raised and received",
                 [Column("claim", "Claim"), Column("scheme", "Scheme"),
                  Column("raised", "Claimed", "money"), Column("received", "Received", "money"),
                  Column("outstanding", "Still to come", "money"),
                  Column("costs", "Costs tagged to the claim", "money"),
                  Column("state", "Status")],
                 rows, {"claim": "Total", "scheme": "",
                        "raised": money_sum(r["raised"] for r in rows),
                        "received": money_sum(r["received"] for r in rows),
                        "outstanding": money_sum(r["outstanding"] for r in rows)},
                 note="Received to the end of the ledger: claims are paid after their period. "
                      "A negative claim (a loss to date revised down) is money the council "
                      "owes back: still to come is then negative until it is repaid.")


def _pressures(books: ReportBooks) -> tuple[Table, Table, dict[str, Any]]:
    """Pressures and tranches dated in the report's period."""
    result = books.claims_in(books.period)
    frame = pd.DataFrame(
        [{"category": p.title, "requested": "Yes" if p.gov_requested else "No",
          "amount": p.amount, "funded": p.funded, "claimable": p.claimable}
         for p in result.pressures],
        columns=["category", "requested", "amount", "funded", "claimable"])
    spent = money_sum(frame["amount"])
    funded = money_sum(frame["funded"])
    claimable = money_sum(frame["claimable"])
    pressures = Table.from_frame(
        "COVID spending pressures by category",
        [Column("category", "Category"), Column("requested", "Government-requested"),
         Column("amount", "Spent", "money"), Column("funded", "Met by ring-fenced fund", "money"),
         Column("claimable", "Claimable", "money")],
        frame, {"category": "Total", "requested": "", "amount": spent,
                "funded": funded, "claimable": claimable},
        note="Only government-requested tasks are reimbursed, and never a cost a "
             "ring-fenced fund met.")
    tranche = result.tranche_income
    rows = [{"what": "Emergency funding tranches received", "amount": tranche},
            {"what": "COVID spending pressures", "amount": spent},
            {"what": "of which claimable", "amount": claimable},
            {"what": "of which met by ring-fenced funds", "amount": funded},
            {"what": "Pressures not met by tranches",
             "amount": max(spent - funded - tranche, ZERO)}]
    tranches = Table("Tranche income against pressures",
                     [Column("what", ""), Column("amount", "£", "money")], rows,
                     note="Pressures not met by tranches: spent, less what ring-fenced "
                          "funds met, less tranche income.")
    return pressures, tranches, {"tranche": tranche, "spent": spent, "claimable": claimable}


def _excluded(books: ReportBooks) -> tuple[Table, Table]:
    lines = Table(
        "Income lines outside the SFC scheme",
        [Column("line", "Income line"), Column("type", "Income type"),
         Column("reason", "Reason"), Column("claimed", "Claimed against it", "money")],
        [{"line": e.line, "type": e.income_type, "reason": e.reason, "claimed": e.claimed}
         for e in books.claims.excluded],
        empty="Every declared income line is within the scheme.")
    rows = [{"kind": EXCLUDED_CODES[f.code], "at": books.where(f.meta),
             "reason": books.finding(f)}
            for f in books.claims.findings if f.code in EXCLUDED_CODES]
    claims = Table("Lines excluded from claims, with reasons",
                   [Column("kind", "Excluded for"), Column("at", "Ledger line"),
                    Column("reason", "Reason")], rows,
                   empty="No claimed line is excluded.")
    return lines, claims


def _sfc_marks(books: ReportBooks) -> dict[tuple[str, str], str]:
    """The SFC lines the rule found claiming other than their due, by
    (period, line): those whose claimed differs from due in a claim with a
    ``claims.sfc-amount`` finding (the rule's own test, on its records)."""
    flagged = {f.concerns for f in books.claims.findings if f.code == SFC_AMOUNT}
    return {(c.period, c.line): mark([SFC_AMOUNT]) for c in books.claims.sfc_lines
            if c.period in flagged and c.claimed != c.due}


def build(books: ReportBooks) -> ClaimPackReport:
    """The claim pack for ``books.period``."""
    sfc, frame = _sfc(books)
    sfc = with_marks(sfc, _sfc_marks(books), lambda r: (r["period"], r["line"]),
                     after="claimed", label="Finding")
    claims = with_marks(_claims(books), marks(books.claims.findings, CLAIM_CODES),
                        lambda r: r["claim"], after="outstanding", label="Finding")
    pressures, tranches, sums = _pressures(books)
    excluded_lines, excluded_claims = _excluded(books)
    headline = [
        Figure("SFC compensation claimed", money_sum(frame["claimed"]),
               source="claim periods overlapping the report period"),
        Figure("SFC compensation due", money_sum(frame["due"])),
        Figure("SFC received", money_sum(frame["received"])),
        Figure("COVID spending pressures", sums["spent"]),
        Figure("Claimable pressures", sums["claimable"]),
        Figure("Emergency tranches received", sums["tranche"]),
    ]
    return ClaimPackReport(books.header(TITLE), headline, sfc, claims, pressures, tranches,
                           excluded_lines, excluded_claims, frame,
                           sfc_by_month=sfc_claimed_received(books, _in_period(books)),
                           pressures_by_month=pressures_by_month(books))
