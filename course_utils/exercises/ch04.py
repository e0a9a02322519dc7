"""Self-checking exercises of chapter 04 (Transformers).

See :mod:`course_utils.exercises` for how checks work.

* ``q1`` - a causal mask, as a function of the length;
* ``q2`` - the parameter count of ``MultiHeadAttention`` with ``key_dim = embed_dim // num_heads``;
* ``q3`` - attention weights ``softmax(Q K^T / sqrt(d_k))``, checked on probe queries and keys;
* ``q4`` - the sinusoidal position table, checked against :func:`positional_encoding`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import Exercise, Mistake, Wrong, expect_close
from course_utils.transformer import causal_mask, positional_encoding


def _not_callable(answer: Any, example: str) -> Wrong | None:
    if callable(answer):
        return None
    return Wrong(
        f"pass your function itself (e.g. {example}), not {type(answer).__name__}.",
        f"apna function hi pass karo (jaise {example}), {type(answer).__name__} nahi.",
    )


# ----------------------------------------------------------------------------------------------
# q1: the causal mask


def _check_causal_mask(answer: Any) -> Wrong | None:
    wrong = _not_callable(answer, "my_causal_mask")
    if wrong is not None:
        return wrong
    fn: Callable[[int], Any] = answer
    for length in (1, 4, 7):
        expected = causal_mask(length)
        got = np.asarray(fn(length))
        if got.shape != expected.shape:
            return Wrong(
                f"for length {length} your mask has shape {got.shape}; expected "
                f"{expected.shape} (one row per query, one column per key).",
                f"length {length} pe tumhare mask ki shape {got.shape} hai; chahiye "
                f"{expected.shape} (har query ki ek row, har key ka ek column).",
            )
        got = got.astype(bool)
        if np.array_equal(got, expected):
            continue
        if np.array_equal(got, expected.T):
            return Wrong(
                f"for length {length} your mask lets position 0 see every later position: it is "
                "the transpose. Row t (the query) may look at columns 0..t (the past and itself).",
                f"length {length} pe tumhara mask position 0 ko saari aage ki positions dikha "
                "raha hai: yeh transpose hai. Row t (query) sirf columns 0..t dekh sakti hai.",
            )
        if np.array_equal(got, np.tril(np.ones_like(expected), k=-1)):
            return Wrong(
                f"for length {length} your mask hides the diagonal: a position may attend to "
                "itself (and position 0 would have nothing to look at).",
                f"length {length} pe tumhara mask diagonal chhupa raha hai: position khud ko "
                "dekh sakti hai (warna position 0 ke paas dekhne ko kuch nahi bachega).",
            )
        return Wrong(
            f"for length {length} your mask differs from the causal mask in "
            f"{int((got != expected).sum())} places.",
            f"length {length} pe tumhara mask causal mask se {int((got != expected).sum())} "
            "jagah alag hai.",
        )
    return None


def _transposed_mask(length: int) -> np.ndarray:
    return np.triu(np.ones((length, length), dtype=bool))


def _strict_mask(length: int) -> np.ndarray:
    return np.tril(np.ones((length, length), dtype=bool), k=-1)


q1 = Exercise(
    name="04 · q1 (the causal mask)",
    checker=_check_causal_mask,
    hint_text=(
        "Row t is the query at position t; it may look at keys 0, 1, ..., t. "
        "NumPy's np.tril keeps the lower triangle, diagonal included.",
        "Row t position t ki query hai; woh keys 0, 1, ..., t dekh sakti hai. NumPy ka np.tril "
        "lower triangle rakhta hai, diagonal ke saath.",
    ),
    solution_text=(
        "```python\n"
        "def my_causal_mask(length):\n"
        "    return np.tril(np.ones((length, length), dtype=bool))\n"
        "```",
        "np.tril se lower triangle (diagonal ke saath) True, upar sab False: koi position aage "
        "nahi dekh sakti.",
    ),
    reference=lambda: causal_mask,
    mistakes=(
        Mistake("it is the transpose", answer=_transposed_mask),
        Mistake("hides the diagonal", answer=_strict_mask),
        Mistake("pass your function itself", answer=causal_mask(4)),
    ),
)

# ----------------------------------------------------------------------------------------------
# q2: parameters of MultiHeadAttention

#: Exercise 2's layer: MultiHeadAttention(num_heads=Q2_HEADS, key_dim=Q2_EMBED // Q2_HEADS) on
#: tokens of width Q2_EMBED (self-attention).
Q2_EMBED, Q2_HEADS = 64, 8


def _mha_params(embed: int, heads: int, key_dim: int, bias: bool = True) -> int:
    qkv = 3 * (embed * heads * key_dim + (heads * key_dim if bias else 0))
    out = heads * key_dim * embed + (embed if bias else 0)
    return qkv + out


def _check_mha_params(answer: Any) -> Wrong | None:
    if isinstance(answer, bool) or not isinstance(answer, (int, np.integer, float)):
        return Wrong(
            f"give the count as a number, not {type(answer).__name__}.",
            f"count ek number ke roop mein do, {type(answer).__name__} nahi.",
        )
    e, h = Q2_EMBED, Q2_HEADS
    expected = _mha_params(e, h, e // h)
    if answer == expected:
        return None
    if answer == _mha_params(e, h, e):
        return Wrong(
            f"{answer} is the count with key_dim = embed_dim = {e}: every head full width. "
            f"The exercise uses key_dim = {e} // {h} = {e // h}.",
            f"{answer} tab aata hai jab key_dim = embed_dim = {e} ho: har head poori width ka. "
            f"Exercise mein key_dim = {e} // {h} = {e // h} hai.",
        )
    if answer == _mha_params(e, h, e // h, bias=False):
        return Wrong(
            f"{answer} leaves out the biases: each of the four projections has one.",
            f"{answer} mein biases nahi gine: chaaron projections ka apna bias hai.",
        )
    if answer == 3 * (e * e + e):
        return Wrong(
            f"{answer} counts the query, key and value projections but not the output "
            "projection that brings the heads back to embed_dim.",
            f"{answer} mein query, key, value projections hain, lekin output projection nahi jo "
            "heads ko wapas embed_dim pe laata hai.",
        )
    return Wrong(
        f"{answer} is not the count. Four projections (query, key, value, output), each "
        "embed_dim × (num_heads · key_dim) weights plus biases.",
        f"{answer} sahi count nahi. Chaar projections (query, key, value, output), har ek mein "
        "embed_dim × (num_heads · key_dim) weights aur biases.",
    )


q2 = Exercise(
    name="04 · q2 (parameters of multi-head attention)",
    checker=_check_mha_params,
    hint_text=(
        "Section 2's table: with key_dim = embed_dim // num_heads the heads share the width, so "
        "the count is that of four embed_dim × embed_dim projections with biases. Check with "
        "layer.build((None, 10, 64), (None, 10, 64)) and count_params().",
        "Section 2 ki table dekho: key_dim = embed_dim // num_heads pe heads width baant lete "
        "hain, toh count chaar embed_dim × embed_dim projections (bias ke saath) jitna hai.",
    ),
    solution_text=(
        "`4 × (64·64 + 64) = 16640`: query, key and value kernels are (64, 8, 8) with biases "
        "(8, 8); the output kernel is (8, 8, 64) with a bias of 64.",
        "Query, key, value: har ek 64·8·8 weights + 8·8 bias; output: 8·8·64 + 64. "
        "Total 16640, heads kitne bhi hon.",
    ),
    reference=lambda: _mha_params(Q2_EMBED, Q2_HEADS, Q2_EMBED // Q2_HEADS),
    mistakes=(
        Mistake("every head full width", answer=_mha_params(64, 8, 64)),
        Mistake("leaves out the biases", answer=4 * 64 * 64),
        Mistake("not the output projection", answer=3 * (64 * 64 + 64)),
        Mistake("give the count as a number", answer=None),
    ),
)

# ----------------------------------------------------------------------------------------------
# q3: attention weights


def _softmax(z: np.ndarray, axis: int = -1) -> np.ndarray:
    z = z - z.max(axis=axis, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=axis, keepdims=True)


def _reference_weights(query: Any, key: Any) -> np.ndarray:
    q, k = np.asarray(query, dtype=float), np.asarray(key, dtype=float)
    return _softmax(q @ k.T / np.sqrt(q.shape[-1]))


def _weights_unscaled(query: Any, key: Any) -> np.ndarray:
    return _softmax(np.asarray(query, dtype=float) @ np.asarray(key, dtype=float).T)


def _weights_over_queries(query: Any, key: Any) -> np.ndarray:
    q, k = np.asarray(query, dtype=float), np.asarray(key, dtype=float)
    return _softmax(q @ k.T / np.sqrt(q.shape[-1]), axis=0)


def _weights_divided_by_d(query: Any, key: Any) -> np.ndarray:
    q, k = np.asarray(query, dtype=float), np.asarray(key, dtype=float)
    return _softmax(q @ k.T / q.shape[-1])


def _attention_probes() -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(4)
    return [(rng.normal(size=(3, 16)), rng.normal(size=(5, 16))), (np.eye(2, 4), np.eye(4))]


def _check_attention_weights(answer: Any) -> Wrong | None:
    wrong = _not_callable(answer, "my_weights")
    if wrong is not None:
        return wrong
    for query, key in _attention_probes():
        expected = _reference_weights(query, key)
        got = answer(query, key)
        wrong = expect_close(
            got,
            expected,
            what=f"your weights for {query.shape[0]} queries and {key.shape[0]} keys of width "
            f"{query.shape[1]}",
            what_hi=f"{query.shape[0]} queries aur {key.shape[0]} keys (width {query.shape[1]}) "
            "pe tumhare weights",
            atol=1e-6,
        )
        if wrong is None:
            continue
        got_array = np.asarray(got, dtype=float)
        if got_array.shape == expected.shape:
            if np.allclose(got_array, _weights_unscaled(query, key), atol=1e-6):
                return Wrong(
                    f"{wrong.en} Divide the scores by sqrt(d_k) before the softmax.",
                    f"{wrong.hi} Softmax se pehle scores ko sqrt(d_k) se divide karo.",
                )
            if np.allclose(got_array, _weights_divided_by_d(query, key), atol=1e-6):
                return Wrong(
                    f"{wrong.en} The scale is sqrt(d_k), not d_k.",
                    f"{wrong.hi} Scale sqrt(d_k) hai, d_k nahi.",
                )
            if np.allclose(got_array, _weights_over_queries(query, key), atol=1e-6):
                return Wrong(
                    f"{wrong.en} Each ROW (one query) must sum to 1: take the softmax over the "
                    "keys, the last axis.",
                    f"{wrong.hi} Har ROW (ek query) ka total 1 hona chahiye: softmax keys pe "
                    "lo, yaani last axis pe.",
                )
        return wrong
    return None


q3 = Exercise(
    name="04 · q3 (attention weights)",
    checker=_check_attention_weights,
    hint_text=(
        "Scores: query @ key.T, shape (queries, keys). Scale them by 1 / sqrt(d_k), where d_k "
        "is the width of a query, then take a softmax along each row.",
        "Scores: query @ key.T, shape (queries, keys). Unhe 1 / sqrt(d_k) se scale karo (d_k = "
        "query ki width), phir har row pe softmax lo.",
    ),
    solution_text=(
        "```python\n"
        "def my_weights(query, key):\n"
        "    scores = query @ key.T / np.sqrt(query.shape[-1])\n"
        "    scores = scores - scores.max(axis=-1, keepdims=True)  # for numerical safety\n"
        "    e = np.exp(scores)\n"
        "    return e / e.sum(axis=-1, keepdims=True)\n"
        "```",
        "Dot products, sqrt(d_k) se scale, phir har row pe softmax; max subtract karne se "
        "exp overflow nahi hota, result wahi rehta hai.",
    ),
    reference=lambda: _reference_weights,
    mistakes=(
        Mistake("Divide the scores by sqrt(d_k)", answer=_weights_unscaled),
        Mistake("not d_k", answer=_weights_divided_by_d),
        Mistake("Each ROW (one query) must sum to 1", answer=_weights_over_queries),
        Mistake("pass your function itself", answer=np.ones((3, 5)) / 5),
    ),
)

# ----------------------------------------------------------------------------------------------
# q4: the sinusoidal position table


def _pe_swapped(length: int, depth: int) -> np.ndarray:
    table = positional_encoding(length, depth)
    return table[:, [i + 1 if i % 2 == 0 else i - 1 for i in range(depth)]]


def _pe_wrong_exponent(length: int, depth: int) -> np.ndarray:
    # Uses i instead of 2i in the exponent (a common slip): the clocks slow down too fast.
    pos = np.arange(length)[:, None]
    rates = 1.0 / 10000.0 ** (np.arange(depth // 2) / depth)
    table = np.empty((length, depth))
    table[:, 0::2] = np.sin(pos * rates)
    table[:, 1::2] = np.cos(pos * rates)
    return table


def _check_positional_encoding(answer: Any) -> Wrong | None:
    wrong = _not_callable(answer, "my_pe")
    if wrong is not None:
        return wrong
    for length, depth in ((10, 8), (50, 16)):
        expected = positional_encoding(length, depth)
        got = answer(length, depth)
        wrong = expect_close(
            got,
            expected,
            what=f"your table for {length} positions and depth {depth}",
            what_hi=f"{length} positions aur depth {depth} ke liye tumhari table",
            atol=1e-5,
        )
        if wrong is None:
            continue
        got_array = np.asarray(got, dtype=float)
        if got_array.shape == expected.shape:
            if np.allclose(got_array, _pe_swapped(length, depth), atol=1e-5):
                return Wrong(
                    f"{wrong.en} Even columns (0, 2, ...) hold the sine, odd columns the cosine: "
                    "row 0 is 0, 1, 0, 1, ...",
                    f"{wrong.hi} Even columns (0, 2, ...) mein sine, odd mein cosine: row 0 "
                    "0, 1, 0, 1, ... hoti hai.",
                )
            if np.allclose(got_array, _pe_wrong_exponent(length, depth), atol=1e-5):
                return Wrong(
                    f"{wrong.en} The exponent is 2i / d for the column pair i (0, 2, 4, ... "
                    "divided by d), not i / d.",
                    f"{wrong.hi} Column pair i ka exponent 2i / d hai (0, 2, 4, ... ko d se "
                    "divide), i / d nahi.",
                )
        return wrong
    return None


q4 = Exercise(
    name="04 · q4 (sinusoidal positions)",
    checker=_check_positional_encoding,
    hint_text=(
        "Angles: position × 1 / 10000**(2i / d) for i = 0 .. d/2 - 1, shape (length, d/2). "
        "Put sin(angles) into the even columns and cos(angles) into the odd ones.",
        "Angles: position × 1 / 10000**(2i / d), i = 0 .. d/2 - 1, shape (length, d/2). "
        "sin(angles) even columns mein, cos(angles) odd columns mein daalo.",
    ),
    solution_text=(
        "```python\n"
        "def my_pe(length, depth):\n"
        "    pos = np.arange(length)[:, None]\n"
        "    rates = 1 / 10000 ** (np.arange(0, depth, 2) / depth)\n"
        "    table = np.empty((length, depth))\n"
        "    table[:, 0::2] = np.sin(pos * rates)\n"
        "    table[:, 1::2] = np.cos(pos * rates)\n"
        "    return table\n"
        "```",
        "Har column pair ek ghadi ki sui hai: pehle pairs tez ghoomte hain, aakhri wale dheere. "
        "np.arange(0, depth, 2) se exponent 2i / d banta hai.",
    ),
    reference=lambda: positional_encoding,
    mistakes=(
        Mistake("Even columns (0, 2, ...) hold the sine", answer=_pe_swapped),
        Mistake("not i / d", answer=_pe_wrong_exponent),
        Mistake("pass your function itself", answer=positional_encoding(10, 8)),
    ),
)
