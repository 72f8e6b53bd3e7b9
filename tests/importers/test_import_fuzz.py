"""Malformed input gives a clear error or rejects: never a crash, never a
silently dropped row, never another number or date than the file says,
and never a control character in the ledger text."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
import tempfile
from decimal import Decimal
from pathlib import Path

import formats
from beancount.parser import parser
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from importers.bank_statement import BankStatementImporter
from importers.expense_mapping import ExpenseMapping
from importers.ledger_output import render
from importers.ocds_contracts import OCDSImporter
from importers.results import ImportResult, InputError
from importers.threesixty_giving import GrantsCSVImporter, GrantsJSONImporter
from importers.transparency_spend import TransparencySpendImporter
from importers.values import parse_pennies

FUZZ = settings(max_examples=60, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SPEND = TransparencySpendImporter(ExpenseMapping.load())
HEADER = ["Date", "Transaction Number", "Amount", "Supplier Name", "Expense Type"]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
one_line = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=30)
# Issue 14's nasty values: other shapes of number, dates, totals, controls, formulas.
nasty = st.sampled_from([
    "=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-", " =1", "\uff1d1", "|x", "\n=1",
    "25/06/2012900", "435.80000000000007", "01-JUN-2012", "REDACTED", "†††", "\"",
    "x" * 5000, "1e999", "NaN", "Infinity", "", " ",
    "12,34", "1,2345", "1_000", "\u0661\u0662\u0663", "\uff11\uff12\uff13", "1e3", "1E+3",
    "(12.50)", "£1,234", "1,234.56", "-12.5",
    "Total", "Grand Total", "TOTAL", "Totals",
    "25/06/12", "01-JUN-12", "31/12/1989", "01/01/2999", "2020-06-01T00:00:00+01:00",
    "\x1b[31mred", "\x85", "\x07bell", "a\x9fb"])
cell = st.one_of(text, nasty, st.decimals(allow_nan=False, places=3).map(str))
amount_text = st.one_of(
    nasty, st.decimals(min_value=-10**9, max_value=10**9, places=2).map(str),
    st.decimals(min_value=0, max_value=10**9, places=2).map(lambda d: f"{d:,}"))
day = st.one_of(st.dates(datetime.date(1990, 1, 1), datetime.date(2026, 1, 1)),
                st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 12, 31)))
date_text = st.one_of(nasty, day.map(str), day.map(lambda d: f"{d:%d/%m/%Y}"),
                      day.map(lambda d: f"{d:%d-%b-%Y}"), day.map(lambda d: f"{d:%d/%m/%y}"))
# A row in a file's own columns, each value sound or nasty; or any cells at all.
row = st.one_of(st.lists(cell, min_size=0, max_size=7),
                st.tuples(date_text, text, amount_text, st.one_of(text, nasty), text).map(list))
UNPRINTED = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")  # control characters but "\n"
BLANK = re.compile(r"[\s\x00-\x1f\x7f-\x9f†]+")


# One folder for every example, removed when the test run ends.
_FOLDER = tempfile.TemporaryDirectory(prefix="cwl-fuzz-")
_count = iter(range(10**9))


def _write(content: bytes, suffix: str) -> str:
    path = Path(_FOLDER.name, f"example-{next(_count)}{suffix}")
    path.write_bytes(content)
    return str(path)


def _blank(cells: list[str]) -> bool:
    """Layout, not data: nothing but spaces, control characters and ``†``."""
    return not BLANK.sub("", "".join(cells))


def _accounted(result: ImportResult, expected_rows: int) -> None:
    """Every row imported or rejected with a line and a reason; what was
    imported is exact pennies in ledger text Beancount reads."""
    assert result.read == expected_rows
    assert len(result.rows) + len(result.rejects) == expected_rows
    assert all(r.line > 0 and r.reason for r in result.rejects)
    for reject in result.rejects:
        (reject.reason + reject.raw).encode("utf-8")  # the rejects file can hold them
    ledger = render(result.entries)
    assert not UNPRINTED.search(ledger), ledger
    _, errors, _ = parser.parse_string(ledger)
    assert errors == []
    for entry in result.entries:
        for posting in getattr(entry, "postings", ()):
            assert posting.units.number.as_tuple().exponent == -2


def _written(header: list[str], rows: list[list[str]]) -> tuple[str, dict[int, list[str]]]:
    """The CSV text, and each row as the csv module reads it back, by the
    line it starts on."""
    out = io.StringIO()
    csv.writer(out).writerows([header, *rows])
    reader = csv.reader(io.StringIO(out.getvalue(), newline=""))
    lines: dict[int, list[str]] = {}
    start = 1
    for cells in reader:
        lines[start] = cells
        start = reader.line_num + 1
    return out.getvalue(), {line: cells for line, cells in lines.items() if line > 1}


def _csv_rows(header: list[str], rows: list[list[str]], encoding: str = "utf-8") -> tuple[str, int]:
    """The file, and how many rows it holds as the csv module reads it back."""
    content, written = _written(header, rows)
    try:
        raw = content.encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    return _write(raw, ".csv"), sum(not _blank(r) for r in written.values())


@FUZZ
@given(rows=st.lists(row, max_size=12),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_spend_rows_are_imported_or_rejected(rows: list[list[str]], encoding: str) -> None:
    path, expected = _csv_rows(HEADER, rows, encoding)
    try:
        result = SPEND.parse(path)
    except InputError as exc:
        assert path in str(exc)
        return
    _accounted(result, expected)


BANK_HEADERS = [["Date", "Description", "Amount", "Balance"],
                ["Date", "Details", "Paid Out", "Paid In", "Balance"],
                ["Date", "Narrative", "Debit", "Credit"]]
maybe_amount = st.one_of(st.just(""), amount_text)


@FUZZ
@given(header=st.sampled_from(BANK_HEADERS), draw=st.data())
def test_bank_rows_are_imported_or_rejected(header: list[str], draw: st.DataObject) -> None:
    money = st.lists(maybe_amount, min_size=len(header) - 2, max_size=len(header) - 2)
    statement_row = st.tuples(date_text, text, money).map(lambda r: [r[0], r[1], *r[2]])
    rows = draw.draw(st.lists(st.one_of(row, statement_row), max_size=12))
    path, expected = _csv_rows(header, rows)
    try:
        result = BankStatementImporter("Assets:Bank:Group").parse(path)
    except InputError as exc:
        assert path in str(exc)
        return
    _accounted(result, expected)


@FUZZ
@given(rows=st.lists(st.tuples(one_line, day, amount_text), min_size=1, max_size=8))
def test_run_together_rows_are_split_exactly_or_rejected(
        rows: list[tuple[str, datetime.date, str]]) -> None:
    """A cell holding a date and an amount is split into that date and that
    amount, or the row is rejected: never another number or date."""
    header = ["Supplier Name", "Date", "Amount", "Expense Type"]
    cells = [[supplier or "Acme", f"{when:%d/%m/%Y}{amount}", "Stationery"]
             for supplier, when, amount in rows]
    path, expected = _csv_rows(header, cells)
    try:
        result = SPEND.parse(path)
    except InputError as exc:
        assert path in str(exc)
        return
    _accounted(result, expected)
    by_line = _written(header, cells)[1]
    for imported in result.rows:
        _, when, amount = rows[cells.index(by_line[imported.line])]
        [payment] = imported.entries
        assert payment.date == when
        assert payment.postings[0].units.number == parse_pennies(amount)


# JSON values Python's json module reads but no amount should become.
_HUGE, _EXPONENT = "\x00huge", "\x00exponent"
json_scalar = (st.none() | st.booleans() | st.integers() | text | nasty
               | st.sampled_from([float("nan"), float("inf"), -float("inf"), 10**400,
                                  _HUGE, _EXPONENT, "\ud800", "a\udc00b"]))


def _dumps(document: object) -> bytes:
    """JSON text with the markers made into what json.dumps will not write."""
    content = json.dumps(document)
    content = content.replace(json.dumps(_HUGE), "9" * 5000)
    return content.replace(json.dumps(_EXPONENT), "1E+3").encode()


json_value = st.recursive(
    json_scalar,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=10)
any_amount = st.one_of(amount_text, json_scalar, st.floats(-1e7, 1e7).map(lambda f: round(f, 2)),
                       st.floats())
grant = st.fixed_dictionaries(
    {"id": st.one_of(text, nasty), "amountAwarded": any_amount,
     "awardDate": st.one_of(date_text, json_value),
     "recipientOrganization": st.sampled_from([[{"id": "GB-CHC-1", "name": "A"}],
                                               {"id": "GB-CHC-2", "name": "B"}]) | json_value},
    optional={"currency": st.sampled_from(["GBP", "EUR", ""]),
              "recipientIndividual": json_value, "amountDisbursed": any_amount,
              "disbursementTransaction": st.one_of(json_value, st.lists(st.fixed_dictionaries(
                  {"transactionDate": date_text, "value": any_amount}), max_size=2)),
              "title": json_value})


ids = st.one_of(text, nasty, st.just("360G-x-1"))
sound_grant = st.builds(formats.grant, ids, amount_text, date_text, text)


@FUZZ
@given(grants=st.lists(st.one_of(grant, sound_grant, json_value), max_size=8),
       cut=st.integers(0, 200))
def test_grant_json_records_are_imported_or_rejected(grants: list, cut: int) -> None:
    content = _dumps({"grants": grants})
    path = _write(content, ".json")
    _accounted(GrantsJSONImporter().parse(path), len(grants))
    truncated = _write(content[:cut], ".json")
    if cut < len(content):
        try:
            GrantsJSONImporter().parse(truncated)
        except InputError as exc:
            assert truncated in str(exc)


PYTHON_ERROR = re.compile(r"Error|NoneType|object has|attribute|subscriptable|unhashable|"
                          r"not supported between|indices must")


@FUZZ
@given(releases=st.lists(st.one_of(json_value, st.builds(
    formats.release, st.sampled_from(["ocds-1", "ocds-2", "ocds-3"]), amount_text, date_text,
    text), st.fixed_dictionaries(
    {"ocid": st.sampled_from(["ocds-1", "ocds-2"]), "date": date_text},
    optional={"awards": st.one_of(json_value, st.lists(st.fixed_dictionaries(
        {"id": json_scalar, "value": st.fixed_dictionaries({"amount": any_amount}),
         "suppliers": json_value | st.just([{"id": "GB-COH-1", "name": "A"}])},
        optional={"date": date_text, "contractPeriod": json_value}),
        max_size=2)),
        "parties": json_value, "tender": json_value})),
    max_size=6))
def test_ocds_releases_are_imported_or_rejected_in_words(releases: list) -> None:
    path = _write(_dumps({"releases": releases}), ".json")
    result = OCDSImporter().parse(path)
    with_ocid = {r["ocid"] for r in releases if isinstance(r, dict) and r.get("ocid")}
    without = sum(1 for r in releases if not (isinstance(r, dict) and r.get("ocid")))
    _accounted(result, len(with_ocid) + without)
    for reject in result.rejects:
        assert not PYTHON_ERROR.search(reject.reason), reject.reason


@FUZZ
@given(content=st.binary(max_size=400), cut=st.integers(0, 4000))
def test_arbitrary_or_truncated_bytes_never_crash(content: bytes, cut: int) -> None:
    real = ("Date,Amount,Supplier Name\n01/06/2020,10.00,Acme\n" * 20).encode()
    for raw in (content, real[:cut], real[:cut] + content):
        path = _write(raw, ".csv")
        try:
            result = SPEND.parse(path)
        except InputError as exc:
            assert path in str(exc)
            continue
        assert result.read >= 0


grant_row = st.tuples(ids, amount_text, st.just("GB-CHC-1") | text, date_text,
                      st.just("Hall") | text).map(list)


@settings(max_examples=20, deadline=None, database=None)
@given(rows=st.lists(st.one_of(grant_row, st.lists(st.one_of(nasty, text), min_size=4,
                                                   max_size=6)), max_size=5))
def test_grant_csv_rows_are_imported_or_rejected(rows: list[list[str]]) -> None:
    path, expected = _csv_rows(
        ["Identifier", "Amount Awarded", "Recipient Org:Identifier", "Award Date",
         "Recipient Org:Name"], rows)
    try:
        result = GrantsCSVImporter().parse(path)
    except InputError as exc:
        assert path in str(exc)
        return
    _accounted(result, expected)


# Amount shapes on their own: councils' forms are read exactly, the others refused.

pennies = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=2)


@settings(max_examples=100, deadline=None, database=None)
@given(number=pennies, form=st.sampled_from(["{:f}", "{:,}", "£{:,}", "GBP {:f}", "{:,} GBP"]))
def test_council_amounts_are_read_exactly(number: Decimal, form: str) -> None:
    shown = form.format(abs(number))
    if number < 0:
        shown = f"({shown})"
    assert parse_pennies(shown) == number


def _regroup(digits: str, size: int) -> str:
    groups = [digits[max(i - size, 0):i] for i in range(len(digits), 0, -size)]
    return ",".join(reversed(groups))


@settings(max_examples=100, deadline=None, database=None)
@given(number=st.integers(100_000, 10**12), how=st.sampled_from(
    ["grouping", "underscore", "arabic", "full-width", "exponent"]), size=st.sampled_from([2, 4]))
def test_other_shapes_of_a_number_are_never_read(number: int, how: str, size: int) -> None:
    digits = str(number)
    shown = {"grouping": _regroup(digits, size),
             "underscore": f"{digits[:-3]}_{digits[-3:]}",
             "arabic": digits.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),
             "full-width": digits.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
             "exponent": f"{digits[0]}e{len(digits) - 1}"}[how]
    try:
        parse_pennies(shown)
    except ValueError as exc:
        assert repr(shown) in str(exc)
    else:
        raise AssertionError(f"{shown!r} was read")

