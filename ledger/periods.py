"""Periods of time the books are reported over, and the UK financial year.

Councils keep and report their books by financial year, 1 April to 31
March; claim schemes such as sales, fees and charges run cumulatively over
it. Every part of the project asks this module, so a report, a Fava page and
a rule never disagree about which year a day falls in.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from beancount.core import data

from ledger.entry_types import is_transaction


@dataclass(frozen=True)
class Period:
    """The days a report covers, both ends included."""

    start: datetime.date
    end: datetime.date

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, start: datetime.date, end: datetime.date) -> bool:
        return start <= self.end and end >= self.start

    def year_earlier(self) -> Period:
        return Period(_shift_year(self.start), _shift_year(self.end))

    def label(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


def _shift_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def financial_year(day: datetime.date) -> Period:
    """The 1 April to 31 March year ``day`` falls in."""
    first = day.year if day.month >= 4 else day.year - 1
    return Period(datetime.date(first, 4, 1), datetime.date(first + 1, 3, 31))


def default_period(entries: Iterable[data.Directive]) -> Period:
    """The financial year holding most of the ledger's transactions: a
    council's books are kept and reported by financial year."""
    years = Counter(financial_year(e.date) for e in entries
                    if is_transaction(e))
    if not years:
        return financial_year(datetime.date.today())
    return max(years.items(), key=lambda item: (item[1], item[0].start))[0]
