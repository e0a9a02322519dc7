"""Run one student notebook in a fresh kernel, inside limits (the grader's worker process).

Part of ``python -m course_utils.grade`` (see :mod:`course_utils.grade`). The grader starts this
file as a script, ``python _worker.py job.json``, one process per notebook, in its own session and
with the environment it prepared (the grading log, the proxies turned off). It is a script, not
``-m course_utils...``, so that it does not import ``course_utils`` (and with it TensorFlow): the
kernel it starts does that. It imports only the standard library, nbformat and nbclient.

Before it starts the kernel it takes, where the system allows, the limits the kernel inherits:

* the network: on Linux it moves itself into a new, empty network namespace (only a loopback
  interface), so the kernel can reach no other machine;
* memory: ``RLIMIT_AS`` (address space) on POSIX systems;
* time: one deadline for all the notebook's cells (each cell gets what remains), counted once
  the kernel is ready; starting the kernel has its own limit (``startup_seconds``).

It then executes the cells top to bottom (nbclient, kernel ``cwd`` = the job's work folder), by
default stopping at the first cell that raises, and writes the executed notebook and a JSON
result: where it stopped and why, the errors, the seconds, and which limits were in force.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import math
import os
import re
import signal
import sys
import time
from pathlib import Path
from typing import Any

CLONE_NEWUSER = 0x10000000
CLONE_NEWNET = 0x40000000


def _bring_up_loopback() -> bool:
    """Switch on ``lo`` in a new network namespace (it starts down). True if it worked."""
    import fcntl
    import socket
    import struct

    siocgifflags, siocsifflags, iff_up = 0x8913, 0x8914, 0x1
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            request = struct.pack("16sH", b"lo", 0)
            flags = struct.unpack("16sH", fcntl.ioctl(sock, siocgifflags, request)[:18])[1]
            fcntl.ioctl(sock, siocsifflags, struct.pack("16sH", b"lo", flags | iff_up))
    except OSError:
        return False
    return True


def cut_network() -> tuple[bool, str]:
    """Leave the machine's network: a new network namespace on Linux, else nothing.

    Returns (loopback works, a note for the report). Must run while the process has one thread
    (a user namespace requires it), so before anything starts threads.
    """
    if not sys.platform.startswith("linux"):
        return (
            True,
            "no network namespace on this system: only Python's own connections are refused",
        )
    libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
    uid, gid = os.getuid(), os.getgid()
    flags = CLONE_NEWNET if uid == 0 else CLONE_NEWUSER | CLONE_NEWNET
    if libc.unshare(flags) != 0:
        err = os.strerror(ctypes.get_errno())
        return True, f"no network namespace ({err}): only Python's own connections are refused"
    if uid != 0:  # keep our own uid and gid inside the new user namespace
        try:
            Path("/proc/self/setgroups").write_text("deny")
            Path("/proc/self/uid_map").write_text(f"{uid} {uid} 1")
            Path("/proc/self/gid_map").write_text(f"{gid} {gid} 1")
        except OSError:
            pass
    loopback = _bring_up_loopback()
    return loopback, "cut: the kernel ran in an empty network namespace (Linux)"


def cap_memory(limit: int | None) -> str:
    """Limit this process and its children to ``limit`` bytes of address space (POSIX)."""
    if not limit:
        return "none (turned off)"
    try:
        import resource
    except ImportError:
        return "none: this system has no resource limits (Windows)"
    try:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ValueError, OSError) as err:
        return f"none: the system refused RLIMIT_AS ({err})"
    return f"{limit / 2**30:g} GiB of address space (RLIMIT_AS)"


def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line.strip()[:80]
    return source.strip().splitlines()[0][:80] if source.strip() else ""


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")


def _failing_line(source: str, traceback: str | list[str] | None) -> str | None:
    """The line of ``source`` that raised, from IPython's traceback ("Cell In[5], line 7")."""
    if not traceback:
        return None
    text = _ANSI.sub("", traceback if isinstance(traceback, str) else "\n".join(traceback))
    found = _CELL_LINE.search(text)
    lines = source.splitlines()
    if found and 1 <= int(found[1]) <= len(lines):
        return lines[int(found[1]) - 1].strip()[:80]
    return None


def _cell_info(nb: Any, index: int, traceback: str | list[str] | None = None) -> dict[str, Any]:
    """Where a cell is, in words an instructor can find: its code-cell number and the line that
    raised (from ``traceback``), else its first line of code."""
    code_before = sum(1 for c in nb.cells[: index + 1] if c.cell_type == "code")
    source = nb.cells[index].source
    return {
        "cell": index,
        "code_cell": code_before,
        "code_cells": sum(1 for c in nb.cells if c.cell_type == "code"),
        "line": _failing_line(source, traceback) or _first_line(source),
    }


def _write_kernelspec(folder: Path) -> str:
    """A kernelspec that runs ipykernel with this Python (the grader's, with course_utils)."""
    name = "course-grade"
    spec = folder / name
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": "Python 3 (grading)", "language": "python"}),
        encoding="utf-8",
    )
    return name


def run(job: dict[str, Any]) -> dict[str, Any]:
    """Execute ``job["notebook"]`` within the job's limits; return the result (see the module)."""
    started = time.monotonic()
    loopback, network = cut_network()
    memory = cap_memory(job.get("memory_bytes"))
    result: dict[str, Any] = {
        "completed": False,
        "stop": None,
        "errors": [],
        "network": network,
        "memory": memory,
    }

    import nbformat
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    job_dir = Path(job["job_dir"])
    nb = nbformat.read(job["notebook"], as_version=4)
    kernel_name = _write_kernelspec(job_dir / "kernels")
    km = AsyncKernelManager(
        kernel_name=kernel_name,
        kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(job_dir / "kernels")]),
        transport="tcp" if loopback else "ipc",
        connection_file=str(job_dir / "kernel-connection.json"),
    )

    def on_cell_error(cell: Any, cell_index: int, execute_reply: dict[str, Any]) -> None:
        content = execute_reply.get("content", {})
        result["errors"].append(
            {
                **_cell_info(nb, cell_index, content.get("traceback")),
                "ename": content.get("ename", "Error"),
                "evalue": content.get("evalue", ""),
            }
        )

    client = NotebookClient(
        nb,
        km=km,
        timeout=max(1, math.ceil(float(job["seconds"]))),
        startup_timeout=int(job["startup_seconds"]),
        allow_errors=bool(job.get("keep_going")),
        shutdown_kernel="immediate",
        record_timing=False,
        on_cell_error=on_cell_error,
    )
    index = -1
    process = None
    try:
        # cleanup_kc: shut the kernel down at the end even though we made its manager
        with client.setup_kernel(cwd=job["workdir"], cleanup_kc=True):
            process = getattr(km.provisioner, "process", None)
            if process is not None:
                Path(job_dir / "kernel.pid").write_text(str(process.pid))
            deadline = time.monotonic() + float(job["seconds"])
            for index, cell in enumerate(nb.cells):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise CellTimeoutError("the time limit was reached between cells")
                client.timeout = max(1, math.ceil(remaining))
                client.execute_cell(cell, index, execution_count=client.code_cells_executed + 1)
        result["completed"] = True
    except CellTimeoutError:
        result["stop"] = {**_cell_info(nb, index), "reason": "timeout"}
    except CellExecutionError as err:
        result["stop"] = {
            **_cell_info(nb, index, err.traceback),
            "reason": "error",
            "ename": err.ename,
            "evalue": err.evalue,
        }
    except DeadKernelError:
        result["stop"] = {**_cell_info(nb, index), "reason": "kernel died"}
    except Exception as err:  # noqa: BLE001 - the kernel did not start: say why, in the result
        where = _cell_info(nb, index) if index >= 0 else {"cell": None}
        result["stop"] = {
            **where,
            "reason": "kernel failed" if index < 0 else "kernel died",
            "ename": type(err).__name__,
            "evalue": str(err)[:500],
        }
    finally:  # whatever nbclient did, the kernel and what it started end with this worker
        if process is not None and process.poll() is None and hasattr(os, "killpg"):
            with contextlib.suppress(OSError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    result["seconds"] = round(time.monotonic() - started, 2)
    with contextlib.suppress(OSError, ValueError):
        nbformat.write(nb, job["executed"])
    return result


def main(argv: list[str]) -> int:
    job = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    result = run(job)
    Path(job["result"]).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
