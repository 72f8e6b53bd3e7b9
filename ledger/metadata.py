"""Metadata keys and link conventions on transactions and postings.

Beancount metadata keys are lower-case; ours are kebab-case words a finance
officer would recognise. Importers write them, rules read them, reports group
by them: one spelling, kept here.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from decimal import Decimal, InvalidOperation

from beancount.core.amount import Amount

# Who and what.
ORG_ID = "org-id"  # 360Giving org-id form, e.g. GB-CHC-1143362
COMPANY_NUMBER = "company-number"
CHARITY_NUMBER = "charity-number"
POSTCODE = "postcode"
BANK_FINGERPRINT = "bank-fingerprint"  # salted hash; never the raw number
# Keyed with the consolidator's key (never in the books): the same account
# matches across councils, which each council's own salt prevents.
BANK_FINGERPRINT_NATIONAL = "bank-fingerprint-national"

# Emergency grants.
SCHEME = "scheme"
PROPERTY_REF = "property-ref"
RATEABLE_VALUE = "rateable-value"
# A property on the business rates list (``cwl-property``).
UPRN = "uprn"  # Unique Property Reference Number: one building, many property refs
AS_AT = "as-at"  # date the list gave the rateable value
OCCUPIER = "occupier"  # the ratepayer; never written for a person (``redacted: TRUE``)
PANEL_APPROVED = "panel-approved"  # date the panel approved the award
RECOVERY = "recovery"  # TRUE on a clawback of a wrong payment
# How a voluntary group was funded, and the application behind an award.
FUNDING_TYPE = "funding-type"
FUNDING_TYPES = ("one-off-grant", "funding-agreement", "contract")
APPLIED = "applied"  # date the application was received
PURPOSE = "purpose"  # what the award pays for
HOST = "host"  # org-id of the accountable body paid for an unincorporated group

# Payments to people (hardship funds, isolation micro grants, vouchers).
PERSON_REF = "person-ref"  # salted hash of the person's identifier (``person_ref``)
HOUSEHOLD_REF = "household-ref"  # salted hash of the household's address or UPRN
METHOD = "method"  # how a person was paid
METHODS = ("bank", "voucher", "prepaid-card")
EXPIRES = "expires"  # date a voucher lapses unredeemed

# Supplier relief.
CONTRACT = "contract"
RELIEF_TYPE = "relief-type"
RELIEF_TYPES = ("advance", "interim", "forward-order", "payment-on-order", "on-account")

# Claims.
CLAIM = "claim"
GOV_REQUESTED = "gov-requested"
FUND = "fund"  # ring-fenced fund that met the cost
INCOME_LINE = "income-line"
RELEVANT_LOSS = "relevant-loss"  # SFC loss in the claim period, net of savings
GROSS_LOSS = "gross-loss"  # SFC income lost in the claim period, before savings
SAVINGS = "savings"  # costs saved against that lost income in the period
TRANCHE = "tranche"

# Emergency accommodation: the cwl-site a cost is for.
SITE = "site"
# Funding pots: spend linked ^pot-<id> that is the council's own match funding.
MATCH = "match"

# Local spend, written by rules.local_spend on expense postings.
LOCAL_CLASS = "local-class"
# "unknown": the payee's postcode is missing or malformed, never guessed.
LOCAL_CLASSES = ("own-area", "region", "elsewhere", "unknown")

# Provenance, written by importers: re-importing a row adds nothing.
SOURCE_ID = "source-id"

# Provenance of imported rows: the publisher's own references, kept so a
# finance officer can find the row in the council's file.
TRANSACTION_NUMBER = "transaction-number"
INVOICE_NUMBER = "invoice-number"
SUPPLIER_ID = "supplier-id"
VAT_NUMBER = "vat-number"
CREDITOR_TYPE = "creditor-type"
EXPENSE_AREA = "expense-area"
EXPENSE_TYPE = "expense-type"
BODY = "body"  # the publishing body, as the file names it
REDACTED = "redacted"  # TRUE: the payee is a person; never name or merge them
CREDIT_NOTE = "credit-note"  # TRUE on a negative spend amount
PERIOD = "period"  # the period a total covers, as given to --period: "2011-01"
PERIOD_TOTAL = "period-total"  # TRUE: one supplier's total for the period, not one payment

# Link prefixes: ^award-<id>, ^contract-<id>, ^claim-<id>.
AWARD_LINK = "award-"
CONTRACT_LINK = "contract-"
CLAIM_LINK = "claim-"
POT_LINK = "pot-"
AGREEMENT_LINK = "agreement-"
FUND_LINK = "fund-"  # a community organisation's restricted fund, as ``fund:``


# The spellings of a yes/no flag (``individual``, ``redacted``, ``sme``...),
# whatever their case: Beancount's own TRUE and FALSE, or these as text.
TRUE_WORDS = ("true", "yes")
FALSE_WORDS = ("false", "no")


def flag_value(value: object) -> bool | None:
    """A yes/no flag as officers and importers write it; None for anything
    else (``1``, ``"Y"``, ``"on"``), which callers report rather than guess."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().casefold()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
    return None


def flag_spellings() -> str:
    """The spellings, as error messages state them."""
    return 'TRUE, FALSE, or the text "yes" or "no"'


def is_true(value: object) -> bool:
    """True only for a flag spelt as one of ``TRUE_WORDS``."""
    return flag_value(value) is True


def withholds(value: object) -> bool:
    """Whether a person flag (``individual``, ``redacted``) hides the payee:
    any value but a clear no, so a misspelt flag fails closed."""
    return value is not None and flag_value(value) is not False


def link_id(links: frozenset[str] | set[str] | None, prefix: str) -> str | None:
    """The id of the first link with ``prefix`` (sorted for determinism)."""
    if not links:
        return None
    for link in sorted(links):
        if link.startswith(prefix):
            return link[len(prefix) :]
    return None


def bank_fingerprint(sort_code: str, account_number: str, salt: str) -> str:
    """A salted SHA-256 of a bank account, so duplicates can be matched
    without the ledger ever holding the account number."""
    digits = "".join(c for c in sort_code + account_number if c.isdigit())
    return hashlib.sha256(f"{salt}:{digits}".encode()).hexdigest()[:16]


def bank_fingerprint_national(sort_code: str, account_number: str, key: bytes) -> str:
    """HMAC-SHA256 of a bank account under the consolidator's key, for an
    importer that sees the raw numbers. Every council computes the same value
    for one account, so a national view can match it, while without the key
    nobody can test a guessed account number against it."""
    digits = "".join(c for c in sort_code + account_number if c.isdigit())
    return hmac.new(key, digits.encode(), hashlib.sha256).hexdigest()[:32]


def person_ref(identifier: str, salt: str, kind: str = "person") -> str:
    """A salted SHA-256 of a person's (or, ``kind="household"``, an
    address's) identifier: payments to one person can be matched across
    funds while the books never hold the identifier itself. Case, spaces
    and punctuation are ignored, so ``ab 12 34 56 c`` matches ``AB123456C``."""
    plain = "".join(c for c in identifier.upper() if c.isalnum())
    return hashlib.sha256(f"{salt}:{kind}:{plain}".encode()).hexdigest()[:16]


def decimal_value(value: object) -> Decimal | None:
    """A sum from metadata, as officers write it: ``15000``, ``"15,000"``
    or ``600000.00 GBP``; None when it is missing or no number."""
    if isinstance(value, Amount):
        return value.number
    if isinstance(value, Decimal):
        return value
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None


def date_value(value: object) -> datetime.date | None:
    """A date from metadata: a Beancount date or ISO text; None otherwise."""
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        return None


def text_value(value: object) -> str | None:
    return None if value is None else str(value)
