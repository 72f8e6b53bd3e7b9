"""The account tree of a council's COVID-era books.

Rules and reports find a stream's transactions by the accounts they touch, so
every account root they rely on is named here once. Leaves under a root are
the council's own (one per scheme, service or category), e.g.
``Expenses:Grants:SBGF`` or ``Expenses:Covid:PPE``.
"""

from __future__ import annotations

# Roots of the account tree that rules read.
ASSETS, LIABILITIES, INCOME, EXPENSES = "Assets", "Liabilities", "Income", "Expenses"

BANK = "Assets:Bank"
# The council's own current account: imported spend and grant payments leave it.
CURRENT_ACCOUNT = "Assets:Bank:Current"
CLAIMS_RECEIVABLE = "Assets:Receivable:Claims"
RECOVERIES_RECEIVABLE = "Assets:Receivable:Recoveries"
GRANTS_RECEIVABLE = "Assets:Receivable:Grants"  # a community org's grants awarded, unpaid

GRANTS_PAYABLE = "Liabilities:GrantsPayable"
RING_FENCED = "Liabilities:RingFenced"
# Vouchers given to people, held per scheme until redeemed or written back.
VOUCHERS = "Liabilities:Vouchers"

TRANCHE_INCOME = "Income:Government:Covid:Tranche"
SFC_COMPENSATION = "Income:Government:Covid:SFC"
EXPENDITURE_REIMBURSEMENT = "Income:Government:Covid:Reimbursement"
GRANT_FUNDING = "Income:Government:GrantFunding"
FEES_AND_CHARGES = "Income:FeesCharges"

GRANTS = "Expenses:Grants"
CONTRACTS = "Expenses:Contracts"
COVID_PRESSURES = "Expenses:Covid"
SERVICES = "Expenses:Services"
SUSPENSE = "Expenses:Suspense"

# CIPFA's subjective groups, leaves of SERVICES: where imported spend lands
# when no line names its expense type (importers/expense_groups.csv).
# IncomeRefunds holds payments a council books against an income code.
SPEND_GROUPS = (
    "Employees",
    "Premises",
    "Transport",
    "SuppliesAndServices",
    "ThirdPartyPayments",
    "TransferPayments",
    "SupportServices",
    "Capital",
    "IncomeRefunds",
)

OPENING = "Equity:Opening-Balances"

# Hub stock held at cost (bought, or donated against IN_KIND at a declared value).
STOCK = "Assets:Stock"
DONATED_STOCK = "Assets:Stock:Donated"
IN_KIND = "Income:InKind"

# A community organisation's own books (cwl-settings kind: "community-org"):
# grants per funder, contracts per contract id, programme costs per activity,
# and its funds, restricted (one per cwl-fund) and unrestricted.
EQUITY = "Equity"
GRANT_INCOME = "Income:Grants"
CONTRACT_INCOME = "Income:Contracts"
TRADING = "Income:Trading"
DONATIONS = "Income:Donations"
PROGRAMME = "Expenses:Programme"
RESTRICTED_FUNDS = "Equity:Funds:Restricted"
UNRESTRICTED_FUNDS = "Equity:Funds:Unrestricted"
# Volunteer time, held in HOURS (never GBP): given to the organisation.
VOLUNTEERING = "Assets:Volunteering"
VOLUNTEERING_INCOME = "Income:Volunteering"
HOURS = "HOURS"

# COVID spending pressure categories, as monthly monitoring returns group them.
PRESSURE_CATEGORIES = (
    "AdultSocialCare",
    "ChildrensSocialCare",
    "Homelessness",
    "Shielding",
    "PPE",
    "FoodEssentials",
    "TestTrace",
    "Other",
)


# How monitoring returns name each category, for reports and pages.
PRESSURE_TITLES = {
    "AdultSocialCare": "Adult social care",
    "ChildrensSocialCare": "Children's social care",
    "Homelessness": "Homelessness and rough sleeping",
    "Shielding": "Shielding the clinically extremely vulnerable",
    "PPE": "PPE",
    "FoodEssentials": "Food and essential supplies",
    "TestTrace": "Test and trace",
    "Other": "Other",
}


def pressure_title(category: str) -> str:
    """A category's title; a council's own category is shown as written."""
    return PRESSURE_TITLES.get(category, category)


def under(account: str, root: str) -> bool:
    """True when ``account`` is ``root`` or one of its descendants."""
    return account == root or account.startswith(root + ":")


def leaf(account: str, root: str) -> str | None:
    """The first component below ``root`` (a scheme, service or category)."""
    if not account.startswith(root + ":"):
        return None
    return account[len(root) + 1 :].split(":", 1)[0]
