"""``cwl national DIR_OF_PARQUET --out REPORT/ [--engine duckdb|spark] [--master URL]``.

Runs the national rules (``national.queries``) over every council's
``cwl export parquet`` file in a folder, with DuckDB in this process or with
Spark, and writes one CSV per rule and ``national.pdf`` into the report
folder. Every input is checked before any rule runs: a file that is not a
council's export, or a folder with none, is named and nothing is written
(exit 2).
"""

from __future__ import annotations

import argparse
import datetime
import sys
import time
from pathlib import Path

from cli.paths import output_folder_problem


def _progress(number: int, total: int, path: Path) -> None:
    """One line per file on a terminal (rewritten in place), else every tenth."""
    if sys.stderr.isatty():
        end = "\n" if number == total else ""
        print(f"\rreading {number}/{total}: {path.name}", end=end, file=sys.stderr)
    elif number == total or number % max(1, total // 10) == 0:
        print(f"reading {number}/{total}: {path.name}", file=sys.stderr)


def run(args: argparse.Namespace) -> int:
    from national import report
    from national.engines import EngineMissing, open_engine
    from national.inputs import InputProblem, check_files
    from national.queries import QUERIES

    source, out = Path(args.source), Path(args.out)
    problem = output_folder_problem(out)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        import pyarrow  # noqa: F401  (the optional [national] extra)
    except ImportError:
        print("cwl national needs pyarrow: pip install 'community-wealth-ledger[national]'",
              file=sys.stderr)
        return 2
    try:
        files = check_files(source, _progress)
    except InputProblem as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        engine = open_engine(args.engine, [f.path for f in files], args.master)
    except EngineMissing as exc:
        print(f"cwl national: {exc}", file=sys.stderr)
        return 2
    tables = []
    out.mkdir(parents=True, exist_ok=True)
    try:
        first, last = engine.run(report.DATES_SQL).rows[0]
        for query in QUERIES:
            started = time.perf_counter()
            result = engine.run(query.sql)
            print(f"{query.name}: {len(result.rows)} rows in "
                  f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
            report.write_csv(result, out / f"{query.name}.csv")
            tables.append(report.table(query, result))
    finally:
        engine.close()
    folder = source if source.is_dir() else source.parent
    model = report.NationalReport(
        "National view of councils' books", report.period_text(first, last),
        f"{datetime.date.today():%-d %B %Y}", engine.name,
        report.councils_table(files, folder), tables)
    report.write_pdf(model, out / report.PDF_NAME)
    print(f"wrote {len(QUERIES)} CSVs and {report.PDF_NAME} to {out} "
          f"({len(files)} councils, {sum(f.rows for f in files)} postings)")
    return 0


def register(commands: argparse._SubParsersAction) -> None:
    sub = commands.add_parser("national", help="national rules over many councils' "
                                               "Parquet exports: CSVs and a PDF")
    sub.add_argument("source", metavar="DIR_OF_PARQUET",
                     help="a folder of `cwl export parquet` files (searched with its "
                          "subfolders), or one such file")
    sub.add_argument("--out", required=True, metavar="REPORT/",
                     help="the folder to write the CSVs and national.pdf into")
    sub.add_argument("--engine", choices=("duckdb", "spark"), default="duckdb",
                     help="duckdb (embedded, the default) or spark (the [spark] extra, "
                          "Java 17+)")
    sub.add_argument("--master", default="local[*]",
                     help="Spark's master: a cluster's URL, e.g. spark://host:7077 "
                          "(default local[*], this machine)")
    sub.set_defaults(run=run)
