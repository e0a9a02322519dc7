"""Self-checking exercises of chapter 09 (optimisation for inference and deployment).

See :mod:`course_utils.exercises` for how checks work.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from course_utils.exercises import Exercise, Mistake, Wrong, expect_close


def _not_a_function(answer: Any, example: str) -> Wrong | None:
    if callable(answer):
        return None
    return Wrong(
        f"pass your function itself (e.g. {example}), not {type(answer).__name__}.",
        f"apna function hi pass karo (jaise {example}), {type(answer).__name__} nahi.",
    )


# ---------------------------------------------------------------- q1: PSI from bin shares

_PSI_PROBES = [
    ([0.5, 0.5], [0.25, 0.75], "shares 0.5/0.5 vs 0.25/0.75", "shares 0.5/0.5 vs 0.25/0.75"),
    ([0.2, 0.3, 0.5], [0.2, 0.3, 0.5], "two identical distributions", "do ek jaise distributions"),
    (
        [0.1, 0.6, 0.3],
        [0.4, 0.4, 0.2],
        "shares 0.1/0.6/0.3 vs 0.4/0.4/0.2",
        "shares 0.1/0.6/0.3 vs 0.4/0.4/0.2",
    ),
]


def _reference_psi(ref: Any, cur: Any) -> float:
    r = np.asarray(ref, dtype=float)
    c = np.asarray(cur, dtype=float)
    return float(np.sum((c - r) * np.log(c / r)))


def _check_psi(answer: Any) -> Wrong | None:
    wrong = _not_a_function(answer, "my_psi")
    if wrong is not None:
        return wrong
    for ref, cur, what, what_hi in _PSI_PROBES:
        expected = _reference_psi(ref, cur)
        result = expect_close(
            answer(np.array(ref), np.array(cur)),
            expected,
            what=f"your PSI for {what}",
            what_hi=f"{what_hi} ke liye tumhara PSI",
        )
        if result is not None:
            return Wrong(
                f"{result.en} Expected {expected:.4f}: PSI = sum((c - r) * ln(c / r)).",
                f"{result.hi} Expected {expected:.4f}: PSI = sum((c - r) * ln(c / r)).",
            )
    return None


q1 = Exercise(
    name="09 · q1 (PSI by hand)",
    checker=_check_psi,
    hint_text=(
        "For every bin, multiply the difference of the shares (current - reference) by the log "
        "of their ratio (current / reference), then add up over the bins.",
        "Har bin ke liye shares ka difference (current - reference) lo, usko dono ke ratio "
        "(current / reference) ke log se multiply karo, phir saare bins ka sum.",
    ),
    solution_text=(
        "```python\n"
        "def my_psi(r, c):\n"
        "    r, c = np.asarray(r, float), np.asarray(c, float)\n"
        "    return float(np.sum((c - r) * np.log(c / r)))\n"
        "```",
        "Yeh symmetric KL divergence hai: KL(c||r) + KL(r||c). Isliye order badlo toh bhi same "
        "number aata hai, aur ek jaise distributions pe 0.",
    ),
    reference=lambda: _reference_psi,
    mistakes=(
        Mistake(  # one-sided KL divergence instead of PSI
            "shares 0.5/0.5 vs 0.25/0.75",
            answer=lambda r, c: float(np.sum(c * np.log(c / r))),
        ),
        Mistake(  # forgets the log: sum of (c - r) is always 0
            "shares 0.5/0.5 vs 0.25/0.75",
            answer=lambda r, c: float(np.sum(c - r)),
        ),
        Mistake("pass your function itself", answer=0.1),
    ),
)


# ---------------------------------------------------------------- q2: symmetric int8

_W_PROBES = [
    (
        np.array([0.5, -1.27, 0.01, 1.0]),
        "the weights [0.5, -1.27, 0.01, 1.0]",
        "weights [0.5, -1.27, 0.01, 1.0]",
    ),
    (
        np.linspace(-0.3, 0.2, 12).reshape(3, 4),
        "a 3×4 matrix from -0.3 to 0.2",
        "-0.3 se 0.2 tak ki 3×4 matrix",
    ),
]


def _reference_quantize(w: Any) -> tuple[np.ndarray, float]:
    w = np.asarray(w, dtype=float)
    scale = float(np.max(np.abs(w)) / 127)
    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
    return q, scale


def _check_quantize(answer: Any) -> Wrong | None:
    wrong = _not_a_function(answer, "my_quantize")
    if wrong is not None:
        return wrong
    for w, what, what_hi in _W_PROBES:
        out = answer(w.copy())
        if not isinstance(out, tuple) or len(out) != 2:
            return Wrong(
                f"return a pair (q, scale), got {type(out).__name__}.",
                f"ek pair (q, scale) lautao, mila {type(out).__name__}.",
            )
        q, scale = out
        expected_q, expected_scale = _reference_quantize(w)
        result = expect_close(
            scale, expected_scale, what=f"your scale for {what}", what_hi=f"{what_hi} ka scale"
        )
        if result is not None:
            return Wrong(
                f"{result.en} The largest |w| must map to 127: scale = max|w| / 127.",
                f"{result.hi} Sabse bada |w| 127 pe jaana chahiye: scale = max|w| / 127.",
            )
        q = np.asarray(q)
        if q.dtype != np.int8:
            return Wrong(
                f"q should have dtype int8 (one byte per weight), got {q.dtype}.",
                f"q ka dtype int8 hona chahiye (har weight ek byte), mila {q.dtype}.",
            )
        result = expect_close(q, expected_q, what=f"your q for {what}", what_hi=f"{what_hi} ka q")
        if result is not None:
            return Wrong(
                f"{result.en} Round to the nearest integer (np.round), do not truncate.",
                f"{result.hi} Nearest integer pe round karo (np.round), truncate nahi.",
            )
    return None


q2 = Exercise(
    name="09 · q2 (int8 by hand)",
    checker=_check_quantize,
    hint_text=(
        "scale = np.max(np.abs(w)) / 127; q = np.round(w / scale).astype(np.int8). "
        "Then scale * q is close to w (within scale / 2).",
        "scale = np.max(np.abs(w)) / 127; q = np.round(w / scale).astype(np.int8). "
        "Phir scale * q, w ke kareeb hoga (scale / 2 ke andar).",
    ),
    solution_text=(
        "```python\n"
        "def my_quantize(w):\n"
        "    scale = float(np.max(np.abs(w)) / 127)\n"
        "    q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)\n"
        "    return q, scale\n"
        "```",
        "Symmetric quantization: zero point 0, range -127..127. Rounding se error zyada se zyada "
        "aadha scale; truncate karoge toh poora scale tak.",
    ),
    reference=lambda: _reference_quantize,
    mistakes=(
        Mistake(  # uses 255 levels for a signed range
            "scale = max|w| / 127",
            answer=lambda w: (
                np.round(w / (np.max(np.abs(w)) / 255)).astype(np.int8),
                float(np.max(np.abs(w)) / 255),
            ),
        ),
        Mistake(  # truncates instead of rounding
            "Round to the nearest integer",
            answer=lambda w: (
                (w / (np.max(np.abs(w)) / 127)).astype(np.int8),
                float(np.max(np.abs(w)) / 127),
            ),
        ),
        Mistake(  # forgets the integer type
            "dtype int8",
            answer=lambda w: (
                np.round(w / (np.max(np.abs(w)) / 127)),
                float(np.max(np.abs(w)) / 127),
            ),
        ),
        Mistake("pass your function itself", answer=(1, 2)),
    ),
)


# ---------------------------------------------------------------- q3: temperature softmax


def _reference_soften(logits: Any, temperature: float) -> np.ndarray:
    z = np.asarray(logits, dtype=float) / temperature
    e = np.exp(z - z.max())
    return e / e.sum()


def _check_soften(answer: Any) -> Wrong | None:
    wrong = _not_a_function(answer, "soften")
    if wrong is not None:
        return wrong
    for logits, t in (([2.0, 1.0, 0.1], 1.0), ([2.0, 1.0, 0.1], 4.0), ([10.0, 0.0, -5.0], 10.0)):
        expected = _reference_soften(logits, t)
        result = expect_close(
            answer(np.array(logits), t),
            expected,
            what=f"soften({logits}, {t})",
            what_hi=f"soften({logits}, {t})",
            atol=1e-6,
        )
        if result is not None:
            return Wrong(
                f"{result.en} Divide the logits by the temperature first, then take the softmax.",
                f"{result.hi} Pehle logits ko temperature se divide karo, phir softmax lo.",
            )
    return None


q3 = Exercise(
    name="09 · q3 (temperature)",
    checker=_check_soften,
    hint_text=(
        "softmax(z / T): exponentiate the logits divided by T and normalise so they sum to 1. "
        "Subtract the largest value before exp for numerical safety.",
        "softmax(z / T): logits ko T se divide karke exp lo aur sum 1 karne ke liye normalise "
        "karo. Exp se pehle sabse bada value subtract karo, taaki overflow na ho.",
    ),
    solution_text=(
        "```python\n"
        "def soften(logits, temperature):\n"
        "    z = np.asarray(logits, float) / temperature\n"
        "    e = np.exp(z - z.max())\n"
        "    return e / e.sum()\n"
        "```\n"
        "With T = 1 this is the usual softmax; a larger T spreads the probability over the "
        "other classes, which is what the student learns from.",
        "T = 1 pe normal softmax; T bada karo toh probability baaki classes pe bhi failti hai, "
        "aur student wahi seekhta hai.",
    ),
    reference=lambda: _reference_soften,
    mistakes=(
        Mistake(  # divides the probabilities instead of the logits
            "Divide the logits by the temperature first",
            answer=lambda z, t: np.exp(z) / np.exp(z).sum() / t,
        ),
        Mistake(  # multiplies by T (sharpens instead of softening)
            "Divide the logits by the temperature first",
            answer=lambda z, t: np.exp(z * t - (z * t).max()) / np.exp(z * t - (z * t).max()).sum(),
        ),
        Mistake("pass your function itself", answer=[0.3, 0.3, 0.4]),
    ),
)
