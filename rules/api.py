"""The rules' public API: what every rule module offers, and the one shape
of a finding.

Each rule module (``grants``, ``supplier_relief``, ``local_spend``,
``claims``, ``social_value``) offers three names and nothing else is for
use outside ``rules/``:

- ``analyse(entries, context) -> <Stream>Analysis``: a dataclass holding
  the stream's records and ``findings: list[Finding]``; it changes nothing.
  Reports, Fava pages and exports read a stream through it (by way of
  ``rules.session.Session``), so a published figure is the figure the rule
  checked;
- ``check(entries, context)``: the same two lines in every rule;
- ``plugin``: the Beancount entry point, ``as_plugin(check)``.

A finding's ``code`` (``grants.amount``) is a field: nothing parses it out
of a message. Beancount sees each finding as an error whose message ends
``[code]``, so officers can filter ``cwl check`` and Fava's Errors page.
"""

from __future__ import annotations

import collections
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from beancount.core import data
from pydantic import ValidationError

from ledger.config import Config, ConfigError, parse_config
from ledger.models import Settings
from ledger.transactions import Transactions

RuleError = collections.namedtuple("RuleError", "source message entry")


@dataclass(frozen=True, eq=False)
class Finding:
    """A broken rule, at the ledger line an officer should open.

    ``meta`` is the entry's or declaration's (it carries ``filename`` and
    ``lineno``); ``concerns`` is the id of the award, contract, claim or
    organisation the finding is about, when it is about one.
    """

    code: str
    message: str
    meta: dict[str, Any]
    concerns: str | None = None

    def error(self) -> RuleError:
        """The finding as Beancount reports errors."""
        return RuleError(self.meta, f"{self.message} [{self.code}]", None)


def finding(entry_or_meta: Any, message: str, code: str,
            concerns: str | None = None) -> Finding:
    """A finding at an entry's (or a declaration's) file and line; the
    metadata may be Beancount's dict or uromyces' read-only mapping."""
    meta = entry_or_meta if isinstance(entry_or_meta, Mapping) else entry_or_meta.meta
    return Finding(code, message, meta, concerns)


class Analysis:
    """What every stream's analysis offers ``check``: its findings as
    Beancount errors, and the entries as the rule leaves them."""

    findings: list[Finding]

    def errors(self) -> list[RuleError]:
        return [f.error() for f in self.findings]

    def annotate(self, entries: list[data.Directive]) -> list[data.Directive]:
        """The entries with whatever the rule writes on them: nothing, but
        for local spend's ``local-class``."""
        return entries

    def prepare(self) -> None:
        """Work out now what the analysis would work out on first use (Fava
        does it while loading): nothing, but for local spend's payments."""


@dataclass
class RuleContext:
    config: Config
    settings: Settings
    options_map: dict[str, Any]
    # The analyses already worked out on these entries, by stream key:
    # ``rules.all`` fills it as it goes, so a rule that reads another
    # stream's (pledges read local spend) does not work it out again.
    analyses: Mapping[str, Analysis] = field(default_factory=dict)
    _indexed: tuple[list, Transactions] | None = field(default=None, repr=False,
                                                       compare=False)
    _once: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def transactions(self, entries: list[data.Directive]) -> Transactions:
        """``entries``' transactions, indexed once however many rules ask
        (``ledger.transactions``)."""
        indexed = self._indexed  # read once: Fava may ask from two threads
        if indexed is None or indexed[0] is not entries:
            indexed = self._indexed = (entries, Transactions(entries))
        return indexed[1]

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()``, worked out once for these books (the context is one
        load's): what a rule reads from the books' files, say."""
        if key not in self._once:
            self._once[key] = make()
        return self._once[key]


# The options key under which ``rules.all`` leaves what it worked out.
SHARED = "cwl-shared"


@dataclass(eq=False)
class Shared:
    """What ``rules.all`` worked out while Beancount loaded the books: the
    context, the configuration errors and each stream's analysis, keyed by
    ``rules.streams`` key. ``rules.session.Session`` takes them over rather
    than running every rule a second time. Never pickled with the options
    (Beancount's load cache): a cached load leaves an empty dict, and the
    session works the analyses out itself."""

    config_str: str | None
    context: RuleContext
    config_errors: list[Any]
    analyses: dict[str, Analysis]

    def __reduce__(self) -> tuple[type, tuple]:
        return dict, ()


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


def gbp(amount: Decimal) -> str:
    """£12,345.00, as officers write it."""
    sign = "-" if amount < 0 else ""
    return f"{sign}£{abs(amount):,.2f}"
