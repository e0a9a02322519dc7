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
  section's code (nothing invented, e.g. "15 images" where the English says "a few dozen"),
  the English's number words included ("nine seeds" is 9), and Hinglish prose writes digits
  ("9 seeds"), never English number words;
* what Hinglish mode shows (the rule of ``book/_ext/language_modes.py``, which the book and the
  language notebooks share): a Hinglish cell that points at a table or figure ("table upar")
  points at one that Hinglish mode shows, and every number of every exercise prompt is on
  screen in Hinglish mode (checked on the rule's actual output, so it fails if the rule, or
  an exercise written outside the Exercises section, hides a prompt's data);
* the language notebooks (``scripts/language_notebooks.py``): every code cell (with its
  outputs) and every exercise cell in all three notebooks, no Hinglish cell in the English one,
  no retold English prose in the Hinglish one, and the same bytes on every run.

Gender agreement, "ne", and keeping every caveat need a reader; the glossary lists them.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import nbformat
import pytest

from .conftest import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import language_modes as rule  # noqa: E402 (book/_ext is not a package)

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
    assert {"pichle", "fir", "zyaadatar", "ussi", "tayyar", "tarike", "dhoondo", "humein"} <= set(
        spellings
    )
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


_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS = {
    **{word: i + 1 for i, word in enumerate(_UNITS)},
    **{word: i + 10 for i, word in enumerate(_TEENS)},
    **{word: 10 * (i + 2) for i, word in enumerate(_TENS)},
    "hundred": 100,
    "thousand": 1000,
}
"""English number words: the English may spell a number out, Hinglish prose writes digits."""
_NUMBER_WORD = re.compile(
    r"(?<![\w'-])(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
    r"(?:-(" + "|".join(_UNITS) + r"))?(?![\w'-])",
    re.IGNORECASE,
)


def number_words(text: str) -> list[str]:
    """English number words in a Hinglish text's prose ("nine seeds"; not "one-hot", code or
    quotes)."""
    return [match.group(0) for match in _NUMBER_WORD.finditer(prose(text))]


def english_numbers(text: str) -> set[float]:
    """The numbers an English text states: digits, and number words ("nine seeds" is 9)."""
    spelled = set()
    for match in _NUMBER_WORD.finditer(text):
        value = NUMBER_WORDS[match.group(1).lower()]
        spelled.add(float(value + (NUMBER_WORDS[match.group(2).lower()] if match.group(2) else 0)))
    return numbers(text) | spelled


def test_number_words_parse() -> None:
    text = 'nine seeds, Six runs, twenty-five, a hundred, one-hot, `ten`, "five" aur 9 seeds'
    assert number_words(text) == ["nine", "six", "twenty-five", "hundred"]
    assert english_numbers("Nine seeds and twenty-one runs, 3 each") == {9, 21, 3}


def test_hinglish_writes_digits(notebook: tuple[str, nbformat.NotebookNode]) -> None:
    """Glossary rule 5: "9 seeds", not "nine seeds", even where the English spells it out."""
    name, nb = notebook
    problems = {
        i: found
        for i, cell in enumerate(nb.cells)
        if is_hinglish(cell) and (found := number_words(cell.source))
    }
    assert not problems, f"{name}: English number words in Hinglish cells, by cell: {problems}"


def test_numbers_come_from_the_english(notebook: tuple[str, nbformat.NotebookNode]) -> None:
    name, nb = notebook
    problems = {}
    for r in retold_english(nb):
        source = "\n".join(nb.cells[j].source for j in r.english + r.section_code)
        invented = numbers(r.cell.source) - english_numbers(source)
        if invented:
            problems[r.index] = sorted(invented)
    assert not problems, (
        f"{name}: numbers in Hinglish cells that the English they retell (and the section's "
        f"code) does not have, by cell: {problems}"
    )


# --------------------------------------------------------------------------- what each mode shows
# The rule lives in book/_ext/language_modes.py; the book's switch and the language notebooks
# both use it. These tests pin it down on hand-made cells, then check its output on every chapter.


def _md(source: str, hinglish: bool = False) -> nbformat.NotebookNode:
    metadata = {"tags": ["hinglish"]} if hinglish else {}
    return nbformat.v4.new_markdown_cell(source, metadata=metadata)


def _code(source: str, outputs: list | None = None) -> nbformat.NotebookNode:
    cell = nbformat.v4.new_code_cell(source)
    cell.outputs = outputs or []
    return cell


def _hidden_texts(cells: list[nbformat.NotebookNode]) -> list[str]:
    return [block.text for block in rule.plan_notebook(cells).hidden(rule.HINGLISH)]


def test_rule_hides_retold_prose_and_nothing_else() -> None:
    cells = [
        _md("# Title\n\nThe intro, retold.\n\n![badge](badge.svg)"),
        _md("## 1. Idea\n\nProse one.\n\n- a list item\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
        _code("x = 1"),
        _md("More prose.\n\n$$y = x$$\n\n```python\nx = 2\n```"),
        _md("<details><summary>Solution</summary>\n\nInside the solution.\n\n</details>"),
        _md("**Hinglish mein:** sab ek saath.", hinglish=True),
        _md("Untold prose after the last Hinglish cell."),
        _md("## 2. Next"),
        _md("**Hinglish mein:** heading ke turant baad.", hinglish=True),
    ]
    assert _hidden_texts(cells) == ["Prose one.", "- a list item", "More prose."]
    plan = rule.plan_notebook(cells)
    assert [b.text for b in plan.hidden(rule.ENGLISH)] == [
        "**Hinglish mein:** sab ek saath.",
        "**Hinglish mein:** heading ke turant baad.",
    ]
    assert plan.hidden(rule.BOTH) == []
    with pytest.raises(ValueError, match="unknown language mode 'hindi'. Available: english"):
        plan.shown("hindi")


def test_rule_keeps_the_exercises_whole() -> None:
    cells = [
        _md("## Exercises\n\n1. **Which bin?** A 1000 Hz tone at 16 kHz, frames of 400."),
        _code("ex.q1.check(...)"),
        _md("Open-ended:\n\n2. Retrain with `beta=5`."),
        _md("**Hinglish mein:** pehli exercise mein bin nikalo.", hinglish=True),
        _md("## Going further · A detour\n\nDetour prose."),
        _md("**Hinglish mein:** detour.", hinglish=True),
    ]
    plan = rule.plan_notebook(cells)
    assert [b.text for b in plan.hidden(rule.HINGLISH)] == ["Detour prose."]
    kept = [b.text for b in plan.retold_but_kept()]
    assert kept[0].startswith("1. **Which bin?**") and len(kept) == 3
    assert rule.is_exercise_heading("Exercises") and rule.is_exercise_heading("Summary · Exercises")
    assert not rule.is_exercise_heading("Exercising the model? No: 3. Training")
    assert rule.is_going_further_heading("Going further · The batch-norm trap")
    assert not rule.is_going_further_heading("1. Going nowhere")


def test_rule_reads_a_markdown_page() -> None:
    page = (
        "# Page\n\n(target)=\nRetold paragraph.\n\n```{container} hinglish\n"
        "**Hinglish mein:** retold.\n```\n\n```{glossary}\nterm\n  Definition.\n```\n"
    )
    plan = rule.plan_page(page)
    assert [b.text for b in plan.hidden(rule.HINGLISH)] == ["Retold paragraph."]
    assert [b.kind for b in plan.hidden(rule.ENGLISH)] == [rule.HINGLISH_BOX]


def test_language_notebook_of_hand_made_cells() -> None:
    nb = nbformat.v4.new_notebook()
    output = nbformat.v4.new_output("stream", name="stdout", text="1\n")
    nb.cells = [
        _md("# Title\n\nIntro prose.\n\n| a | b |\n|---|---|\n| 1 | 2 |"),
        _code("print(1)", [output]),
        _md("Only prose, retold."),
        _md("**Hinglish mein:** intro.", hinglish=True),
    ]
    english = rule.language_notebook(nb, rule.ENGLISH)
    hinglish = rule.language_notebook(nb, rule.HINGLISH)
    assert english["cells"] == nb.cells[:3]
    assert [c["source"] for c in hinglish["cells"]] == [
        "# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |",
        "print(1)",
        "**Hinglish mein:** intro.",
    ]
    assert hinglish["cells"][1]["outputs"] == [output]
    assert nb.cells[0].source.startswith("# Title\n\nIntro prose.")  # the source is untouched
    with pytest.raises(ValueError, match="no language notebook for mode 'both'"):
        rule.language_notebook(nb, rule.BOTH)


def test_language_colab_url() -> None:
    url = "https://colab.research.google.com/github/o/r/blob/main/notebooks/03_lstm.ipynb"
    assert rule.language_colab_url(url, rule.HINGLISH) == (
        "https://colab.research.google.com/github/o/r/blob/colab/notebooks/03_lstm.hinglish.ipynb"
    )
    assert rule.find_colab_urls(f"[![b](x.svg)]({url}) text") == [url]
    with pytest.raises(ValueError, match="not a Colab address"):
        rule.language_colab_url("https://example.com/03_lstm.ipynb", rule.ENGLISH)


# A Hinglish cell that points at a table or a figure: "table upar", "neeche wala diagram",
# "Table dikhati hai" (the word, and in its sentence a word that points).
_POINTER = re.compile(r"\b(tables?|figures?|diagrams?)\b", re.IGNORECASE)
_POINTING = re.compile(r"\b(upar|neeche|dekho|wal[aie]|dikha\w*)\b", re.IGNORECASE)
_BELOW = re.compile(r"\bneeche\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.;:!?]+")
_TARGETS = {
    "table": {rule.TABLE},
    "figure": {rule.IMAGE, rule.DATA_LIST, rule.CODE},
    "diagram": {rule.IMAGE, rule.DATA_LIST, rule.CODE},
}


def hidden_pointers(plan: rule.Plan) -> list[str]:
    """Hinglish blocks that point at a table or figure which Hinglish mode does not show.

    The target is the nearest Markdown table (figure) in the pointer's direction, in the
    section; a section without one may mean a code cell's output (always shown); a section
    with neither points at nothing.
    """
    shown = {id(block) for block in plan.shown(rule.HINGLISH)}
    blocks = plan.blocks
    problems = []
    for i, block in enumerate(blocks):
        if block.kind != rule.HINGLISH_BOX:
            continue
        pointers = [
            (match.group(1).lower().rstrip("s"), sentence.group(0))
            for sentence in _SENTENCE.finditer(prose(block.text))
            if _POINTING.search(sentence.group(0))
            for match in _POINTER.finditer(sentence.group(0))
        ]
        for word, nearby in pointers:
            below = bool(_BELOW.search(nearby))
            step = 1 if below else -1
            candidates, code = [], False
            j = i + step
            while 0 <= j < len(blocks):
                other = blocks[j]
                if other.kind == rule.HEADING and other.level <= 2:
                    break
                if other.kind in _TARGETS[word]:
                    candidates.append(other)
                code = code or other.kind == rule.CODE_CELL
                j += step
            where = f"cell {block.cell}: {' '.join(nearby.split())!r}"
            if candidates and id(candidates[0]) not in shown:
                problems.append(f"{where} points at a {word} that Hinglish mode hides")
            elif not candidates and not code:
                problems.append(f"{where} points at a {word} the section does not have")
    return problems


def test_hidden_pointers_catches_a_hidden_table() -> None:
    cells = [
        _md("## 1. Results\n\n| run | EER |\n|---|---|\n| a | 0.1 |"),
        _md("**Hinglish mein:** table upar hai, wahi dekho.", hinglish=True),
        _md("## 2. Nothing\n\nProse."),
        _md("**Hinglish mein:** neeche wala diagram dekho.", hinglish=True),
    ]
    plan = rule.plan_notebook(cells)
    assert hidden_pointers(plan) == [
        "cell 3: 'neeche wala diagram dekho' points at a diagram the section does not have"
    ]
    # The same cells under a rule that hid tables: the pointer in cell 1 is caught.
    hide_tables = tuple(
        rule.Role(r.section, r.retold_by, r.hidden_in | {rule.HINGLISH})
        if b.kind == rule.TABLE
        else r
        for b, r in zip(plan.blocks, plan.roles, strict=True)
    )
    problems = hidden_pointers(rule.Plan(plan.blocks, hide_tables))
    assert problems[0].startswith("cell 1:") and "that Hinglish mode hides" in problems[0]


def test_hinglish_cells_point_at_what_hinglish_mode_shows(
    notebook: tuple[str, nbformat.NotebookNode],
) -> None:
    """ "Table upar" must mean a table on the Hinglish reader's screen (glossary, rule 10)."""
    name, nb = notebook
    problems = hidden_pointers(rule.plan_notebook(nb.cells))
    assert not problems, f"{name}: " + "; ".join(problems)


_DETAILS = re.compile(r"<details\b.*?</details>", re.DOTALL | re.IGNORECASE)
_CHECK = re.compile(r"\bex\.q\w+\.check\(")


def exercise_prompts(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(cell index, text) of every exercise prompt, found without the rule: the English cells
    under a ``## Exercises`` heading (solutions left out), and, anywhere in the chapter, the
    English cells right before a code cell that checks an answer (``ex.q1.check(...)``)."""
    prompts: dict[int, str] = {}
    in_exercises = False
    for i, cell in enumerate(nb.cells):
        if is_heading(cell):
            title = cell.source.strip().splitlines()[0]
            in_exercises = title.startswith("## Exercises")
        if in_exercises and is_english(cell):
            prompts[i] = cell.source
        if cell.cell_type == "code" and _CHECK.search(cell.source):
            j = i - 1
            while j >= 0 and is_english(nb.cells[j]) and not is_heading(nb.cells[j]):
                prompts[j] = nb.cells[j].source
                j -= 1
            if j >= 0 and is_heading(nb.cells[j]):
                prompts[j] = nb.cells[j].source
    return [(i, _DETAILS.sub(" ", text)) for i, text in sorted(prompts.items())]


def _sections_of(cells: list) -> list[int]:
    """For each cell, the number of the H1/H2 section it is in (headings counted from 1)."""
    result, section = [], 0
    for cell in cells:
        if is_heading(cell):
            section += 1
        result.append(section)
    return result


def missing_prompt_numbers(nb: nbformat.NotebookNode) -> dict[int, list[float]]:
    """For each exercise prompt, the numbers it states that its section lacks as the Hinglish
    notebook (the rule's actual output) shows it: prompts, Hinglish cells and code together."""
    shown = rule.language_notebook(nb, rule.HINGLISH)["cells"]
    shown_ids = {cell["id"] for cell in shown}
    source_sections = _sections_of(nb.cells)
    visible: dict[int, list[str]] = {}  # section number (in the chapter) -> what Hinglish shows
    for cell, section in zip(nb.cells, source_sections, strict=True):
        if cell.id in shown_ids:
            text = next(c["source"] for c in shown if c["id"] == cell.id)
            visible.setdefault(section, []).append(text)
    problems = {}
    for i, text in exercise_prompts(nb):
        on_screen = "\n".join(visible.get(source_sections[i], []))
        missing = english_numbers(text) - english_numbers(on_screen)
        if missing:
            problems[i] = sorted(missing)
    return problems


def test_exercise_prompts_are_found() -> None:
    nb = nbformat.read(NOTEBOOKS / "03_lstm.ipynb", as_version=4)
    prompts = exercise_prompts(nb)
    assert len(prompts) >= 4
    assert any("c_{t-1} = 2.0" in text for _, text in prompts)
    assert not any("def gru_step" in text for _, text in prompts), "solutions are not prompts"


def test_missing_prompt_numbers_catches_a_hidden_prompt() -> None:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        _md("# Title"),
        _md("## 1. Idea\n\nA tone of 1000 Hz at 16 kHz: which bin?"),
        _code("ex.q1.check(answer)"),
        _md("**Hinglish mein:** bin nikalo, 16 kHz pe.", hinglish=True),
        _md("## Exercises\n\n2. With 20 speakers and 8 clips each?"),
        _md("**Hinglish mein:** trials gino.", hinglish=True),
    ]
    # an exercise outside the Exercises section: its English is hidden, 1000 is nowhere
    assert missing_prompt_numbers(nb) == {1: [1000.0]}
    nb.cells[3].source = "**Hinglish mein:** 1000 Hz ki tone, 16 kHz: bin nikalo."
    assert missing_prompt_numbers(nb) == {}


def test_every_exercise_number_is_visible_in_hinglish_mode(
    notebook: tuple[str, nbformat.NotebookNode],
) -> None:
    """Each number an exercise prompt states (gate values, `num_heads=8`, 1000 Hz, a schedule)
    is on the Hinglish reader's screen: the rule's actual output, on every chapter."""
    name, nb = notebook
    missing = missing_prompt_numbers(nb)
    assert not missing, (
        f"{name}: exercise data hidden in Hinglish mode (by cell: numbers no one shows): "
        f"{missing}. Keep the prompt under ## Exercises, or put its data in its Hinglish cell."
    )


# --------------------------------------------------------------------------- language notebooks


def _load_script() -> ModuleType:
    path = ROOT / "scripts" / "language_notebooks.py"
    spec = importlib.util.spec_from_file_location("language_notebooks_script", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _exercise_cells(nb: nbformat.NotebookNode) -> list[int]:
    """The English cells (prompts and solutions) and code cells of the Exercises section."""
    section = _sections_of(nb.cells)
    starts = {section[i]: i for i, cell in enumerate(nb.cells) if is_heading(cell)}
    return [
        i
        for i, cell in enumerate(nb.cells)
        if section[i] in starts
        and not is_hinglish(cell)
        and nb.cells[starts[section[i]]].source.strip().startswith("## Exercises")
    ]


def test_language_notebooks_follow_the_rule(notebook: tuple[str, nbformat.NotebookNode]) -> None:
    name, nb = notebook
    cells = [dict(cell) for cell in nb.cells]
    english = rule.language_notebook(nb, rule.ENGLISH)["cells"]
    hinglish = rule.language_notebook(nb, rule.HINGLISH)["cells"]
    # Code cells (and their outputs, ids, metadata) and the exercises: in all three, unchanged.
    code = [cell for cell in cells if cell["cell_type"] == "code"]
    for version, shown in (("English", english), ("Hinglish", hinglish)):
        assert [c for c in shown if c["cell_type"] == "code"] == code, f"{name}: {version} code"
        for i in _exercise_cells(nb):
            assert cells[i] in shown, f"{name}: exercise cell {i} missing in the {version} one"
    # English: every English cell as it is, no Hinglish cell.
    assert english == [cell for cell in cells if not is_hinglish(nb.cells[cells.index(cell)])]
    assert not any(is_hinglish(nbformat.from_dict(cell)) for cell in english)
    # Hinglish: every Hinglish cell; no retold English prose; every table, equation, figure.
    assert [c for c in hinglish if is_hinglish(nbformat.from_dict(c))] == [
        c for c in cells if is_hinglish(nb.cells[cells.index(c)])
    ]
    plan = rule.plan_notebook(nb.cells)
    shown_text = "\n".join(c["source"] for c in hinglish if c["cell_type"] == "markdown")
    kept_lines = {
        line.strip() for block in plan.shown(rule.HINGLISH) for line in block.text.splitlines()
    }
    for block in plan.hidden(rule.HINGLISH):
        for line in block.text.splitlines():
            if len(line.split()) > 6 and line.strip() not in kept_lines:
                assert line not in shown_text, f"{name}: retold English left in: {line!r}"
    for block in plan.shown(rule.HINGLISH):
        if block.kind in (rule.TABLE, rule.MATH, rule.IMAGE, rule.HTML, rule.CODE):
            assert block.text.strip() in shown_text or block.cell == 0, (name, block.text[:60])


def test_language_notebooks_keep_outputs_and_are_deterministic(tmp_path: Path) -> None:
    script = _load_script()
    source = tmp_path / "src" / "03_lstm.ipynb"
    source.parent.mkdir()
    nb = nbformat.read(NOTEBOOKS / "03_lstm.ipynb", as_version=4)
    nb.cells[1 + next(i for i, c in enumerate(nb.cells[1:]) if c.cell_type == "code")].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="an output\n")
    ]
    nbformat.write(nb, source)
    first = script.write_all(tmp_path / "a", [source])
    second = script.write_all(tmp_path / "b", [source])
    assert [p.name for p in first] == ["03_lstm.english.ipynb", "03_lstm.hinglish.ipynb"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), f"{a.name} differs between two runs"
        written = nbformat.read(a, as_version=4)
        nbformat.validate(written)
        code = [c for c in written.cells if c.cell_type == "code"]
        assert code == [c for c in nb.cells if c.cell_type == "code"]
        assert any(c.outputs for c in code), "outputs are kept"
        mode = a.name.split(".")[-2]
        assert "jupytext" not in written.metadata
        assert written.metadata["course_language"]["mode"] == mode
        title = written.cells[0].source
        assert f"/blob/colab/notebooks/03_lstm.{mode}.ipynb" in title
        assert "github.com/hinglish-dl/deep-learning-course/blob/main/notebooks/03_lstm" in title


def test_language_notebooks_of_every_chapter(tmp_path: Path) -> None:
    """`make language-notebooks` writes two notebooks per chapter, the rule's, and nothing else."""
    script = _load_script()
    written = script.write_all(tmp_path)
    expected = sorted(
        rule.language_notebook_name(chapter.name, mode)
        for chapter in CHAPTERS
        for mode in (rule.ENGLISH, rule.HINGLISH)
    )
    assert sorted(p.name for p in written) == expected
    assert sorted(p.name for p in (tmp_path / "notebooks").iterdir()) == expected
    for path in written:
        mode = path.name.split(".")[-2]
        chapter = NOTEBOOKS / (path.name.split(".")[0] + ".ipynb")
        nb = json.loads(chapter.read_text(encoding="utf-8"))
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        expected_cells = copy.deepcopy(rule.language_notebook(nb, mode)["cells"])
        assert cells[1:] == expected_cells[1:], path.name  # the title cell gets its own badge


def test_readme_has_the_language_badges() -> None:
    """The README's chapter table opens every chapter in Colab in each language."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for chapter in CHAPTERS:
        nb = nbformat.read(chapter, as_version=4)
        bilingual = rule.find_colab_urls(nb.cells[0].source)[0]
        for mode in (rule.ENGLISH, rule.HINGLISH):
            url = rule.language_colab_url(bilingual, mode)
            assert url in readme, f"README: no {mode} Colab badge for {chapter.name} ({url})"
