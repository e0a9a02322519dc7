"""Every chapter follows the course conventions (CONTRIBUTING.md).

nbval executes the notebooks themselves (``pytest --nbval-lax``); these tests check their form:
jupytext pairs in sync, no stored outputs, the chapter skeleton, and a Hinglish cell after
every English section.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupytext
import nbformat
import pytest

from .conftest import NOTEBOOKS

CHAPTERS = sorted(p for p in NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))
HEADING = re.compile(r"^#{1,2} ", re.MULTILINE)
MIN_ENGLISH_WORDS = 40  # a section with less prose than this needs no Hinglish retelling


def is_hinglish(cell: nbformat.NotebookNode) -> bool:
    return "hinglish" in [t.lower() for t in cell.get("metadata", {}).get("tags", [])]


def sections(nb: nbformat.NotebookNode) -> list[list[nbformat.NotebookNode]]:
    """Cells grouped by H1/H2 headings in English markdown cells."""
    groups: list[list[nbformat.NotebookNode]] = [[]]
    for cell in nb.cells:
        starts = cell.cell_type == "markdown" and not is_hinglish(cell)
        if starts and HEADING.match(cell.source.strip()):
            groups.append([])
        groups[-1].append(cell)
    return [g for g in groups if g]


def test_there_are_chapters() -> None:
    assert CHAPTERS, "no notebooks/NN_*.ipynb found"


@pytest.fixture(params=CHAPTERS, ids=lambda p: p.stem)
def chapter(request: pytest.FixtureRequest) -> Path:
    return request.param


def test_pair_is_in_sync(chapter: Path) -> None:
    twin = chapter.with_suffix(".py")
    assert twin.exists(), f"{chapter.name} has no .py twin (run `make sync-notebooks`)"
    ipynb = nbformat.read(chapter, as_version=4)
    py = jupytext.read(twin)
    assert len(ipynb.cells) == len(py.cells), f"{chapter.name}: run `make sync-notebooks`"
    for i, (a, b) in enumerate(zip(ipynb.cells, py.cells, strict=True)):
        where = f"{chapter.name} cell {i}"
        assert a.cell_type == b.cell_type, where
        assert a.source.strip() == b.source.strip(), f"{where}: sources differ"
        assert a.metadata.get("tags", []) == b.metadata.get("tags", []), f"{where}: tags differ"


def test_committed_without_outputs(chapter: Path) -> None:
    nb = nbformat.read(chapter, as_version=4)
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert not cell.outputs, f"{chapter.name} cell {i} has stored outputs"
            assert cell.execution_count is None, f"{chapter.name} cell {i} has an execution count"


def test_skeleton(chapter: Path) -> None:
    nb = nbformat.read(chapter, as_version=4)
    first = nb.cells[0].source
    assert first.startswith("# "), "the first cell is the chapter's one H1 title"
    assert "colab.research.google.com/github/" in first and chapter.name in first, "Colab badge"
    headings = [
        line for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()
    ]
    h1 = [h for h in headings if h.startswith("# ")]
    assert len(h1) == 1, f"one H1 per chapter, found {h1}"
    for needed in ("## Setup", "## Checkpoint", "## Summary", "## Exercises"):
        assert any(h.startswith(needed) for h in headings), f"missing section {needed!r}"
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "environment.setup(" in code, "the setup cell prints the environment line"
    assert re.search(r"^assert ", code, re.MULTILINE), "learning checkpoints are asserts"


def test_every_english_section_has_a_hinglish_cell(chapter: Path) -> None:
    nb = nbformat.read(chapter, as_version=4)
    for group in sections(nb):
        english = [c for c in group if c.cell_type == "markdown" and not is_hinglish(c)]
        words = sum(len(c.source.split()) for c in english)
        title = english[0].source.strip().splitlines()[0] if english else "?"
        if words >= MIN_ENGLISH_WORDS:
            assert any(is_hinglish(c) for c in group), f"{chapter.name}: {title!r} lacks Hinglish"


def test_hinglish_cells_are_named_and_not_copies(chapter: Path) -> None:
    nb = nbformat.read(chapter, as_version=4)
    english_lines = {
        line.strip()
        for c in nb.cells
        if c.cell_type == "markdown" and not is_hinglish(c)
        for line in c.source.splitlines()
        if len(line.split()) > 6
    }
    hinglish = [c for c in nb.cells if is_hinglish(c)]
    assert hinglish, f"{chapter.name} has no Hinglish cells"
    for cell in hinglish:
        assert cell.cell_type == "markdown", "Hinglish cells are markdown"
        assert cell.source.startswith("**Hinglish mein"), cell.source[:60]
        copied = [line for line in cell.source.splitlines() if line.strip() in english_lines]
        assert not copied, f"{chapter.name}: Hinglish cell repeats English lines {copied[:2]}"
