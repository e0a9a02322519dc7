"""The course's average precision against an independent implementation (chapter 07).

``voc_style_ap`` below is written the way the PASCAL VOC devkit's ``voc_eval`` works (a
per-image record of ground truth with a "detected" flag, detections sorted by confidence,
``ovmax >= threshold`` to match, then the area under the precision envelope over the recall
steps), on continuous boxes: no ``+1`` pixel widths, as in ``course_utils.detection.iou``. It
shares no code with ``course_utils.detection``, so a bug in the course's matching (a duplicate
counted as a hit, a box of another image or class matched, a wrong envelope) shows up as a
difference on random detection sets. ``coco=True`` switches to pycocotools' ``evaluateImg``
rule: a detection takes, among the true boxes not matched yet, the one with the highest IoU of at
least the threshold.
"""

from __future__ import annotations

import numpy as np
import pytest

from course_utils import detection


def box_iou(a: np.ndarray, b: np.ndarray) -> float:
    """IoU of two (x1, y1, x2, y2) boxes, by the definition."""
    w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
    h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
    inter = w * h
    union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter
    return inter / union if union > 0 else 0.0


Images = list[np.ndarray]


def voc_style_ap(
    gt_boxes: Images,
    gt_labels: Images,
    det_boxes: Images,
    det_labels: Images,
    det_scores: Images,
    cls: int,
    threshold: float,
    coco: bool = False,
) -> float | None:
    """AP of class ``cls``, or None when it has no ground truth (the devkit divides by 0)."""
    records: dict[int, dict[str, list]] = {
        i: {"boxes": [b for b, label in zip(boxes, labels, strict=True) if label == cls]}
        for i, (boxes, labels) in enumerate(zip(gt_boxes, gt_labels, strict=True))
    }
    for record in records.values():
        record["detected"] = [False] * len(record["boxes"])
    npos = sum(len(r["boxes"]) for r in records.values())
    image_ids, confidence, boxes = [], [], []
    for i, image in enumerate(zip(det_boxes, det_labels, det_scores, strict=True)):
        for box, label, score in zip(*image, strict=True):
            if label == cls:
                image_ids.append(i)
                confidence.append(score)
                boxes.append(box)
    order = np.argsort(-np.asarray(confidence, dtype=float), kind="stable")
    tp, fp = np.zeros(len(order)), np.zeros(len(order))
    for d, index in enumerate(order):
        record = records[image_ids[index]]
        overlaps = [box_iou(np.asarray(boxes[index]), np.asarray(g)) for g in record["boxes"]]
        if coco:  # pycocotools: the best of the still-unmatched boxes, IoU >= threshold
            m, best = -1, min(threshold, 1 - 1e-10)
            for g, overlap in enumerate(overlaps):
                if record["detected"][g] or overlap < best:
                    continue
                m, best = g, overlap
            if m >= 0:
                tp[d] = 1.0
                record["detected"][m] = True
            else:
                fp[d] = 1.0
            continue
        ovmax = max(overlaps, default=-np.inf)
        if ovmax >= threshold:
            jmax = int(np.argmax(overlaps))
            if not record["detected"][jmax]:
                tp[d] = 1.0
                record["detected"][jmax] = True
            else:
                fp[d] = 1.0
        else:
            fp[d] = 1.0
    if npos == 0:
        return None
    fp, tp = np.cumsum(fp), np.cumsum(tp)
    rec = tp / npos
    prec = tp / np.maximum(tp + fp, np.finfo(np.float64).eps)
    mrec = np.concatenate(([0.0], rec, [1.0]))
    mpre = np.concatenate(([0.0], prec, [0.0]))
    for i in range(mpre.size - 1, 0, -1):
        mpre[i - 1] = max(mpre[i - 1], mpre[i])
    i = np.where(mrec[1:] != mrec[:-1])[0]
    return float(np.sum((mrec[i + 1] - mrec[i]) * mpre[i + 1]))


def random_box(rng: np.random.Generator, near: np.ndarray | None = None) -> np.ndarray:
    if near is not None:  # a jittered copy of a true box: a hit, a near miss or a duplicate
        return near + rng.normal(0, 4, 4)
    x1, y1 = rng.uniform(0, 48, 2)
    w, h = rng.uniform(6, 24, 2)
    return np.array([x1, y1, x1 + w, y1 + h])


def random_set(seed: int, num_classes: int = 3) -> tuple[Images, ...]:
    rng = np.random.default_rng(seed)
    gt_b, gt_l, det_b, det_l, det_s = [], [], [], [], []
    for _ in range(rng.integers(1, 6)):
        n_true = int(rng.integers(0, 4))
        tb = np.array([random_box(rng) for _ in range(n_true)]).reshape(-1, 4)
        tl = rng.integers(0, num_classes, n_true)
        pb, pl = [], []
        for box, label in zip(tb, tl, strict=True):
            for _ in range(rng.integers(0, 3)):  # 0, 1 or 2 detections near each true box
                pb.append(random_box(rng, near=box))
                pl.append(label if rng.random() < 0.8 else rng.integers(0, num_classes))
        for _ in range(rng.integers(0, 3)):  # and some background detections
            pb.append(random_box(rng))
            pl.append(rng.integers(0, num_classes))
        pb_arr = np.array(pb).reshape(-1, 4)
        pb_arr = np.concatenate([np.minimum(pb_arr[:, :2], pb_arr[:, 2:] - 1), pb_arr[:, 2:]], 1)
        gt_b.append(tb)
        gt_l.append(np.asarray(tl, dtype=int))
        det_b.append(pb_arr)
        det_l.append(np.asarray(pl, dtype=int))
        det_s.append(rng.random(len(pb)))  # continuous scores: no ties to order
    return gt_b, gt_l, det_b, det_l, det_s


@pytest.mark.parametrize("matching", ["voc", "coco"])
@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.75])
def test_class_average_precisions_match_an_independent_reference(
    threshold: float, matching: str
) -> None:
    compared = 0
    for seed in range(200):
        gt_b, gt_l, det_b, det_l, det_s = random_set(seed)
        ours = detection.class_average_precisions(
            gt_b, gt_l, det_b, det_l, det_s, iou_threshold=threshold, num_classes=3,
            matching=matching,
        )  # fmt: skip
        for cls in range(3):
            reference = voc_style_ap(
                gt_b, gt_l, det_b, det_l, det_s, cls, threshold, coco=matching == "coco"
            )
            if reference is None:
                assert cls not in ours, "a class without ground truth has no AP"
                continue
            assert ours[cls] == pytest.approx(reference, abs=1e-12), (seed, cls)
            compared += 1
    assert compared > 300  # the sets do exercise the matching (hits, duplicates, misses)


def test_the_two_matching_rules_differ_in_a_crowd() -> None:
    """Where one detection straddles two true boxes, VOC can call a good second one a duplicate."""
    differ = 0
    for seed in range(200):
        sets = random_set(seed)
        voc = detection.mean_average_precision(*sets, iou_threshold=0.3, num_classes=3)
        coco = detection.mean_average_precision(
            *sets, iou_threshold=0.3, num_classes=3, matching="coco"
        )
        differ += voc != coco
    assert differ > 0, "no random set told the rules apart: the switch does nothing"
    with pytest.raises(ValueError, match="'voc' .* or 'coco'"):
        detection.mean_average_precision(*random_set(0), matching="pascal")
