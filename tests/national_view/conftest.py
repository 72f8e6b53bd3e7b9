"""Three small councils from ``cwl demo --councils 3``, each exported to
Parquet, written once for the tests in this folder."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("pyarrow", reason="the [national] extra (pyarrow) is not installed")

from national_fixtures import KEY  # noqa: E402

from ledger.demo.councils import PLANTED, generate_councils  # noqa: E402
from ledger.demo.generator import core_transactions  # noqa: E402
from reports.exports.parquet import write_parquet  # noqa: E402
from rules.session import Session  # noqa: E402

COUNCILS = 3
SIZE = core_transactions(11) + 100  # per council: the core books and a little filler


@dataclass(frozen=True)
class Councils:
    books: Path  # council-NN/main.beancount under it
    exports: Path  # council-NN.parquet
    planted: list[dict]
    mains: list[Path]


@pytest.fixture(scope="session")
def councils(tmp_path_factory) -> Councils:
    books = tmp_path_factory.mktemp("councils")
    exports = tmp_path_factory.mktemp("exports")
    summaries = generate_councils(books, COUNCILS, KEY, size=SIZE, seed=11)
    for number, summary in enumerate(summaries, 1):
        write_parquet(Session.load(summary.main), exports / f"council-{number:02d}.parquet")
    planted = json.loads((books / PLANTED).read_text("utf-8"))["shared"]
    return Councils(books, exports, planted, [s.main for s in summaries])
