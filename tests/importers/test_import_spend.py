"""Transparency spend: the real Devon and Lambeth files, and the awkward cases."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from importer_data import DEVON, LAMBETH

from importers.expense_mapping import ExpenseMapping
from importers.transparency_spend import TransparencySpendImporter


def _importer() -> TransparencySpendImporter:
    return TransparencySpendImporter(ExpenseMapping.load())


def _expense_amounts(entries: list) -> list[Decimal]:
    return [e.postings[0].units.number for e in entries]


def test_devon_every_row_imported_with_the_files_own_count_and_sum() -> None:
    with open(DEVON, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    expected_sum = sum((Decimal(r["Amount"]) for r in rows), Decimal(0))

    result = _importer().parse(str(DEVON))

    assert result.rejects == []
    assert len(result.rows) == len(rows) == 7436
    amounts = _expense_amounts(result.entries)
    assert sum(amounts) == expected_sum.quantize(Decimal("0.01"))
    assert all(a == a.quantize(Decimal("0.01")) for a in amounts)


def test_devon_float_artefacts_credit_notes_and_redactions() -> None:
    entries = _importer().parse(str(DEVON)).entries
    by_number = {e.meta.get("transaction-number"): e for e in entries}
    credit = [e for e in entries if e.postings[0].units.number < 0]
    assert len(credit) == 71 and all(e.meta["credit-note"] is True for e in credit)
    redacted = [e for e in entries if e.meta.get("redacted")]
    assert len(redacted) == 424
    assert len({e.payee for e in redacted}) == 424  # never merged
    for entry in redacted:
        assert entry.payee == f"Redacted payee {entry.meta['source-id']}"
        assert "REDACTED" not in entry.payee
        assert not {"supplier-id", "vat-number", "invoice-number"} & set(entry.meta)
    # 435.80000000000007 in the file
    assert any(e.postings[0].units.number == Decimal("435.80") for e in entries)
    assert by_number["ACHMH35000050"].payee == "ATLANTIC WAY CARE LIMITED"


def test_source_ids_are_stable_and_do_not_depend_on_the_path(tmp_path: Path) -> None:
    copy = tmp_path / "renamed.csv"
    copy.write_bytes(DEVON.read_bytes())
    first = [e.meta["source-id"] for e in _importer().parse(str(DEVON)).entries]
    second = [e.meta["source-id"] for e in _importer().parse(str(copy)).entries]
    assert first == second and len(set(first)) == len(first)


def test_lambeth_every_data_row_imported_or_rejected_with_its_line() -> None:
    lines = LAMBETH.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines, 1) if line.startswith("Body,"))
    data_lines = {i for i, line in enumerate(lines, 1)
                  if i > header and line.replace(",", "").replace("†", "").strip()}

    result = _importer().parse(str(LAMBETH))

    imported = {row.line for row in result.rows}
    rejected = {r.line for r in result.rejects}
    assert imported | rejected == data_lines
    assert not imported & rejected
    assert result.read == len(data_lines)
    assert all(r.reason for r in result.rejects)
    assert [r.reason for r in result.rejects] == ["a totals line, not a payment"]
    total = Decimal(lines[min(rejected) - 1].split(",")[4])
    assert sum(_expense_amounts(result.entries)) == total


def test_lambeth_run_together_fields_are_split() -> None:
    entries = {e.meta["lineno"]: e for e in _importer().parse(str(LAMBETH)).entries}
    guest_house = entries[19]  # ...,A A GuestHouses,25/06/2012900,PRIVATE RESIDENTIAL CARE
    assert str(guest_house.date) == "2012-06-25"
    assert guest_house.postings[0].units.number == Decimal("900.00")
    catch22 = entries[441]  # ...,Catch2212/06/2012,8755.20,...
    assert catch22.payee == "Catch22" and str(catch22.date) == "2012-06-12"
    academy = entries[1382]  # supplier, date and amount in one cell
    assert academy.payee == "Inter High Education/Academy21"
    assert academy.postings[0].units.number == Decimal("740.00")
    gas = [e for e in entries.values() if e.narration.startswith("GAS -")]
    assert all("†" not in e.narration for e in gas)


def _write(tmp_path: Path, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / "spend.csv"
    path.write_bytes(text.encode(encoding))
    return str(path)


HEADER = "Body,Date,Transaction Number,Amount,Supplier Name,Expense Type\n"


def test_ambiguous_or_impossible_rows_are_rejected_with_reasons(tmp_path: Path) -> None:
    path = _write(tmp_path, HEADER
                  + "Demo,01-JUN-2012,T1,12.345,Acme Ltd,Stationery\n"
                  + "Demo,25/06/2012,T2,10.00,Acme Ltd\n"
                  + "Demo,2020-05-01 00:00:00,T3,-5.5,Acme Ltd,Whatsits\n"
                  + "Demo,31/02/2020,T4,5,Acme Ltd,Stationery\n")
    result = _importer().parse(path)
    reasons = {r.line: r.reason for r in result.rejects}
    assert "not a whole number of pennies" in reasons[2]
    assert "row has 5 fields, the header has 6" in reasons[3]
    assert "not a real date" in reasons[5]
    [credit] = result.entries
    assert credit.postings[0].units.number == Decimal("-5.50")
    assert result.unmapped == {"Whatsits": 1}
    assert credit.postings[0].account == "Expenses:Suspense"


def test_windows_1252_reads_like_utf8(tmp_path: Path) -> None:
    text = HEADER + "Demo,01/06/2020,T1,600.00,Café £ Ltd,Stationery\n"
    utf8 = _importer().parse(_write(tmp_path, "\ufeff" + text)).entries
    cp1252 = _importer().parse(_write(tmp_path, text, "cp1252")).entries
    assert [e.payee for e in utf8] == [e.payee for e in cp1252] == ["Café £ Ltd"]
    assert utf8[0].meta["source-id"] == cp1252[0].meta["source-id"]


def test_identical_rows_stay_two_payments(tmp_path: Path) -> None:
    row = "Demo,01/06/2020,,600.00,Acme Ltd,Stationery\n"
    entries = _importer().parse(_write(tmp_path, HEADER + row + row)).entries
    assert len({e.meta["source-id"] for e in entries}) == 2


def test_mapping_file_overrides_the_default(tmp_path: Path) -> None:
    mapping = tmp_path / "map.csv"
    mapping.write_text("expense type,account\nstationery ,Expenses:Services:Office\n")
    importer = TransparencySpendImporter(ExpenseMapping.load(mapping))
    [entry] = importer.parse(_write(tmp_path, HEADER + "D,01/06/2020,T,9,A,Stationery\n")).entries
    assert entry.postings[0].account == "Expenses:Services:Office"


def test_payees_the_ledger_calls_redacted_are_imported_as_redacted(tmp_path: Path) -> None:
    """The importer and the published outputs share one rule: "Individual
    Recipient" (360Giving's name for a person), which the importer once let
    through under its own pattern, now arrives anonymous and marked."""
    header = "Date,Transaction Number,Invoice Number,Amount,Supplier Name,Expense Type\n"
    path = _write(tmp_path, header
                  + "01/06/2020,T1,INV-Jane-Quill,600.00,Individual Recipient,Care\n"
                  + "01/06/2020,T2,INV-9,700.00,Private individual recipient,Care\n"
                  + "01/06/2020,T3,INV-10,800.00,Acme Ltd,Care\n")
    first, second, acme = _importer().parse(path).entries
    for entry in (first, second):
        assert entry.meta["redacted"] is True
        assert entry.payee == f"Redacted payee {entry.meta['source-id']}"
        assert "invoice-number" not in entry.meta
    assert "redacted" not in acme.meta and acme.payee == "Acme Ltd"
