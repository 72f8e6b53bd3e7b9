"""Small hand-written books the reports, exports and Fava tests share: people
hidden in awkward places, broken declarations, and figures the reviewers
checked by hand."""

from __future__ import annotations

from pathlib import Path

HEAD = '''option "title" "Review Council"
option "operating_currency" "GBP"
plugin "rules.all"
2020-01-01 custom "fava-extension" "reports.fava"

2020-01-01 custom "cwl-settings" "GB-LAE-REV"
  name: "Review Council"

2020-01-01 custom "cwl-area" "Reviewton"
  own: "LA1 LA2"
  region: "LA6 PR"

2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Liabilities:GrantsPayable:SBGF GBP
2020-01-01 open Expenses:Grants:SBGF GBP
2020-01-01 open Expenses:Services:Property GBP
2020-01-01 open Expenses:Contracts:Waste GBP
2020-01-01 open Expenses:Covid:PPE GBP
2020-01-01 open Expenses:Suspense GBP
2020-01-01 open Equity:Opening GBP

2020-01-01 * "Opening" "Opening"
  Assets:Bank:Current  1000000 GBP
  Equity:Opening
'''

# A sole trader, and the words that must never reach a published output.
PERSON = '''
2020-01-01 custom "cwl-organisation" "GB-IND-0001"
  name: "Zelda Quixotica t/a Fixit"
  postcode: "LA1 1AA"
  bank-fingerprint: "aaaaaaaaaaaaaaaa"
  sme: TRUE
  individual: TRUE

2020-01-01 custom "cwl-organisation" "GB-COH-00000001"
  name: "Honest Traders Ltd"
  postcode: "LA1 2BB"
  sme: TRUE
'''
SECRETS = ("zelda", "quixotica", "harriet", "hiddenperson", "victor", "secretname",
           "olive", "privateperson", "gb-ind-0001", "aaaaaaaaaaaaaaaa")

# Excluded COVID costs whose payees are people however the books say so.
CLAIMS = HEAD + PERSON + '''
2020-04-01 custom "cwl-claim-period" "EXP-1"
  scheme: "expenditure"
  start: 2020-04-01
  end: 2020-07-31

2020-05-12 * "Zelda Quixotica t/a Fixit" "Masks from Zelda Quixotica"
  org-id: "GB-IND-0001"
  claim: "EXP-1"
  Expenses:Covid:PPE  1000.00 GBP
  Assets:Bank:Current

2020-05-13 * "ZELDA QUIXOTICA T/A FIXIT" "Masks"
  claim: "EXP-1"
  fund: "ICF"
  gov-requested: TRUE
  Expenses:Covid:PPE  1000.00 GBP
  Assets:Bank:Current

2020-05-14 * "Harriet Hiddenperson" "Masks"
  redacted: TRUE
  claim: "EXP-1"
  Expenses:Covid:PPE  900.00 GBP
  Assets:Bank:Current

2020-05-15 * "REDACTED UNDER DP ACT" "Care for Mr Victor Secretname"
  claim: "EXP-1"
  Expenses:Covid:PPE  800.00 GBP
  Assets:Bank:Current

2020-05-16 * "Honest Traders Ltd" "Visors"
  org-id: "GB-COH-00000001"
  claim: "EXP-1"
  Expenses:Covid:PPE  700.00 GBP
  Assets:Bank:Current
'''

# An award with no org-id whose payment goes to the sole trader's bank
# account; a business award paid to the same account (the rule's
# duplicate-bank finding names the person's org-id); a contract titled with
# the person's name; a redacted payment left unmapped, narrated with a name.
GRANTS = HEAD + PERSON + '''
2020-04-01 custom "cwl-scheme" "SBGF"
  title: "Small Business Grant Fund"
  opens: 2020-04-01
  closes: 2020-09-30
  amounts: "10000"

2020-04-14 * "Zelda Quixotica t/a Fixit" "SBGF award" ^award-SBGF-0001
  scheme: "SBGF"
  org-id: "GB-IND-0001"
  property-ref: "P-1"
  Expenses:Grants:SBGF  10000.00 GBP
  Liabilities:GrantsPayable:SBGF

2020-04-16 * "Zelda Quixotica" "SBGF payment" ^award-SBGF-0001
  bank-fingerprint: "aaaaaaaaaaaaaaaa"
  Liabilities:GrantsPayable:SBGF  10000.00 GBP
  Assets:Bank:Current

2020-04-17 * "Honest Traders Ltd" "SBGF award" ^award-SBGF-0003
  scheme: "SBGF"
  org-id: "GB-COH-00000001"
  property-ref: "P-3"
  Expenses:Grants:SBGF  10000.00 GBP
  Liabilities:GrantsPayable:SBGF

2020-04-18 * "Honest Traders Ltd" "SBGF payment" ^award-SBGF-0003
  org-id: "GB-COH-00000001"
  bank-fingerprint: "aaaaaaaaaaaaaaaa"
  Liabilities:GrantsPayable:SBGF  10000.00 GBP
  Assets:Bank:Current

2020-05-01 * "Z. Quixotica" "SBGF award" ^award-SBGF-0009
  scheme: "SBGF"
  property-ref: "P-9"
  Expenses:Grants:SBGF  10000.00 GBP
  Liabilities:GrantsPayable:SBGF

2020-05-03 * "Z. Quixotica" "SBGF payment" ^award-SBGF-0009
  bank-fingerprint: "aaaaaaaaaaaaaaaa"
  Liabilities:GrantsPayable:SBGF  10000.00 GBP
  Assets:Bank:Current

2019-04-01 custom "cwl-contract" "CON-1"
  supplier: "GB-COH-00000001"
  title: "Waste collection subcontracted to Zelda Quixotica"
  value: 100000.00 GBP
  start: 2019-04-01

2020-04-20 * "Honest Traders Ltd" "Relief advance" ^contract-CON-1
  contract: "CON-1"
  relief-type: "advance"
  org-id: "GB-COH-00000001"
  Expenses:Contracts:Waste  10000.00 GBP
  Assets:Bank:Current

2020-06-01 * "REDACTED UNDER DP ACT" "Care package for Mrs Olive Privateperson"
  Expenses:Suspense  2000.00 GBP
  Assets:Bank:Current

2020-06-02 * "REDACTED UNDER DP ACT" "Care package for Mrs Olive Privateperson"
  expense-type: "Adult Social Care"
  Expenses:Suspense  2500.00 GBP
  Assets:Bank:Current

2020-06-03 * "Honest Traders Ltd" "Hedge Trimming Services"
  org-id: "GB-COH-00000001"
  Expenses:Suspense  3000.00 GBP
  Assets:Bank:Current
'''

# A cwl-organisation with a field the schema does not know: the declaration
# is dropped, and its individual: TRUE with it.
BROKEN_DECLARATION = HEAD + '''
2020-01-01 custom "cwl-organisation" "GB-IND-0002"
  name: "Brenda Brokenflag"
  postcode: "LA1 1AA"
  individual: TRUE
  favourite-colour: "blue"

2020-05-01 * "Brenda Brokenflag" "Repairs"
  org-id: "GB-IND-0002"
  Expenses:Services:Property  5000.00 GBP
  Assets:Bank:Current
'''

# Figures: SFC at the rate the plugin gives, not the default 75%.
PLUGIN_RATE = HEAD.replace('plugin "rules.all"', 'plugin "rules.all" "sfc-rate=0.5"') + '''
2020-01-01 open Income:FeesCharges:Parking GBP
2020-01-01 open Income:Government:Covid:SFC GBP
2020-01-01 open Assets:Receivable:Claims GBP

2020-04-01 custom "cwl-income-line" "Parking"
  account: "Income:FeesCharges:Parking"
  income-type: "sales-fees-charges"
  budget: 100000.00 GBP

2020-04-01 custom "cwl-claim-period" "SFC-P1"
  scheme: "sfc"
  start: 2020-04-01
  end: 2020-07-31

2020-08-31 * "MHCLG" "SFC claim P1" ^claim-SFC-P1
  Assets:Receivable:Claims  20000.00 GBP
  Income:Government:Covid:SFC  -20000.00 GBP
    income-line: "Parking"
    relevant-loss: 45000.00 GBP
'''

# Tranches against pressures, one of them met by a ring-fenced fund.
TRANCHES = HEAD + '''
2020-01-01 open Income:Government:Covid:Tranche GBP
2020-01-01 open Expenses:Covid:AdultSocialCare GBP
2020-01-01 open Liabilities:RingFenced:ICF GBP

2020-04-01 custom "cwl-claim-period" "EXP-Q1"
  scheme: "expenditure"
  start: 2020-04-01
  end: 2020-06-30

2020-04-20 * "MHCLG" "Tranche 2"
  Assets:Bank:Current  40000.00 GBP
  Income:Government:Covid:Tranche

2020-05-20 * "DHSC" "Infection Control Fund"
  Assets:Bank:Current  50000.00 GBP
  Liabilities:RingFenced:ICF

2020-06-01 * "Care Home Ltd" "ICF pass-through to care homes"
  fund: "ICF"
  Expenses:Covid:AdultSocialCare  50000.00 GBP
  Assets:Bank:Current

2020-06-01 * "Council" "Release ICF"
  Liabilities:RingFenced:ICF  50000.00 GBP
  Equity:Opening
'''

# Own-area grant paid, then recovered in full.
GRANT_RECOVERED = HEAD + '''
2020-01-01 open Expenses:Grants:RHLGF GBP
2020-01-01 open Liabilities:GrantsPayable:RHLGF GBP

2020-01-01 custom "cwl-organisation" "GB-COH-01112223"
  name: "Riverside Cafe Ltd"
  postcode: "LA2 4QT"

2020-04-01 custom "cwl-scheme" "RHLGF"
  title: "RHLGF"
  opens: 2020-04-01
  closes: 2020-09-30
  amounts: "RV<=15000:10000, RV<51000:25000"

2020-04-14 * "Riverside Cafe Ltd" "RHLGF award" ^award-A1
  scheme: "RHLGF"
  org-id: "GB-COH-01112223"
  property-ref: "P1"
  rateable-value: 20000
  Expenses:Grants:RHLGF  25000.00 GBP
  Liabilities:GrantsPayable:RHLGF

2020-04-16 * "Riverside Cafe Ltd" "RHLGF payment" ^award-A1
  Liabilities:GrantsPayable:RHLGF  25000.00 GBP
  Assets:Bank:Current

2020-08-01 * "Riverside Cafe Ltd" "RHLGF recovered" ^award-A1
  recovery: TRUE
  scheme: "RHLGF"
  Assets:Bank:Current  25000.00 GBP
  Expenses:Grants:RHLGF
'''

# Own-area relief paid, the overpayment recovered by contract: metadata
# (no ^contract- link).
RELIEF_RECOVERED = HEAD + '''
2020-01-01 open Expenses:Contracts:HomeToSchool GBP

2019-01-01 custom "cwl-organisation" "GB-COH-04567890"
  name: "Vale Coaches Ltd"
  postcode: "LA1 1AB"

2019-04-01 custom "cwl-contract" "CON-0003"
  supplier: "GB-COH-04567890"
  value: 480000.00 GBP
  start: 2019-04-01
  transition-plan: TRUE
  exit-date: 2020-10-31

2020-04-20 * "Vale Coaches Ltd" "Relief: interim payment April" ^contract-CON-0003
  contract: "CON-0003"
  relief-type: "interim"
  org-id: "GB-COH-04567890"
  Expenses:Contracts:HomeToSchool  40000.00 GBP
  Assets:Bank:Current

2020-12-15 custom "cwl-reconciliation" "CON-0003"
  actual-cost: 36500.00 GBP

2021-01-10 * "Vale Coaches Ltd" "Relief overpayment recovered"
  contract: "CON-0003"
  recovery: TRUE
  Assets:Bank:Current  3500.00 GBP
  Expenses:Contracts:HomeToSchool
'''


def write(folder: Path, text: str, name: str = "main.beancount") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path

# SFC claims whose second period's loss is revised down: P2 is due
# 0.75 × (400,000 − 100,000) − 375,000 = −150,000, owed back to government.
# Without a plugin line: each test names the plugin it runs.
SFC_REVISED_DOWN = '''option "title" "Review Council"
2020-04-01 open Assets:Bank:Current GBP
2020-04-01 open Assets:Receivable:Claims GBP
2020-04-01 open Income:Government:Covid:SFC GBP
2020-04-01 custom "cwl-income-line" "Parking"
  account: "Income:FeesCharges:Parking"
  budget: 2000000.00 GBP
2020-04-01 custom "cwl-claim-period" "SFC-P1"
  scheme: "sfc"
  start: 2020-04-01
  end: 2020-07-31
2020-08-01 custom "cwl-claim-period" "SFC-P2"
  scheme: "sfc"
  start: 2020-08-01
  end: 2020-11-30
2020-09-30 * "MHCLG" "SFC claim, first collection" ^claim-SFC-P1
  Assets:Receivable:Claims          375000.00 GBP
  Income:Government:Covid:SFC      -375000.00 GBP
    income-line: "Parking"
    relevant-loss: 600000.00
2020-10-28 * "MHCLG" "SFC claim receipt" ^claim-SFC-P1
  Assets:Bank:Current               375000.00 GBP
  Assets:Receivable:Claims
2020-12-20 * "MHCLG" "SFC claim, loss revised down" ^claim-SFC-P2
  Assets:Receivable:Claims         -150000.00 GBP
  Income:Government:Covid:SFC       150000.00 GBP
    income-line: "Parking"
    relevant-loss: -200000.00
'''
