"""Text normalisation for English and Hinglish reviews.

Introduced in chapter 01 (section "Text normalisation"); chapters 02-04 reuse it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

#: Common Hinglish spelling variants mapped to the one spelling the course uses (see the glossary).
HINGLISH_SPELLINGS: dict[str, str] = {
    "acha": "accha",
    "achha": "accha",
    "achchha": "accha",
    "achi": "acchi",
    "achhi": "acchi",
    "bohot": "bahut",
    "bahot": "bahut",
    "bhot": "bahut",
    "nahin": "nahi",
    "nai": "nahi",
    "nhi": "nahi",
    "h": "hai",
    "hein": "hain",
    "bekar": "bekaar",
    "bakwas": "bakwaas",
}

_WORD = re.compile(r"[a-z0-9']+|[^\sa-z0-9']")
_REPEATS = re.compile(r"(.)\1{2,}")
_SPACES = re.compile(r"\s+")
_VARIANTS = re.compile(r"\b(" + "|".join(map(re.escape, HINGLISH_SPELLINGS)) + r")\b")


def normalize_text(text: str, unify_spellings: bool = True) -> str:
    """Lower-case, Unicode-normalise, squeeze letter repeats and spaces, unify Hinglish spellings.

    Chapter 01.

    >>> normalize_text("  Bohot   ACHA  phone!!!  ")
    'bahut accha phone!!'
    """
    if not isinstance(text, str):
        hint = (
            " (a missing value: drop empty rows first, e.g. df.dropna())"
            if text is None or (isinstance(text, float) and text != text)
            else ""
        )
        raise TypeError(f"normalize_text expects a str, got {type(text).__name__}: {text!r}{hint}")
    if not isinstance(unify_spellings, bool):
        raise TypeError(f"unify_spellings must be True or False, got {unify_spellings!r}")
    text = unicodedata.normalize("NFKC", text).lower()
    text = _REPEATS.sub(r"\1\1", text)  # "sooooo" -> "soo", "!!!!" -> "!!"
    text = _SPACES.sub(" ", text).strip()
    if unify_spellings:
        text = _VARIANTS.sub(lambda match: HINGLISH_SPELLINGS[match.group(0)], text)
    return text


def tokenize(text: str) -> list[str]:
    """Split normalised text into word and punctuation tokens.

    Chapter 01.

    >>> tokenize("acting acchi thi, par story boring!")
    ['acting', 'acchi', 'thi', ',', 'par', 'story', 'boring', '!']
    """
    return _WORD.findall(normalize_text(text, unify_spellings=False))


#: Words that negate what follows, in English and Hinglish (chapters 01-04 slice results by them).
#: English contractions are single tokens here (:func:`tokenize` keeps the apostrophe: "can't"),
#: so each contraction is listed. Other tokenisers split them differently: scikit-learn's default
#: ``token_pattern`` keeps only "can" of "can't" (the lone "t" is dropped), and Keras'
#: ``TextVectorization`` strips the apostrophe ("cant").
NEGATION_WORDS: frozenset[str] = frozenset(
    {
        "not",
        "no",
        "never",
        "nahi",
        "na",
        "mat",
        "nothing",
        "isn't",
        "wasn't",
        "aren't",
        "weren't",
        "don't",
        "didn't",
        "doesn't",
        "can't",
        "cannot",
        "won't",
        "wouldn't",
        "couldn't",
        "shouldn't",
        "hasn't",
        "haven't",
        "hadn't",
    }  # fmt: skip
)

#: Words that introduce a contrasting clause ("acting acchi thi *par* story boring").
CONTRAST_WORDS: frozenset[str] = frozenset(
    {"but", "par", "pr", "lekin", "magar", "however", "although", "though"}
)


def has_any(text: str, words: Iterable[str]) -> bool:
    """True if ``text`` contains one of ``words`` as a token (see :func:`tokenize`).

    ``words`` is a set, frozenset, list or tuple of words (a bare string is rejected: it
    would be read as a set of letters).

    Chapter 01: used to slice test results into reviews with and without negation.

    >>> has_any("Acting acchi thi, par story boring", CONTRAST_WORDS)
    True
    """
    if isinstance(words, str) or not isinstance(words, Iterable):
        raise TypeError(
            "words must be a set (or list) of words such as {'not', 'nahi'}, got "
            f"{type(words).__name__}: {words!r}"
            + (f"; for one word write {{{words!r}}}" if isinstance(words, str) else "")
        )
    words = words if isinstance(words, frozenset | set) else set(words)
    if not all(isinstance(w, str) for w in words):
        raise TypeError(f"words must all be strings, got {sorted(map(repr, words))[:5]}")
    return not words.isdisjoint(tokenize(text))
