"""What a posting is worth in pounds, whatever it holds.

Hub stock is held as commodities at cost (``10000 MASK {0.45 GBP}``) and a
community organisation's volunteer time as ``HOURS``. A £ total that added
``posting.units.number`` would add masks and hours to pounds, so every sum
of money reads a posting through ``gbp_value``: GBP as it is, a commodity
held at a GBP cost at that cost, anything else as nothing (hours are valued
only in reports, through a declared proxy).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

GBP = "GBP"
ZERO = Decimal(0)


def gbp_value(posting: Any) -> Decimal:
    """The posting's worth in GBP: its units when they are pounds, units ×
    cost when held at a GBP cost, else zero (never masks or hours as £)."""
    units = posting.units
    if units.currency == GBP:
        return units.number
    cost = posting.cost
    if cost is not None and cost.currency == GBP and cost.number is not None:
        return units.number * cost.number
    return ZERO
