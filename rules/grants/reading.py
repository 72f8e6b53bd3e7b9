"""Reading the grants stream: one pass over the transactions that touch a
grant account, giving awards and, in ledger order, payments, recoveries and
corrections."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import accounts
from ledger import metadata as md
from ledger.models import Organisation
from ledger.transactions import Transactions
from rules.grants.records import ZERO, Award, Correction, GrantPayment, Movement

_GRANTS = accounts.GRANTS + ":"
_PAYABLE = accounts.GRANTS_PAYABLE + ":"
# An award credited straight to these is paid at once (a hardship payment
# from the bank, a voucher handed over): no GrantsPayable step.
_PAID_AT_ONCE = (accounts.BANK + ":", accounts.VOUCHERS + ":")


class _Reader:
    """Builds records, filling organisation-level fields (company number,
    bank fingerprint) from the declared organisation when the transaction
    does not carry them."""

    def __init__(self, organisations: dict[str, Organisation]) -> None:
        self.organisations = organisations

    def org_field(self, meta: dict[str, Any], org_id: str | None, key: str) -> str | None:
        """An organisation-level field from the txn, else its declaration."""
        if meta.get(key) is not None:
            return str(meta[key])
        org = self.organisations.get(org_id) if org_id else None
        return getattr(org, key.replace("-", "_")) if org else None

    def award(self, entry: data.Transaction, scheme: str, amount: Decimal) -> Award:
        meta = entry.meta
        org_id = md.text_value(meta.get(md.ORG_ID))
        org = self.organisations.get(org_id) if org_id else None
        return Award(
            award_id=md.link_id(entry.links, md.AWARD_LINK),
            scheme=scheme,
            date=entry.date,
            org_id=org_id,
            payee=entry.payee or (org.name if org else None),
            narration=entry.narration or "",
            property_ref=md.text_value(meta.get(md.PROPERTY_REF)),
            rateable_value=md.decimal_value(meta.get(md.RATEABLE_VALUE)),
            amount=amount,
            company_number=self.org_field(meta, org_id, md.COMPANY_NUMBER),
            bank_fingerprint=self.org_field(meta, org_id, md.BANK_FINGERPRINT),
            meta=meta,
            funding_type=md.text_value(meta.get(md.FUNDING_TYPE)),
            applied=md.date_value(meta.get(md.APPLIED)),
            host=self.org_field(meta, org_id, md.HOST),
        )

    def payment(self, entry: data.Transaction, scheme: str, amount: Decimal,
                recovery: bool) -> GrantPayment:
        org_id = md.text_value(entry.meta.get(md.ORG_ID))
        return GrantPayment(
            award_id=md.link_id(entry.links, md.AWARD_LINK),
            scheme=scheme,
            date=entry.date,
            amount=amount,
            recovery=recovery,
            org_id=org_id,
            bank_fingerprint=self.org_field(entry.meta, org_id, md.BANK_FINGERPRINT),
            meta=entry.meta,
        )

    def take(self, entry: data.Transaction, awards: list[Award],
             movements: list[Movement]) -> None:
        """Read one transaction that touches a grant account."""
        awarded = clawed = paid = at_once = ZERO
        grant_leaf = payable_leaf = None
        for posting in entry.postings:
            account, number = posting.account, posting.units.number
            if account.startswith(_GRANTS):
                if number > 0:
                    awarded += number
                else:
                    clawed -= number
                grant_leaf = grant_leaf or accounts.leaf(account, accounts.GRANTS)
            elif account.startswith(_PAYABLE) and number > 0:
                paid += number
                payable_leaf = payable_leaf or accounts.leaf(account, accounts.GRANTS_PAYABLE)
            elif number < 0 and account.startswith(_PAID_AT_ONCE):
                at_once -= number
        scheme = md.text_value(entry.meta.get(md.SCHEME))
        if md.is_true(entry.meta.get(md.RECOVERY)):
            if clawed > 0:
                movements.append(self.payment(entry, scheme or grant_leaf, clawed, True))
        elif awarded > 0:
            awards.append(self.award(entry, scheme or grant_leaf, awarded))
            if at_once > 0:
                payable_leaf = payable_leaf or grant_leaf
                paid += min(at_once, awarded)
        elif clawed > 0:
            # A correction: its GrantsPayable side reverses the award, not a payment.
            movements.append(Correction(md.link_id(entry.links, md.AWARD_LINK),
                                        scheme or grant_leaf, entry.date, clawed, entry.meta))
            return
        if paid > 0:
            movements.append(self.payment(entry, scheme or payable_leaf, paid, False))


def read(transactions: Transactions,
         organisations: dict[str, Organisation]) -> tuple[list[Award], list[Movement]]:
    """The one pass over the transactions touching a grant account: awards,
    and payments, recoveries and corrections in ledger (date) order."""
    reader = _Reader(organisations)
    awards: list[Award] = []
    movements: list[Movement] = []
    for entry in transactions.select(roots=(accounts.GRANTS, accounts.GRANTS_PAYABLE)):
        reader.take(entry, awards, movements)
    return awards, movements
