"""Self-checking exercises of chapter 05a (sound as data, VAE, WaveNet-style generation).

See :mod:`course_utils.exercises` for how checks work.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from course_utils.exercises import Exercise, Mistake, Wrong, expect_close


# --------------------------------------------------------------------------- q1: an FFT bin
def _check_bin(answer: Any) -> Wrong | None:
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Wrong(
            f"give one number (the bin index), not {type(answer).__name__}.",
            f"ek number do (bin ka index), {type(answer).__name__} nahi.",
        )
    if value == 25:
        return Wrong(
            "25 uses the frame length (400) as if it were the FFT length. Bin k holds "
            "k * sample_rate / fft_length Hz, and the FFT length is 512.",
            "25 mein frame length (400) ko FFT length maan liya. Bin k ki frequency "
            "k * sample_rate / fft_length hai, aur FFT length 512 hai.",
        )
    if value == 64:
        return Wrong(
            "64 divides by the Nyquist frequency (8000 Hz) instead of the sample rate.",
            "64 mein Nyquist (8000 Hz) se divide kiya, sample rate (16000 Hz) se nahi.",
        )
    return expect_close(
        value, 32, what="your bin for 1000 Hz", what_hi="1000 Hz ke liye tumhara bin", atol=0.5
    )


q1 = Exercise(
    name="05a · q1 (which STFT bin?)",
    checker=_check_bin,
    hint_text=(
        "With an FFT of length N at sample rate sr, bin k is centred on k * sr / N Hz.",
        "N length ki FFT aur sr sample rate pe bin k ki frequency k * sr / N Hz hoti hai.",
    ),
    solution_text=(
        "`1000 / (16000 / 512) = 32`: a 1000 Hz tone at 16 kHz with `fft_length=512` peaks in "
        "bin 32, whatever the frame length (400) is.",
        "`1000 / (16000 / 512) = 32`. Frame length 400 ho ya kuch aur, bin FFT length se tay "
        "hota hai.",
    ),
    reference=lambda: 32,
    mistakes=(
        Mistake("frame length (400)", answer=25),
        Mistake("Nyquist", answer=64),
        Mistake("not what we expect", answer=31),
    ),
)


# ------------------------------------------------------------------ q2: a receptive field
_RF_PROBES = [(2, [1, 2, 4]), (3, [1, 2, 4, 8]), (2, [1, 1, 1, 1, 1]), (4, [1, 3, 9])]


def _reference_receptive_field(kernel_size: int, dilations: list[int]) -> int:
    return 1 + sum((kernel_size - 1) * d for d in dilations)


def _check_receptive_field(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. receptive_field), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise receptive_field), {type(answer).__name__} nahi.",
        )
    for k, dilations in _RF_PROBES:
        expected = _reference_receptive_field(k, dilations)
        got = answer(k, dilations)
        if got == expected - 1:
            return Wrong(
                f"for kernel {k} and dilations {dilations} you get {got}, one sample too few: "
                "the current sample counts too (start from 1).",
                f"kernel {k}, dilations {dilations} pe {got} aaya, ek sample kam: current sample "
                "bhi ginti mein aata hai (1 se shuru karo).",
            )
        wrong = expect_close(
            got,
            expected,
            what=f"your receptive field for kernel {k} and dilations {dilations}",
            what_hi=f"kernel {k} aur dilations {dilations} ke liye tumhara receptive field",
        )
        if wrong is not None:
            return Wrong(
                f"{wrong.en} Expected {expected}: each layer adds (kernel_size - 1) * dilation.",
                f"{wrong.hi} Expected {expected}: har layer (kernel_size - 1) * dilation jodti "
                "hai.",
            )
    return None


q2 = Exercise(
    name="05a · q2 (receptive field)",
    checker=_check_receptive_field,
    hint_text=(
        "A causal convolution with kernel k and dilation d looks (k - 1) * d samples further "
        "back than its input already did. Start from the current sample.",
        "Kernel k aur dilation d wali causal convolution (k - 1) * d samples aur peeche dekhti "
        "hai. Current sample se shuru karo, woh bhi count hota hai.",
    ),
    solution_text=(
        "```python\n"
        "def receptive_field(kernel_size, dilations):\n"
        "    return 1 + sum((kernel_size - 1) * d for d in dilations)\n"
        "```\n"
        "The chapter's WaveNet: `receptive_field(2, [1] + [1, 2, 4, 8, 16, 32, 64])` = 129.",
        "Har layer (kernel_size - 1) * dilation jodti hai, aur 1 current sample ka. Chapter ka "
        "WaveNet: pehli conv (dilation 1) plus saat blocks = 129.",
    ),
    reference=lambda: _reference_receptive_field,
    mistakes=(
        Mistake("one sample too few", answer=lambda k, ds: sum((k - 1) * d for d in ds)),
        Mistake("(kernel_size - 1) * dilation", answer=lambda k, ds: 1 + sum(ds)),
        Mistake("pass your function itself", answer=129),
    ),
)


# ------------------------------------------------------------------------------ q3: mu-law
_MU_PROBE = np.array([-1.0, -0.5, -0.1, -0.01, 0.0, 0.01, 0.1, 0.5, 1.0])


def _reference_mu_law(x: Any) -> np.ndarray:
    x = np.asarray(x, dtype=float)
    compressed = np.sign(x) * np.log1p(255 * np.abs(x)) / np.log1p(255)
    return np.clip(np.round((compressed + 1) / 2 * 255), 0, 255).astype(int)


def _check_mu_law(answer: Any) -> Wrong | None:
    if not callable(answer):
        return Wrong(
            f"pass your function itself (e.g. my_mu_law), not {type(answer).__name__}.",
            f"apna function hi pass karo (jaise my_mu_law), {type(answer).__name__} nahi.",
        )
    got = np.asarray(answer(_MU_PROBE.copy()))
    expected = _reference_mu_law(_MU_PROBE)
    if got.shape != expected.shape:
        return Wrong(
            f"for 9 input samples your function returned shape {got.shape}; expected (9,).",
            f"9 samples ke liye shape {got.shape} aayi; (9,) chahiye thi.",
        )
    linear = np.round((_MU_PROBE + 1) / 2 * 255)
    if np.array_equal(got, linear):
        return Wrong(
            "these are linear (uniform) classes: 0.01 should land in class 157, not 129. "
            "Compress with log(1 + 255|x|) / log(256) first.",
            "yeh linear classes hain: 0.01 ko class 157 mein jaana chahiye, 129 mein nahi. "
            "Pehle log(1 + 255|x|) / log(256) se compress karo.",
        )
    if got[0] == got[-1] or got[3] == got[5]:
        return Wrong(
            "negative and positive samples get the same class: keep the sign, sign(x) * ...",
            "negative aur positive samples ko same class mil rahi hai: sign rakho, sign(x) * ...",
        )
    return expect_close(
        got, expected, what="your classes for the probe samples", what_hi="probe samples ki classes"
    )


q3 = Exercise(
    name="05a · q3 (mu-law classes)",
    checker=_check_mu_law,
    hint_text=(
        "f(x) = sign(x) * log(1 + 255|x|) / log(1 + 255) lies in [-1, 1]; map it to 0-255 with "
        "round((f + 1) / 2 * 255).",
        "f(x) = sign(x) * log(1 + 255|x|) / log(1 + 255) [-1, 1] mein hota hai; usko "
        "round((f + 1) / 2 * 255) se 0-255 pe le jao.",
    ),
    solution_text=(
        "```python\n"
        "def my_mu_law(x):\n"
        "    f = np.sign(x) * np.log1p(255 * np.abs(x)) / np.log1p(255)\n"
        "    return np.round((f + 1) / 2 * 255).astype(int)\n"
        "```",
        "Pehle sign ke saath log compression, phir [-1, 1] ko 0-255 pe scale karke round.",
    ),
    reference=lambda: _reference_mu_law,
    mistakes=(
        Mistake("linear (uniform) classes", answer=lambda x: np.round((x + 1) / 2 * 255)),
        Mistake(
            "keep the sign",
            answer=lambda x: np.round(
                (np.log1p(255 * np.abs(x)) / np.log1p(255) + 1) / 2 * 255
            ).astype(int),
        ),
        Mistake("pass your function itself", answer=[157]),
    ),
)


# ---------------------------------------------------------------------- q4: a KL by hand
_KL_MU, _KL_LOG_VAR = np.array([1.0, -0.5]), np.array([0.0, -1.0])


def _kl_nats(mu: np.ndarray, log_var: np.ndarray) -> float:
    return float(0.5 * np.sum(mu**2 + np.exp(log_var) - log_var - 1))


_KL = _kl_nats(_KL_MU, _KL_LOG_VAR)  # 0.809: 0.5 from the first dimension, 0.309 the second
_KL_SLIPS = (
    (
        2 * _KL,
        "the factor 1/2 is missing: KL = 1/2 * sum(mu^2 + sigma^2 - log sigma^2 - 1).",
        "1/2 ka factor chhoot gaya: KL = 1/2 * sum(mu^2 + sigma^2 - log sigma^2 - 1).",
    ),
    (
        float(0.5 * np.sum(_KL_MU**2 + np.exp(_KL_LOG_VAR / 2) - _KL_LOG_VAR - 1)),
        "that uses sigma = exp(log_var / 2) where the formula has sigma^2 = exp(log_var).",
        "yahan sigma = exp(log_var / 2) liya; formula mein sigma^2 = exp(log_var) hai.",
    ),
    (
        _KL + 0.5 * len(_KL_MU),
        "the -1 of each dimension is missing (a code equal to the prior, "
        "mu = 0 and log_var = 0, must cost 0 nats).",
        "har dimension ka -1 chhoot gaya (prior jaisa code, mu = 0 aur log_var = 0, 0 nats ka hona "
        "chahiye).",
    ),
    (
        _KL / 2,
        "that is the mean over the two dimensions; the KL sums them.",
        "yeh 2 dimensions ka mean hai; KL unka sum hai.",
    ),
)


def _check_kl(answer: Any) -> Wrong | None:
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Wrong(
            f"give one number (nats), not {type(answer).__name__}.",
            f"ek number do (nats mein), {type(answer).__name__} nahi.",
        )
    if value < 0:
        return Wrong(
            "a KL divergence is never negative: check the sign of the log-variance term "
            "(- log sigma^2).",
            "KL divergence kabhi negative nahi hoti: log-variance wale term (- log sigma^2) ka "
            "sign check karo.",
        )
    for slip, en, hi in _KL_SLIPS:
        if abs(value - slip) < 0.005:
            return Wrong(en, hi)
    return expect_close(value, _KL, what="your KL (nats)", what_hi="tumhara KL (nats)", atol=0.005)


q4 = Exercise(
    name="05a · q4 (a KL by hand)",
    checker=_check_kl,
    hint_text=(
        "Per dimension: 1/2 * (mu^2 + sigma^2 - log sigma^2 - 1) with sigma^2 = exp(log_var); "
        "add the two dimensions.",
        "Har dimension: 1/2 * (mu^2 + sigma^2 - log sigma^2 - 1), jahan sigma^2 = exp(log_var); "
        "phir dono dimensions jodo.",
    ),
    solution_text=(
        "First dimension: 1/2 * (1 + 1 - 0 - 1) = 0.5; second: 1/2 * (0.25 + e^-1 + 1 - 1) = "
        "0.309; in all **0.809 nats**. The first costs more: its mean is far from 0, while the "
        "second's smaller variance costs less than its mean saves.",
        "Pehli dimension: 1/2 * (1 + 1 - 0 - 1) = 0.5; doosri: 1/2 * (0.25 + e^-1 + 1 - 1) = "
        "0.309; total **0.809 nats**. Pehli zyada mehngi hai, kyunki uska mean 0 se door hai.",
    ),
    reference=lambda: round(_KL, 3),
    mistakes=(
        Mistake("factor 1/2 is missing", answer=round(2 * _KL, 3)),
        Mistake("sigma = exp(log_var / 2)", answer=round(_KL_SLIPS[1][0], 3)),
        Mistake("the -1 of each dimension", answer=round(_KL + 1.0, 3)),
        Mistake("never negative", answer=-0.191),
        Mistake("mean over the two dimensions", answer=round(_KL / 2, 3)),
    ),
)
