"""Measurements on sequence layers: gradient per time step, and time per batch vs length.

Introduced in chapter 02 (the vanishing gradient, the cost of sequential computation);
chapters 03 and 04 reuse them to compare SimpleRNN, LSTM and attention on the same footing.
Both functions use ``tf.GradientTape``, so they need the TensorFlow backend (the course's).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from course_utils._checks import check_array, check_bool, check_int


def _tensorflow() -> Any:
    import keras

    if keras.backend.backend() != "tensorflow":
        raise RuntimeError(
            "course_utils.sequences needs the TensorFlow backend (tf.GradientTape); "
            f"the current Keras backend is {keras.backend.backend()!r}."
        )
    import tensorflow as tf

    return tf


def _last_step(outputs: Any, tf: Any) -> Any:
    """The output at the last time step: ``[:, -1, :]`` of a sequence, else the output itself."""
    if isinstance(outputs, list | tuple):  # return_state=True: (output, state, ...)
        outputs = outputs[0]
    return outputs[:, -1, :] if len(outputs.shape) == 3 else outputs


def step_gradient_norms(layer: Callable[[Any], Any], inputs: Any) -> np.ndarray:
    """How strongly each input time step still affects the output at the last step.

    Chapter 02. ``inputs`` has shape ``(batch, time, features)``. With ``L`` the sum of the
    layer's output at the last time step (a layer that returns only its final state counts as
    that), returns an array of shape ``(time,)``: entry ``t`` is ``||dL/dx_t||``, the norm of the
    gradient with respect to the input at step ``t``, averaged over the batch. A simple RNN's
    values fall by a roughly constant factor per step back from the end (the vanishing
    gradient); an LSTM's fall more slowly; attention reaches every step directly.

    >>> rnn = keras.layers.SimpleRNN(16)  # doctest: +SKIP
    >>> step_gradient_norms(rnn, np.random.normal(size=(8, 50, 4))).shape  # doctest: +SKIP
    (50,)
    """
    tf = _tensorflow()
    if not callable(layer):
        raise TypeError(f"layer must be a Keras layer or model (callable), got {type(layer)}")
    array = check_array(inputs, "inputs", finite=True)
    if array.ndim != 3:
        raise ValueError(
            "inputs must have shape (batch, time, features), a 3-D array of floats; "
            f"got shape {array.shape}. Embed token ids first (e.g. with an Embedding layer); "
            "for ONE sequence of shape (time, features) pass inputs[None] (a batch of one)."
        )
    if 0 in array.shape:
        raise ValueError(
            f"inputs must have at least one sequence, time step and feature; got shape "
            f"{array.shape}"
        )
    x = tf.convert_to_tensor(array.astype("float32"))
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_sum(tf.cast(_last_step(layer(x), tf), tf.float32))
    grads = tape.gradient(loss, x)
    if grads is None:
        raise ValueError("the layer's output does not depend on its inputs: no gradient")
    # float64: a gradient entry of 1e-21 squares to 1e-42, which float32 flushes to zero
    return tf.reduce_mean(tf.norm(tf.cast(grads, tf.float64), axis=-1), axis=0).numpy()


def seconds_per_batch(
    layer: Callable[[Any], Any],
    lengths: Iterable[int],
    *,
    batch_size: int = 32,
    features: int = 32,
    repeats: int = 10,
    backward: bool = True,
    seed: int = 0,
) -> dict[int, float]:
    """Seconds for one batch through ``layer`` at each sequence length (best of ``repeats``).

    Chapter 02. For every length ``T`` in ``lengths``, feeds random inputs of shape
    ``(batch_size, T, features)``; with ``backward=True`` (training) the time includes the
    gradients with respect to the layer's weights and inputs, with ``backward=False`` only the
    forward pass (inference). Each length is run once untimed (tracing the ``tf.function``),
    then ``repeats`` times, and the fastest run is returned: other programs on the machine can
    only add time, so the minimum is the most repeatable estimate. Timings still vary by
    +-20% between runs: plot and compare them, do not assert on them.

    >>> seconds_per_batch(keras.layers.SimpleRNN(32), [16, 64])  # doctest: +SKIP
    {16: 0.004, 64: 0.015}
    """
    tf = _tensorflow()
    if not callable(layer):
        raise TypeError(f"layer must be a Keras layer or model (callable), got {type(layer)}")
    if isinstance(lengths, str) or not isinstance(lengths, Iterable):
        hint = f"; for one length write [{lengths}]" if isinstance(lengths, int) else ""
        raise ValueError(
            "lengths must be a non-empty list of positive integers such as [16, 64], got "
            f"{lengths!r}{hint}"
        )
    lengths = list(lengths)
    if not lengths:
        raise ValueError("lengths must be a non-empty list of positive integers, got []")
    lengths = [check_int(t, "each of lengths", min_value=1) for t in lengths]
    batch_size = check_int(batch_size, "batch_size", min_value=1)
    features = check_int(features, "features", min_value=1)
    repeats = check_int(repeats, "repeats", min_value=1)
    backward = check_bool(backward, "backward")
    seed = check_int(seed, "seed", min_value=0)

    @tf.function
    def run(x: Any) -> Any:
        with tf.GradientTape() as tape:
            tape.watch(x)
            loss = tf.reduce_sum(tf.cast(_last_step(layer(x), tf), tf.float32))
        if not backward:
            return loss
        variables = getattr(layer, "trainable_variables", [])
        grads = tape.gradient(loss, [x, *variables])
        return loss + tf.add_n([tf.reduce_sum(g) for g in grads if g is not None])

    rng = np.random.default_rng(seed)
    layer(tf.zeros((1, int(lengths[0]), features)))  # build the weights outside tf.function
    result: dict[int, float] = {}
    for length in lengths:
        x = tf.constant(rng.normal(size=(batch_size, int(length), features)).astype("float32"))
        run(x).numpy()  # trace and warm up
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            run(x).numpy()  # .numpy() waits for the result
            times.append(time.perf_counter() - start)
        result[int(length)] = min(times)
    return result
