"""Audio for chapter 05: seeded speech-like voices, log-mel features, players, EER and ROC.

Introduced in chapter 05 (05a: sound as data, VAE, WaveNet; 05b: speaker verification).

The voices are made by **source-filter synthesis**, the textbook model of the human voice: a
glottal pulse train (the *source*, at a speaker's pitch, with jitter and breath noise) is shaped
by formant resonators (the *filter*, the vocal tract, whose resonances move up when the tract is
shorter). Every speaker has its own pitch range, vocal-tract length, voice quality and small
"accent" offsets of the vowel formants; every clip has its own syllables, intonation, loudness,
microphone colouring and background noise. Different seeds give different speakers, so a test
set of *unseen speakers* is one call with another seed.

>>> waves, speakers, texts = make_voices(n_speakers=2, clips_per_speaker=2, seed=0)
>>> waves.shape, waves.dtype.name, speakers.tolist()
((4, 16000), 'float32', [0, 0, 1, 1])
>>> eer, _ = equal_error_rate([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0])
>>> round(eer, 3)
0.5
"""

from __future__ import annotations

from typing import Any

import numpy as np

from course_utils._checks import check_int, check_number

#: Formant frequencies F1, F2, F3 (Hz) of five vowels for an average adult vocal tract.
VOWELS: dict[str, tuple[float, float, float]] = {
    "a": (730.0, 1090.0, 2440.0),
    "e": (530.0, 1840.0, 2480.0),
    "i": (270.0, 2290.0, 3010.0),
    "o": (570.0, 840.0, 2410.0),
    "u": (300.0, 870.0, 2240.0),
}
_BANDWIDTHS = (70.0, 100.0, 140.0)
_CONSONANTS = ("s", "t", "")  # a hiss, a burst, or none before the vowel
#: The lowest sample rate accepted. The synthesiser keeps only resonances below 0.9 × Nyquist, so
#: at 4000 Hz (Nyquist 2 kHz) it keeps those below 1.8 kHz: the first formant of every vowel (at
#: most ~0.94 kHz after the tract and accent factors) and the second of "a", "o" and "u" (at most
#: ~1.4 kHz), but never the second of "i" (1.8-2.9 kHz), the second of "e" only for long vocal
#: tracts (1.46-2.36 kHz), no third formant but the occasional "u" (1.77-2.88 kHz) and no high
#: resonance. Every F2 needs about 6.6 kHz, every F3 about 8.6 kHz; at 16 kHz all are kept.
MIN_SAMPLE_RATE = 4000
MAX_SAMPLE_RATE = 192_000


# ------------------------------------------------------------------------------- input checks


def check_sample_rate(sample_rate: Any, minimum: int = 1000) -> int:
    """``sample_rate`` as an int, or a ``ValueError``/``TypeError`` saying what is accepted.

    Chapter 05.
    """
    if isinstance(sample_rate, bool) or not isinstance(sample_rate, int | np.integer):
        if isinstance(sample_rate, float) and sample_rate.is_integer():
            sample_rate = int(sample_rate)
        else:
            raise TypeError(
                f"sample_rate must be a whole number of samples per second (e.g. 16000), "
                f"got {type(sample_rate).__name__}: {sample_rate!r}"
            )
    if not minimum <= sample_rate <= MAX_SAMPLE_RATE:
        raise ValueError(
            f"sample_rate {sample_rate} Hz is outside the accepted range "
            f"{minimum}-{MAX_SAMPLE_RATE} Hz (speech is usually 8000 or 16000 Hz)."
        )
    return int(sample_rate)


def as_mono(wave: Any, name: str = "wave") -> np.ndarray:
    """``wave`` as a 1-D float32 array, or a ``ValueError`` that says what was wrong.

    Chapter 05. A column ``(n, 1)`` is flattened. Stereo (two channels), empty arrays and
    NaN/infinite samples are refused with the fix in the message.

    >>> as_mono([[0.1], [0.2]]).tolist()
    [0.10000000149011612, 0.20000000298023224]
    """
    try:
        array = np.asarray(wave, dtype=np.float32)
    except (TypeError, ValueError) as err:
        raise TypeError(f"{name} must be an array of numbers (one mono clip): {err}") from None
    if array.ndim == 2 and 1 in array.shape:
        array = array.reshape(-1)
    if array.ndim != 1:
        hint = ""
        if array.ndim == 2 and 2 in array.shape:
            axis = 0 if array.shape[0] == 2 else 1
            hint = f" It looks like stereo: mix it down with {name}.mean(axis={axis})."
        raise ValueError(
            f"{name} must be one mono clip, a 1-D array of samples; got shape {array.shape}.{hint}"
        )
    if array.size == 0:
        raise ValueError(f"{name} is empty: a clip needs at least one sample.")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} contains NaN or infinite samples.")
    return array


def _as_batch(waves: Any) -> np.ndarray:
    array = np.asarray(waves, dtype=np.float32)
    if array.ndim == 1:
        array = as_mono(array, "waves")[np.newaxis]
    if array.ndim != 2:
        raise ValueError(
            "waves must be one mono clip (1-D) or a batch of equal-length mono clips "
            f"(clips, samples); got shape {array.shape}."
        )
    if array.shape[0] == 0 or array.shape[1] == 0:
        raise ValueError(f"waves is empty (shape {array.shape}).")
    if not np.all(np.isfinite(array)):
        raise ValueError("waves contains NaN or infinite samples.")
    return array


# ---------------------------------------------------------------------------------- synthesis


def _lfilter(b: Any, a: Any, x: np.ndarray) -> np.ndarray:
    from scipy.signal import lfilter  # scipy comes with scikit-learn

    return lfilter(b, a, x)


def _resonator(x: np.ndarray, freq: float, bandwidth: float, sample_rate: int) -> np.ndarray:
    """A two-pole resonance (one formant) with gain 1 at 0 Hz (Klatt's formant filter)."""
    r = np.exp(-np.pi * bandwidth / sample_rate)
    c = 2 * r * np.cos(2 * np.pi * freq / sample_rate)
    return _lfilter([1 - c + r * r], [1, -c, r * r], x)


def make_speaker(seed: int, index: int) -> dict[str, Any]:
    """The voice of speaker ``index`` of the set ``seed``: a dict of source-filter parameters.

    Chapter 05. ``pitch`` (Hz), ``tract`` (formant multiplier: 1.2 is a short vocal tract, a
    child or a small adult; 0.85 a long one), ``tilt`` (glottal pulse smoothness: higher is a
    softer, darker voice), ``breath`` (aspiration noise), ``jitter`` (pitch irregularity),
    ``bandwidth`` (formant bandwidth multiplier), ``accent`` (per vowel and formant, a small
    personal shift) and ``extra`` (a fixed high resonance, Hz).
    """
    rng = np.random.default_rng([int(seed), int(index), 7])
    return {
        "pitch": float(np.exp(rng.uniform(np.log(85), np.log(260)))),
        "tract": float(rng.uniform(0.85, 1.2)),
        "tilt": float(rng.uniform(0.80, 0.97)),
        "breath": float(rng.uniform(0.01, 0.12)),
        "jitter": float(rng.uniform(0.003, 0.02)),
        "bandwidth": float(rng.uniform(0.75, 1.5)),
        "accent": {v: rng.uniform(0.93, 1.07, size=3) for v in VOWELS},
        "extra": float(rng.uniform(3200, 4400)),
    }


def _glottal_source(
    n: int, pitch: np.ndarray, speaker: dict[str, Any], sample_rate: int, rng: np.random.Generator
) -> np.ndarray:
    """Pulse train at the (time-varying) pitch, with jitter, smoothed glottal pulses and breath."""
    wobble = _lfilter([0.02], [1, -0.98], rng.normal(0, 1, n)) * speaker["jitter"] * 8
    phase = np.cumsum(pitch * (1 + wobble) / sample_rate)
    pulses = np.diff(np.floor(phase), prepend=0.0)
    a = speaker["tilt"]
    source = _lfilter([1.0], [1, -2 * a, a * a], pulses)  # smooth glottal flow
    source = np.diff(source, prepend=0.0)  # lip radiation: the derivative
    source /= np.abs(source).max() + 1e-9
    return source + speaker["breath"] * rng.normal(0, 1, n)


def _syllable(
    vowel: str,
    consonant: str,
    n: int,
    pitch: np.ndarray,
    speaker: dict[str, Any],
    sample_rate: int,
    rng: np.random.Generator,
) -> np.ndarray:
    nyquist = sample_rate / 2
    x = _glottal_source(n, pitch, speaker, sample_rate, rng)
    formants = np.array(VOWELS[vowel]) * speaker["tract"] * speaker["accent"][vowel]
    for freq, bw in zip(formants, _BANDWIDTHS, strict=True):
        if freq < 0.9 * nyquist:
            x = _resonator(x, freq, bw * speaker["bandwidth"], sample_rate)
    extra = speaker["extra"] * speaker["tract"]
    if extra < 0.9 * nyquist:
        x = x + 0.3 * _resonator(x, extra, 250.0, sample_rate)
    attack, release = max(1, int(0.02 * sample_rate)), max(1, int(0.05 * sample_rate))
    env = np.ones(n)
    env[:attack] = np.linspace(0, 1, attack)[: min(attack, n)]
    env[-release:] = np.linspace(1, 0, release)[-min(release, n) :]
    x = x / (np.abs(x).max() + 1e-9) * env
    if consonant:
        length = int((0.06 if consonant == "s" else 0.02) * sample_rate)
        centre = min(rng.uniform(2500, 5000), 0.8 * nyquist)
        burst = _resonator(rng.normal(0, 1, length), centre, 800.0, sample_rate)
        burst *= np.hanning(length) * rng.uniform(0.3, 0.6) / (np.abs(burst).max() + 1e-9)
        x = np.concatenate([burst, x])[:n] if length < n else x
    return x


def synthesize(
    speaker: dict[str, Any],
    syllables: list[tuple[str, str]] | str,
    sample_rate: int = 16000,
    duration: float = 1.0,
    seed: int = 0,
    channel: bool = True,
) -> np.ndarray:
    """One clip of ``duration`` seconds: ``syllables`` spoken by ``speaker`` (see make_speaker).

    Chapter 05. ``syllables`` is a list of ``(consonant, vowel)`` pairs (consonant ``"s"``,
    ``"t"`` or ``""``) or a string of vowels (``"aiu"``). They are spread evenly over the clip
    with short pauses. ``channel=True`` adds a random microphone colouring and background noise
    (different for every ``seed``); ``channel=False`` gives the clean voice. Peak level 0.3-0.9.

    >>> synthesize(make_speaker(0, 0), "ai", sample_rate=8000, duration=0.5).shape
    (4000,)
    """
    sample_rate = check_sample_rate(sample_rate, MIN_SAMPLE_RATE)
    if isinstance(syllables, str):
        syllables = [("", v) for v in syllables]
    if not syllables:
        raise ValueError("syllables is empty: give at least one vowel, e.g. 'a'.")
    for consonant, vowel in syllables:
        if vowel not in VOWELS or consonant not in _CONSONANTS:
            raise ValueError(
                f"unknown syllable {(consonant, vowel)!r}: vowels are {', '.join(VOWELS)}; "
                "consonants are 's', 't' or ''."
            )
    n = int(round(duration * sample_rate))
    if n < 0.05 * sample_rate * len(syllables):
        raise ValueError(f"duration {duration} s is too short for {len(syllables)} syllable(s).")
    rng = np.random.default_rng([int(seed), 11])
    out = np.zeros(n)
    slot = n // len(syllables)
    # intonation: a gentle slope over the clip and a random level for this clip
    t = np.arange(n) / n
    contour = speaker["pitch"] * rng.uniform(0.9, 1.1) * (1 + rng.uniform(-0.15, 0.1) * t)
    for k, (consonant, vowel) in enumerate(syllables):
        length = int(slot * rng.uniform(0.7, 0.92))
        start = k * slot + rng.integers(0, slot - length + 1)
        seg = _syllable(
            vowel,
            consonant,
            length,
            contour[start : start + length],
            speaker,
            sample_rate,
            rng,
        )
        out[start : start + length] += seg * rng.uniform(0.6, 1.0)
    if channel:
        tilt = rng.uniform(-0.5, 0.5)  # microphone colouring: a one-pole tilt
        out = _lfilter([1.0, -tilt], [1.0], out)
        out = out + rng.normal(0, 1, n) * np.std(out) * 10 ** (-rng.uniform(15, 35) / 20)
    out = out / (np.abs(out).max() + 1e-9) * rng.uniform(0.3, 0.9)
    return out.astype(np.float32)


def make_voices(
    n_speakers: int = 20,
    clips_per_speaker: int = 10,
    sample_rate: int = 16000,
    duration: float = 1.0,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """A seeded set of speech-like clips: ``(waves, speakers, texts)``.

    Chapter 05 (also ``course_utils.data.load_dataset("voices", n_speakers=..., seed=...)``).
    ``waves`` is float32 ``(n_speakers * clips_per_speaker, duration * sample_rate)`` in
    [-1, 1]; ``speakers`` the int speaker index (0 ... n_speakers - 1) of each clip; ``texts``
    what each clip "says", syllables joined by ``-`` (e.g. ``"sa-i-tu"``). Each clip has 2-4
    syllables. Speakers of different seeds are different people: use one seed for training and
    another for unseen test speakers.

    >>> w, s, t = make_voices(n_speakers=3, clips_per_speaker=1, sample_rate=8000, seed=1)
    >>> w.shape, s.tolist(), len(t)
    ((3, 8000), [0, 1, 2], 3)
    """
    sample_rate = check_sample_rate(sample_rate, MIN_SAMPLE_RATE)
    n_speakers = check_int(n_speakers, "n_speakers", min_value=1)
    clips_per_speaker = check_int(clips_per_speaker, "clips_per_speaker", min_value=1)
    seed = check_int(seed, "seed", min_value=0)
    duration = check_number(duration, "duration")
    if not 0.2 <= duration <= 10:
        raise ValueError(f"duration must be between 0.2 and 10 seconds, got {duration}")
    waves, speakers, texts = [], [], []
    for s in range(n_speakers):
        speaker = make_speaker(seed, s)
        for c in range(clips_per_speaker):
            rng = np.random.default_rng([int(seed), s, c, 3])
            n_syl = int(rng.integers(2, 5)) if duration >= 0.6 else 1
            syllables = [
                (str(rng.choice(_CONSONANTS)), str(rng.choice(list(VOWELS)))) for _ in range(n_syl)
            ]
            clip_seed = int(rng.integers(2**31))
            waves.append(synthesize(speaker, syllables, sample_rate, duration, clip_seed))
            speakers.append(s)
            texts.append("-".join(c + v for c, v in syllables))
    return np.stack(waves), np.array(speakers, dtype=np.int64), texts


def make_vowels(
    n_speakers: int = 10,
    sample_rate: int = 16000,
    duration: float = 0.3,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every vowel sustained by every speaker, clean: ``(waves, speakers, vowels)``.

    Chapter 05 (the VAE). ``vowels`` indexes ``list(VOWELS)``; clips are ordered by speaker,
    then vowel. ``duration`` is 0.05-10 s.

    >>> w, s, v = make_vowels(n_speakers=2, sample_rate=8000, duration=0.1)
    >>> w.shape, s.tolist(), v.tolist()
    ((10, 800), [0, 0, 0, 0, 0, 1, 1, 1, 1, 1], [0, 1, 2, 3, 4, 0, 1, 2, 3, 4])
    """
    sample_rate = check_sample_rate(sample_rate, MIN_SAMPLE_RATE)
    n_speakers = check_int(n_speakers, "n_speakers", min_value=1)
    seed = check_int(seed, "seed", min_value=0)
    duration = check_number(duration, "duration", min_value=0.05, max_value=10)
    waves, speakers, vowels = [], [], []
    for s in range(n_speakers):
        speaker = make_speaker(seed, s)
        for v, vowel in enumerate(VOWELS):
            wave = synthesize(
                speaker, vowel, sample_rate, duration, seed * 1000 + s * 10 + v, False
            )
            waves.append(wave)
            speakers.append(s)
            vowels.append(v)
    return np.stack(waves), np.array(speakers), np.array(vowels)


# ----------------------------------------------------------------------------------- features


def log_mel_spectrogram(
    waves: Any,
    sample_rate: int = 16000,
    frame_length: int = 400,
    frame_step: int = 160,
    n_mels: int = 64,
    fmin: float = 60.0,
    fmax: float | None = None,
) -> np.ndarray:
    """Log-mel spectrogram(s) with ``tf.signal``: ``(frames, n_mels)`` or a batch of them.

    Chapter 05. Frames of ``frame_length`` samples every ``frame_step`` samples (25 ms / 10 ms at
    16 kHz), a Hann window, FFT length the next power of two, power spectrum, ``n_mels``
    triangular mel filters from ``fmin`` to ``fmax`` (default: Nyquist), then ``log(x + 1e-6)``.
    Frames: ``1 + (samples - frame_length) // frame_step`` (98 for 1 s at 16 kHz).
    """
    import tensorflow as tf

    sample_rate = check_sample_rate(sample_rate)
    single = np.ndim(waves) == 1
    batch = _as_batch(waves)
    if batch.shape[1] < frame_length:
        if np.ndim(waves) == 2 and batch.shape[1] <= 8:
            raise ValueError(
                f"waves has shape {batch.shape}: that looks like one clip with its channels last "
                f"({batch.shape[0]} samples x {batch.shape[1]} channels, e.g. stereo), not "
                f"{batch.shape[0]} clips of {batch.shape[1]} samples. Pass mono audio: mix it "
                "down with waves.mean(axis=1) (or keep one channel, waves[:, 0])."
            )
        raise ValueError(
            f"clips of {batch.shape[1]} samples are shorter than one frame ({frame_length} "
            f"samples = {1000 * frame_length / sample_rate:.0f} ms): pad them or use a shorter "
            "frame_length."
        )
    nyquist = sample_rate / 2
    fmax = nyquist if fmax is None else fmax
    if not 0 <= fmin < fmax <= nyquist:
        raise ValueError(
            f"need 0 <= fmin < fmax <= Nyquist ({nyquist:g} Hz at {sample_rate} Hz); "
            f"got fmin={fmin}, fmax={fmax}. A lower sample rate cannot hold higher frequencies."
        )
    fft_length = int(2 ** np.ceil(np.log2(frame_length)))
    stft = tf.signal.stft(batch, frame_length, frame_step, fft_length, tf.signal.hann_window)
    power = tf.square(tf.abs(stft))
    mel_matrix = tf.signal.linear_to_mel_weight_matrix(
        n_mels, fft_length // 2 + 1, sample_rate, fmin, fmax
    )
    mel = tf.matmul(power, mel_matrix)
    out = tf.math.log(mel + 1e-6).numpy().astype(np.float32)
    return out[0] if single else out


# ----------------------------------------------------------------------------------- listening


def play(wave: Any, sample_rate: int, normalize: bool = True) -> Any:
    """An ``IPython.display.Audio`` player with the clip embedded (works in a saved notebook).

    Chapter 05. ``wave`` must be one mono clip (1-D); the player stores it as base64 WAV in the
    output, so the built book plays it too. ``normalize=False`` keeps the level (samples must
    then lie in [-1, 1]).
    """
    from IPython.display import Audio

    sample_rate = check_sample_rate(sample_rate)
    wave = as_mono(wave)
    if not normalize and np.abs(wave).max() > 1:
        raise ValueError(
            "with normalize=False the samples must lie in [-1, 1]; "
            f"the peak is {np.abs(wave).max():.3g}. Scale the clip or use normalize=True."
        )
    return Audio(wave, rate=sample_rate, normalize=normalize)


# ---------------------------------------------------------------------------- verification


def _scores_and_labels(scores: Any, labels: Any) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=np.float64).reshape(-1)
    raw = np.asarray(labels).reshape(-1)
    if s.shape != raw.shape:
        raise ValueError(
            f"scores and labels must have the same length: {s.size} scores, {raw.size} labels."
        )
    if s.size == 0:
        raise ValueError("scores is empty.")
    if not np.all(np.isfinite(s)):
        raise ValueError("scores contains NaN or infinity.")
    if not np.isin(raw, [0, 1]).all():
        raise ValueError(
            "labels must be 1 (same speaker, a target trial) or 0 (different speakers); "
            f"got values {sorted(set(np.unique(raw).tolist()))[:5]}."
        )
    y = raw.astype(bool)
    if y.all() or not y.any():
        raise ValueError("labels need both classes: some same-speaker (1) and some different (0).")
    return s, y


def roc_curve(scores: Any, labels: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(fpr, tpr, thresholds)``: accept a trial when ``score >= threshold``.

    Chapter 05. ``labels`` are 1 for same-speaker (target) trials and 0 otherwise. The first
    threshold is ``+inf`` (accept nothing: fpr = tpr = 0), then every distinct score from high
    to low; the last accepts everything (fpr = tpr = 1).

    >>> fpr, tpr, thr = roc_curve([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0])
    >>> fpr.tolist(), tpr.tolist()
    ([0.0, 0.0, 0.5, 0.5, 1.0], [0.0, 0.5, 0.5, 1.0, 1.0])
    """
    s, y = _scores_and_labels(scores, labels)
    thresholds = np.unique(s)[::-1]
    order = np.argsort(-s, kind="stable")
    s_sorted, y_sorted = s[order], y[order]
    # number of trials with score >= each threshold
    accepted = np.searchsorted(-s_sorted, -thresholds, side="right")
    tp = np.concatenate([[0], np.cumsum(y_sorted)])[accepted]
    fp = accepted - tp
    fpr = np.concatenate([[0.0], fp / (~y).sum()])
    tpr = np.concatenate([[0.0], tp / y.sum()])
    return fpr, tpr, np.concatenate([[np.inf], thresholds])


def equal_error_rate(scores: Any, labels: Any) -> tuple[float, float]:
    """``(eer, threshold)``: the error rate where false accepts equal false rejects.

    Chapter 05. Walks the ROC curve (:func:`roc_curve`) to the first threshold where the false
    rejection rate (1 - tpr) is no longer above the false acceptance rate (fpr), and
    interpolates linearly between that point and the one before. ``threshold`` is the score
    threshold of that point. 0 is a perfect system, 0.5 a coin.

    >>> equal_error_rate([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])
    (0.0, 0.8)
    """
    fpr, tpr, thresholds = roc_curve(scores, labels)
    fnr = 1 - tpr
    i = int(np.argmax(fnr <= fpr))  # exists: at the last point fnr = 0
    d0, d1 = fpr[i - 1] - fnr[i - 1], fpr[i] - fnr[i]
    w = 0.0 if d1 == d0 else d1 / (d1 - d0)  # fraction of the way back to point i - 1
    eer = (1 - w) * (fpr[i] + fnr[i]) / 2 + w * (fpr[i - 1] + fnr[i - 1]) / 2
    return float(eer), float(thresholds[i])


def error_rates(scores: Any, labels: Any, threshold: float) -> tuple[float, float]:
    """``(false_accept_rate, false_reject_rate)`` when trials with ``score >= threshold`` pass.

    Chapter 05: apply a threshold chosen on validation speakers to the test speakers.

    >>> error_rates([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0], 0.75)
    (0.5, 0.5)
    """
    s, y = _scores_and_labels(scores, labels)
    accept = s >= threshold
    return float((accept & ~y).sum() / (~y).sum()), float((~accept & y).sum() / y.sum())


def pair_scores(embeddings: Any, groups: Any) -> tuple[np.ndarray, np.ndarray]:
    """Cosine similarity of every pair ``i < j`` of ``embeddings``, and 1 where ``groups`` match.

    Chapter 05: every pair of test clips is a verification trial ("same speaker?").

    >>> scores, labels = pair_scores([[1, 0], [2, 0], [0, 1]], [7, 7, 8])
    >>> scores.round(3).tolist(), labels.tolist()
    ([1.0, 0.0, 0.0], [1, 0, 0])
    """
    e = np.asarray(embeddings, dtype=np.float64)
    g = np.asarray(groups).reshape(-1)
    if e.ndim != 2:
        raise ValueError(f"embeddings must be 2-D (clips, dimensions); got shape {e.shape}.")
    if e.shape[0] != g.size:
        raise ValueError(
            f"embeddings and groups must have the same length: {e.shape[0]} embeddings, "
            f"{g.size} group labels."
        )
    if e.shape[0] < 2:
        raise ValueError("need at least two embeddings to make a pair.")
    norms = np.linalg.norm(e, axis=1, keepdims=True)
    if np.any(norms == 0):
        raise ValueError("an embedding is all zeros: its cosine similarity is undefined.")
    unit = e / norms
    i, j = np.triu_indices(e.shape[0], k=1)
    scores = np.sum(unit[i] * unit[j], axis=1)
    return scores, (g[i] == g[j]).astype(np.int64)
