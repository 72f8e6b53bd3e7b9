"""The grant panel pack's "Funding by type": how voluntary groups were
funded (one-off grants, funding agreements, contracts), how fast awards
were paid after application, each funding agreement's instalments and
variations, and the relief requests with their decisions.

Awards are the grants rule's (``rules.grants``); agreements and requests
the VCSE rule's (``rules.vcse``), so the panel sees what the rules checked.
A recipient who is an individual is never named.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from decimal import Decimal

from ledger.metadata import FUNDING_TYPES
from ledger.redaction import WITHHELD
from reports.models.books import ReportBooks
from reports.models.tables import Column, Table, money_sum
from rules.grants import Award

NOT_STATED = "not stated (VCSE groups)"


@dataclass
class FundingByType:
    """The section's three tables."""

    types: Table
    agreements: Table
    requests: Table


def _days_to_pay(awards: list[Award]) -> Decimal | None:
    """Median days from application to first payment, where both are known."""
    days = [(a.first_paid - a.applied).days for a in awards if a.applied and a.first_paid]
    return Decimal(str(statistics.median(days))) if days else None


def _types(books: ReportBooks) -> Table:
    organisations = books.config.organisations
    by_type: dict[str, list[Award]] = {kind: [] for kind in FUNDING_TYPES}
    for award in books.grants.awards:
        if award.date not in books.period:
            continue
        kind = award.funding_type
        if kind is None:
            org = organisations.get(award.org_id) if award.org_id else None
            if org is None or not org.vcse:
                continue
            kind = NOT_STATED
        by_type.setdefault(kind, []).append(award)
    rows = []
    for kind, awards in by_type.items():
        schemes = books.config.schemes
        late = [a for a in awards if a.applied and a.first_paid and a.scheme in schemes
                and schemes[a.scheme].pay_within
                and (a.first_paid - a.applied).days > schemes[a.scheme].pay_within]
        rows.append({"type": kind, "awards": len(awards),
                     "awarded": money_sum(a.amount for a in awards),
                     "paid": money_sum(a.paid for a in awards),
                     "days": _days_to_pay(awards), "late": len(late)})
    totals = {"type": "Total", "awards": sum(r["awards"] for r in rows),
              "awarded": money_sum(r["awarded"] for r in rows),
              "paid": money_sum(r["paid"] for r in rows), "late": sum(r["late"] for r in rows)}
    return Table("Funding by type", [
        Column("type", "Funding type"), Column("awards", "Awards", "count"),
        Column("awarded", "Awarded", "money"), Column("paid", "Paid", "money"),
        Column("days", "Median days, application to payment", "number"),
        Column("late", "Paid later than the scheme's pay-within", "count")], rows, totals,
        note="Awards dated in the period, by their funding-type; awards to VCSE groups "
             "that state none are counted apart. Days are counted where the award gives "
             "its applied date.")


def _recipient(books: ReportBooks, org_id: str) -> str:
    org = books.config.organisations.get(org_id)
    name = org.name if org else org_id
    return WITHHELD if books.people.organisation(org_id, name) else books.people.scrub(name)


def _agreements(books: ReportBooks) -> Table:
    rows = []
    for book in books.session.vcse.agreements.values():
        declared = book.declared
        end = book.end_on()
        if not books.period.overlaps(declared.start, end):
            continue
        rows.append({"agreement": book.id, "recipient": _recipient(books, declared.recipient),
                     "value": declared.value, "start": declared.start, "end": end,
                     "variations": len(book.variations), "due": book.due, "paid": book.paid,
                     "missed": len(book.missed)})
    return Table("Funding agreements", [
        Column("agreement", "Agreement"), Column("recipient", "Recipient"),
        Column("value", "Value", "money"), Column("start", "Start", "date"),
        Column("end", "End, as varied", "date"), Column("variations", "Variations", "count"),
        Column("due", "Due to date", "money"), Column("paid", "Paid", "money"),
        Column("missed", "Instalments missed", "count")], rows,
        {"agreement": "Total", "value": money_sum(r["value"] for r in rows),
         "due": money_sum(r["due"] for r in rows), "paid": money_sum(r["paid"] for r in rows),
         "missed": sum(r["missed"] for r in rows)} if rows else None,
        note="Agreements running in the period. Due to date: instalments whose due date "
             "and grace had passed by the books' last date, less those no longer owed "
             "after a variation.",
        empty="No funding agreement ran in the period.")


def _requests(books: ReportBooks) -> Table:
    analysis = books.session.vcse
    rows = []
    for status in analysis.requests:
        request = status.declared
        if request.received not in books.period:
            continue
        rows.append({"request": request.id, "group": _recipient(books, request.org),
                     "received": request.received, "decided": request.decided,
                     "outcome": request.outcome or "undecided",
                     "waiting": status.waiting})
    return Table("Relief requests", [
        Column("request", "Request"), Column("group", "Group"),
        Column("received", "Received", "date"), Column("decided", "Decided", "date"),
        Column("outcome", "Outcome"), Column("waiting", "Days undecided", "count")], rows,
        note=f"Requests received in the period; days undecided as at {analysis.as_of}.",
        empty="No relief request was received in the period.")


def funding_by_type(books: ReportBooks) -> FundingByType:
    return FundingByType(_types(books), _agreements(books), _requests(books))
