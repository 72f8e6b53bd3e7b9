"""The 360Giving CSV form, made by flattentool from the JSON form.

flattentool is the converter 360Giving's own tools use, so the CSV has the
standard's column titles (``Recipient Org:Identifier``...) and turns back
into the same JSON with ``flattentool.unflatten(convert_titles=True)``. One
file holds one sheet: the grants, with their single recipient, funder and
programme rolled up into the row, and so are its beneficiary location and
its classification (``Classifications:Vocabulary``..., as 360Giving's own
templates have them: the standard's schema rolls up only the first, so the
schema given to flattentool also rolls up ``classifications``). Each
payment's date stays in the JSON form only (``disbursementTransaction``);
the CSV carries the total as ``Amount Disbursed``.
"""

from __future__ import annotations

import csv
import json
import tempfile
import warnings
from pathlib import Path
from typing import Any

from reports.exports import schema
from reports.exports.cells import safe_text
from reports.exports.files import replace_atomically
from reports.exports.giving360 import to_json

NUMBER_COLUMNS = {"Amount Applied For", "Amount Awarded", "Amount Disbursed"}
# Lists of one per grant that the CSV rolls up into the grant's row, beyond
# those the standard's schema marks ``rollUp``.
ROLL_UP = {"classifications": ["vocabulary", "code", "title"]}


def flattening_schema(workdir: Path) -> Path:
    """The standard's grant schema, with ``ROLL_UP`` added, under ``workdir``."""
    grant = schema.load(schema.GRANT_SCHEMA)
    for name, fields in ROLL_UP.items():
        grant["properties"][name]["rollUp"] = fields
    path = workdir / "grant-schema.json"
    path.write_text(json.dumps(grant), encoding="utf-8")
    return path


def flatten(package: dict[str, Any], workdir: Path) -> Path:
    """flattentool's main sheet for ``package``, written under ``workdir``."""
    import flattentool  # heavy (ZODB, openpyxl): only when a CSV is asked for

    grants = [{k: v for k, v in g.items() if k != "disbursementTransaction"}
              for g in package["grants"]]
    source = workdir / "grants.json"
    source.write_text(to_json({"grants": grants}), encoding="utf-8")
    with warnings.catch_warnings():
        # It warns about every untitled field of the schema it does not use.
        warnings.simplefilter("ignore")
        flattentool.flatten(
            str(source), output_name=str(workdir / "flat"), output_format="csv",
            main_sheet_name="grants", root_list_path="grants", root_id="",
            schema=str(flattening_schema(workdir)), use_titles=True, rollup=True,
            remove_empty_schema_columns=True)
    return workdir / "flat" / "grants.csv"


def write_csv(package: dict[str, Any], out: Path) -> None:
    """The grants sheet, with text cells made safe for spreadsheets."""
    with tempfile.TemporaryDirectory() as tmp:
        sheet = flatten(package, Path(tmp))
        with open(sheet, encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    numeric = [title in NUMBER_COLUMNS for title in header]
    with replace_atomically(out) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in body:
            writer.writerow([cell if number else safe_text(cell)
                             for cell, number in zip(row, numeric)])
