"""``cwl report``: one PDF per report, each path printed."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import pdf_text
from review_ledgers import BROKEN_DECLARATION, CLAIMS, TRANCHES, write

from cli.main import main


def test_report_all_writes_every_pdf(demo_dir: Path, tmp_path: Path, capsys) -> None:
    code = main(["report", "all", str(demo_dir / "main.beancount"), "--out", str(tmp_path),
                 "--produced", "2025-01-01"])
    assert code == 0
    printed = capsys.readouterr().out.split()
    names = [Path(p).name for p in printed]
    assert names == ["social-value.pdf", "balance-sheet.pdf", "claim-pack.pdf",
                     "grants-panel.pdf", "relief-pack.pdf", "funding-pots.pdf",
                     "pledges.pdf"]
    assert all(Path(p).read_bytes().startswith(b"%PDF") for p in printed)


def test_report_period_and_bundled_demo(tmp_path: Path, capsys) -> None:
    code = main(["report", "claim", "--out", str(tmp_path), "--from", "2020-08-01",
                 "--to", "2020-11-30", "--produced", "2025-01-01"])
    assert code == 0
    assert (tmp_path / "demo-ledger" / "main.beancount").exists()
    text = pdf_text(Path(capsys.readouterr().out.strip()))
    assert "1 August 2020 to 30 November 2020" in text
    assert "SFC-P2" in text and "SFC-P3" not in text


def test_broken_declarations_stop_the_reports(tmp_path: Path, capsys) -> None:
    ledger = write(tmp_path, BROKEN_DECLARATION)
    out = tmp_path / "out"
    assert main(["report", "all", str(ledger), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{ledger}:26: cwl-organisation \"GB-IND-0002\"" in err
    assert "--force" in err
    assert not out.exists() or not any(out.iterdir())
    assert main(["report", "balance-sheet", str(ledger), "--out", str(out), "--force"]) == 0
    assert "1 error(s)" in capsys.readouterr().err
    assert (out / "balance-sheet.pdf").exists()


def test_other_ledger_errors_are_counted(tmp_path: Path, capsys) -> None:
    ledger = write(tmp_path, CLAIMS)  # five claims findings, no broken declaration
    assert main(["report", "claim", str(ledger), "--out", str(tmp_path / "out")]) == 0
    assert f"warning: {ledger} has 5 error(s)" in capsys.readouterr().err


@pytest.mark.parametrize("case", ["ledger folder", "missing ledger", "out is a file",
                                  "pdf is a folder", "reversed dates"])
def test_user_mistakes_are_refused_with_a_reason(tmp_path: Path, capsys, case: str) -> None:
    ledger, out, extra = write(tmp_path, TRANCHES), tmp_path / "out", []
    if case == "ledger folder":
        ledger = tmp_path
    elif case == "missing ledger":
        ledger = tmp_path / "nope.beancount"
    elif case == "out is a file":
        out.write_text("")
    elif case == "pdf is a folder":
        (out / "claim-pack.pdf").mkdir(parents=True)
    else:
        extra = ["--from", "2021-01-01", "--to", "2020-01-01"]
    assert main(["report", "claim", str(ledger), "--out", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    assert err.startswith(("--from", str(ledger), str(out))), err
