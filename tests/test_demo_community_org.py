"""``cwl demo --kind community-org``: a food bank's books, the same bytes
every run, whose ``cwl check`` lists exactly its planted faults on either
loader."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from cli import check as cli_check
from cli.main import main
from ledger.demo.community_org import NAMES, generate_community_org
from ledger.demo.folder import FAULTS
from rules.session import Session

LINE = re.compile(r"^/.+/([^/]+\.beancount):(\d+): .+ \[([a-z]+\.[a-z-]+)\]$")


@pytest.fixture(scope="module")
def food_bank(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("food-bank")
    assert main(["demo", "--kind", "community-org", str(out)]) == 0
    return out


def _planted(folder: Path) -> set[tuple[str, int, str]]:
    return {(f["file"], f["line"], f["rule"])
            for f in json.loads((folder / FAULTS).read_text())}


def _check(folder: Path, loader: str) -> tuple[int, str]:
    out = io.StringIO()
    code = cli_check.check(str(folder / "main.beancount"), out=out, loader=loader)
    return code, out.getvalue()


def test_the_same_seed_writes_the_same_bytes(food_bank, tmp_path) -> None:
    generate_community_org(tmp_path)
    for name in NAMES:
        assert (tmp_path / name).read_bytes() == (food_bank / name).read_bytes(), name


def test_check_lists_exactly_the_planted_faults_on_either_loader(food_bank) -> None:
    planted = _planted(food_bank)
    assert {rule for _, _, rule in planted} == {
        "funds.restricted-overspent", "funds.wrong-purpose", "funds.unspent-at-end",
        "funds.hours-in-gbp", "funds.unknown-fund", "accommodation.paid-after-close",
        "accommodation.unknown-site", "accommodation.over-capacity"}
    fast = _check(food_bank, "uromyces")
    assert fast == _check(food_bank, "beancount")
    code, out = fast
    found = {(m.group(1), int(m.group(2)), m.group(3))
             for m in map(LINE.match, out.splitlines()) if m}
    assert code == 1 and found == planted
    assert len(out.splitlines()) == len(planted)


def test_the_books_are_a_community_organisations(food_bank) -> None:
    session = Session.load(str(food_bank / "main.beancount"))
    assert session.config.settings.kind == "community-org"
    assert set(session.config.funds) == {"COUNCIL-FOOD", "LOTTERY-ADVICE"}
    roots = {":".join(e.account.split(":")[:2]) for e in session.entries
             if type(e).__name__ == "Open"}
    assert {"Income:Grants", "Income:Contracts", "Income:Trading", "Income:Donations",
            "Income:InKind", "Expenses:Programme", "Equity:Funds",
            "Assets:Volunteering"} <= roots


def test_community_org_takes_no_size_or_councils(tmp_path, capsys) -> None:
    assert main(["demo", "--kind", "community-org", "--size", "5000", str(tmp_path)]) == 2
    assert "--kind community-org takes no" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_report_all_writes_the_statement_of_funds_only(food_bank, tmp_path, capsys) -> None:
    out = tmp_path / "out"
    assert main(["report", "all", str(food_bank / "main.beancount"), "--out", str(out),
                 "--produced", "2025-01-01"]) == 0
    assert [Path(p).name for p in capsys.readouterr().out.split()] == [
        "statement-of-funds.pdf"]
    assert (out / "statement-of-funds.pdf").read_bytes().startswith(b"%PDF")
