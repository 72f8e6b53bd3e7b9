"""``cwl export parquet``: one row per posting, balanced, typed, versioned,
and naming no individual."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import pyarrow as pa
import pyarrow.parquet as pq
from beancount.core import data
from national_fixtures import KEY

from cli.main import main
from ledger.redaction import PUBLIC_LABEL
from reports.exports import parquet_schema
from rules.session import Session


def test_one_row_per_posting_and_each_council_balances(councils):
    for main_file, export in zip(councils.mains, sorted(councils.exports.iterdir())):
        session = Session.load(main_file)
        postings = sum(len(e.postings) for e in session.entries
                       if isinstance(e, data.Transaction))
        table = pq.read_table(export)
        assert table.num_rows == postings
        totals: dict[str, Decimal] = defaultdict(Decimal)
        for currency, amount in zip(table["currency"].to_pylist(),
                                    table["amount"].to_pylist()):
            totals[currency] += amount
        assert totals and all(total == 0 for total in totals.values()), totals
        assert set(table["council_id"].to_pylist()) == {session.config.settings.id}


def test_local_classes_are_the_local_spend_rules(councils):
    session = Session.load(councils.mains[0])
    table = pq.read_table(sorted(councils.exports.iterdir())[0])
    by_class: dict[str, Decimal] = defaultdict(Decimal)
    for place, amount in zip(table["local_class"].to_pylist(), table["amount"].to_pylist()):
        if place is not None:
            by_class[place] += amount
    expected = {k: v for k, v in session.local_spend.totals().items() if v}
    assert expected and dict(by_class) == expected


def test_schema_types_and_key_value_metadata(councils):
    export = sorted(councils.exports.iterdir())[1]
    schema = pq.read_schema(export)
    assert schema.remove_metadata() == parquet_schema.arrow_schema()
    assert schema.field("amount").type == pa.decimal128(18, 2)
    assert schema.field("date").type == pa.date32()
    assert not any(pa.types.is_dictionary(f.type) for f in schema)
    kv = {k.decode(): v.decode() for k, v in schema.metadata.items()}
    assert kv[parquet_schema.VERSION_KEY] == parquet_schema.SCHEMA_VERSION
    assert kv[parquet_schema.COUNCIL_KEY] == "GB-LAE-N001"
    assert kv[parquet_schema.COUNCIL_NAME_KEY] == "Ravensby Borough Council"


def test_no_individual_is_named_and_the_key_is_nowhere(councils):
    session = Session.load(councils.mains[0])
    people = [o for o in session.config.organisations.values() if o.individual]
    assert people, "the demo declares sole traders as individuals"
    table = pq.read_table(sorted(councils.exports.iterdir())[0])
    texts = {str(v).casefold() for column in table.columns for v in column.to_pylist()
             if isinstance(v, str)}
    texts |= {v.decode().casefold() for v in table.schema.metadata.values()}
    for person in people:
        own = person.name.split(" t/a ")[0].casefold()
        for secret in (own, person.id.casefold(), (person.bank_fingerprint or "-").casefold()):
            assert not any(secret in text for text in texts), secret
    personal = table.filter(table["personal"])
    assert personal.num_rows > 0
    assert set(personal["payee"].to_pylist()) == {PUBLIC_LABEL}
    assert set(personal["org_id"].to_pylist()) == {None}
    for path in [*councils.exports.iterdir(), *councils.books.rglob("*.*")]:
        assert KEY not in path.read_bytes(), path


def test_payments_carry_the_award_facts(councils):
    table = pq.read_table(sorted(councils.exports.iterdir())[0]).to_pylist()
    awarded = {r["award_id"] for r in table
               if r["account"].startswith("Expenses:Grants:") and r["amount"] > 0}
    payments = [r for r in table if r["account"].startswith("Liabilities:GrantsPayable:")
                and r["amount"] > 0 and not r["personal"] and r["scheme"] == "SBGF"]
    orphans = [r for r in payments if r["award_id"] not in awarded]
    # The demo's payment on an award never made keeps its scheme, from its account.
    assert len(orphans) == 1 and orphans[0]["org_id"] is None
    payments = [r for r in payments if r["award_id"] in awarded]
    assert payments
    assert all(r["org_id"] and r["property_ref"] and r["company_number"] for r in payments)
    assert all(r["bank_fingerprint_national"] for r in payments)
    assert all(r["source_file"] == "grants.beancount" and r["source_line"] > 0
               for r in payments)


def test_the_command_refuses_a_wrong_suffix_and_writes_a_file(councils, tmp_path, capsys):
    assert main(["export", "parquet", str(councils.mains[2]),
                 "--out", str(tmp_path / "c.csv")]) == 2
    assert "must end .parquet" in capsys.readouterr().err
    out = tmp_path / "c.parquet"
    assert main(["export", "parquet", str(councils.mains[2]), "--out", str(out)]) == 0
    assert f"postings to {out}" in capsys.readouterr().out
    assert pq.read_metadata(out).num_rows > 0
