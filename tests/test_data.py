"""The dataset registry: bundled files with checksums, fallbacks, clear errors."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from course_utils import data

from .conftest import ROOT


def test_unknown_dataset_lists_what_exists() -> None:
    with pytest.raises(ValueError, match=r"unknown dataset 'revews'\. Available: .*reviews"):
        data.load_dataset("revews")


def test_bundled_reviews_verify_and_load() -> None:
    df = data.load_reviews()
    assert list(df.columns) == ["review_id", "text", "sentiment", "language", "domain", "split"]
    assert 3000 <= len(df) <= 6000
    # the raw file has work for chapter 01's cleaning on purpose
    assert df["text"].isna().sum() > 0
    assert df["sentiment"].isna().sum() > 0
    assert df.duplicated(subset="text").sum() > 0
    assert set(df["sentiment"].dropna()) == set(data.SENTIMENTS)
    assert set(df["split"]) == {"train", "val", "test"}


def test_clean_reviews_removes_missing_and_duplicates() -> None:
    clean = data.load_reviews(clean=True)
    assert clean["text"].notna().all() and clean["sentiment"].notna().all()
    assert not clean.duplicated(subset="text").any()
    assert len(clean) < len(data.load_reviews())
    train, val, test = data.reviews_split(clean)
    assert len(train) > len(val) > 0 and len(test) > 0
    assert len(train) + len(val) + len(test) == len(clean)


def test_clean_reviews_on_a_small_frame() -> None:
    raw = pd.DataFrame(
        {
            "text": ["Accha hai", "accha  hai", None, "Bekar", "ok"],
            "sentiment": ["positive", "positive", "negative", None, "neutral"],
        }
    )
    clean = data.clean_reviews(raw)
    assert clean["text"].tolist() == ["accha hai", "ok"]


def test_clean_reviews_names_missing_columns() -> None:
    with pytest.raises(ValueError, match=r"missing: \['sentiment'\]"):
        data.clean_reviews(pd.DataFrame({"text": ["x"]}))


BUNDLED = ROOT / "course_utils" / "datasets" / "reviews.csv"


@pytest.fixture
def copied_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "my_reviews"
    target.mkdir()
    shutil.copy(BUNDLED, target / "reviews.csv")
    monkeypatch.setenv("COURSE_DATA_DIR", str(target))
    return target


def test_truncated_file_is_detected_with_a_fix(copied_data_dir: Path) -> None:
    path = copied_data_dir / "reviews.csv"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(data.DataIntegrityError, match=r"corrupted or truncated") as err:
        data.load_reviews()
    message = str(err.value)
    # the file that was checked, and advice for where it came from (COURSE_DATA_DIR, not git)
    assert str(path) in message and "git checkout" not in message
    assert "COURSE_DATA_DIR=" in message and "make_reviews.py --out" in message


def test_corrupted_byte_is_detected(copied_data_dir: Path) -> None:
    path = copied_data_dir / "reviews.csv"
    raw = bytearray(path.read_bytes())
    raw[500] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(data.DataIntegrityError, match="sha256"):
        data.load_reviews()


def test_missing_file_says_how_to_restore(copied_data_dir: Path) -> None:
    (copied_data_dir / "reviews.csv").unlink()
    with pytest.raises(data.DataIntegrityError, match=r"missing.*make_reviews\.py"):
        data.load_reviews()


def test_a_folder_in_place_of_the_file_gets_the_missing_file_message(
    copied_data_dir: Path,
) -> None:
    path = copied_data_dir / "reviews.csv"
    path.unlink()
    path.mkdir()
    with pytest.raises(data.DataIntegrityError, match=r"reviews\.csv is a folder, not a file\."):
        data.load_reviews()


def test_crlf_line_endings_are_named_as_the_cause(copied_data_dir: Path) -> None:
    path = copied_data_dir / "reviews.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.raises(data.DataIntegrityError, match=r"CRLF.*content is otherwise right"):
        data.load_reviews()


def test_missing_data_dir_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(FileNotFoundError, match="COURSE_DATA_DIR=.*does not exist"):
        data.data_dir()


def test_data_dir_given_the_csv_itself_points_to_its_folder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COURSE_DATA_DIR", str(BUNDLED))
    with pytest.raises(FileNotFoundError, match=r"is a file, not a folder \(did you mean"):
        data.data_dir()


def test_bundled_data_is_package_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without COURSE_DATA_DIR the file comes from inside the package (importlib.resources), not
    from a data/ folder next to it: a wheel or a non-editable install carries it."""
    import importlib.resources

    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    inside = importlib.resources.files("course_utils") / "datasets" / "reviews.csv"
    assert data.bundled_path("reviews") == Path(str(inside))
    assert data.sha256_of(data.bundled_path("reviews")) == data.DATASETS["reviews"].sha256
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"datasets/*.csv"' in pyproject, "the CSV must be declared as package data"


def test_bundled_path_rejects_non_bundled() -> None:
    with pytest.raises(ValueError, match="not a bundled file. Bundled: reviews"):
        data.bundled_path("digits")


def test_online_datasets_fall_back_without_asking(capsys: pytest.CaptureFixture[str]) -> None:
    df = data.load_dataset("imdb")  # prefer_online defaults to False: never downloads
    assert "bundled 'reviews'" in capsys.readouterr().out
    assert {"text", "sentiment", "split"} <= set(df.columns)


def test_online_datasets_fall_back_when_offline(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_download() -> None:
        raise AssertionError("must not download when offline")

    monkeypatch.setattr(data, "is_online", lambda **_: False)
    monkeypatch.setitem(data._DOWNLOADERS, "mnist", no_download)
    images, labels = data.load_dataset("mnist", prefer_online=True)
    assert "Offline" in capsys.readouterr().out
    assert images.shape == (1797, 8, 8, 1) and labels.shape == (1797,)


def test_failed_download_falls_back(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise TimeoutError("timed out")

    monkeypatch.setattr(data, "is_online", lambda **_: True)
    monkeypatch.setitem(data._DOWNLOADERS, "fashion_mnist", broken)
    images, _ = data.load_dataset("fashion_mnist", prefer_online=True)
    assert "Could not download 'fashion_mnist' (TimeoutError" in capsys.readouterr().out
    assert images.shape[1:] == (8, 8, 1)


def test_is_online_is_false_for_a_closed_port() -> None:
    assert data.is_online("127.0.0.1", port=9, timeout=0.5) is False


def test_digits_are_scaled_images() -> None:
    images, labels = data.load_digits()
    assert images.dtype == np.float32 and images.min() >= 0.0 and images.max() <= 1.0
    assert set(np.unique(labels)) == set(range(10))


def test_generator_reproduces_the_bundled_file(tmp_path: Path) -> None:
    """data/make_reviews.py is seeded: regenerating gives the registered checksum."""
    assert data.sha256_of(BUNDLED) == data.DATASETS["reviews"].sha256
    out = tmp_path / "reviews.csv"
    subprocess.run(
        [sys.executable, str(ROOT / "data" / "make_reviews.py"), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    assert data.sha256_of(out) == data.DATASETS["reviews"].sha256


def test_an_installed_copy_is_repaired_by_reinstalling(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside a git checkout (a wheel in site-packages) the advice is to reinstall the package."""
    installed = tmp_path / "site-packages" / "course_utils" / "datasets"
    installed.mkdir(parents=True)
    (installed / "reviews.csv").write_bytes(BUNDLED.read_bytes()[:500])
    monkeypatch.delenv("COURSE_DATA_DIR", raising=False)
    monkeypatch.setattr(data, "_package_data_dir", lambda: installed)
    with pytest.raises(data.DataIntegrityError) as err:
        data.load_reviews()
    message = str(err.value)
    assert str(installed / "reviews.csv") in message
    assert 'pip install --force-reinstall --no-deps "course-utils @ git+https://' in message
    assert "git checkout" not in message
