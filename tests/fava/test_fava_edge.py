"""The pages on small hand-written books: empty streams show an empty
state, people are never named, ledger text stays text, and the account
filter narrows the figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from fava_pages import SECTIONS, cells, content, fava_demo, money

HEAD = '''option "title" "Edge Council"
option "operating_currency" "GBP"
plugin "rules.all"
2020-01-01 custom "fava-extension" "reports.fava"
2020-01-01 open Assets:Bank:Current GBP
2020-01-01 open Expenses:Services:Parks GBP
2020-01-01 open Expenses:Services:Roads GBP
2020-01-01 open Equity:Opening-Balances GBP
'''

NOTHING = HEAD + '''
2020-05-01 * "Parks Ltd" "Mowing"
  Expenses:Services:Parks     100.00 GBP
  Assets:Bank:Current
'''

HOSTILE = HEAD + '''
2020-01-01 custom "cwl-area" "<b>Edgetown</b>"
  own: "LA1"
  region: "PR"
  region-name: "<img src=x onerror=alert(1)>"

2020-01-01 custom "cwl-organisation" "360G-edge-st-1"
  name: "A. Person t/a Person Plumbing"
  postcode: "LA1 1AA"
  individual: TRUE

2020-01-01 custom "cwl-organisation" "GB-COH-00000001"
  name: "<script>alert('payee')</script> Ltd"
  postcode: "PR1 2HE"

2020-05-03 * "A. Person t/a Person Plumbing" "Boiler repair"
  org-id: "360G-edge-st-1"
  Expenses:Services:Parks     250.00 GBP
  Assets:Bank:Current

2020-05-04 * "<script>alert('payee')</script> Ltd" "Road signs"
  org-id: "GB-COH-00000001"
  Expenses:Services:Roads     400.00 GBP
  Assets:Bank:Current

2020-06-04 * "Nowhere Ltd" "Cones"
  Expenses:Services:Roads      30.00 GBP
  Assets:Bank:Current
'''


def _books(tmp_path: Path, text: str):
    main = tmp_path / "main.beancount"
    main.write_text(text, encoding="utf-8")
    return fava_demo(main)


@pytest.fixture(scope="module")
def nothing(tmp_path_factory):
    return _books(tmp_path_factory.mktemp("nothing"), NOTHING)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return _books(tmp_path_factory.mktemp("hostile"), HOSTILE)


@pytest.mark.parametrize("section", SECTIONS)
def test_no_data_shows_an_empty_state(nothing, section):
    page = content(nothing.page(section))
    assert 'class="empty"' in page
    assert "<table" not in page


def test_individuals_are_counted_not_named(hostile):
    page = content(hostile.page("local-spend"))
    assert "Person" not in page and "360G-edge-st-1" not in page
    assert "Individuals (1)" in page
    assert cells(page, "data-class", "own-area")[1] == money(hostile.total(
        "meta('local-class') = 'own-area'"))


@pytest.mark.parametrize("section", SECTIONS)
def test_ledger_text_is_escaped(hostile, section):
    page = content(hostile.page(section))
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>Edgetown" not in page


def test_hostile_names_reach_the_page_as_text(hostile):
    page = content(hostile.page("local-spend"))
    assert "&lt;script&gt;alert(" in page
    assert "Region (&lt;img src=x onerror=alert(1)&gt;)" in page


def test_account_filter_narrows_the_figures(hostile):
    roads = content(hostile.page("local-spend", "&account=Expenses:Services:Roads"))
    assert cells(roads, "data-class", "own-area")[1] == money(0)
    assert cells(roads, "data-class", "region")[1] == money(400)
    assert cells(roads, "data-class", "unknown")[1] == money(30)
