"""Exporting maps to HTML, online (Leaflet from its CDN) or fully offline (everything inlined)."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import folium

__all__ = ["OfflineAssetError", "export_html", "find_leaflet"]

_SCRIPT_SRC = re.compile(r'<script\s+src="(?P<url>[^"]+)"\s*>\s*</script>', re.IGNORECASE)
_STYLESHEET = re.compile(
    r'<link\s+rel="stylesheet"\s+href="(?P<url>[^"]+)"\s*/?>', re.IGNORECASE
)
#: What would make the browser fetch something: script/link/img sources, CSS
#: url(...), and Leaflet tile or image layers with a remote URL template.
_REMOTE = re.compile(
    r'<(?:script|img|link|iframe|source|embed)\b[^>]*(?:src|href)\s*=\s*["\']?(?:https?:)?//'
    r'|url\(\s*["\']?(?:https?:)?//'
    r'|L\.(?:tileLayer|imageOverlay|videoOverlay)(?:\.wms)?\(\s*["\'](?:https?:)?//'
    r'|@import\s+["\']?(?:https?:)?//',
    re.IGNORECASE,
)
_CSS_URL = re.compile(r"url\((?P<q>['\"]?)(?P<path>images/[^'\")]+)(?P=q)\)")


#: ``node_modules`` of the source checkout, where ``npm ci`` puts Leaflet.
CHECKOUT_NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"


class OfflineAssetError(RuntimeError):
    """An offline export would still need the network, or its assets are missing."""


def find_leaflet() -> Path:
    """The folder holding ``leaflet.js`` and ``leaflet.css`` from the npm package ``leaflet``.

    Looked up in ``$AFGMAP_NODE_MODULES``, then ``./node_modules``, then the
    ``node_modules`` of the afgmap source checkout (``npm ci`` installs it there).
    """
    candidates = []
    if os.environ.get("AFGMAP_NODE_MODULES"):
        candidates.append(Path(os.environ["AFGMAP_NODE_MODULES"]))
    candidates.append(Path.cwd() / "node_modules")
    candidates.append(CHECKOUT_NODE_MODULES)
    for base in candidates:
        dist = base / "leaflet" / "dist"
        if (dist / "leaflet.js").is_file() and (dist / "leaflet.css").is_file():
            return dist
    raise OfflineAssetError(
        "offline export needs the npm package leaflet (pinned in afgmap's package.json): run "
        "`npm ci` in the afgmap repository, or set AFGMAP_NODE_MODULES to a node_modules "
        f"folder that has leaflet/dist; looked in {[str(c) for c in candidates]}"
    )


def _inline_css(css: str, dist: Path) -> str:
    def data_uri(match: re.Match) -> str:
        image = dist / match["path"]
        encoded = base64.b64encode(image.read_bytes()).decode("ascii")
        return f"url(data:image/png;base64,{encoded})"

    return _CSS_URL.sub(data_uri, css)


def _offline(page: str) -> str:
    dist = find_leaflet()
    leaflet_js = (dist / "leaflet.js").read_text(encoding="utf-8")
    leaflet_css = _inline_css((dist / "leaflet.css").read_text(encoding="utf-8"), dist)

    # Swap the asset tags for placeholders, check that nothing remote is left in
    # the page itself, then put the assets in (Leaflet's own code mentions URLs
    # in strings, which are links, not assets).
    js_mark, css_mark = "\x00afgmap-leaflet-js\x00", "\x00afgmap-leaflet-css\x00"

    def script(match: re.Match) -> str:
        url = match["url"]
        if url.endswith("/leaflet.js"):
            return js_mark
        raise OfflineAssetError(f"no offline copy of the script {url!r}")

    def stylesheet(match: re.Match) -> str:
        url = match["url"]
        if url.endswith("/leaflet.css"):
            return css_mark
        raise OfflineAssetError(f"no offline copy of the stylesheet {url!r}")

    page = _SCRIPT_SRC.sub(script, page)
    page = _STYLESHEET.sub(stylesheet, page)
    remote = _REMOTE.search(page)
    if remote:
        context = page[max(0, remote.start() - 60) : remote.end() + 60].replace("\n", " ")
        raise OfflineAssetError(f"a remote asset would remain in the offline page: ...{context}...")
    page = page.replace(js_mark, "<script>" + leaflet_js.replace("</script", "<\\/script") + "</script>")
    return page.replace(css_mark, "<style>" + leaflet_css + "</style>")


def _number_elements(root) -> None:
    """Give every element of a page an id from its place in the tree (folium draws random ones).

    The same map then always gives the same file, byte for byte.
    """
    stack, number = [root], 0
    while stack:
        element = stack.pop()
        number += 1
        element._id = f"{number:032x}"
        stack.extend(reversed(list(getattr(element, "_children", {}).values())))


def export_html(m: folium.Map, path, offline: bool = False) -> Path:
    """Write a map to an HTML file.

    Parameters
    ----------
    m : folium.Map
        A map from :func:`afgmap.control_map` or :func:`afgmap.timeline_map`
        (any folium map for ``offline=False``).
    path : str or path
        The file to write; its folder is created if needed.
    offline : bool, default False
        Inline Leaflet's script, stylesheet and images (from the npm package the
        repository pins) so that the file opens with no network at all.

    Returns
    -------
    pathlib.Path

    Notes
    -----
    The ids folium gives the map's elements are random; they are renumbered
    in tree order first, so that the same map always gives the same file.

    Raises
    ------
    OfflineAssetError
        With ``offline=True``, if Leaflet is not installed (run ``npm ci``) or a
        remote asset would remain (e.g. a tile layer).
    """
    if not isinstance(m, folium.Map):
        raise TypeError(f"m must be a folium.Map, got {type(m).__name__}")
    path = Path(path)
    _number_elements(m.get_root())
    page = m.get_root().render()
    if offline:
        page = _offline(page)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
