"""Issue 14: no input becomes wrong money or a traceback. Each rule is
checked on every importer it applies to: the bad row or record is rejected
with its line and reason, and the sound one after it still imports."""

from __future__ import annotations

import csv
import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from beancount.core import data
from beancount.parser import parser
from formats import (
    CSV_FORMATS,
    GRANT_HEADER,
    GRANTS_CSV,
    GRANTS_JSON,
    JSON_FORMATS,
    OCDS,
    RUN_TOGETHER,
    SEPARATE,
    SPEND,
    Format,
    csv_text,
    grant,
    json_lines,
    release,
)
from importer_data import CONTRACTS, DEVON, TRAFFORD_JSON

from importers.ledger_output import render
from importers.results import ImportResult
from importers.values import DateWindow

BOOKS_END = datetime.date(2020, 6, 30)
WINDOW = DateWindow.after(BOOKS_END)
FORMAT_IDS = [f"{f.name}{f.suffix}" for f in SEPARATE]


def _parse(fmt: Format, path: str, window: DateWindow = WINDOW) -> ImportResult:
    return fmt.importer().parse(path, (), None, window)


def _only_first_rejected(result: ImportResult, fmt: Format) -> str:
    """The reason the first row was rejected; the second one imported."""
    assert [r.line for r in result.rejects] == [fmt.first_line]
    assert [r.line for r in result.rows] == [fmt.first_line + 1]
    assert result.read == 2
    return result.rejects[0].reason


# 13. Amount shapes.

BAD_AMOUNTS = [
    ("12,34", "has commas that are not thousands separators"),
    ("1,2345", "has commas that are not thousands separators"),
    ("0,500", "has commas that are not thousands separators"),
    ("1_000", "has an underscore in it"),
    ("\u0661\u0662\u0663", "has digits other than 0-9"),  # Arabic-Indic 123
    ("\uff11\uff12\uff13", "has digits other than 0-9"),  # full-width 123
    ("1e3", "is written with an exponent"),
    ("1E+3", "is written with an exponent"),
    ("1 234", "has spaces between its digits"),
    ("(-12)", "has two signs"),
    ("NaN", "is not a number"),
]
GOOD_AMOUNTS = [("1,234.56", "1234.56"), ("£1,234", "1234.00"), ("(12.50)", "-12.50"),
                ("-12.5", "-12.50"), ("435.80000000000007", "435.80"), ("12.50-", "-12.50"),
                ("GBP 1,000,000", "1000000.00")]


@pytest.mark.parametrize("fmt", SEPARATE, ids=FORMAT_IDS)
@pytest.mark.parametrize(("amount", "why"), BAD_AMOUNTS)
def test_amounts_in_other_shapes_are_rejected_with_the_reason(
        tmp_path: Path, fmt: Format, amount: str, why: str) -> None:
    result = _parse(fmt, fmt.file(tmp_path, amount=amount))
    reason = _only_first_rejected(result, fmt)
    assert f"amount {amount!r} {why}" in reason


@pytest.mark.parametrize("fmt", SEPARATE, ids=FORMAT_IDS)
@pytest.mark.parametrize(("amount", "pennies"), GOOD_AMOUNTS)
def test_amounts_councils_write_are_read_exactly(
        tmp_path: Path, fmt: Format, amount: str, pennies: str) -> None:
    result = _parse(fmt, fmt.file(tmp_path, amount=amount))
    assert result.rejects == []
    assert fmt.amount(result.rows[0].entries) == Decimal(pennies)


@pytest.mark.parametrize(("amount", "why"), BAD_AMOUNTS[:-2])
def test_run_together_fields_never_split_into_another_number(
        tmp_path: Path, amount: str, why: str) -> None:
    result = _parse(RUN_TOGETHER, RUN_TOGETHER.file(tmp_path, amount, "25/06/2012"))
    reason = _only_first_rejected(result, RUN_TOGETHER)
    assert reason.startswith("row has 4 fields, the header has 5: no split")
    assert f"(amount {amount!r} {why})" in reason
    assert result.recovered == 0


@pytest.mark.parametrize(("amount", "pennies"), GOOD_AMOUNTS[:2])
def test_run_together_fields_with_a_council_amount_are_split(
        tmp_path: Path, amount: str, pennies: str) -> None:
    result = _parse(RUN_TOGETHER, RUN_TOGETHER.file(tmp_path, amount, "25/06/2012"))
    assert result.rejects == [] and result.recovered == 1
    assert RUN_TOGETHER.amount(result.rows[0].entries) == Decimal(pennies)


# 14. Dates: two-digit years, before 1990, more than a year after the books.

BAD_DATES = [
    ("25/06/12", "date '25/06/12' has a two-digit year, which could be 1912 or 2012"),
    ("01-JUN-12", "date '01-JUN-12' has a two-digit year, which could be 1912 or 2012"),
    ("1989-12-31", "date '1989-12-31' is before 1990"),
    ("2021-07-01", "date '2021-07-01' is more than a year after "
                   "the books' last date (2020-06-30)"),
    ("\u0662\u0660\u0662\u0660-06-01", "is not in a known form"),  # Arabic-Indic 2020
]


@pytest.mark.parametrize("fmt", SEPARATE, ids=FORMAT_IDS)
@pytest.mark.parametrize(("date", "why"), BAD_DATES)
def test_dates_outside_the_window_or_with_two_digit_years_are_rejected(
        tmp_path: Path, fmt: Format, date: str, why: str) -> None:
    result = _parse(fmt, fmt.file(tmp_path, date=date))
    assert why in _only_first_rejected(result, fmt)


@pytest.mark.parametrize("fmt", SEPARATE, ids=FORMAT_IDS)
@pytest.mark.parametrize("date", ["1990-01-01", "2021-06-30"])
def test_dates_at_the_edges_of_the_window_are_read(
        tmp_path: Path, fmt: Format, date: str) -> None:
    result = _parse(fmt, fmt.file(tmp_path, date=date))
    assert result.rejects == []
    assert str(result.rows[0].entries[-1].date) == date


@pytest.mark.parametrize(("date", "why"), [
    ("25/06/1290", "date '25/06/1290' is before 1990"),
    ("01/07/2021", "date '01/07/2021' is more than a year after the books' last date")])
def test_run_together_fields_are_not_split_into_a_date_outside_the_window(
        tmp_path: Path, date: str, why: str) -> None:
    result = _parse(RUN_TOGETHER, RUN_TOGETHER.file(tmp_path, "900", date))
    reason = _only_first_rejected(result, RUN_TOGETHER)
    assert reason.startswith("row has 4 fields, the header has 5: no split")
    assert f"({why}" in reason and result.recovered == 0


@pytest.mark.parametrize("fmt", SEPARATE, ids=FORMAT_IDS)
def test_beangulp_extract_takes_the_window_from_the_existing_entries(
        tmp_path: Path, fmt: Format) -> None:
    """beangulp passes the ledger's entries as ``existing``: the window runs
    to a year past the latest of them, open directives not counted."""
    path = fmt.file(tmp_path, date="2021-07-01")
    last = data.Note(data.new_metadata("<books>", 1), BOOKS_END, "Assets:Bank:Current", "x",
                     frozenset(), frozenset())
    opened = data.Open(data.new_metadata("<books>", 2), datetime.date(2030, 1, 1),
                       "Assets:Bank:Current", None, None)
    day = datetime.date(2021, 7, 1)
    assert day not in {e.date for e in fmt.importer().extract(path, [last, opened])}
    later = last._replace(date=datetime.date(2020, 7, 1))
    assert day in {e.date for e in fmt.importer().extract(path, [later, opened])}
    [reject] = fmt.importer().parse(path, [last, opened]).rejects
    assert "more than a year after the books' last date (2020-06-30)" in reject.reason


@pytest.mark.parametrize("fmt", SEPARATE, ids=FORMAT_IDS)
def test_with_no_books_the_window_ends_a_year_after_today(tmp_path: Path, fmt: Format) -> None:
    today = datetime.date.today()
    inside = today.replace(year=today.year + 1, day=min(today.day, 28))
    outside = today + datetime.timedelta(days=367)
    assert fmt.importer().parse(fmt.file(tmp_path, date=str(inside))).rejects == []
    [reject] = fmt.importer().parse(fmt.file(tmp_path, date=str(outside))).rejects
    assert reject.reason.endswith(f"date '{outside}' is more than a year after today ({today})")


# 15. JSON values, oversized CSV fields, control characters.

HUGE = "9" * 5000  # past Python's int-string limit of 4300 digits
JSON_VALUES = [
    ("1" + "0" * 400, "amount '1000000000000000000000000000000000000000...' is too large "
                      "to be a payment"),
    (HUGE, "is too large to be a payment"),
    ("NaN", "NaN is not a JSON number"),
    ("Infinity", "Infinity is not a JSON number"),
    ("-Infinity", "-Infinity is not a JSON number"),
    ("1e3", "amount '1e3' is written with an exponent"),
    ("1.5E+3", "amount '1.5E+3' is written with an exponent"),
]


@pytest.mark.parametrize("fmt", JSON_FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize(("number", "why"), JSON_VALUES)
def test_json_numbers_that_are_not_amounts_reject_only_their_record(
        tmp_path: Path, fmt: Format, number: str, why: str) -> None:
    path = Path(fmt.file(tmp_path, amount="PLACE"))
    path.write_text(path.read_text().replace('"PLACE"', number))
    result = _parse(fmt, str(path))
    assert why in _only_first_rejected(result, fmt)


def test_a_lone_surrogate_rejects_its_grant_naming_the_field(tmp_path: Path) -> None:
    path = tmp_path / "grants.json"
    path.write_text(json_lines("grants", [{**grant("360G-x-1", "5", "2020-06-01"),
                                           "title": "Roof \ud800"},
                                          grant("360G-x-2", "5", "2020-06-01")]))
    assert "\\ud800" in path.read_text()
    result = _parse(GRANTS_JSON, str(path))
    assert _only_first_rejected(result, GRANTS_JSON) == "title holds a lone surrogate, not text"
    assert "\\ud800" in result.rejects[0].raw
    result.rejects[0].raw.encode("utf-8")  # the rejects file can hold it


def test_a_lone_surrogate_rejects_its_contracting_process(tmp_path: Path) -> None:
    bad = release("ocds-x-1", "5", "2020-06-01")
    bad["awards"][0]["suppliers"][0]["name"] = "\udc00"
    path = tmp_path / "contracts.json"
    path.write_text(json_lines("releases", [bad, release("ocds-x-2", "5", "2020-06-01")]))
    result = _parse(OCDS, str(path))
    assert _only_first_rejected(result, OCDS) == (
        "release at line 2: awards[0].suppliers[0].name holds a lone surrogate, not text")


def test_a_bad_release_rejects_its_whole_process_not_a_stale_merge(tmp_path: Path) -> None:
    """Merging without the later release would book the older value."""
    older = release("ocds-x-1", "5", "2020-06-01")
    newer = {**release("ocds-x-1", "7", "2020-06-01"), "id": "r2", "date": "2020-07-01"}
    path = tmp_path / "contracts.json"
    text = json_lines("releases", [older, newer, release("ocds-x-2", "5", "2020-06-01")])
    path.write_text(text.replace('"amount": "7"', '"amount": NaN'))
    result = _parse(OCDS, str(path))
    assert [(r.line, r.reason) for r in result.rejects] == [
        (2, "release at line 3: awards[0].value.amount: NaN is not a JSON number")]
    assert [r.line for r in result.rows] == [4]


@pytest.mark.parametrize("shape", [
    {"awards": "none"}, {"awards": [1, "x"]}, {"awards": {"id": "A"}},
    {"awards": [{"id": "A", "value": [1], "suppliers": [{"id": "S"}]}]},
    {"awards": [{"id": "A", "value": {"amount": 5}, "suppliers": "S"}]},
    {"awards": [{"id": "A", "value": {"amount": 5}, "suppliers": [{"id": "S"}],
                 "contractPeriod": "soon"}], "tender": [], "parties": {"id": 1}},
    {"awards": [{"id": {"x": 1}, "value": {"amount": 5}, "suppliers": [7]}]},
    {"awards": [{"id": "A", "value": {"amount": 5, "currency": ["GBP"]},
                 "suppliers": [{"id": "S"}], "date": ["2020"]}], "date": None},
])
def test_ocds_reasons_are_words_not_python_errors(tmp_path: Path, shape: dict) -> None:
    path = tmp_path / "contracts.json"
    path.write_text(json_lines("releases", [{"ocid": "ocds-x-1", "id": "r", **shape},
                                            release("ocds-x-2", "5", "2020-06-01")]))
    [reject] = _parse(OCDS, str(path)).rejects
    assert reject.line == 2 and reject.reason
    assert not re.search(r"Error|NoneType|object|attribute|subscriptable|unhashable|\bint\b",
                         reject.reason), reject.reason


def test_releases_without_dates_cannot_be_merged_and_say_so(tmp_path: Path) -> None:
    first = release("ocds-x-1", "5", "2020-06-01")
    second = {**release("ocds-x-1", "5", "2020-06-01"), "id": "r2"}
    del second["date"]
    path = tmp_path / "contracts.json"
    path.write_text(json_lines("releases", [first, second]))
    [reject] = _parse(OCDS, str(path)).rejects
    assert reject.reason == ("release at line 3 has no date, so the process's releases "
                             "cannot be put in order")


@pytest.mark.parametrize("fmt", CSV_FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize("size", [200_000, 17 * 1024 * 1024])
def test_a_field_over_the_csv_modules_limit_rejects_only_its_row(
        tmp_path: Path, fmt: Format, size: int) -> None:
    """200,000 characters is over the csv module's default limit, 17 MiB
    over the one this code once set: neither may end the file."""
    result = _parse(fmt, fmt.file(tmp_path, text="x" * size))
    assert _only_first_rejected(result, fmt) == "a field is longer than 2000 characters"
    assert len(result.rejects[0].raw) <= 2000


# C0 and C1 controls around the text; a CSV holding NUL is no text file at all.
CONTROLS = "\x01\x07\x1b[31m\x7f\x85\x9f"
UNPRINTED = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # all but the line break


@pytest.mark.parametrize("fmt", SEPARATE, ids=FORMAT_IDS)
def test_control_characters_never_reach_the_ledger_text(tmp_path: Path, fmt: Format) -> None:
    nul = "\x00" if fmt.suffix == ".json" else ""
    text = f"{fmt.text[:2]}{CONTROLS}{nul}{fmt.text[2:]}"
    result = _parse(fmt, fmt.file(tmp_path, text=text))
    assert result.rejects == []
    ledger = render(result.entries)
    assert not UNPRINTED.search(ledger), ledger
    assert f"{fmt.text[:2]} [31m {fmt.text[2:]}" in ledger  # the text around them is kept
    _, errors, _ = parser.parse_string(ledger)
    assert errors == []


# 16. Totals lines.

@pytest.mark.parametrize("word", ["Total", "Grand Total", "TOTAL", "Totals", "Total:"])
@pytest.mark.parametrize("fmt", CSV_FORMATS, ids=lambda f: f.name)
def test_a_totals_line_is_rejected_whatever_column_holds_the_word(
        tmp_path: Path, fmt: Format, word: str) -> None:
    result = _parse(fmt, fmt.file(tmp_path, text=word))
    assert _only_first_rejected(result, fmt) == "a totals line, not a payment"


def test_a_totals_line_in_any_column_of_a_spend_file(tmp_path: Path) -> None:
    path = tmp_path / "spend.csv"
    path.write_text(csv_text([
        ["Date", "Transaction Number", "Amount", "Supplier Name", "Expense Type"],
        ["01/06/2020", "T1", "10.00", "Acme Ltd", "Stationery"],
        ["", "", "10.00", "", "Grand Total"],
        ["TOTALS", "", "10.00", "", ""],
        ["01/06/2020", "T2", "12.00", "Total Care Ltd", "Total"],
        ["01/06/2020", "T3", "12.00", "Total Care Ltd", "Stationery"]]))
    result = _parse(SPEND, str(path))
    assert [(r.line, r.reason) for r in result.rejects] == [
        (3, "a totals line, not a payment"), (4, "a totals line, not a payment"),
        (5, "a totals line, not a payment")]
    assert [r.line for r in result.rows] == [2, 6]  # "Total Care Ltd" is a supplier


def test_a_totals_line_in_a_grants_csv_is_not_a_grant(tmp_path: Path) -> None:
    path = tmp_path / "grants.csv"
    path.write_text(csv_text([GRANT_HEADER, ["", "Grand Total", "", "5000", "", "", "", "", ""],
                              ["360G-x-2", "Door", "GBP", "5", "2020-06-01", "GB-CHC-2", "Two",
                               "F", "F"]]))
    result = _parse(GRANTS_CSV, str(path))
    assert _only_first_rejected(result, GRANTS_CSV) == "a totals line, not a payment"


def test_two_awards_with_one_id_are_not_merged_into_one(tmp_path: Path) -> None:
    """ocdsmerge would merge them, booking one contract for two."""
    twice = release("ocds-x-1", "5", "2020-06-01")
    twice["awards"].append({**twice["awards"][0], "value": {"amount": "9"}})
    path = tmp_path / "contracts.json"
    path.write_text(json_lines("releases", [twice, release("ocds-x-2", "5", "2020-06-01")]))
    [reject] = _parse(OCDS, str(path)).rejects
    assert reject.reason == "release at line 2: awards[1] repeats the id 'ocds-x-1-A' of another"


def test_a_rejected_process_does_not_keep_its_supplier_from_being_declared(
        tmp_path: Path) -> None:
    first_award_sound = release("ocds-x-1", "5", "2020-06-01")
    first_award_sound["awards"].append({"id": "B", "value": {"amount": "1e3"},
                                        "suppliers": [{"id": "GB-COH-9"}]})
    again = release("ocds-x-2", "5", "2020-06-01")
    again["awards"][0]["suppliers"] = first_award_sound["awards"][0]["suppliers"]
    path = tmp_path / "contracts.json"
    path.write_text(json_lines("releases", [first_award_sound, again]))
    result = _parse(OCDS, str(path))
    assert [r.reason for r in result.rejects] == [
        "award B: amount '1e3' is written with an exponent"]
    assert [e.type for e in result.entries] == ["cwl-organisation", "cwl-contract"]


# The same rules on the real published files, with a few values spoiled.

def test_a_real_spend_file_rejects_only_the_spoiled_rows(tmp_path: Path) -> None:
    with open(DEVON, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    spoiled = {2: (5, "3,823,72"), 3: (5, "647_72"), 4: (5, "6.4772e2"),
               5: (2, "01/05/20"), 6: (2, "1989-05-01 00:00:00"), 7: (1, "Grand Total")}
    for line, (column, value) in spoiled.items():
        rows[line - 1][column] = value
    path = tmp_path / "devon.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    result = _parse(SPEND, str(path), DateWindow.after(None))
    assert {r.line: r.reason for r in result.rejects} == {
        2: "amount '3,823,72' has commas that are not thousands separators",
        3: "amount '647_72' has an underscore in it",
        4: "amount '6.4772e2' is written with an exponent",
        5: "date '01/05/20' has a two-digit year, which could be 1920 or 2020",
        6: "date '1989-05-01 00:00:00' is before 1990",
        7: "a totals line, not a payment"}
    assert len(result.rows) == 7436 - 6
    kept = sum((Decimal(r[5]) for r in rows[7:]), Decimal(0))
    assert sum(SPEND.amount([e]) for e in result.entries) == kept.quantize(Decimal("0.01"))


def test_a_real_grants_file_rejects_only_the_spoiled_grants(tmp_path: Path) -> None:
    text = TRAFFORD_JSON.read_text(encoding="utf-8")
    text = text.replace('"amountAwarded": 2266,', '"amountAwarded": NaN,', 1)
    text = text.replace('"amountAwarded": 3028.63,', '"amountAwarded": 3.02863E3,', 1)
    text = text.replace('"amountAwarded": 495,', f'"amountAwarded": {"9" * 5000},', 1)
    path = tmp_path / "trafford.json"
    path.write_text(text, encoding="utf-8")
    result = _parse(GRANTS_JSON, str(path), DateWindow.after(None))
    assert [(r.line, r.reason) for r in result.rejects] == [
        (3, "amountAwarded: NaN is not a JSON number"),
        (47, "amount '3.02863E3' is written with an exponent"),
        (91, f"amount '{'9' * 40}...' is too large to be a payment")]
    assert len(result.rows) == 552


def test_a_real_contracts_file_rejects_its_spoiled_process_in_words(tmp_path: Path) -> None:
    text = CONTRACTS.read_text(encoding="utf-8").replace('"amount": 44341.25', '"amount": 4.4E4')
    path = tmp_path / "contracts.json"
    path.write_text(text, encoding="utf-8")
    [reject] = _parse(OCDS, str(path), DateWindow.after(None)).rejects
    assert reject.reason.endswith(": amount '4.4E4' is written with an exponent")
