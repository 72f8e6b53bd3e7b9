"""Reading the VCSE stream: one pass over the transactions, giving the
money paid out of the bank on each funding agreement (its
``^agreement-<id>`` link) and the books' last date."""

from __future__ import annotations

import datetime

from ledger import accounts
from ledger import metadata as md
from ledger.transactions import Transactions
from rules.vcse.records import ZERO, AgreementPayment

_BANK = accounts.BANK + ":"


def read(transactions: Transactions) -> tuple[list[AgreementPayment], datetime.date | None]:
    """Payments on agreements in ledger order, and the last transaction's
    date (what "overdue" is judged at). An award booked with the link moves
    no bank money and so is not a payment; a payment is what leaves the bank."""
    payments: list[AgreementPayment] = []
    for entry in transactions.select(links=(md.AGREEMENT_LINK,)):
        agreement = md.link_id(entry.links, md.AGREEMENT_LINK)
        if agreement is None:
            continue
        out = -sum((p.units.number for p in entry.postings
                    if p.account.startswith(_BANK) and p.units is not None), ZERO)
        if out:
            payments.append(AgreementPayment(agreement, entry.date, out, entry.meta))
    return payments, transactions.last_date
