"""Build plumbing for the self-check quizzes (see ``japansec.quizzes``): the myst-nb renderer of
the quiz output, and a Sphinx extension that ships jupyterquiz's scripts once for the site.

In the static book a quiz is a ``<div>`` plus its questions as JSON; ``_static/jupyterquiz.js`` (a
copy of the installed jupyterquiz's scripts, made at build time) draws it. No kernel, no CDN.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from japansec.quizzes import A11Y_SCRIPT, QUIZ_MIME, jupyterquiz_parts

# The only place jupyterquiz reaches off the site: a MathJax fallback from a CDN. The book's own
# copy of MathJax (see japansec.build.sphinxext) takes its place in the site's script.
JUPYTERQUIZ_CDN = "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-svg.js"


def site_script() -> str:
    """jupyterquiz's scripts as one file for the book's ``_static``, with its MathJax fallback
    pointed at the book's own MathJax instead of a CDN.

    Raises RuntimeError if the installed jupyterquiz no longer has the expected fallback (the
    pinned version changed): the test suite then fails instead of shipping an unchecked script.
    """
    from importlib.resources import files

    scripts = sorted((p for p in files("jupyterquiz").joinpath("js").iterdir()
                      if p.name.endswith(".js")), key=lambda p: p.name)
    text = "\n".join(p.read_text(encoding="utf-8") for p in scripts)
    if JUPYTERQUIZ_CDN not in text:
        raise RuntimeError("jupyterquiz's scripts changed: re-check them for requests off the site")
    own = "new URL('mathjax/tex-chtml.js', QUIZ_STATIC).href"
    text = text.replace(f"'{JUPYTERQUIZ_CDN}'", own)
    header = ("// jupyterquiz (MIT), copied from the installed package by japansec.build.quizzes "
              "at build time.\nvar QUIZ_STATIC = document.currentScript.src;\n")
    return header + text + "\n" + STATIC_LOADER


# Draws every quiz of the page from its questions in <script type="application/json">.
STATIC_LOADER = A11Y_SCRIPT + """
document.querySelectorAll('script.jps-quiz-data').forEach(function (node) {
  var container = document.getElementById(node.dataset.for);
  if (container) {
    show_questions(JSON.parse(node.textContent), container);
    jpsQuizA11y(container);
  }
});
"""


def static_html(chapter: str, questions: list[dict[str, Any]]) -> str:
    """The HTML that stands for a quiz in the static book (drawn by ``_static/jupyterquiz.js``)."""
    div_id = f"quiz-{chapter}"
    div, styles, _ = jupyterquiz_parts(questions, div_id)
    payload = json.dumps(questions, separators=(",", ":")).replace("</", "<\\/")
    label = html.escape(f"Self-check quiz: {len(questions)} questions")
    return (f'<section class="jps-quiz" aria-label="{label}">{div}{styles}'
            f'<script type="application/json" class="jps-quiz-data" data-for="{div_id}">'
            f"{payload}</script></section>\n")


class QuizMimeRenderer:
    """myst-nb MIME renderer plugin (entry point ``myst_nb.mime_renderers``) for quiz outputs."""

    mime_priority_overrides = (("html", QUIZ_MIME, 1), ("dirhtml", QUIZ_MIME, 1))

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list[Any] | None:
        """Render a quiz as a raw HTML node; return None for every other MIME type."""
        from docutils import nodes

        if inline or data.mime_type != QUIZ_MIME:
            return None
        content = data.content if isinstance(data.content, dict) else json.loads(data.content)
        node = nodes.raw("", static_html(content["chapter"], content["questions"]),
                         format="html")
        node["classes"] += ["output", "quiz"]
        return [node]


# ---------------------------------------------------------------------------------------------
# Sphinx: ship jupyterquiz's scripts once for the site and load them on pages with a quiz.

def _write_site_script(app: Any, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        target = Path(app.outdir) / "_static" / "jupyterquiz.js"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(site_script(), encoding="utf-8")


def _add_quiz_script(app: Any, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: Any) -> None:
    if "jps-quiz-data" in context.get("body", ""):
        app.add_js_file("jupyterquiz.js", loading_method="defer")


def setup(app: Any) -> dict[str, Any]:
    """Sphinx extension (listed in _config.yml): ``_static/jupyterquiz.js`` for quiz pages."""
    app.connect("html-page-context", _add_quiz_script)
    app.connect("build-finished", _write_site_script)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
