"""The setup cell: the same in every chapter, one install address, and a clear message offline.

Every notebook's first code cell is the cell that CONTRIBUTING.md shows, byte for byte. On Colab it
pip-installs the course from ``COURSE`` (the only place the install address is written in a
notebook; it must match pyproject.toml's Homepage and the Colab badges), quietly and only when
``course_utils`` is missing; when pip fails it stops with two lines, English and Hinglish, instead
of a traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import nbformat
import pytest

from .conftest import NOTEBOOKS, ROOT

CHAPTERS = sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
HOMEPAGE = re.search(r'^Homepage = "([^"]+)"$', PYPROJECT, re.MULTILINE).group(1)  # type: ignore[union-attr]


def canonical_cell() -> str:
    """The setup cell as CONTRIBUTING.md shows it (the first ```python block after its title)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    after = text.split("The setup cell (the same in every chapter", 1)[1]
    block = re.search(r"```python\n(.*?)\n\s*```", after, re.DOTALL)
    assert block, "CONTRIBUTING.md shows the setup cell in a ```python block"
    lines = block.group(1).splitlines()
    indent = min(len(line) - len(line.lstrip()) for line in lines if line.strip())
    return "\n".join(line[indent:] for line in lines).strip()


def setup_cell(chapter: Path) -> str:
    nb = nbformat.read(chapter, as_version=4)
    return next(c.source for c in nb.cells if c.cell_type == "code").strip() + "\n"


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_setup_cell_is_the_one_in_contributing(chapter: Path) -> None:
    # the chapter's own imports may follow in the same cell
    assert setup_cell(chapter).startswith(canonical_cell() + "\n"), (
        f"{chapter.name}: the first code cell must start with CONTRIBUTING.md's setup cell"
    )


def test_the_install_address_is_the_repository_of_pyproject_and_the_badges() -> None:
    match = re.search(r'^COURSE = "course-utils @ git\+(\S+)"$', canonical_cell(), re.MULTILINE)
    assert match, 'the setup cell defines COURSE = "course-utils @ git+<repository>"'
    assert match.group(1) == HOMEPAGE
    owner_repo = HOMEPAGE.removeprefix("https://github.com/")
    for chapter in CHAPTERS:
        first = nbformat.read(chapter, as_version=4).cells[0].source
        assert f"colab.research.google.com/github/{owner_repo}/blob/" in first, chapter.name


HARNESS = """
import sys, types
sys.modules["google.colab"] = types.ModuleType("google.colab")  # what Colab has
if {hide!r}:
    sys.modules["course_utils"] = None  # not installed yet (find_spec answers None)
else:
    sys.path.insert(0, {fake!r})  # installed: a stand-in that needs no TensorFlow
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
sys.executable = {pip_python!r}  # a Python with pip, as on Colab
shell.run_cell(open({cell!r}, encoding="utf-8").read())
"""


@pytest.fixture(scope="module")
def python_with_pip(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A bare virtual environment with pip (ensurepip's bundled wheel: no download)."""
    target = tmp_path_factory.mktemp("pip-venv")
    venv.EnvBuilder(with_pip=True).create(target)
    return str(target / ("Scripts" if os.name == "nt" else "bin") / "python")


def run_setup_cell(tmp_path: Path, pip_python: str, hide_course_utils: bool) -> str:
    cell = tmp_path / "setup_cell.py"
    cell.write_text(canonical_cell(), encoding="utf-8")
    fake = tmp_path / "installed"
    (fake / "course_utils").mkdir(parents=True)
    (fake / "course_utils" / "__init__.py").write_text("", encoding="utf-8")
    (fake / "course_utils" / "environment.py").write_text(
        "def setup(seed):\n    print(f'setup ran with seed {seed}')\n", encoding="utf-8"
    )
    harness = HARNESS.format(
        hide=hide_course_utils, fake=str(fake), pip_python=pip_python, cell=str(cell)
    )
    env = dict(os.environ)
    # No network: every connection pip or git makes goes to a closed port.
    unreachable = "http://127.0.0.1:9"
    env.update(
        HTTP_PROXY=unreachable,
        HTTPS_PROXY=unreachable,
        http_proxy=unreachable,
        https_proxy=unreachable,
        ALL_PROXY=unreachable,
        NO_PROXY="",
        no_proxy="",
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS="",
        GIT_TERMINAL_PROMPT="0",
        GIT_CONFIG_COUNT="1",
        GIT_CONFIG_KEY_0="http.proxy",
        GIT_CONFIG_VALUE_0=unreachable,
    )
    done = subprocess.run(
        [sys.executable, "-c", harness],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return done.stdout + done.stderr  # IPython shows exceptions on stdout


def test_offline_colab_setup_prints_two_bilingual_lines_not_a_traceback(
    tmp_path: Path, python_with_pip: str
) -> None:
    out = run_setup_cell(tmp_path, python_with_pip, hide_course_utils=True)
    assert "Traceback" not in out and "CalledProcessError" not in out, out[-2000:]
    english = [line for line in out.splitlines() if "Setup failed: pip could not install" in line]
    hinglish = [line for line in out.splitlines() if "Setup fail ho gaya" in line]
    assert len(english) == 1 and len(hinglish) == 1, out[-2000:]
    assert f"course-utils @ git+{HOMEPAGE}" in english[0] and "run this cell again" in english[0]
    assert "dobara chalao" in hinglish[0]
    assert "runtime=" not in out, "the cell must stop before using course_utils"


def test_setup_cell_is_quiet_and_installs_nothing_when_course_utils_is_there(
    tmp_path: Path,
) -> None:
    # pip would fail (no network, and this Python does not exist): it must not be called
    out = run_setup_cell(tmp_path, "/nonexistent/python", hide_course_utils=False)
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines == ["setup ran with seed 42"], out[-2000:]
