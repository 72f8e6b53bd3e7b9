"""Every rule finding lands in a PDF, at its ledger file:line: each report
ends with the findings of the streams it covers, and the claim pack marks
the over-claimed SFC line and the claim whose receipts do not match beside
their figures."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from report_helpers import Rendered, pdf_text, squeeze

from reports.models.findings import MARK
from reports.pdf.renderer import render_pdf
from reports.registry import REPORTS
from rules.streams import STREAMS


def _planted(demo_dir: Path) -> list[dict]:
    return json.loads((demo_dir / "planted-faults.json").read_text(encoding="utf-8"))


def printed(text: str, where: str) -> bool:
    """``file:line`` whole in the PDF's text (whitespace normalised), not
    as part of a longer path or line number."""
    flat = " ".join(text.split())
    return re.search(rf"(?<![\w/.-]){re.escape(where)}(?!\d)", flat) is not None


def missing(faults: list[dict], texts: dict[str, str]) -> list[str]:
    """The planted faults whose file:line no PDF prints."""
    return [f"{f['rule']} at {f['file']}:{f['line']}" for f in faults
            if not any(printed(text, f"{f['file']}:{f['line']}") for text in texts.values())]


def test_every_planted_fault_is_in_a_pdf_at_its_line(rendered: Rendered, demo_dir) -> None:
    faults = _planted(demo_dir)
    assert {f["rule"].split(".")[0] for f in faults} >= {
        "grants", "relief", "local", "claims", "sv"}
    assert set(rendered.texts) == set(REPORTS)
    assert missing(faults, rendered.texts) == []


def test_a_report_that_drops_its_findings_is_caught(rendered: Rendered, demo_dir) -> None:
    """The check above can fail: the relief pack without its stream's
    findings leaves the planted relief faults out of the PDFs (all but the
    one at a reconciliation, whose line the pack's body prints too)."""
    faults = _planted(demo_dir)
    silent = dataclasses.replace(REPORTS["relief"], streams=())
    texts = dict(rendered.texts, relief=pdf_text(render_pdf(silent.build(rendered.books))))
    lost = missing(faults, texts)
    relief = [f"{f['rule']} at {f['file']}:{f['line']}" for f in faults
              if f["rule"].startswith("relief.")]
    assert lost == [f for f in relief if not f.startswith("relief.excess-owed")]


def test_the_reports_cover_every_stream_once() -> None:
    covered = [key for report in REPORTS.values() for key in report.streams]
    assert sorted(covered) == sorted(s.key for s in STREAMS)


def test_every_finding_is_in_the_report_of_its_stream(rendered: Rendered) -> None:
    """Not only the planted ones: every finding of a report's streams, at
    its line and with its (redacted) message, in the findings section."""
    books = rendered.books
    for report in REPORTS.values():
        text = rendered.texts[report.key]
        flat = squeeze(text)
        findings = [f for key in report.streams for f in getattr(rendered.ledger, key).findings]
        for finding in findings:
            where = books.where(finding.meta)
            assert printed(text, where), (report.key, finding.code, where)
            assert squeeze(f"{finding.code}{where}{books.finding(finding)}") in flat, \
                (report.key, finding.code, where)
        if findings:
            assert "Findings Rule Ledger line What is wrong" in " ".join(text.split())


def test_a_report_without_findings_says_so(rendered: Rendered) -> None:
    assert rendered.ledger.payees.findings == []  # the demo declares every org-id
    text = " ".join(rendered.texts["balance-sheet"].split())
    assert "Findings The rules on payees" in text and "found nothing wrong" in text


def test_claim_pack_marks_the_over_claimed_line_and_the_short_receipt(
        rendered: Rendered) -> None:
    report = REPORTS["claim"].build(rendered.books)
    lines = {(r["period"], r["line"]): r["finding"] for r in report.sfc.rows if r["finding"]}
    assert lines == {("SFC-P2", "Leisure"): f"{MARK} claims.sfc-amount"}
    leisure = next(r for r in report.sfc.rows if (r["period"], r["line"]) == ("SFC-P2",
                                                                            "Leisure"))
    assert leisure["claimed"] > leisure["due"]  # over-claimed, as planted
    claims = {r["claim"]: r["finding"] for r in report.claims.rows if r["finding"]}
    assert claims == {"SFC-P2": f"{MARK} claims.receipt-mismatch"}
    keys = [c.key for c in report.sfc.columns]
    assert keys[keys.index("claimed") + 1] == "finding"  # beside the figure
    flat = squeeze(rendered.texts["claim"])
    assert squeeze(f"£131,000.00 {MARK} claims.sfc-amount") in flat
    assert squeeze(f"£1,000.00 {MARK} claims.receipt-mismatch") in flat
