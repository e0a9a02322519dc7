"""Attention, positional encodings and the Transformer encoder block (chapter 04)."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest
from keras import ops

from course_utils.transformer import (
    PositionalEmbedding,
    TransformerEncoder,
    causal_mask,
    positional_encoding,
    scaled_dot_product_attention,
)


def numpy(x: object) -> np.ndarray:
    return np.asarray(ops.convert_to_numpy(x))


def random(shape: tuple[int, ...], seed: int = 0) -> np.ndarray:
    return np.random.default_rng(seed).normal(size=shape).astype("float32")


# --- scaled dot-product attention ------------------------------------------------------------


def test_attention_weights_are_a_softmax_of_scaled_scores() -> None:
    q, k, v = random((2, 4, 8), 1), random((2, 5, 8), 2), random((2, 5, 3), 3)
    out, w = scaled_dot_product_attention(q, k, v)
    scores = q @ k.transpose(0, 2, 1) / np.sqrt(8)
    expected = np.exp(scores) / np.exp(scores).sum(-1, keepdims=True)
    np.testing.assert_allclose(numpy(w), expected, atol=1e-6)
    np.testing.assert_allclose(numpy(out), expected @ v, atol=1e-5)
    assert numpy(out).shape == (2, 4, 3)


def test_attention_mask_gives_zero_weight() -> None:
    x = random((1, 4, 6))
    _, w = scaled_dot_product_attention(x, x, x, mask=causal_mask(4))
    w = numpy(w)[0]
    assert np.all(w[np.triu_indices(4, k=1)] == 0.0)
    np.testing.assert_allclose(w.sum(-1), 1.0, atol=1e-6)
    assert w[0, 0] == pytest.approx(1.0)


def project(x: np.ndarray, dense: keras.layers.Layer) -> np.ndarray:
    """(batch, length, embed_dim) -> (batch, heads, length, key_dim), with Keras' weights."""
    kernel = numpy(dense.kernel)  # (embed_dim, heads, key_dim)
    bias = numpy(dense.bias)  # (heads, key_dim)
    return np.einsum("btd,dhk->bhtk", x, kernel) + bias[None, :, None, :]


def multi_head_by_hand(
    mha: keras.layers.MultiHeadAttention, x: np.ndarray, mask: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Keras' projections, copied out, around our scaled_dot_product_attention."""
    q, k, v = (project(x, d) for d in (mha.query_dense, mha.key_dense, mha.value_dense))
    heads, weights = scaled_dot_product_attention(q, k, v, mask=mask)
    out = np.einsum("bhtk,hkd->btd", numpy(heads), numpy(mha.output_dense.kernel))
    return out + numpy(mha.output_dense.bias), numpy(weights)


@pytest.mark.parametrize("causal", [False, True])
def test_hand_written_attention_matches_keras_multi_head_attention(causal: bool) -> None:
    keras.utils.set_random_seed(0)
    embed_dim, heads = 16, 4
    mha = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=embed_dim // heads)
    x = random((3, 7, embed_dim), 5)
    expected, expected_w = mha(x, x, return_attention_scores=True, use_causal_mask=causal)
    got, got_w = multi_head_by_hand(mha, x, mask=causal_mask(7) if causal else None)
    np.testing.assert_allclose(got, numpy(expected), atol=1e-5)
    np.testing.assert_allclose(got_w, numpy(expected_w), atol=1e-5)


def test_attention_rejects_mismatched_shapes() -> None:
    with pytest.raises(ValueError, match="same depth"):
        scaled_dot_product_attention(random((1, 3, 4)), random((1, 3, 5)), random((1, 3, 5)))
    with pytest.raises(ValueError, match="same length"):
        scaled_dot_product_attention(random((1, 3, 4)), random((1, 3, 4)), random((1, 2, 4)))
    with pytest.raises(ValueError, match="at least 2 axes"):
        scaled_dot_product_attention(random((4,)), random((4,)), random((4,)))


def test_causal_mask() -> None:
    assert causal_mask(3).tolist() == [[True, False, False], [True, True, False], [True] * 3]
    with pytest.raises(ValueError, match="length must be a positive integer"):
        causal_mask(0)


# --- positional encoding ---------------------------------------------------------------------


def test_positional_encoding_values() -> None:
    pe = positional_encoding(50, 16)
    assert pe.shape == (50, 16) and pe.dtype == np.float32
    np.testing.assert_allclose(pe[0], np.tile([0.0, 1.0], 8))  # sin 0, cos 0
    assert pe[1, 0] == pytest.approx(np.sin(1.0))  # fastest clock: one radian per position
    assert pe[1, 1] == pytest.approx(np.cos(1.0))
    assert pe[10, 2] == pytest.approx(np.sin(10 / 10000 ** (2 / 16)), rel=1e-6)
    assert pe[7, 15] == pytest.approx(np.cos(7 / 10000 ** (14 / 16)), rel=1e-6)
    assert np.abs(pe).max() <= 1.0
    # distinct positions get distinct codes
    assert len({row.tobytes() for row in pe}) == 50


@pytest.mark.parametrize(
    ("length", "depth", "message"),
    [(0, 8, "length"), (10, 7, "even"), (10, -2, "depth"), (2.5, 8, "length")],
)
def test_positional_encoding_rejects_bad_sizes(length: object, depth: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        positional_encoding(length, depth)  # type: ignore[arg-type]


# --- PositionalEmbedding ---------------------------------------------------------------------


@pytest.mark.parametrize("positions", ["learned", "sinusoidal"])
def test_positional_embedding_adds_position_and_passes_mask(positions: str) -> None:
    layer = PositionalEmbedding(50, 8, 6, positions=positions)
    ids = np.array([[3, 3, 3, 0]])
    out = numpy(layer(ids))
    assert out.shape == (1, 4, 6)
    # the same token at different positions gets different vectors
    assert not np.allclose(out[0, 0], out[0, 1])
    assert numpy(layer.compute_mask(ids)).tolist() == [[True, True, True, False]]
    if positions == "sinusoidal":
        token = numpy(layer.token_embedding(ids))
        np.testing.assert_allclose(out[0] - token[0], positional_encoding(8, 6)[:4], atol=1e-6)


def test_positional_embedding_errors() -> None:
    with pytest.raises(ValueError, match="positions must be one of"):
        PositionalEmbedding(10, 5, 4, positions="rotary")
    with pytest.raises(ValueError, match="vocab_size"):
        PositionalEmbedding(0, 5, 4)
    with pytest.raises(ValueError, match="even embed_dim"):
        PositionalEmbedding(10, 5, 5, positions="sinusoidal")
    with pytest.raises(ValueError, match="max_length=5"):
        PositionalEmbedding(10, 5, 4)(np.ones((1, 6), dtype="int32"))


# --- TransformerEncoder ----------------------------------------------------------------------


def test_encoder_output_shape_and_key_dim() -> None:
    block = TransformerEncoder(embed_dim=24, num_heads=3, ff_dim=40)
    assert numpy(block(random((2, 9, 24)))).shape == (2, 9, 24)
    assert block.key_dim == 8
    out, scores = block(random((2, 9, 24)), return_attention_scores=True)
    assert numpy(scores).shape == (2, 3, 9, 9)
    np.testing.assert_allclose(numpy(scores).sum(-1), 1.0, atol=1e-5)
    # attention 4*(24*24+24) + feed-forward (24*40+40 + 40*24+24) + two norms 2*(2*24)
    assert block.count_params() == 4 * (24 * 24 + 24) + (24 * 40 + 40) + (40 * 24 + 24) + 96


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"embed_dim": 30, "num_heads": 4, "ff_dim": 8}, "divisible by num_heads"),
        ({"embed_dim": 0, "num_heads": 1, "ff_dim": 8}, "embed_dim must be a positive"),
        ({"embed_dim": 8, "num_heads": 0, "ff_dim": 8}, "num_heads must be a positive"),
        ({"embed_dim": 8, "num_heads": 2, "ff_dim": -1}, "ff_dim must be a positive"),
        ({"embed_dim": 8, "num_heads": 2, "ff_dim": 8, "dropout": 1.0}, r"dropout .* \[0, 1\)"),
    ],
)
def test_encoder_rejects_bad_settings(kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        TransformerEncoder(**kwargs)


def test_encoder_rejects_inputs_of_the_wrong_width() -> None:
    with pytest.raises(ValueError, match=r"expects inputs of shape \(batch, length, 16\)"):
        TransformerEncoder(16, 2, 8)(random((1, 4, 12)))


def test_encoder_dropout_only_in_training() -> None:
    block = TransformerEncoder(8, 2, 16, dropout=0.5)
    x = random((2, 5, 8))
    np.testing.assert_allclose(numpy(block(x)), numpy(block(x, training=False)))
    assert not np.allclose(numpy(block(x, training=True)), numpy(block(x)))


def test_causal_encoder_does_not_look_at_the_future() -> None:
    keras.utils.set_random_seed(1)
    embed = PositionalEmbedding(20, 10, 8)
    block = TransformerEncoder(8, 2, 16, dropout=0.0, causal=True)
    a = np.array([[4, 5, 6, 7, 8, 9]])
    b = a.copy()
    b[0, 4] = 17  # change a later token
    out_a, out_b = numpy(block(embed(a))), numpy(block(embed(b)))
    np.testing.assert_allclose(out_a[0, :4], out_b[0, :4], atol=1e-6)  # the past is untouched
    assert not np.allclose(out_a[0, 4:], out_b[0, 4:])
    # the same block without the causal mask: early positions do see the change
    both_ways = TransformerEncoder(8, 2, 16, dropout=0.0)
    assert not np.allclose(numpy(both_ways(embed(a)))[0, 0], numpy(both_ways(embed(b)))[0, 0])


def test_padding_does_not_change_the_real_positions() -> None:
    keras.utils.set_random_seed(2)
    embed = PositionalEmbedding(20, 10, 8)
    block = TransformerEncoder(8, 2, 16, dropout=0.0)
    short = np.array([[4, 5, 6]])
    padded = np.array([[4, 5, 6, 0, 0]])
    x_short, x_padded = embed(short), embed(padded)
    out_short = numpy(block(x_short, mask=embed.compute_mask(short)))
    out_padded = numpy(block(x_padded, mask=embed.compute_mask(padded)))
    np.testing.assert_allclose(out_short[0], out_padded[0, :3], atol=1e-5)


def test_get_config_round_trip() -> None:
    block = TransformerEncoder(16, 4, 32, dropout=0.2, causal=True, name="enc")
    clone = TransformerEncoder.from_config(block.get_config())
    assert clone.get_config() == block.get_config()
    assert (clone.key_dim, clone.causal, clone.dropout_rate) == (4, True, 0.2)
    embed = PositionalEmbedding(30, 12, 16, positions="sinusoidal")
    assert PositionalEmbedding.from_config(embed.get_config()).get_config() == embed.get_config()


def small_classifier() -> keras.Model:
    keras.utils.set_random_seed(3)
    inputs = keras.Input(shape=(12,), dtype="int32")
    x = PositionalEmbedding(40, 12, 16)(inputs)
    x = TransformerEncoder(16, 2, 32)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    outputs = keras.layers.Dense(3, activation="softmax")(x)
    return keras.Model(inputs, outputs)


def test_model_save_and_load_round_trip(tmp_path: Path) -> None:
    model = small_classifier()
    ids = np.random.default_rng(0).integers(0, 40, size=(4, 12))
    ids[:, 8:] = 0  # some padding
    path = tmp_path / "transformer.keras"
    model.save(path)
    loaded = keras.saving.load_model(path)  # registered: no custom_objects needed
    np.testing.assert_allclose(numpy(loaded.predict(ids, verbose=0)), model.predict(ids, verbose=0))
    assert isinstance(loaded.layers[2], TransformerEncoder)


def test_attention_scores_of_a_trained_model() -> None:
    """Call the model's own layers eagerly: the weights a trained model uses, padding ignored."""
    model = small_classifier()
    embed, block = model.layers[1], model.layers[2]
    ids = np.array([[5, 6, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0]])
    _, scores = block(embed(ids), mask=embed.compute_mask(ids), return_attention_scores=True)
    w = numpy(scores)
    assert w.shape == (1, 2, 12, 12)
    assert np.all(w[0, :, :, 3:] < 1e-6)  # nobody attends to padding
    np.testing.assert_allclose(w[0, :, :3].sum(-1), 1.0, atol=1e-5)  # real queries
    assert np.all(w[0, :, 3:] == 0.0)  # padded queries attend to nothing


def test_functional_model_with_attention_output() -> None:
    """One graph, two outputs: the prediction and the attention weights behind it."""
    inputs = keras.Input(shape=(6,), dtype="int32")
    x, scores = TransformerEncoder(8, 2, 16)(
        PositionalEmbedding(10, 6, 8)(inputs), return_attention_scores=True
    )
    probs = keras.layers.Dense(2, activation="softmax")(keras.layers.GlobalAveragePooling1D()(x))
    both = keras.Model(inputs, [probs, scores])
    p, w = both(np.array([[1, 2, 3, 4, 0, 0]]))
    assert numpy(p).shape == (1, 2) and numpy(w).shape == (1, 2, 6, 6)


def test_a_small_encoder_learns_an_order_dependent_task() -> None:
    """Label: does token 1 come before token 2? Bag-of-words cannot tell; positions can."""
    rng = np.random.default_rng(0)
    n, length = 1024, 8
    ids = rng.integers(3, 10, size=(n, length))
    for row in ids:
        i, j = rng.choice(length, size=2, replace=False)
        row[i], row[j] = 1, 2
    labels = (np.argmax(ids == 1, axis=1) < np.argmax(ids == 2, axis=1)).astype("int32")
    keras.utils.set_random_seed(0)
    inputs = keras.Input(shape=(length,), dtype="int32")
    x = PositionalEmbedding(10, length, 16)(inputs)
    x = TransformerEncoder(16, 2, 32, dropout=0.0)(x)
    x = keras.layers.GlobalAveragePooling1D()(x)
    model = keras.Model(inputs, keras.layers.Dense(2, activation="softmax")(x))
    model.compile(
        optimizer=keras.optimizers.Adam(3e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    model.fit(ids[:768], labels[:768], epochs=15, batch_size=32, verbose=0)
    assert model.evaluate(ids[768:], labels[768:], verbose=0)[1] > 0.9


def test_dtype_float32_pins_every_sub_layer_under_a_mixed_policy() -> None:
    """Chapter 04 pins its exact-match demos with dtype="float32"; the sub-layers must follow."""
    previous = keras.config.dtype_policy()
    keras.config.set_dtype_policy("mixed_float16")
    try:
        embed = PositionalEmbedding(10, 6, 8, dtype="float32")
        block = TransformerEncoder(8, 2, 16, dtype="float32")
        out = block(embed(np.array([[1, 2, 3, 0, 0, 0]])))
        unpinned = TransformerEncoder(8, 2, 16)
    finally:
        keras.config.set_dtype_policy(previous)
    assert keras.backend.standardize_dtype(out.dtype) == "float32"
    subs = [embed.token_embedding, embed.position_embedding, block.attention, block.dense_ff]
    subs += [block.dense_out, block.norm_attention, block.norm_ff]
    assert {layer.compute_dtype for layer in subs} == {"float32"}
    assert unpinned.attention.compute_dtype == "float16"  # no pin: the global policy
