"""The Hinglish cells of every notebook follow the rules of ``book/glossary.md``.

What a test can check, over all notebooks (``notebooks/NN_*.ipynb``):

* every Hinglish cell is a markdown cell tagged ``hinglish`` whose first line starts with
  ``**Hinglish mein:**`` (and no untagged cell starts that way);
* placement: a Hinglish cell comes right after an English markdown cell, and retells the
  English markdown cells since the previous Hinglish cell or its section's heading
  (:func:`retold_english`, the rule the book's language switch uses), so no two Hinglish cells
  retell the same English;
* spellings: no word of the "Not" column of the glossary's spelling table (read from
  ``book/glossary.md``, the one source of truth) appears outside quotes and code;
* calques and known slips: no phrase of the glossary's "Phrases we do not write" table;
* numbers: every number in a Hinglish cell appears in the English it retells or in its
  section's code (nothing invented, e.g. "15 images" where the English says "a few dozen").

Gender agreement, "ne", and keeping every caveat need a reader; the glossary lists them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from .conftest import NOTEBOOKS

GLOSSARY = NOTEBOOKS.parent / "book" / "glossary.md"
CHAPTERS = sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))
FIRST_LINE = "**Hinglish mein:**"
HEADING = re.compile(r"^#{1,2} ", re.MULTILINE)


# --------------------------------------------------------------------------- the glossary


def _table_after(text: str, marker: str) -> list[list[str]]:
    """The body rows of the first Markdown table after the line containing ``marker``."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if marker in line), None)
    assert start is not None, f"book/glossary.md lost the table introduced by {marker!r}"
    rows: list[list[str]] = []
    in_table = False
    for line in lines[start + 1 :]:
        if line.startswith("|"):
            in_table = True
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue  # the separator row
            rows.append(cells)
        elif in_table:
            break
    assert len(rows) > 1, f"the table after {marker!r} has no rows"
    return rows[1:]  # without the header row


def _entries(cell: str) -> list[str]:
    return [e.strip() for e in cell.split(",") if e.strip()]


def avoided_spellings(text: str | None = None) -> list[str]:
    """Words of the "Not" column of the glossary's spelling table (``*`` ones not checked)."""
    text = GLOSSARY.read_text(encoding="utf-8") if text is None else text
    words = [
        entry
        for row in _table_after(text, "**Spellings we always use**")
        for entry in _entries(row[1])
    ]
    return [w for w in words if not w.endswith("*")]


def avoided_phrases(text: str | None = None) -> list[str]:
    """The first column of the glossary's "Phrases we do not write" table."""
    text = GLOSSARY.read_text(encoding="utf-8") if text is None else text
    return [row[0] for row in _table_after(text, "**Phrases we do not write**")]


def test_glossary_tables_parse() -> None:
    spellings = avoided_spellings()
    assert {"humara", "farak", "dhyan", "isme", "jayega", "nahin", "imaandari"} <= set(spellings)
    assert "to" not in spellings and "me" not in spellings, "English words are marked with *"
    phrases = avoided_phrases()
    assert {"ke respect mein", "feel hota hai"} <= set(phrases)


# --------------------------------------------------------------------------- notebook structure


def is_hinglish(cell: nbformat.NotebookNode) -> bool:
    return "hinglish" in [t.lower() for t in cell.get("metadata", {}).get("tags", [])]


def is_english(cell: nbformat.NotebookNode) -> bool:
    return cell.cell_type == "markdown" and not is_hinglish(cell)


def is_heading(cell: nbformat.NotebookNode) -> bool:
    return is_english(cell) and bool(HEADING.match(cell.source.strip()))


@dataclass
class Retelling:
    """One Hinglish cell, the English cells it retells, and the code cells of its section."""

    index: int
    cell: nbformat.NotebookNode
    english: list[int]
    section_code: list[int]


def retold_english(nb: nbformat.NotebookNode) -> list[Retelling]:
    """For every Hinglish cell, the indices of the English markdown cells it retells.

    The rule (book/glossary.md, "Placement"): the English markdown cells since the previous
    Hinglish cell or, if there is none in between, since the section's heading cell.
    """
    result: list[Retelling] = []
    section_start = 0
    pending: list[int] = []
    for i, cell in enumerate(nb.cells):
        if is_heading(cell):
            section_start, pending = i, []
        if is_hinglish(cell):
            end = next((j for j in range(i + 1, len(nb.cells)) if is_heading(nb.cells[j])), None)
            code = [
                j
                for j in range(section_start, end if end is not None else len(nb.cells))
                if nb.cells[j].cell_type == "code"
            ]
            result.append(Retelling(i, cell, pending, code))
            pending = []
        elif is_english(cell):
            pending.append(i)
    return result


@pytest.fixture(params=CHAPTERS, ids=lambda p: p.stem)
def notebook(request: pytest.FixtureRequest) -> tuple[str, nbformat.NotebookNode]:
    path: Path = request.param
    return path.name, nbformat.read(path, as_version=4)


def test_tag_and_first_line(notebook: tuple[str, nbformat.NotebookNode]) -> None:
    name, nb = notebook
    for i, cell in enumerate(nb.cells):
        starts = cell.source.lstrip().startswith("**Hinglish mein")
        if is_hinglish(cell):
            assert cell.cell_type == "markdown", f"{name} cell {i}: Hinglish cells are markdown"
            assert cell.source.startswith(FIRST_LINE), (
                f"{name} cell {i}: a Hinglish cell starts with {FIRST_LINE!r}, "
                f"found {cell.source[:40]!r}"
            )
        else:
            assert not starts, f"{name} cell {i} looks Hinglish but is not tagged `hinglish`"


def test_placement_after_the_english_it_retells(
    notebook: tuple[str, nbformat.NotebookNode],
) -> None:
    name, nb = notebook
    problems = []
    for r in retold_english(nb):
        where = f"cell {r.index} ({r.cell.source[19:60].strip()!r})"
        if not r.english:
            before = nb.cells[r.index - 1] if r.index > 0 else None
            kind = "another Hinglish cell" if before is not None and is_hinglish(before) else "code"
            problems.append(f"{where} retells no English (it follows {kind})")
    assert not problems, f"{name} (book/glossary.md, Placement): " + "; ".join(problems)


# --------------------------------------------------------------------------- the words


_CODE = re.compile(r"```.*?```|`[^`]*`", re.DOTALL)
_MATH = re.compile(r"\$\$.*?\$\$|\$[^$]*\$", re.DOTALL)
_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')


def prose(text: str) -> str:
    """Hinglish text without code, math and quotations (quoted data keeps its own spelling)."""
    text = text.replace(FIRST_LINE, " ")
    return _QUOTED.sub(" ", _MATH.sub(" ", _CODE.sub(" ", text))).lower()


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in phrase.lower().split()]
    return re.compile(r"(?<![\w'])" + r"\s+".join(words) + r"(?![\w'])")


def find_avoided(text: str, avoided: list[str]) -> list[str]:
    cleaned = prose(text)
    return [a for a in avoided if _phrase_pattern(a).search(cleaned)]


def test_find_avoided_skips_quotes_and_code() -> None:
    avoided = ["humara", "nahin", "ke respect mein"]
    assert find_avoided("**Hinglish mein:** humara model", avoided) == ["humara"]
    assert find_avoided('data mein "nahin" likha hai, `nahin` bhi', avoided) == []
    assert find_avoided("pixel ke\nrespect mein gradient", avoided) == ["ke respect mein"]
    assert find_avoided("humaraa", avoided) == []  # whole words only


def test_spellings_follow_the_glossary(notebook: tuple[str, nbformat.NotebookNode]) -> None:
    name, nb = notebook
    avoided = avoided_spellings()
    problems = {
        i: found
        for i, cell in enumerate(nb.cells)
        if is_hinglish(cell) and (found := find_avoided(cell.source, avoided))
    }
    assert not problems, f"{name}: spellings the glossary avoids, by cell: {problems}"


def test_no_calques_or_known_slips(notebook: tuple[str, nbformat.NotebookNode]) -> None:
    name, nb = notebook
    avoided = avoided_phrases()
    problems = {
        i: found
        for i, cell in enumerate(nb.cells)
        if is_hinglish(cell) and (found := find_avoided(cell.source, avoided))
    }
    assert not problems, f"{name}: phrases the glossary avoids, by cell: {problems}"


def test_glossary_hinglish_follows_its_own_table() -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    hinglish = re.findall(r"\*Hinglish:\*(.*?)(?:\n\s*\n|\Z)", text, re.DOTALL)
    hinglish += re.findall(r"```\{container\} hinglish\n(.*?)```", text, re.DOTALL)
    assert len(hinglish) > 50
    found = {f for part in hinglish for f in find_avoided(part, avoided_spellings())}
    found |= {f for part in hinglish for f in find_avoided(part, avoided_phrases())}
    assert not found, f"book/glossary.md's own Hinglish uses {sorted(found)}"


# --------------------------------------------------------------------------- the numbers

_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})+(?![\d])|\d+(?:\.\d+)?")


def numbers(text: str) -> set[float]:
    """The numbers written in ``text`` ("2,744" and "2744" are one number; "1e-5" gives 1, 5)."""
    return {float(n.replace(",", "")) for n in _NUMBER.findall(text)}


def test_numbers_parse() -> None:
    assert numbers("2,744 reviews, 0.05 aur 1e-5, 10^{-7}; 01") == {2744, 0.05, 1, 5, 10, 7}


def test_numbers_come_from_the_english(notebook: tuple[str, nbformat.NotebookNode]) -> None:
    name, nb = notebook
    problems = {}
    for r in retold_english(nb):
        source = "\n".join(nb.cells[j].source for j in r.english + r.section_code)
        invented = numbers(r.cell.source) - numbers(source)
        if invented:
            problems[r.index] = sorted(invented)
    assert not problems, (
        f"{name}: numbers in Hinglish cells that the English they retell (and the section's "
        f"code) does not have, by cell: {problems}"
    )
