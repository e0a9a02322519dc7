"""One registry of the course's datasets: bundled files (checksummed), built-in and online ones.

Introduced in chapter 01. Nothing here downloads unless you ask for it with
``prefer_online=True`` *and* the machine is online; otherwise the bundled data is used, with a
message that says so.

>>> sorted(DATASETS)  # doctest: +NORMALIZE_WHITESPACE
['demand', 'digits', 'fashion_mnist', 'imdb', 'mnist', 'reviews', 'shapes',
 'speech_commands', 'voices']
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.metadata
import importlib.resources
import os
import socket
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from course_utils.text import normalize_text

SENTIMENTS = ("negative", "neutral", "positive")


@dataclass(frozen=True)
class DatasetSpec:
    """One entry of :data:`DATASETS`."""

    name: str
    description: str
    source: Literal["bundled", "built-in", "generated", "online"]
    chapter: str
    filename: str | None = None
    sha256: str | None = None
    fallback: str | None = None
    generator: str | None = None  # "module:function" that makes a generated dataset


DATASETS: dict[str, DatasetSpec] = {
    spec.name: spec
    for spec in [
        DatasetSpec(
            "reviews",
            "bilingual (English/Hinglish) product and movie reviews with sentiment labels",
            "bundled",
            "01-04",
            filename="reviews.csv",
            sha256="cfba17aaf4ce33b9df8a61447d4f0c3660d51cd678d69e19c5ee6097c6122d4c",
        ),
        DatasetSpec(
            "digits",
            "8x8 handwritten digits that ship with scikit-learn (1,797 images)",
            "built-in",
            "06",
        ),
        DatasetSpec(
            "imdb",
            "50,000 IMDB movie reviews, positive/negative (keras.datasets, ~80 MB download)",
            "online",
            "02-04",
            fallback="reviews",
        ),
        DatasetSpec(
            "mnist",
            "70,000 28x28 handwritten digits (keras.datasets, ~11 MB download)",
            "online",
            "06",
            fallback="digits",
        ),
        DatasetSpec(
            "fashion_mnist",
            "70,000 28x28 clothing images (keras.datasets, ~30 MB download)",
            "online",
            "06",
            fallback="digits",
        ),
        DatasetSpec(
            "shapes",
            "images of circles, squares and triangles with their boxes, made on the fly (seeded)",
            "generated",
            "07",
            generator="course_utils.detection:make_shapes_dataset",
        ),
        DatasetSpec(
            "demand",
            "daily product demand with weekly and yearly seasonality and noise (seeded)",
            "generated",
            "03",
            generator="course_utils.timeseries:make_demand_series",
        ),
        DatasetSpec(
            "voices",
            "speech-like clips of many synthetic speakers, source-filter synthesis (seeded)",
            "generated",
            "05",
            generator="course_utils.audio:make_voices",
        ),
        DatasetSpec(
            "speech_commands",
            "mini Speech Commands: 1 s spoken words at 16 kHz with speaker ids (~180 MB download)",
            "online",
            "05",
            fallback="voices",
        ),
    ]
}


class DataIntegrityError(ValueError):
    """A bundled file is missing, truncated or corrupted (its sha256 does not match)."""


def _spec(name: str) -> DatasetSpec:
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}. Available: {', '.join(sorted(DATASETS))}.")
    return DATASETS[name]


#: Where the bundled files live inside the package (``course_utils/datasets/``): they are package
#: data, so a wheel or ``pip install git+...`` has them too, with no clone of the repository.
PACKAGE_DATA = "datasets"
DATA_DIR_ENV_VAR = "COURSE_DATA_DIR"


def _package_data_dir() -> Path:
    """The bundled files' folder inside the installed package, through ``importlib.resources``.

    A package imported from a zip archive has no folder on disk: its files are then copied once
    into a temporary folder.
    """
    folder = importlib.resources.files("course_utils") / PACKAGE_DATA
    if isinstance(folder, Path):
        return folder
    target = Path(tempfile.gettempdir()) / "course_utils-datasets"
    target.mkdir(exist_ok=True)
    for item in folder.iterdir():
        if item.is_file():
            (target / item.name).write_bytes(item.read_bytes())
    return target


def data_dir() -> Path:
    """The folder with the bundled data files.

    Chapter 01. ``$COURSE_DATA_DIR`` if set, else the copy that ships inside the package
    (``course_utils/datasets/``, read through ``importlib.resources``): a clone, ``pip install .``,
    a wheel and ``pip install git+...`` all find it.
    """
    env = os.environ.get(DATA_DIR_ENV_VAR, "").strip()
    if not env:
        return _package_data_dir()
    path = Path(env).expanduser()
    if not path.is_dir():
        what = (
            f"is a file, not a folder (did you mean its folder, {path.parent}?)"
            if path.exists()
            else "does not exist"
        )
        raise FileNotFoundError(
            f"{DATA_DIR_ENV_VAR}={env!r}: {path} {what}. Set {DATA_DIR_ENV_VAR} to the folder that "
            "holds reviews.csv, or unset it to use the data that ships with course_utils."
        )
    return path


def sha256_of(path: str | os.PathLike[str]) -> str:
    """Hex sha256 of a file (read in chunks). Chapter 01."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _restore_advice(path: Path, spec: DatasetSpec) -> str:
    """How to get a good copy of ``path`` back, for where it actually came from."""
    script = f"python data/make_{spec.name}.py --out {path}"
    if os.environ.get(DATA_DIR_ENV_VAR, "").strip():
        return (
            f"It was read from {DATA_DIR_ENV_VAR}={os.environ[DATA_DIR_ENV_VAR]!r}: put a good "
            f"copy there (in a clone of the course: `{script}`), or unset {DATA_DIR_ENV_VAR} to "
            "use the copy that ships with course_utils."
        )
    root = path.resolve().parents[2]  # <root>/course_utils/datasets/<file>
    if (root / ".git").exists():
        relative = path.resolve().relative_to(root).as_posix()
        return (
            f"Restore it from the repository: `git checkout -- {relative}` in {root} (its "
            ".gitattributes keeps data files byte-exact; `git pull` first if your clone is "
            f"older), or regenerate it: `python data/make_{spec.name}.py`."
        )
    return (
        "Reinstall the course helpers: `pip install --force-reinstall --no-deps "
        f'"course-utils @ git+{_homepage()}"`.'
    )


def _homepage() -> str:
    """The course repository's address, from the installed package's metadata (pyproject.toml)."""
    with contextlib.suppress(importlib.metadata.PackageNotFoundError):
        for entry in importlib.metadata.metadata("course-utils").get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() == "homepage":
                return url.strip()
    return "https://github.com/hinglish-dl/deep-learning-course"


def bundled_path(name: str, verify: bool = True) -> Path:
    """Path of a bundled dataset's file, checked against its registered sha256.

    Chapter 01. Raises :class:`DataIntegrityError` when the file is missing (or is a folder) or
    does not match; the message names the file that was checked and how to restore it.
    """
    spec = _spec(name)
    if spec.source != "bundled" or spec.filename is None:
        raise ValueError(
            f"dataset {name!r} is {spec.source}, not a bundled file. Bundled: "
            + ", ".join(sorted(n for n, s in DATASETS.items() if s.source == "bundled"))
            + "."
        )
    path = data_dir() / spec.filename
    if not path.is_file():
        what = "is a folder, not a file" if path.exists() else "is missing"
        raise DataIntegrityError(f"bundled file {path} {what}. {_restore_advice(path, spec)}")
    if verify:
        actual = sha256_of(path)
        if actual != spec.sha256:
            raw = path.read_bytes()
            cause = "corrupted or truncated"
            if b"\r\n" in raw:
                fixed = hashlib.sha256(raw.replace(b"\r\n", b"\n")).hexdigest() == spec.sha256
                cause = (
                    "rewritten with Windows (CRLF) line endings"
                    + (" (its content is otherwise right)" if fixed else " and otherwise changed")
                    + ", e.g. by a Git checkout with core.autocrlf=true"
                )
            raise DataIntegrityError(
                f"bundled file {path} is {cause}: sha256 {actual[:12]}... does not match the "
                f"expected {str(spec.sha256)[:12]}.... {_restore_advice(path, spec)}"
            )
    return path


def clean_reviews(df: pd.DataFrame) -> pd.DataFrame:
    """Chapter 01's cleaning, as one function: drop rows without text or label, normalise the
    text, and drop duplicates of the normalised text (first occurrence kept).

    Chapter 01 (section "Cleaning"); chapters 02-04 start from its result.
    """
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            "clean_reviews expects a pandas DataFrame with text and sentiment columns, "
            f"got {type(df).__name__}"
        )
    missing = {"text", "sentiment"} - set(df.columns)
    if missing:
        raise ValueError(
            f"clean_reviews needs the columns text and sentiment; missing: {sorted(missing)}"
        )
    out = df.dropna(subset=["text", "sentiment"]).copy()
    out["text"] = out["text"].map(normalize_text)
    out = out[out["text"].str.len() > 0]
    out = out.drop_duplicates(subset="text", keep="first")
    return out.reset_index(drop=True)


def load_reviews(clean: bool = False) -> pd.DataFrame:
    """The bundled bilingual reviews corpus as a DataFrame (see ``data/README.md``).

    Chapter 01. ``clean=False`` gives the raw file, duplicates and missing values included (for
    teaching cleaning); ``clean=True`` applies :func:`clean_reviews`. The ``split`` column holds
    the course's train/val/test split, which keeps phrasings of the test set out of training.

    >>> load_reviews(clean=True).columns.tolist()  # doctest: +SKIP
    ['review_id', 'text', 'sentiment', 'language', 'domain', 'split']
    """
    df = pd.read_csv(bundled_path("reviews"), dtype={"text": "string"})
    df["text"] = df["text"].astype(object).where(df["text"].notna(), None)
    return clean_reviews(df) if clean else df


def reviews_split(
    df: pd.DataFrame | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """``(train, val, test)`` of the cleaned reviews, by the corpus's own ``split`` column.

    Chapters 01-04. Split names are matched without regard to case or surrounding spaces
    (``"Train"`` counts as ``"train"``); any other name (e.g. ``"validation"``) is an error, so
    no row is dropped without a word. A split with no rows comes back as an empty frame (e.g.
    ``imdb`` has no ``val``).
    """
    if df is None:
        df = load_reviews(clean=True)
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            "reviews_split expects a pandas DataFrame with a 'split' column, got "
            f"{type(df).__name__}"
        )
    if "split" not in df.columns:
        raise ValueError(
            f"reviews_split needs a 'split' column (train/val/test); columns are {list(df.columns)}"
        )
    names = ("train", "val", "test")
    split = df["split"].astype("string").str.strip().str.lower()
    missing = int(split.isna().sum())
    if missing:
        raise ValueError(f"{missing} row(s) have no split name; accepted: train, val, test.")
    unknown = sorted({str(v) for v in df.loc[~split.isin(names).to_numpy(), "split"]})
    if unknown:
        raise ValueError(
            f"unknown split name(s) {unknown} in the 'split' column. Accepted: train, val, test "
            "(any case)."
        )
    parts = tuple(df[(split == s).to_numpy()].reset_index(drop=True) for s in names)
    return parts  # type: ignore[return-value]


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """scikit-learn's 8x8 digits as ``(images, labels)``: float32 images in [0, 1] of shape
    ``(1797, 8, 8, 1)`` and int labels 0-9. Ships with scikit-learn: no download.

    Chapter 06.
    """
    from sklearn.datasets import load_digits as _sk_load_digits

    bunch = _sk_load_digits()
    images = (bunch.images / 16.0).astype("float32")[..., np.newaxis]
    return images, bunch.target.astype("int64")


def is_online(host: str = "storage.googleapis.com", port: int = 443, timeout: float = 2.0) -> bool:
    """True if a TCP connection to ``host`` opens within ``timeout`` seconds. Chapter 01."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def _socket_timeout(seconds: float):  # type: ignore[no-untyped-def]
    old = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(old)


def _download_imdb() -> pd.DataFrame:
    import keras

    (x_tr, y_tr), (x_te, y_te) = keras.datasets.imdb.load_data()
    index = {i + 3: w for w, i in keras.datasets.imdb.get_word_index().items()}
    frames = []
    for split, xs, ys in (("train", x_tr, y_tr), ("test", x_te, y_te)):
        texts = [" ".join(index.get(i, "?") for i in seq[1:]) for seq in xs]
        labels = np.where(ys == 1, "positive", "negative")
        frames.append(pd.DataFrame({"text": texts, "sentiment": labels, "split": split}))
    return pd.concat(frames, ignore_index=True)


def _download_keras_images(name: str) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    import keras

    module = getattr(keras.datasets, name)
    (x_tr, y_tr), (x_te, y_te) = module.load_data()
    scale = np.float32(255.0)
    return (x_tr[..., None] / scale, y_tr, x_te[..., None] / scale, y_te)


def _balanced_subset(files: list[Path], max_clips: int) -> list[Path]:
    """The first ``max_clips // words`` files of every word (the parent folder), sorted.

    Deterministic and balanced: the dataset's files sorted as one list begin with whole words
    (the first 2,000 of mini Speech Commands are all "down" and "go"), so each word gets its
    own share. Files are grouped by word, in alphabetical order of the words.
    """
    by_word: dict[str, list[Path]] = {}
    for f in sorted(files):
        by_word.setdefault(f.parent.name, []).append(f)
    if not by_word:
        return []
    per_word = max(1, max_clips // len(by_word))
    return [f for word in sorted(by_word) for f in by_word[word][:per_word]]


def _download_speech_commands(max_clips: int = 2000) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Mini Speech Commands as ``(waves, speakers, words)``, the format of ``voices``.

    ``max_clips`` clips, the same number of each of the 8 words (250 each by default).
    """
    import keras
    import tensorflow as tf

    url = "http://storage.googleapis.com/download.tensorflow.org/data/mini_speech_commands.zip"
    folder = Path(keras.utils.get_file("mini_speech_commands.zip", url, extract=True))
    found = [
        f
        for f in folder.rglob("*_nohash_*.wav")
        if not any(part.startswith(("__MACOSX", ".")) for part in f.relative_to(folder).parts)
    ]
    files = _balanced_subset(found, max_clips)
    if not files:
        raise FileNotFoundError(f"no .wav files found under {folder}")
    waves, speakers, words = [], [], []
    ids: dict[str, int] = {}
    for f in files:
        audio, _ = tf.audio.decode_wav(tf.io.read_file(str(f)), desired_channels=1)
        wave = np.zeros(16000, dtype=np.float32)
        clip = audio.numpy()[:16000, 0]
        wave[: len(clip)] = clip
        waves.append(wave)
        speakers.append(ids.setdefault(f.name.split("_nohash_")[0], len(ids)))
        words.append(f.parent.name)
    return np.stack(waves), np.array(speakers, dtype=np.int64), words


_DOWNLOADERS: dict[str, Callable[[], Any]] = {
    "speech_commands": _download_speech_commands,
    "imdb": _download_imdb,
    "mnist": lambda: _download_keras_images("mnist"),
    "fashion_mnist": lambda: _download_keras_images("fashion_mnist"),
}


def load_dataset(
    name: str, prefer_online: bool = False, timeout: float = 10.0, **kwargs: Any
) -> Any:
    """Load a dataset from the registry by name.

    Chapter 01. Bundled and built-in datasets load directly. An online dataset is downloaded
    only when ``prefer_online=True`` and the machine is online; otherwise (or if the download
    fails or takes longer than ``timeout`` seconds per connection) its bundled fallback is
    returned and a message says so. Returns:

    * ``reviews`` (cleaned, see :func:`clean_reviews`) / ``imdb``: a DataFrame with ``text``,
      ``sentiment`` and ``split`` columns;
    * ``digits``: ``(images, labels)``;
    * ``mnist`` / ``fashion_mnist``: ``(x_train, y_train, x_test, y_test)`` when downloaded; the
      fallback is ``digits``' ``(images, labels)`` (8x8 instead of 28x28 images);
    * ``speech_commands``: ``(waves, speakers, words)`` like ``voices`` (chapter 05);
    * generated datasets (``shapes``, ``demand``, ``voices``): whatever their generator
      returns; ``kwargs`` (e.g. ``n=``, ``seed=``) are passed to it.

    >>> load_dataset("revews")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ValueError: unknown dataset 'revews'. Available: demand, digits, ..., speech_commands, voices.
    """
    if not isinstance(name, str):
        raise TypeError(
            f"load_dataset takes one dataset name (a str), got {type(name).__name__}: {name!r}. "
            f"Available: {', '.join(sorted(DATASETS))}."
        )
    spec = _spec(name)
    if spec.source == "online":
        assert spec.fallback is not None
        if not prefer_online:
            print(
                f"Using the bundled {spec.fallback!r} data instead of {name!r} "
                f"(pass prefer_online=True on Colab to download {name})."
            )
            return load_dataset(spec.fallback)
        if not is_online(timeout=min(timeout, 3.0)):
            print(f"Offline: using the bundled {spec.fallback!r} data instead of {name!r}.")
            return load_dataset(spec.fallback)
        try:
            with _socket_timeout(timeout):
                return _DOWNLOADERS[name]()
        except Exception as err:  # noqa: BLE001 - any download failure falls back
            print(
                f"Could not download {name!r} ({type(err).__name__}: {err}); "
                f"using the bundled {spec.fallback!r} data instead."
            )
            return load_dataset(spec.fallback)
    if spec.source == "generated":
        assert spec.generator is not None
        module_name, function_name = spec.generator.split(":")
        generator = getattr(importlib.import_module(module_name), function_name)
        return generator(**kwargs)
    if kwargs:
        raise TypeError(f"dataset {name!r} takes no options, got {sorted(kwargs)}")
    if name == "reviews":
        return load_reviews(clean=True)
    if name == "digits":
        return load_digits()
    raise AssertionError(f"no loader registered for {name!r}")  # pragma: no cover
