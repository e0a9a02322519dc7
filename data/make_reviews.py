"""Generate the course's bilingual reviews corpus, ``course_utils/datasets/reviews.csv``.

The corpus holds short movie and product reviews in English, Hinglish (Hindi written in Latin
script, mixed with English words) and code-mixed English + Hinglish, labelled positive, negative
or neutral. It is synthetic: every review is put together from a small grammar of *constructions*
(plain praise or complaint, negation, "I don't think ...", "A but B", "I expected X but ...") and
a small vocabulary. The grammar is written so that word order matters: "acting acchi thi par story
boring thi" and "story boring thi par acting acchi thi" contain the same words and have opposite
labels, which a bag-of-words model cannot tell apart and a sequence model can.

How the split is made (the important part): the validation and test reviews are generated with
*extra* phrasings and vocabulary that the training reviews never use -- new templates (for example
"Although A, B" where training only has "B although A"), adjectives that training only ever uses
un-negated ("impressive" in training, "not impressive" in test), unseen adjectives, nouns,
openers and spellings. A model therefore has to generalise to pass the test set; memorising
templates is not enough. No text occurs in two splits, even after lower-casing and unifying
Hinglish spellings.

The raw file is deliberately imperfect, so that chapter 01 has cleaning to do: exact duplicates,
case/whitespace variants of reviews, missing and blank texts, missing labels, and about 5% of
labels flipped at random (label noise). See ``data/README.md`` for the datasheet.

Run ``python data/make_reviews.py`` to rewrite ``course_utils/datasets/reviews.csv`` (the copy that
ships inside the package); with the same seed the file is byte-identical every time, on every
platform (Unix line endings). Only the standard library, NumPy and pandas are used.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np
import pandas as pd

SEED = 2024
SPLIT_SIZES = {"train": 2800, "val": 600, "test": 600}  # before duplicates are added
LABEL_SHARES = {"positive": 0.40, "negative": 0.35, "neutral": 0.25}
LANGUAGE_SHARES = {"en": 0.40, "hinglish": 0.35, "mixed": 0.25}
DOMAIN_SHARES = {"movie": 0.5, "product": 0.5}

# Deliberate imperfections (shares of the rows of each split).
LABEL_NOISE = 0.05
EXACT_DUPLICATES = 0.025
VARIANT_DUPLICATES = 0.007  # the same review with different case or spacing
MISSING_TEXT = 0.007
BLANK_TEXT = 0.003
MISSING_LABEL = 0.01

# How much of val/test uses what training never sees (probabilities per draw).
NOVEL_PHRASING = 0.5  # a construction's held-out phrasing, where it has one
NOVEL_NEGATION = 0.5  # a negated adjective that training only shows un-negated
HELDOUT_WORD = 0.08  # an adjective that training never shows
HELDOUT_NOUN = 0.15  # an aspect, product or film type that training never shows

POLARITY = {"positive": 1, "negative": -1, "neutral": 0}

# The bundled copy, package data of course_utils (so that a wheel carries it).
BUNDLED = Path(__file__).resolve().parents[1] / "course_utils" / "datasets" / "reviews.csv"

T = TypeVar("T")


# --------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Noun:
    """Something a review talks about: a film, a product, or an aspect of one.

    ``gender`` is the Hindi grammatical gender ("m", "f") or "pl" for plurals; it decides
    "camera accha hai" vs "battery acchi hai" vs "gaane acche the", and "is" vs "are".
    """

    en: str
    hi: str
    gender: str
    heldout: bool = False  # only in val/test
    owners: tuple[str, ...] = ()  # products an aspect belongs to; empty means all


@dataclass(frozen=True)
class Word:
    """An adjective with its polarity and spellings.

    ``tier`` controls the split: "core" words appear everywhere, plain and negated;
    "unnegated" words appear everywhere, but negated only in val/test; "heldout" words appear
    only in val/test. Hindi adjectives that end in -a/-i/-e by gender are given as stems.
    """

    forms: tuple[str, ...]
    polarity: int
    tier: str = "core"
    negatable: bool = True
    inflects: bool = False
    eval_forms: tuple[str, ...] = ()  # spellings only used in val/test


FILMS = (
    Noun("movie", "movie", "f"),
    Noun("film", "film", "f"),
    Noun("film", "picture", "f"),
    Noun("web series", "web series", "f", heldout=True),
)
MOVIE_ASPECTS = (
    Noun("story", "story", "f"),
    Noun("story", "kahani", "f"),
    Noun("acting", "acting", "f"),
    Noun("music", "music", "m"),
    Noun("songs", "gaane", "pl"),
    Noun("direction", "direction", "f"),
    Noun("screenplay", "screenplay", "m"),
    Noun("climax", "climax", "m"),
    Noun("dialogues", "dialogues", "pl"),
    Noun("first half", "first half", "m"),
    Noun("second half", "second half", "m"),
    Noun("ending", "ending", "f"),
    Noun("comedy", "comedy", "f"),
    Noun("action scenes", "action scenes", "pl"),
    Noun("background score", "background score", "m", heldout=True),
    Noun("cinematography", "cinematography", "f", heldout=True),
    Noun("villain", "villain", "m", heldout=True),
    Noun("editing", "editing", "f", heldout=True),
)
PRODUCTS = (
    Noun("phone", "phone", "m"),
    Noun("earphones", "earphones", "pl"),
    Noun("laptop", "laptop", "m"),
    Noun("smartwatch", "smartwatch", "f"),
    Noun("TV", "TV", "m"),
    Noun("power bank", "power bank", "m"),
    Noun("mixer grinder", "mixer", "m"),
    Noun("shoes", "joote", "pl"),
    Noun("kurta", "kurta", "m"),
    Noun("speaker", "speaker", "m"),
    Noun("air fryer", "air fryer", "m", heldout=True),
    Noun("trimmer", "trimmer", "m", heldout=True),
)
_ELECTRONIC = ("phone", "earphones", "laptop", "smartwatch", "TV", "speaker", "tablet")
PRODUCT_ASPECTS = (
    Noun("quality", "quality", "f"),
    Noun("build quality", "build quality", "f"),
    Noun("packaging", "packaging", "f"),
    Noun("delivery", "delivery", "f"),
    Noun("customer service", "customer service", "f"),
    Noun("battery", "battery", "f", owners=("phone", "earphones", "laptop", "smartwatch")),
    Noun("battery backup", "battery backup", "m", owners=("phone", "laptop", "power bank")),
    Noun("camera", "camera", "m", owners=("phone", "laptop")),
    Noun("display", "display", "m", owners=("phone", "laptop", "smartwatch", "TV")),
    Noun("screen", "screen", "f", owners=("phone", "laptop", "TV")),
    Noun("sound quality", "sound quality", "f", owners=("earphones", "TV", "speaker", "phone")),
    Noun("bass", "bass", "m", owners=("earphones", "speaker")),
    Noun("performance", "performance", "f", owners=_ELECTRONIC),
    Noun("charging speed", "charging speed", "f", owners=("phone", "power bank")),
    Noun("keyboard", "keyboard", "m", owners=("laptop",)),
    Noun("strap", "strap", "m", owners=("smartwatch",)),
    Noun("motor", "motor", "m", owners=("mixer grinder",)),
    Noun("fabric", "kapda", "m", owners=("kurta",)),
    Noun("fitting", "fitting", "f", owners=("kurta", "shoes")),
    Noun("comfort", "comfort", "m", owners=("shoes",)),
    Noun("colour", "rang", "m", owners=("kurta", "shoes")),
    Noun("fingerprint sensor", "fingerprint sensor", "m", heldout=True, owners=("phone",)),
    Noun("stitching", "silai", "f", heldout=True, owners=("kurta", "shoes")),
    Noun("heating", "heating", "f", heldout=True, owners=("air fryer",)),
    Noun("blades", "blades", "pl", heldout=True, owners=("trimmer", "mixer grinder")),
    Noun("speakers", "speakers", "pl", heldout=True, owners=("laptop", "TV", "phone")),
)

EN_WORDS = (
    # positive
    Word(("good",), 1),
    Word(("great",), 1),
    Word(("nice",), 1),
    Word(("amazing",), 1),
    Word(("excellent",), 1),
    Word(("impressive",), 1, "unnegated"),
    Word(("brilliant",), 1),
    Word(("awesome",), 1, "unnegated"),
    Word(("fantastic",), 1, "unnegated"),
    Word(("superb",), 1),
    Word(("wonderful",), 1, "unnegated"),
    Word(("outstanding",), 1, "unnegated"),
    Word(("solid",), 1, "unnegated"),
    Word(("top-notch",), 1, "heldout"),
    Word(("stellar",), 1, "heldout"),
    # negative
    Word(("bad",), -1),
    Word(("boring",), -1),
    Word(("terrible",), -1),
    Word(("poor",), -1, negatable=False),
    Word(("disappointing",), -1),
    Word(("dull",), -1, "unnegated"),
    Word(("weak",), -1, "unnegated"),
    Word(("awful",), -1, "unnegated", negatable=False),
    Word(("horrible",), -1, "unnegated", negatable=False),
    Word(("pathetic",), -1, "unnegated", negatable=False),
    Word(("useless",), -1, "unnegated", negatable=False),
    Word(("annoying",), -1, "unnegated"),
    Word(("lacklustre",), -1, "heldout", negatable=False),
    Word(("subpar",), -1, "heldout", negatable=False),
    # neutral
    Word(("okay", "ok"), 0, negatable=False),
    Word(("average",), 0, negatable=False),
    Word(("fine",), 0, negatable=False),
    Word(("alright",), 0, negatable=False),
    Word(("ordinary",), 0, negatable=False),
    Word(("so-so",), 0, negatable=False),
    Word(("passable",), 0, "heldout", negatable=False),
)
HI_WORDS = (
    # positive
    Word(("acch", "ach"), 1, inflects=True, eval_forms=("achh",)),
    Word(("badhiya", "badiya"), 1, eval_forms=("badhia",)),
    Word(("zabardast", "jabardast"), 1),
    Word(("shandaar", "shaandaar"), 1, "unnegated"),
    Word(("kamaal k",), 1, "unnegated", inflects=True),
    Word(("mast",), 1, "unnegated"),
    Word(("lajawab",), 1, "unnegated"),
    Word(("dhansu",), 1, "heldout"),
    Word(("jhakaas",), 1, "heldout"),
    # negative
    Word(("bur",), -1, inflects=True),
    Word(("bekaar", "bekar"), -1),
    Word(("bakwaas", "bakwas"), -1, "unnegated", eval_forms=("bakwass",)),
    Word(("faltu",), -1),
    Word(("ghatiya",), -1, "unnegated", negatable=False),
    Word(("kharab", "kharaab"), -1, "unnegated", negatable=False, eval_forms=("khraab",)),
    Word(("wahiyat",), -1, "heldout", negatable=False),
    Word(("pakau",), -1, "heldout", negatable=False),
    # neutral
    Word(("theek thaak", "thik thak", "theek-thaak"), 0, negatable=False),
    Word(("average",), 0, negatable=False),
    Word(("normal",), 0, negatable=False),
    Word(("thik", "theek"), 0, negatable=False),
)
HI_ENDINGS = {"m": "a", "f": "i", "pl": "e"}

# Spelling variants of frequent Hinglish words; the second tuple is only used in val/test.
SPELLINGS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "bahut": (("bahut", "bohot", "bahot"), ("bhot",)),
    "nahi": (("nahi", "nahin"), ("nhi",)),
    "ekdum": (("ekdum", "ekdam"), ()),
    "kaafi": (("kaafi", "kafi"), ()),
    "yeh": (("ye", "yeh"), ()),
    "bilkul": (("bilkul",), ("bilkull",)),
    "lekin": (("lekin",), ("lekn",)),
}

EN_INTENSIFIERS = ("very", "really", "so", "quite", "pretty", "extremely", "super")
NEUTRAL_INTENSIFIERS = {"en": ("just", "pretty", "kind of"), "hi": ("bas", "thoda")}


# --------------------------------------------------------------------------------------------
# Sampling helpers
# --------------------------------------------------------------------------------------------


class Sampler:
    """Random choices for one split. ``novel=True`` (val/test) unlocks held-out material."""

    def __init__(self, rng: np.random.Generator, novel: bool) -> None:
        self.rng = rng
        self.novel = novel
        self.novelties = 0  # held-out material used in the current review (see make_review)

    def integers(self, high: int) -> int:
        return int(self.rng.integers(high))

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def pick(self, options: Sequence[T]) -> T:
        return options[int(self.rng.integers(len(options)))]

    def weighted(self, options: dict[T, float]) -> T:
        keys = list(options)
        weights = np.array([options[k] for k in keys], dtype=float)
        return keys[int(self.rng.choice(len(keys), p=weights / weights.sum()))]

    def held(self, p: float) -> bool:
        """True with probability ``p`` in val/test, never in train."""
        hit = self.novel and self.chance(p)
        self.novelties += hit
        return hit

    def spell(self, key: str) -> str:
        common, rare = SPELLINGS[key]
        return self.pick(common + rare if self.novel else common)

    def noun(self, options: Sequence[Noun]) -> Noun:
        pool = [n for n in options if n.heldout] if self.held(HELDOUT_NOUN) else []
        return self.pick(pool or [n for n in options if not n.heldout])

    def thing(self, domain: str) -> Noun:
        return self.noun(FILMS if domain == "movie" else PRODUCTS)

    def aspect(self, thing: Noun, domain: str) -> Noun:
        if domain == "movie":
            return self.noun(MOVIE_ASPECTS)
        options = [a for a in PRODUCT_ASPECTS if not a.owners or thing.en in a.owners]
        return self.noun(options)

    def word(self, lang: str, polarity: int, negated: bool = False) -> Word:
        """An adjective of ``polarity`` for a clause in ``lang`` ("en" or "hi")."""
        pool = EN_WORDS if lang == "en" or self.chance(0.3) else HI_WORDS
        pool = tuple(w for w in pool if w.polarity == polarity)
        if negated:
            pool = tuple(w for w in pool if w.negatable)
            novel = [w for w in pool if w.tier == "unnegated"]
            if novel and self.held(NOVEL_NEGATION):
                return self.pick(novel)
            return self.pick(
                [w for w in pool if w.tier == "core" or self.novel and w.tier != "heldout"]
            )
        heldout = [w for w in pool if w.tier == "heldout"]
        if heldout and self.held(HELDOUT_WORD):
            return self.pick(heldout)
        return self.pick([w for w in pool if w.tier != "heldout"])

    def form(self, word: Word, gender: str = "m") -> str:
        stem = self.pick(word.forms + word.eval_forms if self.novel else word.forms)
        return stem + HI_ENDINGS[gender] if word.inflects else stem


# --------------------------------------------------------------------------------------------
# Clauses: "<noun> is <adjective>" in English or Hinglish
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clause:
    """A judgement "noun is (not) word"; ``owner`` is the film/product an aspect belongs to."""

    noun: Noun
    word: Word
    lang: str  # "en" or "hi"
    negated: bool = False
    owner: Noun | None = None

    @property
    def polarity(self) -> int:
        return -self.word.polarity if self.negated else self.word.polarity


def be_en(noun: Noun, tense: str, negated: bool, s: Sampler) -> str:
    plural = noun.gender == "pl"
    verb = {"present": ("is", "are"), "past": ("was", "were")}[tense][plural]
    if not negated:
        return verb
    return s.pick([f"{verb} not", f"{verb}n't"])


def be_hi(gender: str, tense: str, s: Sampler) -> str:
    if tense == "present":
        return s.pick(["hain", "hai"]) if gender == "pl" else "hai"
    return {"m": "tha", "f": "thi", "pl": "the"}[gender]


def subject_en(c: Clause, s: Sampler) -> str:
    noun = c.noun.en
    if c.owner is None:
        return s.pick([f"the {noun}", f"this {noun}", f"the {noun}", noun])
    owner = c.owner.en
    return s.pick(
        [f"the {noun}", f"the {noun}", noun, f"the {noun} of this {owner}", f"its {noun}"]
    )


def subject_hi(c: Clause, s: Sampler) -> str:
    noun = c.noun.hi
    if c.owner is None:
        return s.pick([f"{s.spell('yeh')} {noun}", noun, noun])
    of = {"m": "ka", "f": "ki", "pl": "ke"}[c.noun.gender]
    owner = c.owner.hi
    return s.pick([noun, noun, f"{owner} {of} {noun}", f"is {owner} {of} {noun}"])


def intensifier(c: Clause, s: Sampler) -> str:
    """ "very ", "bohot ", "just " or nothing."""
    if not s.chance(0.35):
        return ""
    if c.word.polarity == 0:
        return s.pick(NEUTRAL_INTENSIFIERS[c.lang]) + " "
    if c.lang == "en":
        return s.pick(EN_INTENSIFIERS) + " "
    options = ["bahut", "kaafi", "ekdum"] + (["bilkul"] if c.word.polarity < 0 else [])
    return s.spell(s.pick(options)) + " "


def clause_en(c: Clause, tense: str, s: Sampler, phrase_ok: bool = False) -> str:
    adj = s.form(c.word)
    subject = subject_en(c, s)
    be = be_en(c.noun, tense, c.negated, s)
    if c.negated:
        if c.word.polarity > 0 and s.chance(0.25):
            return f"{subject} {be} that {adj}"
        if s.held(0.3):
            return s.pick([f"{subject} {be} at all {adj}", f"{subject} {be} even slightly {adj}"])
        return f"{subject} {be} {adj}" + (" at all" if s.chance(0.25) else "")
    very = intensifier(c, s)
    if phrase_ok and s.chance(0.15):  # a noun phrase: "really good camera"
        return f"{very}{adj} {c.noun.en}"
    return f"{subject} {be} {very}{adj}"


def clause_hi(c: Clause, tense: str, s: Sampler, phrase_ok: bool = False) -> str:
    gender = c.noun.gender
    adj = s.form(c.word, gender)
    subject = subject_hi(c, s)
    be = be_hi(gender, tense, s)
    if c.negated:
        nahi = s.spell("nahi")
        roll = s.rng.random()
        if c.word.polarity > 0 and roll < 0.25:
            itna = {"m": "itna", "f": "itni", "pl": "itne"}[gender]
            return f"{subject} {itna} {adj} {nahi} {be}"
        if roll < 0.5:
            return f"{subject} {s.spell('bilkul')} bhi {adj} {nahi} {be}"
        if s.held(0.3):
            return f"{subject} {adj} toh {nahi} {be}"
        return f"{subject} {adj} {nahi} {be}" if s.chance(0.7) else f"{subject} {adj} {nahi}"
    very = intensifier(c, s)
    if phrase_ok and gender != "pl" and s.chance(0.15):  # subject last: "bahut acchi thi story"
        return f"{very}{adj} {be} {c.noun.hi}"
    return f"{subject} {very}{adj} {be}"


def render(c: Clause, tense: str, s: Sampler, phrase_ok: bool = False) -> str:
    """The clause as text. ``phrase_ok`` allows freer forms that only work as a whole sentence."""
    if c.lang == "en":
        return clause_en(c, tense, s, phrase_ok)
    return clause_hi(c, tense, s, phrase_ok)


# --------------------------------------------------------------------------------------------
# Constructions: each returns the sentences of one review (text, language) and its label
# --------------------------------------------------------------------------------------------

Sentences = list[tuple[str, str]]  # (text, languages used in it: "en", "hi" or "en hi")


def langs(*used: str) -> str:
    return " ".join(sorted(set(" ".join(used).split())))


def article(word: str) -> str:
    return f"an {word}" if word[0] in "aeiou" else f"a {word}"


@dataclass
class Context:
    """What every construction needs: the sampler, the review's language, domain and topic."""

    s: Sampler
    language: str  # "en", "hinglish" or "mixed"
    domain: str
    thing: Noun
    tense: str  # "past" or "present"
    used: set[str] = field(default_factory=set)  # aspects already talked about

    def lang(self) -> str:
        """Language of the next piece of text: "en" or "hi" (random for mixed reviews)."""
        if self.language == "mixed":
            return self.s.pick(["en", "hi"])
        return "en" if self.language == "en" else "hi"

    def clause(
        self, polarity: int, negated: bool = False, overall: bool = False, lang: str | None = None
    ) -> Clause:
        """A clause of ``polarity`` about an aspect (or, with ``overall``, the thing itself)."""
        lang = lang or self.lang()
        word = self.s.word(lang, -polarity if negated else polarity, negated)
        if overall:
            return Clause(self.thing, word, lang, negated)
        aspect = self.s.aspect(self.thing, self.domain)
        for _ in range(5):  # talk about each aspect once
            if aspect.hi not in self.used:
                break
            aspect = self.s.aspect(self.thing, self.domain)
        self.used.add(aspect.hi)
        return Clause(aspect, word, lang, negated, owner=self.thing)

    def say(self, c: Clause, phrase_ok: bool = False) -> str:
        return render(c, self.tense, self.s, phrase_ok)


def join_and(parts: Sequence[str], lang: str) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + (" and " if lang == "en" else " aur ") + parts[-1]


def plain(ctx: Context, polarity: int) -> Sentences:
    """One to three judgements of the same polarity: "camera is great and battery is good"."""
    s = ctx.s
    n = 1 + s.pick([0, 0, 1, 1, 2])
    if s.chance(0.5):  # one sentence: "A, B and C"
        lang = ctx.lang()
        clauses = [
            ctx.clause(polarity, overall=i == 0 and s.chance(0.35), lang=lang) for i in range(n)
        ]
        return [(join_and([ctx.say(c) for c in clauses], lang), lang)]
    clauses = [ctx.clause(polarity, overall=i == 0 and s.chance(0.35)) for i in range(n)]
    return [(ctx.say(c, phrase_ok=True), c.lang) for c in clauses]


SHORT_PHRASES = {
    1: {
        "en": (
            "Loved it",
            "Must watch",
            "Worth every penny",
            "Value for money",
            "Highly recommended",
        ),
        "hi": ("Paisa vasool", "Dil khush ho gaya", "Ekdum first class", "Zaroor dekho"),
    },
    -1: {
        "en": ("Waste of money", "Total waste of time", "Avoid", "Worst ever", "Do not buy"),
        "hi": ("Paisa barbaad", "Time waste", "Sar dard ho gaya", "Mat lena", "Bilkul bekaar"),
    },
    0: {
        "en": ("One time watch", "Nothing special", "Could be better", "It does the job"),
        "hi": ("Ek baar dekh sakte ho", "Kuch khaas nahi", "Chalega", "Theek hai bas"),
    },
}


def short(ctx: Context, polarity: int) -> Sentences:
    """A few words: "Paisa vasool!", "bahut badhiya phone", "Nothing special"."""
    s, lang = ctx.s, ctx.lang()
    if s.chance(0.4):
        return [(s.pick(SHORT_PHRASES[polarity][lang]), lang)]
    word = s.word(lang, polarity)
    if lang == "en":
        text = f"{s.pick(EN_INTENSIFIERS)} {s.form(word)} {ctx.thing.en}"
    else:
        text = f"{s.spell('bahut')} {s.form(word, ctx.thing.gender)} {ctx.thing.hi}"
    return [(text, lang)]


def neutral(ctx: Context, polarity: int) -> Sentences:
    """Neutral reviews: "okay"-words, "neither good nor bad", balanced pros and cons."""
    s = ctx.s
    kind = s.weighted({"word": 0.4, "neither": 0.2, "balanced": 0.25, "phrase": 0.15})
    if kind == "word":
        return plain(ctx, 0)
    if kind == "phrase":
        return short(ctx, 0)
    lang = ctx.lang()
    g = ctx.thing.gender
    if kind == "neither":
        good, bad = s.form(s.word(lang, 1), g), s.form(s.word(lang, -1), g)
        if lang == "en":
            text = s.pick(
                [
                    f"neither {good} nor {bad}",
                    f"not {good}, not {bad} either",
                    f"not {bad}, but not {good} either",
                ]
            )
            if s.chance(0.4):
                text = f"the {ctx.thing.en} {be_en(ctx.thing, ctx.tense, False, s)} {text}"
            return [(text, lang)]
        meh = s.form(s.word(lang, 0), g)
        return [(f"na {good} na {bad}, bas {meh} {be_hi(g, ctx.tense, s)}", lang)]
    # balanced: one good and one bad point, then a neutral verdict
    pros_first = s.chance(0.5)
    a, b = ctx.clause(1 if pros_first else -1), ctx.clause(-1 if pros_first else 1)
    word = s.form(s.word(lang, 0), g)
    end = f"Overall {word}" if lang == "en" else f"Overall {word} {be_hi('m', ctx.tense, s)}"
    return [(ctx.say(a), a.lang), (ctx.say(b), b.lang), (end, lang)]


def negation(ctx: Context, polarity: int) -> Sentences:
    """Local negation: "not bad at all" (positive), "camera acchi nahi hai" (negative)."""
    s = ctx.s
    main = ctx.clause(polarity, negated=True, overall=s.chance(0.4))
    out = [(ctx.say(main), main.lang)]
    if s.chance(0.3):  # a second, plainly worded clause that agrees
        extra = ctx.clause(polarity)
        out.insert(int(s.chance(0.5)), (ctx.say(extra), extra.lang))
    return out


LONG_NEGATION = {
    "en": ("I don't think {c}", "I do not think {c}", "I wouldn't say {c}", "I can't say {c}"),
    "hi": ("mujhe nahi lagta ki {c}", "mujhe nahi laga ki {c}", "main nahi kahunga ki {c}"),
}
LONG_NEGATION_HELDOUT = {
    "en": (
        "I honestly don't think that {c}",
        "I really can't say that, after all the hype, {c}",
        "I do not feel that {c}",
    ),
    "hi": (
        "mujhe sach mein nahi lagta ki {c}",
        "main toh bilkul nahi kahunga ki {c}",
        "kisi bhi angle se nahi lagta ki {c}",
    ),
}


def long_negation(ctx: Context, polarity: int) -> Sentences:
    """Negation far from the adjective: "mujhe nahi lagta ki camera accha hai" (negative)."""
    s = ctx.s
    c = ctx.clause(-polarity, overall=s.chance(0.3))  # the clause itself is said un-negated
    frame = ctx.lang() if ctx.language == "mixed" else c.lang
    frames = LONG_NEGATION_HELDOUT if s.held(NOVEL_PHRASING) else LONG_NEGATION
    return [(s.pick(frames[frame]).format(c=ctx.say(c)), langs(frame, c.lang))]


CONTRAST = {"en": ("but", "but honestly"), "hi": ("par", "lekin", "pr")}
CONTRAST_HELDOUT = {"en": ("however", "but then again"), "hi": ("magar", "lekin phir bhi")}


def contrast(ctx: Context, polarity: int) -> Sentences:
    """'A but B': the clause after the connective decides the label.

    "acting acchi thi par story boring thi" is negative; swap the clauses and it is positive.
    """
    s = ctx.s
    # usually the opposite polarity first, sometimes a neutral remark (or either, for neutral)
    first = s.pick([1, -1]) if polarity == 0 else 0 if s.chance(0.15) else -polarity
    a_lang = ctx.lang()
    n_first = 1 + int(s.chance(0.45 if s.novel else 0.25))
    firsts = [ctx.clause(first, lang=a_lang) for _ in range(n_first)]
    last = ctx.clause(polarity, negated=polarity != 0 and s.chance(0.2), overall=s.chance(0.25))
    lang = ctx.lang() if ctx.language == "mixed" else a_lang
    but = s.pick((CONTRAST_HELDOUT if s.held(0.3) else CONTRAST)[lang])
    a, b = join_and([ctx.say(c) for c in firsts], a_lang), ctx.say(last)
    if s.chance(0.25):
        return [(a, a_lang), (f"{but.capitalize()} {b}", langs(lang, last.lang))]
    return [(f"{a} {but} {b}", langs(a_lang, lang, last.lang))]


def concession(ctx: Context, polarity: int) -> Sentences:
    """'B although A' / 'B, bhale hi A': the main clause B decides, wherever it stands."""
    s = ctx.s
    ca = ctx.clause(-polarity or s.pick([1, -1]))
    cb = ctx.clause(polarity, overall=s.chance(0.4))
    a, b = ctx.say(ca), ctx.say(cb)
    lang = ctx.lang() if ctx.language == "mixed" else ca.lang
    if s.held(NOVEL_PHRASING):  # the concession comes first: never seen in training
        if lang == "en":
            text = f"{s.pick(['Although', 'Even though', 'Though'])} {a}, {b}"
        else:
            text = f"{s.pick(['Bhale hi', 'Chahe'])} {a}, phir bhi {b}"
    elif lang == "en":
        text = s.pick([f"{b} although {a}", f"{b}, even though {a}", f"{a}, still {b}"])
    else:
        text = s.pick([f"{b}, bhale hi {a}", f"{a}, phir bhi {b}"])
    return [(text, langs(lang, ca.lang, cb.lang))]


def expectation(ctx: Context, polarity: int) -> Sentences:
    """'I expected it to be great but it was a letdown': what happened decides, not the hope."""
    s = ctx.s
    lang = ctx.lang()
    g = ctx.thing.gender
    x = s.form(s.word(lang, -polarity or s.pick([1, -1])), g)
    y = s.form(s.word(lang, polarity), g)
    hoga = {"m": "hoga", "f": "hogi", "pl": "honge"}[g]
    nikla = {"m": "nikla", "f": "nikli", "pl": "nikle"}[g]
    if s.held(NOVEL_PHRASING):
        if lang == "en":
            options = [f"Everyone said it was {x}, but for me it was {y}"]
            if polarity != 0:
                options.append(f"It was not as {x} as I expected")
        else:
            options = [
                f"Mujhe laga tha {x} {hoga}, magar {y} {nikla}",
                f"Sab keh rahe the {x} hai, par mujhe toh {y} laga",
            ]
    elif lang == "en":
        options = [
            f"I expected it to be {x} but it was {y}",
            f"I was expecting {article(x)} {ctx.thing.en}, but it turned out to be {y}",
            f"Thought it would be {x}, but it was {y}",
        ]
        if polarity != 0:
            surprise = "a pleasant surprise" if polarity > 0 else "a letdown"
            options.append(f"I expected it to be {x} but it was {surprise}")
    else:
        options = [
            f"socha tha {x} {hoga}, par {y} {nikla}",
            f"umeed thi ki {ctx.thing.hi} {x} {hoga}, lekin {y} {nikla}",
        ]
    return [(s.pick(options), lang)]


def minor_flaw(ctx: Context, polarity: int) -> Sentences:
    """'Everything is great, only the battery is weak': the dominant clause decides."""
    s = ctx.s
    flaw = ctx.clause(-polarity)
    lang = ctx.lang() if ctx.language == "mixed" else flaw.lang
    word = s.form(s.word(lang, polarity))
    flaw_text = render(flaw, "present", s)
    if lang == "en":
        head = f"Everything else is {word}" if s.chance(0.5) else f"Overall it is {word}"
        return [(f"{head}, only {flaw_text}", langs(lang, flaw.lang))]
    head = f"Baaki sab {word} hai" if s.chance(0.5) else f"Overall {word} hai"
    return [(f"{head}, bas {flaw_text}", langs(lang, flaw.lang))]


SARCASM = {
    "movie": {
        "en": ("Great, I slept through the second half", "Wow, what a film, half the hall left"),
        "hi": (
            "Wah kya film thi, aadha hall so gaya",
            "Bahut badhiya, interval mein hi nikal gaye",
        ),
    },
    "product": {
        "en": ("Great, it stopped working in two days", "Wow, what quality, it broke in a week"),
        "hi": (
            "Wah kya cheez hai, do din mein band ho gaya",
            "Bahut badhiya, pehle hafte hi toot gaya",
        ),
    },
}
AMBIGUOUS = {
    "en": ("Mixed feelings about this one", "Some will like it, some won't", "Hard to say"),
    "hi": ("Pata nahi kya bolun", "Kuch cheezein acchi hain, kuch bekaar", "Samajh nahi aaya"),
}


def sarcasm(ctx: Context, polarity: int) -> Sentences:
    """Praise words, negative meaning: "Wah kya cheez hai, do din mein band ho gaya"."""
    lang = ctx.lang()
    return [(ctx.s.pick(SARCASM[ctx.domain][lang]), lang)]


def mixed_feelings(ctx: Context, polarity: int) -> Sentences:
    """Genuinely mixed or undecided reviews, labelled neutral."""
    s, lang = ctx.s, ctx.lang()
    if s.chance(0.5):
        return [(s.pick(AMBIGUOUS[lang]), lang)]
    up, down = ctx.clause(1), ctx.clause(-1)  # one up, one down, no verdict
    return [(ctx.say(up), up.lang), (ctx.say(down), down.lang)]


Construction = Callable[[Context, int], Sentences]
_POLAR: dict[Construction, float] = {
    plain: 0.34,
    short: 0.08,
    negation: 0.12,
    long_negation: 0.11,
    contrast: 0.20,
    concession: 0.05,
    expectation: 0.05,
    minor_flaw: 0.03,
}
#: How often each construction is used, per label (normalised when used).
CONSTRUCTIONS: dict[str, dict[Construction, float]] = {
    "positive": _POLAR,
    "negative": _POLAR | {sarcasm: 0.02},
    "neutral": {neutral: 0.7, contrast: 0.1, expectation: 0.05, mixed_feelings: 0.15},
}

# --------------------------------------------------------------------------------------------
# Openers and closers around the core of a review
# --------------------------------------------------------------------------------------------

OPENERS = {
    ("movie", "en"): (
        "Watched it last weekend",
        "Saw this with my family",
        "Went for the night show",
        "Watched it on OTT",
        "Finally saw it yesterday",
    ),
    ("movie", "hi"): (
        "Kal raat dekhi",
        "Family ke saath dekhne gaye the",
        "Weekend pe dekhi",
        "OTT pe aayi toh dekh li",
        "Doston ke saath gaya tha",
    ),
    ("product", "en"): (
        "Bought this last month",
        "Using it for two weeks now",
        "Got it in the sale",
        "Ordered it for my father",
        "Received it yesterday",
    ),
    ("product", "hi"): (
        "Pichle mahine liya tha",
        "Do hafte se use kar raha hoon",
        "Sale mein liya tha",
        "Papa ke liye order kiya tha",
        "Kal hi deliver hua",
    ),
}
OPENERS_HELDOUT = {
    ("movie", "en"): ("Caught the first day first show", "My cousin dragged me to it"),
    ("movie", "hi"): ("Bhai ke kehne pe dekhi", "Office walon ke saath dekhi"),
    ("product", "en"): ("Gifted it to my sister", "Picked it up after reading reviews"),
    ("product", "hi"): ("Diwali pe gift kiya tha", "Bahut reviews padh ke liya"),
}
DETAILS = {
    ("movie", "en"): (
        "The plot is about two brothers who run a dhaba in Punjab",
        "It is almost three hours long with an interval after the wedding scene",
        "The lead pair also worked together in a film two years ago",
        "It is a remake of a South Indian film",
        "Most of it was shot in Goa and Manali",
        "I went in without watching the trailer",
    ),
    ("movie", "hi"): (
        "Kahani ek chhote se gaon ke teacher ke baare mein hai",
        "Film lagbhag teen ghante ki hai",
        "Hero ka role pehle kisi aur ko offer hua tha",
        "Trailer dekh ke hi plan banaya tha",
        "Hall mein zyada log nahi the",
        "Isme do gaane hain aur ek item number hai",
    ),
    ("product", "en"): (
        "I mostly use it for calls and some music in the evening",
        "The price was around fifteen thousand during the sale",
        "It came in a brown box with a manual and a cable",
        "My brother has the older model of the same brand",
        "I compared three brands before ordering this one",
        "It took four days to arrive at my place in Pune",
    ),
    ("product", "hi"): (
        "Main ise roz office le jaata hoon",
        "Sale mein lagbhag pandrah hazaar ka mila",
        "Box mein ek cable aur manual bhi tha",
        "Mere bhai ke paas iska purana model hai",
        "Teen brands compare karke ye liya",
        "Ghar tak aane mein chaar din lage",
    ),
}
DETAILS_HELDOUT = {
    ("movie", "en"): ("My parents had seen the original version in the nineties",),
    ("movie", "hi"): ("Mummy papa ne iska purana version dekha tha",),
    ("product", "en"): ("I had returned a different model of this brand before",),
    ("product", "hi"): ("Pehle isi brand ka doosra model return kiya tha",),
}
CLOSERS = {
    (1, "en"): ("Highly recommended", "Would buy again", "Go for it", "Would recommend it"),
    (1, "hi"): ("Paisa vasool", "Le lo, pachtaoge nahi", "Zaroor try karo"),
    (-1, "en"): ("Would not recommend it", "Don't waste your money", "Returning it"),
    (-1, "hi"): ("Paisa barbaad", "Mat lena", "Paisa vasool nahi hai"),
    (0, "en"): ("Can try once", "Nothing more to say", "Just my opinion"),
    (0, "hi"): ("Ek baar try kar sakte ho", "Baaki aapki marzi", "Bas itna hi"),
}


# --------------------------------------------------------------------------------------------
# Putting a review together
# --------------------------------------------------------------------------------------------


def finish(sentences: Sentences, s: Sampler) -> str:
    """Sentences -> one text, with the capitalisation and punctuation habits of real users."""
    texts = [t for t, _ in sentences if t]
    style = s.weighted({"tidy": 0.6, "lower": 0.25, "excited": 0.15})
    out = []
    for i, text in enumerate(texts):
        text = text.lower() if style == "lower" else text[0].upper() + text[1:]
        last = i == len(texts) - 1
        if style == "lower":
            end = "" if last and s.chance(0.6) else s.pick([".", ",", " ..."])
        elif style == "excited":
            end = s.pick(["!", "!!", "!!!", "."])
        else:
            end = "."
        out.append(text + end)
    return " ".join(out).replace(" ,", ",")


def make_review(
    s: Sampler, label: str, build: Construction, language: str, domain: str
) -> tuple[str, str]:
    """One review with the given label, construction, language and domain.

    Also returns the construction's name, with a "*" if held-out material was used.
    """
    s.novelties = 0
    polarity = POLARITY[label]
    tense = "past" if domain == "movie" and s.chance(0.75) else "present"
    ctx = Context(s, language, domain, s.thing(domain), tense)
    sentences = build(ctx, polarity)
    for _ in range(s.pick([0, 0, 0, 0, 0, 1, 1, 2, 3])):  # neutral details make longer reviews
        lang = ctx.lang()
        pool = DETAILS_HELDOUT if s.held(0.2) else DETAILS
        detail = s.pick(pool[(domain, lang)])
        if all(detail != text for text, _ in sentences):
            sentences.insert(int(s.integers(len(sentences) + 1)), (detail, lang))
    if s.chance(0.3):
        lang = ctx.lang()
        pool = OPENERS_HELDOUT if s.held(NOVEL_PHRASING) else OPENERS
        sentences.insert(0, (s.pick(pool[(domain, lang)]), lang))
    if s.chance(0.12):
        lang = ctx.lang()
        sentences.append((s.pick(CLOSERS[(polarity, lang)]), lang))
    used = set(langs(*(lang for _, lang in sentences)).split())
    if language == "mixed" and len(used) < 2:  # make sure both languages appear
        other = "hi" if "en" in used else "en"
        sentences.insert(0, (s.pick(DETAILS[(domain, other)]), other))
    return finish(sentences, s), build.__name__ + ("*" if s.novelties else "")


def canonical(text: str) -> str:
    """A key under which case, punctuation and spelling variants of a review collide."""
    words = re.findall(r"[a-z0-9]+", text.lower())
    return " ".join(CANONICAL.get(w, w) for w in words)


def _canonical_spellings() -> dict[str, str]:
    table: dict[str, str] = {}
    for common, rare in SPELLINGS.values():
        for variant in common + rare:
            table[variant] = common[0]
    for word in HI_WORDS + EN_WORDS:
        endings = HI_ENDINGS.values() if word.inflects else [""]
        for stem in word.forms + word.eval_forms:
            for ending in endings:
                for a, b in zip(
                    (stem + ending).split(), (word.forms[0] + ending).split(), strict=False
                ):
                    table[a] = b
    return table


CANONICAL = _canonical_spellings()


def quotas(shares: dict[T, float], n: int) -> list[T]:
    """``n`` items in the given shares, rounded by largest remainder: [a, a, a, b, b, c]."""
    exact = {k: v * n / sum(shares.values()) for k, v in shares.items()}
    counts = {k: int(v) for k, v in exact.items()}
    by_remainder = sorted(exact, key=lambda k: exact[k] - counts[k], reverse=True)
    for k in by_remainder[: n - sum(counts.values())]:
        counts[k] += 1
    return [k for k, c in counts.items() for _ in range(c)]


def plan(n: int, rng: np.random.Generator) -> list[tuple[str, Construction]]:
    """(label, construction) for ``n`` reviews, in fixed shares, so that every split has the same
    mix (drawing each review independently would let val and test differ by chance)."""
    slots = []
    for label, count in pd.Series(quotas(LABEL_SHARES, n)).value_counts(sort=False).items():
        mix = CONSTRUCTIONS[str(label)]
        slots += [(str(label), build) for build in quotas(mix, int(count))]
    return [slots[i] for i in rng.permutation(len(slots))]


def generate_split(split: str, n: int, rng: np.random.Generator, seen: set[str]) -> pd.DataFrame:
    """``n`` unique reviews for one split; ``seen`` holds the canonical texts of all splits."""
    s = Sampler(rng, novel=split != "train")
    rows = []
    for label, build in plan(n, rng):
        for _ in range(1000):  # draw again until the text is new in every split
            language = s.weighted(LANGUAGE_SHARES)
            domain = s.weighted(DOMAIN_SHARES)
            text, construction = make_review(s, label, build, language, domain)
            key = canonical(text)
            if key not in seen:
                break
        else:
            raise RuntimeError(f"no new {label} review from {build.__name__} in 1000 tries")
        seen.add(key)
        rows.append(
            {
                "text": text,
                "sentiment": label,
                "language": language,
                "domain": domain,
                "construction": construction,
            }
        )
    df = pd.DataFrame(rows)
    df["split"] = split
    return df


# --------------------------------------------------------------------------------------------
# Deliberate imperfections
# --------------------------------------------------------------------------------------------


def some(rng: np.random.Generator, n: int, share: float) -> np.ndarray:
    return rng.choice(n, size=round(n * share), replace=False)


def add_label_noise(df: pd.DataFrame, rng: np.random.Generator) -> int:
    idx = some(rng, len(df), LABEL_NOISE)
    for i in idx:
        others = [label for label in LABEL_SHARES if label != df.at[i, "sentiment"]]
        df.at[i, "sentiment"] = others[int(rng.integers(len(others)))]
    return len(idx)


def vary_case_or_spacing(text: str, rng: np.random.Generator) -> str:
    kind = int(rng.integers(4))
    if kind == 0:
        return text.lower() if text != text.lower() else text.upper()
    if kind == 1:
        return text.replace(" ", "  ", 2)
    if kind == 2:
        return f"  {text} "
    return text.upper()


def add_duplicates(df: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    exact = df.iloc[some(rng, len(df), EXACT_DUPLICATES)].copy()
    variants = df.iloc[some(rng, len(df), VARIANT_DUPLICATES)].copy()
    variants["text"] = [vary_case_or_spacing(t, rng) for t in variants["text"]]
    return pd.concat([df, exact, variants], ignore_index=True)


def add_missing(df: pd.DataFrame, rng: np.random.Generator) -> None:
    n = len(df)
    picks = rng.permutation(n)
    n_missing, n_blank = round(n * MISSING_TEXT), round(n * BLANK_TEXT)
    df.loc[picks[:n_missing], "text"] = None
    df.loc[picks[n_missing : n_missing + n_blank], "text"] = " "
    df.loc[some(rng, n, MISSING_LABEL), "sentiment"] = None


def build(seed: int = SEED, keep_construction: bool = False) -> pd.DataFrame:
    """The whole corpus, imperfections included, in shuffled order with ids.

    ``keep_construction=True`` keeps a column naming the construction behind each review (not
    written to the CSV; handy for error analysis).
    """
    rng = np.random.default_rng(seed)
    seen: set[str] = set()
    parts = []
    for split, n in SPLIT_SIZES.items():
        part = generate_split(split, n, rng, seen)
        add_label_noise(part, rng)
        part = add_duplicates(part, rng)
        part["text"] = part["text"].astype(object)
        part["sentiment"] = part["sentiment"].astype(object)
        add_missing(part, rng)
        parts.append(part)
    df = pd.concat(parts, ignore_index=True)
    df = df.iloc[rng.permutation(len(df))].reset_index(drop=True)
    df.insert(0, "review_id", np.arange(1, len(df) + 1))
    columns = ["review_id", "text", "sentiment", "language", "domain", "split"]
    return df[columns + ["construction"] if keep_construction else columns]


def summary(df: pd.DataFrame) -> str:
    """A short report: size, label balance per split, languages, duplicates, missing values."""
    lines = [f"rows: {len(df)}"]
    for split in ("train", "val", "test"):
        part = df[df["split"] == split]
        shares = part["sentiment"].value_counts(normalize=True)
        balance = ", ".join(f"{k} {shares.get(k, 0):.0%}" for k in LABEL_SHARES)
        lines.append(f"  {split:5s}: {len(part):5d} rows ({len(part) / len(df):.0%}); {balance}")
    lines.append(
        "languages: " + ", ".join(f"{k} {v}" for k, v in df["language"].value_counts().items())
    )
    lines.append(
        "domains: " + ", ".join(f"{k} {v}" for k, v in df["domain"].value_counts().items())
    )
    exact = int(df.duplicated(subset="text").sum())
    normalised = df["text"].str.lower().str.split().str.join(" ")
    near = int(normalised.duplicated().sum()) - exact
    lines.append(f"duplicates: {exact} exact, {near} more after lower-casing and squeezing spaces")
    blank = int((df["text"].str.strip() == "").sum())
    missing_text = int(df["text"].isna().sum())
    missing_label = int(df["sentiment"].isna().sum())
    lines.append(f"missing: text {missing_text} NaN + {blank} blank, sentiment {missing_label}")
    words = df["text"].dropna().str.split().str.len()
    lines.append(f"words per review: median {words.median():.0f}, max {words.max()}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=BUNDLED)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    df = build(args.seed)
    df.to_csv(args.out, index=False, encoding="utf-8", lineterminator="\n")
    print(f"wrote {args.out}")
    print(summary(df))


if __name__ == "__main__":
    main()
