"""A business rates list CSV: one property per row, as ``cwl-property``.

Councils compared the rating list with the grants paid, by property
reference and Unique Property Reference Number (UPRN), to "target those
small and sole traders who had not come forward for support". Each row
becomes a ``cwl-property`` declaration dated by its as-at date, which the
take-up rule (``rules.takeup``) reads: the rateable value the list gave on
a scheme's eligibility date, two references on one building, and the
properties eligible but not yet paid.

The occupier (ratepayer) is kept only when it is a business: a name that
says it was withheld, or that looks like a person's (a title, "t/a"), by
``ledger.redaction``'s rule, is left out and the declaration marked
``redacted: TRUE``, so the books never hold it. A property is declared once
per as-at date: a second row for the same reference and date is rejected
with the line of the first.
"""

from __future__ import annotations

import re

from beancount.core import data
from beancount.parser.grammar import ValueType

from importers.csv_importer import CSVImporter, Fields
from importers.csv_table import Column, Table
from importers.provenance import SourceIds
from importers.results import ImportResult
from importers.values import parse_pennies
from ledger import metadata
from ledger.redaction import TITLE, TRADING_AS, is_redacted_name

DECLARATION = "cwl-property"
_UPRN = re.compile(r"^\d{1,12}$")


def is_person(occupier: str) -> bool:
    """An occupier the books must not name: withheld at source, or a title or
    "t/a" that says a person trades under it."""
    return bool(is_redacted_name(occupier) or TITLE.match(occupier)
                or TRADING_AS.search(occupier))


class RatingListImporter(CSVImporter):
    """Property reference, rateable value and as-at date; UPRN and occupier."""

    kind = "rating-list"
    columns = {
        "property_ref": Column("Property Reference", "Property Ref", "Property Reference Number",
                               "Billing Authority Reference", "BA Reference", "Assessment Ref",
                               "Account Property Reference", required=True),
        "rateable_value": Column("Rateable Value", "Current Rateable Value", "RV",
                                 "Rateable Value (£)", required=True),
        "as_at": Column("As At", "As-At Date", "As At Date", "List Date", "Effective Date",
                        "Valuation Date", required=True),
        "uprn": Column("UPRN", "Unique Property Reference Number"),
        "occupier": Column("Occupier", "Ratepayer", "Ratepayer Name", "Occupier Name",
                           "Account Holder", "Liable Party"),
    }

    def start(self, table: Table, existing: data.Entries) -> None:
        self._first: dict[tuple[str, str], int] = {}

    def convert(self, fields: Fields, ids: SourceIds, cells: list[str],
                meta: data.Meta, result: ImportResult) -> list[data.Directive]:
        ref = fields["property_ref"]
        if not ref:
            raise ValueError("missing property reference")
        if not fields["rateable_value"]:
            raise ValueError(f"property {ref} has no rateable value")
        value = parse_pennies(fields["rateable_value"])
        if value < 0:
            raise ValueError(f"property {ref} has a negative rateable value ({value})")
        as_at = self.window.entry_date(fields["as_at"])
        first = self._first.setdefault((ref, str(as_at)), meta["lineno"])
        if first != meta["lineno"]:
            raise ValueError(f"property {ref} is listed as at {as_at} already (line {first})")
        uprn = fields["uprn"]
        if uprn and not _UPRN.match(uprn):
            raise ValueError(f"UPRN {uprn!r} is not a number of up to 12 digits")
        meta[metadata.RATEABLE_VALUE] = value
        if uprn:
            meta[metadata.UPRN] = uprn
        occupier = fields["occupier"]
        if occupier and is_person(occupier):
            meta[metadata.REDACTED] = True
        elif occupier:
            meta[metadata.OCCUPIER] = occupier
        return [data.Custom(meta, as_at, DECLARATION, [ValueType(ref, str)])]
