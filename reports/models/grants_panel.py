"""The grant panel pack: per scheme, what was awarded and paid, every rule
exception at its ledger line, possible double payments, recoveries, and an
assurance status for each award.

Post-payment assurance is what councils owed for the 2020 business grants,
paid at speed with few checks. Everything here is the grants rule's own
analysis (``rules.grants.analyse``), so the panel sees what the rule saw.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from ledger.entry_types import meta_key
from ledger.redaction import WITHHELD
from reports.models.books import ReportBooks
from reports.models.funding_types import FundingByType, funding_by_type
from reports.models.hardship import hardship_table
from reports.models.header import ReportHeader
from reports.models.people import individuals_label
from reports.models.series import TimeSeries, grants_paid_by_week
from reports.models.tables import (
    Column,
    Figure,
    IdList,
    Table,
    money_sum,
    natural_key,
    to_dict,
)
from reports.models.takeup import Takeup, takeup_by_band
from rules.grants import Award, GrantsAnalysis

TITLE = "Grant panel pack"

CLEAR, EXCEPTION, RECOVERED, REVIEW, UNPAID = (
    "clear", "exception", "recovered", "review", "not paid")
STATUS_NOTES = {
    CLEAR: "paid as awarded, no rule broken",
    EXCEPTION: "a rule is broken on the award or its payments",
    RECOVERED: "money was clawed back and the award is now within its amount",
    REVIEW: "shares a bank account or company (in any scheme) or a property (in its "
            "scheme) with another award: the group is reviewed as a whole",
    UNPAID: "awarded, not yet paid in full",
}
# Rateable value bands of the 2020 schemes (LRSG bands A/B/C).
BAND_A, BAND_B = "A: RV up to £15,000", "B: RV over £15,000, under £51,000"
BAND_C, NO_RV = "C: RV £51,000 or more", "No rateable value"


@dataclass
class GrantsPanelReport:
    header: ReportHeader
    headline: list[Figure]
    schemes: Table
    bands: Table
    duplicates: Table
    recoveries: Table
    statuses: Table
    attention: list[Table]  # per scheme: awards not clear, in full
    clear_awards: Table  # per scheme: how many clear awards, and their sum
    clear_ids: list[IdList]  # per scheme: the clear awards' ids, in natural order
    award_frame: pd.DataFrame
    paid_by_week: TimeSeries
    hardship: Table | None = None  # funds paying people: counts, never names
    funding: FundingByType | None = None  # VCSE funding by type, agreements, requests
    takeup: Takeup | None = None  # the rating list: eligible, not yet paid, by band
    findings: Table | None = None  # its streams' findings, added by reports.registry

    template = "grants_panel.html"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


def band(rateable_value: Decimal | None) -> str:
    if rateable_value is None:
        return NO_RV
    if rateable_value <= 15000:
        return BAND_A
    return BAND_B if rateable_value < 51000 else BAND_C


def _statuses(analysis: GrantsAnalysis) -> dict[int, str]:
    """Assurance status per award (by ``id``): review (in a group of
    possible double payments, which the panel reviews as a whole) over
    exception over recovered over not paid over clear."""
    awards = analysis.awards
    by_meta: dict[tuple[str, int], Award] = {meta_key(a.meta): a for a in awards}
    by_link = {(a.scheme, a.award_id): a for a in awards if a.award_id}
    for scheme in analysis.schemes.values():
        # A finding on a payment or correction belongs to its award.
        for move in (*scheme.payments, *scheme.corrections):
            award = by_link.get((move.scheme, move.award_id))
            if award is not None:
                by_meta.setdefault(meta_key(move.meta), award)
    broken = {id(by_meta[meta_key(f.meta)]) for f in analysis.findings
              if meta_key(f.meta) in by_meta}
    shared = {id(a) for group in analysis.duplicates for a in group.awards}
    statuses = {}
    for award in awards:
        key = id(award)
        if key in shared:
            statuses[key] = REVIEW
        elif key in broken:
            statuses[key] = EXCEPTION
        elif award.recovered:
            statuses[key] = RECOVERED
        elif award.paid < award.amount:
            statuses[key] = UNPAID
        else:
            statuses[key] = CLEAR
    return statuses


def award_frame(books: ReportBooks) -> pd.DataFrame:
    """Every award in the period with its payments, band and status;
    ``personal`` awards must never be shown by name."""
    analysis = books.grants
    statuses = _statuses(analysis)
    rows = []
    for code, scheme in sorted(analysis.schemes.items()):
        for a in scheme.awards:
            if a.date not in books.period:
                continue
            rows.append({
                "scheme": code, "award_id": a.award_id or "(unlinked)", "date": a.date,
                "recipient": a.payee or a.org_id or "",
                "personal": books.award_is_personal(a.award_id, a.payee, a.meta),
                "property": a.property_ref or "",
                "rateable_value": a.rateable_value, "band": band(a.rateable_value),
                "amount": a.amount, "paid": a.paid, "recovered": a.recovered, "net": a.net,
                "status": statuses[id(a)]})
    return pd.DataFrame(rows, columns=[
        "scheme", "award_id", "date", "recipient", "personal", "property", "rateable_value",
        "band", "amount", "paid", "recovered", "net", "status"])


def _scheme_table(books: ReportBooks, awards: pd.DataFrame) -> Table:
    rows = []
    for code, scheme in sorted(books.grants.schemes.items()):
        mine = awards[awards["scheme"] == code]
        payments = [p for p in scheme.payments if p.date in books.period and not p.recovery]
        recovered = money_sum(p.amount for p in scheme.payments
                              if p.date in books.period and p.recovery)
        total = money_sum(mine["amount"])
        rows.append({
            "scheme": code, "title": scheme.declared.title if scheme.declared else "(not declared)",
            "awards": len(mine), "awarded": total,
            "average": total / len(mine) if len(mine) else None,
            "payments": len(payments), "paid": money_sum(p.amount for p in payments),
            "recovered": recovered})
    totals = {"scheme": "Total", "title": "",
              **{k: sum(r[k] for r in rows) for k in ("awards", "payments")},
              **{k: money_sum(r[k] for r in rows) for k in ("awarded", "paid", "recovered")}}
    return Table("Awards and payments by scheme",
                 [Column("scheme", "Scheme"), Column("title", "Title"),
                  Column("awards", "Awards", "count"), Column("awarded", "Awarded", "money"),
                  Column("average", "Average award", "money"),
                  Column("payments", "Payments", "count"), Column("paid", "Paid", "money"),
                  Column("recovered", "Recovered", "money")], rows, totals,
                 note="Awards dated in the period; payments and recoveries dated in the period.")


def _band_table(awards: pd.DataFrame) -> Table:
    if awards.empty:
        frame = pd.DataFrame(columns=["scheme", "band", "count", "amount"])
    else:
        frame = (awards.groupby(["scheme", "band"], sort=True)
                 .agg(count=("amount", "size"), amount=("amount", money_sum)).reset_index())
        frame["average"] = [a / c for a, c in zip(frame["amount"], frame["count"])]
    return Table.from_frame("Awards by rateable-value band",
                            [Column("scheme", "Scheme"), Column("band", "Band"),
                             Column("count", "Awards", "count"),
                             Column("amount", "Awarded", "money"),
                             Column("average", "Average", "money")], frame)


def _duplicates(books: ReportBooks) -> Table:
    labels = {"bank-fingerprint": "Bank account", "company-number": "Company number",
              "property-ref": "Property"}
    rows = []
    for group in books.grants.duplicates:
        if not any(a.date in books.period for a in group.awards):
            continue
        personal = any(a.award_id in books.personal_awards for a in group.awards)
        rows.append({"scheme": group.scheme, "shared": labels.get(group.shared, group.shared),
                     "value": WITHHELD if personal else books.people.scrub(str(group.value)),
                     "awards": ", ".join(str(i) for i in group.award_ids),
                     "count": len(group.awards),
                     "paid": money_sum(a.paid for a in group.awards)})
    return Table("Possible double payments",
                 [Column("scheme", "Schemes"), Column("shared", "Shared"),
                  Column("value", "Value"), Column("count", "Awards", "count"),
                  Column("awards", "Award ids"), Column("paid", "Paid", "money")],
                 rows, note="Awards to different businesses sharing a bank account or "
                            "company number, across all schemes (a group may span SBGF and "
                            "RHLGF), and awards sharing a property within a scheme: each "
                            "may be a double payment, and every award in a group has "
                            "status review.",
                 empty="No awards share a bank account, company or property.")


def _recoveries(books: ReportBooks) -> Table:
    rows = [{"date": p.date, "scheme": p.scheme, "award": p.award_id or "(unlinked)",
             "amount": p.amount, "at": books.where(p.meta)}
            for s in sorted(books.grants.schemes.values(), key=lambda s: s.scheme)
            for p in s.payments if p.recovery and p.date in books.period]
    return Table("Recoveries", [Column("date", "Date", "date"), Column("scheme", "Scheme"),
                                Column("award", "Award"), Column("amount", "Recovered", "money"),
                                Column("at", "Ledger line")], rows,
                 {"date": "Total", "amount": money_sum(r["amount"] for r in rows)} if rows
                 else None, empty="Nothing was recovered in the period.")


AWARD_COLUMNS = [Column("award_id", "Award"), Column("date", "Date", "date"),
                 Column("recipient", "Recipient"),
                 Column("rateable_value", "RV", "money"), Column("amount", "Awarded", "money"),
                 Column("paid", "Paid", "money"), Column("recovered", "Recovered", "money"),
                 Column("status", "Status")]


def _individuals_row(people: pd.DataFrame) -> dict[str, Any]:
    """Awards to individuals as one row that names none of them."""
    counts = Counter(people["status"])
    return {"award_id": "", "date": None, "recipient": individuals_label(len(people)),
            "property": "", "rateable_value": None, "amount": money_sum(people["amount"]),
            "paid": money_sum(people["paid"]), "recovered": money_sum(people["recovered"]),
            "status": ", ".join(f"{n} {s}" for s, n in sorted(counts.items()))}


def _attention_tables(awards: pd.DataFrame) -> list[Table]:
    """Per scheme, every award that is not clear, in full."""
    tables = []
    for code, mine in awards[awards["status"] != CLEAR].groupby("scheme", sort=True):
        personal = mine["personal"].astype(bool)
        rows = mine[~personal].to_dict("records")
        if personal.any():
            rows.append(_individuals_row(mine[personal]))
        tables.append(Table(f"{code}: awards needing attention", AWARD_COLUMNS, rows,
                            {"award_id": "Total", "amount": money_sum(mine["amount"]),
                             "paid": money_sum(mine["paid"]),
                             "recovered": money_sum(mine["recovered"])}))
    return tables


def _clear_awards(awards: pd.DataFrame) -> tuple[Table, list[IdList]]:
    """Per scheme, the clear awards (paid as awarded, nothing found): a
    count and sum, and their ids in natural order, people's never listed."""
    rows, lists = [], []
    for code, mine in awards[awards["status"] == CLEAR].groupby("scheme", sort=True):
        personal = mine["personal"].astype(bool)
        rows.append({"scheme": code, "count": len(mine), "amount": money_sum(mine["amount"]),
                     "people": int(personal.sum())})
        ids = tuple(sorted(mine.loc[~personal, "award_id"], key=natural_key))
        note = (f"And {individuals_label(int(personal.sum()))}, not listed."
                if personal.any() else "")
        lists.append(IdList(f"{code}: {len(mine)} clear awards", ids, note))
    table = Table("Clear awards", [Column("scheme", "Scheme"),
                                   Column("count", "Awards", "count"),
                                   Column("amount", "Awarded", "money"),
                                   Column("people", "Of which to individuals", "count")],
                  rows, empty="No award is clear.")
    return table, lists


def build(books: ReportBooks) -> GrantsPanelReport:
    """The grant panel pack for awards dated in ``books.period``."""
    awards = award_frame(books)
    counts = Counter(awards["status"])
    statuses = Table("Assurance status", [Column("status", "Status"),
                                          Column("count", "Awards", "count"),
                                          Column("meaning", "Meaning")],
                     [{"status": s, "count": counts.get(s, 0), "meaning": STATUS_NOTES[s]}
                      for s in (CLEAR, REVIEW, RECOVERED, UNPAID, EXCEPTION)])
    schemes = _scheme_table(books, awards)
    headline = [
        Figure("Awards", len(awards), "count"),
        Figure("Awarded", schemes.totals["awarded"]),
        Figure("Paid", schemes.totals["paid"]),
        Figure("Recovered", schemes.totals["recovered"]),
        Figure("Rule exceptions", len(books.grants.findings), "count"),
        Figure("Awards with an exception", counts.get(EXCEPTION, 0), "count"),
    ]
    return GrantsPanelReport(books.header(TITLE), headline, schemes, _band_table(awards),
                             _duplicates(books), _recoveries(books),
                             statuses, _attention_tables(awards), *_clear_awards(awards),
                             awards, paid_by_week=grants_paid_by_week(books),
                             hardship=hardship_table(books), funding=funding_by_type(books),
                             takeup=takeup_by_band(books))
