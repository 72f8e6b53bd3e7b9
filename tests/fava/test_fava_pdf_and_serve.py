"""The PDF downloads behind each page, and ``cwl serve``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fava_pages import PAGE, fava_demo

from cli import main as cli
from reports.fava import command
from reports.registry import REPORTS


def _renderer_ready() -> str | None:
    """Why the reports renderer cannot run here, or None when it can."""
    try:
        import reports.pdf.renderer  # noqa: F401
    except (ImportError, OSError) as exc:  # WeasyPrint's system libraries
        return f"reports renderer not available: {exc}"
    return None


needs_renderer = pytest.mark.skipif(_renderer_ready() is not None,
                                    reason=_renderer_ready() or "")


@needs_renderer
@pytest.mark.parametrize("report", sorted(REPORTS))
def test_pdf_download_covers_the_filtered_period(demo, report):
    from pypdf import PdfReader

    url = PAGE.format(slug=demo.slug) + f"pdf?report={report}&time=2020-06"
    response = demo.client.get(url)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert REPORTS[report].filename in response.headers["Content-Disposition"]
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    assert "1 June 2020 to 30 June 2020" in " ".join(text.split())


def test_pdf_of_an_unknown_report_is_a_bad_request(demo):
    response = demo.client.get(PAGE.format(slug=demo.slug) + "pdf?report=nope")
    assert response.status_code == 400


def test_serve_defaults_to_local_and_read_only():
    args = cli.parser("serve").parse_args(["serve"])
    assert (args.host, args.port, args.read_write, args.allow_remote_writes,
            args.ledger) == ("127.0.0.1", 5000, False, False, None)
    args = cli.parser("serve").parse_args(["serve", "x.beancount", "--host", "0.0.0.0",
                                           "--port", "8080", "--read-write",
                                           "--allow-remote-writes"])
    assert (args.host, args.port, args.read_write, args.allow_remote_writes) == (
        "0.0.0.0", 8080, True, True)


def test_serve_adds_the_pages_to_a_ledger_that_does_not_declare_them(tmp_path: Path):
    main = tmp_path / "main.beancount"
    main.write_text('option "title" "Plain"\n2020-01-01 open Assets:Bank:Current GBP\n',
                    encoding="utf-8")
    books = fava_demo(main)
    assert books.client.get(PAGE.format(slug=books.slug) + "?section=grants").status_code == 200
    assert books.client.post(f"/{books.slug}/api/source").status_code == 401  # read-only


def test_serve_writes_the_demo_once_into_the_cache(tmp_path: Path):
    main = command.demo_ledger(tmp_path)
    assert main == tmp_path / "cwl" / "demo-ledger" / "main.beancount"
    assert 'custom "fava-extension" "reports.fava"' in main.read_text(encoding="utf-8")
    stamp = main.stat().st_mtime_ns
    assert command.demo_ledger(tmp_path) == main and main.stat().st_mtime_ns == stamp


def test_serve_refuses_a_missing_ledger(tmp_path: Path, capsys):
    assert cli.main(["serve", str(tmp_path / "none.beancount")]) == 2
    assert "no such ledger file" in capsys.readouterr().err
