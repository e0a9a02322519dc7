# Course commands. `make lab` opens the course, `make test` runs every test, `make book` builds the book.
# Each bootstraps uv (https://docs.astral.sh/uv/) when it is missing and installs the locked versions from uv.lock.
# Windows without make: see README ("Without make").

PYTHON ?= python3
UV := $(shell command -v uv 2>/dev/null || echo "$(PYTHON) -m uv")
# Workers for the test run; nbval keeps each notebook on one worker (--dist loadfile).
JOBS ?= 2
# Extra pytest options, e.g. make test PYTEST_ARGS="--junitxml=report.xml -k 01_eda"
PYTEST_ARGS ?=

.PHONY: lab test test-policy book lint sync-notebooks clean bootstrap chromium

bootstrap:
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet "uv>=0.5"

lab: bootstrap
	$(UV) run --frozen --extra lab jupyter lab notebooks/

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
	$(UV) run --frozen --no-sync ruff check course_utils tests notebooks data book
	$(UV) run --frozen --no-sync pytest -n $(JOBS) --dist loadfile --nbval-lax $(PYTEST_ARGS)

# Every notebook under the dtype policy a GPU would get, forced on this machine (slow on a CPU,
# so not part of `make test`): make test-policy POLICY=mixed_float16 (or mixed_bfloat16).
POLICY ?= mixed_float16
test-policy: bootstrap
	$(UV) sync --frozen --extra dev --extra book
	COURSE_DTYPE_POLICY=$(POLICY) $(UV) run --frozen --no-sync pytest -n $(JOBS) --dist loadfile \
		--nbval-lax notebooks $(PYTEST_ARGS)

book: bootstrap
	$(UV) run --frozen --extra book jupyter-book build . --config book.yml --toc book/_toc.yml

lint: bootstrap
	$(UV) run --frozen --extra dev ruff check course_utils tests notebooks data book
	$(UV) run --frozen --extra dev ruff format --check course_utils tests data book

# After editing a notebook's .py twin outside JupyterLab: bring the .ipynb back in sync (outputs stripped).
sync-notebooks: bootstrap
	$(UV) run --frozen --extra dev jupytext --sync notebooks/*.py

clean:
	rm -rf _build .pytest_cache .ruff_cache
