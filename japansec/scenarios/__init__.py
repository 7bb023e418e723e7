"""The book's scenario explorers, each declared once (see japansec.explorer)."""
