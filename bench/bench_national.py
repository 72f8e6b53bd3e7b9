"""National benchmark: export per council, then each national rule on
DuckDB (and Spark) over many councils' Parquet files.

Writes ``--councils`` demo councils of ``--size`` transactions
(``cwl demo --councils``), loads and exports each (``cwl export parquet``),
timing the export after load, then copies the exports, each copy under a
council id of its own, until the folder holds ``--total`` transactions, and
times every national rule on DuckDB, and on Spark ``local[2]`` unless
``--no-spark``. Generating 100k-transaction councils takes minutes each:
copying reaches the 2M and 30M scale that generating cannot in a short run.
Usage:
    python bench/bench_national.py [--councils 2] [--size 20000] [--total 2000000]
        [--dir DIR] [--no-spark]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("BEANCOUNT_DISABLE_LOAD_CACHE", "1")

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from ledger.demo.councils import generate_councils  # noqa: E402
from national.engines import open_engine  # noqa: E402
from national.queries import QUERIES  # noqa: E402
from reports.exports import parquet_schema  # noqa: E402
from reports.exports.parquet import write_parquet  # noqa: E402
from rules.session import Session  # noqa: E402

KEY = b"benchmark-consolidator-key-0123456789"


def export(books: Path, exports: Path, councils: int, size: int) -> list[Path]:
    started = time.perf_counter()
    summaries = generate_councils(books, councils, KEY, size=size, seed=1)
    print(f"generated {councils} x {size} transactions in "
          f"{time.perf_counter() - started:.1f} s")
    files = []
    for number, summary in enumerate(summaries, 1):
        started = time.perf_counter()
        session = Session.load(summary.main)
        loaded = time.perf_counter()
        out = exports / f"council-{number:03d}.parquet"
        flat = write_parquet(session, out)
        done = time.perf_counter()
        print(f"council {number}: load {loaded - started:.1f} s, export {done - loaded:.2f} s, "
              f"{flat.rows} postings, {out.stat().st_size / 1e6:.1f} MB")
        files.append(out)
    return files


def copy_to(files: list[Path], folder: Path, size: int, total: int) -> int:
    """Copies of ``files``, each with its own council id, up to ``total``
    transactions; how many files there are."""
    folder.mkdir(parents=True, exist_ok=True)
    count = max(len(files), total // size)
    tables = [pq.read_table(f) for f in files]
    for number in range(count):
        table = tables[number % len(tables)]
        council = f"GB-LAE-B{number:04d}"
        column = table.schema.get_field_index("council_id")
        copy = table.set_column(column, "council_id",
                                pa.array([council] * table.num_rows, pa.string()))
        meta = dict(table.schema.metadata)
        meta[parquet_schema.COUNCIL_KEY.encode()] = council.encode()
        pq.write_table(copy.replace_schema_metadata(meta), folder / f"{council}.parquet",
                       compression="zstd")
    return count


def run_rules(engine_name: str, files: list[Path]) -> None:
    started = time.perf_counter()
    engine = open_engine(engine_name, files, "local[2]")
    print(f"{engine_name}: opened in {time.perf_counter() - started:.1f} s")
    try:
        for query in QUERIES:
            started = time.perf_counter()
            rows = len(engine.run(query.sql).rows)
            print(f"  {query.name}: {time.perf_counter() - started:.2f} s ({rows} rows)")
    finally:
        engine.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--councils", type=int, default=2)
    parser.add_argument("--size", type=int, default=20000)
    parser.add_argument("--total", type=int, default=2000000)
    parser.add_argument("--dir", type=Path)
    parser.add_argument("--no-spark", dest="spark", action="store_false")
    args = parser.parse_args()
    root = args.dir or Path(tempfile.mkdtemp(prefix="cwl-bench-national-"))
    exports = root / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    files = export(root / "books", exports, args.councils, args.size)
    count = copy_to(files, root / "national", args.size, args.total)
    national = sorted((root / "national").glob("*.parquet"))
    rows = sum(pq.read_metadata(f).num_rows for f in national)
    print(f"{count} council files, {count * args.size} transactions, {rows} postings")
    run_rules("duckdb", national)
    if args.spark:
        run_rules("spark", national)


if __name__ == "__main__":
    main()
