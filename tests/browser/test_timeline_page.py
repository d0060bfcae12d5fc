"""The offline timeline page in a real browser (Debian's chromium via Playwright), with no network."""

import shutil

import pytest
from playwright.sync_api import sync_playwright

import afgmap

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def open_offline(browser):
    """Open a local file with every non-file request blocked; record what was asked for."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    requests, errors = [], []

    def guard(route):
        requests.append(route.request.url)
        if route.request.url.startswith(("file:", "data:")):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", guard)

    def open_page(path):
        page = context.new_page()
        page.on("pageerror", lambda err: errors.append(str(err)))
        page.goto(path.as_uri())
        page.wait_for_selector("path.afgmap-province")
        return page

    yield open_page, requests, errors
    context.close()


def fill_of(page, province):
    return page.get_attribute(f'path[data-province="{province}"]', "fill")


@pytest.fixture(scope="module")
def timeline_page(tmp_path_factory, hostile_claims):
    out = tmp_path_factory.mktemp("browser")
    timeline = afgmap.build_timeline(hostile_claims)
    return afgmap.export_html(afgmap.timeline_map(timeline), out / "timeline.html", offline=True)


def test_offline_timeline_page(open_offline, timeline_page):
    open_page, requests, errors = open_offline
    page = open_page(timeline_page)
    assert page.locator("path.afgmap-province").count() == 34
    assert page.text_content(".afgmap-date") == "2021-08-06"
    # the legend names the four states
    for status in afgmap.STATUSES:
        assert page.locator(f'.afgmap-legend [data-status="{status}"]').count() == 1

    slider = page.locator("input.afgmap-day")
    slider.focus()
    page.keyboard.press("ArrowRight")  # 2021-08-07
    assert page.text_content(".afgmap-date") == "2021-08-07"
    kunduz_7 = fill_of(page, "Kunduz")
    page.keyboard.press("ArrowRight")  # 2021-08-08
    assert page.text_content(".afgmap-date") == "2021-08-08"
    kunduz_8 = fill_of(page, "Kunduz")
    assert kunduz_7 != kunduz_8
    assert kunduz_8.upper() == afgmap.STATUS_COLORS["taliban"]
    assert fill_of(page, "Kabul").upper() == afgmap.STATUS_COLORS["government"]

    # a tooltip appears on hover
    box = page.locator('path[data-province="Kabul"]').bounding_box()
    page.mouse.move(box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.6)
    page.wait_for_selector(".leaflet-tooltip")
    assert "Kabul: government" in page.text_content(".leaflet-tooltip")

    # the hostile report's sentence shows as text in Nimroz's popup, and never runs
    page.keyboard.press("Escape")
    slider.focus()
    page.keyboard.press("ArrowLeft")  # 2021-08-07, the hostile report's day
    box = page.locator('path[data-province="Nimroz"]').bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.7, box["y"] + box["height"] * 0.3)
    page.wait_for_selector(".afgmap-popup")
    popup = page.text_content(".afgmap-popup")
    assert "<script>window.__pwned = 1</script>" in popup
    assert '<img src=x onerror="window.__pwned = 2">' in popup
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".afgmap-popup script, .afgmap-popup img").count() == 0

    # the play button advances the days by itself
    page.click("button.afgmap-play")
    page.wait_for_function("() => document.querySelector('.afgmap-date').textContent !== '2021-08-07'")
    page.click("button.afgmap-play")

    assert errors == []
    assert all(url.startswith(("file:", "data:")) for url in requests), requests


def test_day_map_popup_is_escaped_in_the_browser(open_offline, tmp_path, hostile_claims):
    open_page, requests, errors = open_offline
    timeline = afgmap.build_timeline(hostile_claims)
    path = afgmap.export_html(afgmap.control_map(timeline, "2021-08-07"), tmp_path / "day.html",
                              offline=True)
    page = open_page(path)
    assert page.locator("path.afgmap-province").count() == 34
    box = page.locator("path.afgmap-province").nth(0).bounding_box()
    assert box["width"] > 0
    paths = page.locator("path.afgmap-province")
    # open every province's popup in turn until Nimroz's shows the hostile text
    found = False
    for i in range(34):
        paths.nth(i).dispatch_event("click")
        content = page.text_content(".leaflet-popup-content") or ""
        if "window.__pwned = 1" in content:
            found = True
            break
    assert found
    assert page.evaluate("() => window.__pwned") is None
    assert errors == []
    assert all(url.startswith(("file:", "data:")) for url in requests), requests


def test_no_injection_runs_in_any_popup_or_tooltip(open_offline, tmp_path, injection_claims):
    from conftest import INJECTIONS

    open_page, requests, errors = open_offline
    timeline = afgmap.build_timeline(injection_claims)
    dialogs = []
    path = afgmap.export_html(afgmap.timeline_map(timeline), tmp_path / "injected.html", offline=True)
    page = open_page(path)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    provinces = sorted(set(injection_claims["province"]))
    shown = ""
    for province in provinces:
        page.dispatch_event(f'path[data-province="{province}"]', "click")
        popup = page.locator(".afgmap-popup", has_text=f"{province}: ")
        popup.wait_for()
        shown += popup.text_content()
        assert page.locator(".leaflet-popup-content *").evaluate_all(
            "els => els.filter(e => !['DIV', 'P', 'B', 'BR', 'SMALL'].includes(e.tagName)).length"
        ) == 0
    for _, payload in INJECTIONS:
        assert payload.strip() in shown, shown  # shown as text, whole
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("svg[onload], img[onerror], iframe, a[href^=javascript], b[onmouseover], math").count() == 0
    assert dialogs == [] and errors == []
    assert all(url.startswith(("file:", "data:")) for url in requests), requests
