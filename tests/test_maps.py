"""Map HTML checked as text: statuses, legend, escaping, geometry written once."""

import re

import pytest

import afgmap
from afgmap import control_map, export_html, timeline_map
from afgmap.export import OfflineAssetError


@pytest.fixture(scope="module")
def day_page(seed_timeline, hostile_claims):
    timeline = afgmap.build_timeline(hostile_claims)
    return control_map(timeline, "2021-08-07").get_root().render()


@pytest.fixture(scope="module")
def slider_page(hostile_claims):
    return timeline_map(afgmap.build_timeline(hostile_claims)).get_root().render()


def test_day_map_fills_each_province_by_status(seed_timeline):
    page = control_map(seed_timeline, "2021-08-08").get_root().render()
    for status, color in afgmap.STATUS_COLORS.items():
        assert color in page, status
    assert page.count('"className": "afgmap-province"') == 1  # one layer for the 34 provinces
    assert "Kunduz: taliban, since 2021-08-08" in page
    assert "Kabul: government" in page
    assert "tile" not in page.lower() or "L.tileLayer" not in page  # no tile layer by default


def test_legend_names_the_four_states(day_page, slider_page):
    for page in (day_page, slider_page):
        for status in afgmap.STATUSES:
            assert f'data-status="{status}"' in page


def test_capitals_are_marked(day_page):
    assert day_page.count("L.circleMarker(") == 34
    assert day_page.count('"type": "Feature"') == 34  # geometry written once
    assert "Sheberghan (Jawzjan)" in day_page


def unjson(page):
    """Undo the \\u003c-style escapes folium puts in its JSON data."""
    return (page.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&")
            .replace('\\"', '"'))


def test_popups_list_the_evidence_escaped(day_page):
    data = unjson(day_page)
    # once the JSON is decoded, report text is still HTML-escaped
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in data
    assert "&lt;img src=x onerror=&quot;window.__pwned = 2&quot;&gt;" in data
    assert "<script>window.__pwned" not in data
    assert "<img src=x" not in data
    assert "report evil&lt;b&gt;" in data
    assert "${window.__pwned" not in day_page  # would run inside a JS template literal
    assert "date basis" not in day_page  # the basis itself is shown, not a label
    assert "report date (no time expression)" in day_page
    assert "<b>captured</b> (independent, 2021-08-07)" in data


def test_slider_page_writes_geometry_once_and_data_as_json(slider_page):
    assert slider_page.count('"type":"Feature"') == 34
    assert slider_page.count('"2021-08-06"') >= 1
    # report text is JSON data with < and > escaped, never markup
    assert "<script>window.__pwned" not in slider_page
    assert "<img src=x" not in slider_page
    assert "\\u003cscript\\u003ewindow.__pwned" in slider_page
    assert "textContent" in slider_page and "innerHTML = c." not in slider_page


def test_slider_page_size_does_not_grow_with_geometry_per_day(seed_claims):
    short = timeline_map(afgmap.build_timeline(seed_claims)).get_root().render()
    long = timeline_map(afgmap.build_timeline(seed_claims, end="2021-09-14")).get_root().render()
    # 36 more days add status strings and claim lists, not 36 more copies of the geometry
    assert len(long) - len(short) < 0.25 * len(short)


def test_tiles_are_optional(seed_timeline):
    page = control_map(seed_timeline, "2021-08-08", tiles="OpenStreetMap").get_root().render()
    assert "tile.openstreetmap.org" in page


@pytest.mark.parametrize(("day", "error"), [("2021-07-01", "outside the timeline"),
                                            ("someday", "must be a date")])
def test_bad_day(seed_timeline, day, error):
    with pytest.raises(ValueError, match=error):
        control_map(seed_timeline, day)


def test_online_export_loads_leaflet_from_its_cdn(seed_timeline, tmp_path):
    path = export_html(timeline_map(seed_timeline), tmp_path / "t.html")
    page = path.read_text(encoding="utf-8")
    assert re.search(r'<script src="https://[^"]+/leaflet@1\.9\.4/dist/leaflet\.js">', page)
    assert "jquery" not in page.lower() and "bootstrap" not in page.lower()


def test_offline_export_inlines_everything(seed_timeline, tmp_path):
    path = export_html(timeline_map(seed_timeline), tmp_path / "t.html", offline=True)
    page = path.read_text(encoding="utf-8")
    assert not re.search(r'<(?:script|img)[^>]+src="(?:https?:)?//', page)
    assert not re.search(r'<link[^>]+href="(?:https?:)?//', page)
    assert "url(data:image/png;base64," in page
    assert "L.geoJSON" in page


def test_offline_export_refuses_remote_tiles(seed_timeline, tmp_path):
    with pytest.raises(OfflineAssetError, match="remote asset would remain"):
        export_html(control_map(seed_timeline, "2021-08-08", tiles="OpenStreetMap"),
                    tmp_path / "t.html", offline=True)


def test_offline_export_without_leaflet_says_what_to_do(seed_timeline, tmp_path, monkeypatch):
    monkeypatch.setattr("afgmap.export.CHECKOUT_NODE_MODULES", tmp_path / "none")
    monkeypatch.delenv("AFGMAP_NODE_MODULES", raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(OfflineAssetError, match="npm ci"):
        export_html(timeline_map(seed_timeline), tmp_path / "t.html", offline=True)


def test_export_rejects_non_maps(tmp_path):
    with pytest.raises(TypeError, match="folium.Map"):
        export_html("<html>", tmp_path / "t.html")


def test_plot_day_draws_every_province_with_the_palette(seed_timeline):
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.colors import to_hex

    ax = afgmap.plot_day(seed_timeline, "2021-08-08")
    faces = {to_hex(c).upper() for c in ax.collections[0].get_facecolors()}
    assert faces == {afgmap.STATUS_COLORS[s] for s in ("government", "contested", "taliban")}
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) == 4 and labels[0].startswith("Taliban")


def test_save_day_pngs(seed_timeline, tmp_path):
    paths = afgmap.save_day_pngs(seed_timeline, tmp_path)
    assert [p.name for p in paths] == [f"control_2021-08-0{d}.png" for d in range(6, 10)]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in paths)


def test_report_text_is_never_run_as_a_template(injection_claims, tmp_path):
    """branca renders scripts through Jinja twice: "{{ ... }}" in a report must stay text."""
    import os

    from conftest import INJECTIONS

    timeline = afgmap.build_timeline(injection_claims)
    day = str(timeline["date"].iloc[0].date())
    pages = [afgmap.export_html(afgmap.timeline_map(timeline), tmp_path / "t.html").read_text(),
             afgmap.export_html(afgmap.control_map(timeline, day), tmp_path / "d.html").read_text()]
    assert "AFGMAP_PWNED" not in os.environ
    for page in pages:
        assert "{{" not in page and "{%" not in page
        assert "lipsum" in page  # the text is there, inert
        for _, payload in INJECTIONS:
            for tag in ("<script>window", "<img src", "<svg onload", "<iframe", "<style>*", "<b onmouse"):
                if tag in payload:
                    assert tag not in page
