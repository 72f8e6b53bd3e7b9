"""People in reports: which payees are individuals, never to be named."""

from __future__ import annotations

from typing import Any, NamedTuple

from beancount.core import data

from ledger.redaction import Redactor


class _Payee(NamedTuple):
    """What ``Redactor.decide`` reads of a transaction."""

    payee: str | None
    meta: dict[str, Any]


class People:
    """Which payees are individuals, asked of ``ledger.redaction`` so a
    person hidden in one output is hidden in all of them."""

    def __init__(self, redactor: Redactor) -> None:
        self._redactor = redactor

    def transaction(self, txn: data.Transaction) -> bool:
        return self._redactor.decide(txn).personal

    def payee(self, payee: str | None, meta: dict[str, Any]) -> bool:
        return self._redactor.decide(_Payee(payee, meta or {})).personal  # type: ignore[arg-type]

    def organisation(self, org_id: str | None, name: str | None) -> bool:
        return self.payee(name, {"org-id": org_id} if org_id else {})

    def scrub(self, text: str) -> str:
        """``text`` with every individual's name, org-id and bank
        fingerprint taken out, whatever their case."""
        return self._redactor.scrub(text)


def individuals_label(count: int) -> str:
    return f"Individuals ({count})"
