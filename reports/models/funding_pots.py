"""The funding pots report: every one-off pot the council bid for or was
given, what it was worth, what was spent and passed on, what is left, its
deadlines, and the officer hours spent bidding for it and reporting on it:
the cost of the pot system made visible. It ends with the whole funding gap
(``reports.models.funding_gap``).

Every pot figure is the pots rule's (``session.pots``), as of the books'
last transaction: pots are declarations with no period of their own, so all
of them are listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reports.models.books import ReportBooks
from reports.models.findings import marks, with_marks
from reports.models.funding_gap import FundingGap, funding_gap, gap_table
from reports.models.header import ReportHeader
from reports.models.tables import Column, Figure, Table, money_sum, to_dict
from rules.pots import PotPosition

TITLE = "Funding pots and the funding gap"


@dataclass
class FundingPotsReport:
    header: ReportHeader
    headline: list[Figure]
    money: Table
    deadlines: Table
    gap: FundingGap
    gap_statement: Table
    gap_figures: list[Figure]
    findings: Table | None = None  # its streams' findings, added by reports.registry

    template = "funding_pots.html"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


def _money(books: ReportBooks, positions: list[PotPosition]) -> Table:
    text = books.session.text
    rows = [{"pot": p.pot.id, "title": text(p.pot.title), "funder": text(p.pot.funder),
             "kind": p.pot.kind, "allocation": p.pot.allocation, "received": p.received,
             "spent": p.spent, "passed_on": p.passed_on, "unspent": p.unspent,
             "match_required": p.pot.match_required or None,
             "match_spent": p.match_spent if p.pot.match_required else None}
            for p in positions]
    totals = {"pot": "Total", **{k: money_sum(r[k] for r in rows)
                                 for k in ("allocation", "received", "spent", "passed_on",
                                           "unspent")}}
    table = Table(
        "Money in each pot",
        [Column("pot", "Pot"), Column("title", "Title"), Column("funder", "Funder"),
         Column("kind", "Kind"), Column("allocation", "Allocation", "money"),
         Column("received", "Received", "money"), Column("spent", "Spent", "money"),
         Column("passed_on", "Passed on", "money"), Column("unspent", "Unspent", "money"),
         Column("match_required", "Match required", "money"),
         Column("match_spent", "Match spent", "money")],
        rows, totals,
        note="Received: income postings linked ^pot-<id>; spent: its expense postings, the "
             "council's own match funding (match: TRUE) apart; passed on: spent with the "
             "org-id of the pot's passed-on-to body; unspent: allocation − spent.",
        empty="The ledger declares no cwl-pot.")
    return with_marks(table, marks(books.session.pots.findings), lambda r: r.get("pot"),
                      label="Finding")


def _deadlines(positions: list[PotPosition]) -> Table:
    rows = [{"pot": p.pot.id, "spend_by": p.pot.spend_by,
             "reports_due": ", ".join(f"{d:%-d %b %Y}" for d in p.pot.reports_due) or "none",
             "filed": len(p.reports),
             "overdue": ", ".join(f"{d:%-d %b %Y}" for d in p.overdue),
             "bid_hours": p.pot.bid_hours, "report_hours": p.report_hours, "hours": p.hours}
            for p in positions]
    return Table(
        "Deadlines, and the hours spent bidding and reporting",
        [Column("pot", "Pot"), Column("spend_by", "Spend by", "date"),
         Column("reports_due", "Reports due"), Column("filed", "Filed", "count"),
         Column("overdue", "Overdue"), Column("bid_hours", "Bid hours", "number"),
         Column("report_hours", "Report hours", "number"),
         Column("hours", "Hours in all", "number")],
        rows, {"pot": "Total", **{k: sum((r[k] for r in rows), Decimal(0))
                                  for k in ("bid_hours", "report_hours", "hours")}},
        note="Bid hours as each cwl-pot declares them; report hours the sum of its "
             "cwl-pot-report declarations. Overdue: reports due before the books' last "
             "transaction with no report filed for them.",
        empty="The ledger declares no cwl-pot.")


def build(books: ReportBooks) -> FundingPotsReport:
    """The pots as of the books' end, and the funding gap over ``books.period``."""
    analysis = books.session.pots
    positions = sorted(analysis.pots, key=lambda p: p.pot.id)
    allocation = money_sum(p.pot.allocation for p in positions)
    hours = sum((p.hours for p in positions), Decimal(0))
    headline = [
        Figure("Pots", len(positions), "count",
               source=f"as of {analysis.as_of}" if analysis.as_of else ""),
        Figure("Allocated", allocation),
        Figure("Spent", money_sum(p.spent for p in positions)),
        Figure("Unspent", money_sum(p.unspent for p in positions)),
        Figure("Officer hours bidding and reporting", hours, "number"),
    ]
    gap = funding_gap(books)
    gap_figures = [Figure("Funding gap", gap.gap),
                   Figure("Usable reserves", gap.usable_reserves,
                          source="usable-reserves in cwl-settings"),
                   Figure("Gap as a share of usable reserves", gap.share_of_reserves, "share")]
    return FundingPotsReport(books.header(TITLE), headline, _money(books, positions),
                             _deadlines(positions), gap, gap_table(gap), gap_figures)
