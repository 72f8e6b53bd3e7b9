"""Grants page: each scheme's awards, payments and recoveries in the
filtered period, and the exceptions and possible double payments the grants
rule found, each linked to its ledger line."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal

from ledger.redaction import WITHHELD
from reports.fava.links import SourceLink, source_link
from reports.fava.pages import panel_tables
from reports.fava.pages.findings import FindingRow, finding_rows
from reports.fava.scope import Scope
from rules import grants
from rules.session import Session


@dataclass(frozen=True)
class SchemeRow:
    scheme: str
    title: str
    awards: int
    awarded: Decimal
    payments: int
    paid: Decimal
    recoveries: int
    recovered: Decimal


@dataclass(frozen=True)
class DuplicateRow:
    scheme: str  # the schemes, e.g. "RHLGF, SBGF": bank and company groups span them
    shared: str  # what the awards share: bank-fingerprint, company-number, property-ref
    value: str
    awards: list[tuple[str, SourceLink]]  # award id and its line


@dataclass(frozen=True)
class GrantsPage:
    schemes: list[SchemeRow]
    totals: SchemeRow
    exceptions: list[FindingRow]
    duplicates: list[DuplicateRow]
    panel: list[panel_tables.Subsection]  # the pack's funding, hardship and take-up


def _row(code: str, title: str, found: list[grants.SchemeGrants]) -> SchemeRow:
    payments = [p for s in found for p in s.payments if not p.recovery]
    recoveries = [p for s in found for p in s.payments if p.recovery]
    return SchemeRow(
        code, title, sum(len(s.awards) for s in found),
        sum((s.awarded for s in found), Decimal(0)), len(payments),
        sum((p.amount for p in payments), Decimal(0)), len(recoveries),
        sum((p.amount for p in recoveries), Decimal(0)))


def build(scope: Scope, session: Session) -> GrantsPage:
    """Totals from the filtered entries; findings and the pack's tables
    from the whole ledger."""
    found = grants.analyse(scope.entries, session.context).schemes
    rows = [_row(code, s.declared.title if s.declared else "(not declared)", [s])
            for code, s in sorted(found.items())]
    duplicates = [
        DuplicateRow(d.scheme, d.shared,
                     shared_value(d, session.personal_awards, session.text),
                     [(a.award_id or "(unlinked)", source_link(a.meta)) for a in d.awards])
        for d in session.grants.duplicates if any(scope.keeps(a.meta) for a in d.awards)]
    return GrantsPage(rows, _row("", "All schemes", list(found.values())),
                      finding_rows(session.grants.findings, scope, session), duplicates,
                      panel_tables.build(scope, session))


def shared_value(group: grants.DuplicateGroup, personal: Collection[str],
                 scrub: Callable[[str], str]) -> str:
    """What a group of awards shares, withheld when one of them is a
    person's (their bank account or property), else scrubbed."""
    if any(a.award_id in personal for a in group.awards):
        return WITHHELD
    return scrub(str(group.value))
