"""The funds rule on a community organisation's books: restricted money in
and out of each fund, spent on its purpose, returned when unspent, the cost
of a contract against its income, and volunteer time never as £."""

from __future__ import annotations

import unittest
from decimal import Decimal

from beancount import loader
from helpers import analyse, code_lines, codes, lineno

from rules import funds

BOOKS = """
plugin "beancount.plugins.auto_accounts"
plugin "rules.funds"
2020-01-01 custom "cwl-settings" "GB-CHC-1000001"
  kind: "community-org"
  volunteer-hour-value: 10.50 GBP
2020-04-01 custom "cwl-fund" "COUNCIL-FOOD"
  funder: "Lunesdale District Council"
  purpose-accounts: "Expenses:Programme:FoodParcels Expenses:Programme:Delivery"
  end: 2021-03-31
  returnable: TRUE
"""


class FundsTest(unittest.TestCase):

    @loader.load_doc()
    def test_fund_money_in_and_out_and_the_unrestricted_rest(self, entries, errors, options):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.funds"
        2020-01-01 custom "cwl-settings" "GB-CHC-1000001"
          kind: "community-org"
          volunteer-hour-value: 10.50 GBP
        2020-04-01 custom "cwl-fund" "COUNCIL-FOOD"
          funder: "Lunesdale District Council"
          purpose-accounts: "Expenses:Programme:FoodParcels Expenses:Programme:Delivery"
          end: 2021-03-31
          returnable: TRUE
        2020-03-31 * "Opening balances"
          Assets:Bank:Current             3000.00 GBP
          Equity:Funds:Restricted:COUNCIL-FOOD  -1000.00 GBP
          Equity:Funds:Unrestricted
        2020-04-02 * "Lunesdale District Council" "Food grant" ^fund-COUNCIL-FOOD
          Income:Grants:Lunesdale        -5000.00 GBP
          Assets:Bank:Current
        2020-05-02 * "Wholesale" "Food for parcels"
          fund: "COUNCIL-FOOD"
          Expenses:Programme:FoodParcels  2500.00 GBP
          Expenses:Programme:Delivery      400.00 GBP
          Assets:Bank:Current
        2020-05-03 * "Bakery" "Bread"
          Expenses:Programme:Cafe           80.00 GBP
          Assets:Bank:Current
        2020-05-04 * "Public" "Donations"
          Income:Donations                -250.00 GBP
          Assets:Bank:Current
        2020-05-05 * "Volunteers" "May's volunteer time"
          Assets:Volunteering              120 HOURS
          Income:Volunteering             -120 HOURS
        2021-03-31 * "Wholesale" "Food for parcels"
          fund: "COUNCIL-FOOD"
          Expenses:Programme:FoodParcels  3100.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(errors, [])
        analysis = analyse(funds, entries, options)
        fund = analysis.funds["COUNCIL-FOOD"]
        self.assertEqual((fund.brought_forward, fund.received, fund.spent),
                         (Decimal(1000), Decimal(5000), Decimal(6000)))
        self.assertEqual(fund.balance, Decimal(0))
        rest = analysis.unrestricted
        self.assertEqual((rest.brought_forward, rest.income, rest.spent),
                         (Decimal(2000), Decimal(250), Decimal(80)))
        self.assertEqual(analysis.volunteer_hours, Decimal(120))
        self.assertEqual(analysis.volunteer_value, Decimal("1260.00"))

    @loader.load_doc(expect_errors=True)
    def test_overspent_at_the_spending_that_took_it_over(self, entries, errors, options):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.funds"
        2020-04-01 custom "cwl-fund" "LOTTERY"
          funder: "National Lottery Community Fund"
          purpose-accounts: "Expenses:Programme:Advice"
          end: 2022-03-31
        2020-04-02 * "Lottery" "Grant" ^fund-LOTTERY
          Income:Grants:Lottery          -1000.00 GBP
          Assets:Bank:Current
        2020-05-02 * "Adviser" "Advice sessions" ^fund-LOTTERY
          Expenses:Programme:Advice        800.00 GBP
          Assets:Bank:Current
        2020-06-02 * "Adviser" "More advice sessions" ^fund-LOTTERY
          Expenses:Programme:Advice        300.00 GBP
          Assets:Bank:Current
        2020-07-02 * "Adviser" "Yet more" ^fund-LOTTERY
          Expenses:Programme:Advice        100.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(code_lines(errors), [
            ("funds.restricted-overspent",
             lineno(self.test_overspent_at_the_spending_that_took_it_over, "More advice"))])
        self.assertIn("spent £1,200.00", errors[0].message)
        self.assertIn("had £1,000.00", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_fund_money_outside_its_purpose(self, entries, errors, options):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.funds"
        2020-04-01 custom "cwl-fund" "LOTTERY"
          funder: "National Lottery Community Fund"
          purpose-accounts: "Expenses:Programme:Advice"
          end: 2022-03-31
        2020-04-02 * "Lottery" "Grant" ^fund-LOTTERY
          Income:Grants:Lottery          -1000.00 GBP
          Assets:Bank:Current
        2020-05-02 * "Landlord" "Rent"
          Expenses:Programme:Advice        100.00 GBP
            fund: "LOTTERY"
          Expenses:Premises:Rent           200.00 GBP
            fund: "LOTTERY"
          Assets:Bank:Current
        2020-05-03 * "Landlord" "Rent, unrestricted"
          Expenses:Premises:Rent           200.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(code_lines(errors), [
            ("funds.wrong-purpose", lineno(self.test_fund_money_outside_its_purpose,
                                           '"Rent"'))])
        self.assertIn("Expenses:Premises:Rent", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_returnable_money_left_after_the_end(self, entries, errors, options):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.funds"
        2020-04-01 custom "cwl-fund" "COUNCIL"
          funder: "Lunesdale District Council"
          purpose-accounts: "Expenses:Programme:FoodParcels"
          end: 2020-09-30
          returnable: TRUE
        2020-04-01 custom "cwl-fund" "KEEP"
          funder: "A trust"
          purpose-accounts: "Expenses:Programme:FoodParcels"
          end: 2020-09-30
        2020-04-02 * "Council" "Grant" ^fund-COUNCIL ^fund-KEEP
          Income:Grants:Council           -500.00 GBP
            fund: "COUNCIL"
          Income:Grants:Trust             -500.00 GBP
            fund: "KEEP"
          Assets:Bank:Current
        2020-09-02 * "Wholesale" "Food" ^fund-COUNCIL
          Expenses:Programme:FoodParcels   300.00 GBP
          Assets:Bank:Current
        2020-10-02 * "Wholesale" "Food, unrestricted"
          Expenses:Programme:FoodParcels    10.00 GBP
          Assets:Bank:Current
        """
        self.assertEqual(code_lines(errors), [
            ("funds.unspent-at-end", lineno(self.test_returnable_money_left_after_the_end,
                                            '"cwl-fund" "COUNCIL"'))])
        self.assertIn("£200.00 unspent", errors[0].message)

    @loader.load_doc(expect_errors=True)
    def test_volunteering_booked_as_pounds(self, entries, errors, options):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.funds"
        2020-01-01 custom "cwl-settings" "GB-CHC-1000001"
          kind: "community-org"
        2020-05-05 * "Volunteers" "Time as income"
          Expenses:Programme:FoodParcels   500.00 GBP
          Income:InKind:Volunteering      -500.00 GBP
        2020-05-06 * "Volunteers" "Time as a cost"
          Expenses:Volunteering            300.00 GBP
          Equity:Funds:Unrestricted
        2020-05-07 * "Volunteers" "Travel expenses paid"
          Expenses:Volunteering             30.00 GBP
          Assets:Bank:Current
        2020-05-08 * "Volunteers" "Hours"
          Assets:Volunteering              40 HOURS
          Income:Volunteering             -40 HOURS
        """
        test = self.test_volunteering_booked_as_pounds
        self.assertEqual(code_lines(errors), [
            ("funds.hours-in-gbp", lineno(test, "Time as income")),
            ("funds.hours-in-gbp", lineno(test, "Time as a cost"))])

    @loader.load_doc()
    def test_silent_on_a_councils_books(self, entries, errors, options):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.funds"
        2020-05-02 * "Care home" "Infection control" ^fund-ICF
          fund: "ICF"
          Expenses:Covid:AdultSocialCare  9000.00 GBP
          Liabilities:RingFenced:ICF
        2020-05-05 * "Volunteers" "Time as income"
          Expenses:Programme:FoodParcels   500.00 GBP
          Income:InKind:Volunteering      -500.00 GBP
        """
        self.assertEqual(codes(errors), [])
        analysis = analyse(funds, entries, options)
        self.assertFalse(analysis.active)
        self.assertEqual(analysis.funds, {})

    def test_contract_cost_against_its_income(self):
        entries, errors, options = loader.load_string(BOOKS + """
2020-04-10 * "Council" "Contract payment"
  Income:Contracts:CON-7            -1200.00 GBP
  Assets:Bank:Current
2020-04-20 * "Staff" "Wages for the contract"
  contract: "CON-7"
  Expenses:Programme:Delivery        1000.00 GBP
  Assets:Bank:Current
2020-04-21 * "Van hire" "Van, half on the contract"
  Expenses:Programme:Delivery         500.00 GBP
    contract: "CON-7"
  Expenses:Programme:Cafe             500.00 GBP
  Assets:Bank:Current
""")
        self.assertEqual(errors, [])
        coverage = analyse(funds, entries, options).contracts["CON-7"]
        self.assertEqual((coverage.income, coverage.cost), (Decimal(1200), Decimal(1500)))
        self.assertEqual(coverage.cross_subsidy, Decimal(300))
        self.assertEqual(coverage.surplus, Decimal(-300))

    @loader.load_doc(expect_errors=True)
    def test_a_fund_no_cwl_fund_declares_at_its_line(self, entries, errors, options):
        """
        plugin "beancount.plugins.auto_accounts"
        plugin "rules.funds"
        2020-01-01 custom "cwl-settings" "GB-CHC-1000001"
          kind: "community-org"
        2020-04-01 custom "cwl-fund" "COUNCIL-FOOD"
          funder: "Lunesdale District Council"
          purpose-accounts: "Expenses:Programme:FoodParcels"
          end: 2021-03-31
        2020-04-02 * "Council" "Grant, misspelt link" ^fund-COUNCIL-FOD
          Income:Grants:Lunesdale        -5000.00 GBP
          Assets:Bank:Current
        2020-05-02 * "Wholesale" "Food, misspelt tag"
          fund: "COUNCIL-FOOOD"
          Expenses:Programme:FoodParcels  700.00 GBP
          Assets:Bank:Current
        2020-05-03 * "Wholesale" "Food, declared fund"
          fund: "COUNCIL-FOOD"
          Expenses:Programme:FoodParcels  300.00 GBP
            fund: "LOTTERY"
          Assets:Bank:Current
        2020-05-04 * "Wholesale" "Food, the same unknown fund again"
          Expenses:Programme:FoodParcels  200.00 GBP
            fund: "LOTTERY"
          Assets:Bank:Current
        """
        test = self.test_a_fund_no_cwl_fund_declares_at_its_line
        self.assertEqual(code_lines(errors), [
            ("funds.unknown-fund", lineno(test, "Grant, misspelt link")),
            ("funds.unknown-fund", lineno(test, "Food, misspelt tag")),
            ("funds.unknown-fund", lineno(test, "300.00 GBP")),  # the posting's line
            ("funds.unknown-fund", lineno(test, "200.00 GBP"))])
        self.assertIn('did you mean "COUNCIL-FOOD"?', errors[0].message)
        self.assertIn("^fund-COUNCIL-FOD", errors[0].message)
        # Until corrected, the money counts as unrestricted.
        analysis = analyse(funds, entries, options)
        self.assertEqual(analysis.unrestricted.income, Decimal(5000))
        self.assertEqual(analysis.unrestricted.spent, Decimal(1200))  # the posting wins
        self.assertEqual(analysis.funds["COUNCIL-FOOD"].spent, Decimal(0))

    def test_a_fund_needs_programme_purpose_accounts_at_its_line(self):
        _, errors, _ = loader.load_string(BOOKS.replace(
            "Expenses:Programme:FoodParcels Expenses:Programme:Delivery",
            "Expenses:Premises:Rent"))
        self.assertEqual(len(errors), 1)
        self.assertEqual(errors[0].source["lineno"], 7)
        self.assertIn("'purpose-accounts'", errors[0].message)
        self.assertIn("not an account under Expenses:Programme", errors[0].message)
