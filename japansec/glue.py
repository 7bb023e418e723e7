"""Glue a notebook's value into its chapter's prose (myst-nb's ``{glue}`` roles), and show it in a
live kernel that does not have the book's build tools.

myst-nb reads glued values when the book is built; it brings Sphinx and some twenty more packages
that an instructor's kernel (Colab, a hub, the course bundle) does not need, so it belongs to the
``build`` extra, not to japansec's dependencies. Where it is installed (the book's build,
``make live``), :func:`glue` is its ``glue``; elsewhere the value is shown, as myst-nb shows it.
"""

from __future__ import annotations

from typing import Any


def glue(name: str, value: Any, display: bool = True) -> None:
    """Record ``value`` under ``name`` for the prose (``{glue:}`name```), and show it if
    ``display``: myst-nb's ``glue`` where myst-nb is installed. Without it there is no book to
    glue into, and the value is only shown (if ``display``)."""
    try:
        from myst_nb import glue as myst_glue
    except ImportError:
        if display:
            from IPython.display import display as show

            show(value)
        return
    myst_glue(name, value, display)
