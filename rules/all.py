"""Every rule of Community Wealth Ledger in one plugin.

``plugin "rules.all"`` reads the ledger's configuration once and runs each
rule module's ``check`` in turn, so a council enables the whole rule book
with one line and pays for one configuration pass.
"""

from __future__ import annotations

from rules.api import build_context
from rules.streams import STREAMS

__plugins__ = ("plugin",)


def plugin(entries, options_map, config_str=None):
    """Run every rule with one shared context."""
    context, errors = build_context(entries, options_map, config_str)
    for stream in STREAMS:
        entries, rule_errors = stream.rule.check(entries, context)
        errors.extend(rule_errors)
    return entries, errors
