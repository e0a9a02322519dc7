"""Chapter 07's detection helpers: shapes data, IoU, NMS, grid encoding, mAP, drawing."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import data, detection

# ---------------------------------------------------------------------------- the shapes data


def test_shapes_dataset_through_the_registry() -> None:
    images, boxes, labels = data.load_dataset("shapes", n=20, seed=3)
    assert images.shape == (20, 64, 64, 3) and images.dtype == np.float32
    assert images.min() >= 0.0 and images.max() <= 1.0
    assert len(boxes) == len(labels) == 20
    for b, lab in zip(boxes, labels, strict=True):
        assert b.dtype == np.float32 and b.ndim == 2 and b.shape[1] == 4
        assert lab.dtype == np.int64 and lab.shape == (b.shape[0],)
        assert 1 <= b.shape[0] <= 3


def test_shapes_dataset_is_seeded_and_prefix_stable() -> None:
    a = detection.make_shapes_dataset(n=12, seed=7)
    b = detection.make_shapes_dataset(n=12, seed=7)
    c = detection.make_shapes_dataset(n=5, seed=7)
    other = detection.make_shapes_dataset(n=12, seed=8)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[0][:5], c[0])
    for x, y in zip(a[1], b[1], strict=True):
        np.testing.assert_array_equal(x, y)
    assert not np.allclose(a[0], other[0])


def test_shapes_boxes_lie_inside_the_image_and_do_not_overlap() -> None:
    images, boxes, labels = detection.make_shapes_dataset(n=300, image_size=48, seed=0)
    counts = np.bincount(np.concatenate(labels), minlength=3)
    assert (counts > 150).all(), counts  # every class is common
    for b in boxes:
        assert (b >= 0).all() and (b <= 48).all()
        assert (b[:, 2] > b[:, 0]).all() and (b[:, 3] > b[:, 1]).all()
        pairwise = detection.iou(b, b) - np.eye(len(b))
        assert (pairwise == 0).all()


def test_shapes_are_drawn_inside_their_boxes() -> None:
    # without noise the background is one flat colour, and shapes differ from it only in boxes
    images, boxes, _ = detection.make_shapes_dataset(n=10, noise=0.0, seed=1)
    for image, b in zip(images, boxes, strict=True):
        inside = np.zeros(image.shape[:2], dtype=bool)
        for x1, y1, x2, y2 in b.astype(int):
            inside[y1:y2, x1:x2] = True
        background = image[~inside][0]
        changed = np.any(np.abs(image - background) > 1e-6, axis=-1)
        assert changed.any() and not (changed & ~inside).any()
        for x1, y1, x2, y2 in b.astype(int):  # every box holds a shape that touches its edges
            window = changed[y1:y2, x1:x2]
            assert window.any(axis=0)[[0, -1]].all() and window.any(axis=1)[[0, -1]].all()


def test_shapes_class_subset_and_bad_options() -> None:
    _, _, labels = detection.make_shapes_dataset(n=20, classes=("circle",), seed=0)
    assert set(np.concatenate(labels)) == {0}
    with pytest.raises(ValueError, match="unknown class 'hexagon'.*circle, square, triangle"):
        detection.make_shapes_dataset(n=2, classes=("circle", "hexagon"))
    with pytest.raises(ValueError, match="positive integer"):
        detection.make_shapes_dataset(n=0)
    with pytest.raises(ValueError, match="min_size <= max_size <= image_size"):
        detection.make_shapes_dataset(n=2, image_size=16, max_size=28)
    with pytest.raises(ValueError, match="min_objects <= max_objects"):
        detection.make_shapes_dataset(n=2, min_objects=3, max_objects=2)


# ---------------------------------------------------------------------------- IoU


def test_iou_hand_checked_cases() -> None:
    square = [0, 0, 10, 10]
    assert detection.iou(square, square)[0, 0] == 1.0
    assert detection.iou(square, [20, 20, 30, 30])[0, 0] == 0.0
    assert detection.iou(square, [10, 0, 20, 10])[0, 0] == 0.0  # touching edges share no area
    # shifted by half its width: 50 px shared, 100 + 100 - 50 = 150 px covered
    assert detection.iou(square, [5, 0, 15, 10])[0, 0] == pytest.approx(1 / 3)
    # a box inside another: 25 / 100
    assert detection.iou(square, [0, 0, 5, 5])[0, 0] == pytest.approx(0.25)


def test_iou_is_pairwise_and_symmetric() -> None:
    a = np.array([[0, 0, 10, 10], [5, 5, 15, 15]])
    b = np.array([[0, 0, 10, 10], [5, 0, 15, 10], [100, 100, 110, 110]])
    m = detection.iou(a, b)
    assert m.shape == (2, 3)
    np.testing.assert_allclose(m, detection.iou(b, a).T)
    assert m[1, 0] == pytest.approx(25 / 175)
    assert detection.iou(np.zeros((0, 4)), b).shape == (0, 3)
    assert detection.iou([3, 3, 3, 3], [3, 3, 3, 3])[0, 0] == 0.0  # empty boxes: 0, not NaN


def test_iou_rejects_bad_boxes() -> None:
    with pytest.raises(ValueError, match=r"shape \(N, 4\)"):
        detection.iou([[0, 0, 10]], [[0, 0, 10, 10]])
    with pytest.raises(ValueError, match="x2 >= x1"):
        detection.iou([[10, 0, 0, 10]], [[0, 0, 10, 10]])


# ---------------------------------------------------------------------------- NMS


def test_nms_keeps_the_best_of_overlapping_and_keeps_separate_boxes() -> None:
    boxes = [[0, 0, 10, 10], [1, 1, 11, 11], [30, 30, 40, 40], [0, 0, 10, 9]]
    scores = [0.7, 0.9, 0.8, 0.6]
    keep = detection.non_max_suppression(boxes, scores, iou_threshold=0.5)
    assert keep.tolist() == [1, 2]  # best of the overlapping three, and the separate one
    assert detection.non_max_suppression(boxes, scores, 0.5, max_outputs=1).tolist() == [1]
    # with a threshold above their overlap nothing is suppressed, best score first
    assert detection.non_max_suppression(boxes, scores, 1.0).tolist() == [1, 2, 0, 3]


def test_nms_matches_tensorflow() -> None:
    tf = pytest.importorskip("tensorflow")
    rng = np.random.default_rng(0)
    xy = rng.uniform(0, 50, size=(40, 2))
    boxes = np.concatenate([xy, xy + rng.uniform(5, 20, size=(40, 2))], axis=1)
    scores = rng.uniform(size=40)
    ours = detection.non_max_suppression(boxes, scores, iou_threshold=0.4)
    theirs = tf.image.non_max_suppression(boxes, scores, max_output_size=40, iou_threshold=0.4)
    assert ours.tolist() == theirs.numpy().tolist()


def test_nms_per_class() -> None:
    boxes = [[0, 0, 10, 10], [1, 1, 11, 11]]
    keep = detection.non_max_suppression(boxes, [0.9, 0.8], 0.5, class_ids=[0, 1])
    assert keep.tolist() == [0, 1]  # a circle does not suppress an overlapping square


def test_nms_rejects_bad_inputs() -> None:
    with pytest.raises(ValueError, match="iou_threshold must be between 0 and 1"):
        detection.non_max_suppression([[0, 0, 1, 1]], [0.5], iou_threshold=1.5)
    with pytest.raises(ValueError, match="one score per box"):
        detection.non_max_suppression([[0, 0, 1, 1]], [0.5, 0.2])


# ---------------------------------------------------------------------------- grid encoding


def test_encode_grid_by_hand() -> None:
    # 32x32 image, 4x4 grid of 8-px cells; the box centre (18, 12) is in row 1, column 2
    grid = detection.encode_grid([[12, 4, 24, 20]], [2], grid_size=4, image_size=32)
    assert grid.shape == (4, 4, 8) and grid.dtype == np.float32
    np.testing.assert_allclose(grid[1, 2], [1, 0.25, 0.5, 12 / 32, 16 / 32, 0, 0, 1])
    assert grid.sum() == pytest.approx(grid[1, 2].sum())  # every other cell is empty


def test_encode_grid_keeps_the_larger_box_of_a_shared_cell() -> None:
    grid = detection.encode_grid([[0, 0, 6, 6], [0, 0, 8, 8]], [0, 1], grid_size=4, image_size=32)
    np.testing.assert_allclose(grid[0, 0], [1, 0.5, 0.5, 0.25, 0.25, 0, 1, 0])


def test_encode_decode_round_trip_gives_map_one() -> None:
    images, boxes, labels = detection.make_shapes_dataset(n=200, seed=5)
    grids = [detection.encode_grid(b, lab) for b, lab in zip(boxes, labels, strict=True)]
    decoded = [detection.decode_grid(g, image_size=64) for g in grids]
    for (b, s, c), tb, tl in zip(decoded, boxes, labels, strict=True):
        order = np.lexsort((tb[:, 1], tb[:, 0]))
        back = np.lexsort((b[:, 1], b[:, 0]))
        np.testing.assert_allclose(b[back], tb[order], atol=1e-4)
        assert (c[back] == tl[order]).all() and (s == 1).all()
    pb, ps, pl = zip(*decoded, strict=True)
    for thr in (0.5, 0.75, 0.95):
        assert detection.mean_average_precision(boxes, labels, pb, pl, ps, thr) == 1.0


def test_encode_decode_reject_bad_inputs() -> None:
    with pytest.raises(ValueError, match="unknown class id 3"):
        detection.encode_grid([[0, 0, 8, 8]], [3])
    with pytest.raises(ValueError, match="inside the 64x64 image"):
        detection.encode_grid([[60, 60, 70, 70]], [0])
    with pytest.raises(ValueError, match="one per box"):
        detection.encode_grid([[0, 0, 8, 8]], [0, 1])
    with pytest.raises(ValueError, match=r"shape \(S, S, 5 \+ num_classes\)"):
        detection.decode_grid(np.zeros((2, 8, 8, 8)))
    with pytest.raises(ValueError, match="score_threshold must be between 0 and 1"):
        detection.decode_grid(np.zeros((8, 8, 8)), score_threshold=-0.1)


# ---------------------------------------------------------------------------- mAP


def test_average_precision_by_hand() -> None:
    # ranked TP, FP, TP, FP with 3 true boxes: precision 1, 1/2, 2/3, 1/2 at recall 1/3, 1/3,
    # 2/3, 2/3; all-point AP = 1/3 x 1 + 1/3 x 2/3 + 1/3 x 0 = 5/9
    assert detection.average_precision([1, 0, 1, 0], 3) == pytest.approx(5 / 9)
    # a false positive ranked first: precision 0, 1/2, 2/3 at recall 0, 1/2, 1; the envelope
    # (best precision at this recall or more) lifts the 1/2 to 2/3, so AP = 2/3
    assert detection.average_precision([0, 1, 1], 2) == pytest.approx(2 / 3)
    assert detection.average_precision([1, 1], 2) == 1.0
    assert detection.average_precision([], 2) == 0.0
    with pytest.raises(ValueError, match="only n_true=1"):
        detection.average_precision([1, 1], 1)


def test_map_perfect_and_hand_computed() -> None:
    true_boxes = [np.array([[0, 0, 10, 10], [20, 20, 30, 30]]), np.array([[0, 0, 20, 20]])]
    true_labels = [np.array([0, 1]), np.array([0])]
    perfect = detection.mean_average_precision(
        true_boxes, true_labels, true_boxes, true_labels, [np.ones(2), np.ones(1)]
    )
    assert perfect == 1.0
    # class 0: a wrong box (score 0.9), then the two right ones (0.8, 0.7; IoU 0.9): AP = 2/3
    # class 1: found, plus a duplicate with a lower score (a false positive after it): AP = 1
    pred_boxes = [
        np.array([[40, 40, 50, 50], [1, 0, 10, 10], [20, 20, 30, 30], [21, 21, 30, 30]]),
        np.array([[0, 0, 20, 18]]),
    ]
    pred_labels = [np.array([0, 0, 1, 1]), np.array([0])]
    pred_scores = [np.array([0.9, 0.8, 0.6, 0.5]), np.array([0.7])]
    aps = detection.class_average_precisions(
        true_boxes, true_labels, pred_boxes, pred_labels, pred_scores, iou_threshold=0.5
    )
    assert aps[0] == pytest.approx(2 / 3)
    assert aps[1] == 1.0
    m = detection.mean_average_precision(
        true_boxes, true_labels, pred_boxes, pred_labels, pred_scores
    )
    assert m == pytest.approx((aps[0] + aps[1]) / 2)
    # at IoU 0.95 the slightly-off boxes (IoU 0.9) no longer count
    strict = detection.class_average_precisions(
        true_boxes, true_labels, pred_boxes, pred_labels, pred_scores, iou_threshold=0.95
    )
    assert strict[0] == 0.0 and strict[1] == 1.0


def test_map_rejects_bad_inputs() -> None:
    t = [np.array([[0, 0, 10, 10]])]
    with pytest.raises(ValueError, match="iou_threshold must be between 0 and 1"):
        detection.mean_average_precision(t, [[0]], t, [[0]], [[1.0]], iou_threshold=50)
    with pytest.raises(ValueError, match=r"unknown class id 7 in pred_labels\[0\]"):
        detection.mean_average_precision(t, [[0]], t, [[7]], [[1.0]])
    with pytest.raises(ValueError, match="one entry per image"):
        detection.mean_average_precision(t, [[0]], t + t, [[0]], [[1.0]])
    with pytest.raises(ValueError, match="one label and one score per box"):
        detection.mean_average_precision(t, [[0]], t, [[0]], [[1.0, 0.5]])


# ---------------------------------------------------------------------------- drawing


def test_draw_boxes_adds_one_rectangle_and_label_per_box() -> None:
    images, boxes, labels = detection.make_shapes_dataset(n=1, seed=2)
    ax = detection.draw_boxes(images[0], boxes[0], labels[0], scores=np.ones(len(labels[0])))
    assert len(ax.patches) == len(boxes[0]) == len(ax.texts)
    assert ax.texts[0].get_text().endswith("1.00")
    _, ax = plt.subplots()
    detection.draw_boxes(images[0], boxes[0], labels[0], ax=ax, show_labels=False)
    assert len(ax.patches) == len(boxes[0]) and not ax.texts
    with pytest.raises(ValueError, match="image must have shape"):
        detection.draw_boxes(images, boxes[0], labels[0])
    plt.close("all")
