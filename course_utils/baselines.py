"""The bag-of-n-grams baseline that every text model of the course must beat.

Introduced in chapter 01 (section 10); chapters 02-04 compare their models with it.
"""

from __future__ import annotations

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from course_utils._checks import check_int, check_number


def tfidf_logreg(ngram_range: tuple[int, int] = (1, 2), c: float = 10.0) -> Pipeline:
    """TF-IDF features + logistic regression, as built step by step in chapter 01.

    Chapter 01. The defaults are the values chosen on the validation split there.
    ``ngram_range`` is a pair, a tuple or a list: ``(1, 2)`` = words and word pairs.

    >>> model = tfidf_logreg().fit(train["text"], train["sentiment"])  # doctest: +SKIP
    """
    if (
        isinstance(ngram_range, str)
        or not isinstance(ngram_range, tuple | list)
        or len(ngram_range) != 2
    ):
        hint = (
            f"; for n-grams of length {ngram_range} only, write ({ngram_range}, {ngram_range})"
            if isinstance(ngram_range, int)
            else ""
        )
        raise ValueError(
            f"ngram_range must be a pair (low, high) such as (1, 2), got {ngram_range!r}{hint}"
        )
    low = check_int(ngram_range[0], "ngram_range low")
    high = check_int(ngram_range[1], "ngram_range high")
    if not (1 <= low <= high):
        raise ValueError(
            f"ngram_range must be (low, high) with 1 <= low <= high, got {ngram_range}"
        )
    c = check_number(c, "c (inverse regularisation strength)")
    if c <= 0:
        raise ValueError(f"c (inverse regularisation strength) must be > 0, got {c}")
    return make_pipeline(
        TfidfVectorizer(ngram_range=(low, high), sublinear_tf=True),
        LogisticRegression(C=c, max_iter=2000),
    )


def baseline_accuracy(train: pd.DataFrame, test: pd.DataFrame) -> float:
    """Test accuracy of :func:`tfidf_logreg` trained on ``train`` (``text``/``sentiment`` columns).

    Chapters 02-04 use it to compare their sequence models with chapter 01's baseline.
    """
    for name, part in (("train", train), ("test", test)):
        if not isinstance(part, pd.DataFrame):
            raise TypeError(
                f"{name} must be a pandas DataFrame with text and sentiment columns, got "
                f"{type(part).__name__}"
            )
        missing = {"text", "sentiment"} - set(part.columns)
        if missing:
            raise ValueError(
                f"{name} needs the columns text and sentiment; missing {sorted(missing)}"
            )
        if len(part) == 0:
            raise ValueError(f"{name} has no rows: nothing to train on or to score")
        empty = int(part["text"].isna().sum() + part["sentiment"].isna().sum())
        if empty:
            raise ValueError(
                f"{name} has {empty} missing text/sentiment value(s): clean it first "
                "(data.clean_reviews)"
            )
    if train["sentiment"].nunique() < 2:
        raise ValueError(
            "train needs at least two sentiment classes to learn from, got "
            f"{train['sentiment'].unique().tolist()}"
        )
    model = tfidf_logreg().fit(train["text"], train["sentiment"])
    return float((model.predict(test["text"]) == test["sentiment"].to_numpy()).mean())
