"""The commands students type: `make lab` as root, and the README's PowerShell path on Windows.

PowerShell itself is not on this machine; these tests check what can be checked without it: the
README's Windows commands are the Makefile's commands (same extras, same arguments), name extras
that exist, and use no shell syntax that Windows PowerShell 5.1 rejects.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
PYPROJECT = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

needs_make = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def make_dry_run(target: str, uid: int, tmp_path: Path) -> list[str]:
    """``make -n target`` with ``id -u`` answering ``uid``, and uv found as plain ``uv``."""
    fake_bin = tmp_path / f"bin{uid}"
    fake_bin.mkdir()
    (fake_bin / "id").write_text(f"#!/bin/sh\necho {uid}\n", encoding="utf-8")
    (fake_bin / "uv").write_text("#!/bin/sh\nexit 0\n", encoding="utf-8")
    for script in fake_bin.iterdir():
        script.chmod(0o755)
    env = dict(os.environ, PATH=f"{fake_bin}{os.pathsep}{os.environ['PATH']}")
    # the defaults, not what an outer `make test PYTEST_ARGS=...` passes down (MAKEFLAGS)
    for inherited in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTEST_ARGS", "JOBS"):
        env.pop(inherited, None)
    done = subprocess.run(
        ["make", "-n", "-s", target], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return [line.replace(str(fake_bin / "uv"), "uv") for line in done.stdout.splitlines()]


@needs_make
def test_make_lab_passes_allow_root_only_as_root(tmp_path: Path) -> None:
    as_root = [line for line in make_dry_run("lab", 0, tmp_path) if "jupyter lab" in line]
    as_user = [line for line in make_dry_run("lab", 1000, tmp_path) if "jupyter lab" in line]
    assert len(as_root) == 1 and as_root[0].endswith(" --allow-root"), as_root
    assert len(as_user) == 1 and "--allow-root" not in as_user[0], as_user


def powershell_commands() -> list[str]:
    block = re.search(r"```powershell\n(.*?)```", README, re.DOTALL)
    assert block, "README has a ```powershell block (Windows without make)"
    lines = [line.split(" #")[0].strip() for line in block.group(1).splitlines()]
    return [line for line in lines if line]


def test_powershell_commands_use_no_bash_only_syntax() -> None:
    for command in powershell_commands():
        # `&&`/`||` need PowerShell 7; the rest is bash, not PowerShell
        for bash_only in ("&&", "||", "export ", "source ", "$(", "\\", " > /dev/null"):
            assert bash_only not in command, f"{command!r} uses {bash_only!r}"
        assert command.count('"') % 2 == 0 and command.count("'") % 2 == 0, command


def test_powershell_commands_name_existing_extras() -> None:
    extras = set(re.findall(r"^(\w+) = \[", PYPROJECT.split("[project.optional-dependencies]")[1]
                            .split("\n[")[0], re.MULTILINE))  # fmt: skip
    assert {"lab", "dev", "book"} <= extras
    named = {m for c in powershell_commands() for m in re.findall(r"--extra (\S+)", c)}
    assert named and named <= extras, named - extras


@needs_make
@pytest.mark.parametrize("target", ["lab", "test"])
def test_powershell_commands_are_the_makefile_commands(target: str, tmp_path: Path) -> None:
    """Each uv command `make <target>` runs appears, as it is, among the README's commands."""
    ps = powershell_commands()
    made = [
        re.sub(r"^UV=\S+ ", "", line).replace(" --allow-root", "")
        for line in make_dry_run(target, 1000, tmp_path)
        if re.match(r"^(UV=\S+ )?uv (run|sync)", line)
    ]
    assert made, f"make -n {target} shows no uv command"
    for command in made:
        # make passes PYTEST_ARGS (empty by default) and JOBS=2, as the README writes them
        assert command.strip() in ps, f"`make {target}` runs {command!r}; README: {ps}"
