"""What the hardship rule reads from the books: payments to people, the
vouchers among them, and the analysis it hands on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from rules.api import Analysis, Finding

ZERO = Decimal(0)


@dataclass(eq=False)
class PersonPayment:
    """One payment to a person under a scheme of ``recipients:
    "individuals"``: known by its award id and salted references, never
    by name."""

    award_id: str | None
    scheme: str
    date: datetime.date
    amount: Decimal
    method: str  # bank, voucher or prepaid-card (as written, or read from its accounts)
    person_ref: str | None
    household_ref: str | None
    meta: dict[str, Any]

    @property
    def name(self) -> str:
        return f"Payment {self.award_id or '(unlinked)'} ({self.scheme})"


@dataclass(eq=False)
class Voucher:
    """A voucher held in ``Liabilities:Vouchers:<scheme>`` until it is
    redeemed (paid to the retailer) or written back when it lapses."""

    payment: PersonPayment
    account: str
    expires: datetime.date
    redeemed: Decimal = ZERO
    written_back: Decimal = ZERO

    @property
    def outstanding(self) -> Decimal:
        return self.payment.amount - self.redeemed - self.written_back


@dataclass
class SchemePayments:
    """A scheme of individuals' payments and vouchers."""

    scheme: str
    payments: list[PersonPayment] = field(default_factory=list)
    vouchers: list[Voucher] = field(default_factory=list)

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)


@dataclass
class HardshipAnalysis(Analysis):
    """Every payment to a person, per scheme, and the rules broken:
    paid twice, raw identifiers in the books, vouchers left unreconciled."""

    schemes: dict[str, SchemePayments]
    findings: list[Finding]
    paid_twice: list[PersonPayment] = field(default_factory=list)

    @property
    def payments(self) -> list[PersonPayment]:
        return [p for s in self.schemes.values() for p in s.payments]
