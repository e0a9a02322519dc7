"""Measure how hard the reviews corpus is: the baseline table of ``data/README.md``.

Trains on the ``train`` split, chooses settings on ``val`` and reports accuracy on ``test``:

* the majority class of the training labels;
* TF-IDF on words + logistic regression (C chosen on val);
* TF-IDF on words and word pairs (uni+bigrams) + logistic regression (C chosen on val);
* a small Keras sequence model: TextVectorization -> Embedding(32) -> Bidirectional(LSTM(32))
  -> Dense(3), Adam(3e-3), batch 32, 15 epochs, the weights of the best val epoch kept.

The data is cleaned first with ``course_utils.data.clean_reviews`` (missing values and duplicates
dropped, text normalised), as chapters 02-04 do. Seeded; about a minute and a half on two CPU
cores. ``--by-construction`` adds val accuracy per construction of the generator (negation,
"A but B", ...), which shows *where* the sequence model wins.

Run: ``uv run --frozen python data/measure_reviews.py [--seed 42 1 2] [--by-construction]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras
import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from threadpoolctl import threadpool_limits

from course_utils.data import SENTIMENTS, clean_reviews

HERE = Path(__file__).resolve().parent
BUNDLED = HERE.parent / "course_utils" / "datasets" / "reviews.csv"  # package data
SEED = 42
C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
EPOCHS = 15
BATCH_SIZE = 32
LEARNING_RATE = 3e-3
SPLITS = ("train", "val", "test")


@dataclass
class Result:
    """One row of the table, plus the val predictions for the per-construction breakdown."""

    val: float
    test: float
    test_f1: float
    seconds: float
    notes: str
    val_pred: np.ndarray


def load(path: Path) -> dict[str, pd.DataFrame]:
    """The cleaned corpus, one DataFrame per split."""
    raw = pd.read_csv(path, dtype={"text": "string"})
    raw["text"] = raw["text"].astype(object).where(raw["text"].notna(), None)
    df = clean_reviews(raw)
    return {s: df[df["split"] == s].reset_index(drop=True) for s in SPLITS}


def random_resplit(data: dict[str, pd.DataFrame], seed: int) -> dict[str, pd.DataFrame]:
    """The same cleaned rows, split at random 70/15/15 instead: what a leaky split reports."""
    df = pd.concat(data.values(), ignore_index=True)
    df = df.iloc[np.random.default_rng(seed).permutation(len(df))].reset_index(drop=True)
    cut1, cut2 = int(0.70 * len(df)), int(0.85 * len(df))
    parts = (df.iloc[:cut1], df.iloc[cut1:cut2], df.iloc[cut2:])
    return {s: p.assign(split=s).reset_index(drop=True) for s, p in zip(SPLITS, parts, strict=True)}


def majority(data: dict[str, pd.DataFrame]) -> tuple[str, Result]:
    label = data["train"]["sentiment"].mode()[0]
    test = data["test"]["sentiment"]
    return label, Result(
        val=float((data["val"]["sentiment"] == label).mean()),
        test=float((test == label).mean()),
        test_f1=f1_score(test, np.full(len(test), label), average="macro"),
        seconds=0.0,
        notes="",
        val_pred=np.full(len(data["val"]), label),
    )


def tfidf_baseline(data: dict[str, pd.DataFrame], ngrams: tuple[int, int]) -> Result:
    """TF-IDF + logistic regression; C is chosen by val accuracy."""
    start = time.perf_counter()
    vec = TfidfVectorizer(ngram_range=ngrams, sublinear_tf=True)
    x = {"train": vec.fit_transform(data["train"]["text"])}
    x |= {s: vec.transform(data[s]["text"]) for s in ("val", "test")}
    y = {s: data[s]["sentiment"] for s in SPLITS}
    best: tuple[float, float, LogisticRegression] | None = None
    for c in C_GRID:
        # one BLAS thread: on a small problem, more threads only wait for each other
        with threadpool_limits(limits=1):
            model = LogisticRegression(C=c, max_iter=2000).fit(x["train"], y["train"])
        val_acc = accuracy_score(y["val"], model.predict(x["val"]))
        if best is None or val_acc > best[0]:
            best = (val_acc, c, model)
    assert best is not None
    val_acc, c, model = best
    test_pred = model.predict(x["test"])
    return Result(
        val=val_acc,
        test=accuracy_score(y["test"], test_pred),
        test_f1=f1_score(y["test"], test_pred, average="macro"),
        seconds=time.perf_counter() - start,
        notes=f"C={c:g}, {len(vec.vocabulary_):,} features",
        val_pred=model.predict(x["val"]),
    )


def sequence_model(data: dict[str, pd.DataFrame], seed: int) -> Result:
    """TextVectorization -> Embedding(32) -> BiLSTM(32) -> Dense(3), best val epoch kept.

    Each batch is padded only to its longest review (``TextVectorization`` without an output
    length, applied per batch in a ``tf.data`` pipeline): about twice as fast on CPU as padding
    every review to the longest one.
    """
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    label_ids = {name: i for i, name in enumerate(SENTIMENTS)}
    vectorize = keras.layers.TextVectorization()
    vectorize.adapt(np.array(data["train"]["text"].tolist(), dtype=object))

    def batches(split: str) -> tf.data.Dataset:
        df = data[split]
        y = df["sentiment"].map(label_ids).to_numpy().astype("int64")
        ds = tf.data.Dataset.from_tensor_slices((df["text"].tolist(), y))
        if split == "train":
            ds = ds.shuffle(len(df), seed=seed)
        return ds.batch(BATCH_SIZE).map(lambda x, y: (vectorize(x), y)).prefetch(2)

    model = keras.Sequential(
        [
            keras.Input(shape=(None,), dtype="int64"),
            keras.layers.Embedding(vectorize.vocabulary_size(), 32, mask_zero=True),
            keras.layers.Bidirectional(keras.layers.LSTM(32)),
            keras.layers.Dense(len(SENTIMENTS), activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(LEARNING_RATE),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    keep_best = keras.callbacks.EarlyStopping(
        monitor="val_accuracy", patience=EPOCHS, restore_best_weights=True
    )
    start, cpu_start = time.perf_counter(), time.process_time()
    history = model.fit(
        batches("train"),
        validation_data=batches("val"),
        epochs=EPOCHS,
        callbacks=[keep_best],
        verbose=0,
    )
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    names = np.array(SENTIMENTS)
    val_pred = names[model.predict(batches("val"), verbose=0).argmax(axis=1)]
    test_pred = names[model.predict(batches("test"), verbose=0).argmax(axis=1)]
    val_curve = history.history["val_accuracy"]
    return Result(
        val=accuracy_score(data["val"]["sentiment"], val_pred),
        test=accuracy_score(data["test"]["sentiment"], test_pred),
        test_f1=f1_score(data["test"]["sentiment"], test_pred, average="macro"),
        seconds=seconds,
        notes=f"best epoch {int(np.argmax(val_curve)) + 1}/{EPOCHS}, "
        f"{model.count_params():,} params, vocabulary {vectorize.vocabulary_size()}, "
        f"{cpu:.0f} s CPU time",
        val_pred=val_pred,
    )


def constructions(csv: Path) -> pd.Series:
    """review_id -> the generator's construction for it ("negation*": held-out material used).

    Regenerates the corpus with ``make_reviews.build(keep_construction=True)``; the seed makes it
    the same corpus, which is checked against the CSV.
    """
    spec = importlib.util.spec_from_file_location("make_reviews", HERE / "make_reviews.py")
    assert spec is not None and spec.loader is not None
    make_reviews = importlib.util.module_from_spec(spec)
    sys.modules["make_reviews"] = make_reviews  # dataclasses look their module up there
    spec.loader.exec_module(make_reviews)
    built = make_reviews.build(keep_construction=True)
    on_disk = pd.read_csv(csv)
    if built["text"].fillna("").tolist() != on_disk["text"].fillna("").tolist():
        raise SystemExit(
            f"{csv} is not what make_reviews.py generates; cannot attach constructions"
        )
    return built.set_index("review_id")["construction"]


def by_construction(val: pd.DataFrame, results: dict[str, Result], csv: Path) -> None:
    tags = val["review_id"].map(constructions(csv))
    table = pd.DataFrame({"construction": tags.str.rstrip("*"), "held-out": tags.str.endswith("*")})
    for name, r in results.items():
        table[name] = r.val_pred == val["sentiment"].to_numpy()
    models = list(results)
    for key in ("construction", "held-out"):
        grouped = table.groupby(key)[models].mean().mul(100).round(0).astype(int)
        grouped.insert(0, "n", table.groupby(key).size())
        print(f"\nval accuracy (%) by {key}:")
        print(grouped.to_string())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=BUNDLED)
    parser.add_argument("--seed", type=int, nargs="+", default=[SEED], help="one or more seeds")
    parser.add_argument("--skip-keras", action="store_true", help="only the fast baselines")
    parser.add_argument(
        "--by-construction", action="store_true", help="val accuracy per construction"
    )
    parser.add_argument(
        "--random-split",
        action="store_true",
        help="ignore the split column and split the cleaned rows at random (to see the leak)",
    )
    args = parser.parse_args()

    data = load(args.csv)
    if args.random_split:
        data = random_resplit(data, args.seed[0])
        print("RANDOM 70/15/15 split of the cleaned rows (not the corpus's split column)")
    print("cleaned rows: " + ", ".join(f"{k} {len(v)}" for k, v in data.items()))

    label, baseline = majority(data)
    results = {
        f"majority ({label})": baseline,
        "TF-IDF uni + LogReg": tfidf_baseline(data, (1, 1)),
        "TF-IDF uni+bi + LogReg": tfidf_baseline(data, (1, 2)),
    }
    if not args.skip_keras:
        for seed in args.seed:
            results[f"BiLSTM seed {seed}"] = sequence_model(data, seed)

    print("\n| model | val acc | test acc | test macro-F1 | train time | notes |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r.val:.3f} | {r.test:.3f} | {r.test_f1:.3f} "
            f"| {r.seconds:.1f} s | {r.notes} |"
        )
    if args.by_construction and not args.random_split:
        by_construction(data["val"], results, args.csv)


if __name__ == "__main__":
    main()
