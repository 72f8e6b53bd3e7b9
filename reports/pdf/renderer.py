"""Rendering a report model to PDF: Jinja2 (autoescaped) lays out the
model's already-formatted text, WeasyPrint prints it.

Ledger text is hostile until proven otherwise: a payee may be named
``<img src="file:///etc/passwd">``. Autoescaping keeps it text, and the URL
fetcher refuses every fetch outside this package's own templates folder, so
neither the filesystem nor the network is ever read on a ledger's behalf.

A PDF is written to a temporary file beside its target and renamed over it
when complete, so an interrupted run never leaves half a report.
"""

from __future__ import annotations

import dataclasses
import mimetypes
import os
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import jinja2
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from reports.models.header import ReportHeader
from reports.models.tables import Bar, Figure, Table
from reports.pdf import charts, formatting

TEMPLATES = Path(__file__).resolve().parent / "templates"


class TemplatesOnlyFetcher(URLFetcher):
    """Serves files from the templates folder and refuses anything else:
    other files, http(s), data: URLs, everything."""

    def __init__(self, folder: Path = TEMPLATES) -> None:
        super().__init__(allowed_protocols=["file"])
        self.folder = folder.resolve()

    def allowed(self, url: str) -> Path | None:
        """The template file ``url`` names, or None when it is not one."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            return None
        path = Path(url2pathname(unquote(parts.path))).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        return path

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        path = self.allowed(url)
        if path is None:
            raise ValueError(f"refused to fetch {url[:80]!r}: not a report template file")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})


_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def _header(header: ReportHeader) -> dict[str, Any]:
    return {"title": header.title, "organisation": header.organisation,
            "organisation_id": header.organisation_id,
            "period": header.period.label(),
            "produced": f"{header.produced:%-d %B %Y}",
            "ledger_sha256": header.ledger_sha256,
            "files": [(f.name, f.sha256) for f in header.files]}


def present(value: Any) -> Any:
    """A model as text for the templates: tables, figures and charts
    formatted, nothing left for a template to compute."""
    if isinstance(value, Table):
        return formatting.table(value)
    if isinstance(value, Figure):
        return formatting.figure(value)
    if isinstance(value, ReportHeader):
        return _header(value)
    if isinstance(value, list) and value and all(isinstance(v, Bar) for v in value):
        return charts.bar_chart(value, "")
    if isinstance(value, charts.TimeSeries):
        return charts.time_chart(value)
    if isinstance(value, (list, tuple)):
        return [present(v) for v in value]
    if isinstance(value, dict):
        return {k: present(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: present(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return formatting.cell(value, "number")
    return value


def render_html(model: Any) -> str:
    """The report's HTML; ``model.template`` names its template."""
    template = _environment.get_template(model.template)
    return template.render(report=present(model))


def render_pdf(model: Any, url_fetcher: URLFetcher | None = None) -> bytes:
    """The report as PDF bytes."""
    html = HTML(string=render_html(model), base_url=TEMPLATES.as_uri() + "/",
                url_fetcher=url_fetcher or TemplatesOnlyFetcher())
    return html.write_pdf()


def write_pdfs(pdfs: list[tuple[Path, bytes]]) -> list[Path]:
    """Write each (path, PDF) beside its path under a temporary name, then
    rename them all into place: a reader never sees half a PDF. On any
    failure or Ctrl-C before the renames, the temporary files are removed
    and every path is as it was; a Ctrl-C during the renames waits until
    they are done, so the reports are all old or all new."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in pdfs:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp",
                                        dir=path.parent)
            staged.append((Path(name), path))
            with os.fdopen(fd, "wb") as handle:
                os.fchmod(fd, _readable_mode())
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    interrupted: KeyboardInterrupt | None = None
    for temporary, path in staged:
        try:
            os.replace(temporary, path)
        except KeyboardInterrupt as exc:
            interrupted = exc
            if temporary.exists():
                os.replace(temporary, path)
        except OSError:
            for left, _ in staged:
                left.unlink(missing_ok=True)
            raise
    if interrupted is not None:
        raise interrupted
    return [path for path, _ in pdfs]


def write_pdf(model: Any, path: Path, url_fetcher: URLFetcher | None = None) -> Path:
    """Render ``model`` and write it to ``path`` (see ``write_pdfs``)."""
    return write_pdfs([(path, render_pdf(model, url_fetcher))])[0]


def _readable_mode() -> int:
    """The mode ``open()`` would give a new file (mkstemp's 0600 hides it)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
