"""Call every public function of ``course_utils`` with wrong inputs and print what happens.

Issue 9's sweep: wrong types, shapes, dtypes, NaN/inf and empty inputs for each argument of each
public function (and a few valid variants that must pass: NumPy integers, lists for tuples).
Each call is classified as

* ``clear``     - raised, from ``course_utils`` itself (a message written for the student);
* ``deep``      - raised from inside NumPy/pandas/TensorFlow/... (a finding: vague);
* ``silent``    - returned although the input is wrong (a finding: possibly a wrong answer);
* ``ok``        - a valid variant that returned;
* ``rejected``  - a valid variant that raised (a finding: too strict);
* ``visible``   - returned NaN for NaN input, documented (NaN in, NaN out: nothing hidden).

Run: ``uv run --no-sync python scripts/sweep_bad_inputs.py`` (about a minute on a CPU). Exits 1
if there is any finding. ``--all`` prints every row, not only the findings and a summary.
"""

from __future__ import annotations

import os
import sys
import traceback
import warnings
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import matplotlib

matplotlib.use("Agg")

import keras  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from course_utils import (  # noqa: E402
    baselines,
    data,
    detection,
    environment,
    plots,
    precision,
    sequences,
    text,
    timeseries,
    training,
    transformer,
    vision,
)
from course_utils.precision import Device  # noqa: E402

PACKAGE = str(Path(__file__).resolve().parents[1] / "course_utils")
NAN, INF = float("nan"), float("inf")

Case = tuple[str, str, Callable[[], Any], str]  # function, input, call, expected
CASES: list[Case] = []


def case(function: str, label: str, call: Callable[[], Any], expect: str = "error") -> None:
    CASES.append((function, label, call, expect))


def with_nan(a: Any, value: float = NAN) -> np.ndarray:
    out = np.array(a, dtype="float64")
    out.flat[min(1, out.size - 1)] = value
    return out


def arg_sweep(
    function: str,
    f: Callable[..., Any],
    base: dict[str, Any],
    arg: str,
    bad: dict[str, Any],
    good: dict[str, Any] | None = None,
) -> None:
    """One case per bad value of ``arg`` (error expected) and per good value (must pass)."""
    for label, value in bad.items():
        case(function, f"{arg}={label}", lambda v=value: f(**{**base, arg: v}), "error")
    for label, value in (good or {}).items():
        case(function, f"{arg}={label}", lambda v=value: f(**{**base, arg: v}), "ok")


INT_BAD = {"True": True, "'10'": "10", "2.5": 2.5, "-1": -1, "None": None, "[3]": [3]}
NUM_BAD = {"'0.5'": "0.5", "True": True, "nan": NAN, "inf": INF, "None": None, "[0.5]": [0.5]}
NAME_BAD = {"['x']": ["x"], "5": 5, "None": None}


def array_bad(a: np.ndarray, *, nan: bool = True, ragged: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "strings": np.asarray(a).astype(str),
        "extra axis": np.asarray(a)[None, None],
        "empty": np.asarray(a)[:0],
        "scalar": 3.0,
    }
    if nan:
        out["with NaN"] = with_nan(a)
        out["with inf"] = with_nan(a, INF)
    if ragged and np.ndim(a) >= 2:
        rows = np.asarray(a).tolist()
        out["ragged list"] = [rows[0], rows[-1][:-1]] if len(rows) > 1 else [rows[0], []]
    return out


# ------------------------------------------------------------------------------- environment
arg_sweep(
    "seed_everything",
    environment.seed_everything,
    {"seed": 1},
    "seed",
    {**INT_BAD, "2**32": 2**32},
    {"np.int64(3)": np.int64(3)},
)
case("detect_runtime", "environ=[]", lambda: environment.detect_runtime([]))  # type: ignore[arg-type]
case(
    "detect_runtime",
    "environ={'CI': 'true'}",
    lambda: environment.detect_runtime({"CI": "true"}),
    "ok",
)

# ------------------------------------------------------------------------------- precision
for label, args in {
    "kind='gpu' (any case)": ("gpu", "A100", (8, 0)),
    "cc='7.5'": ("GPU", "T4", "7.5"),
    "cc=[8, 0]": ("GPU", "A100", [8, 0]),
    "cc=(np.int64(8), 0)": ("GPU", "A100", (np.int64(8), 0)),
}.items():
    case("Device", label, lambda a=args: Device(*a), "ok")
for label, args in {
    "kind='npu'": ("npu",),
    "kind=None": (None,),
    "cc=(7,)": ("GPU", "T4", (7,)),
    "cc='7'": ("GPU", "T4", "7"),
    "cc=7.5": ("GPU", "T4", 7.5),
    "cc=(7.5, 0)": ("GPU", "T4", (7.5, 0)),
    "cc=(-1, 0)": ("GPU", "T4", (-1, 0)),
    "name=None": ("GPU", None, (7, 5)),
}.items():
    case("Device", label, lambda a=args: Device(*a))
cpu = [Device("CPU")]
arg_sweep(
    "choose_policy",
    precision.choose_policy,
    {"devices": cpu},
    "devices",
    {"'GPU'": "GPU", "['GPU']": ["GPU"], "None": None, "5": 5},
    {"Device alone": Device("CPU"), "tuple": tuple(cpu), "[]": []},
)
arg_sweep(
    "choose_policy",
    precision.choose_policy,
    {"devices": cpu},
    "override",
    {"'fp16'": "fp16", "['float32']": ["float32"], "5": 5},
    {"None": None},
)
arg_sweep(
    "strategy_name",
    precision.strategy_name,
    {"devices": cpu},
    "devices",
    {"'TPU'": "TPU", "None": None},
    {"Device alone": Device("TPU")},
)
case(
    "choose_strategy",
    "devices=[TPU] (none here)",
    lambda: precision.choose_strategy([Device("TPU")]),
)
case("use_best_precision", "override='fp16'", lambda: precision.use_best_precision("fp16"))

# ------------------------------------------------------------------------------- data
frame = pd.DataFrame(
    {"text": ["a", "b", "c"], "sentiment": ["positive"] * 3, "split": ["train", "val", "test"]}
)
arg_sweep(
    "reviews_split",
    data.reviews_split,
    {"df": frame},
    "df",
    {
        "list": [1, 2],
        "no split column": frame.drop(columns="split"),
        "split 'validation'": frame.assign(split=["train", "validation", "test"]),
        "split None": frame.assign(split=["train", None, "test"]),
    },
    {"split 'Train'/'TEST'": frame.assign(split=["Train", "Val", "TEST"])},
)
arg_sweep(
    "clean_reviews",
    data.clean_reviews,
    {"df": frame},
    "df",
    {"list": [1, 2], "dict": {"text": ["a"]}, "no sentiment": frame[["text"]]},
)
arg_sweep(
    "load_dataset",
    data.load_dataset,
    {"name": "digits"},
    "name",
    {**NAME_BAD, "'Digits'": "Digits", "'revews'": "revews"},
)
case("load_dataset", "digits with n=3", lambda: data.load_dataset("digits", n=3))
case("load_dataset", "shapes with n='3'", lambda: data.load_dataset("shapes", n="3"))

# ------------------------------------------------------------------------------- text
arg_sweep(
    "normalize_text",
    text.normalize_text,
    {"text": "Acha"},
    "text",
    {"None": None, "nan": NAN, "['a']": ["a"], "b'a'": b"a"},
    {"''": ""},
)
arg_sweep(
    "normalize_text",
    text.normalize_text,
    {"text": "Acha"},
    "unify_spellings",
    {"'no'": "no", "None": None},
)
arg_sweep("tokenize", text.tokenize, {"text": "a b"}, "text", {"None": None, "5": 5})
arg_sweep(
    "has_any",
    text.has_any,
    {"text": "not good", "words": {"not"}},
    "words",
    {"'not'": "not", "5": 5, "None": None, "{1, 2}": {1, 2}},
    {"list": ["not"], "tuple": ("not",), "frozenset": frozenset({"not"})},
)
arg_sweep(
    "has_any",
    text.has_any,
    {"text": "not good", "words": {"not"}},
    "text",
    {"None": None, "nan": NAN},
)

# ------------------------------------------------------------------------------- baselines
arg_sweep(
    "tfidf_logreg",
    baselines.tfidf_logreg,
    {},
    "ngram_range",
    {
        "2": 2,
        "'1,2'": "1,2",
        "(2, 1)": (2, 1),
        "(1, 2, 3)": (1, 2, 3),
        "(1.0, 2)": (1.0, 2),
        "(0, 1)": (0, 1),
    },
    {"[1, 2]": [1, 2], "(np.int64(1), 2)": (np.int64(1), 2)},
)
arg_sweep("tfidf_logreg", baselines.tfidf_logreg, {}, "c", {**NUM_BAD, "0": 0, "-1": -1})
two = pd.DataFrame({"text": ["good", "bad"], "sentiment": ["positive", "negative"]})
arg_sweep(
    "baseline_accuracy",
    baselines.baseline_accuracy,
    {"train": two, "test": two},
    "train",
    {
        "list": ["good"],
        "empty": two[:0],
        "NaN text": two.assign(text=["good", None]),
        "one class": two.assign(sentiment="positive"),
    },
)

# ------------------------------------------------------------------------------- training
arg_sweep("make_callbacks", training.make_callbacks, {}, "patience", INT_BAD | {"0": 0})
arg_sweep(
    "make_callbacks",
    training.make_callbacks,
    {},
    "lr_schedule",
    {"'Cosine'": "Cosine", "5": 5, "'cosine' without epochs": "cosine"},
)
arg_sweep("make_callbacks", training.make_callbacks, {}, "monitor", {"None": None, "5": 5})


def tiny_model() -> keras.Model:
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    return model


xs = np.ones((8, 3), dtype="float32")
ys = np.ones(8, dtype="float32")


def fit(**kwargs: Any) -> Any:
    base = {"model": tiny_model(), "x": xs, "y": ys, "epochs": 1}
    return training.fit(**{**base, **kwargs})


arg_sweep(
    "fit",
    fit,
    {},
    "x",
    {"with NaN": with_nan(xs), "with inf": with_nan(xs, INF)},
    {"list of lists": xs.tolist()},
)
arg_sweep("fit", fit, {}, "y", {"with NaN": with_nan(ys)})
arg_sweep(
    "fit",
    fit,
    {},
    "batch_size",
    {k: v for k, v in INT_BAD.items() if k != "None"} | {"0": 0},
    {"np.int64(4)": np.int64(4), "None": None},
)
arg_sweep("fit", fit, {}, "epochs", INT_BAD | {"0": 0})
arg_sweep(
    "fit", fit, {}, "validation_data", {"(x, y with NaN)": (xs, with_nan(ys))}, {"[x, y]": [xs, ys]}
)
arg_sweep(
    "fit",
    fit,
    {},
    "model",
    {
        "uncompiled": keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)]),
        "a function": lambda x: x,
    },
)
step_args = {
    "model": tiny_model(),
    "optimizer": keras.optimizers.SGD(),
    "loss_fn": keras.losses.MeanSquaredError(),
}
arg_sweep(
    "make_train_step",
    training.make_train_step,
    step_args,
    "model",
    {"unbuilt": keras.Sequential([keras.layers.Dense(1)]), "a string": "model"},
)
arg_sweep("make_train_step", training.make_train_step, step_args, "optimizer", {"'adam'": "adam"})
arg_sweep("make_train_step", training.make_train_step, step_args, "loss_fn", {"'mse'": "mse"})

# ------------------------------------------------------------------------------- plots
hist = {"loss": [1.0, 0.5], "val_loss": [1.1, 0.6]}
arg_sweep(
    "plot_history",
    plots.plot_history,
    {"history": hist},
    "history",
    {
        "[]": [],
        "{}": {},
        "unequal lengths": {"loss": [1.0, 0.5], "val_loss": [1.0]},
        "values a string": {"loss": "1 0.5"},
        "values 2-D": {"loss": [[1.0], [0.5]]},
    },
)
arg_sweep(
    "plot_history",
    plots.plot_history,
    {"history": hist},
    "metrics",
    {"['acc']": ["acc"], "5": 5},
    {"'loss'": "loss"},
)
cm = {"y_true": [0, 1, 1], "y_pred": [0, 1, 0]}
arg_sweep(
    "plot_confusion_matrix",
    plots.plot_confusion_matrix,
    cm,
    "y_pred",
    {"strings vs ints": ["a", "b", "a"], "shorter": [0, 1], "2-D": [[0, 1, 0]], "empty": []},
)
arg_sweep(
    "plot_confusion_matrix",
    plots.plot_confusion_matrix,
    cm,
    "labels",
    {"missing a class": [0], "'01'": "01", "strings": ["0", "1"]},
    {"range(2)": range(2), "tuple": (0, 1)},
)
arg_sweep("plot_confusion_matrix", plots.plot_confusion_matrix, cm, "normalize", {"'yes'": "yes"})
arg_sweep(
    "plot_counts",
    plots.plot_counts,
    {"counts": {"a": 1}, "title": "t"},
    "counts",
    {"list": [1, 2], "{}": {}, "NaN value": {"a": NAN}, "string value": {"a": "1"}, "None": None},
    {"Series": pd.Series({"a": 1, "b": 2})},
)

# ------------------------------------------------------------------------------- sequences
rnn = keras.layers.SimpleRNN(2)
seq = np.zeros((2, 4, 3), dtype="float32")
arg_sweep(
    "step_gradient_norms",
    sequences.step_gradient_norms,
    {"layer": rnn, "inputs": seq},
    "inputs",
    array_bad(seq)
    | {"zero time steps": np.zeros((2, 0, 3)), "int token ids (2-D)": np.ones((2, 4), int)},
    {"list": seq.tolist()},
)
arg_sweep(
    "step_gradient_norms",
    sequences.step_gradient_norms,
    {"layer": rnn, "inputs": seq},
    "layer",
    {"'rnn'": "rnn", "None": None},
)
spb = {
    "layer": keras.layers.SimpleRNN(2),
    "lengths": [4],
    "batch_size": 2,
    "features": 2,
    "repeats": 1,
}
arg_sweep(
    "seconds_per_batch",
    sequences.seconds_per_batch,
    spb,
    "lengths",
    {"4": 4, "[]": [], "[0]": [0], "[4.5]": [4.5], "['4']": ["4"], "'4'": "4"},
    {"(4,)": (4,), "[np.int64(4)]": [np.int64(4)], "range(2, 4)": range(2, 4)},
)
arg_sweep(
    "seconds_per_batch",
    sequences.seconds_per_batch,
    spb,
    "batch_size",
    {k: v for k, v in INT_BAD.items()},
    {"np.int64(2)": np.int64(2)},
)
arg_sweep("seconds_per_batch", sequences.seconds_per_batch, spb, "backward", {"'no'": "no"})

# ------------------------------------------------------------------------------- timeseries
arg_sweep(
    "make_demand_series",
    timeseries.make_demand_series,
    {"n_days": 30},
    "n_days",
    INT_BAD | {"0": 0},
    {"np.int64(30)": np.int64(30)},
)
arg_sweep("make_demand_series", timeseries.make_demand_series, {"n_days": 30}, "seed", INT_BAD)
for name in ("base", "growth", "noise"):
    bad = {k: v for k, v in NUM_BAD.items()} | ({"-1": -1.0} if name != "growth" else {"-2": -2})
    arg_sweep("make_demand_series", timeseries.make_demand_series, {"n_days": 30}, name, bad)
arg_sweep(
    "make_demand_series",
    timeseries.make_demand_series,
    {"n_days": 30},
    "start",
    {"'soon'": "soon", "5.5": 5.5},
)
series = np.arange(10.0)
arg_sweep(
    "seasonal_naive",
    timeseries.seasonal_naive,
    {"values": series},
    "values",
    array_bad(series) | {"2-D": series[:, None]},
    {"list": series.tolist()},
)
arg_sweep(
    "seasonal_naive", timeseries.seasonal_naive, {"values": series}, "season", INT_BAD | {"10": 10}
)
arg_sweep(
    "mae",
    timeseries.mae,
    {"y_true": series, "y_pred": series},
    "y_true",
    array_bad(series) | {"shorter": series[:-1]},
)
arg_sweep(
    "mae",
    timeseries.mae,
    {"y_true": series, "y_pred": series},
    "y_pred",
    {"strings": series.astype(str), "all NaN": np.full(10, NAN), "with inf": with_nan(series, INF)},
    {"some NaN (no forecast there)": with_nan(series), "list": series.tolist()},
)
win = {"features": series, "targets": series, "window": 3}
arg_sweep(
    "make_windows",
    timeseries.make_windows,
    win,
    "features",
    array_bad(series, ragged=False) | {"3-D": series[:, None, None]},
    {"(n, k)": np.stack([series, series], 1), "list": series.tolist()},
)
arg_sweep(
    "make_windows",
    timeseries.make_windows,
    win,
    "targets",
    {"with NaN": with_nan(series), "(n, 1)": series[:, None], "strings": series.astype(str)},
)
arg_sweep(
    "make_windows",
    timeseries.make_windows,
    win,
    "window",
    INT_BAD | {"10": 10},
    {"np.int64(3)": np.int64(3)},
)
arg_sweep("make_windows", timeseries.make_windows, win, "batch_size", INT_BAD | {"0": 0})
arg_sweep("make_windows", timeseries.make_windows, win, "seed", {"'1'": "1", "2.5": 2.5})

# ------------------------------------------------------------------------------- transformer
q = np.random.default_rng(0).normal(size=(1, 3, 4)).astype("float32")
att = {"query": q, "key": q, "value": q}
sdpa = transformer.scaled_dot_product_attention
arg_sweep(
    "scaled_dot_product_attention",
    sdpa,
    att,
    "key",
    {
        "other batch": np.zeros((2, 3, 4)),
        "other depth": np.zeros((1, 3, 5)),
        "1-D": np.zeros(4),
        "strings": q.astype(str),
        "empty keys": np.zeros((1, 0, 4)),
    },
    {"list": q.tolist(), "int": q.astype(int)},
)
arg_sweep(
    "scaled_dot_product_attention",
    sdpa,
    att,
    "mask",
    {"(2, 2)": np.ones((2, 2), bool), "(1, 3, 4)": np.ones((1, 3, 4), bool)},
    {
        "(3, 3) causal": transformer.causal_mask(3),
        "a row all False": np.array([[1, 0, 0], [0, 0, 0], [1, 1, 1]], bool),
    },
)
case(
    "scaled_dot_product_attention",
    "query with NaN",
    lambda: sdpa(with_nan(q).astype("float32"), q, q),
    "visible",
)
arg_sweep(
    "causal_mask",
    transformer.causal_mask,
    {"length": 3},
    "length",
    INT_BAD | {"0": 0},
    {"np.int64(3)": np.int64(3)},
)
arg_sweep(
    "positional_encoding",
    transformer.positional_encoding,
    {"length": 4, "depth": 4},
    "depth",
    INT_BAD | {"3 (odd)": 3},
)


def embed(ids: Any = None, **kwargs: Any) -> Any:
    settings = {"vocab_size": 10, "max_length": 4, "embed_dim": 4, **kwargs}
    layer = transformer.PositionalEmbedding(**settings)
    return layer(np.array([[1, 2, 0]]) if ids is None else ids)


arg_sweep(
    "PositionalEmbedding",
    embed,
    {},
    "ids",
    {
        "floats 1.7": np.array([[1.7, 2.0]]),
        "id 12 >= vocab": np.array([[1, 12]]),
        "id -1": np.array([[1, -1]]),
        "too long": np.ones((1, 5), int),
        "1-D": np.array([1, 2]),
        "strings": np.array([["a", "b"]]),
    },
    {"list": [[1, 2]], "int32": np.array([[1, 2]], dtype="int32")},
)
arg_sweep("PositionalEmbedding", embed, {}, "vocab_size", INT_BAD | {"0": 0})
arg_sweep("PositionalEmbedding", embed, {}, "positions", {"'Learned'": "Learned", "5": 5})


def encoder(x: Any = None, **kwargs: Any) -> Any:
    block = transformer.TransformerEncoder(
        **{"embed_dim": 4, "num_heads": 2, "ff_dim": 8, **kwargs}
    )
    return block(np.zeros((1, 3, 4), "float32") if x is None else x)


arg_sweep(
    "TransformerEncoder",
    encoder,
    {},
    "x",
    {"wrong embed_dim": np.zeros((1, 3, 5), "float32"), "2-D": np.zeros((3, 4), "float32")},
)
arg_sweep("TransformerEncoder", encoder, {}, "dropout", NUM_BAD | {"1.0": 1.0, "-0.1": -0.1})
arg_sweep("TransformerEncoder", encoder, {}, "num_heads", INT_BAD | {"3 (4 % 3)": 3})

# ------------------------------------------------------------------------------- vision
imgs = np.random.default_rng(0).random((2, 8, 8, 3)).astype("float32")
arg_sweep(
    "plot_image_grid",
    vision.plot_image_grid,
    {"images": imgs},
    "images",
    {
        "one RGB image (8, 8, 3)": imgs[0],
        "one grey image (8, 8)": imgs[0, ..., 0],
        "one (8, 8, 1) image": imgs[0, ..., :1],
        "0-255 floats": imgs * 255,
        "with NaN": with_nan(imgs),
        "empty": imgs[:0],
        "5-D": imgs[None],
        "4 channels": np.zeros((2, 8, 8, 4)),
        "strings": imgs.astype(str),
    },
    {
        "uint8 0-255": (imgs * 255).astype(np.uint8),
        "grey batch": imgs[..., 0],
        "list of images": list(imgs),
    },
)
arg_sweep(
    "plot_image_grid",
    vision.plot_image_grid,
    {"images": imgs},
    "titles",
    {"'ab'": "ab", "3 titles": ["a", "b", "c"]},
    {"tuple": ("a", "b")},
)
arg_sweep("plot_image_grid", vision.plot_image_grid, {"images": imgs}, "ncols", INT_BAD | {"0": 0})
arg_sweep(
    "plot_image_grid",
    vision.plot_image_grid,
    {"images": imgs},
    "overlays",
    {"wrong size": np.zeros((2, 4, 4)), "one heatmap": np.zeros((8, 8))},
    {"all-NaN heatmap": np.full((2, 8, 8), NAN)},
)
arg_sweep(
    "shift_images",
    vision.shift_images,
    {"images": imgs, "dy": 1, "dx": 0},
    "images",
    {
        "one RGB image": imgs[0],
        "one grey image": imgs[0, ..., 0],
        "strings": imgs.astype(str),
        "5-D": imgs[None],
    },
    {"grey batch": imgs[..., 0], "uint8": (imgs * 255).astype(np.uint8)},
)
arg_sweep(
    "shift_images",
    vision.shift_images,
    {"images": imgs, "dy": 1, "dx": 0},
    "dy",
    {"1.5": 1.5, "'1'": "1", "True": True, "8": 8},
    {"np.int64(-2)": np.int64(-2)},
)

# ------------------------------------------------------------------------------- detection
box = np.array([[0.0, 0.0, 10.0, 10.0], [1.0, 0.0, 11.0, 10.0]])
arg_sweep(
    "iou",
    detection.iou,
    {"boxes_a": box, "boxes_b": box},
    "boxes_a",
    {k: v for k, v in array_bad(box).items() if k != "empty"}
    | {"(x, y, w, h) swapped": [[5, 5, 2, 2]], "(N, 3)": box[:, :3]},
    {"one box (4,)": box[0], "list": box.tolist(), "empty (no boxes)": box[:0]},
)
arg_sweep(
    "non_max_suppression",
    detection.non_max_suppression,
    {"boxes": box, "scores": [0.9, 0.8]},
    "scores",
    {
        "with NaN": [0.9, NAN],
        "with inf": [INF, 0.8],
        "strings": ["0.9", "0.8"],
        "3 scores": [0.9, 0.8, 0.7],
    },
    {"tuple": (0.9, 0.8)},
)
arg_sweep(
    "non_max_suppression",
    detection.non_max_suppression,
    {"boxes": box, "scores": [0.9, 0.8]},
    "iou_threshold",
    {"'0.5'": "0.5", "1.5": 1.5, "nan": NAN, "None": None},
)
arg_sweep(
    "non_max_suppression",
    detection.non_max_suppression,
    {"boxes": box, "scores": [0.9, 0.8]},
    "max_outputs",
    {"-1": -1, "1.5": 1.5, "'1'": "1"},
    {"np.int64(1)": np.int64(1)},
)
arg_sweep(
    "make_shapes_dataset",
    detection.make_shapes_dataset,
    {"n": 2},
    "n",
    INT_BAD | {"0": 0},
    {"np.int64(2)": np.int64(2)},
)
arg_sweep(
    "make_shapes_dataset",
    detection.make_shapes_dataset,
    {"n": 2},
    "image_size",
    {"'64'": "64", "64.0": 64.0, "1": 1},
)
arg_sweep("make_shapes_dataset", detection.make_shapes_dataset, {"n": 2}, "noise", NUM_BAD)
arg_sweep(
    "make_shapes_dataset",
    detection.make_shapes_dataset,
    {"n": 2},
    "classes",
    {"['hexagon']": ["hexagon"], "[]": []},
    {"'circle'": "circle", "list": ["circle"]},
)
enc = {"boxes": [[8, 8, 24, 24]], "labels": [1]}
arg_sweep(
    "encode_grid",
    detection.encode_grid,
    enc,
    "labels",
    {"['square']": ["square"], "[1.5]": [1.5], "[True]": [True], "[3]": [3], "[nan]": [NAN]},
    {"[1.0]": [1.0], "np.int32": np.array([1], np.int32)},
)
arg_sweep("encode_grid", detection.encode_grid, enc, "grid_size", INT_BAD | {"0": 0})
grid = detection.encode_grid([[8, 8, 24, 24]], [1])
arg_sweep(
    "decode_grid",
    detection.decode_grid,
    {"grid": grid},
    "grid",
    {
        "with NaN": with_nan(grid),
        "batch of grids": grid[None],
        "strings": grid.astype(str),
        "no class": grid[..., :5],
    },
)
arg_sweep("decode_grid", detection.decode_grid, {"grid": grid}, "score_threshold", NUM_BAD)
arg_sweep(
    "average_precision",
    detection.average_precision,
    {"is_true_positive": [True, False], "n_true": 2},
    "is_true_positive",
    {"scores [0.3, 0.9]": [0.3, 0.9], "strings": ["True"], "with NaN": [1.0, NAN]},
    {"0/1 ints": [1, 0], "[]": []},
)
arg_sweep(
    "average_precision",
    detection.average_precision,
    {"is_true_positive": [True, False], "n_true": 2},
    "n_true",
    INT_BAD | {"0 with a hit": 0},
)
truth = [np.array([[0, 0, 10, 10]]), np.array([[0, 0, 10, 10]])]
mapa = {
    "true_boxes": truth,
    "true_labels": [[0], [0]],
    "pred_boxes": truth,
    "pred_labels": [[0], [0]],
    "pred_scores": [[0.9], [0.8]],
}
arg_sweep(
    "mean_average_precision",
    detection.mean_average_precision,
    mapa,
    "pred_scores",
    {
        "with NaN": [[0.9], [NAN]],
        "strings": [["0.9"], ["0.8"]],
        "one image short": [[0.9]],
        "flat, one box per image but 2": [0.9, 0.8] * 2,
    },
    {
        "arrays": [np.array([0.9]), np.array([0.8])],
        "flat, one score per image": np.array([0.9, 0.8]),
    },
)
arg_sweep(
    "mean_average_precision",
    detection.mean_average_precision,
    mapa,
    "true_boxes",
    {"3 images for 2": truth + truth[:1], "a dict": {"a": 1}, "None": None},
    {"one (4,) box per image as (2, 4)": np.concatenate(truth)},
)
arg_sweep(
    "mean_average_precision",
    detection.mean_average_precision,
    mapa,
    "iou_threshold",
    NUM_BAD | {"1.5": 1.5},
)
arg_sweep(
    "draw_boxes",
    detection.draw_boxes,
    {"image": imgs[0], "boxes": box, "labels": [0, 1]},
    "image",
    {"batch": imgs, "0-255 floats": imgs[0] * 255, "with NaN": with_nan(imgs[0])},
    {"uint8": (imgs[0] * 255).astype(np.uint8), "grey (H, W)": imgs[0, ..., 0]},
)
arg_sweep(
    "draw_boxes",
    detection.draw_boxes,
    {"image": imgs[0], "boxes": box, "labels": [0, 1]},
    "scores",
    {"with NaN": [0.5, NAN], "one score": [0.5]},
)


# ------------------------------------------------------------------------------- run them all


def classify(call: Callable[[], Any], expect: str) -> tuple[str, str]:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = call()
    except Exception as err:  # noqa: BLE001 - every failure is classified
        frames = traceback.extract_tb(err.__traceback__)
        ours = [f for f in frames if f.filename.startswith(PACKAGE)]
        last = frames[-1] if frames else None
        # clear = a `raise` written in course_utils (not an AttributeError from our own code);
        # Keras re-raises a layer's error from its own frames, so then look at our last frame
        wrapped = "Exception encountered when calling" in str(err) and bool(ours)
        frame = ours[-1] if wrapped else last
        raised_here = (
            frame is not None
            and frame.filename.startswith(PACKAGE)
            and (frame.line or "").lstrip().startswith("raise")
        )
        message = " ".join(str(err).split())[:110]
        if expect == "ok":
            return "rejected", f"{type(err).__name__}: {message}"
        return ("clear" if raised_here else "deep"), f"{type(err).__name__}: {message}"
    finally:
        plt.close("all")
    summary = type(result).__name__
    if expect == "visible":
        values = keras.ops.convert_to_numpy(result[0]) if isinstance(result, tuple) else result
        return ("visible" if np.isnan(values).any() else "silent"), f"returned {summary}"
    return ("ok" if expect == "ok" else "silent"), f"returned {summary}"


def main() -> int:
    show_all = "--all" in sys.argv
    rows = [(f, label, *classify(call, expect)) for f, label, call, expect in CASES]
    keras.mixed_precision.set_dtype_policy("float32")
    findings = [r for r in rows if r[2] in ("deep", "silent", "rejected")]
    width = max(len(r[0]) for r in rows)
    print(f"{'function':<{width}}  {'input':<34} {'outcome':<8} message / result")
    for function, label, outcome, detail in rows if show_all else findings:
        print(f"{function:<{width}}  {label[:34]:<34} {outcome:<8} {detail}")
    counts = Counter(r[2] for r in rows)
    print(
        f"\n{len(rows)} inputs tried over {len({r[0] for r in rows})} public functions: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + f". Findings (deep / silent / rejected): {len(findings)}."
    )
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
