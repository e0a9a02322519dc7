"""The book in a real browser: the English / Hinglish / Both switch, offline math, audio.

Headless Chromium (the system's package, driven by Selenium through chromium-driver) opens the
book that tests/test_book.py builds once per session (execution off) and checks, by what the
browser actually shows (computed style, ``innerText``), that:

* each language mode shows and hides the right cells of a chapter: which English cells a
  Hinglish cell retells is worked out here from the notebook itself (cell order and tags, the
  rule in book/glossary.md), independently of the extension that marks them;
* code, outputs, figures, tables, equations, headings and exercise prompts stay visible in
  every mode;
* the choice survives a reload and a move to another chapter and to the glossary, and the
  switch works from the keyboard, on a phone-width screen and in the dark theme;
* equations are typeset by the book's own MathJax with every outside host unreachable, and the
  page requests nothing but the book's own files;
* an ``IPython.display.Audio`` output plays in the page; exercise feedback follows the switch;
* in Hinglish mode every chapter's exercise prompts are on screen with every number they
  state (the prompts found in the notebook, independently of the extension; the list of
  checked prompts is saved as exercise-prompts-checked.json with the screenshots);
* a ``Going further · …`` section starts collapsed, its Show · dikhao control speaks the
  reader's language, and it opens with a click, with a link on the page and with an address
  that points into it.

Screenshots of the three modes (and phone/dark) are saved in $BOOK_SCREENSHOTS_DIR, or in the
session's temporary folder (the path is printed). Without Chromium the tests skip and say how
to install it; ``make test`` installs it first where it can (root with apt).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_book import (  # noqa: F401 (shared fixtures)
    DETOUR_INNER_ID,
    REPO_ROOT,
    book_html,
    chapter_docnames,
    sample_html,
)

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (uv sync --extra dev)"
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

INSTALL_HINT = (
    "no Chromium found: install the system's browser and driver, e.g. on Debian/Ubuntu "
    "`sudo apt-get install -y chromium chromium-driver` (`make test` does this itself when it "
    "runs as root with apt), or set CHROMIUM and CHROMEDRIVER to their paths"
)
MODES = ("english", "hinglish", "both")
CHAPTER = "notebooks/07_yolo"
OTHER_CHAPTER = "notebooks/06_cnn"
HEADING = re.compile(r"^ {0,3}#{1,6}\s")
WORD = re.compile(r"^[A-Za-z]+[,.;:]?$")


# ---------------------------------------------------------------------------------------------
# What each mode must show, from the notebook alone (the course's rule, written out here again).


def _is_hinglish(cell: dict[str, Any]) -> bool:
    tags = cell.get("metadata", {}).get("tags") or []
    return any(isinstance(tag, str) and tag.lower() == "hinglish" for tag in tags)


def _prose_lines(text: str) -> Iterator[str | None]:
    """The lines of ordinary prose of a markdown text; None where a paragraph breaks.

    Skips what stays visible in every mode or does not render as plain words: code fences,
    display math, raw HTML blocks (<details> solutions), images, tables and headings.
    """
    in_fence = in_math = in_html = False
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith(("```", "~~~")):
            in_fence = not in_fence
            yield None
            continue
        if line.startswith("$$"):
            in_math = not (in_math or (line.endswith("$$") and len(line) > 2))
            yield None
            continue
        if line.startswith("<details"):
            in_html = True
        if in_fence or in_math or in_html or not line:
            if line.startswith("</details"):
                in_html = False
            yield None
            continue
        if line.startswith(("<", "!", "[!", "|", ":", "(", "#")):
            yield None
            continue
        yield re.sub(r"^([-*+]|\d+[.)])\s+", "", line)  # list markers are not words


def _probe(text: str) -> str | None:
    """The longest run (>= 4) of plain words of a text's prose, as the page will show it."""
    best: list[str] = []
    run: list[str] = []
    for line in [*_prose_lines(text), None]:
        tokens = line.split() if line is not None else [""]
        for token in tokens:
            if WORD.match(token):
                run.append(token)
                continue
            if len(run) > len(best):
                best = run
            run = []
    return " ".join(best) if len(best) >= 4 else None


def _normal(text: str) -> str:
    return " ".join(text.split()).lower()


def expected_probes(notebook: Path) -> dict[str, list[str]]:
    """Phrases of the notebook's prose: ``retold`` English (hidden in Hinglish mode), ``kept``
    English (no Hinglish cell retells it: visible in every mode) and ``hinglish``.

    The rule: a Hinglish cell retells the English markdown cells since the previous Hinglish
    cell or section heading (the prose after a heading, within a cell, counts from there), and
    Hinglish mode hides what it retells, except under an ``## Exercises`` heading (the
    prompts are data every reader needs).
    """
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    everything = _normal(" ".join("".join(cell["source"]) for cell in cells))
    chunks: list[tuple[str, bool]] = []  # (English prose, retold?)
    pending: list[int] = []
    hinglish: list[str] = []
    exercises = False  # inside an ## Exercises section: retold, but shown in every mode
    for cell in cells:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        if _is_hinglish(cell):
            for index in pending:
                chunks[index] = (chunks[index][0], True)
            pending = []
            hinglish.append(text.split("\n", 1)[-1])
            continue
        part: list[str] = []
        in_fence = False
        for line in [*text.splitlines(), "# end of cell"]:
            if line.strip().startswith(("```", "~~~")):
                in_fence = not in_fence
            if HEADING.match(line) and not in_fence:
                if "\n".join(part).strip():
                    chunks.append(("\n".join(part), False))
                    if not exercises:
                        pending.append(len(chunks) - 1)
                if line != "# end of cell":
                    pending = []  # a heading: what comes before it is retold by nothing after
                    if re.match(r"^#{1,2}\s", line):
                        exercises = line.startswith("## Exercises")
                part = []
            else:
                part.append(line)
    probes: dict[str, list[str]] = {"retold": [], "kept": [], "hinglish": []}
    texts = [(text, "retold" if retold else "kept") for text, retold in chunks]
    texts += [(text, "hinglish") for text in hinglish]
    for text, kind in texts:
        probe = _probe(text)
        if probe and everything.count(probe.lower()) == 1:  # unique in the notebook
            probes[kind].append(probe)
    return probes


# ---------------------------------------------------------------------------------------------
# The browser.


def _find_chromium() -> tuple[str, str] | None:
    browser = os.environ.get("CHROMIUM") or next(
        filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None
    )
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    if not browser or not driver:
        return None
    return browser, driver


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


@pytest.fixture(scope="module")
def served(book_html: Path, sample_html: Path) -> Iterator[dict[str, str]]:  # noqa: F811
    """Both books on http://127.0.0.1 (how readers get them), one server each."""
    servers = []
    urls = {}
    for name, root in (("book", book_html), ("sample", sample_html)):
        handler = functools.partial(_QuietHandler, directory=str(root))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[name] = f"http://127.0.0.1:{server.server_address[1]}"
    yield urls
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    found = _find_chromium()
    if found is None:
        pytest.skip(INSTALL_HINT)
    binary, driver_path = found
    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,900",
        "--autoplay-policy=no-user-gesture-required",
        "--mute-audio",
        # The network is off: every host but this machine's test server is unreachable.
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=driver_path))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = os.environ.get("BOOK_SCREENSHOTS_DIR")
    path = Path(folder) if folder else tmp_path_factory.mktemp("book-screenshots")
    path.mkdir(parents=True, exist_ok=True)
    print(f"book screenshots: {path}")
    return path


def _open(driver: Any, url: str) -> None:
    driver.get(url)
    WebDriverWait(driver, 30).until(
        lambda d: d.execute_script(
            "return document.readyState === 'complete' && !!document.querySelector("
            "'.language-switch')"
        )
    )


def _start(driver: Any, base: str, mode: str | None = None) -> None:
    """Begin a test on a small page of the book, with the stored choice set (or cleared)."""
    driver.get(f"{base}/genindex.html")
    if mode is None:
        driver.execute_script("localStorage.clear()")
    else:
        driver.execute_script("localStorage.setItem('course-language', arguments[0])", mode)


def _mode(driver: Any) -> str:
    return driver.execute_script("return document.documentElement.dataset.language")


def _choose(driver: Any, mode: str) -> None:
    """Click the mode's label, as a reader does."""
    label = driver.find_element(
        By.XPATH, f"//fieldset[@class='language-switch']//label[input[@value='{mode}']]"
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()
    assert _mode(driver) == mode


VISIBILITY_JS = """
const visible = (el) => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
const all = (selector) => Array.from(document.querySelectorAll(
  selector.split(',').map((s) => 'article.bd-article ' + s.trim()).join(', ')));
const report = {};
for (const [name, selector] of Object.entries(arguments[0])) {
  const elements = all(selector);
  report[name] = {count: elements.length, visible: elements.filter(visible).length};
}
report.text = document.querySelector('article.bd-article').innerText;
return report;
"""
ALWAYS_VISIBLE = {
    "code cells": "div.cell div.cell_input",
    "outputs": "div.cell_output",
    "headings": "h1, h2, h3",
    "equations": "div.math",
    "images": "img",
    "tables": "table",
    "exercise prompts": "div.hinglish-kept",
}
SWITCHED = {"hinglish boxes": "div.hinglish", "retold English": "div.hinglish-retold"}


def _check_mode(driver: Any, mode: str, probes: dict[str, list[str]]) -> None:
    report = driver.execute_script(VISIBILITY_JS, {**ALWAYS_VISIBLE, **SWITCHED})
    text = _normal(report.pop("text"))
    for name in ALWAYS_VISIBLE:
        counts = report[name]
        assert counts["visible"] == counts["count"], f"{mode}: some {name} are hidden: {counts}"
    boxes, retold = report["hinglish boxes"], report["retold English"]
    assert boxes["count"] > 0 and retold["count"] > 0
    assert boxes["visible"] == (0 if mode == "english" else boxes["count"]), (mode, boxes)
    assert retold["visible"] == (0 if mode == "hinglish" else retold["count"]), (mode, retold)
    shown = {
        "retold": mode != "hinglish",
        "kept": True,
        "hinglish": mode != "english",
    }
    for kind, should_show in shown.items():
        for probe in probes[kind]:
            assert (_normal(probe) in text) is should_show, (
                f"{mode} mode: {kind} text {probe!r} is {'hidden' if should_show else 'shown'}"
            )


def _requested_urls(driver: Any) -> list[str]:
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def _check_math_offline(browser: Any, base: str) -> None:
    """Chapter 07's IoU equation is typeset by the book's MathJax; nothing leaves the machine."""
    WebDriverWait(browser, 60).until(
        lambda d: d.execute_script(
            "return document.querySelectorAll('mjx-container[display=\"true\"]').length > 0"
        )
    )
    typeset = browser.execute_script(
        "return Array.from(document.querySelectorAll('mjx-container[display=\"true\"]'))"
        ".map((m) => m.querySelector('mjx-assistive-mml, math')?.textContent || '')"
    )
    assert any("IoU" in formula for formula in typeset), typeset
    text = browser.find_element(By.CSS_SELECTOR, "article.bd-article").text
    assert "\\text{IoU}" not in text and "\\frac" not in text, "raw LaTeX left on the page"
    urls = _requested_urls(browser)
    assert any("/_static/mathjax/" in url for url in urls)
    outside = [url for url in urls if not url.startswith((base, "data:", "blob:", "about:"))]
    assert not outside, f"the page requested outside URLs: {outside}"


def test_the_three_modes_show_the_right_cells(
    browser: Any, served: dict[str, str], screenshots: Path
) -> None:
    """Each mode on chapter 07; first, in Both, its equations typeset offline."""
    probes = expected_probes(REPO_ROOT / f"{CHAPTER}.ipynb")
    assert len(probes["retold"]) >= 5 and len(probes["hinglish"]) >= 5, probes
    _start(browser, served["book"])
    _requested_urls(browser)  # drop the log so far
    _open(browser, f"{served['book']}/{CHAPTER}.html")
    assert _mode(browser) == "both", "Both is the default"
    _check_math_offline(browser, served["book"])
    legend = browser.find_element(By.CSS_SELECTOR, ".language-switch legend")
    assert legend.is_displayed() and legend.text == "Language"
    for mode in ("both", "english", "hinglish"):
        _choose(browser, mode)
        _check_mode(browser, mode, probes)
        # The screenshot shows the section with the IoU equation: prose, equation, code, box.
        browser.execute_script(
            "document.querySelector('article div.math').closest('section').scrollIntoView()"
        )
        browser.save_screenshot(str(screenshots / f"07_yolo-{mode}.png"))


def test_the_choice_survives_reload_and_other_pages(
    browser: Any, served: dict[str, str], screenshots: Path
) -> None:
    _start(browser, served["book"], "both")
    _open(browser, f"{served['book']}/{CHAPTER}.html")
    _choose(browser, "hinglish")
    browser.refresh()
    _open(browser, browser.current_url)
    assert _mode(browser) == "hinglish"
    checked = browser.find_element(By.CSS_SELECTOR, ".language-switch input:checked")
    assert checked.get_attribute("value") == "hinglish"

    _open(browser, f"{served['book']}/{OTHER_CHAPTER}.html")  # a new visit of another chapter
    assert _mode(browser) == "hinglish"
    _check_mode(browser, "hinglish", expected_probes(REPO_ROOT / f"{OTHER_CHAPTER}.ipynb"))

    _open(browser, f"{served['book']}/book/glossary.html")
    assert _mode(browser) == "hinglish"
    boxes = browser.find_elements(By.CSS_SELECTOR, "article div.hinglish")
    assert boxes and all(box.is_displayed() for box in boxes)
    retold = browser.find_elements(By.CSS_SELECTOR, "article div.hinglish-retold")
    assert retold and not any(element.is_displayed() for element in retold)
    browser.save_screenshot(str(screenshots / "glossary-hinglish.png"))
    _choose(browser, "both")


def test_the_switch_works_from_the_keyboard(browser: Any, served: dict[str, str]) -> None:
    _start(browser, served["book"], "both")
    _open(browser, f"{served['book']}/book/glossary.html")  # a fresh page: focus at the top
    # A keyboard reader tabs from the top of the page (past the theme's links and buttons).
    for _ in range(80):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        focused = browser.switch_to.active_element
        if focused.get_attribute("name") == "course-language":
            break
    else:
        pytest.fail("Tab never reaches the language switch")
    assert focused.get_attribute("value") == "both"  # a radio group is entered at its choice
    ActionChains(browser).send_keys(Keys.ARROW_LEFT).perform()  # Both -> Hinglish
    assert _mode(browser) == "hinglish"
    outline = browser.execute_script(
        "const label = document.activeElement.closest('label');"
        "return getComputedStyle(label).outlineStyle;"
    )
    assert outline != "none", "the focused option has no visible focus ring"
    ActionChains(browser).send_keys(Keys.ARROW_LEFT).perform()  # Hinglish -> English
    assert _mode(browser) == "english"
    _choose(browser, "both")


def test_phone_width_and_dark_theme(
    browser: Any, served: dict[str, str], screenshots: Path
) -> None:
    browser.set_window_size(390, 844)
    try:
        _start(browser, served["book"], "both")
        _open(browser, f"{served['book']}/{CHAPTER}.html")
        browser.execute_script(
            "document.documentElement.dataset.theme = 'dark';"
            "document.documentElement.dataset.mode = 'dark';"
        )
        _choose(browser, "hinglish")
        switch = browser.find_element(By.CSS_SELECTOR, ".language-switch")
        box = browser.execute_script(
            "const r = arguments[0].getBoundingClientRect();"
            "return {left: r.left, right: r.right, width: window.innerWidth};",
            switch,
        )
        assert switch.is_displayed()
        assert box["left"] >= 0 and box["right"] <= box["width"], f"switch off screen: {box}"
        first_box = browser.find_element(By.CSS_SELECTOR, "article div.hinglish")
        colours = browser.execute_script(
            "const s = getComputedStyle(arguments[0]);"
            "return [s.color, getComputedStyle(document.body).backgroundColor];",
            first_box,
        )
        assert colours[0] != colours[1]
        browser.save_screenshot(str(screenshots / "07_yolo-hinglish-phone-dark.png"))
    finally:
        browser.set_window_size(1280, 900)
        _choose(browser, "both")


def test_audio_plays_in_the_page(browser: Any, served: dict[str, str]) -> None:
    """The executed sample notebook's IPython.display.Audio output plays."""
    _open(browser, f"{served['sample']}/sample.html")
    browser.set_script_timeout(30)
    result = browser.execute_async_script(
        """
        const done = arguments[arguments.length - 1];
        const audio = document.querySelector('article audio');
        if (!audio) { done({error: 'no <audio> in the page'}); return; }
        audio.addEventListener('ended', () => done({duration: audio.duration, ended: true}));
        audio.play().catch((err) => done({error: String(err)}));
        setTimeout(() => done({error: 'not ended after 20 s', time: audio.currentTime}), 20000);
        """
    )
    assert result.get("error") is None, result
    assert result["duration"] == pytest.approx(0.5, abs=0.01)  # 4000 samples at 8 kHz
    assert result["ended"], "the player did not play to the end"


def test_exercise_feedback_follows_the_switch(
    browser: Any, served: dict[str, str], screenshots: Path
) -> None:
    _start(browser, served["sample"], "both")
    _open(browser, f"{served['sample']}/stored.html")
    feedback = browser.find_elements(By.CSS_SELECTOR, ".exercise-feedback")
    assert len(feedback) == 2
    wrong = feedback[0]
    for mode, english_shown, hinglish_shown in (
        ("both", True, True),
        ("english", True, False),
        ("hinglish", False, True),
    ):
        _choose(browser, mode)
        text = wrong.text
        assert ("your IoU is not 1/3." in text) is english_shown, (mode, text)
        assert ("tumhara IoU 1/3 nahi hai." in text) is hinglish_shown, (mode, text)
        assert "Not yet (q1)" in text  # the verdict shows in every language
    _choose(browser, "both")
    browser.save_screenshot(str(screenshots / "exercise-feedback-both.png"))
    # The reference solution's output starts collapsed behind a "show output" toggle.
    output = browser.find_element(By.CSS_SELECTOR, ".tag_hide-output .cell_output")
    assert "0.3333" not in browser.find_element(By.TAG_NAME, "article").text
    toggle = browser.find_element(By.CSS_SELECTOR, ".tag_hide-output details summary")
    toggle.click()
    WebDriverWait(browser, 5).until(lambda d: output.is_displayed())
    assert "0.3333" in output.text


# ---------------------------------------------------------------------------------------------
# Every chapter's exercises in Hinglish mode: a Hinglish-first student must be able to answer
# them. The prompts are found in the notebook (the English under ## Exercises, and the English
# right before a cell that checks an answer), without asking the extension or its rule.

_DETAILS = re.compile(r"<details\b.*?</details>", re.DOTALL | re.IGNORECASE)
_CHECK = re.compile(r"\bex\.q\w+\.check\(")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_PROMPT_WORD = re.compile(r"^[A-Za-z]+[,.;:?!]?$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def _items(markdown: str) -> Iterator[str]:
    """The paragraphs and list items of a Markdown text (solutions and code fences left out)."""
    text = _DETAILS.sub("\n\n", markdown)
    text = re.sub(r"```.*?```", "\n\n", text, flags=re.DOTALL)
    item: list[str] = []
    for line in [*text.splitlines(), ""]:
        starts = bool(_LIST_MARKER.match(line)) or HEADING.match(line)
        if (not line.strip() or starts) and item:
            yield "\n".join(item)
            item = []
        if line.strip():
            item.append(line)


def _shown_numbers(markdown: str) -> set[str]:
    """The numbers a prompt item shows on the page: not its list marker, links' addresses or
    HTML tags."""
    text = _LIST_MARKER.sub("", markdown, count=1)
    text = re.sub(r"\]\([^)]*\)", "]", re.sub(r"<[^>]+>", " ", text))
    return {str(float(n)) for n in _NUMBER.findall(text)}


def exercise_prompt_items(notebook: Path) -> list[dict[str, Any]]:
    """Each prompt item that states data (a number): a phrase to find it by, and its numbers."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    chosen: dict[int, str] = {}
    exercises = False
    for i, cell in enumerate(cells):
        text = "".join(cell["source"])
        english = cell["cell_type"] == "markdown" and not _is_hinglish(cell)
        if english and re.match(r"^#{1,2}\s", text):
            exercises = text.startswith("## Exercises")
        if exercises and english:
            chosen[i] = text
        if cell["cell_type"] == "code" and _CHECK.search(text):
            j = i - 1
            while j >= 0 and cells[j]["cell_type"] == "markdown" and not _is_hinglish(cells[j]):
                chosen[j] = "".join(cells[j]["source"])
                if HEADING.match(chosen[j]):
                    break
                j -= 1
    prompts = []
    for _, text in sorted(chosen.items()):
        for item in _items(text):
            numbers = _shown_numbers(item)
            if not numbers or HEADING.match(item):
                continue
            words: list[str] = []
            best: list[str] = []
            for token in [*_LIST_MARKER.sub("", item, count=1).replace("**", "").split(), ""]:
                if _PROMPT_WORD.match(token):
                    words.append(token)
                    continue
                best = max(best, words, key=len)
                words = []
            if len(best) >= 3:
                prompts.append({"probe": " ".join(best), "numbers": sorted(numbers)})
    return prompts


# MathJax has typeset the page (prompts hold math: 03's gate values are in $...$).
TYPESET_JS = "return !document.querySelector('article .math:not(:has(mjx-container))')"
PROMPTS_JS = """
const normal = (t) => t.replace(/[\\u2018\\u2019]/g, "'").replace(/[\\u201c\\u201d]/g, '"')
  .replace(/\\s+/g, ' ').trim().toLowerCase();
const blocks = Array.from(document.querySelectorAll('article.bd-article p, article.bd-article li'));
return arguments[0].map((probe) => {
  const holders = blocks.filter((el) => normal(el.textContent).includes(normal(probe)));
  holders.sort((a, b) => a.textContent.length - b.textContent.length);
  const el = holders[0];
  if (!el) { return {probe, found: false}; }
  const box = el.getBoundingClientRect();
  return {
    probe, found: true,
    visible: el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
      && el.offsetParent !== null && box.width > 0 && box.height > 0,
    text: el.textContent,
  };
});
"""


def test_every_chapter_shows_its_exercises_in_hinglish_mode(
    browser: Any, served: dict[str, str], screenshots: Path
) -> None:
    """In Hinglish mode, every chapter's exercise prompts are on screen with all their data:
    the element holding each prompt is rendered (computed style, layout box) and its text has
    every number the prompt states. The list of checked prompts is saved with the screenshots."""
    _start(browser, served["book"], "hinglish")
    checked: dict[str, list[str]] = {}
    for docname in chapter_docnames():
        prompts = exercise_prompt_items(REPO_ROOT / f"{docname}.ipynb")
        assert len(prompts) >= 3, f"{docname}: only {prompts} found"
        _open(browser, f"{served['book']}/{docname}.html")
        assert _mode(browser) == "hinglish"
        WebDriverWait(browser, 60).until(  # MathJax has typeset the page (prompts hold math)
            lambda d: d.execute_script(
                "return !document.querySelector('.math:not(:has(mjx-container))')"
            )
        )
        results = browser.execute_script(PROMPTS_JS, [p["probe"] for p in prompts])
        for prompt, result in zip(prompts, results, strict=True):
            where = f"{docname} (Hinglish mode): exercise prompt {prompt['probe']!r}"
            assert result["found"], f"{where} is not on the page"
            assert result["visible"], f"{where} is hidden"
            shown = {str(float(n)) for n in _NUMBER.findall(result["text"])}
            missing = set(prompt["numbers"]) - shown
            assert not missing, f"{where} lacks its numbers {sorted(missing)}: {result['text']!r}"
        checked[docname] = [p["probe"] for p in prompts]
        if docname.endswith("03_lstm"):
            browser.execute_script(
                "document.getElementById('exercises').scrollIntoView({block: 'start'})"
            )
            browser.save_screenshot(str(screenshots / "03_lstm-exercises-hinglish.png"))
    (screenshots / "exercise-prompts-checked.json").write_text(
        json.dumps(checked, indent=1, ensure_ascii=False), encoding="utf-8"
    )
    print(f"checked {sum(map(len, checked.values()))} exercise prompts in Hinglish mode")
    _choose(browser, "both")


# ---------------------------------------------------------------------------------------------
# A `## Going further · …` section: collapsed, opened by a click and by a link (sample book).

DETOUR_JS = """
const details = document.querySelector('article details.going-further');
const first = details && details.querySelector('div.cell');  // shown in every language
const inner = document.getElementById(arguments[0]);
const shown = (el) => !!el && el.checkVisibility({checkVisibilityCSS: true})
  && el.offsetParent !== null;
const summary = details && details.querySelector('summary');
return {
  exists: !!details, open: !!details && details.open,
  bodyVisible: shown(first), innerVisible: shown(inner && inner.querySelector('p')),
  summaryVisible: shown(summary), label: summary ? summary.innerText.trim() : '',
};
"""


def _detour(browser: Any) -> dict[str, Any]:
    return browser.execute_script(DETOUR_JS, DETOUR_INNER_ID)


def test_going_further_opens_by_click_and_by_link(
    browser: Any, served: dict[str, str], screenshots: Path
) -> None:
    base = served["sample"]
    _start(browser, base, "both")
    _open(browser, f"{base}/detour.html")
    state = _detour(browser)
    assert state["exists"] and not state["open"], state
    assert not state["bodyVisible"] and not state["innerVisible"], "the detour is not collapsed"
    assert state["summaryVisible"], state
    assert state["label"] == "Show this section · yeh section dikhao", state
    browser.save_screenshot(str(screenshots / "going-further-collapsed.png"))

    summary = browser.find_element(By.CSS_SELECTOR, "article details.going-further > summary")
    summary.click()  # a reader clicks "Show"
    state = _detour(browser)
    assert state["open"] and state["bodyVisible"] and state["innerVisible"], state
    assert state["label"] == "Hide · chhupao", state
    _choose(browser, "hinglish")  # the control speaks the reader's language
    assert _detour(browser)["label"] == "chhupao"
    _choose(browser, "english")
    assert _detour(browser)["label"] == "Hide"
    _choose(browser, "hinglish")
    summary.click()  # closed again
    assert _detour(browser)["label"] == "yeh section dikhao"

    # A link on the page into the detour opens it (twice: the second time the #fragment is the
    # same, so no hashchange event fires).
    for _ in range(2):
        assert not _detour(browser)["open"]
        link = browser.find_element(By.CSS_SELECTOR, "article a.to-inner")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
        link.click()
        WebDriverWait(browser, 5).until(lambda d: _detour(d)["innerVisible"])
        summary.click()
    browser.find_element(By.CSS_SELECTOR, "article a.to-detour").click()
    WebDriverWait(browser, 5).until(lambda d: _detour(d)["bodyVisible"])

    # An address from elsewhere (another page, a bookmark) opens it on arrival.
    _open(browser, f"{base}/stored.html")
    _open(browser, f"{base}/detour.html#{DETOUR_INNER_ID}")
    WebDriverWait(browser, 5).until(lambda d: _detour(d)["innerVisible"])
    in_view = browser.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return r.top < window.innerHeight && r.bottom > 0;",
        DETOUR_INNER_ID,
    )
    assert in_view, "the linked part of the detour is not scrolled into view"
    browser.save_screenshot(str(screenshots / "going-further-opened-by-link.png"))
    _choose(browser, "both")
