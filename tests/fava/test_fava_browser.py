"""The pages in a real headless Chromium against a real Fava server: each
renders its section with no JavaScript console errors and is not blank, and
Fava's own Errors page links every rule error to its ledger line."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from fava_pages import PAGE, SECTIONS

# Debian's Chromium: ``playwright install`` downloads a browser build of its
# own, which is not always possible, so the tests drive the system's.
CHROMIUM = Path(shutil.which("chromium") or shutil.which("chromium-browser")
                or "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

# .ci/run sets CWL_REQUIRE_CHROMIUM=1: there a missing browser fails the run.
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CWL_REQUIRE_CHROMIUM"),
    reason="Chromium is not installed: `apt-get install chromium` (as .ci/run does) "
           "to run the browser tests")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    from playwright.sync_api import sync_playwright

    home = tmp_path_factory.mktemp("home")
    old = os.environ.get("HOME")
    os.environ["HOME"] = str(home)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            yield browser
            browser.close()
    finally:
        if old is not None:
            os.environ["HOME"] = old


def _variance(path: Path) -> float:
    from PIL import Image, ImageStat

    image = Image.open(path).convert("L")
    return ImageStat.Stat(image).var[0]


def _open(browser, url: str, selector: str):
    page = browser.new_page(viewport={"width": 1400, "height": 1600})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    page.wait_for_selector(selector, timeout=20000)
    page.wait_for_load_state("networkidle")
    return page, problems


@pytest.mark.parametrize("section", SECTIONS)
def test_page_renders_in_browser(browser, server, section, tmp_path_factory):
    slug = "lunesdale-district-council"
    url = server + PAGE.format(slug=slug) + f"?section={section}"
    page, problems = _open(browser, url, f'.cwl[data-section="{section}"] table')
    shots = Path(os.environ.get("CWL_SCREENSHOTS") or tmp_path_factory.mktemp("shots"))
    shot = shots / f"{section}.png"
    page.screenshot(path=str(shot), full_page=True)
    page.close()
    assert problems == []
    assert _variance(shot) > 100, f"{shot} looks blank"


@pytest.mark.parametrize("section", ["local-spend", "claims", "social-value"])
def test_sections_show_their_findings_with_links(browser, server, section):
    """Local spend, claims and social value list their own rule's findings,
    each linked to its line in Fava's editor."""
    slug = "lunesdale-district-council"
    url = server + PAGE.format(slug=slug) + f"?section={section}"
    selector = f'.cwl[data-section="{section}"] table.findings a[href*="editor/?file_path="]'
    page, problems = _open(browser, url, selector)
    codes = page.eval_on_selector_all(
        f'.cwl[data-section="{section}"] table.findings td:nth-child(2)',
        "els => els.map(e => e.textContent)")
    page.close()
    assert problems == []
    prefix = {"local-spend": "local.", "claims": "claims.", "social-value": "sv."}[section]
    assert codes and all(code.startswith(prefix) for code in codes)


def test_section_nav_moves_between_pages(browser, server):
    slug = "lunesdale-district-council"
    page, problems = _open(browser, server + PAGE.format(slug=slug),
                           '.cwl[data-section="grants"]')
    page.click("text=Social value")
    page.wait_for_selector('.cwl[data-section="social-value"] table.themes')
    page.close()
    assert problems == []


def test_errors_page_links_rule_errors_to_lines(browser, server, tmp_path_factory):
    page, problems = _open(browser, f"{server}/lunesdale-district-council/errors/",
                           'a[href*="editor/?file_path="]')
    links = page.eval_on_selector_all(
        'a[href*="editor/?file_path="]', "els => els.map(e => e.getAttribute('href'))")
    text = page.inner_text("article")
    page.close()
    assert problems == []
    assert len(links) >= 27
    assert "[grants.amount]" in text
