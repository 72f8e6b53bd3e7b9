"""What a report is built from: the session (the books, their
configuration and each rule's analysis, worked out once) and the period to
report.

Analyses run over all the entries: rules such as the income loss scheme are
cumulative over the year, so models pick the rows of their period from
whole-ledger results.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd
from beancount.core import data

from ledger import accounts
from ledger.config import Config
from ledger.entry_types import is_transaction, meta_key
from ledger.periods import Period
from reports.models.header import LedgerFile, ReportHeader, ledger_digest, ledger_files
from reports.models.people import People
from reports.models.tables import where
from rules import claims, grants, local_spend, social_value, supplier_relief
from rules.api import Finding, RuleContext
from rules.session import Session

SPEND_COLUMNS = ["date", "org_id", "payee", "personal", "sme", "vcse", "place", "amount",
                 "meta_id"]


@dataclass
class ReportBooks:
    """A session, the period to report and the day the report is produced."""

    session: Session
    period: Period
    produced: datetime.date

    @classmethod
    def of(cls, session: Session, produced: datetime.date,
           start: datetime.date | None = None,
           end: datetime.date | None = None) -> ReportBooks:
        """The books over ``start`` to ``end``; an end left out is the
        financial year's with most transactions."""
        default = session.default_period
        return cls(session, Period(start or default.start, end or default.end), produced)

    # -- The session's, as reports name them ----------------------------------------

    @property
    def entries(self) -> list[data.Directive]:
        return self.session.entries

    @property
    def context(self) -> RuleContext:
        return self.session.context

    @property
    def config(self) -> Config:
        return self.session.config

    @property
    def grants(self) -> grants.GrantsAnalysis:
        return self.session.grants

    @property
    def relief(self) -> supplier_relief.ReliefAnalysis:
        return self.session.relief

    @property
    def local_spend(self) -> local_spend.LocalSpendAnalysis:
        return self.session.local_spend

    @property
    def claims(self) -> claims.ClaimsAnalysis:
        return self.session.claims

    @property
    def social_value(self) -> social_value.SocialValueAnalysis:
        return self.session.social_value

    def claims_in(self, period: Period) -> claims.ClaimsAnalysis:
        return self.session.claims_in(period)

    def social_value_in(self, period: Period) -> social_value.SocialValueAnalysis:
        return self.session.social_value_in(period)

    @property
    def personal_awards(self) -> frozenset[str]:
        return self.session.personal_awards

    # -- People and places ------------------------------------------------------------

    @cached_property
    def people(self) -> People:
        return People(self.session.redactor)

    def award_is_personal(self, award_id: str | None, payee: str | None,
                          meta: dict[str, Any]) -> bool:
        """An award (or unlinked grant transaction) is personal when its link
        is, or when its own payee is."""
        return (award_id is not None and award_id in self.personal_awards) or \
            self.people.payee(payee, meta)

    def place_of(self, org_id: str | None) -> str:
        return self.local_spend.place_of(org_id)

    def finding(self, finding: Finding) -> str:
        """A rule finding's message, fit to print."""
        return self.session.message(finding)

    # -- Spend ----------------------------------------------------------------------------

    @cached_property
    def transactions(self) -> list[data.Transaction]:
        return [e for e in self.entries if is_transaction(e)]

    @cached_property
    def first_transaction(self) -> datetime.date | None:
        return min((t.date for t in self.transactions), default=None)

    @cached_property
    def spend(self) -> pd.DataFrame:
        """The local spend rule's payments, one row each: who was paid,
        where they are (``place``), whether they are a person (``personal``,
        never to be named), SME or VCSE, the sum of the payment's classed
        expense postings, and ``meta_id`` (the transaction's ``meta_key``)."""
        rows = []
        for payment in self.local_spend.payments:
            entry, payee = payment.entry, payment.payee
            rows.append((entry.date, payee.org_id, entry.payee or payee.name,
                         self.people.transaction(entry), payee.sme, payee.vcse,
                         payee.local_class, payment.amount, meta_key(entry.meta)))
        return pd.DataFrame(rows, columns=SPEND_COLUMNS)

    def moves_under(self, root: str) -> list[tuple[datetime.date, str | None, Decimal]]:
        """(date, leaf below ``root`` or None, number) of every posting to
        ``root`` or below: the money no rule checks (government funding for
        grants, ring-fenced funds), read once per account for every report."""
        moves = self._moves.get(root)
        if moves is None:
            moves = self._moves[root] = [
                (t.date, accounts.leaf(p.account, root), p.units.number)
                for t in self.transactions for p in t.postings
                if accounts.under(p.account, root)]
        return moves

    @cached_property
    def _moves(self) -> dict[str, list[tuple[datetime.date, str | None, Decimal]]]:
        return {}

    def spend_in(self, period: Period) -> pd.DataFrame:
        """The payments of ``spend`` dated in ``period``."""
        frame = self.spend
        if frame.empty:
            return frame
        mask = [day in period for day in frame["date"]]
        return frame[mask].reset_index(drop=True)

    # -- The title page -----------------------------------------------------------------

    @cached_property
    def root(self) -> Path:
        return Path(self.session.options["filename"]).resolve().parent

    @cached_property
    def files(self) -> tuple[LedgerFile, ...]:
        return tuple(ledger_files(self.session.options))

    def header(self, title: str) -> ReportHeader:
        settings = self.context.settings
        organisation = settings.name or str(self.session.options.get("title") or "")
        return ReportHeader(title, organisation, settings.id, self.period, self.produced,
                            ledger_digest(list(self.files)), self.files)

    def where(self, meta: dict[str, Any] | None) -> str:
        return where(meta, self.root)
