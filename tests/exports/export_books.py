"""A small council's books with every kind of payee an export must handle:
a sole trader, a redacted supplier, a person given a grant, a supplier whose
name is a spreadsheet formula, credit notes and payments near £500."""

from __future__ import annotations

SOLE_TRADER = "Jane Quill t/a Quill Repairs"
GRANTEE = "Albert Grantee"
REDACTED_SUPPLIER = "REDACTED UNDER DP ACT"
SOURCE_REDACTED = "Redacted payee spend-LUN1-0a1b2c3d4e5f"
FORMULA_SUPPLIER = "=cmd|' /C calc'!A0"

BOOKS = f'''
option "operating_currency" "GBP"

2020-01-01 custom "cwl-settings" "GB-LAE-TST"
  name: "Testshire District Council"

2020-01-01 custom "cwl-organisation" "360G-test-st-1"
  name: "{SOLE_TRADER}"
  postcode: "TS1 1AA"
  bank-fingerprint: "aaaa1111bbbb2222"
  individual: TRUE

2020-01-01 custom "cwl-organisation" "360G-test-person-7"
  name: "{GRANTEE}"
  postcode: "TS2 2BB"
  individual: TRUE

2020-01-01 custom "cwl-organisation" "GB-CHC-1234567"
  name: "Testshire Food Bank"
  postcode: "TS3 3CC"
  charity-number: "1234567"

2020-01-01 custom "cwl-organisation" "GB-COH-00000001"
  name: "{FORMULA_SUPPLIER}"

2020-04-01 custom "cwl-scheme" "VCSE"
  title: "Community Response Fund"
  opens: 2020-04-01
  closes: 2021-03-31
  amounts: "panel"

2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Expenses:Services:ICT GBP
2020-01-01 open Expenses:Covid:AdultSocialCare GBP
2020-01-01 open Expenses:Suspense GBP
2020-01-01 open Expenses:Grants:VCSE GBP
2020-01-01 open Liabilities:GrantsPayable:VCSE GBP
2020-01-01 open Income:FeesCharges:Parking GBP
2020-01-01 open Equity:Opening-Balances GBP

2020-03-31 * "Testshire District Council" "Opening balance"
  Assets:Bank:Current                 100000.00 GBP
  Equity:Opening-Balances

2020-04-02 * "{SOLE_TRADER}" "Laptop repairs"
  org-id: "360G-test-st-1"
  Expenses:Services:ICT                  900.00 GBP
  Assets:Bank:Current

2020-04-03 * "{REDACTED_SUPPLIER}" "Care package"
  Expenses:Covid:AdultSocialCare        2400.00 GBP
  Assets:Bank:Current

2020-04-04 * "{SOURCE_REDACTED}" "Temporary accommodation"
  source-id: "spend-LUN1-0a1b2c3d4e5f"
  redacted: TRUE
  Expenses:Services:ICT                 1200.00 GBP
  Assets:Bank:Current

2020-04-05 * "{FORMULA_SUPPLIER}" "Servers"
  org-id: "GB-COH-00000001"
  expense-area: "@Corporate"
  Expenses:Services:ICT                 5000.00 GBP
  Assets:Bank:Current

2020-04-06 * "Cable Co Ltd" "-Cabling (unmapped)"
  Expenses:Suspense                      650.00 GBP
  Assets:Bank:Current

2020-04-07 * "Cable Co Ltd" "Credit note: cabling"
  Assets:Bank:Current                    750.00 GBP
  Expenses:Services:ICT

2020-04-08 * "Small Things Ltd" "Pens"
  Expenses:Services:ICT                  500.00 GBP
  Assets:Bank:Current

2020-04-09 * "Small Things Ltd" "Paper"
  Expenses:Services:ICT                  500.01 GBP
  Assets:Bank:Current

2020-04-10 * "Split Ltd" "Two lines of one invoice"
  Expenses:Services:ICT                  400.00 GBP
  Expenses:Covid:AdultSocialCare         400.00 GBP
  Assets:Bank:Current

2020-04-10 * "+44 Telecom Ltd" "Phones"
  Expenses:Services:ICT                  800.00 GBP
  Assets:Bank:Current

2020-04-10 * "-Minus Ltd" "@Fees"
  Expenses:Services:ICT                  800.00 GBP
  Assets:Bank:Current

2020-04-11 * "Testshire District Council" "Parking income"
  Assets:Bank:Current                   9000.00 GBP
  Income:FeesCharges:Parking

2020-05-01 * "{GRANTEE}" "Grant to {GRANTEE} for his shop" ^award-VCSE-0001
  scheme: "VCSE"
  org-id: "360G-test-person-7"
  Expenses:Grants:VCSE                  3000.00 GBP
  Liabilities:GrantsPayable:VCSE

2020-05-03 * "{GRANTEE}" "VCSE payment" ^award-VCSE-0001
  Liabilities:GrantsPayable:VCSE        3000.00 GBP
  Assets:Bank:Current

2020-05-02 * "Testshire Food Bank" "Emergency food parcels" ^award-VCSE-0002
  scheme: "VCSE"
  org-id: "GB-CHC-1234567"
  Expenses:Grants:VCSE                  8000.00 GBP
  Liabilities:GrantsPayable:VCSE

2020-05-04 * "Testshire Food Bank" "VCSE payment" ^award-VCSE-0002
  Liabilities:GrantsPayable:VCSE        5000.00 GBP
  Assets:Bank:Current

2020-06-04 * "Testshire Food Bank" "VCSE payment" ^award-VCSE-0002
  Liabilities:GrantsPayable:VCSE        3000.00 GBP
  Assets:Bank:Current

2020-07-01 * "Testshire Food Bank" "Unspent grant returned" ^award-VCSE-0002
  recovery: TRUE
  Assets:Bank:Current                   1000.00 GBP
  Expenses:Grants:VCSE
'''

# What must never be published.
PERSONAL = (SOLE_TRADER, GRANTEE, REDACTED_SUPPLIER, SOURCE_REDACTED, "360G-test-st-1",
            "360G-test-person-7", "TS1 1AA", "TS2 2BB")
