"""The book's scenario explorers, one module per chapter, each explorer declared once (see
japansec.explorer)."""

from japansec.scenarios.alliance import ALLIANCE
from japansec.scenarios.deterrence import FINANCING, WORDING
from japansec.scenarios.drivers import DRIVERS
from japansec.scenarios.missiles import REACH
from japansec.scenarios.money import BUDGET
from japansec.scenarios.risk import ARMS_RACE, DILEMMA

ALL_SCENARIOS = [DRIVERS, BUDGET, REACH, ALLIANCE, ARMS_RACE, DILEMMA, WORDING, FINANCING]
