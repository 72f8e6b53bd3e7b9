"""Every rule of Community Wealth Ledger in one plugin.

``plugin "rules.all"`` reads the ledger's configuration once and runs each
rule module's ``check`` in turn, so a council enables the whole rule book
with one line and pays for one configuration pass.
"""

from __future__ import annotations

from rules import claims, grants, local_spend, social_value, supplier_relief
from rules.common import build_context

__plugins__ = ("plugin",)

CHECKS = (grants.check, supplier_relief.check, local_spend.check, claims.check,
          social_value.check)


def plugin(entries, options_map, config_str=None):
    """Run every rule with one shared context."""
    context, errors = build_context(entries, options_map, config_str)
    for check in CHECKS:
        entries, rule_errors = check(entries, context)
        errors.extend(rule_errors)
    return entries, errors
