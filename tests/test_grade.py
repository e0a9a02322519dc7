"""Grading a class (``course_utils.grade``) on submissions made from chapter 01's real cells.

The submissions are chapter 01's handout (``course_utils.assign``) cut down to its setup and
import cells and its ``## Exercises`` cells, so that each runs in seconds instead of the whole
chapter's minutes, with the answers filled in from each exercise's own reference answer or its
listed typical mistakes. One grading run (two kernels at a time) covers a correct notebook, one
with the typical mistakes, the untouched handout, one that raises halfway, a damaged file, an
empty one and a PDF, in a folder and in a Moodle-style zip; a second, with a 4-second limit,
covers a notebook that loops and one that asks for more memory than the cap.
"""

from __future__ import annotations

import copy
import csv
import hashlib
import io
import json
import re
import tempfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import nbformat
import pytest

from course_utils.assign import HIDE_CELL, SOLUTIONS_NOTE, make_handout
from course_utils.exercises import GRADE_LOG_ENV_VAR, Exercise, Wrong, hide_solutions
from course_utils.exercises import ch01 as ex
from course_utils.grade import STATUSES, Grades, Limits, grade, student_name
from course_utils.grade.__main__ import main
from course_utils.grade._execute import Execution
from course_utils.grade._notebook import ChapterExercise, Unreadable, read_notebook
from course_utils.grade._report import CSV_COLUMNS
from course_utils.grade._submissions import collect
from course_utils.grade._verdicts import exercise_rows

from .conftest import NOTEBOOKS

CHAPTER = NOTEBOOKS / "01_eda_text.ipynb"
KEYS = ["q1", "q2", "q3"]
MOODLE = "Ravi Kumar_1001_assignsubmission_file_"


def exercise_notebook() -> Any:
    """Chapter 01's handout: title, setup and import cells (with the handout's cell that hides
    the solutions), then its Exercises section."""
    handout, _ = make_handout(nbformat.read(CHAPTER, as_version=4))
    cells = handout.cells
    hide = next(i for i, c in enumerate(cells) if c.source == HIDE_CELL)
    start = next(
        i
        for i, c in enumerate(cells)
        if c.cell_type == "markdown" and c.source.startswith("## Exercises")
    )
    handout.cells = cells[: hide + 1] + cells[start:]
    return handout


def answer(nb: Any, key: str, expression: str) -> Any:
    """A copy of ``nb`` whose exercise ``key`` is answered with ``expression`` (Python code),
    written in the exercise's own cell just before its ``ex.qN.check(name)`` line."""
    nb = copy.deepcopy(nb)
    check = re.compile(rf"^(?P<indent>[ \t]*)\w+\.{key}\.check\((?P<name>\w+)\)", re.MULTILINE)
    for cell in nb.cells:
        found = check.search(cell.source) if cell.cell_type == "code" else None
        if found:
            line = f"{found['indent']}{found['name']} = {expression}\n"
            cell.source = cell.source[: found.start()] + line + cell.source[found.start() :]
            return nb
    raise LookupError(f"no cell calls {key}.check")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def submissions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = exercise_notebook()
    correct = base
    for key in KEYS:
        correct = answer(correct, key, f"ex.{key}.reference()")
    correct.cells.append(nbformat.v4.new_code_cell("ex.q1.solution()"))
    wrong = base
    for key in KEYS:
        wrong = answer(wrong, key, f"ex.{key}.mistakes[0].value()")
    del wrong.metadata["course"]  # the chapter must then come from the exercises import
    raises = answer(base, "q1", "ex.q1.reference()")
    raises = answer(raises, "q2", "helper_i_forgot_to_define")
    raises = answer(raises, "q3", "ex.q3.reference()")

    root = tmp_path_factory.mktemp("class")
    folder = root / "submissions"
    folder.mkdir()
    # Canvas-style name that says chapter 07: the chapter must come from the notebook itself.
    nbformat.write(correct, folder / "asha_1234_5678_07_yolo.ipynb")
    nbformat.write(base, folder / "bela.ipynb")
    text = nbformat.writes(correct)
    (folder / "chen.ipynb").write_text(text[: len(text) // 2], encoding="utf-8")  # cut short
    (folder / "dev.ipynb").write_bytes(b"")
    (folder / "esha.pdf").write_bytes(b"%PDF-1.4\n% not a notebook\n")
    (folder / ".ipynb_checkpoints").mkdir()
    (folder / ".ipynb_checkpoints" / "bela-checkpoint.ipynb").write_bytes(b"{}")
    export = root / "moodle_export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(f"{MOODLE}/attempt1.ipynb", nbformat.writes(raises))
        archive.writestr(f"{MOODLE}/attempt2.ipynb", nbformat.writes(wrong))
        archive.writestr(f"__MACOSX/{MOODLE}/._attempt1.ipynb", b"\x00\x05\x16\x07")
    return {"folder": folder, "zip": export, "root": root}


def all_files(submissions: dict[str, Path]) -> dict[Path, str]:
    files = [p for p in submissions["folder"].rglob("*") if p.is_file()] + [submissions["zip"]]
    return {p: sha256(p) for p in files}


@pytest.fixture(scope="module")
def graded(submissions: dict[str, Path]) -> tuple[Grades, dict[Path, str], str]:
    before = all_files(submissions)
    progress = io.StringIO()
    grades = grade(
        [submissions["folder"], submissions["zip"]],
        submissions["root"] / "out",
        jobs=2,
        limits=Limits(seconds=300),
        progress=progress,
    )
    return grades, before, progress.getvalue()


def rows_of(grades: Grades, notebook_part: str) -> dict[str, Any]:
    rows = {r.exercise: r for r in grades.rows if notebook_part in r.notebook}
    assert rows, f"no rows for {notebook_part}: {sorted({r.notebook for r in grades.rows})}"
    return rows


def test_reference_answers_are_correct_and_solutions_are_hidden(graded: Any) -> None:
    grades = graded[0]
    rows = rows_of(grades, "asha_1234")
    assert [rows[k].status for k in KEYS] == ["correct"] * 3
    assert all(rows[k].points == 1 and rows[k].student == "asha" for k in KEYS)
    assert all(rows[k].chapter == "01" for k in KEYS)  # not 07, as the file name says
    result = next(r for r in grades.results if "asha" in r.notebook)
    assert result.executed is not None
    executed = result.executed.read_text(encoding="utf-8")
    assert "has hidden the solutions" in executed and "solutions chhupa diye" in executed


def test_typical_mistakes_are_wrong_with_their_reason_in_both_languages(graded: Any) -> None:
    rows = rows_of(graded[0], "attempt2")
    for key in KEYS:
        mistake = getattr(ex, key).mistakes[0]
        assert rows[key].status == "wrong" and rows[key].points == 0
        assert mistake.expect in rows[key].reason_en
        assert rows[key].reason_hi and rows[key].reason_hi != rows[key].reason_en
    assert rows["q1"].chapter == "01"  # from the import: this copy has no course metadata


def test_the_untouched_handout_is_unanswered(graded: Any) -> None:
    rows = rows_of(graded[0], "bela")
    assert [rows[k].status for k in KEYS] == ["unanswered"] * 3
    assert "replace the ..." in rows["q1"].reason_en


def test_a_notebook_that_raises_keeps_earlier_verdicts_and_says_where(graded: Any) -> None:
    grades = graded[0]
    rows = rows_of(grades, "attempt1")
    assert rows["q1"].status == "correct"
    assert rows["q2"].status == "error"
    assert "NameError" in rows["q2"].reason_en and "NameError" in rows["q2"].reason_hi
    assert rows["q3"].status == "not reached"
    assert "helper_i_forgot_to_define" in rows["q3"].reason_en  # the line that raised
    assert re.search(r"code cell \d+ of \d+", rows["q3"].reason_en)
    result = next(r for r in grades.results if "attempt1" in r.notebook)
    assert result.stopped and "NameError" in result.run_short


@pytest.mark.parametrize(
    ("name", "says"),
    [("chen.ipynb", "damaged"), ("dev.ipynb", "empty"), ("esha.pdf", "not a notebook")],
)
def test_files_that_are_no_notebook_get_rows_that_say_so(graded: Any, name: str, says: str) -> None:
    rows = rows_of(graded[0], f"submissions/{name}")
    assert set(rows) == set(KEYS)  # counted as chapter 01, the chapter of every other notebook
    assert {r.status for r in rows.values()} == {"error"}
    assert all(says in r.reason_en and r.reason_hi for r in rows.values())


def test_two_notebooks_of_one_student_are_both_reported(graded: Any) -> None:
    ravi = {r.notebook for r in graded[0].rows if r.student == "Ravi Kumar"}
    assert len(ravi) == 2 and all(f"moodle_export.zip:{MOODLE}/attempt" in n for n in ravi)
    names = [r.student for r in graded[0].results]
    assert names.count("Ravi Kumar") == 2


def test_hidden_files_are_skipped_and_the_submissions_are_unchanged(graded: Any) -> None:
    grades, before, _ = graded
    notebooks = {r.notebook for r in grades.rows}
    assert not any("checkpoint" in n or "__MACOSX" in n for n in notebooks)
    assert len(notebooks) == 7
    assert {path: sha256(path) for path in before} == before


def test_grades_csv_has_one_row_per_notebook_and_exercise(graded: Any) -> None:
    grades = graded[0]
    with open(grades.csv, encoding="utf-8", newline="") as file:
        lines = list(csv.DictReader(file))
    assert list(lines[0]) == CSV_COLUMNS
    assert len(lines) == 7 * 3
    assert {line["status"] for line in lines} <= set(STATUSES)
    assert {(line["notebook"], line["exercise"]) for line in lines} == {
        (r.notebook, r.exercise) for r in grades.rows
    }
    asha = [line for line in lines if line["student"] == "asha"]
    assert [line["points"] for line in asha] == ["1", "1", "1"]


class _Page(HTMLParser):
    """The report's tables (cell texts) and the text of every element, for the checks below."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.text: list[str] = []
        self.external: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href") and value and re.match(r"[a-z]+://", value):
                self.external.append(value)
        if tag in ("script", "link", "img", "iframe"):
            self.external.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def test_report_has_the_class_table_the_common_mistakes_and_both_languages(graded: Any) -> None:
    grades = graded[0]
    page = _Page()
    page.feed(grades.html.read_text(encoding="utf-8"))
    assert page.external == []  # viewable offline: nothing to fetch
    table = page.tables[0]
    header, body = table[0], table[1:-1]
    assert header[:2] == ["Student", "Notebook"] and header[2].startswith("q1")
    assert len(body) == 7
    marks = {row[1]: row[2:5] for row in body}
    assert marks["asha_1234_5678_07_yolo.ipynb"] == ["✓", "✓", "✓"]
    assert marks["bela.ipynb"] == ["…", "…", "…"]
    assert marks["attempt1.ipynb"] == ["✓", "!", "–"]
    assert marks["attempt2.ipynb"] == ["✗", "✗", "✗"]
    assert marks["esha.pdf"] == ["!", "!", "!"]
    totals = {row[1]: row[5] for row in body}
    assert totals["asha_1234_5678_07_yolo.ipynb"] == "3 / 3"
    assert table[-1][:3] == ["Correct", "2/7", "1/7"]  # correct answers per exercise
    text = " ".join(" ".join(page.text).split())
    assert "Most often wrong" in text and "Most common reason" in text
    assert "that is the accuracy" in text and "yeh accuracy hai" in text  # q1's mistake
    assert text.count("Hinglish mein:") >= 7 * 2
    assert grades.summary in text


def test_summary_and_progress(graded: Any) -> None:
    grades, _, progress = graded
    assert "Graded 7 file(s) from 6 student(s) (chapter 01)" in grades.summary
    assert "4 of 21 exercise answers correct" in grades.summary
    assert "1 stopped on an error" in grades.summary and "3 could not be graded" in grades.summary
    assert "Grading 4 notebook(s), 2 at a time" in progress
    assert "[4/4]" in progress


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> tuple[Grades, Path]:
    base = exercise_notebook()
    folder = tmp_path_factory.mktemp("limited")
    loops = copy.deepcopy(base)
    loops.cells.insert(0, nbformat.v4.new_code_cell("while True:\n    pass"))
    nbformat.write(loops, folder / "lena.ipynb")
    greedy = copy.deepcopy(base)
    greedy.cells.insert(0, nbformat.v4.new_code_cell("block = bytearray(64 * 2**30)"))
    nbformat.write(greedy, folder / "mira.ipynb")
    scratch = folder / "scratch"
    scratch.mkdir()
    old = tempfile.tempdir
    tempfile.tempdir = str(scratch)
    try:
        grades = grade(
            [folder / "lena.ipynb", folder / "mira.ipynb"],
            folder / "out",
            jobs=2,
            limits=Limits(seconds=4, memory=4 * 2**30),
            progress=None,
        )
    finally:
        tempfile.tempdir = old
    return grades, scratch


def test_a_notebook_that_loops_is_stopped_at_the_limit(limited: Any) -> None:
    grades, scratch = limited
    rows = rows_of(grades, "lena")
    assert {r.status for r in rows.values()} == {"not reached"}
    assert "time limit (4 s)" in rows["q1"].reason_en and "while True:" in rows["q1"].reason_en
    result = next(r for r in grades.results if "lena" in r.notebook)
    assert result.timed_out and result.seconds is not None and result.seconds < 4 + 120
    psutil = pytest.importorskip("psutil")
    left = []
    for process in psutil.process_iter(["cmdline"]):
        if str(scratch) in " ".join(process.info["cmdline"] or []):
            left.append(process.info["cmdline"])
    assert left == []  # no kernel outlives the grading


def test_a_notebook_over_the_memory_cap_stops_with_memory_error(limited: Any) -> None:
    grades = limited[0]
    result = next(r for r in grades.results if "mira" in r.notebook)
    if "RLIMIT_AS" not in result.notes.get("memory", ""):
        pytest.skip(f"no memory cap on this system: {result.notes.get('memory')}")
    assert "MemoryError" in result.run_short
    assert {r.status for r in result.rows} == {"not reached"}


def test_keep_going_runs_every_cell_and_reports_each_error(tmp_path: Path) -> None:
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("1 / 0"),
            nbformat.v4.new_code_cell("open('after.txt', 'w').write('ran')"),
        ],
        metadata={"course": {"chapter": "01"}},
    )
    nbformat.write(nb, tmp_path / "kiran.ipynb")
    grades = grade(
        [tmp_path / "kiran.ipynb"],
        tmp_path / "out",
        limits=Limits(seconds=60, keep_going=True),
        progress=None,
    )
    result = grades.results[0]
    assert not result.stopped and "1 cell(s) raised" in result.run_en
    assert [r.status for r in result.rows] == ["unanswered"] * 3  # no cell calls a check
    assert "no cell calls `ex.q1.check(...)`" in result.rows[0].reason_en


# ------------------------------------------------------------------ verdicts without a kernel


def _execution(**kw: Any) -> Execution:
    values: dict[str, Any] = {
        "completed": True,
        "stop": None,
        "errors": [],
        "verdicts": [],
        "seconds": 1.0,
    }
    values.update(kw)
    return Execution(**values)


EXERCISES = [ChapterExercise("q1", "one", "T · q1 (one)"), ChapterExercise("q2", "two", "T · q2")]


def _statuses(run: Execution, cells: dict[str, int]) -> list[str]:
    rows = exercise_rows("s", "s.ipynb", "T", EXERCISES, cells, run, 60, {"q2": 2})
    return [r.status for r in rows]


def test_the_last_check_of_an_exercise_is_its_verdict_and_a_raising_check_is_an_error() -> None:
    verdicts = [
        {"exercise": "T · q1 (one)", "status": "wrong", "en": "no", "hi": "nahi"},
        {"exercise": "T · q1 (one)", "status": "correct", "en": "ok", "hi": "sahi"},
        {"exercise": "T · q2", "status": "wrong", "en": "x", "hi": "x", "check_raised": True},
    ]
    run = _execution(verdicts=verdicts)
    rows = exercise_rows("s", "s.ipynb", "T", EXERCISES, {"q1": 1, "q2": 2}, run, 60, {"q2": 2})
    assert [(r.status, r.points, r.max_points) for r in rows] == [
        ("correct", 1, 1),
        ("error", 0, 2),
    ]


def test_a_check_that_never_ran_is_unanswered_or_not_reached() -> None:
    assert _statuses(_execution(), {"q1": 1}) == ["unanswered", "unanswered"]
    stop = {"cell": 1, "code_cell": 1, "code_cells": 3, "line": "x", "reason": "timeout"}
    assert _statuses(_execution(completed=False, stop=stop), {"q1": 1, "q2": 2}) == [
        "error",
        "not reached",
    ]


def test_keep_going_errors_are_reported_per_exercise() -> None:
    errors = [{"cell": 2, "code_cell": 2, "code_cells": 3, "ename": "KeyError", "evalue": "'a'"}]
    verdicts = [{"exercise": "T · q1 (one)", "status": "correct", "en": "", "hi": ""}]
    run = _execution(errors=errors, verdicts=verdicts)
    rows = exercise_rows("s", "s.ipynb", "T", EXERCISES, {"q1": 1, "q2": 2}, run, 60, {})
    assert rows[1].status == "error" and "KeyError" in rows[1].reason_en


# ------------------------------------------------------------------ the exercises' grading log


def test_every_check_appends_its_verdict_to_the_grading_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "log.jsonl"
    monkeypatch.setenv(GRADE_LOG_ENV_VAR, str(log))
    ex.q3.check(ex.q3.mistakes[0].value())
    ex.q3.check(...)
    broken = Exercise("t · q9", lambda a: Wrong("", "") if a() else None, ("", ""), ("", ""), int)
    broken.check(lambda: 1 / 0)
    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert [line["status"] for line in lines] == ["wrong", "unanswered", "wrong"]
    assert lines[0]["exercise"] == ex.q3.name and "test* labels" in lines[0]["en"]
    assert [line["check_raised"] for line in lines] == [False, False, True]
    monkeypatch.delenv(GRADE_LOG_ENV_VAR)
    ex.q3.check(...)
    assert len(log.read_text().splitlines()) == 3  # no log when the grader is not there


# ------------------------------------------------------------------ names and files


@pytest.mark.parametrize(
    ("parts", "student"),
    [
        (["asha.ipynb"], "asha"),
        ([MOODLE, "01_eda_text.ipynb"], "Ravi Kumar"),
        (["raoasha_123456_7890123_01_eda_text.ipynb"], "raoasha"),
        (["raoasha_late_123456_7890123_01_eda_text.ipynb"], "raoasha"),
        (["section A", "asha_01_eda.ipynb"], "asha_01_eda"),
    ],
)
def test_student_names_come_from_file_names(parts: list[str], student: str) -> None:
    assert student_name(parts) == student


def test_files_named_twice_count_once_and_keep_their_moodle_folder(tmp_path: Path) -> None:
    folder = tmp_path / MOODLE
    folder.mkdir()
    (folder / "nb.ipynb").write_text("{}", encoding="utf-8")
    found = collect([folder / "nb.ipynb", tmp_path, folder / "nb.ipynb"])
    assert [(s.student, s.filename) for s in found] == [("Ravi Kumar", "nb.ipynb")]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"", "empty"),
        (b"\xff\xfe\x00garbage", "damaged"),
        (b'{"cells": 3}', "not a Jupyter notebook"),
        (b"[1, 2]", "not a Jupyter notebook"),
        (b'{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"x": 1}]}', "damaged"),
    ],
)
def test_damaged_files_are_unreadable_with_a_reason(content: bytes, says: str) -> None:
    with pytest.raises(Unreadable) as caught:
        read_notebook("x.ipynb", content, len(content))
    assert says in caught.value.en and caught.value.hi


# ------------------------------------------------------------------ bad input: clear errors


def _run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return int(stopped.value.code or 0), err


def test_bad_input_gives_a_clear_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = str(tmp_path / "out")
    code, err = _run_main([str(tmp_path / "nope"), "--out", out], capsys)
    assert code == 2 and "nope' does not exist" in err and "a .zip" in err
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("hello")
    code, err = _run_main([str(tmp_path / "empty"), "--out", out], capsys)
    assert code == 2 and "no .ipynb notebook found" in err and "notes.txt" in err
    code, err = _run_main([str(tmp_path), "--out", out, "--jobs", "0"], capsys)
    assert code == 2 and "'0' is not a number of notebooks to run at once" in err
    code, err = _run_main([str(tmp_path), "--out", out, "--time-limit", "-3"], capsys)
    assert code == 2 and "is not a time limit" in err
    code, err = _run_main([str(tmp_path), "--out", out, "--memory", "lots"], capsys)
    assert code == 2 and "not a size" in err
    code, err = _run_main([str(tmp_path), "--out", out, "--points", "q1=two"], capsys)
    assert code == 2 and "exercise=points" in err
    code, err = _run_main([str(tmp_path), "--out", str(tmp_path / "empty" / "notes.txt")], capsys)
    assert code == 2 and "is a file; give a folder" in err
    bad_zip = tmp_path / "export.zip"
    bad_zip.write_bytes(b"PK not really")
    code, err = _run_main([str(bad_zip), "--out", out], capsys)
    assert code == 2 and "not a zip file that can be opened" in err
    assert not (tmp_path / "out").exists()


# ------------------------------------------------------------------ handouts


CHAPTERS = sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_a_handout_hides_the_solutions_and_keeps_every_other_cell(chapter: Path) -> None:
    original = nbformat.read(chapter, as_version=4)
    handout, removed = make_handout(original)
    assert removed == sum(c.source.count("<details") for c in original.cells) > 0
    assert handout.metadata["course"] == {"chapter": chapter.stem.split("_")[0], "handout": True}
    added = [c for c in handout.cells if c.cell_type == "code" and c.source == HIDE_CELL]
    assert len(added) == 1
    kept = [c for c in handout.cells if c.source != HIDE_CELL]
    assert len(kept) == len(original.cells)
    for before, after in zip(original.cells, kept, strict=True):
        if "<details" in before.source:
            assert "<details" not in after.source and "</details>" not in after.source
            assert SOLUTIONS_NOTE.strip() in after.source
            assert after.source.split(SOLUTIONS_NOTE.strip())[0] in before.source
        else:  # the lesson, the setup and the exercise cells: untouched
            assert (after.cell_type, after.source) == (before.cell_type, before.source)
    index = handout.cells.index(added[0])
    module = f"ch{chapter.stem.split('_')[0]}"
    assert module in handout.cells[index - 1].source  # right after the exercises import
    later = "".join(c.source for c in handout.cells[index + 1 :] if c.cell_type == "code")
    assert ".check(" in later  # hidden before the exercises
    first_code = next(c for c in handout.cells if c.cell_type == "code")  # Colab's setup first
    assert first_code.source == next(c for c in original.cells if c.cell_type == "code").source


def test_hidden_solutions_say_so_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        hide_solutions()
        ex.q1.solution()
        hidden = capsys.readouterr().out
        ex.q1.hint()
        hint = capsys.readouterr().out
    finally:
        hide_solutions(False)
    assert "has hidden the solutions" in hidden and "chhupa diye hain" in hidden
    assert "f1_score" not in hidden and "f1_score" in hint  # hints still help
    ex.q1.solution()
    assert "f1_score" in capsys.readouterr().out


def test_assign_writes_handouts_and_refuses_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from course_utils.assign import main as assign

    assert assign([str(CHAPTER), "--out", str(tmp_path / "handouts")]) == 0
    written = nbformat.read(tmp_path / "handouts" / CHAPTER.name, as_version=4)
    assert written.metadata["course"]["chapter"] == "01"
    assert "3 solution(s) removed" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stopped:
        assign([str(CHAPTER), "--out", str(NOTEBOOKS)])
    assert stopped.value.code == 2 and "would replace the chapter" in capsys.readouterr().err
    plain = tmp_path / "plain.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), plain)
    with pytest.raises(SystemExit) as stopped:
        assign([str(plain), "--out", str(tmp_path / "h2")])
    assert stopped.value.code == 2 and "not one of the course's chapters" in capsys.readouterr().err
