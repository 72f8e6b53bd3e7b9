"""The statement of funds on the community-org demo (a food bank's books),
checked against sums taken from its postings by hand: plain loops, and
beanquery for the Equity:Funds balances."""

from __future__ import annotations

import dataclasses
import datetime
import json
from decimal import Decimal
from pathlib import Path

import beanquery
import pytest
from beancount.core import data
from report_helpers import PRODUCED, pdf_text, squeeze

from ledger import fast_load
from ledger.demo.community_org import generate_community_org
from reports.command import write_reports
from reports.models.books import ReportBooks
from reports.pdf.formatting import money
from reports.registry import REPORTS
from rules.session import Session

ZERO = Decimal(0)


@pytest.fixture(scope="module")
def food_bank(tmp_path_factory) -> tuple[Session, str]:
    out = tmp_path_factory.mktemp("food-bank")
    generate_community_org(out)
    session = Session.load(str(out / "main.beancount"))
    books = ReportBooks.of(session, PRODUCED)
    [pdf] = write_reports(books, ["statement-of-funds"], tmp_path_factory.mktemp("sof"))
    return session, pdf_text(pdf)


def _transactions(session: Session) -> list[data.Transaction]:
    return [e for e in session.entries if isinstance(e, data.Transaction)]


def _fund_of(entry: data.Transaction, posting: data.Posting) -> str | None:
    if posting.meta and "fund" in posting.meta:
        return posting.meta["fund"]
    if "fund" in entry.meta:
        return entry.meta["fund"]
    return next((link[len("fund-"):] for link in entry.links if link.startswith("fund-")), None)


def _hand(session: Session) -> dict[str, dict[str, Decimal]]:
    """Received and spent per fund, from the GBP postings."""
    sums: dict[str, dict[str, Decimal]] = {}
    for entry in _transactions(session):
        for posting in entry.postings:
            fund = _fund_of(entry, posting)
            if fund is None or posting.units.currency != "GBP":
                continue
            row = sums.setdefault(fund, {"received": ZERO, "spent": ZERO})
            if posting.account.startswith("Income:"):
                row["received"] -= posting.units.number
            elif posting.account.startswith("Expenses:"):
                row["spent"] += posting.units.number
    return sums


def _equity(session: Session, account: str) -> Decimal:
    connection = beanquery.connect("beancount:", entries=session.entries,
                                   errors=session.errors, options=session.options)
    rows = connection.execute(
        f"SELECT sum(number) WHERE account = '{account}' AND currency = 'GBP'").fetchall()
    return rows[0][0] if rows and rows[0][0] is not None else ZERO


def test_fund_balances_are_the_postings_and_equity_brought_forward(food_bank) -> None:
    session, text = food_bank
    flat = squeeze(text)
    hand = _hand(session)
    declared = {e.values[0].value: e.meta["funder"] for e in session.entries
                if isinstance(e, data.Custom) and e.type == "cwl-fund"}
    # Money tagged to an undeclared fund is unrestricted, and a finding.
    unknown = {f.concerns for f in session.funds.findings if f.code == "funds.unknown-fund"}
    assert len(declared) == 2 and unknown and set(declared) == set(hand) - unknown
    for fund, funder in declared.items():
        brought = -_equity(session, f"Equity:Funds:Restricted:{fund}")
        balance = brought + hand[fund]["received"] - hand[fund]["spent"]
        assert hand[fund]["received"] and hand[fund]["spent"], fund
        row = [fund, funder, money(brought), money(hand[fund]["received"]),
               money(hand[fund]["spent"]), money(balance)]
        assert squeeze(" ".join(row)) in flat, row
        position = session.funds.funds[fund]
        assert position.balance == balance


def test_the_funds_together_are_the_net_assets(food_bank) -> None:
    """Every £ of the books is in one fund: the total is what the assets,
    stock at cost included, less the liabilities come to (hours excluded)."""
    session, text = food_bank
    net = ZERO
    for entry in _transactions(session):
        for posting in entry.postings:
            if not posting.account.startswith(("Assets:", "Liabilities:")):
                continue
            if posting.units.currency == "GBP":
                net += posting.units.number
            elif posting.cost is not None:
                net += posting.units.number * posting.cost.number
    assert net > 0
    assert squeeze(f"Total funds {money(net)}") in squeeze(text)


def test_contract_cost_coverage_and_volunteer_memo(food_bank) -> None:
    session, text = food_bank
    flat = squeeze(text)
    income = cost = hours = ZERO
    for entry in _transactions(session):
        for posting in entry.postings:
            if posting.account.startswith("Income:Contracts:CON-LDC-2020-14"):
                income -= posting.units.number
            if (posting.account.startswith("Expenses:")
                    and entry.meta.get("contract") == "CON-LDC-2020-14"):
                cost += posting.units.number
            if posting.units.currency == "HOURS" and posting.account.startswith("Income:"):
                hours -= posting.units.number
    assert cost > income > 0
    assert squeeze(f"CON-LDC-2020-14 {money(income)} {money(cost)} −{money(cost - income)} "
                   f"{money(cost - income)}") in flat
    rate = session.config.settings.volunteer_hour_value
    assert rate and hours
    assert squeeze(f"Volunteer hours {hours:,}") in flat
    assert squeeze(f"Their value (memo: not income) {money(hours * rate)}") in flat
    # Never counted as income: the unrestricted income is the GBP income
    # postings on no fund, hours apart.
    unrestricted = -sum((p.units.number for e in _transactions(session) for p in e.postings
                         if p.account.startswith("Income:") and p.units.currency == "GBP"
                         and _fund_of(e, p) is None), ZERO)
    assert session.funds.unrestricted.income == unrestricted


def test_site_cost_per_occupied_unit_night(food_bank) -> None:
    """Each month's site costs and redeployed staff time (hours x rate, a
    column of its own) over its declared occupancy, by hand."""
    session, text = food_bank
    flat = squeeze(text)
    nights: dict[str, int] = {}
    staff: dict[str, Decimal] = {}
    for entry in session.entries:
        if not isinstance(entry, data.Custom) or entry.values[0].value != "LUNE-HOUSE" \
                and entry.meta.get("site") != "LUNE-HOUSE":
            continue
        key = f"{entry.date:%b %Y}"
        if entry.type == "cwl-occupancy":
            nights[key] = nights.get(key, 0) + int(entry.meta["unit-nights"])
        elif entry.type == "cwl-redeployment":
            staff[key] = staff.get(key, ZERO) + Decimal(entry.meta["hours"]) * \
                entry.meta["rate"].number
    costs: dict[str, Decimal] = {}
    for entry in _transactions(session):
        if entry.meta.get("site") == "LUNE-HOUSE":
            key = f"{entry.date:%b %Y}"
            costs[key] = costs.get(key, ZERO) + sum(
                (p.units.number for p in entry.postings if p.account.startswith("Expenses:")),
                ZERO)
    assert len(nights) == 6 and set(nights) < set(costs) and set(staff) == set(nights)
    for month, count in nights.items():
        row = f"LUNE-HOUSE {month} 12 {count:,} {money(costs[month])} " \
              f"{money(staff[month])} {money((costs[month] + staff[month]) / count)}"
        assert squeeze(row) in flat, row
    total, total_nights = sum(costs.values(), ZERO), sum(nights.values())
    time = sum(staff.values(), ZERO)
    assert squeeze(f"LUNE-HOUSE in all 12 {total_nights:,} {money(total)} {money(time)} "
                   f"{money((total + time) / total_nights)}") in flat


def test_every_planted_fault_is_in_the_findings(food_bank) -> None:
    session, text = food_bank
    found = {(f.code, Path(f.meta["filename"]).name, f.meta["lineno"])
             for f in session.funds.findings + session.accommodation.findings}
    folder = Path(session.options["filename"]).parent
    planted = {(f["rule"], f["file"], f["line"])
               for f in json.loads((folder / "planted-faults.json").read_text())}
    assert found == planted
    flat = squeeze(text)
    for code, name, line in found:
        assert squeeze(f"{code} {name}:{line}") in flat


def test_the_model_is_the_same_from_both_loaders(food_bank, tmp_path) -> None:
    session, _ = food_bank
    main = Path(session.options["filename"])
    fast = Session(*fast_load.load_books_fast(main))
    produced = datetime.date(2021, 6, 1)
    report = REPORTS["statement-of-funds"]

    def fields(s: Session) -> dict[str, str]:
        model = report.build(ReportBooks.of(s, produced))
        return {f.name: repr(getattr(model, f.name)) for f in dataclasses.fields(model)}
    assert fields(fast) == fields(session)


def test_a_councils_books_have_no_funds(rendered) -> None:
    """The council demo: the report renders, and says it has nothing."""
    assert rendered.ledger.funds.findings == []
    assert not rendered.ledger.funds.active
    assert "The ledger declares no cwl-fund." in rendered.texts["statement-of-funds"]
