"""2×2 games: pure Nash equilibria and names, on the four classic payoff orderings."""

from __future__ import annotations

import pytest

from japansec.models.games import classify, pure_nash_equilibria, symmetric_game

RESTRAIN, ARM = 0, 1


@pytest.mark.parametrize("payoffs,name,equilibria", [
    ((3, 0, 4, 1), "prisoner's dilemma", [(ARM, ARM)]),
    ((4, 0, 3, 1), "stag hunt", [(RESTRAIN, RESTRAIN), (ARM, ARM)]),
    ((1, 0, 4, 3), "deadlock", [(ARM, ARM)]),
    ((4, 2, 3, 1), "harmony", [(RESTRAIN, RESTRAIN)]),
    ((3, 1, 4, 0), "chicken", [(RESTRAIN, ARM), (ARM, RESTRAIN)]),
])
def test_classic_games(payoffs, name, equilibria) -> None:
    R, S, T, P = payoffs  # noqa: N806
    assert classify(R, S, T, P) == name
    assert pure_nash_equilibria(*symmetric_game(R, S, T, P)) == equilibria


def test_matching_pennies_has_no_pure_equilibrium() -> None:
    row = ((1, -1), (-1, 1))
    col = ((-1, 1), (1, -1))
    assert pure_nash_equilibria(row, col) == []


def test_ties_are_not_given_a_classic_name() -> None:
    assert classify(3, 0, 3, 1) == "other (no classic name)"


def test_bad_payoffs_are_rejected() -> None:
    with pytest.raises(ValueError, match="T must be a number"):
        symmetric_game(3, 0, "4", 1)
