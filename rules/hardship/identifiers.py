"""Raw personal identifiers that must never be in the books.

A hardship payment is matched across funds by salted hashes
(``person-ref``, ``household-ref``, ``bank-fingerprint``); an officer who
pastes the National Insurance number, sort code or account number into a
narration or a metadata value publishes it to everyone who reads the books.
This module spots text that looks like one, without echoing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

# Two letters, six digits (spaces allowed in pairs), a letter A-D.
_NI = r"(?P<ni>\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b)"
# 12-34-56; an ISO date (2020-04-01) never matches: its year has four digits.
_SORT_CODE = r"(?P<sort>(?<![\d-])\d{2}-\d{2}-\d{2}(?![\d-]))"
# Eight digits alone: a bank account number. Only looked for on payments to
# people, where an account number has no business; elsewhere eight digits
# are company numbers, invoice numbers and the like.
_ACCOUNT = r"(?P<account>(?<![\w-])\d{8}(?![\w-]))"

EVERYWHERE = re.compile(f"{_NI}|{_SORT_CODE}")
ON_PAYMENTS_TO_PEOPLE = re.compile(f"{_NI}|{_SORT_CODE}|{_ACCOUNT}")

KINDS = {"ni": "a National Insurance number", "sort": "a sort code",
         "account": "a bank account number"}
# Keys that are ids by design (org-ids, company numbers, file provenance).
_SKIPPED = frozenset({"filename", "lineno", "org-id", "company-number", "charity-number",
                      "source-id", "transaction-number", "invoice-number", "supplier-id",
                      "vat-number", "bank-fingerprint", "person-ref", "household-ref"})


# A quoted string (escaped quotes and newlines allowed), matched beside
# comments so that a quote in a comment pairs with nothing.
_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"|;[^\n]*')
# A bare metadata value, which the parser reads as a currency or account.
_BARE = re.compile(r":[ \t]+([A-Z][^\s;\"]*)")
# The key of a metadata line, up to a value.
_KEY = re.compile(r'[ \t]+([\w-]+):[ \t]*"?$')


def _texts(meta: Mapping[str, Any] | None) -> Iterable[tuple[str, str]]:
    for key, value in (meta or {}).items():
        if isinstance(value, str) and key not in _SKIPPED and not key.startswith("__"):
            yield key, value


def raw_identifiers(fields: Iterable[tuple[str, str]],
                    pattern: re.Pattern[str]) -> list[str]:
    """Where ``fields`` (name, text) hold something like a raw identifier:
    ``"narration: a sort code"``; empty when none does."""
    found = []
    for name, text in fields:
        for match in pattern.finditer(text):
            what = f"{name}: {KINDS[match.lastgroup]}"
            if what not in found:
                found.append(what)
    return found


def suspect_directives(text: str) -> set[tuple[int, str]]:
    """The directives of a books file's ``text`` where something the parser
    may read as text (a quoted string, or a bare metadata value: a currency
    or account word) looks like a raw identifier of any kind, under a key
    not skipped; as their first line and date as written. Only these
    directives need their fields read: a few regular expressions over the
    file instead of a Python pass over every entry's metadata (0.4 s at
    100k transactions). A directive's first
    line is the nearest above that starts with a date; a line of a string
    over several lines may start with one too, and then the guess names no
    directive (the reader finds out and falls back)."""
    found = set()
    for line, start in _suspects(text):
        begin = text.rfind("\n", 0, start) + 1
        while begin > 0 and not text[begin:begin + 1].isdigit():
            begin = text.rfind("\n", 0, begin - 1) + 1
            line -= 1
        found.add((line, text[begin:begin + 10]))
    return found


def _suspects(text: str) -> Iterable[tuple[int, int]]:
    """(line, position) of each suspect text, in order."""
    for pattern in (_QUOTED, _BARE):
        found = {t for t in set(pattern.findall(text)) if t and ON_PAYMENTS_TO_PEOPLE.search(t)}
        if not found:
            continue
        line, counted = 1, 0
        for match in pattern.finditer(text):
            if match.group(1) not in found:
                continue
            start = match.start(1)
            key = _KEY.match(text, text.rfind("\n", 0, start) + 1, start)
            if key is not None and key.group(1) in _SKIPPED:
                continue
            line += text.count("\n", counted, start)
            counted = start
            yield line, start


def entry_fields(entry: Any) -> list[tuple[str, str]]:
    """The free text of a transaction (payee, narration, its metadata and
    its postings') or a declaration (its metadata and values)."""
    fields = list(_texts(entry.meta))
    if hasattr(entry, "postings"):
        for label in ("payee", "narration"):
            text = getattr(entry, label, None)
            if text:
                fields.append((label, text))
        for posting in entry.postings:
            fields.extend(_texts(posting.meta))
    else:
        fields.extend(("value", v.value) for v in getattr(entry, "values", None) or ()
                      if isinstance(v.value, str))
    return fields
