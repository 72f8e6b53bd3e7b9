"""``ledger.collector.paused``: the cycle collector is off while the books
are built and back as it was after, whatever happens inside."""

from __future__ import annotations

import gc

import pytest

from ledger import collector
from ledger.loading import load_books


def test_paused_inside_and_back_after():
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with collector.paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer pause still holds
    assert gc.isenabled()


def test_back_after_an_error():
    with pytest.raises(ValueError), collector.paused():
        raise ValueError
    assert gc.isenabled()


def test_left_off_when_it_was_off():
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_loading_the_books_leaves_it_running(demo_dir):
    load_books(demo_dir / "main.beancount")
    assert gc.isenabled()
