# Go Digital site: preview, build and test.
#
#   make serve   live preview at http://127.0.0.1:8000 (reloads on every save)
#   make build   write the static site to site/ (only when every check passes)
#   make test    lint (ruff), type-check (mypy) and run the whole test suite
#   make serve-nginx  build, then serve site/ as production does (nginx, port 8080)
#   make deploy TARGET=/srv/godigital/site  build, then copy what changed to nginx's folder
#   make csp     print the Content-Security-Policy for deploy/nginx/godigital.conf
#   make guide   rewrite the guides' examples and typical messages from the message catalogues
#   make redirects  list the old addresses that lead elsewhere, and where each comes from
#   make bench   build-speed and save-to-reload benchmarks (bench/README.md)
#   make lighthouse  Lighthouse scores of the built site (tools/lighthouse/)
#
# The first run creates .venv and installs the exact versions of
# requirements.lock; later runs reinstall only when the lock file changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
SITE   := site
ADDR   ?= 127.0.0.1:8000

export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test serve-nginx deploy csp guide redirects bench lighthouse clean

serve: $(STAMP)
	@$(BIN)/python -m godigital.preview --livereload --dev-addr $(ADDR)

# godigital.build is `mkdocs build --strict` that first explains mistakes in
# mkdocs.yml, shows editors their problems and a one-line result in their
# language, and swaps the new site in only when every check passed. (No
# --quiet: it hides the warnings that --strict must count.) When the build
# stops, make still adds its own "make: *** [...] Error 1" line: GNU make
# prints it for every failing recipe and can only be kept quiet by ignoring
# the failure, which would hide it from scripts and CI.
build: $(STAMP)
	@$(BIN)/python -m godigital.build --site-dir $(SITE)

# Lint and type-check first (ruff and mypy --strict, configured in pyproject.toml):
# they take seconds, and a mistake they find would fail the suite later anyway.
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check --quiet .
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

serve-nginx: build
	deploy/serve-nginx $(SITE) 8080

# Unchanged files keep their time, so calendar apps polling them get a 304.
deploy: build
	@test -n "$(TARGET)" || { echo "Say where nginx serves the site: make deploy TARGET=/srv/godigital/site"; exit 1; }
	deploy/publish $(SITE) $(TARGET)

csp: $(STAMP)
	@$(BIN)/python -m godigital.csp mkdocs.yml

# The guides (CONTRIBUTING*.md) show the messages exactly as the catalogues word
# them: run this after changing godigital/messages/ (a test says when it is due).
guide: $(STAMP)
	@$(BIN)/python -m godigital.guide

# From git history (renamed and moved pages) and data/redirects.yml.
redirects: $(STAMP)
	@$(BIN)/python -m godigital.redirects

bench: $(STAMP)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/reload.py

lighthouse: build
	tools/lighthouse/measure $(SITE)

# The first setup says what it does and how long it takes, with pip's progress
# on one line (godigital/setup.py: the standard library only, as no venv exists yet).
$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -m godigital.setup $(VENV) requirements.lock
	@touch $(STAMP)

# The Nu HTML Checker for the tests, at the version package-lock.json pins.
# Without npm the HTML test is skipped locally (and fails under CI).
$(NODE_STAMP): package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $(NODE_STAMP); \
	else echo "npm not found: the HTML validity test will be skipped."; fi

clean:
	rm -rf $(SITE) $(SITE).new $(SITE).old .pytest_cache .hypothesis
