"""Check social value commitments and deliveries against the ledger's own
measure table, and value them.

Under the Social Value Act councils weigh what suppliers promise for local
people and places. The ledger declares its measures (``cwl-measure``: code,
unit, proxy £ per unit, theme, valid from its date), what each supplier
committed on a contract (``cwl-commitment``) and what it delivered
(``cwl-delivery``). Proxy values change year to year, so a measure may be
declared again from a later date: a commitment or delivery is valued at
quantity × the proxy of the version in force on its date (a commitment
made before the first version, at the first version's). Each must name a
declared measure and contract, in the measure's unit, and a delivery cannot
predate the measure it is counted under. One that breaks these is reported
at its declaration and left out of the values. A row describes its measure
(title, unit, proxy, theme) by the latest version.

The rule is active only when the ledger declares measures, commitments or
deliveries.

    plugin "rules.social_value"
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from beancount.core import data

from ledger.models import Commitment, Delivery, Measure
from rules.api import Analysis, Finding, RuleContext, as_plugin, finding

__plugins__ = ("plugin",)

PENNY = Decimal("0.01")
ZERO = Decimal(0)


@dataclass
class ContractMeasure:
    """Committed and delivered social value on one contract for one measure."""

    contract: str
    supplier: str  # org-id
    supplier_name: str | None  # from its cwl-organisation, when declared
    measure: str
    title: str
    unit: str
    proxy: Decimal  # £ per unit, of the latest version (values use each date's)
    theme: str
    committed: Decimal = ZERO
    committed_value: Decimal = ZERO
    delivered: Decimal = ZERO
    delivered_value: Decimal = ZERO


@dataclass
class ThemeTotal:
    """Committed and delivered £ value under one social value theme."""

    theme: str
    committed_value: Decimal = ZERO
    delivered_value: Decimal = ZERO


@dataclass
class SocialValueAnalysis(Analysis):
    """Social value per contract and measure, and by theme."""

    rows: list[ContractMeasure]  # sorted by contract, then measure
    themes: list[ThemeTotal]  # sorted by theme
    findings: list[Finding]


def _version(
    record: Commitment | Delivery, kind: str, context: RuleContext
) -> tuple[Measure | None, Finding | None]:
    """The measure version to value a commitment or delivery at, or what is
    wrong with it."""
    config = context.config
    what = f'{kind} "{record.id}" for {record.measure}'
    latest = config.measures.get(record.measure)
    if latest is None:
        return None, finding(record.meta, f'{what}: measure "{record.measure}" is not '
                           "declared", "sv.unknown-measure",
                           record.id)
    measure = config.measure_on(record.measure, record.date)
    # Before its first version a commitment is valued at that version; a
    # delivery is an error.
    version = measure or config.measure_versions.get(record.measure, [latest])[0]
    if record.unit is not None and record.unit != version.unit:
        return None, finding(record.meta, f'{what} is in "{record.unit}" but the measure '
                           f'is counted in "{version.unit}"', "sv.unit",
                           record.id)
    if record.id not in config.contracts:
        return None, finding(record.meta, f'{what}: contract "{record.id}" is not declared',
                           "sv.unknown-contract",
                           record.id)
    if measure is None and isinstance(record, Delivery):
        return None, finding(record.meta, f"{what} is dated {record.date}, before the "
                           f"measure is valid from {version.valid_from}", "sv.not-valid-yet",
                           record.id)
    return version, None


def _value(quantity: Decimal, measure: Measure) -> Decimal:
    return (quantity * measure.proxy).quantize(PENNY, ROUND_HALF_UP)


def analyse(entries: list[data.Directive], context: RuleContext) -> SocialValueAnalysis:
    """Value every sound commitment and delivery; report the others.

    Reads only the declarations in ``context``, not the entries.
    """
    config = context.config
    rows: dict[tuple[str, str], ContractMeasure] = {}
    findings: list[Finding] = []
    records = [(c, "Commitment") for c in config.commitments]
    records += [(d, "Delivery") for d in config.deliveries]
    for record, kind in records:
        measure, problem = _version(record, kind, context)
        if problem is not None:
            findings.append(problem)
            continue
        row = rows.get((record.id, measure.id))
        if row is None:
            latest = config.measures[measure.id]
            supplier = config.contracts[record.id].supplier
            org = config.organisations.get(supplier)
            row = rows[(record.id, measure.id)] = ContractMeasure(
                record.id, supplier, org.name if org else None, latest.id,
                latest.title, latest.unit, latest.proxy, latest.theme)
        if isinstance(record, Delivery):
            row.delivered += record.quantity
            row.delivered_value += _value(record.quantity, measure)
        else:
            row.committed += record.quantity
            row.committed_value += _value(record.quantity, measure)

    themes: dict[str, ThemeTotal] = {}
    for row in rows.values():
        total = themes.setdefault(row.theme, ThemeTotal(row.theme))
        total.committed_value += row.committed_value
        total.delivered_value += row.delivered_value
    return SocialValueAnalysis(
        [rows[key] for key in sorted(rows)],
        [themes[theme] for theme in sorted(themes)],
        findings)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Report unsound commitments and deliveries; entries are unchanged."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
