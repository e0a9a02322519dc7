"""Grade a class's notebooks with the chapters' own exercise checks, in English and Hinglish.

For instructors (README, "For instructors: grading a class"); the checks are the chapters'
self-checking exercises (:mod:`course_utils.exercises`, chapter 01 onwards)::

    python -m course_utils.grade submissions/ --out grades/ --jobs 2
    make grade SUBMISSIONS=submissions/ OUT=grades/

or from Python: ``grade(["submissions/"], "grades/")``. Each submitted ``.ipynb`` (in folders, or
in a zip as a learning platform exports it) is copied into its own temporary folder and executed
top to bottom in a fresh kernel, in its own process, offline, with a time limit (10 min) and a
memory cap, ``jobs`` at a time. Every ``ex.qN.check(...)`` it runs records its verdict
(``COURSE_GRADE_LOG``, see :mod:`course_utils.exercises`). The chapter comes from the notebook's
metadata or its ``course_utils.exercises.chNN`` import.

It writes ``grades.csv`` (one row per student's notebook × exercise: status ``correct``,
``wrong``, ``unanswered``, ``not reached`` or ``error``, points, and the reasons in both
languages; see :mod:`course_utils.grade._verdicts`), ``report.html`` and, in ``executed/``, each
notebook as it ran. The submissions are only read. Grading runs the students' code on this
machine: see the README for what the sandbox does and does not guarantee.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import course_utils
from course_utils.grade._execute import (
    DEFAULT_MEMORY,
    DEFAULT_SECONDS,
    Execution,
    Limits,
    execute,
    kill_all,
)
from course_utils.grade._notebook import (
    ChapterExercise,
    Unreadable,
    chapter_exercises,
    check_cells,
    detect_chapter,
    read_notebook,
)
from course_utils.grade._report import write_csv, write_html
from course_utils.grade._submissions import GradeInputError, Submission, collect, student_name
from course_utils.grade._verdicts import (
    STATUSES,
    NotebookResult,
    Row,
    exercise_rows,
    problem_rows,
    run_short,
    run_summary,
)

__all__ = [
    "DEFAULT_MEMORY",
    "DEFAULT_SECONDS",
    "STATUSES",
    "GradeInputError",
    "Grades",
    "Limits",
    "NotebookResult",
    "Row",
    "grade",
    "student_name",
]


@dataclass
class Grades:
    """What :func:`grade` wrote: the per-file results, the two output files and the summary."""

    results: list[NotebookResult]
    csv: Path
    html: Path
    summary: str
    seconds: float

    @property
    def rows(self) -> list[Row]:
        return [row for result in self.results for row in result.rows]


class _Progress:
    """A plain progress bar on stderr, redrawn every second on a terminal (elsewhere: a line per
    finished notebook)."""

    def __init__(self, total: int, stream: TextIO | None) -> None:
        self.total, self.done, self.stream = total, 0, stream
        self.started = time.monotonic()
        self.tty = bool(stream is not None and stream.isatty())
        self.last = ""

    def start(self, jobs: int) -> None:
        if self.stream is not None:
            self.stream.write(f"Grading {self.total} notebook(s), {jobs} at a time...\n")
            self.tick(0)

    def finished(self, label: str) -> None:
        self.done += 1
        self.last = label
        if self.stream is not None and not self.tty:
            elapsed = time.monotonic() - self.started
            self.stream.write(f"[{self.done}/{self.total}] {elapsed:.0f} s  {label}\n")
            self.stream.flush()

    def tick(self, running: int) -> None:
        if self.stream is None or not self.tty:
            return
        elapsed = time.monotonic() - self.started
        width = 30
        filled = round(width * self.done / self.total) if self.total else width
        bar = "█" * filled + "░" * (width - filled)
        now = f"{running} running" if running else "done"
        text = f"[{bar}] {self.done}/{self.total} · {now} · {elapsed:4.0f} s  {self.last[:36]}"
        self.stream.write(f"\r{text:<100}" + ("\n" if self.done == self.total else ""))
        self.stream.flush()


def _check_tools() -> None:
    """Grading needs nbclient, nbformat and ipykernel (the ``lab`` extra): say so plainly."""
    needed = ("nbclient", "nbformat", "ipykernel")
    missing = [name for name in needed if importlib.util.find_spec(name) is None]
    if missing:
        raise GradeInputError(
            f"grading needs {', '.join(missing)}, which are not installed: install the course "
            "with its lab extra (pip install 'course-utils[lab]', or make grade)"
        )


def _check_options(jobs: int, limits: Limits, points: Mapping[str, float]) -> None:
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise GradeInputError(
            f"jobs must be a whole number of notebooks to run at once, 1 or more; got {jobs!r}"
        )
    if not limits.seconds > 0:
        raise GradeInputError(
            f"the time limit must be a positive number of seconds; got {limits.seconds!r}"
        )
    if limits.memory is not None and limits.memory <= 0:
        raise GradeInputError(f"the memory cap must be positive bytes or None; got {limits.memory}")
    for key, value in points.items():
        if not (key.startswith("q") and key[1:].isdigit()) or not value >= 0:
            raise GradeInputError(
                f"points: {key}={value!r} is not an exercise and a number of points, such as "
                "q1=2 (exercises are q1, q2, ...; points are 0 or more)"
            )


def _duration(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"


def _summary(results: Sequence[NotebookResult], seconds: float, jobs: int) -> str:
    """The line printed at the end (and shown at the top of the report)."""
    rows = [row for result in results for row in result.rows if row.exercise]
    correct = sum(row.status == "correct" for row in rows)
    students = len({result.student for result in results})
    ran = [result for result in results if result.seconds is not None]
    stopped = [result for result in ran if result.stopped]
    timed_out = sum(result.timed_out for result in stopped)
    chapters = sorted({result.chapter for result in results if result.chapter})
    per = sum(r.seconds or 0.0 for r in ran) / len(ran) if ran else 0.0
    counts = [f"{len(ran) - len(stopped)} ran to the end"]
    if len(stopped) > timed_out:
        counts.append(f"{len(stopped) - timed_out} stopped on an error")
    if timed_out:
        counts.append(f"{timed_out} stopped at the time limit")
    if len(results) > len(ran):
        counts.append(f"{len(results) - len(ran)} could not be graded")
    where = ", ".join("chapter " + c for c in chapters) or "no known chapter"
    return (
        f"Graded {len(results)} file(s) from {students} student(s) ({where}) in {seconds:.0f} s "
        f"with {jobs} job(s): {correct} of {len(rows)} exercise answers correct. "
        f"{', '.join(counts)}; {per:.0f} s per notebook run."
    )


def grade(
    paths: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    jobs: int = 1,
    limits: Limits | None = None,
    points: Mapping[str, float] | None = None,
    progress: TextIO | None = sys.stderr,
) -> Grades:
    """Grade every notebook under ``paths``; write ``grades.csv`` and ``report.html`` to ``out``.

    Chapter: instructors' grading (README). ``jobs`` notebooks run at once; ``limits`` holds the
    time limit per notebook (default 10 min), the memory cap (default 8 GiB of address space)
    and ``keep_going`` (run every cell even after one raises); ``points`` gives an exercise
    other than 1 point (``{"q2": 2}``). ``progress`` is where the progress bar goes (``None``:
    nowhere). Raises :class:`GradeInputError` for unusable paths or options; never for what a
    notebook does. Example: ``grade(["submissions/"], "grades/", jobs=2)``.
    """
    limits = limits or Limits()
    points = dict(points or {})
    _check_options(jobs, limits, points)
    _check_tools()
    out_dir = Path(out)
    if out_dir.exists() and not out_dir.is_dir():
        raise GradeInputError(f"--out {str(out)!r} is a file; give a folder for the results")
    started = time.monotonic()
    submissions = sorted(
        collect([Path(p) for p in paths], exclude=out_dir),
        key=lambda s: (s.student.lower(), s.source),
    )
    out_dir.mkdir(parents=True, exist_ok=True)

    parsed: list[tuple[Submission, object, str | None]] = []
    for submission in submissions:
        try:
            nb = read_notebook(submission.filename, submission.content, submission.size)
        except Unreadable as problem:
            parsed.append((submission, problem, None))
        else:
            parsed.append((submission, nb, detect_chapter(nb)))
    known = {chapter for _, _, chapter in parsed if chapter}
    assumed = next(iter(known)) if len(known) == 1 else None
    exercises: dict[str, list[ChapterExercise]] = {c: chapter_exercises(c) for c in known}

    to_run = [i for i, (_, nb, chapter) in enumerate(parsed) if chapter is not None]
    bar = _Progress(len(to_run), progress)
    runs: dict[int, Execution] = {}
    scratch = Path(tempfile.mkdtemp(prefix="course-grade-"))
    try:
        bar.start(jobs)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {
                pool.submit(
                    execute,
                    parsed[i][0].content or b"",
                    _safe_filename(parsed[i][0].filename),
                    scratch / f"{i:04d}",
                    limits,
                ): i
                for i in to_run
            }
            pending = set(futures)
            try:
                while pending:
                    done, pending = wait(pending, timeout=1.0, return_when=FIRST_COMPLETED)
                    for future in done:
                        index = futures[future]
                        runs[index] = future.result()
                        submission = parsed[index][0]
                        bar.finished(f"{submission.student}: {submission.filename}")
                    bar.tick(min(jobs, len(pending)))
            except BaseException:
                for future in futures:
                    future.cancel()
                kill_all()
                raise
        results = []
        executed_dir = out_dir / "executed"
        for index, (submission, nb, chapter) in enumerate(parsed):
            result = _result(
                index, submission, nb, chapter, assumed, exercises, runs, limits, points
            )
            run = runs.get(index)
            if run is not None and run.executed is not None:
                executed_dir.mkdir(exist_ok=True)
                name = f"{index + 1:03d} {submission.student} - {submission.filename}"
                target = executed_dir / _safe_filename(name)
                shutil.copyfile(run.executed, target)
                result.executed = target
            result.filename = submission.filename
            results.append(result)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    seconds = time.monotonic() - started
    summary = _summary(results, seconds, jobs)
    csv_path, html_path = out_dir / "grades.csv", out_dir / "report.html"
    write_csv([row for result in results for row in result.rows], csv_path)
    write_html(results, html_path, summary, _settings(limits, runs, jobs))
    return Grades(results, csv_path, html_path, summary, seconds)


def _safe_filename(name: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "-_.() " else "_" for ch in name).strip(" .")
    return cleaned or "notebook.ipynb"


def _result(
    index: int,
    submission: Submission,
    nb: object,
    chapter: str | None,
    assumed: str | None,
    exercises: Mapping[str, list[ChapterExercise]],
    runs: Mapping[int, Execution],
    limits: Limits,
    points: Mapping[str, float],
) -> NotebookResult:
    student, source = submission.student, submission.source

    def not_graded(
        why_en: str, why_hi: str, short: str, row_en: str, row_hi: str
    ) -> NotebookResult:
        """A result with a row per exercise that says why the notebook was not graded."""
        listed = exercises.get(assumed, []) if assumed else []
        rows = problem_rows(student, source, assumed or "", listed, row_en, row_hi, points)
        return NotebookResult(
            student, source, assumed or "", rows, f"not graded: {why_en}",
            f"grade nahi hua: {why_hi}", short, readable=False,
        )  # fmt: skip

    if isinstance(nb, Unreadable):
        en, hi = nb.en, nb.hi
        if assumed:
            en += f" (Counted as chapter {assumed}, the chapter of the other submissions.)"
            hi += f" (Chapter {assumed} maana, jo baaki submissions ka chapter hai.)"
        return not_graded(nb.en, nb.hi, f"not graded: {nb.short}", en, hi)
    if chapter is None:
        en = (
            "could not tell which chapter this notebook is: it imports no "
            "`course_utils.exercises.chNN` and its metadata names none (was the exercises' "
            "import deleted?). Not run."
        )
        hi = (
            "pata nahi chala ki yeh kaunsa chapter hai: isme `course_utils.exercises.chNN` "
            "ka import nahi hai aur metadata mein bhi chapter nahi (exercises wala import "
            "delete ho gaya?). Chalaya nahi gaya."
        )
        return not_graded(en, hi, "not run: chapter unknown", en, hi)
    run = runs[index]
    rows = exercise_rows(
        student, source, chapter, exercises[chapter], check_cells(nb), run, limits.seconds, points
    )
    run_en, run_hi = run_summary(run, limits.seconds)
    timed_out = bool(run.stop and run.stop.get("reason") == "timeout")
    return NotebookResult(
        student,
        source,
        chapter,
        rows,
        run_en,
        run_hi,
        run_short(run),
        seconds=run.seconds,
        stopped=not run.completed,
        timed_out=timed_out,
        notes=run.notes,
    )


def _settings(limits: Limits, runs: Mapping[int, Execution], jobs: int) -> list[str]:
    notes: dict[str, str] = {}
    for run in runs.values():
        notes = run.notes or notes
    return [
        f"Time limit {_duration(limits.seconds)} per notebook · "
        f"{'every cell run (--keep-going)' if limits.keep_going else 'stops at the first error'}"
        f" · {jobs} job(s) at a time.",
        f"Memory cap: {notes.get('memory', 'n/a')}. Network: {notes.get('network', 'n/a')}; "
        "proxies point to a closed port.",
        f"Python {platform.python_version()} on {platform.system()} · course_utils "
        f"{course_utils.__version__}.",
    ]
