# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     formats: ipynb,py:percent
#     notebook_metadata_filter: kernelspec,jupytext,colab
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 01 · Exploratory data analysis for text
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/hinglish-dl/deep-learning-course/blob/main/notebooks/01_eda_text.ipynb)
#
# Before we train anything we look at the data. This chapter takes a corpus of short
# product and movie reviews — in English, Hinglish and a mix of both — from the raw file to a
# first honest baseline.
#
# **What you will learn**
#
# - what a model is, and how training differs from inference;
# - how to clean text data (duplicates, missing values) and when the usual fixes are wrong;
# - how to describe and plot a text corpus: class balance, lengths, word clouds, n-grams;
# - why the way you split the data can make a model look better than it is;
# - how to build a real baseline (TF-IDF + logistic regression), compare optimizers by
#   measurement, and read a confusion matrix to see what accuracy hides.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** is chapter mein hum abhi koi deep learning model nahi banayenge. Pehle
# data ko acche se dekhenge — jaise exam se pehle syllabus dekhte hain. Reviews English,
# Hinglish aur mixed hain. Hum data ko clean karenge, plots banayenge, n-grams nikalenge, aur
# ek simple baseline model train karenge. Is baseline ko aage ke saare chapters (RNN, LSTM,
# Transformer) ko harana hai — isliye isko imaandari se banana zaroori hai.

# %% [markdown]
# ## Setup
#
# The first cell works locally and on Colab: on Colab it fetches the course code and data once.
# `environment.setup` seeds every random number generator and prints one line describing the
# machine.

# %%
import sys

COURSE = "course-utils @ git+https://github.com/hinglish-dl/deep-learning-course"
if "google.colab" in sys.modules:  # on Colab: install the course helpers and data, once
    import importlib.util
    import subprocess

    if importlib.util.find_spec("course_utils") is None:
        pip = [sys.executable, "-m", "pip", "install", "-q", COURSE]
        if subprocess.run(pip, capture_output=True).returncode != 0:
            raise SystemExit(
                f"Setup failed: pip could not install {COURSE!r}. Check that the runtime is "
                f"online, then run this cell again (`!pip install '{COURSE}'` shows pip's error).\n"
                "Setup fail ho gaya: course helpers install nahi ho paaye. Check karo ki "
                "runtime online hai, phir yeh cell dobara chalao (pip ka error upar wali "
                "command dikhayegi)."
            )

from course_utils import environment

environment.setup(seed=42)

# %%
import time
from collections import Counter

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display
from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, classification_report
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline

from course_utils import data, plots, precision
from course_utils.text import NEGATION_WORDS, has_any, normalize_text, tokenize

plots.use_course_style()
precision.use_best_precision()
pd.set_option("display.max_colwidth", 90)

# %% [markdown]
# ## 1. Models, training and inference
#
# A **model** is a function with parameters that were *learned from data* rather than written
# by hand: an algorithm plus data gives a trained model. Our sentiment model will map a review
# to one of three labels — negative, neutral, positive.
#
# Its life has two phases:
#
# | | training | inference |
# |---|---|---|
# | what happens | the model learns its parameters from labelled examples | the trained model predicts labels for new inputs |
# | computation | forward pass **and** backward pass (gradients), many times over the data | forward pass only, once per input |
# | cost | compute- and memory-heavy; big models train on many GPUs | cheap per input; what matters is latency and throughput |
# | when | once (or at each retraining) | every time someone uses the model |
#
# Training is where most of this course happens. Inference is what users see — so we will
# also measure how fast our models predict.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** model ek function hai jiske parameters humne haath se nahi likhe — woh
# data se seekhe gaye hain. Training matlab model ko labelled examples dikhana, galti
# (loss) nikalna aur parameters thoda-thoda theek karna; ismein forward aur backward pass
# dono lagte hain, isliye yeh mehenga hai. Inference matlab trained model se naye review
# ka label poochna — sirf forward pass, ekdum sasta. Cricket ki tarah socho: net practice
# training hai, match mein shot khelna inference.

# %% [markdown]
# ## 2. Data collection: the reviews corpus
#
# For a sentiment model we need reviews *with* labels. Real projects collect them from app
# stores, e-commerce sites or surveys, and label them by hand or from star ratings. This
# course ships a corpus made for teaching (its datasheet is `data/README.md`): about four
# thousand short reviews of movies and products, in English, Hinglish and code-mixed
# language. We load the **raw** file — mistakes included, as collected data usually is.

# %%
raw = data.load_reviews()  # checks the file's sha256 first
print(raw.shape)
raw.head(8)

# %%
raw.info()

# %% [markdown]
# Each row has an id, the review `text`, its `sentiment`, the `language` and `domain`, and
# the `split` the course uses for training, validation and testing (section 9 explains why
# the corpus comes with its own split). `info()` already shows a problem: `text` and
# `sentiment` have fewer non-null values than there are rows.

# %%
raw["language"].value_counts()

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** sentiment model banana hai toh aise reviews chahiye jinke saath label ho
# — positive, negative ya neutral. Asli projects mein yeh data app store, Flipkart-type sites
# ya surveys se aata hai. Humara corpus course ne khud banaya hai (details `data/README.md`
# mein), aur hum jaan-boojhke **raw** file load kar rahe hain — kyunki real data hamesha
# thoda ganda hota hai. `info()` dekho: `text` aur `sentiment` mein kuch values missing hain.

# %% [markdown]
# ## 3. Cleaning: duplicates and missing values
#
# Two kinds of dirt are common in collected text: the same review stored twice, and rows with
# a missing field. First we count both.

# %%
print("missing values per column:")
print(raw.isna().sum())
print("\nexact duplicate texts:", raw.duplicated(subset="text").sum())
normalized = raw["text"].dropna().map(normalize_text)
print("duplicates after normalising case and spaces:", normalized.duplicated().sum())

# %% [markdown]
# Some duplicates only show up after normalising case and spaces (section 4 looks at
# normalisation in detail): `"Bahut accha phone"` and `"bahut  accha phone "` are the same
# review. Duplicates inflate some phrasings and, worse, can put the same review in the
# training and the test set.
#
# **Missing values.** The seed notes for this chapter fill gaps with
# `df.fillna(method="ffill")`. That argument is gone from current pandas (it was deprecated in
# 2.1 and removed in 3.0); the method is now `df.ffill()`. More important is *whether* to
# forward-fill at all. `ffill()` copies the previous row's value into the gap. That is right
# when neighbouring rows are related — readings of a sensor over time — and wrong when rows
# are independent, as reviews are:

# %%
gaps = raw[raw["sentiment"].isna()].index[:3]
show = sorted({i for g in gaps for i in (g - 1, g)})
print("ffill would invent these labels:")
pd.DataFrame(
    {"text": raw.loc[show, "text"], "label": raw.loc[show, "sentiment"],
     "after ffill()": raw["sentiment"].ffill().loc[show]}
)  # fmt: skip

# %%
temperature = pd.Series([21.0, 21.4, None, 22.1, None, 22.6], name="°C at 10-minute intervals")
pd.DataFrame({"raw": temperature, "ffill()": temperature.ffill()})

# %% [markdown]
# For the sensor, carrying the last reading forward is a fair guess. For a review, the
# previous row's label is the label of a *different* review: we would be inventing training
# data. A review without text carries no signal either. So both kinds of incomplete rows are
# dropped with `dropna()`, and duplicates are dropped after normalisation.

# %%
clean = raw.dropna(subset=["text", "sentiment"]).copy()
clean["text"] = clean["text"].map(normalize_text)
clean = clean[clean["text"] != ""]  # a review of only spaces is empty once normalised
clean = clean.drop_duplicates(subset="text").reset_index(drop=True)
print(f"{len(raw)} raw rows -> {len(clean)} clean rows")

# the course's helper does exactly these steps; later chapters call it directly
assert clean.equals(data.clean_reviews(raw))

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** cleaning mein do kaam hain. Pehla, duplicates hatao — ek hi review do
# baar ho toh model ko lagta hai yeh phrasing zyada common hai, aur kabhi woh train aur test
# dono mein chala jaata hai. Doosra, missing values. Purane code mein `fillna(method="ffill")`
# likha milega; naye pandas mein yeh hata diya gaya hai, ab `ffill()` hai. Lekin sawaal yeh
# hai ki ffill karna chahiye bhi ya nahi. Temperature jaisi time series mein pichhli reading
# copy karna theek hai. Reviews ek doosre se independent hain — pichhle review ka label
# copy kiya toh hum galat data bana rahe hain. Isliye yahan `dropna()` sahi hai.

# %% [markdown]
# ## 4. Text normalisation
#
# The same word reaches us in many forms: `Accha`, `ACCHA`, `acha`, `achha`, `acchaaaa`.
# To a computer these are five different strings. **Normalisation** maps them to one form so
# counts and models see one word. `normalize_text` lower-cases, applies Unicode NFKC (folds
# look-alike characters), squeezes long letter repeats to two, collapses spaces, and maps
# common Hinglish spelling variants to the spelling the course uses.

# %%
for example in ["Bohot ACHA phone!!!!", "  Story   nahin thi  ", "Paisaaaa vasool"]:
    print(f"{example!r:28} -> {normalize_text(example)!r}")

# %%
def spelling_counts(texts: pd.Series, variants: list[str]) -> dict[str, int]:
    words = Counter(w for t in texts for w in tokenize(t))
    return {v: words[v] for v in variants}


variants = ["accha", "acha", "achha", "bahut", "bohot", "nahi", "nahin"]
before = spelling_counts(raw["text"].dropna(), variants)
after = spelling_counts(clean["text"], variants)
pd.DataFrame({"raw": before, "normalised": after})

# %% [markdown]
# Normalisation is a choice, not a law. Lower-casing throws away SHOUTING, which can carry
# sentiment; mapping `nahin` to `nahi` is right, but an aggressive stemmer can merge words
# that mean different things. Keep the raw text, and normalise in one function you can change.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** Hinglish mein ek hi word ke kaafi spellings hote hain — acha, accha,
# achha, aur kabhi "acchaaaa" bhi. Computer ke liye yeh sab alag strings hain, toh counts bat
# jaate hain. Normalisation inko ek form mein laata hai: lowercase, extra spaces hatao,
# repeated letters chhote karo, aur spelling variants ko ek spelling pe map karo. Par dhyan
# rakho — "BAKWAAS" ko lowercase karne se gussa thoda kho jaata hai. Isliye raw text sambhal
# ke rakho aur normalisation ek hi function mein karo.

# %% [markdown]
# ## 5. Descriptive statistics
#
# Numbers summarise what we cannot read row by row. Text has no numeric column yet, so we make
# two: the length in characters and in words. `describe()` gives count, mean, standard
# deviation, minimum, quartiles and maximum.

# %%
clean["n_chars"] = clean["text"].str.len()
clean["n_words"] = clean["text"].str.split().str.len()
clean[["n_chars", "n_words"]].describe().round(1)

# %%
clean.groupby("sentiment")["n_words"].agg(["mean", "median", "std", "max"]).round(1)

# %% [markdown]
# The mean is pulled up by a few long reviews; the median is the typical review. When mean and
# median differ a lot, the distribution is skewed — the histogram in the next section shows it.
# Sequence models in later chapters need a maximum length: the quartiles tell us how much a cut
# at, say, 40 words would lose.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** hazaaron reviews ek-ek karke padhna possible nahi, isliye numbers se
# summary nikalte hain. Text mein pehle koi number column nahi hota, toh hum length bana
# lete hain — characters aur words. `describe()` mean, std, min, max aur quartiles deta hai.
# Mean aur median mein bada farak ho toh samjho distribution skewed hai — kuch lambe reviews
# average ko upar kheench rahe hain. Aage sequence models ke liye max length choose karni
# padegi, tab yeh quartiles kaam aayenge.

# %% [markdown]
# ## 6. Visualisation
#
# Four plots answer four questions. Are the classes balanced? How long are reviews? Do two
# features move together? Which words dominate?

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
counts = clean["sentiment"].value_counts().reindex(data.SENTIMENTS)
plots.plot_counts(counts.to_dict(), "Sentiment distribution", colors=plots.SENTIMENT_COLORS,
                  ax=axes[0])  # fmt: skip
for label in data.SENTIMENTS:
    axes[1].hist(clean.loc[clean["sentiment"] == label, "n_words"], bins=30, alpha=0.6,
                 label=label, color=plots.SENTIMENT_COLORS[label])  # fmt: skip
axes[1].set(title="Review length", xlabel="words per review", ylabel="reviews")
axes[1].legend()
plt.show()

# %% [markdown]
# A scatter plot of two features shows whether they are related. Here: length against the
# number of exclamation marks, coloured by sentiment (a little random jitter keeps equal
# points from hiding each other).

# %%
clean["n_exclaim"] = clean["text"].str.count("!")
rng = np.random.default_rng(0)
fig, ax = plt.subplots(figsize=(6.4, 4))
for label in data.SENTIMENTS:
    part = clean[clean["sentiment"] == label]
    ax.scatter(part["n_words"] + rng.uniform(-0.3, 0.3, len(part)),
               part["n_exclaim"] + rng.uniform(-0.15, 0.15, len(part)),
               s=6, alpha=0.4, label=label, color=plots.SENTIMENT_COLORS[label])  # fmt: skip
ax.set(title="Length vs exclamation marks", xlabel="words", ylabel="'!' count")
ax.legend()
plt.show()

# %% [markdown]
# A word cloud draws frequent words large. It is a quick look, not a measurement: sizes are
# hard to compare, and common words crowd out the informative ones. The `wordcloud` package
# is optional; without it, the cell draws the same information as a bar chart.

# %%
STOPWORDS = {
    "the", "a", "an", "is", "was", "it", "this", "and", "to", "of", "i", "for", "in", "but",
    "hai", "tha", "thi", "ka", "ki", "ke", "ko", "se", "aur", "ye", "yeh", "bhi", "par", "mein",
    "ek", "h", "hain", "my", "with", "on", "that", "be", "are", "very", "so", "its",
}  # fmt: skip
word_counts = Counter(w for t in clean["text"] for w in t.split() if w.isalpha())
content_counts = Counter({w: c for w, c in word_counts.items() if w not in STOPWORDS})

try:
    from wordcloud import WordCloud

    cloud = WordCloud(width=800, height=300, background_color="white", random_state=0)
    cloud.generate_from_frequencies(content_counts)
    plt.figure(figsize=(10, 3.8))
    plt.imshow(cloud, interpolation="bilinear")
    plt.axis("off")
    plt.title("Most frequent content words")
except ImportError:
    print("wordcloud is not installed (pip install wordcloud); showing a bar chart instead.")
    plots.plot_counts(dict(content_counts.most_common(20)), "Most frequent content words",
                      horizontal=True)  # fmt: skip
plt.show()

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** plots se sawaalon ke jawab jaldi milte hain. Bar chart batata hai ki
# classes balanced hain ya nahi — agar ek class bahut badi ho toh accuracy dhokha de sakti
# hai. Histogram dikhata hai ki zyada tar reviews chhote hain aur kuch lambe. Scatter plot se
# pata chalta hai ki do features saath mein badhte hain ya nahi. Word cloud dekhne mein mast
# lagta hai, lekin woh measurement nahi hai — sizes compare karna mushkil hai. Agar
# `wordcloud` package install nahi hai, toh cell bar chart bana deta hai, error nahi deta.

# %% [markdown]
# ## 7. Word frequency and n-grams
#
# `Counter` counts tokens. The raw top ten is mostly glue words in both languages — true, but
# not informative. An **n-gram** is a run of *n* consecutive words: unigrams are single words,
# bigrams pairs, trigrams triples. Bigrams keep some word order, which matters for negation:
# `"not good"` is a bigram whose unigrams `"not"` and `"good"` point in opposite directions.

# %%
print("top 10 tokens:        ", word_counts.most_common(10))
print("top 10 content words: ", content_counts.most_common(10))

# %%
def top_ngrams(texts: pd.Series, n: int, k: int = 8) -> list[tuple[str, int]]:
    """The k most frequent n-grams in ``texts`` (CountVectorizer does the counting)."""
    vectorizer = CountVectorizer(ngram_range=(n, n), token_pattern=r"(?u)\b\w+\b")
    counts = np.asarray(vectorizer.fit_transform(texts).sum(axis=0)).ravel()
    order = counts.argsort()[::-1][:k]
    return [(vectorizer.get_feature_names_out()[i], int(counts[i])) for i in order]


for n, name in [(1, "unigrams"), (2, "bigrams"), (3, "trigrams")]:
    print(f"{name:9}", top_ngrams(clean["text"], n, k=6))

# %% [markdown]
# The same count per sentiment shows which phrases carry the label:

# %%
pd.DataFrame(
    {label: [f"{g} ({c})" for g, c in top_ngrams(clean.loc[clean.sentiment == label, "text"], 2)]
     for label in data.SENTIMENTS}
)  # fmt: skip

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** `Counter` se sabse common words milte hain, lekin top list mein zyada tar
# "the", "hai", "is" jaise words hote hain — sach hai, par kaam ka nahi. N-gram matlab n words
# ka continuous tukda: unigram ek word, bigram do words, trigram teen. Bigram thoda word order
# yaad rakhta hai, aur negation ke liye yeh important hai: "not good" mein "good" positive
# lagta hai, par poora bigram negative hai. Har sentiment ke top bigrams dekho — wahi phrases
# label decide kar rahe hain.

# %% [markdown]
# ## 8. Feature engineering
#
# A **feature** is a number computed from the raw input that a model can use. We already made
# three (`n_chars`, `n_words`, `n_exclaim`). Two more: how many negation words a review has,
# and what share of its words are Hindi. A quick group-by shows whether a feature differs
# between classes — a first hint of whether it can help.

# %%
HINDI_WORDS = {"hai", "tha", "thi", "ka", "ki", "ke", "ko", "se", "aur", "nahi", "bahut",
               "accha", "acchi", "bekaar", "bilkul", "mujhe", "yeh", "par", "lekin", "kya"}  # fmt: skip


def share_in(text: str, vocabulary: set[str]) -> float:
    words = text.split()
    return sum(w in vocabulary for w in words) / max(len(words), 1)


clean["n_negations"] = clean["text"].map(lambda t: sum(w in NEGATION_WORDS for w in tokenize(t)))
clean["hindi_share"] = clean["text"].map(lambda t: share_in(t, HINDI_WORDS))
features = ["n_words", "n_exclaim", "n_negations", "hindi_share"]
clean.groupby("sentiment")[features].mean().round(2)

# %% [markdown]
# Hand-made features are cheap and easy to explain, but they capture only what we thought of.
# The rest of the course is about models that *learn* their features from the words and their
# order.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** feature matlab raw input se nikala hua ek number jo model use kar sake.
# Length, exclamation marks, negation words kitne hain, Hindi words ka share — yeh sab humne
# khud banaye. Group-by se dikhta hai ki har sentiment mein yeh numbers alag hain ya nahi; alag
# hain toh feature kaam ka ho sakta hai. Hand-made features samajhne mein easy hain, par sirf
# wahi pakadte hain jo humne socha. Aage ke chapters mein model khud features seekhega.

# %% [markdown]
# ## 9. Splitting into train, validation and test
#
# We need three disjoint sets: **train** to fit parameters, **validation** to make choices
# (features, hyper-parameters), **test** to report the final number once. A **stratified**
# split keeps the class proportions the same in every part:

# %%
train_r, rest_r = train_test_split(clean, test_size=0.3, stratify=clean["sentiment"],
                                   random_state=42)  # fmt: skip
val_r, test_r = train_test_split(rest_r, test_size=0.5, stratify=rest_r["sentiment"],
                                 random_state=42)  # fmt: skip
proportions = pd.DataFrame(
    {name: part["sentiment"].value_counts(normalize=True)
     for name, part in [("all", clean), ("train", train_r), ("val", val_r), ("test", test_r)]}
).round(3)  # fmt: skip
proportions

# %% [markdown]
# A random split has a hidden problem with data like ours. Many reviews share phrasings
# ("paisa vasool", "would not recommend") and differ in a word or two. A random split puts
# near-twins on both sides, so the test set rewards *memorising phrasings* rather than
# understanding reviews. The corpus therefore ships its own split (`split` column): some
# phrasings and words occur **only** in validation or test. Section 10 measures the difference.

# %%
train, val, test = data.reviews_split(clean)
print({name: len(part) for name, part in [("train", train), ("val", val), ("test", test)]})
train_vocab = {w for t in train["text"] for w in t.split()}
unseen = test["text"].map(lambda t: np.mean([w not in train_vocab for w in t.split()]))
print(f"share of test words never seen in training: {unseen.mean():.1%}")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** data ko teen hisson mein baanto: train pe model seekhta hai, validation pe
# hum choices karte hain, aur test pe sirf final number ek baar report karte hain. Stratified
# split har hisse mein classes ka ratio same rakhta hai. Lekin dhyan do — humare reviews mein
# bahut saare milte-julte phrases hain. Random split karoge toh ek review train mein aur uska
# "judwa" test mein chala jaayega, aur model ratta maar ke achha score le lega. Isliye corpus
# ka apna split hai jismein kuch phrasings sirf test mein aati hain.

# %% [markdown]
# ## 10. A real baseline: TF-IDF + logistic regression
#
# The seed notes train `LogisticRegression` directly on the review strings. That fails:
# scikit-learn models need numbers, not text.

# %%
try:
    LogisticRegression().fit(train["text"], train["sentiment"])
except ValueError as err:
    print("ValueError:", str(err).splitlines()[0])

# %% [markdown]
# The fix is a **pipeline**: a vectoriser turns each review into a vector, then the classifier
# learns from the vectors. **TF-IDF** weights each n-gram by how often it occurs in the review
# (term frequency) times how rare it is across reviews (inverse document frequency), so
# `"hai"` counts little and `"bakwaas"` counts a lot. Every model needs a baseline to beat; the
# simplest is the **majority class**.

# %%
def evaluate(model, train_part: pd.DataFrame, eval_part: pd.DataFrame) -> float:
    model.fit(train_part["text"], train_part["sentiment"])
    return accuracy_score(eval_part["sentiment"], model.predict(eval_part["text"]))


def tfidf_logreg(ngrams: tuple[int, int], c: float = 1.0):
    return make_pipeline(
        TfidfVectorizer(ngram_range=ngrams, sublinear_tf=True, min_df=1),
        LogisticRegression(C=c, max_iter=2000),
    )


# later chapters get this same pipeline from course_utils.baselines.tfidf_logreg
majority_acc = evaluate(DummyClassifier(strategy="most_frequent"), train, test)
print(f"majority class, test accuracy: {majority_acc:.3f}")

# %% [markdown]
# We choose the n-gram range and the regularisation strength `C` on the **validation** set,
# then report the test accuracy of the chosen model once.

# %%
search = pd.DataFrame(
    [{"ngrams": str(ngrams), "C": c, "val_acc": evaluate(tfidf_logreg(ngrams, c), train, val)}
     for ngrams in [(1, 1), (1, 2)] for c in [0.3, 1.0, 3.0, 10.0]]
)  # fmt: skip
search.pivot(index="C", columns="ngrams", values="val_acc").round(3)

# %%
best_per_range = search.loc[search.groupby("ngrams")["val_acc"].idxmax()].set_index("ngrams")
unigram_acc = evaluate(tfidf_logreg((1, 1), best_per_range.loc["(1, 1)", "C"]), train, test)
bigram_acc = evaluate(tfidf_logreg((1, 2), best_per_range.loc["(1, 2)", "C"]), train, test)
best = search.loc[search["val_acc"].idxmax()]
best_ngrams = (1, 2) if best["ngrams"] == "(1, 2)" else (1, 1)
baseline = tfidf_logreg(best_ngrams, best["C"])
baseline_acc = evaluate(baseline, train, test)
print(f"unigrams, test accuracy:         {unigram_acc:.3f}")
print(f"uni+bigrams, test accuracy:      {bigram_acc:.3f}")
print(f"chosen on validation: {best['ngrams']}, C={best['C']} -> test accuracy {baseline_acc:.3f}")

# %% [markdown]
# Now the leakage experiment promised in section 9: the same pipeline, evaluated on the random
# split from before.

# %%
random_split_acc = evaluate(tfidf_logreg(best_ngrams, best["C"]), train_r, test_r)
print(f"random split test accuracy:   {random_split_acc:.3f}")
print(f"held-out split test accuracy: {baseline_acc:.3f}")

# %% [markdown]
# The random split flatters the model: it scores higher because test reviews have near-twins
# in training. The held-out number is the honest one, and it is the number chapters 02–04 must
# beat.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** seed notes mein `LogisticRegression` ko seedha text de diya — error aata
# hai, kyunki scikit-learn ko numbers chahiye. Isliye pipeline banate hain: pehle TF-IDF text
# ko vector mein badalta hai, phir logistic regression us vector se seekhta hai. TF-IDF common
# words ("hai") ko kam weight deta hai aur rare, meaningful words ("bakwaas") ko zyada. Har
# model ko ek baseline harana chahiye — sabse simple hai majority class. Choices validation pe
# karo, test pe sirf ek baar dekho. Aur random split wala score zyada aata hai kyunki wahan
# "judwa" reviews leak ho rahe hain — imaandar number held-out split wala hai.

# %% [markdown]
# ## 11. Optimizers: SGD, Adam, RMSProp, Adagrad
#
# Logistic regression is a one-layer neural network: a weight per feature and class, and a
# softmax. scikit-learn fits it with a solver we did not see; in Keras we choose the
# **optimizer** that follows the gradient of the loss. The four classics:
#
# | optimizer | update rule, in words | typical learning rate |
# |---|---|---|
# | **SGD** | step against the gradient of a mini-batch (optionally with momentum) | 0.01–0.1 |
# | **Adagrad** | per-parameter steps, shrunk by the sum of *all* past squared gradients (steps only get smaller) | 0.01–0.1 |
# | **RMSProp** | per-parameter steps, scaled by a *moving average* of recent squared gradients | 0.001 |
# | **Adam** | RMSProp's scaling plus momentum (a moving average of the gradients), with bias correction | 0.001 |
#
# A table does not tell us which works best here, so we measure: the same one-layer model on
# the same TF-IDF features, 10 epochs each, each optimizer at its usual learning rate.

# %%
vectorizer = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
x_train = vectorizer.fit_transform(train["text"]).toarray().astype("float32")
x_val = vectorizer.transform(val["text"]).toarray().astype("float32")
label_ids = {label: i for i, label in enumerate(data.SENTIMENTS)}
y_train = train["sentiment"].map(label_ids).to_numpy()
y_val = val["sentiment"].map(label_ids).to_numpy()
print("features per review:", x_train.shape[1])


def softmax_regression() -> keras.Model:
    return keras.Sequential(
        [keras.Input((x_train.shape[1],)), keras.layers.Dense(3, activation="softmax")]
    )


# %%
optimizers = {
    "SGD": lambda: keras.optimizers.SGD(learning_rate=0.1),
    "Adagrad": lambda: keras.optimizers.Adagrad(learning_rate=0.1),
    "RMSprop": lambda: keras.optimizers.RMSprop(learning_rate=1e-3),
    "Adam": lambda: keras.optimizers.Adam(learning_rate=1e-3),
}
histories, results = {}, []
for name, make_optimizer in optimizers.items():
    keras.utils.set_random_seed(0)  # same initial weights and batch order for every optimizer
    model = softmax_regression()
    model.compile(make_optimizer(), "sparse_categorical_crossentropy", metrics=["accuracy"])
    start = time.perf_counter()
    histories[name] = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=10,
                                batch_size=32, verbose=0).history  # fmt: skip
    results.append({"optimizer": name, "val_accuracy": histories[name]["val_accuracy"][-1],
                    "val_loss": histories[name]["val_loss"][-1],
                    "seconds": time.perf_counter() - start})  # fmt: skip
results = pd.DataFrame(results).set_index("optimizer").round(3)
results

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
for name, history in histories.items():
    axes[0].plot(range(1, 11), history["loss"], label=name)
    axes[1].plot(range(1, 11), history["val_accuracy"], label=name)
axes[0].set(title="training loss", xlabel="epoch")
axes[1].set(title="validation accuracy", xlabel="epoch")
axes[0].legend()
plt.show()

# %% [markdown]
# Read the curves, not only the last number. Adaptive methods (Adagrad, RMSProp, Adam) give
# each weight its own step size, which suits sparse text features: a rare but telling n-gram
# gets a large step the few times it appears. Plain SGD moves every weight at the same rate
# and needs more epochs or a tuned learning rate to catch up. None of the four has converged
# after 10 epochs (scikit-learn's solver above runs to convergence, hence its higher accuracy):
# we compare how fast they learn, not where they end. Differences of a point or two in
# the final accuracy are within run-to-run noise; differences in how fast the loss falls are
# the real lesson.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** optimizer woh algorithm hai jo gradient dekh ke weights update karta hai.
# SGD sabko ek hi speed se move karta hai. Adagrad har weight ka apna step rakhta hai, par
# uska step time ke saath sirf chhota hota jaata hai. RMSProp recent gradients ka moving
# average use karta hai, aur Adam usmein momentum bhi jodta hai. Table padhne se kuch pata
# nahi chalta, isliye humne measure kiya — same model, same features, 10 epochs. Curves dekho:
# text ke sparse features pe adaptive optimizers jaldi seekhte hain, kyunki rare par important
# n-gram ko bada step milta hai. Ek-do point ka farak noise bhi ho sakta hai.

# %% [markdown]
# ## 12. Evaluation: what accuracy hides
#
# Accuracy is one number for all classes. The **per-class report** splits it into
# *precision* (of the reviews predicted as a class, how many were right), *recall* (of the
# reviews of a class, how many were found) and their harmonic mean *F1*. The **confusion
# matrix** shows which classes are mistaken for which.

# %%
test_pred = baseline.predict(test["text"])
print(classification_report(test["sentiment"], test_pred, labels=list(data.SENTIMENTS),
                            digits=3))  # fmt: skip
plots.plot_confusion_matrix(test["sentiment"], test_pred, labels=data.SENTIMENTS,
                            normalize=True)  # fmt: skip
plt.show()

# %% [markdown]
# Accuracy also hides *which reviews* fail. Slicing the test set by a property we care about
# — here, whether the review contains a negation word, and its language — shows where the
# bag-of-n-grams model is weak.

# %%
test_eval = test.assign(
    correct=test_pred == test["sentiment"],
    has_negation=test["text"].map(lambda t: has_any(t, NEGATION_WORDS)),
)
by_negation = test_eval.groupby("has_negation")["correct"].agg(["mean", "size"]).round(3)
by_language = test_eval.groupby("language")["correct"].agg(["mean", "size"]).round(3)
display(by_negation, by_language)

# %%
mistakes = test_eval[~test_eval["correct"] & test_eval["has_negation"]]
mistakes.assign(predicted=test_pred[mistakes.index])[["text", "sentiment", "predicted"]].head(8)

# %% [markdown]
# The mistakes are mostly negation and contrast: "not bad at all", "acting acchi thi par story
# boring". A bag of n-grams sees the words but only a window of word order. Chapters 02–04
# build models that read the whole sequence.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** accuracy ek hi number hai, aur woh bahut kuch chhupa leta hai. Per-class
# report mein precision (jo predict kiya usmein kitna sahi), recall (jo asli mein tha usmein
# se kitna pakda) aur F1 milta hai. Confusion matrix batata hai kaunsi class kis class se
# confuse ho rahi hai — neutral aksar dono taraf gadbad karta hai. Phir slices dekho:
# negation wale reviews pe accuracy kam hai. "Not bad at all" ya "acting acchi thi par story
# boring" jaise reviews bag-of-words ko samajh nahi aate. Agle chapters ke sequence models
# yahi problem solve karenge.

# %% [markdown]
# ## Checkpoint
#
# If the cells above ran as described, these hold. The thresholds come from seeded runs on a
# 2-core CPU, with a margin:
#
# - the cleaned data has no missing values or duplicates, and lost less than 10% of the rows;
# - the stratified split keeps each class share within one point of the whole;
# - the TF-IDF baseline beats the majority class by at least 15 points on the held-out test set;
# - the random split scores higher than the held-out split (leakage inflates the score);
# - the baseline is worse on reviews with a negation word than on reviews without;
# - Adam's validation accuracy after 10 epochs is ahead of plain SGD's.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** yeh `assert`s check karte hain ki jo upar text mein bola, wahi tumhare run
# mein bhi hua. Clean data mein koi missing value ya duplicate nahi bacha; stratified split ne
# class ratio same rakha; baseline majority class se kam se kam 15 points aage hai; random split
# ka score held-out se zyada hai (leakage!); negation wale reviews pe baseline kamzor hai; aur
# Adam 10 epochs mein SGD se aage hai. Koi assert fail ho toh threshold mat badlo — pehle dhundho
# ki model kyun nahi seekh raha.

# %%
assert clean[["text", "sentiment"]].notna().all().all() and not clean["text"].duplicated().any()
assert len(clean) > 0.9 * len(raw)
assert (proportions.sub(proportions["all"], axis=0).abs() < 0.01).all().all()
assert baseline_acc >= majority_acc + 0.15, (baseline_acc, majority_acc)
assert random_split_acc > baseline_acc, (random_split_acc, baseline_acc)
assert by_negation.loc[True, "mean"] < by_negation.loc[False, "mean"], by_negation
assert results.loc["Adam", "val_accuracy"] > results.loc["SGD", "val_accuracy"], results
print(f"baseline {baseline_acc:.3f} vs majority {majority_acc:.3f}; "
      f"random split {random_split_acc:.3f}")  # fmt: skip

# %% [markdown]
# ## Summary
#
# - A model is an algorithm plus learned parameters; training is costly and happens once,
#   inference is cheap and happens every time the model is used.
# - Clean before you count: drop duplicates after normalising, and drop rows whose text or
#   label is missing. `ffill()` (not `fillna(method=...)`) is for ordered data, not reviews.
# - Describe with statistics (`describe`, mean vs median) and plots (class balance, length
#   histogram, scatter, word cloud), then count words and n-grams.
# - Split with care: stratify, and keep near-duplicates from leaking across the split.
# - A TF-IDF + logistic regression pipeline is the baseline every later model must beat; the
#   optimizer comparison and the negation slice show where it is weak.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** ek line mein: pehle data samjho, phir model banao. Duplicates aur
# missing values soch-samajh ke handle karo — ffill har jagah sahi nahi hai. Stats aur plots
# se data ki shakal dekho, n-grams se phrases pakdo. Split karte waqt leakage se bacho, warna
# score jhoothi khushi dega. Aur TF-IDF + logistic regression wala baseline yaad rakhna —
# agle chapters ke RNN, LSTM aur Transformer ko isko clearly harana hai, khaaskar negation
# wale reviews pe.

# %% [markdown]
# ## Exercises
#
# 1. Count how many clean reviews are in each `language` per `sentiment`. Is any combination
#    rare enough to worry about?
# 2. Add character n-grams to the baseline (`TfidfVectorizer(analyzer="char_wb",
#    ngram_range=(2, 4))`). Do they help with spelling variants? Compare on validation.
# 3. Train the softmax regression with SGD at learning rates 0.01, 0.1 and 1.0. What happens
#    to the training loss at each?
#
# <details><summary>Solution 1</summary>
#
# ```python
# pd.crosstab(clean["language"], clean["sentiment"])
# ```
# Look for cells much smaller than the others: a model sees few examples of that combination,
# so its accuracy there is both lower and less certain.
# </details>
#
# <details><summary>Solution 2</summary>
#
# ```python
# chars = make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True),
#                       LogisticRegression(C=best["C"], max_iter=2000))
# print(evaluate(chars, train, val), "vs", search["val_acc"].max())
# ```
# Character n-grams match `acha` and `accha` partly, so they are robust to spelling, but they
# still see only local order: negation far from its word stays a problem.
# </details>
#
# <details><summary>Solution 3</summary>
#
# ```python
# for lr in [0.01, 0.1, 1.0]:
#     keras.utils.set_random_seed(0)
#     m = softmax_regression()
#     m.compile(keras.optimizers.SGD(lr), "sparse_categorical_crossentropy")
#     print(lr, m.fit(x_train, y_train, epochs=10, verbose=0).history["loss"][::3])
# ```
# 0.01 barely moves in 10 epochs, 0.1 learns steadily, 1.0 learns fastest here (the problem is
# convex and the features are small) but can oscillate on harder problems.
# </details>

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** exercises khud try karo, solution baad mein kholo. Pehle mein dekhna hai ki
# kaunsa language-sentiment combination kam examples wala hai. Doosre mein character n-grams
# try karo — spelling variants (acha/accha) pe madad milti hai, par door wala negation ab bhi
# problem rahega. Teesre mein SGD ka learning rate badal ke dekho ki loss kitni tezi se girta
# hai, aur kab oscillate karne lagta hai.
