"""Time every chapter alone, offline, in a fresh kernel, and write reports/notebook_times.md.

    make time-notebooks                       # every notebook, one after another
    python scripts/time_notebooks.py notebooks/04_transformer.ipynb   # some, the rest kept

Each notebook runs in its own process (nbclient, a new ``python3`` kernel, working folder
``notebooks/``), one at a time, so nothing else of ours competes for the cores. Where the
system allows (Linux, root, ``unshare``) the run is in a new network namespace that has only
loopback: the kernel cannot reach any network. Elsewhere the report says that the network was
not cut. Wall seconds count from before the kernel starts to after it stops (kernel start and
the TensorFlow import included, as a student sees it); CPU seconds are user + system of the
run and its kernel; peak MiB is the largest resident size of any process of the run (the
kernel's, in practice).

Timings live here and in the report, never in the tests: a machine that is busier than ours
makes a timed test fail for no reason of the code's.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
REPORT = ROOT / "reports" / "notebook_times.md"
WALL_BUDGET_S = 120
MEMORY_BUDGET_MIB = 3 * 1024
CELL_TIMEOUT_S = 900

# What the child process runs: execute one notebook top to bottom, exit 1 on the first error.
EXECUTE = """
import re
import sys
from datetime import datetime
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

nb = nbformat.read(sys.argv[1], as_version=4)
client = NotebookClient(nb, timeout=int(sys.argv[2]), kernel_name="python3")
failed = None
try:
    client.execute(cwd=sys.argv[3])
except CellExecutionError as error:
    lines = [line for line in str(error).splitlines() if line.strip()]
    failed = re.sub(chr(27) + "[[][0-9;]*m", "", lines[-1] if lines else str(error))  # no colours
for index, cell in enumerate(nb.cells):  # each cell's seconds, from nbclient's timing record
    timing = cell.get("metadata", {}).get("execution", {})
    if "iopub.execute_input" in timing and "shell.execute_reply" in timing:
        start, end = (datetime.fromisoformat(timing[k].replace("Z", "+00:00"))
                      for k in ("iopub.execute_input", "shell.execute_reply"))
        head = cell.source.strip().splitlines()[0][:60] if cell.source.strip() else ""
        print(f"CELL\t{(end - start).total_seconds():.2f}\t{index}\t{head}", file=sys.stderr)
if failed:
    print("FAILED:", failed, file=sys.stderr)
    sys.exit(1)
"""

ROW = re.compile(r"^\| (?P<name>\S+) \|")


@dataclass
class Timing:
    """One notebook's run: what the report's table holds."""

    name: str
    wall_s: float
    cpu_s: float
    peak_mib: float
    ok: bool
    date: str
    note: str = ""

    @property
    def within_budget(self) -> bool:
        return self.ok and self.wall_s <= WALL_BUDGET_S and self.peak_mib <= MEMORY_BUDGET_MIB

    def row(self) -> str:
        status = "yes" if self.within_budget else ("**no**" if self.ok else "**failed**")
        note = f" {self.note}" if self.note else ""
        return (
            f"| {self.name} | {self.wall_s:.0f} | {self.cpu_s:.0f} | {self.peak_mib:.0f} | "
            f"{status}{note} | {self.date} |"
        )


def network_cut_prefix() -> list[str]:
    """``unshare`` into a namespace with only loopback, where this system allows it."""
    if sys.platform != "linux" or os.geteuid() != 0 or not shutil.which("unshare"):
        return []
    probe = subprocess.run(
        ["unshare", "--net", "sh", "-c", "ip link set lo up"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        return []
    return ["unshare", "--net", "sh", "-c", 'ip link set lo up && exec "$0" "$@"']


def time_one(notebook: Path, prefix: list[str], slowest: int = 0) -> Timing:
    """Execute one notebook in a child process and measure it (POSIX: ``os.wait4``)."""
    env = {k: v for k, v in os.environ.items() if k != "COURSE_DTYPE_POLICY"}
    env.update(MPLBACKEND="Agg", PYTHONHASHSEED="0")
    command = [*prefix, sys.executable, "-c", EXECUTE, str(notebook), str(CELL_TIMEOUT_S)]
    command.append(str(notebook.parent))
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    assert child.stderr is not None
    stderr = child.stderr.read()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    ok = child.returncode == 0
    failed = [line for line in stderr.splitlines() if line.startswith("FAILED:")]
    cells = [line.split("\t", 3)[1:] for line in stderr.splitlines() if line.startswith("CELL\t")]
    for seconds, index, head in sorted(cells, key=lambda c: -float(c[0]))[:slowest]:
        print(f"\n    {float(seconds):6.1f} s  cell {index:>3}  {head}", end="")
    peak_mib = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Timing(
        name=notebook.stem,
        wall_s=wall,
        cpu_s=usage.ru_utime + usage.ru_stime,
        peak_mib=peak_mib,
        ok=ok,
        date=dt.date.today().isoformat(),
        note="" if ok else f"({failed[-1][8:].strip()[:80] if failed else 'see the log'})",
    )


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    return f"{os.cpu_count()} cores ({cpu}){memory}, {platform.system()} {platform.release()}"


def versions() -> str:
    found = [f"Python {platform.python_version()}"]
    for module in ("tensorflow", "keras", "numpy"):
        with contextlib.suppress(PackageNotFoundError):
            found.append(f"{module} {version(module)}")
    return ", ".join(found)


def read_rows(report: Path) -> dict[str, str]:
    """The table rows of an existing report, by notebook name (kept when only some are re-run)."""
    if not report.exists():
        return {}
    rows = {}
    for line in report.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match and match["name"] not in {"notebook", "---"}:
            rows[match["name"]] = line
    return rows


def write_report(report: Path, rows: dict[str, str], network: str) -> list[str]:
    """Write the table (rows sorted by notebook) and return the notebooks over budget."""
    over = [name for name, row in sorted(rows.items()) if "| yes |" not in row]
    lines = [
        "# Each chapter alone: wall time, CPU time, peak memory",
        "",
        "Written by `make time-notebooks` (`scripts/time_notebooks.py`); do not edit by hand.",
        f"Each notebook is executed alone in a fresh kernel, one after another ({network}).",
        f"Budget: {WALL_BUDGET_S} s wall and {MEMORY_BUDGET_MIB} MiB peak per notebook.",
        "Wall time includes the kernel start and the TensorFlow import; CPU is user + system.",
        "",
        f"- Machine: {machine()}",
        f"- Versions: {versions()}",
        f"- Written: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"- Over budget: {', '.join(over) if over else 'none'}",
        "",
        "| notebook | wall s | CPU s | peak MiB | within budget | measured |",
        "|---|---:|---:|---:|---|---|",
        *(rows[name] for name in sorted(rows)),
        "",
    ]
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(lines), encoding="utf-8")
    return over


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every chapter")
    parser.add_argument("--report", type=Path, default=REPORT)
    parser.add_argument("--cells", type=int, default=0, help="also print the N slowest cells")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or sorted(NOTEBOOKS.glob("[0-9][0-9]*_*.ipynb"))
    missing = [str(p) for p in notebooks if p.suffix != ".ipynb" or not p.is_file()]
    if missing:
        parser.error(f"not a notebook file: {', '.join(missing)} (give notebooks/NN_*.ipynb)")
    prefix = network_cut_prefix()
    network = "network cut: a namespace with loopback only" if prefix else "network NOT cut"
    rows = read_rows(args.report) if args.notebooks else {}
    for notebook in notebooks:
        print(f"{notebook.name} ...", end=" ", flush=True)
        timing = time_one(notebook.resolve(), prefix, args.cells)
        rows[timing.name] = timing.row()
        print(f"{timing.wall_s:.0f} s wall, {timing.cpu_s:.0f} s CPU, {timing.peak_mib:.0f} MiB"
              f"{'' if timing.ok else ' FAILED ' + timing.note}", flush=True)  # fmt: skip
        write_report(args.report, rows, network)  # after each: a long run keeps what it measured
    over = write_report(args.report, rows, network)
    print(f"wrote {args.report}; over budget: {', '.join(over) if over else 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
