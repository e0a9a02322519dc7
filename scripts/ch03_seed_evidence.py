"""Seed evidence behind chapter 03's checkpoint thresholds (reports/run_history.md).

Re-runs the chapter's memory test (section 4-5, `global_clipnorm=1.0` as in the notebook) over
several model seeds, and the optional forecasting part (LSTM, seasonal naive and a ridge model
on the same windows) over several demand seeds. CPU only, float32 unless COURSE_DTYPE_POLICY
says otherwise.

    uv run --frozen --no-sync python scripts/ch03_seed_evidence.py memory 42 0 1 2 3
    uv run --frozen --no-sync python scripts/ch03_seed_evidence.py demand 0 1 2 3 4
"""

from __future__ import annotations

import sys

from course_utils import environment

environment.setup(seed=42)

import keras  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from sklearn.linear_model import Ridge  # noqa: E402

from course_utils import data, precision, sequences, timeseries, training  # noqa: E402

precision.use_best_precision()
STEPS = 50


def make_memory_task(n: int, rng: np.random.Generator):
    values = rng.uniform(-1, 1, size=(n, STEPS)).astype("float32")
    flag_at = rng.integers(0, STEPS, size=n)
    flags = np.zeros((n, STEPS), dtype="float32")
    flags[np.arange(n), flag_at] = 1.0
    labels = (values[np.arange(n), flag_at] > 0).astype("int64")
    return np.stack([values, flags], axis=-1), labels, STEPS - 1 - flag_at


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def run_lstm(x, kernel, recurrent_kernel, bias):
    units = recurrent_kernel.shape[0]
    h = c = np.zeros((x.shape[0], units))
    rec = {k: [] for k in "hcifo"}
    for t in range(x.shape[1]):
        z = x[:, t] @ kernel + h @ recurrent_kernel + bias
        z_i, z_f, z_c, z_o = np.split(z, 4, axis=-1)
        i, f, o = sigmoid(z_i), sigmoid(z_f), sigmoid(z_o)
        c = f * c + i * np.tanh(z_c)
        h = o * np.tanh(c)
        for k, v in zip("hcifo", (h, c, i, f, o), strict=True):
            rec[k].append(v)
    return {k: np.stack(v, axis=1) for k, v in rec.items()}


def float32_copy(layer):
    copy = layer.__class__.from_config({**layer.get_config(), "dtype": "float32"})
    copy.build((None, STEPS, 2))
    copy.set_weights(layer.get_weights())
    return copy


def memory(seed: int) -> dict:
    rng = np.random.default_rng(42)
    x_tr, y_tr, _ = make_memory_task(3000, rng)
    x_te, y_te, distance = make_memory_task(2000, rng)
    far = distance >= 30
    row: dict = {"seed": seed}
    models = {}
    for name in ("SimpleRNN", "LSTM", "GRU"):
        keras.utils.set_random_seed(seed)
        model = keras.Sequential(
            [
                keras.Input(shape=(STEPS, 2)),
                getattr(keras.layers, name)(32),
                keras.layers.Dense(1, activation="sigmoid", dtype="float32"),
            ]
        )
        model.compile(
            optimizer=keras.optimizers.Adam(1e-2, global_clipnorm=1.0),
            loss="binary_crossentropy",
            metrics=["accuracy"],
        )
        model.fit(x_tr, y_tr, epochs=10, batch_size=64, verbose=0)
        correct = (model.predict(x_te, verbose=0)[:, 0] > 0.5) == y_te
        row[f"far_{name}"] = float(correct[far].mean())
        models[name] = model
    for name in ("SimpleRNN", "LSTM"):
        g = sequences.step_gradient_norms(float32_copy(models[name].layers[0]), x_te[:256])
        row[f"ratio_{name}"] = float(g[0] / g[-1])
    keras.utils.set_random_seed(seed)
    fresh = keras.layers.LSTM(32, dtype="float32")
    g = sequences.step_gradient_norms(fresh, x_te[:256])
    row["ratio_fresh_LSTM"] = float(g[0] / g[-1])
    weights = [w.numpy() for w in models["LSTM"].layers[0].weights]
    inside = run_lstm(x_te[:500].astype("float64"), *weights)
    flagged = x_te[np.arange(500), STEPS - 1 - distance[:500], 0]
    tracking = [abs(np.corrcoef(inside["c"][:, -1, u], flagged)[0, 1]) for u in range(32)]
    unit = int(np.argmax(tracking))
    row["tracking"] = float(tracking[unit])
    clear = np.flatnonzero((np.abs(flagged) > 0.6) & (distance[:500] > 20))
    for sign, k in (("pos", clear[flagged[clear] > 0][0]), ("neg", clear[flagged[clear] < 0][0])):
        after = np.arange(STEPS) > int(np.argmax(x_te[k, :, 1]))
        row[f"f_{sign}"] = float(inside["f"][k, after, unit].mean())
        row[f"i_{sign}"] = float(inside["i"][k, after, unit].mean())
    return row


def demand(seed: int) -> dict:
    frame = data.load_dataset("demand", n_days=3 * 365, seed=seed)
    units = frame["units"].to_numpy("float32")
    n_test = n_val = 120
    n_train = len(frame) - n_val - n_test
    mean, std = units[:n_train].mean(), units[:n_train].std()
    scaled = (units - mean) / std
    window = 28
    tomorrow = frame.index + pd.Timedelta(days=1)
    calendar = np.column_stack(
        [
            np.eye(7)[tomorrow.day_of_week.to_numpy()],
            frame["festival"].shift(-1, fill_value=False),
        ]
    )
    features = np.column_stack([scaled, calendar]).astype("float32")

    def windows_for(first, end, batch_size, shuffle=False):
        rows = slice(first - window, end)
        return timeseries.make_windows(
            features[rows], scaled[rows], window, batch_size=batch_size, shuffle=shuffle, seed=42
        )

    def flat(first, end):
        x = np.stack([features[t - window : t].ravel() for t in range(first, end)])
        return x, scaled[first:end]

    keras.utils.set_random_seed(42)
    model = keras.Sequential(
        [
            keras.Input(shape=(window, features.shape[1])),
            keras.layers.LSTM(32),
            keras.layers.Dense(1, dtype="float32"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="mae")
    training.fit(
        model,
        windows_for(window, n_train, 32, shuffle=True),
        validation_data=windows_for(n_train, n_train + n_val, n_val),
        epochs=30,
        batch_size=None,
        patience=5,
        shuffle=False,
    )
    actual = units[-n_test:]
    lstm = model.predict(windows_for(n_train + n_val, len(frame), n_test), verbose=0)[:, 0]
    lstm = lstm * std + mean
    naive = timeseries.seasonal_naive(units, season=7)[-n_test:]
    x_tr, y_tr = flat(window, n_train)
    x_va, y_va = flat(n_train, n_train + n_val)
    x_te, _ = flat(n_train + n_val, len(frame))
    val_mae = {}
    for alpha in (0.01, 0.1, 1.0, 10.0, 100.0):
        ridge = Ridge(alpha=alpha).fit(x_tr, y_tr)
        val_mae[alpha] = float(np.abs(ridge.predict(x_va) - y_va).mean())
    alpha = min(val_mae, key=val_mae.get)
    ridge = Ridge(alpha=alpha).fit(np.vstack([x_tr]), y_tr)
    ridge_f = ridge.predict(x_te) * std + mean
    festive = frame["festival"].to_numpy()[-n_test:]
    row = {"seed": seed, "alpha": alpha}
    for name, f in (("naive", naive), ("ridge", ridge_f), ("lstm", lstm)):
        row[name] = timeseries.mae(actual, f)
        row[f"{name}_fest"] = timeseries.mae(actual[festive], f[festive])
    return row


if __name__ == "__main__":
    job, seeds = sys.argv[1], [int(s) for s in sys.argv[2:]]
    rows = []
    for s in seeds:
        rows.append(memory(s) if job == "memory" else demand(s))
        print(rows[-1], flush=True)
    print(pd.DataFrame(rows).round(4).to_string())
