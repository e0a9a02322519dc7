"""Time series for forecasting: a generated daily demand series, windows, a baseline, MAE.

Introduced in chapter 03 (LSTM forecaster vs a seasonal-naive baseline).

The demand series is synthetic and seeded: the daily units sold of one product in an Indian
online shop, with a growing trend, a weekly pattern (weekends sell more), a yearly pattern
(summer lull, festive-season high), sale days and a Diwali-like festival whose date moves every
year, and noise. Because it is generated, the notebook can say exactly which patterns are in it
and check that a model finds them.

>>> df = make_demand_series(n_days=28, seed=0)
>>> df.shape, df.index[0].date().isoformat(), df.index.freqstr
((28, 2), '2021-01-01', 'D')
>>> seasonal_naive([1, 2, 3, 4, 5], season=2)
array([nan, nan,  1.,  2.,  3.])
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from course_utils._checks import check_array, check_bool, check_int, check_number

#: Multiplier per day of the week, Monday first (weekends sell more).
WEEKLY_PATTERN: tuple[float, ...] = (0.92, 0.88, 0.90, 0.95, 1.05, 1.18, 1.12)

#: Fixed-date sale days (month, day) and their multipliers.
SALE_DAYS: dict[tuple[int, int], float] = {(1, 26): 1.6, (8, 15): 1.6, (12, 31): 1.3}


def _check_positive_int(value: Any, name: str, minimum: int = 1) -> int:
    return int(check_int(value, name, min_value=minimum))


def make_demand_series(
    n_days: int = 3 * 365,
    seed: int = 0,
    start: str = "2021-01-01",
    base: float = 200.0,
    growth: float = 0.25,
    noise: float = 0.08,
) -> pd.DataFrame:
    """A seeded daily demand series: units of one product sold per day.

    Chapter 03 (also ``course_utils.data.load_dataset("demand", n_days=..., seed=...)``).

    Returns a DataFrame indexed by date (a daily ``DatetimeIndex`` named ``date``) with columns

    * ``units`` (int64): units sold that day;
    * ``festival`` (bool): a sale day or a day of the festival season, known in advance from
      the calendar (a forecaster may use it for the day it predicts).

    The expected demand is ``base`` x trend x weekly x yearly x festival effect:

    * trend: grows by ``growth`` (0.25 = 25%) per year;
    * weekly: :data:`WEEKLY_PATTERN` (Friday to Sunday above average);
    * yearly: a slow wave, low in the monsoon months, high in winter;
    * festivals: the fixed :data:`SALE_DAYS`, and a Diwali-like festival on a date between
      15 October and 10 November that changes every year, with a build-up over the ten days
      before it and a dip in the days after;

    and the units sold are Poisson counts around it, with extra multiplicative noise of
    relative size ``noise`` (demand varies more than a Poisson count alone).

    >>> df = make_demand_series(n_days=365, seed=1)
    >>> int(df["units"].min()) > 0, int(df["festival"].sum())
    (True, 14)
    """
    n_days = _check_positive_int(n_days, "n_days")
    seed = _check_positive_int(seed, "seed", minimum=0)
    base = check_number(base, "base")
    growth = check_number(growth, "growth")
    noise = check_number(noise, "noise")
    if base <= 0:
        raise ValueError(f"base (mean units per day) must be > 0, got {base}")
    if growth <= -1:
        raise ValueError(f"growth (per year) must be > -1 (a -100% drop), got {growth}")
    if noise < 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    if not isinstance(start, str | pd.Timestamp | np.datetime64) and not hasattr(start, "year"):
        raise TypeError(
            f"start must be a date such as '2021-01-01', got {type(start).__name__}: {start!r}"
        )
    try:
        dates = pd.date_range(start=start, periods=n_days, freq="D", name="date")
    except (ValueError, TypeError) as err:
        raise ValueError(f"start must be a date such as '2021-01-01', got {start!r}") from err

    rng = np.random.default_rng(seed)
    years = np.arange(n_days) / 365.25
    trend = (1.0 + growth) ** years
    weekly = np.asarray(WEEKLY_PATTERN)[dates.day_of_week]
    phase = 2 * np.pi * (dates.day_of_year.to_numpy() - 1) / 365.25
    yearly = 1.0 + 0.12 * np.cos(phase) + 0.05 * np.sin(2 * phase)

    effect = np.ones(n_days)
    festival = np.zeros(n_days, dtype=bool)
    for (month, day), lift in SALE_DAYS.items():
        hit = (dates.month == month) & (dates.day == day)
        effect[hit] *= lift
        festival |= hit
    for year in range(dates[0].year, dates[-1].year + 1):
        # the festival moves with the (lunar) calendar: a new date every year
        diwali = pd.Timestamp(year=year, month=10, day=15) + pd.Timedelta(
            days=int(rng.integers(27))
        )
        offsets = (dates - diwali).days.to_numpy()
        build_up = (offsets >= -10) & (offsets <= 0)
        effect[build_up] *= 1.0 + 1.2 * (offsets[build_up] + 11) / 11  # up to 2.2x on the day
        after = (offsets >= 1) & (offsets <= 4)
        effect[after] *= 0.75
        festival |= build_up

    mean = base * trend * weekly * yearly * effect
    if noise > 0:
        mean = mean * rng.lognormal(mean=-0.5 * noise**2, sigma=noise, size=n_days)
    units = rng.poisson(mean).astype("int64")
    return pd.DataFrame({"units": units, "festival": festival}, index=dates)


def seasonal_naive(values: Any, season: int = 7) -> np.ndarray:
    """Forecast each value by the value one season earlier: ``forecast[t] = values[t - season]``.

    Chapter 03. The first ``season`` forecasts are NaN (there is nothing a season earlier).
    ``values`` must be complete (no NaN or infinity): fill gaps first (``series.interpolate()``),
    or :func:`mae` would silently score the models on different days.
    For daily demand with a weekly pattern, ``season=7`` ("same weekday last week") is the
    baseline a forecaster has to beat.

    >>> seasonal_naive([10, 20, 30, 11, 21, 31], season=3)
    array([nan, nan, nan, 10., 20., 30.])
    """
    array = check_array(values, "values", numeric=True)
    if array.ndim != 1:
        raise ValueError(f"values must be a 1-D series, got shape {array.shape}")
    array = check_array(array, "values", finite=True, dtype="float64")
    season = _check_positive_int(season, "season")
    if season >= len(array):
        raise ValueError(f"season ({season}) must be shorter than the series ({len(array)} values)")
    forecast = np.full(len(array), np.nan)
    forecast[season:] = array[:-season]
    return forecast


def mae(y_true: Any, y_pred: Any) -> float:
    """Mean absolute error, ignoring positions where ``y_pred`` is NaN (no forecast there).

    Chapter 03. In the units of the series: "on average the forecast is off by 12 units".

    >>> mae([10, 20, 30], [12, 18, np.nan])
    2.0
    """
    true = check_array(y_true, "y_true", dtype="float64")
    pred = check_array(y_pred, "y_pred", dtype="float64")
    if true.shape != pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {true.shape} and {pred.shape}"
        )
    if np.isnan(true).any():
        raise ValueError("y_true contains NaN: the true values must all be known")
    check_array(true, "y_true", finite=True)
    check_array(pred, "y_pred", finite=True, allow_nan=True)
    keep = ~np.isnan(pred)
    if not keep.any():
        raise ValueError("y_pred has no forecasts (it is empty or all NaN)")
    return float(np.abs(true[keep] - pred[keep]).mean())


def make_windows(
    features: Any,
    targets: Any,
    window: int,
    batch_size: int = 64,
    shuffle: bool = False,
    seed: int | None = None,
) -> Any:
    """Pairs (the ``window`` rows ending at day t-1, the target of day t) as a ``tf.data``
    dataset, made with ``keras.utils.timeseries_dataset_from_array``.

    Chapter 03. ``features`` has one row per day (shape ``(n,)`` or ``(n, k)``), ``targets``
    one value per day (``(n,)``); window ``i`` holds ``features[i : i + window]`` and its
    target is ``targets[i + window]``, the day right after the window. That alignment is the
    classic off-by-one of forecasting: the target must never be inside its own window.
    There are ``n - window`` windows. Batches are ``(batch, window, k)`` and ``(batch,)``.
    NaN or infinite features or targets are rejected (a NaN in a window makes the loss NaN):
    fill or drop them first.

    >>> x, y = next(iter(make_windows(np.arange(10.0), np.arange(10.0), window=3)))
    >>> x.numpy()[0, :, 0].tolist(), float(y.numpy()[0])
    ([0.0, 1.0, 2.0], 3.0)
    """
    import keras

    x = check_array(features, "features", finite=True, dtype="float32")
    y = check_array(targets, "targets", finite=True, dtype="float32")
    if x.ndim == 1:
        x = x[:, np.newaxis]
    if x.ndim != 2:
        raise ValueError(f"features must have shape (n,) or (n, k), got {np.shape(features)}")
    if y.ndim != 1:
        raise ValueError(f"targets must have shape (n,), got {np.shape(targets)}")
    if len(x) != len(y):
        raise ValueError(
            f"features and targets need one row per day: got {len(x)} and {len(y)} rows"
        )
    window = _check_positive_int(window, "window")
    batch_size = _check_positive_int(batch_size, "batch_size")
    shuffle = check_bool(shuffle, "shuffle")
    seed = check_int(seed, "seed", min_value=0, allow_none=True)
    if window >= len(x):
        raise ValueError(
            f"window ({window}) must be shorter than the series ({len(x)} rows) "
            "to leave at least one target"
        )
    return keras.utils.timeseries_dataset_from_array(
        data=x[:-1],  # the last day has no next day to predict
        targets=y[window:],
        sequence_length=window,
        batch_size=batch_size,
        shuffle=shuffle,
        seed=seed,
    )
