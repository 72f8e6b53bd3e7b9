"""Loading a ledger: Beancount's loader plus our configuration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from beancount import loader
from beancount.core import data

from ledger.config import Config, parse_config


@dataclass
class LoadedLedger:
    entries: list[data.Directive]
    errors: list[Any]
    options: dict[str, Any]
    config: Config


def _key(error: Any) -> tuple:
    source = error.source or {}
    return (source.get("filename"), source.get("lineno"), error.message)


def load(path: str) -> LoadedLedger:
    """Load ``path`` with the plugins it enables and parse its configuration.

    Configuration errors are added once even when a plugin reported them too.
    """
    entries, errors, options = loader.load_file(path)
    config, config_errors = parse_config(entries)
    seen = {_key(e) for e in errors}
    errors = list(errors) + [e for e in config_errors if _key(e) not in seen]
    return LoadedLedger(entries, errors, options, config)
