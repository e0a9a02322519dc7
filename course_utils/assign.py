"""Write the students' copies (handouts) of chapters: solutions removed, ``solution()`` hidden.

For instructors (README, "For instructors: grading a class")::

    python -m course_utils.assign notebooks/01_eda_text.ipynb --out handouts/

Each handout is the chapter's notebook with

* every ``<details>`` block of its markdown cells (the written-out solutions of the open-ended
  exercises) replaced by a one-line note, in English and Hinglish;
* one code cell added right after the first cell that imports the chapter's exercises (so
  after the setup cell, which installs the course on Colab), calling
  :func:`course_utils.exercises.hide_solutions`, so that ``ex.q1.solution()`` answers that the
  instructor has hidden the solutions (hints still work);
* ``{"course": {"chapter": "01", "handout": true}}`` in its metadata, which the grader reads.

Every other cell is left exactly as it was. This hides the solutions from the notebook, not from
a student who reads the course's source (the checks, and so the reference answers, ship in
``course_utils``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from course_utils.grade._notebook import Unreadable, detect_chapter, read_notebook

__all__ = ["HIDE_CELL", "make_handout", "main"]

_DETAILS = re.compile(r"[ \t]*<details\b.*?</details>[ \t]*\n?", re.IGNORECASE | re.DOTALL)

SOLUTIONS_NOTE = (
    "*The solutions are hidden in this handout.* "
    "*Is handout mein solutions chhupa diye gaye hain.*\n"
)

HIDE_CELL = """\
# Handout: your instructor has hidden the solutions (ex.q1.solution() says so; hints work).
# Handout: instructor ne solutions chhupa diye hain (hints kaam karte hain).
from course_utils.exercises import hide_solutions

hide_solutions()"""


class AssignError(ValueError):
    """A notebook that cannot be made into a handout (the message says why)."""


def _strip_solutions(source: str) -> tuple[str, int]:
    """``source`` without its ``<details>`` blocks (one note instead), and how many there were."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return SOLUTIONS_NOTE if count == 1 else ""

    stripped = re.sub(r"\n{3,}", "\n\n", _DETAILS.sub(replace, source)).rstrip()
    return (stripped + "\n" * source.endswith("\n") if count else source), count


def make_handout(nb: Any) -> tuple[Any, int]:
    """The handout of the chapter notebook ``nb`` (a copy) and the number of solutions removed.

    Chapter: instructors' grading (README). Raises :class:`AssignError` when ``nb`` is no
    chapter's notebook (it imports no ``course_utils.exercises.chNN``).
    Example: ``handout, removed = make_handout(nbformat.read("notebooks/01_eda_text.ipynb", 4))``.
    """
    import nbformat

    chapter = detect_chapter(nb)
    if chapter is None:
        raise AssignError(
            "it imports no course_utils.exercises.chNN, so it is not one of the course's "
            "chapters (give notebooks/NN_name.ipynb)"
        )
    handout = nbformat.from_dict(nb)  # a deep copy
    removed = 0
    for cell in handout.cells:
        if cell.cell_type == "markdown":
            cell.source, count = _strip_solutions(cell.source)
            removed += count
    pattern = re.compile(rf"course_utils\.exercises(\.ch{chapter}\b|\s+import\s+ch{chapter}\b)")
    first = next(
        i for i, c in enumerate(handout.cells) if c.cell_type == "code" and pattern.search(c.source)
    )
    handout.cells.insert(first + 1, nbformat.v4.new_code_cell(HIDE_CELL))
    handout.metadata["course"] = {"chapter": chapter, "handout": True}
    return handout, removed


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m course_utils.assign NOTEBOOK... --out DIR``; exit status 2 for bad input."""
    parser = argparse.ArgumentParser(
        prog="python -m course_utils.assign",
        description="Write students' copies of chapters: the <details> solutions removed, and "
        "ex.qN.solution() saying that the instructor has hidden the solutions.",
    )
    parser.add_argument("notebooks", nargs="+", help="chapter notebooks, e.g. notebooks/01_*.ipynb")
    parser.add_argument("--out", required=True, help="folder for the handouts")
    args = parser.parse_args(argv)
    import nbformat

    out = Path(args.out)
    if out.exists() and not out.is_dir():
        parser.exit(2, f"{parser.prog}: error: --out {args.out!r} is a file; give a folder\n")
    handouts = []
    for name in args.notebooks:
        path = Path(name)
        if not path.is_file():
            parser.exit(
                2, f"{parser.prog}: error: {name!r} is not a file; give chapter .ipynb files\n"
            )
        if out.resolve() == path.resolve().parent:
            parser.exit(
                2,
                f"{parser.prog}: error: --out is the folder of {name!r}; the handout would replace "
                "the chapter. Give another folder.\n",
            )
        try:
            nb = read_notebook(path.name, path.read_bytes(), path.stat().st_size)
            handouts.append((path, *make_handout(nb)))
        except (Unreadable, AssignError) as err:
            parser.exit(2, f"{parser.prog}: error: {name!r}: {err}\n")
    out.mkdir(parents=True, exist_ok=True)
    for path, handout, removed in handouts:
        target = out / path.name
        nbformat.write(handout, target)
        chapter = handout.metadata["course"]["chapter"]
        print(f"{target}: chapter {chapter}, {removed} solution(s) removed, solution() hidden")
    return 0


if __name__ == "__main__":
    sys.exit(main())
