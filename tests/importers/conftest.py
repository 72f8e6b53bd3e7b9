"""Importer tests time and re-load ledgers: no Beancount pickle cache."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_load_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BEANCOUNT_DISABLE_LOAD_CACHE", "1")
