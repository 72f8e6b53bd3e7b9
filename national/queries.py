"""The national rules: one plain SQL file each, in ``national/queries``.

Each file is a single ``SELECT`` over one table, ``postings`` (the columns
of ``reports.exports.parquet_schema``), in SQL that DuckDB and Spark SQL
both run unchanged, ordered so that both engines give the same rows in the
same order. A new rule is a new file and a line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FOLDER = Path(__file__).resolve().parent / "queries"


@dataclass(frozen=True)
class Query:
    name: str  # the file's stem, and the CSV's
    title: str

    @property
    def sql(self) -> str:
        return (FOLDER / f"{self.name}.sql").read_text("utf-8")


QUERIES = (
    Query("totals_by_council_stream", "Totals by council and stream"),
    Query("grants_by_scheme", "Grants by scheme"),
    Query("shared_payees", "Bank accounts, companies and charities paid grants by two or "
                           "more councils"),
    Query("shared_properties", "Properties paid grants by two or more councils"),
    Query("claims_and_pressures", "COVID pressures and government funding by category"),
    Query("local_spend_shares", "Local spend shares"),
)
