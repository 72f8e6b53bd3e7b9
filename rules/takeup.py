"""Take-up by property: awards against the business rates list.

Councils compared the rating list with the grants they had paid, by
property reference and Unique Property Reference Number (UPRN), to find
errors and to "target those small and sole traders who had not come forward
for support". The list is declared in the books, one ``cwl-property`` per
property and as-at date (``cwl import`` of the list writes them); a scheme
reads the value the list gave on its ``eligibility-date`` (the latest as-at
on or before it; an award's own date for a scheme without one).

When the books declare any property:

- ``takeup.rv-mismatch``: an award's ``rateable-value`` differs from the
  list's for its ``property-ref`` as at the scheme's eligibility date;
- ``takeup.unknown-property``: an award's ``property-ref`` is not on the
  list, or only from after the scheme's eligibility date;
- ``takeup.same-uprn``: two property references on one UPRN, both paid by
  the same scheme (one building, paid twice), at the later declaration.

It also works out, per scheme whose amounts are rateable-value bands (or
that declares ``max-rateable-value``) and an eligibility date, the
properties eligible by their value that hold no award of the scheme (nor of
one it is ``exclusive-with``): who has not come forward, by band, valued at
the band's grant. The list does not say which reliefs a property had or
whether it had to close, so this is the most that may still be claimed.
"""

from __future__ import annotations

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from beancount.core import data

from ledger.amount_rules import Band
from ledger.models import GrantScheme, Property
from rules.api import Analysis, Finding, RuleContext, as_plugin, finding, gbp
from rules.grants.reading import read
from rules.grants.records import Award, GrantPayment

__plugins__ = ("plugin",)

ZERO = Decimal(0)


class RatingList:
    """Each property's declarations, oldest as-at first."""

    def __init__(self, properties: list[Property]) -> None:
        self.versions: dict[str, list[Property]] = defaultdict(list)
        for prop in properties:
            bisect.insort(self.versions[prop.id], prop, key=lambda p: p.as_at)

    def on(self, ref: str, day: datetime.date) -> Property | None:
        """The property as the list gave it on ``day``: its latest as-at on
        or before it; None when it was not yet listed (or never)."""
        versions = self.versions.get(ref, [])
        at = bisect.bisect_right([p.as_at for p in versions], day)
        return versions[at - 1] if at else None

    def latest(self) -> list[Property]:
        return [versions[-1] for versions in self.versions.values()]


def band_label(band: Band) -> str:
    """``RV <= 15,000``, or ``any RV`` for a band that takes every value."""
    return "any RV" if band.op is None else f"RV {band.op} {band.limit:,.0f}"


@dataclass
class BandTakeup:
    """One band of a scheme: the list's properties in it on the eligibility
    date, those holding an award, and those not yet paid."""

    label: str
    grant: Decimal
    eligible: int = 0
    awarded: int = 0
    unpaid: list[str] = field(default_factory=list)  # property refs

    @property
    def unpaid_value(self) -> Decimal:
        return self.grant * len(self.unpaid)


@dataclass
class SchemeTakeup:
    """A scheme's take-up by property, as at its eligibility date."""

    scheme: str
    eligibility_date: datetime.date
    bands: list[BandTakeup]

    @property
    def unpaid_value(self) -> Decimal:
        return sum((b.unpaid_value for b in self.bands), ZERO)


@dataclass
class TakeupAnalysis(Analysis):
    """The rating list, each banded scheme's take-up, and the findings."""

    listed: int  # properties on the list
    schemes: dict[str, SchemeTakeup]
    findings: list[Finding]


def _net_paid(payments: list[GrantPayment]) -> dict[str | None, Decimal]:
    """Paid less recovered, by award id."""
    net: dict[str | None, Decimal] = defaultdict(Decimal)
    for pay in payments:
        net[pay.award_id] += -pay.amount if pay.recovery else pay.amount
    return net


def _as_at(award: Award, schemes: dict[str, GrantScheme]) -> datetime.date:
    scheme = schemes.get(award.scheme)
    return scheme.eligibility_date if scheme and scheme.eligibility_date else award.date


def _award_findings(awards: list[Award], listed: RatingList,
                    schemes: dict[str, GrantScheme]) -> list[Finding]:
    findings = []
    for award in awards:
        ref = award.property_ref
        if ref is None:
            continue
        day = _as_at(award, schemes)
        prop = listed.on(ref, day)
        if prop is None:
            versions = listed.versions.get(ref)
            why = (f"is listed only from {versions[0].as_at}, after {day}" if versions
                   else "is not on the rating list")
            findings.append(finding(award.meta, f"{award.name}: property {ref} {why}",
                                    "takeup.unknown-property", award.award_id))
        elif award.rateable_value is not None and award.rateable_value != prop.rateable_value:
            findings.append(finding(
                award.meta, f"{award.name}: rateable value {gbp(award.rateable_value)} for "
                f"property {ref}, the rating list gives {gbp(prop.rateable_value)} as at "
                f"{prop.as_at} (eligibility date {day})", "takeup.rv-mismatch", award.award_id))
    return findings


def _same_uprn(held: list[Award], listed: RatingList) -> list[Finding]:
    """One finding per UPRN and scheme paying two or more of its properties."""
    by_uprn: dict[str, list[Property]] = defaultdict(list)
    for prop in listed.latest():
        if prop.uprn:
            by_uprn[prop.uprn].append(prop)
    paid: dict[tuple[str, str], list[Award]] = defaultdict(list)
    for award in held:
        if award.property_ref:
            paid[(award.property_ref, award.scheme)].append(award)
    schemes = sorted({a.scheme for a in held})
    findings = []
    for uprn, props in sorted(by_uprn.items()):
        if len(props) < 2:
            continue
        props.sort(key=lambda p: (str(p.meta.get("filename")), p.meta.get("lineno", 0)))
        for scheme in schemes:
            hit = [p for p in props if paid.get((p.id, scheme))]
            if len(hit) < 2:
                continue
            ids = ", ".join(f"{p.id} (award {paid[(p.id, scheme)][0].award_id})" for p in hit)
            findings.append(finding(
                hit[-1].meta, f"UPRN {uprn}: {scheme} paid {len(hit)} property references "
                f"on one building: {ids}", "takeup.same-uprn",
                paid[(hit[-1].id, scheme)][0].award_id))
    return findings


def _banded(scheme: GrantScheme) -> list[tuple[Band, str]]:
    """The scheme's bands, labelled; a fixed sum under ``max-rateable-value``
    is one band. Empty for a scheme the list cannot decide."""
    rule = scheme.amounts
    if rule.kind == "bands":
        bands = list(rule.bands)
    elif rule.kind == "fixed" and scheme.max_rateable_value is not None:
        bands = [Band("<", scheme.max_rateable_value, rule.amount)]
    else:
        return []
    return [(band, band_label(band)) for band in bands]


def _takeup(scheme: GrantScheme, listed: RatingList,
            claimed_by: list[Award]) -> SchemeTakeup | None:
    bands = _banded(scheme)
    day = scheme.eligibility_date
    if not bands or day is None:
        return None
    claimed = {(a.property_ref, a.scheme) for a in claimed_by if a.property_ref}
    rivals = (scheme.id, *scheme.exclusive_with)
    counts = [BandTakeup(label, band.amount) for band, label in bands]
    for ref in sorted(listed.versions):
        prop = listed.on(ref, day)
        if prop is None:
            continue
        value = prop.rateable_value
        if scheme.max_rateable_value is not None and value >= scheme.max_rateable_value:
            continue
        at = next((i for i, (band, _) in enumerate(bands) if band.matches(value)), None)
        if at is None:
            continue
        band = counts[at]
        band.eligible += 1
        if (ref, scheme.id) in claimed:
            band.awarded += 1
        elif not any((ref, rival) in claimed for rival in rivals):
            band.unpaid.append(ref)
    return SchemeTakeup(scheme.id, day, counts)


def analyse(entries: list[data.Directive], context: RuleContext) -> TakeupAnalysis:
    """Awards against the rating list, and each banded scheme's take-up;
    nothing when the books declare no property."""
    config = context.config
    if not config.properties:
        return TakeupAnalysis(0, {}, [])
    listed = RatingList(config.properties)
    awards, movements = read(context.transactions(entries), config.organisations)
    payments = [m for m in movements if isinstance(m, GrantPayment)]
    net, touched = _net_paid(payments), {p.award_id for p in payments}
    # Paid: money kept on the award. Claimed: awarded and not recovered in full.
    paid = [a for a in awards if a.award_id is not None and net[a.award_id] > 0]
    claimed = [a for a in awards if a.award_id not in touched or net[a.award_id] > 0]
    findings = _award_findings(awards, listed, config.schemes) + _same_uprn(paid, listed)
    takeup = {}
    for code, scheme in config.schemes.items():
        result = _takeup(scheme, listed, claimed)
        if result is not None:
            takeup[code] = result
    return TakeupAnalysis(len(listed.versions), takeup, findings)


def check(entries: list[data.Directive], context: RuleContext) -> tuple[list, list]:
    """Awards agree with the business rates list, one building is paid once."""
    analysis = analyse(entries, context)
    return analysis.annotate(entries), analysis.errors()


plugin = as_plugin(check)
