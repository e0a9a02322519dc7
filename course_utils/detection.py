"""Object detection, YOLO style: a shapes dataset, IoU, NMS, grid targets, mAP and drawing.

Introduced in chapter 07. One box convention everywhere: ``(x1, y1, x2, y2)`` in **pixels**,
with ``(0, 0)`` the top-left corner of the image, x to the right and y down. Pixel ``(row i,
column j)`` covers ``[j, j + 1) x [i, i + 1)``, so the box of a whole 64x64 image is
``(0, 0, 64, 64)`` and a box's width is ``x2 - x1``.

A YOLO-v1-style grid (:func:`encode_grid`) has one row of ``5 + C`` numbers per cell::

    [objectness, x_in_cell, y_in_cell, width, height, p(class 0), ..., p(class C-1)]

``x_in_cell``/``y_in_cell`` place the box centre inside its cell (0 = left/top edge of the
cell, 1 = right/bottom edge) and ``width``/``height`` are fractions of the image size. A
detector that outputs the same layout (sigmoid/softmax already applied) is decoded by
:func:`decode_grid`, exactly like a target.

>>> images, boxes, labels = make_shapes_dataset(n=2, seed=0)
>>> images.shape, images.dtype
((2, 64, 64, 3), dtype('float32'))
>>> float(iou([0, 0, 4, 4], [2, 0, 6, 4])[0, 0])  # 8 px shared, 24 px covered
0.3333333333333333
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from course_utils._checks import check_array, check_int, check_number

#: The shapes of :func:`make_shapes_dataset`; a class id is an index into this tuple.
CLASS_NAMES: tuple[str, ...] = ("circle", "square", "triangle")

#: One colour per class when drawing (the course palette).
CLASS_COLORS: tuple[str, ...] = ("#E69F00", "#56B4E9", "#CC79A7", "#009E73", "#D55E00")

ArrayLike = Any  # anything np.asarray accepts


# --------------------------------------------------------------------------------------------
# Input checks
# --------------------------------------------------------------------------------------------


def _as_boxes(boxes: ArrayLike, name: str = "boxes") -> np.ndarray:
    """``boxes`` as a float64 array of shape (N, 4); one box of shape (4,) becomes (1, 4)."""
    arr = check_array(boxes, name, dtype="float64")
    if arr.size == 0:
        return np.zeros((0, 4))
    if arr.ndim == 1:
        arr = arr[np.newaxis]
    if arr.ndim != 2 or arr.shape[1] != 4:
        raise ValueError(
            f"{name} must have shape (N, 4), one (x1, y1, x2, y2) row per box, "
            f"got shape {np.asarray(boxes).shape}"
        )
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinite coordinates")
    if (arr[:, 2] < arr[:, 0]).any() or (arr[:, 3] < arr[:, 1]).any():
        bad = int(np.flatnonzero((arr[:, 2] < arr[:, 0]) | (arr[:, 3] < arr[:, 1]))[0])
        raise ValueError(
            f"{name}[{bad}] = {arr[bad].tolist()} is not (x1, y1, x2, y2) with x2 >= x1 and "
            "y2 >= y1 (are the coordinates in another order, e.g. (x, y, w, h) or (y1, x1, ...)?)"
        )
    return arr


def _check_threshold(value: float, name: str) -> float:
    value = check_number(value, name)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {value}")
    return value


def _check_scores(scores: ArrayLike, name: str = "scores") -> np.ndarray:
    """Scores as a float64 vector without NaN/infinity (a NaN score would rank anywhere)."""
    return check_array(scores, name, finite=True, dtype="float64").reshape(-1)


def _check_labels(labels: ArrayLike, num_classes: int, name: str = "labels") -> np.ndarray:
    arr = np.asarray(labels)
    if arr.size == 0:
        return np.zeros(0, dtype=np.int64)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of class ids, got shape {arr.shape}")
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must hold integer class ids 0 to {num_classes - 1}, got "
            f"{arr[:3].tolist()} (dtype {arr.dtype}); turn names into ids first, e.g. "
            "CLASS_NAMES.index('circle')"
        )
    if not np.issubdtype(arr.dtype, np.integer):
        if not np.all(np.mod(arr, 1) == 0):
            raise ValueError(f"{name} must hold integer class ids, got {arr[:5].tolist()}")
        arr = arr.astype(np.int64)
    unknown = arr[(arr < 0) | (arr >= num_classes)]
    if unknown.size:
        raise ValueError(
            f"unknown class id {int(unknown[0])} in {name}: accepted ids are 0 to "
            f"{num_classes - 1}" + (f" ({', '.join(CLASS_NAMES)})" if num_classes == 3 else "")
        )
    return arr.astype(np.int64)


# --------------------------------------------------------------------------------------------
# The data
# --------------------------------------------------------------------------------------------


def _shape_mask(kind: str, size: int) -> np.ndarray:
    """Boolean (size, size) mask of the box's pixels whose centre lies inside the shape."""
    centres = np.arange(size) + 0.5
    yy, xx = centres[:, None], centres[None, :]
    half = size / 2
    if kind == "circle":
        return (xx - half) ** 2 + (yy - half) ** 2 <= half**2
    if kind == "square":
        return np.ones((size, size), dtype=bool)
    # an upright triangle, apex at the top centre, base along the bottom edge of the box; each
    # row is as wide as the triangle at the row's lower edge, so the apex row is drawn too
    return np.abs(xx - half) <= (yy + 0.5) / size * half


def make_shapes_dataset(
    n: int = 1000,
    image_size: int = 64,
    min_objects: int = 1,
    max_objects: int = 3,
    min_size: int = 12,
    max_size: int = 28,
    noise: float = 0.05,
    classes: Sequence[str] = CLASS_NAMES,
    seed: int = 0,
) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """Images of circles, squares and triangles on a noisy background, with boxes and labels.

    Chapter 07 (registered as ``data.load_dataset("shapes", ...)``). Each image holds
    ``min_objects`` to ``max_objects`` shapes (fewer only when no free spot is found, which is
    rare) of side ``min_size`` to ``max_size`` pixels, at random integer positions and in random
    bright colours, on a dark background of random colour with Gaussian noise (std ``noise``).
    Shapes do not overlap; with ``min_size`` at least the cell size, no two centres share a cell
    of an 8x8 grid. Colour says nothing about the class: only the shape does.

    Returns ``(images, boxes, labels)``:

    * ``images``: float32 array ``(n, image_size, image_size, 3)`` in [0, 1];
    * ``boxes``: list of ``n`` float32 arrays of shape ``(k_i, 4)``, ``(x1, y1, x2, y2)`` in
      pixels (the box of the whole image is ``(0, 0, image_size, image_size)``);
    * ``labels``: list of ``n`` int64 arrays of shape ``(k_i,)``, indices into
      :data:`CLASS_NAMES` (``0`` circle, ``1`` square, ``2`` triangle).

    Image ``i`` depends only on ``(seed, i)``: the first 10 images of ``n=100`` equal those of
    ``n=10``, and a different seed gives new images (use one seed for training, another for
    testing).

    >>> images, boxes, labels = make_shapes_dataset(n=3, seed=1)
    >>> len(boxes), boxes[0].shape[1], labels[0].dtype
    (3, 4, dtype('int64'))
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n (the number of images) must be a positive integer, got {n!r}")
    seed = check_int(seed, "seed", min_value=0)
    image_size = check_int(image_size, "image_size", min_value=2)
    min_objects = check_int(min_objects, "min_objects")
    max_objects = check_int(max_objects, "max_objects")
    min_size = check_int(min_size, "min_size")
    max_size = check_int(max_size, "max_size")
    noise = check_number(noise, "noise")
    if not 1 <= min_objects <= max_objects:
        raise ValueError(
            f"need 1 <= min_objects <= max_objects, got min_objects={min_objects}, "
            f"max_objects={max_objects}"
        )
    if not 2 <= min_size <= max_size <= image_size:
        raise ValueError(
            f"need 2 <= min_size <= max_size <= image_size, got min_size={min_size}, "
            f"max_size={max_size}, image_size={image_size}"
        )
    if noise < 0:
        raise ValueError(f"noise (a standard deviation) must be >= 0, got {noise}")
    if isinstance(classes, str):
        classes = (classes,)
    unknown = [c for c in classes if c not in CLASS_NAMES]
    if unknown or not classes:
        raise ValueError(
            f"unknown class {unknown[0] if unknown else '(none given)'!r}: "
            f"accepted classes are {', '.join(CLASS_NAMES)}"
        )
    class_ids = np.array([CLASS_NAMES.index(c) for c in classes])

    images = np.empty((n, image_size, image_size, 3), dtype=np.float32)
    all_boxes: list[np.ndarray] = []
    all_labels: list[np.ndarray] = []
    for i in range(n):
        rng = np.random.default_rng([int(seed), i])
        background = rng.uniform(0.0, 0.35, size=3).astype(np.float32)
        image = background + noise * rng.standard_normal((image_size, image_size, 3), np.float32)
        wanted = int(rng.integers(min_objects, max_objects + 1))
        placed: list[list[float]] = []
        kinds: list[int] = []
        for _ in range(wanted):
            for _attempt in range(50):
                size = int(rng.integers(min_size, max_size + 1))
                x1, y1 = (int(v) for v in rng.integers(0, image_size - size + 1, size=2))
                box = [x1, y1, x1 + size, y1 + size]
                # keep a 1-pixel gap so shapes never touch
                if all(
                    box[0] >= b[2] + 1
                    or b[0] >= box[2] + 1
                    or box[1] >= b[3] + 1
                    or b[1] >= box[3] + 1
                    for b in placed
                ):
                    break
            else:
                continue  # no free spot for this object: the image gets one fewer
            kind = int(rng.choice(class_ids))
            colour = rng.uniform(0.5, 1.0, size=3)
            mask = _shape_mask(CLASS_NAMES[kind], size)
            window = image[y1 : y1 + size, x1 : x1 + size]
            window[mask] = colour + noise * rng.standard_normal((int(mask.sum()), 3))
            placed.append([float(v) for v in box])
            kinds.append(kind)
        images[i] = np.clip(image, 0.0, 1.0)
        all_boxes.append(np.asarray(placed, dtype=np.float32).reshape(-1, 4))
        all_labels.append(np.asarray(kinds, dtype=np.int64))
    return images, all_boxes, all_labels


# --------------------------------------------------------------------------------------------
# IoU and non-maximum suppression
# --------------------------------------------------------------------------------------------


def iou(boxes_a: ArrayLike, boxes_b: ArrayLike) -> np.ndarray:
    """Intersection over union of every box in ``boxes_a`` with every box in ``boxes_b``.

    Chapter 07. Boxes are ``(x1, y1, x2, y2)``; shapes ``(N, 4)`` and ``(M, 4)`` (one box may be
    given as ``(4,)``). Returns an ``(N, M)`` float array; boxes that do not overlap give 0, and
    two empty (zero-area) boxes give 0 too rather than 0/0.

    >>> iou([[0, 0, 10, 10]], [[0, 0, 10, 10], [5, 0, 15, 10], [20, 20, 30, 30]]).round(3)
    array([[1.   , 0.333, 0.   ]])
    """
    a, b = _as_boxes(boxes_a, "boxes_a"), _as_boxes(boxes_b, "boxes_b")
    top_left = np.maximum(a[:, None, :2], b[None, :, :2])
    bottom_right = np.minimum(a[:, None, 2:], b[None, :, 2:])
    wh = np.clip(bottom_right - top_left, 0.0, None)
    inter = wh[..., 0] * wh[..., 1]
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1])
    area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    union = area_a[:, None] + area_b[None, :] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def non_max_suppression(
    boxes: ArrayLike,
    scores: ArrayLike,
    iou_threshold: float = 0.5,
    max_outputs: int | None = None,
    class_ids: ArrayLike | None = None,
) -> np.ndarray:
    """Greedy non-maximum suppression: the indices of the boxes to keep, best score first.

    Chapter 07. Repeat: keep the highest-scoring box left, drop every remaining box whose IoU
    with it is *above* ``iou_threshold``. Same rule as ``tf.image.non_max_suppression``. With
    ``class_ids``, boxes of different classes never suppress each other (NMS per class).
    A NaN or infinite score is an error (it has no rank).

    >>> non_max_suppression([[0, 0, 10, 10], [1, 0, 11, 10], [30, 30, 40, 40]], [0.9, 0.8, 0.7])
    array([0, 2])
    """
    b = _as_boxes(boxes)
    s = _check_scores(scores)
    if s.shape[0] != b.shape[0]:
        raise ValueError(f"got {b.shape[0]} boxes but {s.shape[0]} scores: need one score per box")
    _check_threshold(iou_threshold, "iou_threshold")
    max_outputs = check_int(max_outputs, "max_outputs", min_value=0, allow_none=True)
    if class_ids is not None:
        c = np.asarray(class_ids).reshape(-1)
        if c.shape[0] != b.shape[0]:
            raise ValueError(f"got {b.shape[0]} boxes but {c.shape[0]} class ids")
        kept = [
            np.flatnonzero(c == k)[non_max_suppression(b[c == k], s[c == k], iou_threshold)]
            for k in np.unique(c)
        ]
        keep = np.concatenate(kept) if kept else np.zeros(0, dtype=np.int64)
        keep = keep[np.argsort(-s[keep], kind="stable")]
        return keep[:max_outputs].astype(np.int64)
    order = np.argsort(-s, kind="stable")
    keep_list: list[int] = []
    while order.size and (max_outputs is None or len(keep_list) < max_outputs):
        best, rest = order[0], order[1:]
        keep_list.append(int(best))
        order = rest[iou(b[best], b[rest])[0] <= iou_threshold]
    return np.asarray(keep_list, dtype=np.int64)


# --------------------------------------------------------------------------------------------
# Grid targets (YOLO v1 style)
# --------------------------------------------------------------------------------------------


def encode_grid(
    boxes: ArrayLike,
    labels: ArrayLike,
    grid_size: int = 8,
    image_size: int = 64,
    num_classes: int = len(CLASS_NAMES),
) -> np.ndarray:
    """Encode one image's boxes as a YOLO-v1-style target grid of shape ``(S, S, 5 + C)``.

    Chapter 07. The cell that contains a box's centre is responsible for it: objectness 1, the
    centre's position inside that cell (0-1), width and height as fractions of the image, and a
    one-hot class. Every other cell is all zeros. If two centres fall into the same cell, the
    larger box wins (a YOLO-v1 cell predicts one object); :func:`make_shapes_dataset` with
    ``min_size >= image_size / grid_size`` never does that.

    >>> grid = encode_grid([[8, 8, 24, 24]], [1], grid_size=4, image_size=32)
    >>> grid[2, 2].tolist()  # row 2, column 2 holds the centre (16, 16)
    [1.0, 0.0, 0.0, 0.5, 0.5, 0.0, 1.0, 0.0]
    """
    b = _as_boxes(boxes)
    lab = _check_labels(labels, num_classes)
    if lab.shape[0] != b.shape[0]:
        raise ValueError(f"got {b.shape[0]} boxes but {lab.shape[0]} labels: need one per box")
    grid_size = check_int(grid_size, "grid_size", min_value=1)
    image_size = check_int(image_size, "image_size", min_value=1)
    num_classes = check_int(num_classes, "num_classes", min_value=1)
    if b.size and (b.min() < 0 or b.max() > image_size):
        raise ValueError(
            f"boxes must lie inside the {image_size}x{image_size} image (pixel coordinates "
            f"0 to {image_size}), got coordinates from {b.min()} to {b.max()}"
        )
    grid = np.zeros((grid_size, grid_size, 5 + num_classes), dtype=np.float32)
    cell = image_size / grid_size
    areas = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    for k in np.argsort(areas, kind="stable"):  # small first, so a larger box overwrites
        x1, y1, x2, y2 = b[k]
        cx, cy = (x1 + x2) / 2 / cell, (y1 + y2) / 2 / cell
        col, row = min(int(cx), grid_size - 1), min(int(cy), grid_size - 1)
        grid[row, col] = 0.0
        grid[row, col, :5] = [
            1.0,
            cx - col,
            cy - row,
            (x2 - x1) / image_size,
            (y2 - y1) / image_size,
        ]
        grid[row, col, 5 + lab[k]] = 1.0
    return grid


def decode_grid(
    grid: ArrayLike, image_size: int = 64, score_threshold: float = 0.5
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Turn one ``(S, S, 5 + C)`` grid (a target or a prediction) back into boxes.

    Chapter 07. A cell's score is objectness x its best class probability (YOLO v1's
    class-specific confidence); cells scoring at least ``score_threshold`` become detections.
    Returns ``(boxes, scores, class_ids)``: float32 ``(K, 4)`` pixel boxes clipped to the
    image, float32 ``(K,)`` and int64 ``(K,)``, best score first. No NMS here: apply
    :func:`non_max_suppression` afterwards. For mAP use a low threshold (e.g. 0.05) so the whole
    precision-recall curve is seen; for drawing, 0.5.

    >>> boxes, scores, ids = decode_grid(encode_grid([[8, 8, 24, 24]], [1], 4, 32), 32)
    >>> boxes.tolist(), scores.tolist(), ids.tolist()
    ([[8.0, 8.0, 24.0, 24.0]], [1.0], [1])
    """
    g = check_array(grid, "grid", finite=True, dtype="float64")
    image_size = check_int(image_size, "image_size", min_value=1)
    if g.ndim != 3 or g.shape[0] != g.shape[1] or g.shape[2] < 6:
        raise ValueError(
            "grid must have shape (S, S, 5 + num_classes) with at least one class, for one "
            f"image (decode a batch image by image), got shape {g.shape}"
        )
    _check_threshold(score_threshold, "score_threshold")
    s = g.shape[0]
    cell = image_size / s
    class_probs = g[..., 5:]
    class_ids = class_probs.argmax(axis=-1)
    scores = g[..., 0] * class_probs.max(axis=-1)
    rows, cols = np.nonzero(scores >= score_threshold)
    cx = (cols + g[rows, cols, 1]) * cell
    cy = (rows + g[rows, cols, 2]) * cell
    w, h = g[rows, cols, 3] * image_size, g[rows, cols, 4] * image_size
    boxes = np.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], axis=-1).reshape(-1, 4)
    boxes = np.clip(boxes, 0.0, image_size)
    found = scores[rows, cols]
    order = np.argsort(-found, kind="stable")
    return (
        boxes[order].astype(np.float32),
        found[order].astype(np.float32),
        class_ids[rows, cols][order].astype(np.int64),
    )


# --------------------------------------------------------------------------------------------
# Mean average precision
# --------------------------------------------------------------------------------------------


def average_precision(is_true_positive: ArrayLike, n_true: int) -> float:
    """Area under the precision-recall curve of one ranked list of detections (all-point).

    Chapter 07. ``is_true_positive`` lists, best score first, whether each detection matched
    an unmatched ground-truth box; ``n_true`` is how many ground-truth boxes exist. PASCAL VOC
    (2010+) interpolation: precision at recall r is the best precision at any recall >= r,
    and AP sums it over the recall steps. Flags must be booleans or 0/1: scores are rejected
    (read as flags they would give a meaningless AP).

    >>> round(average_precision([True, False, True, False], n_true=3), 4)  # 1/3 + 1/3 x 2/3
    0.5556
    """
    flags = check_array(is_true_positive, "is_true_positive").reshape(-1)
    if flags.dtype.kind != "b" and not np.isin(flags, (0, 1)).all():
        raise ValueError(
            "is_true_positive must hold True/False flags (or 0/1), one per detection ranked by "
            f"score, got {flags[:5].tolist()}: are these scores? To score boxes, use "
            "class_average_precisions / mean_average_precision, which rank by score and match "
            "boxes themselves"
        )
    tp = flags.astype(bool)
    n_true = check_int(n_true, "n_true", min_value=0)
    if tp.sum() > n_true:
        raise ValueError(f"{int(tp.sum())} true positives but only n_true={n_true} true boxes")
    if n_true == 0:
        return float("nan")
    hits = np.cumsum(tp)
    recall = hits / n_true
    precision = hits / np.arange(1, tp.size + 1)
    r = np.concatenate([[0.0], recall, [1.0]])
    p = np.concatenate([[0.0], precision, [0.0]])
    p = np.maximum.accumulate(p[::-1])[::-1]  # the precision envelope, from the right
    steps = np.flatnonzero(r[1:] != r[:-1])
    return float(np.sum((r[steps + 1] - r[steps]) * p[steps + 1]))


def class_average_precisions(
    true_boxes: Sequence[ArrayLike],
    true_labels: Sequence[ArrayLike],
    pred_boxes: Sequence[ArrayLike],
    pred_labels: Sequence[ArrayLike],
    pred_scores: Sequence[ArrayLike],
    iou_threshold: float = 0.5,
    num_classes: int = len(CLASS_NAMES),
    matching: str = "voc",
) -> dict[int, float]:
    """Average precision of each class that has ground truth, ``{class_id: AP}``.

    Chapter 07. Every argument is a sequence with one array per image. For each class, all its
    detections (over all images) are ranked by score and matched in that order:

    - ``matching="voc"`` (the PASCAL VOC devkit): a detection is a true positive if its IoU
      with the best-overlapping ground-truth box of that class in the same image is at least
      ``iou_threshold`` and that box was not matched yet, else a false positive (a duplicate
      counts as a false positive, even when another true box it overlaps enough is free);
    - ``matching="coco"`` (pycocotools): a detection takes the best-overlapping ground-truth
      box *among those still unmatched* with IoU at least ``iou_threshold``. In a crowd, where
      one detection overlaps two true boxes, the two rules can differ.

    Then :func:`average_precision`. Classes without ground truth are left out. NaN or infinite
    scores are an error (they have no rank, so the result would depend on the order of the
    images). COCO also averages over 101 recall points and IoU 0.5:0.95, which this function
    does not: only the matching rule is switched.

    >>> truth = [np.array([[0, 0, 10, 10], [6, 0, 16, 10]])]  # two overlapping true boxes
    >>> found = [np.array([[3, 0, 13, 10], [2, 0, 12, 10]])]  # both overlap both
    >>> class_average_precisions(truth, [[0, 0]], found, [[0, 0]], [[0.9, 0.8]], 0.4)
    {0: 0.5}
    >>> class_average_precisions(truth, [[0, 0]], found, [[0, 0]], [[0.9, 0.8]], 0.4,
    ...                          matching="coco")
    {0: 1.0}
    """
    thr = _check_threshold(iou_threshold, "iou_threshold")
    num_classes = check_int(num_classes, "num_classes", min_value=1)
    if matching not in ("voc", "coco"):
        raise ValueError(
            f"matching must be 'voc' (PASCAL VOC devkit) or 'coco' (pycocotools), got {matching!r}"
        )
    arguments = {
        "true_boxes": true_boxes,
        "true_labels": true_labels,
        "pred_boxes": pred_boxes,
        "pred_labels": pred_labels,
        "pred_scores": pred_scores,
    }
    for arg_name, arg in arguments.items():
        if not hasattr(arg, "__len__") or isinstance(arg, str | dict):
            raise TypeError(
                f"{arg_name} must be a list with one array per image, got {type(arg).__name__}"
            )
    n_images = len(true_boxes)
    lengths = {
        "true_labels": len(true_labels),
        "pred_boxes": len(pred_boxes),
        "pred_labels": len(pred_labels),
        "pred_scores": len(pred_scores),
    }
    wrong = {k: v for k, v in lengths.items() if v != n_images}
    if wrong:
        raise ValueError(
            f"need one entry per image in every argument: true_boxes has {n_images}, "
            + ", ".join(f"{k} has {v}" for k, v in wrong.items())
        )
    gts, dets = [], []
    for i in range(n_images):
        tb = _as_boxes(true_boxes[i], f"true_boxes[{i}]")
        tl = _check_labels(true_labels[i], num_classes, f"true_labels[{i}]")
        pb = _as_boxes(pred_boxes[i], f"pred_boxes[{i}]")
        pl = _check_labels(pred_labels[i], num_classes, f"pred_labels[{i}]")
        ps = _check_scores(pred_scores[i], f"pred_scores[{i}]")
        if tb.shape[0] != tl.shape[0]:
            raise ValueError(f"image {i}: {tb.shape[0]} true boxes but {tl.shape[0]} labels")
        if not pb.shape[0] == pl.shape[0] == ps.shape[0]:
            raise ValueError(
                f"image {i}: {pb.shape[0]} predicted boxes, {pl.shape[0]} labels and "
                f"{ps.shape[0]} scores: need one label and one score per box"
            )
        gts.append((tb, tl))
        dets.append((pb, pl, ps))
    result: dict[int, float] = {}
    for k in range(num_classes):
        n_true = sum(int((tl == k).sum()) for _, tl in gts)
        if n_true == 0:
            continue
        ranked = [
            (score, i, box)
            for i, (pb, pl, ps) in enumerate(dets)
            for box, score in zip(pb[pl == k], ps[pl == k], strict=True)
        ]
        ranked.sort(key=lambda item: -item[0])  # stable: ties keep image order
        matched = [np.zeros(int((tl == k).sum()), dtype=bool) for _, tl in gts]
        is_tp = np.zeros(len(ranked), dtype=bool)
        for j, (_, i, box) in enumerate(ranked):
            candidates = gts[i][0][gts[i][1] == k]
            if candidates.shape[0] == 0:
                continue
            overlaps = iou(box, candidates)[0]
            if matching == "coco":  # the best of the boxes still free
                overlaps = np.where(matched[i], -1.0, overlaps)
            best = int(overlaps.argmax())
            if overlaps[best] >= thr and not matched[i][best]:
                matched[i][best] = True
                is_tp[j] = True
        result[k] = average_precision(is_tp, n_true)
    return result


def mean_average_precision(
    true_boxes: Sequence[ArrayLike],
    true_labels: Sequence[ArrayLike],
    pred_boxes: Sequence[ArrayLike],
    pred_labels: Sequence[ArrayLike],
    pred_scores: Sequence[ArrayLike],
    iou_threshold: float = 0.5,
    num_classes: int = len(CLASS_NAMES),
    matching: str = "voc",
) -> float:
    """mAP at one IoU threshold: the mean of :func:`class_average_precisions`.

    Chapter 07. One array per image in every argument (boxes ``(k, 4)`` in pixels, labels and
    scores ``(k,)``). Returns NaN when no image has ground truth. ``matching`` is ``"voc"`` or
    ``"coco"`` (see :func:`class_average_precisions`).

    >>> truth = [np.array([[0, 0, 10, 10]])]
    >>> mean_average_precision(truth, [[0]], truth, [[0]], [[0.9]])
    1.0
    """
    aps = class_average_precisions(
        true_boxes, true_labels, pred_boxes, pred_labels, pred_scores, iou_threshold, num_classes,
        matching,
    )  # fmt: skip
    return float(np.mean(list(aps.values()))) if aps else float("nan")


# --------------------------------------------------------------------------------------------
# Drawing
# --------------------------------------------------------------------------------------------


def draw_boxes(
    image: ArrayLike,
    boxes: ArrayLike,
    labels: ArrayLike,
    scores: ArrayLike | None = None,
    ax: Any = None,
    class_names: Sequence[str] = CLASS_NAMES,
    linestyle: str = "-",
    show_labels: bool = True,
    title: str | None = None,
) -> Any:
    """Show ``image`` with its boxes, class names (and scores), on a matplotlib ``Axes``.

    Chapter 07. Pixel coordinates line up with the boxes (the image spans 0 to W, 0 to H).
    Draw the ground truth dashed (``linestyle="--"``, perhaps ``show_labels=False``) and the
    predictions solid on the same ``ax`` to compare them. Returns the ``Axes``. ``image`` is
    floats in [0, 1] or uint8 0-255 (scaled to [0, 1]); floats outside [0, 1] are rejected.

    >>> images, boxes, labels = make_shapes_dataset(n=1)
    >>> ax = draw_boxes(images[0], boxes[0], labels[0])  # doctest: +SKIP
    """
    import matplotlib.pyplot as plt
    from matplotlib.patches import Rectangle

    img = check_array(image, "image", finite=True)
    if img.ndim not in (2, 3) or (img.ndim == 3 and img.shape[2] not in (1, 3)):
        hint = " (a batch? pass one image, e.g. images[0])" if img.ndim == 4 else ""
        raise ValueError(
            f"image must have shape (H, W), (H, W, 1) or (H, W, 3), got {img.shape}{hint}"
        )
    if img.dtype == np.uint8:
        img = img / np.float32(255.0)
    elif img.size and (img.min() < 0 or img.max() > 1):
        raise ValueError(
            f"image must hold floats in [0, 1] or uint8 values 0-255; got floats from "
            f"{img.min():g} to {img.max():g}. Divide 0-255 floats by 255 (or cast to uint8)."
        )
    b = _as_boxes(boxes)
    lab = _check_labels(labels, len(class_names))
    if lab.shape[0] != b.shape[0]:
        raise ValueError(f"got {b.shape[0]} boxes but {lab.shape[0]} labels: need one per box")
    sc = None if scores is None else _check_scores(scores)
    if sc is not None and sc.shape[0] != b.shape[0]:
        raise ValueError(f"got {b.shape[0]} boxes but {sc.shape[0]} scores: need one per box")
    if ax is None:
        _, ax = plt.subplots(figsize=(3, 3))
    height, width = img.shape[:2]
    ax.imshow(np.clip(img.squeeze(), 0, 1), extent=(0, width, height, 0), cmap="gray")
    ax.grid(False)
    ax.set_xticks([])
    ax.set_yticks([])
    for k, (x1, y1, x2, y2) in enumerate(b):
        colour = CLASS_COLORS[int(lab[k]) % len(CLASS_COLORS)]
        ax.add_patch(
            Rectangle(
                (x1, y1), x2 - x1, y2 - y1, fill=False, edgecolor=colour, lw=1.5, ls=linestyle
            )
        )
        if not show_labels:
            continue
        text = class_names[int(lab[k])] + ("" if sc is None else f" {sc[k]:.2f}")
        ax.text(
            x1,
            y1 - 0.5,
            text,
            color="black",
            fontsize=7,
            va="bottom",
            bbox={"facecolor": colour, "edgecolor": "none", "pad": 0.5, "alpha": 0.85},
        )
    if title:
        ax.set_title(title, fontsize=9)
    return ax
