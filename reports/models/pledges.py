"""The community wealth pledges report: progress against each pledge, the
council's spend by who owns the supplier, and the community assets it lets
below market rent.

Progress is the pledges rule's (``session.pledges``), as of the books' last
payment; spend by ownership reads the local spend analysis's payments in the
period (``ReportBooks.spend``) and each payee's declared ``ownership`` and
``living-wage``; assets are the ``cwl-asset`` declarations. Occupiers who
are individuals are never named.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ledger.community_models import SOCIAL_ECONOMY
from ledger.redaction import PUBLIC_LABEL
from reports.models.books import ReportBooks
from reports.models.findings import marks, with_marks
from reports.models.header import ReportHeader
from reports.models.tables import ZERO, Column, Figure, Table, money_sum, share, to_dict

TITLE = "Community wealth pledges"
NOT_STATED = "not stated"
OWNERSHIPS = ("co-operative", "social-enterprise", "employee-owned", "cic", "charity",
              "mutual", "public", "private", NOT_STATED)


@dataclass
class PledgesReport:
    header: ReportHeader
    headline: list[Figure]
    progress: Table  # pledges measured in pounds
    progress_shares: Table  # pledges measured as a share of spend
    ownership: Table
    assets: Table
    findings: Table | None = None  # its streams' findings, added by reports.registry

    template = "pledges.html"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


def _progress(books: ReportBooks, kind: str) -> Table:
    """The pledges whose measure is in pounds (``kind`` "money") or a share."""
    rows = [{"pledge": item.pledge.id, "charter": books.session.text(item.pledge.charter),
             "measure": item.pledge.measure, "baseline": item.pledge.baseline,
             "target": item.pledge.target_value, "by": item.pledge.by,
             "expected": item.expected, "actual": item.actual,
             "state": "on track" if item.on_track else "off track"}
            for item in books.session.pledges.pledges
            if (item.pledge.measure == "own-area-share") == (kind == "share")]
    table = Table(
        "Progress against each pledge" + (" (shares of spend)" if kind == "share" else ""),
        [Column("pledge", "Pledge"), Column("charter", "Charter"),
         Column("measure", "Measure"), Column("baseline", "Baseline", kind),
         Column("target", "Target", kind), Column("by", "By", "date"),
         Column("expected", "On the line now", kind),
         Column("actual", "Actual, year to date", kind), Column("state", "")],
        rows,
        note="Each measure over the year to the books' last payment, against the straight "
             "line from its baseline (on the pledge's date) to its target (on its by date)."
             if rows else "",
        empty="The ledger declares no cwl-pledge of this kind.")
    if not rows:
        return table
    return with_marks(table, marks(books.session.pledges.findings), lambda r: r["pledge"],
                      label="Finding")


def _ownership(books: ReportBooks) -> Table:
    organisations = books.config.organisations
    spend = books.spend_in(books.period)
    totals = dict.fromkeys(OWNERSHIPS, ZERO)
    living = dict.fromkeys(OWNERSHIPS, ZERO)
    for org_id, amount in zip(spend["org_id"], spend["amount"]):
        org = organisations.get(org_id) if isinstance(org_id, str) else None
        kind = (org.ownership if org is not None else None) or NOT_STATED
        totals[kind] += amount
        living[kind] += amount if org is not None and org.living_wage else ZERO
    whole = money_sum(totals.values())
    rows = [{"ownership": kind, "amount": totals[kind], "share": share(totals[kind], whole),
             "living_wage": living[kind]} for kind in OWNERSHIPS if totals[kind]]
    return Table(
        "Spend by ownership type",
        [Column("ownership", "Ownership"), Column("amount", "Spend in the period", "money"),
         Column("share", "Share", "share"),
         Column("living_wage", "of which with Living Wage employers", "money")],
        rows, {"ownership": "Total", "amount": whole, "share": share(whole, whole),
               "living_wage": money_sum(living.values())},
        note="Payments to suppliers (the local spend rule's), by the ownership their "
             f"cwl-organisation declares; the social economy is {', '.join(SOCIAL_ECONOMY)}.")


def _assets(books: ReportBooks) -> Table:
    organisations, people = books.config.organisations, books.people
    rows = []
    for asset in books.config.assets.values():
        org = organisations.get(asset.occupier)
        name = org.name if org is not None else asset.occupier
        rows.append({"uprn": asset.id, "name": books.session.text(asset.name),
                     "occupier": PUBLIC_LABEL if people.organisation(asset.occupier, name)
                     else name,
                     "tenure": asset.tenure, "since": asset.date,
                     "market": asset.market_rent, "charged": asset.rent_charged,
                     "foregone": asset.rent_foregone})
    return Table(
        "Community assets let below market rent",
        [Column("uprn", "UPRN"), Column("name", "Property"), Column("occupier", "Occupier"),
         Column("tenure", "Tenure"), Column("since", "Since", "date"),
         Column("market", "Market rent a year", "money"),
         Column("charged", "Rent charged a year", "money"),
         Column("foregone", "Rent foregone a year", "money")],
        rows, {"uprn": "Total", "foregone": money_sum(r["foregone"] for r in rows)},
        note="The community balance sheet counts the rent foregone in its period, pro rata.",
        empty="The ledger declares no cwl-asset.")


def build(books: ReportBooks) -> PledgesReport:
    """Pledges as of the books' last payment; spend by ownership in the period."""
    pledges = books.session.pledges.pledges
    ownership = _ownership(books)
    social = money_sum(r["amount"] for r in ownership.rows if r["ownership"] in SOCIAL_ECONOMY)
    headline = [
        Figure("Pledges", len(pledges), "count"),
        Figure("Off track", sum(1 for p in pledges if not p.on_track), "count"),
        Figure("Spend with the social economy", social, source="in the period"),
        Figure("Rent foregone on community assets a year",
               money_sum(a.rent_foregone for a in books.config.assets.values())),
    ]
    return PledgesReport(books.header(TITLE), headline, _progress(books, "money"),
                         _progress(books, "share"), ownership, _assets(books))

