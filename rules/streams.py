"""The five streams the rules read, in the order ``rules.all`` runs them:
one registry for the plugin, the session's analyses and Fava's sections."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from rules import claims, grants, local_spend, social_value, supplier_relief


@dataclass(frozen=True)
class Stream:
    key: str  # the session attribute holding its analysis
    rule: ModuleType  # offers analyse, check and plugin (rules.api)


STREAMS = (
    Stream("grants", grants),
    Stream("relief", supplier_relief),
    Stream("local_spend", local_spend),
    Stream("claims", claims),
    Stream("social_value", social_value),
)
