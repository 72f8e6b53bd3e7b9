"""Books that load: no imported row is dated before its account opens.

Beancount calls a posting dated before its account's ``open`` (or after
its ``close``) an "inactive account" error. ``cwl import`` opens the
accounts nobody opens on 1990-01-01, before any date it accepts, and
rejects a row whose account the books open after the row's date, with
that reason, so the output always loads inside the ledger.
"""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from formats import csv_text
from importer_data import DEVON, LAMBETH, TRAFFORD_JSON

import importers.command
from cli.main import main

Capture = pytest.CaptureFixture[str]
BANK_OPENS = """option "operating_currency" "GBP"
{opens} open Assets:Bank:Current
include "imported.beancount"
"""


def _books(folder: Path, text: str) -> Path:
    (folder / "main.beancount").write_text(text)
    return folder / "main.beancount"


def _import(ledger: Path, capsys: Capture, *files: Path) -> dict:
    """The JSON summary of importing ``files`` into ``ledger``'s folder."""
    folder = ledger.parent
    main(["import", *map(str, files), "--ledger", str(ledger),
          "--out", str(folder / "imported.beancount"),
          "--rejects", str(folder / "rejects.csv"), "--json"])
    return json.loads(capsys.readouterr().out)["files"][0]


def _rejects(folder: Path) -> list[dict[str, str]]:
    with open(folder / "rejects.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _errors(ledger: Path) -> list:
    _, errors, _ = loader.load_file(str(ledger))
    return errors


def _inactive(errors: list) -> list:
    return [e for e in errors if "inactive account" in e.message]


def test_without_the_check_rows_before_the_open_would_not_load(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture) -> None:
    """The failing case: the ledger opens the bank account in 2020, as the
    demo does, and Lambeth's payments are from June 2012."""
    monkeypatch.setattr(importers.command, "screen_inactive", lambda *args: None)
    ledger = _books(tmp_path, BANK_OPENS.format(opens="2020-01-01"))
    _import(ledger, capsys, LAMBETH)
    inactive = _inactive(_errors(ledger))
    assert len(inactive) >= 3155
    assert "Invalid reference to inactive account 'Assets:Bank:Current'" in inactive[0].message


def test_rows_before_the_ledgers_open_are_rejected_with_the_reason(
        tmp_path: Path, capsys: Capture) -> None:
    ledger = _books(tmp_path, BANK_OPENS.format(opens="2020-01-01"))
    summary = _import(ledger, capsys, LAMBETH)
    assert summary["read"] == summary["rejected"] == 3156 and summary["imported"] == 0
    rejects = _rejects(tmp_path)
    first = rejects[0]
    assert (first["line"], first["reason"]) == (
        "11", "account Assets:Bank:Current opens on 2020-01-01, after this row's date "
              "(2012-06-08)")
    assert first["raw"].startswith("Lambeth,Adults' and Community Services,170 Community")
    assert sum("opens on 2020-01-01" in r["reason"] for r in rejects) == 3155
    assert _errors(ledger) == []


def test_only_the_rows_before_the_open_are_rejected(tmp_path: Path, capsys: Capture) -> None:
    ledger = _books(tmp_path, BANK_OPENS.format(opens="2020-05-15"))
    summary = _import(ledger, capsys, DEVON)
    rejects = _rejects(tmp_path)
    assert summary["read"] == summary["imported"] + summary["rejected"] == 7436
    assert 0 < summary["rejected"] == len(rejects) < 7436
    assert all(r["reason"].startswith("account Assets:Bank:Current opens on 2020-05-15, "
                                      "after this row's date (2020-05-") for r in rejects)
    entries, errors, _ = loader.load_file(str(ledger))
    assert errors == []
    dates = [e.date.isoformat() for e in entries if isinstance(e, data.Transaction)]
    assert min(dates) == "2020-05-15"
    # Money is accounted for: what was booked plus what was rejected is the file's sum.
    with open(DEVON, encoding="utf-8-sig", newline="") as handle:
        amounts = [Decimal(r["Amount"]) for r in csv.DictReader(handle)]
    rejected_lines = {int(r["line"]) for r in rejects}
    booked = sum(e.postings[0].units.number for e in entries if isinstance(e, data.Transaction))
    rejected = sum(amounts[line - 2] for line in rejected_lines)
    assert (booked + rejected).quantize(Decimal("0.01")) == sum(amounts).quantize(
        Decimal("0.01"))


def test_rows_after_an_account_closes_are_rejected(tmp_path: Path, capsys: Capture) -> None:
    ledger = _books(tmp_path, BANK_OPENS.format(opens="2000-01-01")
                    + "2020-05-20 close Assets:Bank:Current\n")
    summary = _import(ledger, capsys, DEVON)
    assert summary["rejected"] > 0
    assert all(r["reason"].startswith("account Assets:Bank:Current was closed on 2020-05-20, "
                                      "before this row's date (2020-05-")
               for r in _rejects(tmp_path))
    assert _errors(ledger) == []


def test_accounts_the_import_opens_come_before_any_later_imports_rows(
        tmp_path: Path, capsys: Capture) -> None:
    """OUT's own opens are dated 1990-01-01, the earliest date any import
    accepts: a file of 1995 payments imported after one of 2020 loads too."""
    ledger = _books(tmp_path, BANK_OPENS.format(opens="1990-01-01"))
    assert _import(ledger, capsys, DEVON)["imported"] == 7436
    old = tmp_path / "old.csv"
    old.write_text(csv_text([["Date", "Amount", "Supplier Name", "Expense Type"],
                             ["01/06/1995", "10.00", "Acme Ltd", "Stationery"]]))
    summary = _import(ledger, capsys, old)
    assert (summary["imported"], summary["rejected"]) == (1, 0)
    out = (tmp_path / "imported.beancount").read_text()
    assert "1990-01-01 open Expenses:Suspense" in out
    assert _errors(ledger) == []


def test_grants_before_their_scheme_opens_are_rejected(tmp_path: Path, capsys: Capture) -> None:
    ledger = _books(tmp_path, BANK_OPENS.format(opens="2000-01-01")
                    + "2019-01-01 open Expenses:Grants:VSG\n")
    summary = _import(ledger, capsys, TRAFFORD_JSON)
    rejects = _rejects(tmp_path)
    assert summary["read"] == summary["imported"] + summary["rejected"] == 555
    assert rejects and summary["imported"] > 0
    assert all(r["reason"].startswith("account Expenses:Grants:VSG opens on 2019-01-01, "
                                      "after this row's date (20") for r in rejects)
    assert all(r["raw"] for r in rejects)
    assert _errors(ledger) == []


@pytest.mark.parametrize("source", [DEVON, LAMBETH], ids=lambda p: p.name)
def test_spend_loads_inside_the_demo_books(demo_dir: Path, tmp_path: Path, source: Path,
                                           capsys: Capture) -> None:
    """The demo opens its accounts on 2020-01-01: May 2020 imports, June 2012
    is rejected row by row; either way the books gain no error."""
    books = tmp_path / "books"
    shutil.copytree(demo_dir, books)
    ledger = books / "main.beancount"
    before = sorted(e.message for e in _errors(ledger))
    ledger.write_text(ledger.read_text() + 'include "imported.beancount"\n')
    summary = _import(ledger, capsys, source)
    assert summary["read"] == summary["imported"] + summary["rejected"] > 0
    assert (summary["imported"] > 0) == (source == DEVON)
    assert sorted(e.message for e in _errors(ledger)) == before
