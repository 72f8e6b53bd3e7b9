"""What the VCSE rule reads: funding agreements with their variations and
the payments made on them, relief requests, and the analysis it hands on."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ledger.models import Agreement, ReliefRequest, Variation
from rules.api import Analysis, Finding

ZERO = Decimal(0)


@dataclass(eq=False)
class AgreementPayment:
    """Money paid out of the bank on an agreement (its ``^agreement-``
    link); negative when money came back."""

    agreement_id: str
    date: datetime.date
    amount: Decimal
    meta: Any


@dataclass(frozen=True)
class Instalment:
    """A scheduled instalment as the books stand: when it fell due, by when
    it had to be paid, and when (if ever) payments on the agreement first
    covered it."""

    due: datetime.date
    amount: Decimal
    deadline: datetime.date
    paid_on: datetime.date | None
    expected: bool  # False: after the agreement's end as varied, or suspended

    @property
    def missed(self) -> bool:
        return self.expected and (self.paid_on is None or self.paid_on > self.deadline)


@dataclass(eq=False)
class AgreementBook:
    """An agreement, its variations in date order, its payments, and its
    instalments as at the books' last date (``as_of``)."""

    declared: Agreement
    as_of: datetime.date | None = None
    variations: list[Variation] = field(default_factory=list)
    payments: list[AgreementPayment] = field(default_factory=list)
    instalments: list[Instalment] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.declared.id

    def end_on(self, day: datetime.date | None = None) -> datetime.date:
        """The end date as varied by the variations dated by ``day`` (all
        of them when ``day`` is None)."""
        end = self.declared.end
        for variation in self.variations:
            if (day is None or variation.date <= day) and variation.new_end is not None:
                end = variation.new_end
        return end

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), ZERO)

    def _past(self, instalment: Instalment) -> bool:
        return self.as_of is not None and instalment.deadline < self.as_of

    @property
    def due(self) -> Decimal:
        """The instalments that should have been paid by the books' last date."""
        return sum((i.amount for i in self.instalments if i.expected and self._past(i)), ZERO)

    @property
    def missed(self) -> list[Instalment]:
        """Instalments not paid by their deadline, once it has passed."""
        return [i for i in self.instalments if i.missed and self._past(i)]


@dataclass(frozen=True)
class RequestStatus:
    """A relief request as at the books' last date."""

    declared: ReliefRequest
    waiting: int | None  # days undecided so far; None once decided


@dataclass
class VcseAnalysis(Analysis):
    """Every funding agreement and relief request, and the rules broken."""

    agreements: dict[str, AgreementBook]
    requests: list[RequestStatus]
    findings: list[Finding]
    as_of: datetime.date | None = None
