"""``cwl import`` end to end, through ``cli.main.main``."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from beancount.parser import parser
from formats import csv_text, grant, json_lines
from importer_data import CONTRACTS, DEVON, LAMBETH, TRAFFORD_CSV, TRAFFORD_JSON

from cli.main import main
from importers.command import _safe_cell
from importers.transparency_spend import TransparencySpendImporter
from ledger import atomic_files

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


# 17. The formula guard of the rejects file.

@pytest.mark.parametrize("cell", ["=1+1", " =1+1", "\t=1", "\n=cmd", "  @SUM(A1)", " +1",
                                  "\uff1d1+1", "|cmd", " |cmd", "-2", "\r=1"])
def test_cells_a_spreadsheet_would_run_are_quoted(cell: str) -> None:
    assert _safe_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["Acme Ltd", " Acme", "12.50", "a=b", "x|y", ""])
def test_plain_cells_are_left_alone(cell: str) -> None:
    assert _safe_cell(cell) == cell


def test_the_rejects_file_quotes_formulas_behind_spaces_in_every_column(
        books: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(books)
    spend = Path("|spend.csv")
    spend.write_text(csv_text([["Date", "Amount", "Supplier Name", "Expense Type"],
                               [" \uff1dcmd|' /C calc'!A0", "10", "Acme", "Stationery"]]))
    assert _import(books, spend, extra=("--strict",)) == 1
    with open(books / "rejects.csv", newline="", encoding="utf-8") as handle:
        [reject] = list(csv.DictReader(handle))
    assert reject["file"] == "'|spend.csv"
    assert reject["raw"].startswith("' \uff1dcmd")
    assert reject["reason"].startswith("date ")


# 9. --out and --rejects never name the books or an input.

def _books_with_includes(books: Path) -> dict[str, Path]:
    """main includes accounts (which includes a nested file) and imported."""
    (books / "sub").mkdir()
    (books / "main.beancount").write_text(LEDGER + 'include "sub/accounts.beancount"\n')
    (books / "sub" / "accounts.beancount").write_text(
        'include "../nested/*.beancount"\n2000-01-01 open Expenses:Suspense\n')
    (books / "nested").mkdir()
    (books / "nested" / "deep.beancount").write_text("2000-01-01 open Income:Other\n")
    spend = books / "spend.csv"
    spend.write_text("Date,Amount,Supplier Name,Expense Type\n01/06/2020,10,Acme,Stationery\n")
    return {"ledger": books / "main.beancount", "accounts": books / "sub" / "accounts.beancount",
            "deep": books / "nested" / "deep.beancount", "imported": books / "imported.beancount",
            "spend": spend}


@pytest.mark.parametrize(("option", "target", "why"), [
    ("--out", "ledger", "is the ledger given as --ledger; --out must be another file"),
    ("--rejects", "ledger", "is the ledger given as --ledger; --rejects must be another file"),
    ("--out", "spend", "is the input file {spend}; --out must be another file"),
    ("--rejects", "spend", "is the input file {spend}; --rejects must be another file"),
    ("--rejects", "accounts", "is {accounts}, which the ledger includes; "
                              "--rejects would overwrite it"),
    ("--rejects", "deep", "is {deep}, which the ledger includes; --rejects would overwrite it"),
    ("--rejects", "imported", "is also --out; --rejects must be another file"),
])
def test_out_and_rejects_may_not_name_the_books_or_an_input(
        books: Path, option: str, target: str, why: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    paths = _books_with_includes(books)
    before = {p: p.read_bytes() for p in paths.values() if p.exists()}
    args = {"--out": str(paths["imported"]), "--rejects": str(books / "rejects.csv"),
            option: str(paths[target])}
    assert main(["import", str(paths["spend"]), "--ledger", str(paths["ledger"]),
                 "--out", args["--out"], "--rejects", args["--rejects"]]) == 2
    err = capsys.readouterr().err
    assert err == f"cwl import: {paths[target]}: {why.format(**paths)}\n"
    assert {p: p.read_bytes() for p in paths.values() if p.exists()} == before
    assert not (books / "rejects.csv").exists() and not paths["imported"].exists()


def test_rejects_may_not_name_an_include_that_does_not_exist_yet(
        books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """main includes imported.beancount before the first import: a rejects
    CSV written there would be loaded as books."""
    paths = _books_with_includes(books)
    assert main(["import", str(paths["spend"]), "--ledger", str(paths["ledger"]),
                 "--out", str(books / "other.beancount"),
                 "--rejects", str(paths["imported"])]) == 2
    assert "which the ledger includes" in capsys.readouterr().err
    assert not paths["imported"].exists() and not (books / "other.beancount").exists()


@pytest.mark.parametrize("spelling", ["symlink", "hardlink", "dotdot", "relative"])
def test_the_same_file_by_another_name_is_refused(
        books: Path, spelling: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    paths = _books_with_includes(books)
    monkeypatch.chdir(books / "sub")
    other = {"symlink": books / "link.beancount", "hardlink": books / "hard.beancount",
             "dotdot": books / "sub" / ".." / "main.beancount",
             "relative": Path("../main.beancount")}[spelling]
    if spelling == "symlink":
        other.symlink_to(paths["ledger"])
    elif spelling == "hardlink":
        os.link(paths["ledger"], other)
    ledger_text = paths["ledger"].read_text()
    assert main(["import", str(paths["spend"]), "--ledger", str(paths["ledger"]),
                 "--out", str(books / "imported.beancount"), "--rejects", str(other)]) == 2
    assert capsys.readouterr().err.startswith(f"cwl import: {other}: is the ledger")
    assert paths["ledger"].read_text() == ledger_text


def test_out_may_be_the_file_the_ledger_includes_for_it(books: Path) -> None:
    paths = _books_with_includes(books)
    assert _import(books, paths["spend"]) == 0
    assert "Acme" in paths["imported"].read_text()


# 10. All-or-nothing writes.

def _no_temporary_files(folder: Path) -> bool:
    return not list(folder.glob("*.tmp"))


def test_a_failed_append_leaves_out_as_it_was(books: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    out = books / "imported.beancount"
    out.write_text("; earlier imports\n")
    real_fsync = os.fsync

    def disk_full(descriptor: int) -> None:
        real_fsync(descriptor)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic_files.os, "fsync", disk_full)
    assert _import(books, DEVON) == 2
    assert capsys.readouterr().err.endswith(
        f"cwl import: {out}: cannot write (No space left on device)\n")
    assert out.read_text() == "; earlier imports\n"
    assert _no_temporary_files(books) and not (books / "rejects.csv").exists()


def test_an_append_holds_every_entry_of_the_file(books: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A crash between writes cannot leave half a file: OUT is replaced in
    one step by a file holding the old text and every new entry."""
    replaced: list[bytes] = []
    real_replace = os.replace

    def watch(source: str, target: str) -> None:
        replaced.append(Path(source).read_bytes())
        real_replace(source, target)

    monkeypatch.setattr(atomic_files.os, "replace", watch)
    assert _import(books, LAMBETH) == 0
    out = (books / "imported.beancount").read_bytes()
    assert replaced[0] == out  # OUT was written once, whole
    entries, errors, _ = parser.parse_string(out.decode("utf-8"))
    assert errors == [] and sum(isinstance(e, data.Transaction) for e in entries) == 3155


def test_every_file_unreadable_leaves_no_empty_out_or_rejects(books: Path) -> None:
    missing = books / "missing.csv"
    garbage = books / "garbage.csv"
    garbage.write_bytes(b"\x00\x01\x02")
    assert _import(books, missing, garbage) == 2
    assert not (books / "imported.beancount").exists()
    assert not (books / "rejects.csv").exists()


def test_a_failed_run_keeps_an_out_it_did_not_create(books: Path) -> None:
    out = books / "imported.beancount"
    out.write_text("")
    assert _import(books, books / "missing.csv") == 2
    assert out.exists()


def test_a_failed_run_still_writes_the_rows_it_rejected(books: Path) -> None:
    spend = books / "spend.csv"
    spend.write_text("Date,Amount,Supplier Name\n25/06/12,10,Acme\n")
    assert _import(books, spend, books / "missing.csv") == 2
    assert not (books / "imported.beancount").exists()
    assert "two-digit year" in (books / "rejects.csv").read_text()


def test_an_exception_leaves_no_empty_out(books: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(TransparencySpendImporter, "parse", broken)
    with pytest.raises(RuntimeError):
        _import(books, DEVON)
    assert not (books / "imported.beancount").exists()
    assert not (books / "rejects.csv").exists()


def test_the_rejects_file_is_replaced_whole(books: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    rejects = books / "rejects.csv"
    rejects.write_text("file,line,reason,raw\nold.csv,1,earlier,x\n")
    spend = books / "spend.csv"
    spend.write_text("Date,Amount,Supplier Name\n25/06/12,10,Acme\n01/06/2020,1e3,Acme\n")

    def refuse(source: str, target: str) -> None:
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(atomic_files.os, "replace", refuse)
    assert _import(books, spend) == 2
    assert f"cwl import: {rejects}: cannot write (Permission denied)" in capsys.readouterr().err
    assert rejects.read_text() == "file,line,reason,raw\nold.csv,1,earlier,x\n"
    assert _no_temporary_files(books)


def test_a_file_name_cannot_break_the_heading_line(books: Path) -> None:
    spend = books / "spend\n2020-01-01 open Assets:Sneaky.csv"
    spend.write_text("Date,Amount,Supplier Name\n01/06/2020,10,Acme\n")
    assert _import(books, spend) == 0
    entries, errors, _ = loader.load_file(str(books / "main.beancount"))
    assert errors == []
    assert not any(getattr(e, "account", "") == "Assets:Sneaky" for e in entries)


# 14. The window is a year past the --ledger books' last date.

def test_dates_more_than_a_year_after_the_books_are_rejected(books: Path) -> None:
    (books / "main.beancount").write_text(
        LEDGER + '2020-06-30 note Assets:Bank:Current "last entry"\n')
    spend = books / "spend.csv"
    spend.write_text("Date,Amount,Supplier Name\n30/06/2021,10,Acme\n01/07/2021,10,Acme\n")
    assert _import(books, spend) == 0
    with open(books / "rejects.csv", newline="", encoding="utf-8") as handle:
        [reject] = list(csv.DictReader(handle))
    assert (reject["line"], reject["reason"]) == (
        "3", "date '01/07/2021' is more than a year after the books' last date (2020-06-30)")
    assert "2021-06-30" in (books / "imported.beancount").read_text()


# 15. A lone surrogate reaches the rejects file escaped, not as a crash.

def test_a_lone_surrogate_is_written_to_the_rejects_file_escaped(books: Path) -> None:
    grants = books / "grants.json"
    grants.write_text(json_lines("grants", [{**grant("360G-x-1", "5", "2020-06-01"),
                                             "title": "\ud800"},
                                            grant("360G-x-2", "5", "2020-06-01")]))
    assert _import(books, grants) == 0
    text = (books / "rejects.csv").read_text(encoding="utf-8")
    assert "title holds a lone surrogate, not text" in text and "\\ud800" in text
    assert "360G-x-2" in (books / "imported.beancount").read_text()
