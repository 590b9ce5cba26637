"""A chart of a dyad's time series (matplotlib, the optional ``dyads[plot]`` extra)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import Errors, QueryError

SUFFIXES: tuple[str, ...] = (".png", ".svg")


def plot_dyad(frame: pd.DataFrame, path: str | Path, title: str = "") -> Path:
    """Net cooperation and event counts per period, one line per direction."""
    out = Path(path)
    if out.suffix.lower() not in SUFFIXES:
        detail = "the chart is written as .png or .svg"
        raise QueryError(Errors.E706, value=str(out), option="--plot", detail=detail)
    try:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib import pyplot as plt
    except ImportError as exc:
        raise QueryError(Errors.E708) from exc
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(9, 5.5))
    for direction, rows in frame.groupby("direction", sort=True):
        periods = pd.to_datetime(rows["period"])
        top.plot(periods, rows["net_cooperation"], marker="o", label=direction)
        bottom.plot(periods, rows["events"], marker=".", label=direction)
    top.axhline(0, color="grey", linewidth=0.8)
    top.set_ylabel("net cooperation")
    bottom.set_ylabel("events")
    top.legend()
    top.set_title(title)
    fig.autofmt_xdate()
    fig.tight_layout()
    try:
        fig.savefig(out)
    except OSError as exc:
        raise QueryError(Errors.E707, path=str(out), detail=str(exc)) from exc
    finally:
        plt.close(fig)
    return out
