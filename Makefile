# The book's commands. `make book` and `make test` are the two a fresh clone needs.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.package-lock.json
HOST ?= 127.0.0.1
PORT ?= 8000
# Python keeps the bytecode it compiles (__pycache__, which git ignores) even where the environment
# says not to (PYTHONDONTWRITEBYTECODE, set on this machine and on CI's): otherwise every test
# process, kernel and script compiles the package again, and pytest rewrites each test module.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: setup book test live serve bench data lint clean student lms pdf

## setup: create .venv with Python 3.11+ (if missing) and install requirements.txt into it; install
## the pinned Node packages of package-lock.json (plotly.js and esbuild for the build, Lighthouse)
setup: $(STAMP) $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found: install Node.js 20+ and npm (scripts/install_system_deps.sh does it)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

$(STAMP): requirements.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found: install Python 3.11 or newer (or run make PYTHON=/path/to/python3.11)"; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: $(PYTHON) is $$($(PYTHON) -V 2>&1): the book needs Python 3.11 or newer"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $(STAMP)

## book: execute every notebook and build the HTML book into _build/html (warnings are errors)
book: setup
	$(BIN)/python scripts/build_book.py

## test: the whole test suite (builds the book first: the browser tests read _build/html), in three
## processes on two cores: while one waits (for a page's network to fall quiet, a frame, a kernel),
## the others use the CPU
test: book
	$(BIN)/python -m ruff check .
	$(BIN)/python -m pytest -n 3 --dist loadgroup

## live: JupyterLab with the project's environment, for instructors driving the live explorers
live: setup
	$(BIN)/jupyter lab chapters/

## serve: serve the built book on http://$(HOST):$(PORT)/, compressed as a static host serves it
serve:
	$(BIN)/python -m japansec.build.serve _build/html --host $(HOST) --port $(PORT)

## bench: time a clean build, each notebook, the test suite; weigh each page; report peak memory;
## Lighthouse (mobile) on every page served compressed
bench: setup
	$(BIN)/python scripts/bench.py

## student: build the student edition (no exercise solutions) into _build/student
student: setup
	$(BIN)/python scripts/build_book.py --student-edition --output _build/student

## data: convert the SIPRI workbook (data/raw) into tidy tables; write references.bib from data/sources.csv
data: setup
	$(BIN)/python scripts/convert_sipri.py
	$(BIN)/python scripts/make_bibliography.py

## lms: QTI packages of the self-check quizzes for Canvas and Moodle, into _build/lms
lms: setup
	$(BIN)/python scripts/make_lms.py

## pdf: the printable edition, _build/pdf/student.pdf and instructor.pdf (builds the book if missing)
pdf: setup
	@test -f _build/html/index.html || $(MAKE) book
	$(BIN)/python scripts/make_pdf.py

## lint: ruff over the code
lint: setup
	$(BIN)/python -m ruff check .

clean:
	rm -rf _build
