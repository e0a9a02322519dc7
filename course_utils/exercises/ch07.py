"""Self-checking exercises of chapter 07 (YOLO object detection).

See :mod:`course_utils.exercises` for how checks work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from course_utils.detection import iou
from course_utils.exercises import Exercise, Mistake, Wrong, expect_close

# (box_a, box_b, what the pair is): probes that separate a correct IoU from the usual slips.
_IOU_PROBES = [
    ((0, 0, 10, 10), (0, 0, 10, 10), "identical boxes", "ek jaise boxes"),
    ((0, 0, 10, 10), (10, 0, 20, 10), "touching boxes", "sirf touch karne wale boxes"),
    (
        (0, 0, 10, 10),
        (5, 0, 15, 10),
        "boxes overlapping by half their width",
        "aadhi width overlap karne wale boxes",
    ),
    ((0, 0, 10, 10), (20, 20, 30, 30), "boxes far apart", "door-door wale boxes"),
    ((0, 0, 10, 10), (2, 2, 4, 4), "a small box inside a big one", "bade box ke andar chhota box"),
]
_TOUCHING_NOTE = (
    " Boxes that only touch share no area: their IoU is 0.",
    " Jo boxes sirf touch karte hain unka common area zero hai, isliye IoU 0 hota hai.",
)


def _check_iou_function(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. my_iou), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise my_iou), {type(answer).__name__} nahi.",
        )
    fn: Callable[[Any, Any], Any] = answer
    for box_a, box_b, what_en, what_hi in _IOU_PROBES:
        expected = float(iou([box_a], [box_b])[0, 0])
        wrong = expect_close(
            fn(box_a, box_b),
            expected,
            what=f"your IoU for the {what_en} {box_a} and {box_b}",
            what_hi=f"{what_hi} {box_a} aur {box_b} ke liye tumhara IoU",
        )
        if wrong is not None:
            note_en, note_hi = _TOUCHING_NOTE if what_en == "touching boxes" else ("", "")
            return Wrong(
                f"{wrong.en} Expected {expected:.3f}.{note_en}",
                f"{wrong.hi} Expected {expected:.3f}.{note_hi}",
            )
    return None


def _reference_iou(box_a: Any, box_b: Any) -> float:
    ax1, ay1, ax2, ay2 = box_a
    bx1, by1, bx2, by2 = box_b
    inter_w = max(0.0, min(ax2, bx2) - max(ax1, bx1))
    inter_h = max(0.0, min(ay2, by2) - max(ay1, by1))
    inter = inter_w * inter_h
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
    return inter / union if union > 0 else 0.0


def _iou_plus_one_pixel(box_a: Any, box_b: Any) -> float:
    # The old "+1 pixel" convention: widths x2 - x1 + 1. Touching boxes then overlap.
    ax1, ay1, ax2, ay2 = box_a
    bx1, by1, bx2, by2 = box_b
    inter = max(0, min(ax2, bx2) - max(ax1, bx1) + 1) * max(0, min(ay2, by2) - max(ay1, by1) + 1)
    area_a = (ax2 - ax1 + 1) * (ay2 - ay1 + 1)
    area_b = (bx2 - bx1 + 1) * (by2 - by1 + 1)
    return inter / (area_a + area_b - inter)


def _intersection_over_sum(box_a: Any, box_b: Any) -> float:
    # Forgets to subtract the intersection from the union.
    ax1, ay1, ax2, ay2 = box_a
    bx1, by1, bx2, by2 = box_b
    inter = max(0, min(ax2, bx2) - max(ax1, bx1)) * max(0, min(ay2, by2) - max(ay1, by1))
    return inter / ((ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1))


q1 = Exercise(
    name="07 · q1 (IoU by hand)",
    checker=_check_iou_function,
    hint_text=(
        "The intersection is a rectangle from the larger of the two left/top edges to the smaller "
        "of the two right/bottom edges; clip its width and height at 0. "
        "The union is area A + area B - intersection.",
        "Intersection ek rectangle hai: left/top edges mein se bada wala, right/bottom edges mein "
        "se chhota wala. Uski width aur height ko 0 pe clip karo. Union = area A + area B - "
        "intersection.",
    ),
    solution_text=(
        "```python\n"
        "def my_iou(a, b):\n"
        "    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))\n"
        "    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))\n"
        "    inter = w * h\n"
        "    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter\n"
        "    return inter / union if union > 0 else 0.0\n"
        "```",
        "Upar wala code dekho: pehle overlap ki width aur height (negative ho toh 0), phir "
        "intersection ko union se divide karo. Union mein intersection do baar na gino, isliye "
        "usko ek baar subtract karte hain.",
    ),
    reference=lambda: _reference_iou,
    mistakes=(
        Mistake("touching boxes", answer=_iou_plus_one_pixel),
        Mistake("identical boxes", answer=_intersection_over_sum),
        Mistake("pass your function itself", answer=0.5),
    ),
)
