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
# - The source-filter model of speech (pitch pulses through resonances), which makes the
#   course's voices.
# - A variational autoencoder as a Keras 3 model: reconstruction + KL, the latent space,
#   sampling from the prior, and its compression and denoising measured against the best
#   *linear* methods (PCA, least squares).
# - WaveNet's ingredients (causal dilated convolutions, gates, residual and skip connections,
#   μ-law classes), a receptive field verified by probing, a comparison with linear prediction,
#   and why sample-by-sample generation is slow.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** audio asal mein numbers ki ek lambi list hai, har second mein hazaaron
# numbers. Is chapter mein hum pehle un numbers ko spectrogram ki picture mein badlenge, jo model
# aaram se padh sake. Phir do generative models banayenge jinki awaaz tum khud sun sakte ho: ek
# VAE jo sound ke ek tukde ko sirf 2 numbers mein daba deta hai, aur ek chhota WaveNet jo ek ek
# sample karke audio likhta hai. Dono ko hum sabse acche *linear* tareekon (PCA, least squares,
# linear prediction) se compare karenge, sirf average se nahi. Speaker pehchanne wala hissa
# chapter 05b mein hai.

# %% [markdown]
# **Roadmap** (main path: about an hour). The *Going further* sections after the Summary are
# optional reading; their cells are cheap, run them all.
#
# | sections, in order | minutes |
# |---|---:|
# | Setup, 1. Sound as data | 6 |
# | 2. The short-time Fourier transform, and the window/hop trade-off | 10 |
# | 3. Source and filter: how the course makes voices | 6 |
# | 4. A variational autoencoder: latent space, the prior, denoising | 17 |
# | 5. WaveNet-style generation, linear prediction, and why it is slow | 18 |
# | Checkpoint, Summary | 4 |
# | *optional:* Going further · real words, exactness on a GPU, vocoders, conditioning | 10 |
# | Exercises | 30 |

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** roadmap table upar hai. Main path (sections 1 se 5, phir checkpoint aur
# summary) lagbhag ek ghante ka hai. Summary ke baad ke *Going further* sections optional reading
# hain: asli recorded words (sirf online), GPU pe exactness, tez vocoders aur conditioning. Unke
# cells sasta chalte hain, sab chalao. Exercises ke liye 30 minute alag se rakho.

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
from scipy.signal import lfilter

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
# second `sample_rate` baar naapta hai: speech ke liye aksar 16 kHz. Nyquist frequency sample rate
# ki aadhi hoti hai; usse upar ki tone alias ho jaati hai. Output dekho: 16 kHz pe 9 kHz ki tone
# FFT mein 7 kHz pe dikhi, bilkul dhokha (cosine sample by sample same, sine mein sirf sign ulta).
# Baad mein koi processing alias ko asli tone se alag nahi kar sakti, isliye recording se pehle hi
# Nyquist se upar sab filter kar dete hain. Player mein 440 Hz wali tone suno.

# %% [markdown]
# ## 2. The short-time Fourier transform, checked on a pure tone
#
# A spectrum of the whole second hides *when* things happen. The **short-time Fourier
# transform** (STFT) cuts the signal into short overlapping **frames** (here 400 samples = 25 ms,
# one every 160 samples = 10 ms, the **hop**), multiplies each frame by a Hann **window**, and
# takes the FFT of each. The window fades the frame's edges to zero: a frame cut off abruptly
# spreads a tone's energy into side lobes at *all* frequencies (**spectral leakage**), and the
# fade keeps most of it near the tone.
#
# With an FFT length of 512, bin $k$ holds frequency $k \cdot 16000 / 512 = 31.25\,k$ Hz, so the
# 440 Hz tone must peak in bin $\text{round}(440 / 31.25) = 14$ (437.5 Hz). The FFT length only
# sets how finely the spectrum is *sampled*: the frame is padded with zeros from 400 to 512
# samples. The detail the spectrum really has is set by the window length, about
# $16000 / 400 = 40$ Hz here; with the Hann window two tones need roughly twice that to show a
# dip between them (the next section measures it). We compute one frame by hand with NumPy and compare it with
# `tf.signal.stft`.

# %%
FRAME, HOP, NFFT = 400, 160, 512
frame0 = tone[:FRAME] * np.hanning(FRAME + 1)[:-1]  # the periodic Hann window tf.signal uses
by_hand = np.abs(np.fft.rfft(frame0, NFFT))
stft = tf.signal.stft(tone, FRAME, HOP, NFFT, window_fn=tf.signal.hann_window)
magnitude = np.abs(stft.numpy())
print(
    f"STFT shape (frames, bins): {magnitude.shape}; frames = 1 + (16000 - 400) // 160 = "
    f"{1 + (SR - FRAME) // HOP}"
)
print(
    f"peak bin: by hand {np.argmax(by_hand)}, tf.signal {np.argmax(magnitude[0])}, "
    f"round(440 / 31.25) = {round(440 / (SR / NFFT))}"
)
stft_gap = np.abs(by_hand - magnitude[0]).max() / by_hand.max()
print(f"largest difference hand vs tf.signal, relative to the peak: {stft_gap:.1e}")

# %% [markdown]
# The **mel scale** spaces frequencies the way we hear them: evenly below about 1 kHz, more and
# more coarsely above. A **log-mel spectrogram** sums the STFT power into 64 triangular mel
# filters and takes the log (loudness is heard logarithmically too). `audio.log_mel_spectrogram`
# does exactly these steps with `tf.signal`. Keras 3 has the same steps as a layer,
# `keras.layers.MelSpectrogram`, with other defaults: it outputs decibels, with 128 mel bins, an
# FFT of 2048 and a hop of 512. For one second at 16 kHz our result has shape (98 frames, 64 mel
# bins), and the tone's energy should land in the mel filter whose centre is nearest 440 Hz.

# %%
tone_mel = audio.log_mel_spectrogram(tone, SR)
mel_filters = tf.signal.linear_to_mel_weight_matrix(64, NFFT // 2 + 1, SR, 60.0, SR / 2).numpy()
bin_hz = np.fft.rfftfreq(NFFT, 1 / SR)
centres_hz = bin_hz[np.argmax(mel_filters, axis=0)]
tone_mel_peak = int(np.argmax(tone_mel.mean(axis=0)))
nearest_centre = int(np.argmin(np.abs(centres_hz - 440)))
print(f"log-mel shape: {tone_mel.shape}")
print(
    f"loudest mel bin {tone_mel_peak} (centre {centres_hz[tone_mel_peak]:.0f} Hz); the centre "
    f"nearest 440 Hz is bin {nearest_centre}"
)

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** poore second ka spectrum yeh nahi batata ki kaunsi frequency *kab* aayi.
# Isliye STFT signal ko chhote frames mein kaatta hai (25 ms ka frame, har 10 ms pe naya), har
# frame pe Hann window lagata hai aur FFT leta hai. Window frame ke kinaare dheere se zero karti
# hai; seedha kaata hua frame tone ki energy ko saari frequencies mein phaila deta hai (spectral
# leakage). 512 ki FFT mein ek bin 31.25 Hz ka hai, toh 440 Hz wali tone bin 14 mein aani
# chahiye; haath se kiya NumPy calculation aur `tf.signal` dono bin 14 hi dete hain. Par dhyaan
# do: 512 sirf spectrum ko baarik sample karta hai (400 ke baad zero padding); do paas ki tones
# kitni door hon toh alag dikhengi, yeh window ki length tay karti hai: yahan detail lagbhag
# 40 Hz ki, aur Hann window ke saath tones ko iska lagbhag dugna faasla chahiye. Mel scale hamare kaan jaisa hai: neeche resolution zyada, upar kam. 64 mel filters aur log ke baad
# 1 second ka log-mel (98, 64) shape ka hota hai. `keras.layers.MelSpectrogram` wahi steps karta
# hai, bas defaults alag hain (output decibels mein, 128 mel bins).

# %% [markdown]
# ### The window/hop trade-off
#
# A long window sees many periods of a tone, so it separates close frequencies, but it blurs
# *when* something happened. A short window is sharp in time but coarse in frequency. The test
# signal below has two tones 60 Hz apart (1000 and 1060 Hz) and a click at 0.5 s. For each
# window we average the power spectrum over all frames: the tones count as *resolved* when the
# power midway between them (1030 Hz) is less than half the power at 1000 Hz, a dip between two
# peaks. For the click we count the frames whose level at 6 kHz (where only the click has
# energy) is more than 10 dB above that frequency's median, times the hop.

# %%
two_tones = np.sin(2 * np.pi * 1000 * t) + np.sin(2 * np.pi * 1060 * t)
two_tones[SR // 2] += 40.0  # the click


def midway_dip(signal, win, low_hz, high_hz):
    """Mean power midway between two tones, relative to the power at the lower tone."""
    spec = np.abs(tf.signal.stft(signal.astype("float32"), win, win // 4, 2048).numpy())
    power = (spec**2).mean(axis=0)
    freqs = np.fft.rfftfreq(2048, 1 / SR)
    at = {f: power[np.argmin(np.abs(freqs - f))] for f in (low_hz, (low_hz + high_hz) / 2)}
    return at[(low_hz + high_hz) / 2] / at[low_hz], spec


fig, axes = plt.subplots(1, 2, figsize=(10, 3.2))
trade_off = {}
for ax, win in zip(axes, (128, 1024), strict=True):
    dip, spec = midway_dip(two_tones, win, 1000, 1060)
    db = 20 * np.log10(spec + 1e-6)
    high = db[:, int(round(6000 / (SR / 2048)))]
    click_ms = np.sum(high > np.median(high) + 10) * (win // 4) / SR * 1000
    trade_off[win] = {"tones resolved": bool(dip < 0.5), "click ms": click_ms}
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
        f"{'resolved' if dip < 0.5 else 'merged'}, click {click_ms:.0f} ms",
    )
fig.tight_layout()
plt.show()
for win, r in trade_off.items():
    print(f"window {win} samples = {win / SR * 1000:.0f} ms: {r}")

# %% [markdown]
# The 128-sample window (8 ms) shows the click as a thin line but merges the two tones into one
# band; the 1024-sample window (64 ms) separates the tones but smears the click. The smear is
# no surprise: an impulse touches every frame that overlaps it, about window / hop = 4 frames,
# each a hop long, so the click lasts about one window length in the picture.
#
# Speech models settle on 20-30 ms windows mainly because the vocal tract moves: over about
# 20-30 ms its shape, and so the spectrum, is nearly constant (speech is *quasi-stationary*), and
# frames that short follow phonemes and the formant transitions between them (a syllable lasts
# about 200 ms). Resolving the harmonics of the pitch is a side benefit, and only just for the
# lowest voices. The same dip test on the chapter's 25 ms frame, with tones as far apart as the
# pitches of the course's voices (85-260 Hz):

# %%
for gap in (60, 85, 100, 150):
    pair = np.sin(2 * np.pi * 1000 * t) + np.sin(2 * np.pi * (1000 + gap) * t)
    dip = midway_dip(pair, FRAME, 1000, 1000 + gap)[0]
    print(f"tones {gap:3d} Hz apart, 400-sample window: midway / peak power {dip:.2f}")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** lambi window bahut saare cycles dekhti hai, isliye 1000 aur 1060 Hz jaisi
# paas ki tones alag kar paati hai, par click ka time dhundhla kar deti hai; chhoti window time
# mein sharp hai par tones ko mila deti hai. Test: beech (1030 Hz) ki power 1000 Hz wali ke aadhe
# se kam ho, toh tones alag. Click ka phailaav window jitna hi hota hai, koi surprise nahi: click
# lagbhag 4 overlapping frames mein aata hai. Speech ke liye 20-30 ms ki window isliye, kyunki
# itne time mein vocal tract ki shape lagbhag nahi badalti, aur frames phonemes ko follow karte
# hain (ek syllable lagbhag 200 ms ka). Pitch ke harmonics alag dikhna bas bonus hai, aur sabse neechi
# awaazon mein mushkil se: aakhri output mein 25 ms wali window ka dip test dekho.

# %% [markdown]
# ## 3. Source and filter: how the course makes voices
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
# One resonance is a two-pole filter: each output sample is the input plus a weighted sum of the
# two previous *outputs*, $y_t = x_t + 2r\cos\theta\,y_{t-1} - r^2 y_{t-2}$, which rings at the
# frequency $\theta$ (in radians per sample) and decays faster the smaller $r$ is. Below, a
# 120 Hz pulse train goes through one resonance at 730 Hz: its harmonics, all equally loud
# before, come out shaped by a peak.

# %%
PERIOD = SR // 120  # 133 samples between pulses: a pitch of 120.3 Hz
pulses = np.zeros(60 * PERIOD)  # the source: 60 pulses, half a second
pulses[::PERIOD] = 1.0
r, theta = np.exp(-np.pi * 90 / SR), 2 * np.pi * 730 / SR  # bandwidth 90 Hz, centre 730 Hz
vowelish = lfilter([1.0], [1.0, -2 * r * np.cos(theta), r * r], pulses)  # the filter
harmonics_hz = np.arange(1, 26) * SR / PERIOD  # the first 25 harmonics, up to 3 kHz
fig, ax = plt.subplots(figsize=(8, 2.8))
for name, sig in (("pulse train (source)", pulses), ("after the 730 Hz resonance", vowelish)):
    at_harmonics = np.abs(np.fft.rfft(sig))[np.arange(1, 26) * 60]  # 60 periods: bin 60 k
    level = 20 * np.log10(at_harmonics / at_harmonics.max())
    ax.plot(harmonics_hz, level, "o-", ms=3, lw=0.8, label=name)
ax.set(xlabel="Hz", ylabel="dB (loudest harmonic 0)", title="each harmonic, before and after")
ax.legend()
plt.show()
print(f"strongest harmonic after the filter: {harmonics_hz[np.argmax(level)]:.0f} Hz")
display(audio.play(pulses, SR), audio.play(vowelish, SR))

# %% [markdown]
# `audio.synthesize` chains three such resonances (the vowel's first three formants), varies
# the pitch, adds jitter, breath and syllables. Each speaker has a pitch, a tract length, a voice
# quality and a small personal "accent"; each clip has its own syllables, intonation, loudness,
# microphone colouring and background noise. `data.load_dataset("voices", ...)` calls
# `audio.make_voices`.

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
# decide karti hain ki vowel "a" hai ya "i". Ek resonance ek chhota recursive filter hai: har
# output sample mein input plus pichhle 2 outputs ka weighted sum. Plot mein 120 Hz ke pulses ke
# saare harmonics barabar the; 730 Hz ki resonance ke baad unke upar ek peak ban gaya, aur
# dono players mein fark suno. `audio.synthesize` aisi 3 resonances jodta hai, aur pitch,
# jitter, saans aur syllables daalta hai. Chhota vocal tract saare formants ko upar kar deta
# hai. Spectrogram mein horizontal dhaariyan pitch ke harmonics hain aur bright bands formants.
# Teeno players chalao: awaazein robot jaisi lagengi, par alag alag logon jaisi.

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
# code towards the standard normal **prior** $\mathcal{N}(0, I)$. Together they are the negative
# ELBO of Kingma and Welling: the squared error is $-\log p(x \mid z)$, up to a constant, for a
# Gaussian decoder with variance ½ per (standardised) bin, and that fixed variance sets what a
# nat of KL is worth against reconstruction. The KL term makes the latent space smooth and the
# prior a usable sampler: codes drawn from $\mathcal{N}(0, I)$ decode to plausible frames. If it
# falls to zero the codes carry no information ("posterior collapse").
#
# Data: every speaker sustains each of the five vowels, clean, and we keep the middle frames of
# each vowel: 64 log-mel values per frame, standardised per mel bin. Three disjoint sets of
# speakers: training (seed 0), validation (seed 2, for the training curves) and test (seed 1,
# used only for the final figures). For the denoising application every clip also gets a noisy
# copy (white noise at 5 dB signal-to-noise ratio).
#
# A 2-number code needs a 2-number baseline. Predicting the mean spectrum is a 0-number code.
# The fair one is **PCA with 2 components**, the best *linear* 2-D code: project each frame on
# the two directions of largest variance in the training frames, and map back.

# %%
VOWEL_NAMES = list(audio.VOWELS)


def vowel_frames(n_speakers, seed, noise_db=5):
    """Middle log-mel frames of every vowel of every speaker, clean and noisy; labels per frame."""
    vw, vs, vv = audio.make_vowels(n_speakers=n_speakers, sample_rate=SR, duration=0.3, seed=seed)
    rng = np.random.default_rng(seed + 100)
    power = np.mean(vw**2, axis=1, keepdims=True)
    noisy = vw + rng.normal(size=vw.shape) * np.sqrt(power * 10 ** (-noise_db / 10))
    mel = audio.log_mel_spectrogram(np.concatenate([vw, noisy]).astype("float32"), SR)
    mel = mel[:, 6:22]  # 16 middle frames
    clean, noisy_mel = (m.reshape(-1, 64) for m in np.split(mel, 2))
    n = mel.shape[1]
    return clean, noisy_mel, np.repeat(vs, n), np.repeat(vv, n), noisy


x_train_clean, x_train_noisy, spk_train, vow_train, _ = vowel_frames(60, seed=0)
x_val_clean, _, _, _, _ = vowel_frames(10, seed=2)
x_test_clean, x_test_noisy, spk_test, vow_test, noisy_test_waves = vowel_frames(20, seed=1)
mel_mean, mel_std = x_train_clean.mean(axis=0), x_train_clean.std(axis=0)


def standardise(x):
    return ((x - mel_mean) / mel_std).astype("float32")


xc_train, xn_train = standardise(x_train_clean), standardise(x_train_noisy)
xc_val = standardise(x_val_clean)
xc_test, xn_test = standardise(x_test_clean), standardise(x_test_noisy)
train_mean = xc_train.mean(axis=0)
baseline_mse = float(np.mean((xc_test - train_mean) ** 2))
_, _, directions = np.linalg.svd(xc_train - train_mean, full_matrices=False)  # PCA by SVD
pca_mse = {}
for k in (1, 2, 3):
    code = (xc_test - train_mean) @ directions[:k].T  # k numbers per frame
    pca_mse[k] = float(np.mean((code @ directions[:k] + train_mean - xc_test) ** 2))
pca2_mse = pca_mse[2]
print(f"frames: training {xc_train.shape}, validation {xc_val.shape}, test {xc_test.shape}")
print(f"test MSE, mean spectrum (0 numbers per frame): {baseline_mse:.3f}")
print("test MSE, PCA: " + ", ".join(f"{k} numbers {m:.3f}" for k, m in pca_mse.items()))

# %% [markdown]
# The mean spectrum's error is the variance a model has to explain; PCA-2 already explains most
# of it. The model is written as a Keras 3 `Model` subclass whose `train_step` computes both loss
# terms, so `fit` trains it and tracks each term separately. Its inputs are pairs
# `(input, target)`: half the pairs are clean → clean, half noisy → clean, so the same VAE learns
# to compress *and* to clean. The latent has 2 dimensions, so we can plot it directly. The layers
# that produce $\mu$, $\log\sigma^2$ and the output are float32 under every dtype policy, and the
# losses are computed in float32: exponentials and sums of squares overflow in float16.

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
    validation_data=(xc_val, xc_val),  # validation speakers; the test speakers stay unseen
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
    ax.plot(h[f"val_{term}"], label="validation speakers (clean)")
    ax.set(xlabel="epoch", title=f"{term} term (sum over 64 bins)")
val_code = (xc_val - train_mean) @ directions[:2].T
pca2_val = float(np.mean((val_code @ directions[:2] + train_mean - xc_val) ** 2))
axes[0].axhline(64 * pca2_val, color="grey", ls="--", label="PCA-2, validation speakers")
axes[0].legend()
fig.tight_layout()
plt.show()

# %% [markdown]
# Both terms are summed over the 64 mel bins (the KL over the two latent dimensions). The KL
# rises from zero to a few nats while the reconstruction falls: the encoder spends information
# on the code only where it pays for itself in reconstruction. Per value, on clean frames of the
# unseen test speakers, against the two baselines:

# %%
recon_test = vae(xc_test).numpy()
vae_mse = float(np.mean((recon_test - xc_test) ** 2))
print(
    f"test MSE: VAE {vae_mse:.3f}, PCA-2 {pca2_mse:.3f}, mean spectrum {baseline_mse:.3f}; "
    f"the VAE's error is {1 - vae_mse / pca2_mse:.0%} below PCA-2's; "
    f"validation KL {h['val_kl'][-1]:.2f} nats per frame"
)

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** autoencoder input ko ek chhote code mein dabaata hai aur phir wapas banata
# hai. VAE mein encoder ek point nahi, ek distribution deta hai: mean aur log-variance. Phir
# reparameterisation trick se $z = \mu + \sigma \varepsilon$ sample karte hain, taaki gradient
# $\mu$ aur $\sigma$ tak pahunch sake. Loss ke do hisse: reconstruction error, aur KL jo har code
# ko prior $\mathcal{N}(0, I)$ ki taraf kheenchta hai. Dono milke ELBO hain: squared error ek
# Gaussian decoder (variance ½) ka $-\log p(x \mid z)$ hai, aur wahi variance tay karta hai ki KL
# ka ek nat reconstruction ke muqaable kitna bhaari hai. KL zero ho jaaye toh code mein kuch
# information nahi ("posterior collapse"). Speakers ke 3 alag sets hain: training (seed 0),
# validation (seed 2, sirf curves ke liye) aur test (seed 1, sirf aakhri numbers ke liye).
# Aadhe pairs clean → clean, aadhe noisy → clean, isliye wahi VAE compress bhi karta hai aur saaf
# bhi. μ, log σ² aur output layers float32 mein hain, kyunki float16 mein exp aur squares
# overflow ho jaate hain. 2 numbers ke code ka sahi baseline mean spectrum nahi, PCA-2 hai: sabse
# accha *linear* 2-D code. Output dekho: VAE ka test error PCA-2 se kitna neeche hai, yahi
# non-linearity ka fayda hai.

# %% [markdown]
# ### The latent space, and sampling from the prior
#
# Each test frame's mean code $\mu$, coloured by vowel. Nobody told the VAE about vowels: any
# clusters come from the spectra alone. To measure how well the code separates vowels, we give
# each vowel the centre of its *training* frames' codes and label every test frame with the
# nearest centre; PCA-2's code gets the same test.

# %%
z_train = vae.encoder(xc_train)[0].numpy()
z_test = vae.encoder(xc_test)[0].numpy()


def centroid_accuracy(train_codes, test_codes):
    """Share of test frames whose nearest training-vowel centre is their own vowel."""
    centres = np.array([train_codes[vow_train == v].mean(axis=0) for v in range(5)])
    nearest = np.argmin(((test_codes[:, None] - centres[None]) ** 2).sum(-1), axis=1)
    return float(np.mean(nearest == vow_test)), centres


latent_vowel_acc, centroids = centroid_accuracy(z_train, z_test)
pca2_vowel_acc, _ = centroid_accuracy(
    (xc_train - train_mean) @ directions[:2].T, (xc_test - train_mean) @ directions[:2].T
)
fig, ax = plt.subplots(figsize=(4.8, 4))
for v, name in enumerate(VOWEL_NAMES):
    pts = z_test[vow_test == v]
    ax.scatter(pts[:, 0], pts[:, 1], s=4, alpha=0.5, label=f"'{name}'")
ax.scatter(*centroids.T, c="k", marker="x", label="training centres")
ax.set(xlabel="z[0]", ylabel="z[1]", title="VAE latent space, test speakers")
ax.legend(markerscale=2, fontsize=8)
plt.show()
print(
    f"nearest training-vowel centre is right for {latent_vowel_acc:.0%} of test frames with "
    f"the VAE's code, {pca2_vowel_acc:.0%} with PCA-2's (chance 20%)"
)

# %% [markdown]
# A VAE is a *generative* model: the KL term made $\mathcal{N}(0, I)$ a map of the codes, so
# decoding $z \sim \mathcal{N}(0, I)$ should give plausible vowel spectra. Below, a 5 × 5 grid of
# 25 codes over $[-2, 2]^2$ (the prior's central region) decoded to spectra, each titled with the
# vowel whose training centre is nearest; then five codes drawn from the prior, played one after
# the other.
#
# To *hear* a decoded frame we need a waveform, but a log-mel frame has no phase and coarse
# frequency. We use the source-filter idea backwards: the decoded frame is the filter, a pulse
# train at 120 Hz is the source. `envelope_to_sound` maps the mel energies back onto frequencies
# (with the transposed mel matrix) and adds up the harmonics of 120 Hz with those amplitudes.
# (Real systems recover a waveform with a *vocoder*, section 5, or with phase estimation such as
# Griffin-Lim.)


# %%
def envelope_to_sound(log_mel_frame, pitch=120.0, seconds=0.15):
    """Additive synthesis: harmonics of `pitch` weighted by the frame's spectral envelope."""
    power = mel_filters @ np.exp(log_mel_frame)  # back from 64 mel bins to 257 FFT bins
    tt = np.arange(int(seconds * SR)) / SR
    harmonics = np.arange(pitch, SR / 2 - 200, pitch)
    amps = np.sqrt(np.interp(harmonics, bin_hz, power))
    wave = (amps[:, None] * np.sin(2 * np.pi * harmonics[:, None] * tt)).sum(axis=0)
    fade = np.minimum(1, np.minimum(tt, tt[::-1]) / 0.01)  # 10 ms fades: no clicks
    return wave * fade / (np.abs(wave).max() + 1e-9)


def nearest_vowel(codes):
    return [VOWEL_NAMES[i] for i in np.argmin(((codes[:, None] - centroids) ** 2).sum(-1), 1)]


axis = np.linspace(-2, 2, 5)
grid = np.array([[a, b] for b in axis[::-1] for a in axis], dtype="float32")  # rows: z[1]
grid_frames = vae.decoder(grid).numpy() * mel_std + mel_mean
fig, axes = plt.subplots(5, 5, figsize=(9, 6), sharex=True, sharey=True)
for ax, frame, z, name in zip(axes.flat, grid_frames, grid, nearest_vowel(grid), strict=True):
    ax.plot(frame, lw=1)
    ax.set_title(f"({z[0]:+.0f}, {z[1]:+.0f}) '{name}'", fontsize=8)
fig.supxlabel("mel bin (z[0] grows to the right, z[1] upwards)")
fig.supylabel("log-mel energy")
fig.tight_layout()
plt.show()
prior_codes = np.random.default_rng(0).normal(size=(5, LATENT)).astype("float32")
prior_frames = vae.decoder(prior_codes).numpy()
print(f"five codes from the prior, nearest vowels: {nearest_vowel(prior_codes)}")
prior_sound = np.concatenate([envelope_to_sound(f * mel_std + mel_mean) for f in prior_frames])
display(audio.play(prior_sound, SR))

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** latent plot mein har test frame ek point hai, colour vowel ka. VAE ko kisi ne
# vowels nahi bataye; jo clusters dikhte hain, woh sirf spectra se bane. Har vowel ka centre
# *training* codes se nikaal ke test frames ko sabse paas wale centre ka vowel dete hain, PCA-2 ke
# code pe bhi yahi test; output mein dono accuracies dekho (chance 20%). VAE generative hai: KL ki
# wajah se prior $\mathcal{N}(0, I)$ se liya code bhi plausible spectrum deta hai. Grid mein
# $[-2, 2]^2$ ke 25 codes decode kiye, phir prior ke 5 codes suno. Log-mel frame mein phase nahi hota,
# isliye sunne ke liye decoded frame ko filter aur 120 Hz ke harmonics ko source banate hain; asli
# systems mein yeh kaam vocoder ya Griffin-Lim karta hai.

# %% [markdown]
# **An interpolation you can hear.** Ten codes on the straight line from the training centre
# of "a" to the training centre of "i", decoded and played one after the other: the vowel
# should glide from "a" to "i".

# %%
steps = np.linspace(0, 1, 10)[:, None]
path = (1 - steps) * centroids[VOWEL_NAMES.index("a")] + steps * centroids[VOWEL_NAMES.index("i")]
decoded = vae.decoder(path.astype("float32")).numpy() * mel_std + mel_mean
display(audio.play(np.concatenate([envelope_to_sound(f) for f in decoded]), SR))
fig, ax = plt.subplots(figsize=(6, 2.6))
ax.imshow(decoded.T, origin="lower", aspect="auto", cmap="magma")
ax.set(xlabel="step from 'a' to 'i'", ylabel="mel bin", title="decoded frames along the line")
plt.show()

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** training wale "a" aur "i" centres ke beech 10 codes: suno, awaaz dheere
# dheere "a" se "i" ban jaati hai.

# %% [markdown]
# ### Applications: compression and denoising, measured
#
# **Compression**: each frame of 64 numbers travels as 2 latent numbers (32× fewer), at the
# reconstruction error measured above. **Noise reduction**: encode a noisy frame, decode it, and
# compare with the clean frame. A constant output (the mean spectrum) is already a strong
# "denoiser" here, so the fair competitor is a **linear denoiser** fitted by least squares on the
# same pairs (an affine map from 64 values to 64). The noisy input's own error is large because
# standardised log-mel MSE is dominated by the top mel bins, where a clean vowel has almost no
# energy and white noise raises the log-energy a lot; the cell prints the split.
# (*Voice conversion*, another application you will see listed, needs a code that separates
# *what* is said from *who* says it: see *Going further*.)

# %%
denoised = vae(xn_test).numpy()
denoised_mse = float(np.mean((denoised - xc_test) ** 2))
with_bias = np.c_[vae_inputs, np.ones(len(vae_inputs))]
linear_map, *_ = np.linalg.lstsq(with_bias, vae_targets, rcond=None)  # 65 x 64 weights
linear_denoised = np.c_[xn_test, np.ones(len(xn_test))] @ linear_map
linear_mse = float(np.mean((linear_denoised - xc_test) ** 2))
noisy_per_bin = np.mean((xn_test - xc_test) ** 2, axis=0)
print(
    f"test frames, MSE against the clean frame (standardised log-mel):\n"
    f"  noisy input (5 dB SNR)       {noisy_per_bin.mean():.3f}\n"
    f"  mean spectrum (constant)     {baseline_mse:.3f}\n"
    f"  linear denoiser, same pairs  {linear_mse:.3f}\n"
    f"  VAE(noisy input)             {denoised_mse:.3f}"
)
print(
    f"noisy input's error per bin: bins 0-7 {noisy_per_bin[:8].mean():.2f}, bins 56-63 "
    f"{noisy_per_bin[-8:].mean():.0f}; the top 16 bins (above {centres_hz[48]:.0f} Hz) hold "
    f"{noisy_per_bin[48:].sum() / noisy_per_bin.sum():.0%} of it"
)
k = int(np.flatnonzero(vow_test == VOWEL_NAMES.index("o"))[3])
print("the noisy recording, then the noisy, denoised and clean frames as envelopes:")
display(audio.play(noisy_test_waves[k // 16], SR))  # frame k comes from clip k // 16
for frame in (xn_test[k], denoised[k], xc_test[k]):
    display(audio.play(envelope_to_sound(frame * mel_std + mel_mean, seconds=0.6), SR))

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** compression: 64 ki jagah 2 numbers, 32 guna kam. Denoising mein ek constant
# output (mean spectrum) bhi noisy input se kahin accha hai, isliye asli muqaabla usi data pe
# least squares se fit hue linear denoiser se hai. Noisy input ka error bada isliye dikhta hai ki
# standardised log-mel MSE mein upar ke mel bins haavi hain, jahan vowel mein energy lagbhag nahi
# aur noise log-energy bahut badha deta hai (output mein split dekho). Players: pehle asli noisy
# recording, phir noisy, denoised aur clean frames. Voice conversion *Going further* mein hai.

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
#   sigmoid decides how much passes (as in an LSTM);
# - **residual connections** (each block adds its output to its input, so deep stacks train)
#   and **skip connections** (every block's output goes straight to the head);
# - **a categorical output**: one real number trained with a squared error is the blurry average
#   of all possible next samples. WaveNet quantises samples with **μ-law companding** into 256
#   classes and predicts a softmax, which can say "either up or down" and can be *sampled*;
# - **a receptive field** that spans a pitch period: dilations 1, 2, 4 see 8 samples.
#
# We train at 4 kHz, which keeps the sequences short enough for a CPU. The price is bandwidth:
# the synthesiser keeps only resonances below 0.9 × Nyquist = 1.8 kHz, so some second and all
# third formants are gone (the μ-law cell prints which). The voices sound like a bad telephone
# line, yet keep what this section models: pitch pulses (a period of 15-47 samples for
# 85-260 Hz) ringing through formants.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** WaveNet seedha waveform ko model karta hai: pichhle saare samples dekh ke
# agle sample ki probability. Aksar dikhne wale is snippet mein causal dilated convolution toh
# hai, par asli cheezein missing hain: tanh aur sigmoid wala gate, residual aur skip connections,
# aur sabse badi baat, output ek real number hai. Squared error ke saath real number predict
# karoge toh model saare possible agle samples ka average bolega, jo dhundhla hota hai. WaveNet
# μ-law se samples ko 256 classes mein todta hai aur softmax deta hai, jisse sample kar sakte
# hain. Aur snippet sirf 8 samples peeche dekhta hai, ek pitch period ke liye bhi kam. Hum 4 kHz
# pe train karenge taaki CPU pe sequences chhoti rahein. Iski keemat bandwidth hai: Nyquist
# 2 kHz, aur synthesiser sirf 1.8 kHz se neeche ki resonances rakhta hai, toh kuch doosre aur
# saare teesre formants kat jaate hain (μ-law wala cell print karta hai kiska kya bacha). Awaaz
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
    compressed = 2 * (np.asarray(q, dtype="float64") / MU) - 1
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
# **Hinglish mein:** μ-law dheemi values ko zyada classes deta hai, tez values ko kam, kyunki
# speech ke zyada tar samples zero ke paas hote hain. Output mein 0.01 aur 0.1 jaisi chhoti values
# ka round trip error dekho, aur aakhri 3 lines: 4 kHz pe kis vowel ka kaunsa formant bacha.

# %% [markdown]
# ### The model
#
# Input: the previous samples as μ-law values scaled to [-1, 1]. A causal convolution, then
# seven blocks with dilations 1, 2, 4, ..., 64 (kernel 2): each block computes the gate
# $\tanh \odot \sigma$, a 1×1 convolution back to the residual stream (added to the block's
# input) and a 1×1 convolution to the skip stream. The summed skips go through ReLU and 1×1
# convolutions to 256 logits per time step (float32). The output at step $t$ predicts the class
# of sample $t+1$.
#
# The **receptive field** of causal convolutions with kernel $k$ and dilations $d_i$ is
# $1 + \sum_i (k-1)\,d_i$: the current sample, plus $(k-1)\,d_i$ older ones per layer. Here the
# first convolution adds 1 and the blocks $1 + 2 + \dots + 64 = 127$, so
# $1 + 1 + 127 = 129$ samples, 32 ms at 4 kHz.

# %%
DILATIONS = [1, 2, 4, 8, 16, 32, 64]
CH, SKIP = 32, 64
receptive_field = 1 + sum((2 - 1) * d for d in [1] + DILATIONS)  # first conv, then the blocks


def build_wavenet(head_dtype="float32"):
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
    logits = layers.Conv1D(256, 1, dtype=head_dtype)(h)
    return keras.Model(x_in, logits, name="wavenet")


wavenet = build_wavenet()
print(
    f"receptive field by the formula: {receptive_field} samples "
    f"({receptive_field / WAVE_SR * 1000:.0f} ms); parameters {wavenet.count_params():,}"
)

# %% [markdown]
# **Verifying causality and the receptive field.** The formula is arithmetic; the wiring must be
# checked. Change one input sample and watch the output at $t$: it must not move for a *future*
# sample ($t+1$) nor for sample $t-129$ (outside the receptive field), and must move (for an
# untrained model, almost surely) for sample $t-128$.
#
# The oldest sample's effect is tiny (it passes through one tap of every layer), so the probe
# runs on a **float64** copy of the model, whatever the chapter's dtype policy. What is
# guaranteed is that the output does not *depend* on the future: on a CPU the change is exactly
# 0.0, while a GPU's convolution algorithms may leave rounding noise (*Going further* says why).
# So "no change" means below 1e-9, far below the oldest sample's effect.

# %%
probe_x = np.random.default_rng(0).uniform(-1, 1, (1, 400, 1))
T_OUT, NO_CHANGE = 300, 1e-9

chapter_policy = keras.config.dtype_policy()
keras.config.set_dtype_policy("float64")
probe_net = build_wavenet(head_dtype="float64")  # a float64 twin for the exactness test
keras.config.set_dtype_policy(chapter_policy)
probe_net.set_weights(wavenet.get_weights())


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
for name, change in causality.items():
    print(f"perturb sample {name:24s} -> output at t changes by {change:.2e}")
print(f"probe dtype: {probe_net(probe_x).dtype}; 'no change' means below {NO_CHANGE:.0e}")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** model mein pehle ek causal convolution, phir 7 blocks jinke dilations 1 se
# 64 tak double hote hain. Har block mein tanh aur sigmoid ka gate, residual stream mein wapas
# add, aur ek alag 1×1 convolution skip stream mein. Receptive field formula $1 + \sum_i
# (k-1)\,d_i$ se 129 samples aata hai, 4 kHz pe 32 ms. Formula sirf hisaab hai; wiring ko check
# karna padta hai: future sample badlo toh output nahi badalna chahiye; 128 samples peeche wala
# badlo toh (untrained model mein lagbhag hamesha) badalna chahiye; 129 peeche wala range ke
# bahar hai, usse kuch nahi hona chahiye. Sabse purane sample ka asar bahut chhota hai (output
# dekho), isliye probe model ki float64 copy pe chalta hai. Guarantee yeh hai ki output future pe
# *depend* nahi karta: CPU pe change bilkul 0.0 aata hai, GPU ke convolution algorithms thoda
# rounding noise chhod sakte hain. Isliye "koi change nahi" ka matlab 1e-9 se kam.

# %% [markdown]
# ### Training, and three baselines
#
# Training examples are random windows of 640 samples; the loss is the cross-entropy of the
# next sample's class (in nats), averaged over the last 512 steps of each window (the first 128
# lack a full receptive field). Training is parallel over all 512 steps: the input at every step
# is the *true* previous audio (**teacher forcing**), so one pass scores every step at once.
# Generation cannot do that (next section). Three baselines, on the same test positions:
#
# - **marginal**: the class frequencies of the training audio, ignoring the past;
# - **repeat the last sample**: the next class is the last class plus a jump, with jumps
#   distributed as in the training audio: the "nothing changes" forecast made into a
#   probability distribution;
# - **linear prediction (LPC)**, the classical model of a source through resonances (section 3):
#   each sample is a weighted sum of the previous 16 (least squares on the training audio), with
#   a Laplace distribution around it whose width follows the last 32 errors (loud passages err
#   more); a class's probability is the distribution's mass between the class's edges.

# %%
WIN, WARM = 640, receptive_field - 1
rng = np.random.default_rng(0)


def windows(q, n, rng):
    clip = rng.integers(0, q.shape[0], n)
    start = rng.integers(0, q.shape[1] - WIN - 1, n)
    seq = np.stack([q[c, s : s + WIN + 1] for c, s in zip(clip, start, strict=True)])
    x = (seq[:, :-1, None].astype("float32") / MU) * 2 - 1
    return x, seq[:, 1:], clip, start


def masked_ce(y_true, logits):
    ce = keras.losses.sparse_categorical_crossentropy(y_true, logits, from_logits=True)
    return ops.mean(ce[:, WARM:])


x_tr, y_tr, _, _ = windows(q_train, 2400, rng)
x_te, y_te, te_clip, te_start = windows(q_test, 200, np.random.default_rng(1))
counts = np.bincount(q_train.ravel(), minlength=256) + 1.0
marginal_ce = float(-np.log(counts / counts.sum())[y_te[:, WARM:]].mean())
jumps = np.diff(q_train, axis=1).ravel()
jump_p = (np.bincount(jumps + 255, minlength=511) + 1.0) / (jumps.size + 511)
last = np.rint((x_te[:, WARM:, 0] + 1) / 2 * MU).astype(int)
repeat_last_ce = float(-np.log(jump_p[y_te[:, WARM:] - last + 255]).mean())

# %%
ORDER, RECENT = 16, 32
x_train_lin, x_test_lin = mu_law_decode(q_train), mu_law_decode(q_test)


def past(x):
    """x[t-1], ..., x[t-ORDER] for every t >= ORDER: shape (clips, steps - ORDER, ORDER)."""
    return np.lib.stride_tricks.sliding_window_view(x, ORDER, axis=1)[:, :-1, ::-1]


lpc_weights, *_ = np.linalg.lstsq(
    past(x_train_lin).reshape(-1, ORDER), x_train_lin[:, ORDER:].ravel(), rcond=None
)


def lpc_forecast(x):
    """The prediction of every sample, and the mean |error| of the RECENT steps before it."""
    pred = np.zeros_like(x)
    pred[:, ORDER:] = past(x) @ lpc_weights
    error = np.abs(x - pred)
    error[:, :ORDER] = 0
    total = np.concatenate([np.zeros((len(x), 1)), np.cumsum(error, axis=1)], axis=1)
    t = np.arange(x.shape[1])
    first = np.maximum(ORDER, t - RECENT)
    return pred, (total[:, t] - total[:, first]) / np.maximum(1, t - first), error


def laplace_cdf(z, b):
    below, above = 0.5 * np.exp(np.minimum(z, 0) / b), 1 - 0.5 * np.exp(-np.maximum(z, 0) / b)
    return np.where(z < 0, below, above)


_, recent_train, error_train = lpc_forecast(x_train_lin)
scale = float(np.mean(error_train[:, 2 * ORDER :] / (recent_train[:, 2 * ORDER :] + 1e-4)))
edges = mu_law_decode(np.arange(MU) + 0.5)  # the boundaries between classes, as sample values
lower, upper = np.r_[-np.inf, edges], np.r_[edges, np.inf]
pred, recent, _ = lpc_forecast(x_test_lin)
rows, cols = te_clip[:, None], te_start[:, None] + 1 + np.arange(WARM, WIN)  # the targets' places
target, centre, width = q_test[rows, cols], pred[rows, cols], scale * recent[rows, cols] + 1e-4
p_class = laplace_cdf(upper[target] - centre, width) - laplace_cdf(lower[target] - centre, width)
lpc_ce = float(-np.log(0.999 * p_class + 0.001 / 256).mean())  # 0.1% uniform: no zero probability
print(
    f"test cross-entropy (nats): marginal {marginal_ce:.3f}, repeat-last {repeat_last_ce:.3f}, "
    f"LPC-{ORDER} {lpc_ce:.3f} (Laplace width = {scale:.2f} x recent mean |error|)"
)

# %%
wavenet.compile(optimizer=keras.optimizers.Adam(3e-3), loss=masked_ce)
untrained_ce = float(wavenet.evaluate(x_te, y_te, verbose=0, batch_size=50))
start = time.perf_counter()
wave_history = wavenet.fit(x_tr, y_tr, epochs=3, batch_size=16, verbose=0, shuffle=True)
print(f"trained in {time.perf_counter() - start:.0f} s")
wavenet_ce = float(wavenet.evaluate(x_te, y_te, verbose=0, batch_size=50))
print(
    f"test cross-entropy (nats): untrained {untrained_ce:.3f} (ln 256 = {np.log(256):.3f}), "
    f"marginal {marginal_ce:.3f}, repeat-last {repeat_last_ce:.3f}, LPC {lpc_ce:.3f}, "
    f"WaveNet {wavenet_ce:.3f}"
)

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** 640 samples ki windows pe agle sample ki class ka cross-entropy, sirf aakhri
# 512 steps pe (jahan poora receptive field hai). Training parallel hai: har step ka input *asli*
# pichhla audio hai (teacher forcing). 3 baselines: marginal (sirf classes ki frequency), repeat-
# last ("jo abhi tha wahi aage"), aur LPC: agla sample pichhle 16 ka weighted sum (least squares),
# aas paas ek Laplace distribution jiski width pichhle 32 errors ke saath badalti hai. LPC sabse
# strong baseline hai, yahi resonances wale audio ka classical model; output dekho.

# %% [markdown]
# ### Generating audio, and how slow it is
#
# Generation is autoregressive: feed the last 129 samples, get a softmax over the next sample's
# class, *sample* from it, append, repeat. We prime the model with 129 samples of a test clip and
# generate half a second. Every new sample needs a full pass through the network. Does the
# result sound voiced? Voiced sound repeats at the pitch period, so the cell looks for the
# strongest autocorrelation at lags of 15-47 samples (pitches of 85-260 Hz).


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


def pitch_lag(wave):
    """The lag (15-47 samples) of the strongest autocorrelation, and its value (1 = periodic)."""
    w = wave - wave.mean()
    ac = np.array([w[:-lag] @ w[lag:] for lag in range(15, 48)]) / (w @ w)
    return 15 + int(np.argmax(ac)), float(ac.max())


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
real_wave = wave_test[0, voiced : voiced + N_GEN]
for name, w in (("generated", generated_wave), ("test clip", real_wave)):
    lag, strength = pitch_lag(w)
    print(
        f"{name:9s}: strongest repetition at a lag of {lag} ({WAVE_SR / lag:.0f} Hz): {strength:.2f}"
    )
display(audio.play(generated_wave, WAVE_SR))
fig, ax = plt.subplots(figsize=(9, 2.4))
ax.plot(np.arange(800) / WAVE_SR * 1000, generated_wave[:800], lw=0.8)  # 200 ms
ax.set(xlabel="ms", title="the first 200 ms the WaveNet generated")
plt.show()

# %% [markdown]
# Listen: the model babbles. Its output repeats at a pitch period (the autocorrelation above):
# it has learned the texture of voiced sound, but no words, as the data has none and no
# conditioning tells it what to say. Conditioned on a mel spectrogram, WaveNet becomes a
# **vocoder**: spectrogram in, waveform out.
#
# The speed is the real lesson. Training was parallel (teacher forcing); generation needs one
# network call per sample, and a sample cannot start before the previous one is known: a second
# of 24 kHz audio is 24,000 sequential passes. Caching the dilated convolutions' activations
# ("fast WaveNet") removes recomputation, not the chain. The successors trade something for speed:
# **WaveRNN** makes each step one small GRU step (real time on a phone CPU, still sequential);
# **flows** such as WaveGlow and **GAN vocoders** such as HiFi-GAN produce all samples in
# parallel. *Going further · Faster vocoders* compares them.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** generation ek ek sample karke hoti hai: pichhle 129 samples do, softmax se
# agla sample *sample* karo, jodo, phir se. Model babble karta hai: autocorrelation dikhati hai
# ki output pitch period pe repeat hota hai, yaani awaaz ki texture seekh li, par words nahi:
# data mein words hain hi nahi, aur kisi conditioning ne bataya nahi ki kya bolna hai. Asli
# WaveNet mel spectrogram se condition hota hai, tab woh vocoder banta hai. Asli lesson speed
# hai: training teacher forcing se parallel thi, lekin generation mein har sample ke liye poora
# network chalana padta hai, aur agla sample pichhle ke bina shuru nahi ho sakta. 24 kHz pe ek
# second matlab 24,000 passes ek ke baad ek. WaveRNN har step sasta karta hai (phir bhi
# sequential), WaveGlow jaise flows aur HiFi-GAN jaise GAN vocoders saare samples parallel mein
# nikaalte hain; tulna *Going further* mein hai.

# %% [markdown]
# ## Checkpoint
#
# Checks that a broken model or a wrong implementation would fail, each with its bug named in a
# comment. Identities (bin 14, the shape (98, 64), the smear equal to the window, 129 by the
# formula) hold by construction: they were printed, not asserted.
#
# - the long window separates the tones, the short one does not; the log-mel peaks nearest 440 Hz;
# - the VAE beats **PCA-2** on test frames, and denoises better than half the mean spectrum's
#   error and than the linear denoiser;
# - the WaveNet's output ignores the future and sample $t-129$ (change below 1e-9) but not
#   $t-128$; its test cross-entropy is at least **0.2 nats** below LPC's, and its generated audio
#   repeats at a pitch period (autocorrelation above 0.3).
#
# How the figures move under the GPU dtype policies: `reports/policy_runs.md`.

# %%
# catches: frame_length and frame_step swapped, or the trade-off measured on one window twice
assert trade_off[1024]["tones resolved"] and not trade_off[128]["tones resolved"], trade_off
# catches: a log-mel built for another sample rate, or its mel and time axes swapped
assert tone_mel_peak == nearest_centre, (tone_mel_peak, nearest_centre)
# catches: a VAE no better than the best linear 2-D code (a collapsed code, too little
# training, too large a KL weight, a decoder without its non-linearities)
assert vae_mse < pca2_mse, (vae_mse, pca2_mse)
# catches: a "denoiser" no better than ignoring its input (the mean spectrum) ...
assert denoised_mse < 0.5 * baseline_mse, (denoised_mse, baseline_mse)
# ... or than least squares on the same clean and noisy -> clean pairs
assert denoised_mse < linear_mse, (denoised_mse, linear_mse)
# catches: padding="same" or a misplaced shift (the model sees the future)
assert causality["future t+1"] < NO_CHANGE, causality
# catches: a receptive field wider than 129 (an extra layer, a doubled dilation)
assert causality[f"t-{receptive_field} (outside)"] < NO_CHANGE, causality
# catches: a receptive field narrower than 129 (a block missing, dilation_rate not passed)
assert causality[f"t-{receptive_field - 1} (oldest seen)"] > 1e3 * NO_CHANGE, causality
# catches: a WaveNet no better than 16 linear weights (undertrained, wrong target shift)
assert wavenet_ce <= lpc_ce - 0.2, (wavenet_ce, lpc_ce)
# catches: generation that outputs noise (logits sampled wrongly, the window fed unscaled)
assert pitch_lag(generated_wave)[1] > 0.3, pitch_lag(generated_wave)
print("All checkpoints passed.")

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** asserts woh pakadte hain jo ek toota model ya galat code karta, aur har
# comment mein bug ka naam hai. Construction se sach cheezein (bin 14, shape (98, 64), formula se
# 129) sirf print hui. Checks: window trade-off aur 440 Hz wala mel bin; VAE ka test error PCA-2
# se kam, aur denoising mean spectrum ke aadhe error aur linear denoiser dono se behtar; WaveNet
# future aur $t-129$ ko ignore karta hai (1e-9 se kam), $t-128$ ko nahi; LPC se kam se kam 0.2
# nats neeche; aur generated audio pitch period pe repeat hota hai. Numbers upar print hue. Fail
# ho toh threshold mat ghatao, dhoondho ki model kyun nahi seekh raha.

# %% [markdown]
# ## Summary
#
# - Audio is samples at a sample rate; frequencies above Nyquist alias. The STFT cuts it into
#   windowed frames (the window length sets the frequency resolution); the log-mel spectrogram
#   pools the power into perceptual bands. Long windows resolve frequency, short ones time.
# - The course's voices are pitch pulses (the speaker) through formant resonances (the vowel).
# - A VAE's loss is reconstruction + KL (the negative ELBO). Its 2-number code beats PCA-2, groups
#   frames by vowel without labels, and decodes prior samples and interpolations you can hear.
#   Judge a denoiser against a constant output and a linear one, not against the noisy input.
# - WaveNet predicts a softmax over 256 μ-law classes from a receptive field of dilated causal
#   convolutions with gates, residual and skip connections; probe causality and the receptive
#   field by perturbing inputs. Its fair classical rival is linear prediction.
# - Training is parallel (teacher forcing), generation sequential and slow; WaveRNN makes each
#   step cheap, flows and GAN vocoders generate all samples in parallel.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** audio matlab samples aur sample rate; Nyquist se upar alias. STFT windowed
# frames deta hai (window ki length frequency resolution tay karti hai), log-mel kaan jaise bands.
# Lambi window frequency ke liye acchi, chhoti window time ke liye. Awaazein source-filter se:
# pitch ke pulses, formants ki resonances. VAE ka 2 numbers ka code PCA-2 se accha rebuild karta
# hai, bina labels ke vowels ke clusters banata hai, aur prior se sample karke sun sakte ho;
# denoiser ko constant aur linear denoiser se compare karo. WaveNet ka classical rival LPC hai;
# training parallel (teacher forcing), generation sequential aur dheemi, isliye WaveRNN, flows aur
# GAN vocoders.

# %% [markdown]
# ## Going further · Real recorded words
#
# `data.load_dataset("speech_commands", prefer_online=True)` downloads TensorFlow's mini Speech
# Commands (about 180 MB: 1 s recordings of 8 words such as "yes", "no", "up", "down", at
# 16 kHz) and returns the first 250 files of each word as the same `(waves, speakers, words)`
# triple. Offline, or if the download fails, it says why and returns the synthetic voices
# (200 clips, 20 speakers) instead. The cell asks for it only on Colab, so an offline run never
# waits for the network; on your own online machine set `ONLINE = True`.

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
# **Hinglish mein:** online ho toh asli awaazein bhi sun sakte ho: mini Speech Commands (lagbhag
# 180 MB, 8 words, har word ki pehli 250 files). Offline ho ya download fail ho, toh wajah batake
# synthetic voices (200 clips, 20 speakers) milti hain. Yeh sirf Colab pe download hota hai;
# apni online machine pe `ONLINE = True` kar do.

# %% [markdown]
# ## Going further · Exactness on a GPU
#
# Why a float64 twin for the causality probe? The oldest sample's effect on the logits is tiny
# (the probe prints it). float16, with about 3 decimal digits, would round it away, which is why
# the probe ignores the chapter's dtype policy. float32 is not enough on a GPU either: Ampere and
# newer NVIDIA GPUs run float32 convolutions and matrix products as **TF32** by default, which
# keeps only 10 bits of each input's mantissa (relative errors around 1e-3), enough to drown a
# small effect in rounding noise. And cuDNN may pick convolution algorithms (FFT, Winograd) that
# transform whole tiles of the sequence, so an output can pick up rounding noise from a sample
# it does not depend on. TF32 does not apply to float64, and float64's rounding noise is about
# 1e-16 relative: a threshold of 1e-9 separates "does not depend" from "depends" with room on
# both sides. The lesson is about precision: fast formats trade the last digits for speed, which
# training tolerates and an exactness test does not.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** float64 kyun? Sabse purane sample ka asar bahut chhota hai; float16 usko
# round karke gayab kar dega. GPU pe float32 bhi kaafi nahi: Ampere aur naye NVIDIA GPUs default
# mein TF32 chalaate hain (mantissa ke 10 bits, lagbhag 1e-3 ka error), aur cuDNN ke FFT ya
# Winograd algorithms poore tile ko transform karte hain, toh output mein us sample ka noise bhi
# aa sakta hai jis pe woh depend nahi karta. float64 pe TF32 lagta hi nahi, noise lagbhag 1e-16,
# isliye 1e-9 ka threshold dono taraf jagah chhodta hai.

# %% [markdown]
# ## Going further · Faster vocoders
#
# - **WaveRNN** (Kalchbrenner et al., 2018) replaces the deep convolution stack by *one* small
#   GRU step per sample, with sparse weights and a split of each 16-bit sample into two 8-bit
#   halves, so it runs in real time on a phone CPU. It gives up model size (and some quality) and
#   is still sequential.
# - **WaveGlow** (Prenger et al., 2019) is a normalising **flow**: an invertible network that
#   maps Gaussian noise to audio, so *all* samples are produced in parallel: the paper reports
#   more than 500,000 samples per second on an NVIDIA V100 GPU, over 20 times faster than real
#   time at 22.05 kHz. It gives up compactness (about 88M parameters, long training) and exact
#   autoregressive modelling.
# - **GAN vocoders** (MelGAN, HiFi-GAN) train a parallel generator against discriminators; they
#   are small and fast, and today's default, at the price of a trickier training.
#
# | vocoder family | example | generation | speed | what it gives up |
# |---|---|---|---|---|
# | autoregressive | WaveNet, WaveRNN | one sample after another | slow (WaveRNN: real time on a CPU) | parallelism |
# | flow | WaveGlow, Parallel WaveNet | all samples at once | very fast on a GPU | size, training time |
# | GAN | MelGAN, HiFi-GAN | all samples at once | very fast, small | stable training, exact likelihood |

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** WaveRNN ek chhota GRU step per sample leke (sparse weights, har 16-bit
# sample ke 2 hisse 8-bit ke) phone CPU pe real time tak pahunchta hai, par phir bhi sequential
# hai. WaveGlow flow hai, saare samples parallel mein nikaalta hai: paper ke hisaab se V100 GPU
# pe 500,000 se zyada samples per second, yaani 22.05 kHz audio ke real time se 20 guna se zyada
# tez. Lekin model bahut bada hai (lagbhag 88M parameters) aur training lambi. GAN vocoders
# jaise HiFi-GAN chhote aur tez hain, bas training thodi nakhre wali hai. Table mein teeno
# families ka tradeoff hai.

# %% [markdown]
# ## Going further · Conditioning: who speaks, and what
#
# The chapter's WaveNet babbles in whatever voice the primer suggests. **Global conditioning**
# tells it *who* speaks: give each speaker a learned vector (an embedding, as in chapter 05b),
# and add a `Dense` projection of it to both gate branches of every block. The voices here come
# with speaker labels, so this is one `Embedding`, seven `Dense` layers and seven `Add`s.
# **Local conditioning** tells it *what* to say: a mel spectrogram, upsampled to the sample rate,
# added the same way, turns the model into a vocoder. The same split (who / what) is what
# **voice conversion** needs from a VAE: a decoder that receives the speaker code separately, so
# that the latent code is left to carry the content.

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** global conditioning batati hai *kaun* bol raha hai: har speaker ka embedding
# (jaise 05b mein), uska `Dense` projection har block ke dono gates mein add. Local conditioning
# *kya* bolna hai batati hai: upsampled mel spectrogram, aur model vocoder ban jaata hai. Voice
# conversion ko VAE se bhi yahi split chahiye: speaker code decoder ko alag se mile, latent mein
# sirf content.

# %% [markdown]
# ## Exercises
#
# The first four exercises check your answer: replace the `...` and run the cell. `ex.q1.hint()`
# gives a nudge, `ex.q1.solution()` the answer.
#
# 1. **Which bin?** A 1000 Hz tone is sampled at 16 kHz and analysed with frames of 400 samples
#    and `fft_length=512`. In which STFT bin does it peak?

# %%
from course_utils.exercises import ch05a as ex

tone_bin = ...
ex.q1.check(tone_bin)

# %% [markdown]
# 2. **Receptive field.** Write a function `my_receptive_field(kernel_size, dilations)` for a
#    stack of causal convolutions, where `dilations` lists every layer's dilation (the
#    chapter's WaveNet is `my_receptive_field(2, [1, 1, 2, 4, 8, 16, 32, 64])`), and pass it.

# %%
my_receptive_field = ...
ex.q2.check(my_receptive_field)

# %% [markdown]
# 3. **μ-law by hand.** Write `my_mu_law(x)` that maps samples in [-1, 1] to classes 0-255
#    (μ = 255).

# %%
my_mu_law = ...
ex.q3.check(my_mu_law)

# %% [markdown]
# 4. **A KL by hand.** An encoder gives one frame the code mean $\mu = (1.0, -0.5)$ and
#    log-variance $\log\sigma^2 = (0.0, -1.0)$. How many nats does this frame add to the VAE's KL
#    term (the chapter's `losses_of` before the mean over frames)? Which of the two dimensions
#    costs more?

# %%
kl_nats = ...
ex.q4.check(kl_nats)

# %% [markdown]
# 5. **β-VAE.** Retrain the VAE with `VAE(beta=0.1)` and `VAE(beta=5)`. How do the test
#    reconstruction error and the KL change, against PCA-2, and how does the latent plot look?
#
# <details><summary>Solution</summary>
#
# What theory predicts, for you to check on your run: a small β lets the code carry more
# information (higher KL, lower reconstruction error) but the latent space becomes less regular,
# so points between the clusters and samples from the prior decode to less plausible spectra. A
# large β squeezes the code towards the prior: the KL drops, the reconstruction error rises and
# may pass PCA-2's, and vowels with similar spectra can merge. At some β the KL reaches zero and
# the decoder outputs the mean spectrum: posterior collapse.
# </details>
#
# 6. **Greedy generation.** Change `generate` to take the most likely class instead of
#    sampling. Listen, and run `pitch_lag` on the result. Why can it go quiet or buzz?
#
# <details><summary>Solution</summary>
#
# The most likely next class is usually "close to the last one", so greedy decoding follows the
# most likely path, which tends to decay towards silence or to lock into a short repeating loop
# (a buzz, with a strong autocorrelation at one lag). Sampling keeps the noise and the variety
# that real audio has; this is why WaveNet samples, as language models do. Which of the two your
# run shows depends on the model and the primer.
# </details>

# %% [markdown] tags=["hinglish"]
# **Hinglish mein:** pehli 4 exercises khud check hoti hain: `...` ki jagah answer likho aur cell
# chalao. (1) 1000 Hz ki tone, 16 kHz, 400 samples ke frames, `fft_length=512`: peak kis bin
# mein? (2) `my_receptive_field(kernel_size, dilations)` likho; `dilations` mein har layer ki
# dilation hai, aur chapter ka WaveNet `my_receptive_field(2, [1, 1, 2, 4, 8, 16, 32, 64])`
# hai. (3) `my_mu_law(x)`: [-1, 1] ke samples ko 0-255 classes mein (μ = 255). (4) ek frame ka
# code mean $\mu = (1.0, -0.5)$ aur log-variance $(0.0, -1.0)$ hai: KL term mein yeh kitne nats
# jodta hai, aur kaunsi dimension zyada mehngi hai? (5) `VAE(beta=0.1)` aur `VAE(beta=5)` se
# dobara train karo aur dekho reconstruction error (PCA-2 ke muqaable), KL aur latent plot kaise
# badalte hain. (6) sampling ki jagah sabse likely class lo, suno, aur `pitch_lag` chalao; awaaz
# chup kyun ho sakti hai ya ek buzz pe kyun atak sakti hai?
