"""Read a submitted file as a notebook, tell which chapter it is, and find its exercise cells.

Part of :mod:`course_utils.grade`. :func:`read_notebook` raises :class:`Unreadable` (with the reason
in English and Hinglish) for a file that is not a notebook, is empty or is damaged.
:func:`detect_chapter` reads the chapter from the notebook's metadata (``course.chapter``, which
``python -m course_utils.assign`` writes into handouts) or else from its
``course_utils.exercises.chNN`` import, never from the file's name.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import logging
import re
import warnings
from dataclasses import dataclass
from typing import Any

from course_utils.exercises import Exercise

_EXERCISES_IMPORT = re.compile(
    r"course_utils\.exercises(?:\.(?P<dotted>ch\w+)|\s+import\s+(?P<from>ch\w+))"
)
_CHECK_CALL = re.compile(r"(?<![\w])(?P<key>q\d+)\s*\.\s*check\s*\(")
_TITLE = re.compile(r"\((?P<title>.*)\)\s*$")


class Unreadable(Exception):
    """A submitted file that cannot be graded; ``en`` and ``hi`` say why, ``short`` in 2-4 words."""

    def __init__(self, short: str, en: str, hi: str) -> None:
        super().__init__(en)
        self.short = short
        self.en = en
        self.hi = hi


@dataclass(frozen=True)
class ChapterExercise:
    """One exercise of a chapter as the grader lists it: ``key`` ("q1"), its ``title``, the
    :class:`~course_utils.exercises.Exercise`'s ``name`` (what its verdicts carry)."""

    key: str
    title: str
    name: str


def read_notebook(filename: str, content: bytes | None, size: int) -> Any:
    """The notebook in ``content`` (an nbformat v4 node), or :class:`Unreadable` saying why not."""
    suffix = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if content is None:
        raise Unreadable(
            "file too large",
            f"the file is too large to be a notebook ({size / 2**20:.0f} MiB); not graded.",
            f"file bahut badi hai ({size / 2**20:.0f} MiB), notebook nahi lagti; grade nahi hui.",
        )
    if suffix == "zip":
        raise Unreadable(
            "damaged zip",
            "a .zip that cannot be opened (damaged?): submit the .ipynb file itself.",
            "yeh .zip khul nahi rahi (kharab hai?): seedha .ipynb file submit karo.",
        )
    if suffix != "ipynb":
        kind = f"a .{suffix} file" if suffix else "a file without an extension"
        kind_hi = f".{suffix} file hai" if suffix else "bina extension wali file hai"
        raise Unreadable(
            f"not a notebook (.{suffix})" if suffix else "not a notebook",
            f"not a notebook ({kind}): submit the .ipynb file (in Jupyter or Colab: File → "
            "Download → .ipynb).",
            f"yeh notebook nahi hai ({kind_hi}): .ipynb file submit karo (Jupyter ya Colab mein "
            "File → Download → .ipynb).",
        )
    if not content.strip():
        raise Unreadable(
            "empty file",
            "the file is empty (no notebook in it): save the notebook and submit it again.",
            "file khaali hai (andar koi notebook nahi): notebook save karke dobara submit karo.",
        )
    try:
        text = content.decode("utf-8-sig")
        raw = json.loads(text)
    except (UnicodeDecodeError, ValueError) as err:
        raise Unreadable(
            "damaged file (not JSON)",
            f"the file is damaged: it is not valid notebook JSON ({type(err).__name__} near "
            f"{_position(err)}). Open it in Jupyter; if it does not open, submit it again.",
            f"file kharab hai: yeh sahi notebook JSON nahi hai ({type(err).__name__}, "
            f"{_position(err)} ke paas). Jupyter mein kholo; na khule toh dobara submit karo.",
        ) from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        raise Unreadable(
            "JSON, not a notebook",
            "the file is JSON but not a Jupyter notebook (it has no list of cells).",
            "file JSON toh hai, par Jupyter notebook nahi (isme cells ki list nahi hai).",
        )
    import nbformat

    logger = logging.getLogger("traitlets")
    level = logger.level
    try:
        logger.setLevel(logging.CRITICAL)  # nbformat logs, and then tolerates, small defects
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            nb = nbformat.reads(text, as_version=4)
    except Exception as err:  # noqa: BLE001 - any reader failure means: damaged
        raise Unreadable(
            "damaged notebook",
            f"the notebook is damaged ({type(err).__name__}: {str(err)[:120]}).",
            f"notebook kharab hai ({type(err).__name__}: {str(err)[:120]}).",
        ) from None
    finally:
        logger.setLevel(level)
    for cell in nb.cells:
        if cell.get("cell_type") not in ("code", "markdown", "raw") or not isinstance(
            cell.get("source"), str
        ):
            raise Unreadable(
                "damaged notebook",
                "the notebook is damaged: one of its cells has no type or no source.",
                "notebook kharab hai: ek cell ka type ya source nahi hai.",
            )
        if cell.cell_type == "code":
            cell.setdefault("outputs", [])
            cell.setdefault("execution_count", None)
    return nb


def _position(err: Exception) -> str:
    if isinstance(err, json.JSONDecodeError):
        return f"line {err.lineno}, column {err.colno}"
    if isinstance(err, UnicodeDecodeError):
        return f"byte {err.start}"
    return "the start"


def chapter_exists(chapter: str) -> bool:
    """True if ``course_utils.exercises.ch<chapter>`` exists ("01", "05a")."""
    if not re.fullmatch(r"\w+", chapter):
        return False
    return importlib.util.find_spec(f"course_utils.exercises.ch{chapter}") is not None


def detect_chapter(nb: Any) -> str | None:
    """The chapter ("01", "05a") from the metadata or the exercises import, or ``None``.

    Chapter: instructors' grading (README). Metadata first: ``{"course": {"chapter": "01"}}``;
    else the first ``course_utils.exercises.chNN`` import in a code cell.
    """
    course = nb.metadata.get("course")
    if isinstance(course, dict):
        chapter = str(course.get("chapter", "")).strip().removeprefix("ch")
        if chapter and chapter_exists(chapter):
            return chapter
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        found = _EXERCISES_IMPORT.search(cell.source)
        if found:
            chapter = (found["dotted"] or found["from"]).removeprefix("ch")
            if chapter_exists(chapter):
                return chapter
    return None


def chapter_exercises(chapter: str) -> list[ChapterExercise]:
    """The exercises of ``chapter`` in the order the chapter module defines them."""
    module = importlib.import_module(f"course_utils.exercises.ch{chapter}")
    found = []
    for key, value in vars(module).items():
        if isinstance(value, Exercise):
            title = _TITLE.search(value.name)
            found.append(ChapterExercise(key, title["title"] if title else value.name, value.name))
    return found


def check_cells(nb: Any) -> dict[str, int]:
    """For each exercise key ("q1"), the index of the first code cell that calls its check."""
    cells: dict[str, int] = {}
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for call in _CHECK_CALL.finditer(cell.source):
                cells.setdefault(call["key"], index)
    return cells
