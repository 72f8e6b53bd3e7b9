"""One loaded ledger, as every output reads it.

A ``Session`` is the books once loaded: entries, errors and options from
Beancount, the configuration parsed once into the rule context, the
redactor that decides who is a person, and each stream's analysis: the one
``rules.all`` made while Beancount loaded the books (``rules.api.Shared``),
else worked out on first use; either way shared. PDF reports, Fava pages
and the open-data exports are all built on a session, so a figure published
anywhere is the figure the rules checked, and a person hidden in one output
is hidden in all of them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from beancount.core import data

from ledger import broken_lines, collector
from ledger.config import Config
from ledger.entry_types import is_transaction, meta_key
from ledger.loading import load_books
from ledger.periods import Period, default_period
from ledger.redaction import Redactor
from rules import (
    accommodation,
    claims,
    funds,
    grants,
    hardship,
    hub,
    local_spend,
    payees,
    pledges,
    pots,
    social_value,
    supplier_relief,
    takeup,
    vcse,
)
from rules.api import SHARED, Analysis, Finding, RuleContext, Shared, build_context, plugin_config
from rules.streams import STREAMS


def _key(error: Any) -> tuple:
    source = error.source or {}
    return (source.get("filename"), source.get("lineno"), error.message)


class _Analyses(Mapping[str, Analysis]):
    """A session's analyses, by stream key, each worked out on first use."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def __getitem__(self, key: str) -> Analysis:
        if key not in _KEYS:
            raise KeyError(key)
        return getattr(self._session, key)

    def __iter__(self) -> Iterator[str]:
        return iter(_KEYS)

    def __len__(self) -> int:
        return len(_KEYS)


_KEYS = tuple(stream.key for stream in STREAMS)


@dataclass
class Session:
    """A ledger's entries with their configuration, redactor and analyses.

    ``config_errors`` are the broken ``cwl-*`` declarations (and a bad
    plugin configuration string): outputs that name payees refuse to publish
    while there are any, for a broken declaration may have held the
    ``individual: TRUE`` that hides a person.
    """

    entries: list[data.Directive]
    errors: list[Any]
    options: dict[str, Any]
    context: RuleContext = field(init=False)
    config_errors: list[Any] = field(init=False)
    _claims_by_period: dict[Period, claims.ClaimsAnalysis] = field(
        init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        shared = self._shared()
        if shared is None:
            context, self.config_errors = build_context(
                self.entries, self.options, plugin_config(self.options))
            # A rule reading another stream's analysis reads the session's.
            self.context = dataclasses.replace(context, analyses=_Analyses(self))
        else:
            self.context, self.config_errors = shared.context, shared.config_errors
            self.__dict__.update(shared.analyses)  # the cached properties, filled
        # Configuration errors once, even when a rule plugin reported them too.
        seen = {_key(e) for e in self.errors}
        self.errors = list(self.errors) + [
            e for e in self.config_errors if _key(e) not in seen]

    def _shared(self) -> Shared | None:
        """What ``rules.all`` worked out on these books, when it holds for
        them: it ran last of the ledger's plugins (a later one may change
        the entries) with the configuration the session would use."""
        shared = self.options.get(SHARED)
        plugins = [name for name, _ in self.options.get("plugin") or []]
        if (not isinstance(shared, Shared) or plugins[-1:] != ["rules.all"]
                or shared.config_str != plugin_config(self.options)):
            return None
        return shared

    @classmethod
    def load(cls, path: str | Path) -> Session:
        """Load ``path`` with the plugins it enables."""
        entries, errors, options = load_books(path)
        return cls(entries, errors, options)

    @property
    def config(self) -> Config:
        return self.context.config

    # -- The analyses ------------------------------------------------------------

    @cached_property
    def payees(self) -> payees.PayeesAnalysis:
        return payees.analyse(self.entries, self.context)

    @cached_property
    def grants(self) -> grants.GrantsAnalysis:
        return grants.analyse(self.entries, self.context)

    @cached_property
    def hardship(self) -> hardship.HardshipAnalysis:
        return hardship.analyse(self.entries, self.context)

    @cached_property
    def vcse(self) -> vcse.VcseAnalysis:
        return vcse.analyse(self.entries, self.context)

    @cached_property
    def takeup(self) -> takeup.TakeupAnalysis:
        return takeup.analyse(self.entries, self.context)

    @cached_property
    def relief(self) -> supplier_relief.ReliefAnalysis:
        return supplier_relief.analyse(self.entries, self.context)

    @cached_property
    def local_spend(self) -> local_spend.LocalSpendAnalysis:
        return local_spend.analyse(self.entries, self.context)

    @cached_property
    def claims(self) -> claims.ClaimsAnalysis:
        return claims.analyse(self.entries, self.context)

    @cached_property
    def social_value(self) -> social_value.SocialValueAnalysis:
        return social_value.analyse(self.entries, self.context)

    @cached_property
    def pots(self) -> pots.PotsAnalysis:
        return pots.analyse(self.entries, self.context)

    @cached_property
    def pledges(self) -> pledges.PledgesAnalysis:
        return pledges.analyse(self.entries, self.context)

    @cached_property
    def hub(self) -> hub.HubAnalysis:
        return hub.analyse(self.entries, self.context)

    @cached_property
    def funds(self) -> funds.FundsAnalysis:
        return funds.analyse(self.entries, self.context)

    @cached_property
    def accommodation(self) -> accommodation.AccommodationAnalysis:
        return accommodation.analyse(self.entries, self.context)

    def prepare(self) -> None:
        """Work every analysis out now (Fava does it while loading), the
        cycle collector paused (``ledger.collector``)."""
        with collector.paused():
            for stream in STREAMS:
                getattr(self, stream.key).prepare()
            for name in ("personal_awards", "_by_meta"):
                getattr(self, name)

    # -- Over part of the books ---------------------------------------------------

    def claims_in(self, period: Period) -> claims.ClaimsAnalysis:
        """The claims rule over the period's transactions only: its cost
        pressures and tranche income are then the period's. Worked out once
        per period: the claim pack and the funding gap both read it."""
        if period not in self._claims_by_period:
            entries = [e for e in self.entries
                       if not is_transaction(e) or e.date in period]
            self._claims_by_period[period] = claims.analyse(entries, self.context)
        return self._claims_by_period[period]

    def social_value_in(self, period: Period) -> social_value.SocialValueAnalysis:
        """Social value with deliveries dated in ``period`` and every
        commitment (commitments run for the contract's term)."""
        return social_value.analyse(self.entries, self.with_deliveries(
            [d for d in self.config.deliveries if d.date in period]))

    def with_deliveries(self, deliveries: list[Any]) -> RuleContext:
        """The rule context with only ``deliveries`` declared."""
        config = dataclasses.replace(self.config, deliveries=deliveries)
        return dataclasses.replace(self.context, config=config)

    @cached_property
    def default_period(self) -> Period:
        return default_period(self.entries)

    @cached_property
    def span(self) -> Period | None:
        """The first to the last transaction's day; None when there is none."""
        days = [e.date for e in self.entries if is_transaction(e)]
        return Period(min(days), max(days)) if days else None

    # -- People ---------------------------------------------------------------------

    @cached_property
    def parse_errors(self) -> list[Any]:
        """Lines Beancount could not parse, and so dropped."""
        return broken_lines.parse_errors(self.errors)

    @property
    def publish_blockers(self) -> list[Any]:
        """The errors that stop an output naming payees unless forced: a
        broken ``cwl-*`` declaration, or a line the parser dropped, may have
        held the ``individual: TRUE`` that hides a person."""
        return self.parse_errors + self.config_errors

    @cached_property
    def redactor(self) -> Redactor:
        """Withholds, beyond the declared individuals, whoever a directive
        the parser dropped named (when an output is forced past it)."""
        return Redactor(self.config, broken_lines.names_in(self.parse_errors))

    @cached_property
    def personal_awards(self) -> frozenset[str]:
        """Award ids never to be named: any transaction on the award's link
        is personal (the award, a payment to a person's bank account...)."""
        return self.redactor.personal_awards(self.entries)

    @cached_property
    def _by_meta(self) -> dict[tuple[str, int], data.Transaction]:
        return {meta_key(e.meta): e for e in self.entries if is_transaction(e)}

    def transaction_at(self, meta: dict[str, Any] | None) -> data.Transaction | None:
        """The transaction a record or finding points at (they carry only
        its ``meta``), or None for a declaration."""
        return self._by_meta.get(meta_key(meta)) if meta else None

    def message(self, finding: Finding) -> str:
        """A finding's message fit to publish: a personal transaction's payee
        and narration, and any individual's name, org-id or bank
        fingerprint, never shown."""
        return self.redactor.redact_message(finding.message,
                                            self.transaction_at(finding.meta))

    def text(self, text: str) -> str:
        """Free text from a declaration (a contract's title), scrubbed."""
        return self.redactor.scrub(text)
