"""The book's scenario explorers, each declared once (see japansec.explorer)."""

from japansec.scenarios.budget import BUDGET

ALL_SCENARIOS = [BUDGET]
