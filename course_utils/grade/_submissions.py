"""Find the submitted files: folders, zips (as learning platforms export them) and single files.

Part of :mod:`course_utils.grade`. Every file found is a submission, read into memory once (the
originals are opened for reading only, never written): notebooks are graded, anything else gets a
row saying it is not a notebook. Hidden files and folders (``.ipynb_checkpoints``, ``.DS_Store``,
``__MACOSX``) are skipped. A zip inside a folder or a zip is opened too.

The student's name comes from the file's name (its stem), with the parts that platforms add
removed:

* Moodle puts each student's files in a folder ``Asha Rao_123456_assignsubmission_file_``:
  the student is ``Asha Rao``, whatever the file is called;
* Canvas names a file ``raoasha_123456_7890123_01_eda_text.ipynb`` (``..._late_...`` when
  late): the student is ``raoasha``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

# A member larger than this is not read (a zip bomb, or not a notebook); it gets a row instead.
MAX_FILE_BYTES = 200 * 2**20
MAX_ZIP_DEPTH = 3

_MOODLE_FOLDER = re.compile(r"^(?P<name>.+?)_\d+_assignsubmission_[a-z]+_?$", re.IGNORECASE)
_CANVAS_FILE = re.compile(r"^(?P<name>[^_]+)_(?:late_)?\d+_\d+_.+$")


class GradeInputError(ValueError):
    """A path given to the grader cannot be used (the message says what is accepted)."""


@dataclass(frozen=True)
class Submission:
    """One submitted file: who sent it, where it came from, and its bytes (``None`` if too big).

    ``source`` is what the instructor sees: ``class/asha.ipynb``, or
    ``export.zip:Asha Rao_1_assignsubmission_file_/01_eda_text.ipynb`` for a zip's member.
    """

    student: str
    source: str
    filename: str
    content: bytes | None
    size: int


def student_name(parts: Sequence[str]) -> str:
    """The student a file belongs to, from its path below the folder or zip that holds it.

    Chapter: instructors' grading (README). ``parts`` ends with the file's name. Examples:
    ``student_name(["asha.ipynb"]) == "asha"``,
    ``student_name(["Asha Rao_17_assignsubmission_file_", "nb.ipynb"]) == "Asha Rao"``.
    """
    if not parts:
        raise ValueError("parts must name at least the file, e.g. ['asha.ipynb']")
    for folder in reversed(parts[:-1]):
        moodle = _MOODLE_FOLDER.match(folder)
        if moodle:
            return moodle["name"].strip()
    stem = PurePosixPath(parts[-1]).stem
    canvas = _CANVAS_FILE.match(stem)
    return (canvas["name"] if canvas else stem).strip() or stem


def _hidden(part: str) -> bool:
    return part.startswith(".") or part.startswith("~$") or part == "__MACOSX"


def _from_zip(data: bytes, label: str, prefix: tuple[str, ...], depth: int) -> Iterator[Submission]:
    """The files of the zip ``data`` (called ``label``); ``prefix``: the path that holds it."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):  # reported as a zip that cannot be opened
        parts = (*prefix, PurePosixPath(label.rsplit(":", 1)[-1]).name)
        yield Submission(student_name(parts), label, parts[-1], data, len(data))
        return
    with archive:
        for member in members:
            inner = PurePosixPath(member.filename.replace("\\", "/"))
            if member.is_dir() or any(_hidden(p) for p in inner.parts) or ".." in inner.parts:
                continue
            parts = (*prefix, *inner.parts)
            source = f"{label}:{member.filename}"
            if member.file_size > MAX_FILE_BYTES:
                yield Submission(student_name(parts), source, inner.name, None, member.file_size)
                continue
            try:
                content = archive.read(member)
            except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
                content = b""  # damaged or encrypted: reported as an empty, unreadable file
            if inner.suffix.lower() == ".zip" and depth < MAX_ZIP_DEPTH:
                yield from _from_zip(content, source, parts[:-1], depth + 1)
            else:
                yield Submission(student_name(parts), source, inner.name, content, len(content))


def _from_file(path: Path, root: Path | None) -> Iterator[Submission]:
    # A file named on its own keeps its folder's name: a Moodle folder names the student.
    parts = path.relative_to(root).parts if root is not None else (path.parent.name, path.name)
    source = str(path)
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield Submission(student_name(parts), source, path.name, None, size)
        return
    content = path.read_bytes()
    if path.suffix.lower() == ".zip":
        yield from _from_zip(content, source, parts[:-1], 1)
    else:
        yield Submission(student_name(parts), source, path.name, content, size)


def collect(paths: Sequence[str | Path], exclude: Path | None = None) -> list[Submission]:
    """Every submission under ``paths`` (folders, searched recursively, zips, or files).

    Chapter: instructors' grading (README). ``exclude`` (the output folder) is skipped when it
    lies inside a folder being searched. Raises :class:`GradeInputError` for a path that does not
    exist, a zip named on the command line that cannot be opened, or when no ``.ipynb`` is found.
    Example: ``collect(["submissions/"])``.
    """
    if not paths:
        raise GradeInputError("give at least one submission: a folder, a .zip or .ipynb files")
    found: list[Submission] = []
    excluded = exclude.resolve() if exclude is not None else None
    seen: set[Path] = set()  # a file named twice (or inside a folder also named) counts once
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise GradeInputError(
                f"{str(given)!r} does not exist. Give a folder of submissions, a .zip of them "
                "(as a learning platform exports it) or .ipynb files."
            )
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                relative = file.relative_to(path).parts
                if not file.is_file() or any(_hidden(p) for p in relative):
                    continue
                if excluded is not None and excluded in file.resolve().parents:
                    continue
                if file.resolve() not in seen:
                    seen.add(file.resolve())
                    found.extend(_from_file(file, path))
            continue
        if path.suffix.lower() == ".zip" and not zipfile.is_zipfile(path):
            raise GradeInputError(
                f"{str(given)!r} is not a zip file that can be opened (damaged, or another "
                "format). Give the zip your learning platform exported, a folder or .ipynb files."
            )
        if path.resolve() not in seen:
            seen.add(path.resolve())
            found.extend(_from_file(path, None))
    if not any(s.filename.lower().endswith(".ipynb") for s in found):
        what = ", ".join(repr(str(p)) for p in paths)
        others = f" (only {len(found)} other file(s), e.g. {found[0].filename!r})" if found else ""
        raise GradeInputError(
            f"no .ipynb notebook found in {what}{others}. Give a folder of submitted notebooks, "
            "a .zip of them, or .ipynb files."
        )
    return found
