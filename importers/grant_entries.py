"""360Giving grants as ledger entries: award, payments, recipient.

One path from the 360Giving JSON shape to entries serves both the JSON and
the CSV form (which flattentool turns into the same JSON), so the same
grants give the same entries whichever file a funder published.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount
from beancount.parser.grammar import ValueType

from importers.csv_importer import BANK_ACCOUNT
from importers.json_source import first, text_of
from importers.postcodes import normalise
from importers.provenance import sanitise
from importers.values import decimal_pennies, parse_date

CURRENCY = "GBP"
DEFAULT_SCHEME = "VCSE"
_NOT_ACCOUNT = re.compile(r"[^A-Za-z0-9-]+")


def scheme_code(grant: dict[str, Any]) -> str:
    """The programme code as an account leaf: ``Expenses:Grants:<code>``."""
    code = _NOT_ACCOUNT.sub("-", text_of(first(grant.get("grantProgramme")).get("code")))
    code = code.strip("-")
    return (code[0].upper() + code[1:]) if code else DEFAULT_SCHEME


def _date(value: Any, what: str) -> datetime.date:
    text = text_of(value)
    if not text:
        raise ValueError(f"missing {what}")
    return parse_date(text[:10] if re.match(r"\d{4}-\d{2}-\d{2}T", text) else text)


def _posting(account: str, number: Any) -> data.Posting:
    return data.Posting(account, Amount(number, CURRENCY), None, None, None, None)


def organisation(recipient: dict[str, Any], date: datetime.date,
                 meta: data.Meta) -> data.Custom:
    fields = {"name": text_of(recipient.get("name"))}
    postcode = text_of(recipient.get("postalCode"))
    if postcode:
        fields["postcode"] = normalise(postcode) or postcode
    for key, name in (("charityNumber", "charity-number"), ("companyNumber", "company-number")):
        if text_of(recipient.get(key)):
            fields[name] = text_of(recipient.get(key))
    return data.Custom({**meta, **fields}, date, "cwl-organisation",
                       [ValueType(text_of(recipient.get("id")), str)])


def _payments(grant: dict[str, Any], award_date: datetime.date) -> list[tuple[str, datetime.date, Any]]:
    """(source-id, date, amount) for each payment the data records."""
    ident = text_of(grant.get("id"))
    transactions = grant.get("transactions")
    if isinstance(transactions, list) and transactions:
        return [(f"{ident}#payment-{n}",
                 _date(t.get("transactionDate") or t.get("date") or grant.get("awardDate"),
                       "payment date"),
                 decimal_pennies(t.get("amount")))
                for n, t in enumerate(transactions, 1) if isinstance(t, dict)]
    if grant.get("amountDisbursed") not in (None, ""):
        return [(f"{ident}#payment", award_date, decimal_pennies(grant["amountDisbursed"]))]
    return []


def grant_entries(grant: Any, meta: data.Meta, known_orgs: set[str]) -> list[data.Directive]:
    """Award (and payments) for one grant; a ValueError says why not.

    ``known_orgs`` holds recipients already declared; a new one is added and
    declared with a ``cwl-organisation`` directive.
    """
    if not isinstance(grant, dict):
        raise ValueError("a grant must be a JSON object")
    ident = text_of(grant.get("id"))
    if not ident:
        raise ValueError("missing grant Identifier")
    currency = text_of(grant.get("currency")) or CURRENCY
    if currency != CURRENCY:
        raise ValueError(f"currency {currency} is not GBP")
    amount = decimal_pennies(grant.get("amountAwarded"))
    date = _date(grant.get("awardDate"), "Award Date")
    recipient = first(grant.get("recipientOrganization"))
    org_id = text_of(recipient.get("id"))
    name = text_of(recipient.get("name"))
    if not org_id or not name:
        raise ValueError("missing Recipient Org:Identifier or Recipient Org:Name")
    if '"' in org_id or "\\" in org_id:
        raise ValueError(f"Recipient Org:Identifier {org_id!r} has a quote or backslash")
    scheme = scheme_code(grant)
    link = frozenset({f"award-{sanitise(ident)}"})
    award_meta = {**meta, "source-id": ident, "scheme": scheme, "org-id": org_id}
    for key, field in (("charity-number", "charityNumber"), ("company-number", "companyNumber")):
        if text_of(recipient.get(field)):
            award_meta[key] = text_of(recipient.get(field))
    if text_of(recipient.get("postalCode")):
        postcode = text_of(recipient["postalCode"])
        award_meta["postcode"] = normalise(postcode) or postcode
    title = text_of(grant.get("title")) or f"{scheme} award"
    entries: list[data.Directive] = []
    if org_id not in known_orgs:
        known_orgs.add(org_id)
        entries.append(organisation(recipient, date, meta))
    entries.append(data.Transaction(
        award_meta, date, "*", name, title, data.EMPTY_SET, link,
        [_posting(f"Expenses:Grants:{scheme}", amount),
         _posting(f"Liabilities:GrantsPayable:{scheme}", -amount)]))
    for source_id, paid_on, paid in _payments(grant, date):
        entries.append(data.Transaction(
            {**meta, "source-id": source_id, "org-id": org_id}, paid_on, "*", name,
            f"{scheme} payment", data.EMPTY_SET, link,
            [_posting(f"Liabilities:GrantsPayable:{scheme}", paid),
             _posting(BANK_ACCOUNT, -paid)]))
    return entries


def declared(existing: data.Entries, kind: str) -> set[str]:
    """Ids of ``custom "<kind>"`` records the ledger already holds."""
    return {str(e.values[0][0]) for e in existing
            if isinstance(e, data.Custom) and e.type == kind and e.values}
