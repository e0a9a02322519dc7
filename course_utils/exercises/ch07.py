"""Self-checking exercises of chapter 07 (YOLO object detection).

See :mod:`course_utils.exercises` for how checks work.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from course_utils.detection import iou
from course_utils.detection import non_max_suppression as nms_reference
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

# --------------------------------------------------------------------------------------------
# q2: NMS per class (section 4)
# --------------------------------------------------------------------------------------------

# (boxes, scores, class ids, what the probe tests)
_NMS_PROBES = [
    (
        [[0, 0, 10, 10], [1, 0, 11, 10], [30, 30, 40, 40]],
        [0.9, 0.8, 0.7],
        [0, 0, 0],
        "one class, a duplicate and a far box",
        "ek class, ek duplicate aur ek door wala box",
    ),
    (
        [[0, 0, 10, 10], [1, 0, 11, 10], [0, 1, 10, 11]],
        [0.9, 0.8, 0.7],
        [0, 1, 0],
        "overlapping boxes of two classes",
        "do classes ke overlapping boxes",
    ),
    (
        [[0, 0, 10, 10], [0, 0, 10, 5], [20, 20, 30, 30]],
        [0.6, 0.7, 0.5],
        [2, 2, 1],
        "a pair with IoU exactly 0.5, listed worst first",
        "exactly 0.5 IoU wala pair, kam score wala pehle",
    ),
]


def _reference_nms_per_class(boxes: Any, scores: Any, class_ids: Any, iou_threshold: float = 0.5):
    boxes = np.asarray(boxes, dtype=float)
    scores = np.asarray(scores, dtype=float)
    class_ids = np.asarray(class_ids)
    keep = []
    for k in np.unique(class_ids):
        idx = np.flatnonzero(class_ids == k)
        order = idx[np.argsort(-scores[idx], kind="stable")]
        while order.size:
            best, rest = order[0], order[1:]
            keep.append(int(best))
            order = rest[iou(boxes[best], boxes[rest])[0] <= iou_threshold]
    keep = np.array(keep, dtype=int)
    return keep[np.argsort(-scores[keep], kind="stable")]


def _check_nms_function(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. nms_per_class), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise nms_per_class), {type(answer).__name__} nahi.",
        )
    for boxes, scores, ids, what_en, what_hi in _NMS_PROBES:
        expected = nms_reference(boxes, scores, iou_threshold=0.5, class_ids=ids).tolist()
        got = [
            int(i)
            for i in np.asarray(
                answer(np.asarray(boxes), np.asarray(scores), np.asarray(ids), 0.5)
            ).reshape(-1)
        ]
        if got == expected:
            continue
        note = ("", "")
        if sorted(got) == sorted(expected):
            note = (
                " The right boxes, but return them best score first.",
                " Boxes sahi hain, par unko best score pehle wale order mein do.",
            )
        elif set(got) < set(expected) and "two classes" in what_en:
            note = (
                " A box of another class must never suppress this one: run NMS per class.",
                " Doosri class ka box isko kabhi suppress nahi kar sakta: NMS har class pe alag "
                "chalao.",
            )
        elif set(got) < set(expected) and "exactly 0.5" in what_en:
            note = (
                " Drop a box only when its IoU is *above* the threshold; 0.5 itself is kept.",
                " Box tabhi hatao jab IoU threshold se *zyada* ho; exactly 0.5 wala rehta hai.",
            )
        return Wrong(
            f"for {what_en} your function kept {got}; expected {expected}.{note[0]}",
            f"{what_hi} ke liye tumhare function ne {got} rakhe; chahiye the {expected}.{note[1]}",
        )
    return None


def _nms_class_blind(boxes: Any, scores: Any, class_ids: Any, iou_threshold: float = 0.5):
    return nms_reference(boxes, scores, iou_threshold)


def _nms_drops_at_threshold(boxes: Any, scores: Any, class_ids: Any, iou_threshold: float = 0.5):
    # ">=" instead of ">": a pair at exactly the threshold loses a box
    return _reference_nms_per_class(boxes, scores, class_ids, iou_threshold - 1e-9)


def _nms_unsorted(boxes: Any, scores: Any, class_ids: Any, iou_threshold: float = 0.5):
    return np.sort(_reference_nms_per_class(boxes, scores, class_ids, iou_threshold))


q2 = Exercise(
    name="07 · q2 (NMS per class)",
    checker=_check_nms_function,
    hint_text=(
        "Run the `nms` loop of section 4 once for each class, on that class's boxes only, map "
        "the kept positions back to indices of the full list, then sort all kept indices by "
        "score, best first.",
        "Section 4 wala `nms` loop har class ke liye alag chalao, sirf us class ke boxes pe; "
        "rakhe gaye positions ko poori list ke indices mein badlo, phir saare indices ko score "
        "ke hisaab se sort karo, best pehle.",
    ),
    solution_text=(
        "```python\n"
        "def nms_per_class(boxes, scores, class_ids, iou_threshold=0.5):\n"
        "    keep = []\n"
        "    for k in np.unique(class_ids):\n"
        "        idx = np.flatnonzero(class_ids == k)\n"
        "        keep.extend(idx[nms(boxes[idx], scores[idx], iou_threshold)])\n"
        "    keep = np.array(keep, dtype=int)\n"
        "    return keep[np.argsort(-scores[keep], kind='stable')]\n"
        "```",
        "Upar wala code: har class ke indices nikaalo, unpe `nms` chalao, wapas poori list ke "
        "indices mein badlo, aur end mein score ke hisaab se sort karo.",
    ),
    reference=lambda: _reference_nms_per_class,
    mistakes=(
        Mistake("run NMS per class", answer=_nms_class_blind),
        Mistake("*above* the threshold", answer=_nms_drops_at_threshold),
        Mistake("best score first", answer=_nms_unsorted),
        Mistake("pass your function itself", answer=[0, 2]),
    ),
)

# --------------------------------------------------------------------------------------------
# q3: AP of a small ranked list (section 5)
# --------------------------------------------------------------------------------------------

_Q3_HITS = [True, False, True, True, False, False]  # 5 objects
_Q3_AP = 0.5  # 0.2 x 1 + 0.2 x 0.75 + 0.2 x 0.75
_Q3_NOTES = {
    round(0.2 * 1 + 0.2 * 2 / 3 + 0.2 * 3 / 4, 4): (
        "That is the area without interpolation: at recall 0.4 use the best precision at that "
        "recall *or higher* (0.75 at rank 4), not 2/3.",
        "Yeh interpolation ke bina wala area hai: recall 0.4 pe us recall ya usse zyada pe "
        "sabse acchi precision lo (rank 4 pe 0.75), 2/3 nahi.",
    ),
    round(6 / 11, 4): (
        "That is VOC 2007's 11-point average; the course uses the all-point area.",
        "Yeh VOC 2007 ka 11-point average hai; course all-point area use karta hai.",
    ),
    round(0.5 / 0.6, 4): (
        "Recall is divided by all 5 objects, found or not: the unfound ones add no area.",
        "Recall saare 5 objects se divide hota hai, mile ya na mile: jo nahi mile unka area "
        "zero hai.",
    ),
}


def _check_ap_number(answer: Any) -> Wrong | None:
    wrong = expect_close(answer, _Q3_AP, what="your AP", what_hi="tumhara AP", atol=1e-3, rtol=0)
    if wrong is None:
        return None
    try:
        return wrong.with_note(_Q3_NOTES.get(round(float(answer), 4), ("", "")))
    except (TypeError, ValueError):
        return wrong


q3 = Exercise(
    name="07 · q3 (AP by hand)",
    checker=_check_ap_number,
    hint_text=(
        "Write precision and recall after each of the 6 detections (recall = hits / 5). Then, "
        "for each hit, take the best precision at that rank or any later rank, and multiply "
        "by the recall it adds (1/5).",
        "Har detection ke baad precision aur recall likho (recall = hits / 5). Phir har hit "
        "ke liye us rank ya baad ki kisi rank pe sabse acchi precision lo, aur usko us hit ke "
        "recall (1/5) se multiply karo.",
    ),
    solution_text=(
        "Precision 1, 1/2, 2/3, 3/4, 3/5, 1/2; recall 0.2, 0.2, 0.4, 0.6, 0.6, 0.6. The "
        "staircase gives 1 for the first hit and 0.75 for the second and third, so "
        "AP = 0.2·1 + 0.2·0.75 + 0.2·0.75 = **0.5**. Check: "
        "`detection.average_precision([1, 0, 1, 1, 0, 0], n_true=5)`.",
        "Pehle hit ke liye staircase 1 deta hai, doosre aur teesre ke liye 0.75, toh AP = "
        "0.2·1 + 0.2·0.75 + 0.2·0.75 = **0.5**. `detection.average_precision` se check karo.",
    ),
    reference=lambda: _Q3_AP,
    mistakes=(
        Mistake("without interpolation", answer=0.2 * 1 + 0.2 * 2 / 3 + 0.2 * 3 / 4),
        Mistake("11-point", answer=6 / 11),
        Mistake("all 5 objects", answer=0.5 / 0.6),
    ),
)

# --------------------------------------------------------------------------------------------
# q4: decode one grid cell by hand (section 6)
# --------------------------------------------------------------------------------------------

_Q4_BOX = (34.0, 16.0, 50.0, 40.0)  # row 3, col 5, x 0.25, y 0.5, w 0.25, h 0.375; 8x8 of 64 px


def _check_decoded_box(answer: Any) -> Wrong | None:
    wrong = expect_close(
        answer,
        _Q4_BOX,
        what="your box (x1, y1, x2, y2)",
        what_hi="tumhara box (x1, y1, x2, y2)",
        atol=0.01,
        rtol=0,
    )
    if wrong is None:
        return None
    try:
        got = tuple(round(float(v), 2) for v in answer)
    except (TypeError, ValueError):
        return wrong
    notes = {
        (18.0, 32.0, 34.0, 56.0): (
            "Rows go down (y) and columns go across (x): the column gives x.",
            "Rows neeche ki taraf (y) hain aur columns right ki taraf (x): x column se aata hai.",
        ),
        (42.0, 28.0, 16.0, 24.0): (
            "That is (centre x, centre y, width, height); convert to the corners.",
            "Yeh (centre x, centre y, width, height) hai; corners mein badlo.",
        ),
        (8.0, 20.0, 24.0, 44.0): (
            "x and y are offsets inside the cell, not fractions of the image: add the cell's "
            "column and row first.",
            "x aur y cell ke andar ke offsets hain, image ke fraction nahi: pehle cell ka "
            "column aur row jodo.",
        ),
    }
    return wrong.with_note(notes.get(got, ("", "")))


q4 = Exercise(
    name="07 · q4 (decode a cell by hand)",
    checker=_check_decoded_box,
    hint_text=(
        "The centre is ((column + x) · cell, (row + y) · cell) with cell = 64 / 8 = 8 pixels; "
        "width and height are fractions of the whole image (64 pixels).",
        "Centre = ((column + x) · cell, (row + y) · cell), cell = 64 / 8 = 8 pixels; width aur "
        "height poori image (64 pixels) ke fraction hain.",
    ),
    solution_text=(
        "Centre x = (5 + 0.25)·8 = 42, centre y = (3 + 0.5)·8 = 28, width 0.25·64 = 16, "
        "height 0.375·64 = 24, so the box is **(34, 16, 50, 40)**. Check: "
        "`detection.decode_grid` on a grid with that one cell filled in.",
        "Centre x = 42, centre y = 28, width 16, height 24, toh box **(34, 16, 50, 40)** hai.",
    ),
    reference=lambda: _Q4_BOX,
    mistakes=(
        Mistake("the column gives x", answer=(18, 32, 34, 56)),
        Mistake("convert to the corners", answer=(42, 28, 16, 24)),
        Mistake("offsets inside the cell", answer=(8, 20, 24, 44)),
    ),
)
