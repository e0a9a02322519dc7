"""GPU-aware mixed precision: pick the Keras dtype policy and distribution strategy.

Introduced in chapter 01 (Setup) and used by every chapter that trains a model.

The decision is a pure function of a list of :class:`Device` descriptions, so it can be tested
without the hardware (CI has no GPU):

==============================  ==================  ============================================
hardware                        policy              why
==============================  ==================  ============================================
TPU                             ``mixed_bfloat16``  TPU matrix units compute in bfloat16
NVIDIA GPU, capability >= 8.0   ``mixed_bfloat16``  bf16 tensor cores as fast as fp16, with
                                                    float32's range: no loss scaling needed
NVIDIA GPU, capability 7.x      ``mixed_float16``   Volta/Turing tensor cores run fp16, not
                                                    bf16; Keras adds loss scaling
older or unknown GPU            ``float32``         no tensor cores: no speed-up
CPU only                        ``float32``         measured: mixed_float16 on a 2-core CPU
                                                    trains 4-5x *slower*
==============================  ==================  ============================================
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

DeviceKind = Literal["CPU", "GPU", "TPU"]

#: Environment variable that forces the policy :func:`use_best_precision` sets (for tests).
POLICY_ENV_VAR = "COURSE_DTYPE_POLICY"

#: Dtype policies Keras accepts that this course may set.
KNOWN_POLICIES = ("float32", "mixed_float16", "mixed_bfloat16", "float16", "bfloat16")


@dataclass(frozen=True)
class Device:
    """What we know about one accelerator (or the CPU).

    ``compute_capability`` is NVIDIA's ``(major, minor)``, e.g. ``(8, 0)`` for an A100,
    ``(7, 5)`` for Colab's T4; ``None`` when unknown or not an NVIDIA GPU.

    Checked when the device is made: ``kind`` is matched without regard to case (``"gpu"`` is
    stored as ``"GPU"``); a capability may also be given as the string ``"7.5"`` or a list
    ``[7, 5]`` and is stored as ``(7, 5)``. A capability with only a major number (``(7,)``,
    ``7``) is rejected: 7.0 (V100) and 7.5 (T4) are different GPUs, so it is not guessed.
    """

    kind: DeviceKind
    name: str = ""
    compute_capability: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        from course_utils._checks import check_choice, check_int, check_str

        kind = check_choice(self.kind, "device kind", ("CPU", "GPU", "TPU"), ignore_case=True)
        object.__setattr__(self, "kind", kind)
        check_str(self.name, "device name")
        cc = self.compute_capability
        if cc is None:
            return
        example = "give (major, minor) such as (7, 5) for a T4 or (8, 0) for an A100"
        if isinstance(cc, str):
            parts = cc.strip().split(".")
            if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
                raise ValueError(f"compute_capability {cc!r} is not 'major.minor': {example}")
            cc = (int(parts[0]), int(parts[1]))
        if not isinstance(cc, tuple | list) or len(cc) != 2:
            raise ValueError(f"compute_capability must be (major, minor), got {cc!r}: {example}")
        major = check_int(cc[0], "compute_capability major", min_value=0)
        minor = check_int(cc[1], "compute_capability minor", min_value=0)
        object.__setattr__(self, "compute_capability", (major, minor))


@dataclass(frozen=True)
class PolicyChoice:
    """The chosen dtype policy and the one-line reason printed for the student."""

    policy: str
    reason: str

    def __str__(self) -> str:
        return f"dtype policy: {self.policy} ({self.reason})"


def _device_list(devices: Any) -> list[Device]:
    """``devices`` as a list of :class:`Device` (one ``Device`` alone becomes a list of one)."""
    if isinstance(devices, Device):
        return [devices]
    if isinstance(devices, str) or not isinstance(devices, Sequence):
        raise TypeError(
            "devices must be a list of course_utils.precision.Device objects, e.g. "
            f"[Device('GPU', 'Tesla T4', (7, 5))], got {type(devices).__name__}: {devices!r}"
        )
    for device in devices:
        if not isinstance(device, Device):
            raise TypeError(
                "devices must be course_utils.precision.Device objects, "
                f"got {type(device).__name__}: {device!r}"
            )
    return list(devices)


def _check_policy_name(name: str) -> str:
    if not isinstance(name, str):
        raise TypeError(
            f"a dtype policy is a name such as 'mixed_float16', got {type(name).__name__}. "
            f"Accepted: {', '.join(KNOWN_POLICIES)}."
        )
    if name not in KNOWN_POLICIES:
        raise ValueError(f"unknown dtype policy {name!r}. Accepted: {', '.join(KNOWN_POLICIES)}.")
    return name


def choose_policy(devices: Sequence[Device], override: str | None = None) -> PolicyChoice:
    """Decide the Keras dtype policy for ``devices`` (see the table in this module's docstring).

    Chapter 01. ``override`` forces a policy (it is still checked against
    :data:`KNOWN_POLICIES`). ``devices`` is a list (or tuple) of :class:`Device`; one
    ``Device`` alone is accepted as a list of one.

    >>> choose_policy([Device("GPU", "Tesla T4", (7, 5))]).policy
    'mixed_float16'
    >>> choose_policy([Device("CPU")]).policy
    'float32'
    """
    if override is not None:
        return PolicyChoice(_check_policy_name(override), "chosen explicitly")
    devices = _device_list(devices)
    tpus = [d for d in devices if d.kind == "TPU"]
    gpus = [d for d in devices if d.kind == "GPU"]
    if tpus:
        return PolicyChoice("mixed_bfloat16", f"{len(tpus)} TPU core(s): bfloat16 matrix units")
    if gpus:
        capabilities = [d.compute_capability for d in gpus]
        if any(cc is None for cc in capabilities):
            return PolicyChoice(
                "float32", "GPU of unknown compute capability: float32 is the safe choice"
            )
        lowest = min(cc for cc in capabilities if cc is not None)
        label = f"{gpus[0].name or 'GPU'} (compute capability {lowest[0]}.{lowest[1]})"
        if lowest >= (8, 0):
            return PolicyChoice(
                "mixed_bfloat16", f"{label}: bf16 tensor cores, float32 range, no loss scaling"
            )
        if lowest >= (7, 0):
            return PolicyChoice("mixed_float16", f"{label}: float16 tensor cores, loss scaling on")
        return PolicyChoice("float32", f"{label}: no tensor cores, mixed precision would not help")
    return PolicyChoice("float32", "CPU only: mixed precision is slower on CPUs")


StrategyName = Literal["TPUStrategy", "MirroredStrategy", "default"]


def strategy_name(devices: Sequence[Device]) -> StrategyName:
    """Name the ``tf.distribute`` strategy :func:`choose_strategy` would build for ``devices``.

    Chapter 01. Several GPUs: ``MirroredStrategy`` (one model copy per GPU, gradients averaged);
    a TPU: ``TPUStrategy``; otherwise the default (no-op) strategy.
    """
    devices = _device_list(devices)
    if any(d.kind == "TPU" for d in devices):
        return "TPUStrategy"
    if sum(d.kind == "GPU" for d in devices) > 1:
        return "MirroredStrategy"
    return "default"


def describe_devices() -> list[Device]:
    """Describe the accelerators the current Keras backend can see (always includes the CPU).

    Chapter 01. Works with the TensorFlow backend (the course's) and with JAX or PyTorch.
    """
    import keras

    backend = keras.backend.backend()
    devices: list[Device] = [Device("CPU", "cpu")]
    if backend == "tensorflow":
        import tensorflow as tf

        for gpu in tf.config.list_physical_devices("GPU"):
            details = tf.config.experimental.get_device_details(gpu)
            cc = details.get("compute_capability")
            devices.append(Device("GPU", details.get("device_name", gpu.name), cc))
        try:
            tpus = tf.config.list_logical_devices("TPU")
        except RuntimeError:  # pragma: no cover - TPU runtime not initialised
            tpus = []
        devices.extend(Device("TPU", t.name) for t in tpus)
    elif backend == "jax":
        import jax

        for d in jax.devices():
            if d.platform == "gpu":
                cc_text = getattr(d, "compute_capability", None)
                cc = tuple(int(p) for p in str(cc_text).split(".")[:2]) if cc_text else None
                devices.append(Device("GPU", d.device_kind, cc))  # type: ignore[arg-type]
            elif d.platform == "tpu":
                devices.append(Device("TPU", d.device_kind))
    elif backend == "torch":
        import torch

        for i in range(torch.cuda.device_count()):
            devices.append(
                Device("GPU", torch.cuda.get_device_name(i), torch.cuda.get_device_capability(i))
            )
    return devices


def use_best_precision(override: str | None = None, verbose: bool = True) -> PolicyChoice:
    """Set the global Keras dtype policy for this machine and print why.

    Chapter 01. Call it before building models. The environment variable
    ``COURSE_DTYPE_POLICY`` (e.g. ``mixed_float16``) forces a policy for a whole run, so the
    notebooks can be tested on a CPU under the policy a GPU would get (``make test-policy``);
    an explicit ``override`` wins over it. Layers built afterwards compute in the chosen
    precision and keep float32 weights; keep the *last* layer in float32
    (``Dense(..., dtype="float32")``) so the softmax and the loss stay accurate.

    >>> use_best_precision()  # doctest: +SKIP
    dtype policy: float32 (CPU only: mixed precision is slower on CPUs)
    """
    import keras

    if override is None and os.environ.get(POLICY_ENV_VAR, "").strip():
        forced = os.environ[POLICY_ENV_VAR].strip()
        try:
            _check_policy_name(forced)
        except ValueError as err:
            raise ValueError(f"{POLICY_ENV_VAR}={forced!r}: {err}") from None
        choice = PolicyChoice(forced, f"forced by {POLICY_ENV_VAR}")
    else:
        choice = choose_policy(describe_devices(), override=override)
    keras.mixed_precision.set_dtype_policy(choice.policy)
    if verbose:
        print(choice)
    return choice


def choose_strategy(devices: Sequence[Device] | None = None) -> Any:
    """Build the ``tf.distribute`` strategy for ``devices`` (default: this machine's).

    Chapter 01. Build and compile the model inside ``with strategy.scope():``. TensorFlow backend
    only; with another backend this raises a clear error, and so does a TPU in ``devices`` that
    this machine does not have.
    """
    import keras

    if keras.backend.backend() != "tensorflow":
        raise RuntimeError(
            "choose_strategy needs the TensorFlow backend (tf.distribute); "
            f"the current Keras backend is {keras.backend.backend()!r}."
        )
    import tensorflow as tf

    name = strategy_name(describe_devices() if devices is None else devices)
    if name == "TPUStrategy":
        try:
            resolver = tf.distribute.cluster_resolver.TPUClusterResolver()
            tf.config.experimental_connect_to_cluster(resolver)
            tf.tpu.experimental.initialize_tpu_system(resolver)
        except Exception as err:  # noqa: BLE001 - every TensorFlow failure means "no TPU here"
            raise RuntimeError(
                "a TPUStrategy was asked for (the devices list a TPU), but no TPU could be "
                f"reached on this machine ({type(err).__name__}: {str(err)[:120]}). On Colab "
                "choose Runtime > Change runtime type > TPU; otherwise call choose_strategy() "
                "without devices to get the strategy for this machine's real hardware."
            ) from err
        return tf.distribute.TPUStrategy(resolver)
    if name == "MirroredStrategy":
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()
