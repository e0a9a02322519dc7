"""The GitHub Actions workflows: lint-free, and their test steps are the README's own commands.

Every workflow in .github/workflows passes jactionlint (the dev extra's linter: a maintained
fork of actionlint whose wheels carry the binary) with no finding at all. The test jobs run
nothing but what the README tells a student to type, besides the set-up steps named below:
``make test`` on Linux and macOS, the PowerShell block of "Without make (Windows)" on Windows,
``make test-latest`` weekly, for the oldest and the newest Python of pyproject.toml's classifiers.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import sysconfig
from typing import Any

import pytest
import yaml

from .conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.yml"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
MAKEFILE = (ROOT / "Makefile").read_text(encoding="utf-8")

# Workflows whose jobs are tests: every command they run must be the README's.
TEST_WORKFLOWS = ("test.yml", "test-latest.yml")
# Set-up a student has done before typing the README's commands (cloned, installed Python):
# these actions may come before them, and nothing else. No set-up command is needed today:
# GitHub's images bring make, and Chrome with its driver for the browser tests.
SETUP_ACTIONS = ("actions/checkout", "actions/setup-python")
SETUP_COMMANDS: tuple[str, ...] = ()
# The README's PowerShell block also opens the course; that is no test.
NOT_A_TEST = ("uv run --frozen --extra lab jupyter lab notebooks/",)


def load(name: str) -> dict[str, Any]:
    workflow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    if True in workflow:  # YAML 1.1 reads the key `on` as True
        workflow["on"] = workflow.pop(True)
    return workflow


def readme_commands(language: str) -> list[str]:
    """The command lines of the README's ```language blocks, comments dropped."""
    blocks = re.findall(rf"^```{language}\n(.*?)^```", README, re.DOTALL | re.MULTILINE)
    lines = [line.split(" #")[0].strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def run_lines(step: dict[str, Any]) -> list[str]:
    lines = [line.strip() for line in str(step["run"]).splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def job_commands(job: dict[str, Any]) -> list[str]:
    return [line for step in job["steps"] if "run" in step for line in run_lines(step)]


def supported_pythons() -> list[str]:
    versions = re.findall(r'"Programming Language :: Python :: (3\.\d+)"', PYPROJECT)
    assert versions, "pyproject.toml names the supported Python versions in its classifiers"
    return sorted(versions, key=lambda v: int(v.split(".")[1]))


def jactionlint() -> str:
    scripts = sysconfig.get_path("scripts")  # this environment's bin/ (Scripts\\ on Windows)
    found = shutil.which("jactionlint", path=scripts) or shutil.which("jactionlint")
    if not found:
        pytest.fail("jactionlint is missing: it comes with the dev extra (uv sync --extra dev)")
    return found


def test_there_are_workflows() -> None:
    assert {f.name for f in FILES} >= {*TEST_WORKFLOWS, "book.yml"}, FILES
    assert not list(WORKFLOWS.glob("*.yaml")), "name workflows *.yml (the tests read those)"


def test_every_workflow_passes_the_linter_without_a_finding() -> None:
    """All rules of jactionlint's default profile (actionlint's checks, plus pinned actions,
    tokens left in the checkout, duplicate triggers...), warnings and notes included; shellcheck
    checks the run: scripts where it is installed (as on GitHub's Ubuntu runners)."""
    cmd = [jactionlint(), "--no-online", "--no-color", "--strict-exit", *map(str, FILES)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{' '.join(cmd)}:\n{done.stdout}{done.stderr}"


@pytest.mark.parametrize("name", TEST_WORKFLOWS)
def test_test_jobs_run_only_the_readmes_commands_after_the_named_set_up(name: str) -> None:
    allowed = set(readme_commands("bash")) | set(readme_commands("powershell"))
    for job_id, job in load(name)["jobs"].items():
        assert job_commands(job), f"{name}: job {job_id} runs nothing"
        for step in job["steps"]:
            if "uses" in step:
                action = step["uses"].split("@")[0]
                assert action in SETUP_ACTIONS, f"{name}: job {job_id} uses {action}"
                continue
            for line in run_lines(step):
                assert line in allowed or line in SETUP_COMMANDS, (
                    f"{name}: job {job_id} runs {line!r}, which is neither a command of the "
                    f"README's ```bash and ```powershell blocks nor a set-up command: {allowed}"
                )


def test_linux_and_macos_run_make_test_for_the_oldest_and_newest_python() -> None:
    job = load("test.yml")["jobs"]["make-test"]
    matrix = job["strategy"]["matrix"]
    assert job_commands(job) == ["make test"] and "make test" in readme_commands("bash")
    assert {"ubuntu-latest", "macos-latest"} <= set(matrix["os"]), matrix
    pythons = supported_pythons()
    assert matrix["python"] == [pythons[0], pythons[-1]], (matrix["python"], pythons)


def test_windows_runs_the_readmes_powershell_block_exactly() -> None:
    job = load("test.yml")["jobs"]["windows"]
    assert job["runs-on"].startswith("windows"), job["runs-on"]
    assert job["defaults"]["run"]["shell"] in {"powershell", "pwsh"}
    readme = [c for c in readme_commands("powershell") if c not in NOT_A_TEST]
    assert job_commands(job) == readme, "the Windows job runs the README's PowerShell block"
    # one command per step: a failing command fails its step (PowerShell does not stop itself)
    assert all(len(run_lines(s)) == 1 for s in job["steps"] if "run" in s)
    pythons = supported_pythons()
    assert job["strategy"]["matrix"]["python"] == [pythons[0], pythons[-1]]


def test_the_weekly_job_runs_make_test_latest_on_the_newest_python() -> None:
    workflow = load("test-latest.yml")
    assert workflow["on"]["schedule"], "test-latest runs on a schedule"
    (job,) = workflow["jobs"].values()
    assert job_commands(job) == ["make test-latest"] and "make test-latest" in readme_commands(
        "bash"
    )
    newest = supported_pythons()[-1]
    setup = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert str(setup["with"]["python-version"]) == newest
    assert re.search(rf"^LATEST_PYTHON \?= {re.escape(newest)}$", MAKEFILE, re.MULTILINE)


def test_the_readme_and_pyproject_name_the_same_python_versions() -> None:
    pythons = supported_pythons()
    assert f"Python {pythons[0]}–{pythons[-1]}" in README, "README's quick start names them"
    assert f'requires-python = ">={pythons[0]}"' in PYPROJECT
    assert pythons == [f"3.{n}" for n in range(int(pythons[0][2:]), int(pythons[-1][2:]) + 1)]
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert running in pythons, f"the tests run on Python {running}, which is not in {pythons}"


def test_the_book_is_built_and_published_from_main() -> None:
    workflow = load("book.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    build, deploy, colab = jobs["build"], jobs["deploy"], jobs["colab"]
    assert job_commands(build) == ["make book"] and "make book" in readme_commands("bash")
    uses = [s["uses"].split("@")[0] for s in build["steps"] if "uses" in s]
    assert uses[-2:] == ["actions/configure-pages", "actions/upload-pages-artifact"]
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "_build/html"
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    # the language notebooks: exactly `make language-notebooks`, then a push of _build/colab
    assert colab["permissions"] == {"contents": "write"}
    commands = job_commands(colab)
    assert commands[0] == "make language-notebooks", commands
    assert "_build/colab" in " ".join(commands) and any(
        c.startswith("git push ") and "refs/heads/colab" in c for c in commands
    )
