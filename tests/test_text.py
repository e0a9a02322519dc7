"""Text normalisation for English and Hinglish."""

from __future__ import annotations

import pytest

from course_utils.text import normalize_text, tokenize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  Bohot   ACHA  phone!!!  ", "bahut accha phone!!"),
        ("Sooooo gooood", "soo good"),
        ("Story NAHIN thi", "story nahi thi"),
        ("acha, bohot acha!", "accha, bahut accha!"),  # variants next to punctuation
        ("hahaha achaar", "hahaha achaar"),  # only whole words are unified
        ("ｆｕｌｌｗｉｄｔｈ", "fullwidth"),  # NFKC folds full-width letters
        ("", ""),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


def test_spelling_unification_can_be_switched_off() -> None:
    assert normalize_text("acha", unify_spellings=False) == "acha"


def test_normalize_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="expects a str, got float"):
        normalize_text(float("nan"))  # type: ignore[arg-type]


def test_tokenize_splits_words_and_punctuation() -> None:
    assert tokenize("Acting acchi thi, par story boring!") == [
        "acting", "acchi", "thi", ",", "par", "story", "boring", "!",
    ]  # fmt: skip


def test_has_any_matches_whole_tokens() -> None:
    from course_utils.text import CONTRAST_WORDS, NEGATION_WORDS, has_any

    assert has_any("I don't think so", NEGATION_WORDS)
    assert has_any("Nahi, bilkul bekaar", NEGATION_WORDS)
    assert not has_any("nothingness here", NEGATION_WORDS)  # whole tokens only
    assert has_any("accha tha, lekin mehenga", CONTRAST_WORDS)
    assert not has_any("butter chicken was great", CONTRAST_WORDS)


@pytest.mark.parametrize("text", ["I can't recommend it", "won't buy again", "Wouldn't watch it"])
def test_contractions_are_single_negation_tokens(text: str) -> None:
    from course_utils.text import NEGATION_WORDS, has_any

    assert any("'" in token for token in tokenize(text)), tokenize(text)  # kept whole
    assert has_any(text, NEGATION_WORDS)


def test_negation_words_cover_every_negative_contraction_of_the_corpus() -> None:
    from collections import Counter

    from course_utils import data
    from course_utils.text import NEGATION_WORDS

    reviews = data.clean_reviews(data.load_reviews())
    tokens = Counter(t for text in reviews["text"] for t in tokenize(text))
    contractions = {t for t in tokens if t.endswith("n't")}
    assert contractions, "the corpus has negative contractions (chapter 01 counts them)"
    assert contractions <= NEGATION_WORDS, sorted(contractions - NEGATION_WORDS)
