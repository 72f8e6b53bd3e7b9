"""Render one page of each demo report into ``docs/images/``, the pictures
``docs/reports.md`` shows. Run it after changing a report's layout:

    .venv/bin/python docs/render_pages.py

It writes the demo into a temporary folder, renders every report and saves
the chosen page of each at 72 dpi (PDFium, from pip).
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pypdfium2

from ledger.demo.generator import generate
from reports.command import write_reports
from reports.models.books import ReportBooks
from reports.registry import REPORTS
from rules.session import Session

IMAGES = Path(__file__).resolve().parent / "images"
# The page that shows each report best (0 is the title page).
PAGES = {"social-value": 1, "balance-sheet": 2, "claim": 3, "grants-panel": 2, "relief": 1}
PRODUCED = datetime.date(2021, 4, 30)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        books = Path(folder) / "demo"
        generate(books)
        session = Session.load(books / "main.beancount")
        paths = write_reports(ReportBooks.of(session, PRODUCED), list(REPORTS),
                              Path(folder))
        IMAGES.mkdir(exist_ok=True)
        for key, path in zip(REPORTS, paths):
            document = pypdfium2.PdfDocument(path)
            page = document[PAGES[key]]
            page.render(scale=1.0).to_pil().convert("RGB").save(IMAGES / f"{key}.png",
                                                                optimize=True)
            page.close()
            document.close()
            print(IMAGES / f"{key}.png")


if __name__ == "__main__":
    main()
