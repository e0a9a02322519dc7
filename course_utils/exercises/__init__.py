"""Self-checking exercises, with feedback in English and Hinglish.

Introduced in chapter 01 (Exercises); every chapter's exercises use it. Each chapter has a module
``course_utils.exercises.chNN`` that defines its :class:`Exercise` objects ``q1``, ``q2``, ...::

    from course_utils.exercises import ch07 as ex

    ex.q1.check(my_iou)    # ✓ or ✗ with a specific reason, in English and Hinglish
    ex.q1.hint()           # a nudge, in both languages
    ex.q1.solution()       # the reference solution

A check tests the student's *result* (a value within a tolerance, a shape, a model's behaviour on
probe inputs), never the text of their code, and is fast. An exercise the student has not
answered yet (the answer is ``...``, as in the notebook's exercise cells, or a function whose
body is still ``return ...``) gets a friendly reminder, not an error, so the notebook still runs
top to bottom.

Writing a checker: a function that takes the student's answer and returns ``None`` when it is
right, or a :class:`Wrong` with the reason in both languages. :func:`expect_close` and
:func:`expect_shape` cover the common cases. Every exercise also carries a ``reference`` answer
and typical ``mistakes`` (with a fragment of the message each must produce), so one unit test
(``tests/test_exercises.py``) checks every checker of every chapter.

Grading (``python -m course_utils.grade``): when the environment variable ``COURSE_GRADE_LOG``
names a file, every :meth:`Exercise.check` also appends its verdict to it as one JSON line
(``exercise``, ``status``, ``en``, ``hi``, ``check_raised``), so the grader reads the checks' own
verdicts instead of their printed text. Handouts (``python -m course_utils.assign``) call
:func:`hide_solutions`, after which :meth:`Exercise.solution` says that the instructor has hidden
the solutions.
"""

from __future__ import annotations

import functools
import html
import inspect
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = [
    "Exercise",
    "Feedback",
    "Mistake",
    "Wrong",
    "GRADE_LOG_ENV_VAR",
    "expect_close",
    "expect_shape",
    "hide_solutions",
    "is_unanswered",
]

GRADE_LOG_ENV_VAR = "COURSE_GRADE_LOG"
"""The environment variable that names the file a grader reads verdicts from (one JSON line
per :meth:`Exercise.check`)."""

_solutions_hidden = False


def hide_solutions(hidden: bool = True) -> None:
    """Make every exercise's ``solution()`` say that the instructor has hidden the solutions.

    Called by the cell that ``python -m course_utils.assign`` adds to a handout (chapter 01,
    Exercises). Hints still work. Pass ``hidden=False`` to show the solutions again. This hides
    the solutions from the notebook, not from a student who reads this package's source.
    Example: ``hide_solutions()``, then ``ex.q1.solution()`` shows the notice.
    """
    global _solutions_hidden
    if not isinstance(hidden, bool):
        raise TypeError(f"hidden must be True or False, got {type(hidden).__name__}")
    _solutions_hidden = hidden


def _record_for_grader(feedback: Feedback) -> None:
    """Append ``feedback`` to the file named by ``COURSE_GRADE_LOG``, when it is set.

    Never raises: a grading log that cannot be written must not break the student's notebook
    (the grader then reports the exercise as unanswered).
    """
    path = os.environ.get(GRADE_LOG_ENV_VAR, "").strip()
    if not path:
        return
    line = {
        "exercise": feedback.exercise,
        "status": feedback.status,
        "en": feedback.en,
        "hi": feedback.hi,
        "check_raised": feedback.check_raised,
    }
    try:
        with open(path, "a", encoding="utf-8") as log:
            log.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError:
        pass


@dataclass(frozen=True)
class Wrong:
    """Why an answer is wrong: ``en`` in English, ``hi`` in Hinglish (both specific)."""

    en: str
    hi: str

    def with_note(self, note: tuple[str, str]) -> Wrong:
        """This reason followed by a note on a typical mistake (English, Hinglish); ``("", "")``
        adds nothing."""
        return Wrong(f"{self.en} {note[0]}".strip(), f"{self.hi} {note[1]}".strip())


@dataclass(frozen=True)
class Feedback:
    """The verdict on one answer. Displays as a coloured block in Jupyter, plain text elsewhere."""

    exercise: str
    status: str  # "correct", "wrong" or "unanswered"
    en: str
    hi: str
    # True when the checker itself raised on this answer (shown as "wrong"; a grader reports
    # it as "error").
    check_raised: bool = False

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __str__(self) -> str:
        mark = {"correct": "✓", "wrong": "✗", "unanswered": "…"}[self.status]
        return f"{mark} {self.exercise}: {self.en}\n  Hinglish mein: {self.hi}"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # Text-only frontends (a terminal, nbval's comparison) show the message, not the dataclass.
        printer.text(str(self))

    def _repr_html_(self) -> str:
        colour = {"correct": "#1b7f3b", "wrong": "#b3261e", "unanswered": "#7a5c00"}[self.status]
        mark = {"correct": "✓ Correct", "wrong": "✗ Not yet", "unanswered": "… Not answered"}
        return (
            f'<div class="exercise-feedback" style="border-left:4px solid {colour};'
            f'padding:0.3em 0.8em"><strong style="color:{colour}">{mark[self.status]}'
            f" ({html.escape(self.exercise)})</strong>: {html.escape(self.en)}<br>"
            f"<em>Hinglish mein:</em> {html.escape(self.hi)}</div>"
        )


@dataclass(frozen=True)
class Text:
    """A hint or a solution: ``en`` and ``hi`` may hold Markdown (code in backticks or fences)."""

    exercise: str
    kind: str
    en: str
    hi: str

    def __str__(self) -> str:
        return f"{self.kind} ({self.exercise}):\n{self.en}\n\nHinglish mein: {self.hi}"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(str(self))

    def _repr_markdown_(self) -> str:
        return f"**{self.kind} ({self.exercise}):** {self.en}\n\n**Hinglish mein:** {self.hi}"


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer and a fragment its English message must contain (for the tests).

    Give either ``answer`` itself or ``build``, a zero-argument callable that makes it (e.g. a
    small model, built only when the test runs).
    """

    expect: str
    answer: Any = None
    build: Callable[[], Any] | None = None

    def value(self) -> Any:
        """The wrong answer (built now when ``build`` is given)."""
        return self.build() if self.build is not None else self.answer


def is_unanswered(answer: Any) -> bool:
    """True for the placeholder ``...`` (Ellipsis) that exercise cells start with."""
    return answer is Ellipsis


class _Unanswered(Exception):
    """Raised when a student's function still returns the placeholder ``...``."""


def _stub_aware(function: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a plain function so that returning ``...`` counts as "not answered yet".

    An exercise that asks for a function starts with a stub whose body is ``return ...``; the
    check then shows the reminder instead of an error.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        result = function(*args, **kwargs)
        if result is Ellipsis:
            raise _Unanswered
        return result

    return wrapper


def _show(obj: Any) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency of the lab extra
        print(obj)
        return
    if get_ipython() is None:
        print(obj)
    else:
        display(obj)


@dataclass
class Exercise:
    """One checkable exercise of a chapter (see the module docstring).

    ``checker(answer)`` returns ``None`` when ``answer`` is right, else a :class:`Wrong`.
    ``reference`` (a callable) builds the reference answer; ``mistakes`` lists typical wrong
    answers. ``correct`` is the praise shown for a right answer (English, Hinglish).
    """

    name: str
    checker: Callable[[Any], Wrong | None]
    hint_text: tuple[str, str]
    solution_text: tuple[str, str]
    reference: Callable[[], Any]
    mistakes: Sequence[Mistake] = field(default_factory=tuple)
    correct: tuple[str, str] = ("that is right.", "bilkul sahi.")

    def evaluate(self, answer: Any = ...) -> Feedback:
        """The verdict on ``answer``, without displaying it (what :meth:`check` shows)."""
        if is_unanswered(answer):
            return Feedback(
                self.name,
                "unanswered",
                "replace the ... with your answer, then run the cell again.",
                "... ki jagah apna answer likho, phir cell dobara run karo.",
            )
        if inspect.isfunction(answer):
            answer = _stub_aware(answer)
        try:
            verdict = self.checker(answer)
        except _Unanswered:
            return self.evaluate(...)
        except Exception as err:  # noqa: BLE001 - a student's odd answer must not crash the check
            return Feedback(
                self.name,
                "wrong",
                f"the check could not use this answer ({type(err).__name__}: {err}).",
                f"check is answer ko use nahi kar paaya ({type(err).__name__}: {err}).",
                check_raised=True,
            )
        if verdict is None:
            return Feedback(self.name, "correct", *self.correct)
        return Feedback(self.name, "wrong", verdict.en, verdict.hi)

    def check(self, answer: Any = ...) -> None:
        """Show ✓ or ✗ with the reason, in English and Hinglish.

        Under a grader (``COURSE_GRADE_LOG`` set) the verdict is also appended to its log.
        """
        feedback = self.evaluate(answer)
        _record_for_grader(feedback)
        _show(feedback)

    def hint(self) -> None:
        """Show a hint, in English and Hinglish."""
        _show(Text(self.name, "Hint", *self.hint_text))

    def solution(self) -> None:
        """Show the reference solution, in English and Hinglish (unless a handout hid it)."""
        if _solutions_hidden:
            _show(
                Text(
                    self.name,
                    "Solution",
                    "Your instructor has hidden the solutions in this handout. Try the hint "
                    "(`.hint()`), or ask your instructor.",
                    "Is handout mein tumhare instructor ne solutions chhupa diye hain. Hint "
                    "(`.hint()`) try karo, ya apne instructor se poochho.",
                )
            )
            return
        _show(Text(self.name, "Solution", *self.solution_text))


def _as_float_array(answer: Any, what: str, what_hi: str) -> np.ndarray | Wrong:
    try:
        array = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Wrong(
            f"{what} should be a number or an array of numbers, got {type(answer).__name__}.",
            f"{what_hi} ek number ya numbers ka array hona chahiye, mila {type(answer).__name__}.",
        )
    if not np.all(np.isfinite(array)):
        return Wrong(f"{what} contains NaN or infinity.", f"{what_hi} mein NaN ya infinity hai.")
    return array


def expect_close(
    answer: Any,
    expected: Any,
    *,
    what: str,
    what_hi: str,
    atol: float = 1e-6,
    rtol: float = 1e-4,
) -> Wrong | None:
    """``None`` when ``answer`` equals ``expected`` within the tolerances, else a :class:`Wrong`.

    ``what`` names the quantity in the English message ("your IoU for the touching boxes"),
    ``what_hi`` in the Hinglish one ("touching boxes ke liye tumhara IoU").
    """
    expected_array = np.asarray(expected, dtype=float)
    got = _as_float_array(answer, what, what_hi)
    if isinstance(got, Wrong):
        return got
    if got.shape != expected_array.shape:
        return Wrong(
            f"{what} has shape {got.shape}; expected shape {expected_array.shape}.",
            f"{what_hi} ki shape {got.shape} hai; chahiye thi {expected_array.shape}.",
        )
    if np.allclose(got, expected_array, atol=atol, rtol=rtol):
        return None
    shown = np.array2string(got, precision=4) if got.ndim else f"{float(got):.4g}"
    return Wrong(
        f"{what} is {shown}, which is not what we expect.",
        f"{what_hi} ki value {shown} hai, jo expected nahi hai.",
    )


def expect_shape(answer: Any, shape: tuple[int, ...], *, what: str, what_hi: str) -> Wrong | None:
    """``None`` when ``answer`` has ``shape``, else a :class:`Wrong` naming both shapes."""
    got = getattr(answer, "shape", None)
    if got is None:
        got = np.shape(answer)
    if tuple(got) == tuple(shape):
        return None
    return Wrong(
        f"{what} has shape {tuple(got)}; expected {tuple(shape)}.",
        f"{what_hi} ki shape {tuple(got)} hai; chahiye thi {tuple(shape)}.",
    )
