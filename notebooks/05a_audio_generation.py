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
# # 05a · Audio: sound as data, a VAE and WaveNet-style generation
#
# [![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)](https://colab.research.google.com/github/hinglish-dl/deep-learning-course/blob/main/notebooks/05a_audio_generation.ipynb)
#
# Sound is a long list of numbers. This chapter turns those numbers into pictures a network can
# read (spectrograms), then builds two generative models of voices that you can *listen to*:
# a variational autoencoder that compresses one slice of sound into two numbers, and a small
# WaveNet that writes audio one sample at a time. Chapter 05b uses the same sounds to tell
# speakers apart.
#
# **What you will learn**
# - Waveform, sample rate, Nyquist; the short-time Fourier transform and the log-mel
#   spectrogram, checked by hand on a pure tone; the window/hop trade-off.
# - How the course makes speech-like voices: the source-filter model (pitch + vocal tract).
# - A variational autoencoder as a proper Keras 3 model: reconstruction + KL, the latent space,
#   interpolation you can hear, and denoising/compression measured against a baseline.
# - WaveNet's ingredients (causal dilated convolutions, gates, residual and skip connections,
#   μ-law classes), a receptive field computed and verified, and why sample-by-sample generation
#   is slow: what WaveRNN, WaveGlow and GAN vocoders change.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** audio asal mein numbers ki ek lambi list hai, har second mein hazaaron
# numbers. Is chapter mein hum pehle un numbers ko spectrogram ki picture mein badlenge, jo model
# aaram se padh sake. Phir do generative models banayenge jinki awaaz tum khud sun sakte ho: ek
# VAE jo sound ke ek tukde ko sirf do numbers mein daba deta hai, aur ek chhota WaveNet jo ek ek
# sample karke audio likhta hai. Speaker pehchanne wala hissa chapter 05b mein hai.

# %% [markdown]
# **Roadmap** (main path: about an hour). Skip the *reading* of an optional part, not its cells:
# run every cell, because the checkpoint uses them all.
#
# | sections, in order | minutes |
# |---|---:|
# | Setup, 1. Sound as data | 7 |
# | 2. The short-time Fourier transform, and the window/hop trade-off | 10 |
# | 3. Voices made by the course | 4 |
# | 4. A variational autoencoder, its latent space and its applications | 15 |
# | 5. WaveNet-style generation, and why it is slow | 20 |
# | Checkpoint, Summary | 5 |
# | *optional:* in 3, real recorded words (online only, on Colab) | 3 |
# | Exercises | 30 |

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** roadmap table upar hai. Main path (sections 1 se 5, phir checkpoint aur
# summary) lagbhag ek ghante ka hai. Section 3 ka asli recorded words wala hissa optional hai;
# woh sirf online (Colab pe) download hota hai. Optional hisse ki reading chhod sakte ho, lekin
# cells phir bhi chalao, kyunki checkpoint sab cells ke results use karta hai. Exercises ke liye
# 30 minute alag se rakho.

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

import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from IPython.display import display
from keras import layers, ops

from course_utils import audio, data, plots, precision

precision.use_best_precision()
plots.use_course_style()

# %% [markdown]
# ## 1. Sound as data: samples, sample rate, Nyquist
#
# A microphone turns air pressure into a voltage; a sound card measures it `sample_rate` times a
# second. Speech is usually stored at 16,000 samples per second (16 kHz), music at 44.1 kHz. Each
# sample is one number, here a float between −1 and 1 (the **amplitude**).
#
# The **Nyquist frequency** is half the sample rate: the highest frequency the samples can hold.
# A tone above it does not disappear, it *aliases*: sampled at 16 kHz, a 9 kHz tone shows up at
# 7 kHz (16 − 9 = 7). Precisely: a 9 kHz *cosine* gives exactly the samples of a 7 kHz cosine,
# and a 9 kHz *sine* gives those of a 7 kHz sine with the sign flipped (because
# $\sin(2\pi n - \theta) = -\sin\theta$); either way the spectrum has its peak at 7 kHz, and no
# later processing can tell the two apart. That is why recorders filter out everything above
# Nyquist before sampling. Below, a 440 Hz tone (the A that orchestras tune to) and the alias,
# checked with an FFT and sample by sample.

# %%
SR = 16000
t = np.arange(SR) / SR  # one second of sample times
tone = (0.5 * np.sin(2 * np.pi * 440 * t)).astype("float32")
alias = np.sin(2 * np.pi * 9000 * t)
spectrum = np.abs(np.fft.rfft(alias))
alias_peak_hz = np.fft.rfftfreq(SR, 1 / SR)[np.argmax(spectrum)]
print(f"{len(tone)} samples, first five: {tone[:5].round(3)}")
print(f"a 9000 Hz tone sampled at {SR} Hz peaks at {alias_peak_hz:.0f} Hz (Nyquist {SR // 2} Hz)")
cos_gap = np.abs(np.cos(2 * np.pi * 9000 * t) - np.cos(2 * np.pi * 7000 * t)).max()
sin_gap = np.abs(np.sin(2 * np.pi * 9000 * t) + np.sin(2 * np.pi * 7000 * t)).max()
print(f"samples: cos 9 kHz - cos 7 kHz at most {cos_gap:.0e}, sin 9 kHz + sin 7 kHz {sin_gap:.0e}")
display(audio.play(tone, SR))

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** mic hawa ke pressure ko voltage mein badalta hai, aur sound card usko har
# second `sample_rate` baar naapta hai. Speech ke liye 16,000 samples per second (16 kHz) common
# hai, music ke liye 44.1 kHz. Sample rate ka aadha Nyquist frequency hai, usse upar ki
# frequency samples mein fit nahi hoti. Upar dekho: 9 kHz ki tone 16 kHz pe sample ki, toh FFT
# mein woh 7 kHz pe dikhi, bilkul dhokha. Isko aliasing kehte hain. Dhyaan do, 9 kHz ka cosine
# aur 7 kHz ka cosine sample by sample ek jaise hain, lekin sine mein sirf sign ulta ho jaata
# hai; peak dono mein 7 kHz pe hi aata hai. Player chala ke 440 Hz wali tone suno.

# %% [markdown]
# ## 2. The short-time Fourier transform, checked on a pure tone
#
# A spectrum of the whole second hides *when* things happen. The **short-time Fourier
# transform** (STFT) cuts the signal into short overlapping **frames** (here 400 samples = 25 ms,
# one every 160 samples = 10 ms, the **hop**), multiplies each frame by a Hann **window** (which
# fades the edges to avoid false high frequencies), and takes the FFT of each. With an FFT length
# of 512, bin $k$ holds frequency $k \cdot 16000 / 512 = 31.25\,k$ Hz, so the 440 Hz tone must
# peak in bin $\text{round}(440 / 31.25) = 14$ (437.5 Hz). We compute one frame by hand with
# NumPy and compare it with `tf.signal.stft`.

# %%
FRAME, HOP, NFFT = 400, 160, 512
frame0 = tone[:FRAME] * np.hanning(FRAME + 1)[:-1]  # the periodic Hann window tf.signal uses
by_hand = np.abs(np.fft.rfft(frame0, NFFT))
stft = tf.signal.stft(tone, FRAME, HOP, NFFT, window_fn=tf.signal.hann_window)
magnitude = np.abs(stft.numpy())
expected_bin = round(440 / (SR / NFFT))
print(
    f"STFT shape (frames, bins): {magnitude.shape}; frames = 1 + (16000 - 400) // 160 = "
    f"{1 + (SR - FRAME) // HOP}"
)
print(
    f"peak bin: by hand {np.argmax(by_hand)}, tf.signal {np.argmax(magnitude[0])}, "
    f"expected {expected_bin}"
)
stft_gap = np.abs(by_hand - magnitude[0]).max() / by_hand.max()
print(f"largest difference hand vs tf.signal, relative to the peak: {stft_gap:.1e}")

# %% [markdown]
# The **mel scale** spaces frequencies the way we hear them: evenly below about 1 kHz, more and
# more coarsely above. A **log-mel spectrogram** sums the STFT power into 64 triangular mel
# filters and takes the log (loudness is heard logarithmically too). `audio.log_mel_spectrogram`
# does exactly these steps with `tf.signal`; Keras 3 has the same as a layer,
# `keras.layers.MelSpectrogram`, for putting inside a model. For one second at 16 kHz the result
# has shape (98 frames, 64 mel bins), and the tone's energy lands in the mel filter whose centre
# is nearest 440 Hz.

# %%
tone_mel = audio.log_mel_spectrogram(tone, SR)
mel_matrix = tf.signal.linear_to_mel_weight_matrix(64, NFFT // 2 + 1, SR, 60.0, SR / 2).numpy()
bin_hz = np.fft.rfftfreq(NFFT, 1 / SR)
centres_hz = bin_hz[np.argmax(mel_matrix, axis=0)]
tone_mel_peak = int(np.argmax(tone_mel.mean(axis=0)))
print(f"log-mel shape: {tone_mel.shape}")
print(f"loudest mel bin {tone_mel_peak}, centred at {centres_hz[tone_mel_peak]:.0f} Hz")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** poore second ka spectrum yeh nahi batata ki kaunsi frequency *kab* aayi.
# Isliye STFT signal ko chhote frames mein kaatta hai (25 ms ka frame, har 10 ms pe naya),
# har frame pe Hann window lagata hai aur FFT leta hai. 512 ki FFT mein ek bin 31.25 Hz ka hai,
# toh 440 Hz wali tone bin 14 mein aani chahiye, aur haath wala NumPy aur `tf.signal` dono wahi
# bolte hain. Mel scale hamare kaan jaisa hai: neeche ki frequencies baarik, upar moti. 64 mel
# filters aur log ke baad 1 second ka log-mel (98, 64) shape ka hota hai.

# %% [markdown]
# ### The window/hop trade-off
#
# A long window sees many periods of a tone, so it separates close frequencies, but it blurs
# *when* something happened. A short window is sharp in time but coarse in frequency. The test
# signal below has two tones 60 Hz apart (1000 and 1060 Hz) and a click at 0.5 s. For each
# window we average the power spectrum over all frames and compare two frequencies: the tones
# count as *resolved* when the power midway between them (1030 Hz) is less than half the power
# at 1000 Hz, a dip between two peaks. For the click we measure how long it lasts in the
# picture: the number of frames whose level at 6 kHz (where only the click has energy) is more
# than 10 dB above that frequency's median, times the hop (a quarter of the window).

# %%
two_tones = np.sin(2 * np.pi * 1000 * t) + np.sin(2 * np.pi * 1060 * t)
two_tones[SR // 2] += 40.0  # the click
fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
trade_off = {}
for ax, win in zip(axes, (128, 1024), strict=True):
    spec = np.abs(tf.signal.stft(two_tones.astype("float32"), win, win // 4, 2048).numpy())
    db = 20 * np.log10(spec + 1e-6)
    freqs = np.fft.rfftfreq(2048, 1 / SR)
    power = (spec**2).mean(axis=0)
    at = {f: power[np.argmin(np.abs(freqs - f))] for f in (1000, 1030)}
    resolved = bool(at[1030] < 0.5 * at[1000])
    high = db[:, np.argmin(np.abs(freqs - 6000))]
    click_ms = np.sum(high > np.median(high) + 10) * (win // 4) / SR * 1000
    trade_off[win] = {"tones resolved": resolved, "click ms": click_ms}
    ax.imshow(
        db.T,
        origin="lower",
        aspect="auto",
        cmap="magma",
        vmin=db.max() - 80,
        extent=[0, 1, 0, SR / 2],
    )
    ax.set(
        ylim=(0, 3000),
        xlabel="time (s)",
        ylabel="Hz",
        title=f"window {win} ({win / SR * 1000:.0f} ms): tones "
        f"{'resolved' if resolved else 'merged'}, click {click_ms:.0f} ms",
    )
fig.tight_layout()
plt.show()
print(trade_off)

# %% [markdown]
# The 128-sample window (8 ms) shows the click as a thin line but merges the two tones into one
# band; the 1024-sample window (64 ms) separates the tones but smears the click over tens of
# milliseconds. Speech models settle on 20-30 ms windows: long enough to resolve the harmonics
# of a voice's pitch, short enough to follow syllables.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** lamba window bahut saare cycles dekhta hai, isliye paas paas ki do
# frequencies (1000 aur 1060 Hz) alag kar paata hai, par click kab hua yeh dhundhla ho jaata
# hai. Chhota window time mein sharp hai, lekin dono tones ko ek hi peak bana deta hai. Code
# yeh aise naapta hai: 1030 Hz (beech) pe power 1000 Hz wali power ke aadhe se kam ho, toh
# tones alag maani jaati hain; aur click utne frames tak gina jaata hai jitne frames mein 6 kHz
# pe level median se 10 dB upar hai. 128 samples (8 ms) wala window click ko patli line
# dikhata hai par tones ko mila deta hai; 1024 samples (64 ms) wala tones alag karta hai par
# click ko dasiyon milliseconds tak phaila deta hai. Dono ek saath nahi milte, yahi trade-off
# hai. Speech ke liye 20-30 ms ka window beech ka raasta hai: pitch ke harmonics bhi dikhte hain
# aur syllables bhi.

# %% [markdown]
# ## 3. Voices made by the course: source and filter
#
# Speech datasets are large, and most forbid redistribution. So the course generates its own
# voices with the **source-filter model** of speech (see `data/README.md` for the datasheet):
#
# - the **source** is the vocal folds: a train of pulses at the speaker's pitch (85-260 Hz here),
#   with a little jitter and breath noise;
# - the **filter** is the vocal tract: resonances called **formants** whose frequencies decide
#   the vowel ("a" has its first formant near 730 Hz, "i" near 270 Hz). A shorter tract (a child,
#   a small adult) shifts every formant up.
#
# Each speaker has a pitch, a tract length, a voice quality and a small personal "accent"; each
# clip has its own syllables, intonation, loudness, microphone colouring and background noise.
# `data.load_dataset("voices", ...)` calls `audio.make_voices`; real recorded words come after the
# pictures, when you are online.

# %%
waves, speakers, texts = data.load_dataset("voices", n_speakers=3, clips_per_speaker=2, seed=0)
print(f"waves {waves.shape} {waves.dtype}; speakers {speakers.tolist()}; says {texts}")
voice_mel = audio.log_mel_spectrogram(waves, SR)
fig, axes = plt.subplots(1, 3, figsize=(12, 3))
for ax, i in zip(axes, (0, 2, 4), strict=True):
    pitch = audio.make_speaker(0, int(speakers[i]))["pitch"]
    ax.imshow(voice_mel[i].T, origin="lower", aspect="auto", cmap="magma")
    ax.set(
        title=f"speaker {speakers[i]} ({pitch:.0f} Hz): '{texts[i]}'",
        xlabel="frame",
        ylabel="mel bin",
    )
fig.tight_layout()
plt.show()
for i in (0, 2, 4):
    display(audio.play(waves[i], SR))

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** asli speech datasets bade hain aur aksar unko share karna allowed nahi
# hota, isliye course apni awaazein khud banata hai, source-filter model se. Source matlab vocal
# folds: speaker ki pitch pe pulses. Filter matlab gala aur munh: formants naam ki resonances jo
# decide karti hain ki vowel "a" hai ya "i". Chhota vocal tract saare formants ko upar kar deta
# hai. Spectrogram mein horizontal dhaariyan pitch ke harmonics hain aur bright bands formants.
# Teeno players suno: robot jaisi lagengi, par alag alag logon jaisi.

# %% [markdown]
# **Real words, when you are online.** `data.load_dataset("speech_commands", prefer_online=True)`
# downloads TensorFlow's mini Speech Commands (about 180 MB: 1 s recordings of 8 words such as
# "yes", "no", "up", "down", at 16 kHz) and returns the first 250 files of each word as the same
# `(waves, speakers, words)` triple. Offline, or if the download fails, it says why and returns
# the synthetic voices (200 clips, 20 speakers) instead. We ask for it only on Colab, so an
# offline run never waits for the network; on your own online machine set `ONLINE = True`.

# %%
ONLINE = "google.colab" in sys.modules  # set True to download on your own online machine
real_waves, real_speakers, real_words = data.load_dataset("speech_commands", prefer_online=ONLINE)
labels, first_of = np.unique(real_words, return_index=True)
print(
    f"{len(real_waves)} clips of {len(set(real_speakers.tolist()))} speakers, "
    f"{len(labels)} different labels, e.g. {labels[:8].tolist()}"
)
for i in first_of[:2]:
    print(f"'{real_words[i]}' said by speaker {real_speakers[i]}")
    display(audio.play(real_waves[i], SR))

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** online ho toh asli awaazein bhi sun sakte ho.
# `data.load_dataset("speech_commands", prefer_online=True)` TensorFlow ka mini Speech Commands
# download karta hai (lagbhag 180 MB, 8 words jaise "yes", "no", "up", "down", har clip 1 s ka,
# 16 kHz pe) aur har word ki pehli 250 files deta hai. Offline ho ya download fail ho, toh wajah
# batake synthetic voices (200 clips, 20 speakers) de deta hai. Hum yeh sirf Colab pe maangte
# hain, taaki offline run kabhi network ka intezaar na kare; apni online machine pe
# `ONLINE = True` kar do.

# %% [markdown]
# ## 4. A variational autoencoder for vowel spectra
#
# An **autoencoder** squeezes its input through a small **latent** code and rebuilds it. A
# **variational** autoencoder (VAE, Kingma and Welling 2014) makes the code a probability
# distribution:
#
# 1. the **encoder** maps a log-mel frame $x$ to a mean $\mu$ and a log-variance $\log\sigma^2$;
# 2. the **reparameterisation trick** samples $z = \mu + \sigma \cdot \varepsilon$ with
#    $\varepsilon \sim \mathcal{N}(0, I)$, so the gradient flows through $\mu$ and $\sigma$;
# 3. the **decoder** rebuilds $\hat x$ from $z$.
#
# The loss has two terms: the **reconstruction** error $\lVert x - \hat x\rVert^2$ and the
# **KL divergence** $\tfrac12 \sum (\mu^2 + \sigma^2 - \log\sigma^2 - 1)$, which pulls every
# code towards a standard normal. The KL term is what makes the latent space smooth: nearby codes
# decode to similar sounds, so we can sample and interpolate. If the KL term falls to zero the
# codes carry no information ("posterior collapse"); we check that it does not.
#
# Data: every speaker sustains each of the five vowels, clean, and we keep the middle frames of
# each vowel: 64 log-mel values per frame, standardised per mel bin. Training speakers come from
# seed 0, test speakers (never seen) from seed 1. For the denoising application we also make a
# noisy copy of every clip (white noise at 5 dB signal-to-noise ratio).

# %%
VOWEL_NAMES = list(audio.VOWELS)


def vowel_frames(n_speakers, seed, noise_db=None):
    """Middle log-mel frames of every vowel of every speaker; labels per frame."""
    vw, vs, vv = audio.make_vowels(n_speakers=n_speakers, sample_rate=SR, duration=0.3, seed=seed)
    if noise_db is not None:
        rng = np.random.default_rng(seed + 100)
        power = np.mean(vw**2, axis=1, keepdims=True)
        vw = vw + rng.normal(size=vw.shape) * np.sqrt(power * 10 ** (-noise_db / 10))
    mel = audio.log_mel_spectrogram(vw.astype("float32"), SR)[:, 6:22]  # 16 middle frames
    n_frames = mel.shape[1]
    return mel.reshape(-1, 64), np.repeat(vs, n_frames), np.repeat(vv, n_frames)


x_train_clean, spk_train, vow_train = vowel_frames(60, seed=0)
x_train_noisy, _, _ = vowel_frames(60, seed=0, noise_db=5)
x_test_clean, spk_test, vow_test = vowel_frames(20, seed=1)
x_test_noisy, _, _ = vowel_frames(20, seed=1, noise_db=5)
mel_mean, mel_std = x_train_clean.mean(axis=0), x_train_clean.std(axis=0)


def standardise(x):
    return ((x - mel_mean) / mel_std).astype("float32")


xc_train, xn_train = standardise(x_train_clean), standardise(x_train_noisy)
xc_test, xn_test = standardise(x_test_clean), standardise(x_test_noisy)
baseline_mse = float(np.mean((xc_test - xc_train.mean(axis=0)) ** 2))
noisy_mse = float(np.mean((xn_test - xc_test) ** 2))
print(f"training frames {xc_train.shape}, test frames {xc_test.shape}")
print(f"baseline (predict the training mean spectrum) test MSE: {baseline_mse:.3f}")
print(f"noisy frames vs clean frames, test MSE: {noisy_mse:.3f}")

# %% [markdown]
# The baseline predicts the average spectrum for every frame: its error is the variance the
# model has to explain. The model is written as a Keras 3 `Model` subclass whose `train_step`
# computes both loss terms, so `fit` trains it and tracks each term separately. Its inputs are
# pairs `(input, target)`: half the pairs are clean → clean, half noisy → clean, so the same VAE
# learns to compress *and* to clean. The latent has 2 dimensions, so we can plot it directly.
# The layers that produce $\mu$, $\log\sigma^2$ and the output are float32 under every dtype
# policy, and the losses are computed in float32: exponentials and sums of squares overflow in
# float16.

# %%
LATENT = 2


class Sampling(layers.Layer):
    """z = mu + sigma * epsilon: the reparameterisation trick."""

    def __init__(self, seed=0, **kwargs):
        super().__init__(**kwargs)
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, z_mean, z_log_var):
        epsilon = keras.random.normal(ops.shape(z_mean), seed=self.seed_generator)
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon


def build_encoder():
    x_in = keras.Input((64,))
    h = layers.Dense(128, activation="relu")(x_in)
    h = layers.Dense(64, activation="relu")(h)
    z_mean = layers.Dense(LATENT, dtype="float32", name="z_mean")(h)
    z_log_var = layers.Dense(LATENT, dtype="float32", name="z_log_var")(h)
    return keras.Model(x_in, [z_mean, z_log_var], name="encoder")


def build_decoder():
    z_in = keras.Input((LATENT,))
    h = layers.Dense(64, activation="relu")(z_in)
    h = layers.Dense(128, activation="relu")(h)
    return keras.Model(z_in, layers.Dense(64, dtype="float32")(h), name="decoder")


class VAE(keras.Model):
    def __init__(self, beta=1.0, **kwargs):
        super().__init__(**kwargs)
        self.encoder, self.decoder = build_encoder(), build_decoder()
        self.sampling = Sampling(dtype="float32")  # exp() of the log-variance in float32
        self.beta = beta
        self.trackers = {n: keras.metrics.Mean(name=n) for n in ("loss", "reconstruction", "kl")}

    @property
    def metrics(self):
        return list(self.trackers.values())

    def call(self, x):
        z_mean, _ = self.encoder(x)
        return self.decoder(z_mean)  # inference: decode the mean code

    def losses_of(self, x, target):
        z_mean, z_log_var = self.encoder(x)
        reconstruction = self.decoder(self.sampling(z_mean, z_log_var))
        target = ops.cast(target, "float32")
        rec = ops.mean(ops.sum(ops.square(target - reconstruction), axis=1))
        kl = ops.mean(
            0.5 * ops.sum(ops.square(z_mean) + ops.exp(z_log_var) - z_log_var - 1, axis=1)
        )
        return rec, kl

    def train_step(self, batch):
        x, target = batch
        with tf.GradientTape() as tape:
            rec, kl = self.losses_of(x, target)
            loss = rec + self.beta * kl
            scaled = self.optimizer.scale_loss(loss)  # loss scaling under mixed_float16
        grads = tape.gradient(scaled, self.trainable_weights)
        self.optimizer.apply(grads, self.trainable_weights)
        for name, value in (("loss", loss), ("reconstruction", rec), ("kl", kl)):
            self.trackers[name].update_state(value)
        return {name: m.result() for name, m in self.trackers.items()}

    def test_step(self, batch):
        x, target = batch
        rec, kl = self.losses_of(x, target)
        for name, value in (("loss", rec + self.beta * kl), ("reconstruction", rec), ("kl", kl)):
            self.trackers[name].update_state(value)
        return {name: m.result() for name, m in self.trackers.items()}


vae = VAE()
vae.compile(optimizer=keras.optimizers.Adam(2e-3))
vae_inputs = np.concatenate([xc_train, xn_train])
vae_targets = np.concatenate([xc_train, xc_train])
print(f"VAE inputs {vae_inputs.shape}; latent dimensions {LATENT}")

# %%
start = time.perf_counter()
vae_history = vae.fit(
    vae_inputs,
    vae_targets,
    validation_data=(xc_test, xc_test),
    epochs=10,
    batch_size=128,
    shuffle=True,
    verbose=0,
)
print(f"trained in {time.perf_counter() - start:.0f} s")
h = vae_history.history
fig, axes = plt.subplots(1, 2, figsize=(10, 3))
for ax, term in zip(axes, ("reconstruction", "kl"), strict=True):
    ax.plot(h[term], label="training (clean + noisy inputs)")
    ax.plot(h[f"val_{term}"], label="test speakers (clean)")
    ax.set(xlabel="epoch", title=f"{term} term (sum over 64 bins)")
axes[0].axhline(64 * baseline_mse, color="grey", ls="--", label="mean-spectrum baseline")
axes[0].legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# Both terms are summed over the 64 mel bins (the KL over the two latent dimensions). The
# reconstruction falls well below the baseline line while the KL rises from zero to a few nats:
# the encoder spends information on the code only where it pays for itself in reconstruction.
# Per value, on clean frames of the unseen test speakers:

# %%
recon_test = vae(xc_test).numpy()
vae_mse = float(np.mean((recon_test - xc_test) ** 2))
kl_test = h["val_kl"][-1]
print(
    f"VAE test MSE {vae_mse:.3f} vs mean-spectrum baseline {baseline_mse:.3f} "
    f"({vae_mse / baseline_mse:.0%} of it); KL {kl_test:.2f} nats per frame"
)

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** autoencoder input ko ek chhote code mein dabaata hai aur phir wapas
# banata hai. VAE mein encoder ek point nahi, ek distribution deta hai: mean aur log-variance.
# Phir reparameterisation trick se $z = \mu + \sigma \varepsilon$ sample karte hain, taaki
# gradient $\mu$ aur $\sigma$ tak pahunch sake. Loss ke do hisse hain: reconstruction error, aur
# KL jo har code ko standard normal ki taraf kheenchta hai. KL ki wajah se latent space smooth
# banta hai. Hamne `train_step` khud likha, taaki dono terms alag alag plot ho sakein. Baseline
# har frame ke liye average spectrum bolta hai; VAE ka error usse kaafi neeche hai aur KL zero
# nahi hua, matlab code mein sach mein information hai.

# %% [markdown]
# ### The latent space, and an interpolation you can hear
#
# Each test frame's mean code $\mu$, coloured by vowel. Nobody told the VAE about vowels: the
# five clusters come from the spectra alone, and frames of the same vowel by different speakers
# sit close together.

# %%
z_test = vae.encoder(xc_test)[0].numpy()
fig, ax = plt.subplots(figsize=(4.8, 4))
for v, name in enumerate(VOWEL_NAMES):
    pts = z_test[vow_test == v]
    ax.scatter(pts[:, 0], pts[:, 1], s=4, alpha=0.5, label=f"'{name}'")
ax.set(xlabel="z[0]", ylabel="z[1]", title="VAE latent space, test speakers")
ax.legend(markerscale=3)
plt.show()
centroids = np.array([z_test[vow_test == v].mean(axis=0) for v in range(5)])
nearest = np.argmin(((z_test[:, None] - centroids[None]) ** 2).sum(-1), axis=1)
latent_vowel_acc = float(np.mean(nearest == vow_test))
print(
    f"nearest vowel centroid in the 2-D latent space is right for {latent_vowel_acc:.0%} "
    "of test frames (chance 20%)"
)

# %% [markdown]
# To *hear* a decoded frame we need a waveform, but a log-mel frame has no phase and coarse
# frequency. We use the source-filter idea backwards: the decoded frame is the filter, a pulse
# train at 120 Hz is the source. `envelope_to_sound` maps the mel energies back onto frequencies
# (with the transposed mel matrix) and adds up the harmonics of 120 Hz with those amplitudes.
# We decode ten points on the straight line from the centre of the "a" cluster to the centre of
# the "i" cluster and play them one after the other: the vowel glides from "a" to "i".

# %%
mel_filters = tf.signal.linear_to_mel_weight_matrix(64, NFFT // 2 + 1, SR, 60.0, SR / 2).numpy()


def envelope_to_sound(log_mel_frame, pitch=120.0, seconds=0.15):
    """Additive synthesis: harmonics of `pitch` weighted by the frame's spectral envelope."""
    power = mel_filters @ np.exp(log_mel_frame)  # back from 64 mel bins to 257 FFT bins
    freqs = np.fft.rfftfreq(NFFT, 1 / SR)
    tt = np.arange(int(seconds * SR)) / SR
    harmonics = np.arange(pitch, SR / 2 - 200, pitch)
    amps = np.sqrt(np.interp(harmonics, freqs, power))
    wave = (amps[:, None] * np.sin(2 * np.pi * harmonics[:, None] * tt)).sum(axis=0)
    fade = np.minimum(1, np.minimum(tt, tt[::-1]) / 0.01)  # 10 ms fades: no clicks
    return wave * fade / (np.abs(wave).max() + 1e-9)


steps = np.linspace(0, 1, 10)[:, None]
path = (1 - steps) * centroids[VOWEL_NAMES.index("a")] + steps * centroids[VOWEL_NAMES.index("i")]
decoded = vae.decoder(path.astype("float32")).numpy() * mel_std + mel_mean
glide = np.concatenate([envelope_to_sound(f) for f in decoded])
display(audio.play(glide, SR))
fig, ax = plt.subplots(figsize=(6, 2.6))
ax.imshow(decoded.T, origin="lower", aspect="auto", cmap="magma")
ax.set(xlabel="step from 'a' to 'i'", ylabel="mel bin", title="decoded frames along the line")
plt.show()

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** latent space mein har test frame ek point hai, aur colour vowel ka hai.
# VAE ko kisi ne vowels ke baare mein nahi bataya tha, phir bhi paanch clusters ban gaye, sirf
# spectra dekh ke. Ab "a" cluster ke centre se "i" cluster ke centre tak seedhi line pe 10
# points decode karte hain. Log-mel frame mein phase nahi hota, isliye sunne ke liye hum
# source-filter ko ulta chalaate hain: decoded frame filter hai aur 120 Hz ke harmonics source.
# Player mein suno, awaaz dheere dheere "a" se "i" ban jaati hai, kyunki latent space smooth hai.

# %% [markdown]
# ### Applications: denoising and compression, measured
#
# Lists of VAE applications in audio usually name noise reduction, compression and voice
# conversion. **Noise reduction** we can measure: encode a noisy frame, decode it, and compare
# with the clean frame. **Compression**: each frame of 64 numbers travels as 2 latent numbers
# (32× fewer), at the reconstruction error measured above. **Voice conversion** (say a sentence
# in another speaker's voice) needs a model that separates *what* is said from *who* says it, for
# example a VAE whose decoder also receives a speaker code; and **synthesis** needs a decoder to
# a waveform (a vocoder, section 5). Both are beyond this notebook's two minutes; the
# interpolation above is their smallest cousin.

# %%
denoised = vae(xn_test).numpy()
denoised_mse = float(np.mean((denoised - xc_test) ** 2))
print(
    f"test frames, MSE against the clean frame (standardised log-mel):\n"
    f"  noisy input (5 dB SNR)   {noisy_mse:.3f}\n"
    f"  VAE(noisy input)         {denoised_mse:.3f}\n"
    f"  mean-spectrum baseline   {baseline_mse:.3f}"
)
k = int(np.flatnonzero(vow_test == VOWEL_NAMES.index("o"))[3])
for name, frame in (("noisy", xn_test[k]), ("denoised", denoised[k]), ("clean", xc_test[k])):
    display(audio.play(envelope_to_sound(frame * mel_std + mel_mean, seconds=0.6), SR))
    print(name)

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** VAE ke audio uses ki list mein aksar teen cheezein hoti hain. Noise
# reduction hum naap sakte hain: noisy frame ko encode-decode karo aur clean frame se compare
# karo; error noisy input se kaafi kam aata hai. Compression bhi dikh gaya: 64 numbers ki jagah
# sirf 2 numbers bhejo, 32 guna kam. Voice conversion ke liye model ko "kya bola" aur "kisne
# bola" alag karna padta hai, aur synthesis ke liye waveform tak ka decoder (vocoder) chahiye;
# yeh dono is notebook ke do minute mein fit nahi hote, isliye sirf samjhaaye hain.

# %% [markdown]
# ## 5. WaveNet-style generation, one sample at a time
#
# WaveNet (van den Oord et al., 2016) models the waveform itself: the probability of each sample
# given all the samples before it, $p(x_t \mid x_{<t})$. A snippet you will often see:
#
# ```python
# def wavenet_block(x, filters, kernel_size, dilation_rate):
#     x = keras.layers.Conv1D(filters, kernel_size, padding='causal', dilation_rate=dilation_rate)(x)
#     x = keras.layers.Conv1D(filters, 1, activation='tanh')(x)
#     return keras.layers.Conv1D(filters, 1)(x)
# ...
# output = keras.layers.Conv1D(1, 1)(x)
# ```
#
# It has causal dilated convolutions, the right start, but it lacks what makes WaveNet work:
#
# - **the gated activation** $\tanh(W_f * x) \odot \sigma(W_g * x)$: one branch proposes, the
#   sigmoid branch decides how much passes (as in an LSTM's gates);
# - **residual connections** (each block adds its output to its input, so deep stacks train)
#   and **skip connections** (every block's output goes straight to the head);
# - **a categorical output**: the snippet predicts one real number per step, which regression
#   with a squared error turns into the blurry average of all possible next samples. WaveNet
#   quantises samples with **μ-law companding** into 256 classes and predicts a softmax over
#   them, which can represent "either up or down" and can be *sampled*;
# - **a receptive field** large enough to span a pitch period: with dilations 1, 2, 4 the
#   snippet sees 8 samples, half a millisecond at 16 kHz.
#
# We train at 4 kHz, which keeps the sequences short enough for a CPU. The price is bandwidth:
# Nyquist is 2 kHz, and the synthesiser keeps only resonances below 0.9 × Nyquist = 1.8 kHz.
# Every vowel keeps its first formant (at most about 0.94 kHz); "a", "o" and "u" keep their
# second too, but "i" loses its second (1.8-2.9 kHz across speakers) and "e" keeps it only for
# speakers with long vocal tracts; third formants are gone (the μ-law cell below prints who
# keeps what). The 4 kHz voices are muffled, like a bad telephone line, yet they keep
# what this section models: pitch pulses (a period of 15-47 samples for 85-260 Hz) ringing
# through formants.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** WaveNet seedha waveform ko model karta hai: pichhle saare samples dekh ke
# agle sample ki probability. Aksar dikhne wale is snippet mein causal dilated convolution toh
# hai, par asli cheezein missing hain: tanh aur sigmoid wala gate, residual aur skip connections,
# aur sabse bada, output ek real number hai. Squared error ke saath real number predict karoge
# toh model saare possible agle samples ka average bolega, jo dhundhla hota hai. WaveNet μ-law se
# samples ko 256 classes mein todta hai aur softmax deta hai, jisse sample kar sakte hain. Aur
# snippet sirf 8 samples peeche dekhta hai, ek pitch period ke liye bhi kam. Hum 4 kHz pe train
# karenge taaki CPU pe sequences chhoti rahein. Iski keemat bandwidth hai: Nyquist 2 kHz, aur
# synthesiser sirf 1.8 kHz se neeche ke formants rakhta hai. Har vowel ka pehla formant bachta
# hai, "a", "o", "u" ka doosra bhi, lekin "i" ka doosra formant (1.8-2.9 kHz) kat jaata hai aur
# "e" ka sirf lambe vocal tract wale speakers mein bachta hai; teesra formant kisi ka nahi. Awaaz
# kharab telephone jaisi dabi hui lagegi, par pitch ke pulses (15-47 samples ka period) aur
# formants ki goonj, jo yahan seekhni hai, bachi rehti hai.

# %% [markdown]
# ### μ-law: 256 classes for a sample
#
# μ-law compresses loud values and expands quiet ones before quantising, so the 256 classes are
# dense where speech samples usually are (near zero):
# $f(x) = \operatorname{sign}(x)\,\frac{\ln(1 + \mu|x|)}{\ln(1 + \mu)}$ with $\mu = 255$, then
# $f(x) \in [-1, 1]$ is mapped to the integers 0-255. Decoding inverts it.

# %%
MU = 255
WAVE_SR = 4000


def mu_law_encode(x):
    compressed = np.sign(x) * np.log1p(MU * np.abs(x)) / np.log1p(MU)
    return np.clip(np.round((compressed + 1) / 2 * MU), 0, MU).astype("int32")


def mu_law_decode(q):
    compressed = 2 * (q.astype("float64") / MU) - 1
    return np.sign(compressed) * ((1 + MU) ** np.abs(compressed) - 1) / MU


probe = np.array([-1.0, -0.1, -0.01, 0.0, 0.01, 0.1, 1.0])
print("x        ", probe)
print("class    ", mu_law_encode(probe))
roundtrip_error = np.abs(mu_law_decode(mu_law_encode(probe)) - probe)
print("round trip error", roundtrip_error.round(4))

wave_train, _, _ = audio.make_voices(
    n_speakers=24, clips_per_speaker=4, sample_rate=WAVE_SR, seed=0
)
wave_test, _, _ = audio.make_voices(n_speakers=6, clips_per_speaker=2, sample_rate=WAVE_SR, seed=1)
q_train, q_test = mu_law_encode(wave_train), mu_law_encode(wave_test)
print(
    f"training audio: {wave_train.size / WAVE_SR:.0f} s at {WAVE_SR} Hz; test: "
    f"{wave_test.size / WAVE_SR:.0f} s of unseen speakers"
)
# which formants survive at 4 kHz: the synthesiser keeps those below 0.9 x Nyquist
cutoff = audio.KEEP_BELOW_NYQUIST * WAVE_SR / 2
train_speakers = [audio.make_speaker(0, i) for i in range(24)]
for k in range(3):
    kept = [
        np.mean([audio.formant_frequencies(sp, v)[k] < cutoff for sp in train_speakers])
        for v in VOWEL_NAMES
    ]
    shares = ", ".join(f"'{v}' {share:.0%}" for v, share in zip(VOWEL_NAMES, kept, strict=True))
    print(f"F{k + 1} below {cutoff:.0f} Hz, share of the 24 training speakers: {shares}")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** μ-law dheemi awaaz wale values ko zyada detail deta hai aur tez wale ko
# kam, phir 256 classes mein round karta hai. Speech ke zyada tar samples zero ke paas hote
# hain, isliye wahan classes ghani honi chahiye. Upar dekho: 0.01 aur 0.1 jaise chhote values ka
# round trip error bahut chhota hai. Training ke liye 4 kHz pe awaazein banayi hain, aur aakhri
# teen lines batati hain ki 24 training speakers mein kis vowel ka kaunsa formant bacha.

# %% [markdown]
# ### The model
#
# Input: the previous samples as μ-law values scaled to [-1, 1]. A causal convolution, then
# blocks with dilations 1, 2, 4, ..., 64 (kernel 2): each block computes the gate
# $\tanh \odot \sigma$, a 1×1 convolution back to the residual stream (added to the block's
# input) and a 1×1 convolution to the skip stream. The summed skips go through ReLU and 1×1
# convolutions to 256 logits per time step (float32). The output at step $t$ predicts the class
# of sample $t+1$.
#
# The **receptive field** of causal convolutions with kernel $k$ and dilations $d_i$ is
# $1 + \sum_i (k-1)\,d_i$: the first convolution sees 2 samples, each block adds $d_i$, so
# $2 + (1 + 2 + \dots + 64) = 129$ samples, 32 ms at 4 kHz.

# %%
DILATIONS = [1, 2, 4, 8, 16, 32, 64]
CH, SKIP = 32, 64
receptive_field = 2 + sum(DILATIONS)


def build_wavenet():
    x_in = keras.Input((None, 1))
    x = layers.Conv1D(CH, 2, padding="causal")(x_in)
    skips = []
    for d in DILATIONS:
        f = layers.Conv1D(CH, 2, padding="causal", dilation_rate=d, activation="tanh")(x)
        g = layers.Conv1D(CH, 2, padding="causal", dilation_rate=d, activation="sigmoid")(x)
        z = layers.Multiply()([f, g])
        x = layers.Add()([x, layers.Conv1D(CH, 1)(z)])  # residual
        skips.append(layers.Conv1D(SKIP, 1)(z))  # skip
    h = layers.ReLU()(layers.Add()(skips))
    h = layers.Conv1D(SKIP, 1, activation="relu")(h)
    logits = layers.Conv1D(256, 1, dtype="float32")(h)
    return keras.Model(x_in, logits, name="wavenet")


wavenet = build_wavenet()
print(
    f"receptive field by the formula: {receptive_field} samples "
    f"({receptive_field / WAVE_SR * 1000:.0f} ms); parameters {wavenet.count_params():,}"
)

# %% [markdown]
# **Verifying causality and the receptive field.** Change one input sample and see which
# outputs move. The output at $t$ must not change when a *future* sample ($t+1$) changes, must
# change (for an untrained model, almost surely) when sample $t - 128$ changes, and must not
# change when sample $t - 129$ changes: that one is outside the receptive field.
#
# The effect of the oldest sample is tiny (it reaches the output through one tap of every
# layer), of the order of 1e-4 on the logits (the cell prints it): float16, with about 3
# decimal digits, would round it away. So the test runs on a float32 copy of the model with the
# same weights, whatever dtype policy the chapter uses. float32 alone is not enough on a GPU:
# Ampere and newer NVIDIA GPUs run float32 convolutions and matrix products as **TF32** by
# default, which keeps only 10 bits of each input's mantissa (about 3 decimal digits, relative
# errors around 1e-3), enough to round a 1e-4 effect away or drown it in rounding noise.
# So we switch TF32 off for the probe and back on before training. This is a lesson about
# precision: the fast formats trade the last digits for speed, which training tolerates and an
# exactness test does not. The test checks the wiring, so it must run at full precision.

# %%
probe_x = np.random.default_rng(0).uniform(-1, 1, (1, 400, 1)).astype("float32")
T_OUT = 300


chapter_policy = keras.config.dtype_policy()
keras.config.set_dtype_policy("float32")
probe_net = build_wavenet()  # a float32 twin for the exactness test
keras.config.set_dtype_policy(chapter_policy)
probe_net.set_weights(wavenet.get_weights())
tf.config.experimental.enable_tensor_float_32_execution(False)  # exact float32 on Ampere+ GPUs


def output_change(position):
    bumped = probe_x.copy()
    bumped[0, position, 0] += 1.0
    before = probe_net(probe_x)[0, T_OUT].numpy()
    after = probe_net(bumped)[0, T_OUT].numpy()
    return float(np.abs(after - before).max())


causality = {
    "future t+1": output_change(T_OUT + 1),
    f"t-{receptive_field - 1} (oldest seen)": output_change(T_OUT - receptive_field + 1),
    f"t-{receptive_field} (outside)": output_change(T_OUT - receptive_field),
}
tf.config.experimental.enable_tensor_float_32_execution(True)  # TF's default again, for training
for name, change in causality.items():
    print(f"perturb sample {name:24s} -> output at t changes by {change:.2e}")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** model mein pehle ek causal convolution, phir saat blocks jinke dilations
# 1 se 64 tak double hote hain. Har block mein tanh aur sigmoid ka gate, residual stream mein
# wapas add, aur skip stream mein ek copy. Receptive field formula se 129 samples aata hai, 4 kHz
# pe 32 ms. Formula pe bharosa karne ke bajaye check karte hain: future sample badlo toh output
# bilkul nahi badalna chahiye; 128 samples peeche wala badlo toh badalna chahiye; 129 peeche wala
# range ke bahar hai, usse kuch nahi hona chahiye. Teeno numbers yahi dikha rahe hain. Sabse
# purane sample ka asar bahut chhota hai, logits pe 1e-4 ke order ka (upar print hua), isliye
# probe model ki float32 copy pe chalta hai: float16 ke lagbhag 3 decimal digits isko round karke
# gayab kar denge. Sirf float32 kaafi nahi hai: Ampere aur naye NVIDIA GPUs float32
# convolutions ko default mein TF32 mein chalaate hain, jo har input ke mantissa ke sirf 10 bits
# rakhta hai (lagbhag 1e-3 ka relative error), aur 1e-4 ka asar usmein doob sakta hai. Isliye probe
# ke liye TF32 band karte hain aur training se pehle wapas on. Yeh precision ka lesson hai: tez
# formats aakhri digits ke badle speed dete hain, training ko fark nahi padta, lekin exactness wale
# test ko padta hai.

# %% [markdown]
# ### Training and two baselines
#
# Training examples are random windows of 640 samples; the loss is the cross-entropy of the
# next sample's class (in nats), averaged over the last 512 steps of each window (the first 128
# lack a full receptive field). Two baselines on the same test positions:
#
# - **marginal**: the class frequencies of the training audio, ignoring the past;
# - **repeat the last sample**: the next class is the last class plus a jump, with jumps
#   distributed as in the training audio. This is the "nothing changes" forecast made into a
#   fair probability distribution.

# %%
WIN, WARM = 640, receptive_field - 1
rng = np.random.default_rng(0)


def windows(q, n, rng):
    clip = rng.integers(0, q.shape[0], n)
    start = rng.integers(0, q.shape[1] - WIN - 1, n)
    seq = np.stack([q[c, s : s + WIN + 1] for c, s in zip(clip, start, strict=True)])
    x = (seq[:, :-1, None].astype("float32") / MU) * 2 - 1
    return x, seq[:, 1:]


def cross_entropy_nats(logits, targets):
    logp = (
        logits
        - np.log(np.exp(logits - logits.max(-1, keepdims=True)).sum(-1, keepdims=True))
        - logits.max(-1, keepdims=True)
    )
    return float(-np.take_along_axis(logp, targets[..., None], -1).mean())


def masked_ce(y_true, logits):
    ce = keras.losses.sparse_categorical_crossentropy(y_true, logits, from_logits=True)
    return ops.mean(ce[:, WARM:])


x_tr, y_tr = windows(q_train, 2400, rng)
x_te, y_te = windows(q_test, 200, np.random.default_rng(1))
counts = np.bincount(q_train.ravel(), minlength=256) + 1.0
marginal_ce = float(-np.log(counts / counts.sum())[y_te[:, WARM:]].mean())
jumps = np.diff(q_train, axis=1).ravel()
jump_p = (np.bincount(jumps + 255, minlength=511) + 1.0) / (jumps.size + 511)
last = np.rint((x_te[:, WARM:, 0] + 1) / 2 * MU).astype(int)
repeat_last_ce = float(-np.log(jump_p[y_te[:, WARM:] - last + 255]).mean())
print(f"test cross-entropy (nats): marginal {marginal_ce:.3f}, repeat-last {repeat_last_ce:.3f}")

# %%
wavenet.compile(optimizer=keras.optimizers.Adam(3e-3), loss=masked_ce)
untrained_ce = float(wavenet.evaluate(x_te, y_te, verbose=0, batch_size=50))
start = time.perf_counter()
wave_history = wavenet.fit(x_tr, y_tr, epochs=3, batch_size=16, verbose=0, shuffle=True)
print(f"trained in {time.perf_counter() - start:.0f} s")
wavenet_ce = float(wavenet.evaluate(x_te, y_te, verbose=0, batch_size=50))
print(
    f"test cross-entropy (nats): untrained {untrained_ce:.3f}, marginal {marginal_ce:.3f}, "
    f"repeat-last {repeat_last_ce:.3f}, WaveNet {wavenet_ce:.3f}"
)

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** training ke liye 640 samples ki random windows lete hain, aur loss agle
# sample ki class ka cross-entropy hai, sirf un steps pe jahan poora receptive field mila. Do
# baselines hain: ek jo past ko ignore karke bas classes ki frequency bolta hai, aur doosra
# "jo abhi tha wahi aage hoga" wala, jismein chhalaang ka distribution training audio se aata
# hai. WaveNet dono se neeche aana chahiye; upar numbers dekho.

# %% [markdown]
# ### Generating audio, and how slow it is
#
# Generation is autoregressive: feed the last 129 samples, get a softmax over the next sample's
# class, *sample* from it (taking the most likely class every time tends to get stuck in
# silence), append, repeat. We prime the model with 129 samples of a test clip and generate half
# a second. Every new sample needs a full pass through the network.


# %%
@tf.function
def next_logits(window):
    return wavenet(window, training=False)[:, -1, :]


def generate(n_samples, prime, seed=0):
    gen_rng = np.random.default_rng(seed)
    classes = list(prime)
    for _ in range(n_samples):
        window = np.array(classes[-receptive_field:], dtype="float32")[None, :, None] / MU * 2 - 1
        logits = next_logits(tf.constant(window)).numpy()[0].astype("float64")
        p = np.exp(logits - logits.max())
        classes.append(int(gen_rng.choice(256, p=p / p.sum())))
    return np.array(classes[len(prime) :])


voiced = int(np.argmax(np.abs(wave_test[0])))
prime = q_test[0, voiced - receptive_field : voiced]
generate(5, prime)  # trace the function once
N_GEN = WAVE_SR // 2  # half a second
start = time.perf_counter()
generated = generate(N_GEN, prime)
gen_seconds = time.perf_counter() - start
samples_per_s = N_GEN / gen_seconds
print(
    f"generated {N_GEN} samples in {gen_seconds:.1f} s: {samples_per_s:,.0f} samples/s, "
    f"{samples_per_s / WAVE_SR:.2f}x real time at {WAVE_SR} Hz, "
    f"{samples_per_s / 24000:.3f}x at 24 kHz"
)
generated_wave = mu_law_decode(generated)
display(audio.play(generated_wave, WAVE_SR))
fig, ax = plt.subplots(figsize=(9, 2.4))
ax.plot(np.arange(800) / WAVE_SR * 1000, generated_wave[:800], lw=0.8)  # 200 ms
ax.set(xlabel="ms", title="the first 200 ms the WaveNet generated")
plt.show()

# %% [markdown]
# The model babbles: it has learned the texture of voiced sound (periodic pulses ringing
# through formants) but not words, as there are none to learn and no conditioning tells it what
# to say. The real WaveNet is conditioned on linguistic features or a mel spectrogram, which makes
# it a **vocoder**: spectrogram in, waveform out.
#
# The speed is the real lesson. Generation runs at the speed of one network call per sample,
# and a sample cannot start before the previous one is known. Production audio is 16-24 kHz: a
# second of speech needs 24,000 sequential passes. Caching the intermediate activations of the
# dilated convolutions ("fast WaveNet") removes recomputation, but not the sequential chain. The
# successors trade something for speed:
#
# - **WaveRNN** (Kalchbrenner et al., 2018) replaces the deep convolution stack by *one* small
#   GRU step per sample, with sparse weights and a split of each 16-bit sample into two 8-bit
#   halves, so it runs in real time on a phone CPU. It gives up model size (and some quality) and
#   is still sequential.
# - **WaveGlow** (Prenger et al., 2019) is a normalising **flow**: an invertible network that
#   maps Gaussian noise to audio, so *all* samples are produced in parallel: the paper reports
#   more than 500,000 samples per second on an NVIDIA V100 GPU, over 20 times faster than real
#   time at 22.05 kHz (not the "hundreds of times" you will sometimes read). It gives up
#   compactness (about 88M parameters, long training) and exact autoregressive modelling.
# - **GAN vocoders** (MelGAN, HiFi-GAN) train a parallel generator against discriminators; they
#   are small and fast, and today's default, at the price of a trickier training.
#
# | vocoder family | example | generation | speed | what it gives up |
# |---|---|---|---|---|
# | autoregressive | WaveNet, WaveRNN | one sample after another | slow (WaveRNN: real time on a CPU) | parallelism |
# | flow | WaveGlow, Parallel WaveNet | all samples at once | very fast on a GPU | size, training time |
# | GAN | MelGAN, HiFi-GAN | all samples at once | very fast, small | stable training, exact likelihood |

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** generation ek ek sample karke hoti hai: pichhle 129 samples do, softmax se
# agla sample *sample* karo, jodo, phir se. Hamare model ne awaaz ki texture seekh li, pulses aur
# formants wali, par shabd nahi, kyunki usko kisi ne bataya hi nahi ki kya bolna hai. Asli
# WaveNet mel spectrogram se condition hota hai, tab woh vocoder banta hai. Asli lesson speed
# hai: har sample ke liye poora network chalana padta hai, aur agla sample pichhle ke bina shuru
# nahi ho sakta. 24 kHz pe ek second matlab 24,000 passes ek ke baad ek. WaveRNN ek chhota GRU
# step per sample leke phone pe real time tak pahunchta hai, par phir bhi sequential hai.
# WaveGlow flow hai, saare samples parallel mein nikaalta hai: paper ke hisaab se V100 GPU pe
# 500,000 se zyada samples per second, yaani 22.05 kHz audio ke real time se 20 guna se zyada
# tez. Lekin model bahut bada hai (lagbhag 88M parameters) aur training lambi. GAN vocoders
# jaise HiFi-GAN chhote aur tez hain, bas training thodi nakhre wali hai.

# %% [markdown]
# ## Checkpoint
#
# What you should have seen, as asserts (how the thresholds were measured, and what the GPU dtype
# policies gave, is in `reports/run_history.md`):
#
# - the 440 Hz tone peaks in STFT bin 14, by hand and with `tf.signal` (which agree to 1e-4 of
#   the peak); its log-mel has shape (98, 64) and peaks in the mel bin centred nearest 440 Hz;
#   the long window separates the two tones, the short one does not;
# - the VAE's test reconstruction error is at most **half** the mean-spectrum baseline's (expect
#   about a fifth of it), its KL term is above **1 nat** (not collapsed), and denoising at least
#   halves the error of the noisy frames;
# - the WaveNet is causal (a future sample changes nothing; probed in float32 with TF32 off, so
#   the probe's figures do not depend on the dtype policy), its receptive field is 129 samples
#   (sample $t-128$ matters, $t-129$ does not), and its test cross-entropy is at least **0.3
#   nats** below the repeat-last baseline. Sections 4 and 5 print this run's figures; expect a
#   WaveNet at about 4.0 nats against 5.18 for repeat-last, 5.40 for the marginal and about 5.55
#   untrained, so the margin is wide, and a VAE test MSE of about 0.2 against the baseline's
#   1.07.

# %%
assert np.argmax(by_hand) == np.argmax(magnitude[0]) == expected_bin == 14
assert stft_gap < 1e-4, stft_gap
assert tone_mel.shape == (98, 64)
assert abs(centres_hz[tone_mel_peak] - 440) == np.min(np.abs(centres_hz - 440))
assert trade_off[1024]["tones resolved"] and not trade_off[128]["tones resolved"], trade_off
assert trade_off[128]["click ms"] < trade_off[1024]["click ms"], trade_off
assert vae_mse <= 0.5 * baseline_mse, (vae_mse, baseline_mse)
assert kl_test > 1.0, f"KL {kl_test:.2f}: the latent code collapsed"
assert denoised_mse <= 0.5 * noisy_mse, (denoised_mse, noisy_mse)
assert causality["future t+1"] == 0.0
assert causality[f"t-{receptive_field} (outside)"] == 0.0
assert causality[f"t-{receptive_field - 1} (oldest seen)"] > 0.0
assert receptive_field == 129
assert wavenet_ce <= repeat_last_ce - 0.3, (wavenet_ce, repeat_last_ce)
assert wavenet_ce < marginal_ce and wavenet_ce < untrained_ce
print("All checkpoints passed.")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** asserts wahi check karte hain jo tumne dekha. Tone bin 14 mein, haath aur
# `tf.signal` dono se (peak ke 1e-4 tak same); log-mel ki shape (98, 64), aur uska peak 440 Hz ke
# sabse paas wale mel bin mein; lambi window dono tones alag karti hai, chhoti nahi. VAE ka error
# mean-spectrum baseline ke aadhe se kam (lagbhag paanchva hissa aana chahiye), KL 1 nat se upar
# (collapse nahi hua), aur denoising noisy frames ka error kam se kam aadha karta hai. WaveNet
# causal hai (float32 mein, TF32 band karke check kiya, isliye yeh check dtype policy pe depend
# nahi karta), receptive field 129 samples ka hai (sample $t-128$ ka asar hai, $t-129$ ka nahi),
# aur uska cross-entropy repeat-last baseline se kam se kam 0.3 nats neeche hona chahiye. Is run
# ke numbers sections 4 aur 5 mein print hue; WaveNet lagbhag 4.0 nats pe aana chahiye jabki
# repeat-last 5.18 pe hai, toh margin kaafi bada hai. Fail ho toh threshold mat ghatao, dhoondho
# ki model kyun nahi seekh raha.

# %% [markdown]
# ## Summary
#
# - Audio is samples at a sample rate; frequencies above Nyquist alias. The STFT cuts it into
#   windowed frames; the log-mel spectrogram pools the power into perceptual bands and takes the
#   log. Long windows resolve frequency, short windows resolve time.
# - The course's voices come from a source-filter model: pitch pulses (the speaker) through
#   formant resonators (the vowel and the vocal tract).
# - A VAE is an autoencoder whose code is a distribution; its loss is reconstruction + KL, and
#   both must be watched (a KL at zero means the code carries nothing). A 2-number code
#   rebuilds vowel spectra far better than the mean spectrum, organises itself by vowel, can be
#   interpolated and heard, and cleans noisy frames when trained on noisy → clean pairs.
# - WaveNet predicts a softmax over 256 μ-law classes for the next sample, from a receptive
#   field built by dilated causal convolutions with gates, residual and skip connections. Test
#   causality by perturbing a future sample, and the receptive field by perturbing its edge.
# - Sample-by-sample generation is slow; WaveRNN makes each step cheap, flows (WaveGlow) and GAN
#   vocoders (HiFi-GAN) generate all samples in parallel.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** audio matlab samples aur sample rate; Nyquist se upar ki frequency alias
# ho jaati hai. STFT frames mein kaatta hai, log-mel unko kaan jaise bands mein jodta hai. Lamba
# window frequency ke liye accha, chhota window time ke liye. Hamari awaazein source-filter se
# bani hain: pitch ke pulses aur formants. VAE ka code ek distribution hai, loss reconstruction
# plus KL, aur dono pe nazar rakho. Sirf 2 numbers ka code bhi vowels ko pehchaan leta hai, sun
# sakte ho, aur noise bhi saaf karta hai. WaveNet agle sample ki 256 classes pe softmax deta
# hai; causality ko future sample badal ke check karo. Ek ek sample wali generation dheemi hai,
# isliye WaveRNN, WaveGlow aur HiFi-GAN jaise tareeke aaye.

# %% [markdown]
# ## Exercises
#
# Each exercise checks your answer: replace the `...` and run the cell. `ex.q1.hint()` gives a
# nudge, `ex.q1.solution()` the answer.
#
# 1. **Which bin?** A 1000 Hz tone is sampled at 16 kHz and analysed with frames of 400 samples
#    and `fft_length=512`. In which STFT bin does it peak?

# %%
from course_utils.exercises import ch05a as ex

tone_bin = ...
ex.q1.check(tone_bin)

# %% [markdown]
# 2. **Receptive field.** Write a function `my_receptive_field(kernel_size, dilations)` for a
#    stack of causal convolutions (it should give 129 for the chapter's WaveNet) and pass it.

# %%
my_receptive_field = ...
ex.q2.check(my_receptive_field)

# %% [markdown]
# 3. **μ-law by hand.** Write `my_mu_law(x)` that maps samples in [-1, 1] to classes 0-255.

# %%
my_mu_law = ...
ex.q3.check(my_mu_law)

# %% [markdown]
# 4. **β-VAE.** Retrain the VAE with `VAE(beta=0.1)` and `VAE(beta=5)`. How do the test
#    reconstruction error and the KL change, and how does the latent plot look?
#
# <details><summary>Solution</summary>
#
# A small β lets the code carry more information (higher KL, lower reconstruction error) but
# the latent space becomes less regular: clusters spread out and points between them decode to
# less plausible spectra. A large β squeezes the code towards the prior: the KL drops, the
# reconstruction error rises, and vowels with similar spectra ("o" and "u") start to merge. At
# some β the KL reaches zero and the decoder outputs the mean spectrum, the baseline: posterior
# collapse.
# </details>
#
# 5. **Greedy generation.** Change `generate` to take the most likely class instead of sampling.
#    Listen. Why does it go quiet or buzz?
#
# <details><summary>Solution</summary>
#
# The most likely next class is almost always "close to the last one", so greedy decoding
# follows the mean path and decays into silence or locks into a short loop. Sampling keeps the
# noise and the variety that real audio has; this is why WaveNet samples, as language models do.
# </details>

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** pehle teen exercises khud check hoti hain: `...` ki jagah answer likho
# aur cell chalao. Bin wala sawaal FFT length pe hai, receptive field wala section 5 ke formula
# pe (chapter ke WaveNet pe 129 aana chahiye), aur μ-law wala log compression pe. Chautha: beta
# badal ke VAE dobara train karo aur dekho reconstruction error, KL aur latent plot kaise badalte
# hain. Paanchva: sampling ki jagah sabse likely class lo aur suno; awaaz kyun chup ho jaati hai
# ya ek buzz pe atak jaati hai?
