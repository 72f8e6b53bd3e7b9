"""What every rule plugin shares: reading the ledger's configuration once,
the plugin's optional configuration string, and error construction.

A rule module defines ``check(entries, context) -> (entries, errors)`` and a
plugin function built by ``as_plugin(check)``; ``rules.all`` calls each
``check`` with one shared ``RuleContext``.
"""

from __future__ import annotations

import collections
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from beancount.core import data
from pydantic import ValidationError

from ledger.config import Config, ConfigError, parse_config
from ledger.models import Settings

RuleError = collections.namedtuple("RuleError", "source message entry")


@dataclass(frozen=True)
class Finding:
    """A broken rule, at the ledger line an officer should open; kept apart
    from its Beancount error so reports can group findings by ``code``."""

    code: str
    message: str
    meta: dict[str, Any]


@dataclass
class RuleContext:
    config: Config
    settings: Settings
    options_map: dict[str, Any]


Check = Callable[[list[data.Directive], RuleContext], tuple[list, list]]


def parse_overrides(config_str: str | None) -> dict[str, str]:
    """``"advance-cap-share=0.3, sfc-rate=0.75"`` -> a dict of overrides."""
    overrides: dict[str, str] = {}
    for part in (config_str or "").replace(";", ",").split(","):
        if not part.strip():
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"'{part.strip()}' should be key=value")
        overrides[key.strip()] = value.strip()
    return overrides


def plugin_config(options_map: dict[str, Any]) -> str | None:
    """The configuration string the ledger gives its rule plugin
    (``plugin "rules.all" "sfc-rate=0.5"``), so reports recompute with the
    settings the rules checked: ``rules.all``'s, else that of the first
    ``rules.*`` plugin given one; None when there is none."""
    plugins = [(name, config) for name, config in options_map.get("plugin") or []
               if str(name).startswith("rules.")]
    for name, config in plugins:
        if name == "rules.all":
            return config
    return next((config for _, config in plugins if config is not None), None)


def build_context(
    entries: list[data.Directive], options_map: dict[str, Any], config_str: str | None
) -> tuple[RuleContext, list]:
    """Parse the ledger's configuration and apply the plugin's overrides.

    Returns the context and any configuration errors (reported once, by
    whoever called this for the whole load).
    """
    config, errors = parse_config(entries)
    settings = config.settings
    try:
        overrides = parse_overrides(config_str)
        if overrides:
            merged = settings.model_dump(by_alias=True) | overrides
            settings = Settings.model_validate(merged).model_copy(
                update={"meta": settings.meta}
            )
    except (ValueError, ValidationError) as exc:
        errors.append(ConfigError(
            {"filename": options_map.get("filename", "<plugin>"), "lineno": 0},
            f"Plugin configuration '{config_str}': {exc}", None))
    return RuleContext(config, settings, options_map), errors


def as_plugin(check: Check) -> Callable:
    """Wrap a rule's ``check`` as a Beancount plugin entry point."""

    def plugin(entries, options_map, config_str=None):
        context, errors = build_context(entries, options_map, config_str)
        entries, rule_errors = check(entries, context)
        return entries, errors + rule_errors

    plugin.__name__ = check.__module__.rsplit(".", 1)[-1]
    plugin.__doc__ = check.__doc__
    return plugin


def error(entry_or_meta: Any, message: str, code: str) -> RuleError:
    """A rule error at an entry's (or a declaration's) file and line.

    ``code`` (e.g. ``grants.amount``) ends the message so officers can filter.
    """
    if isinstance(entry_or_meta, dict):
        meta, entry = entry_or_meta, None
    else:
        meta, entry = entry_or_meta.meta, entry_or_meta
    return RuleError(meta, f"{message} [{code}]", entry)


def gbp(amount: Decimal) -> str:
    """£12,345.00, as officers write it."""
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"
