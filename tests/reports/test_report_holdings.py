"""The community balance sheet's stocks: what each group owes or holds on
the period's last day, worked by hand; and the year-earlier column filled
from the books whenever they hold anything in that year."""

from __future__ import annotations

import datetime
from decimal import Decimal

from review_ledgers import write

from reports.models import balance_sheet
from reports.models.books import ReportBooks
from rules.session import Session

BOOKS = '''option "title" "Holdings Council"
option "operating_currency" "GBP"

2019-01-01 custom "cwl-settings" "GB-LAE-HLD"
  name: "Holdings Council"
2019-01-01 custom "cwl-area" "Holdton"
  own: "HL1"
  region: "HL9"
2019-01-01 custom "cwl-organisation" "GB-COH-00000001"
  name: "Local Bakery Ltd"
  postcode: "HL1 1AA"
2019-01-01 custom "cwl-organisation" "GB-COH-00000002"
  name: "Far Coaches Ltd"
  postcode: "ZZ1 1ZZ"
2020-04-01 custom "cwl-scheme" "SBGF"
  title: "Small Business Grant Fund"
  opens: 2020-04-01
  closes: 2021-03-31
  amounts: "10000"
2019-04-01 custom "cwl-contract" "CON-1"
  supplier: "GB-COH-00000002"
  title: "Home to school transport"
  value: 480000.00 GBP
  start: 2019-04-01
2020-04-01 custom "cwl-claim-period" "EXP-Q1"
  scheme: "expenditure"
  start: 2020-04-01
  end: 2020-06-30

2019-01-01 open Assets:Bank:Current GBP
2019-01-01 open Assets:Receivable:Claims GBP
2019-01-01 open Liabilities:GrantsPayable:SBGF GBP
2019-01-01 open Liabilities:RingFenced:ICF GBP
2019-01-01 open Expenses:Grants:SBGF GBP
2019-01-01 open Expenses:Contracts:HomeToSchool GBP
2019-01-01 open Expenses:Covid:AdultSocialCare GBP
2019-01-01 open Income:Government:Covid:Reimbursement GBP
2019-01-01 open Income:Government:Covid:Tranche GBP
2019-01-01 open Equity:Opening-Balances GBP

2019-06-01 * "Holdings Council" "Opening cash"
  Assets:Bank:Current  1000000.00 GBP
  Equity:Opening-Balances

2020-03-27 * "MHCLG" "COVID-19 emergency funding tranche 1"
  tranche: 1
  Assets:Bank:Current  50000.00 GBP
  Income:Government:Covid:Tranche

2020-04-14 * "Local Bakery Ltd" "SBGF award" ^award-SBGF-1
  scheme: "SBGF"
  org-id: "GB-COH-00000001"
  property-ref: "P-1"
  Expenses:Grants:SBGF  10000.00 GBP
  Liabilities:GrantsPayable:SBGF

2021-03-30 * "Local Bakery Ltd" "SBGF award, second property" ^award-SBGF-2
  scheme: "SBGF"
  org-id: "GB-COH-00000001"
  property-ref: "P-2"
  Expenses:Grants:SBGF  10000.00 GBP
  Liabilities:GrantsPayable:SBGF

2020-04-16 * "Local Bakery Ltd" "SBGF payment, keyed twice" ^award-SBGF-1
  Liabilities:GrantsPayable:SBGF  12000.00 GBP
  Assets:Bank:Current

2020-05-01 * "Local Bakery Ltd" "SBGF overpayment, part recovered" ^award-SBGF-1
  recovery: TRUE
  Assets:Bank:Current  500.00 GBP
  Expenses:Grants:SBGF

2020-04-20 * "Far Coaches Ltd" "Relief: interim payment" ^contract-CON-1
  contract: "CON-1"
  relief-type: "interim"
  Expenses:Contracts:HomeToSchool  30000.00 GBP
  Assets:Bank:Current

2020-12-15 custom "cwl-reconciliation" "CON-1"
  actual-cost: 20000.00 GBP

2021-01-10 * "Far Coaches Ltd" "Relief overpayment recovered" ^contract-CON-1
  contract: "CON-1"
  recovery: TRUE
  Assets:Bank:Current  4000.00 GBP
  Expenses:Contracts:HomeToSchool

2020-05-01 * "DHSC" "Infection Control Fund"
  Assets:Bank:Current  100000.00 GBP
  Liabilities:RingFenced:ICF

2020-06-01 * "Care Home Ltd" "Infection control"
  fund: "ICF"
  Expenses:Covid:AdultSocialCare  40000.00 GBP
  Assets:Bank:Current

2020-06-01 * "Holdings Council" "ICF spent"
  Liabilities:RingFenced:ICF  40000.00 GBP
  Expenses:Covid:AdultSocialCare

2020-07-31 * "MHCLG" "Expenditure claim" ^claim-EXP-Q1
  Assets:Receivable:Claims  50000.00 GBP
  Income:Government:Covid:Reimbursement

2020-09-30 * "MHCLG" "Expenditure claim, part paid" ^claim-EXP-Q1
  Assets:Bank:Current  20000.00 GBP
  Assets:Receivable:Claims
'''


def _report(tmp_path) -> balance_sheet.BalanceSheetReport:
    session = Session.load(write(tmp_path, BOOKS))
    books = ReportBooks.of(session, datetime.date(2021, 4, 30),
                           datetime.date(2020, 4, 1), datetime.date(2021, 3, 31))
    return balance_sheet.build(books)


def test_what_each_group_owes_or_holds_at_the_end(tmp_path):
    report = _report(tmp_path)
    held = {(r["group"], r["holding"]): r["amount"] for r in report.holdings.rows}
    assert held == {
        # Paid 12,000 on a 10,000 award, 500 recovered.
        (balance_sheet.BUSINESSES, "Grants overpaid, to recover"): Decimal("1500.00"),
        # Paid 30,000, actual cost 20,000, 4,000 recovered.
        (balance_sheet.OUTSIDE, "Relief overpaid, owed back"): Decimal("6000.00"),
        # Claimed 50,000, received 20,000.
        (balance_sheet.GOVERNMENT, "Reimbursement claims not yet paid"): Decimal("30000.00"),
        # SBGF-1 paid in full (its overpayment is above); SBGF-2 not paid yet.
        (balance_sheet.COUNCIL, "Grants awarded, not yet paid"): Decimal("10000.00"),
        # 100,000 received, 40,000 spent.
        (balance_sheet.COUNCIL, "Ring-fenced funds unspent"): Decimal("60000.00"),
    }


def test_a_year_earlier_is_read_from_the_books_whenever_they_hold_any(tmp_path):
    report = _report(tmp_path)
    assert report.prior_covered
    # The books start on 1 June 2019, part way through FY2019/20: said so.
    assert "start on 1 June 2019" in report.prior_note
    government = next(t for t in report.groups if t.title == balance_sheet.GOVERNMENT)
    tranche = next(r for r in government.rows if r["flow"] == "Emergency funding tranches")
    assert (tranche["amount"], tranche["prior"]) == (Decimal(0), Decimal("50000.00"))
    # On 31 March 2020 nothing was yet owed or held.
    assert {r["prior"] for r in report.holdings.rows} == {Decimal(0)}
