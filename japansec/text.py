"""Plain-text helpers shared by the figures (CPython) and the explorers' computes (also run in the
reader's browser): standard library only."""

from __future__ import annotations

import re
import textwrap


def wrap(text: str, width: int = 60) -> str:
    """Break ``text`` into lines of at most ``width`` characters, joined by ``<br>`` for Plotly.

    A word longer than ``width`` stays whole on its own line (never split, never preceded by an
    empty line).

    >>> wrap("Japan's defence budget rose", 12)
    "Japan's<br>defence<br>budget rose"
    """
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False,
                                     break_on_hyphens=False))


def plain(text: str) -> str:
    """Plotly's markup taken out: line breaks become spaces, tags go.

    >>> plain("<b>Stable</b>: spending<br>settles")
    'Stable: spending settles'
    """
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text.replace("<br>", " "))).strip()
