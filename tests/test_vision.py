"""Image helpers of chapter 06: the image grid and integer shifts."""

from __future__ import annotations

import doctest

import matplotlib.pyplot as plt
import numpy as np
import pytest

from course_utils import vision


def test_doctests_hold() -> None:
    failures, _ = doctest.testmod(vision)
    assert failures == 0
    plt.close("all")


@pytest.mark.parametrize("shape", [(5, 8, 8), (5, 8, 8, 1), (5, 8, 8, 3)], ids=["HW", "HW1", "RGB"])
def test_grid_has_one_axis_per_image_and_the_titles(shape: tuple[int, ...]) -> None:
    images = np.random.default_rng(0).uniform(size=shape)
    fig = vision.plot_image_grid(images, titles=[f"t{i}" for i in range(5)], ncols=3)
    assert len(fig.axes) == 5  # a 2x3 grid with the sixth (empty) axis removed
    assert [ax.get_title() for ax in fig.axes] == ["t0", "t1", "t2", "t3", "t4"]
    plt.close(fig)


def test_grid_draws_the_overlay_on_top() -> None:
    images = np.zeros((2, 4, 4, 1))
    heat = np.arange(32.0).reshape(2, 4, 4)
    fig = vision.plot_image_grid(images, overlays=heat)
    layers = fig.axes[0].get_images()
    assert len(layers) == 2
    drawn = np.asarray(layers[1].get_array())
    assert drawn.min() == pytest.approx(0.0) and drawn.max() == pytest.approx(1.0)
    plt.close(fig)


def test_grid_skips_an_all_nan_overlay() -> None:
    heat = np.stack([np.full((4, 4), np.nan), np.ones((4, 4))])
    fig = vision.plot_image_grid(np.zeros((2, 4, 4)), overlays=heat)
    assert [len(ax.get_images()) for ax in fig.axes] == [1, 2]
    plt.close(fig)


def test_grid_rejects_bad_inputs_with_the_accepted_shapes() -> None:
    with pytest.raises(ValueError, match=r"ONE grey image .*images\[None\]"):
        vision.plot_image_grid(np.zeros((8, 8)))
    with pytest.raises(ValueError, match="one title per image"):
        vision.plot_image_grid(np.zeros((3, 8, 8)), titles=["a", "b"])
    with pytest.raises(ValueError, match="ncols must be a positive integer"):
        vision.plot_image_grid(np.zeros((3, 8, 8)), ncols=0)
    with pytest.raises(ValueError, match="empty batch"):
        vision.plot_image_grid(np.zeros((0, 8, 8)))
    with pytest.raises(ValueError, match="Resize the heatmaps"):
        vision.plot_image_grid(np.zeros((3, 8, 8)), overlays=np.zeros((3, 4, 4)))


def test_shift_moves_pixels_and_fills_with_zeros() -> None:
    image = np.arange(16.0).reshape(1, 4, 4, 1)
    down_right = vision.shift_images(image, dy=1, dx=2)[0, ..., 0]
    expected = np.zeros((4, 4))
    expected[1:, 2:] = image[0, :3, :2, 0]
    np.testing.assert_array_equal(down_right, expected)
    up_left = vision.shift_images(image, dy=-1, dx=-1)[0, ..., 0]
    np.testing.assert_array_equal(up_left[:3, :3], image[0, 1:, 1:, 0])
    assert (up_left[3, :] == 0).all() and (up_left[:, 3] == 0).all()


def test_shift_by_zero_is_identity_and_shifts_compose() -> None:
    images = np.random.default_rng(1).uniform(size=(3, 6, 6))
    np.testing.assert_array_equal(vision.shift_images(images, 0, 0), images)
    twice = vision.shift_images(vision.shift_images(images, 1, 0), 1, 0)
    np.testing.assert_array_equal(twice, vision.shift_images(images, 2, 0))


def test_shift_rejects_bad_arguments() -> None:
    with pytest.raises(TypeError, match="integer number of pixels"):
        vision.shift_images(np.zeros((1, 4, 4)), dy=0.5, dx=0)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="smaller than the image size 4"):
        vision.shift_images(np.zeros((1, 4, 4)), dy=0, dx=4)
    with pytest.raises(ValueError, match=r"\(n, H, W\) or \(n, H, W, C\)"):
        vision.shift_images(np.zeros((4, 4)), dy=1, dx=1)
