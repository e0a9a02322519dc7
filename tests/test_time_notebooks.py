"""scripts/time_notebooks.py writes the timing report (its format, not its timings).

The report's numbers are measurements of a machine, so nothing here asserts a duration: these
tests run the script on two tiny notebooks (no TensorFlow) and check what it records.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import nbformat
import pytest

from .conftest import ROOT, notebook_seconds


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "time_notebooks", ROOT / "scripts" / "time_notebooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def write_notebook(path: Path, *sources: str) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def script() -> ModuleType:
    return load_script()


def test_report_rows_for_a_passing_and_a_failing_notebook(
    script: ModuleType, tmp_path: Path
) -> None:
    good = write_notebook(tmp_path / "01_good.ipynb", "x = bytearray(50 * 2**20)", "print(len(x))")
    bad = write_notebook(tmp_path / "02_bad.ipynb", "print('start')", "assert 1 == 2, 'checkpoint'")
    report = tmp_path / "times.md"
    assert script.main([str(good), str(bad), "--report", str(report)]) == 0
    text = report.read_text(encoding="utf-8")
    row = re.search(r"^\| 01_good \| (\d+) \| (\d+) \| (\d+) \| yes \|", text, re.MULTILINE)
    assert row, text
    assert int(row[3]) >= 50, "the peak must include the kernel's 50 MiB"
    assert re.search(
        r"^\| 02_bad \| .*\*\*failed\*\* \(AssertionError: checkpoint\)", text, re.MULTILINE
    ), text
    assert "- Over budget: 02_bad" in text
    assert "Machine:" in text and "Written:" in text
    # the conftest reads the same table to hand out the longest notebooks first
    assert set(notebook_seconds(report)) == {"01_good.ipynb", "02_bad.ipynb"}


def test_a_partial_run_keeps_the_other_rows(script: ModuleType, tmp_path: Path) -> None:
    report = tmp_path / "times.md"
    rows = {"09_old": "| 09_old | 300 | 250 | 900 | **no** | 2026-01-01 |"}
    script.write_report(report, rows, "network cut")
    good = write_notebook(tmp_path / "01_good.ipynb", "print('hi')")
    script.main([str(good), "--report", str(report)])
    text = report.read_text(encoding="utf-8")
    assert "| 09_old | 300 |" in text and "| 01_good |" in text
    assert "- Over budget: 09_old" in text


def test_bad_arguments_say_what_is_accepted(
    script: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        script.main([str(tmp_path / "missing.ipynb")])
    assert stop.value.code == 2
    assert "give notebooks/NN_*.ipynb" in capsys.readouterr().err


def test_the_committed_report_lists_every_chapter() -> None:
    chapters = {p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]*_*.ipynb")}
    measured = set(notebook_seconds())
    assert chapters <= measured, f"run `make time-notebooks` for {sorted(chapters - measured)}"
