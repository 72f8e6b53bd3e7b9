"""``ledger.transactions``: the transactions every rule selects from, read
once, give each rule the same transactions a walk over every entry would,
whichever loader made them."""

from __future__ import annotations

import datetime

import pytest
from beancount import loader

from ledger.entry_types import is_transaction
from ledger.transactions import Transactions

BOOKS = """
2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Expenses:Grants:SBGF GBP
2020-01-01 open Expenses:Grants GBP
2020-01-01 open Expenses:Services:ICT GBP
2020-01-01 open Liabilities:GrantsPayable:SBGF GBP

2020-04-02 * "Award" ^award-SBGF-1
  org-id: "GB-COH-1"
  Expenses:Grants:SBGF   100.00 GBP
  Liabilities:GrantsPayable:SBGF

2020-04-03 * "Split" ^pot-A ^award-SBGF-2
  Expenses:Services:ICT   10.00 GBP
  Expenses:Services:ICT   20.00 GBP
  Assets:Bank:Current

2020-04-04 * "Grant root" #tagged
  site: "Hotel"
  Expenses:Grants   5.00 GBP
  Assets:Bank:Current

2020-04-05 note Assets:Bank:Current "not a transaction"

2020-04-06 * "Paid"
  redacted: TRUE
  Liabilities:GrantsPayable:SBGF   100.00 GBP
  Assets:Bank:Current
"""


def _beancount() -> list:
    entries, errors, _ = loader.load_string(BOOKS)
    assert not errors
    return entries


def _uromyces() -> list:
    uromyces = pytest.importorskip(
        "uromyces._uromyces", reason="uromyces (the 'fast' extra) is not installed")
    ledger = uromyces.load_string(BOOKS, "<books>")
    ledger.run_validations()
    assert not ledger.errors
    return ledger.entries


@pytest.fixture(params=["beancount", "uromyces"])
def entries(request) -> list:
    return _beancount() if request.param == "beancount" else _uromyces()


def _narrations(selected: list) -> list[str]:
    return [e.narration for e in selected]


def _walk(entries: list, keep) -> list[str]:
    """What a rule walking every entry would select."""
    return [e.narration for e in entries if is_transaction(e) and keep(e)]


def test_all_is_every_transaction_in_ledger_order(entries):
    index = Transactions(entries)
    assert _narrations(index.all) == ["Award", "Split", "Grant root", "Paid"]
    assert index.last_date == datetime.date(2020, 4, 6)


def test_roots_select_the_root_and_everything_under_it_once(entries):
    index = Transactions(entries)
    assert _narrations(index.select(roots=("Expenses:Grants",))) == ["Award", "Grant root"]
    # Two postings to one account: the transaction once.
    assert _narrations(index.select(roots=("Expenses:Services",))) == ["Split"]
    # Two roots, in ledger order, each transaction once.
    assert _narrations(index.select(roots=("Assets:Bank", "Expenses:Grants"))) == \
        ["Award", "Split", "Grant root", "Paid"]
    # A name that only starts like a root is not under it.
    assert index.select(roots=("Expenses:Grant",)) == []
    for root in ("Assets:Bank", "Liabilities", "Expenses:Grants:SBGF"):
        assert _narrations(index.select(roots=(root,))) == _walk(
            entries, lambda e, r=root: any(
                p.account == r or p.account.startswith(r + ":") for p in e.postings))


def test_keys_and_links_select_as_a_walk_would(entries):
    index = Transactions(entries)
    for key in ("org-id", "site", "redacted", "not-in-the-books"):
        assert _narrations(index.select(keys=(key,))) == _walk(
            entries, lambda e, k=key: k in e.meta)
    for prefix in ("award-", "pot-", "claim-"):
        assert _narrations(index.select(links=(prefix,))) == _walk(
            entries, lambda e, p=prefix: any(link.startswith(p) for link in e.links))
    assert _narrations(index.select(roots=("Expenses:Grants",), keys=("redacted",),
                                    links=("pot-",))) == \
        ["Award", "Split", "Grant root", "Paid"]


def test_a_selection_is_the_entries_themselves(entries):
    index = Transactions(entries)
    selected = index.select(keys=("site",))
    assert selected[0] is next(e for e in entries if is_transaction(e)
                               and e.narration == "Grant root")
    assert index.select(keys=("site",)) is selected  # worked out once


def test_books_without_transactions():
    index = Transactions([])
    assert index.all == [] and index.last_date is None
    assert index.select(roots=("Assets",), keys=("org-id",), links=("award-",)) == []


def test_the_rule_context_indexes_each_list_of_entries_once():
    from rules.api import build_context  # noqa: PLC0415

    entries = _beancount()
    context, _ = build_context(entries, {"filename": "<books>"}, None)
    index = context.transactions(entries)
    assert context.transactions(entries) is index
    # Another list (a filtered view in Fava) gets its own index.
    view = [e for e in entries if not is_transaction(e) or e.narration != "Paid"]
    assert _narrations(context.transactions(view).all) == ["Award", "Split", "Grant root"]
    assert _narrations(context.transactions(entries).all)[-1] == "Paid"
