"""Books holding each way a person can slip into a published output, and
the words that must then never be published: shared by the export, report
and Fava tests."""

from __future__ import annotations

from review_ledgers import HEAD

SCHEME = '''
2020-04-01 custom "cwl-scheme" "SBGF"
  title: "Small Business Grant Fund"
  opens: 2020-04-01
  closes: 2020-09-30
  amounts: "10000"
'''

# A declared sole trader, and the company that shares her surname.
DECLARED = '''
2020-01-01 custom "cwl-organisation" "GB-IND-0001"
  name: "Jane Quill t/a Quill Repairs"
  postcode: "LA1 9ZZ"
  individual: TRUE

2020-01-01 custom "cwl-organisation" "GB-COH-00000001"
  name: "Honest Traders Ltd"
  postcode: "LA1 1AA"

2020-01-01 custom "cwl-organisation" "GB-COH-00000002"
  name: "Quill Holdings Ltd"
  postcode: "LA2 2BB"
'''


def paid(day: str, payee: str, narration: str, meta: str = "", amount: str = "900.00",
          account: str = "Expenses:Services:Property") -> str:
    return f'''
2020-05-{day} * "{payee}" "{narration}"
{meta}  {account}  {amount} GBP
  Assets:Bank:Current
'''


def award(day: str, payee: str, award: str, meta: str = "",
           narration: str = "SBGF award") -> str:
    return f'''
2020-04-{day} * "{payee}" "{narration}" ^award-{award}
  scheme: "SBGF"
  property-ref: "P-{award}"
{meta}  Expenses:Grants:SBGF  10000.00 GBP
  Liabilities:GrantsPayable:SBGF

2020-04-{int(day) + 1:02d} * "{payee}" "SBGF payment" ^award-{award}
  Liabilities:GrantsPayable:SBGF  10000.00 GBP
  Assets:Bank:Current
'''


COMPANY = '  org-id: "GB-COH-00000001"\n'

# Each case: the books' text, and the words that must never be published.
CASES = {
    # 1. A syntax slip (an unquoted yes) drops the whole declaration.
    "unparsable declaration": ('''
2020-01-01 custom "cwl-organisation" "GB-IND-0002"
  name: "Orla Vantongeren"
  individual: yes
''' + paid("02", "Orla Vantongeren", "Cleaning", '  org-id: "GB-IND-0002"\n')
        + award("10", "Orla Vantongeren", "SBGF-0002", '  org-id: "GB-IND-0002"\n'),
        ["vantongeren", "gb-ind-0002"]),
    # 2. Directive names off by case or a typo.
    "misnamed declarations": ('''
2020-01-01 custom "CWL-organisation" "GB-IND-0003"
  name: "Piet Zwanenburg"
  individual: TRUE

2020-01-01 custom "cwl-organisaton" "GB-IND-0004"
  name: "Ros Featherstonehaugh"
  individual: TRUE
''' + paid("03", "Piet Zwanenburg", "Gardening", '  org-id: "GB-IND-0003"\n')
        + paid("04", "Ros Featherstonehaugh", "Catering", '  org-id: "GB-IND-0004"\n'),
        ["zwanenburg", "featherstonehaugh"]),
    # 3. A person named inside others' free text: narration, expense type.
    "free text": (DECLARED + paid("05", "Honest Traders Ltd", "Repairs for Jane Quill at LA1 9ZZ",
                                   COMPANY, account="Expenses:Suspense")
                  + paid("06", "Honest Traders Ltd", "Sundries", COMPANY
                          + '  expense-type: "Subcontract: jane  QUILL"\n',
                          account="Expenses:Suspense")
                  + award("12", "Honest Traders Ltd", "SBGF-0005", COMPANY,
                           "Award; premises shared with Jane Quill"),
                  ["jane quill", "la1 9zz", "jane  quill"]),
    # 4. A personal award's id names the person.
    "award id": (DECLARED + award("14", "Jane Quill t/a Quill Repairs", "JANE-QUILL-1",
                                   '  org-id: "GB-IND-0001"\n'),
                 ["jane-quill", "jane quill", "gb-ind-0001"]),
    # 5. Name matching ignores case and spacing; an unknown org-id.
    "spacing": (DECLARED + paid("07", "JANE   quill T/A quill   REPAIRS", "Repairs")
                + paid("08", "Janequill", "Repairs", '  org-id: "GB-NOPE-1"\n'),
                ["quill repairs", "janequill", "gb-nope-1"]),
    # 6. Payees that look like people, not declared.
    "looks personal": (DECLARED + paid("09", "Mr T Abernethy", "Plumbing")
                       + paid("10", "Kit Marlowe t/a Marlowe Signs", "Signs")
                       + paid("11", "Quill Joinery", "Doors")
                       + paid("12", "Quill Holdings Ltd", "Roofing",
                               '  org-id: "GB-COH-00000002"\n'),
                       ["abernethy", "marlowe", "quill joinery"]),
    # 7. Flags spelt some other way.
    "flags": ('''
2020-01-01 custom "cwl-organisation" "GB-IND-0005"
  name: "Uma Oyelaran-Smythe"
  individual: "Y"
''' + paid("13", "Uma Oyelaran-Smythe", "Tutoring", '  org-id: "GB-IND-0005"\n')
        + paid("14", "Bo Threlkeld", "Tutoring", '  redacted: "Y"\n'),
        ["oyelaran", "threlkeld"]),
}


def all_cases() -> str:
    """Every case in one ledger (but the award id, which needs its own)."""
    return HEAD + SCHEME + "".join(CASES[c][0] for c in CASES if c != "award id")


def all_words() -> list[str]:
    return [w for c in CASES if c != "award id" for w in CASES[c][1]]
