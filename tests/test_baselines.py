"""The TF-IDF + logistic regression baseline."""

from __future__ import annotations

import pandas as pd
import pytest

from course_utils import baselines


def toy(texts: list[str], labels: list[str]) -> pd.DataFrame:
    return pd.DataFrame({"text": texts, "sentiment": labels})


def test_baseline_learns_a_separable_toy_problem() -> None:
    train = toy(
        ["great phone", "great film", "bahut accha", "terrible phone", "bekaar film", "terrible"],
        ["positive", "positive", "positive", "negative", "negative", "negative"],
    )
    test = toy(["great", "bekaar phone"], ["positive", "negative"])
    assert baselines.baseline_accuracy(train, test) == 1.0


def test_bigrams_are_features() -> None:
    model = baselines.tfidf_logreg((1, 2)).fit(["not good", "good"], ["negative", "positive"])
    assert "not good" in model[0].get_feature_names_out()


@pytest.mark.parametrize(("ngrams", "c"), [((0, 1), 1.0), ((2, 1), 1.0), ((1, 1), 0.0)])
def test_bad_arguments(ngrams: tuple[int, int], c: float) -> None:
    with pytest.raises(ValueError, match="must be"):
        baselines.tfidf_logreg(ngrams, c)


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match=r"test needs the columns .*\['sentiment'\]"):
        baselines.baseline_accuracy(toy(["a"], ["positive"]), pd.DataFrame({"text": ["a"]}))
