"""No copy of the books is left beside them: Beancount's load cache lives in
the user's cache folder, readable by the user alone."""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys

import pytest
from beancount import loader

from cli.main import main
from ledger.loading import cache_file, load_books


@pytest.fixture
def books(tmp_path, demo_dir, monkeypatch):
    """A copy of the demo, loaded with the cache on and cached however fast."""
    folder = tmp_path / "books"
    shutil.copytree(demo_dir, folder)
    monkeypatch.delenv("BEANCOUNT_DISABLE_LOAD_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(loader, "PICKLE_CACHE_THRESHOLD", 0.0)
    yield folder
    loader.initialize(use_cache=False)


def _beside(folder):
    return sorted(p.name for p in folder.rglob("*") if "picklecache" in p.name
                  or p.suffix == ".pickle")


def test_cwl_check_leaves_no_cache_beside_the_books(books, tmp_path, capsys):
    main(["check", "--loader", "beancount", str(books / "main.beancount")])
    assert _beside(books) == []
    cache = cache_file(books / "main.beancount")
    assert cache.is_relative_to(tmp_path / "cache" / "cwl" / "books")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700


def test_the_cache_is_used_and_gives_the_same_books(books):
    first = load_books(books / "main.beancount")
    assert cache_file(books / "main.beancount").exists()
    second = load_books(books / "main.beancount")
    assert len(second[0]) == len(first[0]) and len(second[1]) == len(first[1])


def test_two_ledgers_of_the_same_name_do_not_share_a_cache(books, tmp_path):
    assert cache_file(books / "main.beancount") != cache_file(tmp_path / "main.beancount")


def test_with_the_cache_disabled_nothing_is_written(books, tmp_path, monkeypatch):
    monkeypatch.setenv("BEANCOUNT_DISABLE_LOAD_CACHE", "1")
    entries, _, _ = load_books(books / "main.beancount")
    assert entries
    assert _beside(books) == [] and not (tmp_path / "cache").exists()


@pytest.mark.parametrize("amount", ["1/0", "100 / 0.00", "0/0"])
def test_an_amount_dividing_by_zero_is_an_error_at_its_line(tmp_path, amount):
    """Beancount 3.2's parser crashes the process on it: run in a child so a
    crash fails this test rather than the run."""
    ledger = tmp_path / "main.beancount"
    ledger.write_text("2020-01-01 open Assets:Cash GBP\n2020-01-01 open Equity:Opening GBP\n"
                      f'2020-01-02 * "Float"\n  Assets:Cash  {amount} GBP\n  Equity:Opening\n',
                      encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cli.main", "check", str(ledger)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1, done.stderr
    assert done.stdout == f"{ledger}:4: an amount divides by zero; the transaction is left out\n"


def test_a_stale_cache_is_never_unpickled(books, monkeypatch):
    """After an edit the stale cache is judged from its side record and
    deleted unread; unchanged books are read from the cache."""
    ledger = books / "main.beancount"
    first = load_books(ledger)
    unpickled = []
    real_load = loader.pickle.load
    monkeypatch.setattr(loader.pickle, "load", lambda f: unpickled.append(1) or real_load(f))
    load_books(ledger)
    assert unpickled == [1]  # nothing changed: the cache is read
    with open(books / "grants.beancount", "a", encoding="utf-8") as handle:
        handle.write("; an officer's note\n")
    again = load_books(ledger)
    assert unpickled == [1]  # edited: the stale copy was not read
    assert len(again[0]) == len(first[0])
    record = cache_file(ledger).with_suffix(".files.json")
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
