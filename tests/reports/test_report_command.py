"""``cwl report``: one PDF per report, each path printed."""

from __future__ import annotations

from pathlib import Path

from report_helpers import pdf_text

from ledger.cli import main


def test_report_all_writes_four_pdfs(demo_dir: Path, tmp_path: Path, capsys) -> None:
    code = main(["report", "all", str(demo_dir / "main.beancount"), "--out", str(tmp_path),
                 "--produced", "2025-01-01"])
    assert code == 0
    printed = capsys.readouterr().out.split()
    names = [Path(p).name for p in printed]
    assert names == ["social-value.pdf", "balance-sheet.pdf", "claim-pack.pdf",
                     "grants-panel.pdf"]
    assert all(Path(p).read_bytes().startswith(b"%PDF") for p in printed)


def test_report_period_and_bundled_demo(tmp_path: Path, capsys) -> None:
    code = main(["report", "claim", "--out", str(tmp_path), "--from", "2020-08-01",
                 "--to", "2020-11-30", "--produced", "2025-01-01"])
    assert code == 0
    assert (tmp_path / "demo-ledger" / "main.beancount").exists()
    text = pdf_text(Path(capsys.readouterr().out.strip()))
    assert "1 August 2020 to 30 November 2020" in text
    assert "SFC-P2" in text and "SFC-P3" not in text
