"""Every self-checking exercise accepts its reference answer and rejects its typical mistakes."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import course_utils.exercises as exercises
from course_utils.exercises import Exercise, Wrong, expect_close, expect_shape

from .conftest import NOTEBOOKS

CHAPTER_MODULES = sorted(
    m.name for m in pkgutil.iter_modules(exercises.__path__) if m.name.startswith("ch")
)


def chapter_exercises(module_name: str) -> list[Exercise]:
    module = importlib.import_module(f"course_utils.exercises.{module_name}")
    return [v for v in vars(module).values() if isinstance(v, Exercise)]


def all_exercises() -> Iterator[Exercise]:
    for name in CHAPTER_MODULES:
        yield from chapter_exercises(name)


@pytest.mark.parametrize("exercise", list(all_exercises()), ids=lambda e: e.name)
def test_reference_is_accepted(exercise: Exercise) -> None:
    feedback = exercise.evaluate(exercise.reference())
    assert feedback.correct, str(feedback)


@pytest.mark.parametrize("exercise", list(all_exercises()), ids=lambda e: e.name)
def test_typical_mistakes_are_rejected_with_their_reason(exercise: Exercise) -> None:
    assert len(exercise.mistakes) >= 2, f"{exercise.name}: give at least two typical mistakes"
    for mistake in exercise.mistakes:
        feedback = exercise.evaluate(mistake.value())
        assert feedback.status == "wrong", f"{exercise.name} accepted {mistake.answer!r}"
        assert mistake.expect in feedback.en, f"{exercise.name}: {feedback.en!r}"
        assert feedback.hi and feedback.hi != feedback.en, f"{exercise.name}: no Hinglish reason"


@pytest.mark.parametrize("exercise", list(all_exercises()), ids=lambda e: e.name)
def test_unanswered_is_a_reminder_not_an_error(exercise: Exercise) -> None:
    feedback = exercise.evaluate(...)
    assert feedback.status == "unanswered"
    exercise.check(...)  # prints outside IPython; must not raise
    exercise.hint()
    exercise.solution()


CHAPTER_TWINS = sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.py"))


@pytest.mark.parametrize("chapter", CHAPTER_TWINS, ids=lambda p: p.stem)
def test_every_chapter_has_three_checkable_exercises(chapter: Path) -> None:
    module = "ch" + chapter.stem.split("_")[0]  # 05a_audio -> ch05a
    assert module in CHAPTER_MODULES, f"add course_utils/exercises/{module}.py"
    found = chapter_exercises(module)
    assert len(found) >= 3, f"{module} has {len(found)} exercises; the course asks for 3 or more"
    text = chapter.read_text(encoding="utf-8")
    for exercise_name in (
        n
        for n, v in vars(importlib.import_module(f"course_utils.exercises.{module}")).items()
        if isinstance(v, Exercise)
    ):
        assert f".{exercise_name}.check(" in text, (
            f"{chapter.name} never calls {exercise_name}.check"
        )


def test_a_function_stub_that_returns_ellipsis_is_unanswered() -> None:
    exercise = Exercise(
        "t",
        lambda f: expect_close(f(1), 2, what="f(1)", what_hi="f(1)"),
        ("h", "h"),
        ("s", "s"),
        lambda: lambda x: 2 * x,
    )

    def stub(x: int) -> int:
        return ...  # type: ignore[return-value]

    assert exercise.evaluate(stub).status == "unanswered"
    assert exercise.evaluate(lambda x: 2 * x).correct
    assert exercise.evaluate(lambda x: x).status == "wrong"


def test_a_crashing_answer_is_reported_not_raised() -> None:
    exercise = Exercise(
        "t",
        lambda a: expect_close(a(1), 2, what="f(1)", what_hi="f(1)"),
        ("h", "h"),
        ("s", "s"),
        lambda: 0,
    )
    feedback = exercise.evaluate(lambda x: 1 / 0)
    assert feedback.status == "wrong" and "ZeroDivisionError" in feedback.en


def test_expect_close_and_shape_messages() -> None:
    names = {"what": "x", "what_hi": "x ka"}
    assert expect_close(0.5, 0.5, **names) is None
    assert "shape (2,)" in expect_close([1, 2], 1.0, **names).en
    assert "NaN" in expect_close(float("nan"), 1.0, **names).en
    assert "should be a number" in expect_close("abc", 1.0, **names).en
    assert "0.6" in expect_close(0.6, 0.5, **names).en
    assert isinstance(expect_shape([[1, 2]], (2, 1), **names), Wrong)
    assert expect_shape([[1, 2]], (1, 2), **names) is None


def test_text_frontends_show_the_message_not_the_dataclass() -> None:
    from IPython.lib.pretty import pretty

    exercise = Exercise("t", lambda a: None, ("hint en", "hint hi"), ("sol", "sol hi"), lambda: 1)
    shown = pretty(exercise.evaluate(...))
    assert shown.startswith("… t: replace the ...") and "Feedback(" not in shown
    assert "Hinglish mein: hint hi" in pretty(exercises.Text("t", "Hint", "hint en", "hint hi"))
