"""What rule tests share: the codes and lines of errors, the line of an
entry or declaration, and a rule's analysis of books loaded in a test."""

from __future__ import annotations

import re
import textwrap
from types import ModuleType
from typing import Any

from beancount.core import data

from rules.api import build_context

_CODE = re.compile(r"\[([\w.-]+)\]$")


def codes(errors: list) -> list[str]:
    """The rule codes of ``errors``, in order (``[grants.amount]`` -> ``grants.amount``)."""
    return [m.group(1) for e in errors if (m := _CODE.search(e.message))]


def code_lines(errors: list) -> list[tuple[str, int]]:
    """(code, line) of each error, as officers filter them."""
    return [(_CODE.search(e.message).group(1), e.source["lineno"]) for e in errors]


def lineno(test: Any, text: str) -> int:
    """The line of ``text`` in the ledger written in ``test``'s docstring."""
    lines = textwrap.dedent(test.__input__).split("\n")
    return next(n for n, line in enumerate(lines, 1) if text in line)


def line_of(entries: list, narration: str) -> int:
    """The line of the transaction with ``narration``."""
    for entry in entries:
        if isinstance(entry, data.Transaction) and entry.narration == narration:
            return entry.meta["lineno"]
    raise AssertionError(f"no transaction '{narration}'")


def line_of_declaration(entries: list, kind: str, name: str) -> int:
    """The line of the ``custom "<kind>" "<name>"`` declaration."""
    for entry in entries:
        if (isinstance(entry, data.Custom) and entry.type == kind
                and entry.values[0].value == name):
            return entry.meta["lineno"]
    raise AssertionError(f"no {kind} '{name}'")


def analyse(rule: ModuleType, entries: list, options_map: dict) -> Any:
    """``rule.analyse`` over the entries, through the rules' public API."""
    context, _ = build_context(entries, options_map, None)
    return rule.analyse(entries, context)
