"""Helpers for the Fava page tests: the pages through Flask's test client,
and beanquery on the same books for figures the pages did not compute."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from html import escape, unescape
from pathlib import Path

import beanquery
from flask.testing import FlaskClient

from reports.fava.command import create_app

PAGE = "/{slug}/extension/CommunityWealth/"
SECTIONS = ("grants", "relief", "local-spend", "claims", "social-value")


def money(value: Decimal | None) -> str:
    """A sum as the pages write it: £12,345.67, a minus sign when negative."""
    value = value or Decimal(0)
    return f"{'−' if value < 0 else ''}£{abs(value):,.2f}"


@dataclass
class FavaDemo:
    client: FlaskClient
    slug: str
    ledger: object  # fava.core.FavaLedger

    def page(self, section: str, query: str = "") -> str:
        url = PAGE.format(slug=self.slug) + f"?section={section}{query}"
        response = self.client.get(url)
        assert response.status_code == 200, response.data[:2000]
        return response.get_data(as_text=True)

    def total(self, where: str, start: datetime.date | None = None,
              end: datetime.date | None = None) -> Decimal:
        """``sum(number)`` of the postings matching ``where``, by beanquery."""
        dates = "".join([f" AND date >= {start}" if start else "",
                         f" AND date <= {end}" if end else ""])
        sql = f"SELECT sum(number) AS n WHERE ({where}){dates}"
        rows = self._connection().execute(sql).fetchall()
        return (rows[0][0] if rows else None) or Decimal(0)

    def total_by(self, key: str, where: str, start: datetime.date | None = None,
                 end: datetime.date | None = None) -> dict[str, Decimal]:
        """``sum(number)`` of the postings matching ``where``, by ``key``; stock
        held at cost counts at its cost, never as masks."""
        dates = "".join([f" AND date >= {start}" if start else "",
                         f" AND date <= {end}" if end else ""])
        rows = self._connection().execute(
            f"SELECT {key} AS k, sum(number(cost(position))) AS n WHERE ({where}){dates} "
            "GROUP BY k").fetchall()
        return {k: n for k, n in rows if n}

    def _connection(self):
        return beanquery.connect("beancount:", entries=self.ledger.all_entries,
                                 errors=self.ledger.errors, options=self.ledger.options)


def fava_demo(main: Path) -> FavaDemo:
    app = create_app(main)
    client = app.test_client()
    slug = client.get("/").headers["Location"].split("/")[1]
    ledger = app.config["LEDGERS"][slug]
    return FavaDemo(client, slug, ledger)


def cells(html: str, attribute: str, value: str) -> list[str]:
    """The text of each cell of the table row marked ``attribute="value"``."""
    match = re.search(rf'<tr {attribute}="{re.escape(escape(value))}">(.*?)</tr>', html, re.S)
    assert match, f"no row {attribute}={value}"
    return [unescape(re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)]


def content(html: str) -> str:
    """The extension's own markup, without Fava's page around it."""
    start = html.index('<div class="cwl"')
    return html[start:html.index("</article>", start)]
