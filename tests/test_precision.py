"""The mixed-precision decision table, with described (fake) devices: CI has no GPU."""

from __future__ import annotations

import pytest

from course_utils import precision
from course_utils.precision import (
    KNOWN_POLICIES,
    Device,
    choose_policy,
    describe_devices,
    strategy_name,
    use_best_precision,
)

CPU = Device("CPU", "cpu")


def gpu(cc: tuple[int, int] | None, name: str = "GPU") -> Device:
    return Device("GPU", name, cc)


@pytest.mark.parametrize(
    ("devices", "policy"),
    [
        ([CPU], "float32"),
        ([], "float32"),
        ([CPU, gpu((6, 1), "GTX 1080")], "float32"),  # Pascal: no tensor cores
        ([CPU, gpu((7, 0), "V100")], "mixed_float16"),
        ([CPU, gpu((7, 5), "Tesla T4")], "mixed_float16"),  # Colab's free GPU
        ([CPU, gpu((8, 0), "A100")], "mixed_bfloat16"),
        ([CPU, gpu((9, 0), "H100")], "mixed_bfloat16"),
        ([CPU, gpu((8, 6)), gpu((7, 5))], "mixed_float16"),  # the weakest GPU decides
        ([CPU, gpu(None)], "float32"),  # unknown capability: stay safe
        ([CPU, Device("TPU", "TPU v2")], "mixed_bfloat16"),
        ([CPU, Device("TPU"), gpu((7, 5))], "mixed_bfloat16"),
    ],
)
def test_policy_decision_table(devices: list[Device], policy: str) -> None:
    choice = choose_policy(devices)
    assert choice.policy == policy
    assert choice.reason  # the student is told why
    assert policy in str(choice)


def test_cpu_reason_mentions_cpu() -> None:
    assert "CPU" in choose_policy([CPU]).reason


def test_override_wins_and_is_validated() -> None:
    assert choose_policy([CPU], override="mixed_float16").policy == "mixed_float16"
    for name in KNOWN_POLICIES:
        assert choose_policy([], override=name).policy == name
    with pytest.raises(ValueError, match=r"unknown dtype policy 'mixed_float32'.*Accepted"):
        choose_policy([CPU], override="mixed_float32")


def test_rejects_non_device_entries() -> None:
    with pytest.raises(TypeError, match="Device objects, got str"):
        choose_policy(["GPU"])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("devices", "name"),
    [
        ([CPU], "default"),
        ([CPU, gpu((7, 5))], "default"),
        ([CPU, gpu((8, 0)), gpu((8, 0))], "MirroredStrategy"),
        ([CPU, Device("TPU"), Device("TPU")], "TPUStrategy"),
    ],
)
def test_strategy_decision(devices: list[Device], name: str) -> None:
    assert strategy_name(devices) == name


def test_this_machine_is_described_and_policy_applied() -> None:
    import keras

    devices = describe_devices()
    assert devices[0].kind == "CPU"
    try:
        choice = use_best_precision(verbose=False)
        assert keras.mixed_precision.dtype_policy().name == choice.policy
        assert choice == choose_policy(devices)
    finally:
        keras.mixed_precision.set_dtype_policy("float32")


def test_env_var_forces_the_policy(monkeypatch: pytest.MonkeyPatch) -> None:
    import keras

    monkeypatch.setenv(precision.POLICY_ENV_VAR, "mixed_bfloat16")
    try:
        choice = precision.use_best_precision(verbose=False)
        assert choice.policy == "mixed_bfloat16"
        assert precision.POLICY_ENV_VAR in choice.reason
        assert keras.mixed_precision.dtype_policy().name == "mixed_bfloat16"
        # an explicit override still wins over the environment
        assert precision.use_best_precision("float32", verbose=False).policy == "float32"
    finally:
        keras.mixed_precision.set_dtype_policy("float32")


def test_env_var_with_unknown_policy_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(precision.POLICY_ENV_VAR, "fp16")
    with pytest.raises(ValueError, match="COURSE_DTYPE_POLICY='fp16'.*Accepted"):
        precision.use_best_precision(verbose=False)
