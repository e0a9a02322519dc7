"""The few input checks every public function of ``course_utils`` shares.

Not a lesson: this is what makes a wrong call fail at once with a message that names the
argument, says what was wrong and what is accepted, instead of a silent wrong answer or an error
from deep inside NumPy or TensorFlow. Valid inputs pass untouched: NumPy integers count as
integers, lists and tuples as arrays.

>>> check_int(np.int64(3), "seed", min_value=0)
3
>>> check_int("10", "epochs")  # doctest: +IGNORE_EXCEPTION_DETAIL
Traceback (most recent call last):
ArgumentTypeError: epochs must be an integer, got the string '10'; write it without quotes: 10
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable
from typing import Any

import numpy as np

_NUMERIC_KINDS = "biuf"  # bool, signed int, unsigned int, float


class ArgumentTypeError(TypeError, ValueError):
    """An argument of the wrong type (a string for a number, a list for a name, ...).

    A ``TypeError`` that is also a ``ValueError``, so ``except ValueError`` around a call keeps
    catching every bad input, whatever was wrong with it.
    """


def _describe(value: Any) -> str:
    """``'the string '10''``, ``'bool True'``, ``'list [1, 2]'`` - short, for messages."""
    if isinstance(value, str):
        return f"the string {value!r}"
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{type(value).__name__} {text}"


def _unquote_hint(value: Any) -> str:
    if isinstance(value, str):
        try:
            float(value)
        except ValueError:
            return ""
        return f"; write it without quotes: {value.strip()}"
    return ""


def check_int(
    value: Any,
    name: str,
    *,
    min_value: int | None = None,
    max_value: int | None = None,
    allow_none: bool = False,
) -> Any:
    """``value`` as a Python ``int`` (NumPy integers accepted; bool, float and str rejected)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        accepted = "an integer" + (" or None" if allow_none else "")
        hint = _unquote_hint(value)
        if isinstance(value, float | np.floating) and float(value).is_integer():
            hint = f"; write {int(value)} (an int), not {value!r}"
        raise ArgumentTypeError(f"{name} must be {accepted}, got {_describe(value)}{hint}")
    value = int(value)
    if min_value is not None and value < min_value:
        raise ValueError(f"{name} must be >= {min_value}, got {value}")
    if max_value is not None and value > max_value:
        raise ValueError(f"{name} must be <= {max_value}, got {value}")
    return value


def check_number(
    value: Any,
    name: str,
    *,
    min_value: float | None = None,
    max_value: float | None = None,
    min_inclusive: bool = True,
    max_inclusive: bool = True,
    allow_none: bool = False,
) -> Any:
    """``value`` as a finite Python ``float`` (ints and NumPy numbers accepted; bool, str not)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        accepted = "a number" + (" or None" if allow_none else "")
        hint = _unquote_hint(value)
        raise ArgumentTypeError(f"{name} must be {accepted}, got {_describe(value)}{hint}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {value}")
    low_ok = min_value is None or (value >= min_value if min_inclusive else value > min_value)
    high_ok = max_value is None or (value <= max_value if max_inclusive else value < max_value)
    if not (low_ok and high_ok):
        low = "" if min_value is None else f"{min_value} {'<=' if min_inclusive else '<'} "
        high = "" if max_value is None else f" {'<=' if max_inclusive else '<'} {max_value}"
        raise ValueError(f"{name} must satisfy {low}{name}{high}, got {value}")
    return value


def check_bool(value: Any, name: str) -> bool:
    """``value`` as ``bool``: ``True``/``False`` (or NumPy's), not 0/1, strings or None."""
    if not isinstance(value, bool | np.bool_):
        raise ArgumentTypeError(f"{name} must be True or False, got {_describe(value)}")
    return bool(value)


def check_str(value: Any, name: str, *, what: str = "a string") -> str:
    """``value`` if it is a ``str``; a list/tuple in its place gets a message saying so."""
    if not isinstance(value, str):
        hint = ""
        if isinstance(value, list | tuple | set):
            hint = " (one name, not a list of names)"
        raise ArgumentTypeError(f"{name} must be {what}{hint}, got {_describe(value)}")
    return value


def check_choice(
    value: Any, name: str, choices: Iterable[str], *, ignore_case: bool = False
) -> str:
    """One of ``choices`` (optionally matched without regard to case; returns the listed form)."""
    options = list(choices)
    accepted = ", ".join(repr(c) for c in options)
    if not isinstance(value, str):
        raise ArgumentTypeError(f"{name} must be one of {accepted}, got {_describe(value)}")
    if value in options:
        return value
    if ignore_case:
        folded = {c.casefold(): c for c in options}
        if value.strip().casefold() in folded:
            return folded[value.strip().casefold()]
    raise ValueError(f"unknown {name} {value!r}. Accepted: {accepted}.")


def check_array(
    value: Any,
    name: str,
    *,
    ndim: int | tuple[int, ...] | None = None,
    shape_hint: str | None = None,
    numeric: bool = True,
    dtype: str | None = None,
    finite: bool = False,
    min_len: int | None = None,
    allow_nan: bool = False,
) -> np.ndarray:
    """``value`` as a NumPy array, checked.

    * ``ndim``: accepted number(s) of axes; ``shape_hint`` (e.g. ``"(batch, time, features)"``)
      is named in the message;
    * ``numeric``: numbers only (bool, int, float), not strings or objects;
    * ``dtype``: convert to this dtype after the checks (e.g. ``"float32"``);
    * ``finite``: no NaN or infinity (``allow_nan=True`` lets NaN through, not infinity);
    * ``min_len``: at least this many entries along the first axis.
    """
    try:
        array = np.asarray(value)
    except ValueError as err:  # ragged nested lists (NumPy >= 1.24)
        raise ValueError(
            f"{name} must be a rectangular array, but its rows have different lengths "
            "(ragged). Pad or cut them to one length first."
        ) from err
    if array.dtype == object and array.ndim >= 1 and _looks_ragged(value):
        raise ValueError(
            f"{name} must be a rectangular array, but its rows have different lengths "
            "(ragged). Pad or cut them to one length first."
        )
    shape_text = shape_hint or "the documented shape"
    if ndim is not None:
        accepted = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in accepted:
            axes = " or ".join(str(n) for n in accepted)
            raise ValueError(f"{name} must have {axes} axes {shape_text}, got shape {array.shape}")
    if numeric and array.dtype.kind not in _NUMERIC_KINDS:
        kind = {"U": "strings", "S": "bytes", "O": "Python objects", "M": "dates"}.get(
            array.dtype.kind, f"dtype {array.dtype}"
        )
        raise ArgumentTypeError(f"{name} must hold numbers, got {kind} (dtype {array.dtype})")
    if min_len is not None and (array.ndim == 0 or array.shape[0] < min_len):
        count = 0 if array.ndim == 0 else array.shape[0]
        raise ValueError(
            f"{name} must have at least {min_len} entr{'y' if min_len == 1 else 'ies'} "
            f"along its first axis, got {count} (shape {array.shape})"
        )
    if finite and array.dtype.kind == "f":
        bad = np.isinf(array) if allow_nan else ~np.isfinite(array)
        if bad.any():
            where = tuple(int(i) for i in np.argwhere(bad)[0])
            what = "infinite" if allow_nan else "NaN or infinite"
            raise ValueError(
                f"{name} contains {int(bad.sum())} {what} value(s), the first at index "
                f"{where if len(where) != 1 else where[0]}: clean or fill them first "
                "(e.g. np.nan_to_num, or drop those rows)"
            )
    if dtype is not None:
        array = array.astype(dtype)
    return array


def _looks_ragged(value: Any) -> bool:
    if not isinstance(value, list | tuple):
        return False
    lengths = {len(v) if isinstance(v, list | tuple | np.ndarray) else -1 for v in value}
    return len(lengths) > 1


def check_image_batch(images: Any, name: str, function: str) -> np.ndarray:
    """A batch of images ``(n, H, W)`` or ``(n, H, W, C)``; one image alone is rejected.

    A 3-D array whose last axis is 1 or 3 and smaller than the other two, e.g. ``(64, 64, 3)``,
    is one colour (or one-channel) image, not 64 grey images 64x3 pixels wide: reading it as a
    batch would silently draw/shift the wrong axes, so the message says how to make it a batch.
    """
    array = check_array(images, name)
    if array.ndim == 2 and min(array.shape) > 0:
        raise ValueError(
            f"{name} of shape {array.shape} looks like ONE grey image (H, W), but {function} "
            f"expects a batch (n, H, W) or (n, H, W, C). Pass {name}[None] (np.newaxis adds "
            "the batch axis) or [image] for one image."
        )
    array = check_array(array, name, ndim=(3, 4), shape_hint="(n, H, W) or (n, H, W, C)")
    if array.ndim == 3 and array.shape[-1] in (1, 3) and array.shape[-1] < min(array.shape[:2]):
        raise ValueError(
            f"{name} of shape {array.shape} looks like ONE image (H, W, C), but {function} "
            f"expects a batch (n, H, W) or (n, H, W, C). Pass {name}[None] (np.newaxis adds "
            "the batch axis) or [image] for one image."
        )
    return array
