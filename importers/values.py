"""Reading the values councils publish: money, dates and text.

Published files are written by spreadsheets, so amounts carry binary float
artefacts (``435.80000000000007``), dates come in several shapes and text
carries mis-decoded non-breaking spaces. Each parser here returns the clean
value or raises ``ValueError`` with a reason a finance officer can act on.

Only the shapes councils write are read. Anything Python would also accept
(``1_000``, ``1e3``, Arabic-Indic or full-width digits, ``12,34``) is
refused with its reason, because reading it would put some other number in
the books than the one the publisher meant.
"""

from __future__ import annotations

import datetime
import functools
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

PENNY = Decimal("0.01")
# A float artefact is a tiny distance from a whole number of pennies; anything
# further away is a real fraction of a penny, which no payment can be.
ARTEFACT = Decimal("0.000001")
TOO_LARGE = Decimal("1e15")  # beyond any public body's payment: corrupt data
# No council file this reads is older; an earlier year is a misread or mistyped one.
EARLIEST = datetime.date(1990, 1, 1)
SHOWN = 40  # characters of a bad value quoted in a reason

_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}

# Date shapes seen in published files, ASCII digits only. Only zero-padded
# day and month forms are listed first so that recovered run-together
# fields are exact.
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})" + _TIME, re.ASCII), "ymd"),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?", re.ASCII), "dmy"),
    (re.compile(r"(\d{1,2})[-. ]([A-Za-z]{3})[A-Za-z]*[-. ](\d{4})", re.ASCII), "dby"),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", re.ASCII), "dmy"),
)
# 25/06/12 or 01-JUN-12: the century is a guess, so these are refused.
_TWO_DIGIT_YEAR = re.compile(
    r"\d{1,2}[-/. ](?:\d{1,2}|[A-Za-z]{3,})[-/. ](\d{2})(?: \d{1,2}:\d{2}(?::\d{2})?)?",
    re.ASCII)

# A date embedded in a longer cell, zero-padded only: used to split fields
# that ran together, where a one-digit day would make the split a guess.
EMBEDDED_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?|\d{2}/\d{2}/\d{4}|\d{2}-[A-Za-z]{3}-\d{4}",
    re.ASCII)

# C0 and C1 control characters: never text a ledger should hold.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"[\s\x00-\x1f\x7f-\x9f]+")


def clean_text(value: str) -> str:
    """Collapse whitespace and control characters into single spaces;
    ``†`` is a non-breaking space read as Mac Roman."""
    if "†" in value or "\xa0" in value:
        value = value.replace("†", " ").replace("\xa0", " ")
    if "  " not in value and value.isprintable():  # fast path: plain spaces only
        return value.strip()
    return _SPACES.sub(" ", value).strip()


def shown(value: object) -> str:
    """A value quoted for a reason, cut short when it is long."""
    text = str(value).strip()
    return repr(text if len(text) <= SHOWN else text[:SHOWN] + "...")


@functools.lru_cache(maxsize=4096)
def parse_date(value: str) -> datetime.date:
    """``2020-05-01 00:00:00``, ``25/06/2012``, ``01-JUN-2012`` and kin."""
    text = value.strip()
    for pattern, order in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if not match:
            continue
        a, b, c = match.groups()
        try:
            if order == "ymd":
                return datetime.date(int(a), int(b), int(c))
            if order == "dby":
                month = _MONTHS.get(b.upper())
                if month is None:
                    raise ValueError(f"unknown month {b!r}")
                return datetime.date(int(c), month, int(a))
            return datetime.date(int(c), int(b), int(a))
        except ValueError as exc:
            raise ValueError(f"date {shown(text)} is not a real date ({exc})") from None
    if not text:
        raise ValueError("missing date")
    two_digits = _TWO_DIGIT_YEAR.fullmatch(text)
    if two_digits:
        year = two_digits.group(1)
        raise ValueError(f"date {shown(text)} has a two-digit year, "
                         f"which could be 19{year} or 20{year}")
    raise ValueError(f"date {shown(text)} is not in a known form")


def _a_year_after(day: datetime.date) -> datetime.date:
    if day.year >= datetime.MAXYEAR:
        return datetime.date.max
    if (day.month, day.day) == (2, 29):
        day = day.replace(day=28)
    return day.replace(year=day.year + 1)


@dataclass(frozen=True)
class DateWindow:
    """The dates an import accepts: from 1990 to a year after the books'
    last date. A date outside is a misread or mistyped year (2102 for
    2012), which would put a payment in a year nobody looks at."""

    latest: datetime.date
    basis: str  # what ``latest`` is a year after, for the reason

    @classmethod
    def after(cls, books_end: datetime.date | None) -> DateWindow:
        """A year past the books' last date; past today for empty books."""
        if books_end is None:
            today = datetime.date.today()
            return cls(_a_year_after(today), f"today ({today})")
        return cls(_a_year_after(books_end), f"the books' last date ({books_end})")

    def entry_date(self, value: str) -> datetime.date:
        """A date an entry is booked on: inside the window, or a ValueError."""
        day = self.term_date(value)
        if day > self.latest:
            raise ValueError(f"date {shown(value)} is more than a year after {self.basis}")
        return day

    @staticmethod
    def term_date(value: str) -> datetime.date:
        """A date that only describes a term (a contract's end), which may
        lie years ahead: only the lower bound applies."""
        day = parse_date(value)
        if day < EARLIEST:
            raise ValueError(f"date {shown(value)} is before {EARLIEST.year}")
        return day


# An amount as councils write it: ASCII digits, with UK thousands commas or none.
_NUMBER = re.compile(r"[-+]?(?:[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)",
                     re.ASCII)
_CURRENCY = re.compile(r"^([-+]?)\s*(?:£|GBP)\s*|\s*GBP$", re.IGNORECASE)
_EXPONENT = re.compile(r"\d\s*[eE]\s*[-+]?\s*\d", re.ASCII)


def _shape_problem(text: str) -> str:
    """Why ``text`` is not an amount as councils write one."""
    if any(c.isdecimal() and not c.isascii() for c in text):
        return "has digits other than 0-9"
    if "_" in text:
        return "has an underscore in it"
    if _EXPONENT.search(text):
        return "is written with an exponent"
    if "," in text and _NUMBER.fullmatch(text.replace(",", "")):
        return "has commas that are not thousands separators"
    if _NUMBER.fullmatch(re.sub(r"\s", "", text)):
        return "has spaces between its digits"
    return "is not a number"


def _pennies(number: Decimal, value: object, negative: bool = False) -> Decimal:
    """``number`` as exact pennies, or why it cannot be a payment."""
    if not number.is_finite():
        raise ValueError(f"amount {shown(value)} is not a number")
    if abs(number) >= TOO_LARGE:
        raise ValueError(f"amount {shown(value)} is too large to be a payment")
    pennies = number.quantize(PENNY, rounding=ROUND_HALF_EVEN)
    if abs(number - pennies) > ARTEFACT:
        raise ValueError(f"amount {shown(value)} is not a whole number of pennies")
    return -pennies if negative else pennies


@functools.lru_cache(maxsize=8192)
def parse_pennies(value: str) -> Decimal:
    """An amount as an exact number of pennies.

    ``435.80000000000007`` becomes ``435.80``; ``12.345`` is refused because
    it is not a float artefact but a fraction of a penny. ``(12.00)`` and a
    trailing minus are negatives, as accounting exports write them; ``£``
    or ``GBP`` may lead, and ``GBP`` may follow.
    """
    text = value.strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1].strip()
    elif text.endswith("-"):
        negative, text = True, text[:-1].strip()
    text = _CURRENCY.sub(r"\1", text)
    if not text:
        raise ValueError("missing amount")
    if negative and text[0] in "+-":
        raise ValueError(f"amount {shown(value)} has two signs")
    if not _NUMBER.fullmatch(text):
        raise ValueError(f"amount {shown(value)} {_shape_problem(text)}")
    return _pennies(Decimal(text.replace(",", "")), value, negative)


def decimal_pennies(value: object) -> Decimal:
    """A JSON number (read as Decimal) or numeric string, as pennies."""
    if value is None:
        raise ValueError("missing amount")
    if isinstance(value, str):
        return parse_pennies(value)
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return _pennies(Decimal(value), value)
    raise ValueError(f"amount {shown(value)} is not a number")
