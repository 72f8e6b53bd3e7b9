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

from ledger.accounts import PROGRAMME
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


def _not_before_start(end: datetime.date, info: ValidationInfo) -> datetime.date:
    """An ``end`` field's check, for every declaration that runs from a start."""
    start = info.data.get("start")
    if start is not None and end < start:
        raise ValueError(f"must not be before 'start' ({start})")
    return end


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
    # Community wealth: who owns it (cwl-pledge measures spend by it), and
    # whether it is an accredited Living Wage employer.
    ownership: Literal["co-operative", "social-enterprise", "employee-owned", "cic",
                       "charity", "mutual", "public", "private"] | None = None
    living_wage: Flag = False
    # A group with no legal form of its own (a mutual aid group) is paid
    # through an accountable body that hosts it: ``host`` names its org-id.
    unincorporated: Flag = False
    host: str | None = None


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
    # Days from an award's ``applied`` date to its first payment.
    pay_within: Annotated[int, Field(gt=0)] | None = None
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


def _instalments(value: Any) -> Any:
    """``"2020-05-01: 10000, 2020-08-01: 10000"`` as (due date, sum) pairs."""
    if not isinstance(value, str):
        return value
    pairs = []
    for part in (p.strip() for p in value.split(",")):
        due, sep, amount = part.partition(":")
        try:
            pairs.append((datetime.date.fromisoformat(due.strip()),
                          Decimal(amount.strip().replace("GBP", "").strip())))
        except (ValueError, ArithmeticError):
            raise ValueError(f"'{part}' is not 'YYYY-MM-DD: amount'") from None
        if not sep:
            raise ValueError(f"'{part}' is not 'YYYY-MM-DD: amount'")
    return tuple(pairs)


Instalments = Annotated[tuple[tuple[datetime.date, Decimal], ...], BeforeValidator(_instalments)]


class Agreement(Record):
    """A funding agreement with a voluntary group: a sum paid in scheduled
    instalments over a term; payments carry its ``^agreement-<id>`` link."""

    id: str
    recipient: str  # org-id
    value: Money
    start: datetime.date
    end: datetime.date
    instalments: Instalments
    grace: Annotated[int, Field(ge=0)] | None = None  # days; else the settings'
    scheme: str | None = None
    title: str = ""

    _end_after_start = field_validator("end")(_not_before_start)

    @field_validator("instalments")
    @classmethod
    def _schedule_adds_up(cls, instalments: tuple, info: ValidationInfo) -> tuple:
        if not instalments:
            raise ValueError("needs at least one 'YYYY-MM-DD: amount'")
        if any(amount <= 0 for _, amount in instalments):
            raise ValueError("every instalment must be more than zero")
        value, start = info.data.get("value"), info.data.get("start")
        if start is not None and min(due for due, _ in instalments) < start:
            raise ValueError(f"an instalment falls due before 'start' ({start})")
        total = sum((amount for _, amount in instalments), Decimal(0))
        if value is not None and total != value:
            raise ValueError(f"add up to £{total:,.2f}, not the 'value' £{value:,.2f}")
        return tuple(sorted(instalments))


class Variation(Record):
    """A dated change to a funding agreement as delivery changed: a new end
    date, and whether payments were assured despite the change."""

    id: str  # agreement id
    date: datetime.date
    reason: str
    new_end: datetime.date | None = None
    delivery_changed: Flag = False
    payment_assured: Flag = True


class Property(Record):
    """A property on the business rates list, as at a date: what take-up by
    property (``rules.takeup``) checks awards against. The occupier is left
    out, and ``redacted`` set, when the ratepayer is a person."""

    id: str  # the list's property reference, as in awards' ``property-ref``
    as_at: datetime.date
    rateable_value: Money
    uprn: str | None = None
    occupier: str = ""
    redacted: Flag = False


class ReliefRequest(Record):
    """A voluntary group's request for funding relief: when it was received
    and, once decided, when and how."""

    id: str
    org: str  # org-id
    received: datetime.date
    decided: datetime.date | None = None
    # Checked even when left out: a decision needs its outcome.
    outcome: Literal["approved", "declined", "withdrawn"] | None = Field(
        None, validate_default=True)

    @field_validator("outcome")
    @classmethod
    def _outcome_with_decision(cls, outcome: str | None, info: ValidationInfo) -> str | None:
        decided, received = info.data.get("decided"), info.data.get("received")
        if (outcome is None) != (decided is None):
            raise ValueError("goes with 'decided': give both, or neither while undecided")
        if decided is not None and received is not None and decided < received:
            raise ValueError(f"was decided on {decided}, before the request was "
                             f"received ({received})")
        return outcome


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

    _end_after_start = field_validator("end")(_not_before_start)

    @field_validator("round3")
    @classmethod
    def _round3_within_round2(cls, round3: Decimal, info: ValidationInfo) -> Decimal:
        round2 = info.data.get("round2")
        if round2 is not None and round3 > round2:
            raise ValueError(f"£{round3:,.2f} is more than 'round2' (£{round2:,.2f}): "
                             "round 3 is what is re-spent of round 2")
        return round3


class Item(Record):
    """A kind of hub stock: the commodity's unit, how fast it is used, and
    the value per unit donated stock is booked at."""

    id: str  # the commodity, as in ledger amounts: MASK, FOODBOX
    title: str = ""
    unit: str  # what one is: "mask", "pair", "box"
    burn_rate: Annotated[Decimal, AfterValidator(_non_negative)] | None = None  # used a day
    value: Money | None = None  # £ per unit of donated stock
    parcel: Flag = False  # packed into food parcels: counts in the cost per parcel


class HubActivity(Record):
    """What a community hub did over a period ending on its date."""

    id: str  # the hub's name
    date: datetime.date
    requests: Annotated[int, Field(ge=0)] = 0
    food_parcels: Annotated[int, Field(ge=0)] = 0
    welfare_calls: Annotated[int, Field(ge=0)] = 0
    referrals: Annotated[int, Field(ge=0)] = 0


def _programme_accounts(words: tuple[str, ...]) -> tuple[str, ...]:
    """Purpose accounts are ``Expenses:Programme`` roots: a fund pays for
    the organisation's own activities, named as its accounts name them."""
    root = PROGRAMME
    if not words:
        raise ValueError(f"name at least one {root}:<activity> account")
    bad = [w for w in words if not w.startswith(root + ":")]
    if bad:
        raise ValueError(f"{', '.join(bad)}: not an account under {root}")
    return words


class Fund(Record):
    """A community organisation's restricted fund: money given for a
    purpose, to be spent on it between its dates (and, when returnable,
    given back if it is not)."""

    id: str  # as in ``fund:`` metadata and ``^fund-<id>`` links
    funder: str
    purpose_accounts: Annotated[Words, AfterValidator(_programme_accounts)]
    start: datetime.date
    end: datetime.date
    returnable: Flag = False
    title: str = ""

    _end_after_start = field_validator("end")(_not_before_start)


class Site(Record):
    """An emergency accommodation site ("Everyone In"): how many units it
    offers between its dates, and the contract it is run under."""

    id: str
    title: str = ""
    units: Annotated[int, Field(gt=0)]
    from_: datetime.date = Field(alias="from")
    to: datetime.date
    contract: str | None = None

    @field_validator("to")
    @classmethod
    def _after_from(cls, to: datetime.date, info: ValidationInfo) -> datetime.date:
        opened = info.data.get("from_")
        if opened is not None and to < opened:
            raise ValueError(f"{to} is before 'from' ({opened})")
        return to


class Occupancy(Record):
    """A site's occupied unit-nights in the month of its date."""

    id: str  # the site
    date: datetime.date
    unit_nights: Annotated[int, Field(ge=0)]


class Redeployment(Record):
    """Staff time redeployed to a hub or an emergency accommodation site
    over the period ending on its date: a team or role (never a person),
    its hours and the hourly rate that values them. Not cash spent: it is
    shown beside the cash in the cost per parcel and per unit-night."""

    id: str  # the team or role: "Libraries team", "Revenues officers"
    date: datetime.date
    hours: Annotated[Decimal, Field(gt=0)]
    rate: Money  # £ an hour, e.g. the grade's hourly cost with on-costs
    hub: str | None = None  # as its cwl-hub-activity names it
    site: str | None = Field(default=None, validate_default=True)  # a cwl-site

    @field_validator("site")
    @classmethod
    def _hub_or_site(cls, site: str | None, info: ValidationInfo) -> str | None:
        hub = info.data.get("hub")
        if (hub is None) == (site is None):
            raise ValueError("name either the 'hub' or the 'site' the time served "
                             f"({'not both' if hub else 'one is required'})")
        return site

    @property
    def value(self) -> Decimal:
        """Hours at the rate, to the penny."""
        return (self.hours * self.rate).quantize(Decimal("0.01"))


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
    usable_reserves: Money | None = None  # the funding gap is shown as a share of it
    instalment_grace: Annotated[int, Field(ge=0)] = 14  # days after an instalment's due date
    decide_within: Annotated[int, Field(gt=0)] = 28  # days to decide a relief request
    # Whose books: a council's, or a community organisation's own (its funds).
    kind: Literal["council", "community-org"] = "council"
    volunteer_hour_value: Money | None = None  # £ proxy per volunteer hour, reports only
    site_final_bills: Annotated[int, Field(ge=0)] = 30  # days after a site closes
