"""360Giving grant data, JSON and CSV, as award (and payment) entries.

The CSV form is turned into the JSON form with flattentool, the 360Giving
community's own converter, so one path (``grant_entries``) serves both and
the same grants give the same entries (on a community organisation's books,
its own grants as income: ``importers/org_grant_entries.py``). Rows flattentool would merge or
drop (no Identifier, a repeated Identifier) are rejected first, with their
line, so none vanishes inside the conversion. flattentool is given the
schema with its number fields as text, so an amount reaches our parser as
the publisher wrote it: flattentool's own reading would take ``1_000`` or
``1e3`` for a thousand and end the whole file at ``NaN``.
"""

from __future__ import annotations

import csv
import functools
import json
import tempfile
import warnings
from decimal import Decimal
from pathlib import Path
from typing import Any

from beancount.core import data

from importers.base import Importer, JSONPackageImporter, date_window
from importers.csv_table import (
    MAX_FIELD,
    TOTALS_LINE,
    Column,
    csv_suffix,
    open_table,
    raw_line,
    sniff,
    totals_line,
)
from importers.grant_entries import declared, grant_entries
from importers.json_source import element_lines, load_json, raw_json, text_of
from importers.org_grant_entries import books_org, funder_leaves, org_grant_entries
from importers.results import ImportResult, InputError, Progress, Reject, Row
from importers.values import DateWindow, clean_text

# The 360Giving Data Standard schema (CC BY 4.0; see 360-giving-schema.SOURCE.md).
SCHEMA = Path(__file__).with_name("360-giving-schema.json")


def _text_types(node: Any) -> Any:
    """The schema with ``number`` and ``integer`` types read as ``string``."""
    if isinstance(node, list):
        return [_text_types(item) for item in node]
    if not isinstance(node, dict):
        return node
    typed = {key: _text_types(value) for key, value in node.items()}
    kind = typed.get("type")
    if kind in ("number", "integer"):
        typed["type"] = "string"
    elif isinstance(kind, list):
        typed["type"] = ["string" if k in ("number", "integer") else k for k in kind]
    return typed


@functools.cache
def _text_schema() -> str:
    return json.dumps(_text_types(json.loads(SCHEMA.read_text(encoding="utf-8"))))


def _convert(grants: list[Any], lines: list[int], raws: list[str], path: str,
             existing: data.Entries, window: DateWindow) -> ImportResult:
    """Each grant as the books' kind needs it: a council's awards, or a
    community organisation's own grant income (``org_grant_entries``)."""
    result = ImportResult()
    known = declared(existing, "cwl-organisation")
    org_id, leaves = books_org(existing), funder_leaves(existing)
    for grant, line, raw in zip(grants, lines, raws):
        meta = data.new_metadata(path, line)
        try:
            entries = (grant_entries(grant, meta, known, window) if org_id is None
                       else org_grant_entries(grant, meta, org_id, known, leaves, window))
        except ValueError as exc:
            result.rejects.append(Reject(line, raw, str(exc)))
            continue
        result.rows.append(Row(line, entries))
    return result


class GrantsJSONImporter(JSONPackageImporter):
    """A 360Giving package: ``{"grants": [...]}``."""

    key = "grants"

    def parse(self, filepath: str, existing: data.Entries = (),
              progress: Progress | None = None,
              window: DateWindow | None = None) -> ImportResult:
        package, text = load_json(filepath)
        grants = package.get("grants") if isinstance(package, dict) else None
        if not isinstance(grants, list):
            raise InputError(filepath, 'is not a 360Giving package (no "grants" list)')
        lines = element_lines(text, "grants")
        return _convert(grants, lines, [raw_json(g) for g in grants], filepath, existing,
                        date_window(existing, window))


def _row_problem(cells: list[str], width: int, ident: str,
                 first_seen: dict[str, int]) -> str | None:
    """Why a row cannot go to flattentool, or None."""
    if any(len(c) > MAX_FIELD for c in cells):
        return f"a field is longer than {MAX_FIELD} characters"
    if totals_line([clean_text(c) for c in cells]):
        return TOTALS_LINE
    if len(cells) != width:
        return f"row has {len(cells)} fields, the header has {width}"
    if not ident:
        return "missing grant Identifier"
    if ident in first_seen:
        return f"Identifier {ident} repeats line {first_seen[ident]}"
    return None


class GrantsCSVImporter(Importer):
    """A 360Giving spreadsheet saved as CSV, with the standard's column titles."""

    columns = {
        "id": Column("Identifier", required=True),
        "amount": Column("Amount Awarded", required=True),
        "recipient": Column("Recipient Org:Identifier", "Recipient Ind:Identifier", required=True),
    }

    def identify(self, filepath: str) -> bool:
        return csv_suffix(filepath) and sniff(filepath, self.columns)

    def parse(self, filepath: str, existing: data.Entries = (),
              progress: Progress | None = None,
              window: DateWindow | None = None) -> ImportResult:
        table = open_table(filepath, self.columns)
        id_col, width = table.index["id"], len(table.header)
        kept: list[list[str]] = []
        lines: list[int] = []
        raws: list[str] = []
        rejects: list[Reject] = []
        first_seen: dict[str, int] = {}
        for line, cells in table.rows():
            raw = raw_line(cells)
            if not any(clean_text(c) for c in cells):
                continue
            ident = text_of(cells[id_col]) if len(cells) > id_col else ""
            if len(cells) > width and not any(c.strip() for c in cells[width:]):
                cells = cells[:width]
            problem = _row_problem(cells, width, ident, first_seen)
            if problem:
                rejects.append(Reject(line, raw[:MAX_FIELD], problem))
                continue
            first_seen[ident] = line
            kept.append(cells)
            lines.append(line)
            raws.append(raw)
        grants = self._unflatten(filepath, table.header, kept)
        by_id = {text_of(g.get("id")): g for g in grants if isinstance(g, dict)}
        ordered = [by_id.get(text_of(row[id_col])) for row in kept]
        result = _convert(ordered, lines, raws, filepath, existing, date_window(existing, window))
        result.rejects = sorted(rejects + result.rejects, key=lambda r: r.line)
        return result

    @staticmethod
    def _unflatten(filepath: str, header: list[str], rows: list[list[str]]) -> list[Any]:
        """flattentool's CSV -> 360Giving JSON, one grant per kept row."""
        import flattentool

        if not rows:
            return []
        with tempfile.TemporaryDirectory(prefix="cwl-360-") as tmp:
            sheets = Path(tmp, "in")
            sheets.mkdir()
            schema = Path(tmp, "schema.json")
            schema.write_text(_text_schema(), encoding="utf-8")
            with open(sheets / "grants.csv", "w", encoding="utf-8", newline="") as out:
                writer = csv.writer(out)
                writer.writerow(header)
                writer.writerows(rows)
            output = Path(tmp, "grants.json")
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    flattentool.unflatten(
                        str(sheets), output_name=str(output), input_format="csv",
                        root_list_path="grants", id_name="id", schema=str(schema),
                        convert_titles=True)
                grants = json.loads(output.read_text(encoding="utf-8"),
                                    parse_float=Decimal)["grants"]
            except Exception as exc:  # flattentool raises many kinds; name the file
                raise InputError(filepath, f"flattentool could not read it as 360Giving "
                                           f"({type(exc).__name__}: {exc})") from None
        if len(grants) != len(rows):
            raise InputError(filepath, f"flattentool made {len(grants)} grants "
                                       f"from {len(rows)} rows")
        return grants
