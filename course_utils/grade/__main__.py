"""``python -m course_utils.grade SUBMISSIONS... --out DIR``: grade a class (see the package)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from course_utils.grade import DEFAULT_MEMORY, DEFAULT_SECONDS, GradeInputError, Limits, grade

_SIZE = re.compile(r"^\s*(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>[kmgt]?)i?b?\s*$", re.IGNORECASE)


def parse_memory(text: str) -> int | None:
    """``"8G"`` → bytes; ``"none"`` or ``"0"`` → ``None`` (no cap)."""
    if text.strip().lower() in ("none", "off", "0"):
        return None
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a size: give e.g. 8G, 4096M, or none for no cap"
        )
    power = " kmgt".index(match["unit"].lower() or " ")
    return int(float(match["number"]) * 1024**power)


def parse_seconds(text: str) -> float:
    """``"600"``, ``"10m"``, ``"90s"`` → seconds."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(s|m|min)?\s*", text, re.IGNORECASE)
    if not match or float(match[1]) <= 0:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a time limit: give seconds (600) or minutes (10m), more than 0"
        )
    return float(match[1]) * (60 if (match[2] or "s").lower() != "s" else 1)


def parse_jobs(text: str) -> int:
    """A whole number of notebooks at a time, 1 or more."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number of notebooks to run at once: give 1 or more (e.g. 2)"
        )
    return int(text)


def parse_points(text: str) -> dict[str, float]:
    """``"q1=2,q3=0.5"`` → ``{"q1": 2.0, "q3": 0.5}``."""
    points: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, _, value = part.partition("=")
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not re.fullmatch(r"q\d+", key.strip()) or number < 0:
            raise argparse.ArgumentTypeError(
                f"{part!r} is not exercise=points: give e.g. q1=2,q3=0.5 (other exercises: 1)"
            )
        points[key.strip()] = number
    return points


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m course_utils.grade",
        description=(
            "Grade a class's notebooks with the chapters' own exercise checks: each notebook runs "
            "top to bottom in a fresh kernel, offline, in its own folder and process, with a time "
            "limit and a memory cap. Writes grades.csv and report.html (feedback in English and "
            "Hinglish). WARNING: this runs your students' code on this machine, as you."
        ),
    )
    parser.add_argument(
        "submissions",
        nargs="+",
        help="folders of submitted notebooks, .zip files as a learning platform exports them, "
        "or .ipynb files",
    )
    parser.add_argument("--out", required=True, help="folder for grades.csv and report.html")
    parser.add_argument(
        "--jobs", type=parse_jobs, default=1, help="notebooks run at once (default 1)"
    )
    parser.add_argument(
        "--time-limit",
        type=parse_seconds,
        default=DEFAULT_SECONDS,
        help="per notebook, kernel start included: seconds or e.g. 10m (default 10m)",
    )
    parser.add_argument(
        "--memory",
        type=parse_memory,
        default=DEFAULT_MEMORY,
        help="address-space cap per notebook, e.g. 8G (default), or none; POSIX only",
    )
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="run every cell even after one raises (default: stop at the first error)",
    )
    parser.add_argument(
        "--points", type=parse_points, default={}, help="points per exercise, e.g. q1=2,q3=0.5"
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (2 for unusable input, no traceback)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    limits = Limits(seconds=args.time_limit, memory=args.memory, keep_going=args.keep_going)
    try:
        grades = grade(
            args.submissions,
            args.out,
            jobs=args.jobs,
            limits=limits,
            points=args.points,
            progress=None if args.quiet else sys.stderr,
        )
    except GradeInputError as err:
        parser.exit(2, f"{parser.prog}: error: {err}\n")
    except KeyboardInterrupt:
        print(
            "\nStopped: every running notebook was stopped; nothing was written.", file=sys.stderr
        )
        return 130
    print(grades.summary)
    print(f"Wrote {grades.csv} and {grades.html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
