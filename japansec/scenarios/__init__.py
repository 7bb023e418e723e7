"""The book's scenario explorers, each declared once (see japansec.explorer)."""

from japansec.scenarios.alliance import ALLIANCE
from japansec.scenarios.budget import BUDGET
from japansec.scenarios.reach import REACH

ALL_SCENARIOS = [BUDGET, REACH, ALLIANCE]
