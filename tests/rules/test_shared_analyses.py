"""The session takes over what ``rules.all`` worked out while Beancount
loaded the books, and only when it holds for the entries it is given."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from ledger.loading import load_books
from rules.api import SHARED, Shared
from rules.session import Session
from rules.streams import STREAMS


@pytest.fixture
def loaded(demo_dir, monkeypatch):
    monkeypatch.setenv("BEANCOUNT_DISABLE_LOAD_CACHE", "1")
    return load_books(demo_dir / "main.beancount")


def test_the_session_reuses_the_plugins_analyses(loaded):
    entries, errors, options = loaded
    shared = options[SHARED]
    session = Session(entries, errors, options)
    for stream in STREAMS:
        assert getattr(session, stream.key) is shared.analyses[stream.key]
    assert session.context is shared.context


def test_the_reused_analyses_are_the_ones_the_session_would_make(loaded):
    entries, errors, options = loaded
    reused = Session(entries, errors, options)
    fresh = Session(entries, errors, {k: v for k, v in options.items() if k != SHARED})
    assert reused.errors == fresh.errors
    for stream in STREAMS:
        ours, theirs = getattr(reused, stream.key), getattr(fresh, stream.key)
        assert ours is not theirs
        assert [f.error() for f in ours.findings] == [f.error() for f in theirs.findings]
    assert reused.local_spend.totals() == fresh.local_spend.totals()
    assert ([(a.award_id, a.amount) for a in reused.grants.awards]
            == [(a.award_id, a.amount) for a in fresh.grants.awards])


def test_a_plugin_after_the_rules_means_working_them_out_again(demo_dir, tmp_path,
                                                               monkeypatch):
    monkeypatch.setenv("BEANCOUNT_DISABLE_LOAD_CACHE", "1")
    books = Path(shutil.copytree(demo_dir, tmp_path / "books"))
    main = books / "main.beancount"
    main.write_text(main.read_text().replace(
        'plugin "rules.all"', 'plugin "rules.all"\nplugin "beancount.plugins.implicit_prices"'))
    entries, errors, options = load_books(main)
    assert isinstance(options[SHARED], Shared)
    session = Session(entries, errors, options)
    assert session.grants is not options[SHARED].analyses["grants"]
    assert len(session.errors) == len(errors)


def test_the_analyses_are_never_pickled_with_the_options(loaded):
    _, _, options = loaded
    assert pickle.loads(pickle.dumps(options))[SHARED] == {}


def test_a_rule_reads_another_streams_analysis_once(loaded, monkeypatch):
    from rules import local_spend

    entries, errors, options = loaded
    calls = []
    analyse = local_spend.analyse
    monkeypatch.setattr(local_spend, "analyse",
                        lambda *args: calls.append(1) or analyse(*args))
    session = Session(entries, errors, {k: v for k, v in options.items() if k != SHARED})
    assert session.pledges.pledges, "the demo declares pledges"
    assert session.local_spend is session.context.analyses["local_spend"]
    assert len(calls) == 1
