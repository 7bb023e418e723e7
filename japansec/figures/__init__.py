"""Each chapter's figures, one module per chapter (``japansec/figures/<chapter>.py``)."""
