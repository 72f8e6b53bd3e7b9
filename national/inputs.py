"""The councils' export files that ``cwl national`` reads, checked first.

Hundreds of files come from hundreds of councils: one that is not a
``cwl export parquet`` file, or from a release whose schema this one does
not read, or a council exported twice, is named before any rule runs,
rather than failing half way or counting a council twice. Only each file's
footer is read here, so checking 300 files takes a moment; progress is shown
as it goes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reports.exports import parquet_schema


class InputProblem(ValueError):
    """An input cannot be read as a council's export; ``path: reason``."""


@dataclass(frozen=True)
class CouncilFile:
    path: Path
    council_id: str
    council_name: str
    rows: int


def find_files(path: Path) -> list[Path]:
    """``path`` itself, or every ``*.parquet`` under the folder ``path``."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise InputProblem(f"{path}: no such file or folder")
    files = sorted(p for p in path.rglob("*.parquet") if p.is_file())
    if not files:
        raise InputProblem(f"{path}: no .parquet files in it; write them with "
                           "`cwl export parquet BOOKS --out COUNCIL.parquet`")
    return files


def read_footer(path: Path) -> CouncilFile:
    """The council a file holds, from its key-value metadata."""
    import pyarrow.parquet as pq

    try:
        meta = pq.read_metadata(path)
    except Exception as error:  # pyarrow raises several kinds for a non-Parquet file
        raise InputProblem(f"{path}: not a Parquet file ({error})") from None
    kv = {k.decode(): v.decode() for k, v in (meta.metadata or {}).items()}
    version = kv.get(parquet_schema.VERSION_KEY)
    if version is None:
        raise InputProblem(f"{path}: not written by `cwl export parquet` "
                           f"(no {parquet_schema.VERSION_KEY} in its metadata)")
    if version != parquet_schema.SCHEMA_VERSION:
        raise InputProblem(f"{path}: schema version {version}; this cwl reads version "
                           f"{parquet_schema.SCHEMA_VERSION}: export it again")
    names = set(meta.schema.to_arrow_schema().names)
    missing = [n for n in parquet_schema.NAMES if n not in names]
    if missing:
        raise InputProblem(f"{path}: columns missing: {', '.join(missing)}")
    return CouncilFile(path, kv.get(parquet_schema.COUNCIL_KEY, ""),
                       kv.get(parquet_schema.COUNCIL_NAME_KEY, ""), meta.num_rows)


def check_files(path: Path, progress: Callable[[int, int, Path], None] | None = None
                ) -> list[CouncilFile]:
    """Every council's file under ``path``, each checked, one per council."""
    files = find_files(path)
    councils: list[CouncilFile] = []
    first: dict[str, Path] = {}
    for number, file in enumerate(files, 1):
        council = read_footer(file)
        if council.council_id in first:
            raise InputProblem(f"{file}: council {council.council_id} is also in "
                               f"{first[council.council_id]}; give each council once")
        first[council.council_id] = file
        councils.append(council)
        if progress:
            progress(number, len(files), file)
    return councils
