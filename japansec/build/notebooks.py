"""Run a notebook of the book in a fresh kernel with nbclient (used by the tests and the benchmark).

The live ipywidgets panels sit in cells tagged ``skip-execution`` so that the book build (myst-nb)
leaves them out of the static pages. nbclient skips the same tag by default; here that is switched
off, so the tests do execute the live panels in a real kernel. The kernel is stopped at once when
the notebook has run (nbclient's ``shutdown_kernel="immediate"``): its outputs are in hand, and a
graceful shutdown would only add a quarter of a second and of a CPU-second per notebook.
"""

from __future__ import annotations

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

_NEVER_SKIP = "japansec-never-skip"


def run_notebook(path: Path, timeout: int = 60, after: str | None = None,
                 ) -> tuple[nbformat.NotebookNode, float]:
    """Execute ``path`` top to bottom in a fresh kernel, in its own folder.

    ``after`` is code run in the same kernel once the notebook has run (the tests use it to move
    the live panels' controls). Returns the executed notebook (with that extra cell last) and the
    wall time in seconds from starting the kernel to stopping it (at once: see above). A failing
    cell raises ``RuntimeError`` naming the notebook and the cell (1-based, counting every cell).
    """
    notebook = nbformat.read(path, as_version=4)
    if after is not None:
        notebook.cells.append(nbformat.v4.new_code_cell(after))
    client = NotebookClient(
        notebook, timeout=timeout, kernel_name="python3", skip_cells_with_tag=_NEVER_SKIP,
        shutdown_kernel="immediate", resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    try:
        client.execute()
    except CellExecutionError as error:
        index = next((i for i, c in enumerate(notebook.cells, start=1)
                      if c.cell_type == "code"
                      and any(o.get("output_type") == "error" for o in c.get("outputs", []))),
                     None)
        where = f"cell {index}" if index else "a cell"
        raise RuntimeError(f"{path.name}: {where} failed:\n{error}") from error
    return notebook, time.perf_counter() - start
