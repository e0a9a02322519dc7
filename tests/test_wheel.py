"""What a student who downloads one notebook does: install the package, run the notebook alone.

The package is built (sdist, then the wheel from the sdist, as pip does for ``pip install
git+...``), installed into a fresh virtual environment with the locked versions (offline, from
uv's cache), and one chapter is copied into an empty folder and executed there with that
environment's Python. Nothing of the repository is importable there: the data must come with
the package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import NOTEBOOKS, ROOT

CHAPTER = "01_eda_text.ipynb"  # the fastest chapter that reads the bundled data

EXECUTE = """
import sys
import nbformat
from nbclient import NotebookClient

nb = nbformat.read(sys.argv[1], as_version=4)
client = NotebookClient(nb, timeout=600, kernel_name="python3")
client.execute(cwd=".")
print("executed", len(nb.cells), "cells")
"""


def uv() -> list[str]:
    found = os.environ.get("UV") or shutil.which("uv")
    if found:
        return found.split()
    pytest.skip("uv is not installed (make test installs it)")


def run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    output = done.stdout[-3000:] + done.stderr[-3000:]
    assert done.returncode == 0, f"{' '.join(cmd)} failed:\n{output}"
    return done.stdout


def test_one_downloaded_notebook_runs_on_the_installed_wheel(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "COURSE_DATA_DIR"}}
    env.pop("VIRTUAL_ENV", None)
    env["UV_OFFLINE"] = "1"  # the locked versions come from uv's cache: nothing downloads
    dist, venv, student = tmp_path / "dist", tmp_path / "venv", tmp_path / "student"

    # setuptools from the test environment (it is locked): the build needs no download either
    build = [*uv(), "build", "--no-build-isolation", "--python", sys.executable]
    built = subprocess.run([*build, "-o", str(dist)], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=600)  # fmt: skip
    log = built.stdout + built.stderr
    assert built.returncode == 0, log[-6000:]
    # PEP 639 metadata (license = "MIT", license-files): setuptools warns about nothing
    assert "SetuptoolsDeprecationWarning" not in log, log[-6000:]
    wheel = next(dist.glob("course_utils-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA")).rsplit("/", 1)[0]
        metadata = archive.read(f"{info}/METADATA").decode()
    assert "License-Expression: MIT" in metadata.splitlines(), metadata[:2000]
    assert f"{info}/licenses/LICENSE" in names, names
    run([*uv(), "export", "--frozen", "--no-emit-project", "--extra", "lab", "--format",
         "pylock.toml", "-o", str(dist / "pylock.toml"), "-q"], cwd=ROOT, env=env)  # fmt: skip
    # the same interpreter as this test run, so the locked wheels in the cache fit
    run([*uv(), "venv", "-q", "--python", sys.executable, str(venv)], cwd=tmp_path, env=env)
    python = str(venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python"))
    pip = [*uv(), "pip", "install", "-q", "--python", python]
    run([*pip, "-r", str(dist / "pylock.toml")], cwd=tmp_path, env=env)
    run([*pip, "--no-deps", str(wheel)], cwd=tmp_path, env=env)
    run([*uv(), "pip", "check", "--python", python], cwd=tmp_path, env=env)

    student.mkdir()  # an empty folder with one notebook in it
    shutil.copy(NOTEBOOKS / CHAPTER, student / CHAPTER)
    find = "import importlib.util as u; print(u.find_spec('course_utils').origin)"  # no TF import
    where = run([python, "-c", find], cwd=student, env=env)
    assert Path(where.strip()).is_relative_to(venv), f"course_utils came from {where}"
    (student / "execute.py").write_text(EXECUTE, encoding="utf-8")
    out = run([python, "execute.py", CHAPTER], cwd=student, env=env, timeout=900)
    assert "executed" in out
