"""``cwl import`` of a business rates list: each row a ``cwl-property`` at
its as-at date, every other row rejected with its line and reason, people's
names never written, and a second import adds nothing. No published rating
list is in ../shared/data, so the file is written here in the columns
councils export (a preamble line, "Property Reference", "UPRN", ...)."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

from beancount import loader

from cli.main import main
from importers.expense_mapping import ExpenseMapping
from importers.rating_list import RatingListImporter
from importers.registry import identify, importers
from ledger.config import parse_config

LEDGER = """option "operating_currency" "GBP"
include "imported.beancount"
"""

ROWS = [
    ["Lunesdale business rates list, exported 2021-04-01"],
    ["Property Reference", "UPRN", "Rateable Value", "Ratepayer Name", "Effective Date"],
    ["LUN-1", "100010001", "12,500", "Corner Cafe Ltd", "2020-03-11"],
    ["LUN-1", "100010001", "£14,000", "Corner Cafe Ltd", "01/04/2020"],
    ["LUN-2", "100010001", "30000", "Mr J Smithers", "2020-03-11"],
    ["LUN-3", "", "8000", "Jane Quillby t/a Quill Cakes", "2020-03-11"],
    ["LUN-1", "100010001", "12500", "Corner Cafe Ltd", "2020-03-11"],
    ["", "100010002", "5000", "Nobody Ltd", "2020-03-11"],
    ["LUN-4", "12-AB", "5000", "Bad Uprn Ltd", "2020-03-11"],
    ["LUN-5", "", "-10", "Negative Ltd", "2020-03-11"],
    ["LUN-6", "", "", "No Value Ltd", "2020-03-11"],
]


def _files(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "main.beancount").write_text(LEDGER)
    source = tmp_path / "rating-list.csv"
    with open(source, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(ROWS)
    return tmp_path / "main.beancount", source


def _import(main_file: Path, source: Path, capsys) -> dict:
    code = main(["import", str(source), "--ledger", str(main_file),
                 "--out", str(main_file.parent / "imported.beancount"),
                 "--rejects", str(main_file.parent / "rejects.csv"), "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    return (summary["files"] if isinstance(summary, dict) else summary)[0]


def test_rows_become_properties_and_rejects_name_their_line(tmp_path, capsys):
    main_file, source = _files(tmp_path)
    result = _import(main_file, source, capsys)
    assert (result["read"], result["imported"], result["rejected"]) == (9, 4, 5)
    with open(tmp_path / "rejects.csv", newline="", encoding="utf-8") as handle:
        rejects = {int(r["line"]): r["reason"] for r in csv.DictReader(handle)}
    assert rejects == {
        7: "property LUN-1 is listed as at 2020-03-11 already (line 3)",
        8: "missing property reference",
        9: "UPRN '12-AB' is not a number of up to 12 digits",
        10: "property LUN-5 has a negative rateable value (-10.00)",
        11: "property LUN-6 has no rateable value",
    }
    entries, errors, _ = loader.load_file(str(main_file))
    assert errors == []
    config, config_errors = parse_config(entries)
    assert config_errors == []
    listed = {(p.id, str(p.as_at)): p for p in config.properties}
    assert sorted(listed) == [("LUN-1", "2020-03-11"), ("LUN-1", "2020-04-01"),
                              ("LUN-2", "2020-03-11"), ("LUN-3", "2020-03-11")]
    first = listed[("LUN-1", "2020-03-11")]
    assert (first.rateable_value, first.uprn, first.occupier, first.redacted) == (
        Decimal("12500.00"), "100010001", "Corner Cafe Ltd", False)
    assert listed[("LUN-1", "2020-04-01")].rateable_value == Decimal("14000.00")
    for person in ("LUN-2", "LUN-3"):
        assert listed[(person, "2020-03-11")].redacted
        assert listed[(person, "2020-03-11")].occupier == ""
    text = (tmp_path / "imported.beancount").read_text()
    assert "Smithers" not in text and "Quill" not in text


def test_a_second_import_adds_nothing(tmp_path, capsys):
    main_file, source = _files(tmp_path)
    _import(main_file, source, capsys)
    before = (tmp_path / "imported.beancount").read_text()
    again = _import(main_file, source, capsys)
    assert (again["imported"], again["duplicates"]) == (0, 4)
    assert (tmp_path / "imported.beancount").read_text() == before


def test_identified_before_spend_and_spend_is_not_taken(tmp_path):
    _, source = _files(tmp_path)
    candidates = importers(ExpenseMapping.load())
    assert isinstance(identify(str(source), candidates), RatingListImporter)
    spend = tmp_path / "spend.csv"
    spend.write_text("Date,Supplier Name,Amount\n2020-06-01,Acme Ltd,600.00\n")
    assert not RatingListImporter().identify(str(spend))
