"""Richardson's arms-race model: simulation against the closed form, textbook equilibria and
stability, and the least-squares fit recovering known coefficients."""

from __future__ import annotations

import numpy as np
import pytest

from japansec.models.richardson import (
    Coefficients,
    closed_form,
    equilibrium,
    fit,
    is_stable,
    simulate,
)

STABLE = Coefficients(a=0.1, b=0.15, m=0.3, n=0.25, g=2.0, h=3.0)
RUNAWAY = Coefficients(a=0.4, b=0.3, m=0.1, n=0.2, g=1.0, h=1.0)


@pytest.mark.parametrize("c", [STABLE, RUNAWAY], ids=["stable", "runaway"])
def test_simulation_matches_the_closed_form(c: Coefficients) -> None:
    years = 15
    numeric = np.array(simulate(c, 40.0, 300.0, years))
    exact = closed_form(c, 40.0, 300.0, np.arange(years + 1))
    assert numeric == pytest.approx(exact, rel=1e-6)


def test_textbook_equilibrium_and_stability() -> None:
    # Symmetric case: x* = g / (m - a) = 1 / (0.2 - 0.1) = 10.
    assert equilibrium(0.1, 0.1, 0.2, 0.2, 1.0, 1.0) == pytest.approx((10.0, 10.0))
    assert is_stable(0.1, 0.1, 0.2, 0.2) and not is_stable(0.3, 0.3, 0.2, 0.2)
    assert equilibrium(0.2, 0.2, 0.2, 0.2, 1.0, 1.0) is None  # m·n = a·b: no single point
    # No reaction: each side settles at grievance / fatigue.
    assert equilibrium(0.0, 0.0, 0.5, 0.25, 2.0, 1.0) == pytest.approx((4.0, 4.0))


def test_a_stable_system_converges_and_a_runaway_one_does_not() -> None:
    star = np.array(equilibrium(**STABLE.__dict__))
    assert simulate(STABLE, 0.0, 0.0, 100)[-1] == pytest.approx(star, rel=1e-3)
    path = simulate(RUNAWAY, 10.0, 10.0, 40)
    assert min(path[-1]) > 100 * max(path[0])


@pytest.mark.parametrize("signs", [True, False])
def test_fit_recovers_known_coefficients_from_synthetic_data(signs: bool) -> None:
    true = Coefficients(a=0.05, b=0.2, m=0.1, n=0.3, g=1.5, h=4.0)
    x, y = [30.0], [60.0]
    for _ in range(25):  # the yearly form that fit() assumes
        x.append(x[-1] + true.a * y[-1] - true.m * x[-1] + true.g)
        y.append(y[-1] + true.b * x[-2] - true.n * y[-1] + true.h)
    result = fit(np.array(x), np.array(y), signs=signs)
    for name in ("a", "b", "m", "n", "g", "h"):
        assert getattr(result.coefficients, name) == pytest.approx(getattr(true, name),
                                                                   abs=1e-8)
    assert result.r2_x == pytest.approx(1.0) and result.r2_y == pytest.approx(1.0)


def test_sign_constraint_keeps_reaction_and_fatigue_non_negative() -> None:
    rng = np.random.default_rng(1)
    x = 40 + np.cumsum(rng.normal(0, 1, 30))
    y = 100 + np.cumsum(rng.normal(3, 1, 30))
    c = fit(x, y).coefficients
    assert min(c.a, c.b, c.m, c.n) >= 0


@pytest.mark.parametrize("call,message", [
    (lambda: fit(np.array([1.0, 2.0]), np.array([1.0, 2.0])), "at least 5 years"),
    (lambda: fit(np.array([1, 2, np.nan, 4, 5.0]), np.arange(5.0)), "missing values"),
    (lambda: Coefficients(9, 0, 0, 0, 0, 0), "a must be from -5.0 to 5.0"),
    (lambda: simulate(STABLE, -1.0, 0.0, 5), "x0 must be from 0.0"),
    (lambda: simulate(STABLE, 1.0, 0.0, 0), "years must be a whole number"),
])
def test_impossible_inputs_are_rejected(call, message) -> None:
    with pytest.raises(ValueError, match=message):
        call()
