"""One consistent look for the course's figures.

Introduced in chapter 01; every chapter plots with these helpers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from course_utils._checks import check_array, check_bool

#: The course palette (colour-blind friendly), in order of use.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")

#: One colour per sentiment, the same in every chapter.
SENTIMENT_COLORS = {"negative": "#D55E00", "neutral": "#999999", "positive": "#009E73"}


def use_course_style() -> None:
    """Apply the course's matplotlib style (sizes, grid, palette). Chapter 01."""
    plt.rcParams.update(
        {
            "figure.figsize": (6.4, 4.0),
            "figure.dpi": 100,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.titleweight": "bold",
            "axes.prop_cycle": plt.cycler(color=list(PALETTE)),
            "font.size": 10,
        }
    )


def _history_dict(history: Any) -> Mapping[str, Sequence[float]]:
    data = getattr(history, "history", history)
    if not isinstance(data, Mapping) or not data:
        raise TypeError(
            "plot_history expects a keras History (the return value of model.fit) "
            f"or a dict of metric lists, got {type(history).__name__}"
        )
    for key, values in data.items():
        if isinstance(values, str) or not hasattr(values, "__len__"):
            raise TypeError(
                f"history[{key!r}] must be a list of one value per epoch, got "
                f"{type(values).__name__}: {values!r}"
            )
        check_array(values, f"history[{key!r}]", ndim=1, shape_hint="(epochs,)")
    return data


def plot_history(history: Any, metrics: Sequence[str] | None = None) -> Figure:
    """Plot training (solid) and validation (dashed) curves, one panel per metric.

    Chapter 02. ``history`` is what ``model.fit`` returns (or its ``.history`` dict);
    ``metrics`` defaults to every metric that has no ``val_`` prefix; one name alone
    (``metrics="loss"``) is accepted as a list of one. A metric and its ``val_`` twin must have
    the same number of epochs.
    """
    data = _history_dict(history)
    default = [k for k in data if not k.startswith("val_") and k != "learning_rate"]
    if isinstance(metrics, str):
        metrics = [metrics]
    if metrics is not None and (
        not isinstance(metrics, Sequence) or not all(isinstance(m, str) for m in metrics)
    ):
        raise TypeError(
            f"metrics must be a list of metric names such as ['loss', 'accuracy'], got {metrics!r}"
        )
    names = list(metrics) if metrics else default
    unknown = [m for m in names if m not in data]
    if unknown:
        raise ValueError(f"metrics {unknown} not in the history. Available: {sorted(data)}.")
    for name in names:
        val = f"val_{name}"
        if val in data and len(data[val]) != len(data[name]):
            raise ValueError(
                f"history has {len(data[name])} values of {name!r} but {len(data[val])} of "
                f"{val!r}: each metric needs one value per epoch (mixed two histories?)"
            )
    fig, axes = plt.subplots(1, len(names), figsize=(4.2 * len(names), 3.2), squeeze=False)
    for ax, name in zip(axes[0], names, strict=True):
        epochs = np.arange(1, len(data[name]) + 1)
        ax.plot(epochs, data[name], label="train")
        if f"val_{name}" in data:
            ax.plot(epochs, data[f"val_{name}"], "--", label="validation")
        ax.set(title=name, xlabel="epoch")
        ax.legend()
    fig.tight_layout()
    return fig


def plot_confusion_matrix(
    y_true: Sequence[Any] | np.ndarray,
    y_pred: Sequence[Any] | np.ndarray,
    labels: Sequence[Any] | None = None,
    normalize: bool = False,
    ax: Axes | None = None,
    title: str = "Confusion matrix",
) -> Axes:
    """Draw the confusion matrix (rows: true class, columns: predicted class).

    Chapter 01. ``normalize=True`` shows each row as fractions (per-class recall on the
    diagonal).
    """
    from sklearn.metrics import confusion_matrix

    y_true = check_array(y_true, "y_true", numeric=False, ndim=1, shape_hint="(n,)")
    y_pred = check_array(y_pred, "y_pred", numeric=False, ndim=1, shape_hint="(n,)")
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}"
        )
    if y_true.size == 0:
        raise ValueError("y_true and y_pred are empty: nothing to count")
    normalize = check_bool(normalize, "normalize")
    kinds = {name: _label_kind(arr) for name, arr in (("y_true", y_true), ("y_pred", y_pred))}
    if labels is not None:
        if isinstance(labels, str):
            raise TypeError(f"labels must be a list of class labels, got the string {labels!r}")
        labels = list(labels)
        kinds["labels"] = _label_kind(np.asarray(labels))
    if len(set(kinds.values())) > 1:
        raise TypeError(
            "y_true, y_pred (and labels) must hold the same kind of label, got "
            + ", ".join(f"{k}: {v}" for k, v in kinds.items())
            + ". Map class ids to names (or names to ids) first, e.g. "
            "[names[i] for i in y_pred]."
        )
    if labels is None:
        labels = sorted(set(y_true.tolist()) | set(y_pred.tolist()))
    else:
        missing = sorted((set(y_true.tolist()) | set(y_pred.tolist())) - set(labels), key=str)
        if missing:
            raise ValueError(
                f"labels {missing} occur in y_true/y_pred but not in labels={labels}: those "
                "rows would be left out of the matrix. Add them to labels (or drop labels=)."
            )
    cm = confusion_matrix(y_true, y_pred, labels=labels).astype(float)
    if normalize:
        cm = cm / np.maximum(cm.sum(axis=1, keepdims=True), 1)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 * len(labels) + 2, 1.1 * len(labels) + 1.5))
    ax.imshow(cm, cmap="Blues")
    ax.grid(False)
    ax.set_xticks(range(len(labels)), [str(label) for label in labels], rotation=30)
    ax.set_yticks(range(len(labels)), [str(label) for label in labels])
    ax.set(xlabel="predicted", ylabel="true", title=title)
    threshold = cm.max() / 2 if cm.size else 0
    for i in range(len(labels)):
        for j in range(len(labels)):
            text = f"{cm[i, j]:.2f}" if normalize else f"{int(cm[i, j])}"
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                color="white" if cm[i, j] > threshold else "black",
            )
    return ax


def _label_kind(values: np.ndarray) -> str:
    if values.dtype.kind in "biuf":
        return "numbers"
    if values.dtype.kind in "US":
        return "strings"
    kinds = {
        "strings" if isinstance(v, str) else "numbers" if isinstance(v, int | float) else "other"
        for v in values.tolist()
    }
    return kinds.pop() if len(kinds) == 1 else "mixed " + "/".join(sorted(kinds))


def plot_counts(
    counts: Mapping[str, float],
    title: str,
    xlabel: str = "",
    ylabel: str = "count",
    colors: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    horizontal: bool = False,
) -> Axes:
    """Bar chart of ``{label: value}`` (class balance, word frequencies, ...). Chapter 01.

    ``counts`` may also be a pandas Series (``value_counts()``): its index gives the labels.
    """
    if not hasattr(counts, "items") or isinstance(counts, str):
        raise TypeError(
            "counts must be a mapping {label: value} such as {'positive': 120, 'negative': 80} "
            f"(or a pandas Series), got {type(counts).__name__}"
        )
    pairs = dict(counts.items())
    if not pairs:
        raise ValueError("plot_counts needs at least one bar; got an empty mapping")
    keys = [str(k) for k in pairs]
    values = check_array(list(pairs.values()), "counts' values", finite=True).tolist()
    if ax is None:
        _, ax = plt.subplots()
    color = [(colors or {}).get(k, PALETTE[0]) for k in keys]
    if horizontal:
        ax.barh(keys[::-1], values[::-1], color=color[::-1])
        ax.set(title=title, xlabel=ylabel, ylabel=xlabel)
    else:
        ax.bar(keys, values, color=color)
        ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    return ax
