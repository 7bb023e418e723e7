# The book's commands. `make book` and `make test` are the two a fresh clone needs.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: setup book test live serve bench data lint clean student lms pdf

## setup: create .venv with Python 3.11+ (if missing) and install requirements.txt into it
setup: $(STAMP)

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

## test: the whole test suite (builds the book first: the browser tests read _build/html)
test: book
	$(BIN)/python -m ruff check .
	$(BIN)/python -m pytest -n 2

## live: JupyterLab with the project's environment, for instructors driving the live explorers
live: setup
	$(BIN)/jupyter lab chapters/

## serve: serve the built book on http://$(HOST):$(PORT)/
serve:
	@test -f _build/html/index.html || { echo "error: no built book: run 'make book' first"; exit 1; }
	$(BIN)/python -m http.server --bind $(HOST) --directory _build/html $(PORT)

## bench: time a clean build, each notebook, the test suite; weigh each page; report peak memory
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
