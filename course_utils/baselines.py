"""The bag-of-n-grams baseline that every text model of the course must beat.

Introduced in chapter 01 (section 10); chapters 02-04 compare their models with it.
"""

from __future__ import annotations

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline


def tfidf_logreg(ngram_range: tuple[int, int] = (1, 2), c: float = 10.0) -> Pipeline:
    """TF-IDF features + logistic regression, as built step by step in chapter 01.

    Chapter 01. The defaults are the values chosen on the validation split there.

    >>> model = tfidf_logreg().fit(train["text"], train["sentiment"])  # doctest: +SKIP
    """
    low, high = ngram_range
    if not (1 <= low <= high):
        raise ValueError(
            f"ngram_range must be (low, high) with 1 <= low <= high, got {ngram_range}"
        )
    if c <= 0:
        raise ValueError(f"c (inverse regularisation strength) must be > 0, got {c}")
    return make_pipeline(
        TfidfVectorizer(ngram_range=ngram_range, sublinear_tf=True),
        LogisticRegression(C=c, max_iter=2000),
    )


def baseline_accuracy(train: pd.DataFrame, test: pd.DataFrame) -> float:
    """Test accuracy of :func:`tfidf_logreg` trained on ``train`` (``text``/``sentiment`` columns).

    Chapters 02-04 use it to compare their sequence models with chapter 01's baseline.
    """
    for name, part in (("train", train), ("test", test)):
        missing = {"text", "sentiment"} - set(part.columns)
        if missing:
            raise ValueError(
                f"{name} needs the columns text and sentiment; missing {sorted(missing)}"
            )
    model = tfidf_logreg().fit(train["text"], train["sentiment"])
    return float((model.predict(test["text"]) == test["sentiment"].to_numpy()).mean())
