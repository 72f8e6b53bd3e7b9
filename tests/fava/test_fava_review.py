"""Review findings on the Fava pages: findings and free text redacted as the
PDFs are, the plugin's settings, bad filters, and ``cwl serve`` mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest
from fava_pages import PAGE, content, fava_demo
from people_books import all_cases, all_words
from review_ledgers import BROKEN_DECLARATION, GRANTS, PLUGIN_RATE, SECRETS, write

from cli import main as cli
from reports.fava.command import create_app


@pytest.fixture(scope="module")
def grants_books(tmp_path_factory):
    return fava_demo(write(tmp_path_factory.mktemp("grants"), GRANTS))


@pytest.mark.parametrize("section", ["grants", "relief", "local-spend"])
def test_findings_and_titles_never_name_people(grants_books, section):
    page = content(grants_books.page(section)).casefold()
    assert [s for s in SECRETS if s in page] == []


@pytest.fixture(scope="module")
def people_books(tmp_path_factory):
    """Every way a person can slip through, the parse error included."""
    return fava_demo(write(tmp_path_factory.mktemp("people"), all_cases()))


@pytest.mark.parametrize("section", ["grants", "relief", "local-spend", "claims",
                                     "social-value"])
def test_pages_name_no_one_whatever_the_books_hold(people_books, section):
    page = " ".join(content(people_books.page(section)).split()).casefold()
    assert [w for w in all_words() if w in page] == []


def test_no_pdf_from_unparsable_books(people_books):
    url = PAGE.format(slug=people_books.slug) + "pdf?report=grants-panel"
    assert people_books.client.get(url).status_code == 409


def test_duplicate_bank_finding_is_shown_redacted(grants_books):
    page = content(grants_books.page("grants"))
    assert "grants.duplicate-bank" in page
    assert "as SBGF payments to an individual" in page
    assert "withheld: an individual&#39;s" in page or "withheld: an individual's" in page


def test_pages_use_the_plugins_settings(tmp_path: Path):
    books = fava_demo(write(tmp_path, PLUGIN_RATE))
    extension = books.ledger.extensions.get_extension("CommunityWealth")
    assert extension.session.context.settings.sfc_rate == pytest.approx(0.5)
    page = content(books.page("claims"))
    assert "£30,000.00" not in page and "£20,000.00" in page


@pytest.mark.parametrize("path,query", [("", "?section=grants&time=garbage"),
                                        ("pdf", "?report=claim&time=garbage"),
                                        ("", "?section=grants&filter=%22%3Cscript%3E")])
def test_an_unreadable_filter_is_a_bad_request_not_a_crash(grants_books, path, query):
    response = grants_books.client.get(PAGE.format(slug=grants_books.slug) + path + query)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert "Failed to parse date: garbage" in body or "Illegal character" in body
    assert "<script>" not in body


def test_serve_takes_a_relative_path(tmp_path: Path, monkeypatch):
    write(tmp_path, GRANTS)
    monkeypatch.chdir(tmp_path)
    app = create_app(Path("main.beancount"))
    client = app.test_client()
    slug = client.get("/").headers["Location"].split("/")[1]
    assert client.get(PAGE.format(slug=slug) + "?section=grants").status_code == 200


def test_serve_refuses_a_folder_and_a_port_out_of_range(tmp_path: Path, capsys):
    assert cli.main(["serve", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"{tmp_path}: is a folder, not a ledger file\n"
    with pytest.raises(SystemExit) as exit_:
        cli.main(["serve", "--port", "99999"])
    assert exit_.value.code == 2
    assert "argument --port: 99999 is not a port (1 to 65535)" in capsys.readouterr().err


def test_no_pdf_from_broken_declarations(tmp_path: Path):
    books = fava_demo(write(tmp_path, BROKEN_DECLARATION))
    response = books.client.get(PAGE.format(slug=books.slug) + "pdf?report=balance-sheet")
    assert response.status_code == 409
    assert "1 broken declaration(s) or unparsable line(s)" in response.get_data(as_text=True)
    assert books.client.get(PAGE.format(slug=books.slug) + "?section=grants").status_code == 200
