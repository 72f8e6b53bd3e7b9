"""The grant panel pack's "Take-up: eligible, not yet paid, by band": the
properties on the business rates list that each banded scheme could still
pay, and each scheme's allocation against what it paid and what must go
back once it has closed.

Take-up is the take-up rule's (``rules.takeup``), paid and recovered the
grants rule's (``rules.grants``), so the panel sees what the rules checked.
Only counts and sums are shown: no property reference, occupier or name.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reports.models.books import ReportBooks
from reports.models.tables import Column, Table, money_sum

ZERO = Decimal(0)


@dataclass
class Takeup:
    """The section's two tables."""

    bands: Table
    allocations: Table


def _bands(books: ReportBooks) -> Table:
    analysis = books.session.takeup
    rows = []
    for code, scheme in sorted(analysis.schemes.items()):
        for band in scheme.bands:
            rows.append({"scheme": code, "as_at": scheme.eligibility_date,
                         "band": band.label, "grant": band.grant,
                         "eligible": band.eligible, "awarded": band.awarded,
                         "unpaid": len(band.unpaid), "value": band.unpaid_value})
    totals = {"scheme": "Total", "eligible": sum(r["eligible"] for r in rows),
              "awarded": sum(r["awarded"] for r in rows),
              "unpaid": sum(r["unpaid"] for r in rows),
              "value": money_sum(r["value"] for r in rows)} if rows else None
    return Table("Take-up: eligible, not yet paid, by band", [
        Column("scheme", "Scheme"), Column("as_at", "List as at", "date"),
        Column("band", "Band"), Column("grant", "Grant", "money"),
        Column("eligible", "Properties in the band", "count"),
        Column("awarded", "Holding an award", "count"),
        Column("unpaid", "Eligible, not yet paid", "count"),
        Column("value", "Value not yet paid", "money")], rows, totals,
        note=f"{analysis.listed:,} properties on the rating list. Each scheme reads the "
             "rateable value the list gave on its eligibility date. Not yet paid: in the "
             "band, and holding no award of the scheme or of one it excludes. The list "
             "does not say which reliefs a property had or whether it had to close, so "
             "these are the properties to contact, the most that may still be claimed.",
        empty="The books declare no rating list (cwl-property), or no scheme pays by "
              "rateable-value band.")


def _allocations(books: ReportBooks) -> Table:
    config, grants = books.config, books.grants.schemes
    takeup = books.session.takeup.schemes
    as_of = books.period.end
    rows = []
    for code, scheme in sorted(config.schemes.items()):
        if scheme.funding is None and code not in takeup:
            continue
        paid = grants[code].paid if code in grants else ZERO
        recovered = grants[code].recovered if code in grants else ZERO
        back = None  # shown as a dash while the scheme is open
        if scheme.closes < as_of and scheme.funding is not None:
            back = max(scheme.funding - paid + recovered, ZERO)
        rows.append({"scheme": code, "allocation": scheme.funding, "paid": paid,
                     "recovered": recovered,
                     "unpaid": takeup[code].unpaid_value if code in takeup else None,
                     "closes": scheme.closes, "back": back})
    return Table("Allocation, paid and what must go back", [
        Column("scheme", "Scheme"), Column("allocation", "Allocation", "money"),
        Column("paid", "Paid", "money"), Column("recovered", "Recovered", "money"),
        Column("unpaid", "Eligible, not yet paid", "money"),
        Column("closes", "Closes", "date"), Column("back", "Must go back", "money")], rows,
        {"scheme": "Total", "allocation": money_sum(r["allocation"] or ZERO for r in rows),
         "paid": money_sum(r["paid"] for r in rows),
         "recovered": money_sum(r["recovered"] for r in rows),
         "unpaid": money_sum(r["unpaid"] or ZERO for r in rows),
         "back": money_sum(r["back"] for r in rows if r["back"] is not None)
         if any(r["back"] is not None for r in rows) else None} if rows else None,
        note=f"Schemes declaring their allocation (funding) or paying by band. Must go "
             f"back: allocation less paid, plus what was recovered, for a scheme closed by "
             f"{as_of} (a dash while open or with no allocation declared); paid is all "
             "payments to date, whatever the period.",
        empty="No scheme declares its allocation (funding).")


def takeup_by_band(books: ReportBooks) -> Takeup:
    return Takeup(_bands(books), _allocations(books))
