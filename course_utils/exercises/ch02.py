"""Self-checking exercises of chapter 02 (recurrent neural networks).

See :mod:`course_utils.exercises` for how checks work. All checks use NumPy only (no training).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import Exercise, Mistake, Wrong, expect_close

# ---------------------------------------------------------------- q1: parameters of a SimpleRNN

_UNITS, _FEATURES = 16, 8
_PARAMS = _UNITS * (_FEATURES + _UNITS + 1)  # W_x, W_h, b


def _check_param_count(answer: Any) -> Wrong | None:
    diagnoses = {
        _UNITS * (_FEATURES + _UNITS): (
            "you forgot the bias b (one number per unit)",
            "tum bias b bhool gaye (har unit ka ek number)",
        ),
        _UNITS * (_FEATURES + 1): (
            "you forgot the recurrent weights W_h (units x units): the state feeds back",
            "tum recurrent weights W_h (units x units) bhool gaye: state wapas loop mein jaata hai",
        ),
        _UNITS * _FEATURES: (
            "you counted only W_x; an RNN step also has W_h and b",
            "tumne sirf W_x gina; RNN step mein W_h aur b bhi hain",
        ),
    }
    try:
        value = float(answer)
    except (TypeError, ValueError):
        value = None
    if value is not None and value in diagnoses:
        en, hi = diagnoses[int(value)]
        return Wrong(f"{int(value)}: {en}.", f"{int(value)}: {hi}.")
    return expect_close(
        answer,
        _PARAMS,
        what=f"your parameter count for SimpleRNN({_UNITS}) on {_FEATURES} features",
        what_hi=f"{_FEATURES} features pe SimpleRNN({_UNITS}) ke tumhare parameters",
        atol=0.5,
        rtol=0,
    )


q1 = Exercise(
    name="02 · q1 (count the weights)",
    checker=_check_param_count,
    hint_text=(
        "Three weight arrays: W_x is (features, units), W_h is (units, units), b is (units,). "
        "Section 2 printed the same sum for 4 units on 3 features: 4 * (3 + 4 + 1).",
        "Teen weight arrays: W_x (features, units), W_h (units, units), b (units,). Section 2 "
        "ne 3 features pe 4 units ke liye yahi sum print kiya tha: 4 * (3 + 4 + 1).",
    ),
    solution_text=(
        "`16 * (8 + 16 + 1) = 400`. Check: "
        "`layer = keras.layers.SimpleRNN(16); layer.build((None, None, 8)); layer.count_params()`.",
        "`16 * (8 + 16 + 1) = 400`. Keras se check karo: layer ko `(None, None, 8)` pe build "
        "karo aur `count_params()` dekho.",
    ),
    reference=lambda: _PARAMS,
    mistakes=(
        Mistake("forgot the bias", answer=_UNITS * (_FEATURES + _UNITS)),
        Mistake("forgot the recurrent weights", answer=_UNITS * (_FEATURES + 1)),
        Mistake("not what we expect", answer=_UNITS * (_FEATURES + _UNITS + 2)),
    ),
)


# ---------------------------------------------------------------- q2: one RNN step


def _step_probe() -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(2)
    batch, features, units = 3, 4, 5
    x_t = rng.normal(size=(batch, features))
    h_prev = rng.normal(scale=0.5, size=(batch, units))
    W_x = rng.normal(scale=0.5, size=(features, units))
    W_h = rng.normal(scale=0.5, size=(units, units))
    b = rng.normal(scale=0.1, size=(units,))
    return x_t, h_prev, W_x, W_h, b


def _rnn_step_reference(x_t: Any, h_prev: Any, W_x: Any, W_h: Any, b: Any) -> np.ndarray:
    return np.tanh(x_t @ W_x + h_prev @ W_h + b)


def _rnn_step_no_tanh(x_t: Any, h_prev: Any, W_x: Any, W_h: Any, b: Any) -> np.ndarray:
    return x_t @ W_x + h_prev @ W_h + b


def _rnn_step_transposed(x_t: Any, h_prev: Any, W_x: Any, W_h: Any, b: Any) -> np.ndarray:
    return np.tanh(x_t @ W_x + h_prev @ W_h.T + b)


def _rnn_step_no_state(x_t: Any, h_prev: Any, W_x: Any, W_h: Any, b: Any) -> np.ndarray:
    return np.tanh(x_t @ W_x + b)


_STEP_DIAGNOSES: list[tuple[Callable[..., np.ndarray], str, str]] = [
    (_rnn_step_no_tanh, "the tanh is missing: h_t must stay between -1 and 1",
     "tanh missing hai: h_t ko -1 aur 1 ke beech rehna chahiye"),
    (_rnn_step_transposed, "W_h is used transposed: with row vectors it is h_prev @ W_h",
     "W_h transposed use hua: row vectors ke saath yeh h_prev @ W_h hai"),
    (_rnn_step_no_state, "h_prev does not enter your step: the previous state is the memory",
     "tumhare step mein h_prev aata hi nahi: pichhla state hi memory hai"),
]  # fmt: skip


def _check_rnn_step(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. my_rnn_step), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise my_rnn_step), {type(answer).__name__} nahi.",
        )
    probe = _step_probe()
    expected = _rnn_step_reference(*probe)
    got = np.asarray(answer(*(p.copy() for p in probe)), dtype=float)
    wrong = expect_close(
        got,
        expected,
        what="your h_t on a random batch (3 examples, 4 features, 5 units)",
        what_hi="random batch (3 examples, 4 features, 5 units) pe tumhara h_t",
    )
    if wrong is None:
        return None
    for variant, en, hi in _STEP_DIAGNOSES:
        if got.shape == expected.shape and np.allclose(got, variant(*probe), atol=1e-6):
            return Wrong(f"Not yet: {en}.", f"Abhi nahi: {hi}.")
    return wrong


q2 = Exercise(
    name="02 · q2 (one RNN step)",
    checker=_check_rnn_step,
    hint_text=(
        "Section 2's loop body: tanh of (input times W_x) plus (previous state times W_h) plus b. "
        "With a batch of row vectors, multiply on the right: `x_t @ W_x`.",
        "Section 2 ke loop ki ek line: (input × W_x) + (pichhla state × W_h) + b, aur uska tanh. "
        "Batch mein rows vectors hain, isliye right side se multiply karo: `x_t @ W_x`.",
    ),
    solution_text=(
        "```python\n"
        "def my_rnn_step(x_t, h_prev, W_x, W_h, b):\n"
        "    return np.tanh(x_t @ W_x + h_prev @ W_h + b)\n"
        "```",
        "Ek hi line: `np.tanh(x_t @ W_x + h_prev @ W_h + b)` — wahi jo section 2 ke loop mein "
        "har step pe chalta hai.",
    ),
    reference=lambda: _rnn_step_reference,
    mistakes=(
        Mistake("tanh is missing", answer=_rnn_step_no_tanh),
        Mistake("W_h is used transposed", answer=_rnn_step_transposed),
        Mistake("h_prev does not enter", answer=_rnn_step_no_state),
    ),
)


# ---------------------------------------------------------------- q3: cross-entropy by hand

_CE_LABELS = np.array([0, 2, 1, 2])
_CE_PROBS = np.array(
    [[0.7, 0.2, 0.1], [0.1, 0.3, 0.6], [0.25, 0.5, 0.25], [0.8, 0.1, 0.1]], dtype=float
)


def _ce_reference(y: Any, probs: Any) -> float:
    probs = np.asarray(probs, dtype=float)
    y = np.asarray(y)
    return float(-np.log(probs[np.arange(len(y)), y]).mean())


def _ce_sum(y: Any, probs: Any) -> float:
    return _ce_reference(y, probs) * len(np.asarray(y))


def _ce_log10(y: Any, probs: Any) -> float:
    return _ce_reference(y, probs) / np.log(10)


def _ce_all_classes(y: Any, probs: Any) -> float:
    return float(-np.log(np.asarray(probs, dtype=float)).sum(axis=1).mean())


def _ce_argmax(y: Any, probs: Any) -> float:
    probs = np.asarray(probs, dtype=float)
    return float(-np.log(probs.max(axis=1)).mean())


_CE_DIAGNOSES: list[tuple[Callable[..., float], str, str]] = [
    (_ce_sum, "that is the sum over the batch; Keras reports the mean",
     "yeh batch ka sum hai; Keras mean report karta hai"),
    (_ce_log10, "that uses log base 10; cross-entropy uses the natural log (np.log)",
     "yeh log base 10 hai; cross-entropy natural log (np.log) use karti hai"),
    (_ce_all_classes, "you took the log of every class; only the true class's probability counts",
     "tumne har class ka log liya; sirf sahi class ki probability count hoti hai"),
    (_ce_argmax, "you took the predicted class; the loss looks at the TRUE class y",
     "tumne predicted class li; loss SAHI class y ko dekhta hai"),
]  # fmt: skip


def _check_sparse_ce(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. my_sparse_ce), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise my_sparse_ce), {type(answer).__name__} nahi.",
        )
    expected = _ce_reference(_CE_LABELS, _CE_PROBS)
    got = answer(_CE_LABELS.copy(), _CE_PROBS.copy())
    wrong = expect_close(
        got,
        expected,
        what=f"your loss for labels {_CE_LABELS.tolist()}",
        what_hi=f"labels {_CE_LABELS.tolist()} pe tumhara loss",
    )
    if wrong is None:
        return None
    for variant, en, hi in _CE_DIAGNOSES:
        if np.ndim(got) == 0 and np.isclose(float(got), variant(_CE_LABELS, _CE_PROBS)):
            return Wrong(f"{wrong.en} Expected {expected:.4f}: {en}.",
                         f"{wrong.hi} Expected {expected:.4f}: {hi}.")  # fmt: skip
    return Wrong(f"{wrong.en} Expected {expected:.4f}.", f"{wrong.hi} Expected {expected:.4f}.")


q3 = Exercise(
    name="02 · q3 (cross-entropy by hand)",
    checker=_check_sparse_ce,
    hint_text=(
        "For each example pick the probability of its true class, `probs[np.arange(len(y)), y]`, "
        "take minus the natural log, and average over the batch.",
        "Har example ke liye uski sahi class ki probability lo, `probs[np.arange(len(y)), y]`, "
        "uska minus natural log lo, aur batch pe average karo.",
    ),
    solution_text=(
        "```python\n"
        "def my_sparse_ce(y, probs):\n"
        "    return float(-np.log(probs[np.arange(len(y)), y]).mean())\n"
        "```\n"
        "Compare: `keras.losses.SparseCategoricalCrossentropy()(y, probs)` gives the same.",
        "Upar wala code; `keras.losses.SparseCategoricalCrossentropy()(y, probs)` se compare "
        "karo, same number aayega.",
    ),
    reference=lambda: _ce_reference,
    mistakes=(
        Mistake("sum over the batch", answer=_ce_sum),
        Mistake("log base 10", answer=_ce_log10),
        Mistake("only the true class", answer=_ce_all_classes),
        Mistake("TRUE class", answer=_ce_argmax),
    ),
)


# ---------------------------------------------------------------- q4: clipping by global norm


def _clip_reference(grads: Any, clip_norm: float) -> list[np.ndarray]:
    grads = [np.asarray(g, dtype=float) for g in grads]
    norm = np.sqrt(sum((g**2).sum() for g in grads))
    scale = min(1.0, clip_norm / norm) if norm > 0 else 1.0
    return [g * scale for g in grads]


def _clip_per_tensor(grads: Any, clip_norm: float) -> list[np.ndarray]:
    out = []
    for g in grads:
        g = np.asarray(g, dtype=float)
        norm = np.sqrt((g**2).sum())
        out.append(g * min(1.0, clip_norm / norm) if norm > 0 else g)
    return out


def _clip_always_rescale(grads: Any, clip_norm: float) -> list[np.ndarray]:
    grads = [np.asarray(g, dtype=float) for g in grads]
    norm = np.sqrt(sum((g**2).sum() for g in grads))
    return [g * clip_norm / norm for g in grads]


def _clip_by_value(grads: Any, clip_norm: float) -> list[np.ndarray]:
    return [np.clip(np.asarray(g, dtype=float), -clip_norm, clip_norm) for g in grads]


_CLIP_PROBES = [
    ([np.array([3.0, 4.0]), np.array([[12.0]])], 1.0, "a large gradient (norm 13)"),
    ([np.array([0.03, 0.04]), np.array([[0.12]])], 1.0, "a small gradient (norm 0.13)"),
    ([np.array([0.6, -0.8]), np.array([[0.0, 0.5]])], 2.5, "a gradient just under the limit"),
]

_CLIP_DIAGNOSES: list[tuple[Callable[..., list[np.ndarray]], str, str]] = [
    (_clip_per_tensor, "each tensor was clipped separately (that is clipnorm); global_clipnorm "
     "uses one norm over all tensors, so their directions keep their proportions",
     "har tensor alag se clip hua (yeh clipnorm hai); global_clipnorm saare tensors ka ek hi "
     "norm leta hai, taaki unka aapas ka ratio bana rahe"),
    (_clip_always_rescale, "a small gradient was scaled *up*; clipping only ever shrinks",
     "chhote gradient ko *bada* kar diya; clipping sirf chhota karti hai"),
    (_clip_by_value, "each value was clipped on its own (that is clipvalue), which changes the "
     "gradient's direction", "har value alag se clip hui (yeh clipvalue hai), isse gradient ki "
     "direction badal jaati hai"),
]  # fmt: skip


def _check_clip(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. my_clip_by_global_norm), not "
            f"{type(answer).__name__}.",
            f"apna function hi pass karo (jaise my_clip_by_global_norm), "
            f"{type(answer).__name__} nahi.",
        )
    for grads, clip_norm, what in _CLIP_PROBES:
        expected = _clip_reference(grads, clip_norm)
        got = answer([g.copy() for g in grads], clip_norm)
        if not isinstance(got, list | tuple) or len(got) != len(grads):
            return Wrong(
                f"return a list with one array per gradient tensor ({len(grads)} here), "
                f"got {type(got).__name__}.",
                f"har gradient tensor ka ek array, aisi list return karo (yahan {len(grads)}), "
                f"mila {type(got).__name__}.",
            )
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            wrong = expect_close(
                g,
                e,
                what=f"tensor {i} of your result for {what}",
                what_hi=f"{what} pe tumhare result ka tensor {i}",
            )
            if wrong is None:
                continue
            for variant, en, hi in _CLIP_DIAGNOSES:
                mistaken = variant(grads, clip_norm)
                if all(np.shape(a) == np.shape(m) and np.allclose(a, m) for a, m in
                       zip(got, mistaken, strict=True)):  # fmt: skip
                    return Wrong(f"{wrong.en} For {what}: {en}.", f"{wrong.hi} {what}: {hi}.")
            return wrong
    return None


q4 = Exercise(
    name="02 · q4 (clipping by global norm)",
    checker=_check_clip,
    hint_text=(
        "The global norm is the square root of the sum of the squares of *all* entries of *all* "
        "tensors. If it is larger than clip_norm, multiply every tensor by clip_norm / norm; "
        "otherwise return the gradients unchanged.",
        "Global norm = *saare* tensors ki *saari* values ke squares ka sum, uska square root. "
        "Agar yeh clip_norm se bada hai toh har tensor ko clip_norm / norm se multiply karo; "
        "warna gradients waise hi lauta do.",
    ),
    solution_text=(
        "```python\n"
        "def my_clip_by_global_norm(grads, clip_norm):\n"
        "    norm = np.sqrt(sum((g ** 2).sum() for g in grads))\n"
        "    scale = min(1.0, clip_norm / norm) if norm > 0 else 1.0\n"
        "    return [g * scale for g in grads]\n"
        "```\n"
        "`tf.clip_by_global_norm(grads, clip_norm)[0]` gives the same.",
        "Upar wala code; `tf.clip_by_global_norm(grads, clip_norm)[0]` bhi yahi deta hai.",
    ),
    reference=lambda: _clip_reference,
    mistakes=(
        Mistake("clipped separately", answer=_clip_per_tensor),
        Mistake("scaled *up*", answer=_clip_always_rescale),
        Mistake("clipvalue", answer=_clip_by_value),
    ),
)
