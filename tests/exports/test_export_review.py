"""Review findings on the exports: awards hidden per award link, unmapped
rows of people, broken declarations, and mistakes on the command line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from review_ledgers import BROKEN_DECLARATION, GRANTS, SECRETS, write

from cli.main import main


def _leaks(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8").casefold()
    return [s for s in SECRETS if s in text]


@pytest.mark.parametrize("name", ["grants.json", "grants.csv"])
def test_award_paid_to_a_persons_account_is_a_grant_to_an_individual(tmp_path: Path,
                                                                      name: str) -> None:
    ledger = write(tmp_path, GRANTS)
    out = tmp_path / name
    assert main(["export", "360giving", str(ledger), "--out", str(out)]) == 0
    assert _leaks(out) == []
    if name.endswith(".json"):
        grants = {g["id"]: g for g in json.loads(out.read_text("utf-8"))["grants"]}
        people = sorted(i for i, g in grants.items() if "recipientIndividual" in g)
        assert people == ["360G-GB-LAE-REV-IND-GRANT-0001", "360G-GB-LAE-REV-IND-GRANT-0002"]
        assert "recipientOrganization" in grants["360G-GB-LAE-REV-SBGF-0003"]


def test_unmapped_row_of_a_person_never_shows_its_narration(tmp_path: Path) -> None:
    ledger = write(tmp_path, GRANTS)
    out = tmp_path / "spend.csv"
    assert main(["export", "spend", str(ledger), "--out", str(out)]) == 0
    assert _leaks(out) == []
    with open(out, encoding="utf-8", newline="") as handle:
        unmapped = {r["Amount"]: r for r in csv.DictReader(handle)
                    if r["Expense Area"] == "Suspense"}
    assert unmapped["2000.00"]["Expense Type"] == "Unmapped"
    assert unmapped["2500.00"]["Expense Type"] == "Adult Social Care"  # expense-type meta
    assert unmapped["3000.00"]["Expense Type"] == "Hedge Trimming Services"  # a business's


@pytest.mark.parametrize("kind,name", [("spend", "s.csv"), ("360giving", "g.json")])
def test_broken_declarations_stop_the_export(tmp_path: Path, capsys, kind: str,
                                             name: str) -> None:
    ledger = write(tmp_path, BROKEN_DECLARATION)
    out = tmp_path / name
    assert main(["export", kind, str(ledger), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{ledger}:26: cwl-organisation \"GB-IND-0002\"" in err
    assert not out.exists()
    if kind == "spend":
        assert main(["export", kind, str(ledger), "--out", str(out), "--force"]) == 0
        assert out.exists()


@pytest.mark.parametrize("case", ["ledger folder", "missing ledger", "out is a folder",
                                  "no such folder", "reversed dates"])
@pytest.mark.parametrize("kind", ["spend", "360giving"])
def test_user_mistakes_are_refused_with_a_reason(tmp_path: Path, capsys, case: str,
                                                 kind: str) -> None:
    ledger = write(tmp_path, GRANTS)
    out = tmp_path / ("out.csv" if kind == "spend" else "out.json")
    extra: list[str] = []
    if case == "ledger folder":
        ledger = tmp_path
    elif case == "missing ledger":
        ledger = tmp_path / "nope.beancount"
    elif case == "out is a folder":
        out.mkdir()
    elif case == "no such folder":
        out = tmp_path / "nowhere" / out.name
    else:
        extra = ["--from", "2021-01-01", "--to", "2020-01-01"]
    assert main(["export", kind, str(ledger), "--out", str(out), *extra]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") == 1
    assert err.startswith(("--from", str(ledger), str(out))), err
    assert case == "out is a folder" or not out.exists()
