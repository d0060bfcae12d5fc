"""Interactive maps: one day's choropleth, and the whole period with a day slider (folium)."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import ClassVar

import folium
import pandas as pd
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from afgmap.gazetteer import capital_rows, provinces
from afgmap.timeline import MAX_EVIDENCE, STATUSES, timeline_claims, timeline_day

__all__ = ["STATUS_COLORS", "STATUS_LABELS", "control_map", "timeline_map"]

#: Fill colour per status: Paul Tol's medium-contrast scheme, readable with the
#: common colour-vision deficiencies and in greyscale (light to dark).
STATUS_COLORS: dict[str, str] = {
    "government": "#6699CC",
    "contested": "#EECC66",
    "claimed": "#EE99AA",
    "taliban": "#994455",
}
#: Legend text per status.
STATUS_LABELS: dict[str, str] = {
    "government": "Government (nothing reported)",
    "contested": "Contested (fighting, siege, partial control)",
    "claimed": "Claimed (Taliban word or one story, or disputed)",
    "taliban": "Taliban (independently reported)",
}
LEAFLET_VERSION = "1.9.4"
_LEAFLET_JS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
_LEAFLET_CSS = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"
_CENTER = (34.0, 66.0)
_EVIDENCE_COLUMNS = ["claim_id", "report_id", "place_surface", "stance", "source", "event_date",
                     "date_basis", "sentence"]


class _LeafletOnlyMap(folium.Map):
    """A folium map that loads Leaflet alone (no jQuery, Bootstrap or icon fonts)."""

    # folium declares these without ClassVar, so mypy takes them for instance variables
    default_js: ClassVar[list[tuple[str, str]]] = [("leaflet", _LEAFLET_JS)]  # type: ignore[misc]
    default_css: ClassVar[list[tuple[str, str]]] = [("leaflet_css", _LEAFLET_CSS)]  # type: ignore[misc]


def _escape(text: str) -> str:
    """HTML-escape, and make text inert in a JS template literal and in a Jinja template.

    Besides ``<>&"'``: ````` and ``$`` (folium writes tooltips inside JS template
    literals) and ``{``/``}`` (branca renders a map's scripts through Jinja a second
    time, so ``{{ ... }}`` in report text would be evaluated).

    Examples
    --------
    >>> _escape("<b>{{7*7}}</b> `${x}`")
    '&lt;b&gt;&#123;&#123;7*7&#125;&#125;&lt;/b&gt; &#96;&#36;&#123;x&#125;&#96;'
    """
    return (html.escape(str(text)).replace("`", "&#96;").replace("$", "&#36;")
            .replace("{", "&#123;").replace("}", "&#125;"))


def _figure(fmap: folium.Map) -> Figure:
    """The page a map is drawn in (folium makes it a Figure; branca types it as an Element)."""
    root = fmap.get_root()
    assert isinstance(root, Figure)
    return root


def _new_map(title: str, tiles: str | None) -> folium.Map:
    fmap = _LeafletOnlyMap(location=_CENTER, zoom_start=6, tiles=tiles, control_scale=True,
                           prefer_canvas=False)
    _figure(fmap).header.add_child(Element(f"<title>{html.escape(title)}</title>"))
    fmap.fit_bounds([[29.3, 60.4], [38.5, 74.9]])
    return fmap


def _legend_html() -> str:
    rows = "".join(
        f'<div class="afgmap-legend-row" data-status="{status}">'
        f'<span class="afgmap-swatch" style="background:{STATUS_COLORS[status]}"></span>'
        f"{html.escape(STATUS_LABELS[status])}</div>"
        for status in reversed(STATUSES)
    )
    return (
        '<div class="afgmap-legend" style="position:absolute;bottom:24px;right:12px;z-index:1000;'
        "background:rgba(255,255,255,.92);padding:8px 10px;border-radius:4px;"
        'font:12px/1.5 sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)">'
        f"<b>Control of provinces</b>{rows}</div>"
        "<style>.afgmap-swatch{display:inline-block;width:14px;height:14px;margin-right:6px;"
        "vertical-align:-2px;border:1px solid #555}</style>"
    )


def _evidence(claims: pd.DataFrame | None, timeline: pd.DataFrame) -> pd.DataFrame:
    if claims is None:
        claims = timeline_claims(timeline)
    have = [c for c in _EVIDENCE_COLUMNS if c in claims.columns]
    return claims[have].set_index("claim_id", drop=False)


def _popup_html(province: str, row, evidence: pd.DataFrame) -> str:
    """Escaped HTML listing the evidence for one province on one day."""
    since = "" if pd.isna(row["since"]) else f" since {row['since'].date()}"
    parts = [f"<b>{_escape(province)}</b>: {_escape(str(row['status']))}"
             f"{_escape(since)}"]
    ids = [i for i in row["claim_ids"].split(";") if i]
    if not ids:
        parts.append("<p>No claims reported.</p>")
    total = int(row.get("n_claims", len(ids)))
    if total > len(ids):
        parts.append(f"<p>The first {len(ids)} of {total} claims; all are in the claims table.</p>")
    for claim_id in ids:
        if claim_id not in evidence.index:
            continue
        claim = evidence.loc[claim_id]
        when = "" if pd.isna(claim.get("event_date")) else str(pd.Timestamp(claim["event_date"]).date())
        parts.append(
            "<p class='afgmap-claim'>"
            f"<b>{_escape(str(claim.get('stance', '')))}</b> ({_escape(str(claim.get('source', '')))}"
            f", {_escape(when)}) &mdash; &ldquo;{_escape(str(claim.get('sentence', '')))}&rdquo;"
            f"<br><small>report {_escape(str(claim.get('report_id', '')))}; "
            f"{_escape(str(claim.get('date_basis', '')))}</small></p>"
        )
    return "<div style='max-height:260px;overflow:auto'>" + "".join(parts) + "</div>"


def _add_capitals(fmap: folium.Map) -> None:
    group = folium.FeatureGroup(name="Provincial capitals")
    for row in capital_rows():
        folium.CircleMarker(
            location=(row.latitude, row.longitude), radius=3, color="#222222", weight=1,
            fill=True, fill_color="#FFFFFF", fill_opacity=1,
            tooltip=html.escape(f"{row.capital} ({row.province})"),
        ).add_to(group)
    group.add_to(fmap)


def control_map(
    timeline: pd.DataFrame,
    date,
    *,
    claims: pd.DataFrame | None = None,
    tiles: str | None = None,
) -> folium.Map:
    r"""A choropleth of one day: each province filled by its status.

    Parameters
    ----------
    timeline : pandas.DataFrame
        As returned by :func:`afgmap.build_timeline`.
    date : date or str
        The day to draw; it must lie inside the timeline.
    claims : pandas.DataFrame, optional
        The claims behind the timeline (default: those it was built from), for
        the popups.
    tiles : str, optional
        A folium tile layer name or URL; by default there is none, and the map
        is readable from the provinces alone (and works offline).

    Returns
    -------
    folium.Map
        Provinces with a tooltip (province, status, since when) and a popup
        listing the evidence (sentence, report, source, stance, date basis),
        all escaped; capitals as small markers; a legend of the four states.

    Examples
    --------
    >>> import pandas as pd, afgmap
    >>> claims = pd.DataFrame({"claim_id": ["a:001"], "province": ["Nimroz"],
    ...     "stance": ["captured"], "source": ["independent"], "story_id": ["a"],
    ...     "event_date": pd.to_datetime(["2021-08-06"]), "sentence": ["<b>Zaranj</b> fell."]})
    >>> m = control_map(afgmap.build_timeline(claims), "2021-08-06")
    >>> page = m.get_root().render()  # report text is escaped, then JSON-encoded
    >>> "\\u0026lt;b\\u0026gt;Zaranj" in page, "<b>Zaranj</b>" in page
    (True, False)
    """
    rows = timeline_day(timeline, date)
    evidence = _evidence(claims, timeline)
    day = pd.Timestamp(date).date()
    fmap = _new_map(f"afgmap: control of Afghanistan's provinces on {day}", tiles)
    features = []
    for shape in provinces().itertuples():
        row = rows.loc[shape.province]
        status = str(row["status"])
        since = "" if pd.isna(row["since"]) else f", since {row['since'].date()}"
        features.append({
            "type": "Feature",
            "geometry": shape.geometry.__geo_interface__,
            # label and evidence are escaped HTML, carried as JSON data (no template literals)
            "properties": {
                "province": shape.province,
                "status": status,
                "label": _escape(f"{shape.province}: {status}{since}"),
                "evidence": _popup_html(shape.province, row, evidence),
            },
        })
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=f"Provinces on {day}",
        style_function=lambda feature: {
            "fillColor": STATUS_COLORS[feature["properties"]["status"]], "color": "#333333",
            "weight": 1, "fillOpacity": 0.85,
        },
        highlight_function=lambda _: {"weight": 3},
        tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False, sticky=True),
        popup=folium.GeoJsonPopup(fields=["evidence"], labels=False, max_width=420),
        className="afgmap-province",  # a path option: Leaflet sets it when drawing
    ).add_to(fmap)
    _add_capitals(fmap)
    _figure(fmap).html.add_child(Element(_legend_html()))
    title = (
        '<div class="afgmap-title" style="position:absolute;top:10px;left:50px;z-index:1000;'
        "background:rgba(255,255,255,.92);padding:4px 10px;border-radius:4px;"
        f'font:bold 14px sans-serif">{html.escape(str(day))}</div>'
    )
    _figure(fmap).html.add_child(Element(title))
    return fmap


_JINJA_OPENING = re.compile(r"\{(?=[{%#])")


def _safe_json(value) -> str:
    """JSON that can sit in a <script> element and a Jinja template: no "</script>", "<!--", "{{"."""
    text = (
        json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    )
    # branca renders scripts through Jinja twice: no "{{", "{%" or "{#" may survive
    # (a structural "{" is always followed by '"' or "}", so only string text changes)
    return _JINJA_OPENING.sub(r"\\u007b", text)


@lru_cache(maxsize=1)
def _geometry_json() -> dict:
    shapes = provinces()
    return json.loads(shapes[["province", "iso_code", "capital", "geometry"]].to_json(drop_id=True))


class DaySlider(MacroElement):
    """A province layer whose colours, tooltips and popups follow a day slider.

    The geometry is written once; each day is a string of one status letter per
    province, and the evidence is written once per claim. Report text is data
    (JSON) and reaches the page through ``textContent``, never as HTML.
    """

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
.afgmap-slider{position:absolute;top:10px;left:50px;right:50px;z-index:1000;
 background:rgba(255,255,255,.94);padding:6px 10px;border-radius:4px;font:13px sans-serif;
 box-shadow:0 1px 4px rgba(0,0,0,.3);display:flex;gap:10px;align-items:center}
.afgmap-slider input[type=range]{flex:1}
.afgmap-slider .afgmap-date{font-weight:bold;min-width:90px}
.afgmap-popup p{margin:4px 0}
</style>
{% endmacro %}
{% macro html(this, kwargs) %}
<div class="afgmap-slider" id="{{ this.get_name() }}_panel">
 <button type="button" class="afgmap-play" aria-label="Play">&#9654;</button>
 <input type="range" class="afgmap-day" min="0" max="{{ this.n_days - 1 }}" step="1" value="0"
  aria-label="Day">
 <span class="afgmap-date"></span>
</div>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var data = {{ this.data_json }};
  var colors = {{ this.colors_json }};
  var map = {{ this._parent.get_name() }};
  var panel = document.getElementById("{{ this.get_name() }}_panel");
  var slider = panel.querySelector(".afgmap-day");
  var label = panel.querySelector(".afgmap-date");
  var button = panel.querySelector(".afgmap-play");
  L.DomEvent.disableClickPropagation(panel);
  var layers = [];
  var day = 0;
  function text(tag, value, cls) {
    var el = document.createElement(tag);
    el.textContent = value;
    if (cls) { el.className = cls; }
    return el;
  }
  function popup(i) {
    var box = document.createElement("div");
    box.className = "afgmap-popup";
    box.style.maxHeight = "260px";
    box.style.overflow = "auto";
    var head = document.createElement("p");
    head.appendChild(text("b", data.provinces[i]));
    var since = sinceDate(i) ? " since " + sinceDate(i) : "";
    head.appendChild(document.createTextNode(": " + statusOf(i) + since));
    box.appendChild(head);
    var ids = evidenceOf(i);
    if (!ids.length) { box.appendChild(text("p", "No claims reported.")); }
    var total = data.days[day].n_claims[i];
    if (total > ids.length) {
      box.appendChild(text("p", "The first " + ids.length + " of " + total
        + " claims; all are in the claims table."));
    }
    ids.forEach(function (id) {
      var c = data.claims[id];
      var p = document.createElement("p");
      p.appendChild(text("b", c.stance));
      p.appendChild(document.createTextNode(" (" + c.source + ", " + c.date + ") \\u2014 \\u201c"
        + c.sentence + "\\u201d"));
      p.appendChild(document.createElement("br"));
      p.appendChild(text("small", "report " + c.report + "; " + c.basis));
      box.appendChild(p);
    });
    return box;
  }
  function statusOf(i) { return data.status_names[+data.days[day].status.charAt(i)]; }
  function sinceDate(i) {
    var k = data.days[day].since[i];
    return k < 0 ? "" : data.dates[k];
  }
  // the evidence for a status: the province's claims from its last change to
  // this day (only this day's while it is "government"), as in claim_ids
  function evidenceOf(i) {
    var today = data.dates[day];
    var from = statusOf(i) === "government" || !sinceDate(i) ? today : sinceDate(i);
    return data.province_claims[i].filter(function (id) {
      var d = data.claims[id].date;
      return d >= from && d <= today;
    }).slice(0, data.max_evidence);
  }
  function tooltip(i) {
    var since = sinceDate(i) ? ", since " + sinceDate(i) : "";
    return text("div", data.provinces[i] + ": " + statusOf(i) + since);
  }
  L.geoJSON(data.geometry, {
    style: function () { return {color: "#333333", weight: 1, fillOpacity: 0.85,
                                 className: "afgmap-province"}; },
    onEachFeature: function (feature, layer) {
      var i = data.provinces.indexOf(feature.properties.province);
      layer.afgmapIndex = i;
      layer.bindTooltip(function () { return tooltip(i); }, {sticky: true});
      layer.bindPopup(function () { return popup(i); },
                      {maxWidth: 420, autoPanPaddingTopLeft: [20, 70]});
      layer.on("mouseover", function () { layer.setStyle({weight: 3}); });
      layer.on("mouseout", function () { layer.setStyle({weight: 1}); });
      layers[i] = layer;
    }
  }).addTo(map);
  layers.forEach(function (layer, i) {
    var el = layer.getElement();
    if (el) { el.setAttribute("data-province", data.provinces[i]); }
  });
  function show(index) {
    day = index;
    var entry = data.days[day];
    label.textContent = entry.date;
    slider.value = String(day);
    layers.forEach(function (layer, i) {
      var status = statusOf(i);
      layer.setStyle({fillColor: colors[status]});
      var el = layer.getElement();
      if (el) { el.setAttribute("data-status", status); }
      if (layer.isPopupOpen()) { layer.setPopupContent(popup(i)); }
    });
    map.getContainer().setAttribute("data-day", entry.date);
  }
  slider.addEventListener("input", function () { show(parseInt(slider.value, 10)); });
  var timer = null;
  button.addEventListener("click", function () {
    if (timer) { clearInterval(timer); timer = null; button.innerHTML = "&#9654;"; return; }
    button.innerHTML = "&#10074;&#10074;";
    timer = setInterval(function () {
      show(day + 1 < data.days.length ? day + 1 : 0);
    }, {{ this.interval_ms }});
  });
  show(0);
})();
{% endmacro %}
"""
    )

    def __init__(self, data: dict, interval_ms: int = 900) -> None:
        super().__init__()
        self._name = "DaySlider"
        self.data_json = _safe_json(data)
        self.colors_json = _safe_json(STATUS_COLORS)
        self.n_days = len(data["days"])
        self.interval_ms = int(interval_ms)


def timeline_map(
    timeline: pd.DataFrame,
    *,
    claims: pd.DataFrame | None = None,
    tiles: str | None = None,
    interval_ms: int = 900,
) -> folium.Map:
    """One self-contained page for the whole period, with a day slider and a play button.

    Parameters
    ----------
    timeline : pandas.DataFrame
        As returned by :func:`afgmap.build_timeline`.
    claims : pandas.DataFrame, optional
        The claims behind the timeline (default: those it was built from).
    tiles : str, optional
        A folium tile layer; none by default.
    interval_ms : int, default 900
        Milliseconds per day when playing.

    Returns
    -------
    folium.Map
        Provinces drawn once; their fill, tooltip (province, status, since) and
        popup (the evidence) follow the selected day, shown above the map; the
        same legend as :func:`control_map`.

    Examples
    --------
    >>> import pandas as pd, afgmap
    >>> claims = pd.DataFrame({"claim_id": ["a:001"], "province": ["Nimroz"],
    ...     "stance": ["captured"], "source": ["independent"], "story_id": ["a"],
    ...     "event_date": pd.to_datetime(["2021-08-06"]), "sentence": ["Zaranj fell."]})
    >>> page = timeline_map(afgmap.build_timeline(claims, end="2021-08-09")).get_root().render()
    >>> page.count('"type":"Feature"')   # geometry written once, whatever the number of days
    34
    """
    if not isinstance(timeline, pd.DataFrame) or "status" not in timeline.columns:
        raise TypeError("timeline must be the DataFrame returned by afgmap.build_timeline")
    evidence = _evidence(claims, timeline)
    geometry = _geometry_json()
    names = [f["properties"]["province"] for f in geometry["features"]]
    codes = {status: str(i) for i, status in enumerate(STATUSES)}
    dates = [str(pd.Timestamp(d).date()) for d in sorted(timeline["date"].unique())]
    index_of_day = {d: i for i, d in enumerate(dates)}
    days = []
    used: dict[str, set[str]] = {name: set() for name in names}
    for day, rows in timeline.groupby("date", sort=True):
        rows = rows.set_index("province").loc[names]
        for name, ids in zip(names, rows["claim_ids"], strict=True):
            used[name].update(i for i in ids.split(";") if i in evidence.index)
        days.append({
            "date": str(pd.Timestamp(day).date()),
            # one status digit per province, and the index of the day of the last change
            "status": "".join(codes[str(s)] for s in rows["status"]),
            "since": [-1 if pd.isna(s) else index_of_day.get(str(s.date()), -1) for s in rows["since"]],
            "n_claims": [int(n) for n in rows["n_claims"]] if "n_claims" in rows else [0] * len(names),
        })
    claims_data = {}
    for claim_id in sorted(set().union(*used.values())):
        claim = evidence.loc[claim_id]
        when = claim.get("event_date")
        claims_data[claim_id] = {
            "stance": str(claim.get("stance", "")), "source": str(claim.get("source", "")),
            "date": "" if pd.isna(when) else str(pd.Timestamp(when).date()),
            "sentence": str(claim.get("sentence", "")), "report": str(claim.get("report_id", "")),
            "basis": str(claim.get("date_basis", "")),
        }
    province_claims = [sorted(used[name], key=lambda i: (claims_data[i]["date"], i)) for name in names]
    data = {"provinces": names, "status_names": list(STATUSES), "geometry": geometry,
            "dates": dates, "days": days, "claims": claims_data,
            "province_claims": province_claims, "max_evidence": MAX_EVIDENCE}
    first, last = days[0]["date"], days[-1]["date"]
    fmap = _new_map(f"afgmap: control of Afghanistan's provinces, {first} to {last}", tiles)
    DaySlider(data, interval_ms=interval_ms).add_to(fmap)
    _add_capitals(fmap)
    _figure(fmap).html.add_child(Element(_legend_html()))
    return fmap
