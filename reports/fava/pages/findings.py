"""A rule finding as a page shows it: what broke, and a link to the line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple, Protocol

from reports.fava.links import SourceLink, source_link
from reports.fava.scope import Scope, WholeLedger


class _Found(Protocol):
    code: str
    message: str
    meta: dict[str, Any]


class FindingRow(NamedTuple):
    code: str
    message: str
    source: SourceLink


def finding_rows(findings: Iterable[_Found], scope: Scope,
                 whole: WholeLedger) -> list[FindingRow]:
    """The whole-ledger findings anchored at an entry the filter kept, their
    messages redacted as the PDFs' are (``WholeLedger.message``)."""
    return [FindingRow(f.code, whole.message(f.message, f.meta), source_link(f.meta))
            for f in findings if scope.keeps(f.meta)]
