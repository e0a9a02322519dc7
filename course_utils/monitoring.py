"""Watching a model: gradient norms during training, time per call, and drift after release.

Introduced in chapter 08 (gradient norms) and chapter 09 (timings, drift). The notebooks show the
idea first (a gradient norm by hand, a PSI computed in a few lines); these are the reusable,
tested versions.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import keras
import numpy as np

#: Rule-of-thumb PSI bands used in credit scoring and in ML monitoring: below ``PSI_STABLE`` the
#: distribution has not moved, above ``PSI_SHIFTED`` it has moved enough to investigate.
PSI_STABLE = 0.1
PSI_SHIFTED = 0.25


def global_norm(gradients: Sequence[Any]) -> float:
    """The global L2 norm of a list of gradients: sqrt of the sum of all squared entries.

    Chapter 08. ``None`` entries (variables without a gradient) are skipped. This is the number
    ``global_clipnorm`` compares with its threshold.

    >>> global_norm([np.array([3.0]), np.array([[4.0]])])
    5.0
    """
    if isinstance(gradients, np.ndarray) or not isinstance(gradients, Sequence):
        raise TypeError(
            f"gradients must be a list of arrays (one per variable), got {type(gradients).__name__}"
        )
    total = 0.0
    for g in gradients:
        if g is None:
            continue
        array = np.asarray(keras.ops.convert_to_numpy(g), dtype="float64")
        total += float(np.sum(array * array))
    return float(np.sqrt(total))


class GradientNormLogger(keras.callbacks.Callback):
    """Record the global gradient norm on a fixed probe batch after every ``every`` steps.

    Chapter 08. ``model.fit`` does not hand its gradients to callbacks, so this callback
    computes them again on the probe batch ``(x, y)`` with the model's current weights (one
    extra forward and backward pass each time it logs). A fixed batch makes the numbers
    comparable from step to step. After training, ``steps`` and ``norms`` hold the curve.
    TensorFlow backend only (``tf.GradientTape``).

    >>> logger = GradientNormLogger(x_train[:256], y_train[:256])  # doctest: +SKIP
    >>> model.fit(x_train, y_train, callbacks=[logger])  # doctest: +SKIP
    >>> plt.semilogy(logger.steps, logger.norms)  # doctest: +SKIP
    """

    def __init__(self, x: Any, y: Any, every: int = 1) -> None:
        super().__init__()
        if not isinstance(every, int) or isinstance(every, bool) or every < 1:
            raise ValueError(f"every must be a positive integer (log every n steps), got {every!r}")
        if len(x) == 0 or len(x) != len(y):
            raise ValueError(
                f"the probe batch needs as many labels as inputs and at least one example; "
                f"got {len(x)} inputs and {len(y)} labels"
            )
        self.x = x
        self.y = y
        self.every = every
        self.steps: list[int] = []
        self.norms: list[float] = []
        self._step = 0
        self._grad_fn: Callable[[], Any] | None = None

    def _make_grad_fn(self) -> Callable[[], Any]:
        import tensorflow as tf

        model = self.model
        if getattr(model, "loss", None) is None:
            raise ValueError("GradientNormLogger needs a compiled model (model.compile(loss=...))")
        loss_fn = keras.losses.get(model.loss)
        x = tf.constant(self.x)
        y = tf.constant(self.y)

        @tf.function
        def grad_norm() -> Any:
            with tf.GradientTape() as tape:
                pred = model(x, training=False)
                loss = tf.reduce_mean(tf.cast(loss_fn(y, pred), tf.float32))
            grads = tape.gradient(loss, model.trainable_variables)
            return tf.linalg.global_norm([tf.cast(g, tf.float32) for g in grads if g is not None])

        return grad_norm

    def on_train_begin(self, logs: dict[str, Any] | None = None) -> None:
        if keras.backend.backend() != "tensorflow":
            raise RuntimeError(
                "GradientNormLogger uses tf.GradientTape and needs the TensorFlow backend; "
                f"the current Keras backend is {keras.backend.backend()!r}."
            )
        self._grad_fn = self._make_grad_fn()

    def on_train_batch_end(self, batch: int, logs: dict[str, Any] | None = None) -> None:
        self._step += 1
        if self._step % self.every == 0 and self._grad_fn is not None:
            self.steps.append(self._step)
            self.norms.append(float(self._grad_fn()))


def seconds_per_call(
    fn: Callable[[], Any], *, repeats: int = 5, number: int = 1, warmup: int = 1
) -> float:
    """Seconds one call of ``fn()`` takes: the fastest of ``repeats`` timings of ``number`` calls.

    Chapter 09. ``warmup`` untimed calls come first (tracing, caches). The minimum is the most
    repeatable estimate on a shared machine (other programs only add time); timings still vary
    by +-20% between runs: compare and plot them, do not assert on them.

    >>> seconds_per_call(lambda: sum(range(1000)), repeats=3) < 1.0
    True
    """
    if not callable(fn):
        raise TypeError(f"fn must be a function of no arguments, got {type(fn).__name__}")
    for name, value, minimum in (
        ("repeats", repeats, 1),
        ("number", number, 1),
        ("warmup", warmup, 0),
    ):
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            raise ValueError(f"{name} must be an integer >= {minimum}, got {value!r}")
    for _ in range(warmup):
        fn()
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def _as_finite_1d(values: Any, name: str) -> np.ndarray:
    try:
        array = np.asarray(values, dtype="float64").ravel()
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be numbers (a list or array), got {type(values).__name__}"
        ) from None
    if array.size == 0:
        raise ValueError(f"{name} is empty: drift needs at least one value on each side")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinity; drop or fix those values first")
    return array


def population_stability_index(
    reference: Any, current: Any, bins: int = 10, eps: float = 1e-4
) -> float:
    """PSI between two samples of one score: how far ``current``'s distribution moved.

    Chapter 09. The bins are the ``bins`` quantiles of ``reference`` (so each holds about the
    same share of it); with ``r_i`` and ``c_i`` the shares of each sample in bin ``i``,

    ``PSI = sum_i (c_i - r_i) * ln(c_i / r_i)``

    (a symmetric KL divergence). Empty bins get the share ``eps`` so the logarithm stays finite.
    Rule of thumb: below :data:`PSI_STABLE` (0.1) no shift, above :data:`PSI_SHIFTED` (0.25) a
    shift worth investigating.

    >>> rng = np.random.default_rng(0)
    >>> round(population_stability_index(rng.normal(size=5000), rng.normal(size=5000)), 3) < 0.1
    True
    """
    ref = _as_finite_1d(reference, "reference")
    cur = _as_finite_1d(current, "current")
    if not isinstance(bins, int) or isinstance(bins, bool) or bins < 2:
        raise ValueError(f"bins must be an integer >= 2, got {bins!r}")
    if not 0 < eps < 0.1:
        raise ValueError(f"eps must be a small positive share (0 < eps < 0.1), got {eps!r}")
    inner = np.unique(np.quantile(ref, np.linspace(0, 1, bins + 1)[1:-1]))
    r = np.bincount(np.searchsorted(inner, ref, side="right"), minlength=len(inner) + 1) / ref.size
    c = np.bincount(np.searchsorted(inner, cur, side="right"), minlength=len(inner) + 1) / cur.size
    r = np.maximum(r, eps)
    c = np.maximum(c, eps)
    return float(np.sum((c - r) * np.log(c / r)))
