"""The supplier relief pack: per contract, relief paid, advances against the
cap, the open-book reconciliation, the excess owed and recovered, the exit,
and the relief findings; on the demo, and on small books worked out by hand.
Offered on the Fava relief section, and by ``cwl report``."""

from __future__ import annotations

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

from pypdf import PdfReader
from report_helpers import Rendered, pdf_text, squeeze
from review_ledgers import HEAD, write

from cli.main import main
from ledger.demo.relief import CONTRACTS
from ledger.redaction import PUBLIC_LABEL
from reports.fava.command import create_app
from reports.models import relief_pack
from reports.models.books import ReportBooks
from reports.models.findings import MARK
from reports.pdf.renderer import render_pdf
from reports.registry import REPORTS
from rules.session import Session

PRODUCED = datetime.date(2025, 1, 1)
START, END = datetime.date(2020, 4, 1), datetime.date(2021, 3, 31)
D = Decimal

# Two contracts. CON-A: value £100,000, cap 25% = £25,000; relief £30,000
# advance (over the cap by £5,000) + £10,000 + £10,000 interim = £50,000,
# £10,000 of it after 30 June 2020 under a transition plan; reconciled at
# £45,000, then again at £40,000 (the latest counts): excess £10,000, £4,000
# recovered, £6,000 still owed. CON-B, a sole trader's: £5,000 on account
# and £1,000 interim in July with no transition plan = £6,000, reconciled at
# £6,000: no excess.
BOOKS = HEAD + '''
2020-01-01 open Expenses:Contracts:Cleaning GBP

2019-01-01 custom "cwl-organisation" "GB-COH-07000001"
  name: "Bay Transport Ltd"
  postcode: "LA1 3CC"

2019-01-01 custom "cwl-organisation" "GB-IND-0009"
  name: "Pat Privateer"
  postcode: "LA2 9ZZ"
  individual: TRUE

2019-04-01 custom "cwl-contract" "CON-A"
  supplier: "GB-COH-07000001"
  title: "School transport"
  value: 100000.00 GBP
  start: 2019-04-01
  transition-plan: TRUE
  exit-date: 2020-09-30
  reconcile-by: 2021-01-31

2019-04-01 custom "cwl-contract" "CON-B"
  supplier: "GB-IND-0009"
  title: "Office cleaning by Pat Privateer"
  value: 20000.00 GBP
  start: 2019-04-01

2020-04-10 * "Bay Transport Ltd" "Relief: advance" ^contract-CON-A
  org-id: "GB-COH-07000001"
  contract: "CON-A"
  relief-type: "advance"
  Expenses:Contracts:Waste  30000.00 GBP
  Assets:Bank:Current

2020-05-01 * "Pat Privateer" "Relief: on account" ^contract-CON-B
  org-id: "GB-IND-0009"
  contract: "CON-B"
  relief-type: "on-account"
  Expenses:Contracts:Cleaning  5000.00 GBP
  Assets:Bank:Current

2020-05-10 * "Bay Transport Ltd" "Relief: interim May" ^contract-CON-A
  org-id: "GB-COH-07000001"
  contract: "CON-A"
  relief-type: "interim"
  Expenses:Contracts:Waste  10000.00 GBP
  Assets:Bank:Current

2020-07-15 * "Pat Privateer" "Relief: interim July" ^contract-CON-B
  org-id: "GB-IND-0009"
  contract: "CON-B"
  relief-type: "interim"
  Expenses:Contracts:Cleaning  1000.00 GBP
  Assets:Bank:Current

2020-08-10 * "Bay Transport Ltd" "Relief: interim August" ^contract-CON-A
  org-id: "GB-COH-07000001"
  contract: "CON-A"
  relief-type: "interim"
  Expenses:Contracts:Waste  10000.00 GBP
  Assets:Bank:Current

2020-10-15 custom "cwl-reconciliation" "CON-A"
  actual-cost: 45000.00 GBP

2020-11-01 custom "cwl-reconciliation" "CON-A"
  actual-cost: 40000.00 GBP

2020-12-01 custom "cwl-reconciliation" "CON-B"
  actual-cost: 6000.00 GBP

2020-12-01 * "Bay Transport Ltd" "Relief overpayment recovered" ^contract-CON-A
  org-id: "GB-COH-07000001"
  recovery: TRUE
  Assets:Bank:Current  4000.00 GBP
  Expenses:Contracts:Waste
'''
SECRETS = ("privateer", "gb-ind-0009", "la2 9zz")


def _line(text: str, start: str) -> int:
    """The ledger line that starts with ``start``."""
    return text[:text.index("\n" + start) + 1].count("\n") + 1


def _books(folder: Path, text: str = BOOKS) -> ReportBooks:
    return ReportBooks.of(Session.load(str(write(folder, text))), PRODUCED, START, END)


def _rows(table, key: str = "contract") -> dict:
    return {r[key]: r for r in table.rows}


def test_relief_pack_by_hand(tmp_path: Path) -> None:
    report = REPORTS["relief"].build(_books(tmp_path))
    assert [f.value for f in report.headline] == [
        2, D("56000"), D("56000"), D("10000"), D("4000"), D("6000")]

    contracts = _rows(report.contracts)
    a, b = contracts["CON-A"], contracts["CON-B"]
    assert (a["supplier"], a["title"], a["value"], a["types"]) == (
        "Bay Transport Ltd", "School transport", D("100000"), "advance, interim")
    assert (a["in_period"], a["paid"]) == (D("50000"), D("50000"))
    assert a["finding"] == f"{MARK} relief.advance-cap, relief.excess-owed"
    assert (b["supplier"], b["types"], b["paid"], b["finding"]) == (
        PUBLIC_LABEL, "interim, on-account", D("6000"), f"{MARK} relief.no-transition-plan")
    assert "privateer" not in b["title"].casefold()

    advances = _rows(report.advances)
    assert (advances["CON-A"]["cap"], advances["CON-A"]["advanced"],
            advances["CON-A"]["headroom"], advances["CON-A"]["status"]) == (
        D("25000"), D("30000"), D("-5000"), "over the cap")
    assert (advances["CON-B"]["cap"], advances["CON-B"]["status"]) == (D("5000"), "no advance")

    rec = _rows(report.reconciliation)
    assert {k: rec["CON-A"][k] for k in ("on", "cost", "paid", "excess", "recovered", "owed",
                                         "status")} == {
        "on": datetime.date(2020, 11, 1), "cost": D("40000"), "paid": D("50000"),
        "excess": D("10000"), "recovered": D("4000"), "owed": D("6000"),
        "status": "excess still owed"}
    assert (rec["CON-B"]["excess"], rec["CON-B"]["owed"], rec["CON-B"]["status"]) == (
        D("0"), D("0"), "settled")
    assert report.reconciliation.totals["owed"] == D("6000")

    declared = [(r["contract"], r["date"], r["cost"], r["excess"], r["superseded"], r["at"])
                for r in report.reconciliations.rows]
    assert declared == [
        ("CON-A", datetime.date(2020, 10, 15), D("45000"), None, datetime.date(2020, 11, 1),
         f"main.beancount:{_line(BOOKS, '2020-10-15 custom')}"),
        ("CON-A", datetime.date(2020, 11, 1), D("40000"), D("10000"), None,
         f"main.beancount:{_line(BOOKS, '2020-11-01 custom')}"),
        ("CON-B", datetime.date(2020, 12, 1), D("6000"), D("0"), None,
         f"main.beancount:{_line(BOOKS, '2020-12-01 custom')}")]
    assert [(r["contract"], r["amount"]) for r in report.recoveries.rows] == [
        ("CON-A", D("4000"))]

    exits = _rows(report.exits)
    assert (exits["CON-A"]["first"], exits["CON-A"]["last"]) == (
        datetime.date(2020, 4, 10), datetime.date(2020, 8, 10))
    assert (exits["CON-B"]["first"], exits["CON-B"]["last"]) == (
        datetime.date(2020, 5, 1), datetime.date(2020, 7, 15))
    assert (exits["CON-A"]["plan"], exits["CON-A"]["exit"], exits["CON-A"]["late"],
            exits["CON-A"]["past_exit"]) == ("Yes", datetime.date(2020, 9, 30), D("10000"), "No")
    assert (exits["CON-B"]["plan"], exits["CON-B"]["late"]) == ("No", D("1000"))

    assert [(r["code"], r["at"]) for r in report.findings.rows] == [
        ("relief.advance-cap", f"main.beancount:{_line(BOOKS, '2020-04-10 *')}"),
        ("relief.no-transition-plan", f"main.beancount:{_line(BOOKS, '2020-07-15 *')}"),
        ("relief.excess-owed", f"main.beancount:{_line(BOOKS, '2020-11-01 custom')}")]


def test_relief_pack_pdf_by_hand(tmp_path: Path) -> None:
    books = _books(tmp_path)
    text = pdf_text(render_pdf(REPORTS["relief"].build(books)))
    flat, words = squeeze(text), " ".join(text.split())
    assert "Supplier relief pack" in words
    for figure in ("Contracts with relief 2", "Relief paid to date £56,000.00",
                   "Excess owed £10,000.00", "Recovered £4,000.00", "Still owed £6,000.00"):
        assert squeeze(figure) in flat, figure
    assert squeeze("CON-A Bay Transport Ltd School transport £100,000.00") in flat
    assert squeeze(f"CON-B {PUBLIC_LABEL}") in flat
    assert squeeze("CON-A £100,000.00 £25,000.00 £30,000.00 −£5,000.00 over the cap") in flat
    assert squeeze("£40,000.00 £50,000.00 £10,000.00 £4,000.00 £6,000.00 excess still owed") \
        in flat
    assert squeeze("CON-A 10 Apr 2020 10 Aug 2020 Yes 30 Sep 2020 £10,000.00") in flat
    for where in (f"main.beancount:{_line(BOOKS, '2020-04-10 *')}",
                  f"main.beancount:{_line(BOOKS, '2020-07-15 *')}",
                  f"main.beancount:{_line(BOOKS, '2020-11-01 custom')}"):
        assert re.search(rf"{re.escape(where)}(?!\d)", words), where
    assert "Sign-off by the contract manager" in words
    assert all(label in words for label in ("Name", "Role", "Signature", "Date"))
    assert [s for s in SECRETS if squeeze(s) in flat.casefold()] == []


def test_advance_cap_is_the_rules_setting(tmp_path: Path) -> None:
    """The plugin's advance-cap-share (30%) is the pack's cap: £30,000 of
    advances on £100,000 is then within it, and no finding says otherwise."""
    text = BOOKS.replace('plugin "rules.all"', 'plugin "rules.all" "advance-cap-share=0.3"')
    report = relief_pack.build(_books(tmp_path, text))
    advance = _rows(report.advances)["CON-A"]
    assert (advance["cap"], advance["headroom"], advance["status"]) == (
        D("30000"), D("0"), "within the cap")
    assert "Cap (30% of value)" in [c.label for c in report.advances.columns]


def test_only_contracts_with_relief_in_the_period(tmp_path: Path) -> None:
    session = Session.load(str(write(tmp_path, BOOKS)))
    earlier = ReportBooks.of(session, PRODUCED, datetime.date(2019, 4, 1),
                             datetime.date(2020, 3, 31))
    assert relief_pack.build(earlier).contracts.rows == []
    july = ReportBooks.of(session, PRODUCED, datetime.date(2020, 7, 1),
                          datetime.date(2020, 7, 31))
    report = relief_pack.build(july)
    assert [r["contract"] for r in report.contracts.rows] == ["CON-B"]
    assert [f.value for f in report.headline][:3] == [1, D("6000"), D("1000")]


def test_relief_pack_on_the_demo(rendered: Rendered) -> None:
    """The demo's relief, from the plan it was written from (ledger.demo.relief)."""
    report = REPORTS["relief"].build(rendered.books)
    paid = {p.id: sum(D(a) for _, _, a in p.relief) for p in CONTRACTS if p.relief}
    paid["CON-0099"] = D(8000)  # relief on the undeclared contract
    excess = {p.id: max(paid[p.id] - p.actual_cost, 0) for p in CONTRACTS
              if p.relief and p.actual_cost is not None}
    recovered = sum(p.recovered for p in CONTRACTS)
    assert {r["contract"]: r["paid"] for r in report.contracts.rows} == paid
    assert [f.value for f in report.headline] == [
        len(paid), sum(paid.values()), sum(paid.values()), sum(excess.values()), recovered,
        sum(excess.values()) - recovered]
    assert _rows(report.advances)["CON-0004"]["status"] == "over the cap"
    assert _rows(report.reconciliation)["CON-0007"]["status"] == "not reconciled"
    text = rendered.texts["relief"]
    flat = squeeze(text)
    assert "Supplier relief pack" in text
    assert all(contract in text for contract in paid)
    assert squeeze(f"£{sum(paid.values()):,.2f}") in flat
    relief_codes = {f.code for f in rendered.ledger.relief.findings}
    assert relief_codes and all(code in text for code in relief_codes)


def test_cwl_report_writes_the_relief_pack_and_five_pdfs(tmp_path: Path, capsys) -> None:
    ledger = write(tmp_path, BOOKS)
    out = tmp_path / "out"
    assert main(["report", "relief", str(ledger), "--out", str(out),
                 "--produced", "2025-01-01"]) == 0
    assert [Path(p).name for p in capsys.readouterr().out.split()] == ["relief-pack.pdf"]
    assert "Supplier relief pack" in pdf_text(out / "relief-pack.pdf")
    assert main(["report", "all", str(ledger), "--out", str(out),
                 "--produced", "2025-01-01"]) == 0
    assert [Path(p).name for p in capsys.readouterr().out.split()] == [
        "social-value.pdf", "balance-sheet.pdf", "claim-pack.pdf", "grants-panel.pdf",
        "relief-pack.pdf", "funding-pots.pdf", "pledges.pdf"]


def test_fava_relief_section_offers_the_relief_pack(tmp_path: Path) -> None:
    client = create_app(write(tmp_path, BOOKS)).test_client()
    slug = client.get("/").headers["Location"].split("/")[1]
    page = client.get(f"/{slug}/extension/CommunityWealth/?section=relief")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Download the Supplier relief pack (PDF)" in html
    link = re.search(r'href="([^"]*/pdf\?report=relief[^"]*)"', html)
    assert link, "no relief pack link"
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "relief-pack.pdf" in response.headers["Content-Disposition"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "Supplier relief pack" in text and "CON-A" in text
    assert "privateer" not in text.casefold()
