"""The extension's sections and the PDF each offers.

A new page is one module under ``pages/``, one template and one line here;
its PDF is a key of ``reports.registry.REPORTS``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reports.fava.pages import claims, grants, hub, local_spend, relief, social_value
from reports.fava.scope import Scope
from rules.session import Session


@dataclass(frozen=True)
class Section:
    key: str  # ?section= value
    title: str
    template: str
    build: Callable[[Scope, Session], Any]
    pdf: str  # key in reports.registry.REPORTS


SECTIONS = {s.key: s for s in (
    Section("grants", "Grants", "cwl_grants.html", grants.build, "grants-panel"),
    Section("relief", "Supplier relief", "cwl_relief.html", relief.build, "relief"),
    Section("local-spend", "Local spend", "cwl_local_spend.html", local_spend.build,
            "balance-sheet"),
    Section("claims", "Claims", "cwl_claims.html", claims.build, "claim"),
    Section("social-value", "Social value", "cwl_social_value.html", social_value.build,
            "social-value"),
    Section("hub", "Hub", "cwl_hub.html", hub.build, "claim"),
)}
DEFAULT = "grants"


def render_pdf(report: str, session: Session, start: datetime.date | None,
               end: datetime.date | None, produced: datetime.date) -> bytes:
    """The report's PDF over ``start`` to ``end`` (default: the financial
    year with most transactions), built by the reports package.

    Imported here, not at the top, so the pages work where WeasyPrint's
    system libraries are missing.
    """
    from reports.models.books import ReportBooks
    from reports.pdf.renderer import render_pdf as render
    from reports.registry import REPORTS

    return render(REPORTS[report].build(ReportBooks.of(session, produced, start, end)))
