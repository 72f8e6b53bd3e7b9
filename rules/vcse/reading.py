"""Reading the VCSE stream: one pass over the transactions, giving the
money paid out of the bank on each funding agreement (its
``^agreement-<id>`` link) and the books' last date."""

from __future__ import annotations

import datetime
from typing import Any

from ledger import accounts
from ledger import metadata as md
from ledger.entry_types import is_transaction
from rules.vcse.records import ZERO, AgreementPayment

_BANK = accounts.BANK + ":"


def read(entries: list[Any]) -> tuple[list[AgreementPayment], datetime.date | None]:
    """Payments on agreements in ledger order, and the last transaction's
    date (what "overdue" is judged at). An award booked with the link moves
    no bank money and so is not a payment; a payment is what leaves the bank."""
    payments: list[AgreementPayment] = []
    last: datetime.date | None = None
    for entry in entries:
        if not is_transaction(entry):
            continue
        if last is None or entry.date > last:
            last = entry.date
        agreement = md.link_id(entry.links, md.AGREEMENT_LINK)
        if agreement is None:
            continue
        out = -sum((p.units.number for p in entry.postings
                    if p.account.startswith(_BANK) and p.units is not None), ZERO)
        if out:
            payments.append(AgreementPayment(agreement, entry.date, out, entry.meta))
    return payments, last
