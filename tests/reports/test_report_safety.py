"""Ledger text is data, never markup: hostile payee names print as text and
the renderer fetches nothing outside its own templates folder."""

from __future__ import annotations

import datetime
import textwrap
from pathlib import Path

import pytest
from report_helpers import pdf_text, squeeze

from reports.models import grants_panel, social_value
from reports.models.books import ReportBooks
from reports.pdf.renderer import TEMPLATES, TemplatesOnlyFetcher, render_pdf
from rules.session import Session

IMG = '<img src="file:///etc/passwd">'
URL = "http://example.invalid/pixel.png"
QUOTED_IMG = IMG.replace('"', '\\"')  # as a Beancount string

LEDGER = textwrap.dedent(f"""\
    option "operating_currency" "GBP"

    2020-01-01 custom "cwl-settings" "GB-LAE-TST"
      name: "Testshire Council"

    2020-01-01 custom "cwl-area" "Testshire"
      own: "LA1"

    2020-01-01 custom "cwl-organisation" "GB-COH-00000001"
      name: "{QUOTED_IMG}"
      postcode: "LA1 1AA"

    2020-01-01 custom "cwl-organisation" "GB-COH-00000002"
      name: "{URL}"
      postcode: "LA1 1AB"

    2020-04-01 custom "cwl-scheme" "SBGF"
      title: "Small Business Grant Fund <script>alert(1)</script>"
      opens: 2020-04-01
      closes: 2020-09-30
      amounts: "10000"

    2020-01-01 custom "cwl-contract" "CON-1"
      supplier: "GB-COH-00000002"
      title: "Cleaning"
      value: 1000.00 GBP
      start: 2020-01-01

    2020-01-01 custom "cwl-measure" "VOL"
      title: "Volunteering hours"
      unit: "hours"
      proxy: 17.00 GBP

    2020-01-01 custom "cwl-commitment" "CON-1"
      measure: "VOL"
      quantity: 10

    2020-01-01 open Assets:Bank:Current GBP
    2020-01-01 open Expenses:Grants:SBGF GBP
    2020-01-01 open Liabilities:GrantsPayable:SBGF GBP
    2020-01-01 open Expenses:Services:Cleaning GBP
    2020-01-01 open Equity:Opening-Balances GBP

    2020-04-01 * "Opening"
      Assets:Bank:Current  50000.00 GBP
      Equity:Opening-Balances

    2020-04-10 * "{QUOTED_IMG}" "SBGF award" ^award-SBGF-1
      scheme: "SBGF"
      org-id: "GB-COH-00000001"
      Expenses:Grants:SBGF  10000.00 GBP
      Liabilities:GrantsPayable:SBGF

    2020-04-12 * "{URL}" "SBGF award" ^award-SBGF-2
      scheme: "SBGF"
      org-id: "GB-COH-00000002"
      Expenses:Grants:SBGF  10000.00 GBP
      Liabilities:GrantsPayable:SBGF

    2020-05-01 * "{URL}" "Cleaning"
      org-id: "GB-COH-00000002"
      Expenses:Services:Cleaning  250.00 GBP
      Assets:Bank:Current
    """)


class RecordingFetcher(TemplatesOnlyFetcher):
    """Our fetcher, noting every URL WeasyPrint asks for."""

    def __init__(self) -> None:
        super().__init__()
        self.requested: list[str] = []

    def fetch(self, url, headers=None):
        self.requested.append(url)
        return super().fetch(url, headers)


@pytest.fixture
def hostile_books(tmp_path: Path) -> ReportBooks:
    path = tmp_path / "main.beancount"
    path.write_text(LEDGER, encoding="utf-8")
    loaded = Session.load(str(path))
    assert not [e for e in loaded.errors if "Syntax" in type(e).__name__]
    return ReportBooks.of(loaded, datetime.date(2025, 1, 1))


def test_hostile_names_print_as_text_and_nothing_is_fetched(hostile_books: ReportBooks) -> None:
    for build in (grants_panel.build, social_value.build):
        fetcher = RecordingFetcher()
        text = squeeze(pdf_text(render_pdf(build(hostile_books), url_fetcher=fetcher)))
        for url in fetcher.requested:
            assert fetcher.allowed(url) is not None, f"fetched {url}"
        assert fetcher.requested == [(TEMPLATES / "report.css").as_uri()]
        if build is grants_panel.build:
            assert squeeze(IMG) in text
            assert squeeze("<script>alert(1)</script>") in text
        assert URL in text


def test_fetcher_refuses_everything_but_templates(tmp_path: Path) -> None:
    fetcher = TemplatesOnlyFetcher()
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    for url in ("file:///etc/passwd", URL, "https://example.invalid/a.css",
                secret.as_uri(), (TEMPLATES / ".." / "renderer.py").as_uri(),
                "data:text/css,body{}"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert b"@page" in fetcher.fetch((TEMPLATES / "report.css").as_uri()).read()
