"""Helpers for the report tests: PDF text, and the rendered demo reports with a
beanquery connection on the same books to check their figures against."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

import beanquery
import pypdfium2
from PIL import ImageStat
from pypdf import PdfReader

from reports.models.books import ReportBooks
from rules.session import Session

PRODUCED = datetime.date(2025, 1, 1)
START, END = datetime.date(2020, 4, 1), datetime.date(2021, 3, 31)


def pdf_text(path: Path | bytes) -> str:
    data = path if isinstance(path, bytes) else path.read_bytes()
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_variances(path: Path, dpi: int = 20) -> list[float]:
    """Each page rasterised in grey at ``dpi`` (by PDFium, from pip: no
    system tool), as the variance of its pixels: near 0 is a blank page."""
    document = pypdfium2.PdfDocument(path)
    try:
        variances = []
        for index in range(len(document)):
            page = document[index]
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            variances.append(ImageStat.Stat(image).var[0])
            page.close()
        return variances
    finally:
        document.close()


def page_fills(path: Path, dpi: int = 20) -> list[float]:
    """How far down its content area each page is printed, 0 to 1: the
    last row with ink between the top and bottom margins (18 mm and
    20 mm, where the running header and footer sit) over the area's height."""
    document = pypdfium2.PdfDocument(path)
    try:
        fills = []
        for index in range(len(document)):
            page = document[index]
            height_mm = page.get_height() / 72 * 25.4
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            per_mm = image.height / height_mm
            top, bottom = int(18 * per_mm), image.height - int(20 * per_mm)
            content = image.crop((0, top, image.width, bottom)).point(
                lambda v: 255 if v < 200 else 0)
            box = content.getbbox()
            fills.append(box[3] / content.height if box else 0.0)
        return fills
    finally:
        document.close()


def squeeze(text: str) -> str:
    """Text without whitespace: table cells wrap lines anywhere."""
    return "".join(text.split())


@dataclass
class Rendered:
    ledger: Session
    books: ReportBooks
    pdfs: dict[str, Path]
    texts: dict[str, str]

    def query(self, sql: str):
        connection = beanquery.connect("beancount:", entries=self.ledger.entries,
                                       errors=self.ledger.errors, options=self.ledger.options)
        return connection.execute(sql).fetchall()

    def total(self, where: str) -> object:
        """``sum(number)`` of the postings matching ``where`` in the period."""
        rows = self.query(f"SELECT sum(number) WHERE date >= {START} AND date <= {END} "
                          f"AND ({where})")
        return rows[0][0]
