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
