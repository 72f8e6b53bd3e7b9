"""Fixtures for the export tests: the small books on disk, and the command."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

import pytest
from export_books import BOOKS

from reports.exports.command import register


@pytest.fixture
def books(tmp_path: Path) -> Path:
    path = tmp_path / "books.beancount"
    path.write_text(textwrap.dedent(BOOKS).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def cwl_export():
    """Runs ``cwl export ...`` through its own parser, as the CLI would."""

    def run(*argv: str) -> int:
        top = argparse.ArgumentParser(prog="cwl")
        register(top.add_subparsers(dest="command", required=True))
        args = top.parse_args(["export", *map(str, argv)])
        return args.run(args)

    return run
