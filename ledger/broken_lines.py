"""Who a directive Beancount could not parse may have named.

A syntax slip inside a ``cwl-organisation`` (an unquoted ``yes``) makes the
parser drop the whole directive, ``individual: TRUE`` with it, and nothing
else in the books says the payee is a person. So outputs refuse books with
parse errors; when forced, they withhold whatever payee, name, id or postcode
the broken directive wrote, as if it declared a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from beancount.parser.grammar import ParserError, ParserSyntaxError
from beancount.parser.lexer import LexerError

PARSE_ERRORS = (LexerError, ParserError, ParserSyntaxError)

_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
# The metadata values that name a payee.
_NAMING_KEYS = re.compile(r"^\s+(name|payee|org-id|postcode|bank-fingerprint)\s*:")
# A transaction's first line: its first string is the payee, the last the
# narration (which says what, not who).
_TRANSACTION = re.compile(r"^\d{4}-\d{2}-\d{2}\s+(\*|!|txn|[A-Z#%&?])\s")
_DIRECTIVE = re.compile(r"^\S")


def parse_errors(errors: Iterable[Any]) -> list[Any]:
    """The errors that mean the parser dropped some text."""
    return [e for e in errors if isinstance(e, PARSE_ERRORS)]


def names_in(errors: Iterable[Any]) -> set[str]:
    """Every payee, name, org-id and postcode written in the directives the
    parse ``errors`` point into."""
    names: set[str] = set()
    files: dict[str, list[str]] = {}
    for error in parse_errors(errors):
        source = error.source or {}
        filename, lineno = source.get("filename"), source.get("lineno")
        if not filename or not lineno:
            continue
        if filename not in files:
            try:
                files[filename] = Path(filename).read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                files[filename] = []
        names |= _named(_directive_around(files[filename], int(lineno) - 1))
    return {n for n in names if n.strip()}


def _directive_around(lines: list[str], index: int) -> list[str]:
    """The directive holding line ``index``: back to its first line, on
    over its indented lines."""
    if not 0 <= index < len(lines):
        return []
    start = index
    while start > 0 and not _DIRECTIVE.match(lines[start]):
        start -= 1
    end = index + 1
    while end < len(lines) and not _DIRECTIVE.match(lines[end]):
        end += 1
    return lines[start:end]


def _named(directive: list[str]) -> set[str]:
    if not directive:
        return set()
    first, *rest = directive
    strings = _QUOTED.findall(first)
    if _TRANSACTION.match(first):
        strings = strings[:-1]  # the narration
    names = {s for s in strings if not s.startswith("cwl-")}
    for line in rest:
        if _NAMING_KEYS.match(line):
            names.update(_QUOTED.findall(line))
    return names
