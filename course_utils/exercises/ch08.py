"""Self-checking exercises of chapter 08 (training practices).

See :mod:`course_utils.exercises` for how checks work.
"""

from __future__ import annotations

import math
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


# ---------------------------------------------------------------- q1: clipping by global norm

_CLIP_PROBES = [
    # (gradients, max_norm, what, what in Hinglish)
    (
        [[3.0, 4.0], [0.3, 0.4]],
        1.0,
        "a gradient of global norm 5.02",
        "global norm 5.02 wala gradient",
    ),
    ([[0.3, 0.4], [0.0, 0.0]], 1.0, "a gradient already below the cap", "cap se chhota gradient"),
    (
        [[[1.0, -2.0], [2.0, 0.0]], [6.0]],
        2.0,
        "a matrix and a bias, cap 2",
        "matrix aur bias, cap 2",
    ),
]


def _reference_clip(grads: Any, max_norm: float) -> list[np.ndarray]:
    arrays = [np.asarray(g, dtype=float) for g in grads]
    norm = math.sqrt(sum(float(np.sum(a * a)) for a in arrays))
    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return [a * scale for a in arrays]


def _check_clip(answer: Any) -> Wrong | None:
    wrong = _not_a_function(answer, "my_clip")
    if wrong is not None:
        return wrong
    for grads, max_norm, what, what_hi in _CLIP_PROBES:
        expected = _reference_clip(grads, max_norm)
        got = answer([np.asarray(g, dtype=float) for g in grads], max_norm)
        if not isinstance(got, list | tuple) or len(got) != len(expected):
            return Wrong(
                f"for {what}, return a list with one array per gradient ({len(expected)}), "
                f"got {type(got).__name__}.",
                f"{what_hi} ke liye har gradient ka ek array, list mein lautao "
                f"({len(expected)}); mila {type(got).__name__}.",
            )
        for g, e in zip(got, expected, strict=True):
            result = expect_close(
                g,
                e,
                what=f"your clipped gradient for {what}",
                what_hi=f"{what_hi} ka clipped gradient",
            )
            if result is not None:
                hint = (
                    " global_clipnorm scales all gradients by one factor, max_norm / global norm, "
                    "and only when the global norm is above max_norm.",
                    " global_clipnorm saare gradients ko ek hi factor (max_norm / global norm) se "
                    "scale karta hai, aur sirf tab jab global norm max_norm se upar ho.",
                )
                return Wrong(result.en + hint[0], result.hi + hint[1])
    return None


def _clip_each(grads: Any, max_norm: float) -> list[np.ndarray]:
    # clipnorm: every gradient on its own
    out = []
    for g in grads:
        n = float(np.linalg.norm(g))
        out.append(g * min(1.0, max_norm / n) if n > 0 else g)
    return out


def _always_scale(grads: Any, max_norm: float) -> list[np.ndarray]:
    # forgets the "only when above the cap" part: small gradients get blown up
    norm = math.sqrt(sum(float(np.sum(np.square(g))) for g in grads))
    return [g * max_norm / norm for g in grads]


q1 = Exercise(
    name="08 · q1 (clip by global norm)",
    checker=_check_clip,
    hint_text=(
        "Compute one number, the global norm sqrt(sum of all squared entries of all arrays). "
        "If it is above max_norm, multiply every array by max_norm / global_norm; otherwise "
        "return them unchanged.",
        "Pehle ek hi number nikalo: global norm = sabhi arrays ke saare squared entries ke sum "
        "ka square root. Agar yeh max_norm se bada hai, toh har array ko max_norm / global_norm "
        "se multiply karo; warna waise hi lauta do.",
    ),
    solution_text=(
        "```python\n"
        "def my_clip(grads, max_norm):\n"
        "    norm = np.sqrt(sum(np.sum(g ** 2) for g in grads))\n"
        "    scale = min(1.0, max_norm / norm) if norm > 0 else 1.0\n"
        "    return [g * scale for g in grads]\n"
        "```",
        "Ek global norm, ek scale factor, sab gradients pe wahi factor: isliye direction nahi "
        "badalti. Norm pehle se chhota ho toh scale 1 rehta hai.",
    ),
    reference=lambda: _reference_clip,
    mistakes=(
        Mistake("global_clipnorm scales all gradients by one factor", answer=_clip_each),
        Mistake("gradient already below the cap", answer=_always_scale),
        Mistake("pass your function itself", answer=[1.0]),
    ),
)


# ---------------------------------------------------------------- q2: warmup + cosine

_PEAK, _WARMUP, _DECAY = 1e-3, 100, 900


def _reference_lr(step: int) -> float:
    if step < _WARMUP:
        return _PEAK * step / _WARMUP
    progress = min(step - _WARMUP, _DECAY) / _DECAY
    return _PEAK * 0.5 * (1 + math.cos(math.pi * progress))


def _check_lr(answer: Any) -> Wrong | None:
    wrong = _not_a_function(answer, "my_lr")
    if wrong is not None:
        return wrong
    for step, what_en, what_hi in (
        (0, "at step 0 (start of the warmup)", "step 0 pe (warmup ki shuruaat)"),
        (50, "at step 50 (half-way through the warmup)", "step 50 pe (aadha warmup)"),
        (100, "at step 100 (the peak)", "step 100 pe (peak)"),
        (550, "at step 550 (half-way through the decay)", "step 550 pe (aadha decay)"),
        (1000, "at step 1000 (the end)", "step 1000 pe (end)"),
    ):
        expected = _reference_lr(step)
        result = expect_close(
            float(answer(step)),
            expected,
            what=f"your learning rate {what_en}",
            what_hi=f"tumhara learning rate {what_hi}",
            atol=1e-7,
            rtol=1e-3,
        )
        if result is not None:
            return Wrong(
                f"{result.en} Expected {expected:.3g}.", f"{result.hi} Expected {expected:.3g}."
            )
    return None


def _no_warmup(step: int) -> float:
    return _PEAK * 0.5 * (1 + math.cos(math.pi * min(step, 1000) / 1000))


def _cosine_over_all_steps(step: int) -> float:
    if step < _WARMUP:
        return _PEAK * step / _WARMUP
    return _PEAK * 0.5 * (1 + math.cos(math.pi * step / 1000))


q2 = Exercise(
    name="08 · q2 (warmup + cosine)",
    checker=_check_lr,
    hint_text=(
        "Two pieces: for step < 100 the rate is 0.001 * step / 100. After that, let "
        "p = (step - 100) / 900 go from 0 to 1 and use 0.001 * 0.5 * (1 + cos(pi * p)).",
        "Do hisse: step < 100 pe rate = 0.001 * step / 100. Uske baad p = (step - 100) / 900 "
        "ko 0 se 1 tak chalao aur 0.001 * 0.5 * (1 + cos(pi * p)) lo.",
    ),
    solution_text=(
        "```python\n"
        "def my_lr(step):\n"
        "    if step < 100:\n"
        "        return 1e-3 * step / 100\n"
        "    p = min(step - 100, 900) / 900\n"
        "    return 1e-3 * 0.5 * (1 + math.cos(math.pi * p))\n"
        "```\n"
        "Compare with `keras.optimizers.schedules.CosineDecay(0.0, decay_steps=900, "
        "warmup_target=1e-3, warmup_steps=100)(step)`.",
        "Warmup mein rate seedhi line mein 0 se peak tak, phir cosine ka aadha hissa peak se 0 "
        "tak. Dhyaan do: cosine ka progress warmup ke baad se ginna hai, step 0 se nahi.",
    ),
    reference=lambda: _reference_lr,
    mistakes=(
        Mistake("at step 0", answer=_no_warmup),
        Mistake("at step 100", answer=_cosine_over_all_steps),
        Mistake("pass your function itself", answer=1e-3),
    ),
)


# ---------------------------------------------------------------- q3: effective batch size


def _reference_effective_batch(per_device: int, devices: int, accumulation: int) -> int:
    return per_device * devices * accumulation


def _check_effective_batch(answer: Any) -> Wrong | None:
    wrong = _not_a_function(answer, "effective_batch")
    if wrong is not None:
        return wrong
    for args in ((32, 1, 1), (32, 2, 1), (32, 1, 4), (16, 8, 2)):
        expected = _reference_effective_batch(*args)
        result = expect_close(
            answer(*args),
            expected,
            what=f"effective_batch{args}",
            what_hi=f"effective_batch{args}",
        )
        if result is not None:
            return Wrong(
                f"{result.en} Expected {expected}: every GPU sees per_device examples, and "
                "accumulation adds that many again for each accumulated step.",
                f"{result.hi} Expected {expected}: har GPU per_device examples dekhta hai, aur "
                "har accumulated step utne hi aur jodta hai.",
            )
    return None


q3 = Exercise(
    name="08 · q3 (effective batch)",
    checker=_check_effective_batch,
    hint_text=(
        "One update averages the gradients of every GPU's batch, over every accumulated step.",
        "Ek update har GPU ke batch ke gradients ko, har accumulated step pe, average karta hai.",
    ),
    solution_text=(
        "```python\n"
        "def effective_batch(per_device, devices, accumulation):\n"
        "    return per_device * devices * accumulation\n"
        "```\n"
        "E.g. 32 per GPU on 2 GPUs with 4 accumulation steps: 256 examples per update.",
        "Teeno ka product: 32 per GPU, 2 GPUs, 4 accumulation steps = 256 examples per update.",
    ),
    reference=lambda: _reference_effective_batch,
    mistakes=(
        Mistake(
            "Expected 64",
            answer=lambda per_device, devices, accumulation: per_device * accumulation,
        ),
        Mistake(
            "Expected 128", answer=lambda per_device, devices, accumulation: per_device * devices
        ),
        Mistake("pass your function itself", answer=256),
    ),
)
