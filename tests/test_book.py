"""The course book builds, has a page for every toc entry, and styles the Hinglish cells.

The book is built with notebook execution turned off: `make test` already executes every
notebook through nbval, and executing them again here would double the CI time. The build
uses a temporary copy of book.yml that differs only in `execute_notebooks: "off"` (and an
absolute path to the local extension), and writes into a temporary folder, so nothing in the
checkout changes.
"""

from __future__ import annotations

import contextlib
import html.parser
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterator
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
RETOLD_DIV = '<div class="hinglish-retold docutils container">'
KEPT_DIV = '<div class="hinglish-kept docutils container">'
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


def load_language_modes() -> ModuleType:
    """book/_ext/language_modes.py, the rule of what each language mode shows: the module the
    extension imports (Sphinx puts book/_ext on the path; so do we)."""
    folder = str(REPO_ROOT / "book" / "_ext")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    return importlib.import_module("language_modes")


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


@contextlib.contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_path`` (POSIX); elsewhere, no lock (each worker builds)."""
    try:
        import fcntl
    except ImportError:  # Windows: no fcntl; the worst case is a second build, not a wrong one
        yield
        return
    with lock_path.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_build(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], Path]
) -> Path:
    """Run ``build(workdir)`` once per test session, even across pytest-xdist workers.

    Every worker of a session shares the parent of its own temporary folder; the first worker
    to take the lock builds there, the others wait and reuse the HTML. With the environment
    variable BOOK_TEST_REUSE_DIR set, the builds live there and are reused by later sessions
    too (for work on the book's script and styles; delete the folder after a content change).
    """
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    if os.environ.get("BOOK_TEST_REUSE_DIR"):  # while working on book/_static: keep the builds
        root = Path(os.environ["BOOK_TEST_REUSE_DIR"])  # across runs (delete it to rebuild)
        root.mkdir(parents=True, exist_ok=True)
    workdir = root / f"shared-{name}"
    done = root / f"shared-{name}.done"
    with _exclusive(root / f"shared-{name}.lock"):
        if done.is_file():
            return Path(done.read_text(encoding="utf-8"))
        if workdir.exists():  # a build that failed earlier in this session: try again
            shutil.rmtree(workdir)
        workdir.mkdir(parents=True)
        html = build(workdir)
        done.write_text(str(html), encoding="utf-8")
        return html


@pytest.fixture(scope="session")
def book_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real book (every page in book/_toc.yml), built once per test session."""

    def build(workdir: Path) -> Path:
        return build_book(REPO_ROOT, write_build_config(workdir), BOOK_TOC, workdir / "out")[0]

    return shared_build(tmp_path_factory, "book", build)


@pytest.mark.parametrize("docname", toc_docnames())
def test_every_toc_entry_has_a_page(book_html: Path, docname: str) -> None:
    assert (book_html / f"{docname}.html").is_file(), f"no HTML page for toc entry {docname}"


def test_index_and_glossary(book_html: Path) -> None:
    assert (book_html / "index.html").is_file()
    glossary = (book_html / "book" / "glossary.html").read_text(encoding="utf-8")
    terms = set(re.findall(r'<dt id="term-([^"]+)"', glossary))
    assert {"gradient", "loss", "overfitting", "LSTM", "IoU"} <= terms
    assert len(terms) >= 40


def chapter_docnames() -> list[str]:
    """The toc entries that are notebooks."""
    return [name for name in toc_docnames() if (REPO_ROOT / f"{name}.ipynb").is_file()]


def test_hinglish_cells_carry_the_class(book_html: Path) -> None:
    """Each markdown cell tagged `hinglish` becomes one <div class="hinglish ...">."""
    assert (book_html / "_static" / "hinglish.css").is_file()
    for docname in toc_docnames():
        page = (book_html / f"{docname}.html").read_text(encoding="utf-8")
        assert "_static/hinglish.css" in page, f"{docname}: hinglish.css not linked"
        assert "_static/hinglish.js" in page, f"{docname}: the language switch is not loaded"
        notebook = REPO_ROOT / f"{docname}.ipynb"
        if notebook.is_file():
            expected = hinglish_markdown_cells(notebook)
            assert page.count(HINGLISH_DIV) == expected, (
                f"{docname}: {expected} cells tagged hinglish, "
                f"{page.count(HINGLISH_DIV)} Hinglish boxes in the HTML"
            )


def test_every_hinglish_box_retells_some_english(book_html: Path) -> None:
    """By the course's rule each Hinglish cell follows the English it retells, so in every
    chapter each box has marked English prose between it and the previous box or heading
    (hidden in Hinglish mode, or kept there when it is an exercise prompt)."""
    boundary = re.compile(re.escape(HINGLISH_DIV) + r"|<h[1-6][ >]")
    for docname in chapter_docnames():
        page = (book_html / f"{docname}.html").read_text(encoding="utf-8")
        article = page[page.index('<article class="bd-article">') :]
        pieces = boundary.split(article)
        markers = boundary.findall(article)
        lonely = [
            pieces[i + 1][:120].strip()
            for i, marker in enumerate(markers)
            if marker == HINGLISH_DIV and RETOLD_DIV not in pieces[i] and KEPT_DIV not in pieces[i]
        ]
        assert not lonely, f"{docname}: Hinglish boxes with no English before them: {lonely}"


class _Regions(html.parser.HTMLParser):
    """The text of a page's article, split by the language marks of the extension: ``retold``
    (inside div.hinglish-retold), ``kept`` (div.hinglish-kept), ``hinglish`` and ``other``."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "source", "wbr", "col", "area"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {"retold": [], "kept": [], "hinglish": [], "other": []}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        region = next(
            (
                name
                for name, css in (("retold", "hinglish-retold"), ("kept", "hinglish-kept"))
                if tag == "div" and css in classes
            ),
            "hinglish" if tag == "div" and "hinglish" in classes else "",
        )
        self.stack.append(region or (self.stack[-1] if self.stack else "other"))

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text[self.stack[-1] if self.stack else "other"].append(data)


def page_regions(page: str) -> dict[str, str]:
    article = page[page.index('<article class="bd-article">') : page.index("</article>")]
    parser = _Regions()
    parser.feed(article)
    return {name: _normal(" ".join(parts)) for name, parts in parser.text.items()}


def _normal(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return " ".join(text.replace("\u201d", '"').replace("\u2026", "...").split()).lower()


_PLAIN = re.compile(r"^[A-Za-z]+[,.;:]?$")


def plain_probe(markdown: str) -> str | None:
    """The longest run (>= 5) of plain words of one Markdown block, as a page shows it."""
    best: list[str] = []
    for line in markdown.splitlines():
        run: list[str] = []
        for token in re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", line).split() + [""]:
            if _PLAIN.match(token):
                run.append(token)
                continue
            best = max(best, run, key=len)
            run = []
    return " ".join(best).lower() if len(best) >= 5 else None


def test_the_book_hides_exactly_what_the_rule_hides(book_html: Path) -> None:
    """The pages carry the rule's decisions (book/_ext/language_modes.py, the module the
    language notebooks use too): each block of English prose that Hinglish mode hides is in a
    hinglish-retold container, each retold exercise prompt in a hinglish-kept one, and no
    English that the rule shows in Hinglish mode is marked hidden."""
    rule = load_language_modes()
    checked = 0
    for docname in [*chapter_docnames(), "book/glossary"]:
        page = (book_html / f"{docname}.html").read_text(encoding="utf-8")
        regions = page_regions(page)
        source = REPO_ROOT / f"{docname}.ipynb"
        if source.is_file():
            plan = rule.plan_notebook(json.loads(source.read_text(encoding="utf-8"))["cells"])
        else:
            plan = rule.plan_page((REPO_ROOT / f"{docname}.md").read_text(encoding="utf-8"))
        everything = " ".join(regions.values())
        hidden = {id(b) for b in plan.hidden(rule.HINGLISH)}
        kept = {id(b) for b in plan.retold_but_kept()}
        for block in plan.blocks:
            probe = plain_probe(block.text) if block.kind == rule.PROSE else None
            if probe is None or everything.count(probe) != 1:
                continue  # no unique phrase of plain words to look for
            where = "retold" if id(block) in hidden else "kept" if id(block) in kept else "other"
            found = [name for name, text in regions.items() if probe in text]
            assert found == [where], f"{docname}: {probe!r} is in {found}, the rule says {where}"
            checked += 1
    assert checked > 300, checked


def test_pages_load_nothing_from_the_network(book_html: Path) -> None:
    """MathJax comes from the book (_static/mathjax), so does the Colab badge: no script,
    stylesheet or image of any page points at http(s)."""
    assert (book_html / "_static" / "mathjax" / "tex-chtml.js").is_file()
    external = re.compile(r'<(?:script|img|link|audio|source|iframe)\b[^>]*\b(?:src|href)="https?:')
    for page in book_html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for match in external.finditer(text):
            tag = match.group(0)
            if tag.startswith("<link") and 'rel="stylesheet"' not in tag and "preload" not in tag:
                continue  # <link rel="canonical"> and friends are not requests
            pytest.fail(f"{page.relative_to(book_html)} loads from the network: {tag}")
    chapter = (book_html / "notebooks" / "07_yolo.html").read_text(encoding="utf-8")
    assert '_static/mathjax/tex-chtml.js"' in chapter
    assert "colab-badge.svg" in chapter


@pytest.mark.parametrize("docname", chapter_docnames())
def test_download_and_colab_buttons(book_html: Path, docname: str) -> None:
    """The download button serves this chapter's notebook; Open in Colab opens it on GitHub."""
    config = yaml.safe_load(BOOK_CONFIG.read_text(encoding="utf-8"))
    repository = config["repository"]
    page_path = book_html / f"{docname}.html"
    page = page_path.read_text(encoding="utf-8")

    download = re.search(r'<a href="([^"]+)"[^>]*btn-download-source-button', page, re.DOTALL)
    assert download, f"{docname}: no download button"
    served = (page_path.parent / download.group(1)).resolve()
    assert served.is_file(), f"{docname}: the download button points at a missing file"
    assert served.name == f"{Path(docname).name}.ipynb"
    source = json.loads((REPO_ROOT / f"{docname}.ipynb").read_text(encoding="utf-8"))
    assert json.loads(served.read_text(encoding="utf-8"))["cells"] == source["cells"]

    url = repository["url"].rstrip("/").removeprefix("https://github.com/")
    path_to_book = (repository.get("path_to_book") or "").strip("/")
    path = f"{path_to_book}/{docname}" if path_to_book else docname
    colab = (
        f"https://colab.research.google.com/github/{url}/blob/{repository['branch']}/{path}.ipynb"
    )
    launch = re.findall(r'href="(https://colab\.research\.google\.com/[^"]+)"', page)
    assert launch, f"{docname}: no Open-in-Colab button"
    # The chapter's own badge and button, and the badges of its English-only and Hinglish-only
    # notebooks (published on the `colab` branch, under the same path).
    rule = load_language_modes()
    language = {rule.language_colab_url(colab, mode) for mode in (rule.ENGLISH, rule.HINGLISH)}
    assert set(launch) == {colab} | language, f"{docname}: Colab links {set(launch)}"
    assert {f"{Path(docname).name}.english.ipynb", f"{Path(docname).name}.hinglish.ipynb"} == {
        url.rsplit("/", 1)[-1] for url in language
    }
    for image in ("colab-badge-english.svg", "colab-badge-hinglish.svg"):
        assert re.search(rf'<img alt="Open in Colab: [^"]+" src="[./]*_static/{image}"', page)
        assert (book_html / "_static" / image).is_file()


def test_execution_report_page(book_html: Path) -> None:
    page = (book_html / "book" / "execution.html").read_text(encoding="utf-8")
    assert "Run Time (s)" in page and "Status" in page


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


# ---------------------------------------------------------------------------------------------
# The sample book: what the real chapters (stored without outputs, built without execution)
# cannot show. One notebook is executed by a kernel; one keeps stored outputs.

SAMPLE_REPOSITORY = "https://github.com/example/sample-course"
DETOUR_TITLE = "Going further · A detour for the curious"
DETOUR_ID = "going-further-a-detour-for-the-curious"  # docutils' id for that heading
DETOUR_INNER_ID = "inner-part"


def _load_exercises_module() -> ModuleType:
    """course_utils/exercises/__init__.py on its own (importing course_utils loads TensorFlow)."""
    path = REPO_ROOT / "course_utils" / "exercises" / "__init__.py"
    spec = importlib.util.spec_from_file_location("_book_test_exercises", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building classes
    spec.loader.exec_module(module)
    return module


def _sample_notebooks(nbformat: ModuleType) -> dict[str, Any]:
    metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    }
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    hinglish = {"tags": ["hinglish"]}
    executed = nbformat.v4.new_notebook(metadata=metadata)
    executed.cells = [
        md(
            "# Sample chapter\n\n"
            "[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
            "(https://colab.research.google.com/github/example/sample-course/blob/main/sample.ipynb)"
            "\n\nThe gradient points uphill, says the first English cell."
        ),
        md("A second English cell carries on with the same idea."),
        md("**Hinglish mein:** gradient upar ki taraf point karta hai.", metadata=hinglish),
        md("## Sound\n\nA short tone plays below, in the page itself."),
        code(
            "import numpy as np\n"
            "from IPython.display import Audio\n\n"
            "rate = 8000\n"
            "t = np.arange(rate // 2) / rate\n"
            "Audio(np.sin(2 * np.pi * 440 * t), rate=rate)"
        ),
        md("The tone, as an equation that every language keeps:\n\n$$y(t) = \\sin(880 \\pi t)$$"),
        md("**Hinglish mein:** yeh 440 Hz ki tone hai.", metadata=hinglish),
        md(
            "## Untold\n\nAnother English cell, which no Hinglish cell retells.",
            metadata={"tags": ["x"]},
        ),
        code("print('the reference output, shown collapsed')", metadata={"tags": ["hide-output"]}),
    ]

    exercises = _load_exercises_module()
    exercise = exercises.Exercise(
        name="q1",
        checker=lambda answer: (
            None
            if abs(answer - 1 / 3) < 1e-6
            else exercises.Wrong("your IoU is not 1/3.", "tumhara IoU 1/3 nahi hai.")
        ),
        hint_text=("Divide the shared area by the covered area.", "Common area / total area."),
        solution_text=("`50 / 150`", "`50 / 150`"),
        reference=lambda: 1 / 3,
    )

    def shown(obj: Any) -> Any:
        data = {"text/plain": str(obj)}
        for method, mime in (("_repr_html_", "text/html"), ("_repr_markdown_", "text/markdown")):
            if hasattr(obj, method):
                data[mime] = getattr(obj, method)()
        return nbformat.v4.new_output("display_data", data=data)

    stored = nbformat.v4.new_notebook(metadata=metadata)
    check = code("ex.q1.check(0.5)\nex.q1.check(1 / 3)")
    check.outputs = [shown(exercise.evaluate(0.5)), shown(exercise.evaluate(1 / 3))]
    hint = code("ex.q1.hint()")
    hint.outputs = [shown(exercises.Text("q1", "Hint", *exercise.hint_text))]
    solution = code("print(50 / 150)", metadata={"tags": ["hide-output"]})
    solution.outputs = [nbformat.v4.new_output("stream", name="stdout", text="0.3333333333\n")]
    stored.cells = [
        md("# Stored exercise outputs\n\nCheck the answer of the first exercise."),
        md("**Hinglish mein:** pehle exercise ka answer check karo.", metadata=hinglish),
        check,
        hint,
        solution,
    ]
    detour = nbformat.v4.new_notebook(metadata=metadata)
    detour.cells = [
        md("# Detours\n\nThe main path of this page is short and ends with its summary."),
        md("**Hinglish mein:** main path chhota hai.", metadata=hinglish),
        md(
            "## Summary\n\nLinks into the detour: "
            f'<a class="to-detour" href="#{DETOUR_ID}">the detour</a> and '
            f'<a class="to-inner" href="#{DETOUR_INNER_ID}">its inner part</a>.'
        ),
        md(f"## {DETOUR_TITLE}\n\nThe first paragraph of the detour, hidden until shown."),
        code("print('the detour computes this')"),
        md("**Hinglish mein:** yeh detour optional hai.", metadata=hinglish),
        md("### Inner part\n\nThe inner part of the detour, deeper still."),
        md("## Exercises\n\n1. **Which bin?** A 1000 Hz tone sampled at 16 kHz, frames of 400."),
        md("**Hinglish mein:** pehli exercise mein bin nikalo.", metadata=hinglish),
    ]
    return {"sample": executed, "stored": stored, "detour": detour}


def build_sample_book(workdir: Path) -> Path:
    nbformat = pytest.importorskip("nbformat")
    source = workdir / "src"
    (source / "book").mkdir(parents=True)
    shutil.copytree(REPO_ROOT / "book" / "_static", source / "book" / "_static")
    shutil.copy(REPO_ROOT / "book" / "execution.md", source / "execution.md")
    for name, notebook in _sample_notebooks(nbformat).items():
        nbformat.write(notebook, source / f"{name}.ipynb")
    toc = source / "_toc.yml"
    toc.write_text(
        "format: jb-book\nroot: sample\nchapters:\n- file: stored\n- file: detour\n"
        "- file: execution\n",
        encoding="utf-8",
    )
    config_path = write_build_config(workdir)
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    config["execute"]["execute_notebooks"] = "cache"  # the kernel runs sample.ipynb (~ seconds)
    config["execute"]["exclude_patterns"] = ["stored.ipynb", "detour.ipynb"]
    config["execute"]["timeout"] = 120
    config["repository"]["url"] = SAMPLE_REPOSITORY
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    html, _ = build_book(source, config_path, toc, workdir / "out")
    return html


@pytest.fixture(scope="session")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample book (two small notebooks and the execution report), built once per session."""
    return shared_build(tmp_path_factory, "sample-book", build_sample_book)


def _divs(page: str, opening: str) -> list[str]:
    return re.findall(re.escape(opening) + r"(.*?)</div>", page, flags=re.DOTALL)


def test_sample_notebook_hinglish_box(sample_html: Path) -> None:
    """End to end on a small notebook, independent of which chapters exist yet."""
    page = (sample_html / "sample.html").read_text(encoding="utf-8")
    boxes = _divs(page, HINGLISH_DIV)
    assert len(boxes) == 2
    assert "gradient upar ki taraf" in boxes[0]
    assert "uphill" not in boxes[0]
    assert "Another English cell" in page
    assert not any("Another English cell" in box for box in boxes)


def test_sample_retold_prose_follows_the_rule(sample_html: Path) -> None:
    """The English cells since the previous Hinglish cell or heading are marked as retold;
    the Colab badge, the code, its audio output and the display equation are not."""
    page = (sample_html / "sample.html").read_text(encoding="utf-8")
    retold = " ".join(_divs(page, RETOLD_DIV))
    for text in ("points uphill", "carries on with the same idea", "A short tone plays below"):
        assert text in retold
    assert "The tone, as an equation" in retold
    for text in ("colab-badge", "<audio", "880", "Another English cell", "Sample chapter"):
        assert text not in retold, f"{text!r} is marked as retold prose"
    assert page.count(RETOLD_DIV) == 3  # [first, second cell], [Sound prose], [equation prose]


def test_sample_going_further_is_collapsed(sample_html: Path) -> None:
    """A `## Going further · …` section keeps its heading; its body (prose, code, subsections)
    sits in a closed <details> whose summary says Show / dikhao; the exercises stay whole."""
    page = (sample_html / "detour.html").read_text(encoding="utf-8")
    section = re.search(
        rf'<section class="going-further" id="{DETOUR_ID}">\s*<h2>(.*?)</h2>\s*'
        r'<details class="going-further"><summary>(.*?)</summary>(.*)</details>\s*</section>',
        page,
        re.DOTALL,
    )
    assert section, "the Going further section is not collapsed"
    title, summary, body = section.groups()
    assert "Going further · A detour for the curious" in title
    for label in ("Show this section", "yeh section dikhao", "Hide", "chhupao"):
        assert label in summary
    assert "english-text" in summary and "hinglish-text" in summary
    for inside in ("The first paragraph of the detour", "the detour computes this", "Inner part"):
        assert inside in body
    assert f'id="{DETOUR_INNER_ID}"' in body
    assert "<details" not in page.split(DETOUR_ID)[0].split("<article")[-1]  # nothing else
    exercises = page[page.index('id="exercises"') :]
    assert KEPT_DIV in exercises and "1000 Hz" in exercises


def test_sample_audio_player_kept(sample_html: Path) -> None:
    """IPython.display.Audio's output stays an <audio> player with the sound embedded."""
    page = (sample_html / "sample.html").read_text(encoding="utf-8")
    assert re.search(r"<audio\s[^>]*controls", page), "no <audio controls> in the page"
    assert 'src="data:audio/wav;base64,' in page


def test_sample_exercise_feedback_and_collapsed_output(sample_html: Path) -> None:
    page = (sample_html / "stored.html").read_text(encoding="utf-8")
    assert page.count('<div class="exercise-feedback"') == 2, "feedback HTML escaped or dropped"
    assert "your IoU is not 1/3." in page and "tumhara IoU 1/3 nahi hai." in page
    assert "<strong>Hint (q1):</strong>" in page  # the hint's Markdown is rendered, not shown raw
    # The reference solution's output is collapsed behind a toggle button (sphinx-togglebutton).
    assert re.search(r'class="[^"]*tag_hide-output[^"]*"', page)
    assert "togglebutton.js" in page


def test_sample_execution_report(sample_html: Path) -> None:
    """The report lists the executed notebook with its status and run time."""
    page = (sample_html / "execution.html").read_text(encoding="utf-8")
    rows = re.findall(r"<tr class=\"row-(?:odd|even)\">(.*?)</tr>", page, flags=re.DOTALL)
    cells = [re.findall(r"<p>(.*?)</p>", row, flags=re.DOTALL) for row in rows[1:]]
    by_doc = {re.sub(r"<[^>]+>", "", row[0]).strip(): row for row in cells if row}
    assert "sample" in by_doc, f"no row for the executed notebook: {by_doc}"
    _, _, method, run_time, status = by_doc["sample"]
    assert method == "cache"
    assert float(run_time) > 0
    assert "✅" in status


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

    def __init__(self) -> None:
        self.events: list[str] = []
        self.static_files: list[str] = []

    def setup_extension(self, name: str) -> None:
        assert name == "myst_nb"

    def connect(self, event: str, callback: Callable[..., Any]) -> None:
        self.events.append(event)

    def add_css_file(self, filename: str) -> None:
        self.static_files.append(filename)

    def add_js_file(self, filename: str) -> None:
        self.static_files.append(filename)


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


def test_setup_adds_the_switch_to_every_page() -> None:
    pytest.importorskip("myst_nb")
    app = _FakeApp()
    load_extension().setup(app)
    assert {"hinglish.css", "hinglish.js"} <= set(app.static_files)
    assert {"doctree-read", "html-page-context"} <= set(app.events)
    for name in app.static_files:
        assert (REPO_ROOT / "book" / "_static" / name).is_file()


def test_mark_retold_prose_follows_the_rule() -> None:
    """The rule's decisions land on the right nodes: a hand-made notebook page, with the line
    numbers myst-nb gives cell i ((i + 1) * 10000 + 2 + the line in the cell)."""
    pytest.importorskip("myst_nb")
    from docutils import nodes

    extension = load_extension()
    rule = load_language_modes()
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": "# Title\n\n![badge](b.svg)\n\none"},
        {"cell_type": "markdown", "metadata": {}, "source": "two\n\n| a |\n|---|\n| 1 |"},
        {"cell_type": "code", "metadata": {}, "source": "x = 1"},
        {"cell_type": "markdown", "metadata": {}, "source": "three\n\n$$y = x$$"},
        {"cell_type": "markdown", "metadata": {"tags": ["hinglish"]}, "source": "ek, do, teen"},
        {"cell_type": "markdown", "metadata": {}, "source": "## Exercises\n\nfour"},
        {"cell_type": "markdown", "metadata": {"tags": ["hinglish"]}, "source": "chaar"},
    ]

    def at(node: nodes.Element, cell: int, line: int) -> nodes.Element:
        node.line = (cell + 1) * 10000 + 2 + line
        return node

    def para(text: str, cell: int, line: int) -> nodes.paragraph:
        return at(nodes.paragraph(text, text), cell, line)

    badge = at(nodes.paragraph("", "", nodes.image(uri="b.svg")), 0, 2)
    table = at(nodes.table(), 1, 2)
    code = at(nodes.container("", nodes.literal_block("x = 1", "x = 1"), classes=["cell"]), 2, 0)
    box = at(nodes.container("", nodes.paragraph("ek", "ek"), classes=["hinglish"]), 4, 0)
    exercises = nodes.section(
        "", at(nodes.title("Exercises", "Exercises"), 5, 0), para("four", 5, 2)
    )
    section = nodes.section(
        "",
        at(nodes.title("Title", "Title"), 0, 0),
        badge,
        para("one", 0, 4),
        nodes.target(),
        para("two", 1, 0),
        table,
        code,
        para("three", 3, 0),
        at(nodes.math_block("y = x", "y = x"), 3, 2),
        box,
        exercises,
    )
    document = nodes.document(None, None)
    document += section
    plan = rule.plan_notebook(cells)

    assert extension.mark_retold_prose(document, plan, extension.notebook_line) == 3
    marked = {
        css: [
            [p.astext() for p in node.findall(nodes.paragraph)]
            for node in document.findall(nodes.container)
            if css in node["classes"]
        ]
        for css in ("hinglish-retold", "hinglish-kept")
    }
    assert marked == {"hinglish-retold": [["one", "two"], ["three"]], "hinglish-kept": [["four"]]}
    assert badge.parent is section and table.parent is section and code.parent is section
    assert extension.mark_retold_prose(document, plan, extension.notebook_line) == 0  # idempotent
    assert extension.notebook_line(30004) == (2, 2) and extension.page_line(7) == (0, 6)


def test_mark_going_further_collapses_the_section() -> None:
    pytest.importorskip("myst_nb")
    from docutils import nodes

    extension = load_extension()
    detour = nodes.section(
        "", nodes.title(DETOUR_TITLE, DETOUR_TITLE), nodes.paragraph("body", "body")
    )
    other = nodes.section("", nodes.title("1. Going nowhere", "1. Going nowhere"))
    document = nodes.document(None, None)
    document += [detour, other]
    assert extension.mark_going_further(document) == 1
    assert detour["classes"] == ["going-further"] and other["classes"] == []
    assert detour[1].astext().startswith('<details class="going-further"><summary>')
    assert detour[-1].astext().strip() == "</details>"
    assert extension.mark_going_further(document) == 0  # idempotent
