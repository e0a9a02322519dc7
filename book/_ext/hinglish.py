"""Sphinx extension: give notebook markdown cells tagged ``hinglish`` the CSS class ``hinglish``.

Every English explanation in the course is followed by a markdown cell tagged ``hinglish``
(cell metadata ``{"tags": ["hinglish"]}``).  Jupyter Book 1 does not turn tags on *markdown*
cells into CSS classes: myst-nb 1.4 renders a markdown cell as a pass-through (see
``MditRenderMixin.render_nb_cell_markdown``), so the cell's nodes land directly in the page and
its metadata is dropped.  The metadata exists only while the page is rendered, on the
``nb_cell_markdown`` token that myst-nb hands to that method.

This extension therefore wraps ``SphinxNbRenderer.render_nb_cell_markdown``: a cell whose tags
contain ``hinglish`` is rendered inside a docutils ``container`` node with the class
``hinglish``, which the HTML writer emits as ``<div class="hinglish docutils container">``.
``book/_static/hinglish.css`` styles that class.  Untagged cells render exactly as before.
A heading inside a tagged cell becomes a rubric (a heading that is not a section), because
sections cannot live inside a container; Hinglish cells should not start new sections anyway.

Markdown pages (``.md``) get the same look with the ``container`` directive::

    ```{container} hinglish
    **Hinglish mein:** ...
    ```
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from docutils import nodes
from markdown_it.tree import SyntaxTreeNode
from myst_nb.sphinx_ import SphinxNbRenderer
from sphinx.application import Sphinx

HINGLISH_TAG = "hinglish"
"""The cell tag that marks a Hinglish cell."""

HINGLISH_CLASS = "hinglish"
"""The CSS class given to the container around a Hinglish cell."""

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


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension (idempotent: several Sphinx apps may run in one process)."""
    app.setup_extension("myst_nb")
    current = SphinxNbRenderer.render_nb_cell_markdown
    if not getattr(current, _PATCHED_FLAG, False):
        SphinxNbRenderer.render_nb_cell_markdown = _wrap_render(current)  # type: ignore[method-assign]
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
