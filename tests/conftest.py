"""Shared test set-up: the repository root, a headless matplotlib, and the order of the run.

`make test` runs on two pytest-xdist workers with ``--dist loadfile``: every notebook (nbval)
and every test file stays on one worker, as a notebook's cells must share one kernel. The files
are handed out longest first (the notebooks' wall times come from
``reports/notebook_times.md``, written by ``make time-notebooks``), so neither worker is left
with a long notebook at the end while the other one idles. The two book test files share one
book build (``tests/test_book.py``'s ``shared_build``) and sit next to each other in the order.
The order changes only which worker runs what, never what runs or what passes.

Chapter 01 is executed once per run, not twice: when ``tests/test_wheel.py`` is selected and
can run (uv is there), it executes chapter 01 from the installed wheel, top to bottom, failing
on the first error as nbval does, so nbval's own execution of chapter 01 is deselected.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TIMES_REPORT = ROOT / "reports" / "notebook_times.md"

# Files that share one book build (kept together in the order), and the seconds the slow test
# files took on the course's 2-core machine (`pytest --durations`); other files count as a few.
SHARED_GROUPS = {"test_book.py": "book", "test_book_browser.py": "book"}
SLOW_TEST_FILES_S = {"book": 45.0, "test_wheel.py": 110.0}
WHEEL_CHAPTER = "01_eda_text.ipynb"  # the chapter tests/test_wheel.py executes
DEFAULT_FILE_S = 5.0


def notebook_seconds(report: Path = TIMES_REPORT) -> dict[str, float]:
    """Wall seconds per notebook file name, from the timing report (empty if there is none)."""
    if not report.is_file():
        return {}
    row = re.compile(r"^\| (\S+) \| (\d+(?:\.\d+)?) \|", re.MULTILINE)
    return {f"{m[1]}.ipynb": float(m[2]) for m in row.finditer(report.read_text("utf-8"))}


def group_of(item: pytest.Item) -> str:
    name = item.path.name
    return SHARED_GROUPS.get(name, name)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Sort the files longest first; a file's items keep their order (a notebook's cells)."""
    seconds = {**notebook_seconds(), **SLOW_TEST_FILES_S}
    first_seen: dict[str, int] = {}
    for index, item in enumerate(items):
        first_seen.setdefault(group_of(item), index)

    def key(item: pytest.Item) -> tuple[float, int, str]:
        group = group_of(item)
        return (-seconds.get(group, DEFAULT_FILE_S), first_seen[group], item.path.name)

    items.sort(key=key)  # stable: the items of one file keep their order


class LeaveChapter01ToTheWheelTest:
    """Deselect nbval's run of chapter 01 when the wheel test executes it (module docstring)."""

    @pytest.hookimpl(trylast=True)  # after -k / -m have chosen what runs
    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        uv_found = bool(os.environ.get("UV") or shutil.which("uv"))
        if not uv_found or not any(item.path.name == "test_wheel.py" for item in items):
            return
        twice = [item for item in items if item.path.name == WHEEL_CHAPTER]
        if twice:
            config.hook.pytest_deselected(items=twice)
            items[:] = [item for item in items if item.path.name != WHEEL_CHAPTER]


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(LeaveChapter01ToTheWheelTest(), "leave-chapter-01-to-the-wheel")
