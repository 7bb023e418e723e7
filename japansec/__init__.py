"""japansec: the shared code of the book "Japan's security shift since 2022".

Data flows one way: ``data`` (load and validate the data package) → ``models`` (pure functions)
→ ``style`` (the one look) and ``figures.<chapter>`` (each chapter's figures) → ``explorer`` (one
scenario declaration → live panel + static figure) with ``scenarios.<chapter>`` (each chapter's
explorers) → the chapter notebooks. ``build`` holds the plumbing that makes the book (Sphinx
extension, Plotly MIME renderer, notebook runner, bibliography writer, SIPRI converter); notebooks
never import it.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
