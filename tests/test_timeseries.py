"""The demand series, the windows, the seasonal-naive baseline and MAE (chapter 03)."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

from course_utils import data, timeseries


def test_doctests_hold() -> None:
    failures, tried = doctest.testmod(timeseries)
    assert tried > 0 and failures == 0


def test_demand_series_shape_index_and_columns() -> None:
    df = timeseries.make_demand_series(n_days=400, seed=0)
    assert df.shape == (400, 2)
    assert list(df.columns) == ["units", "festival"]
    assert isinstance(df.index, pd.DatetimeIndex) and df.index.name == "date"
    assert df.index[0] == pd.Timestamp("2021-01-01")
    assert (np.diff(df.index.to_numpy()) == np.timedelta64(1, "D")).all(), "one row per day"
    assert df["units"].dtype == np.int64 and df["festival"].dtype == bool
    assert (df["units"] > 0).all()


def test_demand_series_is_seeded() -> None:
    a = timeseries.make_demand_series(n_days=200, seed=3)
    b = timeseries.make_demand_series(n_days=200, seed=3)
    c = timeseries.make_demand_series(n_days=200, seed=4)
    pd.testing.assert_frame_equal(a, b)
    assert not a["units"].equals(c["units"])


def test_registry_loads_demand_with_options() -> None:
    df = data.load_dataset("demand", n_days=30, seed=1)
    pd.testing.assert_frame_equal(df, timeseries.make_demand_series(n_days=30, seed=1))


def test_weekly_seasonality_is_present() -> None:
    units = timeseries.make_demand_series(n_days=3 * 365, seed=0)["units"].astype(float)
    ratio = units / units.rolling(28, center=True).mean()  # remove trend and yearly wave
    assert ratio.autocorr(lag=7) > 0.2
    assert ratio.autocorr(lag=7) > ratio.autocorr(lag=3) + 0.3
    weekday_means = units.groupby(units.index.day_of_week).mean()
    assert weekday_means.idxmax() == 5, "Saturday sells most"


def test_trend_and_festival_season() -> None:
    df = timeseries.make_demand_series(n_days=3 * 365, seed=0)
    yearly = df["units"].groupby(df.index.year).mean()
    assert yearly.is_monotonic_increasing, "demand grows year on year"
    assert df.loc[df["festival"], "units"].mean() > 1.3 * df.loc[~df["festival"], "units"].mean()
    build_up_days = df.loc[df["festival"] & df.index.month.isin([10, 11])].groupby(lambda d: d.year)
    assert build_up_days.size().eq(11).all(), "an 11-day festival season every year"
    starts = build_up_days.apply(lambda g: g.index[0].strftime("%m-%d"))
    assert starts.nunique() > 1, "the festival date moves from year to year"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_days": 0}, "n_days must be >= 1"),
        ({"n_days": 10.5}, "n_days must be an integer"),
        ({"seed": -1}, "seed must be >= 0"),
        ({"base": 0.0}, "base .* must be > 0"),
        ({"noise": -0.1}, "noise must be >= 0"),
        ({"growth": -1.5}, "growth .* must be > -1"),
        ({"start": "yesterday-ish"}, "start must be a date"),
    ],
)
def test_demand_series_bad_inputs(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        timeseries.make_demand_series(**kwargs)  # type: ignore[arg-type]


def test_seasonal_naive_shifts_by_one_season() -> None:
    forecast = timeseries.seasonal_naive(np.arange(10), season=7)
    assert np.isnan(forecast[:7]).all()
    assert forecast[7:].tolist() == [0.0, 1.0, 2.0]


def test_seasonal_naive_is_perfect_on_a_pure_weekly_pattern() -> None:
    series = np.tile([5, 1, 2, 3, 4, 9, 8], 6)
    forecast = timeseries.seasonal_naive(series, season=7)
    assert timeseries.mae(series, forecast) == 0.0


@pytest.mark.parametrize(
    ("values", "season", "error", "message"),
    [
        (np.zeros((3, 3)), 1, ValueError, "1-D"),
        (np.arange(5), 0, ValueError, "season must be >= 1"),
        (np.arange(5), 5, ValueError, "shorter than the series"),
        (np.arange(5), 2.0, TypeError, "season must be an integer"),
    ],
)
def test_seasonal_naive_bad_inputs(
    values: np.ndarray, season: object, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        timeseries.seasonal_naive(values, season=season)  # type: ignore[arg-type]


def test_mae_ignores_missing_forecasts_only() -> None:
    assert timeseries.mae([1, 2, 3, 4], [2, 2, 1, np.nan]) == pytest.approx(1.0)
    with pytest.raises(ValueError, match="same shape"):
        timeseries.mae([1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match="no forecasts"):
        timeseries.mae([1, 2], [np.nan, np.nan])
    with pytest.raises(ValueError, match="y_true contains NaN"):
        timeseries.mae([1, np.nan], [1, 2])


def test_windows_align_inputs_with_the_next_day() -> None:
    days = np.arange(20, dtype="float32")
    features = np.stack([days, -days], axis=1)
    targets = days * 10
    xs, ys = [], []
    for x, y in timeseries.make_windows(features, targets, window=5, batch_size=4):
        xs.append(x.numpy())
        ys.append(y.numpy())
    x_all, y_all = np.concatenate(xs), np.concatenate(ys)
    assert x_all.shape == (15, 5, 2) and y_all.shape == (15,)
    for i in range(15):
        assert x_all[i, :, 0].tolist() == list(range(i, i + 5))
        assert y_all[i] == 10 * (i + 5), "the target is the day right after the window"
    assert y_all[-1] == targets[-1], "the last day is a target, never an input"


def test_windows_shuffle_is_seeded_and_keeps_pairs() -> None:
    days = np.arange(50, dtype="float32")

    def pairs(seed: int) -> list[tuple[float, float]]:
        out = []
        for x, y in timeseries.make_windows(days, days, 4, batch_size=8, shuffle=True, seed=seed):
            out += list(zip(x.numpy()[:, -1, 0].tolist(), y.numpy().tolist(), strict=True))
        return out

    first, again = pairs(0), pairs(0)
    assert first == again
    assert [p[0] for p in first] != sorted(p[0] for p in first), "shuffled"
    assert all(target == last + 1 for last, target in first), "each window keeps its target"


@pytest.mark.parametrize(
    ("features", "targets", "window", "message"),
    [
        (np.zeros(10), np.zeros(9), 3, "one row per day"),
        (np.zeros((10, 2, 2)), np.zeros(10), 3, r"shape \(n,\) or \(n, k\)"),
        (np.zeros(10), np.zeros((10, 2)), 3, r"targets must have shape \(n,\)"),
        (np.zeros(10), np.zeros(10), 10, "shorter than the series"),
        (np.zeros(10), np.zeros(10), 0, "window must be >= 1"),
    ],
)
def test_windows_bad_inputs(
    features: np.ndarray, targets: np.ndarray, window: int, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        timeseries.make_windows(features, targets, window=window)
