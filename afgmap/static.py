"""Static maps: one day as a matplotlib figure, and every day as PNG files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from afgmap.gazetteer import capitals, provinces
from afgmap.maps import STATUS_COLORS, STATUS_LABELS
from afgmap.timeline import STATUSES, timeline_day

__all__ = ["plot_day", "save_day_pngs"]


def plot_day(timeline: pd.DataFrame, date, ax=None, *, show_capitals: bool = True):
    """Draw one day of the timeline as a static map, for reports and papers.

    Parameters
    ----------
    timeline : pandas.DataFrame
        As returned by :func:`afgmap.build_timeline`.
    date : date or str
        The day to draw; it must lie inside the timeline.
    ax : matplotlib.axes.Axes, optional
        Where to draw (default: a new figure).
    show_capitals : bool, default True
        Mark the 34 provincial capitals.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import pandas as pd, afgmap
    >>> claims = pd.DataFrame({"claim_id": ["a:001"], "province": ["Nimroz"],
    ...     "stance": ["captured"], "source": ["independent"], "story_id": ["a"],
    ...     "event_date": pd.to_datetime(["2021-08-06"])})
    >>> ax = plot_day(afgmap.build_timeline(claims), "2021-08-06")
    >>> ax.get_title()
    'Control of provinces, 2021-08-06'
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    rows = timeline_day(timeline, date)
    shapes = provinces()
    shapes["status"] = shapes["province"].map(rows["status"].astype(str))
    if ax is None:
        _, ax = plt.subplots(figsize=(9, 7.5))
    shapes.plot(ax=ax, color=shapes["status"].map(STATUS_COLORS), edgecolor="#333333",
                linewidth=0.6)
    if show_capitals:
        points = capitals()
        points.plot(ax=ax, color="white", edgecolor="#222222", markersize=14, linewidth=0.8,
                    zorder=3)
    handles = [Patch(facecolor=STATUS_COLORS[s], edgecolor="#333333", label=STATUS_LABELS[s])
               for s in reversed(STATUSES)]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=2, fontsize=8,
              frameon=False, title="Status")
    ax.set_title(f"Control of provinces, {pd.Timestamp(date).date()}")
    ax.set_axis_off()
    ax.set_aspect(1 / 0.82)  # ~1/cos(35 deg): keeps shapes right at Afghanistan's latitude
    return ax


def save_day_pngs(timeline: pd.DataFrame, folder, *, dpi: int = 110) -> list[Path]:
    """Save one PNG per day of the timeline, named ``control_YYYY-MM-DD.png``.

    Parameters
    ----------
    timeline : pandas.DataFrame
    folder : str or path
        Created if needed.
    dpi : int, default 110

    Returns
    -------
    list of pathlib.Path
        The files written, in date order.
    """
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for day in sorted(timeline["date"].unique()):
        fig, ax = plt.subplots(figsize=(9, 7.5))
        plot_day(timeline, day, ax=ax)
        path = folder / f"control_{pd.Timestamp(day).date()}.png"
        fig.savefig(path, dpi=dpi, bbox_inches="tight", metadata={"Software": None})
        plt.close(fig)
        written.append(path)
    return written
