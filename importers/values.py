"""Reading the values councils publish: money, dates and text.

Published files are written by spreadsheets, so amounts carry binary float
artefacts (``435.80000000000007``), dates come in several shapes and text
carries mis-decoded non-breaking spaces. Each parser here returns the clean
value or raises ``ValueError`` with a reason a finance officer can act on.
"""

from __future__ import annotations

import datetime
import functools
import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

PENNY = Decimal("0.01")
# A float artefact is a tiny distance from a whole number of pennies; anything
# further away is a real fraction of a penny, which no payment can be.
ARTEFACT = Decimal("0.000001")
TOO_LARGE = Decimal("1e15")  # beyond any public body's payment: corrupt data

_MONTHS = {m: i for i, m in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1)}

# Date shapes seen in transparency files. Only zero-padded day and month
# forms are listed first so that recovered run-together fields are exact.
_DATE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})"
                r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?Z?"), "ymd"),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?"), "dmy"),
    (re.compile(r"(\d{1,2})[-. ]([A-Za-z]{3})[A-Za-z]*[-. ](\d{4})"), "dby"),
    (re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})"), "dmy"),
    (re.compile(r"(\d{1,2})/(\d{1,2})/(\d{2})"), "dmy2"),
)

# A date embedded in a longer cell, zero-padded only: used to split fields
# that ran together, where a one-digit day would make the split a guess.
EMBEDDED_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}:\d{2})?|\d{2}/\d{2}/\d{4}|\d{2}-[A-Za-z]{3}-\d{4}")

_SPACES = re.compile(r"\s+")


def clean_text(value: str) -> str:
    """Collapse whitespace; ``†`` is a non-breaking space read as Mac Roman."""
    if "†" in value or "\xa0" in value:
        value = value.replace("†", " ").replace("\xa0", " ")
    if "  " not in value and value.isprintable():  # fast path: plain spaces only
        return value.strip()
    return _SPACES.sub(" ", value).strip()


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
            year = int(c) + (2000 if order == "dmy2" else 0)
            return datetime.date(year, int(b), int(a))
        except ValueError as exc:
            raise ValueError(f"date {text!r} is not a real date ({exc})") from None
    if not text:
        raise ValueError("missing date")
    raise ValueError(f"date {text!r} is not in a known form")


_MONEY_JUNK = re.compile(r"[£,\s]|GBP")


def parse_pennies(value: str) -> Decimal:
    """An amount as an exact number of pennies.

    ``435.80000000000007`` becomes ``435.80``; ``12.345`` is refused because
    it is not a float artefact but a fraction of a penny. ``(12.00)`` and a
    trailing minus are negatives, as accounting exports write them.
    """
    text = value.strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    elif text.endswith("-"):
        negative, text = True, text[:-1]
    text = _MONEY_JUNK.sub("", text)
    if not text:
        raise ValueError("missing amount")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"amount {value.strip()!r} is not a number") from None
    if not number.is_finite():
        raise ValueError(f"amount {value.strip()!r} is not a number")
    if abs(number) >= TOO_LARGE:
        raise ValueError(f"amount {value.strip()[:40]!r} is too large to be a payment")
    pennies = number.quantize(PENNY, rounding=ROUND_HALF_EVEN)
    if abs(number - pennies) > ARTEFACT:
        raise ValueError(f"amount {value.strip()!r} is not a whole number of pennies")
    return -pennies if negative else pennies


def decimal_pennies(value: object) -> Decimal:
    """A JSON number (read as Decimal) or numeric string, as pennies."""
    if isinstance(value, bool) or value is None:
        raise ValueError(f"amount {value!r} is not a number")
    return parse_pennies(str(value))
