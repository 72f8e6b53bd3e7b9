"""Pydantic models of how a council is funded beyond the COVID schemes: the
one-off funding pots it bids for and reports on, and its collection fund
(council tax and business rates).

Read like every ``cwl-*`` declaration (``ledger.config``): the directive's
first value is the id, its metadata the kebab-case fields, unknown fields
refused. Kept apart from ``ledger.models`` so the funding vocabulary reads
as one piece.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator

from ledger.models import Money, Record, Share


def _dates(value: Any) -> Any:
    """``"2020-10-31 2021-01-31"`` (or comma-separated) as sorted dates."""
    if isinstance(value, datetime.date):
        return (value,)
    if not isinstance(value, str):
        return value
    dates = []
    for word in (w for w in value.replace(",", " ").split() if w):
        try:
            dates.append(datetime.date.fromisoformat(word))
        except ValueError:
            raise ValueError(f"'{word}' is not a date YYYY-MM-DD") from None
    return tuple(sorted(dates))


def _at_most_one(share: Decimal) -> Decimal:
    if share > 1:
        raise ValueError("is a share of the whole: at most 1 (0.12 for 12%)")
    return share


Dates = Annotated[tuple[datetime.date, ...], BeforeValidator(_dates)]

def _not_negative(hours: Decimal) -> Decimal:
    if hours < 0:
        raise ValueError("must not be negative")
    return hours


Hours = Annotated[Decimal, AfterValidator(_not_negative)]


class Pot(Record):
    """A one-off funding pot: who gives it, how it was won, what it is
    worth, and what it asks of the council (spend by, report, match).

    Money in and out of it is linked ``^pot-<id>``; spend that is the
    council's own match carries ``match: TRUE``; money passed on to another
    body carries that body's ``org-id`` (``passed-on-to``).
    """

    id: str
    title: str = ""
    funder: str
    kind: Literal["bid", "allocation", "donation", "crowdfunding"]
    allocation: Money
    bid_hours: Hours = Decimal(0)  # officer hours spent bidding for it
    spend_by: datetime.date | None = None
    reports_due: Dates = ()
    match_required: Money = Decimal(0)  # the council's own money the pot asks for
    passed_on_to: str | None = None  # org-id of a body the pot is passed on to


class PotReport(Record):
    """A report filed to a pot's funder, and the officer hours it took."""

    id: str  # the pot's id
    date: datetime.date  # the day it was filed
    hours: Hours = Decimal(0)


class CollectionFund(Record):
    """One tax's collection fund for a year: what was budgeted and collected,
    and the council's share of it (a district keeps about 12% of council
    tax and 40% of business rates; the rest goes to the county, police,
    fire and government). The council's loss is its share of the shortfall."""

    id: str  # e.g. CT-2020
    date: datetime.date  # the day the figures stand at
    tax: Literal["council-tax", "business-rates"]
    budgeted: Money
    collected: Money
    share: Annotated[Share, AfterValidator(_at_most_one)]

    @property
    def council_loss(self) -> Decimal:
        """The council's share of what was budgeted but not collected (a
        surplus is a negative loss)."""
        return (self.share * (self.budgeted - self.collected)).quantize(Decimal("0.01"))
