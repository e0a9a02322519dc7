"""Issue 9: no silently wrong answer, and errors a student can act on.

One test per case listed in the issue (a clear error, matched on its message, or the correct
result), then the vague errors, then the shared checks themselves. The wider sweep over every
public function is ``scripts/sweep_bad_inputs.py``.
"""

from __future__ import annotations

import warnings

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from course_utils import (
    _checks,
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
from course_utils.precision import Device

# ------------------------------------------------------------------ silently wrong, now fixed


def test_reviews_split_matches_split_names_in_any_case() -> None:
    df = pd.DataFrame({"text": list("abcde"), "split": ["Train", "VAL", " test", "train", "Test"]})
    train, val, test = data.reviews_split(df)
    assert (len(train), len(val), len(test)) == (2, 1, 2)
    assert train["text"].tolist() == ["a", "d"]


def test_reviews_split_rejects_unknown_or_missing_split_names() -> None:
    df = pd.DataFrame({"text": ["a", "b"], "split": ["train", "validation"]})
    with pytest.raises(ValueError, match=r"unknown split name\(s\) \['validation'\].*train, val"):
        data.reviews_split(df)
    with pytest.raises(ValueError, match="needs a 'split' column"):
        data.reviews_split(df.drop(columns="split"))
    with pytest.raises(TypeError, match="expects a pandas DataFrame"):
        data.reviews_split([1, 2])  # type: ignore[arg-type]


def test_seed_everything_rejects_true_and_accepts_numpy_integers() -> None:
    with pytest.raises(TypeError, match="seed must be an integer, got bool True"):
        environment.seed_everything(True)
    environment.seed_everything(np.int64(3))
    first = np.random.random()  # noqa: NPY002
    environment.seed_everything(3)
    assert np.random.random() == first  # noqa: NPY002


def test_choose_policy_reads_device_kind_in_any_case() -> None:
    a100 = Device("gpu", "A100", (8, 0))
    assert a100.kind == "GPU"
    assert precision.choose_policy([a100]).policy == "mixed_bfloat16"
    assert precision.choose_policy([Device("tpu")]).policy == "mixed_bfloat16"
    with pytest.raises(ValueError, match=r"unknown device kind 'npu'\. Accepted: 'CPU', 'GPU'"):
        Device("npu")


def test_compute_capability_as_text_is_read_and_a_bare_major_is_rejected() -> None:
    t4 = Device("GPU", "Tesla T4", "7.5")
    assert t4.compute_capability == (7, 5)
    assert precision.choose_policy([t4]).policy == "mixed_float16"
    assert Device("GPU", "A100", [8, 0]).compute_capability == (8, 0)
    with pytest.raises(ValueError, match=r"must be \(major, minor\), got \(7,\).*\(7, 5\)"):
        Device("GPU", "T4", (7,))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="'7' is not 'major.minor'"):
        Device("GPU", "T4", "7")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="compute_capability major must be an integer"):
        Device("GPU", "T4", (7.5, 0))  # type: ignore[arg-type]


def test_choose_policy_accepts_one_device_and_rejects_other_things() -> None:
    assert precision.choose_policy(Device("CPU")).policy == "float32"  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"a list of course_utils.precision.Device objects"):
        precision.choose_policy("GPU")  # type: ignore[arg-type]


def test_choose_strategy_for_a_missing_tpu_says_so() -> None:
    with pytest.raises(RuntimeError, match="no TPU could be reached.*choose_strategy\\(\\)"):
        precision.choose_strategy([Device("TPU", "v2")])


def _tiny_model() -> keras.Model:
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    return model


def test_fit_rejects_nan_inputs_and_zero_batch_size() -> None:
    x = np.ones((8, 3), dtype="float32")
    y = np.ones(8, dtype="float32")
    bad = x.copy()
    bad[2, 1] = np.nan
    with pytest.raises(ValueError, match=r"x contains 1 NaN or infinite value.*index \(2, 1\)"):
        training.fit(_tiny_model(), bad, y)
    with pytest.raises(ValueError, match=r"validation_data\[1\] contains 1 NaN"):
        training.fit(_tiny_model(), x, y, validation_data=(x, np.r_[y[:-1], np.inf]))
    with pytest.raises(ValueError, match="batch_size must be >= 1, got 0"):
        training.fit(_tiny_model(), x, y, batch_size=0)
    with pytest.raises(TypeError, match="epochs must be an integer, got the string '3'"):
        training.fit(_tiny_model(), x, y, epochs="3")  # type: ignore[arg-type]


def test_fit_warns_when_the_loss_becomes_nan() -> None:
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(1e6), loss="mse")
    x = np.full((16, 3), 1e3, dtype="float32")
    with pytest.warns(RuntimeWarning, match="loss became NaN or infinite"):
        history = training.fit(model, x, np.ones(16, dtype="float32"), epochs=30)
    assert len(history.history["loss"]) < 30  # stopped early


def test_step_gradient_norms_rejects_nan_inputs() -> None:
    x = np.zeros((2, 5, 3), dtype="float32")
    x[1, 3, 0] = np.nan
    with pytest.raises(ValueError, match=r"inputs contains 1 NaN.*index \(1, 3, 0\)"):
        sequences.step_gradient_norms(keras.layers.SimpleRNN(2), x)
    with pytest.raises(ValueError, match="at least one sequence, time step and feature"):
        sequences.step_gradient_norms(keras.layers.SimpleRNN(2), np.zeros((2, 0, 3)))


def test_make_windows_rejects_nan_features_and_targets() -> None:
    features = np.arange(10.0)
    features[4] = np.nan
    with pytest.raises(ValueError, match="features contains 1 NaN or infinite value.*index 4"):
        timeseries.make_windows(features, np.arange(10.0), window=3)
    with pytest.raises(ValueError, match="targets contains 1 NaN"):
        timeseries.make_windows(np.arange(10.0), np.r_[np.arange(9.0), np.inf], window=3)


def test_attention_row_with_every_key_masked_attends_to_nothing() -> None:
    rng = np.random.default_rng(0)
    q = rng.normal(size=(1, 3, 4)).astype("float32")
    mask = np.array([[True, False, True], [False, False, False], [True, True, True]])
    out, weights = transformer.scaled_dot_product_attention(q, q, q, mask)
    w = keras.ops.convert_to_numpy(weights)[0]
    np.testing.assert_array_equal(w[1], 0.0)
    np.testing.assert_array_equal(keras.ops.convert_to_numpy(out)[0, 1], 0.0)
    np.testing.assert_allclose(w[[0, 2]].sum(axis=-1), 1.0, rtol=1e-6)
    assert w[0, 1] == 0.0


def test_positional_embedding_rejects_float_ids_instead_of_truncating() -> None:
    layer = transformer.PositionalEmbedding(vocab_size=10, max_length=4, embed_dim=4)
    with pytest.raises(TypeError, match=r"integer token ids.*cut 1\.7 to id 1.*astype"):
        layer(np.array([[1.7, 2.0]]))
    with pytest.raises(ValueError, match=r"token id 12 is outside the vocabulary.*0 to 9"):
        layer(np.array([[1, 12]]))
    assert tuple(layer(np.array([[1, 2]])).shape) == (1, 2, 4)


def test_image_grid_rejects_one_image_with_the_fix() -> None:
    with pytest.raises(ValueError, match=r"looks like ONE image .*images\[None\]"):
        vision.plot_image_grid(np.zeros((64, 64, 3)))
    fig = vision.plot_image_grid(np.zeros((64, 64, 3))[None])
    assert len(fig.axes) == 1
    plt.close(fig)


def test_image_grid_scales_uint8_and_rejects_0_255_floats() -> None:
    pixels = np.full((2, 4, 4, 3), 128, dtype=np.uint8)
    fig = vision.plot_image_grid(pixels)
    drawn = fig.axes[0].images[0].get_array()
    np.testing.assert_allclose(np.asarray(drawn), 128 / 255, rtol=1e-6)  # grey, not white
    plt.close(fig)
    with pytest.raises(ValueError, match=r"or uint8.*Divide 0-255 floats by 255"):
        vision.plot_image_grid(pixels.astype("float32"))


def test_helpers_accept_bfloat16_arrays_from_a_mixed_bfloat16_model() -> None:
    # Under mixed_bfloat16 (an A100/L4/TPU) a layer's output converts to an ml_dtypes bfloat16
    # array; chapter 06 plots feature maps straight from it.
    maps = keras.ops.convert_to_numpy(keras.ops.cast(np.full((2, 4, 4), 0.5), "bfloat16"))
    assert maps.dtype.name == "bfloat16"
    fig = vision.plot_image_grid(maps, cmap="viridis")
    np.testing.assert_allclose(np.asarray(fig.axes[0].images[0].get_array()), 0.5)
    plt.close(fig)


def test_draw_boxes_scales_uint8_images() -> None:
    image = np.full((8, 8, 3), 64, dtype=np.uint8)
    ax = detection.draw_boxes(image, [[1, 1, 4, 4]], [0])
    np.testing.assert_allclose(np.asarray(ax.images[0].get_array()), 64 / 255, rtol=1e-6)
    plt.close(ax.figure)
    with pytest.raises(ValueError, match=r"floats in \[0, 1\] or uint8"):
        detection.draw_boxes(image.astype(float), [[1, 1, 4, 4]], [0])
    with pytest.raises(ValueError, match=r"a batch\? pass one image, e\.g\. images\[0\]"):
        detection.draw_boxes(np.zeros((2, 8, 8, 3)), [[1, 1, 4, 4]], [0])


def test_shift_images_rejects_one_image_and_shifts_a_batch_of_one() -> None:
    image = np.zeros((4, 4, 3))
    image[0, 0] = 1.0
    with pytest.raises(ValueError, match=r"ONE image .*shift_images.*images\[None\]"):
        vision.shift_images(image, dy=1, dx=0)
    shifted = vision.shift_images(image[None], dy=1, dx=0)[0]
    assert shifted[1, 0].tolist() == [1.0, 1.0, 1.0] and shifted[0, 0].sum() == 0


def test_nms_rejects_nan_scores() -> None:
    boxes = [[0, 0, 10, 10], [20, 20, 30, 30]]
    with pytest.raises(ValueError, match="scores contains 1 NaN or infinite value.*index 1"):
        detection.non_max_suppression(boxes, [0.9, np.nan])


def test_average_precision_rejects_scores_given_as_flags() -> None:
    with pytest.raises(ValueError, match=r"True/False flags.*are these scores\?"):
        detection.average_precision([0.3, 0.9], 2)
    assert detection.average_precision([1, 0, 1, 0], 3) == pytest.approx(5 / 9)
    with pytest.raises(TypeError, match="n_true must be an integer"):
        detection.average_precision([True], 1.5)  # type: ignore[arg-type]


def test_mean_average_precision_rejects_nan_scores() -> None:
    truth = [np.array([[0, 0, 10, 10]]), np.array([[0, 0, 10, 10]])]
    preds = [np.array([[0, 0, 10, 10]]), np.array([[30, 30, 40, 40]])]
    with pytest.raises(ValueError, match=r"pred_scores\[1\] contains 1 NaN"):
        detection.mean_average_precision(truth, [[0], [0]], preds, [[0], [0]], [[0.5], [np.nan]])


# ------------------------------------------------------------------ vague errors, now clear


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: data.load_dataset(["reviews"]), TypeError, r"one dataset name \(a str\)"),
        (lambda: timeseries.make_demand_series(n_days="10"), TypeError, "without quotes: 10"),
        (lambda: timeseries.make_demand_series(base="200"), TypeError, "base must be a number"),
        (lambda: text.has_any("not good", "not"), TypeError, r"for one word write \{'not'\}"),
        (lambda: text.has_any("not good", 5), TypeError, "words must be a set"),
        (lambda: baselines.tfidf_logreg(ngram_range=2), ValueError, r"write \(2, 2\)"),
        (lambda: baselines.tfidf_logreg(c="10"), TypeError, "c .* must be a number"),
        (lambda: timeseries.mae(["a"], [1.0]), TypeError, "y_true must hold numbers, got str"),
        (
            lambda: sequences.step_gradient_norms(keras.layers.SimpleRNN(2), [[[1.0]], [[1, 2]]]),
            ValueError,
            "ragged",
        ),
        (lambda: detection.iou([[0, 0, 1, 1], [0, 0, 1]], [0, 0, 1, 1]), ValueError, "ragged"),
        (lambda: detection.iou("0 0 1 1", [0, 0, 1, 1]), TypeError, "boxes_a must hold numbers"),
        (
            lambda: detection.encode_grid([[0, 0, 8, 8]], ["circle"]),
            TypeError,
            r"integer class ids.*CLASS_NAMES\.index",
        ),
        (
            lambda: transformer.scaled_dot_product_attention(
                np.zeros((2, 3, 4)), np.zeros((3, 5, 4)), np.zeros((3, 5, 4))
            ),
            ValueError,
            "same leading",
        ),
        (
            lambda: transformer.scaled_dot_product_attention(
                np.zeros((1, 3, 4)), np.zeros((1, 3, 4)), np.zeros((1, 3, 4)), np.ones((2, 2))
            ),
            ValueError,
            "does not broadcast",
        ),
        (
            lambda: plots.plot_confusion_matrix([0, 1], ["neg", "pos"]),
            TypeError,
            r"same kind of label.*y_true: numbers, y_pred: strings",
        ),
        (
            lambda: plots.plot_confusion_matrix([0, 1, 2], [0, 1, 1], labels=[0, 1]),
            ValueError,
            r"labels \[2\] occur in y_true/y_pred but not in labels",
        ),
        (
            lambda: plots.plot_history({"loss": [1, 0.5], "val_loss": [1.0]}),
            ValueError,
            "2 values of 'loss' but 1 of 'val_loss'",
        ),
        (lambda: plots.plot_counts([3, 4], "t"), TypeError, r"mapping \{label: value\}"),
        (
            lambda: training.make_train_step(
                keras.Sequential([keras.layers.Dense(1)]),
                keras.optimizers.Adam(),
                keras.losses.MeanSquaredError(),
            ),
            ValueError,
            r"not built.*keras\.Input",
        ),
        (
            lambda: sequences.seconds_per_batch(keras.layers.SimpleRNN(2), 8),
            ValueError,
            r"for one length write \[8\]",
        ),
    ],
)
def test_vague_errors_now_name_the_problem(call, error, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        call()
    plt.close("all")


def test_valid_inputs_pass_untouched() -> None:
    assert text.has_any("acting acchi thi par story boring", ["par"])  # a list works too
    assert baselines.tfidf_logreg(ngram_range=[1, 2]).steps[0][1].ngram_range == (1, 2)
    counts = pd.Series(["pos", "neg", "pos"]).value_counts()
    ax = plots.plot_counts(counts, "balance")  # a Series: its index gives the labels
    assert [t.get_text() for t in ax.get_xticklabels()] == ["pos", "neg"]
    fig = plots.plot_history({"loss": [1.0, 0.5]}, metrics="loss")
    assert len(fig.axes) == 1
    plt.close("all")
    ids = detection.non_max_suppression([[0, 0, 10, 10], [1, 0, 11, 10]], [0.8, 0.9])
    assert ids.tolist() == [1]
    windows = timeseries.make_windows(list(range(10)), list(range(10)), window=np.int64(3))
    assert next(iter(windows))[0].shape[1] == 3


def test_a_wrong_type_is_also_a_value_error() -> None:
    """``except ValueError`` around a call keeps catching every bad input."""
    with pytest.raises(ValueError, match="must be an integer"):
        _checks.check_int(2.5, "n")
    assert issubclass(_checks.ArgumentTypeError, TypeError)


def test_checks_doctest_holds() -> None:
    import doctest

    failures, tried = doctest.testmod(_checks)
    assert failures == 0 and tried >= 2


def test_one_precision_policy_name_is_checked() -> None:
    with pytest.raises(TypeError, match="a dtype policy is a name"):
        precision.choose_policy([Device("CPU")], override=["float32"])  # type: ignore[arg-type]


def test_fit_still_trains_on_clean_data() -> None:
    model = _tiny_model()
    x = np.random.default_rng(0).normal(size=(32, 3)).astype("float32")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        history = training.fit(model, x, x.sum(axis=1), epochs=3, batch_size=np.int64(8))
    assert len(history.history["loss"]) == 3


def test_sweep_over_every_public_function_finds_nothing() -> None:
    """``scripts/sweep_bad_inputs.py``: ~480 wrong (and some valid) inputs, no finding."""
    import importlib.util

    from tests.conftest import ROOT

    spec = importlib.util.spec_from_file_location("sweep", ROOT / "scripts" / "sweep_bad_inputs.py")
    assert spec is not None and spec.loader is not None
    sweep = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sweep)
    rows = [(f, label, *sweep.classify(call, expect)) for f, label, call, expect in sweep.CASES]
    keras.mixed_precision.set_dtype_policy("float32")
    findings = [r for r in rows if r[2] in ("deep", "silent", "rejected")]
    assert len(rows) > 400
    assert not findings, "\n".join(" | ".join(r) for r in findings)
