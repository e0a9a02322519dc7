"""Self-checking exercises of chapter 01 (exploratory data analysis for text).

See :mod:`course_utils.exercises` for how checks work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import numpy as np

from course_utils.exercises import Exercise, Mistake, Wrong, expect_close
from course_utils.text import tokenize


def _words(text: str) -> list[str]:
    return [token for token in tokenize(text) if any(ch.isalnum() for ch in token)]


# ---------------------------------------------------------------- q1: macro-F1 of a constant model


@cache
def _always_positive_scores() -> dict[str, float]:
    """Accuracy, positive-class F1, macro-F1 and weighted F1 of "always positive" on test."""
    from course_utils import data

    _, _, test = data.reviews_split()
    truth = test["sentiment"].to_numpy()
    shares = {label: float(np.mean(truth == label)) for label in data.SENTIMENTS}
    p = shares["positive"]  # precision of "positive" = its share; recall = 1
    f1_positive = 2 * p / (p + 1)
    return {
        "accuracy": p,
        "f1_positive": f1_positive,
        "macro_f1": f1_positive / len(data.SENTIMENTS),  # the other classes have F1 = 0
        "weighted_f1": f1_positive * p,
    }


def _check_macro_f1(answer: Any) -> Wrong | None:
    scores = _always_positive_scores()
    try:
        value = float(answer)
    except (TypeError, ValueError):
        value = None
    if value is not None:
        for key, en, hi in (
            ("accuracy", "that is the accuracy (the share of positive test reviews)",
             "yeh accuracy hai (test mein positive reviews ka share)"),
            ("f1_positive", "that is the F1 of the positive class alone; the macro average "
             "also counts the two classes the model never predicts",
             "yeh sirf positive class ka F1 hai; macro average mein woh do classes bhi aati "
             "hain jo model kabhi predict nahi karta"),
            ("weighted_f1", "that is the weighted average (each class weighted by its number "
             "of reviews); macro gives every class the same weight",
             "yeh weighted average hai (har class uske reviews ki ginti se); macro mein har "
             "class ka weight barabar hai"),
        ):  # fmt: skip
            if abs(value - scores[key]) < 1e-3 and abs(value - scores["macro_f1"]) > 1e-3:
                return Wrong(f"{value:.3f}: {en}.", f"{value:.3f}: {hi}.")
    return expect_close(
        answer,
        scores["macro_f1"],
        what="your macro-F1 of the always-positive model",
        what_hi="always-positive model ka tumhara macro-F1",
        atol=1e-3,
        rtol=0,
    )


q1 = Exercise(
    name="01 · q1 (what accuracy hides)",
    checker=_check_macro_f1,
    hint_text=(
        "A model that always answers 'positive' gets the accuracy of the majority class. Its "
        "F1 for 'positive': precision = share of positive reviews, recall = 1. For the two "
        "classes it never predicts, F1 = 0. The macro average is the plain mean of the three. "
        "`sklearn.metrics.f1_score(..., average='macro')` computes it.",
        "Jo model hamesha 'positive' bolta hai, uski accuracy majority class ke share jitni hai. "
        "'positive' ka F1: precision = positive reviews ka share, recall = 1. Jo do classes woh "
        "kabhi predict nahi karta, unka F1 = 0. Macro average teeno ka seedha average hai. "
        "`sklearn.metrics.f1_score(..., average='macro')` yahi nikalta hai.",
    ),
    solution_text=(
        "```python\n"
        "from sklearn.metrics import f1_score\n"
        "always_positive = ['positive'] * len(test)\n"
        "my_macro_f1 = f1_score(test['sentiment'], always_positive, average='macro',\n"
        "                       labels=list(data.SENTIMENTS), zero_division=0)\n"
        "```\n"
        "About 0.19, while its accuracy is about 0.40: accuracy hides that two of the three "
        "classes are never found.",
        "Upar wala code: macro-F1 lagbhag 0.19 aata hai, jabki accuracy lagbhag 0.40 hai. "
        "Accuracy yeh chhupa leti hai ki teen mein se do classes kabhi pakdi hi nahi gayi.",
    ),
    reference=lambda: _always_positive_scores()["macro_f1"],
    mistakes=(
        Mistake("that is the accuracy", build=lambda: _always_positive_scores()["accuracy"]),
        Mistake("positive class alone", build=lambda: _always_positive_scores()["f1_positive"]),
        Mistake("weighted average", build=lambda: _always_positive_scores()["weighted_f1"]),
        Mistake("has shape", answer=[0.19, 0.40]),
    ),
)


# ---------------------------------------------------------------- q2: share of unseen words

# (train texts, evaluation texts, what the probe is about)
_UNSEEN_PROBES: list[tuple[list[str], list[str], str, str]] = [
    (["Camera accha hai."], ["Camera accha hai!"], "punctuation", "punctuation"),
    (["battery is good"], ["Battery is good not great"], "case", "case"),
    (["accha"], ["bekaar bekaar bekaar accha"], "repeated words", "repeat hue words"),
    (["I can't say"], ["i can't say it"], "a contraction", "contraction"),
]


def _unseen_reference(train_texts: Sequence[str], eval_texts: Sequence[str]) -> float:
    vocabulary = {w for t in train_texts for w in _words(t)}
    tokens = [w for t in eval_texts for w in _words(t)]
    return float(np.mean([w not in vocabulary for w in tokens]))


def _unseen_with_split(train_texts: Sequence[str], eval_texts: Sequence[str]) -> float:
    vocabulary = {w for t in train_texts for w in t.lower().split()}
    tokens = [w for t in eval_texts for w in t.lower().split()]
    return float(np.mean([w not in vocabulary for w in tokens]))


def _unseen_types(train_texts: Sequence[str], eval_texts: Sequence[str]) -> float:
    vocabulary = {w for t in train_texts for w in _words(t)}
    types = {w for t in eval_texts for w in _words(t)}
    return float(np.mean([w not in vocabulary for w in types]))


def _unseen_case_sensitive(train_texts: Sequence[str], eval_texts: Sequence[str]) -> float:
    def raw_words(text: str) -> list[str]:
        return [w.strip(".,!?") for w in text.split() if w.strip(".,!?")]

    vocabulary = {w for t in train_texts for w in raw_words(t)}
    tokens = [w for t in eval_texts for w in raw_words(t)]
    return float(np.mean([w not in vocabulary for w in tokens]))


_UNSEEN_DIAGNOSES: list[tuple[Callable[..., float], str, str]] = [
    (
        _unseen_with_split,
        "with split() the punctuation stays attached ('hai!' is not 'hai.'): use tokenize "
        "and keep only the word tokens",
        "split() mein punctuation chipka rehta hai ('hai!' aur 'hai.' alag ho jaate hain): "
        "tokenize use karo aur sirf word tokens rakho",
    ),
    (
        _unseen_types,
        "you counted distinct words; count every occurrence of an evaluation word",
        "tumne alag-alag words gine; evaluation ke har word ki har occurrence gino",
    ),
    (
        _unseen_case_sensitive,
        "'Battery' and 'battery' are the same word: lower-case first (tokenize does)",
        "'Battery' aur 'battery' ek hi word hai: pehle lowercase karo (tokenize yeh karta hai)",
    ),
]


def _check_unseen_share(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. my_unseen_share), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise my_unseen_share), {type(answer).__name__} nahi.",
        )
    for train_texts, eval_texts, what_en, what_hi in _UNSEEN_PROBES:
        expected = _unseen_reference(train_texts, eval_texts)
        got = answer(list(train_texts), list(eval_texts))
        wrong = expect_close(
            got,
            expected,
            what=f"your share for train={train_texts}, eval={eval_texts} ({what_en})",
            what_hi=f"train={train_texts}, eval={eval_texts} ({what_hi}) pe tumhara share",
        )
        if wrong is None:
            continue
        for variant, en, hi in _UNSEEN_DIAGNOSES:
            mistaken = variant(train_texts, eval_texts)
            if abs(mistaken - expected) > 1e-9 and np.isclose(float(got), mistaken):
                return Wrong(f"{wrong.en} Expected {expected:.3f}: {en}.",
                             f"{wrong.hi} Expected {expected:.3f}: {hi}.")  # fmt: skip
        return Wrong(f"{wrong.en} Expected {expected:.3f}.", f"{wrong.hi} Expected {expected:.3f}.")
    return None


q2 = Exercise(
    name="01 · q2 (unseen words)",
    checker=_check_unseen_share,
    hint_text=(
        "Build the training vocabulary as a set of word tokens (`tokenize`, without the "
        "punctuation tokens). Then go through every word token of the evaluation texts and "
        "take the mean of `word not in vocabulary`.",
        "Training vocabulary ko word tokens ka set banao (`tokenize`, punctuation tokens ke "
        "bina). Phir evaluation texts ke har word token pe `word not in vocabulary` ka mean lo.",
    ),
    solution_text=(
        "```python\n"
        "def my_unseen_share(train_texts, eval_texts):\n"
        "    vocabulary = {w for t in train_texts for w in words(t)}\n"
        "    tokens = [w for t in eval_texts for w in words(t)]\n"
        "    return float(np.mean([w not in vocabulary for w in tokens]))\n"
        "```\n"
        "`words()` is the chapter's `tokenize` without the punctuation tokens.",
        "Upar wala code chapter ke `words()` (punctuation ke bina `tokenize`) se vocabulary "
        "banata hai aur har evaluation word ko check karta hai.",
    ),
    reference=lambda: _unseen_reference,
    mistakes=(
        Mistake("punctuation stays attached", answer=_unseen_with_split),
        Mistake("count every occurrence", answer=_unseen_types),
        Mistake("pass your function itself", answer=0.094),
    ),
)


# ---------------------------------------------------------------- q3: majority-class baseline

_MAJORITY_PROBES: list[tuple[list[str], list[str]]] = [
    (["pos", "pos", "neg"], ["neg", "neg", "pos", "neg"]),
    (["neu", "neg", "neu", "neu", "pos"], ["pos", "neu", "pos", "neg", "neu", "pos"]),
]


def _majority_reference(train_labels: Sequence[str], test_labels: Sequence[str]) -> float:
    majority = Counter(train_labels).most_common(1)[0][0]
    return float(np.mean([label == majority for label in test_labels]))


def _majority_of_test(train_labels: Sequence[str], test_labels: Sequence[str]) -> float:
    majority = Counter(test_labels).most_common(1)[0][0]
    return float(np.mean([label == majority for label in test_labels]))


def _majority_share_in_train(train_labels: Sequence[str], test_labels: Sequence[str]) -> float:
    return Counter(train_labels).most_common(1)[0][1] / len(train_labels)


def _check_majority(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. my_majority_accuracy), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise my_majority_accuracy), "
            f"{type(answer).__name__} nahi.",
        )
    for train_labels, test_labels in _MAJORITY_PROBES:
        expected = _majority_reference(train_labels, test_labels)
        got = answer(list(train_labels), list(test_labels))
        wrong = expect_close(
            got,
            expected,
            what=f"your accuracy for train={train_labels}, test={test_labels}",
            what_hi=f"train={train_labels}, test={test_labels} pe tumhari accuracy",
        )
        if wrong is None:
            continue
        if np.isclose(float(got), _majority_of_test(train_labels, test_labels)):
            return Wrong(
                f"{wrong.en} You took the most frequent label of the *test* labels: the "
                "baseline may only learn from the training labels (otherwise it peeks).",
                f"{wrong.hi} Tumne *test* labels ka sabse common label liya: baseline sirf "
                "training labels se seekh sakta hai (warna yeh test mein jhaankna hai).",
            )
        if np.isclose(float(got), _majority_share_in_train(train_labels, test_labels)):
            return Wrong(
                f"{wrong.en} That is the majority's share of the training labels; the "
                "baseline's accuracy is measured on the test labels.",
                f"{wrong.hi} Yeh training labels mein majority ka share hai; baseline ki "
                "accuracy test labels pe naapi jaati hai.",
            )
        return Wrong(f"{wrong.en} Expected {expected:.3f}.", f"{wrong.hi} Expected {expected:.3f}.")
    return None


q3 = Exercise(
    name="01 · q3 (majority baseline)",
    checker=_check_majority,
    hint_text=(
        "Find the most frequent label of the *training* labels (`collections.Counter` or "
        "`pd.Series.mode`), predict it for every test example, and return the share of test "
        "labels equal to it.",
        "*Training* labels ka sabse common label nikalo (`collections.Counter` ya "
        "`pd.Series.mode`), har test example ke liye wahi predict karo, aur test labels mein "
        "uska share return karo.",
    ),
    solution_text=(
        "```python\n"
        "def my_majority_accuracy(train_labels, test_labels):\n"
        "    majority = Counter(train_labels).most_common(1)[0][0]\n"
        "    return float(np.mean([label == majority for label in test_labels]))\n"
        "```\n"
        "On the chapter's data: `my_majority_accuracy(train['sentiment'], test['sentiment'])` "
        "gives the majority accuracy of section 10.",
        "Upar wala code: training ka majority label har test review ke liye predict karo. "
        "Chapter ke data pe yeh section 10 wali majority accuracy deta hai.",
    ),
    reference=lambda: _majority_reference,
    mistakes=(
        Mistake("test* labels", answer=_majority_of_test),
        Mistake("share of the training labels", answer=_majority_share_in_train),
        Mistake("pass your function itself", answer=0.398),
    ),
)
