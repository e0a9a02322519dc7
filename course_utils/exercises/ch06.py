"""Self-checking exercises of chapter 06 (convolutional neural networks).

See :mod:`course_utils.exercises` for how checks work.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from course_utils.exercises import Exercise, Mistake, Wrong, expect_close

# --------------------------------------------------------------------------------------------
# q1: the output size of a convolution (padding and stride, section 2)
# --------------------------------------------------------------------------------------------

# (n, k, stride, padding): probes that separate the two formulas and their usual slips.
_SIZE_PROBES = [
    (10, 3, 1, "valid"),
    (10, 3, 2, "valid"),
    (10, 3, 1, "same"),
    (10, 3, 2, "same"),
    (28, 5, 2, "valid"),
    (7, 3, 2, "same"),
    (16, 2, 2, "valid"),
]


def _reference_out_size(n: int, k: int, stride: int, padding: str) -> int:
    if padding == "same":
        return math.ceil(n / stride)
    return (n - k) // stride + 1


def _check_out_size(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. out_size), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise out_size), {type(answer).__name__} nahi.",
        )
    fn: Callable[[int, int, int, str], Any] = answer
    for n, k, stride, padding in _SIZE_PROBES:
        expected = _reference_out_size(n, k, stride, padding)
        got = fn(n, k, stride, padding)
        wrong = expect_close(
            got,
            expected,
            what=f"your size for n={n}, k={k}, stride={stride}, padding={padding!r}",
            what_hi=f"n={n}, k={k}, stride={stride}, padding={padding!r} ke liye tumhara size",
        )
        if wrong is None:
            continue
        if padding == "valid" and got == (n - k) // stride:
            note = (
                ' A "valid" output counts the first position too: add 1.',
                ' "valid" output mein pehli position bhi ginti mein aati hai: 1 jodo.',
            )
        elif padding == "same" and got == n // stride:
            note = (
                ' "same" rounds up: a last, partial step still gives an output (ceil, not floor).',
                ' "same" upar round karta hai: aakhri adhoora step bhi output deta hai (ceil, '
                "floor nahi).",
            )
        elif padding == "same" and got == n:
            note = (
                ' "same" keeps the size only with stride 1; with stride s it is ceil(n / s).',
                ' "same" size tabhi same rakhta hai jab stride 1 ho; stride s pe ceil(n / s).',
            )
        else:
            note = ("", "")
        return Wrong(
            f"{wrong.en} Expected {expected}.{note[0]}", f"{wrong.hi} Expected {expected}.{note[1]}"
        )
    return None


def _valid_without_plus_one(n: int, k: int, stride: int, padding: str) -> int:
    return math.ceil(n / stride) if padding == "same" else (n - k) // stride


def _same_with_floor(n: int, k: int, stride: int, padding: str) -> int:
    return n // stride if padding == "same" else (n - k) // stride + 1


def _same_ignores_stride(n: int, k: int, stride: int, padding: str) -> int:
    return n if padding == "same" else (n - k) // stride + 1


q1 = Exercise(
    name="06 · q1 (output size of a convolution)",
    checker=_check_out_size,
    hint_text=(
        'Count the positions where the filter fits. "valid": the first position, then one more '
        'every `stride` pixels while the filter still fits inside n. "same": padding makes '
        "every start position that lies inside the image count.",
        'Filter kitni jagah fit hota hai, woh gino. "valid": pehli position, phir har `stride` '
        'pixel pe ek aur, jab tak filter n ke andar fit ho. "same": padding ke baad image ke '
        "andar ki har starting position ginti mein aati hai.",
    ),
    solution_text=(
        "```python\n"
        "def out_size(n, k, stride, padding):\n"
        '    if padding == "same":\n'
        "        return math.ceil(n / stride)\n"
        "    return (n - k) // stride + 1\n"
        "```\n"
        "These are the formulas of section 2; the table there checks them against `Conv2D`.",
        'Section 2 ke formulas: "valid" ke liye (n - k) // stride + 1, "same" ke liye '
        "ceil(n / stride). Wahan ki table inko `Conv2D` se match karti hai.",
    ),
    reference=lambda: _reference_out_size,
    mistakes=(
        Mistake("add 1", answer=_valid_without_plus_one),
        Mistake("ceil, not floor", answer=_same_with_floor),
        Mistake("only with stride 1", answer=_same_ignores_stride),
        Mistake("pass your function itself", answer=8),
    ),
)

# --------------------------------------------------------------------------------------------
# q2: the classifier's weights with Flatten instead of global average pooling (section 7)
# --------------------------------------------------------------------------------------------

_FLATTEN_LOGITS = 4 * 4 * 64 * 10 + 10  # 10,250
_GAP_LOGITS = 64 * 10 + 10  # 650


def _check_flatten_params(answer: Any) -> Wrong | None:
    wrong = expect_close(
        answer,
        _FLATTEN_LOGITS,
        what="your count of the `logits` layer's parameters with Flatten",
        what_hi="Flatten ke saath `logits` layer ke parameters ka tumhara count",
        atol=0.5,
        rtol=0,
    )
    if wrong is None:
        return None
    notes = {
        _GAP_LOGITS: (
            "That is the count with global average pooling (64 features); Flatten keeps all "
            "4×4 positions of each of the 64 maps.",
            "Yeh global average pooling wala count hai (64 features); Flatten 64 maps ki saari "
            "4×4 positions rakhta hai.",
        ),
        _FLATTEN_LOGITS - 10: (
            "You forgot the 10 biases, one per class.",
            "Tum 10 biases bhool gaye, har class ka ek.",
        ),
        4 * 4 * 64: (
            "1,024 is the number of features Flatten gives; each of the 10 classes has a "
            "weight for every one of them, plus a bias.",
            "1,024 toh Flatten ke features hain; 10 classes mein se har ek ka har feature ke "
            "liye ek weight hai, plus ek bias.",
        ),
    }
    try:
        return wrong.with_note(notes.get(int(round(float(answer))), ("", "")))
    except (TypeError, ValueError):
        return wrong


q2 = Exercise(
    name="06 · q2 (Flatten's classifier weights)",
    checker=_check_flatten_params,
    hint_text=(
        "After pool2 the maps are 4×4×64. Flatten turns that into one vector; the Dense layer "
        "has one weight per (feature, class) pair, plus one bias per class.",
        "pool2 ke baad maps 4×4×64 hain. Flatten isko ek vector bana deta hai; Dense layer mein "
        "har (feature, class) pair ka ek weight hai, aur har class ka ek bias.",
    ),
    solution_text=(
        "4·4·64 = 1,024 features, so 1,024·10 + 10 = **10,250** parameters, against 64·10 + 10 "
        "= 650 with global average pooling. Check: "
        '`cnn_flat.get_layer("logits").count_params()`.',
        "4·4·64 = 1,024 features, toh 1,024·10 + 10 = **10,250** parameters; global average "
        'pooling ke saath sirf 650. Check: `cnn_flat.get_layer("logits").count_params()`.',
    ),
    reference=lambda: _FLATTEN_LOGITS,
    mistakes=(
        Mistake("global average pooling", answer=_GAP_LOGITS),
        Mistake("10 biases", answer=_FLATTEN_LOGITS - 10),
        Mistake("1,024 is the number of features", answer=4 * 4 * 64),
    ),
)

# --------------------------------------------------------------------------------------------
# q3: the receptive field of conv4 (section 5)
# --------------------------------------------------------------------------------------------

_RF_CONV4 = 14  # conv1 3, conv2 5, pool1 6 (step 2 from here on), conv3 10, conv4 14


def _check_receptive_field(answer: Any) -> Wrong | None:
    wrong = expect_close(
        answer,
        _RF_CONV4,
        what="your receptive field of one conv4 output (in pixels of the 16×16 input)",
        what_hi="conv4 ke ek output ka tumhara receptive field (16×16 input ke pixels mein)",
        atol=0.01,
        rtol=0,
    )
    if wrong is None:
        return None
    try:
        value = round(float(answer))
    except (TypeError, ValueError):
        value = None
    notes = {
        9: (
            "You added 2 for each of the four 3×3 convolutions but left out pool1 and its "
            "stride: after pool1 one step of conv3 and conv4 moves 2 input pixels.",
            "Tumne chaaron 3×3 convolutions ke 2-2 jode, par pool1 aur uska stride chhod diya: "
            "pool1 ke baad conv3 aur conv4 ka ek step input ke 2 pixels ke barabar hai.",
        ),
        10: (
            "You counted pool1's window but not its stride: after pool1 each 3×3 convolution "
            "widens the field by 2 steps of 2 pixels, not by 2 pixels.",
            "Tumne pool1 ki window gini, par stride nahi: pool1 ke baad har 3×3 convolution "
            "field ko 2 pixels nahi, 2 steps × 2 pixels badhata hai.",
        ),
        16: (
            "16 is the whole image: that would include pool2, which comes after conv4.",
            "16 toh poori image hai: usmein pool2 bhi gin liya, jo conv4 ke baad aata hai.",
        ),
    }
    return wrong.with_note(notes.get(value, ("", "")) if value is not None else ("", ""))


q3 = Exercise(
    name="06 · q3 (receptive field of conv4)",
    checker=_check_receptive_field,
    hint_text=(
        "Walk from the input up. Keep two numbers: the field r (start 1) and the step j between "
        "neighbouring outputs in input pixels (start 1). A k×k layer adds (k - 1)·j to r; a "
        "layer with stride s multiplies j by s afterwards.",
        "Input se upar chalo. Do numbers rakho: field r (shuru mein 1) aur step j, yaani do "
        "paas wale outputs ke beech input ke kitne pixels (shuru mein 1). k×k layer r mein "
        "(k - 1)·j jodti hai; stride s wali layer uske baad j ko s se multiply karti hai.",
    ),
    solution_text=(
        "conv1: 1 + 2 = 3; conv2: 3 + 2 = 5; pool1 (2×2, stride 2): 5 + 1 = 6, and the step "
        "becomes 2; conv3: 6 + 2·2 = 10; conv4: 10 + 2·2 = **14** pixels of the 16×16 input. "
        "So one conv4 unit sees almost the whole digit, and global average pooling then "
        "combines all positions.",
        "conv1: 3; conv2: 5; pool1 (2×2, stride 2): 6, aur step ab 2; conv3: 6 + 2·2 = 10; "
        "conv4: 10 + 2·2 = **14** pixels. Matlab conv4 ka ek unit lagbhag poora digit dekhta "
        "hai, aur global average pooling phir saari positions ko milata hai.",
    ),
    reference=lambda: _RF_CONV4,
    mistakes=(
        Mistake("left out pool1", answer=9),
        Mistake("not its stride", answer=10),
        Mistake("whole image", answer=16),
    ),
)

# --------------------------------------------------------------------------------------------
# q4: how long batch norm's running statistics remember (section 8, optional A)
# --------------------------------------------------------------------------------------------


def _steps_to_forget(m: float, weight: float = 0.01) -> int:
    return math.ceil(math.log(weight) / math.log(m))


_FORGET = (_steps_to_forget(0.99), _steps_to_forget(0.9))  # (459, 44)


def _check_forget_steps(answer: Any) -> Wrong | None:
    wrong = expect_close(
        answer,
        _FORGET,
        what="your (steps for m = 0.99, steps for m = 0.9)",
        what_hi="tumhare (m = 0.99 ke steps, m = 0.9 ke steps)",
        atol=1.0,
        rtol=0,
    )
    if wrong is None:
        return None
    try:
        a, b = (float(v) for v in answer)
    except (TypeError, ValueError):
        return wrong
    if abs(a - 100) <= 1 and abs(b - 10) <= 1:
        note = (
            "1 / (1 - m) is the memory's typical length, not when the starting value drops "
            "below 1%: solve m**n < 0.01.",
            "1 / (1 - m) memory ki typical length hai, yeh nahi ki shuruaati value 1% se kab "
            "neeche jaati hai: m**n < 0.01 solve karo.",
        )
    elif abs(a - _FORGET[1]) <= 1 and abs(b - _FORGET[0]) <= 1:
        note = (
            "The two numbers are swapped: give m = 0.99 first.",
            "Dono numbers ulte hain: pehle m = 0.99 wala do.",
        )
    else:
        note = ("", "")
    return Wrong(f"{wrong.en} {note[0]}".strip(), f"{wrong.hi} {note[1]}".strip())


q4 = Exercise(
    name="06 · q4 (batch norm's memory)",
    checker=_check_forget_steps,
    hint_text=(
        "After n steps the starting value still weighs m**n. Find the smallest n with "
        "m**n < 0.01: take logarithms (both are negative, so the inequality flips).",
        "n steps ke baad shuruaati value ka weight m**n hai. Sabse chhota n dhoondo jismein "
        "m**n < 0.01 ho: log lo (dono negative hain, isliye inequality palat jaati hai).",
    ),
    solution_text=(
        "```python\n"
        "steps = tuple(math.ceil(math.log(0.01) / math.log(m)) for m in (0.99, 0.9))  # (459, 44)\n"
        "```\n"
        "One epoch is 36 steps, so momentum 0.99 needs about 13 epochs just to forget its "
        "starting value, more than our whole 12-epoch run; 0.9 needs a little more than one.",
        "Ek epoch 36 steps ka hai, toh 0.99 ko shuruaati value bhoolne mein hi lagbhag 13 "
        "epochs lagte hain, hamari poori 12-epoch training se zyada; 0.9 ko ek epoch se thoda "
        "zyada.",
    ),
    reference=lambda: _FORGET,
    mistakes=(
        Mistake("1 / (1 - m)", answer=(100, 10)),
        Mistake("swapped", answer=(44, 459)),
        Mistake("shape", answer=459),
    ),
)
