"""What every PDF must be: tied to the exact books, numbered, drawn (no blank
pages), free of individuals' names, and the same twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pypdf import PdfWriter
from report_helpers import PRODUCED, Rendered, page_variances, pdf_text, squeeze

from reports.command import write_reports
from reports.registry import REPORTS


def expected_digest(rendered: Rendered) -> str:
    """``sha256sum main.beancount <included files> | sha256sum``, by hand."""
    main = Path(rendered.ledger.options["filename"])
    files = [main] + sorted(Path(p) for p in rendered.ledger.options["include"]
                            if Path(p) != main)
    lines = "".join(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  "
                    f"{f.relative_to(main.parent)}\n" for f in files)
    return hashlib.sha256(lines.encode()).hexdigest()


def test_title_page(rendered: Rendered) -> None:
    digest = expected_digest(rendered)
    for name, text in rendered.texts.items():
        first = squeeze(text.split("Page 2 of")[0])
        assert "LunesdaleDistrictCouncil" in first, name
        assert "1April2020to31March2021" in first, name
        assert f"Producedon{PRODUCED:%-d%B%Y}" in first, name
        assert digest in first, name
        assert "Page 1 of" in text


def test_pages_are_not_blank(rendered: Rendered) -> None:
    for name, pdf in rendered.pdfs.items():
        variances = page_variances(pdf)
        assert len(variances) >= 2, name
        for number, variance in enumerate(variances, 1):
            assert variance > 20, f"{name} page {number} looks blank (variance {variance:.1f})"


def test_a_blank_page_is_seen_as_blank(tmp_path: Path) -> None:
    """The page check above can fail: an empty A4 page rasterises to one grey."""
    blank = tmp_path / "blank.pdf"
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.write(blank)
    assert page_variances(blank) == [0.0]


def test_individuals_are_never_named(rendered: Rendered) -> None:
    people = [o for o in rendered.books.config.organisations.values() if o.individual]
    assert people
    everything = squeeze("".join(rendered.texts.values()))
    for person in people:
        assert squeeze(person.name) not in everything
    assert "Individuals(" in squeeze(rendered.texts["grants-panel"])


def test_same_ledger_same_text(rendered: Rendered, tmp_path: Path) -> None:
    again = write_reports(rendered.books, list(REPORTS), tmp_path)
    for name, path in zip(REPORTS, again):
        assert pdf_text(path) == rendered.texts[name], name
