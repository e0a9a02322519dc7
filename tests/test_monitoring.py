"""Gradient norms, timings and the drift statistic (chapters 08-09)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from course_utils import monitoring


def test_global_norm_matches_the_definition_and_skips_none() -> None:
    grads = [np.array([3.0, 0.0]), None, np.array([[4.0]])]
    assert monitoring.global_norm(grads) == pytest.approx(5.0)
    rng = np.random.default_rng(0)
    many = [rng.normal(size=(3, 4)), rng.normal(size=(5,))]
    flat = np.concatenate([g.ravel() for g in many])
    assert monitoring.global_norm(many) == pytest.approx(np.linalg.norm(flat))


def test_global_norm_rejects_a_single_array() -> None:
    with pytest.raises(TypeError, match="list of arrays"):
        monitoring.global_norm(np.ones(3))


def _tiny_model() -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(3, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
    return model


def test_gradient_norm_logger_logs_the_true_norm_every_n_steps() -> None:
    import tensorflow as tf

    rng = np.random.default_rng(0)
    x = rng.normal(size=(64, 4)).astype("float32")
    y = rng.integers(0, 3, size=64)
    model = _tiny_model()
    logger = monitoring.GradientNormLogger(x[:16], y[:16], every=2)
    model.fit(x, y, batch_size=8, epochs=1, verbose=0, callbacks=[logger])
    assert logger.steps == [2, 4, 6, 8]
    assert all(n > 0 for n in logger.norms)
    # the last logged norm is the norm of the gradient on the probe batch with the final weights
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    with tf.GradientTape() as tape:
        loss = loss_fn(y[:16], model(x[:16], training=False))
    expected = monitoring.global_norm(tape.gradient(loss, model.trainable_variables))
    assert logger.norms[-1] == pytest.approx(expected, rel=1e-4)


def test_gradient_norm_logger_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="every must be a positive integer"):
        monitoring.GradientNormLogger(np.ones((2, 4)), np.ones(2), every=0)
    with pytest.raises(ValueError, match="as many labels as inputs"):
        monitoring.GradientNormLogger(np.ones((2, 4)), np.ones(3))


def test_seconds_per_call_counts_calls_and_validates() -> None:
    calls = []
    seconds = monitoring.seconds_per_call(lambda: calls.append(1), repeats=3, number=2, warmup=1)
    assert len(calls) == 1 + 3 * 2
    assert seconds >= 0.0
    with pytest.raises(ValueError, match="repeats must be an integer >= 1"):
        monitoring.seconds_per_call(lambda: None, repeats=0)
    with pytest.raises(TypeError, match="function of no arguments"):
        monitoring.seconds_per_call(42)  # type: ignore[arg-type]


def test_psi_is_small_for_the_same_distribution_and_large_for_a_shift() -> None:
    rng = np.random.default_rng(0)
    reference = rng.normal(size=4000)
    assert monitoring.population_stability_index(reference, rng.normal(size=4000)) < 0.02
    shifted = rng.normal(loc=1.0, size=4000)
    assert monitoring.population_stability_index(reference, shifted) > monitoring.PSI_SHIFTED
    assert monitoring.population_stability_index(reference, reference) == pytest.approx(0.0)


def test_psi_matches_a_hand_computation() -> None:
    reference = np.array([0.0, 0.0, 1.0, 1.0])  # one split at the median: shares 0.5 / 0.5
    current = np.array([0.0, 1.0, 1.0, 1.0])  # shares 0.25 / 0.75
    by_hand = (0.25 - 0.5) * np.log(0.25 / 0.5) + (0.75 - 0.5) * np.log(0.75 / 0.5)
    assert monitoring.population_stability_index(reference, current, bins=2) == pytest.approx(
        by_hand
    )


def test_psi_handles_discrete_scores_and_rejects_bad_input() -> None:
    reference = np.repeat([0, 1, 2], 100)  # many tied quantiles: bins merge, no crash
    assert monitoring.population_stability_index(reference, reference, bins=10) == pytest.approx(0)
    with pytest.raises(ValueError, match="current is empty"):
        monitoring.population_stability_index([1.0], [])
    with pytest.raises(ValueError, match="NaN or infinity"):
        monitoring.population_stability_index([1.0, np.nan], [1.0])
    with pytest.raises(ValueError, match="bins must be an integer >= 2"):
        monitoring.population_stability_index([1.0], [1.0], bins=1)
    with pytest.raises(TypeError, match="must be numbers"):
        monitoring.population_stability_index(["a", "b"], [1.0])
