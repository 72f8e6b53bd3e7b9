"""What every PDF must be: tied to the exact books, numbered, drawn (no blank
pages), free of individuals' names, and the same twice."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from report_helpers import PRODUCED, Rendered, pdf_text, squeeze

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


@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="pdftoppm not installed (Debian poppler-utils; .ci/run installs it)")
def test_pages_are_not_blank(rendered: Rendered, tmp_path: Path) -> None:
    for name, pdf in rendered.pdfs.items():
        prefix = tmp_path / name
        subprocess.run(["pdftoppm", "-r", "20", "-gray", "-png", str(pdf), str(prefix)],
                       check=True)
        pages = sorted(tmp_path.glob(f"{name}-*.png"))
        assert pages, name
        for page in pages:
            variance = ImageStat.Stat(Image.open(page)).var[0]
            assert variance > 20, f"{page.name} looks blank (variance {variance:.1f})"


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
