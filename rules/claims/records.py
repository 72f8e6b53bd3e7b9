"""What the claims rule works out: SFC lines, cost pressures, claim
rounds and excluded income lines, and the analysis it hands on."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ledger.accounts import pressure_title
from rules.api import Analysis, Finding

ZERO = Decimal(0)

# Why each excluded kind of income earns no SFC compensation.
EXCLUSION_REASONS = {
    "investment": "investment income is outside the scheme",
    "commercial-rent": "commercial rental income is outside the scheme",
    "residential-rent": "residential rental income is outside the scheme",
    "non-general-fund": "income outside the General Fund is outside the scheme",
    "recoverable-later": "income recoverable later in the year is not a loss",
    "third-party": "compensation paid on to third parties is outside the scheme",
}


@dataclass
class LineClaim:
    """One SFC income line in one claim period, cumulative for the year.

    The return's figures for the period: ``gross_loss`` less ``savings`` is
    the relevant loss (``loss_in_period``); the council absorbs the
    ``deductible`` (deductible share × budget) and government pays the rate
    (75%) of the loss to date above it, ``compensation_to_date``.
    """

    line: str
    period: str
    budget: Decimal
    loss_in_period: Decimal  # relevant loss: gross loss less savings
    loss_to_date: Decimal
    deductible: Decimal  # the £ the council absorbs: deductible share × budget
    compensation_to_date: Decimal
    claimed_earlier: Decimal
    due: Decimal
    claimed: Decimal
    received: Decimal  # the claim's receipts, shared pro rata to what lines claimed
    # None when not known for a posting of the line in the period (one giving
    # relevant-loss alone, say).
    gross_loss: Decimal | None = None
    savings: Decimal | None = None

    @property
    def relevant_loss(self) -> Decimal:
        """The period's relevant loss, as the return names it."""
        return self.loss_in_period


@dataclass
class Pressure:
    """COVID spending in one category, split by whether government asked;
    net of refunds and credit notes."""

    category: str
    gov_requested: bool
    amount: Decimal
    funded: Decimal  # part met by a ring-fenced fund: never claimable

    @property
    def claimable(self) -> Decimal:
        return self.amount - self.funded if self.gov_requested else ZERO

    @property
    def title(self) -> str:
        return pressure_title(self.category)


@dataclass
class ClaimStatus:
    """What was claimed in one claim round and what has been received.

    A claim is negative when a revised loss to date leaves the council owing
    government money back; its repayment is then a negative receipt.
    """

    claim: str
    scheme: str | None  # sfc, expenditure, or None when not declared
    raised: Decimal  # net receivable raised (postings with no bank posting)
    received: Decimal  # net receipts (postings beside a bank posting); repaid < 0
    costs_claimed: Decimal  # COVID costs whose ``claim:`` names this round, net of refunds

    @property
    def difference(self) -> Decimal:
        """Still to come from government (positive), or still owed back to
        it or received over the claim (negative)."""
        return self.raised - self.received

    @property
    def state(self) -> str:
        """Where the claim stands, in the words of the claim pack."""
        if not self.raised:
            return "costs claimed, no receivable raised" if self.costs_claimed else "not raised"
        if self.raised < 0:
            if self.difference < 0:
                return "part repaid" if self.received else "owed back to government"
            return "repaid" if self.difference == 0 else "repaid more than owed"
        if self.difference > 0:
            return "outstanding" if self.received else "awaiting payment"
        return "received" if self.difference == 0 else "received more than claimed"


@dataclass
class ExcludedLine:
    """A declared income line the SFC scheme does not compensate."""

    line: str
    income_type: str
    reason: str
    claimed: Decimal  # wrongly claimed against it, if anything


@dataclass
class ClaimsAnalysis(Analysis):
    """The council's claims position: SFC lines, cost pressures, receipts."""

    sfc_lines: list[LineClaim]
    pressures: list[Pressure]
    claims: list[ClaimStatus]
    excluded: list[ExcludedLine]
    tranche_income: Decimal
    findings: list[Finding]

    @property
    def claimable(self) -> Decimal:
        return sum((p.claimable for p in self.pressures), ZERO)

    @property
    def not_claimable(self) -> Decimal:
        return sum((p.amount - p.claimable for p in self.pressures), ZERO)
