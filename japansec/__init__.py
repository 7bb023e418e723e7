"""japansec: the shared code of the book "Japan's security shift since 2022".

Data flows one way: ``data`` (load and validate the data package) → ``models`` (pure functions)
→ ``figures`` (Plotly builders) → ``explorer`` (one scenario declaration → live panel + static
figure) → the chapter notebooks. ``plotly_mime`` and ``sphinxext`` make the figures render in the
static book.
"""

__all__ = ["__version__"]
__version__ = "0.1.0"
