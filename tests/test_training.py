"""fit with callbacks, the hand-written training step, and the plots."""

from __future__ import annotations

import keras
import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import plots, training


def tiny_problem(n: int = 256) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(n, 4)).astype("float32")
    y = (x[:, 0] + x[:, 1] > 0).astype("int64")
    return x, y


def tiny_model() -> keras.Model:
    keras.utils.set_random_seed(0)
    model = keras.Sequential(
        [keras.Input((4,)), keras.layers.Dense(8, activation="relu"), keras.layers.Dense(2)]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.05),
        loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
        metrics=["accuracy"],
    )
    return model


def test_fit_learns_and_uses_early_stopping() -> None:
    x, y = tiny_problem()
    history = training.fit(tiny_model(), x, y, validation_split=0.25, epochs=30, patience=2)
    assert history.history["val_accuracy"][-1] > 0.8
    assert "val_loss" in history.history


def test_fit_refuses_an_uncompiled_model() -> None:
    model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2)])
    with pytest.raises(ValueError, match="not compiled"):
        training.fit(model, *tiny_problem())


def test_make_callbacks_options() -> None:
    kinds = [type(c).__name__ for c in training.make_callbacks(lr_schedule="plateau")]
    assert kinds == ["EarlyStopping", "ReduceLROnPlateau"]
    cosine = training.make_callbacks(lr_schedule="cosine", epochs=10)[1]
    assert isinstance(cosine, keras.callbacks.LearningRateScheduler)
    assert cosine.schedule(0, 1e-3) == pytest.approx(1e-3)
    assert cosine.schedule(5, 1e-3) == pytest.approx(5e-4)
    with pytest.raises(ValueError, match="needs the number of epochs"):
        training.make_callbacks(lr_schedule="cosine")
    with pytest.raises(ValueError, match="Accepted: None, 'plateau', 'cosine'"):
        training.make_callbacks(lr_schedule="linear")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="patience"):
        training.make_callbacks(patience=0)


def test_cosine_schedule_through_fit() -> None:
    x, y = tiny_problem()
    history = training.fit(tiny_model(), x, y, epochs=4, lr_schedule="cosine", patience=10)
    lrs = history.history["learning_rate"]
    assert lrs[0] == pytest.approx(0.05) and lrs[-1] < lrs[0]


def test_train_step_lowers_the_loss_and_clips() -> None:
    x, y = tiny_problem()
    model = tiny_model()
    loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
    step = training.make_train_step(model, keras.optimizers.SGD(0.5, clipnorm=1.0), loss_fn)
    first = float(step(x, y)["loss"])
    for _ in range(30):
        out = step(x, y)
    assert float(out["loss"]) < first * 0.7
    assert float(out["grad_norm"]) >= 0.0


def test_train_step_scales_the_loss_under_mixed_float16() -> None:
    x, y = tiny_problem()
    keras.mixed_precision.set_dtype_policy("mixed_float16")
    try:
        keras.utils.set_random_seed(0)
        model = keras.Sequential(
            [
                keras.Input((4,)),
                keras.layers.Dense(8, activation="relu"),
                keras.layers.Dense(2, dtype="float32"),
            ]
        )
        loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
        plain = keras.optimizers.SGD(0.5, clipnorm=1.0)
        step = training.make_train_step(model, plain, loss_fn)
        first = step(x, y)
        # the reported gradient norm is the true one, not the scaled one (scale 2**15)
        assert 0.0 < float(first["grad_norm"]) < 100.0
        for _ in range(30):
            out = step(x, y)
        assert float(out["loss"]) < float(first["loss"])
    finally:
        keras.mixed_precision.set_dtype_policy("float32")


def test_plot_history_and_its_errors() -> None:
    fig = plots.plot_history({"loss": [1.0, 0.5], "val_loss": [1.1, 0.7], "accuracy": [0.5, 0.8]})
    assert len(fig.axes) == 2
    plt.close(fig)
    with pytest.raises(ValueError, match=r"not in the history\. Available"):
        plots.plot_history({"loss": [1.0]}, metrics=["auc"])
    with pytest.raises(TypeError, match="keras History"):
        plots.plot_history([1, 2, 3])


def test_confusion_matrix_counts_and_shape_check() -> None:
    ax = plots.plot_confusion_matrix(["a", "b", "b"], ["a", "b", "a"], labels=["a", "b"])
    texts = [t.get_text() for t in ax.texts]
    assert texts == ["1", "0", "1", "1"]
    plt.close(ax.figure)
    with pytest.raises(ValueError, match="same shape"):
        plots.plot_confusion_matrix([0, 1], [0, 1, 1])


def test_plot_counts_rejects_empty() -> None:
    with pytest.raises(ValueError, match="at least one bar"):
        plots.plot_counts({}, title="x")
