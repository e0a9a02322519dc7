"""Run chapters under a Keras dtype policy and record each result in the policy report.

    make test-policy POLICY=mixed_bfloat16 NOTEBOOKS="notebooks/04_transformer.ipynb"
    # = uv run --frozen --no-sync python scripts/policy_run.py --policy mixed_bfloat16 \\
    #       notebooks/04_transformer.ipynb
    python scripts/policy_run.py --render   # rewrite the markdown table from the JSON

Each notebook runs top to bottom in a fresh kernel started in the notebook's folder (as nbval
starts it in CI), with ``COURSE_DTYPE_POLICY=<policy>`` in the kernel's environment, so
``course_utils.precision.use_best_precision()`` in the chapter sets that policy. The run stops
at the first cell that raises, like a failing learning checkpoint in CI (nbval ``--nbval-lax``:
outputs are not compared; a cell tagged ``raises-exception``/``nbval-raises-exception`` may
raise, one tagged ``skip-execution``/``nbval-skip`` is not run).

Each result replaces the notebook's row for that policy in ``reports/policy_runs.json`` (the
record) and the table in ``reports/policy_runs.md`` is rendered from it, between the marker
comments. A row keeps the sha256 of the notebook's code (:func:`code_hash`);
``tests/test_policy_report.py`` fails when a chapter's current code has no passing row for each
mixed policy, so a row cannot silently outlive the code it was measured on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
REPORT_JSON = ROOT / "reports" / "policy_runs.json"
REPORT_MD = ROOT / "reports" / "policy_runs.md"
POLICY_ENV_VAR = "COURSE_DTYPE_POLICY"  # course_utils.precision.POLICY_ENV_VAR
# Policies this script may force (a subset of course_utils.precision.KNOWN_POLICIES); the two
# mixed ones are those a GPU student gets, and the ones the report must cover.
POLICIES = ("float32", "mixed_float16", "mixed_bfloat16")
REQUIRED_POLICIES = ("mixed_float16", "mixed_bfloat16")
START = (
    "<!-- policy-runs:start (rendered from reports/policy_runs.json by scripts/policy_run.py) -->"
)
END = "<!-- policy-runs:end -->"
# Cell tags that change what runs (nbval's and nbclient's); they count as part of the code.
SKIP_TAGS = {"skip-execution", "nbval-skip"}
RAISES_TAGS = {"raises-exception", "nbval-raises-exception"}
EXECUTION_TAGS = SKIP_TAGS | RAISES_TAGS
FIELDS = (
    "notebook", "policy", "result", "error", "date", "code_sha256", "wall_s", "cpu_s",
    "python", "tensorflow", "keras", "machine", "commit",
)  # fmt: skip


def chapters() -> list[Path]:
    """Every chapter notebook (as tests/test_notebooks.py finds them)."""
    return sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))


# --- what determines the result: the code cells ---------------------------------------------


def _normalise(source: str | list[str]) -> str:
    text = "".join(source) if isinstance(source, list) else source
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def code_cells(notebook: dict[str, Any]) -> list[str]:
    """The notebook's code cells as they are hashed: source normalised, execution tags added.

    Normalised: LF line endings, no trailing whitespace, no blank lines at either end of the
    cell. Empty code cells are left out (nothing runs). A tag that changes what runs
    (``EXECUTION_TAGS``) is appended as a last line ``# tags: ...``.
    """
    cells = []
    for cell in notebook.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = _normalise(cell.get("source", ""))
        tags = sorted(EXECUTION_TAGS.intersection(cell.get("metadata", {}).get("tags", [])))
        if tags:
            source += "\n# tags: " + " ".join(tags)
        if source:
            cells.append(source)
    return cells


def code_hash(path: Path | str, text: str | None = None) -> str:
    """sha256 of a notebook's code: the JSON array of :func:`code_cells`, in order.

    Markdown cells (English and Hinglish prose), outputs, execution counts and metadata do not
    count, so a prose edit keeps a notebook's policy rows; any change to a code cell (a
    checkpoint's threshold, an epoch count, a seed) or to the order of code cells needs new runs.
    Not covered: ``course_utils`` and the library versions (each row records the versions).
    ``text``: the notebook file's content, when already read.
    """
    notebook = json.loads(Path(path).read_text(encoding="utf-8") if text is None else text)
    payload = json.dumps(code_cells(notebook), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


# --- the report: JSON record, markdown table rendered from it ---------------------------------


def notebook_key(path: Path | str) -> str:
    """The notebook's name in the report: repository-relative POSIX path when inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def load_runs(json_path: Path = REPORT_JSON) -> dict[tuple[str, str], dict[str, Any]]:
    """Rows keyed by (notebook, policy); an absent report has none."""
    if not json_path.exists():
        return {}
    data = json.loads(json_path.read_text(encoding="utf-8"))
    return {(row["notebook"], row["policy"]): row for row in data.get("runs", [])}


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("\n", " ").replace("|", "\\|")


def _seconds(value: Any) -> str:
    return "" if value is None else f"{value:,.0f}"


def render_table(runs: dict[tuple[str, str], dict[str, Any]]) -> str:
    """The markdown table of all rows (sorted by notebook, then policy)."""
    if not runs:
        return (
            "_No runs recorded yet for the current notebooks: run `make test-policy "
            "POLICY=mixed_float16` and `make test-policy POLICY=mixed_bfloat16`._"
        )
    lines = [
        "| notebook | policy | result | date (UTC) | code sha256 | wall s | CPU s "
        "| TF / Keras / Python | machine |",
        "|---|---|---|---|---|---:|---:|---|---|",
    ]
    for key in sorted(runs):
        row = runs[key]
        result = row["result"] if row["result"] == "pass" else f"fail: {row.get('error') or ''}"
        versions = f"{row.get('tensorflow')} / {row.get('keras')} / {row.get('python')}"
        date = str(row.get("date", "")).replace("T", " ").removesuffix("Z")
        cells = [
            row["notebook"], row["policy"], result, date, f"`{row['code_sha256'][:12]}`",
            _seconds(row.get("wall_s")), _seconds(row.get("cpu_s")), versions, row.get("machine"),
        ]  # fmt: skip
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines)


def render_markdown(markdown: str, runs: dict[tuple[str, str], dict[str, Any]]) -> str:
    """``markdown`` with the text between the markers replaced by :func:`render_table`.

    Without markers, a section with them is appended.
    """
    block = f"{START}\n{render_table(runs)}\n{END}"
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if pattern.search(markdown):
        return pattern.sub(lambda _: block, markdown, count=1)
    return markdown.rstrip("\n") + "\n\n## Runs\n\n" + block + "\n"


def write_report(
    runs: dict[tuple[str, str], dict[str, Any]], json_path: Path, md_path: Path
) -> None:
    rows = [{k: runs[key].get(k) for k in FIELDS} | runs[key] for key in sorted(runs)]
    data = {
        "about": "Written by scripts/policy_run.py (make test-policy); rendered into "
        f"{md_path.name}. code_sha256: see code_hash() in scripts/policy_run.py.",
        "runs": rows,
    }
    json_path.parent.mkdir(parents=True, exist_ok=True)
    json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    markdown = md_path.read_text(encoding="utf-8") if md_path.exists() else "# Policy runs\n"
    md_path.write_text(render_markdown(markdown, runs), encoding="utf-8")


def record(run: dict[str, Any], json_path: Path = REPORT_JSON, md_path: Path = REPORT_MD) -> None:
    """Replace (or add) the row of ``run``'s notebook and policy, and re-render the markdown."""
    runs = load_runs(json_path)
    runs[(run["notebook"], run["policy"])] = run
    write_report(runs, json_path, md_path)


# --- running one notebook -------------------------------------------------------------------

# Run after the notebook, in its kernel: what the kernel actually had (no TensorFlow import).
PROBE = """
import importlib.metadata as _pm, json as _pj, platform as _pp, sys as _ps
def _pv(name):
    try:
        return _pm.version(name)
    except _pm.PackageNotFoundError:
        return None
_probe = {"python": _pp.python_version(), "tensorflow": _pv("tensorflow"), "keras": _pv("keras")}
if "tensorflow" in _ps.modules:
    _probe["gpus"] = [d.name for d in _ps.modules["tensorflow"].config.list_physical_devices("GPU")]
if "keras" in _ps.modules:
    _probe["kernel_policy"] = _ps.modules["keras"].mixed_precision.global_policy().name
print("POLICY-RUN-PROBE " + _pj.dumps(_probe))
"""


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        found = re.search(r"^model name\s*:\s*(.+)$", cpuinfo.read_text(), re.MULTILINE)
        if found:
            return re.sub(r"\s+", " ", found.group(1)).strip()
    return platform.processor() or platform.machine()


def machine(gpus: list[str] | None, jobs: int) -> str:
    """What ran it; ``gpus`` is None when the kernel never imported TensorFlow to ask."""
    gpu = "GPUs not asked" if gpus is None else f"GPU: {', '.join(gpus)}" if gpus else "no GPU"
    where = (
        f"{platform.system()} {platform.machine()}, {_cpu_model()}, {os.cpu_count()} CPUs, {gpu}"
    )
    return where + (f", {jobs} notebooks at once" if jobs > 1 else "")


def _commit(path: Path) -> str | None:
    """HEAD's short sha, and whether the notebook differs from it."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=path.parent, capture_output=True, text=True, timeout=30, check=True
        )
        return done.stdout.strip()

    try:
        head, dirty = git("rev-parse", "--short", "HEAD"), git("status", "--porcelain", path.name)
    except (OSError, subprocess.SubprocessError):
        return None
    return head + (" + uncommitted notebook changes" if dirty else "")


def _error_line(err: BaseException) -> str:
    """``AssertionError: message``; for an error without a message, the line that raised."""
    ename, evalue = getattr(err, "ename", None), getattr(err, "evalue", None)
    if ename:
        text = f"{ename}: {evalue}" if str(evalue or "").strip() else ename
        if not str(evalue or "").strip():  # a bare `assert`: IPython marks the line with ---->
            traceback = re.sub(r"\x1b\[[0-9;]*m", "", str(getattr(err, "traceback", "")))
            arrows = re.findall(r"^-*> *\d+ (.+)$", traceback, re.MULTILINE)
            if arrows:
                text += f" at `{arrows[-1].strip()}`"
    else:
        text = str(err).strip() or type(err).__name__
    text = re.sub(r"\x1b\[[0-9;]*m", "", text).strip()
    first = text.splitlines()[0] if text else type(err).__name__
    return first if len(first) <= 300 else first[:297] + "..."


def _kernel_cpu_seconds(client: Any) -> float | None:
    """User + system CPU of the kernel process and its finished children, if psutil can tell."""
    try:
        import psutil

        times = psutil.Process(client.km.provisioner.pid).cpu_times()
    except Exception:  # no psutil, a remote provisioner, a dead kernel
        return None
    return sum(
        getattr(times, f, 0.0) for f in ("user", "system", "children_user", "children_system")
    )


def execute(path: Path, policy: str, timeout: int = 3600, jobs: int = 1) -> dict[str, Any]:
    """Run ``path`` under ``policy`` in a fresh kernel; return its report row."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    os.environ[POLICY_ENV_VAR] = policy  # the kernel inherits this process's environment
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")  # as tests/conftest.py
    path = Path(path).resolve()
    text = path.read_text(encoding="utf-8")  # hashed and run: the same content
    sha, commit = code_hash(path, text), _commit(path)
    nb = nbformat.reads(text, as_version=4)
    for cell in nb.cells:  # nbval's tags, in nbclient's words
        tags = set(cell.get("metadata", {}).get("tags", []))
        extra = (["skip-execution"] if tags & SKIP_TAGS else []) + (
            ["raises-exception"] if tags & RAISES_TAGS else []
        )
        if extra:
            cell.metadata["tags"] = sorted(tags | set(extra))
    kernel = (nb.metadata.get("kernelspec") or {}).get("name") or "python3"
    cwd = {"metadata": {"path": str(path.parent)}}  # the kernel starts in the notebook's folder
    client = NotebookClient(nb, timeout=timeout, kernel_name=kernel, resources=cwd)
    error, probe, cpu = None, {}, None
    started = time.perf_counter()
    with client.setup_kernel():
        code_number = 0
        try:
            for index, cell in enumerate(list(nb.cells)):
                if cell.cell_type == "code" and _normalise(cell.source):
                    code_number += 1
                client.execute_cell(cell, index)
        except (CellExecutionError, CellTimeoutError) as err:
            error = f"code cell {code_number}: {_error_line(err)}"
        except DeadKernelError as err:
            error = f"code cell {code_number}: the kernel died ({_error_line(err)})"
        wall = time.perf_counter() - started
        cpu = _kernel_cpu_seconds(client)
        if not (error and "kernel died" in error):
            probe_cell = nbformat.v4.new_code_cell(PROBE)
            nb.cells.append(probe_cell)
            try:
                client.execute_cell(probe_cell, len(nb.cells) - 1)
                for out in probe_cell.outputs:
                    for line in out.get("text", "").splitlines():
                        if line.startswith("POLICY-RUN-PROBE "):
                            probe = json.loads(line.removeprefix("POLICY-RUN-PROBE "))
            except Exception as err:  # the versions stay unknown; the result stands
                print(f"{path.name}: could not read the kernel's versions: {err}", file=sys.stderr)
    return {
        "notebook": notebook_key(path),
        "policy": policy,
        "result": "fail" if error else "pass",
        "error": error,
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "code_sha256": sha,
        "wall_s": round(wall, 1),
        "cpu_s": None if cpu is None else round(cpu, 1),
        "python": probe.get("python"),
        "tensorflow": probe.get("tensorflow"),
        "keras": probe.get("keras"),
        "machine": machine(probe.get("gpus"), jobs),
        "commit": commit,
        "kernel_policy": probe.get("kernel_policy"),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every chapter")
    parser.add_argument("--policy", choices=POLICIES, help="the dtype policy to force")
    parser.add_argument("--jobs", type=int, default=1, help="notebooks at once (default 1)")
    parser.add_argument("--timeout", type=int, default=3600, help="seconds per cell")
    parser.add_argument("--report", type=Path, default=REPORT_JSON, help="the JSON record")
    parser.add_argument("--markdown", type=Path, default=REPORT_MD, help="rendered table")
    parser.add_argument("--render", action="store_true", help="only re-render the markdown")
    args = parser.parse_args(argv)
    if args.render:
        write_report(load_runs(args.report), args.report, args.markdown)
        return 0
    if not args.policy:
        parser.error("--policy is required (or --render)")
    notebooks = args.notebooks or chapters()
    missing = [str(p) for p in notebooks if not p.is_file()]
    if missing:
        parser.error(f"no such notebook: {', '.join(missing)}")
    jobs = max(1, min(args.jobs, len(notebooks)))
    failed = 0
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(execute, p, args.policy, args.timeout, jobs): p for p in notebooks}
        for future in as_completed(futures):
            try:
                run = future.result()
            except Exception as err:  # no result to record (e.g. the kernel did not start)
                failed += 1
                print(f"{futures[future]}: could not be run: {err!r}", file=sys.stderr)
                continue
            record(run, args.report, args.markdown)
            failed += run["result"] != "pass"
            why = f" ({run['error']})" if run["error"] else ""
            cpu = "?" if run["cpu_s"] is None else f"{run['cpu_s']:.0f}"
            print(
                f"{run['notebook']} under {args.policy}: {run['result']}{why}"
                f" - {run['wall_s']:.0f} s wall, {cpu} s CPU",
                flush=True,
            )
    print(
        f"{len(notebooks) - failed} passed, {failed} failed under {args.policy}; "
        f"recorded in {args.report} and {args.markdown}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
