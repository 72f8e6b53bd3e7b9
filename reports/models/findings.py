"""The findings every report ends with: each rule finding of the streams the
report covers, with its rule code and the ledger line an officer should
open, so nothing a rule found is left out of the PDFs.

Findings are the whole books', whatever their date: the rules check the
whole ledger, and a finding on a declaration (a contract, a claim period)
has no date in the period. Messages are printed as every published message
is (``ReportBooks.finding``): a person's payee and narration, and any
individual's name, never shown.

Every report model has a ``findings`` field the registry fills, so
``base.html`` lays out the same section for every report and ``to_dict``
carries it, without each model building it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from reports.models.books import ReportBooks
from reports.models.tables import Column, Table
from rules.api import Finding
from rules.streams import STREAMS

# What each stream's findings are about, in the council's words.
STREAM_TITLES = {
    "payees": "payees (who is paid: org-ids and redacted flags)",
    "grants": "business grants",
    "hardship": "payments to people (hardship funds, vouchers)",
    "vcse": "voluntary groups (funding agreements, relief requests)",
    "relief": "supplier relief",
    "local_spend": "local spend",
    "claims": "COVID claims",
    "social_value": "social value",
    "pots": "funding pots",
    "pledges": "community wealth pledges",
}
MARK = "⚠"
FINDING = "finding"  # the key of a marker column


def stream_findings(books: ReportBooks, streams: Sequence[str]) -> list[Finding]:
    """The findings of ``streams`` (session attribute names, as in
    ``rules.streams.STREAMS``), stream by stream, each in ledger order."""
    known = {s.key for s in STREAMS}
    found: list[Finding] = []
    for key in streams:
        if key not in known:
            raise ValueError(f"{key!r} is not a rule stream ({', '.join(sorted(known))})")
        found += sorted(getattr(books.session, key).findings, key=_ledger_order)
    return found


def _ledger_order(finding: Finding) -> tuple[str, int, str]:
    line = finding.meta.get("lineno")
    return (str(finding.meta.get("filename", "")), line if isinstance(line, int) else 0,
            finding.code)


def findings_table(books: ReportBooks, streams: Sequence[str]) -> Table:
    """Every finding of ``streams``: rule code, ``file:line`` relative to the
    ledger's folder, and what is wrong (redacted)."""
    rows = [{"code": f.code, "at": books.where(f.meta), "message": books.finding(f)}
            for f in stream_findings(books, streams)]
    covered = ", ".join(STREAM_TITLES.get(key, key) for key in streams)
    return Table(
        "Findings", [Column("code", "Rule"), Column("at", "Ledger line"),
                     Column("message", "What is wrong")], rows,
        note=f"Every finding of the rules on {covered}, in the whole ledger whatever its "
             "date; the same as cwl check prints. Individuals are not named." if rows else "",
        empty=f"The rules on {covered} found nothing wrong in the ledger.")


def marks(findings: Iterable[Finding], codes: Iterable[str] | None = None) -> dict[str, str]:
    """A marker per record a finding concerns (``Finding.concerns``, an
    award, contract or claim id): ``⚠`` and its rule codes, to print beside
    the record's figures. ``codes`` keeps only those codes."""
    wanted = None if codes is None else set(codes)
    found: dict[str, set[str]] = {}
    for f in findings:
        if f.concerns is not None and (wanted is None or f.code in wanted):
            found.setdefault(f.concerns, set()).add(f.code)
    return {concerns: mark(found[concerns]) for concerns in found}


def mark(codes: Iterable[str]) -> str:
    """``⚠ code, code``; empty when there is none."""
    codes = sorted(set(codes))
    return f"{MARK} {', '.join(codes)}" if codes else ""


def with_marks(table: Table, marked: Mapping[Any, str], key: Callable[[dict[str, Any]], Any],
               after: str | None = None, label: str = "Findings") -> Table:
    """``table`` with a column of markers (see ``marks``) beside the
    column ``after`` (at the end without it): each row's is
    ``marked[key(row)]``, empty when the row has none."""
    columns = list(table.columns)
    at = next((i + 1 for i, c in enumerate(columns) if c.key == after), len(columns))
    columns.insert(at, Column(FINDING, label))
    rows = [{**row, FINDING: marked.get(key(row), "")} for row in table.rows]
    note = f"{table.note} {MARK} marks a rule finding, listed with its ledger line under " \
        "Findings at the end."
    return dataclasses.replace(table, columns=columns, rows=rows, note=note.strip())
