"""Runtime detection, seeding and the environment line."""

from __future__ import annotations

import random

import numpy as np
import pytest

from course_utils import environment


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "local"),
        ({"CI": "true"}, "ci"),
        ({"CI": "1"}, "ci"),
        ({"CI": "false"}, "local"),
        ({"COLAB_RELEASE_TAG": "release-colab_20260101"}, "colab"),
        ({"COLAB_RELEASE_TAG": "x", "CI": "true"}, "colab"),
    ],
)
def test_detect_runtime(env: dict[str, str], expected: str) -> None:
    assert environment.detect_runtime(env) == expected


def test_seed_everything_repeats_python_numpy_and_keras() -> None:
    import keras

    def draw() -> tuple[float, float, float]:
        return (
            random.random(),
            float(np.random.rand()),  # noqa: NPY002 - the global RNG is what we seed
            float(keras.random.uniform(()).numpy()),
        )

    environment.seed_everything(7)
    first = draw()
    environment.seed_everything(7)
    assert draw() == first
    environment.seed_everything(8)
    assert draw() != first


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (-1, "seed must be >= 0"),
        (1.5, "seed must be an integer, got float"),
        ("42", "without quotes: 42"),
        (True, "seed must be an integer, got bool"),
        (2**32, "seed must be <= 4294967295"),
    ],
)
def test_seed_everything_rejects_bad_seeds(bad: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        environment.seed_everything(bad)  # type: ignore[arg-type]


def test_seed_everything_accepts_numpy_integers() -> None:
    environment.seed_everything(np.int64(3))
    first = np.random.random()  # noqa: NPY002 - the global RNG seed_everything seeds
    environment.seed_everything(3)
    assert np.random.random() == first  # noqa: NPY002


def test_setup_prints_one_informative_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COURSE_DTYPE_POLICY", raising=False)
    # None: a notebook cell ending with setup(...) must not echo the line a second time
    assert environment.setup(seed=0) is None
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1, lines
    assert lines[0] == environment.environment_line()
    for part in ("runtime=", "Python", "Keras 3.", "backend tensorflow"):
        assert part in lines[0]
    assert "forced" not in lines[0]


def test_setup_cell_shows_the_line_once_in_ipython() -> None:
    """Finding: on Colab the line appeared twice (printed, then echoed as the cell's value)."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    shell = InteractiveShell.instance()
    try:
        with capture_output() as captured:
            shell.run_cell("from course_utils import environment\nenvironment.setup(seed=42)")
    finally:
        InteractiveShell.clear_instance()
    assert captured.stdout.count("runtime=") == 1, captured.stdout
    assert not captured.outputs, "the cell's value was displayed too"


@pytest.mark.parametrize("policy", ["mixed_float16", "mixed_bfloat16", "float32"])
def test_a_forced_policy_is_in_the_setup_line(policy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COURSE_DTYPE_POLICY", policy)
    assert environment.environment_line().endswith(
        f" | dtype policy forced: {policy} (COURSE_DTYPE_POLICY)"
    )


def test_an_unknown_forced_policy_is_flagged_in_the_setup_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COURSE_DTYPE_POLICY", "fp16")
    assert "COURSE_DTYPE_POLICY='fp16' is not a policy (float32, mixed_float16" in (
        environment.environment_line()
    )
