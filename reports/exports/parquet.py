"""A council's books as Parquet, one row per posting, for the national view.

Beancount's books are one council's; a department or an auditor reading
hundreds of councils needs them in a form that engines made for that read
(DuckDB, Spark, Polars): ``cwl export parquet``. Every posting is a row, so
each council's file still balances to zero. What a national rule joins on
is put on every row before export, because ids are unique only within a
council and a grant payment carries only its ``^award-`` link: the award's
scheme, org-id and property, and the payee's company and charity numbers.

People are redacted as in every other export (``ledger.redaction``, through
the session): a person's payee is ``Redacted: individual``, their narration,
org-id, postcode, numbers and local bank fingerprint are left out, and every
text is scrubbed. The national bank fingerprint stays, flagged ``personal``:
it is keyed with the consolidator's key, which is never in the file, and
matching a person's account across councils is what the fraud check needs.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from beancount.core import data

from ledger import accounts, metadata
from ledger.atomic_files import replace_bytes
from ledger.entry_types import is_transaction
from ledger.redaction import PUBLIC_LABEL
from ledger.stock import GBP, gbp_value
from reports.exports import parquet_schema
from reports.exports.spend import content_id
from rules.grants.records import Award
from rules.session import Session

CENT = Decimal("0.01")

# A transaction's stream is that of the first of its accounts under one of these.
STREAM_ROOTS = (
    ("grants", (accounts.GRANTS, accounts.GRANTS_PAYABLE, accounts.GRANT_FUNDING)),
    ("relief", (accounts.CONTRACTS,)),
    ("claims", (accounts.COVID_PRESSURES, accounts.TRANCHE_INCOME, accounts.SFC_COMPENSATION,
                accounts.EXPENDITURE_REIMBURSEMENT, accounts.CLAIMS_RECEIVABLE,
                accounts.RING_FENCED, accounts.FEES_AND_CHARGES)),
    ("spend", (accounts.SERVICES, accounts.SUSPENSE)),
)


class ExportProblem(ValueError):
    """The books cannot be exported as they are; the message says where."""


@dataclass(frozen=True)
class Flattened:
    """The columns, by name, and what the summary line reports."""

    columns: dict[str, list[Any]]
    rows: int
    personal: int


def stream_of(txn: data.Transaction) -> str:
    for posting in txn.postings:
        for stream, roots in STREAM_ROOTS:
            if any(accounts.under(posting.account, root) for root in roots):
                return stream
    return "other"


def _scheme_account(txn: data.Transaction) -> str | None:
    """The scheme a grant transaction's accounts name, as the grants rule
    reads it when neither metadata nor an award does (a payment on an
    award the books never made)."""
    for posting in txn.postings:
        for root in (accounts.GRANTS, accounts.GRANTS_PAYABLE):
            scheme = accounts.leaf(posting.account, root)
            if scheme:
                return scheme
    return None


def _text(value: object) -> str | None:
    return None if value is None or value == "" else str(value)


def _relative(filename: str | None, folder: Path) -> str | None:
    if not filename:
        return None
    try:
        return os.path.relpath(filename, folder)
    except ValueError:  # another drive
        return filename


def _awards(session: Session) -> dict[str, Award]:
    """Each award id's award (the first, should the books repeat an id)."""
    awards: dict[str, Award] = {}
    for award in session.grants.awards:
        if award.award_id is not None:
            awards.setdefault(award.award_id, award)
    return awards


def flatten(session: Session) -> Flattened:
    """Every posting of every transaction, in ledger order."""
    redactor, config = session.redactor, session.config
    council = config.settings.id
    organisations = config.organisations
    awards = _awards(session)
    personal_awards = session.personal_awards
    folder = Path(session.options["filename"]).resolve().parent
    classed = session.local_spend.area is not None
    columns: dict[str, list[Any]] = {name: [] for name in parquet_schema.NAMES}
    seen: Counter[str] = Counter()
    rows = personal_rows = 0
    for txn in session.entries:
        if not is_transaction(txn):
            continue
        meta = txn.meta or {}
        number = str(meta.get(metadata.SOURCE_ID) or content_id(txn))
        seen[number] += 1
        if seen[number] > 1:  # identical transactions: tell them apart stably
            number = f"{number}-{seen[number]}"
        award_id = metadata.link_id(txn.links, metadata.AWARD_LINK)
        award = awards.get(award_id or "")
        decision = redactor.decide(txn)
        personal = decision.personal or award_id in personal_awards
        org_id = meta.get(metadata.ORG_ID) or (award.org_id if award else None)
        org = organisations.get(org_id) if org_id else None
        shared = {
            "council_id": council,
            "transaction_id": redactor.scrub(number),
            "date": txn.date,
            "stream": stream_of(txn),
            # An award paid to a person is a person's, whoever its payee.
            "payee": PUBLIC_LABEL if personal else redactor.scrub(decision.public_name) or None,
            "narration": None if personal else _text(redactor.scrub(txn.narration or "")),
            "personal": personal,
            "links": _text(redactor.scrub(" ".join(sorted(txn.links or ())))),
            "award_id": award_id,
            "contract_id": _text(metadata.link_id(txn.links, metadata.CONTRACT_LINK)
                                 or meta.get(metadata.CONTRACT)),
            "claim_id": _text(metadata.link_id(txn.links, metadata.CLAIM_LINK)
                              or meta.get(metadata.CLAIM)),
            "org_id": None if personal else _text(org_id),
            "scheme": _text(meta.get(metadata.SCHEME) or (award.scheme if award else None)
                            or _scheme_account(txn)),
            "property_ref": _text(meta.get(metadata.PROPERTY_REF)
                                  or (award.property_ref if award else None)),
            "company_number": None if personal else _text(
                meta.get(metadata.COMPANY_NUMBER) or (org.company_number if org else None)
                or (award.company_number if award else None)),
            "charity_number": None if personal else _text(
                meta.get(metadata.CHARITY_NUMBER) or (org.charity_number if org else None)),
            "postcode": None if personal else _text(
                meta.get(metadata.POSTCODE) or (org.postcode if org else None)),
            "bank_fingerprint": None if personal else _text(meta.get(metadata.BANK_FINGERPRINT)),
            "bank_fingerprint_national": _text(meta.get(metadata.BANK_FINGERPRINT_NATIONAL)),
            "relief_type": _text(meta.get(metadata.RELIEF_TYPE)),
            "gov_requested": metadata.flag_value(meta.get(metadata.GOV_REQUESTED)),
            "fund": _text(meta.get(metadata.FUND)),
            "income_line": _text(meta.get(metadata.INCOME_LINE)),
            "tranche": _text(meta.get(metadata.TRANCHE)),
            "recovery": metadata.flag_value(meta.get(metadata.RECOVERY)),
            "source_file": _relative(meta.get("filename"), folder),
            "source_line": meta.get("lineno"),
        }
        # The local spend rule's class of each classed expense posting,
        # when the books declare an area to class by.
        payment = session.local_spend.payment_of(txn) if classed else None
        for index, posting in enumerate(txn.postings):
            # Stock held at cost goes out at its £ cost: a total never adds masks.
            held = posting.cost is not None
            amount = gbp_value(posting) if held else posting.units.number
            if amount != amount.quantize(CENT):
                raise ExportProblem(f"{meta.get('filename')}:{meta.get('lineno')}: "
                                    f"{posting.account} {amount} has more than two decimal "
                                    "places; Parquet holds pounds and pence")
            for name, value in shared.items():
                columns[name].append(value)
            columns["posting_index"].append(index)
            columns["account"].append(posting.account)
            columns["account_root"].append(posting.account.split(":", 1)[0])
            columns["amount"].append(amount.quantize(CENT))
            columns["currency"].append(GBP if held else posting.units.currency)
            columns["local_class"].append(
                payment.payee.local_class if payment and index in payment.expenses else None)
            rows += 1
            personal_rows += personal
    return Flattened(columns, rows, personal_rows)


def parquet_bytes(flat: Flattened, council_id: str, council_name: str) -> bytes:
    """The file: the columns under the versioned schema, with the schema
    version and the council in its key-value metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema.arrow_schema().with_metadata({
        parquet_schema.VERSION_KEY: parquet_schema.SCHEMA_VERSION,
        parquet_schema.COUNCIL_KEY: council_id,
        parquet_schema.COUNCIL_NAME_KEY: council_name})
    table = pa.Table.from_pydict(flat.columns, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="zstd")
    return sink.getvalue().to_pybytes()


def write_parquet(session: Session, out: Path) -> Flattened:
    """Flatten the books and write them to ``out``, whole or not at all."""
    flat = flatten(session)
    settings = session.config.settings
    replace_bytes(str(out), parquet_bytes(flat, settings.id, session.text(settings.name)))
    return flat
