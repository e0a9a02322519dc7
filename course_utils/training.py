"""Training helpers: ``fit`` with the callbacks a student should use, and a hand-written step.

Introduced in chapter 01 (optimizers) and chapter 02 (the training loop itself).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import keras
import numpy as np

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
    if patience < 1:
        raise ValueError(f"patience must be >= 1, got {patience}")
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

    >>> history = fit(model, x_train, y_train, validation_data=(x_val, y_val))  # doctest: +SKIP
    """
    if not isinstance(model, keras.Model):
        raise TypeError(f"fit expects a keras.Model, got {type(model).__name__}")
    if getattr(model, "optimizer", None) is None:
        raise ValueError(
            "the model is not compiled: call model.compile(optimizer=..., loss=...) first"
        )
    has_val = validation_data is not None or bool(fit_kwargs.get("validation_split"))
    callbacks = make_callbacks(
        monitor="val_loss" if has_val else "loss",
        patience=patience,
        lr_schedule=lr_schedule,
        epochs=epochs,
        tensorboard_dir=tensorboard_dir,
    ) + list(fit_kwargs.pop("callbacks", []))
    return model.fit(
        x,
        y,
        validation_data=validation_data,
        epochs=epochs,
        batch_size=batch_size,
        callbacks=callbacks,
        verbose=verbose,
        **fit_kwargs,
    )


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
