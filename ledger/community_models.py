"""Pydantic models of a place's community wealth commitments: pledges an
anchor institution makes under a charter, and the community assets a
council lets below market rent.

Read like every ``cwl-*`` declaration (``ledger.config``); kept apart from
``ledger.models`` so the community wealth vocabulary reads as one piece.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, ValidationInfo, field_validator

from ledger.models import Money, Record

# The ownerships that make up the social economy (``social-economy-spend``).
SOCIAL_ECONOMY = ("co-operative", "social-enterprise", "employee-owned", "cic", "charity",
                  "mutual")

_RELATIVE = re.compile(r"^([+-])\s*(\d+(?:\.\d+)?)\s*%$")


def _target(value: Any) -> Any:
    """``"+10%"`` (a change on the baseline) or a number, as (relative?, number)."""
    if isinstance(value, tuple):
        return value
    text = str(value).replace(",", "").strip()
    match = _RELATIVE.match(text)
    if match:
        sign = Decimal(-1) if match.group(1) == "-" else Decimal(1)
        return (True, sign * Decimal(match.group(2)) / 100)
    try:
        return (False, Decimal(text.removesuffix("GBP").strip()))
    except InvalidOperation:
        raise ValueError(f"'{value}' is not '+10%', '-5%' or a number") from None


def _uprn(value: str) -> str:
    if not (value.isdigit() and 1 <= len(value) <= 12):
        raise ValueError("must be a UPRN: up to 12 digits")
    return value


class Pledge(Record):
    """A community wealth pledge: who made it under which charter, what it
    measures, from what baseline to what target, by when."""

    id: str
    date: datetime.date  # the day it was made: the line starts here
    pledger: str  # org-id of the anchor institution
    charter: str = ""
    measure: Literal["own-area-spend", "own-area-share", "social-economy-spend",
                     "living-wage-spend"]
    baseline: Annotated[Decimal, BeforeValidator(lambda v: getattr(v, "number", v))]
    target: Annotated[tuple[bool, Decimal], BeforeValidator(_target)]
    by: datetime.date
    body: str | None = None  # imported spend of another body: its ``body`` metadata

    @field_validator("by")
    @classmethod
    def _by_after_date(cls, by: datetime.date, info: ValidationInfo) -> datetime.date:
        made = info.data.get("date")
        if made is not None and by <= made:
            raise ValueError(f"must be after the pledge's date ({made})")
        return by

    @property
    def target_value(self) -> Decimal:
        relative, number = self.target
        return self.baseline * (1 + number) if relative else number

    def expected_on(self, day: datetime.date) -> Decimal:
        """Where the straight line from baseline to target stands on ``day``."""
        elapsed = min(max((day - self.date).days, 0), (self.by - self.date).days)
        return self.baseline + (self.target_value - self.baseline) * Decimal(elapsed) \
            / Decimal((self.by - self.date).days)


class CommunityAsset(Record):
    """A council property let to a community occupier, by UPRN: the rent a
    market tenant would pay and the rent charged (both a year)."""

    id: Annotated[str, AfterValidator(_uprn)]  # the property's UPRN
    date: datetime.date  # the letting's start
    name: str = ""
    occupier: str  # org-id
    tenure: Literal["lease", "licence", "community-asset-transfer", "meanwhile-use"]
    market_rent: Money
    rent_charged: Money

    @property
    def rent_foregone(self) -> Decimal:
        """A year's rent the council gives up."""
        return self.market_rent - self.rent_charged
