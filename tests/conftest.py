"""Shared fixtures: the demo ledger, written once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import flattentool  # noqa: F401
import pytest

from ledger.demo.generator import generate

os.environ.setdefault("BEANCOUNT_DISABLE_LOAD_CACHE", "1")
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
