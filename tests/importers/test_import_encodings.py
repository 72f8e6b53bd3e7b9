"""Text encodings: the same spend rows read alike in every encoding councils
publish, the cheap paths never wait for detection, and a file whose
encoding cannot be determined is refused with its name."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from importer_data import without_source

from cli.main import main
from importers import encodings, registry
from importers.bank_statement import BankStatementImporter
from importers.csv_table import SNIFF_BYTES, read_text
from importers.expense_mapping import ExpenseMapping
from importers.ledger_output import render
from importers.results import InputError
from importers.transparency_spend import TransparencySpendImporter

NBSP = "\u00a0"
ROWS = ("Body,Date,Transaction Number,Amount,Supplier Name,Expense Type\r\n"
        f'Demo,01/06/2020,T1,"£1,234.50",Café{NBSP}Crème Ltd,Stationery\r\n'
        "Demo,02/06/2020,T2,-12.00,Élan £ Services,Stationery\r\n"
        f"Demo,03/06/2020,T3,£7.25,Pâtisserie{NBSP}Lumière,Catering\r\n")
ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: text.encode("utf-8-sig"),
    "utf-16-le": lambda text: text.encode("utf-16-le"),  # byte order mark added below
    "utf-16-be": lambda text: text.encode("utf-16-be"),
    "cp1252": lambda text: text.encode("cp1252"),
}
BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}


def _spend() -> TransparencySpendImporter:
    return TransparencySpendImporter(ExpenseMapping.load())


def _file(tmp_path: Path, name: str, raw: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(raw)
    return str(path)


def _encoded(tmp_path: Path, encoding: str, text: str = ROWS) -> str:
    raw = BOMS.get(encoding, b"") + ENCODINGS[encoding](text)
    return _file(tmp_path, f"spend-{encoding}.csv", raw)


@pytest.mark.parametrize("encoding", list(ENCODINGS))
def test_the_same_rows_import_to_the_same_entries_in_every_encoding(
        tmp_path: Path, encoding: str) -> None:
    expected = _spend().parse(_encoded(tmp_path, "utf-8"))
    path = _encoded(tmp_path, encoding)

    assert isinstance(registry.identify(path, registry.importers(ExpenseMapping.load())),
                      TransparencySpendImporter)
    result = _spend().parse(path)

    assert result.rejects == expected.rejects == []
    assert render(without_source(result.entries)) == render(without_source(expected.entries))
    assert [e.payee for e in result.entries] == [
        "Café Crème Ltd", "Élan £ Services", "Pâtisserie Lumière"]
    assert [str(e.postings[0].units.number) for e in result.entries] == [
        "1234.50", "-12.00", "7.25"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_found_by_charset_normalizer(
        tmp_path: Path, encoding: str) -> None:
    expected = _spend().parse(_encoded(tmp_path, "utf-8")).entries
    path = _file(tmp_path, "no-bom.csv", ENCODINGS[encoding](ROWS))
    assert render(without_source(_spend().parse(path).entries)) == render(
        without_source(expected))


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-8-bom", "utf-16-le"])
def test_cheap_paths_never_call_the_detector(
        tmp_path: Path, encoding: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """UTF-8, Windows-1252 and a byte order mark are read without detection,
    so a large spend file does not wait for charset-normalizer."""
    def refuse(raw: bytes) -> str:
        raise AssertionError("charset-normalizer was called")

    monkeypatch.setattr(encodings, "detect", refuse)
    path = _encoded(tmp_path, encoding, ROWS + ROWS.split("\r\n", 1)[1] * 2000)
    assert len(_spend().parse(path).rows) == 6003


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-8", "cp1252"])
def test_a_file_longer_than_the_sniffed_start_is_identified(
        tmp_path: Path, encoding: str) -> None:
    """The identifying read stops after SNIFF_BYTES, perhaps inside a
    character: the start still decodes, and ends on a whole line."""
    body = ROWS.split("\r\n", 1)[1] * (SNIFF_BYTES // 40)
    path = _encoded(tmp_path, encoding, ROWS + body)
    start = read_text(path, SNIFF_BYTES)
    assert start.startswith("Body,Date") and start.endswith("\r")
    assert _spend().identify(path)


def test_random_bytes_are_refused_naming_the_file(tmp_path: Path) -> None:
    path = _file(tmp_path, "noise.csv", random.Random(16).randbytes(20_000))
    with pytest.raises(InputError) as refused:
        read_text(path)
    assert refused.value.path == path
    assert "not a text file" in refused.value.problem


def test_undecodable_text_is_refused_and_cwl_import_names_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bytes no encoding reads (a spreadsheet saved as .csv, say)."""
    (tmp_path / "main.beancount").write_text('option "operating_currency" "GBP"\n')
    path = _file(tmp_path, "book.csv", b"PK\x03\x04" + random.Random(4).randbytes(5000))
    status = main(["import", path, "--ledger", str(tmp_path / "main.beancount"),
                   "--out", str(tmp_path / "imported.beancount")])
    assert status == 2
    err = capsys.readouterr().err
    assert f"{path}: error: " in err and "not a text file" in err


def test_a_byte_order_mark_on_other_bytes_is_refused(tmp_path: Path) -> None:
    path = _file(tmp_path, "odd.csv", b"\xff\xfe" + "Date,Amount\n".encode("utf-16-le") + b"\x00")
    with pytest.raises(InputError, match="UTF-16 byte order mark but is not UTF-16 text"):
        read_text(path)


def test_bytes_undefined_in_windows_1252_go_to_detection(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """0x81 is not a Windows-1252 character: charset-normalizer decides, and
    when it finds nothing the file is refused, never guessed."""
    text = ROWS.encode("cp1252").replace(b"Lumi\xe8re", b"Lumi\x81re")
    path = _file(tmp_path, "latin.csv", text)
    monkeypatch.setattr(encodings, "detect", lambda raw: None)
    with pytest.raises(InputError, match="encoding cannot be determined"):
        read_text(path)
    monkeypatch.setattr(encodings, "detect", lambda raw: "latin-1")
    assert "Lumi\x81re" in read_text(path)


def test_a_utf16_bank_statement_reads_like_utf8(tmp_path: Path) -> None:
    statement = ("Date,Details,Paid Out,Paid In,Balance\r\n"
                 f"01/06/2020,Café{NBSP}hire,,50.00,150.00\r\n"
                 "02/06/2020,Printer ink £,25.00,,125.00\r\n")
    utf8 = _file(tmp_path, "bank-utf8.csv", statement.encode("utf-8"))
    utf16 = _file(tmp_path, "bank-utf16.csv", statement.encode("utf-16"))
    assert isinstance(registry.identify(utf16, registry.importers(ExpenseMapping.load())),
                      BankStatementImporter)
    entries = BankStatementImporter().parse(utf16).entries
    assert render(without_source(entries)) == render(
        without_source(BankStatementImporter().parse(utf8).entries))
    assert [e.narration for e in entries if hasattr(e, "narration")] == [
        "Café hire", "Printer ink £"]
