# Course commands. `make lab` opens the course, `make test` runs every test, `make book` builds the book.
# Each bootstraps uv (https://docs.astral.sh/uv/) when it is missing and installs the locked versions from uv.lock.
# Windows without make: see README ("Without make").

PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
# Workers for the test run. Each notebook (nbval) and each test file stays on one worker
# (--dist loadfile); tests/conftest.py hands out the longest first, so both stay busy.
JOBS ?= 2
# Extra pytest options, e.g. make test PYTEST_ARGS="--junitxml=report.xml -k 01_eda"
PYTEST_ARGS ?=

# Jupyter refuses to start as root ("Running as root is not recommended"), which is how Docker
# and many cloud VMs run: there, say it is on purpose.
LAB_ROOT_FLAG := $(shell [ "$$(id -u 2>/dev/null)" = 0 ] && echo --allow-root)

.PHONY: lab test test-policy test-latest time-notebooks book language-notebooks lint \
	sync-notebooks clean bootstrap chromium grade assign

bootstrap:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv>=0.5"

lab: bootstrap
	$(UV) run --frozen --extra lab jupyter lab notebooks/ $(LAB_ROOT_FLAG)

# The book's browser tests need Chromium + its driver: installed with apt when missing and we are
# root on Debian/Ubuntu (as in CI); otherwise a hint, and tests/test_book_browser.py skips.
chromium:
	@if command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver) \
		|| echo "Could not install Chromium; the browser tests will skip."; \
	else echo "No Chromium: the browser tests will skip. Install: sudo apt-get install chromium chromium-driver"; fi

test: bootstrap chromium
	$(UV) sync --frozen --extra dev --extra book
	$(UV) run --frozen --no-sync ruff check course_utils tests notebooks data book scripts
	UV="$(UV)" $(UV) run --frozen --no-sync pytest -n $(JOBS) --dist loadfile --nbval-lax $(PYTEST_ARGS)

# Every notebook (or those in NOTEBOOKS) under the dtype policy a GPU would get, forced on this
# machine (slow on a CPU, so not part of `make test`); each result is recorded in
# reports/policy_runs.json and .md, which tests/test_policy_report.py checks against the notebooks:
# make test-policy POLICY=mixed_float16 (or mixed_bfloat16) NOTEBOOKS="notebooks/04_transformer.ipynb"
POLICY ?= mixed_float16
NOTEBOOKS ?=
test-policy: bootstrap
	$(UV) sync --frozen --extra dev --extra book
	$(UV) run --frozen --no-sync python scripts/policy_run.py --policy $(POLICY) --jobs $(JOBS) \
		$(NOTEBOOKS)

# Python 3.13 (Colab's since August 2026) with the newest releases that pyproject.toml's ranges
# allow (not uv.lock's): the unit tests and one chapter. Needs the network for the install; not part of `make test`.
# LATEST_PYTHON is a version uv can find (pyenv's is used when present) or a path to a python.
LATEST_PYTHON ?= 3.13
LATEST_VENV ?= .venv-latest
LATEST_NOTEBOOK ?= notebooks/01_eda_text.ipynb
# Whether the policy report covers today's notebooks does not depend on the versions: left to make test.
POLICY_COVERAGE_TEST := tests/test_policy_report.py::test_each_chapter_passes_under_each_mixed_policy_for_its_current_code
test-latest: bootstrap
	py="$(LATEST_PYTHON)"; \
	if command -v pyenv >/dev/null 2>&1 && v=$$(pyenv latest "$$py" 2>/dev/null); then \
		py="$$(pyenv prefix "$$v")/bin/python"; fi; \
	$(UV) venv -q --allow-existing --python "$$py" $(LATEST_VENV)
	$(UV) pip install -q --upgrade --python $(LATEST_VENV)/bin/python -e ".[dev]"
	$(UV) pip list --python $(LATEST_VENV)/bin/python | grep -E -i "^(tensorflow|keras|numpy|pandas|scikit-learn) "
	$(LATEST_VENV)/bin/python --version
	UV="$(UV)" $(LATEST_VENV)/bin/python -m pytest -n $(JOBS) --dist loadfile --nbval-lax \
		tests --ignore=tests/test_book.py --ignore=tests/test_wheel.py \
		--deselect $(POLICY_COVERAGE_TEST) $(LATEST_NOTEBOOK) $(PYTEST_ARGS)

book: bootstrap
	$(UV) run --frozen --extra book jupyter-book build . --config book.yml --toc book/_toc.yml

# Every chapter's English-only and Hinglish-only notebook, by the book's rule (book/_ext/language_modes.py),
# into $(COLAB_OUT)/notebooks/NN_name.english.ipynb and .hinglish.ipynb. Generated, never committed:
# CI publishes the folder on the `colab` branch, where the README's and the book's badges point.
COLAB_OUT ?= _build/colab
language-notebooks: bootstrap
	$(UV) run --frozen --extra lab python scripts/language_notebooks.py --out $(COLAB_OUT)

lint: bootstrap
	$(UV) run --frozen --extra dev ruff check course_utils tests notebooks data book scripts
	$(UV) run --frozen --extra dev ruff format --check course_utils tests data book

# For instructors (README, "For instructors: grading a class"). Grading RUNS THE STUDENTS' CODE
# on this machine: each notebook in its own folder and process, offline, with a time limit.
# make grade SUBMISSIONS=folder-or-export.zip [OUT=grades] [JOBS=2] [GRADE_ARGS="--time-limit 5m"]
OUT ?= grades
GRADE_ARGS ?=
grade: bootstrap
	@$(if $(strip $(SUBMISSIONS)),true,echo "Usage: make grade SUBMISSIONS=folder-or-zip [OUT=grades]" && exit 2)
	$(UV) run --frozen --extra lab python -m course_utils.grade $(SUBMISSIONS) --out $(OUT) \
		--jobs $(JOBS) $(GRADE_ARGS)

# Students' copies of chapters, solutions hidden: make assign CHAPTERS="notebooks/01_eda_text.ipynb"
HANDOUTS ?= handouts
assign: bootstrap
	@$(if $(strip $(CHAPTERS)),true,echo "Usage: make assign CHAPTERS=notebooks/01_eda_text.ipynb" && exit 2)
	$(UV) run --frozen --extra lab python -m course_utils.assign $(CHAPTERS) --out $(HANDOUTS)

# After editing a notebook's .py twin outside JupyterLab: bring the .ipynb back in sync (outputs stripped).
sync-notebooks: bootstrap
	$(UV) run --frozen --extra dev jupytext --sync notebooks/*.py

clean:
	rm -rf _build .pytest_cache .ruff_cache

# Each notebook alone, offline, in a fresh kernel: wall / CPU seconds and peak memory into
# reports/notebook_times.md (one after another: ~12 min). Timings stay out of the tests.
# Some notebooks only: make time-notebooks NOTEBOOKS="notebooks/04_transformer.ipynb".
time-notebooks: bootstrap
	$(UV) sync --frozen --extra dev --extra book
	$(UV) run --frozen --no-sync python scripts/time_notebooks.py $(NOTEBOOKS)
