"""The course book builds, has a page for every toc entry, and styles the Hinglish cells.

The book is built with notebook execution turned off: `make test` already executes every
notebook through nbval, and executing them again here would double the CI time. The build
uses a temporary copy of book.yml that differs only in `execute_notebooks: "off"` (and an
absolute path to the local extension), and writes into a temporary folder, so nothing in the
checkout changes.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("jupyter_book", reason="the book extra is not installed (uv sync --extra book)")
yaml = pytest.importorskip("yaml")

REPO_ROOT = Path(__file__).resolve().parents[1]
BOOK_CONFIG = REPO_ROOT / "book.yml"
BOOK_TOC = REPO_ROOT / "book" / "_toc.yml"
EXTENSION_FILE = REPO_ROOT / "book" / "_ext" / "hinglish.py"
HINGLISH_DIV = '<div class="hinglish docutils container">'
# Sphinx log lines that mean the build is broken ("path:line: ERROR: ..." or "ERROR: ...").
ERROR_LINE = re.compile(r"(^|: )(ERROR|CRITICAL|SEVERE)\b")
WARNING_LINE = re.compile(r"(^|: )WARNING\b")
ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
BUILD_TIMEOUT_S = 300


def toc_docnames() -> list[str]:
    """Every document the toc lists (root first), as paths relative to the repo root."""
    from sphinx_external_toc.parsing import parse_toc_yaml

    site_map = parse_toc_yaml(BOOK_TOC)
    root = site_map.root.docname
    return [root] + sorted(name for name in site_map if name != root)


def load_extension() -> ModuleType:
    """Import book/_ext/hinglish.py (book/_ext is not a package)."""
    spec = importlib.util.spec_from_file_location("hinglish", EXTENSION_FILE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_build_config(destination: Path) -> Path:
    """Write book.yml with execution off and the local extension's path made absolute."""
    config: dict[str, Any] = yaml.safe_load(BOOK_CONFIG.read_text(encoding="utf-8"))
    config.setdefault("execute", {})["execute_notebooks"] = "off"
    local_extensions = config.get("sphinx", {}).get("local_extensions") or {}
    for name, path in local_extensions.items():
        local_extensions[name] = str((BOOK_CONFIG.parent / path).resolve())
    path = destination / "book.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def build_book(source: Path, config: Path, toc: Path, output: Path) -> tuple[Path, str]:
    """Run `jupyter-book build` as `make book` does; return the HTML folder and the log."""
    command = [
        sys.executable,
        "-c",
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(source),
        "--config",
        str(config),
        "--toc",
        str(toc),
        "--path-output",
        str(output),
    ]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    result = subprocess.run(
        command,
        cwd=source,
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT_S,
        check=False,
    )
    log = ANSI_ESCAPE.sub("", result.stdout + result.stderr)
    assert result.returncode == 0, f"jupyter-book build failed:\n{log[-5000:]}"
    errors = [line for line in log.splitlines() if ERROR_LINE.search(line)]
    assert not errors, "Sphinx errors:\n" + "\n".join(errors)
    for line in log.splitlines():
        if WARNING_LINE.search(line):
            warnings.warn(f"book build: {line}", stacklevel=2)
    return output / "_build" / "html", log


def hinglish_markdown_cells(notebook: Path) -> int:
    """How many non-empty markdown cells of a notebook are tagged `hinglish`."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    count = 0
    for cell in cells:
        tags = [tag.lower() for tag in cell.get("metadata", {}).get("tags", [])]
        removed = "remove-cell" in tags or "remove_cell" in tags  # myst-nb drops these
        if cell["cell_type"] == "markdown" and "hinglish" in tags and not removed:
            count += bool("".join(cell["source"]).strip())
    return count


@pytest.fixture(scope="module")
def book_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book (every page in book/_toc.yml), built once for this module."""
    workdir = tmp_path_factory.mktemp("book")
    html, _ = build_book(REPO_ROOT, write_build_config(workdir), BOOK_TOC, workdir / "out")
    return html


@pytest.mark.parametrize("docname", toc_docnames())
def test_every_toc_entry_has_a_page(book_html: Path, docname: str) -> None:
    assert (book_html / f"{docname}.html").is_file(), f"no HTML page for toc entry {docname}"


def test_index_and_glossary(book_html: Path) -> None:
    assert (book_html / "index.html").is_file()
    glossary = (book_html / "book" / "glossary.html").read_text(encoding="utf-8")
    terms = set(re.findall(r'<dt id="term-([^"]+)"', glossary))
    assert {"gradient", "loss", "overfitting", "LSTM", "IoU"} <= terms
    assert len(terms) >= 40


def test_hinglish_cells_carry_the_class(book_html: Path) -> None:
    """Each markdown cell tagged `hinglish` becomes one <div class="hinglish ...">."""
    assert (book_html / "_static" / "hinglish.css").is_file()
    for docname in toc_docnames():
        page = (book_html / f"{docname}.html").read_text(encoding="utf-8")
        assert "_static/hinglish.css" in page, f"{docname}: hinglish.css not linked"
        notebook = REPO_ROOT / f"{docname}.ipynb"
        if notebook.is_file():
            expected = hinglish_markdown_cells(notebook)
            assert page.count(HINGLISH_DIV) == expected, (
                f"{docname}: {expected} cells tagged hinglish, "
                f"{page.count(HINGLISH_DIV)} Hinglish boxes in the HTML"
            )


def test_sample_notebook_hinglish_box(tmp_path: Path) -> None:
    """End to end on a two-cell notebook, independent of which chapters exist yet."""
    nbformat = pytest.importorskip("nbformat")
    source = tmp_path / "src"
    shutil.copytree(REPO_ROOT / "book" / "_static", source / "book" / "_static")
    notebook = nbformat.v4.new_notebook(
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        }
    )
    notebook.cells = [
        nbformat.v4.new_markdown_cell("# Sample\n\nThe gradient points uphill."),
        nbformat.v4.new_markdown_cell(
            "**Hinglish mein:** gradient upar ki taraf point karta hai.",
            metadata={"tags": ["hinglish"]},
        ),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("Another English cell.", metadata={"tags": ["other"]}),
    ]
    nbformat.write(notebook, source / "sample.ipynb")
    toc = source / "_toc.yml"
    toc.write_text("format: jb-book\nroot: sample\n", encoding="utf-8")

    html, _ = build_book(source, write_build_config(tmp_path), toc, tmp_path / "out")

    page = (html / "sample.html").read_text(encoding="utf-8")
    boxes = re.findall(re.escape(HINGLISH_DIV) + r"(.*?)</div>", page, flags=re.DOTALL)
    assert len(boxes) == 1
    assert "gradient upar ki taraf" in boxes[0]
    assert "uphill" not in boxes[0]
    assert "Another English cell." in page
    assert "Another English cell." not in boxes[0]


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [
        ({"tags": ["hinglish"]}, True),
        ({"tags": ["remove-input", "hinglish"]}, True),
        ({"tags": "hinglish"}, True),
        ({"tags": ["Hinglish"]}, True),
        ({"tags": [3, "hinglish"]}, True),
        ({"tags": ["Hinglish-notes"]}, False),
        ({"tags": []}, False),
        ({"tags": None}, False),
        ({"jupyter": {"source_hidden": True}}, False),
        ({}, False),
        (None, False),
    ],
)
def test_is_hinglish_cell(metadata: dict[str, Any] | None, expected: bool) -> None:
    pytest.importorskip("myst_nb")
    assert load_extension().is_hinglish_cell(metadata) is expected


class _FakeApp:
    """Just enough of sphinx.application.Sphinx for the extension's setup()."""

    def setup_extension(self, name: str) -> None:
        assert name == "myst_nb"


def test_setup_wraps_the_renderer_once(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("myst_nb")
    from myst_nb.sphinx_ import SphinxNbRenderer

    original = SphinxNbRenderer.render_nb_cell_markdown
    monkeypatch.setattr(SphinxNbRenderer, "render_nb_cell_markdown", original)
    extension = load_extension()
    metadata = extension.setup(_FakeApp())
    wrapped = SphinxNbRenderer.render_nb_cell_markdown
    assert wrapped is not original
    assert metadata["parallel_read_safe"]
    extension.setup(_FakeApp())  # a second Sphinx app in the same process
    assert SphinxNbRenderer.render_nb_cell_markdown is wrapped
