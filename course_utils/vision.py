"""Small helpers for image chapters: show a grid of images (with heatmaps on top), shift images.

Introduced in chapter 06 (convolutional neural networks); chapter 07 (detection) reuses the grid.
The lessons themselves (the hand convolution, saliency, Grad-CAM) stay in the notebooks.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from course_utils._checks import check_array, check_image_batch, check_int, check_number


def _as_image_batch(images: np.ndarray, name: str) -> np.ndarray:
    """``(n, H, W)``, ``(n, H, W, 1)`` or ``(n, H, W, 3)`` -> float array ``(n, H, W[, 3])``.

    uint8 pixels (0-255) are scaled to [0, 1]; float RGB values outside [0, 1] are rejected
    (they would be clipped to white/black without a word).
    """
    array = check_image_batch(images, name, "plot_image_grid")
    if array.dtype == np.uint8:
        array = array / np.float32(255.0)
    if array.ndim == 4 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim not in (3, 4) or (array.ndim == 4 and array.shape[-1] != 3):
        raise ValueError(
            f"{name} must be a batch of images shaped (n, H, W), (n, H, W, 1) or (n, H, W, 3); "
            f"got shape {np.shape(images)}"
        )
    return array.astype("float32")


def plot_image_grid(
    images: np.ndarray,
    titles: Sequence[str] | None = None,
    ncols: int = 8,
    cmap: str = "gray_r",
    overlays: np.ndarray | None = None,
    overlay_cmap: str = "inferno",
    overlay_alpha: float = 0.55,
    size: float = 1.3,
    suptitle: str | None = None,
) -> Figure:
    """Show a batch of images in a grid, optionally with a heatmap drawn over each one.

    Chapter 06 (digits, feature maps, augmentations, saliency and Grad-CAM maps, mistakes).

    * ``images``: ``(n, H, W)``, ``(n, H, W, 1)`` (grey) or ``(n, H, W, 3)`` (RGB in [0, 1],
      or uint8 0-255, scaled to [0, 1]). One image alone, e.g. ``(64, 64, 3)``, is rejected
      with the fix (``images[None]``): it is not a batch of 64 grey images;
    * ``titles``: one short title per image (or ``None``);
    * ``overlays``: heatmaps of shape ``(n, H, W)`` (or ``(n, H, W, 1)``), the same height and
      width as the images; each is scaled to its own [0, 1] range and drawn with transparency.
      A heatmap that is all NaN draws nothing (to mix plain images and heatmaps in one grid).

    Grey images are drawn with ``cmap`` scaled to the batch's own range (``gray_r``: ink dark on
    white, as the digits are written).

    >>> fig = plot_image_grid(np.zeros((4, 8, 8, 1)), titles=list("abcd"), ncols=4)
    >>> len(fig.axes)
    4
    """
    if np.size(images) == 0 and np.ndim(images) in (1, 3, 4):
        raise ValueError("plot_image_grid needs at least one image; got an empty batch")
    batch = _as_image_batch(images, "images")
    n = len(batch)
    if n == 0:
        raise ValueError("plot_image_grid needs at least one image; got an empty batch")
    check_array(batch, "images", finite=True)
    if batch.ndim == 4 and (batch.min() < 0 or batch.max() > 1):
        raise ValueError(
            f"RGB images must hold floats in [0, 1] or uint8 values 0-255; got floats from "
            f"{batch.min():g} to {batch.max():g}. Divide 0-255 floats by 255 (or cast to uint8)."
        )
    try:
        ncols = check_int(ncols, "ncols", min_value=1)
    except ValueError as err:
        raise type(err)(f"ncols must be a positive integer, got {ncols!r}") from None
    overlay_alpha = check_number(overlay_alpha, "overlay_alpha", min_value=0, max_value=1)
    size = check_number(size, "size", min_value=0, min_inclusive=False)
    if isinstance(titles, str):
        raise TypeError(
            f"titles must be a list with one title per image, got the string {titles!r}; "
            "use suptitle= for one title over the grid"
        )
    if titles is not None and len(titles) != n:
        raise ValueError(f"got {len(titles)} titles for {n} images; pass one title per image")
    heat = None
    if overlays is not None:
        heat = _as_image_batch(overlays, "overlays")
        if heat.shape != batch.shape[:3]:
            raise ValueError(
                f"overlays must have shape (n, H, W) = {batch.shape[:3]} to match the images; "
                f"got {np.shape(overlays)}. Resize the heatmaps to the image size first."
            )
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(
        nrows, ncols, figsize=(size * ncols, size * nrows + (0.3 if suptitle else 0)), squeeze=False
    )
    vmin, vmax = float(batch.min()), float(batch.max())
    if vmax <= vmin:  # a constant batch (all zeros): any range draws it
        vmax = vmin + 1.0
    for i, ax in enumerate(axes.flat):
        if i >= n:
            ax.remove()
            continue
        if batch.ndim == 4:
            ax.imshow(np.clip(batch[i], 0.0, 1.0))
        else:
            ax.imshow(batch[i], cmap=cmap, vmin=vmin, vmax=vmax)
        if heat is not None and not np.isnan(heat[i]).all():
            h = heat[i] - np.nanmin(heat[i])
            h = h / np.nanmax(h) if np.nanmax(h) > 0 else h
            ax.imshow(h, cmap=overlay_cmap, alpha=overlay_alpha, vmin=0.0, vmax=1.0)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
        if titles is not None:
            ax.set_title(str(titles[i]), fontsize=8, fontweight="normal")
    if suptitle:
        fig.suptitle(suptitle, fontweight="bold")
    fig.tight_layout()
    return fig


def shift_images(images: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """Move every image ``dy`` pixels down and ``dx`` pixels right, filling the gap with zeros.

    Chapter 06 (translation equivariance and invariance). Negative values move up / left. Pixels
    pushed over the border are lost (no wrap-around), as when an object moves in a photo.
    Accepts ``(n, H, W)`` or ``(n, H, W, C)``. One image alone, e.g. ``(H, W, 3)``, is rejected
    with the fix (``images[None]``): read as a batch, its width and channel axes would be
    shifted instead of its height and width.

    >>> shift_images(np.arange(4.0).reshape(1, 2, 2), dy=0, dx=1)[0]
    array([[0., 0.],
           [0., 2.]])
    """
    array = check_image_batch(images, "images", "shift_images")
    for name, value, limit in (("dy", dy, array.shape[1]), ("dx", dx, array.shape[2])):
        if isinstance(value, bool) or not isinstance(value, int | np.integer):
            raise TypeError(f"{name} must be an integer number of pixels, got {value!r}")
        value = int(value)
        if abs(value) >= limit:
            raise ValueError(f"|{name}| must be smaller than the image size {limit}, got {value}")
    dy, dx = int(dy), int(dx)
    out = np.zeros_like(array)
    h, w = array.shape[1], array.shape[2]
    src_y = slice(max(0, -dy), h - max(0, dy))
    dst_y = slice(max(0, dy), h - max(0, -dy))
    src_x = slice(max(0, -dx), w - max(0, dx))
    dst_x = slice(max(0, dx), w - max(0, -dx))
    out[:, dst_y, dst_x, ...] = array[:, src_y, src_x, ...]
    return out
