"""How the reports read: long id lists in natural order and never broken,
no mostly-empty pages."""

from __future__ import annotations

import pytest
from report_helpers import Rendered, page_fills

from reports.models.tables import natural_key
from reports.registry import REPORTS

# A page (but the title page and the last) printed less far down than this
# is mostly empty: a forced break or a block pushed to the next page.
LEAST_FILL = 0.6


def test_natural_order():
    ids = ["SBGF-10", "SBGF-2", "sbgf-1", "LRSG-Nov20-3", "SBGF-0009"]
    assert sorted(ids, key=natural_key) == [
        "LRSG-Nov20-3", "sbgf-1", "SBGF-2", "SBGF-0009", "SBGF-10"]


def test_clear_award_ids_in_natural_order_and_whole(rendered: Rendered):
    report = REPORTS["grants-panel"].build(rendered.books)
    assert report.clear_ids
    words = set(rendered.texts["grants-panel"].split())
    for listed in report.clear_ids:
        assert list(listed.ids) == sorted(listed.ids, key=natural_key)
        assert len(listed.ids) >= 5 or (not listed.ids and "not listed" in listed.note)
        # Each id is one word of the PDF's text: never split over two lines.
        assert set(listed.ids) <= words, listed.title
    # People's awards are counted, never listed.
    table = {r["scheme"]: r for r in report.clear_awards.rows}
    for listed in report.clear_ids:
        scheme = listed.title.split(":")[0]
        assert len(listed.ids) + table[scheme]["people"] == table[scheme]["count"]


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_no_mostly_empty_pages(rendered: Rendered, name: str):
    fills = page_fills(rendered.pdfs[name])
    thin = [(n, round(f, 2)) for n, f in enumerate(fills[1:-1], 2) if f < LEAST_FILL]
    assert thin == [], f"{name}: pages (number, fill) mostly empty: {thin}"


def test_a_mostly_empty_page_is_seen(tmp_path):
    """The measure itself: a page with one line at the top is nearly empty."""
    from weasyprint import HTML

    path = tmp_path / "thin.pdf"
    HTML(string="<style>@page{size:A4;margin:18mm 15mm 20mm}</style>"
                "<p>one line</p><p style='break-before:page'>next</p>").write_pdf(path)
    first, last = page_fills(path)
    assert first < 0.1 and last < 0.1
