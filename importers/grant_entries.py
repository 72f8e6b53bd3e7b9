"""360Giving grants as ledger entries: award, payments, recipient.

One path from the 360Giving JSON shape to entries serves both the JSON and
the CSV form (which flattentool turns into the same JSON), so the same
grants give the same entries whichever file a funder published.

A grant to a person (``recipientIndividual``) is booked to the anonymous
payee "Individual Recipient" with ``redacted: TRUE`` and the publisher's id
for the person as ``org-id``: the ledger never names a person, and no
organisation is declared for one. Payments are the standard's
``disbursementTransaction`` entries, each on its own date (a negative one is
money recovered); a grant with only ``amountDisbursed`` gets one payment on
its award date. Award and payment dates must lie in the import's
``DateWindow``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount.core import account as bean_account
from beancount.core import data
from beancount.core.amount import Amount
from beancount.parser.grammar import ValueType

from importers.json_source import first, text_of, unreadable_value
from importers.provenance import sanitise
from importers.values import DateWindow, decimal_pennies
from ledger import accounts, metadata
from ledger.postcodes import normalise

CURRENCY = "GBP"
DEFAULT_SCHEME = "VCSE"
INDIVIDUAL = "Individual Recipient"  # the standard's generic name for a person
_NOT_ACCOUNT = re.compile(r"[^A-Za-z0-9-]+")
# recipientOrganization fields copied to the award, by ledger key.
_NUMBERS = ((metadata.CHARITY_NUMBER, "charityNumber"),
            (metadata.COMPANY_NUMBER, "companyNumber"))


def scheme_code(grant: dict[str, Any]) -> str:
    """The programme code as an account leaf: ``Expenses:Grants:<code>``."""
    code = _NOT_ACCOUNT.sub("-", text_of(first(grant.get("grantProgramme")).get("code")))
    code = code.strip("-")
    return (code[0].upper() + code[1:]) if code else DEFAULT_SCHEME


def _date(value: Any, what: str, window: DateWindow) -> datetime.date:
    text = text_of(value)
    if not text:
        raise ValueError(f"missing {what}")
    return window.entry_date(text)


def _posting(account: str, number: Any) -> data.Posting:
    return data.Posting(account, Amount(number, CURRENCY), None, None, None, None)


def _awarded(scheme: str) -> str:
    """The scheme's expense account, where awards and recoveries land."""
    return bean_account.join(accounts.GRANTS, scheme)


def _owed(scheme: str) -> str:
    """The scheme's payable account: awarded, not yet paid."""
    return bean_account.join(accounts.GRANTS_PAYABLE, scheme)


def _safe_id(value: Any, what: str) -> str:
    """An id the ledger can quote; ``what`` names the field in errors."""
    text = text_of(value)
    if '"' in text or "\\" in text:
        raise ValueError(f"{what} {text!r} has a quote or backslash")
    return text


@dataclass(frozen=True)
class Recipient:
    """Who a grant went to, as the ledger writes them."""

    org_id: str
    payee: str
    shared: dict[str, Any]  # metadata on every transaction of the grant
    details: dict[str, Any]  # metadata on the award only
    organisation: dict[str, Any] | None  # to declare; None for a person


def recipient_of(grant: dict[str, Any]) -> Recipient:
    """The grant's recipient; a person wins over an organisation, so one
    published both ways is still never named."""
    person = first(grant.get("recipientIndividual"))
    if person:
        org_id = _safe_id(person.get("id"), "Recipient Ind:Identifier")
        if not org_id:
            raise ValueError("missing Recipient Ind:Identifier")
        return Recipient(org_id, INDIVIDUAL,
                         {metadata.ORG_ID: org_id, metadata.REDACTED: True}, {}, None)
    org = first(grant.get("recipientOrganization"))
    org_id = _safe_id(org.get("id"), "Recipient Org:Identifier")
    name = text_of(org.get("name"))
    if not org_id or not name:
        raise ValueError("missing Recipient Org:Identifier or Recipient Org:Name")
    details = {key: text_of(org.get(field)) for key, field in _NUMBERS
               if text_of(org.get(field))}
    postcode = text_of(org.get("postalCode"))
    if postcode:
        details[metadata.POSTCODE] = normalise(postcode) or postcode
    return Recipient(org_id, name, {metadata.ORG_ID: org_id}, details, org)


def organisation(recipient: Recipient, date: datetime.date, meta: data.Meta) -> data.Custom:
    """The ``cwl-organisation`` declaring a new recipient organisation."""
    fields = {"name": recipient.payee, **recipient.details}
    return data.Custom({**meta, **fields}, date, "cwl-organisation",
                       [ValueType(recipient.org_id, str)])


def _disbursement(item: Any, number: int, window: DateWindow) -> tuple[datetime.date, Decimal]:
    """(date, amount) of one ``disbursementTransaction`` entry."""
    where = f"disbursementTransaction {number}"
    if not isinstance(item, dict):
        raise ValueError(f"{where} is not a JSON object")
    currency = text_of(item.get("currency")) or CURRENCY
    if currency != CURRENCY:
        raise ValueError(f"{where}: currency {currency} is not GBP")
    try:
        date = _date(item.get("transactionDate"), "Transaction Date", window)
        amount = decimal_pennies(item.get("value"))
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    return date, amount


def _payments(grant: dict[str, Any], ident: str, award_date: datetime.date,
              window: DateWindow) -> list[tuple[str, datetime.date, Decimal]]:
    """(source-id, date, amount) for each payment the data records.

    A payment's id is its place in the grant's list, which stays stable when
    a funder republishes the grant with later payments appended.
    """
    disbursements = grant.get("disbursementTransaction")
    if isinstance(disbursements, list) and disbursements:
        return [(f"{ident}#payment-{n}", *_disbursement(item, n, window))
                for n, item in enumerate(disbursements, 1)]
    if grant.get("amountDisbursed") not in (None, ""):
        return [(f"{ident}#payment", award_date, decimal_pennies(grant["amountDisbursed"]))]
    return []


def _money_moved(source_id: str, date: datetime.date, amount: Decimal, scheme: str,
                 who: Recipient, link: frozenset[str], meta: data.Meta) -> data.Transaction:
    """A payment from the bank or, for a negative amount, a recovery into it."""
    common = {**meta, metadata.SOURCE_ID: source_id, **who.shared}
    if amount > 0:
        return data.Transaction(
            common, date, "*", who.payee, f"{scheme} payment", data.EMPTY_SET, link,
            [_posting(_owed(scheme), amount), _posting(accounts.CURRENT_ACCOUNT, -amount)])
    return data.Transaction(
        {**common, metadata.RECOVERY: True}, date, "*", who.payee, f"{scheme} recovery",
        data.EMPTY_SET, link,
        [_posting(accounts.CURRENT_ACCOUNT, -amount), _posting(_awarded(scheme), amount)])


def grant_entries(grant: Any, meta: data.Meta, known_orgs: set[str],
                  window: DateWindow) -> list[data.Directive]:
    """Award (and payments) for one grant; a ValueError says why not.

    ``known_orgs`` holds recipients already declared; a new organisation is
    added and declared with a ``cwl-organisation`` directive.
    """
    if not isinstance(grant, dict):
        raise ValueError("a grant must be a JSON object")
    problem = unreadable_value(grant)  # NaN, or a lone surrogate, anywhere in it
    if problem:
        raise ValueError(problem)
    ident = text_of(grant.get("id"))
    if not ident:
        raise ValueError("missing grant Identifier")
    currency = text_of(grant.get("currency")) or CURRENCY
    if currency != CURRENCY:
        raise ValueError(f"currency {currency} is not GBP")
    amount = decimal_pennies(grant.get("amountAwarded"))
    date = _date(grant.get("awardDate"), "Award Date", window)
    who = recipient_of(grant)
    scheme = scheme_code(grant)
    payments = _payments(grant, ident, date, window)
    link = frozenset({f"{metadata.AWARD_LINK}{sanitise(ident)}"})
    award_meta = {**meta, metadata.SOURCE_ID: ident, metadata.SCHEME: scheme, **who.shared,
                  **who.details}
    title = text_of(grant.get("title")) or f"{scheme} award"
    entries: list[data.Directive] = []
    if who.organisation is not None and who.org_id not in known_orgs:
        known_orgs.add(who.org_id)
        entries.append(organisation(who, date, meta))
    entries.append(data.Transaction(
        award_meta, date, "*", who.payee, title, data.EMPTY_SET, link,
        [_posting(_awarded(scheme), amount), _posting(_owed(scheme), -amount)]))
    entries.extend(_money_moved(source_id, paid_on, paid, scheme, who, link, meta)
                   for source_id, paid_on, paid in payments if paid)
    return entries


def declared(existing: data.Entries, kind: str) -> set[str]:
    """Ids of ``custom "<kind>"`` records the ledger already holds."""
    return {str(e.values[0][0]) for e in existing
            if isinstance(e, data.Custom) and e.type == kind and e.values}
