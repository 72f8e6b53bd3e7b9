"""The rules, in the order ``rules.all`` runs them: the payees every
stream shares, then the streams of money. One registry for the plugin
and the session's analyses."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

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


@dataclass(frozen=True)
class Stream:
    key: str  # the session attribute holding its analysis
    rule: ModuleType  # offers analyse, check and plugin (rules.api)


STREAMS = (
    Stream("payees", payees),
    Stream("grants", grants),
    Stream("hardship", hardship),
    Stream("vcse", vcse),
    Stream("takeup", takeup),
    Stream("relief", supplier_relief),
    Stream("local_spend", local_spend),
    Stream("claims", claims),
    Stream("social_value", social_value),
    Stream("pots", pots),
    Stream("pledges", pledges),
    Stream("hub", hub),
    Stream("funds", funds),
    Stream("accommodation", accommodation),
)
