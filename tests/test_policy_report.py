"""The policy report (reports/policy_runs.json and .md) holds for the notebooks as they are now.

``make test-policy`` (scripts/policy_run.py) runs chapters under a mixed dtype policy and records
each result with the sha256 of the notebook's code cells. Here: every chapter's current code has
a passing row under both mixed policies (else the test names the command that makes one), the
markdown table is the JSON rendered, and the hashing, the row writer and the runner do what the
report says they do.
"""

from __future__ import annotations

import ast
import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from .conftest import NOTEBOOKS, ROOT

SCRIPT = ROOT / "scripts" / "policy_run.py"
_spec = importlib.util.spec_from_file_location("policy_run", SCRIPT)
policy_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(policy_run)

CHAPTERS = sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))


# --- the report covers today's notebooks ------------------------------------------------------


@pytest.mark.parametrize("policy", policy_run.REQUIRED_POLICIES)
@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda p: p.stem)
def test_each_chapter_passes_under_each_mixed_policy_for_its_current_code(
    notebook: Path, policy: str
) -> None:
    name = notebook.relative_to(ROOT).as_posix()
    current = policy_run.code_hash(notebook)
    row = policy_run.load_runs(policy_run.REPORT_JSON).get((name, policy))
    if row and row["result"] == "pass" and row["code_sha256"] == current:
        return
    if row is None:
        last = "no run is recorded"
    else:
        outcome = "passed" if row["result"] == "pass" else f"failed ({row.get('error')})"
        code = "this code" if row["code_sha256"] == current else "older code"
        last = (
            f"the last run ({row['date']}, on {code}, sha256 {row['code_sha256'][:12]}) {outcome}"
        )
    pytest.fail(
        f"{name} has no passing {policy} run for its current code (sha256 {current[:12]}): "
        f'{last}. Run: make test-policy POLICY={policy} NOTEBOOKS="{name}"',
        pytrace=False,
    )


def test_the_markdown_table_is_the_json_rendered() -> None:
    markdown = policy_run.REPORT_MD.read_text(encoding="utf-8")
    assert markdown.count(policy_run.START) == 1 and markdown.count(policy_run.END) == 1
    runs = policy_run.load_runs(policy_run.REPORT_JSON)
    assert policy_run.render_markdown(markdown, runs) == markdown, (
        "reports/policy_runs.md's table differs from reports/policy_runs.json: "
        "python scripts/policy_run.py --render"
    )


def test_every_recorded_row_is_complete() -> None:
    for (name, policy), row in policy_run.load_runs(policy_run.REPORT_JSON).items():
        assert policy in policy_run.POLICIES, (name, policy)
        assert row["result"] in {"pass", "fail"}, row
        assert (row["result"] == "fail") == bool(row.get("error")), row
        assert len(row["code_sha256"]) == 64 and int(row["code_sha256"], 16) >= 0, row
        for field in ("date", "wall_s", "python", "tensorflow", "keras", "machine"):
            assert row.get(field) is not None, (name, policy, field)


def test_the_script_forces_only_policies_the_course_knows() -> None:
    # read from the source: importing course_utils imports TensorFlow (~10 s)
    source = (ROOT / "course_utils" / "precision.py").read_text(encoding="utf-8")
    constants = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(source).body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id in {"KNOWN_POLICIES", "POLICY_ENV_VAR"}
    }  # fmt: skip
    KNOWN_POLICIES, POLICY_ENV_VAR = constants["KNOWN_POLICIES"], constants["POLICY_ENV_VAR"]
    assert set(policy_run.POLICIES) <= set(KNOWN_POLICIES)
    assert set(policy_run.REQUIRED_POLICIES) <= set(policy_run.POLICIES)
    assert policy_run.POLICY_ENV_VAR == POLICY_ENV_VAR


# --- what the hash covers ---------------------------------------------------------------------


def _notebook() -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Chapter\n\nEnglish prose."),
        nbformat.v4.new_markdown_cell(
            "Hinglish mein: yeh prose hai.", metadata={"tags": ["hinglish"]}
        ),
        nbformat.v4.new_code_cell("import math\nx = math.sqrt(2)"),
        nbformat.v4.new_code_cell("EPOCHS = 5\nassert x > 1.4, x"),
    ]
    return nb


def _hash(nb: nbformat.NotebookNode, tmp_path: Path) -> str:
    path = tmp_path / f"nb{len(list(tmp_path.iterdir()))}.ipynb"
    nbformat.write(nb, path)
    return policy_run.code_hash(path)


def test_prose_outputs_and_metadata_do_not_change_the_hash(tmp_path: Path) -> None:
    nb = _notebook()
    before = _hash(nb, tmp_path)
    edited = copy.deepcopy(nb)
    edited.cells[0].source = "# Chapter\n\nBetter English prose, a new paragraph.\n\nAnd more."
    edited.cells[1].source = "Hinglish mein: yeh behtar prose hai."
    edited.cells.insert(3, nbformat.v4.new_markdown_cell("A new note between the code cells."))
    edited.cells[2].outputs = [nbformat.v4.new_output("stream", name="stdout", text="1.41\n")]
    edited.cells[2].execution_count = 7
    edited.cells[2].metadata["collapsed"] = True
    edited.metadata["colab"] = {"provenance": []}
    edited.cells[3 + 1].source = "EPOCHS = 5   \r\nassert x > 1.4, x\n\n"  # CRLF, trailing blanks
    assert _hash(edited, tmp_path) == before


@pytest.mark.parametrize(
    "change",
    ["threshold", "epochs", "new cell", "order", "skip tag"],
)
def test_any_code_change_changes_the_hash(change: str, tmp_path: Path) -> None:
    nb = _notebook()
    before = _hash(nb, tmp_path)
    if change == "threshold":
        nb.cells[3].source = "EPOCHS = 5\nassert x > 1.5, x"
    elif change == "epochs":
        nb.cells[3].source = "EPOCHS = 6\nassert x > 1.4, x"
    elif change == "new cell":
        nb.cells.append(nbformat.v4.new_code_cell("print(x)"))
    elif change == "order":
        nb.cells[2], nb.cells[3] = nb.cells[3], nb.cells[2]
    else:
        nb.cells[3].metadata["tags"] = ["nbval-skip"]
    assert _hash(nb, tmp_path) != before


def test_a_code_cell_split_in_two_changes_the_hash(tmp_path: Path) -> None:
    """Cells are hashed as a list, not as one text: the boundary between them counts."""
    nb = _notebook()
    before = _hash(nb, tmp_path)
    nb.cells[2].source = "import math"
    nb.cells.insert(3, nbformat.v4.new_code_cell("x = math.sqrt(2)"))
    assert _hash(nb, tmp_path) != before


@pytest.mark.parametrize("notebook", CHAPTERS, ids=lambda p: p.stem)
def test_a_chapters_hash_is_the_hash_of_its_code_cells(notebook: Path, tmp_path: Path) -> None:
    nb = nbformat.read(notebook, as_version=4)
    code_only = nbformat.v4.new_notebook()
    code_only.cells = [
        nbformat.v4.new_code_cell(c.source) for c in nb.cells if c.cell_type == "code"
    ]
    assert _hash(code_only, tmp_path) == policy_run.code_hash(notebook)


# --- the row writer ---------------------------------------------------------------------------


def _row(notebook: str, policy: str, result: str = "pass", sha: str = "a" * 64) -> dict:
    return {
        "notebook": notebook, "policy": policy, "result": result,
        "error": None if result == "pass" else "code cell 3: AssertionError: 0.689 < 0.692 | x",
        "date": "2026-12-04T10:00:00Z", "code_sha256": sha, "wall_s": 271.4, "cpu_s": 254.0,
        "python": "3.13.0", "tensorflow": "2.21.0", "keras": "3.15.1",
        "machine": "Linux x86_64, 2 CPUs, no GPU", "commit": "d2c5c5e",
    }  # fmt: skip


def test_the_row_writer_replaces_one_row_and_keeps_the_prose(tmp_path: Path) -> None:
    report, markdown = tmp_path / "runs.json", tmp_path / "runs.md"
    prose = "# Policy runs\n\nWhy these runs.\n\n"
    markdown.write_text(prose + f"{policy_run.START}\nold table\n{policy_run.END}\n\n## History\n")
    policy_run.record(_row("notebooks/04.ipynb", "mixed_float16"), report, markdown)
    policy_run.record(_row("notebooks/04.ipynb", "mixed_bfloat16", "fail"), report, markdown)
    policy_run.record(_row("notebooks/02.ipynb", "mixed_bfloat16"), report, markdown)
    policy_run.record(_row("notebooks/04.ipynb", "mixed_float16", sha="b" * 64), report, markdown)

    runs = policy_run.load_runs(report)
    assert sorted(runs) == [
        ("notebooks/02.ipynb", "mixed_bfloat16"),
        ("notebooks/04.ipynb", "mixed_bfloat16"),
        ("notebooks/04.ipynb", "mixed_float16"),
    ]
    assert runs[("notebooks/04.ipynb", "mixed_float16")]["code_sha256"] == "b" * 64
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [r["notebook"] for r in data["runs"]] == ["notebooks/02.ipynb"] + [
        "notebooks/04.ipynb"
    ] * 2

    text = markdown.read_text(encoding="utf-8")
    assert text.startswith(prose) and text.endswith("\n\n## History\n") and "old table" not in text
    table = text.split(policy_run.START)[1].split(policy_run.END)[0].strip().splitlines()
    assert len(table) == 2 + 3  # header, rule, one line per row
    fail = next(line for line in table if "mixed_bfloat16" in line and "04.ipynb" in line)
    assert "fail: code cell 3: AssertionError: 0.689 < 0.692 \\| x" in fail  # | escaped
    assert (
        "`bbbbbbbbbbbb`" in text
        and "2026-12-04 10:00:00" in text
        and "2.21.0 / 3.15.1 / 3.13.0" in text
    )
    assert policy_run.render_markdown(text, runs) == text


def test_the_row_writer_adds_the_table_to_a_report_without_one(tmp_path: Path) -> None:
    report, markdown = tmp_path / "runs.json", tmp_path / "runs.md"
    markdown.write_text("# Notes\n\nHand-written history.\n")
    policy_run.record(_row("notebooks/01.ipynb", "mixed_float16"), report, markdown)
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("# Notes\n\nHand-written history.\n")
    assert policy_run.START in text and "notebooks/01.ipynb" in text


# --- the runner, on tiny notebooks ----------------------------------------------------------


def _tiny_chapter(path: Path, expected_policy: str) -> Path:
    """A markdown cell and four code cells; the third asserts the kernel's dtype policy."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [nbformat.v4.new_markdown_cell("# A tiny chapter")] + [
        nbformat.v4.new_code_cell(source)
        for source in (
            "import os\nimport keras\n\n"
            "policy = os.environ.get('COURSE_DTYPE_POLICY', 'float32')\n"
            "keras.mixed_precision.set_dtype_policy(policy)",
            "assert open('beside.txt').read() == 'data'  # run in the notebook's folder",
            "name = keras.mixed_precision.global_policy().name\n"
            f"assert name == {expected_policy!r}, f'the policy is {{name}}'",
            "print('after the checkpoint')",
        )
    ]
    nbformat.write(nb, path)
    return path


def test_the_runner_records_a_pass_and_a_fail_with_the_failing_line(tmp_path: Path) -> None:
    """Two tiny chapters under mixed_bfloat16, at once: one expects it (passes), one does not.

    One TensorFlow import per kernel (~10 s of CPU each), both in one run of the script.
    """
    (tmp_path / "beside.txt").write_text("data")
    passes = _tiny_chapter(tmp_path / "expects_bf16.ipynb", "mixed_bfloat16")
    fails = _tiny_chapter(tmp_path / "expects_fp16.ipynb", "mixed_float16")
    report, markdown = tmp_path / "runs.json", tmp_path / "runs.md"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--policy", "mixed_bfloat16", "--jobs", "2",
         "--report", str(report), "--markdown", str(markdown), str(passes), str(fails)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 1, done.stdout + done.stderr[-3000:]  # 1: a notebook failed
    assert "1 passed, 1 failed under mixed_bfloat16" in done.stdout, done.stdout

    runs = policy_run.load_runs(report)
    passed = runs[(policy_run.notebook_key(passes), "mixed_bfloat16")]
    failed = runs[(policy_run.notebook_key(fails), "mixed_bfloat16")]
    assert passed["result"] == "pass" and passed["error"] is None, passed
    assert passed["kernel_policy"] == "mixed_bfloat16"
    assert failed["result"] == "fail", failed
    assert failed["error"] == "code cell 3: AssertionError: the policy is mixed_bfloat16"
    for row, chapter in ((passed, passes), (failed, fails)):
        assert row["code_sha256"] == policy_run.code_hash(chapter)
        assert row["wall_s"] > 0 and (row["cpu_s"] is None or row["cpu_s"] > 0), row
        assert row["python"] == ".".join(map(str, sys.version_info[:3]))
        assert row["keras"] and row["tensorflow"], row
        assert row["machine"].endswith(", 2 notebooks at once"), row
    table = markdown.read_text(encoding="utf-8")
    assert (
        "| mixed_bfloat16 | fail: code cell 3: AssertionError: the policy is mixed_bfloat16 |"
        in table
    )
    assert "| mixed_bfloat16 | pass |" in table
