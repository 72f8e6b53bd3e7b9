"""Paths to the real published files the importers are tested on, and helpers."""

from __future__ import annotations

from shared_data import SHARED_DATA as DATA

DEVON = DATA / "spend" / "devon-county-council-2020-05.csv"
LAMBETH = DATA / "spend" / "lambeth-2012-06.csv"
TRAFFORD_CSV = DATA / "grants" / "trafford-voluntary-sector-grants.csv"
TRAFFORD_JSON = DATA / "grants" / "trafford-voluntary-sector-grants.json"
CONTRACTS = DATA / "contracts" / "contracts-finder-2022-10-award.json"


def without_source(entries: list) -> list:
    """Entries with the file name and line dropped, to compare two sources."""
    return [e._replace(meta={k: v for k, v in e.meta.items() if k not in ("filename", "lineno")})
            for e in entries]
