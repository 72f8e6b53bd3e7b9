"""How an SFC claim line's loss is written, and the relevant loss it makes.

The return asks for each income line's gross loss and the savings against
it (costs not incurred because the service stopped); the relevant loss the
scheme compensates is gross − savings. A compensation posting carries them
as ``gross-loss`` and ``savings``, or the relevant loss alone as
``relevant-loss``, or all three. Any two give the third:

- ``gross-loss`` and ``savings``: relevant = gross − savings;
- ``relevant-loss`` alone: relevant as written; gross and savings are not
  known (the claim pack shows a dash, never a guessed 0);
- ``relevant-loss`` with one of the others: the missing one is worked out;
- all three: they must agree (gross − savings = relevant-loss), else
  ``claims.sfc-loss``, and the ``relevant-loss`` as written counts.

A lone ``gross-loss`` (no savings) counts as the relevant loss, a lone
``savings`` as none, and a value that is no sum as missing: each is
``claims.sfc-loss`` too, so the officer completes the line.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ledger import metadata
from rules.api import gbp
from rules.claims.records import ZERO

_KEYS = (metadata.GROSS_LOSS, metadata.SAVINGS, metadata.RELEVANT_LOSS)


@dataclass(frozen=True)
class LineLoss:
    """One posting's loss: relevant always; gross and savings when known."""

    relevant: Decimal
    gross: Decimal | None
    savings: Decimal | None
    problem: str | None = None  # what is wrong with how it is written


def line_loss(meta: dict[str, Any] | None) -> LineLoss:
    """The loss a compensation posting's metadata records."""
    meta = meta or {}
    values: dict[str, Decimal | None] = {}
    unreadable = []
    for key in _KEYS:
        raw = meta.get(key)
        values[key] = metadata.decimal_value(raw)
        if raw is not None and values[key] is None:
            unreadable.append(f"{key} {raw!r} is not a sum")
    gross, savings, relevant = (values[k] for k in _KEYS)
    problem = "; ".join(unreadable) or None

    if relevant is None:
        if gross is not None and savings is not None:
            return LineLoss(gross - savings, gross, savings, problem)
        if gross is not None:
            return LineLoss(gross, gross, None, _join(
                problem, f"gross-loss {gbp(gross)} is written without savings: write "
                "savings (0.00 when nothing was saved); until then the gross counts"))
        if savings is not None:
            return LineLoss(ZERO, None, savings, _join(
                problem, f"savings {gbp(savings)} are written without gross-loss or "
                "relevant-loss: the line's loss counts for nothing until one is"))
        return LineLoss(ZERO, None, None, problem)
    if gross is None and savings is None:
        return LineLoss(relevant, None, None, problem)
    if gross is None:
        return LineLoss(relevant, relevant + savings, savings, problem)
    if savings is None:
        return LineLoss(relevant, gross, gross - relevant, problem)
    if gross - savings != relevant:
        problem = _join(
            problem, f"gross-loss {gbp(gross)} less savings {gbp(savings)} is "
            f"{gbp(gross - savings)}, but relevant-loss is {gbp(relevant)}; the "
            "relevant-loss counts")
    return LineLoss(relevant, gross, savings, problem)


def _join(first: str | None, second: str) -> str:
    return f"{first}; {second}" if first else second
