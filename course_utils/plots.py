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
    return data


def plot_history(history: Any, metrics: Sequence[str] | None = None) -> Figure:
    """Plot training (solid) and validation (dashed) curves, one panel per metric.

    Chapter 02. ``history`` is what ``model.fit`` returns (or its ``.history`` dict);
    ``metrics`` defaults to every metric that has no ``val_`` prefix.
    """
    data = _history_dict(history)
    default = [k for k in data if not k.startswith("val_") and k != "learning_rate"]
    names = list(metrics) if metrics else default
    unknown = [m for m in names if m not in data]
    if unknown:
        raise ValueError(f"metrics {unknown} not in the history. Available: {sorted(data)}.")
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

    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(
            f"y_true and y_pred must have the same shape, got {y_true.shape} and {y_pred.shape}"
        )
    labels = list(labels) if labels is not None else sorted(set(y_true) | set(y_pred))
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


def plot_counts(
    counts: Mapping[str, float],
    title: str,
    xlabel: str = "",
    ylabel: str = "count",
    colors: Mapping[str, str] | None = None,
    ax: Axes | None = None,
    horizontal: bool = False,
) -> Axes:
    """Bar chart of ``{label: value}`` (class balance, word frequencies, ...). Chapter 01."""
    if not counts:
        raise ValueError("plot_counts needs at least one bar; got an empty mapping")
    if ax is None:
        _, ax = plt.subplots()
    keys = [str(k) for k in counts]
    values = list(counts.values())
    color = [(colors or {}).get(k, PALETTE[0]) for k in keys]
    if horizontal:
        ax.barh(keys[::-1], values[::-1], color=color[::-1])
        ax.set(title=title, xlabel=ylabel, ylabel=xlabel)
    else:
        ax.bar(keys, values, color=color)
        ax.set(title=title, xlabel=xlabel, ylabel=ylabel)
    return ax
