"""Sphinx extension: Hinglish boxes, the English/Hinglish/Both language switch, collapsed detours.

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

**What Hinglish mode hides.** One rule decides, in ``book/_ext/language_modes.py`` (the same
module builds the English-only and Hinglish-only notebooks, so the book and the notebooks never
disagree; the rule is written for authors in ``book/glossary.md``): a Hinglish box retells the
English prose since the previous box or heading, and Hinglish mode hides that prose and nothing
else — never headings, code, outputs, tables, figures, equations, ``<details>`` solutions, nor
anything in an ``## Exercises`` section.  On ``doctree-read`` this extension reads the page's
source (the notebook's cells, or the ``.md`` text), asks the rule which blocks are hidden, and
finds their nodes by source line: myst-nb numbers the lines of cell *i* from ``(i + 1) * 10000``.
Each run of hidden prose is wrapped in ``<div class="hinglish-retold docutils container">``; the
retold English that an exercises section keeps in ``<div class="hinglish-kept ...">`` (shown in
every mode).  Nothing is listed by hand, so every new chapter gets the switch for free.

**The switch.** ``book/_static/hinglish.js`` (loaded in the page head, so the choice applies
before the page is drawn) puts a radio group *English / Hinglish / Both* at the top of every
page and stores the choice in ``localStorage``; ``book/_static/hinglish.css`` hides
``div.hinglish`` in English mode and ``.hinglish-retold`` in Hinglish mode.

**Detours.** A section titled ``Going further · …`` (the chapters' optional detours, see the
course's style guide) keeps its heading and puts its body in a ``<details class="going-further">``
element with a *Show · dikhao* control; the script opens it when the address's ``#fragment``
points at the section or at anything inside it (a link, the page's table of contents).

**Language notebooks.** Next to the chapter's own Colab badge (its title cell), the page gets
the two badges of the English-only and Hinglish-only notebooks (``scripts/language_notebooks.py``;
the address comes from the title badge's by ``language_modes.language_colab_url``).

**Offline.** The Colab badge image of each chapter's title cell points at colab.research.google
.com; the built pages use a local copy (``_static/colab-badge.svg``) so a page requests nothing
from the network (the badge's link still opens Colab).
"""

from __future__ import annotations

import hashlib
import html
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_nb.sphinx_ import SphinxNbRenderer
from sphinx.application import Sphinx

if str(Path(__file__).resolve().parent) not in sys.path:  # language_modes.py sits next to us
    sys.path.insert(0, str(Path(__file__).resolve().parent))
import language_modes as rule  # noqa: E402

HINGLISH_TAG = rule.HINGLISH_TAG
"""The cell tag that marks a Hinglish cell."""

HINGLISH_CLASS = "hinglish"
"""The CSS class given to the container around a Hinglish cell."""

RETOLD_CLASS = "hinglish-retold"
"""The CSS class of a container around English prose that Hinglish mode hides."""

KEPT_CLASS = "hinglish-kept"
"""The CSS class of retold English that every mode shows (an exercises section's prompts)."""

GOING_FURTHER_CLASS = "going-further"
"""The CSS class of a ``Going further · …`` section and of the ``<details>`` around its body."""

STATIC_DIR = Path(__file__).resolve().parent.parent / "_static"
"""book/_static: the switch's script and styles (added to every page by this extension)."""

COLAB_BADGE_URL = "https://colab.research.google.com/assets/colab-badge.svg"
"""The badge image of the chapters' title cells; pages use ``_static/colab-badge.svg``."""

LANGUAGE_BADGES = {
    rule.ENGLISH: ("colab-badge-english.svg", "Open in Colab: English only"),
    rule.HINGLISH: ("colab-badge-hinglish.svg", "Open in Colab: sirf Hinglish"),
}
"""The badge images (in book/_static) and alt texts of the language notebooks."""
_STATIC_PLACEHOLDER = "hinglish-static:"  # img src of our own images, made relative per page

# Nodes that may sit between hidden paragraphs without breaking a run.
_INVISIBLE = (nodes.target, nodes.comment, nodes.substitution_definition)

_RenderMethod = Callable[[SphinxNbRenderer, SyntaxTreeNode], None]
_PATCHED_FLAG = "_hinglish_wrapped"


def is_hinglish_cell(metadata: Any) -> bool:
    """Return True when a cell's metadata carries the ``hinglish`` tag (any letter case).

    Case-insensitive like ``tests/test_notebooks.py``; tolerates missing or malformed metadata
    (no ``tags``, ``tags`` as a single string, non-string tags).
    """
    return rule.is_hinglish_cell(metadata)


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


# --------------------------------------------------------------------------- the rule, applied

Locate = Callable[[int], tuple[int, int]]
"""A node's source line → (cell index, line inside the cell, 0-based)."""


def notebook_line(line: int) -> tuple[int, int]:
    """myst-nb's line of a notebook node → (cell, line in the cell): cell i starts at
    ``(i + 1) * 10000 + 1`` (``myst_nb.core.nb_to_tokens``), and docutils counts from 1."""
    offset = line - 2
    return offset // 10000 - 1, offset % 10000


def page_line(line: int) -> tuple[int, int]:
    """A Markdown page's node line (1-based) → (0, line, 0-based)."""
    return 0, line - 1


def _status(node: nodes.Node, plan: rule.Plan, locate: Locate) -> str | None:
    """RETOLD_CLASS, KEPT_CLASS or None for a top-level node, from the rule's plan."""
    line = getattr(node, "line", None)
    if not isinstance(node, nodes.Element) or isinstance(node, (nodes.title, nodes.section)):
        return None
    if isinstance(node, nodes.container) and {RETOLD_CLASS, KEPT_CLASS} & set(node["classes"]):
        return None  # already wrapped
    if not line or isinstance(node, _INVISIBLE):
        return None
    found = plan.role_at(*locate(line))
    if found is None:
        return None
    block, role = found
    if block.kind != rule.PROSE or role.retold_by is None:
        return None
    return RETOLD_CLASS if rule.HINGLISH in role.hidden_in else KEPT_CLASS


def mark_retold_prose(doctree: nodes.Node, plan: rule.Plan, locate: Locate) -> int:
    """Wrap each run of the prose the rule marks as retold: in a ``hinglish-retold`` container
    (hidden in Hinglish mode) or a ``hinglish-kept`` one (retold, shown in every mode).

    Returns how many containers were added.  Idempotent: a wrapped run is a container, which
    the rule's plan does not mark, so a second pass adds nothing.
    """
    added = 0
    for parent in [doctree, *doctree.findall(nodes.section)]:
        runs: list[tuple[str, list[nodes.Node]]] = []
        current: list[nodes.Node] = []
        current_status = ""
        for node in list(parent.children):
            status = _status(node, plan, locate)
            if status is not None and (not current or status == current_status):
                current.append(node)
                current_status = status
                continue
            if status is None and current and isinstance(node, _INVISIBLE):
                current.append(node)
                continue
            if current:
                runs.append((current_status, current))
            current, current_status = ([node], status) if status is not None else ([], "")
        if current:
            runs.append((current_status, current))
        for status, run in runs:
            while isinstance(run[-1], _INVISIBLE):  # an invisible node belongs to what follows
                run.pop()
            wrapper = nodes.container(classes=[status])
            wrapper.source, wrapper.line = run[0].source, run[0].line
            parent.insert(parent.index(run[0]), wrapper)
            for node in run:
                parent.remove(node)
                wrapper.append(node)
            added += 1
    return added


def _summary_html() -> str:
    def both(english: str, hinglish: str) -> str:
        return (
            f'<span class="english-text">{english}</span><span class="language-separator">'
            f' · </span><span class="hinglish-text">{hinglish}</span>'
        )

    return (
        f'<details class="{GOING_FURTHER_CLASS}"><summary>'
        f'<span class="going-further-show">{both("Show this section", "yeh section dikhao")}'
        f'</span><span class="going-further-hide">{both("Hide", "chhupao")}</span>'
        "</summary>\n"
    )


def mark_going_further(doctree: nodes.Node) -> int:
    """Put the body of each ``Going further · …`` section in a collapsed ``<details>``.

    The heading stays outside, so the page's table of contents and links still find it.
    Returns how many sections were collapsed (idempotent).
    """
    collapsed = 0
    for section in list(doctree.findall(nodes.section)):
        title = section[0] if section.children else None
        if not isinstance(title, nodes.title) or GOING_FURTHER_CLASS in section["classes"]:
            continue
        if not rule.is_going_further_heading(title.astext()):
            continue
        section["classes"].append(GOING_FURTHER_CLASS)
        section.insert(1, nodes.raw("", _summary_html(), format="html"))
        section.append(nodes.raw("", "</details>\n", format="html"))
        collapsed += 1
    return collapsed


def add_language_badges(doctree: nodes.Node) -> int:
    """After the first Colab badge of a chapter, add its English-only and Hinglish-only badges."""
    for reference in doctree.findall(nodes.reference):
        url = reference.get("refuri", "")
        if not rule.find_colab_urls(url) or not any(
            isinstance(child, nodes.image) for child in reference.findall(nodes.image)
        ):
            continue
        parent = reference.parent
        position = parent.index(reference) + 1
        for mode, (image, alt) in LANGUAGE_BADGES.items():
            target = html.escape(rule.language_colab_url(url, mode), quote=True)
            badge = (
                f' <a class="reference external language-notebook" href="{target}">'
                f'<img alt="{html.escape(alt, quote=True)}" '
                f'src="{_STATIC_PLACEHOLDER}{image}" /></a>'
            )
            parent.insert(position, nodes.raw("", badge, format="html"))
            position += 1
        return 2
    return 0


def _plan_for(app: Sphinx, docname: str) -> tuple[rule.Plan, Locate] | None:
    path = Path(app.env.doc2path(docname))
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        if notebook.get("metadata", {}).get("source_map"):
            return None  # a text notebook converted by myst-nb: lines are not cell-based
        return rule.plan_notebook(notebook.get("cells", [])), notebook_line
    if path.suffix == ".md":
        return rule.plan_page(path.read_text(encoding="utf-8")), page_line
    return None


def _on_doctree_read(app: Sphinx, doctree: nodes.document) -> None:
    found = _plan_for(app, app.env.docname)
    if found is not None:
        mark_retold_prose(doctree, *found)
        if found[1] is notebook_line:
            add_language_badges(doctree)
    mark_going_further(doctree)


def _rule_digest() -> str:
    """A fingerprint of the rule and of this extension: when either changes, every page's marks
    are stale, even on pages whose own source did not change."""
    here = Path(__file__).resolve().parent
    files = (here / "language_modes.py", here / "hinglish.py")
    return hashlib.sha256(b"".join(path.read_bytes() for path in files)).hexdigest()


def _on_env_get_outdated(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Re-read every page after a change of the rule (an incremental `make book` would
    otherwise keep the old marks on unchanged chapters)."""
    digest = _rule_digest()
    if getattr(env, "hinglish_rule_digest", None) == digest:
        return []
    env.hinglish_rule_digest = digest
    return sorted(env.found_docs - added - removed)


def _on_builder_inited(app: Sphinx) -> None:
    """Serve book/_static (the switch's files) even when the config does not list it."""
    static_paths = [str(Path(app.confdir, path).resolve()) for path in app.config.html_static_path]
    if str(STATIC_DIR) not in static_paths:
        app.config.html_static_path.append(str(STATIC_DIR))


def _on_page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Point the badge images at the book's own copies (nothing loads from the network)."""
    body = context.get("body")
    if not isinstance(body, str):
        return
    if COLAB_BADGE_URL in body:
        local = context["pathto"]("_static/colab-badge.svg", 1)
        body = body.replace(f'src="{COLAB_BADGE_URL}"', f'src="{local}"')
    for image, _ in LANGUAGE_BADGES.values():
        placeholder = f'src="{_STATIC_PLACEHOLDER}{image}"'
        if placeholder in body:
            body = body.replace(placeholder, f'src="{context["pathto"](f"_static/{image}", 1)}"')
    context["body"] = body


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension (idempotent: several Sphinx apps may run in one process)."""
    app.setup_extension("myst_nb")
    current = SphinxNbRenderer.render_nb_cell_markdown
    if not getattr(current, _PATCHED_FLAG, False):
        SphinxNbRenderer.render_nb_cell_markdown = _wrap_render(current)  # type: ignore[method-assign]
    app.connect("builder-inited", _on_builder_inited)
    app.connect("env-get-outdated", _on_env_get_outdated)
    app.connect("doctree-read", _on_doctree_read)
    app.connect("html-page-context", _on_page_context)
    app.add_css_file("hinglish.css")
    app.add_js_file("hinglish.js")
    return {"version": "3.0", "parallel_read_safe": True, "parallel_write_safe": True}
