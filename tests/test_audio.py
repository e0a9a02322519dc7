"""course_utils.audio: the voice generator, log-mel features, players, ROC/EER (chapter 05)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from course_utils import audio, data


# ------------------------------------------------------------------------------- generator
def test_voices_are_seeded_shaped_and_labelled() -> None:
    w1, s1, t1 = audio.make_voices(n_speakers=3, clips_per_speaker=2, sample_rate=8000, seed=5)
    w2, s2, t2 = audio.make_voices(n_speakers=3, clips_per_speaker=2, sample_rate=8000, seed=5)
    assert w1.shape == (6, 8000) and w1.dtype == np.float32
    np.testing.assert_array_equal(w1, w2)
    assert s1.tolist() == [0, 0, 1, 1, 2, 2] and t1 == t2
    assert 0.25 <= np.abs(w1).max() <= 0.95
    assert all(set(t.replace("-", "")) <= set("aeiouts") for t in t1)
    other, _, _ = audio.make_voices(n_speakers=3, clips_per_speaker=2, sample_rate=8000, seed=6)
    assert not np.allclose(w1, other)


def test_speakers_differ_in_pitch_and_tract() -> None:
    voices = [audio.make_speaker(0, i) for i in range(20)]
    pitches = [v["pitch"] for v in voices]
    assert min(pitches) >= 85 and max(pitches) <= 260 and np.std(pitches) > 20
    assert len({round(v["tract"], 6) for v in voices}) == 20


def test_vowel_formant_shows_in_the_spectrum() -> None:
    """An 'a' has its first formant near 730 Hz, an 'i' near 270 Hz: the spectra must differ."""
    speaker = dict(audio.make_speaker(0, 0), tract=1.0, pitch=100.0)
    speaker["accent"] = {v: np.ones(3) for v in audio.VOWELS}
    sr = 16000
    spectra = {}
    for vowel in "ai":
        x = audio.synthesize(speaker, vowel, sr, duration=0.5, channel=False)
        spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
        freqs = np.fft.rfftfreq(len(x), 1 / sr)
        band = (freqs > 150) & (freqs < 1200)
        spectra[vowel] = freqs[band][np.argmax(spectrum[band])]
    assert 550 < spectra["a"] < 950, spectra
    assert spectra["i"] < 450, spectra


def test_voices_are_registered_in_the_dataset_registry() -> None:
    assert data.DATASETS["voices"].source == "generated"
    waves, speakers, texts = data.load_dataset(
        "voices", n_speakers=2, clips_per_speaker=1, sample_rate=8000
    )
    assert waves.shape == (2, 8000) and speakers.tolist() == [0, 1] and len(texts) == 2


def test_speech_commands_falls_back_to_voices_offline(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def no_download() -> None:
        raise AssertionError("must not download when offline")

    monkeypatch.setattr(data, "is_online", lambda **_: False)
    monkeypatch.setitem(data._DOWNLOADERS, "speech_commands", no_download)
    waves, speakers, texts = data.load_dataset("speech_commands", prefer_online=True)
    assert "Offline: using the bundled 'voices'" in capsys.readouterr().out
    assert waves.shape == (200, 16000) and len(set(speakers.tolist())) == 20


def test_speech_commands_subset_is_balanced_across_words(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A fake extracted archive (no network): every word gets the same share, in sorted order."""
    import keras
    from scipy.io import wavfile

    root = tmp_path / "mini_speech_commands_extracted" / "mini_speech_commands"
    words = ["down", "go", "left", "yes"]
    for w, word in enumerate(words):
        (root / word).mkdir(parents=True)
        for k in range(5):  # speakers "0a..", "1a..": sorted order is known
            name = f"{k}a{w}b_nohash_0.wav"
            wavfile.write(root / word / name, 16000, np.full(800, 1000 * (w + 1), np.int16))
    (root.parent / "__MACOSX" / "go").mkdir(parents=True)
    (root.parent / "__MACOSX" / "go" / "._0a1b_nohash_0.wav").write_bytes(b"not audio")

    def fake_get_file(fname: str, origin: str, extract: bool = False) -> str:
        assert extract and origin.endswith("mini_speech_commands.zip")
        return str(root.parent)

    monkeypatch.setattr(keras.utils, "get_file", fake_get_file)
    waves, speakers, got_words = data._download_speech_commands(max_clips=8)
    assert got_words == ["down", "down", "go", "go", "left", "left", "yes", "yes"]
    assert waves.shape == (8, 16000) and waves.dtype == np.float32
    # the first two files of each word, by name: speakers "0a<w>b" and "1a<w>b"
    assert len(set(speakers.tolist())) == 8
    np.testing.assert_allclose(waves[:, 0], np.repeat([1, 2, 3, 4], 2) * 1000 / 32768)
    assert np.all(waves[:, 800:] == 0)  # padded to 1 s


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sample_rate": 2000}, "outside the accepted range 4000"),
        ({"sample_rate": 16000.5}, "whole number"),
        ({"n_speakers": 0}, "n_speakers must be >= 1, got 0"),
        ({"n_speakers": 2.0}, "n_speakers must be an integer.*write 2"),
        ({"clips_per_speaker": "3"}, "clips_per_speaker must be an integer.*without quotes"),
        ({"seed": -1}, "seed must be >= 0"),
        ({"duration": 0.01}, "duration must be between"),
        ({"duration": "1"}, "duration must be a number"),
    ],
)
def test_generator_rejects_bad_settings(kwargs: dict, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        audio.make_voices(**kwargs)


def test_synthesize_rejects_unknown_vowels() -> None:
    with pytest.raises(ValueError, match="vowels are a, e, i, o, u"):
        audio.synthesize(audio.make_speaker(0, 0), "ax")


def test_formant_frequencies_scale_with_the_tract() -> None:
    speaker = dict(audio.make_speaker(0, 0), tract=1.2)
    speaker["accent"] = {v: np.ones(3) for v in audio.VOWELS}
    np.testing.assert_allclose(audio.formant_frequencies(speaker, "a"), [876.0, 1308.0, 2928.0])
    with pytest.raises(ValueError, match="vowels are a, e, i, o, u"):
        audio.formant_frequencies(speaker, "y")


def test_make_vowels_shape_order_and_clean() -> None:
    waves, speakers, vowels = audio.make_vowels(n_speakers=2, sample_rate=8000, duration=0.1)
    assert waves.shape == (10, 800)
    assert speakers.tolist() == [0] * 5 + [1] * 5 and vowels.tolist() == [0, 1, 2, 3, 4] * 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_speakers": 0}, "n_speakers must be >= 1, got 0"),
        ({"n_speakers": True}, "n_speakers must be an integer, got bool True"),
        ({"n_speakers": 2.5}, "n_speakers must be an integer"),
        ({"n_speakers": "10"}, "write it without quotes: 10"),
        ({"seed": -3}, "seed must be >= 0, got -3"),
        ({"seed": 1.0}, "seed must be an integer"),
        ({"duration": 0.01}, "duration must satisfy 0.05 <= duration <= 10"),
        ({"sample_rate": 2000}, "outside the accepted range 4000"),
    ],
)
def test_make_vowels_rejects_bad_settings(kwargs: dict, message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        audio.make_vowels(**kwargs)


def test_formants_kept_at_4_khz_are_those_below_1_8_khz(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the MIN_SAMPLE_RATE comment says: at 4 kHz only resonances below 1.8 kHz are kept."""
    speaker = dict(audio.make_speaker(0, 0), tract=1.0, extra=3500.0)
    speaker["accent"] = {v: np.ones(3) for v in audio.VOWELS}
    applied: list[float] = []
    real = audio._resonator

    def spy(x: np.ndarray, freq: float, bandwidth: float, sample_rate: int) -> np.ndarray:
        applied.append(round(float(freq)))
        return real(x, freq, bandwidth, sample_rate)

    monkeypatch.setattr(audio, "_resonator", spy)
    kept = {}
    for sr in (audio.MIN_SAMPLE_RATE, 16000):
        for vowel in audio.VOWELS:
            applied.clear()
            audio.synthesize(speaker, vowel, sr, duration=0.3, channel=False)
            kept[sr, vowel] = list(applied)
    assert kept[4000, "a"] == [730, 1090] and kept[4000, "o"] == [570, 840]
    assert kept[4000, "i"] == [270]  # F2 at 2290 Hz is above 1.8 kHz: 'i' keeps only F1
    assert kept[4000, "e"] == [530]
    for vowel, formants in audio.VOWELS.items():
        assert kept[16000, vowel] == [round(f) for f in formants] + [3500]


# --------------------------------------------------------------------------------- features
def test_log_mel_shape_and_tone_peak() -> None:
    sr = 16000
    t = np.arange(sr) / sr
    tone = np.sin(2 * np.pi * 1000 * t).astype("float32")
    mel = audio.log_mel_spectrogram(tone, sr)
    assert mel.shape == (98, 64)
    mel2 = audio.log_mel_spectrogram(np.stack([tone, tone]), sr)
    assert mel2.shape == (2, 98, 64)
    import tensorflow as tf

    centres = tf.signal.linear_to_mel_weight_matrix(64, 257, sr, 60.0, 8000.0).numpy()
    peak_bin = int(np.argmax(mel.mean(0)))
    freqs = np.linspace(0, sr / 2, 257)
    assert abs(freqs[np.argmax(centres[:, peak_bin])] - 1000) < 100


def test_log_mel_refuses_short_clips_and_bad_ranges() -> None:
    with pytest.raises(ValueError, match="shorter than one frame"):
        audio.log_mel_spectrogram(np.zeros(100), 16000)
    with pytest.raises(ValueError, match="shorter than one frame"):
        audio.log_mel_spectrogram(np.zeros((3, 100)), 16000)  # 3 short clips, not channels
    with pytest.raises(ValueError, match="Nyquist"):
        audio.log_mel_spectrogram(np.zeros(8000), 8000, fmax=6000)
    with pytest.raises(ValueError, match="empty"):
        audio.log_mel_spectrogram(np.zeros((0, 400)), 16000)


@pytest.mark.parametrize("channels", [2, 6])
def test_log_mel_spots_channels_last_audio(channels: int) -> None:
    """(samples, channels) is one multichannel clip, not `samples` clips of 2 samples each."""
    stereo = np.zeros((16000, channels), dtype="float32")
    with pytest.raises(ValueError, match=r"channels last.*waves\.mean\(axis=1\)") as err:
        audio.log_mel_spectrogram(stereo, 16000)
    assert f"16000 samples x {channels} channels" in str(err.value)
    assert audio.log_mel_spectrogram(stereo.mean(axis=1), 16000).shape == (98, 64)


# ----------------------------------------------------------------------------- mono checks
def test_as_mono_accepts_columns_and_refuses_stereo_and_empty() -> None:
    assert audio.as_mono(np.zeros((5, 1))).shape == (5,)
    with pytest.raises(ValueError, match=r"stereo: mix it down with wave\.mean\(axis=1\)"):
        audio.as_mono(np.zeros((100, 2)))
    with pytest.raises(ValueError, match=r"axis=0"):
        audio.as_mono(np.zeros((2, 100)))
    with pytest.raises(ValueError, match="empty"):
        audio.as_mono([])
    with pytest.raises(ValueError, match="NaN"):
        audio.as_mono([0.0, np.nan])


def test_play_embeds_the_clip_and_checks_input() -> None:
    player = audio.play(np.sin(np.arange(800) / 3), 8000)
    assert b"RIFF" in player.data[:4] and "base64" in player._repr_html_()
    with pytest.raises(ValueError, match="outside the accepted range"):
        audio.play(np.zeros(10), 0)
    with pytest.raises(TypeError, match="whole number"):
        audio.play(np.zeros(10), "16k")
    with pytest.raises(ValueError, match="stereo"):
        audio.play(np.zeros((2, 800)), 8000)
    with pytest.raises(ValueError, match=r"lie in \[-1, 1\]"):
        audio.play(np.full(10, 2.0), 8000, normalize=False)


# ------------------------------------------------------------------------------ ROC and EER
def test_roc_by_hand() -> None:
    fpr, tpr, thr = audio.roc_curve([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0])
    assert fpr.tolist() == [0, 0, 0.5, 0.5, 1] and tpr.tolist() == [0, 0.5, 0.5, 1, 1]
    assert thr[0] == np.inf and thr[1:].tolist() == [0.9, 0.8, 0.7, 0.6]


def test_roc_with_tied_scores() -> None:
    fpr, tpr, thr = audio.roc_curve([0.5, 0.5, 0.1], [1, 0, 0])
    assert thr[1:].tolist() == [0.5, 0.1]
    assert fpr.tolist() == [0, 0.5, 1] and tpr.tolist() == [0, 1, 1]


def test_roc_agrees_with_scikit_learn() -> None:
    from sklearn.metrics import roc_curve as sk_roc

    rng = np.random.default_rng(0)
    labels = rng.integers(0, 2, 200)
    scores = rng.normal(size=200) + labels
    fpr, tpr, _ = audio.roc_curve(scores, labels)
    sk_fpr, sk_tpr, _ = sk_roc(labels, scores, drop_intermediate=False)
    np.testing.assert_allclose(fpr, sk_fpr)
    np.testing.assert_allclose(tpr, sk_tpr)


@pytest.mark.parametrize(
    ("scores", "labels", "eer"),
    [
        ([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0], 0.0),  # perfect separation
        ([0.1, 0.2, 0.8, 0.9], [1, 1, 0, 0], 1.0),  # exactly backwards
        ([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0], 0.5),  # FAR = FRR = 1/2 at threshold 0.8
        # 4 targets, 4 impostors, one impostor above one target: at 0.65 FAR = FRR = 1/4
        ([0.9, 0.8, 0.7, 0.6, 0.65, 0.3, 0.2, 0.1], [1, 1, 1, 1, 0, 0, 0, 0], 0.25),
    ],
)
def test_eer_hand_checked(scores: list, labels: list, eer: float) -> None:
    got, threshold = audio.equal_error_rate(scores, labels)
    assert got == pytest.approx(eer)
    far, frr = audio.error_rates(scores, labels, threshold)
    assert min(far, frr) <= got + 1e-9


def test_eer_interpolates_between_roc_points() -> None:
    # (fpr, fnr) jumps from (0, 1/2) to (1, 0) (a tie at 0.5): the segment crosses fpr = fnr
    # where t = 1/2 - t/2, at t = 1/3
    assert audio.equal_error_rate([0.9, 0.5, 0.5], [1, 1, 0])[0] == pytest.approx(1 / 3)


def test_error_rates_by_hand() -> None:
    assert audio.error_rates([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0], 0.75) == (0.5, 0.5)
    # a trial scoring exactly the threshold is accepted (score >= threshold), as chapter 05b says
    assert audio.error_rates([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0], 0.8) == (0.5, 0.5)
    assert audio.error_rates([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0], 0.9) == (0.0, 0.5)
    assert audio.error_rates([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0], 0.0) == (1.0, 0.0)


def test_pair_scores_by_hand() -> None:
    scores, labels = audio.pair_scores([[1, 0], [3, 0], [0, 2], [1, 1]], [0, 0, 1, 1])
    expected = [1, 0, 1 / np.sqrt(2), 0, 1 / np.sqrt(2), 1 / np.sqrt(2)]
    np.testing.assert_allclose(scores, expected)
    assert labels.tolist() == [1, 0, 0, 0, 0, 1]


@pytest.mark.parametrize(
    ("scores", "labels", "message"),
    [
        ([0.1, 0.2], [1], "same length: 2 scores, 1 labels"),
        ([0.1, 0.2], [1, 1], "both classes"),
        ([0.1, 0.2], [1, 2], "labels must be 1"),
        ([0.1, np.nan], [1, 0], "NaN"),
        ([], [], "empty"),
    ],
)
def test_verification_helpers_refuse_bad_input(scores: list, labels: list, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        audio.equal_error_rate(scores, labels)


def test_pair_scores_refuse_bad_input() -> None:
    with pytest.raises(ValueError, match="same length: 2 embeddings, 3 group labels"):
        audio.pair_scores(np.ones((2, 4)), [0, 1, 2])
    with pytest.raises(ValueError, match="2-D"):
        audio.pair_scores(np.ones(4), [0, 1, 2, 3])
    with pytest.raises(ValueError, match="all zeros"):
        audio.pair_scores([[0, 0], [1, 0]], [0, 1])
