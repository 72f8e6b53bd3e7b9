"""CSV cells that are safe to open in a spreadsheet.

Published CSVs are opened by the public in Excel or LibreOffice, which run
a cell starting with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return before one) as a formula: a supplier named ``=HYPERLINK(...)`` would
become a link on every reader's machine. Text cells that start so get a
leading ``'`` (OWASP's advice); numbers are written as numbers, so a credit
note's ``-250.00`` stays a negative amount.
"""

from __future__ import annotations

from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    """``value`` as a spreadsheet will show it, never run it."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def money(value: Decimal) -> str:
    """Pounds and pence, e.g. ``-250.00``: a plain number, never escaped."""
    return f"{value.quantize(Decimal('0.01'))}"
