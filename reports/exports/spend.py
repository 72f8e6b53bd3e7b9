"""Spend over £500, in the Local Government Transparency Code layout.

The Code (2015) asks councils to publish every item of expenditure over
£500: date, body, supplier, amount, expense area and type, irrecoverable
VAT and merchant category, with individuals' personal data redacted. The
payments are the local spend rule's (``Session.local_spend.movements``):
every transaction that moves money through ``Assets:Bank``; each of its
published postings (its ``Expenses`` postings, and each positive
``Liabilities`` posting it settles: a grant paid, a ring-fenced cost) is one
row. Money
coming back against an expense (a credit note, a recovered overpayment) is
published too, as a negative amount, because the Code wants net spend seen.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from beancount.core import data

from ledger import accounts, metadata
from ledger.config import Config
from ledger.redaction import LOOKS_PERSONAL
from ledger.stock import gbp_value
from reports.exports.cells import money, safe_text
from reports.exports.files import replace_atomically
from rules.session import Session

DEFAULT_THRESHOLD = Decimal(500)

COLUMNS = ("Body", "Body Name", "Date", "Transaction Number", "Supplier Name", "Amount",
           "Expense Area", "Expense Type", "Irrecoverable VAT", "Merchant Category")

# Written by importers/transparency_spend.py from the publisher's own file.
EXPENSE_AREA_KEY = "expense-area"
UNMAPPED = "Unmapped"

_WORD_START = re.compile(r"(?<=[a-z])(?=[A-Z])")


@dataclass(frozen=True)
class SpendRow:
    """One published line; ``redacted`` rows already carry the public label
    and every text is scrubbed of individuals. ``for_review`` is the payee
    held back because it looks like a person (told to the officer, never
    written)."""

    date: datetime.date
    transaction_number: str
    supplier: str
    amount: Decimal
    expense_area: str
    expense_type: str
    redacted: bool
    for_review: str = ""


def _words(name: str) -> str:
    """``HomeToSchool`` -> ``Home To School``, as a reader would say it."""
    return _WORD_START.sub(" ", name)


def expense_area_and_type(account: str) -> tuple[str, str]:
    """``Expenses:Services:ICT`` -> (Services, ICT); a grant paid from
    ``Liabilities:GrantsPayable:SBGF`` is spend on (Grants, SBGF)."""
    if accounts.under(account, accounts.GRANTS_PAYABLE):
        return "Grants", account[len(accounts.GRANTS_PAYABLE) + 1:].replace(":", " ")
    parts = account.split(":")
    area = _words(parts[1]) if len(parts) > 1 else parts[0]
    return area, " ".join(_words(p) for p in parts[2:])


def content_id(txn: data.Transaction) -> str:
    """A transaction number from what the transaction says, not where it
    lies in a file, so re-publishing the same books gives the same numbers."""
    postings = sorted(f"{p.account} {p.units}" for p in txn.postings)
    parts = [str(txn.date), txn.payee or "", txn.narration or "", *sorted(txn.links),
             *postings]
    return "CWL-" + hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def _type(txn: data.Transaction, account: str, personal: bool) -> tuple[str, str]:
    """Expense area and type of one row. An unmapped row (``Expenses:Suspense``)
    shows the source's own expense type: ``expense-type`` metadata, else the
    narration the importer wrote it into, but never a person's narration,
    which can name them."""
    area, kind = expense_area_and_type(account)
    if account == accounts.SUSPENSE:
        declared = txn.meta.get(metadata.EXPENSE_TYPE)
        kind = (str(declared) if declared else
                UNMAPPED if personal else txn.narration or UNMAPPED)
    return str(txn.meta.get(EXPENSE_AREA_KEY) or area), kind


def spend_rows(session: Session, start: datetime.date | None = None,
               end: datetime.date | None = None,
               threshold: Decimal = DEFAULT_THRESHOLD) -> Iterator[SpendRow]:
    """Rows of every payment dated ``start``..``end`` (inclusive) whose net
    amount is over ``threshold`` in absolute value, in ledger order.

    The threshold applies to the whole payment, so an invoice of £2,000
    split over five £400 lines is still published, line by line.
    """
    redactor = session.redactor
    seen: Counter[str] = Counter()
    for txn, _, published, _, _ in session.local_spend.movements:
        if not published or (start and txn.date < start) or (end and txn.date > end):
            continue
        postings = [txn.postings[i] for i in published]
        if abs(sum(gbp_value(p) for p in postings)) <= threshold:
            continue
        number = str(txn.meta.get(metadata.SOURCE_ID) or content_id(txn))
        seen[number] += 1
        if seen[number] > 1:  # identical transactions: tell them apart stably
            number = f"{number}-{seen[number]}"
        decision = redactor.decide(txn)
        review = txn.payee or "" if decision.reason == LOOKS_PERSONAL else ""
        for posting in postings:
            area, kind = _type(txn, posting.account, decision.personal)
            yield SpendRow(txn.date, redactor.scrub(number),
                           redactor.scrub(decision.public_name), gbp_value(posting),
                           redactor.scrub(area), redactor.scrub(kind), decision.personal,
                           review)


@dataclass(frozen=True)
class SpendSummary:
    rows: int
    redacted: int
    # Payees held back because they look like people, for an officer to review.
    for_review: tuple[str, ...] = ()


def write_spend_csv(rows: Iterable[SpendRow], config: Config, out: Path) -> SpendSummary:
    """Write the header and the rows to ``out``, nothing else."""
    settings = config.settings
    written = redacted = 0
    review: set[str] = set()
    with replace_atomically(out) as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([
                safe_text(settings.id), safe_text(settings.name), row.date.isoformat(),
                safe_text(row.transaction_number), safe_text(row.supplier), money(row.amount),
                safe_text(row.expense_area), safe_text(row.expense_type), "", ""])
            written += 1
            redacted += row.redacted
            if row.for_review:
                review.add(row.for_review)
    return SpendSummary(written, redacted, tuple(sorted(review)))
