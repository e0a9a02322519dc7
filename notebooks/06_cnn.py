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
# # 06 · Convolutional neural networks: learning to see with filters
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/hinglish-dl/deep-learning-course/blob/main/notebooks/06_cnn.ipynb)
#
# A dense network sees an image as a long list of unrelated numbers: move the digit one pixel
# to the right and, for the network, every input has changed. A **convolutional neural
# network** (CNN) looks at the image through small **filters** that slide over it, so a stroke is
# recognised wherever it appears, with the same few weights.
#
# **What you will learn**
# - what a convolution computes, by hand in NumPy, and that `keras.layers.Conv2D` computes
#   exactly the same; padding, stride and pooling;
# - how to build a LeNet/VGG-style CNN that beats logistic regression on real handwritten
#   digits, and why it needs so few parameters and tolerates shifts;
# - the modern toolkit: batch normalization, dropout, label-preserving data augmentation,
#   residual blocks (and what they fix that He initialisation does not);
# - two optional deep dives at the end: a trap in batch normalization's momentum, and
#   GPU-friendly layer sizes and memory;
# - how to look inside (feature maps, saliency, Grad-CAM), read the mistakes, and reuse a
#   trained network for a new task (transfer learning and fine-tuning).

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** dense network ke liye image bas numbers ki ek lambi list hai. Digit ko
# ek pixel right mein khiskao, toh network ko lagta hai poora input hi badal gaya. CNN ka
# tareeka alag hai: ek chhota filter image pe slide karta hai aur har jagah same pattern
# dhoondhta hai, jaise tum torch leke andhere kamre mein deewar pe ek ek patch dekhte ho.
# Is chapter mein hum convolution haath se likhenge, phir Keras se match karenge, ek asli CNN
# train karenge jo logistic regression ko beat kare, aur phir dekhenge ki network andar kya
# dekh raha hai. End mein transfer learning: ek task pe seekha hua doosre task pe kaise use
# karte hain.

# %% [markdown]
# **Roadmap** (main path: about 70 minutes). Skip the *reading* of an optional part, not its
# cells: run every cell, because the checkpoint uses them all.
#
# | sections, in order | minutes |
# |---|---:|
# | Setup, 1. A convolution by hand, 2. Padding, stride and pooling | 13 |
# | 3. Real images, 4. The baseline, 5. A LeNet/VGG-style CNN | 9 |
# | 6. Parameter sharing, 7. Shifts: equivariance and invariance | 11 |
# | 8. Batch normalization and dropout, 9. Data augmentation | 7 |
# | 10. Residual blocks | 8 |
# | 11. What the network sees, 12. Evaluation | 8 |
# | 13. Transfer learning and fine-tuning | 9 |
# | Checkpoint, Summary | 5 |
# | *optional:* in 3, MNIST when online; in 13, the ImageNet model (both need a download) | 3 |
# | *optional:* A. The batch-norm momentum trap, diagnosed | 8 |
# | *optional:* B. Hardware-aware sizes, and memory | 6 |
# | Exercises | 40 |

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** roadmap table upar hai. Main path (sections 1 se 13, phir checkpoint aur
# summary) lagbhag 70 minute ka hai. Optional: section 3 ka MNIST aur section 13 ka ImageNet
# model (dono ko download chahiye), aur summary ke baad ke do deep dives, A (batch-norm momentum
# ka trap) aur B (GPU ke hisaab se layer sizes aur memory). Inki reading baad mein kar sakte ho,
# lekin cells chalao, kyunki checkpoint unhe bhi use karta hai. Exercises ke liye 40 minute alag
# se rakho.

# %% [markdown]
# ## Setup

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

import math
import os
from pathlib import Path

import keras
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import tensorflow as tf  # only for tf.GradientTape: saliency, Grad-CAM, gradients by layer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

from course_utils import data, plots, precision, vision

precision.use_best_precision()
plots.use_course_style()

# %% [markdown]
# ## 1. A convolution by hand
#
# A **filter** (or kernel) is a small grid of weights, here 3×3. The convolution puts it on the
# top-left corner of the image, multiplies the nine pixels under it by the nine weights, adds
# the products up, and writes that one number to the output. Then it moves one pixel and does
# it again, until it has visited every position. The output is large where the patch under the
# filter looks like the filter, so each filter is a small **pattern detector**, and the output
# image, the **feature map**, says *where* the pattern is.
#
# For an image $x$ and a $k \times k$ filter $w$:
#
# $$y[i, j] = \sum_{u=0}^{k-1} \sum_{v=0}^{k-1} x[i + u,\ j + v]\; w[u, v]$$
#
# (Strictly, this is *cross-correlation*: the convolution of mathematics flips the filter
# first. Deep-learning libraries do not flip, and since the weights are learned, the
# difference does not matter.)
#
# Our first filter detects vertical edges: it subtracts the column on the left from the column
# on the right, so it answers "do the values rise from left to right here?".

# %%
image = np.zeros((10, 10), dtype="float32")
image[2:8, 3:7] = 1.0  # a rectangle of "ink" (1) on a background of 0
edge_filter = np.array([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], dtype="float32")  # rise left → right


def conv2d_numpy(x, w, stride=1, padding="valid"):
    """Slide the 2-D filter w over the 2-D image x; at every stop, multiply and add up."""
    kh, kw = w.shape
    if padding == "same":  # zeros around x so that the output has ceil(n / stride) rows/columns
        pads = []
        for n, k in ((x.shape[0], kh), (x.shape[1], kw)):
            total = max((math.ceil(n / stride) - 1) * stride + k - n, 0)
            pads.append((total // 2, total - total // 2))  # an odd pixel goes bottom / right
        x = np.pad(x, pads)
    out_h = (x.shape[0] - kh) // stride + 1
    out_w = (x.shape[1] - kw) // stride + 1
    out = np.zeros((out_h, out_w), dtype="float32")
    for i in range(out_h):
        for j in range(out_w):
            patch = x[i * stride : i * stride + kh, j * stride : j * stride + kw]
            out[i, j] = np.sum(patch * w)
    return out


hand = conv2d_numpy(image, edge_filter)
print("input", image.shape, "→ output", hand.shape)
print(hand.astype(int))

# %% [markdown]
# The left side of the rectangle, where the values rise, gives +4; the right side, where they
# fall, gives −4; flat regions (inside or outside) give 0. The output is 8×8, smaller than the
# 10×10 input, because a 3×3 filter fits in only 8 positions per row without leaving the image.
#
# Now the same with Keras. A `Conv2D` layer stores its weights as a tensor of shape
# *(filter height, filter width, input channels, number of filters)*. We build a layer with one
# filter, put our edge detector in it, and compare.
#
# This comparison is a lesson about precision, so we control it. `dtype="float32"` keeps this
# layer in full precision even when the notebook runs with mixed precision on a GPU (float16
# or bfloat16 would round the products to 3 or 2 significant digits). And on NVIDIA GPUs from
# the Ampere generation on (A100, L4, …), TensorFlow runs float32 convolutions and matrix
# products as **TF32** by default: inputs rounded to 10 bits of mantissa, errors around 1e-3.
# Fast, and harmless for training, but not exact; we switch it off for this chapter, whose
# models are small enough not to notice. On a CPU neither setting changes anything.

# %%
tf.config.experimental.enable_tensor_float_32_execution(False)  # exact float32 on Ampere+ GPUs
conv = keras.layers.Conv2D(filters=1, kernel_size=3, use_bias=False, dtype="float32")
conv.build((None, 10, 10, 1))
print("kernel shape:", tuple(conv.kernel.shape))
conv.set_weights([edge_filter.reshape(3, 3, 1, 1)])

batch = image[np.newaxis, :, :, np.newaxis]  # (1, 10, 10, 1): a batch of one image, one channel
by_keras = keras.ops.convert_to_numpy(conv(batch))[0, :, :, 0]
conv_error = float(np.abs(by_keras - hand).max())
print(f"largest difference between NumPy and Conv2D: {conv_error:.1e}")

# %% [markdown]
# Identical. The same two filters (vertical edges, and its transpose for horizontal edges) on a
# real handwritten digit from scikit-learn's dataset, which we load properly in section 3. Red
# means the values rise (left → right, or top → bottom), blue means they fall.

# %%
images, labels = data.load_digits()
digit = images[0, :, :, 0]  # a handwritten 0, 8×8 pixels

fig, axes = plt.subplots(2, 3, figsize=(8, 5.4))
for row, picture in enumerate((image, digit)):
    maps = [conv2d_numpy(picture, f, padding="same") for f in (edge_filter, edge_filter.T)]
    limit = max(np.abs(m).max() for m in maps)
    axes[row, 0].imshow(picture, cmap="gray_r")
    axes[row, 0].set_title("input")
    for ax, fmap, name in zip(
        axes[row, 1:], maps, ("vertical edges", "horizontal edges"), strict=True
    ):
        ax.imshow(fmap, cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_title(name)
for ax in axes.flat:
    ax.set(xticks=[], yticks=[])
    ax.grid(False)
fig.tight_layout()

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** convolution ka funda simple hai: 3×3 ka filter image ke upar rakho, neeche
# wale nau pixels ko filter ke nau weights se multiply karo, sab jod do, aur ek number output mein
# likh do. Phir filter ko ek pixel aage khiskao aur repeat karo. Jahan image ka patch filter
# jaisa dikhta hai, wahan output bada aata hai, isliye har filter ek chhota pattern detector
# hai. Hamara edge filter basically right wale column se left wala column minus karta hai:
# rectangle ke left side pe +4, right side pe −4, aur flat jagah pe 0. Keras ka `Conv2D` bhi
# bilkul yahi karta hai; difference 0 aaya. Bas yaad rakho, Keras kernel ka shape
# (height, width, input channels, filters) hota hai.

# %% [markdown]
# ## 2. Padding, stride and pooling
#
# Three settings decide the size of a feature map:
# - **padding**: `"valid"` uses only positions where the filter fits inside the image (the
#   output shrinks by $k-1$); `"same"` adds a border of zeros so the output keeps the input's
#   size;
# - **stride**: how far the filter moves at each step; stride 2 visits every other position and
#   halves the height and width;
# - together, for an input of size $n$, filter $k$, stride $s$: `"valid"` gives
#   $\lfloor (n - k)/s \rfloor + 1$, `"same"` gives $\lceil n/s \rceil$.
#
# Our NumPy function implements both. One detail matters for an exact match: when `"same"`
# needs an odd number of zeros (here $n=10$, $k=3$, $s=2$ needs one), Keras puts the extra
# zero at the bottom and right, so the hand version does too. We check all four combinations
# with a random image and a random filter.

# %%
rng = np.random.default_rng(0)
x = rng.uniform(size=(10, 10)).astype("float32")
w = rng.normal(size=(3, 3)).astype("float32")

rows = []
for padding in ("valid", "same"):
    for stride in (1, 2):
        layer = keras.layers.Conv2D(
            1, 3, strides=stride, padding=padding, use_bias=False, dtype="float32"
        )
        layer.build((None, 10, 10, 1))
        layer.set_weights([w.reshape(3, 3, 1, 1)])
        by_keras = keras.ops.convert_to_numpy(layer(x[None, :, :, None]))[0, :, :, 0]
        by_hand = conv2d_numpy(x, w, stride=stride, padding=padding)
        rows.append(
            {
                "padding": padding,
                "stride": stride,
                "shape (NumPy)": by_hand.shape,
                "shape (Keras)": by_keras.shape,
                "max |difference|": float(np.abs(by_hand - by_keras).max()),
            }
        )
shape_table = pd.DataFrame(rows)
shape_table

# %% [markdown]
# **Pooling** shrinks a feature map without any weights: `MaxPooling2D(2)` cuts the map into
# 2×2 blocks and keeps the largest value of each block. It answers "was the pattern found
# somewhere in this block?" and forgets exactly where within the block, which adds a little
# tolerance of small shifts (section 7 measures how much, and what gives the rest) and divides
# the work of the next layer by four. By hand, a reshape splits
# the 4×4 grid into 2×2 blocks:

# %%
grid = np.array([[1, 3, 2, 0], [4, 2, 1, 1], [0, 1, 5, 6], [2, 2, 7, 1]], dtype="float32")
pooled_by_hand = grid.reshape(2, 2, 2, 2).max(axis=(1, 3))  # (block row, row, block col, col)
pooled_by_keras = keras.ops.convert_to_numpy(
    keras.layers.MaxPooling2D(pool_size=2)(grid[None, :, :, None])
)[0, :, :, 0]
print(pooled_by_hand)
print("same as MaxPooling2D:", np.array_equal(pooled_by_hand, pooled_by_keras))

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** output ka size teen cheezein decide karti hain. Padding `"valid"` matlab
# filter sirf wahan jaayega jahan woh poori image ke andar fit hota hai, isliye output chhota
# ho jaata hai; `"same"` border pe zeros laga deta hai taaki size same rahe. Stride 2 matlab
# filter do-do pixel ki chhalaang lagata hai, toh height aur width aadhi. Ek chhoti si baat:
# jab padding ke liye odd number of zeros chahiye, Keras extra zero neeche aur right mein
# lagata hai; hamne NumPy mein bhi wahi kiya, tabhi chaaron combinations exact match hue.
# Max pooling ka koi weight nahi hota: har 2×2 block ka sabse bada number rakho, baaki chhodo.
# Matlab "pattern is area mein kahin mila ya nahi", exact jagah bhool jao.

# %% [markdown]
# ## 3. Real images: handwritten digits, and MNIST when online
#
# scikit-learn ships 1,797 handwritten digits of 8×8 pixels (grey levels 0–16, scaled to [0, 1]
# by `data.load_digits()`), so this chapter needs no download. The classes are balanced, about
# 180 images each.

# %%
print(f"images {images.shape} {images.dtype}, values in [{images.min():.0f}, {images.max():.0f}]")
print("images per class:", np.bincount(labels))
vision.plot_image_grid(images[:24], titles=[str(y) for y in labels[:24]], ncols=12)
plt.show()

# %% [markdown]
# The classic datasets, MNIST (70,000 digits of 28×28) and Fashion-MNIST (clothing), come from
# `keras.datasets` and need a download. The course's loader downloads only when you ask for it
# **and** the machine is online; otherwise it says so and returns the digits above. So the
# result has two shapes: four arrays `(x_train, y_train, x_test, y_test)` when MNIST was
# downloaded, two `(images, labels)` when the digits came back instead. Check which before you
# unpack it. The rest of this chapter uses the 8×8 digits either way, so that every number
# below is reproducible on a laptop; training on MNIST is experiment 4 of the exercises.

# %%
PREFER_ONLINE = False  # True on Colab: download MNIST (11 MB). Tests and CI never download.
loaded = data.load_dataset("mnist", prefer_online=PREFER_ONLINE)
got_mnist = len(loaded) == 4  # online: MNIST's four arrays; offline: the digits' two
print("MNIST" if got_mnist else "the 8×8 digits (fallback)", [a.shape for a in loaded])

# %% [markdown]
# We keep a quarter of the digits as the **test set**, untouched until the evaluation, and
# take 15% of the rest for validation; `stratify` keeps the ten classes balanced in every part.
#
# We also upsample the images from 8×8 to 16×16 by repeating every pixel as a 2×2 block. This
# adds no information; it gives the network room for two stages of convolution and pooling
# (16 → 8 → 4) before the map becomes too small to hold a shape.

# %%
x_rest, x_test, y_rest, y_test = train_test_split(
    images, labels, test_size=0.25, stratify=labels, random_state=0
)
x_train, x_val, y_train, y_val = train_test_split(
    x_rest, y_rest, test_size=0.15, stratify=y_rest, random_state=0
)


def upsample(x):
    """8×8 → 16×16: every pixel becomes a 2×2 block (no new information, more room for layers)."""
    return x.repeat(2, axis=1).repeat(2, axis=2)


x_train16, x_val16, x_test16 = upsample(x_train), upsample(x_val), upsample(x_test)
print("train", x_train16.shape, "validation", x_val16.shape, "test", x_test16.shape)

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** scikit-learn ke saath 1,797 handwritten digits free mein aate hain, 8×8
# pixels wale, koi download nahi. MNIST aur Fashion-MNIST bade datasets hain jo internet se
# aate hain; hamara loader tabhi download karta hai jab tum `PREFER_ONLINE = True` karo aur
# machine online ho, warna message deke digits hi de deta hai. Dhyaan do: MNIST mile toh chaar
# arrays aate hain, digits mile toh sirf do, isliye unpack karne se pehle `len` check karo.
# Isliye yeh notebook laptop pe
# bhi bina internet chalega. Data ko teen hisson mein baanto: test set ko end tak haath mat
# lagao. Aur 8×8 ko 16×16 kiya, har pixel ko 2×2 block bana ke; nayi information nahi aayi,
# bas network ko do baar pool karne ki jagah mil gayi.

# %% [markdown]
# ## 4. The baseline: logistic regression on pixels
#
# Before any deep model, a simple one: logistic regression on the 64 raw pixels. The CNN has
# to beat this number to be worth its extra cost. (Logistic regression runs with one BLAS
# thread: on matrices this small, more threads only fight over the cores.)

# %%
with threadpool_limits(1):
    baseline = LogisticRegression(max_iter=2000)
    baseline.fit(x_train.reshape(len(x_train), -1), y_train)
    baseline_acc = baseline.score(x_test.reshape(len(x_test), -1), y_test)
print(f"logistic regression, test accuracy: {baseline_acc:.3f}")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** deep model banane se pehle ek simple baseline chahiye. Yahan logistic
# regression seedha 64 pixels pe train kiya, aur woh already kaafi accha score deta hai,
# kyunki digits saaf aur centred hain. Ab CNN ko isse upar jaana padega, tabhi uski extra
# complexity ka fayda hai. Chhota sa note: itne chhote matrices pe BLAS ke zyada threads ulta
# slow karte hain, isliye ek thread pe chalaya.

# %% [markdown]
# ## 5. A LeNet/VGG-style CNN
#
# Two classic designs shape almost every small CNN:
# - **LeNet** (1998, for digits): convolution → pooling → convolution → pooling → dense layers.
# - **VGG** (2014): stacks of 3×3 convolutions, and every time pooling halves the resolution,
#   the number of filters doubles. This *gradual* scaling keeps the work per layer roughly
#   even. Two stacked 3×3 convolutions see a 5×5 patch (their **receptive field**) with fewer
#   weights than one 5×5 filter ($2 \cdot 9 C^2$ against $25 C^2$), and with a non-linearity in
#   between.
#
# Our network: two blocks of two 3×3 convolutions (32 filters at 16×16, then 64 at 8×8), each
# block followed by 2×2 max pooling. Three modern touches: **batch normalization** after each
# convolution (section 8; the convolution then needs no bias, since batch normalization adds its
# own shift), **global average pooling** instead of `Flatten` (it averages each of the 64 final
# feature maps to one number: fewer weights, and more tolerance of shifts), and **dropout**
# before the classifier. The last layer computes in float32 (`dtype="float32"`), which keeps the
# softmax accurate under mixed precision. We keep the class scores (**logits**) and the softmax
# as two layers, because section 11 needs the logits.


# %%
def conv_bn_relu(x, filters, name, bn_momentum):
    x = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False, name=name)(x)
    x = keras.layers.BatchNormalization(momentum=bn_momentum, name=f"{name}_bn")(x)
    return keras.layers.Activation("relu", name=f"{name}_relu")(x)


def make_cnn(n_classes=10, bn_momentum=0.9, name="cnn", flatten=False):
    inputs = keras.Input((16, 16, 1), name="image")
    x = conv_bn_relu(inputs, 32, "conv1", bn_momentum)
    x = conv_bn_relu(x, 32, "conv2", bn_momentum)
    x = keras.layers.MaxPooling2D(name="pool1")(x)  # 16×16 → 8×8
    x = conv_bn_relu(x, 64, "conv3", bn_momentum)
    x = conv_bn_relu(x, 64, "conv4", bn_momentum)
    x = keras.layers.MaxPooling2D(name="pool2")(x)  # 8×8 → 4×4
    if flatten:  # section 7's comparison: keep every position, 4×4×64 → 1,024
        x = keras.layers.Flatten(name="flatten")(x)
    else:
        x = keras.layers.GlobalAveragePooling2D(name="gap")(x)  # 4×4×64 → 64
    x = keras.layers.Dropout(0.3, name="dropout")(x)
    logits = keras.layers.Dense(n_classes, dtype="float32", name="logits")(x)
    outputs = keras.layers.Activation("softmax", dtype="float32", name="probs")(logits)
    return keras.Model(inputs, outputs, name=name)


BATCH_SIZE = 32
EPOCHS = 12


def compile_model(model, n_train, epochs=EPOCHS, learning_rate=1e-3):
    """Adam with a cosine decay of the learning rate to 0 over the whole run."""
    steps = epochs * math.ceil(n_train / BATCH_SIZE)
    schedule = keras.optimizers.schedules.CosineDecay(learning_rate, decay_steps=steps)
    model.compile(
        optimizer=keras.optimizers.Adam(schedule),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


cnn = compile_model(make_cnn(), n_train=len(x_train16))
cnn.summary()

# %% [markdown]
# Training runs a fixed 12 epochs (36 steps each) with the learning rate decaying to zero, so
# the last epochs settle instead of jumping around; that takes about 15 seconds of CPU.

# %%
history = cnn.fit(
    x_train16,
    y_train,
    validation_data=(x_val16, y_val),
    epochs=EPOCHS,
    batch_size=BATCH_SIZE,
    verbose=0,
)
plots.plot_history(history)
plt.show()

# %%
test_probs = cnn.predict(x_test16, verbose=0)
test_pred = test_probs.argmax(axis=1)
cnn_acc = float(np.mean(test_pred == y_test))
print(f"CNN test accuracy {cnn_acc:.3f}  vs  logistic regression {baseline_acc:.3f}")

# %% [markdown]
# The CNN makes only a few mistakes on the 450 test digits, where logistic regression (0.971)
# makes about 13: the printed line gives this run's accuracy.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** hamara CNN do purane designs se inspired hai. LeNet ne conv → pool → conv →
# pool ka pattern diya, aur VGG ne sikhaya ki chhote 3×3 filters stack karo, aur jab bhi
# resolution aadha ho, filters double kar do: 16×16 pe 32 filters, 8×8 pe 64. Do 3×3 conv milke
# 5×5 area dekhte hain, lekin weights kam lagte hain. Har conv ke baad BatchNorm hai (isliye conv
# mein bias nahi chahiye), end mein global average pooling har feature map ko ek number bana deta
# hai, aur dropout overfitting rokta hai. Last layer float32 mein hai taaki mixed precision mein
# bhi softmax sahi rahe. Result: 450 test digits mein logistic regression ~13 galtiyan karta hai,
# CNN sirf kuch (upar print hua).

# %% [markdown]
# ## 6. Parameter sharing: why so few weights
#
# Our CNN has about 66,000 parameters. A convolution reuses the same filter at every position:
# that is **parameter sharing**. To see what it saves, we count, for each convolution, the
# weights of two layers with the same input and output shapes:
# - *no sharing*: every output position has its own 3×3 filters (same reach, a "locally
#   connected" layer);
# - *dense*: every output number is connected to every input number.

# %%
rows = []
for name in ("conv1", "conv2", "conv3", "conv4"):
    layer = cnn.get_layer(name)
    kh, kw, c_in, c_out = layer.kernel.shape
    h, w = layer.output.shape[1:3]
    rows.append(
        {
            "layer": name,
            "input → output": f"{h}×{w}×{c_in} → {h}×{w}×{c_out}",
            "Conv2D (shared)": layer.count_params(),
            "no sharing": h * w * kh * kw * c_in * c_out,
            "Dense": (h * w * c_in) * (h * w * c_out),
        }
    )
sharing = pd.DataFrame(rows).set_index("layer")
sharing

# %% [markdown]
# The convolution's count is $k \cdot k \cdot C_{in} \cdot C_{out}$, independent of the image
# size; without sharing it is multiplied by the number of positions ($h \cdot w$), and a dense
# layer connects everything to everything. For `conv1` that is 3·3·1·32 = 288 weights, whatever
# the image size; without sharing, 16·16·288 = 73,728; dense, 256 × 8,192 = 2,097,152. Over the
# four layers: about 65,000 shared weights against about 94 million dense ones (the table).
# Keras agrees with the dense figure for the first layer:

# %%
dense_twin = keras.layers.Dense(16 * 16 * 32, use_bias=False)
dense_twin.build((None, 16 * 16 * 1))
print(f"Dense 256 → 8192 has {dense_twin.count_params():,} weights")
totals = sharing[["Conv2D (shared)", "no sharing", "Dense"]].sum()
print("all four layers:", {k: f"{v:,}" for k, v in totals.items()})

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** parameter sharing matlab ek hi filter poori image pe use hota hai. Pehli
# conv layer ke sirf 288 weights hain, image chahe kitni bhi badi ho. Agar har position
# ka apna alag filter hota (no sharing), toh wahi kaam 73,728 weights mein hota, aur Dense
# layer se har input ko har output se jodo toh 2,097,152. Chaaron layers milake CNN ke
# lagbhag 65,000 weights vs Dense ke lagbhag 94 million. Kam weights ka matlab kam data mein seekh lena aur
# kam overfitting; aur ek filter har position pe train hota hai, toh usko bahut saare examples
# milte hain.

# %% [markdown]
# ## 7. Shifts: equivariance and invariance
#
# Two precise statements about shifting the input:
# - A convolution is **translation-equivariant**: shift the image, and the feature map shifts by
#   the same amount. Away from the borders this is exact, and we can check it to floating-point
#   precision with the trained first layer's filters (`keras.ops.conv` in float32).
# - The whole network is only approximately **translation-invariant**: its prediction changes
#   little when the digit moves a little. Where does that come from? Not from the convolutions,
#   which only move their maps along. It comes from the layers that throw away *where*: max
#   pooling (inside each 2×2 window) and, above all, global average pooling, which averages
#   each final map over all positions. A dense network has nothing of the sort.

# %%
kernel1 = keras.ops.convert_to_numpy(cnn.get_layer("conv1").kernel).astype("float32")


def first_layer(x):
    return keras.ops.convert_to_numpy(keras.ops.conv(x, kernel1, padding="same"))


some_digits = x_test16[:50]
shift_then_conv = first_layer(vision.shift_images(some_digits, dy=0, dx=2))
conv_then_shift = vision.shift_images(first_layer(some_digits), dy=0, dx=2)
# columns 2..14: away from the zeros shifted in on the left and the border on the right
equivariance_error = float(np.abs(shift_then_conv - conv_then_shift)[:, :, 2:15].max())
print(f"conv(shift(x)) vs shift(conv(x)), largest difference: {equivariance_error:.1e}")

# %% [markdown]
# For invariance we compare three networks trained on the same images: our CNN; the same CNN
# with `Flatten` instead of global average pooling (its classifier gets a separate weight for
# each of the 4×4 positions of every map); and a dense network (`Flatten` → 128 ReLU units →
# 10 classes). Then we shift the test digits by 0 to 4 pixels of the 16×16 grid (up, down,
# left and right, averaged) and measure the three accuracies.

# %%
keras.utils.set_random_seed(42)
cnn_flat = compile_model(make_cnn(flatten=True, name="cnn_flatten"), n_train=len(x_train16))
cnn_flat.fit(x_train16, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0)
mlp = keras.Sequential(
    [
        keras.Input((16, 16, 1)),
        keras.layers.Flatten(),
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dropout(0.3),
        keras.layers.Dense(10, activation="softmax", dtype="float32"),
    ],
    name="mlp",
)
compile_model(mlp, n_train=len(x_train16), epochs=30)
mlp.fit(x_train16, y_train, epochs=30, batch_size=BATCH_SIZE, verbose=0)
for net in (cnn, cnn_flat, mlp):
    print(f"{net.name:>12}: {net.count_params():>7,} parameters")


# %%
def shifted_accuracy(model, shift):
    """Test accuracy, averaged over moving the digits `shift` pixels up, down, left, right."""
    moves = [(0, 0)] if shift == 0 else [(shift, 0), (-shift, 0), (0, shift), (0, -shift)]
    accs = []
    for dy, dx in moves:
        pred = model.predict(vision.shift_images(x_test16, dy, dx), verbose=0).argmax(axis=1)
        accs.append(np.mean(pred == y_test))
    return float(np.mean(accs))


shifts = [0, 1, 2, 3, 4]
shift_curve = pd.DataFrame(
    {
        "CNN (global average pooling)": [shifted_accuracy(cnn, s) for s in shifts],
        "CNN with Flatten": [shifted_accuracy(cnn_flat, s) for s in shifts],
        "dense network": [shifted_accuracy(mlp, s) for s in shifts],
    },
    index=pd.Index(shifts, name="shift (pixels of 16)"),
)
ax = shift_curve.plot(marker="o", ylim=(0, 1.02), title="Test accuracy on shifted digits")
ax.set(ylabel="accuracy", xticks=shifts)
gap_col, flat_col, mlp_col = shift_curve.columns
for s in (1, 2, 3):
    row = shift_curve.loc[s]
    print(
        f"shift {s} px: CNN {row[gap_col]:.3f}, with Flatten {row[flat_col]:.3f}, "
        f"dense {row[mlp_col]:.3f}"
    )
shift_curve.round(3)

# %% [markdown]
# All three networks are good on centred digits. Moved by a pixel or two, the CNN loses only a
# few points and the dense network collapses; the CNN with `Flatten` holds at 1 pixel but falls
# far at 2 and 3 (the printed lines; at 2 pixels expect about 0.95 for the CNN, 0.78 with
# `Flatten` and 0.47 for the dense network). So the convolutions and max pooling alone buy some
# tolerance, but most of it comes from global average pooling, which asks "how strongly was each
# pattern found, anywhere?" and forgets the position entirely.
#
# Two more things the curve shows:
# - **Aliasing.** Max pooling with stride 2 (and every strided layer) keeps one value per 2×2
#   window. A shift by a multiple of the stride moves the pattern by whole windows; any other
#   shift changes *which* pixels share a window, and the pooled map changes by more than a
#   shift. Our digits were upsampled 2×, so a 2-pixel shift is one original pixel and exactly
#   pool1's stride, the most flattering case for pooling; 1 and 3 pixels are not, which is why
#   the checkpoint tests all three. On these smooth digits the CNN did about as well at 1 pixel
#   as at 2, so aliasing costs little here; on photos with fine texture a one-pixel shift can
#   flip a prediction (Zhang, 2019, "Making convolutional networks shift-invariant again"), and
#   blurring before subsampling ("anti-aliased" pooling) reduces the effect. Strided pooling is
#   not shift-invariant in the strict sense.
# - **Limits.** At 3–4 pixels all networks drop, because every training digit was centred and
#   a shift of a quarter of the image moves strokes out of the patterns the filters learned.
#   Data augmentation (section 9) can teach the rest (experiment 1 of the exercises).

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** do alag baatein hain. Equivariance: image ko 2 pixel right khiskao toh conv
# ka feature map bhi exactly 2 pixel right khisakta hai; border ke door yeh bilkul exact hai,
# difference 0. Invariance: poore network ka answer shift se nahi badalna chahiye. Yeh
# convolution se nahi aata, woh toh map ko bas khiska deta hai. Yeh un layers se aata hai jo
# "kahan" bhool jaati hain: max pooling thoda sa, aur global average pooling sabse zyada, kyunki
# woh har map ko poori image pe average kar deta hai. Isliye `Flatten` wala CNN beech mein atakta
# hai: shift pe Dense network se behtar, lekin GAP wale CNN se kaafi neeche. Dense network har
# pixel ko alag input maanta hai, toh digit thoda hila aur accuracy dhadaam se giri (2 pixel pe
# CNN lagbhag 0.95, `Flatten` wala 0.78, Dense 0.47; upar print hua).
#
# Ek aur baarik baat: aliasing. Pooling stride 2 ke saath har 2×2 window se
# ek value rakhta hai. Shift stride ka multiple ho (hamare upsampled digits pe 2 pixel), toh
# pattern poori windows ke saath khisakta hai; 1 ya 3 pixel ka shift windows ka bantwara hi
# badal deta hai. Isliye hum 1, 2 aur 3 teeno check karte hain. Hamare smooth digits pe 1 pixel
# ka nuksaan 2 pixel jitna hi raha, lekin photos ki fine texture pe ek pixel ka shift bhi
# prediction palat sakta hai; pooling se pehle blur karna ("anti-aliased" pooling) isko kam
# karta hai. 3–4 pixel pe saare networks girte hain, kyunki
# training ke saare digits centred the; iska ilaaj augmentation hai (exercises ka experiment 1).

# %% [markdown]
# ## 8. Batch normalization and dropout: layers that behave differently in training
#
# **Batch normalization** standardises each channel with the mean $\mu_B$ and variance
# $\sigma_B^2$ *of the current batch*, then rescales with two learned numbers:
# $y = \gamma \, (x - \mu_B) / \sqrt{\sigma_B^2 + \epsilon} + \beta$. At inference there is no
# batch, so the layer uses running averages that it updates at every training step:
#
# $$\text{moving} \leftarrow m \cdot \text{moving} + (1 - m) \cdot \text{batch statistic}$$
#
# The momentum $m$ sets how long the average remembers: about $1/(1-m)$ steps, and after $n$
# steps the starting value (mean 0, variance 1) still weighs $m^n$. Keras's default is
# $m = 0.99$, a memory of about 100 steps, made for long runs of thousands of steps. Our whole
# run is 432 steps. That is why our CNN uses $m = 0.9$. With the default, the same network
# reaches about 0.99 on its training batches but falls far below that on the test set: only
# inference fails. The optional section A at the end of the chapter trains it, finds which
# running statistics are wrong, and repairs the same weights without retraining.

# %% [markdown]
# **Dropout** is the other layer with two behaviours. In training it sets a random fraction
# $p$ of its inputs to zero and multiplies the rest by $1/(1-p)$, so the expected sum stays the
# same; at inference it does nothing. The network cannot rely on any single unit, which
# regularises it.

# %%
dropout = keras.layers.Dropout(0.5, seed=0)
ones = np.ones((1, 8), dtype="float32")
print("training: ", keras.ops.convert_to_numpy(dropout(ones, training=True)))
print("inference:", keras.ops.convert_to_numpy(dropout(ones, training=False)))

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** BatchNorm training mein har batch ka apna mean aur variance use karta hai,
# lekin inference pe batch nahi hota, isliye woh ek running average rakhta hai. Momentum
# decide karta hai ki yeh average kitna purana yaad rakhe: 0.99 matlab lagbhag 100 steps ki
# memory. Badi training mein (hazaaron steps) yeh theek hai, par hamari poori training hi 432
# steps ki hai, isliye hamne momentum 0.9 rakha. 0.99 ke saath model train batches pe accha
# aur test pe fail hota hai; kyun, yeh chapter ke end mein optional section A dikhata hai.
# Dropout bhi training aur inference mein alag behave karta
# hai: training mein random units zero, baaki ko 1/(1−p) se scale; inference pe kuch nahi.

# %% [markdown]
# ## 9. Data augmentation that keeps the label
#
# Data augmentation shows the network new versions of the training images: rotated a little,
# moved, zoomed. Keras has these as layers (`RandomRotation`, `RandomTranslation`,
# `RandomZoom`, `RandomCrop`, `RandomFlip`, …). They transform only in training: inside a
# model, `fit` switches them on and `predict` off.
#
# The rule: **a transformation is allowed only if the label stays true**. A mirrored 2 or 3 is
# not a digit at all, and a 6 turned upside down is a 9, so flips and large rotations are wrong
# for digits (they are fine for photos of cats). Two more details for digits: fill the new
# border with the background (`fill_mode="constant"`; the default `"reflect"` mirrors strokes
# into the border), and keep the angles small.

# %%
constant = {"fill_mode": "constant"}  # new pixels are background (0), not mirrored strokes
augment = keras.Sequential(
    [
        keras.layers.RandomRotation(0.04, **constant),  # ±0.04 of a full turn: about ±14°
        keras.layers.RandomTranslation(0.12, 0.12, **constant),  # up to ±2 pixels of 16
        keras.layers.RandomZoom(0.1, **constant),
    ],
    name="augment",
)
pad_and_crop = keras.Sequential(
    [keras.layers.ZeroPadding2D(2), keras.layers.RandomCrop(16, 16)], name="pad_and_crop"
)
flip = keras.layers.RandomFlip("horizontal")

two = x_test16[y_test == 2][:1]
six = x_test16[y_test == 6][:1]


def to_numpy(t):
    """Tensor or array → float32 NumPy (under mixed precision the layers compute in 16 bits)."""
    return keras.ops.convert_to_numpy(t).astype("float32")


keras.utils.set_random_seed(1)
picture_rows = [
    [two] + [to_numpy(augment(two)) for _ in range(7)],
    [two] + [to_numpy(pad_and_crop(two)) for _ in range(7)],
    [two, to_numpy(flip(two))] * 2 + [six, np.rot90(six, 2, axes=(1, 2))] * 2,
]
titles = (
    ["original"] + ["rotate+shift+zoom"] * 7,
    ["original"] + ["pad 2 + crop"] * 7,
    ["2", "flipped: ?", "2", "flipped: ?", "6", "rotated: 9!", "6", "rotated: 9!"],
)
vision.plot_image_grid(
    np.concatenate([picture for row in picture_rows for picture in row]),
    titles=[title for row in titles for title in row],
    ncols=8,
)
plt.show()
unchanged = np.array_equal(to_numpy(augment(two, training=False)), two)
print("at inference the layers change nothing:", unchanged)

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** augmentation matlab training images ke naye versions banana: thoda ghumao,
# thoda khiskao, thoda zoom karo, taaki model ko zyada variety mile. Golden rule: label sach
# rehna chahiye. Billi ki photo ko mirror karo toh woh billi hi hai, par mirrored 2 koi digit
# nahi hai, aur 6 ulta karo toh 9 ban jaata hai! Isliye digits pe flip aur bade rotations
# galat hain. Ek aur trap: `fill_mode` ka default `"reflect"` hai jo border pe strokes ki copy
# bana deta hai; digits ke liye `"constant"` (background) rakho. Yeh layers sirf training mein
# kaam karti hain; `predict` ke time kuch nahi karti.

# %% [markdown]
# ## 10. Residual blocks: depth, and what skip connections fix
#
# In principle more layers should never hurt: extra layers could learn to pass their input
# through. In practice a deep *plain* stack of layers can fail for two different reasons, and it
# pays to tell them apart:
# 1. **The signal fades (or explodes).** Each layer multiplies the signal on the way forward and
#    the gradient on the way back. With Keras's default Glorot initialisation every ReLU layer
#    shrinks the signal, and after twenty layers almost nothing arrives. This was solved before
#    ResNet, by **He initialisation** (weights scaled for ReLU, so the variance stays the same
#    from layer to layer) and by **batch normalization** (section 8), which rescales every
#    layer's output.
# 2. **Degradation.** Even with good initialisation and batch normalization, He et al. (2015)
#    found that a 56-layer plain network reached a *higher training error* than a 20-layer one
#    on CIFAR-10: not overfitting, the deeper network was simply harder to optimise. This is
#    the problem ResNet was designed for.
#
# A **residual block** (ResNet, 2015) adds the input back: $y = \mathrm{ReLU}(x + F(x))$. The
# layers only learn a correction $F$; a block that should change nothing has to push $F$
# towards zero, which is easy, instead of building an identity out of convolutions and ReLUs.
#
# The experiment below measures reason 1, at initialisation: four networks of 21 convolutions
# (32 filters each), namely plain with Keras's default (Glorot) initialisation; plain with He
# initialisation; plain with He initialisation and batch normalization; and residual, with a
# skip around every pair of convolutions, Glorot initialisation and no batch normalization.
# Before any training, we compute the gradient of the loss for every layer's weights on 128
# training images.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** theory mein zyada layers se nuksaan nahi hona chahiye, lekin plain deep
# network do alag wajah se atak sakta hai. Pehli: signal aur gradient har layer pe multiply
# hote hote khatam ho jaate hain. Iska ilaaj ResNet se pehle aa chuka tha: He initialisation
# aur batch norm. Doosri, jiske liye ResNet bana: He init aur batch norm ke saath bhi 56 layers
# wale plain network ki *training* error 20 layers wale se zyada thi (degradation). Yeh
# overfitting nahi, optimisation ki problem hai. ResNet ka idea: output mein input wapas jod
# do, y = ReLU(x + F(x)); block ko kuch nahi badalna ho toh F ko bas zero ki taraf le jaana hai.


# %%
def deep_stack(n_blocks, residual, init="glorot_uniform", batchnorm=False):
    # float32 even under mixed precision: float16 cannot hold the tiny gradients of a plain stack
    f32 = {"dtype": "float32"}

    def conv(x, relu):
        x = keras.layers.Conv2D(32, 3, padding="same", kernel_initializer=init, **f32)(x)
        if batchnorm:
            x = keras.layers.BatchNormalization(**f32)(x)
        return keras.layers.Activation("relu", **f32)(x) if relu else x

    inputs = keras.Input((16, 16, 1))
    x = conv(inputs, relu=True)
    for _ in range(n_blocks):
        y = conv(conv(x, relu=True), relu=False)
        x = keras.layers.Add(**f32)([x, y]) if residual else y  # the skip connection
        x = keras.layers.Activation("relu", **f32)(x)
    x = keras.layers.GlobalAveragePooling2D(**f32)(x)
    outputs = keras.layers.Dense(10, activation="softmax", **f32)(x)
    return keras.Model(inputs, outputs)


def gradient_norms(model, x, y):
    """The loss, and the norm of its gradient for each convolution's kernel (input side first)."""
    loss_fn = keras.losses.SparseCategoricalCrossentropy()
    with tf.GradientTape() as tape:
        loss = loss_fn(y, model(x, training=True))
    kernels = [layer.kernel for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    grads = tape.gradient(loss, kernels)
    return float(loss), [float(tf.norm(tf.cast(g, "float32"))) for g in grads]


variants = {
    "plain, Glorot": {"residual": False},
    "plain, He": {"residual": False, "init": "he_normal"},
    "plain, He + batch norm": {"residual": False, "init": "he_normal", "batchnorm": True},
    "residual, Glorot": {"residual": True},
}
grad_by_layer, start_loss = {}, {}
for label, options in variants.items():
    keras.utils.set_random_seed(0)
    model = deep_stack(n_blocks=10, **options)
    start_loss[label], grad_by_layer[label] = gradient_norms(model, x_train16[:128], y_train[:128])
    first, last = grad_by_layer[label][0], grad_by_layer[label][-1]
    print(
        f"{label:>24}: loss at start {start_loss[label]:.4f}, gradient norm "
        f"conv 1 {first:.1e}, conv 21 {last:.1e}"
    )

ax = pd.DataFrame(grad_by_layer, index=range(1, 22)).plot(logy=True, marker=".")
ax.set(xlabel="convolution layer (1 = nearest the input)", ylabel="gradient norm")
ax.set_title("Gradient reaching each layer, before training")
plt.show()
glorot_gap = grad_by_layer["residual, Glorot"][0] / grad_by_layer["plain, Glorot"][0]
print(f"conv 1 gets {glorot_gap:,.0f}× more gradient with the skips than without (both Glorot)")
print(f"ln 10 = {math.log(10):.4f}: the loss of a uniform guess over 10 classes")

# %% [markdown]
# The plain Glorot stack starts at a loss of $\ln 10 \approx 2.3026$: its output is the same
# uniform guess for every image, because the signal faded away on the way forward, and the
# gradient that reaches its first layer is thousands of times smaller than the residual
# network's (the printed factor). He initialisation alone, and He initialisation with batch
# normalization, bring the plain stack's gradients back to the same order as the residual
# one's. So in *this* experiment the skip connections rescue a network that had a cure
# already; what they add on top of it, the fix for degradation, shows only when much deeper
# networks train for a long time (He et al.: 20 against 56 layers, hours of GPU time), which is
# beyond this notebook.
#
# Why a skip helps the gradient: before the final ReLU, $\partial (x + F(x)) / \partial x = I +
# \partial F / \partial x$, so the gradient has a path that no weight multiplies. In the original
# ResNet block, as in ours, the ReLU comes *after* the addition, so that path is not quite
# unchanged: it passes a ReLU at every block, which blocks it wherever $x + F(x) < 0$. The
# "pre-activation" ResNet (He et al., 2016) moves batch norm and ReLU inside the branch,
# $y = x + F(x)$, making the shortcut a true identity from the first block to the last.
#
# Real ResNet blocks also put batch normalization after each convolution, and a 1×1
# convolution on the skip path when the number of channels changes:


# %%
def residual_block(x, filters, name):
    """Conv-BN-ReLU-Conv-BN, plus the input (projected by a 1×1 conv if the width changes)."""
    shortcut = x
    y = conv_bn_relu(x, filters, f"{name}_a", bn_momentum=0.9)
    y = keras.layers.Conv2D(filters, 3, padding="same", use_bias=False, name=f"{name}_b")(y)
    y = keras.layers.BatchNormalization(momentum=0.9, name=f"{name}_b_bn")(y)
    if shortcut.shape[-1] != filters:
        shortcut = keras.layers.Conv2D(filters, 1, use_bias=False, name=f"{name}_proj")(shortcut)
    return keras.layers.Activation("relu", name=f"{name}_out")(keras.layers.Add()([shortcut, y]))


block_input = keras.Input((8, 8, 32))
print(keras.Model(block_input, residual_block(block_input, 64, "res1")).output.shape)

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** hamare experiment mein Glorot wale plain stack ka loss shuru mein exactly
# ln 10 hai (har image pe same guess), aur pehli layer tak pahunchne wala gradient residual
# wale se hazaaron guna chhota hai. Lekin He init, ya He init + batch norm, plain stack ke
# gradients ko wapas residual ke level tak le aate hain. Matlab yahan skip connection ne woh
# problem theek ki jiska ilaaj pehle se tha; degradation wala fayda sirf bahut gehre networks
# ki lambi training mein dikhta hai. Ek baarik baat: hamare block mein ReLU Add ke *baad* hai,
# toh identity wala raasta bhi har block pe ek ReLU se guzarta hai; pre-activation ResNet
# ReLU ko branch ke andar le jaata hai taaki shortcut sach mein identity rahe.

# %% [markdown]
# ## 11. What the network sees
#
# Three views, from the most direct to the most interpreted:
# 1. **Feature maps**: the outputs of a layer for one image. The first layer's maps are edge
#    and stroke detectors; deeper maps respond to larger parts of the digit.
# 2. **Saliency**: the gradient of the class score (the logit) with respect to every input
#    pixel: which pixels would change the score most if they changed a little.
# 3. **Grad-CAM**: the gradient of the class score with respect to the last convolution's
#    feature maps, averaged per map, gives one importance weight per map; the weighted sum of
#    the maps (negative parts cut) shows *where* the evidence for the class was found. It is
#    coarser (8×8 here) but steadier than saliency.

# %%
views = keras.Model(
    cnn.input, [cnn.get_layer("conv1_relu").output, cnn.get_layer("conv3_relu").output]
)
maps1, maps3 = (keras.ops.convert_to_numpy(m) for m in views(x_test16[:1], training=False))
print("conv1 maps", maps1.shape, "conv3 maps", maps3.shape)
vision.plot_image_grid(
    np.moveaxis(maps1[0], -1, 0)[:16],
    ncols=8,
    cmap="viridis",
    size=1.0,
    suptitle=f"conv1: 16 of 32 feature maps for a {y_test[0]} (16×16)",
)
plt.show()
vision.plot_image_grid(
    np.moveaxis(maps3[0], -1, 0)[:16],
    ncols=8,
    cmap="viridis",
    size=1.0,
    suptitle="conv3: 16 of 64 feature maps (8×8, after one pooling)",
)
plt.show()

# %%
explain = keras.Model(
    cnn.input, [cnn.get_layer("conv4_relu").output, cnn.get_layer("logits").output]
)


def saliency_and_grad_cam(x, classes):
    x = tf.convert_to_tensor(x)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        maps, logits = explain(x, training=False)
        score = tf.gather(logits, classes, batch_dims=1)  # each image's logit for its class
    saliency = tf.abs(tape.gradient(score, x))[..., 0]
    map_grads = tf.cast(tape.gradient(score, maps), "float32")  # float32 even under mixed
    maps = tf.cast(maps, "float32")  # precision, where the maps are 16-bit
    del tape
    weights = tf.reduce_mean(map_grads, axis=(1, 2), keepdims=True)  # one weight per map
    cam = tf.nn.relu(tf.reduce_sum(weights * maps, axis=-1, keepdims=True))  # (n, 8, 8, 1)
    cam = tf.image.resize(cam, x.shape[1:3], method="bilinear")[..., 0]  # back to 16×16
    return saliency.numpy(), cam.numpy()


sample = x_test16[:8]
saliency, cam = saliency_and_grad_cam(sample, test_pred[:8])
names = [f"predicted {p}" for p in test_pred[:8]]
no_heatmap = np.full_like(saliency, np.nan)  # the first row shows the plain digits
vision.plot_image_grid(
    np.concatenate([sample, sample, sample]),
    titles=names + ["saliency"] * 8 + ["Grad-CAM"] * 8,
    overlays=np.concatenate([no_heatmap, saliency, cam]),
    ncols=8,
)
plt.show()

# %% [markdown]
# Saliency is speckled: a gradient is a very local answer ("this exact pixel, a tiny bit"),
# and neighbouring pixels disagree. Grad-CAM is smoother and lands on the strokes that tell
# the digits apart (the bottom bar of a 2, the crossing of a 4).
#
# Heatmaps are easy to over-read, so we test one. If Grad-CAM points at the evidence, erasing
# its hottest pixels should hurt the predictions more than erasing the same number of random
# pixels. We erase 10% of each test image (25 of its 256 pixels), chosen three ways: Grad-CAM's
# hottest, random anywhere, and random among the ink (the pixels above 0.2).


# %%
def erase(x, scores, fraction=0.10):
    """Set the `fraction` of pixels with the highest scores to 0 (background), per image."""
    flat_scores = scores.reshape(len(x), -1)
    k = int(fraction * flat_scores.shape[1])
    top = np.argsort(-flat_scores, axis=1)[:, :k]
    erased = x.reshape(len(x), -1).copy()
    np.put_along_axis(erased, top, 0.0, axis=1)
    return erased.reshape(x.shape)


def accuracy_after_erasing(scores):
    erased = erase(x_test16, scores)
    return float(np.mean(cnn.predict(erased, verbose=0).argmax(axis=1) == y_test))


_, cam_test = saliency_and_grad_cam(x_test16, test_pred)
random_scores = np.random.default_rng(0).uniform(size=cam_test.shape)
ink = x_test16[..., 0] > 0.2
acc_erase_cam = accuracy_after_erasing(cam_test)
acc_erase_random = accuracy_after_erasing(random_scores)
acc_erase_ink = accuracy_after_erasing(random_scores + ink)  # every ink pixel ranks first
print(f"accuracy after erasing 10% of each image (no erasing: {cnn_acc:.3f})")
print(f"  Grad-CAM's hottest pixels: {acc_erase_cam:.3f}")
print(f"  random pixels:             {acc_erase_random:.3f}")
print(f"  random ink pixels:         {acc_erase_ink:.3f}")

# %% [markdown]
# Erasing Grad-CAM's hottest pixels hurts much more than erasing random ones, so the map does
# point at pixels the network uses. But erasing random *ink* hurts even more: Grad-CAM is
# coarse (8×8, smoothed to 16×16), so part of its top 10% falls on background, where erasing
# changes nothing. On digits, much of what any heatmap "finds" is simply where the ink is. A
# heatmap is a hint about the evidence, not a proof: test it before you believe it.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** network ke andar jhaankne ke teen tareeke. Feature maps: kisi layer ka
# output dekho; pehli layer edges aur strokes pakadti hai, gehri layers digit ke bade hisse.
# Saliency: har input pixel ke hisaab se class score ka gradient, matlab kaunsa pixel
# badle toh score sabse zyada badlega. Grad-CAM: last conv layer ke har feature map ka
# importance gradient se nikalo, weighted sum karo, aur dekho evidence kahan mila. Lekin
# heatmap dekh ke kahani banana bahut aasaan hai, isliye hamne test kiya. Grad-CAM ke sabse
# garam pixels mitao toh accuracy random pixels mitane se kaafi zyada girti hai, matlab map
# sahi jagah ishaara kar raha hai. Lekin random ink pixels mitao toh aur bhi zyada girti hai!
# Grad-CAM ek mota sa 8×8 ka map hai, uske kuch pixels background pe padte hain. Seedhi baat:
# heatmap ek hint hai, saboot nahi; pehle test karo, phir bharosa karo.

# %% [markdown]
# ## 12. Evaluation: confusion matrix and the mistakes
#
# Accuracy is one number; the **confusion matrix** shows which digits are mixed up with which
# (rows: true class, columns: predicted class). Then we look at the hardest test images: the
# mistakes, then the correct predictions the network was least sure of (lowest probability
# for the true class). Often the image is ambiguous even for a person, and sometimes the label
# itself looks wrong.

# %%
plots.plot_confusion_matrix(y_test, test_pred, labels=range(10), title="CNN on the test digits")
plt.show()

# %%
wrong = np.flatnonzero(test_pred != y_test)
print(
    f"{len(wrong)} mistakes out of {len(y_test)}:", [f"{y_test[i]}→{test_pred[i]}" for i in wrong]
)
true_class_prob = test_probs[np.arange(len(y_test)), y_test]
hardest = np.argsort(true_class_prob)[:8]  # the mistakes come first, then the closest calls
vision.plot_image_grid(
    x_test16[hardest],
    titles=[
        f"true {y_test[i]}, said {test_pred[i]}\np(true) = {true_class_prob[i]:.2f}"
        for i in hardest
    ],
    ncols=8,
    size=1.5,
)
plt.show()

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** accuracy ek number hai, confusion matrix poori kahani batata hai: kaunsa
# digit kis digit ke saath confuse ho raha hai. Rows mein asli class, columns mein prediction.
# Aur galtiyon ko hamesha apni aankhon se dekho: kai baar image itni ajeeb hoti hai ki insaan
# bhi confuse ho jaaye, aur kabhi label hi galat lagta hai. Model ki confidence bhi dekho;
# galat prediction pe bhi model kabhi kabhi kaafi confident hota hai.

# %% [markdown]
# ## 13. Transfer learning and fine-tuning
#
# **Transfer learning** reuses a network trained on a large dataset for a new task with little
# data. Its early layers have learned general features (edges, strokes, textures) that the new
# task needs too, so we keep that *base*, put a new classifier *head* on top, and train:
# 1. first with the base **frozen** (`base.trainable = False`): only the head learns, so a
#    handful of labels cannot damage the pretrained features;
# 2. then, optionally, **fine-tune**: unfreeze the base and train everything with a learning
#    rate about ten times smaller.
#
# One Keras detail: call the base with `training=False`. Its batch normalization layers then
# keep using the running statistics learned on the large dataset, even after unfreezing;
# re-estimating them from a few dozen images would destroy them.
#
# For photos, `keras.applications` has networks pretrained on ImageNet (1.3 million images,
# 1,000 classes). `MobileNetV2(weights="imagenet")` downloads its weights (9 MB) on first use,
# so the next cell builds it only when they are already on disk or when you allowed downloads
# (`PREFER_ONLINE = True` in section 3, e.g. on Colab); otherwise it prints how to get them.

# %%
keras_home = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras"))
weights_file = (
    keras_home / "models" / "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_96_no_top.h5"
)
base = None
if weights_file.exists() or PREFER_ONLINE:
    try:
        base = keras.applications.MobileNetV2(
            input_shape=(96, 96, 3), include_top=False, weights="imagenet"
        )
    except Exception as err:  # noqa: BLE001 - no network, or the download failed
        print(f"Could not load the ImageNet weights ({type(err).__name__}): skipping this cell.")
if base is not None:
    base.trainable = False
    photo_inputs = keras.Input((96, 96, 3))  # RGB photos, values 0-255
    features = base(keras.applications.mobilenet_v2.preprocess_input(photo_inputs), training=False)
    features = keras.layers.GlobalAveragePooling2D()(features)
    n_photo_classes = 5  # e.g. five kinds of flowers in your own photos
    photo_head = keras.layers.Dense(n_photo_classes, activation="softmax", dtype="float32")
    photo_model = keras.Model(photo_inputs, photo_head(features))
    print(
        f"MobileNetV2 base: {base.count_params():,} frozen parameters; "
        f"trainable head: {sum(math.prod(v.shape) for v in photo_model.trainable_weights):,}"
    )
elif not PREFER_ONLINE:
    print(
        f"No ImageNet weights at {weights_file}: skipping the MobileNetV2 cell.\n"
        "Set PREFER_ONLINE = True in section 3 (on Colab) to download them (9 MB)."
    )

# %% [markdown]
# The same recipe works offline with a network we pretrain ourselves.
# - **Source task**: classify the digits 0–6, with all their training images (about 800) and
#   the label-preserving augmentation of section 9, which teaches the filters to ignore small
#   shifts, turns and changes of size.
# - **Target task**: tell 7, 8 and 9 apart with only **three labelled images of each** (9 in
#   all), tested on all the 7s, 8s and 9s of the test set (133 images).

# %%
SOURCE_DIGITS, TARGET_DIGITS, LABELS_PER_CLASS = [0, 1, 2, 3, 4, 5, 6], [7, 8, 9], 3

is_source = np.isin(y_train, SOURCE_DIGITS)
keras.utils.set_random_seed(42)
source_net = make_cnn(n_classes=len(SOURCE_DIGITS), name="source_net")
source_inputs = keras.Input((16, 16, 1))
source_model = keras.Model(source_inputs, source_net(augment(source_inputs)), name="source")
compile_model(source_model, n_train=int(is_source.sum()))
source_model.fit(
    x_train16[is_source], y_train[is_source], epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0
)
is_source_test = np.isin(y_test, SOURCE_DIGITS)
source_probs = keras.ops.convert_to_numpy(source_net(x_test16[is_source_test], training=False))
print(
    f"source network, test digits 0-6: accuracy {np.mean(source_probs.argmax(1) == y_test[is_source_test]):.3f}"
)

# %% [markdown]
# With so few labels, *which* images get labelled matters a lot, so we repeat the experiment
# with three random draws of 9 images. With 9 images an epoch is a single step, so we repeat
# the small set (shuffled) to 100 batches and train for one long epoch: every model below gets
# exactly 100 steps. The labels 7, 8, 9 become 0, 1, 2.

# %%
FEW_STEPS = 100
is_target_test = np.isin(y_test, TARGET_DIGITS)
x_target_test = x_test16[is_target_test]
y_target_test = np.searchsorted(TARGET_DIGITS, y_test[is_target_test])


def few_labels(draw):
    """LABELS_PER_CLASS random training images per target digit, repeated to FEW_STEPS batches."""
    rng = np.random.default_rng(draw)
    picked = np.concatenate(
        [
            rng.choice(np.flatnonzero(y_train == d), LABELS_PER_CLASS, replace=False)
            for d in TARGET_DIGITS
        ]
    )
    order = rng.permutation(np.resize(picked, FEW_STEPS * BATCH_SIZE))  # repeat, then shuffle
    return x_train16[order], np.searchsorted(TARGET_DIGITS, y_train[order])


def target_accuracy(model):
    probs = keras.ops.convert_to_numpy(model(x_target_test, training=False))
    return float(np.mean(probs.argmax(axis=1) == y_target_test))


x_few, y_few = few_labels(draw=0)
print(f"{len(np.unique(x_few, axis=0))} distinct labelled images, repeated to {len(x_few)} samples")

# %% [markdown]
# The reference is the same CNN architecture trained **from scratch** on the few images.
#
# For transfer, where do we cut? The last layers are the most specific to the old classes, and
# global average pooling has thrown away *where* the strokes are, which is what separates a 7
# from a 9. So the **base** is the source network up to its second pooling (4×4×64 feature
# maps), frozen, and the new **head** is `Flatten` → `Dense(3)`: 3,075 trainable weights. Then
# fine-tuning: unfreeze the base, recompile (a change of `trainable` takes effect at `compile`),
# and train 50 more steps with a ten times smaller learning rate. Each draw starts from a fresh
# copy of the pretrained base.

# %%
pretrained_base = keras.Model(source_net.input, source_net.get_layer("pool2").output)


def train_from_scratch(x, y):
    keras.utils.set_random_seed(42)
    model = compile_model(make_cnn(n_classes=3, name="scratch"), n_train=len(x), epochs=1)
    model.fit(x, y, epochs=1, batch_size=BATCH_SIZE, verbose=0)
    return target_accuracy(model)


def train_with_transfer(x, y):
    """Frozen base + new head, then fine-tuning; returns both accuracies."""
    base = keras.models.clone_model(pretrained_base)
    base.set_weights(pretrained_base.get_weights())
    base.trainable = False  # 1. freeze: only the head learns
    keras.utils.set_random_seed(42)
    inputs = keras.Input((16, 16, 1))
    features = base(inputs, training=False)  # BatchNorm keeps its source statistics, always
    outputs = keras.layers.Dense(3, activation="softmax", dtype="float32")(
        keras.layers.Flatten()(features)
    )
    model = compile_model(keras.Model(inputs, outputs), n_train=len(x), epochs=1)
    model.fit(x, y, epochs=1, batch_size=BATCH_SIZE, verbose=0)
    frozen_acc = target_accuracy(model)

    base.trainable = True  # 2. fine-tune everything, gently, for 50 steps
    n = 50 * BATCH_SIZE
    compile_model(model, n_train=n, epochs=1, learning_rate=1e-4)
    model.fit(x[:n], y[:n], epochs=1, batch_size=BATCH_SIZE, verbose=0)
    return frozen_acc, target_accuracy(model)


# %%
rows = []
for draw in range(3):
    x_few, y_few = few_labels(draw)
    frozen_acc, finetuned_acc = train_with_transfer(x_few, y_few)
    rows.append(
        {
            "draw": draw,
            "from scratch": train_from_scratch(x_few, y_few),
            "frozen base + new head": frozen_acc,
            "+ fine-tuning": finetuned_acc,
        }
    )
transfer_table = pd.DataFrame(rows).set_index("draw")
transfer_table.loc["mean"] = transfer_table.mean()
transfer_table.round(3)

# %% [markdown]
# With three labelled images per class, training from scratch depends heavily on which images
# were drawn (compare the three draws in the table): the network has to learn its filters from
# nine images. The frozen base already knows strokes, loops and crossings, so a linear head on
# its features does better on average and varies less; fine-tuning adds a little more. The
# table's mean row gives this run's three averages. The transfer is not free of risk either: a
# base trained on too few or too different images can be worse than raw pixels. The source task
# has to teach features the target needs.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** transfer learning matlab kisi bade task pe seekhe hue features ko naye,
# chhote task ke liye reuse karna. ImageNet wale models (jaise MobileNetV2) lakhon photos pe
# trained hote hain; unka base freeze karo, upar naya head lagao, sirf head train karo. Phir
# chaaho toh base unfreeze karke bahut chhote learning rate se fine-tune karo. Base ko hamesha
# `training=False` se call karo, warna kuch dozen images se BatchNorm ki statistics bigad
# jaayengi.
# Hamne offline demo kiya: network ne 0–6 digits pe (augmentation ke saath) seekha, aur 7, 8,
# 9 ke sirf 3-3 labelled examples mile. Zero se train kiya CNN in 9 images pe kabhi theek,
# kabhi bahut bura karta hai, sab is pe depend karta hai ki kaunsi images mili. Frozen base +
# naya head average mein kaafi aage rehta hai aur stable bhi hai, kyunki strokes aur loops
# pehchanna base pehle se jaanta hai; fine-tuning accuracy thodi aur badha deta hai. Lekin
# transfer hamesha faydemand nahi: agar base bahut kam ya bahut alag images pe train hua ho,
# toh woh raw pixels se bhi bura kar sakta hai. Source task ko wahi features sikhane chahiye
# jo target ko chahiye.

# %% [markdown]
# ## Checkpoint
#
# What you should have seen, checked (how the thresholds were measured, and what the GPU dtype
# policies gave, is in `reports/run_history.md`):
# - the hand convolution (all paddings and strides) and max pooling match Keras to 1e-5, and
#   convolution is shift-equivariant to 1e-5 (both in float32 with TF32 off, section 1);
# - the shared convolutions of section 6 have exactly $k^2 C_{in} C_{out}$ weights: 288, 9,216,
#   18,432 and 36,864, whatever the image size;
# - the CNN beats logistic regression on the held-out digits: at least 0.985 accuracy (expect
#   about 0.99; section 5 prints this run's) and at least a point above the baseline (0.971);
# - shifted by 1, 2 and 3 pixels, the CNN keeps at least 0.90, 0.90 and 0.70 accuracy; with
#   `Flatten` instead of global average pooling it keeps at least 10 points less at 2 pixels; the
#   dense network falls below 0.70 at 2 pixels (section 7 prints this run's figures);
# - at initialisation the plain 21-layer Glorot stack's first layer receives at least 100 times
#   less gradient than the residual one's, and He initialisation (with or without batch
#   normalization) brings it within a factor of 10 of the residual network's (about 4,000 times
#   less; He 5 times less, He + batch norm 2.4 times more; section 10 prints them);
# - erasing Grad-CAM's hottest 10% of pixels costs at least 5 points more accuracy than erasing
#   random pixels (section 11 prints this run's accuracies);
# - with three labels per class, the frozen base and the fine-tuned network each beat training
#   from scratch by at least 5 points of mean accuracy (section 13's table gives this run's
#   means).
#
# The optional section A has its own checkpoint at its end.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** yeh cell chapter ki saari baaton ko `assert` se check karta hai: haath wala
# convolution Keras se match, shared conv layers ke weights exactly 288, 9,216, 18,432 aur
# 36,864, CNN ki accuracy kam se kam 0.985 aur baseline se upar, 1, 2 aur 3 pixel ke shift pe
# CNN tika raha, `Flatten` wala usse neeche aur Dense network gira, Glorot wale plain stack mein
# gradient residual se 100 guna se bhi zyada chhota lekin He init ke saath wapas residual ke
# aas-paas, Grad-CAM ke pixels random se zyada important, aur kam labels pe transfer learning
# zero-se-training se aage. Thresholds hamne kai seeds chala ke margin ke saath rakhe hain; koi
# assert fail ho toh pehle samjho model kyun nahi seekh raha, threshold mat badlo.

# %%
assert conv_error < 1e-5, conv_error
assert shape_table["max |difference|"].max() < 1e-5, shape_table
assert list(shape_table["shape (NumPy)"]) == [(8, 8), (4, 4), (10, 10), (5, 5)]
assert np.array_equal(pooled_by_hand, pooled_by_keras)
assert equivariance_error < 1e-5, equivariance_error
assert sharing["Conv2D (shared)"].tolist() == [288, 9216, 18432, 36864], sharing

assert cnn_acc >= 0.985, f"CNN test accuracy {cnn_acc:.3f}"
assert cnn_acc >= baseline_acc + 0.01, (cnn_acc, baseline_acc)
SHIFT_LEAST = {1: 0.90, 2: 0.90, 3: 0.70}  # at least this accuracy after a shift of 1, 2, 3 px
for shift, least in SHIFT_LEAST.items():
    assert shift_curve.loc[shift, gap_col] >= least, (shift, shift_curve)
assert shift_curve.loc[2, flat_col] <= shift_curve.loc[2, gap_col] - 0.10, shift_curve
assert shift_curve.loc[2, mlp_col] < 0.70, shift_curve
plain, residual = grad_by_layer["plain, Glorot"][0], grad_by_layer["residual, Glorot"][0]
assert residual > 100 * plain, grad_by_layer
for label in ("plain, He", "plain, He + batch norm"):
    assert residual / 10 < grad_by_layer[label][0] < 10 * residual, (label, grad_by_layer)
assert acc_erase_cam <= acc_erase_random - 0.05, (acc_erase_cam, acc_erase_random)
means = transfer_table.loc["mean"]
assert means["frozen base + new head"] >= means["from scratch"] + 0.05, means
assert means["+ fine-tuning"] >= means["from scratch"] + 0.05, means
print("All checkpoints passed.")

# %% [markdown]
# ## Summary
#
# - A convolution slides a small filter over the image and sums products; `Conv2D` computes
#   exactly that (we matched it to 1e-5). Padding, stride and pooling set the output size.
# - Sharing one filter across positions makes a convolution cost $k^2 C_{in} C_{out}$ weights
#   whatever the image size, and makes it shift-equivariant. Tolerance of shifts comes from the
#   layers that forget positions, above all global average pooling: the CNN kept its accuracy
#   on moved digits, the same CNN with `Flatten` kept less, a dense network collapsed. Strided
#   pooling aliases, so test odd shifts too.
# - A small VGG-style CNN (3×3 convolutions, filters doubling as pooling halves the map, global
#   average pooling) beat logistic regression on held-out digits, 0.99+ against 0.97.
# - Batch normalization needs running statistics that have caught up: with short training, use
#   momentum 0.9, not the default 0.99 (optional section A shows the damage and the repair).
#   Dropout and augmentation act only in training; augmentations must keep the label true (no
#   flips for digits).
# - A deep plain stack with Glorot initialisation loses its gradient; He initialisation and
#   batch normalization already fix that. Skip connections fix that too, and what ResNet was
#   built for: the degradation of very deep plain networks, which train worse than shallower
#   ones. (Optional section B: on a GPU, channel counts divisible by 8; activations dominate
#   memory.)
# - Feature maps, saliency and Grad-CAM show what the network uses; test such maps before
#   believing them. Transfer learning reuses a trained base: freeze, train a head, then
#   fine-tune gently.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** short mein: convolution ek chhota filter hai jo image pe slide karke
# multiply-add karta hai, aur Keras ka `Conv2D` bilkul wahi karta hai. Ek filter saari
# positions pe share hota hai, isliye weights bahut kam lagte hain aur pattern kahin bhi ho,
# pakda jaata hai. Pooling thode shifts maaf kar deta hai, Dense network nahi. Chhote VGG-style
# CNN ne digits pe logistic regression ko aaram se hara diya. Shift jhelne ka zyada tar credit
# global average pooling ko jaata hai, aur odd shifts bhi test karo (aliasing). BatchNorm ka
# momentum chhoti training mein 0.9 rakho, warna test pe sab bigad jaata hai. Augmentation
# label-safe honi chahiye (digits ko flip mat karo). Glorot wale gehre plain stack ka gradient
# He init aur batch norm bhi bacha lete hain; skip connections iske alawa degradation ka ilaaj
# hain. Heatmaps
# ek hint hain, saboot nahi. Aur kam labels hon toh pretrained base freeze karke naya head
# lagao; zero se train karne se kaafi behtar aur stable result milta hai.

# %% [markdown]
# ## Optional A · The batch-norm momentum trap, diagnosed
#
# *Optional: a detour for the curious; the main path ended with the summary above. It trains one
# more CNN (about 15 seconds of CPU).*
#
# Section 8 said that our CNN uses momentum 0.9 because the default 0.99 is too slow for a
# 432-step run. Here is the same network with the default:

# %%
keras.utils.set_random_seed(42)
cnn_default_bn = compile_model(make_cnn(bn_momentum=0.99, name="cnn_bn099"), len(x_train16))
history_default_bn = cnn_default_bn.fit(
    x_train16,
    y_train,
    validation_data=(x_val16, y_val),
    epochs=EPOCHS,
    batch_size=BATCH_SIZE,
    verbose=0,
)
default_bn_acc = float(cnn_default_bn.evaluate(x_test16, y_test, verbose=0)[1])
print(f"test accuracy: momentum 0.9 → {cnn_acc:.3f},  momentum 0.99 → {default_bn_acc:.3f}")
train_acc_default_bn = history_default_bn.history["accuracy"][-1]
print(f"momentum 0.99, training accuracy in the last epoch: {train_acc_default_bn:.3f}")

# %%
steps = np.arange(0, 1001)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.4))
epochs_axis = np.arange(1, EPOCHS + 1)
axes[0].plot(epochs_axis, history.history["val_accuracy"], "o-", label="momentum 0.9")
axes[0].plot(epochs_axis, history_default_bn.history["val_accuracy"], "s--", label="momentum 0.99")
axes[0].set(title="validation accuracy", xlabel="epoch", ylim=(0, 1.02))
axes[0].legend()
total_steps = EPOCHS * math.ceil(len(x_train16) / BATCH_SIZE)
for m in (0.9, 0.99):
    axes[1].semilogy(steps, m**steps, label=f"m = {m}")
axes[1].axvline(total_steps, color="grey", ls=":", label=f"our run ({total_steps} steps)")
axes[1].set(title="weight of the starting value, $m^n$", xlabel="training step n", ylim=(1e-6, 1))
axes[1].legend()
fig.tight_layout()

# %% [markdown]
# Momentum 0.99 ends far below momentum 0.9 on the test set (the printed line), while its
# training accuracy (measured by `fit` in training mode, with batch statistics) reaches about
# 0.99: only inference fails. The size of the damage varies with the seed and the precision; its
# direction does not. Its validation curve stays near chance for most of the run and starts to
# climb only at the end. Where exactly? The running variance starts at 1, but the real variance
# of our feature maps is far smaller (the inputs are in [0, 1] and the initial weights are
# small). We compare each layer's running variance with the variance the layer really receives on
# the training data:


# %%
def batchnorm_report(model, x):
    rows = []
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            seen = keras.Model(model.input, layer.input).predict(x, verbose=0).astype("float32")
            true_var = seen.var(axis=(0, 1, 2))
            moving_var = keras.ops.convert_to_numpy(layer.moving_variance)
            rows.append(
                {
                    "layer": layer.name,
                    "true variance (median)": float(np.median(true_var)),
                    "running variance (median)": float(np.median(moving_var)),
                    "ratio": float(np.median(moving_var / true_var)),
                }
            )
    return pd.DataFrame(rows).set_index("layer")


bn_report = batchnorm_report(cnn_default_bn, x_train16)
ratios = bn_report["ratio"]
print(f"running / true variance, median per layer: {ratios.min():.1f} to {ratios.max():.1f}")
bn_report.round(4)

# %% [markdown]
# The running variances are too large in every layer (the printed ratios). For `conv1` the
# arithmetic is visible: after 432 steps, $0.99^{432} \approx 1.3\%$ of the starting value 1 is
# still in the average, about 0.013, which alone is more than the true variance. Deeper layers
# are also off because their inputs kept changing while the weights trained, and the average
# still remembers the last hundred steps or so. At inference every layer divides by the wrong
# number, and the errors compound through four layers. The weights themselves are fine: if we
# overwrite the running statistics with the true ones, layer by layer (later layers see the
# corrected earlier ones), the same weights classify well. This "recalibration" is a real
# technique, and it proves the diagnosis.


# %%
def recalibrate_batchnorm(model, x):
    """Set every BatchNormalization layer's running mean and variance to their true values on x."""
    for layer in model.layers:
        if isinstance(layer, keras.layers.BatchNormalization):
            seen = keras.Model(model.input, layer.input).predict(x, verbose=0).astype("float32")
            layer.moving_mean.assign(seen.mean(axis=(0, 1, 2)))
            layer.moving_variance.assign(seen.var(axis=(0, 1, 2)))


recalibrate_batchnorm(cnn_default_bn, x_train16)
recalibrated_acc = float(cnn_default_bn.evaluate(x_test16, y_test, verbose=0)[1])
print(f"momentum 0.99: {default_bn_acc:.3f} → after recalibration {recalibrated_acc:.3f}")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** yeh section optional hai. Momentum 0.99 ke saath wahi CNN train kiya:
# training accuracy 0.99 tak gayi, lekin test pe model bahut neeche raha, matlab sirf inference
# kharab hai. Wajah: running variance 1 se start hota hai, jabki layers ko milne wala asli
# variance kaafi chhota hai, aur 432 steps mein 0.99 wala average shuruaati value ko poora
# bhool nahi paata; upar ki table har layer ka ratio dikhati hai. Proof: weights wahi rakho,
# bas running statistics ko asli values se replace karo (recalibration), aur accuracy wapas aa
# jaati hai. Seedhi baat: chhoti training mein momentum 0.9 rakho.

# %% [markdown]
# This section's checkpoint: momentum 0.99 ends at least 10 points below momentum 0.9, while
# its training accuracy is high (at least 0.95: only inference fails), and recalibrating the
# statistics brings the same weights back to at least 0.98.

# %%
assert default_bn_acc <= cnn_acc - 0.10, (default_bn_acc, cnn_acc)
assert train_acc_default_bn >= 0.95, train_acc_default_bn
assert recalibrated_acc >= 0.98, recalibrated_acc
assert (ratios > 1).all(), bn_report
print("Optional A: checkpoints passed.")

# %% [markdown]
# ## Optional B · Hardware-aware sizes, and memory
#
# *Optional: useful when you move to a GPU; nothing in the main path depends on it.*
#
# A rule often repeated says "use multiples of 32 filters, because the GPU's warp size is 32".
# The warp size is real (an NVIDIA GPU schedules threads in groups of 32), but it is not what
# sets good channel counts. NVIDIA's own performance guide for deep learning says:
# - **Tensor Cores**, which make mixed precision fast, are used most efficiently when the
#   numbers of input and output channels are **divisible by 8** for float16 (and bfloat16),
#   by 4 for TF32 and by 16 for int8. Recent cuDNN versions pad other sizes internally, which
#   works but wastes part of the work.
# - cuDNN computes a convolution as a matrix multiplication cut into **tiles**, typically 64 to
#   256 wide. A dimension that does not fill its last tile leaves part of it idle ("tile
#   quantization"), so large layers (hundreds of channels) run closer to the GPU's peak than
#   small ones.
#
# What the rule does *not* buy: any accuracy; anything much on a CPU (whose vector units hold 8
# or 16 float32 numbers); or a visible speed-up for a model as small as ours, whose time goes
# to overheads. So: on a GPU keep channel counts divisible by 8 (32, 64, 128 all are, as in our
# CNN), and never bend a design for it.
#
# **Memory** is the other hardware limit, and for CNNs it is mostly *activations*, not
# weights. Training keeps every layer's output for the backward pass, and that grows with the
# batch size and the image size; the weights do not.

# %%
rows = []
for layer in cnn.layers[1:]:
    shape = tuple(layer.output.shape[1:])
    mult_adds = 0
    if isinstance(layer, keras.layers.Conv2D):
        kh, kw, c_in, c_out = layer.kernel.shape
        mult_adds = shape[0] * shape[1] * kh * kw * c_in * c_out
    rows.append(
        {
            "layer": layer.name,
            "output": "×".join(map(str, shape)),
            "values per image": math.prod(shape),
            "multiply-adds per image": mult_adds,
            "parameters": layer.count_params(),
        }
    )
costs = pd.DataFrame(rows).set_index("layer")
activation_mb = costs["values per image"].sum() * BATCH_SIZE * 4 / 1e6
weight_mb = cnn.count_params() * 4 / 1e6
print(f"float32 activations kept for one batch of {BATCH_SIZE}: {activation_mb:.1f} MB")
print(f"float32 weights: {weight_mb:.2f} MB  (x3 with Adam's two moment estimates)")
costs.head(8)

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** "filters 32 ke multiple rakho, kyunki warp size 32 hai" wala rule aadha
# sach hai. Warp sach mein 32 threads ka group hai, lekin channels ka size usse decide nahi
# hota. NVIDIA ki guide kehti hai: float16/bfloat16 ke Tensor Cores ke liye channels 8 se
# divide hone chahiye (TF32 ke liye 4, int8 ke liye 16), aur cuDNN kaam ko 64 se 256 wide
# tiles mein baantta hai, toh chhoti layers tile ko poora nahi bhar paati. Isse accuracy nahi
# badhti, CPU pe khaas fark nahi padta, aur hamare jaise chhote model mein time overhead mein
# jaata hai. Memory ka asli khilaadi activations hain, weights nahi: training har layer ka
# output backward pass ke liye yaad rakhti hai, aur woh batch size aur image size ke saath
# badhta hai. GPU memory khatam ho toh pehle batch size ya image size kam karo, ya mixed
# precision lagao.

# %% [markdown]
# ## Exercises
#
# ### Check yourself
#
# Four short exercises check themselves: put your answer in place of the `...` and run the
# cell; `ex.q1.hint()` gives a hint and `ex.q1.solution()` the solution (each in English and
# Hinglish).

# %%
from course_utils.exercises import ch06 as ex

# %% [markdown]
# **q1. Output size.** Write `out_size(n, k, stride, padding)`: the height (or width) of a
# `Conv2D` output for an input of size `n`, a `k`×`k` filter, a stride and `padding` `"valid"`
# or `"same"`. The check compares it with Keras's rule on several cases.

# %%
out_size = ...  # your function: out_size(n, k, stride, padding) -> int
ex.q1.check(out_size)

# %% [markdown]
# **q2. `Flatten`'s classifier.** In section 7, `cnn_flat` uses `Flatten` instead of global
# average pooling. How many parameters (weights and biases) does its `logits` layer have? Work
# it out from the shapes before you look with `count_params()`.

# %%
flatten_logits_params = ...  # a number
ex.q2.check(flatten_logits_params)

# %% [markdown]
# **q3. Receptive field.** How many pixels wide is the patch of the 16×16 input that one output
# of `conv4` (our CNN, section 5) depends on?

# %%
conv4_receptive_field = ...  # a number of pixels
ex.q3.check(conv4_receptive_field)

# %% [markdown]
# **q4. Batch norm's memory.** After how many training steps does the starting value of a
# running statistic weigh less than 1%, for momentum 0.99 and for 0.9? Answer with a pair
# `(steps for 0.99, steps for 0.9)`; then compare with our 36 steps per epoch.

# %%
forget_steps = ...  # (steps for m = 0.99, steps for m = 0.9)
ex.q4.check(forget_steps)

# %% [markdown]
# ### Experiments (solutions hidden)
#
# **1. Augmentation against shifts.** Put the `augment` layers of section 9 in front of a fresh
# CNN, train it the same way, and redo the shift curve of section 7. What happens at 3–4
# pixels, and on centred digits?
#
# <details><summary>Solution</summary>
#
# ```python
# keras.utils.set_random_seed(42)
# inputs = keras.Input((16, 16, 1))
# robust = keras.Model(inputs, make_cnn()(augment(inputs)))
# compile_model(robust, n_train=len(x_train16))
# robust.fit(x_train16, y_train, epochs=EPOCHS, batch_size=BATCH_SIZE, verbose=0)
# print([round(shifted_accuracy(robust, s), 3) for s in shifts])
# ```
# The augmented network has seen moved digits during training, so it holds up better at 3–4
# pixels (expect roughly 0.94 instead of 0.82 at 3 pixels). On centred digits it loses a little
# (about 0.97 instead of 0.99): with augmentation the training task is harder, and 12 epochs are
# not enough to catch up; train longer and the gap closes. The layers are off in `predict`, so
# the test images are not augmented.
# </details>
#
# **2. SmoothGrad.** Saliency is speckled. Average the saliency of 20 noisy copies of each
# image (Gaussian noise with standard deviation 0.1) and plot it next to the plain saliency.
#
# <details><summary>Solution</summary>
#
# ```python
# noise = np.random.default_rng(0).normal(0, 0.1, size=(20, *sample.shape)).astype("float32")
# smooth = np.mean(
#     [saliency_and_grad_cam(sample + n, test_pred[:8])[0] for n in noise], axis=0
# )
# vision.plot_image_grid(
#     np.concatenate([sample, sample]),
#     overlays=np.concatenate([saliency, smooth]),
#     titles=["saliency"] * 8 + ["SmoothGrad"] * 8,
# )
# ```
# The noise averages out the pixel-to-pixel disagreement of the gradients; what remains
# follows the strokes, like a sharper Grad-CAM.
# </details>
#
# **3. When does transfer stop paying?** Rerun the transfer experiment with
# `LABELS_PER_CLASS` = 1, 3, 10 and 30, and plot the mean accuracy of the three methods
# against the number of labels.
#
# <details><summary>Solution</summary>
#
# ```python
# results = {}
# for k in (1, 3, 10, 30):
#     LABELS_PER_CLASS = k
#     accs = []
#     for draw in range(3):
#         x_few, y_few = few_labels(draw)
#         accs.append((train_from_scratch(x_few, y_few), *train_with_transfer(x_few, y_few)))
#     results[k] = np.mean(accs, axis=0)
# pd.DataFrame(results, index=["scratch", "frozen", "fine-tuned"]).T.plot(marker="o", logx=True)
# ```
# Expect the frozen base to lead training from scratch by about 10 points with one and three
# labels per class, and all three methods to end within a point or two of each other from 10
# labels per class on: a network trained from scratch then has enough examples to learn its own
# filters. With a single label per class, fine-tuning can even lose some of the frozen base's
# lead: three images are too few to adjust 65,000 weights safely. Transfer learning is a way to
# buy labels you do not have.
# </details>
#
# **4. MNIST (on Colab, with a GPU).** Set `PREFER_ONLINE = True`, train `make_cnn` on the
# 28×28 MNIST images without upsampling (change the input shape), and compare with logistic
# regression on the same images.
#
# <details><summary>Solution</summary>
#
# ```python
# loaded = data.load_dataset("mnist", prefer_online=True)
# if len(loaded) == 4:  # MNIST came: 60,000 + 10,000 images of 28×28, values in [0, 1]
#     x_tr, y_tr, x_te, y_te = loaded
# else:  # offline: the loader returned the 8×8 digits (two arrays) instead
#     raise RuntimeError("MNIST needs a network connection; run this on Colab")
# ```
# Make the input shape a parameter of `make_cnn` (`keras.Input((28, 28, 1))`); 28 → 14 → 7
# after the two poolings. Train for 3–5 epochs with a batch size of 128. Expect about 0.99 for
# the CNN against about 0.92 for logistic regression: on real, larger images the gap is far
# wider than on the 8×8 digits.
# </details>

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** pehli chaar chhoti exercises khud check hoti hain: conv output ka size
# nikalne wala function, `Flatten` wale classifier ke parameters, conv4 ka receptive field, aur
# BatchNorm momentum ki memory ka hisaab. `...` ki jagah apna answer likho aur cell chalao;
# atko toh `ex.q1.hint()`. Phir experiments: augmentation laga ke dekho ki shift wala curve
# kaise badalta hai, SmoothGrad se saliency saaf karo, transfer learning mein labels badha ke
# dekho ki fayda kab khatam hota hai, aur Colab pe GPU ho toh asli MNIST pe yahi CNN chalao.
# Solution tabhi kholo jab khud koshish kar lo.
