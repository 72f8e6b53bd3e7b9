"""Which payees are people, and what to publish in their place.

Councils publish every payment and grant, but the Local Government
Transparency Code and UK GDPR forbid naming individuals: sole traders,
residents paid a grant, anyone whose row was already redacted at source.
Every published output (spend CSV, 360Giving, PDF reports, Fava pages) asks
this one module, so a person hidden in one place is hidden everywhere.

A payee is personal data when any of these holds:

- its ``org-id`` is a ``cwl-organisation`` declared ``individual: TRUE``;
- it has no ``org-id`` but its name or ``bank-fingerprint`` is that of such
  an organisation (grant payments carry only the award link and the bank);
- its name says it was redacted (``REDACTED UNDER DP ACT``, ``Personal
  data``, ``Redacted payee ...``);
- the transaction carries ``redacted: TRUE``, which the spend importer
  writes on rows the publisher had redacted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from beancount.core import data

from ledger import metadata
from ledger.config import Config

# What a published output shows instead of a person's name.
PUBLIC_LABEL = "Redacted: individual"

# Written by importers/transparency_spend.py on rows redacted at source.
REDACTED_KEY = metadata.REDACTED

# Payee names that mean "a person, withheld", as councils write them.
REDACTED_NAME = re.compile(
    r"redact|withheld|personal (data|information)|data protection"
    r"|^(private )?individual( recipient)?$",
    re.IGNORECASE,
)


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _truthy(value: object) -> bool:
    return value is True or (isinstance(value, str) and value.strip().upper() == "TRUE")


@dataclass(frozen=True)
class Decision:
    """Whether a payee is withheld, why, and the name to publish."""

    personal: bool
    reason: str  # "" when not personal
    public_name: str


class Redactor:
    """Decides redaction for many transactions against one ``Config``.

    Built once per export: the individuals' ids, names and bank fingerprints
    are indexed here so each decision is a few set look-ups.
    """

    def __init__(self, config: Config) -> None:
        people = [o for o in config.organisations.values() if o.individual]
        self._organisations = config.organisations
        self._ids = {o.id for o in people}
        self._names = {_fold(o.name) for o in people}
        self._fingerprints = {o.bank_fingerprint for o in people if o.bank_fingerprint}

    def is_individual(self, org_id: str | None) -> bool:
        """True for an org-id declared ``individual: TRUE``."""
        return org_id in self._ids

    def decide(self, txn: data.Transaction) -> Decision:
        reason = self._reason(txn)
        if reason:
            return Decision(True, reason, PUBLIC_LABEL)
        return Decision(False, "", self._name(txn))

    def _reason(self, txn: data.Transaction) -> str:
        meta = txn.meta or {}
        org_id = meta.get(metadata.ORG_ID)
        payee = txn.payee or ""
        if _truthy(meta.get(REDACTED_KEY)):
            return "redacted at source"
        if REDACTED_NAME.search(payee):
            return "payee name redacted"
        if self.is_individual(org_id):
            return "individual"
        if org_id in self._organisations:
            return ""  # a declared organisation that is not a person
        if _fold(payee) in self._names:
            return "individual"
        if meta.get(metadata.BANK_FINGERPRINT) in self._fingerprints:
            return "individual"
        return ""

    def _name(self, txn: data.Transaction) -> str:
        if txn.payee:
            return txn.payee
        org = self._organisations.get((txn.meta or {}).get(metadata.ORG_ID))
        return org.name if org else ""


def redact(txn: data.Transaction, config: Config) -> Decision:
    """One decision; build a ``Redactor`` instead when deciding many."""
    return Redactor(config).decide(txn)
