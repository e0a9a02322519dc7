"""Self-checking exercises of chapter 03 (LSTM and GRU).

See :mod:`course_utils.exercises` for how checks work.

* ``q1`` - one LSTM step by hand: the new cell state and hidden state from given gates;
* ``q2`` - the parameter count of a Keras ``LSTM`` layer;
* ``q3`` - a GRU step in NumPy (Keras' gate order and ``reset_after=True``), checked on probes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.exercises import Exercise, Mistake, Wrong, expect_close

# ----------------------------------------------------------------------------------------------
# q1: one LSTM step with given gate values

#: The values of exercise 1 (printed in the notebook): previous cell state and the four blocks.
Q1_VALUES = {"c_prev": 2.0, "f": 0.9, "i": 0.5, "c_candidate": -1.0, "o": 0.8}


def _q1_reference() -> tuple[float, float]:
    v = Q1_VALUES
    c = v["f"] * v["c_prev"] + v["i"] * v["c_candidate"]
    return c, v["o"] * float(np.tanh(c))


def _check_lstm_step(answer: Any) -> Wrong | None:
    try:
        c_t, h_t = answer
    except (TypeError, ValueError):
        return Wrong(
            "give a pair (c_t, h_t): the new cell state first, then the new hidden state.",
            "ek pair do (c_t, h_t): pehle naya cell state, phir naya hidden state.",
        )
    c_ref, h_ref = _q1_reference()
    v = Q1_VALUES
    wrong_c = expect_close(c_t, c_ref, what="your c_t", what_hi="tumhara c_t", atol=1e-3)
    if wrong_c is not None:
        if np.isclose(float(c_t), (1 - v["f"]) * v["c_prev"] + v["i"] * v["c_candidate"]):
            return Wrong(
                f"{wrong_c.en} The forget gate f multiplies the old memory directly: f = 0.9 "
                "keeps 90% of it (not 1 - f).",
                f"{wrong_c.hi} Forget gate f purani memory ko seedha multiply karta hai: f = 0.9 "
                "matlab 90% rakho (1 - f nahi).",
            )
        if np.isclose(float(c_t), v["f"] * v["c_prev"] + v["c_candidate"]):
            return Wrong(
                f"{wrong_c.en} The candidate is written through the input gate: add i · c~, "
                "not c~ alone.",
                f"{wrong_c.hi} Candidate input gate se hoke likha jaata hai: i · c~ jodo, "
                "sirf c~ nahi.",
            )
        return Wrong(
            f"{wrong_c.en} Use c_t = f · c_prev + i · c~.",
            f"{wrong_c.hi} c_t = f · c_prev + i · c~ lagao.",
        )
    wrong_h = expect_close(h_t, h_ref, what="your h_t", what_hi="tumhara h_t", atol=1e-3)
    if wrong_h is not None:
        if np.isclose(float(h_t), v["o"] * c_ref):
            return Wrong(
                f"{wrong_h.en} The output gate multiplies tanh(c_t), not c_t itself.",
                f"{wrong_h.hi} Output gate tanh(c_t) ko multiply karta hai, seedha c_t ko nahi.",
            )
        return Wrong(
            f"{wrong_h.en} Use h_t = o · tanh(c_t).",
            f"{wrong_h.hi} h_t = o · tanh(c_t) lagao.",
        )
    return None


q1 = Exercise(
    name="03 · q1 (one LSTM step by hand)",
    checker=_check_lstm_step,
    hint_text=(
        "Two lines of section 2's equations: the cell state first, c_t = f · c_prev + i · c~, "
        "then the hidden state, h_t = o · tanh(c_t).",
        "Section 2 ki do equations: pehle cell state, c_t = f · c_prev + i · c~, phir hidden "
        "state, h_t = o · tanh(c_t).",
    ),
    solution_text=(
        "```python\n"
        "c_t = 0.9 * 2.0 + 0.5 * (-1.0)      # 1.8 kept, 0.5 written: 1.3\n"
        "h_t = 0.8 * np.tanh(c_t)            # 0.8 * 0.862 = 0.689\n"
        "```\n"
        "The old memory is scaled, the candidate is added through the input gate; the hidden "
        "state shows a squashed, gated view of the memory.",
        "Purani memory scale hoti hai, candidate input gate se judta hai: c_t = 1.3. Hidden "
        "state memory ka tanh wala, gate kiya hua view hai: h_t = 0.689.",
    ),
    reference=_q1_reference,
    mistakes=(
        Mistake("not 1 - f", answer=(0.1 * 2.0 - 0.5, 0.8 * np.tanh(0.1 * 2.0 - 0.5))),
        Mistake("not c~ alone", answer=(0.9 * 2.0 - 1.0, 0.8 * np.tanh(0.8))),
        Mistake("tanh(c_t), not c_t itself", answer=(1.3, 0.8 * 1.3)),
        Mistake("give a pair", answer=1.3),
    ),
)

# ----------------------------------------------------------------------------------------------
# q2: parameters of an LSTM layer

#: Exercise 2's layer: keras.layers.LSTM(Q2_UNITS) on inputs with Q2_FEATURES features.
Q2_FEATURES, Q2_UNITS = 10, 16


def _lstm_params(features: int, units: int) -> int:
    return 4 * (features * units + units * units + units)


def _check_lstm_params(answer: Any) -> Wrong | None:
    n, u = Q2_FEATURES, Q2_UNITS
    if isinstance(answer, bool) or not isinstance(answer, (int, np.integer, float)):
        return Wrong(
            f"give the count as a number, not {type(answer).__name__}.",
            f"count ek number ke roop mein do, {type(answer).__name__} nahi.",
        )
    expected = _lstm_params(n, u)
    if answer == expected:
        return None
    if float(answer) != int(answer):
        return Wrong(
            f"{answer} is not a whole number; a parameter count is.",
            f"{answer} poora number nahi hai; parameters ki ginti poori hoti hai.",
        )
    known = {
        n * u + u * u + u: (
            "that is one block; an LSTM has four (i, f, c, o), each with its own weights.",
            "yeh ek hi block hai; LSTM mein chaar blocks hain (i, f, c, o), sabke apne weights.",
        ),
        4 * (n * u + u * u): (
            "the bias is missing: each of the four blocks has `units` biases.",
            "bias reh gaya: chaaron blocks ke `units` biases hote hain.",
        ),
        3 * (n * u + u * u + 2 * u): (
            "that is a GRU (three blocks); the LSTM has four.",
            "yeh GRU ka count hai (teen blocks); LSTM mein chaar hain.",
        ),
        4 * (n * u + u): (
            "the recurrent kernel (units × units per block) is missing.",
            "recurrent kernel (har block ka units × units) reh gaya.",
        ),
    }
    en, hi = known.get(
        int(answer),
        (
            "count kernel (features × 4·units), recurrent_kernel (units × 4·units) and bias "
            "(4·units).",
            "kernel (features × 4·units), recurrent_kernel (units × 4·units) aur bias (4·units) "
            "gino.",
        ),
    )
    return Wrong(f"{int(answer)} is not the count: {en}", f"{int(answer)} sahi count nahi: {hi}")


q2 = Exercise(
    name="03 · q2 (parameters of an LSTM)",
    checker=_check_lstm_params,
    hint_text=(
        "Section 2: kernel (input_dim, 4 × units), recurrent_kernel (units, 4 × units), "
        "bias (4 × units). You can check with layer.build((None, None, 10)) and count_params().",
        "Section 2 dekho: kernel (input_dim, 4 × units), recurrent_kernel (units, 4 × units), "
        "bias (4 × units). layer.build((None, None, 10)) aur count_params() se check kar sakte ho.",
    ),
    solution_text=(
        "`4 × (10·16 + 16·16 + 16) = 4 × 432 = 1728`. Check: "
        "`layer = keras.layers.LSTM(16); layer.build((None, None, 10)); layer.count_params()`.",
        "Chaar blocks, har block mein 10·16 input weights, 16·16 recurrent weights aur 16 bias: "
        "4 × 432 = 1728.",
    ),
    reference=lambda: _lstm_params(Q2_FEATURES, Q2_UNITS),
    mistakes=(
        Mistake("that is one block", answer=432),
        Mistake("the bias is missing", answer=1664),
        Mistake("that is a GRU", answer=1344),
        Mistake("give the count as a number", answer="1728"),
    ),
)

# ----------------------------------------------------------------------------------------------
# q3: a GRU step in NumPy, Keras convention


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _reference_gru_step(
    x_t: np.ndarray,
    h: np.ndarray,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
) -> np.ndarray:
    x_part = x_t @ kernel + bias[0]
    h_part = h @ recurrent_kernel + bias[1]
    x_z, x_r, x_h = np.split(x_part, 3, axis=-1)
    h_z, h_r, h_h = np.split(h_part, 3, axis=-1)
    z, r = _sigmoid(x_z + h_z), _sigmoid(x_r + h_r)
    candidate = np.tanh(x_h + r * h_h)
    return z * h + (1 - z) * candidate


def _gru_swapped_update(x_t, h, kernel, recurrent_kernel, bias):  # type: ignore[no-untyped-def]
    # The other papers' convention: z close to 1 takes the candidate.
    x_z, x_r, x_h = np.split(x_t @ kernel + bias[0], 3, axis=-1)
    h_z, h_r, h_h = np.split(h @ recurrent_kernel + bias[1], 3, axis=-1)
    z, r = _sigmoid(x_z + h_z), _sigmoid(x_r + h_r)
    return (1 - z) * h + z * np.tanh(x_h + r * h_h)


def _gru_reset_before(x_t, h, kernel, recurrent_kernel, bias):  # type: ignore[no-untyped-def]
    # reset_after=False: the reset gate multiplies h before the matrix product.
    units = h.shape[-1]
    x_z, x_r, x_h = np.split(x_t @ kernel + bias[0], 3, axis=-1)
    h_z, h_r, _ = np.split(h @ recurrent_kernel + bias[1], 3, axis=-1)
    z, r = _sigmoid(x_z + h_z), _sigmoid(x_r + h_r)
    candidate = np.tanh(x_h + (r * h) @ recurrent_kernel[:, 2 * units :] + bias[1][2 * units :])
    return z * h + (1 - z) * candidate


def _gru_order_rzh(x_t, h, kernel, recurrent_kernel, bias):  # type: ignore[no-untyped-def]
    # Reads the blocks in the order r, z, h (Keras stores z, r, h).
    x_r, x_z, x_h = np.split(x_t @ kernel + bias[0], 3, axis=-1)
    h_r, h_z, h_h = np.split(h @ recurrent_kernel + bias[1], 3, axis=-1)
    z, r = _sigmoid(x_z + h_z), _sigmoid(x_r + h_r)
    return z * h + (1 - z) * np.tanh(x_h + r * h_h)


def _gru_probes() -> list[tuple[np.ndarray, ...]]:
    rng = np.random.default_rng(7)
    probes = []
    for batch, features, units in ((2, 3, 4), (1, 5, 2)):
        probes.append(
            (
                rng.normal(size=(batch, features)),
                rng.normal(size=(batch, units)),
                rng.normal(size=(features, 3 * units)),
                rng.normal(size=(units, 3 * units)),
                rng.normal(size=(2, 3 * units)),
            )
        )
    return probes


def _check_gru_step(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. gru_step), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise gru_step), {type(answer).__name__} nahi.",
        )
    fn: Callable[..., Any] = answer
    for probe in _gru_probes():
        expected = _reference_gru_step(*probe)
        got = fn(*probe)
        wrong = expect_close(
            got,
            expected,
            what=f"your new state for a probe with {probe[0].shape[1]} features and "
            f"{probe[1].shape[1]} units",
            what_hi=f"{probe[0].shape[1]} features aur {probe[1].shape[1]} units wale probe pe "
            "tumhara naya state",
            atol=1e-6,
        )
        if wrong is None:
            continue
        got_array = np.asarray(got, dtype=float)
        if got_array.shape == expected.shape:
            for culprit, en, hi in (
                (
                    _gru_swapped_update,
                    "In Keras z close to 1 KEEPS the old state: h_t = z · h + (1 - z) · candidate.",
                    "Keras mein z 1 ke paas ho toh purana state RAKHA jaata hai: "
                    "h_t = z · h + (1 - z) · candidate.",
                ),
                (
                    _gru_reset_before,
                    "With reset_after=True the reset gate multiplies the recurrent part AFTER its "
                    "matrix product: r · (h @ U_h + b_h).",
                    "reset_after=True mein reset gate recurrent part ko matrix product ke BAAD "
                    "multiply karta hai: r · (h @ U_h + b_h).",
                ),
                (
                    _gru_order_rzh,
                    "Keras stores the blocks in the order z, r, h.",
                    "Keras blocks ko z, r, h order mein rakhta hai.",
                ),
            ):
                if np.allclose(got_array, culprit(*probe), atol=1e-6):
                    return Wrong(f"{wrong.en} {en}", f"{wrong.hi} {hi}")
        return wrong
    return None


q3 = Exercise(
    name="03 · q3 (a GRU step by hand)",
    checker=_check_gru_step,
    hint_text=(
        "Compute the input part x_t @ kernel + bias[0] and the recurrent part "
        "h @ recurrent_kernel + bias[1], split each into three blocks (z, r, h), and note that "
        "the reset gate multiplies the recurrent part of the candidate after the product.",
        "Input part x_t @ kernel + bias[0] aur recurrent part h @ recurrent_kernel + bias[1] "
        "nikalo, dono ko teen blocks (z, r, h) mein baanto; reset gate candidate ke recurrent "
        "part ko product ke baad multiply karta hai.",
    ),
    solution_text=(
        "```python\n"
        "def gru_step(x_t, h, kernel, recurrent_kernel, bias):\n"
        "    x_z, x_r, x_h = np.split(x_t @ kernel + bias[0], 3, axis=-1)\n"
        "    h_z, h_r, h_h = np.split(h @ recurrent_kernel + bias[1], 3, axis=-1)\n"
        "    z, r = sigmoid(x_z + h_z), sigmoid(x_r + h_r)\n"
        "    candidate = np.tanh(x_h + r * h_h)   # reset_after=True\n"
        "    return z * h + (1 - z) * candidate   # z close to 1 keeps the old state\n"
        "```",
        "Upar wala code: do matrix products, teen blocks z, r, h, candidate mein r product ke "
        "baad, aur end mein z purane state ko rakhta hai, (1 - z) candidate ko laata hai.",
    ),
    reference=lambda: _reference_gru_step,
    mistakes=(
        Mistake("KEEPS the old state", answer=_gru_swapped_update),
        Mistake("AFTER its matrix product", answer=_gru_reset_before),
        Mistake("order z, r, h", answer=_gru_order_rzh),
        Mistake("pass your function itself", answer=np.zeros(4)),
    ),
)
