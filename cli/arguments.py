"""Argument types and options shared by commands: dates, amounts, the
``--from``/``--to`` period and ``--force``."""

from __future__ import annotations

import argparse
import datetime
from decimal import Decimal, InvalidOperation


def date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2020-04-01") from None


def amount(text: str) -> Decimal:
    """A non-negative sum of money such as ``500``."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not an amount like 500")
    return value


def add_period(sub: argparse.ArgumentParser, default: str) -> None:
    """``--from`` and ``--to``, both ends included; ``default`` says what
    an end left out means."""
    sub.add_argument("--from", dest="start", type=date, default=None, metavar="DATE",
                     help=f"first day to include, YYYY-MM-DD (default: {default})")
    sub.add_argument("--to", dest="end", type=date, default=None, metavar="DATE",
                     help="last day to include, YYYY-MM-DD")


def period_problem(start: object, end: object) -> str | None:
    """Why ``--from``/``--to`` make no period, or None."""
    if start and end and start > end:
        return "--from is after --to"
    return None


def add_force(sub: argparse.ArgumentParser, what: str) -> None:
    sub.add_argument("--force", action="store_true",
                     help=f"{what} even when the ledger's cwl-* declarations have errors "
                          "(a broken individual's declaration could name them)")
