"""Shared fixtures: the demo ledger, written once per test session."""

from __future__ import annotations

import os

# Before anything imports Beancount: its loader reads this once, on import,
# and would otherwise pickle any slow load beside the test's books.
os.environ.setdefault("BEANCOUNT_DISABLE_LOAD_CACHE", "1")

from pathlib import Path  # noqa: E402

import flattentool  # noqa: E402, F401
import pytest  # noqa: E402

from ledger.demo.generator import generate  # noqa: E402

# flattentool is imported above, before any test runs: after beanquery has
# grouped by a metadata column, its first import fails inside zope.interface
# ('_ImmutableDeclaration' has no attribute 'declared'), an upstream clash.


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory) -> Path:
    """The default demo ledger, with ``plugin "rules.all"``."""
    out = tmp_path_factory.mktemp("demo")
    generate(out)
    return out


@pytest.fixture(scope="session")
def plain_demo_dir(tmp_path_factory) -> Path:
    """The demo ledger without our plugins: plain Beancount books."""
    out = tmp_path_factory.mktemp("plain-demo")
    generate(out, plugins=False)
    return out
