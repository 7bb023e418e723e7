"""Build plumbing: the Sphinx extension, the Plotly MIME renderer, the notebook runner, the
bibliography writer and the SIPRI converter. Notebooks never import from here."""
