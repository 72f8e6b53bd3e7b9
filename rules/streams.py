"""The five streams the rules read, in the order ``rules.all`` runs them:
one registry for the plugin, the session's analyses and Fava's sections."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from rules import claims, grants, local_spend, social_value, supplier_relief


@dataclass(frozen=True)
class Stream:
    key: str  # the session attribute holding its analysis
    title: str
    rule: ModuleType  # offers analyse, check and plugin (rules.api)


STREAMS = (
    Stream("grants", "Grants", grants),
    Stream("relief", "Supplier relief", supplier_relief),
    Stream("local_spend", "Local spend", local_spend),
    Stream("claims", "Claims", claims),
    Stream("social_value", "Social value", social_value),
)
