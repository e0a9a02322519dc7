"""Where are we running, and with what? Seeds, versions and quiet TensorFlow logs.

Introduced in chapter 01 (Setup); every chapter's setup cell calls :func:`setup`.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import platform
import random
import sys
from collections.abc import Iterator, Mapping
from typing import Literal

import numpy as np

Runtime = Literal["colab", "ci", "local"]

# TensorFlow reads these before it starts its C++ runtime: set them before the first import.
_QUIET_ENV = {
    "TF_CPP_MIN_LOG_LEVEL": "3",  # C++ INFO/WARNING/ERROR lines off
    "TF_ENABLE_ONEDNN_OPTS": "0",  # no "oneDNN custom operations are on" notice; same maths
    "KERAS_BACKEND": "tensorflow",  # the course's backend, unless the user chose another
}


def detect_runtime(environ: dict[str, str] | None = None) -> Runtime:
    """Return ``"colab"``, ``"ci"`` or ``"local"``.

    Chapter 01. Colab is recognised by its ``google.colab`` module or ``COLAB_RELEASE_TAG``;
    CI by the ``CI`` variable that CI systems set.

    >>> detect_runtime({"CI": "true"})
    'ci'
    """
    if environ is not None and not isinstance(environ, Mapping):
        raise TypeError(
            "environ must be a dict of environment variables such as {'CI': 'true'} (or None "
            f"for os.environ), got {type(environ).__name__}"
        )
    env = os.environ if environ is None else environ
    if "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in env:
        return "colab"
    if env.get("CI", "").lower() in {"1", "true", "yes"}:
        return "ci"
    return "local"


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """Send file descriptor 2 to /dev/null for the duration (C++ code writes there directly).

    Jupyter kernels replace ``sys.stderr`` but capture the process's descriptor 2, so the
    descriptor itself is redirected, not ``sys.stderr``.
    """
    fd = 2
    try:
        saved = os.dup(fd)
    except OSError:  # no descriptor 2 (e.g. a GUI process): nothing to silence
        yield
        return
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), fd)
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def quiet_tensorflow() -> None:
    """Import TensorFlow without its C++ start-up log lines in the notebook.

    Chapter 01. Sets the log-level variables (keeping any value the user already set), then
    imports TensorFlow once with the C++ standard error silenced: absl prints a few lines before
    any setting is read. Later ``import tensorflow`` / ``import keras`` reuse the loaded module.
    Python warnings and errors are not affected. Does nothing if TensorFlow is not installed.
    """
    for key, value in _QUIET_ENV.items():
        os.environ.setdefault(key, value)
    if "tensorflow" in sys.modules:
        return
    with _stderr_silenced(), contextlib.suppress(ImportError):
        importlib.import_module("tensorflow")


def seed_everything(seed: int = 42) -> None:
    """Seed Python, NumPy and Keras (and through it the backend) so runs repeat.

    Chapter 01. Same seed, same data order, same initial weights: a rerun of a notebook shows the
    same numbers (up to tiny floating-point differences between machines). ``seed`` is an
    integer from 0 to 2**32 - 1; NumPy integers (``np.int64(3)``) are accepted, ``True`` is not.
    """
    import keras

    from course_utils._checks import check_int

    seed = check_int(seed, "seed", min_value=0, max_value=2**32 - 1)
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 - the legacy global RNG that np.random.* calls use
    keras.utils.set_random_seed(seed)
    # keras.random.* without a seed draws from Keras' global SeedGenerator. Newer Keras drops it
    # in set_random_seed, so it is re-made from the new seed; Keras 3.12 (the newest on Python
    # 3.10) keeps it, and unseeded draws would not repeat. Drop it here too.
    with contextlib.suppress(ImportError, AttributeError):
        from keras.src.backend.common import global_state

        global_state.set_global_attribute("global_seed_generator", None)


def _device_summary() -> str:
    import keras

    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        tpus = tf.config.list_logical_devices("TPU")
    elif backend == "jax":
        import jax

        gpus = [d for d in jax.devices() if d.platform == "gpu"]
        tpus = [d for d in jax.devices() if d.platform == "tpu"]
    elif backend == "torch":
        import torch

        gpus = list(range(torch.cuda.device_count()))
        tpus = []
    else:
        gpus, tpus = [], []
    if tpus:
        return f"{len(tpus)} TPU core(s)"
    if gpus:
        return f"{len(gpus)} GPU(s)"
    return f"CPU only ({os.cpu_count()} cores)"


def _forced_policy_note() -> str:
    """`` | dtype policy forced: ...`` when ``COURSE_DTYPE_POLICY`` is set, else ``""``."""
    from course_utils.precision import KNOWN_POLICIES, POLICY_ENV_VAR

    forced = os.environ.get(POLICY_ENV_VAR, "").strip()
    if not forced:
        return ""
    if forced not in KNOWN_POLICIES:
        return f" | {POLICY_ENV_VAR}={forced!r} is not a policy ({', '.join(KNOWN_POLICIES)})"
    return f" | dtype policy forced: {forced} ({POLICY_ENV_VAR})"


def environment_line() -> str:
    """One line with runtime, Python, Keras, backend and devices (and a forced dtype policy).

    Chapter 01. Paste it into a question on the course forum: it says most of what a helper
    needs to know. When ``COURSE_DTYPE_POLICY`` forces a dtype policy for the run (see
    :func:`course_utils.precision.use_best_precision`), the line says so.
    """
    import keras

    backend = keras.backend.backend()
    backend_version = ""
    with contextlib.suppress(ImportError, AttributeError):
        backend_version = " " + importlib.import_module(backend).__version__
    return (
        f"runtime={detect_runtime()} | Python {platform.python_version()} | "
        f"Keras {keras.__version__} | backend {backend}{backend_version} | {_device_summary()}"
        f"{_forced_policy_note()}"
    )


def setup(seed: int = 42) -> None:
    """Quiet TensorFlow, seed everything and print :func:`environment_line`.

    Chapter 01: the first code cell of every chapter. Returns ``None``, so a notebook cell that
    ends with ``environment.setup(...)`` shows the line once (printed), not twice (printed and
    echoed as the cell's value); :func:`environment_line` gives the line as a string.

    >>> setup(seed=0)  # doctest: +SKIP
    runtime=local | Python 3.11.7 | Keras 3.15.1 | backend tensorflow 2.21.0 | CPU only (2 cores)
    """
    quiet_tensorflow()
    seed_everything(seed)
    line = environment_line()
    print(line)
    if detect_runtime() == "colab" and "GPU" not in line and "TPU" not in line:
        print("Tip: Runtime > Change runtime type > GPU makes the training cells faster.")
