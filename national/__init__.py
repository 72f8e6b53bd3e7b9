"""Many councils' books as one national view.

Each council exports its books to Parquet (``cwl export parquet``, one row
per posting, ``reports.exports.parquet``); the national rules are plain SQL
files in ``national/queries`` that run unchanged on DuckDB (embedded, the
default) and Spark SQL (a cluster, or ``local[*]``); ``cwl national`` runs
them over a folder of exports and writes CSVs and a PDF.
"""
