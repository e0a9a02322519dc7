"""Write ``grades.csv`` and ``report.html`` (one self-contained page, readable offline).

Part of :mod:`course_utils.grade`. The report has a class table per chapter (students ×
exercises, ✓ ✗ … – !, totals), the exercises most often wrong with their most common reason,
and one section per submitted file with its feedback in English and Hinglish.
"""

from __future__ import annotations

import csv
import html
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

from course_utils.grade._verdicts import NotebookResult, Row

MARKS = {"correct": "✓", "wrong": "✗", "unanswered": "…", "not reached": "–", "error": "!"}
CSV_COLUMNS = [f.name for f in fields(Row)]
NOT_REACHED = (
    "not reached: the notebook stopped before this exercise (where and why: above).",
    "yahan tak nahi pahunche: notebook is exercise se pehle ruk gaya (kahan aur kyun: upar).",
)

_CSS = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d1d1f;
       max-width: 1200px; margin: 2em auto; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { margin-top: 2em; border-bottom: 1px solid #ddd; }
.meta { color: #555; margin-top: 0; }
.legend span { margin-right: 1.2em; white-space: nowrap; }
table { border-collapse: collapse; margin: 0.8em 0; }
th, td { border: 1px solid #ddd; padding: 0.35em 0.6em; vertical-align: top; }
thead th { background: #f4f4f6; font-weight: 600; text-align: center; }
thead th small { display: block; font-weight: normal; color: #555; max-width: 9em; }
tfoot td { background: #f9f9fb; font-weight: 600; }
td.mark { text-align: center; font-size: 1.15em; font-weight: 700; min-width: 2.2em; }
td.num { text-align: right; white-space: nowrap; }
td.run { color: #444; font-size: 0.9em; max-width: 26em; }
.correct { color: #1b7f3b; background: #eaf6ee; } .wrong { color: #b3261e; background: #fbeceb; }
.unanswered { color: #7a5c00; background: #fdf6e0; }
.not-reached { color: #666; background: #f1f1f1; } .error { color: #6d1b7b; background: #f5eaf7; }
.badge { display: inline-block; border-radius: 0.8em; padding: 0 0.6em; font-weight: 600;
         white-space: nowrap; font-size: 0.9em; }
.hi { color: #37474f; } .hi em { color: #555; }
section.student { border: 1px solid #e3e3e8; border-radius: 6px; padding: 0.2em 1.2em 0.8em;
                  margin: 1.2em 0; }
section.student h3 { margin-bottom: 0.1em; } section.student h3 small { color: #666;
  font-weight: normal; }
table.feedback td:first-child { white-space: nowrap; }
table.feedback p { margin: 0.1em 0; }
code { background: #f2f2f4; padding: 0 0.25em; border-radius: 3px; font-size: 0.92em; }
.stopped { color: #b3261e; }
blockquote { margin: 0.3em 0 0.6em 1em; padding-left: 0.8em; border-left: 3px solid #ddd; }
footer { margin-top: 3em; color: #666; font-size: 0.85em; }
"""


def write_csv(rows: Sequence[Row], path: Path) -> None:
    """``grades.csv``: one row per student's notebook × exercise (UTF-8, comma-separated)."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for row in rows:
            line = asdict(row)
            line["points"] = f"{row.points:g}"
            line["max_points"] = f"{row.max_points:g}"
            writer.writerow(line)


def _text(value: str) -> str:
    """Escape ``value`` for HTML and show `backticked` parts as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(value))


def _css_class(status: str) -> str:
    return status.replace(" ", "-")


def _badge(status: str) -> str:
    return f'<span class="badge {_css_class(status)}">{MARKS[status]} {status}</span>'


def _anchor(index: int) -> str:
    return f"notebook-{index + 1}"


def _score(result: NotebookResult) -> tuple[float, float]:
    return sum(r.points for r in result.rows), sum(r.max_points for r in result.rows)


def _class_table(chapter: str, results: list[tuple[int, NotebookResult]]) -> str:
    exercises: dict[str, str] = {}
    for _, result in results:
        for row in result.rows:
            if row.exercise:
                exercises.setdefault(row.exercise, row.title)
    per_student = Counter(r.student for _, r in results)
    head = "".join(
        f"<th>{html.escape(k)}<small>{html.escape(t)}</small></th>" for k, t in exercises.items()
    )
    body = []
    for index, result in results:
        by_key = {row.exercise: row for row in result.rows}
        cells = []
        for key in exercises:
            row = by_key.get(key)
            if row is None:
                cells.append('<td class="mark"></td>')
            else:
                cells.append(
                    f'<td class="mark {_css_class(row.status)}" title="{html.escape(row.status)}: '
                    f'{html.escape(row.reason_en)}">{MARKS[row.status]}</td>'
                )
        got, total = _score(result)
        twice = per_student[result.student] > 1
        note = f" <small>({per_student[result.student]} notebooks)</small>" if twice else ""
        run_class = "run stopped" if result.stopped or not result.readable else "run"
        body.append(
            f'<tr><td><a href="#{_anchor(index)}">{html.escape(result.student)}</a>{note}</td>'
            f"<td>{html.escape(result.filename)}</td>{''.join(cells)}"
            f'<td class="num">{got:g} / {total:g}</td>'
            f'<td class="{run_class}" title="{html.escape(result.run_en)}">'
            f"{html.escape(result.run_short)}</td></tr>"
        )
    foot = []
    for key in exercises:
        rows = [r for _, res in results for r in res.rows if r.exercise == key]
        right = sum(r.status == "correct" for r in rows)
        foot.append(f'<td class="mark">{right}/{len(rows)}</td>')
    scores = [_score(r)[0] for _, r in results]
    mean = sum(scores) / len(scores) if scores else 0.0
    best = max((_score(r)[1] for _, r in results), default=0.0)
    title = f"Chapter {html.escape(chapter)}" if chapter else "Chapter unknown"
    return (
        f'<h3>{title}</h3>\n<table class="class"><thead><tr><th>Student</th><th>Notebook</th>'
        f"{head}<th>Total</th><th>Run</th></tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + f'\n</tbody><tfoot><tr><td colspan="2">Correct</td>{"".join(foot)}'
        f'<td class="num">mean {mean:.1f} / {best:g}</td><td></td></tr></tfoot></table>'
    )


def _most_often_wrong(results: Sequence[NotebookResult]) -> str:
    """The (up to 5) exercises most often wrong, each with its most common reason."""
    by_exercise: dict[tuple[str, str, str], list[Row]] = defaultdict(list)
    for result in results:
        if result.readable:  # a file that could not be read says nothing about an exercise
            for row in result.rows:
                by_exercise[(row.chapter, row.exercise, row.title)].append(row)
    ranked = []
    for (chapter, key, title), group in by_exercise.items():
        wrong = [r for r in group if r.status == "wrong"]
        if wrong:
            ranked.append((len(wrong), chapter, key, title, group, wrong))
    if not ranked:
        return "<p>No exercise was answered wrongly.</p>"
    ranked.sort(key=lambda item: (-item[0], item[1], item[2]))
    items = []
    for count, chapter, key, title, group, wrong in ranked[:5]:
        reasons = Counter((r.reason_en, r.reason_hi) for r in wrong)
        (en, hi), times = reasons.most_common(1)[0]
        errors = sum(r.status == "error" for r in group)
        also = f"; an error in {errors} more" if errors else ""
        items.append(
            f"<li><strong>{html.escape(chapter)} · {html.escape(key)}</strong> "
            f"({html.escape(title)}): wrong in {count} of {len(group)} notebooks run{also}. "
            f"Most common reason ({times} of {count}):"
            f"<blockquote><p>{_text(en)}</p>"
            f'<p class="hi"><em>Hinglish mein:</em> {_text(hi)}</p></blockquote></li>'
        )
    return "<ol>\n" + "\n".join(items) + "\n</ol>"


def _student_section(index: int, result: NotebookResult) -> str:
    got, total = _score(result)
    if result.readable:
        lines = []
        for row in result.rows:
            name = f"{html.escape(row.exercise)} · {html.escape(row.title)}"
            en, hi = row.reason_en, row.reason_hi
            if row.status == "not reached":  # the reason is the run's, said just above
                en, hi = NOT_REACHED
            lines.append(
                f"<tr><td>{_badge(row.status)}</td><td>{name}</td>"
                f"<td><p>{_text(en)}</p>"
                f'<p class="hi"><em>Hinglish mein:</em> {_text(hi)}</p></td></tr>'
            )
        body = f'<table class="feedback"><tbody>{"".join(lines)}</tbody></table>'
    else:  # the same reason for every exercise: say it once
        keys = ", ".join(r.exercise for r in result.rows if r.exercise)
        counted = f"Every exercise ({keys}) is counted as {_badge('error')}." if keys else ""
        body = f"<p>{counted}</p>" if counted else ""
    stopped = ' class="stopped"' if result.stopped or not result.readable else ""
    chapter = f"chapter {html.escape(result.chapter)} · " if result.chapter else ""
    executed = (
        f' · <a href="executed/{quote(result.executed.name)}">the notebook as it ran</a>'
        if result.executed is not None
        else ""
    )
    return (
        f'<section class="student" id="{_anchor(index)}"><h3>{html.escape(result.student)} '
        f"<small>{html.escape(result.notebook)}</small></h3>"
        f'<p class="meta">{chapter}<strong>{got:g} / {total:g} points</strong>{executed}<br>'
        f"<span{stopped}>{_text(result.run_en)}</span><br>"
        f'<span class="hi"><em>Hinglish mein:</em> {_text(result.run_hi)}</span></p>'
        f"{body}</section>"
    )


def write_html(
    results: Sequence[NotebookResult], path: Path, summary: str, settings: Sequence[str]
) -> None:
    """``report.html``: class tables, the exercises most often wrong, one section per file."""
    chapters: dict[str, list[tuple[int, NotebookResult]]] = defaultdict(list)
    for index, result in enumerate(results):
        chapters[result.chapter].append((index, result))
    tables = "\n".join(
        _class_table(chapter, chapters[chapter])
        for chapter in sorted(chapters, key=lambda c: c or "~")
    )
    legend = "".join(
        f'<span><span class="badge {_css_class(s)}">{m}</span> {s}</span>' for s, m in MARKS.items()
    )
    sections = "\n".join(_student_section(i, r) for i, r in enumerate(results))
    names = ", ".join(f"chapter {c}" for c in sorted(c for c in chapters if c)) or "no chapter"
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Grades · {html.escape(names)}</title>
<style>{_CSS}</style>
</head>
<body>
<h1>Grades · {html.escape(names)}</h1>
<p class="meta">{html.escape(summary)}<br>Generated {datetime.now():%Y-%m-%d %H:%M} by
<code>python -m course_utils.grade</code>.</p>
<p class="legend">{legend}</p>
<h2>Class</h2>
{tables}
<h2>Most often wrong</h2>
{_most_often_wrong(results)}
<h2>Feedback per student</h2>
{sections}
<footer>{"<br>".join(_text(s) for s in settings)}</footer>
</body>
</html>
"""
    path.write_text(page, encoding="utf-8")
