"""Transformer building blocks: attention, positional information, an encoder block.

Introduced in chapter 04. Everything is written with ``keras.ops`` and ``keras.layers``, so it
runs on any Keras 3 backend; the two layers are registered for saving
(``model.save("model.keras")`` / ``keras.saving.load_model`` need no ``custom_objects``).

* :func:`scaled_dot_product_attention` - ``softmax(Q K^T / sqrt(d)) V``, with its weights;
* :func:`causal_mask` - the lower-triangular "no peeking at the future" mask;
* :func:`positional_encoding` - the sinusoidal position table of "Attention Is All You Need";
* :class:`PositionalEmbedding` - token embedding + position (learned or sinusoidal);
* :class:`TransformerEncoder` - attention, Add & Norm, feed-forward, Add & Norm, with dropout;
  ``causal=True`` turns it into a GPT-style (decoder-only) block.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
from keras import ops

from course_utils._checks import check_array, check_int, check_number

POSITION_KINDS = ("learned", "sinusoidal")


def _positive_int(value: Any, name: str) -> int:
    try:
        return int(check_int(value, name, min_value=1))
    except ValueError as err:
        raise type(err)(f"{name} must be a positive integer, got {value!r}") from None


def _rate(value: Any, name: str) -> float:
    try:
        return float(check_number(value, name, min_value=0, max_value=1, max_inclusive=False))
    except ValueError as err:
        raise type(err)(f"{name} must be a number in [0, 1), got {value!r}") from None


def scaled_dot_product_attention(
    query: Any, key: Any, value: Any, mask: Any = None
) -> tuple[Any, Any]:
    """Attention as a soft dictionary look-up: ``softmax(Q K^T / sqrt(d_k)) V``.

    Chapter 04. ``query`` has shape ``(..., T, d_k)``, ``key`` ``(..., S, d_k)`` and ``value``
    ``(..., S, d_v)`` (any leading batch/head axes, the same for all three). ``mask`` is
    optional, boolean, broadcastable to ``(..., T, S)``: ``True`` where query ``t`` may look at
    key ``s``. Returns ``(output, weights)``: ``output`` ``(..., T, d_v)`` and the attention
    ``weights`` ``(..., T, S)``, each row a probability distribution over the keys.

    A query whose mask row forbids *every* key attends to nothing: its weights are all 0 and
    its output is 0 (as in Keras' ``MultiHeadAttention`` for padded queries), not an even
    spread over the forbidden keys. NumPy arrays and nested lists are accepted (float arrays
    keep their dtype, lists and integers become float32; mixed dtypes meet at the wider one);
    the leading batch/head axes of ``query``, ``key`` and ``value`` must match.

    >>> x = np.eye(3, dtype="float32")[None]  # one sequence of three orthogonal tokens
    >>> out, w = scaled_dot_product_attention(x, x, x)
    >>> [round(float(v), 3) for v in ops.convert_to_numpy(w)[0, 0]]
    [0.471, 0.264, 0.264]
    """
    query, key, value = (_as_float_tensor(t, n) for t, n in ((query, "query"), (key, "key"),
                                                              (value, "value")))  # fmt: skip
    common = keras.backend.result_type(query.dtype, key.dtype, value.dtype)
    query, key, value = (ops.cast(t, common) for t in (query, key, value))
    q_shape, k_shape, v_shape = tuple(query.shape), tuple(key.shape), tuple(value.shape)
    if min(len(q_shape), len(k_shape), len(v_shape)) < 2:
        raise ValueError(
            "query, key and value need at least 2 axes (..., length, depth); got shapes "
            f"{q_shape}, {k_shape} and {v_shape}"
        )
    if q_shape[-1] is not None and k_shape[-1] is not None and q_shape[-1] != k_shape[-1]:
        raise ValueError(
            f"query and key must have the same depth (last axis) to be compared, got "
            f"{q_shape[-1]} and {k_shape[-1]}"
        )
    if k_shape[-2] is not None and v_shape[-2] is not None and k_shape[-2] != v_shape[-2]:
        raise ValueError(
            f"key and value must have the same length (one value per key), got {k_shape[-2]} "
            f"and {v_shape[-2]}"
        )
    lead = [q_shape[:-2], k_shape[:-2], v_shape[:-2]]
    if not _same_known_axes(*lead):
        raise ValueError(
            "query, key and value must have the same leading (batch/head) axes; got shapes "
            f"{q_shape}, {k_shape} and {v_shape}"
        )
    if min(q_shape[-2:] + k_shape[-2:] + v_shape[-1:], key=lambda n: 1 if n is None else n) < 1:
        raise ValueError(
            f"query, key and value must not be empty; got shapes {q_shape}, {k_shape}, {v_shape}"
        )
    depth = ops.cast(ops.shape(key)[-1], query.dtype)
    scores = ops.matmul(query, ops.swapaxes(key, -1, -2)) / ops.sqrt(depth)  # (..., T, S)
    if mask is None:
        weights = ops.softmax(scores, axis=-1)
        return ops.matmul(weights, value), weights
    mask = ops.convert_to_tensor(mask)
    scores_shape = (*q_shape[:-1], k_shape[-2])
    try:
        np.broadcast_shapes(
            tuple(1 if n is None else n for n in mask.shape),
            tuple(1 if n is None else n for n in scores_shape),
        )
    except ValueError:
        raise ValueError(
            f"mask of shape {tuple(mask.shape)} does not broadcast to the attention scores "
            f"(..., T, S) = {scores_shape}: one row per query, one column per key"
        ) from None
    mask = ops.cast(mask, "bool")
    # A very negative score becomes a weight of exactly 0 after the softmax.
    scores = ops.where(mask, scores, ops.full_like(scores, -1e9))
    weights = ops.softmax(scores, axis=-1)
    # A query that may look at no key at all gets weights 0 (the softmax alone would spread
    # its weight evenly over the forbidden keys).
    any_key = ops.any(ops.broadcast_to(mask, ops.shape(scores)), axis=-1, keepdims=True)
    weights = ops.where(any_key, weights, ops.zeros_like(weights))
    return ops.matmul(weights, value), weights


def _as_float_tensor(x: Any, name: str) -> Any:
    """Float tensors and float NumPy arrays as they are; lists and integers as float32."""
    if hasattr(x, "shape") and hasattr(x, "dtype") and not isinstance(x, np.ndarray):
        if "float" in str(x.dtype):
            return x
        return ops.cast(x, "float32")
    array = check_array(x, name)
    keep = isinstance(x, np.ndarray) and array.dtype.kind == "f"
    return ops.convert_to_tensor(array if keep else array.astype("float32"))


def _same_known_axes(*shapes: tuple[int | None, ...]) -> bool:
    if len({len(s) for s in shapes}) > 1:
        return False
    for sizes in zip(*shapes, strict=True):
        known = {n for n in sizes if n is not None}
        if len(known) > 1:
            return False
    return True


def causal_mask(length: int) -> np.ndarray:
    """Boolean ``(length, length)`` mask, ``True`` on and below the diagonal.

    Chapter 04. Row ``t`` says which positions query ``t`` may attend to: itself and the past.
    Pass it as ``mask`` to :func:`scaled_dot_product_attention`; Keras' ``MultiHeadAttention``
    builds the same one with ``use_causal_mask=True``.

    >>> causal_mask(3).astype(int).tolist()
    [[1, 0, 0], [1, 1, 0], [1, 1, 1]]
    """
    n = _positive_int(length, "length")
    return np.tril(np.ones((n, n), dtype=bool))


def positional_encoding(length: int, depth: int) -> np.ndarray:
    """The sinusoidal position table of Vaswani et al. (2017), shape ``(length, depth)``.

    Chapter 04. ``PE[pos, 2i] = sin(pos / 10000**(2i/depth))`` and
    ``PE[pos, 2i+1] = cos(pos / 10000**(2i/depth))``: every pair of columns is a clock hand
    turning at its own speed, fast in the first columns and slow in the last ones, so every
    position gets a distinct pattern and nearby positions get similar ones. float32, values in
    ``[-1, 1]``; ``depth`` must be even.

    >>> pe = positional_encoding(50, 16)
    >>> pe.shape, float(pe[0, 0]), float(pe[0, 1])
    ((50, 16), 0.0, 1.0)
    """
    n = _positive_int(length, "length")
    d = _positive_int(depth, "depth")
    if d % 2:
        raise ValueError(f"depth must be even (sin and cos columns come in pairs), got {depth}")
    positions = np.arange(n, dtype=np.float64)[:, None]
    rates = 1.0 / 10000.0 ** (np.arange(0, d, 2, dtype=np.float64) / d)  # (d/2,)
    angles = positions * rates[None, :]
    table = np.empty((n, d), dtype=np.float64)
    table[:, 0::2] = np.sin(angles)
    table[:, 1::2] = np.cos(angles)
    return table.astype("float32")


@keras.saving.register_keras_serializable(package="course_utils")
class PositionalEmbedding(keras.layers.Layer):
    """Token embedding plus position information, the input layer of a Transformer.

    Chapter 04. Maps token ids ``(batch, length)`` to vectors ``(batch, length, embed_dim)``:
    ``token_embedding[id] + position[t]``. ``positions="learned"`` (BERT, GPT) learns one
    vector per position up to ``max_length``; ``"sinusoidal"`` adds the fixed
    :func:`positional_encoding` table (no weights). Id 0 is padding: the layer passes on a mask
    (``mask_zero=True``) that the encoder uses to ignore padded positions. Ids must be integers
    (float ids are rejected, not truncated) and, when the values are known (eager calls), lie
    in ``0 .. vocab_size - 1``. Nested lists of ids are accepted like an array.

    >>> layer = PositionalEmbedding(vocab_size=100, max_length=20, embed_dim=8)
    >>> tuple(layer(np.array([[5, 7, 0]])).shape)
    (1, 3, 8)
    """

    def __init__(
        self,
        vocab_size: int,
        max_length: int,
        embed_dim: int,
        positions: str = "learned",
        mask_zero: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.vocab_size = _positive_int(vocab_size, "vocab_size")
        self.max_length = _positive_int(max_length, "max_length")
        self.embed_dim = _positive_int(embed_dim, "embed_dim")
        if positions not in POSITION_KINDS:
            raise ValueError(
                f"positions must be one of {', '.join(map(repr, POSITION_KINDS))}, "
                f"got {positions!r}"
            )
        if positions == "sinusoidal" and self.embed_dim % 2:
            raise ValueError(f"sinusoidal positions need an even embed_dim, got {embed_dim}")
        self.positions = positions
        self.mask_zero = bool(mask_zero)
        # Sub-layers share this layer's dtype policy: PositionalEmbedding(dtype="float32")
        # stays float32 under a global mixed policy (chapter 04 pins its exact-match demos).
        self.token_embedding = keras.layers.Embedding(
            self.vocab_size,
            self.embed_dim,
            mask_zero=self.mask_zero,
            name="token_embedding",
            dtype=self.dtype_policy,
        )
        self.position_embedding = (
            keras.layers.Embedding(
                self.max_length, self.embed_dim, name="position_embedding", dtype=self.dtype_policy
            )
            if positions == "learned"
            else None
        )
        self._table = (
            positional_encoding(self.max_length, self.embed_dim)
            if positions == "sinusoidal"
            else None
        )
        self.supports_masking = self.mask_zero

    def _check_length(self, length: int | None) -> None:
        if length is not None and length > self.max_length:
            raise ValueError(
                f"got sequences of length {length}, but this PositionalEmbedding knows positions "
                f"up to max_length={self.max_length}; pad/cut the inputs or raise max_length"
            )

    def __call__(self, inputs: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(inputs, list | tuple):  # nested lists of ids, as a student may type them
            inputs = np.asarray(inputs)
        return super().__call__(inputs, *args, **kwargs)

    def _check_ids(self, inputs: Any) -> None:
        dtype = keras.backend.standardize_dtype(inputs.dtype)
        if "int" not in dtype:
            raise TypeError(
                f"PositionalEmbedding expects integer token ids, got dtype {dtype}: an "
                "Embedding would silently cut 1.7 to id 1. Cast the ids, ids.astype('int64'), "
                "and start the model with keras.Input(shape=(length,), dtype='int64')."
            )
        try:  # concrete values (eager calls): check the ids; symbolic tensors have none yet
            values = ops.convert_to_numpy(inputs)
        except Exception:  # noqa: BLE001 - a KerasTensor or a traced tensor
            return
        if values.size and (values.min() < 0 or values.max() >= self.vocab_size):
            bad = values[(values < 0) | (values >= self.vocab_size)]
            raise ValueError(
                f"token id {int(bad[0])} is outside the vocabulary: this PositionalEmbedding "
                f"accepts ids 0 to {self.vocab_size - 1} (vocab_size={self.vocab_size}); raise "
                "vocab_size or map unknown words to an out-of-vocabulary id"
            )

    def build(self, input_shape: tuple[int | None, ...]) -> None:
        if len(input_shape) != 2:
            raise ValueError(
                "PositionalEmbedding expects token ids of shape (batch, length), got shape "
                f"{tuple(input_shape)}"
            )
        self._check_length(input_shape[-1])
        self.token_embedding.build(input_shape)
        if self.position_embedding is not None:
            self.position_embedding.build((None,))
        self.built = True

    def call(self, inputs: Any) -> Any:
        if not hasattr(inputs, "dtype"):
            inputs = ops.convert_to_tensor(np.asarray(inputs))
        self._check_ids(inputs)
        self._check_length(inputs.shape[-1])
        length = ops.shape(inputs)[-1]
        x = self.token_embedding(inputs)
        if self.position_embedding is not None:
            pos = self.position_embedding(ops.arange(length))  # (length, embed_dim)
        else:
            pos = ops.convert_to_tensor(self._table, dtype=x.dtype)[:length]
        return x + ops.cast(pos, x.dtype)[None, :, :]

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        if not self.mask_zero:
            return None
        return ops.not_equal(inputs, 0)

    def compute_output_shape(self, input_shape: tuple[int | None, ...]) -> tuple[int | None, ...]:
        return (*tuple(input_shape), self.embed_dim)

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        config.update(
            vocab_size=self.vocab_size,
            max_length=self.max_length,
            embed_dim=self.embed_dim,
            positions=self.positions,
            mask_zero=self.mask_zero,
        )
        return config


@keras.saving.register_keras_serializable(package="course_utils")
class TransformerEncoder(keras.layers.Layer):
    """One Transformer encoder block (post-norm, as in the original paper).

    Chapter 04. ``x -> LayerNorm(x + Dropout(MultiHeadAttention(x, x)))`` then
    ``-> LayerNorm(x + Dropout(Dense(embed_dim)(Dense(ff_dim, relu)(x))))``. Input and output
    have shape ``(batch, length, embed_dim)``. The ``embed_dim`` numbers of each position are
    split across ``num_heads`` heads of ``key_dim = embed_dim // num_heads`` numbers each, so
    more heads cost no extra parameters.

    * ``mask`` (``(batch, length)``, ``True`` = real token) comes automatically from an
      ``Embedding(mask_zero=True)`` or :class:`PositionalEmbedding`: padded positions are never
      attended to (and, as in Keras' own layer, padded queries attend to nothing: their rows of
      attention weights are 0); the mask is passed on to the next layer (e.g.
      ``GlobalAveragePooling1D``, which then averages the real positions only).
    * ``causal=True`` adds the causal mask: position ``t`` sees only positions ``<= t``. That
      is the block of a decoder-only model such as GPT; ``causal=False`` (BERT) sees both ways.
    * ``call(..., return_attention_scores=True)`` returns ``(outputs, scores)`` with scores of
      shape ``(batch, num_heads, length, length)``, for attention maps. Call the trained layers
      on a batch to get them (a layer reused in a *second* functional graph with another output
      structure is not supported by Keras), or build the model with both outputs from the start.

    >>> block = TransformerEncoder(embed_dim=32, num_heads=4, ff_dim=64)
    >>> tuple(block(np.zeros((2, 10, 32), dtype="float32")).shape)
    (2, 10, 32)
    """

    def __init__(
        self,
        embed_dim: int,
        num_heads: int,
        ff_dim: int,
        dropout: float = 0.1,
        causal: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.embed_dim = _positive_int(embed_dim, "embed_dim")
        self.num_heads = _positive_int(num_heads, "num_heads")
        self.ff_dim = _positive_int(ff_dim, "ff_dim")
        self.dropout_rate = _rate(dropout, "dropout")
        if self.embed_dim % self.num_heads:
            raise ValueError(
                f"embed_dim ({embed_dim}) must be divisible by num_heads ({num_heads}): each head "
                f"gets key_dim = embed_dim // num_heads numbers. Divisors of {embed_dim}: "
                + ", ".join(str(h) for h in range(1, self.embed_dim + 1) if self.embed_dim % h == 0)
            )
        self.causal = bool(causal)
        self.key_dim = self.embed_dim // self.num_heads
        # Sub-layers share this layer's dtype policy, so TransformerEncoder(dtype="float32")
        # is float32 throughout even under a global mixed policy (chapter 04).
        policy = self.dtype_policy
        self.attention = keras.layers.MultiHeadAttention(
            num_heads=self.num_heads, key_dim=self.key_dim, name="attention", dtype=policy
        )
        self.dense_ff = keras.layers.Dense(
            self.ff_dim, activation="relu", name="ff_hidden", dtype=policy
        )
        self.dense_out = keras.layers.Dense(self.embed_dim, name="ff_output", dtype=policy)
        self.norm_attention = keras.layers.LayerNormalization(
            epsilon=1e-6, name="norm_attention", dtype=policy
        )
        self.norm_ff = keras.layers.LayerNormalization(epsilon=1e-6, name="norm_ff", dtype=policy)
        self.dropout_attention = keras.layers.Dropout(self.dropout_rate, dtype=policy)
        self.dropout_ff = keras.layers.Dropout(self.dropout_rate, dtype=policy)
        self.supports_masking = True

    def build(self, input_shape: tuple[int | None, ...]) -> None:
        if len(input_shape) != 3 or input_shape[-1] != self.embed_dim:
            raise ValueError(
                f"TransformerEncoder(embed_dim={self.embed_dim}) expects inputs of shape "
                f"(batch, length, {self.embed_dim}), got {tuple(input_shape)}"
            )
        self.attention.build(input_shape, input_shape)
        self.norm_attention.build(input_shape)
        self.dense_ff.build(input_shape)
        self.dense_out.build((*input_shape[:-1], self.ff_dim))
        self.norm_ff.build(input_shape)
        self.built = True

    def call(
        self,
        inputs: Any,
        training: bool | None = None,
        mask: Any = None,
        return_attention_scores: bool = False,
    ) -> Any:
        attention_mask = None
        if mask is not None:  # (batch, length) -> (batch, length, length), as Keras does it:
            mask = ops.cast(mask, "bool")  # real queries attend to real keys only
            attention_mask = ops.logical_and(mask[:, :, None], mask[:, None, :])
        attended = self.attention(
            inputs,
            inputs,
            attention_mask=attention_mask,
            use_causal_mask=self.causal,
            return_attention_scores=return_attention_scores,
            training=training,
        )
        if return_attention_scores:
            attended, scores = attended
        x = self.norm_attention(inputs + self.dropout_attention(attended, training=training))
        ff = self.dense_out(self.dense_ff(x))
        outputs = self.norm_ff(x + self.dropout_ff(ff, training=training))
        if return_attention_scores:
            return outputs, scores
        return outputs

    def compute_mask(self, inputs: Any, mask: Any = None) -> Any:
        return mask

    def get_config(self) -> dict[str, Any]:
        config = super().get_config()
        config.update(
            embed_dim=self.embed_dim,
            num_heads=self.num_heads,
            ff_dim=self.ff_dim,
            dropout=self.dropout_rate,
            causal=self.causal,
        )
        return config
