"""The course's language modes (English / Hinglish / Both): the one rule of what each shows.

Two places show a chapter in one language, and both ask this module, so they cannot disagree:

* the book's switch (``book/_ext/hinglish.py`` marks what Hinglish mode hides; the pages'
  script and styles only choose the mode);
* the English-only and Hinglish-only notebooks (``scripts/language_notebooks.py``, built with
  :func:`language_notebook`), which students open in Colab.

**The rule** (written for authors in ``book/glossary.md``, "What each mode shows"):

1. A Hinglish cell (a markdown cell tagged ``hinglish``; on a Markdown page, a
   ``{container} hinglish`` block) *retells* the English prose since the previous Hinglish cell
   or heading (any level).
2. *English* mode hides the Hinglish cells, and nothing else.
3. *Hinglish* mode hides the retold English **prose** (paragraphs, lists, quotes), and nothing
   else. Everything else is data every reader needs and stays in every mode: headings, code
   cells and their outputs, tables, figures and images (a list or quote holding one stays
   whole), display equations, code blocks, directives, and raw HTML blocks with what they
   enclose (the ``<details>`` solutions).
4. The exercises stay whole in every mode: nothing under an ``## Exercises`` heading (an H1/H2
   heading whose title names exercises, :func:`is_exercise_heading`) is hidden, so a prompt's
   numbers, shapes and signatures are always on screen, next to their Hinglish retelling.

Nothing is listed by hand: a new chapter that places its cells by the rule gets both the book's
switch and its language notebooks for free.

The module needs only ``markdown-it-py`` and ``mdit-py-plugins`` (jupytext and myst-parser
depend on both); it parses Markdown with the block syntax MyST uses (tables, ``$$`` math,
``:::`` fences, ``(target)=`` lines), so its blocks are the blocks the book renders.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin

ENGLISH, HINGLISH, BOTH = "english", "hinglish", "both"
"""The three modes of the book's switch; the language notebooks exist for the first two."""

MODES = (ENGLISH, HINGLISH, BOTH)

HINGLISH_TAG = "hinglish"
"""The cell tag (any letter case) that marks a Hinglish cell."""

# Kinds of block. Only PROSE is ever hidden (in Hinglish mode, when retold).
HEADING = "heading"
PROSE = "prose"
TABLE = "table"
MATH = "math"
CODE = "code"  # a fenced or indented code block inside Markdown
HTML = "html"
IMAGE = "image"
DIRECTIVE = "directive"
INVISIBLE = "invisible"  # (target)= lines, % comments, +++ breaks, front matter, footnotes
OTHER = "other"  # a thematic break (---)
HINGLISH_BOX = "hinglish"
CODE_CELL = "code-cell"
RAW_CELL = "raw-cell"
DATA_LIST = "data-list"  # a list or quote that holds a table, figure, equation, code or HTML

EXERCISE_HEADING = re.compile(r"\bexercises?\b", re.IGNORECASE)
GOING_FURTHER_HEADING = re.compile(r"^\s*going further\b", re.IGNORECASE)

# Block-level HTML tags whose content (Markdown between raw HTML blocks) must not be split.
_HTML_BLOCKS = "details|div|section|blockquote|figure|table|ul|ol|dl|aside"
_HTML_BLOCK_OPEN = re.compile(rf"<(?:{_HTML_BLOCKS})\b", re.IGNORECASE)
_HTML_BLOCK_CLOSE = re.compile(rf"</(?:{_HTML_BLOCKS})\s*>", re.IGNORECASE)
_PROSE_OPEN = {"paragraph_open", "bullet_list_open", "ordered_list_open", "blockquote_open"}
_DATA_TOKENS = {"table_open", "math_block", "math_block_label", "html_block", "fence"}
_DATA_TOKENS |= {"code_block", "colon_fence"}
_INVISIBLE_TOKENS = {"myst_target", "myst_line_comment", "myst_block_break", "front_matter"}
_INVISIBLE_TOKENS |= {"footnote_block_open", "footnote_reference_open"}

# Publishing: where the language notebooks live (the CI workflow pushes them there).
COLAB_BRANCH = "colab"
"""The branch that holds the generated notebooks, under the same paths as on ``main``."""
NOTEBOOK_SUFFIX = {ENGLISH: ".english.ipynb", HINGLISH: ".hinglish.ipynb"}
"""``notebooks/03_lstm.ipynb`` gives ``03_lstm.english.ipynb`` and ``03_lstm.hinglish.ipynb``."""
_COLAB_URL = re.compile(
    r"(https://colab\.research\.google\.com/github/[^/\s)]+/[^/\s)]+/blob/)([^/\s)]+)/"
    r"((?:[^/\s)]+/)*)([^/\s)]+)\.ipynb"
)


@dataclass(frozen=True)
class Block:
    """One top-level block of a page: a Markdown block, or a whole cell that is not Markdown.

    ``start``/``end`` are line numbers inside the cell's source (0-based, ``end`` excluded).
    """

    cell: int
    start: int
    end: int
    kind: str
    text: str
    level: int = 0
    title: str = ""


@dataclass(frozen=True)
class Role:
    """What the modes do with one block."""

    section: str  # the title of the H1/H2 section the block is in
    retold_by: int | None  # the index of the Hinglish block that retells it, if any
    hidden_in: frozenset[str]  # the modes that hide it


@dataclass(frozen=True)
class Plan:
    """The blocks of a page in order, with what each mode does with each."""

    blocks: tuple[Block, ...]
    roles: tuple[Role, ...]

    def shown(self, mode: str) -> list[Block]:
        """The blocks ``mode`` shows."""
        _check_mode(mode)
        return [b for b, r in zip(self.blocks, self.roles, strict=True) if mode not in r.hidden_in]

    def hidden(self, mode: str) -> list[Block]:
        """The blocks ``mode`` hides."""
        _check_mode(mode)
        return [b for b, r in zip(self.blocks, self.roles, strict=True) if mode in r.hidden_in]

    def retold_but_kept(self) -> list[Block]:
        """English prose a Hinglish block retells that Hinglish mode still shows (exercises)."""
        return [
            b
            for b, r in zip(self.blocks, self.roles, strict=True)
            if r.retold_by is not None and HINGLISH not in r.hidden_in
        ]

    def role_at(self, cell: int, line: int) -> tuple[Block, Role] | None:
        """The block (and its role) that holds ``line`` of ``cell``."""
        for block, role in zip(self.blocks, self.roles, strict=True):
            if block.cell == cell and block.start <= line < block.end:
                return block, role
        return None


def _check_mode(mode: str) -> None:
    if mode not in MODES:
        raise ValueError(f"unknown language mode {mode!r}. Available: {', '.join(MODES)}.")


# --------------------------------------------------------------------------- reading pages


def is_hinglish_cell(metadata: Mapping[str, Any] | None) -> bool:
    """Return True when a cell's metadata carries the ``hinglish`` tag (any letter case).

    Tolerates missing or malformed metadata (no ``tags``, ``tags`` as a single string,
    non-string tags).
    """
    if not metadata:
        return False
    tags = metadata.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    return any(isinstance(tag, str) and tag.lower() == HINGLISH_TAG for tag in tags)


def is_exercise_heading(title: str) -> bool:
    """An H1/H2 title that opens an exercises section ("Exercises", "Summary · Exercises")."""
    return bool(EXERCISE_HEADING.search(title))


def is_going_further_heading(title: str) -> bool:
    """A ``## Going further · …`` title: a detour, shown collapsed in the book."""
    return bool(GOING_FURTHER_HEADING.match(title))


def _parser() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .enable("table")
        .use(front_matter_plugin)
        .use(myst_block_plugin)
        .use(footnote_plugin)
        .use(dollarmath_plugin)
        .use(colon_fence_plugin)
    )


_MD = _parser()


def _source(cell: Mapping[str, Any]) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else str(source)


def _is_hinglish_fence(token: Token) -> bool:
    name, _, arguments = token.info.strip().partition(" ")
    return name == "{container}" and HINGLISH_TAG in arguments.lower().split()


def _kind(tokens: Sequence[Token], page: bool) -> str:
    first = tokens[0]
    if first.type == "heading_open":
        return HEADING
    if first.type in _INVISIBLE_TOKENS:
        return INVISIBLE
    if first.type == "table_open":
        return TABLE
    if first.type.startswith("math_block") or first.type == "amsmath":
        return MATH
    if first.type in ("fence", "colon_fence"):
        if first.info.strip().startswith("{"):
            return HINGLISH_BOX if page and _is_hinglish_fence(first) else DIRECTIVE
        return CODE
    if first.type == "code_block":
        return CODE
    if first.type == "html_block":
        return HTML
    if first.type in _PROSE_OPEN:
        inline = [child for t in tokens if t.type == "inline" for child in (t.children or [])]
        if any(child.type == "image" for child in inline):
            return IMAGE if first.type == "paragraph_open" else DATA_LIST
        if any(t.type in _DATA_TOKENS for t in tokens[1:]):
            return DATA_LIST
        return PROSE
    return OTHER


def markdown_blocks(text: str, cell: int = 0, page: bool = False) -> list[Block]:
    """The top-level blocks of a Markdown text (a notebook cell or, with ``page``, a page)."""
    tokens = _MD.parse(text)
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        j = i
        if token.nesting == 1:  # take everything up to the matching close
            depth = 0
            for j in range(i, len(tokens)):
                depth += tokens[j].nesting
                if depth == 0:
                    break
        group = tokens[i : j + 1]
        if token.map is not None and token.level == 0:
            start, end = token.map
            kind = _kind(group, page)
            title = ""
            level = 0
            if kind == HEADING:
                level = int(token.tag[1:])
                title = next((t.content for t in group if t.type == "inline"), "").strip()
            blocks.append(
                Block(cell, start, end, kind, "\n".join(lines[start:end]).rstrip(), level, title)
            )
        i = j + 1
    return blocks


def notebook_blocks(cells: Sequence[Mapping[str, Any]]) -> list[Block]:
    """The blocks of a notebook's cells, as myst-nb renders them (empty and removed cells skip).

    A Hinglish cell is one block, a code cell is one block, a Markdown cell is its blocks.
    """
    blocks: list[Block] = []
    for index, cell in enumerate(cells):
        text = _source(cell)
        tags = (cell.get("metadata") or {}).get("tags") or []
        if not text.strip() or "remove-cell" in tags or "remove_cell" in tags:
            continue
        lines = len(text.splitlines())
        if cell.get("cell_type") == "markdown":
            if is_hinglish_cell(cell.get("metadata")):
                blocks.append(Block(index, 0, lines, HINGLISH_BOX, text))
            else:
                blocks.extend(markdown_blocks(text, index))
        elif cell.get("cell_type") == "code":
            blocks.append(Block(index, 0, lines, CODE_CELL, text))
        else:
            blocks.append(Block(index, 0, lines, RAW_CELL, text))
    return blocks


def page_blocks(text: str) -> list[Block]:
    """The blocks of a Markdown page; a ``{container} hinglish`` block is a Hinglish box."""
    return markdown_blocks(text, 0, page=True)


# --------------------------------------------------------------------------- the rule


def _html_depth_change(block: Block) -> int:
    if block.kind != HTML:
        return 0
    return len(_HTML_BLOCK_OPEN.findall(block.text)) - len(_HTML_BLOCK_CLOSE.findall(block.text))


def plan(blocks: Iterable[Block]) -> Plan:
    """Apply the rule (see the module's docstring) to the blocks of one page."""
    blocks = tuple(blocks)
    sections: list[str] = []
    retold_by: list[int | None] = [None] * len(blocks)
    section = ""
    pending: list[int] = []
    cell, depth = None, 0
    for i, block in enumerate(blocks):
        if block.cell != cell:  # an HTML block never spans cells
            cell, depth = block.cell, 0
        change = _html_depth_change(block)
        inside_html = depth > 0 or change != 0
        depth = max(depth + change, 0)
        if block.kind == HEADING:
            pending = []
            if block.level <= 2:
                section = block.title
        elif block.kind == HINGLISH_BOX:
            for j in pending:
                retold_by[j] = i
            pending = []
        elif block.kind == PROSE and not inside_html:
            pending.append(i)
        sections.append(section)
    roles = []
    for block, title, teller in zip(blocks, sections, retold_by, strict=True):
        hidden = set()
        if block.kind == HINGLISH_BOX:
            hidden.add(ENGLISH)
        elif teller is not None and not is_exercise_heading(title):
            hidden.add(HINGLISH)
        roles.append(Role(title, teller, frozenset(hidden)))
    return Plan(blocks, tuple(roles))


def plan_notebook(cells: Sequence[Mapping[str, Any]]) -> Plan:
    """The rule applied to a notebook's cells."""
    return plan(notebook_blocks(cells))


def plan_page(text: str) -> Plan:
    """The rule applied to a Markdown page."""
    return plan(page_blocks(text))


# --------------------------------------------------------------------------- language notebooks


def _without_lines(text: str, drop: set[int]) -> str:
    kept = [line for n, line in enumerate(text.splitlines()) if n not in drop]
    out: list[str] = []
    for line in kept:  # one blank line between blocks, none at the ends
        if not line.strip() and (not out or not out[-1].strip()):
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    return "\n".join(out)


def language_notebook(notebook: Mapping[str, Any], mode: str) -> dict[str, Any]:
    """A copy of ``notebook`` as ``mode`` shows it: ``"english"`` or ``"hinglish"``.

    English drops the Hinglish cells. Hinglish drops, from each English Markdown cell, the
    blocks the rule hides (a cell left empty goes). Every other cell, code cells with their
    outputs included, is kept unchanged, in order, with its id and metadata.
    """
    if mode not in NOTEBOOK_SUFFIX:
        raise ValueError(
            f"no language notebook for mode {mode!r}. Available: {', '.join(NOTEBOOK_SUFFIX)}."
        )
    result = copy.deepcopy(dict(notebook))
    cells = result.get("cells", [])
    drop_lines: dict[int, set[int]] = {}
    for block in plan_notebook(cells).hidden(mode):
        drop_lines.setdefault(block.cell, set()).update(range(block.start, block.end))
    kept = []
    for index, cell in enumerate(cells):
        if index in drop_lines:
            if cell.get("cell_type") == "markdown" and is_hinglish_cell(cell.get("metadata")):
                continue  # English mode: the whole Hinglish cell goes
            text = _without_lines(_source(cell), drop_lines[index])
            if not text.strip():
                continue
            cell["source"] = text
        kept.append(cell)
    result["cells"] = kept
    return result


def language_notebook_name(name: str, mode: str) -> str:
    """``03_lstm.ipynb`` → ``03_lstm.english.ipynb`` / ``03_lstm.hinglish.ipynb``."""
    if mode not in NOTEBOOK_SUFFIX:
        raise ValueError(
            f"no language notebook for mode {mode!r}. Available: {', '.join(NOTEBOOK_SUFFIX)}."
        )
    return name.removesuffix(".ipynb") + NOTEBOOK_SUFFIX[mode]


def language_colab_url(colab_url: str, mode: str, branch: str = COLAB_BRANCH) -> str:
    """The Colab address of a chapter's language notebook, from its bilingual Colab address.

    ``…/blob/main/notebooks/03_lstm.ipynb`` → ``…/blob/colab/notebooks/03_lstm.english.ipynb``.
    """
    match = _COLAB_URL.fullmatch(colab_url)
    if match is None:
        raise ValueError(
            f"not a Colab address of a notebook on GitHub: {colab_url!r}. Expected "
            "https://colab.research.google.com/github/OWNER/REPO/blob/BRANCH/PATH.ipynb."
        )
    prefix, _, folders, stem = match.groups()
    return f"{prefix}{branch}/{folders}{language_notebook_name(stem, mode)}"


def find_colab_urls(text: str) -> list[str]:
    """The Colab addresses of notebooks on GitHub in a text (a title cell, a README)."""
    return [match.group(0) for match in _COLAB_URL.finditer(text)]
