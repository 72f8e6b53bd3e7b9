"""360Giving grants as a community organisation's own grant income.

A council publishes its grants in 360Giving; a group it funds can pre-fill
its books from that export. On books whose ``cwl-settings`` says
``kind: "community-org"``, a grant to the organisation itself (its
Recipient Org:Identifier is the settings' org-id) is booked, on its award
date, as money the funder owes it (``Assets:Receivable:Grants:<funder>``)
against ``Income:Grants:<funder>``; each payment recorded in the data moves
the receivable into the bank (a negative one, money given back, comes out
of the bank and off the income). A grant to anyone else is rejected with
its reason: the export lists every recipient, and the books are only this
organisation's.

The funder's account leaf is the one the books already book that funder's
org-id to, else its name run together (``Lunesdale District Council`` ->
``LunesdaleDistrictCouncil``).
"""

from __future__ import annotations

import re
from typing import Any

from beancount.core import account as bean_account
from beancount.core import data

from importers.grant_entries import (
    CURRENCY,
    Recipient,
    _date,
    _payments,
    _posting,
    _safe_id,
    organisation,
    recipient_of,
)
from importers.json_source import first, text_of, unreadable_value
from importers.provenance import sanitise
from importers.values import DateWindow, decimal_pennies
from ledger import accounts, metadata

KIND = "community-org"
_WORD = re.compile(r"[A-Za-z0-9]+")


def books_org(existing: data.Entries) -> str | None:
    """The org-id of a community organisation's books; None on a council's."""
    for entry in existing:
        if isinstance(entry, data.Custom) and entry.type == "cwl-settings" \
                and entry.meta.get("kind") == KIND:
            return str(entry.values[0][0]) if entry.values else ""
    return None


def funder_leaves(existing: data.Entries) -> dict[str, str]:
    """Funder org-id -> the ``Income:Grants`` leaf the books already use
    for it (from transactions carrying its ``org-id``)."""
    leaves: dict[str, str] = {}
    for entry in existing:
        org_id = entry.meta.get(metadata.ORG_ID) if isinstance(entry, data.Transaction) else None
        if not org_id or org_id in leaves:
            continue
        for posting in entry.postings:
            leaf = accounts.leaf(posting.account, accounts.GRANT_INCOME)
            if leaf:
                leaves[str(org_id)] = leaf
                break
    return leaves


def _leaf_of(name: str) -> str:
    """A funder's name as one account component: words run together."""
    leaf = "".join(w[:1].upper() + w[1:] for w in _WORD.findall(name))
    if not leaf or not leaf[0].isalpha():
        raise ValueError(f"Funding Org:Name {name!r} gives no account name")
    return leaf


def org_grant_entries(grant: Any, meta: data.Meta, org_id: str, known_orgs: set[str],
                      leaves: dict[str, str], window: DateWindow) -> list[data.Directive]:
    """Award and payments of one grant to ``org_id``; a ValueError says why
    not (another recipient among them). ``leaves`` gains a new funder."""
    if not isinstance(grant, dict):
        raise ValueError("a grant must be a JSON object")
    problem = unreadable_value(grant)
    if problem:
        raise ValueError(problem)
    ident = text_of(grant.get("id"))
    if not ident:
        raise ValueError("missing grant Identifier")
    currency = text_of(grant.get("currency")) or CURRENCY
    if currency != CURRENCY:
        raise ValueError(f"currency {currency} is not GBP")
    if not org_id:
        raise ValueError("the books' cwl-settings gives no org-id to find this "
                         "organisation's grants by")
    who = recipient_of(grant)
    if who.organisation is None:
        raise ValueError(f"awarded to an individual, not to this organisation ({org_id})")
    if who.org_id != org_id:
        raise ValueError(f"awarded to {who.payee} ({who.org_id}), not to this "
                         f"organisation ({org_id})")
    amount = decimal_pennies(grant.get("amountAwarded"))
    date = _date(grant.get("awardDate"), "Award Date", window)
    funder = first(grant.get("fundingOrganization"))
    funder_id = _safe_id(funder.get("id"), "Funding Org:Identifier")
    funder_name = text_of(funder.get("name"))
    if not funder_id or not funder_name:
        raise ValueError("missing Funding Org:Identifier or Funding Org:Name")
    leaf = leaves.get(funder_id) or _leaf_of(funder_name)
    payments = _payments(grant, ident, date, window)
    leaves[funder_id] = leaf
    income = bean_account.join(accounts.GRANT_INCOME, leaf)
    owed = bean_account.join(accounts.GRANTS_RECEIVABLE, leaf)
    link = frozenset({f"{metadata.AWARD_LINK}{sanitise(ident)}"})
    shared = {metadata.ORG_ID: funder_id}
    entries: list[data.Directive] = []
    if funder_id not in known_orgs:
        known_orgs.add(funder_id)
        entries.append(organisation(Recipient(funder_id, funder_name, {}, {}, funder),
                                    date, meta))
    title = text_of(grant.get("title")) or "Grant awarded"
    entries.append(data.Transaction(
        {**meta, metadata.SOURCE_ID: ident, **shared}, date, "*", funder_name, title,
        data.EMPTY_SET, link, [_posting(owed, amount), _posting(income, -amount)]))
    for source_id, paid_on, paid in payments:
        if not paid:
            continue
        back = paid < 0  # money given back comes off the income, not the receivable
        entries.append(data.Transaction(
            {**meta, metadata.SOURCE_ID: source_id, **shared}, paid_on, "*", funder_name,
            "Grant repaid" if back else "Grant payment received", data.EMPTY_SET, link,
            [_posting(accounts.CURRENT_ACCOUNT, paid),
             _posting(income if back else owed, -paid)]))
    return entries
