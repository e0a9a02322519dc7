"""Training helpers: ``fit`` with the callbacks a student should use, and a hand-written step.

Introduced in chapter 01 (optimizers) and chapter 02 (the training loop itself).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import keras
import numpy as np

from course_utils._checks import check_array, check_int, check_str

Schedule = Literal["plateau", "cosine"] | Callable[[int, float], float] | None


def make_callbacks(
    monitor: str = "val_loss",
    patience: int = 3,
    lr_schedule: Schedule = None,
    epochs: int | None = None,
    tensorboard_dir: str | None = None,
) -> list[keras.callbacks.Callback]:
    """The callbacks the course uses with ``model.fit``.

    Chapter 02.

    * early stopping on ``monitor`` that restores the best weights (``patience`` epochs);
    * an optional learning-rate schedule: ``"plateau"`` (halve the rate when ``monitor`` stalls),
      ``"cosine"`` (cosine decay over ``epochs``; needs ``epochs``), or any
      ``f(epoch, lr) -> new_lr``;
    * optional TensorBoard logs in ``tensorboard_dir`` (open them with
      ``tensorboard --logdir <dir>``).
    """
    check_str(monitor, "monitor", what="a metric name such as 'val_loss'")
    patience = check_int(patience, "patience", min_value=1)
    epochs = check_int(epochs, "epochs", min_value=1, allow_none=True)
    callbacks: list[keras.callbacks.Callback] = [
        keras.callbacks.EarlyStopping(monitor=monitor, patience=patience, restore_best_weights=True)
    ]
    if lr_schedule == "plateau":
        callbacks.append(
            keras.callbacks.ReduceLROnPlateau(
                monitor=monitor, factor=0.5, patience=max(1, patience // 2)
            )
        )
    elif lr_schedule == "cosine":
        if not epochs:
            raise ValueError("lr_schedule='cosine' needs the number of epochs (epochs=...)")
        total = epochs

        def cosine(epoch: int, lr: float, _base: list[float] = []) -> float:  # noqa: B006
            if not _base:
                _base.append(lr)
            return float(_base[0] * 0.5 * (1 + np.cos(np.pi * epoch / total)))

        callbacks.append(keras.callbacks.LearningRateScheduler(cosine))
    elif callable(lr_schedule):
        callbacks.append(keras.callbacks.LearningRateScheduler(lr_schedule))
    elif lr_schedule is not None:
        raise ValueError(
            f"unknown lr_schedule {lr_schedule!r}. Accepted: None, 'plateau', 'cosine', "
            "or a function f(epoch, lr) -> lr."
        )
    if tensorboard_dir is not None:
        callbacks.append(keras.callbacks.TensorBoard(log_dir=str(tensorboard_dir)))
    return callbacks


def fit(
    model: keras.Model,
    x: Any,
    y: Any = None,
    *,
    validation_data: Any = None,
    epochs: int = 10,
    batch_size: int | None = 32,
    patience: int = 3,
    lr_schedule: Schedule = None,
    tensorboard_dir: str | None = None,
    verbose: int | str = 0,
    **fit_kwargs: Any,
) -> keras.callbacks.History:
    """``model.fit`` with early stopping (and the options of :func:`make_callbacks`).

    Chapter 02. Monitors ``val_loss`` when validation data is given, else ``loss``. Returns the
    usual ``History``; plot it with :func:`course_utils.plots.plot_history`.

    ``x`` and ``y`` may be NumPy arrays, nested lists of numbers (made into arrays), tensors or
    a ``tf.data.Dataset``. Checked before training: array inputs (``x``, ``y``,
    ``validation_data``) must not contain NaN or infinity (one NaN makes every loss NaN), and
    ``epochs`` / ``batch_size`` must be positive integers. If the loss still becomes NaN
    during training (a learning rate that is too high, for instance), training stops at once
    and a ``RuntimeWarning`` says so.

    >>> history = fit(model, x_train, y_train, validation_data=(x_val, y_val))  # doctest: +SKIP
    """
    import warnings

    if not isinstance(model, keras.Model):
        raise TypeError(f"fit expects a keras.Model, got {type(model).__name__}")
    if getattr(model, "optimizer", None) is None:
        raise ValueError(
            "the model is not compiled: call model.compile(optimizer=..., loss=...) first"
        )
    epochs = check_int(epochs, "epochs", min_value=1)
    batch_size = check_int(batch_size, "batch_size", min_value=1, allow_none=True)
    x, y = _nested_list_as_array(x), _nested_list_as_array(y)
    _check_finite_inputs(x, "x")
    _check_finite_inputs(y, "y")
    if isinstance(validation_data, tuple | list):
        for i, part in enumerate(validation_data):
            _check_finite_inputs(part, f"validation_data[{i}]")
    has_val = validation_data is not None or bool(fit_kwargs.get("validation_split"))
    callbacks = make_callbacks(
        monitor="val_loss" if has_val else "loss",
        patience=patience,
        lr_schedule=lr_schedule,
        epochs=epochs,
        tensorboard_dir=tensorboard_dir,
    ) + list(fit_kwargs.pop("callbacks", []))
    callbacks.append(keras.callbacks.TerminateOnNaN())
    history = model.fit(
        x,
        y,
        validation_data=validation_data,
        epochs=epochs,
        batch_size=batch_size,
        callbacks=callbacks,
        verbose=verbose,
        **fit_kwargs,
    )
    losses = history.history.get("loss", [])
    if losses and not np.isfinite(losses[-1]):
        warnings.warn(
            "the training loss became NaN or infinite, so training stopped early: check the "
            "inputs and labels for NaN, lower the learning rate, or clip the gradients "
            "(optimizer clipnorm=1.0)",
            RuntimeWarning,
            stacklevel=2,
        )
    return history


def _nested_list_as_array(data: Any) -> Any:
    """A (nested) list or tuple of numbers as a NumPy array; a list of arrays (several model
    inputs) and everything else unchanged. Keras' ``fit`` accepts arrays, not nested lists."""
    if isinstance(data, list | tuple) and data and not any(hasattr(p, "shape") for p in data):
        try:
            return np.asarray(data)
        except ValueError:
            return data  # ragged: Keras' own message
    return data


def _check_finite_inputs(data: Any, name: str) -> None:
    """Raise if ``data`` (an array, or a list/tuple/dict of arrays) holds NaN or infinity.

    Datasets, generators and other iterables are not read here (that would consume them); a
    NaN in them shows up as a NaN loss, which :func:`fit` reports.
    """
    if data is None:
        return
    if isinstance(data, dict):
        for key, part in data.items():
            _check_finite_inputs(part, f"{name}[{key!r}]")
        return
    if isinstance(data, tuple | list) and data and all(hasattr(p, "shape") for p in data):
        for i, part in enumerate(data):
            _check_finite_inputs(part, f"{name}[{i}]")
        return
    if not (hasattr(data, "__array__") or isinstance(data, list | tuple)):
        return  # a tf.data.Dataset, a PyDataset, a generator: checked through the loss
    try:
        array = np.asarray(data)
    except (ValueError, TypeError):
        return  # ragged or exotic: leave the message to Keras
    if array.dtype.kind == "f":
        check_array(array, name, finite=True)


def make_train_step(
    model: keras.Model,
    optimizer: keras.optimizers.Optimizer,
    loss_fn: Callable[[Any, Any], Any],
) -> Callable[[Any, Any], dict[str, Any]]:
    """A hand-written training step with ``tf.GradientTape`` (TensorFlow backend).

    Chapter 02. Returns ``step(x, y) -> {"loss", "grad_norm"}``; ``grad_norm`` is the global norm
    of the true (unscaled) gradient before clipping, worth watching for vanishing or exploding
    gradients. Gradient clipping comes from the optimizer (``clipnorm=`` /
    ``global_clipnorm=``), applied after unscaling. Under the ``mixed_float16`` policy the
    optimizer is wrapped in ``keras.optimizers.LossScaleOptimizer``: the loss is multiplied by a
    large factor before the gradient so small float16 gradients do not underflow to zero, and the
    gradient is divided by it again before the update.

    >>> step = make_train_step(model, keras.optimizers.Adam(1e-3, clipnorm=1.0),
    ...                        keras.losses.SparseCategoricalCrossentropy())  # doctest: +SKIP
    >>> step(x_batch, y_batch)["loss"]  # doctest: +SKIP
    """
    import tensorflow as tf

    if not isinstance(model, keras.Model):
        raise TypeError(f"make_train_step expects a keras.Model, got {type(model).__name__}")
    if not isinstance(optimizer, keras.optimizers.Optimizer):
        raise TypeError(
            "optimizer must be a keras optimizer such as keras.optimizers.Adam(1e-3), got "
            f"{type(optimizer).__name__}: {optimizer!r}"
        )
    if not callable(loss_fn):
        raise TypeError(
            "loss_fn must be a loss such as keras.losses.SparseCategoricalCrossentropy(), got "
            f"{type(loss_fn).__name__}: {loss_fn!r}"
        )
    if not model.built:
        raise ValueError(
            "the model has no weights yet (it is not built): start it with keras.Input(shape=...) "
            "or call it once on a batch, model(x_batch), before make_train_step"
        )
    if not model.trainable_variables:
        raise ValueError(
            "the model has no trainable weights (all layers frozen?): nothing for a training "
            "step to update; set layer.trainable = True on the layers to train"
        )
    if keras.backend.backend() != "tensorflow":
        raise RuntimeError(
            "make_train_step uses tf.GradientTape and needs the TensorFlow backend; "
            f"the current Keras backend is {keras.backend.backend()!r}. Use model.fit instead."
        )
    if keras.mixed_precision.dtype_policy().name == "mixed_float16" and not isinstance(
        optimizer, keras.optimizers.LossScaleOptimizer
    ):
        optimizer = keras.optimizers.LossScaleOptimizer(optimizer)

    if not optimizer.built:
        optimizer.build(model.trainable_variables)
    loss_scaled = isinstance(optimizer, keras.optimizers.LossScaleOptimizer)

    @tf.function
    def step(x: Any, y: Any) -> dict[str, Any]:
        with tf.GradientTape() as tape:
            predictions = model(x, training=True)
            loss = loss_fn(y, predictions)
            if model.losses:  # regularisation terms added by layers
                loss += tf.add_n(model.losses)
            scaled_loss = optimizer.scale_loss(loss)
        variables = model.trainable_variables
        grads = tape.gradient(scaled_loss, variables)
        grad_norm = tf.linalg.global_norm([tf.cast(g, tf.float32) for g in grads])
        if loss_scaled:
            grad_norm = grad_norm / optimizer.dynamic_scale
        optimizer.apply(grads, variables)
        return {"loss": loss, "grad_norm": grad_norm}

    return step
