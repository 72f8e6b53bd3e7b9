"""The grant panel pack's "Funding by type", "Hardship (no names)" and
"Take-up: eligible, not yet paid, by band", as subsections of the Grants
page.

The tables are the report models' own (``reports.models.funding_types``,
``hardship``, ``takeup``), built from a ``ReportBooks`` over the time
filter's days, and written out by the PDF's formatter, so the page and the
pack cannot disagree. Those models read the whole ledger's rule analyses,
not the filtered entries: the time filter picks the dated rows, the account
and tag filters do not apply, and each subsection says which of its figures
are for the whole books.
"""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass

from ledger.periods import Period
from reports.fava.scope import Scope
from reports.models.books import ReportBooks
from reports.models.funding_types import funding_by_type
from reports.models.hardship import hardship_table
from reports.models.tables import Table
from reports.models.takeup import takeup_by_band
from reports.pdf import formatting
from rules.session import Session

Cell = tuple[str, str]  # text and alignment, as the PDF lays them out


@dataclass(frozen=True)
class PanelTable:
    key: str  # data-table value
    title: str
    columns: list[Cell]
    rows: list[list[Cell]]
    totals: list[Cell] | None
    note: str
    empty: str


@dataclass(frozen=True)
class Subsection:
    key: str  # the heading's id, for links
    title: str  # as the pack heads it
    dates: str  # what the time filter does to these figures
    tables: list[PanelTable]


def laid_out(key: str, table: Table) -> PanelTable:
    """A model table as text cells, written as the PDF writes them."""
    return PanelTable(key, **formatting.table(table))


def _awarded(types: Table) -> Table:
    """Funding by type with no award in the period is empty, not a row of
    noughts per type: the page says so as every other section does."""
    if types.totals and types.totals["awards"]:
        return types
    return dataclasses.replace(types, rows=[], totals=None,
                               empty="No award to a VCSE group or stating a funding-type "
                                     "in the period.")


def books_period(scope: Scope, session: Session) -> Period:
    """The time filter's days; without one, the books' first to last
    transaction (the whole books, not the PDF's default year)."""
    whole = session.span or session.default_period
    return Period(scope.start or whole.start, scope.end or whole.end)


def build(scope: Scope, session: Session) -> list[Subsection]:
    books = ReportBooks(session, books_period(scope, session), datetime.date.today())
    funding = funding_by_type(books)
    takeup = takeup_by_band(books)
    return [
        Subsection("funding-by-type", "Funding by type",
                   "Awards dated in the period; agreements running in it and relief "
                   "requests received in it. Instalments due and paid are to the books' "
                   "last date.",
                   [laid_out("funding-types", _awarded(funding.types)),
                    laid_out("agreements", funding.agreements),
                    laid_out("relief-requests", funding.requests)]),
        Subsection("hardship", "Hardship (no names)",
                   "Payments dated in the period, counted by salted reference; no one is "
                   "named, and counts from 1 to 4 are shown as <5.",
                   [laid_out("hardship", hardship_table(books))]),
        Subsection("takeup", "Take-up: eligible, not yet paid, by band",
                   "For the whole books, whatever the time filter: the rating list as at "
                   "each scheme's eligibility date against every award. Must go back is "
                   "as at the period's last day.",
                   [laid_out("takeup-bands", takeup.bands),
                    laid_out("allocations", takeup.allocations)]),
    ]
