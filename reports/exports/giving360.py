"""Grants awarded, in the 360Giving Data Standard (JSON or CSV).

An award is a transaction with a positive ``Expenses:Grants:<scheme>``
posting and an ``^award-<id>`` link; payments (positive
``Liabilities:GrantsPayable`` postings) and recoveries (negative
``Expenses:Grants`` postings) on the same link make up what was disbursed.

Identifiers follow the standard's guidance: a grant is ``<prefix>-<award
id>`` where the prefix is the council's registered 360Giving prefix
(``360G-`` + its org-id until it registers one); a person is never named but
published as ``recipientIndividual`` "Individual Recipient" with an id
``<prefix>-IND-0001`` that says nothing about them, and a generic
description, as the standard's grants-to-individuals guidance asks. An
award is a person's when any transaction on its link is, so a payment to a
person's bank account hides the award it pays, as the spend export hides it.
"""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data

from ledger import accounts, metadata
from ledger.config import Config
from ledger.redaction import Redactor

CURRENCY = "GBP"
INDIVIDUAL_NAME = "Individual Recipient"  # the standard's recommended generic name
_NOT_ID = re.compile(r"[^A-Za-z0-9-]+")


def safe_id(text: str) -> str:
    """Spaces and special characters become ``_`` (the standard's advice)."""
    return _NOT_ID.sub("_", text).strip("_")


def default_prefix(config: Config) -> str:
    """``360G-<council org-id>``: unique, and a stand-in until 360Giving
    registers the council's own prefix (pass it with ``--prefix``)."""
    if not config.settings.id:
        raise ValueError('the ledger declares no org-id in "cwl-settings"; '
                         "give the 360Giving prefix with --prefix")
    return f"360G-{config.settings.id}"


@dataclass
class Award:
    """One award and the money that moved on its link."""

    award_id: str
    txn: data.Transaction
    scheme: str
    amount: Decimal
    # (date, amount): payments positive, recoveries negative.
    disbursements: list[tuple[datetime.date, Decimal]] = field(default_factory=list)

    @property
    def disbursed(self) -> Decimal:
        return sum((amount for _, amount in self.disbursements), Decimal(0))


def collect_awards(entries: Iterable[data.Directive],
                   start: datetime.date | None = None,
                   end: datetime.date | None = None) -> list[Award]:
    """Awards dated ``start``..``end`` (inclusive), in ledger order.

    Payments on a link with no award (a planted fault in the demo) are not
    grants and are left out; ``cwl check`` reports them.
    """
    awards: dict[str, Award] = {}
    moves: list[tuple[str, datetime.date, Decimal]] = []
    for txn in entries:
        if not isinstance(txn, data.Transaction):
            continue
        award_id = metadata.link_id(txn.links, metadata.AWARD_LINK)
        if award_id is None:
            continue
        for posting in txn.postings:
            number = posting.units.number
            if accounts.under(posting.account, accounts.GRANTS) and number > 0:
                if award_id in awards:
                    awards[award_id].amount += number  # a top-up of the same award
                else:
                    scheme = txn.meta.get(metadata.SCHEME) or accounts.leaf(
                        posting.account, accounts.GRANTS)
                    awards[award_id] = Award(award_id, txn, str(scheme), number)
            elif accounts.under(posting.account, accounts.GRANTS) and number < 0:
                moves.append((award_id, txn.date, number))
            elif accounts.under(posting.account, accounts.GRANTS_PAYABLE) and number > 0:
                moves.append((award_id, txn.date, number))
    for award_id, date, amount in moves:
        if award_id in awards:
            awards[award_id].disbursements.append((date, amount))
    return [a for a in awards.values()
            if not ((start and a.txn.date < start) or (end and a.txn.date > end))]


def _number(amount: Decimal) -> int | float:
    """A JSON number with the decimal's digits (pennies survive a float's
    shortest repr for any sum of money a council awards)."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v not in (None, "")}


class GrantWriter:
    """Turns awards into 360Giving grants for one ledger and prefix."""

    def __init__(self, config: Config, prefix: str, personal: Collection[str]) -> None:
        self.config = config
        self.prefix = prefix.rstrip("-")
        self.redactor = Redactor(config)
        self.personal = personal  # award ids with a personal txn on their link
        self._people: dict[str, str] = {}  # person key -> published id
        self.individuals = 0

    def grant(self, award: Award) -> dict[str, Any]:
        txn = award.txn
        scheme = self.config.schemes.get(award.scheme)
        programme = scheme.title if scheme else award.scheme
        ident = f"{self.prefix}-{safe_id(award.award_id)}"
        grant: dict[str, Any] = {"id": ident, "title": programme}
        if award.award_id in self.personal or self.redactor.decide(txn).personal:
            self.individuals += 1
            grant["description"] = f"{programme}: a grant to an individual"
            recipient: dict[str, Any] = {"recipientIndividual": {
                "id": self._person_id(txn), "name": INDIVIDUAL_NAME}}
        else:
            grant["description"] = txn.narration or programme
            recipient = {"recipientOrganization": [self._organisation(txn)]}
        grant.update({
            "currency": CURRENCY,
            "amountAwarded": _number(award.amount),
            "amountDisbursed": _number(award.disbursed),
            "awardDate": txn.date.isoformat(),
            **recipient,
            "fundingOrganization": [_clean({"id": self.config.settings.id,
                                            "name": self.config.settings.name})],
            "grantProgramme": [{"code": award.scheme, "title": programme}],
        })
        if award.disbursements:
            grant["disbursementTransaction"] = [
                {"id": f"{ident}-{n}", "transactionDate": date.isoformat(),
                 "currency": CURRENCY, "value": _number(amount)}
                for n, (date, amount) in enumerate(award.disbursements, 1)]
        return grant

    def _person_id(self, txn: data.Transaction) -> str:
        """A sequential id per person, the same on each of their grants."""
        key = str(txn.meta.get(metadata.ORG_ID) or " ".join((txn.payee or "").split()).casefold())
        if key not in self._people:
            self._people[key] = f"{self.prefix}-IND-{len(self._people) + 1:04d}"
        return self._people[key]

    def _organisation(self, txn: data.Transaction) -> dict[str, Any]:
        meta = txn.meta
        org_id = meta.get(metadata.ORG_ID)
        org = self.config.organisations.get(org_id)
        name = (org.name if org else "") or txn.payee or ""
        return _clean({
            "id": org_id or f"{self.prefix}-ORG-{safe_id(name)}",
            "name": name,
            "postalCode": (org and org.postcode) or meta.get(metadata.POSTCODE),
            "charityNumber": (org and org.charity_number) or meta.get(metadata.CHARITY_NUMBER),
            "companyNumber": (org and org.company_number) or meta.get(metadata.COMPANY_NUMBER),
        })


def package(awards: Iterable[Award], config: Config, prefix: str,
            entries: Iterable[data.Directive]) -> tuple[dict[str, Any], int]:
    """The ``{"grants": [...]}`` package, and how many grants went to people.

    ``entries`` are the whole ledger's: an award is a person's when any
    transaction on its link is (``Redactor.personal_awards``), so a payment
    to a person's bank account hides the award it pays.
    """
    writer = GrantWriter(config, prefix, Redactor(config).personal_awards(entries))
    grants = [writer.grant(award) for award in awards]
    return {"grants": grants}, writer.individuals


def to_json(grants: dict[str, Any]) -> str:
    return json.dumps(grants, indent=2, ensure_ascii=False) + "\n"
