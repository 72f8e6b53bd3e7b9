"""``cwl import`` end to end, through ``cli.main.main``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from importer_data import CONTRACTS, DEVON, LAMBETH, TRAFFORD_CSV, TRAFFORD_JSON

from cli.main import main

LEDGER = """option "operating_currency" "GBP"
2000-01-01 open Assets:Bank:Current
include "imported.beancount"
"""


@pytest.fixture
def books(tmp_path: Path) -> Path:
    (tmp_path / "main.beancount").write_text(LEDGER)
    return tmp_path


def _import(books: Path, *files: Path | str, extra: tuple[str, ...] = ()) -> int:
    return main(["import", *map(str, files), "--ledger", str(books / "main.beancount"),
                 "--out", str(books / "imported.beancount"),
                 "--rejects", str(books / "rejects.csv"), *extra])


@pytest.mark.parametrize("source", [DEVON, LAMBETH, TRAFFORD_CSV, TRAFFORD_JSON, CONTRACTS],
                         ids=lambda p: p.name)
def test_second_import_adds_nothing(books: Path, source: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert _import(books, source) == 0
    capsys.readouterr()
    size = (books / "imported.beancount").stat().st_size
    assert _import(books, source, extra=("--json",)) == 0
    report = json.loads(capsys.readouterr().out)["files"][0]
    assert report["imported"] == 0
    assert report["duplicates"] + report["rejected"] == report["read"] > 0
    assert (books / "imported.beancount").stat().st_size == size
    _, errors, _ = loader.load_file(str(books / "main.beancount"))
    assert errors == []


def test_all_files_load_in_one_ledger_and_rejects_are_listed(
        books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = _import(books, DEVON, LAMBETH, TRAFFORD_CSV, TRAFFORD_JSON, CONTRACTS)
    out = capsys.readouterr().out
    assert status == 0
    assert f"{DEVON}: read 7436, imported 7436, duplicates 0, rejected 0" in out
    assert f"{TRAFFORD_JSON}: read 555, imported 0, duplicates 555, rejected 0" in out
    assert "unmapped expense types" in out
    _, errors, _ = loader.load_file(str(books / "main.beancount"))
    assert errors == []
    with open(books / "rejects.csv", newline="", encoding="utf-8") as handle:
        rejects = list(csv.DictReader(handle))
    assert [(r["file"], r["line"]) for r in rejects] == [(str(LAMBETH), "3167")]
    assert _import(books, LAMBETH, extra=("--strict",)) == 1


def test_bad_input_names_the_file(books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unknown = books / "notes.txt"
    unknown.write_text("just some words\n")
    missing = books / "missing.csv"
    assert _import(books, unknown, missing, DEVON) == 2
    err = capsys.readouterr().err
    assert f"{unknown}: error: is not a recognised format" in err
    assert f"{missing}: error: no such file" in err


def test_formula_cells_are_defused_in_the_rejects_file(books: Path) -> None:
    spend = books / "spend.csv"
    spend.write_text("Date,Amount,Supplier Name,Expense Type\n"
                     "=cmd|' /C calc'!A0,10,Acme,Stationery\n")
    assert _import(books, spend, extra=("--strict",)) == 1
    with open(books / "rejects.csv", newline="", encoding="utf-8") as handle:
        [reject] = list(csv.DictReader(handle))
    assert reject["line"] == "2" and reject["raw"].startswith("'=")
    assert "not in a known form" in reject["reason"]


def test_mapping_flag(books: Path) -> None:
    mapping = books / "map.csv"
    mapping.write_text("expense type,account\nStationery,Income:Wrong\n")
    spend = books / "spend.csv"
    spend.write_text("Date,Amount,Supplier Name,Expense Type\n01/06/2020,10,Acme,Stationery\n")
    assert _import(books, spend, extra=("--mapping", str(mapping))) == 2
    mapping.write_text("expense type,account\nStationery,Expenses:Services:Office\n")
    assert _import(books, spend, extra=("--mapping", str(mapping))) == 0
    assert "Expenses:Services:Office" in (books / "imported.beancount").read_text()


def test_bank_statement_to_its_own_account_beside_spend(books: Path, plain_demo_dir: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    inputs = plain_demo_dir / "inputs"
    assert _import(books, inputs / "spend-2020-06.csv", inputs / "bank-statement.csv",
                   extra=("--bank-account", "Assets:Bank:Group")) == 0
    entries, errors, _ = loader.load_file(str(books / "main.beancount"))
    assert errors == []
    balances = {e.account for e in entries if isinstance(e, data.Balance)}
    assert balances == {"Assets:Bank:Group"}
    assert "read 10, imported 10" in capsys.readouterr().out


def test_bank_columns_flag(books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    statement = books / "group.csv"
    statement.write_text("When,What,Sum,Bal\n2020-06-01,Fees,-10.00,90.00\n")
    assert _import(books, statement) == 2  # not a known layout without the flag
    assert _import(books, statement, extra=(
        "--bank-columns", "date=When,description=What,amount=Sum,balance=Bal")) == 0
    _, errors, _ = loader.load_file(str(books / "main.beancount"))
    assert errors == []
    with pytest.raises(SystemExit):
        _import(books, statement, extra=("--bank-columns", "when=Date"))
    assert "FIELD one of date, description" in capsys.readouterr().err


@pytest.mark.parametrize("case", ["missing ledger", "ledger folder", "out folder",
                                  "out nowhere", "rejects nowhere", "rejects folder"])
def test_bad_paths_are_refused_before_anything_is_written(
        books: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    spend = books / "spend.csv"
    spend.write_text("Date,Amount,Supplier Name,Expense Type\n01/06/2020,10,Acme,Stationery\n")
    ledger, out, rejects = books / "main.beancount", books / "new.beancount", books / "r.csv"
    bad = {"missing ledger": ("ledger", books / "nope.beancount"),
           "ledger folder": ("ledger", books),
           "out folder": ("out", books),
           "out nowhere": ("out", books / "nowhere" / "o.beancount"),
           "rejects nowhere": ("rejects", Path("/nonexistent/r.csv")),
           "rejects folder": ("rejects", books)}[case]
    paths = {"ledger": ledger, "out": out, "rejects": rejects, bad[0]: bad[1]}
    assert main(["import", str(spend), "--ledger", str(paths["ledger"]),
                 "--out", str(paths["out"]), "--rejects", str(paths["rejects"])]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cwl import: {bad[1]}: ") and err.count("\n") == 1, err
    assert not out.exists() and not rejects.exists()
