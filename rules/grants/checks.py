"""The grants rules, applied to what ``reading.read`` found: amounts by
scheme, dates, panel approval, one award per property, exclusive schemes,
excluded recipients, shared company numbers and bank accounts, overpayment
and subsidy limits."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal
from typing import Any

from ledger import metadata as md
from ledger.models import GrantScheme, SubsidyRegime
from ledger.periods import financial_year
from rules.api import Finding, RuleContext, gbp
from rules.grants import applications
from rules.grants.records import ZERO, Award, Correction, Movement


def _exclusive(a: GrantScheme, b: GrantScheme) -> bool:
    return b.id in a.exclusive_with or a.id in b.exclusive_with


def _sum(award: Award) -> str:
    """``of £10,000.00``, saying how corrections and recoveries got there."""
    kept = award.effective
    changes = []
    if award.corrected:
        changes.append(f"{gbp(award.corrected)} corrected")
    if award.amount != kept:
        changes.append(f"{gbp(award.amount - kept)} recovered")
    if not changes:
        return f"of {gbp(kept)}"
    return (f"of {gbp(kept)} ({gbp(award.amount + award.corrected)} awarded, "
            f"{', '.join(changes)})")


def _amount_problem(award: Award, scheme: GrantScheme) -> str | None:
    """Why the award, as it stands after corrections and recoveries, breaks
    the scheme's amount rule or rateable-value ceiling, if it does."""
    rule, kept, rv = scheme.amounts, award.effective, award.rateable_value
    what = _sum(award)
    shown_rv = f"rateable value {gbp(rv)}" if rv is not None else ""
    ceiling = scheme.max_rateable_value
    if ceiling is not None and rv is not None and rv >= ceiling:
        return (f"{what} is for a property with {shown_rv}, which is not eligible: "
                f"{scheme.id} excludes rateable values of {gbp(ceiling)} or more")
    if rule.kind == "panel":
        return None
    if rule.kind == "set":
        if rule.allows(kept):
            return None
        return f"{what} is not one of the {scheme.id} sums '{rule.text}'"
    if rule.needs_rateable_value and rv is None:
        return (f"has no rateable-value, which the {scheme.id} amount rule "
                f"'{rule.text}' needs")
    due = rule.expected(rv)
    if due is None:
        return (f"{what} is for a property with {shown_rv}, which is "
                f"not eligible under the {scheme.id} rule '{rule.text}'")
    if rule.kind == "max":
        if kept > due:
            return f"{what} is above the {scheme.id} cap of {gbp(due)}"
        return None
    if kept != due:
        basis = f" for {shown_rv}" if shown_rv else ""
        return (f"{what} should be {gbp(due)}{basis} "
                f"under the {scheme.id} rule '{rule.text}'")
    return None


def _window_start(regime: SubsidyRegime, on: datetime.date) -> datetime.date:
    """First day of the regime's rolling window for an award made ``on``."""
    if regime.window == "fiscal-years-3":
        return datetime.date(on.year - 2, 1, 1)
    if regime.window == "financial-years-3":
        start = financial_year(on).start
        return start.replace(year=start.year - 2)
    return regime.start


def _in_force(regime: SubsidyRegime, on: datetime.date) -> bool:
    return regime.start <= on and (regime.end is None or on <= regime.end)


class Checker:
    """The rules, applied to what ``_read`` found."""

    def __init__(self, context: RuleContext, awards: list[Award],
                 movements: list[Movement]) -> None:
        self.context = context
        self.schemes = context.config.schemes
        self.awards = awards
        self.movements = movements
        self.findings: list[Finding] = []
        self.by_id: dict[str, Award] = {}
        for award in awards:
            if award.award_id is not None:
                self.by_id.setdefault(award.award_id, award)

    def find(self, meta: dict[str, Any], message: str, code: str,
             concerns: str | None = None) -> None:
        self.findings.append(Finding(code, message, meta, concerns))

    def run(self) -> list[Finding]:
        self.check_schemes()
        # Payments, recoveries and corrections first: awards are judged on
        # what stands after them. Their findings still follow the awards'.
        before, self.findings = self.findings, []
        self.check_movements()
        moved, self.findings = self.findings, before
        checked = self.check_awards()
        self.findings += applications.check(checked, self.context)
        self.findings += moved
        self.check_subsidy(checked)
        return self.findings

    def check_schemes(self) -> None:
        """A scheme's ``regime`` names a declared subsidy regime."""
        regimes = self.context.config.subsidy_regimes
        for scheme in self.schemes.values():
            if scheme.regime is not None and scheme.regime not in regimes:
                known = ", ".join(sorted(regimes)) or "none"
                self.find(scheme.meta, f"Scheme {scheme.id} names regime "
                          f"'{scheme.regime}', which the ledger does not declare with "
                          f"cwl-subsidy-regime (declared: {known})", "grants.unknown-regime",
                          scheme.id)

    def check_awards(self) -> list[Award]:
        """Per-award rules; returns the awards in declared schemes.

        An award recovered or corrected in full (``void``) is not judged on
        its amount, property or recipient, and does not count against later
        awards for the same property or business.
        """
        schemes_of_org: dict[str, set[str]] = defaultdict(set)
        schemes_of_property: dict[str, set[str]] = defaultdict(set)
        for award in self.awards:
            if award.void:
                continue
            if award.org_id:
                schemes_of_org[award.org_id].add(award.scheme)
            if award.property_ref:
                schemes_of_property[award.property_ref].add(award.scheme)

        on_property: dict[str, dict[str, Award]] = defaultdict(dict)
        # Company number -> the first org-id and scheme awarded it, across schemes.
        company_org: dict[str, tuple[str, str]] = {}
        reported_company: set[tuple[str, str]] = set()
        checked: list[Award] = []
        for award in self.awards:
            scheme = self.schemes.get(award.scheme)
            if scheme is None:
                if self.schemes or award.award_id or md.SCHEME in award.meta:
                    self.find(award.meta, f"{award.name} is for scheme "
                              f"'{award.scheme}', which the ledger does not declare "
                              f"with cwl-scheme", "grants.unknown-scheme", award.award_id)
                continue
            checked.append(award)
            name = award.name

            problem = None if award.void else _amount_problem(award, scheme)
            if problem:
                self.find(award.meta, f"{name} {problem}", "grants.amount", award.award_id)

            if not scheme.opens <= award.date <= scheme.closes:
                self.find(award.meta, f"{name} of {gbp(award.amount)} is dated "
                          f"{award.date}, outside the scheme's dates "
                          f"{scheme.opens} to {scheme.closes}", "grants.outside-dates",
                          award.award_id)

            if scheme.needs_panel:
                approved = md.date_value(award.meta.get(md.PANEL_APPROVED))
                if approved is None or approved > award.date:
                    when = (f"was approved by the panel on {approved}, after the award"
                            if approved else "has no panel-approved date")
                    self.find(award.meta, f"{name} of {gbp(award.amount)} {when}; "
                              f"{scheme.id} awards need grant panel approval first",
                              "grants.no-panel", award.award_id)

            if award.property_ref and not award.void:
                self.check_property(award, scheme, on_property[award.property_ref])

            if scheme.excludes_recipients_of and not award.void:
                had = (schemes_of_org.get(award.org_id, set())
                       | schemes_of_property.get(award.property_ref, set()))
                barred = sorted(had & set(scheme.excludes_recipients_of))
                if barred:
                    self.find(award.meta, f"{name} of {gbp(award.amount)} goes to "
                              f"{award.org_id or award.property_ref}, which had "
                              f"{' and '.join(barred)}; {scheme.id} excludes recipients "
                              f"of {', '.join(scheme.excludes_recipients_of)}",
                              "grants.excluded-recipient", award.award_id)

            if award.company_number and award.org_id:
                number = award.company_number
                first_org, first_scheme = company_org.setdefault(
                    number, (award.org_id, award.scheme))
                if first_org != award.org_id and (number, award.org_id) not in reported_company:
                    reported_company.add((number, award.org_id))
                    self.find(award.meta, f"{name} to {award.org_id} has company number "
                              f"{number}, already awarded {first_scheme} "
                              f"as {first_org}", "grants.duplicate-company",
                              award.award_id)
        return checked

    def check_property(self, award: Award, scheme: GrantScheme,
                       earlier: dict[str, Award]) -> None:
        """One award per property per scheme; never two exclusive schemes.

        ``earlier`` is the property's first award in each scheme so far, so a
        clash between two schemes is reported once, at the later scheme's
        first award.
        """
        name = award.name
        first = earlier.get(award.scheme)
        if first is not None and scheme.one_per_property:
            self.find(award.meta, f"{name} of {gbp(award.amount)} is a second award "
                      f"for property {award.property_ref}, already awarded as "
                      f"{first.award_id} ({scheme.id} allows one per property)",
                      "grants.one-per-property", award.award_id)
        elif first is None:
            for other_id, other in earlier.items():
                other_scheme = self.schemes.get(other_id)
                if other_scheme and _exclusive(scheme, other_scheme):
                    self.find(award.meta, f"{name} of {gbp(award.amount)} is for property "
                              f"{award.property_ref}, which already had {other_id} award "
                              f"{other.award_id}; a property gets {other_id} or "
                              f"{award.scheme}, not both", "grants.exclusive",
                              award.award_id)
                    break
        earlier.setdefault(award.scheme, award)

    def check_movements(self) -> None:
        """Payments match an award, are not left above it once recoveries
        and corrections are counted, and never share a bank account across
        businesses, in any scheme."""
        # Fingerprint -> the first org-id and scheme paid into it.
        fingerprint_org: dict[str, tuple[str, str]] = {}
        reported_bank: set[tuple[str, str]] = set()
        # Award -> the payment (or correction) that took net payments over
        # it, and the net then; dropped when recoveries bring it back within.
        overrun: dict[Award, tuple[Movement, Decimal]] = {}
        for move in self.movements:
            award = self.by_id.get(move.award_id) if move.award_id else None
            if isinstance(move, Correction):
                if award is None:
                    if move.scheme in self.schemes or move.award_id:
                        link = (f"^award-{move.award_id}" if move.award_id
                                else "no ^award- link")
                        self.find(move.meta, f"Correction of {gbp(move.amount)} on "
                                  f"{move.scheme} has {link}, matching no award",
                                  "grants.no-award", move.award_id)
                    continue
                award.amount -= move.amount
                award.corrected += move.amount
                if award.scheme in self.schemes and award.net > award.amount:
                    overrun.setdefault(award, (move, award.net))
                continue
            if move.recovery:
                if award is not None:
                    award.recovered += move.amount
                    if award.net <= award.amount:
                        overrun.pop(award, None)
                continue
            if award is None:
                if move.scheme in self.schemes or move.award_id:
                    link = f"^award-{move.award_id}" if move.award_id else "no ^award- link"
                    self.find(move.meta, f"Payment of {gbp(move.amount)} on {move.scheme} "
                              f"has {link}, matching no award", "grants.no-award",
                              move.award_id)
                continue
            award.paid += move.amount
            award.first_paid = award.first_paid or move.date
            if award.scheme not in self.schemes:
                continue
            if award.net > award.amount:
                overrun.setdefault(award, (move, award.net))
            org_id = move.org_id or award.org_id
            fingerprint = (move.bank_fingerprint or award.bank_fingerprint
                           or self.org_fingerprint(org_id))
            if not (org_id and fingerprint):
                continue
            first_org, first_scheme = fingerprint_org.setdefault(
                fingerprint, (org_id, award.scheme))
            if first_org != org_id and (fingerprint, org_id) not in reported_bank:
                reported_bank.add((fingerprint, org_id))
                self.find(move.meta, f"Payment of {gbp(move.amount)} on {award.name} "
                          f"to {org_id} goes to the same bank account ({fingerprint}) "
                          f"as {first_scheme} payments to {first_org}",
                          "grants.duplicate-bank", award.award_id)
        for award, (move, net) in overrun.items():
            if isinstance(move, Correction):
                how = (f"Correction of {gbp(move.amount)} on {award.name} brought "
                       f"the award to {gbp(award.amount)}, below net payments of {gbp(net)}")
            else:
                how = (f"Payment of {gbp(move.amount)} on {award.name} brought net "
                       f"payments to {gbp(net)}, more than the award of "
                       f"{gbp(award.amount)}")
            self.find(move.meta, f"{how}; {gbp(award.net - award.amount)} is still "
                      f"to recover", "grants.overpaid",
                      award.award_id)

    def org_fingerprint(self, org_id: str | None) -> str | None:
        org = self.context.config.organisations.get(org_id) if org_id else None
        return org.bank_fingerprint if org else None

    def check_subsidy(self, awards: list[Award]) -> None:
        """No beneficiary over a regime's limit within its window.

        An award counts against its scheme's ``regime``; a scheme naming no
        regime (or one the ledger does not declare) counts against every
        regime. Each award counts at what stands after corrections and
        recoveries (``Award.effective``).
        """
        regimes = self.context.config.subsidy_regimes
        if not regimes:
            return
        by_org: dict[str, list[Award]] = defaultdict(list)
        for award in awards:
            if award.org_id:
                by_org[award.org_id].append(award)
        eur_gbp = self.context.settings.eur_gbp
        for regime in regimes.values():
            limit = regime.limit * eur_gbp if regime.currency == "EUR" else regime.limit
            shown = (f"{regime.limit:,} EUR ({gbp(limit)} at {eur_gbp})"
                     if regime.currency == "EUR" else gbp(limit))
            for org_id, every_award in by_org.items():
                org_awards = [a for a in every_award
                              if self.counts_against(a, regime.id, regimes)]
                total, left = ZERO, 0
                for index, award in enumerate(org_awards):
                    total += award.effective
                    start = _window_start(regime, award.date)
                    while left <= index and org_awards[left].date < start:
                        total -= org_awards[left].effective
                        left += 1
                    if _in_force(regime, award.date) and total > limit:
                        self.find(award.meta, f"{award.name} of {gbp(award.amount)} "
                                  f"takes {org_id} to {gbp(total)} of grants from "
                                  f"{start} to {award.date}, over the {regime.id} limit "
                                  f"of {shown}", "grants.subsidy-limit",
                                  award.award_id)
                        break

    def counts_against(self, award: Award, regime: str,
                       regimes: dict[str, SubsidyRegime]) -> bool:
        named = self.schemes[award.scheme].regime
        return named is None or named not in regimes or named == regime
