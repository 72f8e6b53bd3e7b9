"""Check community wealth pledges against the spend the books record.

A council (or another anchor institution) pledges under a charter to move
a measure of its spending from a baseline to a target by a date ("a 10%
increase over the next two years"): ``custom "cwl-pledge"``. The measure
is worked out from the local spend analysis, over the year to the books'
last payment:

- ``own-area-spend``: spend with suppliers in the council's own area;
- ``own-area-share``: that spend as a share of all spend (0.45 for 45%);
- ``social-economy-spend``: spend with organisations whose ``ownership``
  is co-operative, social enterprise, employee-owned, CIC, charity or mutual;
- ``living-wage-spend``: spend with accredited Living Wage employers
  (``living-wage: TRUE``).

A pledge with a ``body`` measures the imported spend carrying that
``body`` metadata (another anchor institution's); without one, all spend.
``pledges.off-track``: the measure stands below the straight line from the
baseline (on the pledge's date) to the target (on its ``by`` date) as of
the books' last payment. The rule reads the local spend analysis: the one
``rules.all`` has just made (``RuleContext.analyses``), else its own, made
only when the ledger declares a pledge.

    plugin "rules.pledges"
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from beancount.core import data

from ledger.community_models import SOCIAL_ECONOMY, Pledge
from ledger.config import Config
from rules import local_spend
from rules.api import Analysis, Finding, RuleContext, as_plugin, finding, gbp
from rules.local_spend import OWN_AREA, Payee

__plugins__ = ("plugin",)

ZERO = Decimal(0)
YEAR = datetime.timedelta(days=365)


@dataclass(frozen=True)
class PledgeProgress:
    """A pledge as of the books' last payment: where the line says it should
    be, and where it is."""

    pledge: Pledge
    as_of: datetime.date
    expected: Decimal
    actual: Decimal

    @property
    def on_track(self) -> bool:
        return self.actual >= self.expected


@dataclass
class PledgesAnalysis(Analysis):
    """Every declared pledge's progress."""

    pledges: list[PledgeProgress]
    findings: list[Finding] = field(default_factory=list)


def measure(pledge: Pledge, spend: dict[tuple[Payee, str | None], Decimal],
            config: Config) -> Decimal:
    """The pledge's measure over ``spend`` (per payee and ``body``)."""
    organisations = config.organisations
    total = own = social = living = ZERO
    for (payee, body), amount in spend.items():
        if pledge.body is not None and body != pledge.body:
            continue
        total += amount
        own += amount if payee.local_class == OWN_AREA else ZERO
        org = organisations.get(payee.org_id or "")
        if org is not None:
            social += amount if org.ownership in SOCIAL_ECONOMY else ZERO
            living += amount if org.living_wage else ZERO
    if pledge.measure == "own-area-share":
        return own / total if total else ZERO
    return {"own-area-spend": own, "social-economy-spend": social,
            "living-wage-spend": living}[pledge.measure]


def _shown(pledge: Pledge, value: Decimal) -> str:
    return f"{value:.1%}" if pledge.measure == "own-area-share" else gbp(value)


def analyse(entries: list[data.Directive], context: RuleContext) -> PledgesAnalysis:
    """Each pledge's measure over the year to the last payment, against its line."""
    pledges = context.config.pledges
    if not pledges:
        return PledgesAnalysis([])
    spend = context.analyses.get("local_spend") or local_spend.analyse(entries, context)
    as_of = spend.last_payment_date()
    if as_of is None:
        return PledgesAnalysis([])
    # The year's spend, summed once for every pledge.
    year = spend.spend_between(as_of - YEAR + datetime.timedelta(1), as_of)
    progress, findings = [], []
    for pledge in pledges.values():
        actual = measure(pledge, year, context.config)
        expected = pledge.expected_on(as_of)
        item = PledgeProgress(pledge, as_of, expected, actual)
        progress.append(item)
        if not item.on_track:
            findings.append(finding(
                pledge.meta,
                f'Pledge "{pledge.id}" ({pledge.measure}) is off track: '
                f"{_shown(pledge, actual)} in the year to {as_of}, below the "
                f"{_shown(pledge, expected)} on the straight line from "
                f"{_shown(pledge, pledge.baseline)} on {pledge.date} to "
                f"{_shown(pledge, pledge.target_value)} by {pledge.by}",
                "pledges.off-track", pledge.id))
    return PledgesAnalysis(progress, findings)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Report pledges below their line; entries unchanged."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
