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


# ------------------------------------------------------------------ q4: the AUC by counting
def _check_auc(answer: Any) -> Wrong | None:
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Wrong(
            f"give one number (a fraction between 0 and 1), not {type(answer).__name__}.",
            f"ek number do (0 aur 1 ke beech ka fraction), {type(answer).__name__} nahi.",
        )
    if np.isclose(value, 1 / 9):
        return Wrong(
            "1/9 counts the couples where the different-speaker trial scores higher: that is "
            "1 - AUC. Count those where the same-speaker trial is above.",
            "1/9 mein woh jode gine jahan different-speaker trial upar hai: yeh 1 - AUC hai. "
            "Woh gino jahan same-speaker trial upar hai.",
        )
    if np.isclose(value, 8):
        return Wrong(
            "8 is the count of couples in the right order; divide by the number of couples "
            "(3 same-speaker × 3 different-speaker trials = 9).",
            "8 sahi order wale jodon ki ginti hai; ise kul jodon se divide karo (3 same × 3 "
            "different = 9).",
        )
    if np.isclose(value, 8 / 15):
        return Wrong(
            "8/15 divides by all 15 pairs of the six trials; a couple is one same-speaker and one "
            "different-speaker trial (3 × 3 = 9).",
            "8/15 mein chhe trials ke saare 15 pairs se divide kiya; ek joda ek same aur ek "
            "different trial ka hota hai (3 × 3 = 9).",
        )
    return expect_close(value, 8 / 9, what="your AUC", what_hi="tumhara AUC", atol=1e-3)


q4 = Exercise(
    name="05b · q4 (the AUC by counting)",
    checker=_check_auc,
    hint_text=(
        "Pair every same-speaker trial with every different-speaker trial (3 × 3 couples). The "
        "AUC is the fraction of couples where the same-speaker trial has the higher score.",
        "Har same-speaker trial ko har different-speaker trial ke saath jodo (3 × 3 jode). AUC "
        "un jodon ka fraction hai jahan same-speaker trial ka score zyada hai.",
    ),
    solution_text=(
        "Same: 0.95, 0.9, 0.6; different: 0.7, 0.4, 0.3. 0.95 and 0.9 beat all three, 0.6 beats "
        "0.4 and 0.3 but not 0.7: 8 of 9 couples, AUC = 8/9 ≈ 0.889. Check it with "
        "`far, tar, _ = my_roc(ex.Q1_SCORES, ex.Q1_LABELS); np.trapezoid(tar, far)`.",
        "Same: 0.95, 0.9, 0.6; different: 0.7, 0.4, 0.3. 0.95 aur 0.9 teeno se upar, 0.6 sirf "
        "0.4 aur 0.3 se: 9 mein se 8 jode, AUC = 8/9.",
    ),
    reference=lambda: 8 / 9,
    mistakes=(
        Mistake("1 - AUC", answer=1 / 9),
        Mistake("divide by the number of couples", answer=8),
        Mistake("all 15 pairs", answer=8 / 15),
    ),
)
