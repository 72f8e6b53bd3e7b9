"""Malformed input gives a clear error or rejects: never a crash, never a
silently dropped row."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from importers.expense_mapping import ExpenseMapping
from importers.ocds_contracts import OCDSImporter
from importers.results import ImportResult, InputError
from importers.threesixty_giving import GrantsCSVImporter, GrantsJSONImporter
from importers.transparency_spend import TransparencySpendImporter

FUZZ = settings(max_examples=50, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SPEND = TransparencySpendImporter(ExpenseMapping.load())
HEADER = ["Date", "Transaction Number", "Amount", "Supplier Name", "Expense Type"]

text = st.text(st.characters(exclude_categories=("Cs",)), max_size=30)
nasty = st.sampled_from(["=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)", "-", "25/06/2012900",
                         "435.80000000000007", "01-JUN-2012", "REDACTED", "†††", "\"",
                         "x" * 5000, "1e999", "NaN", "", " "])
cell = st.one_of(text, nasty, st.decimals(allow_nan=False, places=3).map(str))
row = st.lists(cell, min_size=0, max_size=7)


# One folder for every example, removed when the test run ends.
_FOLDER = tempfile.TemporaryDirectory(prefix="cwl-fuzz-")
_count = iter(range(10**9))


def _write(content: bytes, suffix: str) -> str:
    path = Path(_FOLDER.name, f"example-{next(_count)}{suffix}")
    path.write_bytes(content)
    return str(path)


def _blank(cells: list[str]) -> bool:
    return not any(c.replace("†", " ").strip() for c in cells)


def _accounted(result: ImportResult, expected_rows: int) -> None:
    assert result.read == expected_rows
    assert len(result.rows) + len(result.rejects) == expected_rows
    assert all(r.line > 0 and r.reason for r in result.rejects)


@FUZZ
@given(rows=st.lists(row, max_size=12),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_spend_rows_are_imported_or_rejected(rows: list[list[str]], encoding: str) -> None:
    out = io.StringIO()
    csv.writer(out).writerows([HEADER, *rows])
    try:
        content = out.getvalue().encode(encoding)
    except UnicodeEncodeError:
        assume(False)
    path = _write(content, ".csv")
    try:
        result = SPEND.parse(path)
    except InputError as exc:
        assert path in str(exc)
        return
    # What the file holds, read back by the csv module on its own.
    written = list(csv.reader(io.StringIO(out.getvalue(), newline="")))[1:]
    _accounted(result, sum(not _blank(r) for r in written))


@FUZZ
@given(content=st.binary(max_size=400), cut=st.integers(0, 4000))
def test_arbitrary_or_truncated_bytes_never_crash(content: bytes, cut: int) -> None:
    real = ("Date,Amount,Supplier Name\n01/06/2020,10.00,Acme\n" * 20).encode()
    for data in (content, real[:cut], real[:cut] + content):
        path = _write(data, ".csv")
        try:
            result = SPEND.parse(path)
        except InputError as exc:
            assert path in str(exc)
            continue
        assert result.read >= 0


json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | text | nasty,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=10)
grant = st.fixed_dictionaries(
    {}, optional={"id": st.one_of(text, nasty), "amountAwarded": st.one_of(json_value, cell),
                  "awardDate": st.one_of(cell, st.just("2020-06-01")),
                  "currency": st.sampled_from(["GBP", "EUR", ""]),
                  "recipientOrganization": json_value | st.just([{"id": "GB-CHC-1", "name": "A"}]),
                  "recipientIndividual": json_value, "amountDisbursed": json_value,
                  "disbursementTransaction": json_value})


@FUZZ
@given(grants=st.lists(st.one_of(grant, json_value), max_size=8), cut=st.integers(0, 200))
def test_grant_json_records_are_imported_or_rejected(grants: list, cut: int) -> None:
    content = json.dumps({"grants": grants})
    path = _write(content.encode(), ".json")
    _accounted(GrantsJSONImporter().parse(path), len(grants))
    truncated = _write(content[:cut].encode(), ".json")
    if cut < len(content):
        try:
            GrantsJSONImporter().parse(truncated)
        except InputError as exc:
            assert truncated in str(exc)


@FUZZ
@given(releases=st.lists(st.one_of(json_value, st.fixed_dictionaries(
    {"ocid": st.sampled_from(["ocds-1", "ocds-2"]), "date": cell},
    optional={"awards": json_value, "parties": json_value, "tender": json_value})),
    max_size=6))
def test_ocds_releases_never_crash(releases: list) -> None:
    path = _write(json.dumps({"releases": releases}).encode(), ".json")
    result = OCDSImporter().parse(path)
    with_ocid = {r["ocid"] for r in releases if isinstance(r, dict) and r.get("ocid")}
    without = sum(1 for r in releases if not (isinstance(r, dict) and r.get("ocid")))
    assert result.read == len(with_ocid) + without


@settings(max_examples=15, deadline=None, database=None)
@given(rows=st.lists(st.lists(st.one_of(nasty, text), min_size=3, max_size=5), max_size=5))
def test_grant_csv_rows_are_imported_or_rejected(rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows(
        [["Identifier", "Amount Awarded", "Recipient Org:Identifier", "Award Date"], *rows])
    path = Path(_write(out.getvalue().encode(), ".csv"))
    try:
        result = GrantsCSVImporter().parse(str(path))
    except InputError as exc:
        assert str(path) in str(exc)
        return
    written = list(csv.reader(io.StringIO(out.getvalue(), newline="")))[1:]
    _accounted(result, sum(not _blank(r) for r in written))
