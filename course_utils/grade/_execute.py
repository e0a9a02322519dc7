"""Execute one submitted notebook in its own folder, process, time limit and memory cap.

Part of :mod:`course_utils.grade`. :func:`execute` copies the notebook into a fresh job folder,
starts ``_worker.py`` in a new process session with an offline environment, waits for it (the
time limit plus a grace period, after which it kills the worker and the kernel), and reads back
what the worker wrote: the result, the checks' verdicts (``COURSE_GRADE_LOG``) and the executed
notebook.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from course_utils.exercises import GRADE_LOG_ENV_VAR

WORKER = Path(__file__).with_name("_worker.py")

DEFAULT_SECONDS = 600.0  # 10 minutes for a notebook's cells
DEFAULT_MEMORY = 8 * 2**30  # 8 GiB of address space

# Seconds the grader waits past the time limit (and the kernel's start-up limit) for the worker
# to stop the kernel itself, before it kills both.
GRACE_SECONDS = 30
# Starting a kernel (Python, ipykernel) is not the student's code: it has a limit of its own,
# generous for a machine busy with several notebooks at once.
STARTUP_SECONDS = 120

# Every proxy points at a closed local port, so HTTP clients that honour proxies (urllib,
# requests, pip, keras' downloads) fail at once instead of reaching the internet.
UNREACHABLE = "http://127.0.0.1:9"
OFFLINE_ENV = {
    "HTTP_PROXY": UNREACHABLE,
    "HTTPS_PROXY": UNREACHABLE,
    "ALL_PROXY": UNREACHABLE,
    "http_proxy": UNREACHABLE,
    "https_proxy": UNREACHABLE,
    "all_proxy": UNREACHABLE,
    "NO_PROXY": "",
    "no_proxy": "",
    "PIP_NO_INDEX": "1",
    "HF_HUB_OFFLINE": "1",
    "GIT_TERMINAL_PROMPT": "0",
}

# Loaded by every Python the kernel starts (through PYTHONPATH): Python sockets may connect to
# this machine (the kernel's own channels, a local server) and nowhere else. The Linux network
# namespace already does this for every program; this is the fallback elsewhere.
NO_NETWORK_SITECUSTOMIZE = '''\
"""Written by course_utils.grade: no network connections while a notebook is graded."""
import errno as _errno
import socket as _socket

_connect = _socket.socket.connect
_connect_ex = _socket.socket.connect_ex


def _is_local(address):
    if not isinstance(address, tuple) or not address:
        return True
    host = str(address[0])
    return host in ("localhost", "::1", "") or host.startswith("127.")


def _refuse(sock, address):
    internet = sock.family in (_socket.AF_INET, _socket.AF_INET6)
    if internet and not _is_local(address):
        raise OSError(_errno.ENETUNREACH, "no network while this notebook is graded")


def connect(self, address):
    _refuse(self, address)
    return _connect(self, address)


def connect_ex(self, address):
    _refuse(self, address)
    return _connect_ex(self, address)


_socket.socket.connect = connect
_socket.socket.connect_ex = connect_ex
'''


@dataclass
class Limits:
    """What every notebook may use: ``seconds`` for all its cells (counted once its kernel is
    ready; starting the kernel has a limit of its own, 2 min), ``memory`` bytes of address space
    (``None``: no cap), and whether to go on after a cell raises."""

    seconds: float = DEFAULT_SECONDS
    memory: int | None = DEFAULT_MEMORY
    keep_going: bool = False


@dataclass
class Execution:
    """What happened when one notebook ran (see the worker's module docstring)."""

    completed: bool
    stop: dict[str, Any] | None
    errors: list[dict[str, Any]]
    verdicts: list[dict[str, Any]]
    seconds: float
    notes: dict[str, str] = field(default_factory=dict)
    executed: Path | None = None


def offline_env(job_dir: Path, log: Path) -> dict[str, str]:
    """The worker's (and so the kernel's) environment: ours, offline, logging the verdicts."""
    site = job_dir / "site"
    site.mkdir(exist_ok=True)
    (site / "sitecustomize.py").write_text(NO_NETWORK_SITECUSTOMIZE, encoding="utf-8")
    env = dict(os.environ)
    env.update(OFFLINE_ENV)
    env[GRADE_LOG_ENV_VAR] = str(log)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(site), env.get("PYTHONPATH", "")) if p)
    env.pop("PYTHONSTARTUP", None)
    env.setdefault("MPLBACKEND", "Agg")
    return env


# The workers still running, so that Ctrl-C in the grader stops every kernel (kill_all).
_running: dict[int, tuple[subprocess.Popen[bytes], Path]] = {}
_running_lock = threading.Lock()


def _kill(pid: int) -> None:
    """Kill a process and its process group (the kernel leads its own), quietly."""
    with contextlib.suppress(OSError):
        if hasattr(os, "killpg"):
            os.killpg(pid, signal.SIGKILL)
        else:  # pragma: no cover - Windows
            os.kill(pid, signal.SIGTERM)


def _stop(process: subprocess.Popen[bytes], job_dir: Path) -> None:
    """Kill the notebook's kernel (from the pid its worker wrote) and the worker, unless the
    worker ended by itself, having shut its kernel down (its process group, through nbclient)."""
    if process.poll() == 0 and (job_dir / "result.json").exists():
        return
    pid_file = job_dir / "kernel.pid"
    if pid_file.exists():
        with contextlib.suppress(ValueError, OSError):
            _kill(int(pid_file.read_text()))
    if process.poll() is None:
        _kill(process.pid)
        process.wait()


def kill_all() -> None:
    """Stop every notebook still running (the grader calls this on Ctrl-C)."""
    with _running_lock:
        running = list(_running.values())
    for process, job_dir in running:
        _stop(process, job_dir)


def _read_verdicts(log: Path) -> list[dict[str, Any]]:
    verdicts = []
    if not log.exists():
        return verdicts
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue  # a line the notebook itself wrote into the log: not a check's verdict
        if isinstance(entry, dict) and isinstance(entry.get("exercise"), str):
            verdicts.append(entry)
    return verdicts


def execute(content: bytes, filename: str, job_dir: Path, limits: Limits) -> Execution:
    """Run the notebook ``content`` (named ``filename``) in ``job_dir``; never raises for what
    the notebook does. The submission itself is never touched: ``content`` is a copy."""
    work = job_dir / "work"
    work.mkdir(parents=True)
    notebook = work / filename
    notebook.write_bytes(content)
    log = job_dir / "verdicts.jsonl"
    job = {
        "notebook": str(notebook),
        "workdir": str(work),
        "job_dir": str(job_dir),
        "seconds": limits.seconds,
        "startup_seconds": STARTUP_SECONDS,
        "memory_bytes": limits.memory,
        "keep_going": limits.keep_going,
        "result": str(job_dir / "result.json"),
        "executed": str(job_dir / "executed.ipynb"),
    }
    (job_dir / "job.json").write_text(json.dumps(job), encoding="utf-8")
    worker_log = job_dir / "worker.log"
    with open(worker_log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(WORKER), str(job_dir / "job.json")],
            cwd=job_dir,
            env=offline_env(job_dir, log),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        with _running_lock:
            _running[process.pid] = (process, job_dir)
        killed = False
        try:
            process.wait(timeout=limits.seconds + STARTUP_SECONDS + GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            killed = True
        finally:  # whatever happened (even Ctrl-C), no kernel outlives its worker
            _stop(process, job_dir)
            with _running_lock:
                _running.pop(process.pid, None)
    result_file = job_dir / "result.json"
    if result_file.exists():
        result = json.loads(result_file.read_text(encoding="utf-8"))
    else:
        tail = worker_log.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        reason = "timeout" if killed else "grader failed"
        result = {
            "completed": False,
            "stop": {"cell": None, "reason": reason, "ename": "", "evalue": " ".join(tail)},
            "errors": [],
            "seconds": limits.seconds if killed else 0.0,
        }
    executed = job_dir / "executed.ipynb"
    return Execution(
        completed=bool(result["completed"]),
        stop=result.get("stop"),
        errors=list(result.get("errors", [])),
        verdicts=_read_verdicts(log),
        seconds=float(result.get("seconds", 0.0)),
        notes={k: result[k] for k in ("network", "memory") if k in result},
        executed=executed if executed.exists() else None,
    )
