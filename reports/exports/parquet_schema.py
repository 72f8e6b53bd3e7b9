"""The columns of ``cwl export parquet``, version by version.

A national view reads hundreds of councils' files written by different
releases, so the schema is versioned: the number goes up whenever a column
is added, renamed or changes meaning, and is written into every file's
key-value metadata (``cwl.schema-version``) for readers to check. Each
column is described here once; ``docs/national.md`` lists the same.

Money is ``decimal(18,2)``, never a float; dates are dates; text is plain
UTF-8 strings (no dictionary types), so DuckDB, Spark, Polars and pandas all
read the same values.
"""

from __future__ import annotations

from dataclasses import dataclass

SCHEMA_VERSION = "1"
# Keys of the file's key-value metadata.
VERSION_KEY = "cwl.schema-version"
COUNCIL_KEY = "cwl.council-id"
COUNCIL_NAME_KEY = "cwl.council-name"


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # "string", "int", "date", "money", "bool"
    about: str


COLUMNS = (
    Column("council_id", "string", "the council's org-id (cwl-settings), e.g. GB-LAE-LUN"),
    Column("transaction_id", "string", "source-id, else a digest of what the transaction "
           "says; unique within the council only"),
    Column("posting_index", "int", "the posting's place in its transaction, from 0"),
    Column("date", "date", "the transaction's date"),
    Column("account", "string", "the posting's account"),
    Column("account_root", "string", "Assets, Liabilities, Equity, Income or Expenses"),
    Column("amount", "money", "the posting's amount; a council's amounts sum to zero "
           "per currency"),
    Column("currency", "string", "the amount's currency, e.g. GBP"),
    Column("stream", "string", "grants, relief, claims, spend or other, from the "
           "transaction's accounts"),
    Column("payee", "string", "the payee, or 'Redacted: individual' for a person; scrubbed "
           "of individuals' names"),
    Column("narration", "string", "the narration, scrubbed; empty for a person's "
           "transaction"),
    Column("personal", "bool", "the payee or the award is an individual's "
           "(ledger.redaction): their identifiers are left out"),
    Column("links", "string", "the transaction's links, sorted, separated by spaces"),
    Column("award_id", "string", "^award- link: unique within the council only"),
    Column("contract_id", "string", "^contract- link or contract metadata"),
    Column("claim_id", "string", "^claim- link or claim metadata"),
    Column("org_id", "string", "the payee's org-id, joined from the award on a payment"),
    Column("scheme", "string", "grant scheme, joined from the award on a payment"),
    Column("property_ref", "string", "rating-list property, joined from the award"),
    Column("company_number", "string", "Companies House number, from the transaction, "
           "the award or the payee's cwl-organisation"),
    Column("charity_number", "string", "Charity Commission number, as above"),
    Column("postcode", "string", "the payee's postcode, as above"),
    Column("bank_fingerprint", "string", "the council's own salted fingerprint: matches "
           "within one council only"),
    Column("bank_fingerprint_national", "string", "HMAC-SHA256 under the consolidator's "
           "key: matches across councils"),
    Column("local_class", "string", "own-area, region, elsewhere or unknown (local spend)"),
    Column("relief_type", "string", "supplier relief: advance, interim, ..."),
    Column("gov_requested", "bool", "claims: a task government asked for"),
    Column("fund", "string", "claims: the ring-fenced fund that met the cost"),
    Column("income_line", "string", "claims: the sales, fees and charges line"),
    Column("tranche", "string", "claims: the emergency funding tranche"),
    Column("recovery", "bool", "grants: money clawed back"),
    Column("source_file", "string", "the ledger file, relative to the main file's folder"),
    Column("source_line", "int", "the transaction's line in that file"),
)

NAMES = tuple(c.name for c in COLUMNS)


def arrow_schema():  # -> pyarrow.Schema; pyarrow is the optional [national] extra
    """The Arrow schema of ``COLUMNS``."""
    import pyarrow as pa

    types = {"string": pa.string(), "int": pa.int32(), "date": pa.date32(),
             "money": pa.decimal128(18, 2), "bool": pa.bool_()}
    return pa.schema([pa.field(c.name, types[c.kind]) for c in COLUMNS])
