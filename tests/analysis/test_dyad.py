import pytest

from dyads.analysis import dyad_series
from dyads.analysis.dyad import QUADS
from dyads.errors import QueryError


def test_weekly_counts_both_directions(hand_db):
    frame = dyad_series(hand_db, "RUS", "PRK", freq="week")
    week = frame[frame["period"].astype(str) == "2025-03-03"].set_index("direction")
    forward, backward = week.loc["RUS->PRK"], week.loc["PRK->RUS"]
    assert forward["events"] == 4  # AID, COOPERATE, AGREE, COOPERATE (asserted)
    assert forward["material_cooperation"] == 3 and forward["COOPERATE"] == 2
    assert forward["net_cooperation"] == 4
    assert backward["events"] == 1  # the denied AID is left out by default
    assert forward["mean_intensity"] == pytest.approx((10 + 9.5 + 2.5 + 9.5) / 4)


def test_counts_add_up_and_gaps_are_zero(hand_db):
    frame = dyad_series(hand_db, "RUS", "PRK", freq="week")
    assert (frame[list(QUADS)].sum(axis=1) == frame["events"]).all()
    assert len(frame) == 2 * 9  # 9 Monday weeks from 2025-01-06 to 2025-03-03
    assert (frame["events"] == 0).sum() > 0


def test_all_modalities(hand_db):
    frame = dyad_series(hand_db, "PRK", "RUS", freq="month", modality="all")
    march = frame[frame["period"].astype(str) == "2025-03-01"].set_index("direction")
    assert march.loc["PRK->RUS", "events"] == 2


def test_bad_arguments(hand_db):
    with pytest.raises(QueryError, match="E706"):
        dyad_series(hand_db, "RUS", "PRK", freq="year")
    with pytest.raises(QueryError, match="E706"):
        dyad_series(hand_db, "RUS", "RUS")
    with pytest.raises(QueryError, match="E701"):
        dyad_series(hand_db, "RUS", "XYZ")


def test_plot(hand_db, tmp_path):
    pytest.importorskip("matplotlib", reason="matplotlib missing: pip install 'dyads[plot]'")
    from dyads.analysis.plot import plot_dyad

    frame = dyad_series(hand_db, "RUS", "PRK")
    out = plot_dyad(frame, tmp_path / "dyad.svg", title="RUS / PRK")
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")
    with pytest.raises(QueryError, match="E706"):
        plot_dyad(frame, tmp_path / "dyad.pdf")
