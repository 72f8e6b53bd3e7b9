"""cwl export spend: the Transparency Code CSV, safe to open and to publish."""

from __future__ import annotations

import csv
import datetime
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from export_books import FORMULA_SUPPLIER, PERSONAL

from reports.exports.cells import safe_text
from reports.exports.spend import COLUMNS, expense_area_and_type, spend_rows
from rules.session import Session

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def text_cells_safe(path: Path) -> None:
    for row in read(path):
        for column, cell in row.items():
            if column != "Amount":
                assert not cell.startswith(FORMULA_STARTS), (column, cell)


@pytest.fixture
def exported(books, cwl_export, tmp_path, capsys):
    out = tmp_path / "spend.csv"
    assert cwl_export("spend", books, "--out", out) == 0
    return out, capsys.readouterr().out


def test_rows_and_counts_on_stdout(exported):
    out, stdout = exported
    rows = read(out)
    assert stdout == f"wrote {len(rows)} rows to {out} (4 redacted as personal data)\n"
    assert sum(r["Supplier Name"] == "Redacted: individual" for r in rows) == 4


def test_file_holds_header_and_rows_only(exported):
    out, _ = exported
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert len(lines) == 1 + len(read(out))


def test_people_never_named(exported):
    out, _ = exported
    published = out.read_bytes()
    for secret in PERSONAL:
        assert secret.encode() not in published, secret


def test_threshold_credit_notes_and_split_invoices(exported):
    out, _ = exported
    rows = read(out)
    amounts = [r["Amount"] for r in rows]
    assert "500.00" not in amounts  # over £500, not at it
    assert "500.01" in amounts
    assert "-750.00" in amounts  # credit note, negative
    assert "-1000.00" in amounts  # grant recovered
    split = [r for r in rows if r["Supplier Name"] == "Split Ltd"]
    assert [r["Amount"] for r in split] == ["400.00", "400.00"]  # one £800 payment
    assert split[0]["Transaction Number"] == split[1]["Transaction Number"]
    assert not any("Parking" in r["Expense Type"] for r in rows)  # income is not spend


def test_columns(exported):
    out, _ = exported
    rows = read(out)
    first = rows[0]
    assert first["Body"] == "GB-LAE-TST"
    assert first["Body Name"] == "Testshire District Council"
    assert first["Date"] == "2020-04-02"
    assert (first["Expense Area"], first["Expense Type"]) == ("Services", "ICT")
    source = [r for r in rows if r["Date"] == "2020-04-04"]
    assert source[0]["Transaction Number"] == "spend-LUN1-0a1b2c3d4e5f"
    grant = [r for r in rows if r["Date"] == "2020-05-04"][0]
    assert (grant["Expense Area"], grant["Expense Type"]) == ("Grants", "VCSE")


def test_formulas_escaped_amount_numeric(exported):
    out, _ = exported
    text_cells_safe(out)
    rows = read(out)
    assert "'" + FORMULA_SUPPLIER in [r["Supplier Name"] for r in rows]
    assert "'@Corporate" in [r["Expense Area"] for r in rows]
    assert "'-Cabling (unmapped)" in [r["Expense Type"] for r in rows]
    frame = pd.read_csv(out)
    assert list(frame.columns) == list(COLUMNS)
    assert pd.api.types.is_numeric_dtype(frame["Amount"])
    assert (frame["Amount"] < 0).sum() == 2


def test_dates_and_threshold_options(books, cwl_export, tmp_path, capsys):
    out = tmp_path / "q.csv"
    assert cwl_export("spend", books, "--out", out, "--from", "2020-04-05",
                      "--to", "2020-04-09", "--threshold", "600") == 0
    rows = read(out)
    assert {r["Date"] for r in rows} == {"2020-04-05", "2020-04-06", "2020-04-07"}
    assert "0 redacted" in capsys.readouterr().out


def test_bad_arguments(books, cwl_export, tmp_path, capsys):
    with pytest.raises(SystemExit):
        cwl_export("spend", books, "--out", tmp_path / "x.csv", "--from", "April")
    assert "not a date" in capsys.readouterr().err
    assert cwl_export("spend", tmp_path / "missing.beancount", "--out", tmp_path / "x.csv") == 2
    assert not (tmp_path / "x.csv").exists()


def test_transaction_numbers_do_not_depend_on_file_position(books, tmp_path):
    """Moving a transaction in the file, or adding lines before it, keeps its number."""
    text = books.read_text(encoding="utf-8")
    block = '2020-04-09 * "Small Things Ltd" "Paper"\n'
    moved = tmp_path / "moved.beancount"
    start = text.index(block)
    end = text.index("\n\n", start) + 2
    moved.write_text("; a comment\n\n" + text[:start] + text[end:] + "\n" + text[start:end],
                     encoding="utf-8")

    def numbers(path: Path) -> dict[tuple, str]:
        ledger = Session.load(str(path))
        return {(r.date, r.supplier, r.amount, r.expense_type): r.transaction_number
                for r in spend_rows(ledger)}

    assert numbers(books) == numbers(moved)


def test_identical_payments_get_distinct_numbers(tmp_path):
    path = tmp_path / "twice.beancount"
    payment = ('2020-05-01 * "Twin Ltd" "Same invoice twice"\n'
               "  Expenses:Services:ICT  900.00 GBP\n  Assets:Bank:Current\n\n")
    path.write_text("2020-01-01 open Assets:Bank:Current\n2020-01-01 open Expenses:Services:ICT\n\n"
                    + payment * 2, encoding="utf-8")
    ledger = Session.load(str(path))
    first, second = spend_rows(ledger)
    assert second.transaction_number == first.transaction_number + "-2"


@pytest.mark.parametrize("account, expected", [
    ("Expenses:Services:ICT", ("Services", "ICT")),
    ("Expenses:Covid:AdultSocialCare", ("Covid", "Adult Social Care")),
    ("Expenses:Contracts:HomeToSchool", ("Contracts", "Home To School")),
    ("Liabilities:GrantsPayable:LRSG-Nov20", ("Grants", "LRSG-Nov20")),
    ("Liabilities:RingFenced:ICF", ("Ring Fenced", "ICF")),
])
def test_expense_area_and_type(account, expected):
    assert expense_area_and_type(account) == expected


@pytest.mark.parametrize("text", ["=1+1", "+44", "-5", "@SUM(A1)", "\t=1", "\r=1"])
def test_safe_text(text):
    assert safe_text(text) == "'" + text
    assert safe_text("Bay Joinery Ltd") == "Bay Joinery Ltd"


def test_demo_ledger(plain_demo_dir, cwl_export, tmp_path, capsys):
    out = tmp_path / "demo-spend.csv"
    main = plain_demo_dir / "main.beancount"
    assert cwl_export("spend", main, "--out", out) == 0
    stdout = capsys.readouterr().out
    ledger = Session.load(str(main))
    rows = list(spend_rows(ledger))
    assert stdout.startswith(f"wrote {len(rows)} rows to {out} (")
    assert all(abs(r.amount) > 0 for r in rows)
    assert sum(r.redacted for r in rows) > 0
    people = [o for o in ledger.config.organisations.values() if o.individual]
    assert people
    published = out.read_bytes()
    for person in people:
        assert person.name.encode() not in published, person.name
    frame = pd.read_csv(out)
    assert pd.api.types.is_numeric_dtype(frame["Amount"])
    assert (frame["Amount"] < 0).any()  # recoveries published as negatives
    assert frame["Date"].map(lambda d: datetime.date.fromisoformat(d)).between(
        datetime.date(2020, 4, 1), datetime.date(2021, 6, 30)).all()
    text_cells_safe(out)
    total = sum((r.amount for r in rows), Decimal(0))
    assert Decimal(str(round(frame["Amount"].sum(), 2))) == total


def test_registered_in_cwl(books, tmp_path, capsys):
    from cli.main import main

    out = tmp_path / "via-cwl.csv"
    assert main(["export", "spend", str(books), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("wrote 15 rows")


def test_export_alone_lists_the_kinds(cwl_export, capsys):
    assert cwl_export() == 2
    err = capsys.readouterr().err
    assert "spend" in err and "360giving" in err
