"""The national rules over three councils: exactly the planted
cross-council matches are found, and Spark gives DuckDB's answers."""

from __future__ import annotations

import shutil

import pytest

from national.engines import DuckDBEngine, SparkEngine
from national.queries import QUERIES
from rules.session import Session


@pytest.fixture(scope="module")
def duckdb_answers(councils):
    engine = DuckDBEngine(sorted(councils.exports.iterdir()))
    try:
        yield {q.name: engine.run(q.sql) for q in QUERIES}
    finally:
        engine.close()


def _found(answers) -> set[tuple[str, str, str]]:
    """(kind, what matched, council) of every payment in a match."""
    payees = answers["shared_payees"]
    found = {(r[0], r[1], r[3]) for r in payees.rows}
    found |= {("property", r[0], r[2]) for r in answers["shared_properties"].rows}
    return found


def test_exactly_the_planted_matches_are_found(councils, duckdb_answers):
    planted = {(p["kind"], p["match"], p["council"]) for p in councils.planted}
    assert {kind for kind, _, _ in planted} == {"bank-account", "company", "charity",
                                                "property"}
    assert _found(duckdb_answers) == planted


def test_matches_point_at_each_councils_file_and_line(councils, duckdb_answers):
    where = {(p["council"], p["file"], p["line"]) for p in councils.planted}
    rows = duckdb_answers["shared_payees"].rows
    assert {(r[3], r[8], r[9]) for r in rows} <= where


def test_every_council_is_in_the_totals(councils, duckdb_answers):
    totals = duckdb_answers["totals_by_council_stream"]
    assert {r[0] for r in totals.rows} == {"GB-LAE-LUN", "GB-LAE-N001", "GB-LAE-N002"}
    shares = duckdb_answers["local_spend_shares"].rows
    for council in ("GB-LAE-LUN", "GB-LAE-N001"):
        assert 99.5 <= float(sum(r[3] for r in shares if r[0] == council)) <= 100.5


def test_grants_paid_are_the_grants_rules(councils, duckdb_answers):
    paid = {(r[0], r[1]): r[4] for r in duckdb_answers["grants_by_scheme"].rows}
    session = Session.load(councils.mains[0])
    council = session.config.settings.id
    schemes = {code: s.paid for code, s in session.grants.schemes.items()
               if (council, code) in paid}
    assert any(s.declared and s.declared.recipients == "individuals"
               for code, s in session.grants.schemes.items() if code in schemes)
    assert {code: paid[(council, code)] for code in schemes} == schemes


def _spark_missing() -> str | None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed (the [spark] extra)"
    if shutil.which("java") is None:
        return "Spark needs Java 17 or later, and there is no java on PATH"
    return None


@pytest.mark.skipif(_spark_missing() is not None, reason=str(_spark_missing()))
def test_spark_gives_the_same_answers(councils, duckdb_answers):
    engine = SparkEngine(sorted(councils.exports.iterdir()), master="local[2]")
    try:
        spark_answers = {q.name: engine.run(q.sql) for q in QUERIES}
    finally:
        engine.close()
    for query in QUERIES:
        assert spark_answers[query.name].columns == duckdb_answers[query.name].columns
        assert spark_answers[query.name].rows == duckdb_answers[query.name].rows, query.name
    assert _found(spark_answers) == {(p["kind"], p["match"], p["council"])
                                     for p in councils.planted}
