"""The demo ledger's reports, rendered once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import PRODUCED, Rendered, pdf_text

from reports.command import write_reports
from reports.models.books import ReportBooks
from reports.registry import REPORTS
from rules.session import Session


@pytest.fixture(scope="session")
def rendered(demo_dir: Path, tmp_path_factory) -> Rendered:
    ledger = Session.load(str(demo_dir / "main.beancount"))
    books = ReportBooks.of(ledger, PRODUCED)
    out = tmp_path_factory.mktemp("reports")
    paths = write_reports(books, list(REPORTS), out)
    pdfs = dict(zip(REPORTS, paths))
    return Rendered(ledger, books, pdfs, {k: pdf_text(p) for k, p in pdfs.items()})
