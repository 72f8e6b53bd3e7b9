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


_LOCATION_ONLY = 2  # filename and lineno


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


def entry_text(entry: Any, postings: list[Any] | None = None) -> str:
    """All of ``entry_fields``' text in one string: one search per entry,
    the fields worked out only for the few entries it finds something in.
    ``postings`` are a transaction's, when the caller has them already."""
    parts = [v for k, v in entry.meta.items() if v.__class__ is str and k not in _SKIPPED]
    if postings is not None or hasattr(entry, "postings"):
        parts += (entry.payee or "", entry.narration or "")
        for posting in entry.postings if postings is None else postings:
            meta = posting.meta
            # Most postings carry only their filename and line.
            if meta and len(meta) > _LOCATION_ONLY:
                parts += [v for k, v in meta.items() if v.__class__ is str and k not in _SKIPPED]
    else:
        parts += [v.value for v in getattr(entry, "values", None) or ()
                  if isinstance(v.value, str)]
    return "\n".join(parts)


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
