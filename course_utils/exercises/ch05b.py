"""Self-checking exercises of chapter 05b (speaker verification).

See :mod:`course_utils.exercises` for how checks work.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from course_utils.exercises import Exercise, Mistake, Wrong, expect_close

# q1's trials: scores and labels (1 = same speaker)
Q1_SCORES = [0.95, 0.9, 0.7, 0.6, 0.4, 0.3]
Q1_LABELS = [1, 1, 0, 1, 0, 0]


# ----------------------------------------------------------------- q1: FAR and FRR by hand
def _check_rates(answer: Any) -> Wrong | None:
    try:
        far, frr = (float(v) for v in answer)
    except (TypeError, ValueError):
        return Wrong(
            "give a pair (far, frr) of two numbers.",
            "do numbers ka pair (far, frr) do.",
        )
    if np.isclose(far, 0) and np.isclose(frr, 1 / 3):
        return Wrong(
            "the two rates are swapped: FAR comes first, then FRR.",
            "dono rates ulte hain: pehle FAR, phir FRR.",
        )
    if np.isclose(far, 1 / 6):
        return Wrong(
            "FAR 1/6 divides by all six trials; divide the false accepts by the number of "
            "different-speaker trials (3).",
            "FAR 1/6 mein saare chhe trials se divide kiya; false accepts ko sirf "
            "different-speaker trials (3) se divide karo.",
        )
    return expect_close(
        [far, frr], [1 / 3, 0.0], what="your (FAR, FRR)", what_hi="tumhara (FAR, FRR)", atol=1e-3
    )


q1 = Exercise(
    name="05b · q1 (FAR and FRR at a threshold)",
    checker=_check_rates,
    hint_text=(
        "Accept every trial with score >= 0.5. FAR = accepted different-speaker trials / all "
        "different-speaker trials; FRR = rejected same-speaker trials / all same-speaker trials.",
        "Score >= 0.5 wale sab trials accept karo. FAR = accept hue different trials / saare "
        "different trials; FRR = reject hue same trials / saare same trials.",
    ),
    solution_text=(
        "Accepted: 0.95, 0.9, 0.7, 0.6. Of the three different-speaker trials (0.7, 0.4, 0.3) "
        "one is accepted: FAR = 1/3. All three same-speaker trials pass: FRR = 0. "
        "`audio.error_rates(Q1_SCORES, Q1_LABELS, 0.5)` gives `(0.333..., 0.0)`.",
        "0.5 ya usse upar: 0.95, 0.9, 0.7, 0.6. Different wale teen mein se ek (0.7) andar aa "
        "gaya, toh FAR 1/3; same wale teeno pass, toh FRR 0.",
    ),
    reference=lambda: (1 / 3, 0.0),
    mistakes=(
        Mistake("swapped", answer=(0.0, 1 / 3)),
        Mistake("different-speaker trials (3)", answer=(1 / 6, 0.0)),
        Mistake("not what we expect", answer=(2 / 3, 0.0)),
    ),
)


# --------------------------------------------------------------------- q2: cosine scoring
_COS_PROBES = [
    ([1.0, 0.0], [3.0, 0.0]),
    ([1.0, 0.0], [0.0, 2.0]),
    ([1.0, 1.0], [-2.0, -2.0]),
    ([1.0, 2.0, 2.0], [2.0, 0.0, 1.0]),
]


def _reference_cosine(a: Any, b: Any) -> float:
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def _check_cosine(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. my_cosine), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise my_cosine), {type(answer).__name__} nahi.",
        )
    for a, b in _COS_PROBES:
        expected = _reference_cosine(a, b)
        got = float(answer(np.array(a), np.array(b)))
        if np.isclose(got, float(np.dot(a, b))) and not np.isclose(got, expected):
            return Wrong(
                f"for {a} and {b} you return the dot product {got:g}: divide by both lengths, "
                "or a loud clip (a long embedding) would score higher with everyone.",
                f"{a} aur {b} ke liye dot product {got:g} aaya: dono lengths se divide karo, "
                "warna lamba embedding sabse zyada match karega.",
            )
        if np.isclose(got, 1 - expected) and not np.isclose(got, expected):
            return Wrong(
                f"for {a} and {b} you return {got:g}, the cosine *distance* (1 - similarity); "
                "a verification score is higher for more similar clips.",
                f"{a} aur {b} ke liye {got:g} aaya, yeh cosine distance hai (1 - similarity); "
                "score zyada similar clips ke liye zyada hona chahiye.",
            )
        wrong = expect_close(
            got,
            expected,
            what=f"your score for {a} and {b}",
            what_hi=f"{a} aur {b} ke liye tumhara score",
        )
        if wrong is not None:
            return wrong
    return None


q2 = Exercise(
    name="05b · q2 (cosine score)",
    checker=_check_cosine,
    hint_text=(
        "cos(a, b) = a · b / (|a| |b|): 1 for the same direction, 0 at right angles, -1 opposite.",
        "cos(a, b) = a · b / (|a| |b|): same direction pe 1, perpendicular pe 0, ulti pe -1.",
    ),
    solution_text=(
        "```python\n"
        "def my_cosine(a, b):\n"
        "    return a @ b / (np.linalg.norm(a) * np.linalg.norm(b))\n"
        "```",
        "Dot product ko dono vectors ki length se divide karo; tab sirf direction matter karti "
        "hai, loudness jaisi cheezein nahi.",
    ),
    reference=lambda: _reference_cosine,
    mistakes=(
        Mistake("dot product", answer=lambda a, b: float(np.dot(a, b))),
        Mistake("cosine *distance*", answer=lambda a, b: 1 - _reference_cosine(a, b)),
        Mistake("pass your function itself", answer=0.5),
    ),
)


# -------------------------------------------------------------------- q3: counting trials
def _check_trials(answer: Any) -> Wrong | None:
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Wrong(
            f"give one number, not {type(answer).__name__}.",
            f"ek number do, {type(answer).__name__} nahi.",
        )
    if value == 1120:
        return Wrong(
            "1120 counts every pair twice (a with b and b with a): a trial is an unordered pair.",
            "1120 mein har pair do baar gina (a-b aur b-a); trial ek unordered pair hai.",
        )
    if value == 1280:
        return Wrong(
            "1280 includes each clip paired with itself and both orders; use 8 * 7 / 2 per "
            "speaker.",
            "1280 mein clip ka apne saath pair aur dono orders shaamil hain; har speaker ke liye "
            "8 * 7 / 2 lo.",
        )
    return expect_close(value, 560, what="your count", what_hi="tumhari ginti", atol=0.5)


q3 = Exercise(
    name="05b · q3 (how many same-speaker trials?)",
    checker=_check_trials,
    hint_text=(
        "Each speaker has 8 clips; how many unordered pairs of different clips is that? "
        "Then multiply by the 20 speakers.",
        "Har speaker ki 8 clips hain; alag clips ke kitne unordered pairs bante hain? Phir 20 "
        "speakers se multiply karo.",
    ),
    solution_text=(
        "`20 * 8 * 7 // 2 = 560`; check it with "
        "`audio.pair_scores(embeddings['test'], groups['test'][2])[1].sum()`.",
        "Har speaker ke 8 * 7 / 2 = 28 pairs, 20 speakers ke 560.",
    ),
    reference=lambda: 560,
    mistakes=(
        Mistake("counts every pair twice", answer=1120),
        Mistake("paired with itself", answer=1280),
        Mistake("not what we expect", answer=28),
    ),
)
