"""The social value report: what suppliers delivered against what they
committed, how much of the council's spend stayed local, and the local
multiplier (LM3) that spend is worth: rounds 2 and 3 measured by a supplier
survey (``cwl-lm3-survey``) of the report's period, else the ledger's own
assumed re-spend shares.

Values come from ``rules.social_value`` (quantity × the ledger's proxy £ per
unit) and spend shares from ``rules.local_spend`` (each payment classed by
the supplier's postcode), so every figure is one a rule checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from ledger.metadata import LOCAL_CLASSES
from ledger.models import LM3Survey
from reports.models.books import ReportBooks
from reports.models.header import ReportHeader
from reports.models.people import individuals_label
from reports.models.series import TimeSeries, spend_by_month
from reports.models.tables import ZERO, Bar, Column, Figure, Table, money_sum, share, to_dict
from rules.local_spend import UNKNOWN
from rules.social_value import SocialValueAnalysis

TITLE = "Social value report"
CLASS_LABELS = {"own-area": "Own area", "region": "Region", "elsewhere": "Elsewhere",
                UNKNOWN: "Unknown postcode"}


@dataclass(frozen=True)
class Multiplier:
    """Local Multiplier 3 (NEF): three rounds of spending and their ratio."""

    round1: Decimal  # the council's spend with suppliers in the period
    local_round1: Decimal  # the part of round 1 with own-area suppliers
    round2_share: Decimal | None  # share of local round 1 re-spent locally
    round2: Decimal
    round3_share: Decimal | None  # share of round 2 re-spent locally
    round3: Decimal
    settings_at: str  # file:line of the cwl-settings that declares the shares, or ""
    survey: str | None = None  # the cwl-lm3-survey that measured rounds 2 and 3
    basis: str = ""  # what rounds 2 and 3 are, measured or assumed, as the page says

    @property
    def lm3(self) -> Decimal | None:
        if not self.round1:
            return None
        return (self.round1 + self.round2 + self.round3) / self.round1


@dataclass
class SocialValueReport:
    header: ReportHeader
    headline: list[Figure]
    themes: Table
    measures: Table
    contracts: Table
    local_spend: Table
    local_chart: list[Bar]
    business_types: Table
    multiplier: Multiplier
    multiplier_table: Table
    proxies: Table
    area: Table
    problems: Table
    spend_by_month: TimeSeries
    findings: Table | None = None  # its streams' findings, added by reports.registry

    template = "social_value.html"

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


def _value_frame(result: SocialValueAnalysis) -> pd.DataFrame:
    return pd.DataFrame(
        [{"contract": r.contract, "supplier": r.supplier, "supplier_name": r.supplier_name,
          "measure": r.measure, "title": r.title, "unit": r.unit, "proxy": r.proxy,
          "theme": r.theme or "(no theme)", "committed": r.committed,
          "committed_value": r.committed_value, "delivered": r.delivered,
          "delivered_value": r.delivered_value} for r in result.rows],
        columns=["contract", "supplier", "supplier_name", "measure", "title", "unit",
                 "proxy", "theme", "committed", "committed_value", "delivered",
                 "delivered_value"])


def _with_share(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["delivered_share"] = [share(d, c) for d, c in
                                zip(frame["delivered_value"], frame["committed_value"])]
    return frame


def _sum_by(frame: pd.DataFrame, keys: list[str], values: list[str]) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=keys + values)
    return frame.groupby(keys, sort=True)[values].agg(money_sum).reset_index()


def _totals(frame: pd.DataFrame, label_key: str, label: str = "Total") -> dict[str, Any]:
    committed = money_sum(frame["committed_value"])
    delivered = money_sum(frame["delivered_value"])
    return {label_key: label, "committed_value": committed, "delivered_value": delivered,
            "delivered_share": share(delivered, committed)}


VALUE_COLUMNS = [Column("committed_value", "Committed £", "money"),
                 Column("delivered_value", "Delivered £", "money"),
                 Column("delivered_share", "Delivered", "share")]


def _value_tables(books: ReportBooks, values: pd.DataFrame) -> tuple[Table, Table, Table]:
    themes = _with_share(_sum_by(values, ["theme"], ["committed_value", "delivered_value"]))
    measures = _with_share(_sum_by(
        values, ["measure", "title", "unit", "proxy"],
        ["committed", "delivered", "committed_value", "delivered_value"]))

    contracts = values.copy()
    people = books.people
    contracts["supplier_label"] = [
        individuals_label(1) if people.organisation(s, n) else (n or s)
        for s, n in zip(contracts["supplier"], contracts["supplier_name"])]
    contracts = _with_share(_sum_by(contracts, ["contract", "supplier_label"],
                                    ["committed_value", "delivered_value"]))
    return (
        Table.from_frame("By theme", [Column("theme", "Theme")] + VALUE_COLUMNS, themes,
                         _totals(values, "theme")),
        Table.from_frame(
            "By measure",
            [Column("measure", "Code"), Column("title", "Measure"), Column("unit", "Unit"),
             Column("committed", "Committed", "number"),
             Column("delivered", "Delivered", "number")] + VALUE_COLUMNS,
            measures, _totals(values, "measure"),
            note="Quantities are in each measure's unit; the proxy £ per unit is on the "
                 "methodology page."),
        Table.from_frame(
            "By contract and supplier",
            [Column("contract", "Contract"), Column("supplier_label", "Supplier")]
            + VALUE_COLUMNS, contracts, _totals(values, "contract"),
            note="Committed is for the contract's term; delivered is what was "
                 "evidenced in the period."),
    )


def _spend_tables(spend: pd.DataFrame) -> tuple[Table, list[Bar], Table, dict[str, Decimal]]:
    total = money_sum(spend["amount"])
    by_class = {cls: ZERO for cls in (*LOCAL_CLASSES, UNKNOWN)}
    if not spend.empty:
        by_class.update(spend.groupby("place")["amount"].agg(money_sum).to_dict())
    rows = [{"where": CLASS_LABELS[cls], "amount": amount, "share": share(amount, total)}
            for cls, amount in by_class.items()]
    table = Table("Spend with suppliers by where they are",
                  [Column("where", "Supplier's location"), Column("amount", "Spend £", "money"),
                   Column("share", "Share", "share")], rows,
                  {"where": "Total", "amount": total, "share": share(total, total)})
    chart = [Bar(row["where"], row["amount"]) for row in rows]

    kinds = []
    for key, label in (("sme", "Small and medium enterprises (SME)"),
                       ("vcse", "Voluntary, community and social enterprise (VCSE)")):
        amount = money_sum(spend.loc[spend[key].astype(bool), "amount"]) if len(spend) else ZERO
        kinds.append({"kind": label, "amount": amount, "share": share(amount, total)})
    types = Table("Spend by kind of supplier",
                  [Column("kind", "Supplier"), Column("amount", "Spend £", "money"),
                   Column("share", "Share of all spend", "share")], kinds,
                  note="From the sme and vcse flags on each cwl-organisation.")
    return table, chart, types, by_class


def lm3_survey(books: ReportBooks) -> LM3Survey | None:
    """The supplier survey that measured rounds 2 and 3 over the report's
    period: one whose start and end are the period's own (its rounds are £
    re-spent out of that period's spend, so they fit no other round 1); of
    two such, the one dated later."""
    period = books.period
    covering = [s for s in books.config.lm3_surveys.values()
                if (s.start, s.end) == (period.start, period.end)]
    return max(covering, key=lambda s: (s.date, s.id), default=None)


def _respondents(survey: LM3Survey) -> str:
    return "" if survey.respondents is None else f" ({survey.respondents:,} respondents)"


def _multiplier(books: ReportBooks, by_class: dict[str, Decimal]) -> tuple[Multiplier, Table]:
    settings = books.context.settings
    round1 = money_sum(by_class.values())
    local = by_class["own-area"]
    at = books.where(settings.meta) if settings.meta else ""
    survey = lm3_survey(books)
    if survey is not None:
        round2, round3 = survey.round2, survey.round3
        surveyed = (f"the {survey.id} supplier survey{_respondents(survey)}, "
                    f"declared with cwl-lm3-survey at {books.where(survey.meta)}")
        multiplier = Multiplier(
            round1, local, share(round2, local), round2, share(round3, round2), round3, at,
            survey.id, f"Rounds 2 and 3 measured by {surveyed}."
            + (f" {survey.note}" if survey.note else ""))
        sources = (f"Measured by {surveyed}: what suppliers re-spent locally.",
                   "Measured by the same survey: round 2 re-spent locally again.")
    else:
        round2 = local * settings.local_round2_share
        round3 = round2 * settings.local_round3_share
        declared = f"declared in cwl-settings at {at}" if at else "the default: not declared"
        others = sorted(books.config.lm3_surveys.values(), key=lambda s: (s.start, s.id))
        multiplier = Multiplier(
            round1, local, settings.local_round2_share, round2, settings.local_round3_share,
            round3, at, None,
            "Rounds 2 and 3 are not measured: they are assumed shares, "
            f"{settings.local_round2_share:.0%} of own-area spend re-spent locally and "
            f"{settings.local_round3_share:.0%} of that again (local-round2-share and "
            f"local-round3-share, {declared})."
            + "".join(f" The {s.id} supplier survey covers {s.start:%-d %B %Y} to "
                      f"{s.end:%-d %B %Y}, not this period." for s in others))
        sources = (f"{settings.local_round2_share:%} (local-round2-share, {declared}) of "
                   "round 1 spent with own-area suppliers, re-spent locally.",
                   f"{settings.local_round3_share:%} (local-round3-share, {declared}) of "
                   "round 2, re-spent locally again.")
    rows = [
        {"round": "Round 1", "amount": round1,
         "source": "The council's payments to suppliers in the period (local spend rule)."},
        {"round": "Round 2", "amount": round2, "source": sources[0]},
        {"round": "Round 3", "amount": round3, "source": sources[1]},
    ]
    table = Table("Local Multiplier 3: the three rounds",
                  [Column("round", "Round"), Column("amount", "£", "money"),
                   Column("source", "Where the figure comes from")], rows)
    return multiplier, table


def _methodology(books: ReportBooks) -> tuple[Table, Table]:
    config = books.config
    proxies = Table(
        "Proxy values the ledger declares",
        [Column("code", "Code"), Column("title", "Measure"), Column("unit", "Unit"),
         Column("proxy", "£ per unit", "money"), Column("theme", "Theme"),
         Column("source", "Source"), Column("valid_from", "Valid from", "date"),
         Column("at", "Declared at")],
        [{"code": m.id, "title": m.title, "unit": m.unit, "proxy": m.proxy,
          "theme": m.theme, "source": m.source, "valid_from": m.valid_from,
          "at": books.where(m.meta)} for m in sorted(config.measures.values(),
                                                        key=lambda m: m.id)],
        empty="The ledger declares no measures.")
    area = config.area
    places = Table(
        "The place",
        [Column("what", "Class"), Column("prefixes", "Postcode prefixes")],
        [{"what": f"Own area ({area.id})", "prefixes": " ".join(area.own)},
         {"what": f"Region ({area.region_name})", "prefixes": " ".join(area.region)}]
        if area else [],
        note=f"Declared with cwl-area at {books.where(area.meta)}." if area else "",
        empty="The ledger declares no cwl-area: spend cannot be placed.")
    return proxies, places


def _problems(books: ReportBooks, result: SocialValueAnalysis) -> Table:
    return Table("Declarations left out of the values",
                 [Column("code", "Rule"), Column("at", "Ledger line"),
                  Column("message", "Why")],
                 [{"code": f.code, "at": books.where(f.meta), "message": books.finding(f)}
                  for f in result.findings],
                 empty="Every commitment and delivery was valued.")


def build(books: ReportBooks) -> SocialValueReport:
    """The social value report for ``books.period``."""
    result = books.social_value_in(books.period)
    values = _value_frame(result)
    themes, measures, contracts = _value_tables(books, values)
    spend = books.spend_in(books.period)
    local_table, chart, types, by_class = _spend_tables(spend)
    multiplier, multiplier_table = _multiplier(books, by_class)
    proxies, area = _methodology(books)
    committed = money_sum(values["committed_value"])
    delivered = money_sum(values["delivered_value"])
    round1 = multiplier.round1
    headline = [
        Figure("Social value committed (contract terms)", committed,
               source="cwl-commitment × measure proxy"),
        Figure("Social value delivered in the period", delivered,
               source="cwl-delivery × measure proxy"),
        Figure("Delivered against committed", share(delivered, committed), "share"),
        Figure("Spend with suppliers", round1, source="payments classed by local spend rule"),
        Figure("Spend in the own area", by_class["own-area"]),
        Figure("Own-area share", share(by_class["own-area"], round1), "share"),
        Figure("Local Multiplier 3", multiplier.lm3, "number",
               source=f"rounds 2 and 3 measured by the {multiplier.survey} supplier survey"
               if multiplier.survey else "ledger's declared re-spend shares (assumed)"),
    ]
    return SocialValueReport(books.header(TITLE), headline, themes, measures, contracts,
                             local_table, chart, types, multiplier, multiplier_table,
                             proxies, area, _problems(books, result),
                             spend_by_month=spend_by_month(books, spend, CLASS_LABELS))
