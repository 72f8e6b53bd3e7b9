"""Community Wealth Ledger's pages in Fava.

Enable with ``2020-01-01 custom "fava-extension" "reports.fava"`` in the
ledger. One report, "Community Wealth", with a section per stream (grants,
supplier relief, local spend, claims, social value) chosen by ``?section=``.
Every figure is computed from the entries Fava's time and account filters
leave for the request; each section offers the matching PDF, rendered by the
reports package for the filtered period.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any

from fava.application import url_for
from fava.context import g
from fava.core.filters import FilterError
from fava.ext import FavaExtensionBase, extension_endpoint
from flask import request, send_file
from flask.wrappers import Response
from werkzeug.exceptions import BadRequest, Conflict

from reports.fava import sections
from reports.fava.scope import Scope
from reports.pdf.formatting import money as _money
from reports.registry import REPORTS
from rules.session import Session

if TYPE_CHECKING:
    from fava.core import FavaLedger


@dataclass(frozen=True)
class NavLink:
    key: str
    title: str
    url: str
    current: bool


@dataclass(frozen=True)
class PdfLink:
    title: str
    url: str


@dataclass(frozen=True)
class View:
    """Everything the template lays out for one request."""

    section: sections.Section
    nav: list[NavLink]
    period: str  # the time filter, in words
    pdf: PdfLink
    page: Any  # the section's page data


def _filtered() -> Any:
    """Fava's filtered ledger for the request; a filter Fava cannot read
    (``?time=garbage``) is the asker's mistake, answered 400 with Fava's
    own message rather than a server error."""
    try:
        return g.filtered
    except FilterError as error:
        raise BadRequest(f"{error.filter_type.capitalize()}: {error.message}") from None


class CommunityWealth(FavaExtensionBase):
    """The finance officers' pages: grants, supplier relief, local spend,
    claims and social value."""

    report_title = "Community Wealth"

    def __init__(self, ledger: FavaLedger, config: str | None = None) -> None:
        super().__init__(ledger, config)
        self._session: Session | None = None

    def after_load_file(self) -> None:
        """Work out the whole-ledger analyses while Fava loads, not on the
        first page request."""
        self.session.prepare()

    @property
    def session(self) -> Session:
        """The whole ledger's session, redone when Fava has reloaded the file."""
        session = self._session
        if session is None or session.entries is not self.ledger.all_entries:
            session = self._session = Session(self.ledger.all_entries, self.ledger.errors,
                                              self.ledger.options)
        return session

    def scope(self) -> Scope:
        """The request's filtered entries and time range."""
        filtered = _filtered()
        days = filtered.date_range
        active = any(request.args.get(name) for name in ("time", "account", "filter"))
        return Scope.of(filtered.entries, days.begin if days else None,
                        days.end_inclusive if days else None, active)

    def view(self) -> View:
        """The requested section's page, its nav and its PDF link."""
        key = request.args.get("section") or sections.DEFAULT
        section = sections.SECTIONS.get(key)
        if section is None:
            raise BadRequest(f"No section '{key}'")
        scope = self.scope()
        nav = [NavLink(s.key, s.title, url_for("extension_report",
                                               extension_name=self.name, section=s.key),
                       s.key == key)
               for s in sections.SECTIONS.values()]
        report = REPORTS[section.pdf]
        pdf = PdfLink(report.title, self._endpoint_url("pdf", report=report.key))
        return View(section, nav, scope.label(), pdf, section.build(scope, self.session))

    def _endpoint_url(self, endpoint: str, **args: str) -> str:
        """An endpoint's URL, keeping the request's filters.

        Fava's ``extension_endpoint`` route takes an ``endpoint`` argument,
        which ``url_for`` cannot be given by name; the endpoint's path is
        the report's path plus the endpoint's name.
        """
        path, _, query = url_for("extension_report", extension_name=self.name,
                                 **args).partition("?")
        return f"{path}{endpoint}?{query}"

    @staticmethod
    def money(value: Decimal | None) -> str:
        return "–" if value is None else _money(value)

    @staticmethod
    def share(value: Decimal | None) -> str:
        return "–" if value is None else f"{value * 100:,.1f}%"

    @staticmethod
    def number(value: Decimal) -> str:
        return f"{value:,.2f}" if value != value.to_integral() else f"{value:,.0f}"

    @extension_endpoint("pdf")
    def pdf(self) -> Response:
        """The matching PDF report for the time filter's period (or the
        financial year with most transactions when there is none)."""
        name = request.args.get("report", "")
        report = REPORTS.get(name)
        if report is None:
            raise BadRequest(f"No report '{name}' (one of {', '.join(REPORTS)})")
        broken = self.session.publish_blockers
        if broken:
            raise Conflict(
                f"The ledger has {len(broken)} broken declaration(s) or unparsable "
                "line(s) (see the Errors page): Beancount leaves them out, so an "
                "individual they declare could be named. Fix them to download the "
                "PDF, or use cwl report --force.")
        days = _filtered().date_range
        content = sections.render_pdf(
            report.key, self.session, days.begin if days else None,
            days.end_inclusive if days else None, datetime.date.today())
        return send_file(BytesIO(content), mimetype="application/pdf", as_attachment=True,
                         download_name=report.filename)
