"""Turn what happened in a notebook into one verdict per exercise, with reasons in both languages.

Part of :mod:`course_utils.grade`. The statuses:

* ``correct``, ``wrong``: the exercise's own check said so (its last verdict, when the student
  ran the check more than once); the reasons are the check's own;
* ``unanswered``: the check ran on the ``...`` placeholder (or on a function that still returns
  ``...``), or the notebook ran past the exercise without calling its check;
* ``error``: the exercise's cell raised (or hit the time limit, or killed the kernel) before its
  check gave a verdict, or the check itself raised on the answer;
* ``not reached``: the notebook stopped in an earlier cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course_utils.grade._execute import Execution
from course_utils.grade._notebook import ChapterExercise

STATUSES = ("correct", "wrong", "unanswered", "not reached", "error")


@dataclass(frozen=True)
class Row:
    """One line of ``grades.csv``: one student's notebook × one exercise."""

    student: str
    notebook: str
    chapter: str
    exercise: str
    title: str
    status: str
    points: float
    max_points: float
    reason_en: str
    reason_hi: str


@dataclass
class NotebookResult:
    """Everything the report says about one submitted file."""

    student: str
    notebook: str
    chapter: str
    rows: list[Row]
    run_en: str  # how the run went, e.g. "ran to the end in 14 s"
    run_hi: str
    run_short: str  # the same in a few words, for the class table
    seconds: float | None = None
    stopped: bool = False
    timed_out: bool = False
    readable: bool = True
    filename: str = ""  # the file's own name (``notebook`` may be a zip member's path)
    notes: dict[str, str] = field(default_factory=dict)
    executed: Path | None = None


def _duration(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"


def _where(stop: Mapping[str, Any]) -> tuple[str, str]:
    if stop.get("cell") is None:
        return "", ""
    line = f" (`{stop['line']}`)" if stop.get("line") else ""
    return (
        f"code cell {stop['code_cell']} of {stop['code_cells']}{line}",
        f"code cell {stop['code_cell']} / {stop['code_cells']}{line}",
    )


def _what(stop: Mapping[str, Any], limit: float, memory: str) -> tuple[str, str]:
    """Why the notebook stopped, in both languages (without where)."""
    reason = stop.get("reason")
    if reason == "error":
        error = f"{stop.get('ename', 'Error')}: {stop.get('evalue', '')}".strip().rstrip(":")
        return f"it raised {error}", f"error aaya — {error}"
    if reason == "timeout":
        return (
            f"it was still running at the time limit ({_duration(limit)}): an endless loop, or "
            "far too slow",
            f"time limit ({_duration(limit)}) tak chal hi raha tha: shayad infinite loop hai, ya "
            "code bahut slow hai",
        )
    if reason == "kernel died":
        return (
            f"the kernel died, e.g. out of memory (cap: {memory})",
            f"kernel band ho gaya, jaise memory khatam hone pe (limit: {memory})",
        )
    detail = f"{stop.get('ename', '')}: {stop.get('evalue', '')}".strip(": ")
    return (
        f"the kernel could not run it ({detail})",
        f"kernel ise chala nahi paaya ({detail})",
    )


def run_summary(run: Execution, limit: float) -> tuple[str, str]:
    """One line on how the run went, in both languages."""
    seconds = f"{run.seconds:.0f} s"
    if run.completed:
        errors = len(run.errors)
        if errors:
            return (
                f"ran to the end in {seconds}, {errors} cell(s) raised (--keep-going)",
                f"{seconds} mein poora chala, {errors} cell(s) mein error (--keep-going)",
            )
        return f"ran to the end in {seconds}", f"{seconds} mein poora chala"
    stop = run.stop or {}
    where_en, where_hi = _where(stop)
    what_en, what_hi = _what(stop, limit, run.notes.get("memory", "none"))
    at_en = f" in {where_en}" if where_en else ""
    at_hi = f" {where_hi} pe" if where_hi else ""
    return (
        f"stopped after {seconds}{at_en}: {what_en}",
        f"{seconds} baad{at_hi} ruk gaya: {what_hi}",
    )


def run_short(run: Execution) -> str:
    """How the run went, in a few words: "ran to the end · 14 s", "NameError in code cell 5"."""
    if run.completed:
        return f"ran to the end · {run.seconds:.0f} s"
    stop = run.stop or {}
    at = f" in code cell {stop['code_cell']}" if stop.get("cell") is not None else ""
    reason = stop.get("reason")
    if reason == "error":
        return f"stopped: {stop.get('ename', 'error')}{at}"
    if reason == "timeout":
        return f"stopped: time limit{at}"
    if reason == "kernel died":
        return f"stopped: kernel died{at}"
    return "not run: the kernel did not start"


def _no_verdict(
    exercise: ChapterExercise,
    cell: int | None,
    run: Execution,
    limit: float,
) -> tuple[str, str, str]:
    """(status, en, hi) for an exercise whose check gave no verdict."""
    call = f"`ex.{exercise.key}.check(...)`"
    stop = run.stop or {}
    stop_cell = stop.get("cell")
    errors = {e["cell"]: e for e in run.errors}
    memory = run.notes.get("memory", "none")
    if cell is not None and cell in errors and stop_cell != cell:
        error = errors[cell]  # --keep-going: this cell raised and the notebook went on
        detail = f"{error['ename']}: {error['evalue']}".rstrip(": ")
        return (
            "error",
            f"the exercise's cell (code cell {error['code_cell']}) raised {detail}, so its check "
            "did not run.",
            f"is exercise ke cell (code cell {error['code_cell']}) mein {detail} aaya, isliye "
            "check nahi chala.",
        )
    if not run.completed and cell is not None and stop_cell == cell:
        what_en, what_hi = _what(stop, limit, memory)
        return (
            "error",
            f"the exercise's cell (code cell {stop['code_cell']}) stopped the notebook: "
            f"{what_en}; so its check did not run.",
            f"is exercise ke cell (code cell {stop['code_cell']}) pe notebook ruk gaya: "
            f"{what_hi}; isliye check nahi chala.",
        )
    if not run.completed and (cell is None or stop_cell is None or cell > stop_cell):
        where_en, where_hi = _where(stop)
        what_en, what_hi = _what(stop, limit, memory)
        at_en = f", in {where_en}" if where_en else ""
        at_hi = f" {where_hi} pe" if where_hi else ""
        return (
            "not reached",
            f"not reached: the notebook stopped earlier{at_en}: {what_en}.",
            f"yahan tak nahi pahunche: notebook pehle hi{at_hi} ruk gaya: {what_hi}.",
        )
    if cell is None:
        return (
            "unanswered",
            f"not answered: no cell calls {call} (the exercise's cell or its check line was "
            "deleted).",
            f"answer nahi mila: koi cell {call} nahi chalata (exercise ka cell ya check wali "
            "line delete ho gayi).",
        )
    return (
        "unanswered",
        f"not answered: the exercise's cell ran but never called {call}.",
        f"answer nahi mila: exercise ka cell chala, par {call} kabhi nahi chala.",
    )


def exercise_rows(
    student: str,
    notebook: str,
    chapter: str,
    exercises: Sequence[ChapterExercise],
    cells: Mapping[str, int],
    run: Execution,
    limit: float,
    points: Mapping[str, float],
) -> list[Row]:
    """One :class:`Row` per exercise of ``chapter`` for a notebook that was executed."""
    last: dict[str, Mapping[str, Any]] = {}
    for verdict in run.verdicts:
        last[verdict["exercise"]] = verdict  # the last check of an exercise is its verdict
    rows = []
    for exercise in exercises:
        worth = float(points.get(exercise.key, 1.0))
        verdict = last.get(exercise.name)
        if verdict is not None and verdict.get("status") in ("correct", "wrong", "unanswered"):
            status = "error" if verdict.get("check_raised") else str(verdict["status"])
            en, hi = str(verdict.get("en", "")), str(verdict.get("hi", ""))
        else:
            status, en, hi = _no_verdict(exercise, cells.get(exercise.key), run, limit)
        rows.append(
            Row(
                student,
                notebook,
                chapter,
                exercise.key,
                exercise.title,
                status,
                worth if status == "correct" else 0.0,
                worth,
                en,
                hi,
            )
        )
    return rows


def problem_rows(
    student: str,
    notebook: str,
    chapter: str,
    exercises: Sequence[ChapterExercise],
    en: str,
    hi: str,
    points: Mapping[str, float],
) -> list[Row]:
    """Rows for a file that could not be graded: one per exercise of ``chapter`` when it is
    known (or assumed), else a single row without an exercise."""
    if not exercises:
        return [Row(student, notebook, chapter, "", "", "error", 0.0, 0.0, en, hi)]
    return [
        Row(
            student,
            notebook,
            chapter,
            e.key,
            e.title,
            "error",
            0.0,
            float(points.get(e.key, 1.0)),
            en,
            hi,
        )
        for e in exercises
    ]
