"""Stable ``source-id`` values, so re-importing a row adds nothing.

An id is built from what the row says, never from where the file lies:
the file kind, the publisher's own reference when there is one, and a hash
of the row's cleaned cells. Identical rows in one file are told apart by
their occurrence (``-2``, ``-3``), which is stable across re-imports too.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter

_UNSAFE = re.compile(r"[^A-Za-z0-9._/-]+")


def sanitise(text: str) -> str:
    """Characters safe in a link or id: ``VSG 1342/a`` -> ``VSG-1342/a``."""
    return _UNSAFE.sub("-", text).strip("-")


def content_hash(cells: list[str]) -> str:
    return hashlib.sha1("\x1f".join(cells).encode("utf-8")).hexdigest()[:12]


class SourceIds:
    """Hands out ids for one file, counting repeats of identical rows."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._seen: Counter[str] = Counter()

    def make(self, reference: str, cells: list[str]) -> str:
        base = "-".join(p for p in (self.kind, sanitise(reference), content_hash(cells)) if p)
        self._seen[base] += 1
        count = self._seen[base]
        return base if count == 1 else f"{base}-{count}"
