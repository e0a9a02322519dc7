"""Gradient per time step and time per batch (course_utils.sequences, chapter 02)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from course_utils import sequences


def linear_rnn(a: float, units: int = 3, features: int = 2) -> keras.layers.SimpleRNN:
    """h_t = x_t W + a * h_{t-1}: the gradient to x_t is a^(T-t) * ||W 1|| exactly."""
    layer = keras.layers.SimpleRNN(units, activation=None, use_bias=False)
    layer.build((None, None, features))
    kernel = np.arange(1, features * units + 1, dtype="float32").reshape(features, units) / 10
    layer.set_weights([kernel, a * np.eye(units, dtype="float32")])
    return layer


def test_gradient_norms_follow_the_recurrent_factor() -> None:
    layer = linear_rnn(0.5)
    x = np.random.default_rng(0).normal(size=(4, 6, 2)).astype("float32")
    norms = sequences.step_gradient_norms(layer, x)
    kernel = layer.get_weights()[0]
    expected = 0.5 ** np.arange(5, -1, -1) * np.linalg.norm(kernel.sum(axis=1))
    assert norms.shape == (6,)
    np.testing.assert_allclose(norms, expected, rtol=1e-5)


def test_gradient_norms_use_the_last_step_of_a_sequence_output() -> None:
    layer = keras.layers.SimpleRNN(3, activation=None, use_bias=False, return_sequences=True)
    layer.build((None, None, 2))
    layer.set_weights([np.ones((2, 3), "float32"), np.zeros((3, 3), "float32")])
    norms = sequences.step_gradient_norms(layer, np.ones((2, 4, 2), "float32"))
    # No recurrence: only the last input reaches the last output.
    np.testing.assert_allclose(norms, [0, 0, 0, np.linalg.norm([3.0, 3.0])], atol=1e-6)


def test_tanh_rnn_gradient_vanishes() -> None:
    keras.utils.set_random_seed(0)
    layer = keras.layers.SimpleRNN(16)
    x = np.random.default_rng(0).normal(size=(8, 40, 8)).astype("float32")
    norms = sequences.step_gradient_norms(layer, x)
    assert norms[0] < 1e-3 * norms[-1]


def test_gradient_norms_reject_token_ids() -> None:
    with pytest.raises(ValueError, match=r"\(batch, time, features\)"):
        sequences.step_gradient_norms(keras.layers.SimpleRNN(2), np.ones((4, 10)))
    with pytest.raises(TypeError, match="callable"):
        sequences.step_gradient_norms("rnn", np.ones((1, 2, 3)))  # type: ignore[arg-type]


def test_seconds_per_batch_returns_one_positive_time_per_length() -> None:
    times = sequences.seconds_per_batch(
        keras.layers.SimpleRNN(4), [2, 8], batch_size=2, features=3, repeats=2
    )
    assert list(times) == [2, 8]
    assert all(t > 0 for t in times.values())
    forward = sequences.seconds_per_batch(
        keras.layers.Dense(4), [5], features=3, repeats=1, backward=False
    )
    assert list(forward) == [5] and forward[5] > 0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lengths": []}, "lengths"),
        ({"lengths": [8, 0]}, "lengths"),
        ({"lengths": [8], "repeats": 0}, "repeats"),
        ({"lengths": [8], "batch_size": 2.5}, "batch_size"),
    ],
)
def test_seconds_per_batch_checks_its_arguments(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        sequences.seconds_per_batch(keras.layers.SimpleRNN(2), **kwargs)
