"""A rule finding as a page shows it: what broke, and a link to the line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from reports.fava.links import SourceLink, source_link
from reports.fava.scope import Scope
from rules.api import Finding
from rules.session import Session


class FindingRow(NamedTuple):
    code: str
    message: str
    source: SourceLink


def finding_rows(findings: Iterable[Finding], scope: Scope,
                 session: Session) -> list[FindingRow]:
    """The whole-ledger findings anchored at an entry the filter kept, their
    messages redacted as the PDFs' are (``Session.message``)."""
    return [FindingRow(f.code, session.message(f), source_link(f.meta))
            for f in findings if scope.keeps(f.meta)]
