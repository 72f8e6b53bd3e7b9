"""Pydantic models of what a ledger declares about its world.

Each model is read from one kind of ``custom`` directive (see
``ledger.config``): the directive's first value is the record's id and its
metadata are the fields, spelt in kebab-case (``rateable-value``). Unknown
fields are refused so a typo is an error at its line, not a silent default.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from beancount.core.amount import Amount
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from ledger.amount_rules import AmountRule
from ledger.metadata import flag_spellings, flag_value


def _money(value: Any) -> Any:
    """Accept ``120000.00 GBP`` (an Amount) or a bare number."""
    if isinstance(value, Amount):
        if value.currency != "GBP":
            raise ValueError(f"expected an amount in GBP, got {value.currency}")
        return value.number
    return value


def _words(value: Any) -> Any:
    """Accept ``"SBGF RHLGF"`` or ``"SBGF, RHLGF"`` as a tuple of words."""
    if isinstance(value, str):
        return tuple(w for w in value.replace(",", " ").split() if w)
    return value


def _non_negative(value: Decimal) -> Decimal:
    if value < 0:
        raise ValueError("must not be negative")
    return value


def _flag(value: Any) -> bool:
    """One set of spellings for every flag (``ledger.metadata.flag_value``):
    pydantic alone would read ``1``, ``"on"`` or ``"t"`` as yes."""
    flag = flag_value(value)
    if flag is None:
        raise ValueError(f"must be {flag_spellings()}")
    return flag


Flag = Annotated[bool, BeforeValidator(_flag)]
Money = Annotated[Decimal, BeforeValidator(_money), AfterValidator(_non_negative)]
Words = Annotated[tuple[str, ...], BeforeValidator(_words)]
Share = Annotated[Decimal, AfterValidator(_non_negative)]


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Record(BaseModel):
    """A declared record; ``meta`` keeps the directive's file and line."""

    model_config = ConfigDict(
        alias_generator=_kebab,
        populate_by_name=True,
        extra="forbid",
        frozen=True,
        arbitrary_types_allowed=True,
    )
    meta: dict[str, Any] = Field(default_factory=dict, exclude=True, repr=False)


class Organisation(Record):
    """A payee or recipient: business, VCSE group, supplier or individual."""

    id: str  # org-id, e.g. GB-CHC-1143362 or GB-COH-01234567
    name: str
    postcode: str | None = None
    company_number: str | None = None
    charity_number: str | None = None
    bank_fingerprint: str | None = None
    sme: Flag = False
    vcse: Flag = False
    individual: Flag = False  # sole trader or person: never named in outputs


def _codes(words: tuple[str, ...], prefix: str, most: int = 0) -> tuple[str, ...]:
    """360Giving codes such as ``GTIR070``: the prefix and three digits."""
    bad = [w for w in words if not (w.startswith(prefix) and len(w) == len(prefix) + 3
                                     and w[len(prefix):].isdigit())]
    if bad:
        raise ValueError(f"{', '.join(bad)}: not a 360Giving code like {prefix}010")
    if most and len(words) > most:
        raise ValueError(f"at most {most} codes (primary, then secondary)")
    return words


def _classification(value: Any) -> Any:
    """``"vocabulary | code | title"`` (the title may be left out)."""
    if isinstance(value, str):
        parts = tuple(part.strip() for part in value.split("|"))
        if len(parts) not in (2, 3) or not all(parts):
            raise ValueError('must be "vocabulary | code | title"')
        return parts
    return value


class GrantScheme(Record):
    """An emergency grant scheme: who may get what, and when."""

    id: str  # scheme code, as in ``scheme:`` metadata and Expenses:Grants:<code>
    title: str
    opens: datetime.date
    closes: datetime.date
    amounts: Annotated[AmountRule, BeforeValidator(AmountRule.parse)]
    eligibility_date: datetime.date | None = None  # informational: no rating list
    max_rateable_value: Money | None = None  # RV at or above it is not eligible
    regime: str | None = None  # cwl-subsidy-regime its awards count against
    one_per_property: Flag = True
    exclusive_with: Words = ()  # a property gets this or those, not both
    excludes_recipients_of: Words = ()  # no award to a business paid by those
    needs_panel: Flag = False
    funding: Money | None = None  # allocation from government
    # Payments to people (hardship funds): who is paid, and the schemes among
    # which one person or household is paid once, within ``once-window`` days.
    recipients: Literal["organisations", "individuals"] = "organisations"
    once_across: Words = ()
    once_window: Annotated[int, Field(gt=0)] | None = None
    # What 360Giving publishes of the scheme (reports/exports; docs/exports.md).
    purpose: str = ""  # what it pays for: a grant's description when its narration is bare
    grant_reason: Annotated[Words, AfterValidator(lambda w: _codes(w, "GTIR", 2))] = ()
    grant_purpose: Annotated[Words, AfterValidator(lambda w: _codes(w, "GTIP"))] = ()
    classification: Annotated[tuple[str, ...], BeforeValidator(_classification)] = ()


class Contract(Record):
    """A supplier contract, for relief payments and social value."""

    id: str
    supplier: str  # org-id
    title: str = ""
    value: Money
    start: datetime.date
    end: datetime.date | None = None
    transition_plan: Flag = False  # PPN 04/20 transition plan agreed
    exit_date: datetime.date | None = None
    reconcile_by: datetime.date | None = None
    furlough_from: datetime.date | None = None  # supplier claimed CJRS for
    furlough_to: datetime.date | None = None  # this contract's staff


class Reconciliation(Record):
    """An open-book reconciliation of relief paid on a contract."""

    id: str  # contract id
    date: datetime.date
    actual_cost: Money


class Measure(Record):
    """A social value measure the ledger declares (code, unit, proxy £)."""

    id: str  # measure code
    title: str
    unit: str
    proxy: Money  # £ per unit
    theme: str = ""
    source: str = ""
    valid_from: datetime.date


class Commitment(Record):
    """Social value a supplier committed to deliver on a contract."""

    id: str  # contract id
    date: datetime.date
    measure: str
    quantity: Decimal
    unit: str | None = None


class Delivery(Record):
    """Social value delivered on a contract, as evidenced."""

    id: str  # contract id
    date: datetime.date
    measure: str
    quantity: Decimal
    unit: str | None = None


def _gss_code(code: str) -> str:
    if not (len(code) == 9 and code[0] in "ENSW" and code[1:].isdigit()):
        raise ValueError("must be an ONS (GSS) code like E07000121")
    return code


class LocalArea(Record):
    """The council's own area and wider region, by postcode district or
    sector prefixes (``PR1``, ``PR2 5``, or a whole area ``PR``)."""

    id: str  # the place's name
    own: Words
    region: Words = ()
    region_name: str = "region"
    # The council's own local authority district, for 360Giving's beneficiary
    # location: its ONS code, and its name when the shipped code list lacks it.
    gss_code: Annotated[str, AfterValidator(_gss_code)] | None = None
    district: str | None = None


class IncomeLine(Record):
    """A sales, fees and charges income line for the income loss scheme."""

    id: str
    account: str
    budget: Money  # budgeted annual income
    income_type: Literal[
        "sales-fees-charges",
        "investment",
        "commercial-rent",
        "residential-rent",
        "non-general-fund",
        "recoverable-later",
        "third-party",
    ] = "sales-fees-charges"

    @property
    def excluded(self) -> bool:
        return self.income_type != "sales-fees-charges"


class ClaimPeriod(Record):
    """A claim round: SFC collections or expenditure returns."""

    id: str
    scheme: Literal["sfc", "expenditure"]
    start: datetime.date
    end: datetime.date


class SubsidyRegime(Record):
    """A subsidy control regime in force between two dates."""

    id: str
    start: datetime.date
    end: datetime.date | None = None
    limit: Decimal
    currency: Literal["GBP", "EUR"] = "GBP"
    window: Literal["fiscal-years-3", "financial-years-3", "undertaking"] = (
        "financial-years-3"
    )


class LM3Survey(Record):
    """Local Multiplier 3 rounds 2 and 3 measured by surveying suppliers
    over a period, in place of the declared re-spend shares."""

    id: str  # the survey's name, e.g. FY2020
    date: datetime.date  # when its results were declared
    start: datetime.date
    end: datetime.date
    round2: Money  # measured: what suppliers (and staff) re-spent locally
    round3: Money  # measured: what was re-spent locally again; at most round 2
    respondents: Annotated[int, Field(ge=0)] | None = None
    note: str = ""

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: datetime.date, info: ValidationInfo) -> datetime.date:
        start = info.data.get("start")
        if start is not None and end < start:
            raise ValueError(f"must not be before 'start' ({start})")
        return end

    @field_validator("round3")
    @classmethod
    def _round3_within_round2(cls, round3: Decimal, info: ValidationInfo) -> Decimal:
        round2 = info.data.get("round2")
        if round2 is not None and round3 > round2:
            raise ValueError(f"£{round3:,.2f} is more than 'round2' (£{round2:,.2f}): "
                             "round 3 is what is re-spent of round 2")
        return round3


class Settings(Record):
    """Thresholds and dates, with the published figures as defaults."""

    id: str = ""  # reporting body's org-id
    name: str = ""
    salt: str = "cwl"  # bank fingerprint salt
    advance_cap_share: Share = Decimal("0.25")
    ppn0220_start: datetime.date = datetime.date(2020, 3, 20)
    ppn0220_end: datetime.date = datetime.date(2020, 6, 30)
    ppn0420_end: datetime.date = datetime.date(2020, 10, 31)
    sfc_deductible: Share = Decimal("0.05")
    sfc_rate: Share = Decimal("0.75")
    eur_gbp: Share = Decimal("0.89")
    local_round2_share: Share = Decimal("0.40")  # LM3 default assumptions
    local_round3_share: Share = Decimal("0.25")
