"""Fava's Import page with ``cwl import``'s importers: on a read-write
``cwl serve`` an officer uploads a file, Fava extracts what ``cwl import``
would book, and saves it; read-only, nothing can be uploaded."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from importers import fava_import
from reports.fava.command import create_app
from reports.fava.import_page import IMPORT_CONFIG

BOOKS = """option "title" "Parish Books"
option "operating_currency" "GBP"
2000-01-01 open Assets:Bank:Current
"""
SPEND = ("Body,Date,Transaction Number,Amount,Supplier Name,Expense Type\n"
         "Demo,01/06/2020,T1,12.50,Acme Ltd,Stationery\n"
         "Demo,02/06/2020,T2,abc,Acme Ltd,Stationery\n"
         "Demo,03/06/2020,T3,40.00,Brook Catering,Catering\n")
SLUG = "parish-books"


@pytest.fixture
def books(tmp_path: Path) -> Path:
    main = tmp_path / "main.beancount"
    main.write_text(BOOKS, encoding="utf-8")
    return main


def _client(books: Path, read_only: bool = False) -> FlaskClient:
    return create_app(books, read_only=read_only).test_client()


def _upload(client: FlaskClient, name: str, content: str | bytes) -> Any:
    raw = content.encode("utf-8") if isinstance(content, str) else content
    return client.put(f"/{SLUG}/api/upload_import_file",
                      data={"file": (io.BytesIO(raw), name)}, content_type="multipart/form-data")


def _imports(client: FlaskClient) -> dict[str, list[str]]:
    response = client.get(f"/{SLUG}/api/imports")
    assert response.status_code == 200
    return {f["basename"]: [i["importer_name"] for i in f["importers"]]
            for f in response.get_json()["data"]}


def _extract(client: FlaskClient, name: str, importer: str) -> list[dict[str, Any]]:
    [path] = [f["name"] for f in client.get(f"/{SLUG}/api/imports").get_json()["data"]
              if f["basename"] == name]
    response = client.get(f"/{SLUG}/api/extract",
                          query_string={"filename": path, "importer": importer})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["data"]


def test_an_uploaded_spend_csv_is_extracted_and_saved(books: Path) -> None:
    client = _client(books)
    assert client.get(f"/{SLUG}/import/").status_code == 200
    response = _upload(client, "spend-2020-06.csv", SPEND)
    assert response.status_code == 200, response.get_json()
    assert (books.parent / "imports" / "spend-2020-06.csv").read_text() == SPEND
    assert _imports(client) == {"spend-2020-06.csv": ["cwl: transparency spend CSV"]}

    entries = _extract(client, "spend-2020-06.csv", "cwl: transparency spend CSV")

    payments = [e for e in entries if e["t"] == "Transaction"]
    assert [(e["payee"], e["postings"][0]["amount"]) for e in payments] == [
        ("Acme Ltd", "12.50 GBP"), ("Brook Catering", "40.00 GBP")]
    assert all(not e["meta"].get("__duplicate__") for e in payments)
    assert payments[0]["meta"]["source-id"].startswith("spend-T1-")
    notes = [(e["meta"]["lineno"], e["comment"], e["meta"]["__duplicate__"])
             for e in entries if e["t"] == "Note"]
    assert (3, "line 3 rejected: amount 'abc' is not a number", True) in notes
    # The books open only the bank account: a note (first) for each other one.
    expense_accounts = sorted({p["account"] for e in payments for p in e["postings"]}
                              - {"Assets:Bank:Current"})
    assert notes[:len(expense_accounts)] == [
        (0, f"account {account} is not opened in the books: open it before saving these "
            "entries", True) for account in expense_accounts]

    # The officer opens them, and saves as the page saves: every entry not
    # marked to be left out.
    with books.open("a", encoding="utf-8") as out:
        out.writelines(f"2000-01-01 open {account}\n" for account in expense_accounts)
    kept = [e for e in entries if not e["meta"].get("__duplicate__")]
    response = client.put(f"/{SLUG}/api/add_entries", json={"entries": kept})
    assert response.status_code == 200, response.get_json()
    assert 'source-id: "spend-T1-' in books.read_text(encoding="utf-8")
    assert client.get(f"/{SLUG}/api/errors").get_json()["data"] == []

    # Extracted again, the saved payments are duplicates by source-id.
    again = _extract(client, "spend-2020-06.csv", "cwl: transparency spend CSV")
    assert all(e["meta"].get("__duplicate__") for e in again)


def test_a_bank_statement_opening_balance_is_a_transaction_fava_can_save(books: Path) -> None:
    client = _client(books)
    statement = ("Date,Description,Amount,Balance\n"
                 "01/06/2020,Room hire,50.00,150.00\n"
                 "02/06/2020,Fees,-10.00,140.00\n")
    assert _upload(client, "bank.csv", statement).status_code == 200
    assert _imports(client) == {"bank.csv": ["cwl: bank statement CSV"]}
    entries = _extract(client, "bank.csv", "cwl: bank statement CSV")
    assert {e["t"] for e in entries} <= {"Transaction", "Balance", "Note"}
    [opening] = [e for e in entries if e.get("narration") == "Opening balance"]
    assert [(p["account"], p["amount"]) for p in opening["postings"]] == [
        ("Assets:Bank:Current", "100.00 GBP"), ("Equity:Opening-Balances", "-100.00 GBP")]
    assert [e["amount"]["number"] for e in entries if e["t"] == "Balance"] == [
        "100.00", "150.00", "140.00"]


def test_files_cwl_import_reads_otherwise_are_steered_as_it_steers_them(books: Path) -> None:
    """A 360Giving CSV is never taken for spend; grants and contracts
    declare organisations, which the Import page cannot save."""
    client = _client(books)
    grants = ("Identifier,Title,Currency,Amount Awarded,Award Date,Recipient Org:Identifier,"
              "Recipient Org:Name,Funding Org:Identifier,Funding Org:Name,Date,Amount,"
              "Supplier Name\n360G-x-1,Roof,GBP,10.00,2020-06-01,GB-CHC-1,Hall,F,F,"
              "2020-06-01,10.00,Hall\n")
    assert _upload(client, "grants.csv", grants).status_code == 200
    assert _upload(client, "noise.csv", b"\x00\x01\x02" * 100).status_code == 200
    assert _imports(client) == {"grants.csv": [], "noise.csv": []}


def test_a_read_only_app_refuses_uploads_and_offers_no_importers(books: Path) -> None:
    client = _client(books, read_only=True)
    response = _upload(client, "spend.csv", SPEND)
    assert response.status_code == 401
    assert not (books.parent / "imports").exists()
    ledger = client.application.config["LEDGERS"][SLUG]
    assert ledger.fava_options.import_config is None
    assert ledger.extensions.get_extension("ImportPage") is None


def test_a_ledgers_own_import_options_are_kept(books: Path) -> None:
    own = books.parent / "my_import.py"
    own.write_text("CONFIG = []\n", encoding="utf-8")
    books.write_text(BOOKS + '2000-01-01 custom "fava-option" "import-config" "my_import.py"\n'
                     '2000-01-01 custom "fava-option" "import-dirs" "inbox"\n')
    ledger = _client(books).application.config["LEDGERS"][SLUG]
    assert ledger.fava_options.import_config == "my_import.py"
    assert list(ledger.fava_options.import_dirs) == ["inbox"]


def test_the_options_survive_fava_reloading_the_books(books: Path) -> None:
    client = _client(books)
    ledger = client.application.config["LEDGERS"][SLUG]
    assert ledger.fava_options.import_config == str(IMPORT_CONFIG)
    ledger.load_file()  # as after a save or an edit of the file
    assert ledger.fava_options.import_config == str(IMPORT_CONFIG)
    assert list(ledger.fava_options.import_dirs) == ["imports"]
    assert ledger.ingest.loaded_config is not None
    assert list(ledger.ingest.loaded_config.importers) == [
        "cwl: transparency spend CSV", "cwl: bank statement CSV"]
    assert IMPORT_CONFIG == Path(fava_import.__file__)
