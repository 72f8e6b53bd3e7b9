"""The extension's sections and the PDF each offers.

A new page is one module under ``pages/``, one template and one line here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from beancount.core import data

from reports.fava.pages import claims, grants, local_spend, relief, social_value
from reports.fava.scope import Scope, WholeLedger


@dataclass(frozen=True)
class Section:
    key: str  # ?section= value
    title: str
    template: str
    build: Callable[[Scope, WholeLedger], Any]
    pdf: str | None  # key in PDFS


@dataclass(frozen=True)
class PdfReport:
    key: str
    title: str
    filename: str
    model: str  # module under reports.models with a build(Books)


SECTIONS = {s.key: s for s in (
    Section("grants", "Grants", "cwl_grants.html", grants.build, "grants-panel"),
    Section("relief", "Supplier relief", "cwl_relief.html", relief.build, "balance-sheet"),
    Section("local-spend", "Local spend", "cwl_local_spend.html", local_spend.build,
            "balance-sheet"),
    Section("claims", "Claims", "cwl_claims.html", claims.build, "claim"),
    Section("social-value", "Social value", "cwl_social_value.html", social_value.build,
            "social-value"),
)}
DEFAULT = "grants"

PDFS = {p.key: p for p in (
    PdfReport("grants-panel", "Grants panel report", "grants-panel.pdf", "grants_panel"),
    PdfReport("balance-sheet", "Community wealth balance sheet", "balance-sheet.pdf",
              "balance_sheet"),
    PdfReport("claim", "Claim pack", "claim-pack.pdf", "claim_pack"),
    PdfReport("social-value", "Social value report", "social-value.pdf", "social_value"),
)}


def render_pdf(report: PdfReport, entries: list[data.Directive], errors: list[Any],
               options: dict[str, Any], start: datetime.date | None,
               end: datetime.date | None, produced: datetime.date) -> bytes:
    """The report's PDF over ``start`` to ``end`` (default: the financial
    year with most transactions), built by the reports package.

    Imported here, not at the top, so the pages work where WeasyPrint's
    system libraries are missing.
    """
    import importlib

    from reports.models.common import Books, Period, default_period
    from reports.pdf.renderer import render_pdf as render

    default = default_period(entries)
    books = Books(list(entries), errors, options,
                  Period(start or default.start, end or default.end), produced)
    model = importlib.import_module(f"reports.models.{report.model}")
    return render(model.build(books))
