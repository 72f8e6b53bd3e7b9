"""Expense types that land somewhere: the default mapping on a month it was
not built from, its words and codes, and an officer's --suggest-mapping /
--mapping round trip through ``cwl import``."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from beancount import loader
from beancount.core import data
from formats import csv_text
from importer_data import LAMBETH
from shared_data import SHARED_DATA

from cli.main import main
from importers import command
from importers.expense_mapping import (
    GROUPS,
    ExpenseMapping,
    read_rules,
    read_types,
    words,
)
from importers.results import InputError
from importers.transparency_spend import TransparencySpendImporter
from ledger import accounts

# Held back while the default mapping was built (from Devon's May and December
# 2020 files and Lambeth's June 2012 one): its expense types were never read.
HELD_BACK = SHARED_DATA / "spend" / "devon-county-council-2020-09.csv"
SUSPENSE_LIMIT = Decimal("0.10")

GROUP = {g: f"{accounts.SERVICES}:{g}" for g in accounts.SPEND_GROUPS}


def _suspense_share(entries: list, mapping: ExpenseMapping | None = None
                    ) -> tuple[Decimal, Decimal]:
    """Share of rows and of money (credit notes counted at their size) in
    Suspense; with ``mapping``, as that mapping would book each row's type."""
    rows, money, total = 0, Decimal(0), Decimal(0)
    for entry in entries:
        amount = entry.postings[0].units.number
        total += abs(amount)
        if mapping is None:
            held = entry.postings[0].account == accounts.SUSPENSE
        else:
            held = mapping.account(entry.meta.get("expense-type", "")) is None
        if held:
            rows += 1
            money += abs(amount)
    return Decimal(rows) / len(entries), money / total


def test_a_month_the_mapping_was_not_built_from_leaves_at_most_a_tenth_in_suspense() -> None:
    """Measured: 0.09% of rows and 0.02% of the money (27.4% and 31.0% with
    the exact types alone); 0.13% of either by the words alone, codes unread."""
    mapping = ExpenseMapping.load()
    entries = TransparencySpendImporter(mapping).parse(str(HELD_BACK)).entries
    assert len(entries) == 10239
    rows, money = _suspense_share(entries)
    assert money <= SUSPENSE_LIMIT and rows <= SUSPENSE_LIMIT, (rows, money)
    full = ExpenseMapping.load()
    words_only = ExpenseMapping(full._accounts, rules=[  # noqa: SLF001
        rule for rule in full.rules if rule.match == "words"])
    rows, money = _suspense_share(entries, words_only)
    assert money <= SUSPENSE_LIMIT and rows <= SUSPENSE_LIMIT, (rows, money)


# Expense types as councils write them (Birmingham, Leeds, Cornwall, Kent,
# Lambeth, Devon and others), none of them a line of expense_types.csv.
@pytest.mark.parametrize(("expense_type", "group"), [
    ("Agency Staff - Social Workers", "Employees"),
    ("Temporary Staff Costs", "Employees"),
    ("Pay - Supply Teachers/non contract hours", "Employees"),
    ("Electricity", "Premises"),
    ("NNDR - Business Rates", "Premises"),
    ("Repairs & Maintenance of Buildings", "Premises"),
    ("Premises Insurance", "Premises"),
    ("Car Allowances - Essential Users", "Transport"),
    ("Vehicle Fuel", "Transport"),
    ("Hire of Vehicles (Non TCS)", "Transport"),
    ("Printing & Stationery", "SuppliesAndServices"),
    ("ICT Software Licences", "SuppliesAndServices"),
    ("Consultancy Fees", "SuppliesAndServices"),
    ("Telephone Rental", "SuppliesAndServices"),
    ("Insurance Premiums", "SuppliesAndServices"),
    ("Payments to Other Local Authorities", "ThirdPartyPayments"),
    ("Independent Sector Home Care", "ThirdPartyPayments"),
    ("Residential Care - Independent Providers", "ThirdPartyPayments"),
    ("Contributions to Private Contractors (3r", "ThirdPartyPayments"),
    ("Foster Carer Payments", "ThirdPartyPayments"),
    ("Housing Benefit Payments", "TransferPayments"),
    ("Direct Payments - Older People", "TransferPayments"),
    ("Central Support Recharges", "SupportServices"),
    ("Capital Works - New Construction", "Capital"),
    ("Land Acquisition", "Capital"),
    ("Fees & Charges Income", "IncomeRefunds"),
    ("Refund of Overpaid Council Tax", "IncomeRefunds"),
])
def test_words_of_an_expense_type_find_its_group(expense_type: str, group: str) -> None:
    assert ExpenseMapping.load().account(expense_type) == GROUP[group]


@pytest.mark.parametrize(("expense_type", "code", "group"), [
    ("Tenant Right Valuation", "2402", "Premises"),  # no word known: the code decides
    ("Curriculum Support (Schools)", "4376", "SuppliesAndServices"),  # over "support"
    ("Scheme payments", "6401.0", "TransferPayments"),  # a spreadsheet's float code
    ("Cars or light vans up to 3500kg", "C630", "Capital"),
    ("ICT Hardware - Servers, PC's, Laptops", "C610", "Capital"),  # capital over "ICT"
    ("Fees", "9332", "IncomeRefunds"),  # an income code over "fees"
    ("Agency Staff", "4321", "Employees"),  # the words before a code's range
])
def test_the_expense_code_decides_what_the_words_do_not(expense_type: str, code: str,
                                                        group: str) -> None:
    assert ExpenseMapping.load().account(expense_type, code) == GROUP[group]


@pytest.mark.parametrize(("expense_type", "code"), [
    ("Expenditure Control Account", "EX22"), ("Scraps Interface Error Suspense", ""),
    ("Payments on ZERO codes", "12345"), ("", ""),
])
def test_what_neither_words_nor_code_know_stays_unmapped(expense_type: str, code: str) -> None:
    assert ExpenseMapping.load().account(expense_type, code) is None


def test_an_exact_line_goes_before_the_rules() -> None:
    mapping = ExpenseMapping.load()
    care = "Expenses:Services:AdultSocialCare"
    assert mapping.account("Care Spot - Private (3rd)", "5701") == care
    found = mapping.match("CARE SPOT -  private (3rd)")
    assert found and found.reason == "expense type (expense_types.csv line 6)"
    found = mapping.match("Agency Staff - Officers")
    assert found and found.reason.startswith("words 'agency staff' (expense_groups.csv line ")


def test_words_read_punctuation_plurals_and_prefixes() -> None:
    assert words("Grants & Cont to Vol, comm & soc ent") == (
        "grants", "and", "cont", "to", "vol", "comm", "and", "soc", "ent")
    mapping = ExpenseMapping.load()
    assert mapping.account("Private Contractor") == mapping.account("PRIVATE CONTRACTORS")
    found = mapping.match("Temporary Agencies Staff")
    assert found and found.reason.startswith("words 'agency staff'")  # agency, agencies
    found = mapping.match("Staff from an agency")  # a phrase keeps its order
    assert found and found.reason.startswith("words 'staff'")
    assert mapping.account("Consultants") == mapping.account("Consultancy") == GROUP[
        "SuppliesAndServices"]
    assert mapping.account("Taxation") is None  # "taxi*" is a prefix of words, not text


def test_the_shipped_rules_book_only_to_the_groups_and_use_every_group() -> None:
    rules = read_rules(GROUPS)
    assert {rule.account for rule in rules} == set(GROUP.values())
    assert {rule.match for rule in rules} == {"words", "code"}


@pytest.mark.parametrize(("line", "problem"), [
    ("x,words,rent,Expenses:Services:Premises", "priority 'x' is not a number"),
    ("10,regex,rent,Expenses:Services:Premises", "match 'regex' is not words or code"),
    ("10,words,*,Expenses:Services:Premises", "pattern '*' has no words"),
    ("10,words,rent,Income:Rents", "'Income:Rents' is not an Expenses account"),
    ("10,words,rent", "expected 'priority,match,pattern,account'"),
])
def test_a_bad_rule_is_an_error_at_its_line(tmp_path: Path, line: str, problem: str) -> None:
    rules = tmp_path / "rules.csv"
    rules.write_text(f"# rules\npriority,match,pattern,account\n{line}\n")
    with pytest.raises(InputError) as error:
        read_rules(rules)
    assert str(error.value).startswith(f"{rules}: line 3: {problem}")


# cwl import: --suggest-mapping, --mapping and the summary.

LEDGER = 'option "operating_currency" "GBP"\ninclude "imported.beancount"\n'


@pytest.fixture
def books(tmp_path: Path) -> Path:
    (tmp_path / "main.beancount").write_text(LEDGER)
    return tmp_path


def _import(books: Path, *files: Path, out: str = "imported.beancount",
            extra: tuple[str, ...] = ()) -> int:
    return main(["import", *map(str, files), "--ledger", str(books / "main.beancount"),
                 "--out", str(books / out), *extra])


def _spend(path: Path, rows: list[tuple[str, str]]) -> Path:
    """A spend file of (expense type, amount) rows, one supplier."""
    path.write_text(csv_text(
        [["Date", "Transaction Number", "Amount", "Supplier Name", "Expense Type"]]
        + [["01/06/2020", f"T{i}", amount, "Acme Ltd", expense_type]
           for i, (expense_type, amount) in enumerate(rows, 1)]))
    return path


def _suspense(ledger: Path) -> tuple[int, Decimal]:
    entries, errors, _ = loader.load_file(str(ledger))
    assert errors == []
    postings = [p for e in entries if isinstance(e, data.Transaction) for p in e.postings
                if p.account == accounts.SUSPENSE]
    return len(postings), sum((p.units.number for p in postings), Decimal(0))


def _suggestions(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_suggest_mapping_lists_every_unmapped_type_reconciling_to_suspense(
        books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    suggest = books / "suggest.csv"
    assert _import(books, LAMBETH, extra=("--suggest-mapping", str(suggest))) == 0
    rows = _suggestions(suggest)
    assert list(rows[0]) == ["expense type", "rows", "money", "account"]
    assert all(r["account"] == "" for r in rows)
    assert all(Decimal(r["money"]) == Decimal(r["money"]).quantize(Decimal("0.01"))
               and "." in r["money"] for r in rows)
    money = [abs(Decimal(r["money"])) for r in rows]
    assert money == sorted(money, reverse=True) and len(rows) == 10
    assert rows[0] == {"expense type": "STREET POPULATION OUTREACH", "rows": "9",
                       "money": "144928.28", "account": ""}
    count, total = _suspense(books / "main.beancount")
    assert sum(int(r["rows"]) for r in rows) == count
    assert sum(Decimal(r["money"]) for r in rows) == total
    assert f"wrote 10 unmapped expense types to {suggest}" in capsys.readouterr().out


def test_a_filled_suggestion_file_moves_its_rows_out_of_suspense(books: Path) -> None:
    spend = _spend(books / "spend.csv", [("Outreach work", "700.00"), ("-Cabling", "650.00"),
                                         ("Outreach work", "-100.00"), ("Whatsits", "90.00")])
    suggest = books / "suggest.csv"
    assert _import(books, spend, extra=("--suggest-mapping", str(suggest))) == 0
    assert _suspense(books / "main.beancount") == (4, Decimal("1340.00"))
    rows = _suggestions(suggest)
    assert [(r["expense type"], r["rows"], r["money"]) for r in rows] == [
        ("'-Cabling", "1", "650.00"), ("Outreach work", "2", "600.00"),
        ("Whatsits", "1", "90.00")]
    filled = {"'-Cabling": "Expenses:Services:Premises", "Outreach work":
              "Expenses:Services:ThirdPartyPayments"}
    with open(suggest, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows({**r, "account": filled.get(r["expense type"], "")} for r in rows)

    (books / "main.beancount").write_text(LEDGER.replace("imported", "fresh"))
    assert _import(books, spend, out="fresh.beancount", extra=("--mapping", str(suggest))) == 0
    assert _suspense(books / "main.beancount") == (1, Decimal("90.00"))
    entries, _, _ = loader.load_file(str(books / "main.beancount"))
    booked = sorted((e.narration, e.postings[0].account, e.postings[0].units.number)
                    for e in entries if isinstance(e, data.Transaction))
    assert booked == [("-Cabling", "Expenses:Services:Premises", Decimal("650.00")),
                      ("Outreach work", GROUP["ThirdPartyPayments"], Decimal("-100.00")),
                      ("Outreach work", GROUP["ThirdPartyPayments"], Decimal("700.00")),
                      ("Whatsits", accounts.SUSPENSE, Decimal("90.00"))]


@pytest.mark.parametrize(("content", "line", "problem"), [
    ("expense type,rows,money,account\nA,1,5.00,\nB,2,9.00,Expenses:services:office\n",
     3, "'Expenses:services:office' is not an Expenses account"),
    ("expense type,account\n# a note\nStationery,Income:Wrong\n",
     3, "'Income:Wrong' is not an Expenses account"),
    ("Stationery,Expenses:Services:Office\nOther\n", 2, "expected 'expense type,account'"),
    ("expense type,account\nStationery,Expenses:Services:Office\n"
     "STATIONERY,Expenses:Services:Printing\n",
     3, "'STATIONERY' is mapped to Expenses:Services:Office at line 2"),
    ("expense type,rows,money,account\n,1,5.00,Expenses:Services:Office\n",
     2, "an account but no expense type"),
])
def test_a_bad_mapping_line_is_an_error_at_its_line(
        books: Path, capsys: pytest.CaptureFixture[str], content: str, line: int,
        problem: str) -> None:
    mapping = books / "map.csv"
    mapping.write_text(content)
    spend = _spend(books / "spend.csv", [("Stationery", "10.00")])
    assert _import(books, spend, extra=("--mapping", str(mapping))) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"cwl import: {mapping}: line {line}: {problem}"), err
    assert err.count("\n") == 1
    assert not (books / "imported.beancount").exists()


def test_a_type_mapped_to_suspense_on_purpose_stays_there_and_listed(
        books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mapping = books / "map.csv"
    mapping.write_text("expense type,account\nAgency Staff,Expenses:Suspense\n")
    spend = _spend(books / "spend.csv", [("Agency Staff", "10.00")])
    assert _import(books, spend, extra=("--mapping", str(mapping))) == 0
    assert "    Agency Staff (1 row, £10.00)" in capsys.readouterr().out


def test_the_summary_names_the_ten_largest_unmapped_types(
        books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    types = [(f"Unlisted type {chr(65 + i)}", f"{(i + 1) * 100}.00") for i in range(14)]
    spend = _spend(books / "spend.csv", [*types, ("Unlisted type A", "-50.00")])
    assert _import(books, spend) == 0
    out = capsys.readouterr().out
    listed = [line.strip() for line in out.splitlines() if line.startswith("    Unlisted")]
    assert listed == [f"Unlisted type {chr(65 + i)} (1 row, £{(i + 1) * 100:,}.00)"
                      for i in range(13, 3, -1)]
    assert ("unmapped expense types, booked to Expenses:Suspense: 14 types, 15 rows, "
            "£10,450.00") in out
    assert ("    and 4 more types (5 rows, £950.00): list them all with "
            "--suggest-mapping FILE") in out


def test_json_gives_rows_and_money_per_unmapped_type(
        books: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spend = _spend(books / "spend.csv", [("Whatsits", "10.00"), ("Gizmos", "-30.00"),
                                         ("Whatsits", "5.50")])
    assert _import(books, spend, extra=("--json",)) == 0
    [summary] = json.loads(capsys.readouterr().out)["files"]
    assert summary["unmapped"] == {"Gizmos": 1, "Whatsits": 2}
    assert summary["unmapped_money"] == {"Gizmos": "-30.00", "Whatsits": "15.50"}


@pytest.mark.parametrize(("target", "why"), [
    ("ledger", "is the ledger given as --ledger; --suggest-mapping must be another file"),
    ("spend", "is the input file {spend}; --suggest-mapping must be another file"),
    ("out", "is also --out; --suggest-mapping must be another file"),
    ("mapping", "is also --mapping; --suggest-mapping must be another file"),
    ("included", "is {included}, which the ledger includes; "
                 "--suggest-mapping must be another file"),
    ("shipped", "is also the shipped mapping; --suggest-mapping must be another file"),
])
def test_suggest_mapping_never_names_the_books_or_an_input(
        books: Path, capsys: pytest.CaptureFixture[str], target: str, why: str) -> None:
    (books / "main.beancount").write_text(LEDGER + 'include "accounts.beancount"\n')
    (books / "accounts.beancount").write_text("2000-01-01 open Assets:Bank:Current\n")
    mapping = books / "map.csv"
    mapping.write_text("expense type,account\n")
    spend = _spend(books / "spend.csv", [("Whatsits", "10.00")])
    paths = {"ledger": books / "main.beancount", "spend": spend,
             "out": books / "imported.beancount", "mapping": mapping,
             "included": books / "accounts.beancount", "shipped": GROUPS}
    before = {p: p.read_bytes() for p in paths.values() if p.exists()}
    assert _import(books, spend, extra=("--mapping", str(mapping), "--suggest-mapping",
                                        str(paths[target]))) == 2
    message = why.format(spend=spend, included=books / "accounts.beancount")
    assert capsys.readouterr().err == f"cwl import: {paths[target]}: {message}\n"
    assert {p: p.read_bytes() for p in paths.values() if p.exists()} == before


def test_suggestions_are_written_whole_or_not_at_all(
        books: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
        ) -> None:
    suggest = books / "suggest.csv"
    suggest.write_text("expense type,rows,money,account\nOld,1,1.00,\n")
    spend = _spend(books / "spend.csv", [("Whatsits", "10.00")])

    def full_disk(path: str, text: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(command, "write_text", full_disk)  # the atomic writer
    assert _import(books, spend, extra=("--suggest-mapping", str(suggest))) == 2
    assert f"{suggest}: cannot write (No space left on device)" in capsys.readouterr().err
    assert suggest.read_text() == "expense type,rows,money,account\nOld,1,1.00,\n"


def test_the_shipped_exact_types_load_and_map_into_expenses() -> None:
    exact = read_types(GROUPS.with_name("expense_types.csv"))
    assert len(exact) > 40
    assert all(account.startswith("Expenses:") for account, _ in exact.values())
