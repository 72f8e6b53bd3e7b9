"""The statement of funds of a community organisation: each restricted fund
(received, spent, balance, end, returnable), the unrestricted funds, what
each contract cost against what it paid (the cross-subsidy from other
income), and the volunteer hours with their value as a memo line only.

Every figure is the funds rule's (``session.funds``), over the whole books
as of their last transaction: funds carry their balances across years, and
the Equity:Funds accounts hold what was brought forward. The funds together
are the organisation's net assets in pounds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reports.models.books import ReportBooks
from reports.models.findings import marks, with_marks
from reports.models.header import ReportHeader
from reports.models.tables import Column, Figure, Table, money_sum, to_dict
from rules.accommodation import AccommodationAnalysis
from rules.funds import FundsAnalysis

TITLE = "Statement of funds"


@dataclass
class StatementOfFunds:
    header: ReportHeader
    headline: list[Figure]
    restricted: Table
    funds: Table
    contracts: Table
    volunteering: list[Figure]
    accommodation: Table
    findings: Table | None = None  # its streams' findings, added by reports.registry

    template = "statement_of_funds.html"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


def _restricted(books: ReportBooks, analysis: FundsAnalysis) -> Table:
    text = books.session.text
    rows = [{"fund": p.fund.id, "funder": text(p.fund.funder),
             "brought_forward": p.brought_forward, "received": p.received, "spent": p.spent,
             "balance": p.balance, "end": p.fund.end,
             "returnable": "yes" if p.fund.returnable else "no"}
            for p in sorted(analysis.funds.values(), key=lambda p: p.fund.id)]
    totals = {"fund": "Total", **{k: money_sum(r[k] for r in rows)
                                  for k in ("brought_forward", "received", "spent", "balance")}}
    table = Table(
        "Restricted funds",
        [Column("fund", "Fund"), Column("funder", "Funder"),
         Column("brought_forward", "Brought forward", "money"),
         Column("received", "Received", "money"), Column("spent", "Spent", "money"),
         Column("balance", "Balance", "money"), Column("end", "Ends", "date"),
         Column("returnable", "Returnable")],
        rows, totals,
        note="Received: income postings carrying fund: \"<id>\" or linked ^fund-<id>; spent: "
             "expense postings on the fund; brought forward: Equity:Funds:Restricted:<id>.",
        empty="The ledger declares no cwl-fund.")
    return with_marks(table, marks(analysis.findings), lambda r: r.get("fund"),
                      label="Finding")


def _funds(analysis: FundsAnalysis) -> Table:
    """Restricted and unrestricted funds side by side, totalled."""
    restricted = list(analysis.funds.values())
    rest = analysis.unrestricted
    rows = [
        {"funds": "Restricted",
         "brought_forward": money_sum(p.brought_forward for p in restricted),
         "income": money_sum(p.received for p in restricted),
         "spent": money_sum(p.spent for p in restricted),
         "balance": money_sum(p.balance for p in restricted)},
        {"funds": "Unrestricted", "brought_forward": rest.brought_forward,
         "income": rest.income, "spent": rest.spent, "balance": rest.balance},
    ]
    totals = {"funds": "Total funds", **{k: money_sum(r[k] for r in rows)
                                         for k in ("brought_forward", "income", "spent",
                                                   "balance")}}
    return Table(
        "Restricted and unrestricted funds",
        [Column("funds", "Funds"), Column("brought_forward", "Brought forward", "money"),
         Column("income", "Income", "money"), Column("spent", "Spent", "money"),
         Column("balance", "Balance", "money")],
        rows, totals,
        note="Unrestricted: every £ of income and cost on no declared fund (donated goods "
             "at their declared value included); brought forward: Equity:Funds:Unrestricted "
             "and any other equity. Volunteer time is not income.")


def _contracts(analysis: FundsAnalysis) -> Table:
    rows = [{"contract": c.contract, "income": c.income, "cost": c.cost,
             "surplus": c.surplus, "cross_subsidy": c.cross_subsidy}
            for c in sorted(analysis.contracts.values(), key=lambda c: c.contract)]
    totals = {"contract": "Total", **{k: money_sum(r[k] for r in rows)
                                      for k in ("income", "cost", "surplus", "cross_subsidy")}}
    return Table(
        "Cost coverage per contract",
        [Column("contract", "Contract"), Column("income", "Contract income", "money"),
         Column("cost", "Full cost", "money"), Column("surplus", "Surplus (deficit)", "money"),
         Column("cross_subsidy", "Cross-subsidy from other income", "money")],
        rows, totals,
        note="Contract income: Income:Contracts:<id>; full cost: every expense posting "
             "tagged contract: \"<id>\". The cross-subsidy is what the work cost beyond "
             "what the contract paid, met from grants, donations and trading.",
        empty="No contract income or contract costs in the books.")


def _accommodation(analysis: AccommodationAnalysis) -> Table:
    """Each site month by month: occupied unit-nights, cash cost, redeployed
    staff time (apart, as no cash paid for it), cost a night."""
    rows = []
    for record in sorted(analysis.sites.values(), key=lambda r: r.site.id):
        rows += [{"site": record.site.id, "month": f"{m.month:%b %Y}",
                  "units": record.site.units, "unit_nights": m.unit_nights, "cost": m.cost,
                  "staff_time": m.staff_time, "per_night": m.cost_per_night}
                 for _, m in sorted(record.months.items())]
        rows.append({"site": f"{record.site.id} in all", "month": "",
                     "units": record.site.units, "unit_nights": record.unit_nights,
                     "cost": record.cost, "staff_time": record.staff_time,
                     "per_night": record.cost_per_night})
    return with_marks(Table(
        "Emergency accommodation",
        [Column("site", "Site"), Column("month", "Month"), Column("units", "Units", "count"),
         Column("unit_nights", "Occupied unit-nights", "count"),
         Column("cost", "Cost", "money"),
         Column("staff_time", "Redeployed staff time (not cash)", "money"),
         Column("per_night", "Cost per occupied unit-night", "money")],
        rows,
        note="Sites declared with cwl-site; occupied unit-nights from cwl-occupancy; cost: "
             "expense postings of transactions tagged site: \"<id>\", in the month paid; "
             "redeployed staff time: cwl-redeployment hours x rate, no cash spent; cost per "
             "unit-night: cost and staff time over the unit-nights.",
        empty="The ledger declares no cwl-site."),
        marks(analysis.findings), lambda r: r["site"].removesuffix(" in all")
        if not r["month"] else None, label="Finding")


def build(books: ReportBooks) -> StatementOfFunds:
    """The funds as of the books' last transaction."""
    analysis = books.session.funds
    restricted = money_sum(p.balance for p in analysis.funds.values())
    headline = [
        Figure("Restricted funds", restricted,
               source=f"as of {analysis.as_of}" if analysis.as_of else ""),
        Figure("Unrestricted funds", analysis.unrestricted.balance),
        Figure("Total funds", restricted + analysis.unrestricted.balance),
        Figure("Cross-subsidy of contracts",
               money_sum(c.cross_subsidy for c in analysis.contracts.values())),
    ]
    volunteering = [
        Figure("Volunteer hours", analysis.volunteer_hours, "number",
               source="HOURS booked to Income:Volunteering"),
        Figure("Their value (memo: not income)", analysis.volunteer_value,
               source=(f"at £{analysis.hour_value:,.2f} an hour (volunteer-hour-value)"
                       if analysis.hour_value is not None
                       else "no volunteer-hour-value in cwl-settings")),
    ]
    return StatementOfFunds(books.header(TITLE), headline, _restricted(books, analysis),
                            _funds(analysis), _contracts(analysis), volunteering,
                            _accommodation(books.session.accommodation))

