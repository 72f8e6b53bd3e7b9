"""The community balance sheet: per stakeholder group, the money and value
that flowed in and out of the place over the period, and what stayed.

There is no single official method; this follows the "planning balance
sheet" idea (Lichfield): a statement per group (residents, local businesses,
VCSE sector, council, central government) of grants received and paid,
local and non-local spend, social value delivered and reimbursements
claimed and received. Each flow is read from a rule's analysis (grants,
supplier relief, local spend, claims, social value) or, for government
funding the rules do not check, from the postings of its account. The same
period a year earlier stands beside it whenever the ledger holds any
transaction in it (a note says when the books start part way through it).
Beside the flows, ``holdings`` says what each group owes or holds on the
period's last day, and a year before.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

import pandas as pd

from ledger import accounts, metadata
from ledger.entry_types import meta_key
from ledger.periods import Period
from reports.models import holdings
from reports.models.books import ReportBooks
from reports.models.header import ReportHeader
from reports.models.tables import ZERO, Bar, Column, Figure, Table, money_sum, share, to_dict
from rules.local_spend import UNKNOWN

TITLE = "Community balance sheet"

GOVERNMENT = "Central government"
COUNCIL = "Council"
RESIDENTS = "Residents"
BUSINESSES = "Local businesses"
VCSE = "VCSE sector"
OUTSIDE = "Businesses elsewhere or not placed"
GROUPS = (RESIDENTS, BUSINESSES, VCSE, COUNCIL, GOVERNMENT, OUTSIDE)

Direction = Literal["in", "out", "value in", "memo"]
PLACES = {"own-area": "Own area", "region": "Region", "elsewhere": "Elsewhere",
          UNKNOWN: "Not known"}


@dataclass(frozen=True)
class Flow:
    """Money (or value) moving to or from one group; ``place`` is where the
    receiving payee is, for money the council paid out."""

    group: str
    flow: str
    direction: Direction
    amount: Decimal
    place: str | None = None
    source: str = ""


@dataclass
class BalanceSheetReport:
    header: ReportHeader
    prior_period: Period
    prior_covered: bool  # the ledger holds transactions in the prior period
    prior_note: str
    headline: list[Figure]
    groups: list[Table]  # one per stakeholder group
    retained: Table
    retained_chart: list[Bar]
    flows: pd.DataFrame  # this period's flows, one row per Flow
    prior_flows: pd.DataFrame | None
    holdings: Table  # what each group owes or holds at the period's end
    findings: Table | None = None  # its streams' findings, added by reports.registry

    template = "balance_sheet.html"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


class _Recipients:
    """The stakeholder group and place of an organisation the council paid."""

    def __init__(self, books: ReportBooks) -> None:
        self.books = books
        self.organisations = books.config.organisations

    def group(self, org_id: str | None, payee: str | None, meta: dict[str, Any],
              personal: bool = False) -> tuple[str, str]:
        place = self.books.place_of(org_id)
        org = self.organisations.get(org_id) if org_id else None
        if personal or self.books.people.payee(payee, meta):
            return RESIDENTS, place
        if org is not None and org.vcse:
            return VCSE, place
        return (BUSINESSES if place == "own-area" else OUTSIDE), place

    def holder(self, org_id: str | None, payee: str | None, meta: dict[str, Any],
               personal: bool) -> str:
        """The group alone, as ``holdings`` asks it."""
        return self.group(org_id, payee, meta, personal)[0]


def _government(books: ReportBooks, period: Period) -> list[Flow]:
    """Money from central government, and reimbursements claimed."""
    funding = -money_sum(n for day, _, n in books.moves_under(accounts.GRANT_FUNDING)
                         if day in period)
    ring_fenced = -money_sum(n for day, _, n in books.moves_under(accounts.RING_FENCED)
                             if day in period and n < 0)
    claims = books.claims_in(period)
    claimed = money_sum(c.raised for c in claims.claims)
    received = money_sum(c.received for c in claims.claims)
    return [
        Flow(GOVERNMENT, "Funding for business grants", "out", funding,
             source=accounts.GRANT_FUNDING),
        Flow(GOVERNMENT, "Emergency funding tranches", "out", claims.tranche_income,
             source=f"{accounts.TRANCHE_INCOME} (claims rule)"),
        Flow(GOVERNMENT, "Ring-fenced funds", "out", ring_fenced,
             source=accounts.RING_FENCED),
        Flow(GOVERNMENT, "Reimbursements received", "out", received,
             source="claims received (claims rule)"),
        Flow(GOVERNMENT, "Reimbursements claimed", "memo", claimed,
             source="claims raised (claims rule)"),
    ]


def _grants(books: ReportBooks, period: Period, recipients: _Recipients) -> list[Flow]:
    """Grants paid and recovered, by who received them."""
    flows = []
    for scheme in books.grants.schemes.values():
        by_id = {a.award_id: a for a in scheme.awards if a.award_id}
        for payment in scheme.payments:
            if payment.date not in period:
                continue
            award = by_id.get(payment.award_id)
            org_id = payment.org_id or (award.org_id if award else None)
            payee = award.payee if award else None
            group, place = recipients.group(
                org_id, payee, award.meta if award else payment.meta,
                payment.award_id is not None and payment.award_id in books.personal_awards)
            if payment.recovery:
                flows.append(Flow(group, "Grants repaid (recovered)", "out", payment.amount,
                                  place, "grants rule: recoveries"))
            else:
                flows.append(Flow(group, "Grants received", "in", payment.amount, place,
                                  "grants rule: payments"))
    return flows


def _relief_recoveries(books: ReportBooks, period: Period, recipients: _Recipients) -> list[Flow]:
    """Relief overpayments suppliers paid back, as the relief rule reads
    them (``recovery: TRUE`` on a ``^contract-`` link or ``contract:``), on
    contracts it knows the supplier of."""
    suppliers = {c: r.contract.supplier for c, r in books.relief.contracts.items()
                 if r.contract is not None and r.recovered}
    flows = []
    for move in books.relief.recoveries:
        if move.date not in period or move.contract_id not in suppliers:
            continue
        supplier = suppliers[move.contract_id]
        group, place = recipients.group(supplier, None, {metadata.ORG_ID: supplier})
        flows.append(Flow(group, "Relief overpayments repaid", "out", move.amount, place,
                          "supplier relief rule: recoveries"))
    return flows


def _spend(books: ReportBooks, period: Period, recipients: _Recipients) -> list[Flow]:
    """Payments for goods and services, by who was paid and where."""
    frame = books.spend_in(period)
    if frame.empty:
        return []
    # A relief recovery is its own flow (Relief overpayments repaid), not
    # negative spend, whether or not the local spend rule nets refunds.
    recoveries = {meta_key(m.meta) for m in books.relief.recoveries}
    frame = frame[[key not in recoveries for key in frame["meta_id"]]].copy()
    if frame.empty:
        return []
    frame["group"] = [
        RESIDENTS if personal else VCSE if vcse else
        BUSINESSES if place == "own-area" else OUTSIDE
        for personal, vcse, place in zip(frame["personal"], frame["vcse"], frame["place"])]
    totals = frame.groupby(["group", "place"], sort=True)["amount"].agg(money_sum)
    return [Flow(group, "Paid for goods and services", "in", amount, place,
                 "local spend rule: payments to suppliers")
            for (group, place), amount in totals.items()]


def _social_value(books: ReportBooks, period: Period) -> list[Flow]:
    delivered = money_sum(r.delivered_value for r in books.social_value_in(period).rows)
    return [Flow(RESIDENTS, "Social value delivered by contractors", "value in", delivered,
                 source="social value rule: deliveries × proxy")]


def _rent_foregone(books: ReportBooks, period: Period, recipients: _Recipients) -> list[Flow]:
    """Rent the council gave up on community assets (``cwl-asset``) let in
    the period, market rent less rent charged pro rata by day: value to the
    occupier's group, a memo on both sides (no money moved)."""
    flows = []
    for asset in books.config.assets.values():
        start = max(asset.date, period.start)
        days = (period.end - start).days + 1
        if days <= 0:
            continue
        amount = (asset.rent_foregone * days / 365).quantize(Decimal("0.01"))
        group, _ = recipients.group(asset.occupier, None, {})
        flows.append(Flow(group, "Rent foregone on community assets let to it", "memo",
                          amount, source="cwl-asset: market rent − rent charged"))
    if flows:
        flows.append(Flow(COUNCIL, "Rent foregone on community assets", "memo",
                          money_sum(f.amount for f in flows),
                          source="cwl-asset: market rent − rent charged"))
    return flows


def flows(books: ReportBooks, period: Period) -> pd.DataFrame:
    """Every flow of the period, the council's side included."""
    recipients = _Recipients(books)
    government = _government(books, period)
    paid = (_grants(books, period, recipients) + _relief_recoveries(books, period, recipients)
            + _spend(books, period, recipients))
    council = [Flow(COUNCIL, f.flow.replace("Funding for", "Funding received for"),
                    "in", f.amount, source=f.source)
               for f in government if f.direction == "out"]
    for name, direction, kind in (("Grants paid", "out", "Grants received"),
                                  ("Grants recovered", "in", "Grants repaid (recovered)"),
                                  ("Relief overpayments recovered", "in",
                                   "Relief overpayments repaid"),
                                  ("Paid to suppliers", "out", "Paid for goods and services")):
        amount = money_sum(f.amount for f in paid if f.flow == kind)
        council.append(Flow(COUNCIL, name, direction, amount))
    everything = (government + council + paid + _social_value(books, period)
                  + _rent_foregone(books, period, recipients))
    frame = pd.DataFrame([f.__dict__ for f in everything],
                         columns=["group", "flow", "direction", "amount", "place", "source"])
    keys = ["group", "flow", "direction", "place", "source"]
    return (frame.groupby(keys, sort=False, dropna=False)["amount"].agg(money_sum)
            .reset_index()[["group", "flow", "direction", "amount", "place", "source"]])


def _covers(books: ReportBooks, period: Period) -> bool:
    """Whether the books hold any transaction in ``period``."""
    return any(t.date in period for t in books.transactions)


def _prior_note(books: ReportBooks, period: Period, covered: bool) -> str:
    first = books.first_transaction
    if not covered:
        return f"No transactions in the prior period ({period.label()})."
    if first is not None and first > period.start:
        return (f"The ledger's transactions start on {first:%-d %B %Y}, part way through "
                f"the prior period ({period.label()}): its column covers only what is "
                "recorded from then.")
    return ""


def _by_flow(frame: pd.DataFrame | None, group: str) -> dict[tuple[str, str], Decimal]:
    if frame is None:
        return {}
    rows = frame[frame["group"] == group]
    return rows.groupby(["flow", "direction"], sort=False)["amount"].agg(money_sum).to_dict()


ORDER = {"in": 0, "value in": 1, "out": 2, "memo": 3}


def _group_table(group: str, now: pd.DataFrame, prior: pd.DataFrame | None) -> Table:
    current, before = _by_flow(now, group), _by_flow(prior, group)
    keys = sorted(set(current) | set(before), key=lambda k: (ORDER[k[1]], k[0]))
    rows = [{"flow": flow, "direction": direction, "amount": current.get((flow, direction), ZERO),
             "prior": before.get((flow, direction), ZERO) if prior is not None else None}
            for flow, direction in keys]
    net_now = money_sum(r["amount"] for r in rows if r["direction"] == "in") - money_sum(
        r["amount"] for r in rows if r["direction"] == "out")
    net_prior = None if prior is None else money_sum(
        r["prior"] for r in rows if r["direction"] == "in") - money_sum(
        r["prior"] for r in rows if r["direction"] == "out")
    return Table(group, [Column("flow", "Flow"), Column("direction", "In / out"),
                         Column("amount", "This period", "money"),
                         Column("prior", "A year earlier", "money")],
                 rows, {"flow": "Net money in", "direction": "", "amount": net_now,
                        "prior": net_prior},
                 empty="No flows in the period.")


def _retained(now: pd.DataFrame, prior: pd.DataFrame | None) -> tuple[Table, list[Bar]]:
    def by_place(frame: pd.DataFrame | None) -> dict[str, Decimal]:
        """Paid in to each place's payees, less what they paid back (grants
        and relief overpayments recovered)."""
        totals = dict.fromkeys(PLACES, ZERO)
        if frame is not None:
            placed = frame[frame["place"].notna() & frame["direction"].isin(("in", "out"))]
            for place, direction, amount in zip(placed["place"], placed["direction"],
                                                placed["amount"]):
                totals[place] = totals.get(place, ZERO) + (
                    amount if direction == "in" else -amount)
        return totals

    current, before = by_place(now), by_place(prior)
    total_now, total_prior = money_sum(current.values()), money_sum(before.values())
    rows = [{"place": label, "amount": current[key], "share": share(current[key], total_now),
             "prior": before[key] if prior is not None else None}
            for key, label in PLACES.items()]
    table = Table("Where the council's grants and payments went",
                  [Column("place", "Recipient's location"),
                   Column("amount", "This period", "money"), Column("share", "Share", "share"),
                   Column("prior", "A year earlier", "money")],
                  rows, {"place": "Total", "amount": total_now,
                         "share": share(total_now, total_now),
                         "prior": total_prior if prior is not None else None},
                  note="Grants paid and payments to suppliers, less grants and relief "
                       "overpayments recovered, placed by the recipient's postcode with "
                       "the local spend rule's classes.")
    return table, [Bar(r["place"], r["amount"]) for r in rows]


def build(books: ReportBooks) -> BalanceSheetReport:
    """The community balance sheet for ``books.period`` and a year earlier."""
    prior_period = books.period.year_earlier()
    covered = _covers(books, prior_period)
    now = flows(books, books.period)
    prior = flows(books, prior_period) if covered else None
    note = _prior_note(books, prior_period, covered)
    retained, chart = _retained(now, prior)
    stayed = retained.rows[0]["amount"]
    social = money_sum(now.loc[now["direction"] == "value in", "amount"])
    council = _by_flow(now, COUNCIL)
    headline = [
        Figure("Money from central government", money_sum(
            v for (f, d), v in council.items() if d == "in" and "recovered" not in f)),
        Figure("Grants paid", council.get(("Grants paid", "out"), ZERO)),
        Figure("Paid to suppliers", council.get(("Paid to suppliers", "out"), ZERO)),
        Figure("Stayed in the place", stayed,
               source="grants and payments to own-area payees, less recoveries"),
        Figure("Share that stayed", retained.rows[0]["share"], "share"),
        Figure("Social value delivered", social, source="value, not cash"),
    ]
    groups = [_group_table(group, now, prior) for group in GROUPS]
    group_of = _Recipients(books).holder
    held = holdings.holdings(books, books.period.end, group_of, GOVERNMENT, COUNCIL)
    held_before = (holdings.holdings(books, prior_period.end, group_of, GOVERNMENT, COUNCIL)
                   if covered else None)
    return BalanceSheetReport(books.header(TITLE), prior_period, covered, note, headline,
                              groups, retained, chart, now, prior,
                              holdings.table(held, held_before, books.period.end,
                                             prior_period.end))
