"""A Windows checkout: Git for Windows clones with ``core.autocrlf=true`` by default.

Without ``.gitattributes`` that rewrites the bundled CSV with CRLF line endings, its sha256 no
longer matches, and the restore command the error recommended recreated the same bad file. These
tests clone the committed repository the way Git for Windows does and use the checkout.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from course_utils import data

from .conftest import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs git and a git checkout of the course",
)

RELATIVE = "course_utils/datasets/reviews.csv"


def git(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout


@pytest.fixture(scope="module")
def windows_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of the committed repository made as Git for Windows makes it."""
    target = tmp_path_factory.mktemp("windows") / "course"
    subprocess.run(
        ["git", "-c", "core.autocrlf=true", "clone", "-q", str(ROOT), str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    git("config", "core.autocrlf", "true", cwd=target)  # as Git for Windows' system config
    return target


def test_autocrlf_checkout_keeps_the_data_byte_exact(
    windows_clone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked_out = windows_clone / RELATIVE
    assert b"\r\n" not in checked_out.read_bytes(), "the CSV was given CRLF line endings"
    monkeypatch.setenv("COURSE_DATA_DIR", str(checked_out.parent))
    df = data.load_reviews()  # verifies the sha256 of the checked-out file
    assert len(df) > 3000 and set(df["split"]) == {"train", "val", "test"}


def test_every_checksummed_file_is_exempt_from_line_ending_conversion(windows_clone: Path) -> None:
    for spec in data.DATASETS.values():
        if spec.source == "bundled":
            path = f"course_utils/{data.PACKAGE_DATA}/{spec.filename}"
            attrs = git("check-attr", "text", "--", path, cwd=windows_clone)
            assert attrs.strip().endswith("text: unset"), attrs


def test_the_integrity_error_advice_repairs_a_crlf_copy(windows_clone: Path) -> None:
    """Damage the clone's CSV as an old autocrlf checkout did, then run the advised command."""
    csv = windows_clone / RELATIVE
    good = csv.read_bytes()
    csv.write_bytes(good.replace(b"\n", b"\r\n"))
    # a fresh interpreter that imports the clone's course_utils (TensorFlow kept out: not needed)
    code = "import sys; sys.modules['tensorflow'] = None\nfrom course_utils import data\n"
    load = [sys.executable, "-c", code + "data.load_reviews()"]
    env = {k: v for k, v in os.environ.items() if k != "COURSE_DATA_DIR"}
    env["PYTHONPATH"] = str(windows_clone)  # import the clone's course_utils, as a clone does
    failed = subprocess.run(
        load, cwd=windows_clone, env=env, capture_output=True, text=True, timeout=120
    )
    assert failed.returncode != 0
    assert f"{csv} is rewritten with Windows (CRLF) line endings" in failed.stderr
    advice = re.search(r"`(git checkout -- [^`]+)`", failed.stderr)
    assert advice, failed.stderr[-800:]
    subprocess.run(advice.group(1).split(), cwd=windows_clone, check=True, timeout=60)
    assert csv.read_bytes() == good
    repaired = subprocess.run(
        load, cwd=windows_clone, env=env, capture_output=True, text=True, timeout=120
    )
    assert repaired.returncode == 0, repaired.stderr[-800:]
