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
# # 02 · Recurrent neural networks
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/hinglish-dl/deep-learning-course/blob/main/notebooks/02_rnn.ipynb)
#
# Chapter 01 turned each review into a bag of n-grams: word order survived only inside a
# two-word window. A **recurrent neural network (RNN)** reads a review the way we do, one token
# after another, and carries a running summary from each step to the next. This chapter builds
# one by hand, trains one on the bilingual reviews, and then measures why the simple version
# forgets: the vanishing gradient.
#
# **What you will learn**
#
# - what a hidden state is, and how one RNN step computes it (written out in NumPy and checked
#   against `keras.layers.SimpleRNN`);
# - how to turn reviews into padded integer sequences, and why masking the padding matters;
# - how a `TextVectorization → Embedding → SimpleRNN → Dense` classifier compares with
#   chapter 01's TF-IDF baseline — overall and on negation and contrast;
# - how to *measure* the vanishing and the exploding gradient, and what gradient clipping does
#   and does not fix;
# - why an RNN is slow: its time per batch grows with the sequence length, one step after
#   another.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** chapter 01 ka TF-IDF model review ko words ki potli (bag) ki tarah dekhta
# tha — kaunsa word kitni baar aaya, bas. Order ka pata sirf do-do words tak chalta tha. RNN
# review ko hamari tarah padhta hai: ek word, phir agla, aur har step pe ek chhota sa summary
# (hidden state) aage le jaata hai. Is chapter mein hum ek RNN step haath se likhenge, Keras
# se match karenge, reviews pe model train karenge, aur phir naap ke dekhenge ki simple RNN
# lambe sequences mein shuru ki baatein kyun bhool jaata hai.

# %% [markdown]
# ## Setup
#
# The first cell works locally and on Colab. Besides the usual helpers we import
# `course_utils.sequences`: two measuring tools (gradient per time step, time per batch) that
# chapters 03 and 04 reuse.

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
import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from course_utils import baselines, data, plots, precision, sequences, training
from course_utils.text import CONTRAST_WORDS, NEGATION_WORDS, tokenize

plots.use_course_style()
precision.use_best_precision()

# %% [markdown]
# ## 1. Sequences and the hidden state
#
# Read "camera accha nahi hai" one word at a time. After "camera accha" you lean positive;
# "nahi" flips it. To get this right a model must remember what came before when it sees the
# next word. An RNN keeps that memory in a vector, the **hidden state** $h_t$, and updates it
# at every time step $t$ from the previous state and the current input $x_t$:
#
# $$h_t = \tanh\left(x_t W_x + h_{t-1} W_h + b\right), \qquad h_0 = 0.$$
#
# - $x_t$ is the input at step $t$ (for text: the embedding vector of the $t$-th token);
# - $W_x$ (input → state), $W_h$ (state → state) and $b$ are the weights, **the same at every
#   step**: one small set of weights reads a sequence of any length;
# - $\tanh$ keeps every entry of $h_t$ between −1 and 1.
#
# Drawn as a loop, an RNN is one cell whose output feeds back into itself. **Unrolled** over
# time, it is a chain of copies of that cell, one per token, passing $h$ along. For
# classification we keep only the last state $h_T$ and put a `Dense` layer on top. (Some seed
# notes draw the hidden state flowing into the *next input*; it flows into the next *step*,
# alongside the next input.)

# %%
def draw_unrolled(tokens: list[str], label: str) -> None:
    """An RNN unrolled over `tokens`: the same cell (same weights) at every step."""
    fig, ax = plt.subplots(figsize=(9, 2.8))
    arrow = {"arrowstyle": "->", "lw": 1.5}
    for t, token in enumerate(tokens, start=1):
        x = 2.2 * t
        ax.add_patch(plt.Rectangle((x - 0.55, 0.6), 1.1, 0.8, fc="#56B4E9", ec="black"))
        ax.text(x, 1.0, "RNN\ncell", ha="center", va="center", fontsize=9)
        ax.annotate("", (x, 0.6), (x, -0.05), arrowprops=arrow)
        ax.text(x, -0.3, f'$x_{t}$ = "{token}"', ha="center", va="center")
        ax.annotate("", (x + 1.65, 1.0), (x + 0.55, 1.0), arrowprops=arrow)
        ax.text(x + 1.1, 1.12, f"$h_{t}$", ha="center")
    ax.annotate("", (2.2 - 0.55, 1.0), (0.6, 1.0), arrowprops=arrow)
    ax.text(0.5, 1.0, "$h_0 = 0$", ha="right", va="center")
    end = 2.2 * len(tokens) + 1.65
    ax.text(end + 0.1, 1.0, f"Dense → {label}", va="center", fontweight="bold")
    ax.text(2.2, 1.75, "same $W_x$, $W_h$, $b$ in every cell", color="#555555")
    ax.set(xlim=(-0.6, end + 2.6), ylim=(-0.6, 2.0))
    ax.axis("off")
    plt.show()


draw_unrolled(["camera", "accha", "nahi", "hai"], "negative")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** RNN ke paas ek memory vector hota hai jise hidden state bolte hain. Har
# word aane pe woh purani memory aur naye word ko mila ke nayi memory banata hai — formula
# mein `tanh` values ko −1 se 1 ke beech rakhta hai. Sabse important baat: har step pe wahi
# weights use hote hain, isliye 5 words ka review ho ya 50 ka, model same rehta hai. Diagram
# mein loop ko "khol" ke (unroll karke) dikhaya hai — har word ke liye cell ki ek copy, aur
# memory left se right chalti hai. "camera accha" tak positive lagta hai, "nahi" aate hi
# sab palat jaata hai; yahi yaad rakhna RNN ka kaam hai.

# %% [markdown]
# ## 2. One RNN step by hand, checked against Keras
#
# The equation is the whole layer. To be sure, we create a `SimpleRNN` with 4 units on random
# inputs (2 sequences, 6 steps, 3 features), copy its three weight arrays, and compute the
# states ourselves with a Python loop over time. `return_sequences=True` makes Keras return
# $h_t$ for every step, not only the last one, so we can compare all of them. The demo layers
# of this chapter ask for `dtype="float32"`: on a GPU, `use_best_precision` may switch to mixed
# precision, whose float16 rounding (about $10^{-3}$) would swamp a comparison to $10^{-5}$
# and round tiny gradients to zero.

# %%
keras.utils.set_random_seed(0)
x_demo = np.random.default_rng(0).normal(size=(2, 6, 3)).astype("float32")
rnn_demo = keras.layers.SimpleRNN(4, return_sequences=True, dtype="float32")
keras_states = keras.ops.convert_to_numpy(rnn_demo(x_demo))  # calling the layer builds it

W_x, W_h, b = rnn_demo.get_weights()
print("W_x", W_x.shape, "| W_h", W_h.shape, "| b", b.shape)
print("parameters:", rnn_demo.count_params(), "= 4 * (3 + 4 + 1)")

# %%
def rnn_forward(x: np.ndarray, W_x: np.ndarray, W_h: np.ndarray, b: np.ndarray) -> np.ndarray:
    """All hidden states h_1..h_T of a simple RNN, one time step at a time."""
    batch, steps, _ = x.shape
    h = np.zeros((batch, W_h.shape[0]), dtype=x.dtype)  # h_0 = 0
    states = []
    for t in range(steps):
        h = np.tanh(x[:, t] @ W_x + h @ W_h + b)  # one RNN step
        states.append(h)
    return np.stack(states, axis=1)


my_states = rnn_forward(x_demo, W_x, W_h, b)
step_error = np.abs(my_states - keras_states).max()
print(f"largest difference from Keras over all {x_demo.shape[1]} steps: {step_error:.1e}")

# %% [markdown]
# The loop and Keras agree to about $10^{-7}$, float32 rounding. Notice the shape of the
# computation: step $t$ needs $h_{t-1}$, so the loop cannot start step 5 before step 4 is done.
# Section 9 measures what that costs.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** `SimpleRNN` mein koi jaadu nahi hai — teen weight arrays hain (`W_x`,
# `W_h`, `b`) aur ek for-loop. Humne Keras ke weights nikaale, NumPy mein khud loop chalaya,
# aur har step ka hidden state Keras se match ho gaya, farak sirf float32 rounding jitna.
# Parameters bhi seedha gin sakte ho: units × (features + units + 1). Ek cheez note karo:
# step 5 tabhi chalega jab step 4 khatam ho, kyunki usko pichhla h chahiye. Yeh line-mein-
# lagna wala nature hi baad mein speed ki problem banega.

# %% [markdown]
# ## 3. From reviews to padded integer sequences
#
# We use the corpus's own split (chapter 01): it keeps some phrasings and words of the test
# set out of training, so memorising templates does not pass. Labels become the ids 0, 1, 2
# in the order of `data.SENTIMENTS`.

# %%
train, val, test = data.reviews_split()
label_ids = {label: i for i, label in enumerate(data.SENTIMENTS)}
y_train, y_val, y_test = (p["sentiment"].map(label_ids).to_numpy() for p in (train, val, test))
print(f"train {len(train)} | val {len(val)} | test {len(test)} reviews; labels {data.SENTIMENTS}")

# %% [markdown]
# A batch must be a rectangle, so every review becomes a sequence of the same length `max_len`:
# shorter ones are **padded** with the id 0, longer ones **truncated**. The length is a trade-off.
# Too short and we cut off words (in "A but B" reviews, the deciding clause is at the *end*, and
# `TextVectorization` truncates the end). Too long and every batch pays for steps of padding
# (section 9). We take the 99th percentile of the training lengths, rounded up to a multiple of 8.

# %%
train_lengths = train["text"].str.split().str.len()
print(train_lengths.describe(percentiles=[0.5, 0.75, 0.95, 0.99]).round(1).to_dict())
max_len = int(np.ceil(np.percentile(train_lengths, 99) / 8) * 8)
truncated_share = (train_lengths > max_len).mean()
print(f"max_len = {max_len}: {truncated_share:.1%} of training reviews are truncated")

# %% [markdown]
# `TextVectorization` learns the vocabulary from the **training texts only** (adapting it on
# validation or test text would leak their words into the model). It lower-cases, strips
# punctuation, splits on spaces, maps each word to an id, pads with 0 and truncates to `max_len`.
# Id 0 is reserved for padding and id 1 for out-of-vocabulary words (`[UNK]`).

# %%
vectorize = keras.layers.TextVectorization(max_tokens=5000, output_sequence_length=max_len)
vectorize.adapt(train["text"].to_numpy())
vocab = [str(token) for token in vectorize.get_vocabulary()]
x_train, x_val, x_test = (
    keras.ops.convert_to_numpy(vectorize(part["text"].to_numpy())) for part in (train, val, test)
)
print("vocabulary size:", len(vocab), "| first entries:", vocab[:8])
example = int((train_lengths - 10).abs().idxmin())  # a review of about 10 words
print("review:", train["text"][example])
print("ids:   ", x_train[example])

# %% [markdown]
# Our reviews are short, so truncation loses almost nothing. Real documents (a product manual, a
# year of sensor readings) can be thousands of steps long, far beyond what a simple RNN can use
# (section 7) or afford (section 9). The usual remedies:
#
# - **truncate** to the part that matters (the start, the end, or both);
# - **chunk**: cut the sequence into windows (overlapping if context matters at the edges),
#   classify each window and combine the predictions, for example by averaging probabilities;
# - **carry the state** across consecutive chunks (`stateful=True` in Keras) and backpropagate
#   only within a chunk — *truncated backpropagation through time*, the standard way to train
#   RNN language models on long text.
#
# Chunking is a few lines of NumPy:

# %%
def chunk(ids: np.ndarray, size: int, stride: int) -> np.ndarray:
    """Windows of `size` ids, starting every `stride` ids (the last window is zero-padded)."""
    starts = range(0, max(len(ids) - size, 0) + stride, stride)  # the last window reaches the end
    windows = [ids[s : s + size] for s in starts]
    return np.stack([np.pad(w, (0, size - len(w))) for w in windows])


long_document = np.arange(1, 101)  # stand-in for 100 token ids
windows = chunk(long_document, size=max_len, stride=max_len // 2)
print("windows:", windows.shape, "| first ids of each window:", windows[:, 0])

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** batch ek rectangle hona chahiye, isliye har review ko same length pe laate
# hain: chhote review ke end mein 0 (padding) lagta hai, lambe review kaat diye jaate hain
# (truncate). Length humne data se choose ki — training reviews ka 99th percentile, taaki
# lagbhag koi review na kate. `TextVectorization` ko sirf train texts pe adapt karo, warna
# test ke words leak ho jaayenge. Agar document bahut lamba ho — jaise poori manual — toh
# options hain: truncate karo, chhote chunks/windows mein todo aur unke predictions ka average
# lo, ya stateful RNN se state aage carry karo. Yaad rakho, "A but B" type reviews mein
# faisla end mein hota hai, toh end kaatna mehenga pad sakta hai.

# %% [markdown]
# ## 4. Masking: the padding must not count
#
# With padding at the end, the RNN would keep stepping through zeros after the last real word,
# and its final state would describe the padding as much as the review. `Embedding(...,
# mask_zero=True)` fixes this: it marks id 0 as padding, and the RNN then **skips** those
# steps, carrying the last real state through unchanged.
#
# A small check: two sequences in one batch, the second padded from 3 to 5 tokens. We compare
# its final state with and without the mask against the same sequence run on its own, with no
# padding at all.

# %%
keras.utils.set_random_seed(1)
embed_demo = keras.layers.Embedding(input_dim=10, output_dim=3, dtype="float32")  # no mask
rnn_last = keras.layers.SimpleRNN(4, dtype="float32")  # returns only the final state h_T

padded_ids = np.array([[5, 8, 2, 9, 4], [7, 3, 6, 0, 0]])
padding_mask = padded_ids != 0  # True for real tokens
same = keras.layers.Embedding(10, 3, mask_zero=True).compute_mask(padded_ids)
print("mask:\n", padding_mask)
print("same as Embedding(mask_zero=True)'s mask:", bool(np.all(same == padding_mask)))

# %%
vectors = embed_demo(padded_ids)
h_masked = keras.ops.convert_to_numpy(rnn_last(vectors, mask=padding_mask))[1]
h_unmasked = keras.ops.convert_to_numpy(rnn_last(vectors))[1]
h_alone = keras.ops.convert_to_numpy(rnn_last(vectors[1:, :3]))[0]  # no padding at all
print("on its own     ", h_alone.round(4))
print("padded, mask   ", h_masked.round(4))
print("padded, no mask", h_unmasked.round(4))

# %% [markdown]
# With the mask, the padded sequence ends in exactly the state it has on its own; without it, two
# extra steps through the padding vector changed the state. In a model you do not pass the mask by
# hand: `Embedding(mask_zero=True)` attaches it to its output and the next layer uses it (that is
# why this demo uses an embedding without `mask_zero`, to control the mask ourselves). Section 5
# shows what happens to a trained model when we forget it.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** padding sirf batch ko rectangle banane ke liye hai, uska review se koi
# lena-dena nahi. Agar mask nahi lagaya toh RNN last word ke baad bhi zeros pe step leta rahega
# aur memory kharab ho jaayegi — jaise exam ke baad khaali pages padh ke answer badal dena.
# `mask_zero=True` se Embedding batata hai ki id 0 padding hai, aur RNN un steps ko skip karke
# last asli state aage le jaata hai. Upar check kiya: mask ke saath padded sequence ka final
# state bilkul wahi hai jo bina padding ke tha; mask ke bina alag aa gaya.

# %% [markdown]
# ## 5. A SimpleRNN sentiment classifier
#
# The model has three layers. The token ids go into an `Embedding` (a learned 32-number vector
# per word, with the padding mask), a `SimpleRNN` with 32 units reads the vectors and returns
# its last state, and a `Dense` softmax maps that state to the three classes. (In Keras 3,
# `Embedding` no longer takes `input_length`: the `Input` shape says it.) The last layer stays
# in float32, as in every chapter.

# %%
def build_rnn(mask: bool = True) -> keras.Model:
    model = keras.Sequential(
        [
            keras.Input(shape=(max_len,), dtype="int64"),
            keras.layers.Embedding(len(vocab), 32, mask_zero=mask),
            keras.layers.SimpleRNN(32),
            keras.layers.Dense(len(data.SENTIMENTS), activation="softmax", dtype="float32"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(3e-3),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


keras.utils.set_random_seed(42)
rnn = build_rnn()
rnn.summary()

# %% [markdown]
# `training.fit` is `model.fit` with early stopping on the validation loss: it stops after 3
# epochs without improvement and restores the best weights. Training takes a few seconds.

# %%
history = training.fit(rnn, x_train, y_train, validation_data=(x_val, y_val), epochs=15,
                       batch_size=32, patience=3)  # fmt: skip
plots.plot_history(history)
plt.show()
rnn_acc = rnn.evaluate(x_test, y_test, verbose=0)[1]
print(f"epochs run: {len(history.history['loss'])} | test accuracy: {rnn_acc:.3f}")

# %% [markdown]
# Validation accuracy peaks after a few epochs while the training accuracy keeps rising: with
# 2,700 short reviews and noisy labels, the model soon starts memorising, and early stopping keeps
# the best epoch. Now the same model, same seed, **without** the mask:

# %%
keras.utils.set_random_seed(42)
rnn_no_mask = build_rnn(mask=False)
history_no_mask = training.fit(rnn_no_mask, x_train, y_train, validation_data=(x_val, y_val),
                               epochs=15, batch_size=32, patience=3)  # fmt: skip
no_mask_acc = rnn_no_mask.evaluate(x_test, y_test, verbose=0)[1]
mean_padding = (x_train == 0).sum(axis=1).mean()
print(f"without the mask: test accuracy {no_mask_acc:.3f} "
      f"(a review is followed by {mean_padding:.0f} padding steps on average)")  # fmt: skip

# %% [markdown]
# Without the mask the model learns almost nothing. Every review is followed by 30 padding steps
# on average: the state washes out the words over those steps, and (section 7) the training signal
# that reaches the words from that far back is too weak to learn from. The mask keeps the last
# real word next to the output.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** model mein bas teen layers hain: Embedding (har word ka 32 numbers ka
# vector, mask ke saath), SimpleRNN (32 units, last hidden state deta hai) aur Dense
# softmax jo teen classes ki probabilities deta hai. Keras 3 mein `Embedding(input_length=...)` ab
# nahi hai — length `Input` ki shape se aati hai. `training.fit` early stopping lagata hai, toh best
# validation epoch ke weights wapas aa jaate hain. Aur dekho mask hataane ka nateeja: accuracy
# majority class ke aas-paas gir gayi, kyunki asli words output se 30 steps door chale gaye aur itni
# door tak gradient pahunchta hi nahi.

# %% [markdown]
# ## 6. An honest comparison with chapter 01's baseline
#
# Two references: the **majority class** of the training labels (what a model gets by always
# saying the most common label) and chapter 01's **TF-IDF + logistic regression** baseline
# (`baselines.tfidf_logreg()`, unigrams and bigrams), trained on the same training split.

# %%
majority_label = train["sentiment"].mode()[0]
majority_acc = (test["sentiment"] == majority_label).mean()
tfidf = baselines.tfidf_logreg().fit(train["text"], train["sentiment"])
tfidf_pred = tfidf.predict(test["text"])
tfidf_acc = (tfidf_pred == test["sentiment"]).mean()
rnn_pred = np.array(data.SENTIMENTS)[rnn.predict(x_test, verbose=0).argmax(axis=1)]
comparison = pd.Series({"majority class": majority_acc, "TF-IDF + logistic regression": tfidf_acc,
                        "SimpleRNN, no mask": no_mask_acc, "SimpleRNN": rnn_acc},
                       name="test accuracy").round(3)  # fmt: skip
comparison.to_frame()

# %% [markdown]
# The SimpleRNN beats the majority class clearly, but overall it does **not** beat the
# bag-of-n-grams baseline: the two land within about three points of each other. One number hides
# where they differ, so we slice the test set as in chapter 01: reviews with a negation word, and
# reviews with a contrast word ("but", "par", "lekin", ...), where the label depends on which
# clause comes last.

# %%
test_words = test["text"].map(lambda text: set(tokenize(text)))
slices = pd.DataFrame(
    {
        "has negation": test_words.map(lambda w: bool(w & NEGATION_WORDS)),
        "has contrast": test_words.map(lambda w: bool(w & CONTRAST_WORDS)),
        "TF-IDF correct": tfidf_pred == test["sentiment"],
        "RNN correct": rnn_pred == test["sentiment"],
    }
)
groups = {
    "all": slices["TF-IDF correct"].notna(),
    "with negation": slices["has negation"],
    "with contrast": slices["has contrast"],
    "neither": ~slices["has negation"] & ~slices["has contrast"],
}
columns = ["TF-IDF correct", "RNN correct"]
by_slice = pd.DataFrame({name: slices.loc[rows, columns].mean() for name, rows in groups.items()}).T
by_slice["reviews"] = [rows.sum() for rows in groups.values()]
by_slice.round(3)

# %% [markdown]
# The slices tell the real story. On contrast reviews the RNN is clearly ahead: it reads the
# clauses in order, and its state at the end is dominated by the *last* clause, which is the one
# that decides "A but B". On plain reviews the baseline is ahead: there, single words carry the
# label, logistic regression weighs every word from all 2,700 reviews, and the RNN has to learn
# the same from the few epochs before it starts to overfit. Negation is a draw: in "mujhe nahi
# lagta ki camera accha hai" the deciding word comes *first*, far from the output, and section 7
# shows why that is hard for a simple RNN. Across five seeds (42, 1–4) the SimpleRNN scored
# 0.645–0.679 overall against the baseline's 0.672, and 0.66–0.75 on contrast reviews against
# 0.58.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** imaandari se compare karo. Majority class (hamesha sabse common label
# bolo) ko RNN aaram se harata hai. Lekin overall accuracy mein SimpleRNN chapter 01 ke TF-IDF
# baseline ke aas-paas hi hai — kabhi thoda aage, zyada tar thoda peeche. Slices mein asli
# kahani hai: "A par B" wale reviews mein RNN jeet jaata hai, kyunki woh clauses order mein
# padhta hai aur end wala clause uski memory mein sabse fresh hota hai. Simple reviews mein
# ek-do words hi label bata dete hain, wahan logistic regression ka bag-of-words kaafi hai.
# Negation mein dono barabar: "mujhe nahi lagta ki..." mein "nahi" shuru mein hai, output se
# bahut door — aur door ki baat simple RNN ke liye mushkil hai (section 7). Toh
# sequence model har jagah magic nahi hai; woh wahan jeetta hai jahan order matter karta hai.

# %% [markdown]
# ## 7. The vanishing gradient, made visible
#
# Training changes the weights that read the word at step $t$ in proportion to how much that
# word affects the loss: the gradient $\partial L/\partial x_t$. The output depends on $x_t$
# only through the chain of states $h_t \to h_{t+1} \to \dots \to h_T$, so by the chain rule
#
# $$\frac{\partial L}{\partial x_t} = \frac{\partial L}{\partial h_T}
#   \prod_{k=t+1}^{T} \frac{\partial h_k}{\partial h_{k-1}} \cdot \frac{\partial h_t}{\partial x_t},
# \qquad \frac{\partial h_k}{\partial h_{k-1}} = \operatorname{diag}\!\left(1 - h_k^2\right) W_h^{\top}.$$
#
# One factor per step back from the end (the matrices multiply in order, from $k = T$ down to
# $k = t + 1$). $\tanh'(z) = 1 - \tanh^2(z) \le 1$, and it is much
# smaller than 1 when a unit is near ±1. Keras starts $W_h$ as an orthogonal matrix, whose
# eigenvalues all have size 1 (**spectral radius** 1), so each factor shrinks the gradient by
# whatever $\tanh'$ takes away — roughly the same fraction at every step. A product of $T - t$
# such factors shrinks **exponentially** with the distance from the end.
#
# We measure it. `sequences.step_gradient_norms(layer, x)` computes $\lVert \partial L/\partial
# x_t \rVert$ for every step $t$ with `tf.GradientTape`, where $L$ is the sum of the layer's
# final state. We use a fresh `SimpleRNN(32)` and random inputs of length $T$ = 10 to 100.

# %%
keras.utils.set_random_seed(0)
fresh_rnn = keras.layers.SimpleRNN(32, dtype="float32")
rng = np.random.default_rng(0)
grad_norms = {T: sequences.step_gradient_norms(fresh_rnn, rng.normal(size=(64, T, 32)))
              for T in (10, 25, 50, 100)}  # fmt: skip
vanishing = pd.DataFrame(
    {
        "‖dL/dx_1‖ (first step)": {T: g[0] for T, g in grad_norms.items()},
        "‖dL/dx_T‖ (last step)": {T: g[-1] for T, g in grad_norms.items()},
        "first / last": {T: g[0] / g[-1] for T, g in grad_norms.items()},
    }
).rename_axis("T")
vanishing.style.format("{:.1e}")

# %%
fig, ax = plt.subplots(figsize=(7, 3.8))
for T, g in grad_norms.items():
    ax.semilogy(np.arange(1, T + 1), g, label=f"T = {T}")
ax.set(title="Gradient reaching each input step (fresh SimpleRNN)", xlabel="time step t",
       ylabel="‖dL/dx_t‖ (log scale)")  # fmt: skip
ax.legend()
plt.show()
factor = (grad_norms[100][0] / grad_norms[100][-1]) ** (1 / 99)  # 99 steps from t=100 to t=1
print(f"each step back from the end multiplies the gradient by about {factor:.2f}")

# %% [markdown]
# Every curve is a straight line on the log scale — exponential decay — and the longer the
# sequence, the further down the first step sits. The last step always gets a gradient of about
# 3.5; the first step of a 100-step sequence gets one about twenty orders of magnitude smaller:
# nothing, in float32 training. Training changes the recurrent weights, so we check the classifier
# we trained in section 5, its `SimpleRNN` reading 100 tokens of real reviews (test reviews joined
# end to end):

# %%
test_ids = np.concatenate([row[row > 0] for row in x_test[:40]])[:100]
embedded = rnn.layers[0](test_ids[None, :])  # the trained Embedding layer
trained_norms = sequences.step_gradient_norms(rnn.layers[1], embedded)
print("trained RNN, ‖dL/dx_t‖ at t = 1, 25, 50, 75, 100:",
      np.array2string(trained_norms[[0, 24, 49, 74, 99]], precision=1))
print(f"first / last = {trained_norms[0] / trained_norms[-1]:.0e}; "
      f"factor per step ≈ {(trained_norms[0] / trained_norms[-1]) ** (1 / 99):.2f}")  # fmt: skip

# %% [markdown]
# The trained RNN's decay is gentler (its factor per step is closer to 1) but still spans orders
# of magnitude over 100 steps. What it means: the weights that could connect a word to a label 30
# steps later get almost no gradient, so a simple RNN learns **short-range** patterns well and
# long-range ones hardly at all. That is the failure of the unmasked model in section 5, and the
# reason "mujhe nahi lagta ki camera accha hai" (negation far from the adjective) is harder than
# "camera accha nahi hai". Chapter 03's LSTM adds a second, additive path for the state, the cell
# state, along which the gradient does not have to shrink at every step.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** loss ka signal output se peeche har step tak jaata hai, aur har step pe
# ek factor se multiply hota hai: `tanh` ka derivative (jo 1 se chhota hai) aur `W_h`. Keras
# `W_h` ko orthogonal start karta hai, matlab woh signal ko na badhata hai na ghatata; lekin
# `tanh'` har baar thoda kaat leta hai. Toh 10 steps mein thoda kam, 100 steps mein itna kam ki
# practically zero. Plot mein har line seedhi neeche jaati hai — yahi exponential decay hai.
# Isliye simple RNN paas-paas ke patterns seekh leta hai, par door ki dependency ("mujhe nahi
# lagta ki ... accha hai") mushkil hai. Bina mask wala model isi wajah se fail hua tha.

# %% [markdown]
# ## 8. Exploding gradients, and what clipping does
#
# The same product explodes when the factors are larger than 1: a recurrent matrix with
# spectral radius well above 1 (here an orthogonal matrix scaled by 3) amplifies the gradient
# at every step back.

# %%
keras.utils.set_random_seed(0)
loud_rnn = keras.layers.SimpleRNN(
    32, recurrent_initializer=keras.initializers.Orthogonal(gain=3.0), dtype="float32"
)
loud_norms = sequences.step_gradient_norms(loud_rnn, rng.normal(size=(64, 50, 32)))
explode_ratio = loud_norms[0] / loud_norms[-1]
print(f"spectral radius of W_h: {np.abs(np.linalg.eigvals(loud_rnn.get_weights()[1])).max():.1f}")
print(f"T = 50: first step {loud_norms[0]:.1e}, last step {loud_norms[-1]:.1e} "
      f"(first / last = {explode_ratio:.0e})")  # fmt: skip

# %% [markdown]
# A gradient of norm $10^4$ or more, times a learning rate of 0.05, moves the weights by hundreds
# or thousands: one batch can throw a model far away from anything it has learned. **Gradient
# clipping** caps the step: with `global_clipnorm=1.0` the optimizer rescales the whole gradient
# to norm 1 whenever it is larger (`clipnorm=` does the same per weight tensor). We put the loud
# RNN in the classifier and take one training step with and without clipping, using
# `training.make_train_step`, which returns the gradient norm *before* clipping.

# %%
def loud_classifier() -> keras.Model:
    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [
            keras.Input(shape=(max_len,), dtype="int64"),
            keras.layers.Embedding(len(vocab), 32, mask_zero=True, dtype="float32"),
            keras.layers.SimpleRNN(
                32, recurrent_initializer=keras.initializers.Orthogonal(gain=3.0), dtype="float32"
            ),
            keras.layers.Dense(len(data.SENTIMENTS), activation="softmax", dtype="float32"),
        ]
    )


loss_fn = keras.losses.SparseCategoricalCrossentropy()
clipping = {}
for clip in (None, 1.0):
    model = loud_classifier()
    before = [w.copy() for w in model.get_weights()]
    optimizer = keras.optimizers.SGD(learning_rate=0.05, global_clipnorm=clip)
    step = training.make_train_step(model, optimizer, loss_fn)
    out = step(x_train[:32], y_train[:32])  # one batch, one update
    after = model.get_weights()
    moved = np.sqrt(sum(((w - w0) ** 2).sum() for w, w0 in zip(after, before, strict=True)))
    clipping["no clipping" if clip is None else "global_clipnorm=1.0"] = {
        "gradient norm": float(out["grad_norm"]), "weights moved by": moved}  # fmt: skip
pd.DataFrame(clipping).T.style.format("{:.3g}")

# %% [markdown]
# Same gradient, very different steps: without clipping the weights jump by thousands, with
# clipping by `learning rate × 1.0 = 0.05` (to within 1%: the embedding's gradient comes as one
# row per token occurrence, so a word that occurs twice in the batch counts twice in the norm).
# Clipping is a seatbelt: it stops one bad batch from wrecking the model, but it does not remove
# the cause — the next gradient is still huge, because the recurrent weights still amplify. The
# cures for the cause are a sensible initialisation (Keras's orthogonal default), gated cells
# (chapter 03) and, with adaptive optimizers like Adam, steps that are already scaled per weight.
# Watch the gradient norm while training (`make_train_step` returns it): there is no universal
# "healthy range" (a seed note says 1–10), but a jump by orders of magnitude means explosion and a
# slide towards zero means vanishing.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** agar `W_h` signal ko har step pe bada karta hai (spectral radius 1 se
# zyada), toh wahi multiplication ulta kaam karta hai — gradient explode ho jaata hai. Humne
# gain 3 wala RNN banaya aur 50 steps mein gradient lakhon guna bada ho gaya. Aise gradient
# ke saath ek hi step weights ko hazaaron units door phenk deta hai. Gradient clipping ek
# seatbelt hai: `global_clipnorm=1.0` lagao toh step ka size limit mein rehta hai. Par yeh
# bimari ka ilaaj nahi, sirf safety hai — asli ilaaj accha initialization aur LSTM jaise gated
# cells hain. Training ke time grad_norm pe nazar rakho: achaanak bahut bada ho toh explode,
# dheere dheere zero ki taraf jaaye toh vanish.

# %% [markdown]
# ## 9. Sequential computation is slow
#
# Section 2's loop has to run its steps one after another, so an RNN's time per batch grows in
# proportion to the sequence length, however many cores the machine has. For contrast we time a
# layer that treats every step **independently**: a `Dense` layer applied to each position (the
# RNN's $\tanh(x_t W_x + b)$ without the $h_{t-1} W_h$ term), which works on all steps at once.
# `sequences.seconds_per_batch` times one training step (forward and backward pass) for a batch of
# 32 sequences with 32 features at each length, and keeps the fastest of 10 runs. Timings vary by
# ±20% from run to run, so we plot them and do not assert on them.

# %%
lengths = [16, 32, 64, 128, 256, 512]
timings = pd.DataFrame(
    {
        "SimpleRNN(32)": sequences.seconds_per_batch(keras.layers.SimpleRNN(32), lengths),
        "Dense(32) per step": sequences.seconds_per_batch(
            keras.layers.Dense(32, activation="tanh"), lengths
        ),
    }
).rename_axis("sequence length")
(timings * 1000).round(2).rename(columns=lambda c: f"{c}, ms/batch")

# %%
fig, ax = plt.subplots(figsize=(6.5, 3.8))
for name in timings:
    ax.loglog(timings.index, timings[name] * 1000, "o-", label=name)
ax.loglog(lengths, np.array(lengths) / lengths[-1] * timings["SimpleRNN(32)"].iloc[-1] * 1000,
          ":", color="gray", label="proportional to length")  # fmt: skip
ax.set_xscale("log", base=2)
ax.set_xticks(lengths, [str(n) for n in lengths])
ax.set(title="Time per training batch vs sequence length", xlabel="sequence length (log)",
       ylabel="ms per batch (log)")  # fmt: skip
ax.legend()
plt.show()
per_token = timings["SimpleRNN(32)"].iloc[-1] / lengths[-1] * 1e6
print(f"SimpleRNN at length {lengths[-1]}: about {per_token:.0f} µs per time step per batch")

# %% [markdown]
# At short lengths fixed overheads dominate; from about a hundred steps on, the RNN's curve runs
# parallel to the "proportional to length" line: each step costs about the same, and the steps
# cannot overlap. The per-position `Dense` layer does the same kind of arithmetic per step but
# hands all positions to the hardware at once, and at long lengths it is about ten times cheaper
# (measured: 10 to 25 times at 512 steps). On a GPU the gap widens, since a GPU is fast only when
# it gets many independent operations. This is the second big limit of RNNs, next to the vanishing
# gradient, and the reason chapter 04's attention looks at all positions in parallel. It also
# explains the sequence-length advice of section 3: every padding step costs as much as a word.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** RNN ka har step pichhle step ka wait karta hai — jaise ek hi counter pe
# line mein khade log. Isliye sequence double karo toh time bhi lagbhag double, chahe kitne
# bhi cores ho. Dense layer har position ko alag-alag, ek saath process kar sakti hai, isliye
# woh kaafi sasti hai. Plot log-log hai: RNN wali line "proportional to length" wali line ke
# saath chalti hai. GPU pe yeh farak aur bada hota hai, kyunki GPU ko ek saath bahut saara kaam
# chahiye. Chapter 04 ka attention isi problem ko solve karta hai. Aur padding ke steps bhi
# utne hi mehenge hain jitne asli words — isliye `max_len` soch ke choose karo.

# %% [markdown]
# ## Checkpoint
#
# If the cells above ran as described, these hold. The thresholds come from seeded runs on a
# 2-core CPU, with a margin:
#
# - the hand-written RNN loop matches `SimpleRNN` to 1e-5 at every step;
# - with the mask, a padded sequence ends in its unpadded state (to 1e-5); without it, not;
# - the SimpleRNN beats the majority class by at least 15 points on the test set (measured:
#   about 25 points), and the unmasked one does not (within 8 points of it);
# - the SimpleRNN is ahead of the TF-IDF baseline on reviews with a contrast word by at least
#   3 points (measured: 8 to 17 points over five seeds);
# - at the first step, the gradient of a 100-step sequence is at least a million times (six
#   orders of magnitude) smaller than that of a 10-step sequence (measured: about 20 orders),
#   and the first-step gradient shrinks as $T$ grows;
# - with recurrent gain 3, the gradient grows at least a thousandfold over 50 steps, and
#   clipping caps the update at learning rate × clip norm (within 2%).

# %%
assert step_error < 1e-5, step_error
assert np.allclose(h_masked, h_alone, atol=1e-5) and not np.allclose(h_unmasked, h_alone, atol=1e-3)
assert rnn_acc >= majority_acc + 0.15, (rnn_acc, majority_acc)
assert no_mask_acc < majority_acc + 0.08, (no_mask_acc, majority_acc)
contrast = by_slice.loc["with contrast"]
assert contrast["RNN correct"] >= contrast["TF-IDF correct"] + 0.03, by_slice
first_steps = [grad_norms[T][0] for T in (10, 25, 50, 100)]
assert (np.diff(first_steps) < 0).all(), first_steps
assert grad_norms[100][0] < 1e-6 * grad_norms[10][0], first_steps
assert explode_ratio > 1e3, explode_ratio
moves = {name: row["weights moved by"] for name, row in clipping.items()}
assert moves["global_clipnorm=1.0"] <= 0.05 * 1.0 * 1.02, moves  # learning rate x clip norm
assert moves["no clipping"] > 100 * moves["global_clipnorm=1.0"], moves
print(f"SimpleRNN {rnn_acc:.3f} vs majority {majority_acc:.3f} and TF-IDF {tfidf_acc:.3f}; "
      f"first-step gradient T=10 {first_steps[0]:.1e} -> T=100 {first_steps[-1]:.1e}")  # fmt: skip

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** yeh asserts check karte hain ki jo humne upar dekha woh sach mein hua:
# haath se likha loop Keras se match karta hai, mask ke saath padding ka koi asar nahi, RNN
# majority class se kam se kam 15 points aage hai aur "par/but" wale reviews pe TF-IDF se
# aage, 100 steps pe pehle step ka gradient 10 steps wale se lakhon guna chhota hai, aur
# clipping step ko limit mein rakhta hai. Koi assert fail ho toh upar ke numbers dekho —
# threshold kam mat karo, pehle samjho model ne kya alag kiya.

# %% [markdown]
# ## Summary
#
# - An RNN reads a sequence one step at a time and carries a hidden state,
#   $h_t = \tanh(x_t W_x + h_{t-1} W_h + b)$, with the same weights at every step. Our NumPy
#   loop reproduced `SimpleRNN` exactly.
# - Text goes in as padded integer sequences (`TextVectorization` adapted on the training
#   texts); `Embedding(mask_zero=True)` makes the RNN skip the padding. Without the mask, our
#   classifier fell to the majority class.
# - On the held-out test split a small SimpleRNN beats the majority class clearly and ties
#   with the TF-IDF baseline overall: it wins on contrast reviews, where order matters, and
#   loses on plain ones.
# - The gradient reaching step $t$ shrinks exponentially with the distance to the output
#   ($\tanh' \le 1$, orthogonal $W_h$): a simple RNN barely learns long-range dependencies.
#   A recurrent matrix with spectral radius above 1 makes it explode instead; clipping bounds
#   the step but not the cause.
# - The time per batch grows linearly with the sequence length, and the steps cannot run in
#   parallel. Choose `max_len` from the data; truncate or chunk long documents.
# - Next: chapter 03 (LSTM and GRU, and applications such as language modelling) fixes the
#   memory; chapter 04 (attention) removes the step-by-step computation.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** RNN = ek loop jo har step pe memory (hidden state) update karta hai, wahi
# weights har step pe. Text ko ids mein badlo, padding lagao, aur `mask_zero=True` bhoolna mat
# — bina mask ke model kuch nahi seekha. SimpleRNN majority class ko aaram se harata hai, aur
# TF-IDF ke barabar aata hai: "par/but" wale reviews mein aage, simple reviews mein peeche.
# Gradient har step peeche jaate hue ghatta hai (vanishing), ya bade `W_h` ke saath phat jaata
# hai (exploding, tab clipping lagao). Aur RNN dheema hai kyunki steps ek ke baad ek chalte
# hain. Agla chapter LSTM hai, jo lambi memory ka ilaaj karta hai; uske baad attention.

# %% [markdown]
# ## Exercises
#
# 1. **Pad at the front.** Instead of masking, put the padding *before* the review
#    (`np.where` or a reversed copy of each row, or `keras.utils.pad_sequences(...,
#    padding="pre")` on the unpadded ids) and train `build_rnn(mask=False)` on it. How close
#    does it get to the masked model, and why?
# 2. **Shorter `max_len`.** Truncate to 12 tokens (`x_train[:, :12]`, and so on, with a model
#    whose `Input` has shape `(12,)`). Which slice of section 6 loses the most accuracy?
# 3. **Gradient per step and weight scale.** Repeat section 7's measurement with
#    `recurrent_initializer=keras.initializers.Orthogonal(gain=g)` for `g` in 0.5, 1.0, 1.5.
#    Estimate the factor per step for each from the slope of the log curve.
# 4. **Backward pass or not.** Call `sequences.seconds_per_batch(..., backward=False)`
#    (inference only) for the SimpleRNN. Is inference also linear in the length? What share
#    of a training step is the backward pass?
#
# <details><summary>Solution 1</summary>
#
# ```python
# def pad_front(x):
#     return np.stack([np.concatenate([row[row == 0], row[row > 0]]) for row in x])
#
# keras.utils.set_random_seed(42)
# front = build_rnn(mask=False)
# training.fit(front, pad_front(x_train), y_train,
#              validation_data=(pad_front(x_val), y_val), epochs=15, patience=3)
# print(front.evaluate(pad_front(x_test), y_test, verbose=0)[1])
# ```
# It gets close to the masked model: the padding now comes *before* the words, so the last real
# word is next to the output again and the gradient reaches the review. The padding steps
# still cost time, and the state entering the review is not exactly zero; masking is cleaner.
# </details>
#
# <details><summary>Solution 2</summary>
#
# ```python
# short = 12
# keras.utils.set_random_seed(42)
# m = keras.Sequential([keras.Input((short,), dtype="int64"),
#                       keras.layers.Embedding(len(vocab), 32, mask_zero=True),
#                       keras.layers.SimpleRNN(32),
#                       keras.layers.Dense(3, activation="softmax", dtype="float32")])
# m.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
# training.fit(m, x_train[:, :short], y_train, validation_data=(x_val[:, :short], y_val),
#              epochs=15, patience=3)
# pred = np.array(data.SENTIMENTS)[m.predict(x_test[:, :short], verbose=0).argmax(1)]
# print(pd.Series(pred == test["sentiment"]).groupby(slices["has contrast"].values).mean())
# ```
# Contrast reviews suffer most: the clause after "but"/"par" is at the end, and truncation
# cuts the end off.
# </details>
#
# <details><summary>Solution 3</summary>
#
# ```python
# for g in (0.5, 1.0, 1.5):
#     keras.utils.set_random_seed(0)
#     layer = keras.layers.SimpleRNN(32, recurrent_initializer=keras.initializers.Orthogonal(gain=g))
#     norms = sequences.step_gradient_norms(layer, np.random.default_rng(0).normal(size=(64, 25, 32)))
#     print(g, (norms[0] / norms[-1]) ** (1 / 24))
# ```
# A smaller gain shrinks the gradient faster per step; at 1.5 the factor is closer to 1, and
# above that the gradient grows instead (section 8). The tanh saturation keeps the factor
# below the gain.
# </details>
#
# <details><summary>Solution 4</summary>
#
# ```python
# fwd = sequences.seconds_per_batch(keras.layers.SimpleRNN(32), lengths, backward=False)
# print({T: round(fwd[T] / timings.loc[T, "SimpleRNN(32)"], 2) for T in lengths})
# ```
# Inference is also sequential, so it grows with the length too, but it is cheaper: the
# backward pass runs the loop once more, in reverse, and usually costs as much as the
# forward pass or more.
# </details>

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** exercises khud try karo, solution baad mein kholna. Pehla exercise mask
# ke bina kaam chalane ka jugaad hai — padding aage daal do, toh last asli word phir output ke
# paas aa jaata hai. Doosre mein `max_len` chhota karke dekho kaunse reviews sabse zyada
# bigadte hain. Teesre mein `W_h` ka gain badal ke gradient ki dhalaan naapo, aur chauthe mein
# dekho ki inference bhi length ke saath linear badhta hai ya nahi.
