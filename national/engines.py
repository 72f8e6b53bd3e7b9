"""Where the national rules run: DuckDB in this process (the default), or
Spark, on a cluster or ``local[*]``.

Both read the councils' Parquet files as one table, ``postings``, and hand
back rows as Python values (``Decimal`` money, ``date`` dates), so a rule's
answer is compared, written and printed the same whichever engine ran it.
Neither engine is imported until asked for: they are optional extras.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

TABLE = "postings"


class EngineMissing(RuntimeError):
    """The engine's package (or Java, for Spark) is not installed."""


@dataclass(frozen=True)
class Result:
    columns: list[str]
    rows: list[tuple[Any, ...]]


class Engine(Protocol):
    name: str

    def run(self, sql: str) -> Result: ...

    def close(self) -> None: ...


class DuckDBEngine:
    """DuckDB in memory, over the files in place (nothing is copied)."""

    name = "duckdb"

    def __init__(self, files: Sequence[Path]) -> None:
        try:
            import duckdb
        except ImportError:
            raise EngineMissing("DuckDB is not installed: pip install "
                                "'community-wealth-ledger[national]'") from None
        self._connection = duckdb.connect()
        listed = ", ".join("'" + str(f).replace("'", "''") + "'" for f in files)
        self._connection.execute(
            f"CREATE VIEW {TABLE} AS SELECT * FROM read_parquet([{listed}])")

    def run(self, sql: str) -> Result:
        relation = self._connection.sql(sql)
        return Result(list(relation.columns), relation.fetchall())

    def close(self) -> None:
        self._connection.close()


class SparkEngine:
    """A Spark session on ``master`` (``local[*]``, or a cluster's URL)."""

    name = "spark"

    def __init__(self, files: Sequence[Path], master: str = "local[*]") -> None:
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            raise EngineMissing("PySpark is not installed: pip install "
                                "'community-wealth-ledger[spark]' (it needs Java 17 "
                                "or later)") from None
        import shutil

        if shutil.which("java") is None and not _java_home():
            raise EngineMissing("Spark needs Java 17 or later: no `java` on PATH "
                                "and no JAVA_HOME")
        builder = (SparkSession.builder.master(master).appName("cwl national")
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
                   .config("spark.sql.session.timeZone", "UTC")
                   .config("spark.sql.ansi.enabled", "true"))
        if master.startswith("local"):  # 200 shuffle partitions only slow one machine down
            builder = builder.config("spark.sql.shuffle.partitions", "8")
        self._spark = builder.getOrCreate()
        self._spark.sparkContext.setLogLevel("ERROR")
        self._spark.read.parquet(*(str(f) for f in files)).createOrReplaceTempView(TABLE)

    def run(self, sql: str) -> Result:
        frame = self._spark.sql(sql)
        return Result(list(frame.columns), [tuple(row) for row in frame.collect()])

    def close(self) -> None:
        self._spark.stop()


def _java_home() -> bool:
    import os

    home = os.environ.get("JAVA_HOME")
    return bool(home) and Path(home, "bin", "java").exists()


def open_engine(name: str, files: Sequence[Path], master: str = "local[*]") -> Engine:
    if name == "spark":
        return SparkEngine(files, master)
    return DuckDBEngine(files)
