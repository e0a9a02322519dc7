"""Sphinx extension: Hinglish boxes, the English/Hinglish/Both language switch, offline badges.

**Hinglish boxes.** Every English explanation in the course is followed by a markdown cell tagged
``hinglish`` (cell metadata ``{"tags": ["hinglish"]}``).  Jupyter Book 1 does not turn tags on
*markdown* cells into CSS classes: myst-nb 1.4 renders a markdown cell as a pass-through (see
``MditRenderMixin.render_nb_cell_markdown``), so the cell's nodes land directly in the page and
its metadata is dropped.  The metadata exists only while the page is rendered, on the
``nb_cell_markdown`` token that myst-nb hands to that method.  This extension therefore wraps
``SphinxNbRenderer.render_nb_cell_markdown``: a cell whose tags contain ``hinglish`` is rendered
inside a docutils ``container`` node with the class ``hinglish``, which the HTML writer emits as
``<div class="hinglish docutils container">``.  Untagged cells render exactly as before.  A
heading inside a tagged cell becomes a rubric (a heading that is not a section), because
sections cannot live inside a container; Hinglish cells should not start new sections anyway.
Markdown pages (``.md``) get the same box with the ``container`` directive::

    ```{container} hinglish
    **Hinglish mein:** ...
    ```

**What each box retells.** The course's rule (stated in ``book/glossary.md``): a Hinglish cell
sits right after the English it retells, and retells the English markdown cells since the
previous Hinglish cell or section heading.  In the page's doctree that is: the siblings before a
Hinglish box, back to the previous Hinglish box or the start of its section (the heading).  On
``doctree-read`` (so for notebooks and ``.md`` pages alike, and for every new chapter without a
list to keep) each run of English prose among those siblings is wrapped in
``<div class="hinglish-retold docutils container">``.  Prose is paragraphs, lists, tables,
quotes and admonitions.  What stays visible in every language is never wrapped: code cells and
their outputs, headings, figures and images (a paragraph that only holds images, such as the
Colab badge), display equations, code blocks, raw HTML blocks with what they enclose (the
``<details>`` solutions) and other boxes.

**The switch.** ``book/_static/hinglish.js`` (loaded in the page head, so the choice applies
before the page is drawn) puts a radio group *English / Hinglish / Both* at the top of every
page and stores the choice in ``localStorage``; ``book/_static/hinglish.css`` hides
``div.hinglish`` in English mode and ``.hinglish-retold`` in Hinglish mode.

**Offline.** The Colab badge image of each chapter's title cell points at colab.research.google
.com; the built pages use a local copy (``_static/colab-badge.svg``) so a page requests nothing
from the network (the badge's link still opens Colab).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_nb.sphinx_ import SphinxNbRenderer
from sphinx.application import Sphinx

HINGLISH_TAG = "hinglish"
"""The cell tag that marks a Hinglish cell."""

HINGLISH_CLASS = "hinglish"
"""The CSS class given to the container around a Hinglish cell."""

RETOLD_CLASS = "hinglish-retold"
"""The CSS class of a container around English prose that the next Hinglish box retells."""

STATIC_DIR = Path(__file__).resolve().parent.parent / "_static"
"""book/_static: the switch's script and styles (added to every page by this extension)."""

COLAB_BADGE_URL = "https://colab.research.google.com/assets/colab-badge.svg"
"""The badge image of the chapters' title cells; pages use ``_static/colab-badge.svg``."""

# Body elements that are English prose: hidden in Hinglish mode when a Hinglish box retells them.
_PROSE = (
    nodes.paragraph,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
    nodes.field_list,
    nodes.table,
    nodes.block_quote,
    nodes.line_block,
    nodes.Admonition,
)
# Invisible nodes that may sit between prose paragraphs without breaking a run.
_INVISIBLE = (nodes.target, nodes.comment, nodes.substitution_definition)

# Block-level HTML tags whose content (markdown between raw HTML nodes) must not be split.
_HTML_BLOCKS = "details|div|section|blockquote|figure|table|ul|ol|dl|aside"
_HTML_BLOCK_OPEN = re.compile(rf"<(?:{_HTML_BLOCKS})\b")
_HTML_BLOCK_CLOSE = re.compile(rf"</(?:{_HTML_BLOCKS})\s*>")

_RenderMethod = Callable[[SphinxNbRenderer, SyntaxTreeNode], None]
_PATCHED_FLAG = "_hinglish_wrapped"


def is_hinglish_cell(metadata: Mapping[str, Any] | None) -> bool:
    """Return True when a cell's metadata carries the ``hinglish`` tag (any letter case).

    Case-insensitive like ``tests/test_notebooks.py``; tolerates missing or malformed metadata
    (no ``tags``, ``tags`` as a single string, non-string tags).
    """
    if not metadata:
        return False
    tags = metadata.get("tags") or []
    if isinstance(tags, str):
        tags = [tags]
    return any(isinstance(tag, str) and tag.lower() == HINGLISH_TAG for tag in tags)


def _wrap_render(original: _RenderMethod) -> _RenderMethod:
    """Return a ``render_nb_cell_markdown`` that boxes Hinglish cells and defers to ``original``."""

    def render_nb_cell_markdown(self: SphinxNbRenderer, token: SyntaxTreeNode) -> None:
        if not is_hinglish_cell(token.meta.get("metadata")):
            original(self, token)
            return
        container = nodes.container(classes=[HINGLISH_CLASS])
        self.add_line_and_source_path(container, token)
        with self.current_node_context(container, append=True):
            original(self, token)

    setattr(render_nb_cell_markdown, _PATCHED_FLAG, True)
    render_nb_cell_markdown.__doc__ = original.__doc__
    return render_nb_cell_markdown


def _is_hinglish_box(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and HINGLISH_CLASS in node["classes"]


def _only_images(node: nodes.Node) -> bool:
    """A paragraph whose content is images (maybe inside links) and blank text: a figure."""
    if not isinstance(node, nodes.paragraph):
        return False
    has_image = False
    for child in node.findall(include_self=False):
        if isinstance(child, nodes.image):
            has_image = True
        elif (
            isinstance(child, nodes.Text)
            and child.astext().strip()
            and not isinstance(child.parent, nodes.image)
        ):
            return False
    return has_image


def _is_prose(node: nodes.Node) -> bool:
    if not isinstance(node, _PROSE) or _only_images(node):
        return False
    # A figure, a display equation or a block of raw HTML inside (a list item with an image)
    # keeps the block visible; inline HTML inside a sentence does not.
    return not any(
        isinstance(child, (nodes.image, nodes.figure, nodes.math_block))
        or (isinstance(child, nodes.raw) and not isinstance(child.parent, nodes.TextElement))
        for child in node.findall(include_self=False)
    )


def _html_depth_change(node: nodes.Node) -> int:
    """How many HTML blocks a raw HTML node opens (positive) or closes (negative)."""
    if not isinstance(node, nodes.raw) or "html" not in node.get("format", ""):
        return 0
    text = node.astext().lower()
    opened = len(_HTML_BLOCK_OPEN.findall(text))
    closed = len(_HTML_BLOCK_CLOSE.findall(text))
    return opened - closed


def _retold_runs(siblings: Iterable[nodes.Node]) -> list[list[nodes.Node]]:
    """Split the siblings a Hinglish box retells into runs of prose (what the box hides).

    Markdown between raw HTML tags (``<details><summary>Solution</summary>`` ... ``</details>``)
    belongs to that HTML block, which stays visible as a whole.
    """
    runs: list[list[nodes.Node]] = []
    current: list[nodes.Node] = []
    depth = 0
    for node in siblings:
        change = _html_depth_change(node)
        inside_html = depth > 0 or change != 0
        depth = max(depth + change, 0)
        if not inside_html and (_is_prose(node) or (isinstance(node, _INVISIBLE) and current)):
            current.append(node)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    for run in runs:  # a run never ends with an invisible node (it belongs to what follows)
        while not _is_prose(run[-1]):
            run.pop()
    return runs


def mark_retold_prose(doctree: nodes.Node) -> int:
    """Wrap the English prose each Hinglish box retells in a ``hinglish-retold`` container.

    Returns how many containers were added.  Idempotent: prose already wrapped is a container,
    not prose, so a second pass adds nothing.
    """
    added = 0
    for box in list(doctree.findall(_is_hinglish_box)):
        parent = box.parent
        if parent is None:
            continue
        siblings: list[nodes.Node] = []
        for node in reversed(parent.children[: parent.index(box)]):
            if _is_hinglish_box(node) or isinstance(node, (nodes.title, nodes.section)):
                break
            siblings.append(node)
        siblings.reverse()
        for run in _retold_runs(siblings):
            wrapper = nodes.container(classes=[RETOLD_CLASS])
            wrapper.source, wrapper.line = run[0].source, run[0].line
            parent.insert(parent.index(run[0]), wrapper)
            for node in run:
                parent.remove(node)
                wrapper.append(node)
            added += 1
    return added


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    mark_retold_prose(doctree)


def _on_builder_inited(app: Sphinx) -> None:
    """Serve book/_static (the switch's files) even when the config does not list it."""
    static_paths = [str(Path(app.confdir, path).resolve()) for path in app.config.html_static_path]
    if str(STATIC_DIR) not in static_paths:
        app.config.html_static_path.append(str(STATIC_DIR))


def _on_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Point the Colab badge images at the book's own copy (nothing loads from the network)."""
    body = context.get("body")
    if isinstance(body, str) and COLAB_BADGE_URL in body:
        local = context["pathto"]("_static/colab-badge.svg", 1)
        context["body"] = body.replace(f'src="{COLAB_BADGE_URL}"', f'src="{local}"')


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension (idempotent: several Sphinx apps may run in one process)."""
    app.setup_extension("myst_nb")
    current = SphinxNbRenderer.render_nb_cell_markdown
    if not getattr(current, _PATCHED_FLAG, False):
        SphinxNbRenderer.render_nb_cell_markdown = _wrap_render(current)  # type: ignore[method-assign]
    app.connect("builder-inited", _on_builder_inited)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("html-page-context", _on_page_context)
    app.add_css_file("hinglish.css")
    app.add_js_file("hinglish.js")
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
