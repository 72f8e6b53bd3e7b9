"""A community organisation pre-fills its grant income from the council's
360Giving export: ``cwl import`` on the food bank demo's books, end to end."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data

from cli.main import main
from importers.org_grant_entries import books_org
from ledger.demo.community_org import COUNCIL, ORG_ID, generate_community_org

NEW_FUNDER = ("GB-CHC-1000999", "Morecambe Bay Community Foundation")


def _grant(ident: str, amount: str, date: str, recipient: dict, funder: tuple[str, str],
           **more: object) -> dict:
    return {"id": ident, "title": f"Grant {ident}", "currency": "GBP",
            "amountAwarded": amount, "awardDate": date,
            "fundingOrganization": [{"id": funder[0], "name": funder[1]}], **more,
            **recipient}


ME = {"recipientOrganization": [{"id": ORG_ID, "name": "Lunesdale Food Bank"}]}
GRANTS = [
    _grant("360G-ldc-1", "5000", "2021-02-01", ME, COUNCIL, disbursementTransaction=[
        {"value": "3000", "transactionDate": "2021-02-10"},
        {"value": "2000", "transactionDate": "2021-03-10"},
        {"value": "-250", "transactionDate": "2021-03-30"}]),
    _grant("360G-ldc-2", "1200", "2021-03-01",
           {"recipientOrganization": [{"id": "GB-CHC-2", "name": "Carnforth Hall Trust"}]},
           COUNCIL),
    _grant("360G-ldc-3", "300", "2021-03-01",
           {"recipientIndividual": [{"id": "360G-ldc-IND-9", "name": "A Person"}]}, COUNCIL),
    _grant("360G-mbcf-1", "800", "2021-03-05", ME, NEW_FUNDER),
]


@pytest.fixture
def books(tmp_path: Path) -> Path:
    generate_community_org(tmp_path / "books")
    main_file = tmp_path / "books" / "main.beancount"
    main_file.write_text(main_file.read_text() + 'include "imported.beancount"\n')
    (tmp_path / "grants.json").write_text(json.dumps({"grants": GRANTS}, indent=1))
    return tmp_path


def _import(books: Path) -> dict:
    assert main(["import", str(books / "grants.json"), "--ledger",
                 str(books / "books" / "main.beancount"), "--out",
                 str(books / "books" / "imported.beancount"), "--rejects",
                 str(books / "rejects.csv"), "--json"]) == 0
    return books


def _report(capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(capsys.readouterr().out)["files"][0]


def test_own_grants_become_income_and_receivables_others_are_rejected(
        books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _import(books)
    report = _report(capsys)
    assert (report["read"], report["rejected"]) == (4, 2)
    rejects = (books / "rejects.csv").read_text()
    assert "awarded to Carnforth Hall Trust (GB-CHC-2), not to this organisation " \
           f"({ORG_ID})" in rejects
    assert f"awarded to an individual, not to this organisation ({ORG_ID})" in rejects
    assert "A Person" not in (books / "books" / "imported.beancount").read_text()

    entries, errors, _ = loader.load_file(str(books / "books" / "main.beancount"))
    planted = json.loads((books / "books" / "planted-faults.json").read_text())
    assert len(errors) == len(planted)  # the import adds no finding
    imported = [e for e in entries if isinstance(e, data.Transaction)
                and e.meta["filename"].endswith("imported.beancount")]

    def total(account: str) -> Decimal:
        return sum((p.units.number for e in imported for p in e.postings
                    if p.account == account), Decimal(0))

    # The council's grant goes to the account the books already use for it.
    assert total("Income:Grants:LunesdaleDC") == Decimal(-4750)
    assert total("Assets:Receivable:Grants:LunesdaleDC") == Decimal(0)
    assert total("Assets:Bank:Current") == Decimal(4750)
    # A new funder: declared, its name as the account, still owed.
    assert total("Income:Grants:MorecambeBayCommunityFoundation") == Decimal(-800)
    assert total("Assets:Receivable:Grants:MorecambeBayCommunityFoundation") == Decimal(800)
    declared = [e for e in entries if isinstance(e, data.Custom)
                and e.type == "cwl-organisation" and e.values[0].value == NEW_FUNDER[0]]
    assert len(declared) == 1 and declared[0].meta["name"] == NEW_FUNDER[1]
    assert {e.meta["org-id"] for e in imported} == {COUNCIL[0], NEW_FUNDER[0]}
    assert all(e.links == {f"award-{e.meta['source-id'].split('#')[0]}"} for e in imported)


def test_reimporting_adds_nothing(books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _import(books)
    capsys.readouterr()
    text = (books / "books" / "imported.beancount").read_text()
    _import(books)
    report = _report(capsys)
    assert report["imported"] == 0 and report["duplicates"] == 2
    assert (books / "books" / "imported.beancount").read_text() == text


def test_a_councils_books_still_book_awards_as_expenses(tmp_path: Path) -> None:
    ledger = tmp_path / "main.beancount"
    ledger.write_text('option "operating_currency" "GBP"\ninclude "imported.beancount"\n')
    (tmp_path / "grants.json").write_text(json.dumps({"grants": GRANTS[1:2]}))
    assert main(["import", str(tmp_path / "grants.json"), "--ledger", str(ledger),
                 "--out", str(tmp_path / "imported.beancount"),
                 "--rejects", str(tmp_path / "rejects.csv")]) == 0
    assert books_org(loader.load_file(str(ledger))[0]) is None
    assert re.search(r"Expenses:Grants:VCSE +1200\.00 GBP",
                     (tmp_path / "imported.beancount").read_text())
