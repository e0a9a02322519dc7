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
# ek simple baseline model train karenge. Aage ke chapters (RNN, LSTM, Transformer) ke models
# ko yeh baseline harana hai, isliye isko bina shortcut ke, poori mehnat se banana zaroori hai.

# %% [markdown]
# **Roadmap** (about an hour). Section 11 is optional and can wait until after chapter 02; run
# its cells anyway, because the checkpoint uses them.
#
# | sections, in order | minutes |
# |---|---:|
# | Setup, 1. Models, 2. Corpus, 3. Cleaning, 4. Normalisation | 19 |
# | 5. Statistics, 6. Plots, 7. N-grams, 8. Features | 17 |
# | 9. Splitting, 10. Baseline, 12. Evaluation | 20 |
# | Checkpoint, Summary | 4 |
# | *optional:* 11. Optimizers | 8 |
# | Exercises | 30 |

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** roadmap table upar hai. Main path lagbhag ek ghante ka hai, padhna aur cells
# chalana dono milake. Section 11 (optimizers) optional hai: pehli baar mein uski reading skip
# kar sakte ho aur chapter 02 ke baad wapas aa sakte ho, jahan networks train hote hain; lekin
# uske cells chalao, kyunki checkpoint unko bhi check karta hai. Exercises ke liye 30 minute alag
# se rakho.

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
import re
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
from course_utils.exercises import ch01 as ex
from course_utils.text import CONTRAST_WORDS, NEGATION_WORDS, has_any, normalize_text, tokenize

plots.use_course_style()
precision.use_best_precision()
pd.set_option("display.max_colwidth", 90)

# %% [markdown]
# The line above comes from `precision.use_best_precision()`. It sets Keras' global **dtype
# policy**: the number format in which layers compute. It looks at the hardware and picks:
#
# | hardware | policy | why |
# |---|---|---|
# | CPU only | `float32` | mixed precision is *slower* on CPUs |
# | NVIDIA GPU with float16 tensor cores (Colab's T4) | `mixed_float16` | layers compute in 16-bit floats: about twice as fast, half the memory |
# | A100, L4 and newer, or a TPU | `mixed_bfloat16` | as fast, and bfloat16 has float32's range |
#
# "Mixed" means the layers *compute* in 16 bits while the weights stay float32. A 16-bit float
# keeps only about three significant digits, and float16 also has a small range: Keras
# multiplies the loss by a large factor before computing gradients (**loss scaling**) so that
# small gradients do not round to zero, and divides it out again before the update; bfloat16
# needs no scaling. Two habits follow, and every chapter keeps them: the *last* layer stays
# `float32` (`Dense(..., dtype="float32")`) so that softmax and loss are computed accurately,
# and demos that compare a hand computation with Keras to $10^{-5}$ pin their layers to
# `float32` (chapter 02). To see on this machine what a GPU student gets, start Jupyter with
# the environment variable `COURSE_DTYPE_POLICY=mixed_float16` (or `mixed_bfloat16`): the
# policy is then forced, and the line says so. In this chapter only section 11 builds a Keras
# model, and its one layer is pinned to float32, so every figure here is the same under every
# policy.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** setup cell Colab pe course ka code aur data ek baar le aata hai, saare
# random seeds fix karta hai aur machine ke baare mein ek line print karta hai. Uske baad
# `use_best_precision()` hardware dekh ke dtype policy chunta hai, matlab layers kis number
# format mein calculation karengi. CPU pe `float32`, T4 jaise GPU pe `mixed_float16`, A100/L4
# ya TPU pe `mixed_bfloat16`. "Mixed" ka matlab: calculation 16 bits mein, weights float32
# mein. 16-bit float mein sirf teen digits ki precision hai, aur float16 ki range bhi chhoti
# hai, isliye Keras loss ko ek bade factor se multiply karta hai (loss scaling), taaki chhote
# gradients zero na ban jaayein; bfloat16 ko iski zaroorat nahi. Do aadatein poore course mein
# rahengi: last layer `float32` mein, aur jo demo haath ki calculation ko Keras se $10^{-5}$ tak
# match karta hai, uski layers bhi `float32` mein. GPU wala result yahin dekhna ho toh
# `COURSE_DTYPE_POLICY=mixed_float16` set karke Jupyter chalao. Is chapter mein sirf section
# 11 ka model Keras ka hai, aur uski layer `float32` pe pinned hai, isliye yahan ke saare
# numbers har policy mein same aayenge.

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
# Training is where most of this course happens. Inference is what users see — so section 10
# also measures how long our baseline takes to train and how fast it predicts.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** model ek function hai jiske parameters hamne haath se nahi likhe — woh
# data se seekhe gaye hain. Training matlab model ko labelled examples dikhana, galti
# (loss) nikalna aur parameters thoda-thoda theek karna; ismein forward aur backward pass
# dono lagte hain, isliye yeh mehenga hai. Inference matlab trained model se naye review
# ka label poochna — sirf forward pass, ekdum sasta. Cricket ki tarah socho: net practice
# training hai, match mein shot khelna inference. Section 10 mein hum naap ke dekhenge ki
# hamara baseline train hone mein kitna time leta hai aur predict kitni tezi se karta hai.

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

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** sentiment model banana hai toh aise reviews chahiye jinke saath label ho
# — positive, negative ya neutral. Asli projects mein yeh data app store, Flipkart-type sites
# ya surveys se aata hai. Hamara corpus course ne khud banaya hai (details `data/README.md`
# mein): lagbhag chaar hazaar chhote reviews. Hum jaan-boojhke **raw** file load kar rahe
# hain, kyunki real data hamesha thoda ganda hota hai. Har row mein text, sentiment, language,
# domain aur course ka apna `split` hai (kyun, yeh section 9 batayega). `info()` dekho: `text`
# aur `sentiment` mein kuch values missing hain.

# %%
raw["language"].value_counts()

# %% [markdown]
# ## 3. Cleaning: duplicates and missing values
#
# Two kinds of dirt are common in collected text: the same review stored twice, and rows with
# a missing field. First we count both.

# %%
print("missing values per column:")
print(raw.isna().sum())
exact_duplicates = raw.duplicated(subset="text").sum()
normalized_duplicates = raw["text"].dropna().map(normalize_text).duplicated().sum()
print("\nexact duplicate texts:", exact_duplicates)
print("duplicates after normalising case and spaces:", normalized_duplicates)

# %% [markdown]
# Some duplicates only show up after normalising case and spaces (section 4 looks at
# normalisation in detail): `"Bahut accha phone"` and `"bahut  accha phone "` are the same
# review. Duplicates inflate some phrasings and, worse, can put the same review in the
# training and the test set.
#
# **Missing values.** A snippet you will often see fills the gaps with
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

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** cleaning mein do kaam hain. Pehla, duplicates hatao — ek hi review do
# baar ho toh model ko lagta hai yeh phrasing zyada common hai, aur kabhi woh train aur test
# dono mein chala jaata hai. Kuch duplicates normalise karne ke baad hi dikhte hain ("Bahut
# accha phone" aur "bahut  accha phone "). Doosra, missing values. Purane code mein
# `fillna(method="ffill")` likha milega; pandas 2.1 mein yeh deprecate hua aur 3.0 mein hata
# diya gaya, ab `ffill()` hai. Lekin sawaal yeh hai ki ffill karna chahiye bhi ya nahi.
# Temperature jaisi readings mein pichhli value copy karna theek hai. Reviews ek doosre se
# independent hain — pichhle review ka label copy kiya toh hum galat training data bana rahe
# hain. Aur bina text ka review kuch nahi sikhata. Isliye dono tarah ki adhoori rows
# `dropna()` se hatate hain.

# %%
clean = raw.dropna(subset=["text", "sentiment"]).copy()
clean["text"] = clean["text"].map(normalize_text)
clean = clean[clean["text"] != ""]  # a review of only spaces is empty once normalised
clean = clean.drop_duplicates(subset="text").reset_index(drop=True)
print(f"{len(raw)} raw rows -> {len(clean)} clean rows")

# the course's helper does exactly these steps; later chapters call it directly
assert clean.equals(data.clean_reviews(raw))

# %% [markdown]
# ## 4. Text normalisation
#
# The same word reaches us in many forms: `Accha`, `ACCHA`, `acha`, `achha`, `acchaaaa`.
# To a computer these are five different strings. **Normalisation** maps them to fewer forms so
# counts and models see one word. `normalize_text` lower-cases, applies Unicode NFKC (folds
# look-alike characters), squeezes a letter repeated three or more times to *two* letters,
# collapses spaces, and maps common Hinglish spelling variants (the table
# `text.HINGLISH_SPELLINGS`) to the spelling the course uses. Two letters, not one, because
# real words have double letters (`accha`, `good`, `bakwaas`): squeezing to one letter would
# break them. The price: `acchaaaa` becomes `acchaa`,
# still a different string from `accha`. Four of the five forms above end up as one word; the
# fifth does not.

# %%
for example in ["Bohot ACHA phone!!!!", "Acchaaaa", "  Story   nahin thi  ", "Paisaaaa vasool"]:
    print(f"{example!r:28} -> {normalize_text(example)!r}")

# %% [markdown]
# To count words we first need **tokens**. `text.split()` splits on spaces only, so
# punctuation stays attached: `"hai."` and `"hai"` would be different words, and a filter like
# `isalpha()` throws away both `"hai."` and `"isn't"`. The course's `tokenize` splits
# punctuation off as separate tokens and keeps a contraction such as `isn't` whole. We keep its
# word tokens (not the punctuation) for every count in this chapter.

# %%
def words(text: str) -> list[str]:
    """The word tokens of a review: `tokenize` without the punctuation tokens."""
    return [token for token in tokenize(text) if any(ch.isalnum() for ch in token)]


sample = "Camera accha hai. Battery isn't great, par price theek hai!"
print("split + isalpha:", [w for w in sample.lower().split() if w.isalpha()])
print("words():        ", words(sample))
n_split = sum(w.isalpha() for t in raw["text"].dropna() for w in t.lower().split())
n_words = sum(len(words(t)) for t in raw["text"].dropna())
split_loss = 1 - n_split / n_words
print(f"split + isalpha keeps {n_split:,} of {n_words:,} word tokens: it drops {split_loss:.1%}")

# %%
def spelling_counts(texts: pd.Series, variants: list[str]) -> dict[str, int]:
    counts = Counter(w for t in texts for w in tokenize(t))
    return {v: counts[v] for v in variants}


variants = ["accha", "acha", "achha", "bahut", "bohot", "nahi", "nahin"]
before = spelling_counts(raw["text"].dropna(), variants)
after = spelling_counts(clean["text"], variants)
pd.DataFrame({"raw": before, "normalised": after})

# %% [markdown]
# Normalisation is a choice, not a law. Lower-casing throws away SHOUTING, which can carry
# sentiment; mapping `nahin` to `nahi` is right, but an aggressive stemmer can merge words
# that mean different things. Keep the raw text, and normalise in one function you can change.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** Hinglish mein ek hi word ki kaafi spellings hoti hain — "acha", "accha",
# "achha", aur kabhi "acchaaaa" bhi. Computer ke liye yeh sab alag strings hain, toh counts bat
# jaate hain. Normalisation inko kam forms mein laata hai: lowercase, extra spaces hatao,
# teen ya zyada baar repeat hua letter do pe lao, aur spelling variants ko ek spelling pe map
# karo. Do letters isliye, kyunki "accha" aur "good" mein asli double letters hain. Nateeja:
# "acchaaaa" ban jaata hai "acchaa", jo ab bhi "accha" se alag string hai — paanch mein se
# chaar forms ek ho gayi, paanchvi nahi. Words ginne ke liye tokens chahiye: `split()` sirf
# spaces pe todta hai, toh "hai." aur "hai" alag words ban jaate hain, aur `isalpha()` "hai."
# aur "isn't" dono ko phenk deta hai. Upar print hua ki yeh kitne percent tokens gira deta hai.
# Isliye hum har jagah `tokenize` wale `words()` use karte hain. Aur dhyaan rakho —
# "BAKWAAS" ko lowercase karne se gussa thoda kho jaata hai. Isliye raw text sambhal ke rakho
# aur normalisation ek hi function mein karo.

# %% [markdown]
# ## 5. Descriptive statistics
#
# Numbers summarise what we cannot read row by row. Text has no numeric column yet, so we make
# two: the length in characters and in words (word tokens, as counted by `words()` above).
# `describe()` gives count, mean, standard deviation, minimum, quartiles and maximum.

# %%
clean["n_chars"] = clean["text"].str.len()
clean["n_words"] = clean["text"].map(lambda text: len(words(text)))
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
# Mean aur median mein bada fark ho toh samjho distribution skewed hai — kuch lambe reviews
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
word_counts = Counter(w for t in clean["text"] for w in words(t))
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

# %% [markdown]
# What the four plots say about this corpus: no class is rare (the smallest, neutral, still
# has about a quarter of the reviews), so accuracy is not dominated by one class — but it is not
# balanced either, which is why section 12 looks at each class. Lengths are skewed to the right,
# as the mean and median of section 5 suggested, and the three sentiments have nearly the same
# length distribution: length alone will not separate them. The scatter shows no relation
# between length and exclamation marks that differs by colour.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** plots se sawaalon ke jawab jaldi milte hain. Bar chart batata hai ki
# classes balanced hain ya nahi — agar ek class bahut badi ho toh accuracy dhokha de sakti
# hai. Yahan koi class rare nahi (sabse chhoti, neutral, ke paas bhi lagbhag ek chauthai
# reviews hain), par poora balance bhi nahi, isliye section 12 har class alag se dekhega.
# Histogram dikhata hai ki zyada tar reviews chhote hain aur kuch lambe, aur teeno sentiments ki
# lengths lagbhag ek jaisi hain — sirf length se label nahi pata chalega. Scatter plot se pata
# chalta hai ki do features saath mein badhte hain ya nahi; yahan koi rang alag pattern nahi
# dikhata. Word cloud dekhne mein mast lagta hai, lekin woh measurement nahi hai — sizes compare
# karna mushkil hai. Agar `wordcloud` package install nahi hai, toh cell bar chart bana deta hai,
# error nahi deta.

# %% [markdown]
# ## 7. Word frequency and n-grams
#
# `Counter` counts the word tokens. The raw top ten is mostly glue words in both languages —
# true, but not informative. (With `split()` + `isalpha()`, `hai` would be missing from it: most
# of its occurrences end a sentence, as `hai.`.) An **n-gram** is a run of *n* consecutive words: unigrams are single words,
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

# %% [markdown]
# The trigram list is odd: six trigrams with the same count. They are pieces of one sentence,
# "most of it was shot in goa and manali". Counting whole sentences shows that it is not alone:
# a handful of filler sentences recur in hundreds of reviews.

# %%
sentences = Counter(
    s.strip() for t in clean["text"] for s in re.split(r"[.!?]+", t) if len(s.split()) >= 5
)
boilerplate = pd.DataFrame(sentences.most_common(6), columns=["sentence", "occurrences"])
display(boilerplate)
top_trigram, top_trigram_count = top_ngrams(clean["text"], 3, k=1)[0]
filler = next(sentence for sentence, _ in sentences.most_common() if top_trigram in sentence)
with_filler = clean["text"].str.contains(filler, regex=False)
filler_shares = pd.DataFrame(
    {"reviews with it": clean.loc[with_filler, "sentiment"].value_counts(normalize=True),
     "all reviews": clean["sentiment"].value_counts(normalize=True)}
).round(3)  # fmt: skip
print(f"{with_filler.sum()} reviews contain {filler!r}; their labels vs all reviews:")
filler_shares

# %% [markdown]
# This is **template text**, common in scraped data: a shop's standard sentence, a signature,
# a plot summary copied into many reviews. It says nothing about the sentiment — the reviews
# that contain the filler have about the same label shares as the whole corpus — but it
# dominates n-gram counts and makes reviews look more alike than they are. What to do about it:
# know it is there (count repeated sentences, as above), do not read meaning into its n-grams,
# and remember it when splitting (section 9). TF-IDF helps on its own: a phrase that occurs in
# many reviews gets a small inverse document frequency (section 10).

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** `Counter` se sabse common words milte hain, lekin top list mein zyada tar
# "the", "hai", "is" jaise words hote hain — sahi toh hai, par kisi kaam ka nahi. (`split()`
# wale count mein "hai" gayab ho jaata, kyunki woh aksar sentence ke end mein "hai." ban ke
# aata hai.) N-gram matlab n words ka continuous tukda: unigram ek word, bigram do words,
# trigram teen. Bigram thoda word order yaad rakhta hai, aur negation ke liye yeh important
# hai: "not good" mein "good" positive lagta hai, par poora bigram negative hai. Trigrams ki
# list ajeeb hai: saare ek hi sentence ke tukde hain, "most of it was shot in goa and manali".
# Yeh template text hai — scraped data mein aksar milta hai, jaise shop ka standard sentence
# ya copy kiya hua plot summary. Sentiment ke baare mein yeh kuch nahi batata (in reviews ke
# labels ka share poore corpus jaisa hi hai), par n-gram counts pe chha jaata hai aur reviews
# ko zyada milta-julta dikhata hai. Isko pehchano, iske n-grams se matlab mat nikalo, aur split
# karte waqt yaad rakho. TF-IDF aise common phrases ko khud hi kam weight deta hai. Har
# sentiment ke top bigrams bhi dekho: "so so" aur "theek thaak" neutral mein hi upar aate hain.

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
    tokens = words(text)
    return sum(w in vocabulary for w in tokens) / max(len(tokens), 1)


clean["n_negations"] = clean["text"].map(lambda t: sum(w in NEGATION_WORDS for w in words(t)))
clean["hindi_share"] = clean["text"].map(lambda t: share_in(t, HINDI_WORDS))
features = ["n_words", "n_exclaim", "n_negations", "hindi_share"]
clean.groupby("sentiment")[features].mean().round(2)

# %% [markdown]
# Hand-made features are cheap and easy to explain, but they capture only what we thought of.
# The rest of the course is about models that *learn* their features from the words and their
# order.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** feature matlab raw input se nikala hua ek number jo model use kar sake.
# Length, exclamation marks, negation words kitne hain, Hindi words ka share — yeh sab hamne
# khud banaye. Group-by se dikhta hai ki har sentiment mein yeh numbers alag hain ya nahi; alag
# hain toh feature kaam ka ho sakta hai. Hand-made features samajhne mein easy hain, par sirf
# wahi pakadte hain jo hamne socha. Aage ke chapters mein model khud features seekhega.

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
# understanding reviews. The shared template sentences of section 7 make it worse. The corpus
# therefore ships its own split (`split` column): some phrasings and words occur **only** in
# validation or test. A first measurement: how many test words did training never see?

# %%
train, val, test = data.reviews_split(clean)
print({name: len(part) for name, part in [("train", train), ("val", val), ("test", test)]})


def unseen_share(train_part: pd.DataFrame, eval_part: pd.DataFrame) -> float:
    """Share of the word tokens of `eval_part` that never occur in `train_part`."""
    vocabulary = {w for t in train_part["text"] for w in words(t)}
    tokens = [w for t in eval_part["text"] for w in words(t)]
    return float(np.mean([w not in vocabulary for w in tokens]))


unseen_random = unseen_share(train_r, test_r)
unseen_held_out = unseen_share(train, test)
print(f"test words never seen in training: random split {unseen_random:.2%}, "
      f"corpus split {unseen_held_out:.1%}")  # fmt: skip

# %% [markdown]
# On the random split almost every test word was seen in training; on the corpus's split about
# one test word in ten is new. That is what a deployed model meets: reviews written after the
# training data was collected, with words it never saw. Section 10 measures what the difference
# does to accuracy.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** data ko teen hisson mein baanto: train pe model seekhta hai, validation pe
# hum choices karte hain, aur test pe sirf final number ek baar report karte hain. Stratified
# split har hisse mein classes ka ratio same rakhta hai. Lekin dhyaan do — hamare reviews mein
# bahut saare milte-julte phrases hain, aur upar wale template sentences bhi. Random split
# karoge toh ek review train mein aur uska "judwa" test mein chala jaayega, aur model ratta maar
# ke accha score le lega. Isliye corpus ka apna split hai jismein kuch phrasings aur words sirf
# validation ya test mein aate hain. Naap ke dekha: random split pe test ka lagbhag har word
# training mein aa chuka hai, corpus wale split pe lagbhag har dasvaan word naya hai — jaise
# deploy hone ke baad naye reviews mein hota hai.

# %% [markdown]
# ## 10. A real baseline: TF-IDF + logistic regression
#
# A snippet you will often see trains `LogisticRegression` directly on the review strings,
# `LogisticRegression().fit(train["text"], train["sentiment"])`. That fails: scikit-learn
# models need numbers, not text.

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
# and every comparison between models is made there too. The test set is used once, for the
# chosen model.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** aksar dikhne wale snippet mein `LogisticRegression` ko seedha text de diya
# jaata hai — error aata hai, kyunki scikit-learn ko numbers chahiye. Isliye pipeline banate hain:
# pehle TF-IDF text ko vector mein badalta hai, phir logistic regression us vector se seekhta hai.
# TF-IDF common words ("hai") ko kam weight deta hai aur rare, meaningful words ("bakwaas") ko
# zyada. Har model ko ek baseline harana chahiye — sabse simple hai majority class. n-gram range aur
# `C` validation pe chuno, models ka comparison bhi wahin karo, aur test pe chune hue model ko sirf
# ek baar dekho.

# %%
search = pd.DataFrame(
    [{"ngrams": str(ngrams), "C": c, "val_acc": evaluate(tfidf_logreg(ngrams, c), train, val)}
     for ngrams in [(1, 1), (1, 2)] for c in [0.3, 1.0, 3.0, 10.0]]
)  # fmt: skip
search.pivot(index="C", columns="ngrams", values="val_acc").round(3)

# %%
best_per_range = search.groupby("ngrams")["val_acc"].max()
unigram_val, bigram_val = best_per_range["(1, 1)"], best_per_range["(1, 2)"]
best = search.loc[search["val_acc"].idxmax()]
best_ngrams = (1, 2) if best["ngrams"] == "(1, 2)" else (1, 1)
print(f"best validation accuracy: unigrams {unigram_val:.3f}, uni+bigrams {bigram_val:.3f}")

start = time.perf_counter()
baseline = tfidf_logreg(best_ngrams, best["C"]).fit(train["text"], train["sentiment"])
fit_seconds = time.perf_counter() - start
baseline_acc = accuracy_score(test["sentiment"], baseline.predict(test["text"]))
print(f"chosen on validation: {best['ngrams']}, C={best['C']} -> test accuracy {baseline_acc:.3f}")

# %% [markdown]
# Bigrams help: they see "not good" as one feature. Now the leakage experiment promised in
# section 9: the same pipeline, trained on the random split's training part and scored on its
# validation part, next to the corpus split's validation score (validation again, so the test
# set stays untouched).

# %%
random_split_acc = evaluate(tfidf_logreg(best_ngrams, best["C"]), train_r, val_r)
held_out_acc = best["val_acc"]
print(f"random split, validation accuracy: {random_split_acc:.3f}")
print(f"corpus split, validation accuracy: {held_out_acc:.3f}")

# %% [markdown]
# The random split flatters the model: it scores higher because its validation reviews have
# near-twins in training. (The corpus split's number even had an advantage: `C` was chosen on
# it.) The held-out number is the one to trust, and the test accuracy of the chosen model is the
# number chapters 02–04 must beat.
#
# Section 1 promised a look at inference. We timed the `fit` above; now we time `predict`, once
# for the whole test set in one call and once one review at a time, as a web service that gets
# one request at a time would call it:

# %%
start = time.perf_counter()
baseline.predict(test["text"])
batch_us = (time.perf_counter() - start) / len(test) * 1e6
one_by_one = test["text"].iloc[:100]
start = time.perf_counter()
for review in one_by_one:
    baseline.predict([review])
single_us = (time.perf_counter() - start) / len(one_by_one) * 1e6
print(f"training: {fit_seconds:.2f} s for {len(train)} reviews")
print(f"inference: {batch_us:.0f} µs per review in one batch, {single_us:.0f} µs one at a time")

# %% [markdown]
# Compare the lines: training costs far more than predicting one review, which takes
# microseconds — the asymmetry of section 1's table. One call per review is many times slower per review than one
# call for all of them: each call pays a fixed overhead (Python, the pipeline's checks) that a
# batch shares. Servers that run models therefore group requests into batches. Exact timings
# vary from machine to machine and run to run; the ratio is the lesson.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** Bigrams madad karte hain, kyunki "not good" ek feature ban jaata hai.
# Random split wala validation score zyada aata hai kyunki wahan "judwa" reviews leak ho rahe
# hain — bharosa held-out wale number pe karo (usko toh `C` chunne ka fayda bhi mila tha, phir
# bhi kam hai). Chapters 02–04 ko chune hue model ki test accuracy harani hai. Inference ka time
# bhi naapa: training predict se kahin zyada mehengi hai, ek review ka prediction microseconds
# mein ho jaata hai. Ek-ek review ke liye alag call karo toh har review kaafi mehenga padta hai,
# kyunki har call ka fixed overhead hai; isliye servers requests ko batch mein jodte hain. Exact
# timings machine pe depend karti hain, ratio yaad rakho.

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
# the same TF-IDF features, 10 epochs each, each optimizer at its usual learning rate. The
# layer is pinned to `dtype="float32"` (see Setup), so the figures are the same under every
# dtype policy.

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
        [keras.Input((x_train.shape[1],)),
         keras.layers.Dense(3, activation="softmax", dtype="float32")]  # fmt: skip
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
# after 10 epochs: we compare how fast they learn, not where they end. That is also why none
# matches the scikit-learn pipeline of section 10, and not the only reason: that pipeline runs
# its solver to convergence, keeps every n-gram (`min_df=1`; here `min_df=2` keeps only n-grams
# seen in two reviews or more) and has an L2 penalty on the weights (its `C`); this model has
# none. Differences of a point or two in the final accuracy are within run-to-run noise;
# differences in how fast the loss falls are the real lesson.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** optimizer woh algorithm hai jo gradient dekh ke weights update karta hai.
# SGD sabko ek hi speed se move karta hai. Adagrad har weight ka apna step rakhta hai, par
# uska step time ke saath sirf chhota hota jaata hai. RMSProp recent gradients ka moving
# average use karta hai, aur Adam usmein momentum bhi jodta hai. Table padhne se kuch pata
# nahi chalta, isliye hamne measure kiya — same model, same features, 10 epochs. Curves dekho:
# text ke sparse features pe adaptive optimizers jaldi seekhte hain, kyunki rare par important
# n-gram ko bada step milta hai. Dhyaan do, 10 epochs mein koi bhi converge nahi hua, toh yeh
# comparison speed ka hai, final accuracy ka nahi. Section 10 wali scikit-learn pipeline se
# fark sirf convergence ka nahi: wahan `min_df=1` aur L2 penalty (`C`) hai, yahan `min_df=2`
# aur koi penalty nahi. Final accuracy mein ek-do point ka fark noise bhi ho sakta hai; loss
# kitni tezi se girta hai, asli lesson woh hai.

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
# Read the report row by row, not only its accuracy line. The **macro average** is the plain
# mean over the three classes, so a weak class pulls it down however few reviews it has; the
# *weighted* average weights each class by its number of reviews. Later chapters report the
# macro-F1 next to accuracy for this reason. In the matrix, the diagonal holds each class's
# recall; the off-diagonal cells show which classes are mistaken for which.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** accuracy ek hi number hai, aur woh bahut kuch chhupa leti hai. Per-class
# report mein precision (jinhe model ne kisi class ka bola, unmein se kitne sahi), recall (jo
# asli mein us class ke the, unmein se kitne pakde) aur F1 milta hai. Macro average teeno
# classes ka seedha average hai — kamzor class usko neeche kheench leti hai, chahe uske reviews
# kam hon; weighted average har class ko uske reviews ki ginti se tolta hai. Isliye aage ke
# chapters accuracy ke saath macro-F1 bhi dikhayenge. Confusion matrix ka diagonal har class
# ki recall hai, aur baaki cells batate hain ki kaunsi class kis class se confuse ho rahi hai.

# %% [markdown]
# Accuracy also hides *which reviews* fail. Slicing the test set by a property we care about
# — here, whether the review contains a negation word or a contrast word ("but", "par",
# "lekin", ...), and its language — shows where the bag-of-n-grams model is weak.

# %%
test_eval = test.assign(
    correct=test_pred == test["sentiment"],
    has_negation=test["text"].map(lambda t: has_any(t, NEGATION_WORDS)),
    has_contrast=test["text"].map(lambda t: has_any(t, CONTRAST_WORDS)),
)
by_negation = test_eval.groupby("has_negation")["correct"].agg(["mean", "size"]).round(3)
by_contrast = test_eval.groupby("has_contrast")["correct"].agg(["mean", "size"]).round(3)
by_language = test_eval.groupby("language")["correct"].agg(["mean", "size"]).round(3)
display(by_negation, by_contrast, by_language)

# %% [markdown]
# Both slices are weaker. Are the mistakes then *mostly* negation and contrast? Count all the
# mistakes, not only the ones in one slice, and compare each share with the same share among
# all test reviews:

# %%
mistakes = test_eval[~test_eval["correct"]]
kinds = {
    "negation word": "has_negation",
    "contrast word": "has_contrast",
}
mistake_table = pd.DataFrame(
    {
        "mistakes": {k: int(mistakes[c].sum()) for k, c in kinds.items()},
        "share of mistakes": {k: mistakes[c].mean() for k, c in kinds.items()},
        "share of all test reviews": {k: test_eval[c].mean() for k, c in kinds.items()},
    }
)
either = mistakes["has_negation"] | mistakes["has_contrast"]
mistake_table.loc["either"] = [int(either.sum()), either.mean(),
                               (test_eval["has_negation"] | test_eval["has_contrast"]).mean()]  # fmt: skip
mistake_table.loc["neither"] = [int((~either).sum()), (~either).mean(),
                                1 - mistake_table.loc["either", "share of all test reviews"]]  # fmt: skip
print(f"{len(mistakes)} mistakes on {len(test_eval)} test reviews")
display(mistake_table.round(3))
mistakes.assign(predicted=test_pred[mistakes.index])[["text", "sentiment", "predicted"]].head(8)

# %% [markdown]
# Negation and contrast words are over-represented among the mistakes: their share of the
# mistakes is larger than their share of the test set ("not bad at all", "acting acchi thi
# par story boring"). But "mostly" would overstate it: the *neither* row shows how many
# mistakes have no such word at all (label noise, sarcasm, unseen words). A bag of n-grams
# sees the words but only a window of word order; chapters 02–04 build models that read the
# whole sequence, and measure which of these mistakes they fix.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** accuracy yeh bhi chhupa leti hai ki *kaunse* reviews fail hote hain.
# Slices dekho: negation wale aur contrast ("but", "par", "lekin") wale dono reviews pe
# accuracy kam hai. Toh kya zyada tar galtiyan negation aur contrast ki hain? Sirf ek slice ko
# filter karke yeh nahi bol sakte — saari galtiyan gino. Table dikhati hai ki in words ka share
# galtiyon mein poore test set se zyada hai ("not bad at all", "acting acchi thi par story
# boring"), lekin *neither* wali row bhi dekho: kaafi galtiyon mein aisa koi word hai hi nahi
# (label noise, sarcasm, naye words). Bag of n-grams words dekhta hai par order sirf chhoti
# window mein. Agle chapters ke sequence models poora sequence padhenge, aur hum naapenge ki
# inmein se kaunsi galtiyan woh theek karte hain.

# %% [markdown]
# ## Checkpoint
#
# If the cells above ran as described, these hold. Each checks a claim of the text; the
# thresholds come from seeded runs on a 2-core CPU (measured values in brackets), with a margin.
# The data and scikit-learn are deterministic, and section 11's layer computes in float32, so
# your values should match these closely.
#
# - normalising finds duplicates that exact matching misses (139 vs 138);
# - `split()` + `isalpha()` drops more than 10% of the word tokens (13.9%), and `hai` is among
#   the five most frequent word tokens (third);
# - the top trigram's count is the number of reviews that carry the filler sentence (158), and
#   those reviews' label shares are within 5 points of the whole corpus's (within 2.2);
# - on the random split under 1% of the test words are unseen in training (0.01%), on the
#   corpus split over 5% (9.4%);
# - on validation, uni+bigrams beat unigrams by at least 2 points (0.662 vs 0.626), and the
#   random split scores at least 2 points above the corpus split (0.706 vs 0.662);
# - the chosen baseline beats the majority class by at least 15 points on the test set (0.672
#   vs 0.398);
# - it is at least 5 points worse on reviews with a negation word (0.578 vs 0.715) and on
#   reviews with a contrast word (0.582 vs 0.701) than on the others, and reviews with either
#   word make up a larger share of the mistakes than of the test set, by at least 5 points
#   (0.668 vs 0.509);
# - Adam's validation accuracy after 10 epochs is at least 8 points ahead of plain SGD's
#   (0.601 vs 0.438).

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** yeh `assert`s check karte hain ki jo upar text mein bola, wahi tumhare run
# mein bhi hua; brackets mein hamare seeded run ke numbers hain. Normalise karne se exact match
# se zyada duplicates mile (139 vs 138). `split()` + `isalpha()` 10% se zyada tokens gira deta
# hai (13.9%), aur "hai" top paanch words mein hai. Top trigram utne hi reviews mein hai jitne
# mein filler sentence hai (158), aur unke labels ka share corpus se 5 points ke andar hai.
# Random split pe 1% se kam test words naye hain (0.01%), corpus split pe 5% se zyada (9.4%).
# Validation pe bigrams unigrams se kam se kam 2 points aage (0.662 vs 0.626), aur random split
# corpus split se kam se kam 2 points zyada (0.706 vs 0.662) — leakage! Baseline test pe
# majority class se kam se kam 15 points aage (0.672 vs 0.398). Negation wale (0.578 vs 0.715)
# aur contrast wale (0.582 vs 0.701) reviews pe woh kam se kam 5 points kamzor hai, aur galtiyon
# mein in reviews ka share test set se kam se kam 5 points zyada hai (0.668 vs 0.509). Adam 10
# epochs mein SGD se kam se kam 8 points aage (0.601 vs 0.438). Koi assert fail ho toh threshold
# mat badlo — pehle dhoondho ki model kyun nahi seekh raha.

# %%
top_word_tokens = [w for w, _ in word_counts.most_common(5)]
shares_gap = filler_shares["reviews with it"].sub(filler_shares["all reviews"]).abs().max()
neg, con = by_negation["mean"], by_contrast["mean"]
either_gap = mistake_table.loc["either", "share of mistakes"] - mistake_table.loc[
    "either", "share of all test reviews"
]
assert normalized_duplicates > exact_duplicates, (normalized_duplicates, exact_duplicates)
assert split_loss > 0.10 and "hai" in top_word_tokens, (split_loss, top_word_tokens)
assert top_trigram in filler and top_trigram_count == with_filler.sum() >= 100, top_trigram
assert shares_gap < 0.05, filler_shares
assert unseen_random < 0.01 < 0.05 < unseen_held_out, (unseen_random, unseen_held_out)
assert bigram_val >= unigram_val + 0.02, (bigram_val, unigram_val)
assert random_split_acc >= held_out_acc + 0.02, (random_split_acc, held_out_acc)
assert baseline_acc >= majority_acc + 0.15, (baseline_acc, majority_acc)
assert neg[True] <= neg[False] - 0.05 and con[True] <= con[False] - 0.05, (neg, con)
assert either_gap >= 0.05, mistake_table
assert results.loc["Adam", "val_accuracy"] >= results.loc["SGD", "val_accuracy"] + 0.08, results
print(f"baseline {baseline_acc:.3f} vs majority {majority_acc:.3f}; validation: random split "
      f"{random_split_acc:.3f} vs corpus split {held_out_acc:.3f}; Adam "
      f"{results.loc['Adam', 'val_accuracy']:.3f} vs SGD {results.loc['SGD', 'val_accuracy']:.3f}")

# %% [markdown]
# ## Summary
#
# - A model is an algorithm plus learned parameters; training is costly and happens once,
#   inference is cheap and happens every time the model is used — we measured both, and saw
#   that batching makes prediction cheaper per review.
# - Clean before you count: drop duplicates after normalising, and drop rows whose text or
#   label is missing. `ffill()` (not `fillna(method=...)`) is for ordered data, not reviews.
# - Count with a real tokenizer: `split()` + `isalpha()` silently dropped about one token in
#   seven.
# - Describe with statistics (`describe`, mean vs median) and plots (class balance, length
#   histogram, scatter, word cloud), then count words and n-grams — and look for template text
#   before reading meaning into frequent phrases.
# - Split with care: stratify, and keep near-duplicates from leaking across the split. Make
#   every choice and comparison on validation; use the test set once.
# - A TF-IDF + logistic regression pipeline is the baseline every later model must beat; its
#   per-class report and the negation and contrast slices show where it is weak.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** ek line mein: pehle data samjho, phir model banao. Training mehengi hai
# aur ek baar hoti hai, inference sasta hai aur har baar — dono naape, aur batch mein predict
# karna per review sasta pada. Duplicates aur missing values soch-samajh ke handle karo — ffill
# har jagah sahi nahi hai. Words ginne ke liye asli tokenizer lo: `split()` + `isalpha()` ne
# lagbhag har saatvaan token gira diya tha. Stats aur plots se data ki shakal dekho, n-grams se
# phrases pakdo, aur template text ko pehchano. Split karte waqt leakage se bacho, warna score
# jhoothi khushi dega; choices validation pe, test sirf ek baar. Aur TF-IDF + logistic
# regression wala baseline yaad rakhna — agle chapters ke RNN, LSTM aur Transformer ko isko
# clearly harana hai, khaaskar negation aur contrast wale reviews pe.

# %% [markdown]
# ## Exercises
#
# The first three check themselves: replace the `...` with your answer and run the cell. You
# get ✓ or ✗ with a reason, in English and Hinglish; `ex.q1.hint()` gives a hint and
# `ex.q1.solution()` the solution (the same for `q2`, `q3`).
#
# 1. **What accuracy hides.** A model that answers "positive" for every review of the test set
#    has the majority-class accuracy. What is its **macro-F1**?
# 2. **Unseen words.** Write `my_unseen_share(train_texts, eval_texts)`: the share of the word
#    tokens of `eval_texts` (every occurrence counts) that never occur in `train_texts`. Use the
#    course's tokenizer, without punctuation tokens, as section 9 does.
# 3. **The majority baseline.** Write `my_majority_accuracy(train_labels, test_labels)`: the
#    accuracy on `test_labels` of a model that always predicts the most frequent training label.
#
# Open-ended, with solutions below:
#
# 4. Count how many clean reviews are in each `language` per `sentiment`. Is any combination
#    rare enough to worry about?
# 5. Add character n-grams to the baseline (`TfidfVectorizer(analyzer="char_wb",
#    ngram_range=(2, 4))`). Do they help with spelling variants? Compare on validation.
# 6. Train the softmax regression with SGD at learning rates 0.01, 0.1 and 1.0. What happens
#    to the training loss at each?
#
# <details><summary>Solution 4</summary>
#
# ```python
# pd.crosstab(clean["language"], clean["sentiment"])
# ```
# Look for cells much smaller than the others: a model sees few examples of that combination,
# so its accuracy there is both lower and less certain.
# </details>
#
# <details><summary>Solution 5</summary>
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
# <details><summary>Solution 6</summary>
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
# **Hinglish mein:** pehle teen exercises khud check hoti hain: `...` ki jagah apna answer
# likho aur cell chalao — ✓ ya ✗ milega, wajah ke saath, English aur Hinglish dono mein;
# `ex.q1.hint()` se hint aur `ex.q1.solution()` se solution milta hai. Pehli mein "hamesha
# positive" bolne wale model ka macro-F1 nikalo. Doosri mein function likho jo bataye ki
# evaluation ke kitne words training mein kabhi nahi aaye (har occurrence gino, course ka
# tokenizer use karo). Teesri mein majority baseline ki accuracy ka function likho. Baaki
# teen open-ended hain, solution baad mein kholo: language-sentiment combinations gino,
# character n-grams try karo (validation pe compare karke), aur SGD ka learning rate badal ke dekho ki loss kitni tezi se girta hai.

# %%
# 1. Macro-F1 of a model that always says "positive", on the test set.
my_macro_f1 = ...
ex.q1.check(my_macro_f1)

# %%
# 2. Share of the word tokens of eval_texts never seen in train_texts.
def my_unseen_share(train_texts: list[str], eval_texts: list[str]) -> float:
    return ...


ex.q2.check(my_unseen_share)

# %%
# 3. Accuracy on test_labels of always predicting the most frequent training label.
def my_majority_accuracy(train_labels: list[str], test_labels: list[str]) -> float:
    return ...


ex.q3.check(my_majority_accuracy)
