"""Chapter 05b's speaker encoder, varied one setting at a time: what moves the EER?

The notebook trains one configuration within the course's two-minute budget; this script asks
what else would have helped (the CNN + GRU hybrid often recommended, more speakers against more
clips per speaker), and how far the EER moves between training seeds. It rebuilds the notebook's
data (synthetic voices, 8 kHz, log-mel 98 x 40, training seed 0, validation seed 1, test
seed 2), encoder (three conv blocks, a fourth conv, average over time, 64-d embedding) and
additive-margin cosine head, and prints one JSON line: the settings, parameters, training time,
the validation / test EER after 10, 15, 20 (30, 40) epochs, and the notebook's LDA baseline (k
chosen on validation; val / test). Choose between variants on the validation EER.

Run one variant per call, settings as ``key=value`` (defaults = the notebook)::

    uv run --no-sync python scripts/speaker_encoder_variants.py                      # notebook
    uv run --no-sync python scripts/speaker_encoder_variants.py seed=1               # another seed
    uv run --no-sync python scripts/speaker_encoder_variants.py n_train=12 clips=150 # 12 speakers
    uv run --no-sync python scripts/speaker_encoder_variants.py gru_last=1           # CNN + GRU

About 40 CPU seconds per 10-epoch run on a 2-core machine (float32). Measured results
are in ``reports/05b_speaker_variants.md``.
"""

from __future__ import annotations

import json
import sys
import time

from course_utils import environment

environment.setup(seed=42)

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, ops  # noqa: E402

from course_utils import audio, data  # noqa: E402

DEFAULTS: dict[str, object] = {
    "sr": 8000,  # sample rate
    "n_train": 150,  # training speakers
    "clips": 12,  # clips per training speaker
    "n_mels": 40,
    "epochs": 10,
    "scale": 16.0,  # cosine head: logits = scale x cosine
    "margin": 0.2,  # additive margin on the true speaker's cosine
    "cmn": False,  # subtract each clip's mean log-mel (cepstral mean normalisation)
    "lr": 2e-3,
    "batch": 32,
    "gru": False,  # GRU(64, return_sequences=True) before the average over time
    "gru_last": False,  # GRU(64) last state instead of the average (the notebook's exercise 5)
    "stats": False,  # mean and standard deviation over time (x-vector statistics pooling)
    "cos": True,  # cosine decay of the learning rate over all epochs (False: constant rate)
    "seed": 42,
}


def parse(argv: list[str]) -> dict[str, object]:
    settings = dict(DEFAULTS)
    for item in argv:
        key, _, value = item.partition("=")
        if key not in settings:
            raise SystemExit(f"unknown setting {key!r}; known: {', '.join(settings)}")
        default = settings[key]
        settings[key] = value == "1" if isinstance(default, bool) else type(default)(value)
    return settings


def lda_eers(groups: dict[str, tuple[np.ndarray, np.ndarray]]) -> list[float]:
    """The notebook's linear baseline: LDA on mean + std log-mel, k chosen on validation EER."""
    from scipy.linalg import eigh

    def stats(log_mel: np.ndarray) -> np.ndarray:
        return np.concatenate([log_mel.mean(axis=1), log_mel.std(axis=1)], axis=-1)

    x, y = stats(groups["train"][0]), groups["train"][1]
    centre = x.mean(axis=0)
    speakers = np.unique(y)
    means = np.stack([x[y == k].mean(axis=0) for k in speakers])
    within = x - means[np.searchsorted(speakers, y)]
    s_w = within.T @ within / len(x) + 1e-6 * np.eye(x.shape[1])
    s_b = (means - centre).T @ (means - centre) / len(speakers)
    directions = eigh(s_b, s_w)[1][:, ::-1]

    def eer(k: int, split: str) -> float:
        proj = (stats(groups[split][0]) - centre) @ directions[:, :k]
        return audio.equal_error_rate(*audio.pair_scores(proj, groups[split][1]))[0]

    best = min((5, 10, 15, 20, 30), key=lambda k: eer(k, "val"))
    return [best, round(eer(best, "val"), 3), round(eer(best, "test"), 3)]


def main(argv: list[str]) -> None:
    v = parse(argv)
    keras.utils.set_random_seed(int(v["seed"]))
    sr = int(v["sr"])
    mel = {"frame_length": sr // 40, "frame_step": sr // 100, "n_mels": int(v["n_mels"])}
    start = time.perf_counter()
    groups = {}
    splits = {"train": (v["n_train"], v["clips"], 0), "val": (20, 8, 1), "test": (20, 8, 2)}
    for name, (n_spk, clips, seed) in splits.items():
        waves, spk, _ = data.load_dataset(
            "voices", n_speakers=n_spk, clips_per_speaker=clips, sample_rate=sr, seed=seed
        )
        feats = audio.log_mel_spectrogram(waves, sr, **mel)
        if v["cmn"]:
            feats = feats - feats.mean(axis=1, keepdims=True)
        groups[name] = (feats, spk)
    data_seconds = time.perf_counter() - start
    x_train, y_train = groups["train"]
    n_train = int(v["n_train"])
    lda = lda_eers(groups)
    mean, std = float(x_train.mean()), float(x_train.std())

    x_in = keras.Input(x_train.shape[1:])
    x = layers.Rescaling(1 / std, offset=-mean / std)(x_in)
    x = layers.Reshape((*x_train.shape[1:], 1))(x)
    for filters in (16, 32, 64):
        x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
        x = layers.BatchNormalization(momentum=0.9)(x)
        x = layers.ReLU()(x)
        x = layers.MaxPooling2D(2)(x)
    x = layers.Conv2D(64, 3, padding="same", activation="relu")(x)
    x = layers.Reshape((x.shape[1], x.shape[2] * x.shape[3]))(x)
    if v["gru"]:
        x = layers.GRU(64, return_sequences=True)(x)
    if v["gru_last"]:
        x = layers.GRU(64)(x)
    elif v["stats"]:
        avg = layers.GlobalAveragePooling1D()(x)
        avg_sq = layers.GlobalAveragePooling1D()(layers.Lambda(lambda t: t * t)(x))
        spread = layers.Lambda(lambda m: ops.sqrt(ops.maximum(m[1] - m[0] * m[0], 1e-6)))(
            [avg, avg_sq]
        )
        x = layers.Concatenate()([avg, spread])
    else:
        x = layers.GlobalAveragePooling1D()(x)
    x = layers.Dense(128, activation="relu")(x)
    encoder = keras.Model(x_in, layers.Dense(64, dtype="float32")(x))

    class CosineHead(layers.Layer):
        def __init__(self, **kwargs):
            super().__init__(dtype="float32", **kwargs)

        def build(self, input_shape):
            self.directions = self.add_weight(
                shape=(input_shape[-1], n_train), initializer="glorot_uniform"
            )

        def call(self, e):
            e = ops.normalize(ops.cast(e, "float32"), axis=-1)
            return float(v["scale"]) * ops.matmul(e, ops.normalize(self.directions, axis=0))

    def margin_loss(y, logits):
        y = ops.cast(ops.reshape(y, (-1,)), "int32")
        shift = float(v["scale"]) * float(v["margin"]) * ops.one_hot(y, n_train)
        return keras.losses.sparse_categorical_crossentropy(y, logits - shift, from_logits=True)

    steps = int(v["epochs"]) * int(np.ceil(len(x_train) / int(v["batch"])))
    rate = keras.optimizers.schedules.CosineDecay(v["lr"], steps) if v["cos"] else v["lr"]
    classifier = keras.Sequential([encoder, CosineHead()])
    classifier.compile(optimizer=keras.optimizers.Adam(rate), loss=margin_loss)

    eers, done = {}, 0
    wall, cpu = time.perf_counter(), time.process_time()
    for stop in (10, 15, 20, 30, 40):
        if stop > int(v["epochs"]):
            break
        classifier.fit(x_train, y_train, epochs=stop - done, batch_size=int(v["batch"]), verbose=0)
        done = stop
        eers[stop] = [
            round(
                audio.equal_error_rate(
                    *audio.pair_scores(encoder.predict(groups[s][0], verbose=0), groups[s][1])
                )[0],
                3,
            )
            for s in ("val", "test")
        ]
    result = {
        "settings": v,
        "encoder_parameters": encoder.count_params(),
        "data_seconds": round(data_seconds, 1),
        "train_wall_seconds": round(time.perf_counter() - wall, 1),
        "train_cpu_seconds": round(time.process_time() - cpu, 1),
        "eer_val_test_by_epoch": eers,
        "lda_k_val_test": lda,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
