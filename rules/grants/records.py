"""What the grants rule reads from the books: awards, the payments,
recoveries and corrections on them, and the analysis it hands on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ledger.models import GrantScheme
from rules.api import Analysis, Finding

ZERO = Decimal(0)


@dataclass(eq=False)
class Award:
    """One award, with what was paid and recovered on it."""

    award_id: str | None
    scheme: str
    date: datetime.date
    org_id: str | None
    payee: str | None
    narration: str
    property_ref: str | None
    rateable_value: Decimal | None
    amount: Decimal  # as awarded, less any corrections
    company_number: str | None
    bank_fingerprint: str | None
    meta: dict[str, Any]
    paid: Decimal = ZERO
    recovered: Decimal = ZERO
    corrected: Decimal = ZERO  # taken off the award by corrections
    # How the group applied and was funded (``rules.grants.applications``).
    funding_type: str | None = None
    applied: datetime.date | None = None
    host: str | None = None
    first_paid: datetime.date | None = None  # date of its first payment

    @property
    def name(self) -> str:
        return f"Award {self.award_id or '(unlinked)'} ({self.scheme})"

    @property
    def net(self) -> Decimal:
        """Paid less recovered: what the recipient has kept."""
        return self.paid - self.recovered

    @property
    def effective(self) -> Decimal:
        """The award as it stands: recoveries first clear any overpayment
        (paid above the award), the rest reduce the award. Zero (or less)
        once the award was recovered in full."""
        overpaid = max(self.paid - self.amount, ZERO)
        return self.amount - max(self.recovered - overpaid, ZERO)

    @property
    def void(self) -> bool:
        """Recovered or corrected in full: counts as never made."""
        return self.effective <= 0


@dataclass(eq=False)
class GrantPayment:
    """A payment of an award, or (``recovery``) money clawed back on it."""

    award_id: str | None
    scheme: str
    date: datetime.date
    amount: Decimal
    recovery: bool
    org_id: str | None
    bank_fingerprint: str | None
    meta: dict[str, Any]


@dataclass(eq=False)
class Correction:
    """A negative grant posting without ``recovery: TRUE``: the award it
    links to is lowered by ``amount``; no money moves."""

    award_id: str | None
    scheme: str
    date: datetime.date
    amount: Decimal
    meta: dict[str, Any]


Movement = GrantPayment | Correction


@dataclass
class SchemeGrants:
    """A scheme's awards and payments; ``declared`` is None when the ledger
    uses a scheme it never declared."""

    scheme: str
    declared: GrantScheme | None
    awards: list[Award] = field(default_factory=list)
    payments: list[GrantPayment] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)

    @property
    def awarded(self) -> Decimal:
        return sum((a.amount for a in self.awards), ZERO)

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments if not p.recovery), ZERO)

    @property
    def recovered(self) -> Decimal:
        return sum((p.amount for p in self.payments if p.recovery), ZERO)


@dataclass(frozen=True)
class DuplicateGroup:
    """Awards sharing a bank account or company number across two or more
    org-ids, in any schemes, or a property within one scheme: the
    post-payment assurance list of possible double payments."""

    schemes: tuple[str, ...]
    shared: str  # "bank-fingerprint", "company-number" or "property-ref"
    value: str
    awards: tuple[Award, ...]

    @property
    def scheme(self) -> str:
        """The schemes, as a table cell shows them: ``RHLGF, SBGF``."""
        return ", ".join(self.schemes)

    @property
    def award_ids(self) -> tuple[str | None, ...]:
        return tuple(a.award_id for a in self.awards)

    @property
    def org_ids(self) -> tuple[str, ...]:
        return tuple(sorted({a.org_id for a in self.awards if a.org_id}))


@dataclass
class GrantsAnalysis(Analysis):
    """Every scheme's awards and payments, the rules they break, and the
    awards that may be double payments."""

    schemes: dict[str, SchemeGrants]
    findings: list[Finding]
    duplicates: list[DuplicateGroup]

    @property
    def awards(self) -> list[Award]:
        return [a for s in self.schemes.values() for a in s.awards]
