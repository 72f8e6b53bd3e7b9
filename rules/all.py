"""Every rule of Community Wealth Ledger in one plugin.

``plugin "rules.all"`` reads the ledger's configuration once and runs each
rule module's analysis in turn, so a council enables the whole rule book
with one line and pays for one configuration pass. What the rules work out
is left for the session (``rules.session``), so reports and Fava do not
work it out again.
"""

from __future__ import annotations

import dataclasses

from ledger import collector
from rules.api import SHARED, Analysis, Shared, build_context
from rules.hardship import prepare_files
from rules.streams import STREAMS

__plugins__ = ("plugin",)
__all__ = ["plugin", "prepare_files"]  # prepare_files: see ledger.fast_load


def plugin(entries, options_map, config_str=None):
    """Run every rule with one shared context, and leave the analyses in the
    options for the session (``rules.api.Shared``); the cycle collector
    paused meanwhile (``ledger.collector``)."""
    with collector.paused():  # as Fava runs it, inside Beancount's loader
        context, errors = build_context(entries, options_map, config_str)
        analyses: dict[str, Analysis] = {}
        context = dataclasses.replace(context, analyses=analyses)
        shared = Shared(config_str, context, list(errors), analyses)
        for stream in STREAMS:
            analysis = analyses[stream.key] = stream.rule.analyse(entries, context)
            entries = analysis.annotate(entries)
            errors.extend(analysis.errors())
    options_map[SHARED] = shared
    return entries, errors
