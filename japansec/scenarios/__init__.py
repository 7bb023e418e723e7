"""The book's scenario explorers, each declared once (see japansec.explorer)."""

from japansec.scenarios.alliance import ALLIANCE
from japansec.scenarios.arms_race import ARMS_RACE
from japansec.scenarios.budget import BUDGET
from japansec.scenarios.dilemma import DILEMMA
from japansec.scenarios.reach import REACH

ALL_SCENARIOS = [BUDGET, REACH, ALLIANCE, ARMS_RACE, DILEMMA]
