"""Write every chapter's English-only and Hinglish-only notebook (for Colab), by the book's rule.

    python scripts/language_notebooks.py                 # into _build/colab/notebooks/
    python scripts/language_notebooks.py --out DIR       # into DIR/notebooks/
    make language-notebooks                              # the same, with the locked environment

From each ``notebooks/NN_name.ipynb`` it writes ``NN_name.english.ipynb`` (no Hinglish cells) and
``NN_name.hinglish.ipynb`` (no English prose that a Hinglish cell retells), deciding what goes
with ``book/_ext/language_modes.py``, the module the book's English / Hinglish / Both switch
uses: code cells (with any outputs), tables, figures, equations, solutions and the whole
exercises section are in all three notebooks. The copies are generated, never edited: they are
not committed, a CI workflow publishes them on the ``colab`` branch under the same paths
(``notebooks/NN_name.english.ipynb``), where the "Open in Colab" badges of the README and the
book point. Each copy's title badge points at the copy itself and links back to the bilingual
chapter. The output is deterministic (same input, same bytes).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "_build" / "colab"

sys.path.insert(0, str(ROOT / "book" / "_ext"))
import language_modes as rule  # noqa: E402

MODES = (rule.ENGLISH, rule.HINGLISH)
NOTE = {
    rule.ENGLISH: "*English only: the Hinglish cells are left out. The bilingual chapter: {link}.*",
    rule.HINGLISH: (
        "*Sirf Hinglish: jo English prose Hinglish cells retell karte hain, woh yahan nahi hai; "
        "code, outputs, tables aur exercises poore hain. Bilingual chapter: {link}.*"
    ),
}


def chapters(folder: Path = NOTEBOOKS) -> list[Path]:
    """The chapters: ``NN_name.ipynb`` (not the generated ``*.english``/``*.hinglish`` ones)."""
    return sorted(
        path
        for path in folder.glob("[0-9][0-9]*_*.ipynb")
        if not any(path.name.endswith(suffix) for suffix in rule.NOTEBOOK_SUFFIX.values())
    )


def _retitle(cell: dict[str, Any], mode: str, branch: str) -> None:
    """Point the title cell's Colab badge at this copy, with a line linking the bilingual one."""
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    urls = rule.find_colab_urls(source)
    if not urls:
        return
    bilingual = urls[0]
    github = bilingual.replace("https://colab.research.google.com/github/", "https://github.com/")
    source = source.replace(bilingual, rule.language_colab_url(bilingual, mode, branch))
    lines = source.split("\n")
    badge = next(i for i, line in enumerate(lines) if "colab.research.google.com" in line)
    name = github.rsplit("/", 1)[-1]
    lines[badge + 1 : badge + 1] = ["", NOTE[mode].format(link=f"[{name}]({github})")]
    cell["source"] = "\n".join(lines)


def language_notebook(notebook: dict[str, Any], source: Path, mode: str, branch: str) -> dict:
    """``notebook`` (read from ``source``) as ``mode`` shows it, ready to publish."""
    result = rule.language_notebook(notebook, mode)
    if result["cells"] and result["cells"][0].get("cell_type") == "markdown":
        _retitle(result["cells"][0], mode, branch)
    metadata = result.setdefault("metadata", {})
    metadata.pop("jupytext", None)  # a copy is not a jupytext pair
    metadata["course_language"] = {
        "mode": mode,
        "generated_from": source.relative_to(ROOT).as_posix()
        if source.is_relative_to(ROOT)
        else source.name,
        "generated_by": "scripts/language_notebooks.py (do not edit: regenerate)",
    }
    return result


def dumps(notebook: dict[str, Any]) -> str:
    """Notebook JSON as nbformat writes it (indent 1, sorted keys), so diffs stay small."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def write_all(
    out: Path = DEFAULT_OUT,
    sources: Sequence[Path] | None = None,
    branch: str = rule.COLAB_BRANCH,
) -> list[Path]:
    """Write the two language notebooks of every chapter into ``out/notebooks``; return them."""
    folder = out / "notebooks"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for source in chapters() if sources is None else sources:
        notebook = json.loads(source.read_text(encoding="utf-8"))
        for mode in MODES:
            path = folder / rule.language_notebook_name(source.name, mode)
            path.write_text(
                dumps(language_notebook(notebook, source, mode, branch)), encoding="utf-8"
            )
            written.append(path)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument(
        "--branch",
        default=rule.COLAB_BRANCH,
        help="the branch the copies are published on (their own badges point there)",
    )
    parser.add_argument("notebooks", nargs="*", type=Path, help="chapters (default: all)")
    args = parser.parse_args(argv)
    sources = [path.resolve() for path in args.notebooks] or None
    written = write_all(args.out, sources, args.branch)
    print(f"wrote {len(written)} notebooks into {args.out / 'notebooks'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
