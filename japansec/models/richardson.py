"""Richardson's arms-race model for two rivals (Richardson 1960).

    dx/dt = a·y − m·x + g        dy/dt = b·x − n·y + h

x and y are the two sides' military spending; a and b how strongly each reacts to the other
(reaction), m and n how much each restrains its own spending (fatigue), g and h standing
grievances or ambitions. With all coefficients positive the system has one equilibrium, which is
stable when m·n > a·b: fatigue outweighs reaction and spending settles; otherwise it runs away.

The model itself (:class:`Coefficients`, :func:`equilibrium`, :func:`is_stable`, :func:`simulate`)
is plain Python, so the same code runs in the reader's browser (Pyodide, without numpy). Fitting
it to data (:func:`fit`) and the closed-form check (:func:`closed_form`) run at build time and
import numpy when called.

Examples
--------
>>> [round(v, 9) for v in equilibrium(a=0.1, b=0.1, m=0.2, n=0.2, g=1.0, h=1.0)]
[10.0, 10.0]
>>> is_stable(a=0.1, b=0.1, m=0.2, n=0.2), is_stable(a=0.3, b=0.3, m=0.2, n=0.2)
(True, False)
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from japansec.models.checks import check_number

if TYPE_CHECKING:
    import numpy as np


@dataclass(frozen=True)
class Coefficients:
    """Reaction (a, b), fatigue (m, n) and grievance (g, h) coefficients, per year."""

    a: float
    b: float
    m: float
    n: float
    g: float
    h: float

    def __post_init__(self) -> None:
        for name in ("a", "b", "m", "n"):
            check_number(name, getattr(self, name), -5.0, 5.0)
        for name in ("g", "h"):
            check_number(name, getattr(self, name), -1e6, 1e6)

    def matrix(self) -> tuple[tuple[float, float], tuple[float, float]]:
        """The system matrix [[−m, a], [b, −n]]: d(x, y)/dt = matrix · (x, y) + (g, h)."""
        return ((-self.m, self.a), (self.b, -self.n))


def equilibrium(a: float, b: float, m: float, n: float, g: float, h: float,
                ) -> tuple[float, float] | None:
    """The point where both derivatives vanish.

    Parameters
    ----------
    a, b : float
        Reactions to the rival, per year.
    m, n : float
        Fatigues, per year.
    g, h : float
        Grievances, spending units a year.

    Returns
    -------
    (x, y) or None
        The equilibrium spending, or None when m·n = a·b (no single point).

    Examples
    --------
    >>> equilibrium(a=0.1, b=0.1, m=0.1, n=0.1, g=1.0, h=1.0) is None
    True
    """
    Coefficients(a, b, m, n, g, h)
    det = m * n - a * b
    if abs(det) < 1e-12:
        return None
    # Solve −m·x + a·y = −g and b·x − n·y = −h by Cramer's rule.
    return (n * g + a * h) / det, (b * g + m * h) / det


def is_stable(a: float, b: float, m: float, n: float) -> bool:
    """Whether spending settles: both eigenvalues of the system have negative real parts.

    For positive coefficients this is Richardson's condition, fatigue outweighs reaction:
    m·n > a·b (with m + n > 0).

    Parameters
    ----------
    a, b, m, n : float
        Reactions and fatigues, per year, from -5 to 5.

    Returns
    -------
    bool

    Examples
    --------
    >>> is_stable(a=0.016, b=0.64, m=0.0, n=0.0), is_stable(a=0.016, b=0.64, m=0.15, n=0.15)
    (False, True)
    """
    Coefficients(a, b, m, n, 0.0, 0.0)
    # A real 2×2 matrix has both eigenvalues in the left half-plane exactly when its trace is
    # negative and its determinant positive.
    return -(m + n) < 0 and m * n - a * b > 0


def closed_form(c: Coefficients, x0: float, y0: float, times: Sequence[float]) -> np.ndarray:
    """The exact solution z(t) = z* + V·exp(Λt)·V⁻¹·(z0 − z*).

    Via the eigen-decomposition of the system matrix (requires m·n ≠ a·b).

    Parameters
    ----------
    c : Coefficients
        The model's coefficients.
    x0, y0 : float
        Spending at t = 0.
    times : sequence of float
        The times (years) to evaluate.

    Returns
    -------
    numpy.ndarray
        Shape (len(times), 2): x and y at each time.

    Examples
    --------
    Starting at the equilibrium, spending stays there:

    >>> c = Coefficients(a=0.1, b=0.1, m=0.2, n=0.2, g=1.0, h=1.0)
    >>> closed_form(c, 10.0, 10.0, [0.0, 5.0]).round(9).tolist()
    [[10.0, 10.0], [10.0, 10.0]]
    """
    import numpy as np

    star = np.array(equilibrium(c.a, c.b, c.m, c.n, c.g, c.h))
    values, vectors = np.linalg.eig(np.array(c.matrix()))
    start = np.linalg.solve(vectors, np.array([x0, y0]) - star)
    paths = [star + (vectors @ (np.exp(values * t) * start)).real for t in times]
    return np.array(paths)


def simulate(c: Coefficients, x0: float, y0: float, years: int, steps_per_year: int = 20,
             ) -> list[tuple[float, float]]:
    """Integrate the equations with the classical Runge–Kutta method.

    Parameters
    ----------
    c : Coefficients
        The model's coefficients.
    x0, y0 : float
        Spending at the start, at least 0.
    years : int
        How many years to project, 1 to 200.
    steps_per_year : int
        Runge–Kutta steps per year.

    Returns
    -------
    list of (x, y)
        One pair a year (year 0 = the start).

    Examples
    --------
    With no reaction, fatigue 0.5 and grievance 1, x decays towards g/m = 2:

    >>> c = Coefficients(a=0.0, b=0.0, m=0.5, n=0.5, g=1.0, h=1.0)
    >>> [(round(x, 4), round(y, 4)) for x, y in simulate(c, 0.0, 0.0, years=2)]
    [(0.0, 0.0), (0.7869, 0.7869), (1.2642, 1.2642)]
    """
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 200:
        raise ValueError(f"years must be a whole number from 1 to 200, not {years!r}")
    x0 = check_number("x0", x0, 0.0)
    y0 = check_number("y0", y0, 0.0)

    def rate(x: float, y: float) -> tuple[float, float]:
        return c.a * y - c.m * x + c.g, c.b * x - c.n * y + c.h

    dt = 1 / steps_per_year
    x, y = x0, y0
    out = [(x, y)]
    for _ in range(years):
        for _ in range(steps_per_year):
            k1 = rate(x, y)
            k2 = rate(x + dt / 2 * k1[0], y + dt / 2 * k1[1])
            k3 = rate(x + dt / 2 * k2[0], y + dt / 2 * k2[1])
            k4 = rate(x + dt * k3[0], y + dt * k3[1])
            x += dt / 6 * (k1[0] + 2 * k2[0] + 2 * k3[0] + k4[0])
            y += dt / 6 * (k1[1] + 2 * k2[1] + 2 * k3[1] + k4[1])
        out.append((x, y))
    return out


@dataclass(frozen=True)
class Fit:
    """Least-squares coefficients and the share of year-to-year change each equation explains."""

    coefficients: Coefficients
    r2_x: float
    r2_y: float
    years: int


def _least_squares(design: np.ndarray, target: np.ndarray, nonnegative: tuple[int, ...],
                   ) -> np.ndarray:
    """Least squares with the listed coefficients kept at zero or above: the best feasible
    solution over every choice of which of them to fix at zero (exact for so few unknowns)."""
    import numpy as np

    best, best_residual = None, np.inf
    for count in range(len(nonnegative) + 1):
        for fixed in itertools.combinations(nonnegative, count):
            free = [i for i in range(design.shape[1]) if i not in fixed]
            coefficients = np.zeros(design.shape[1])
            coefficients[free] = np.linalg.lstsq(design[:, free], target, rcond=None)[0]
            if any(coefficients[i] < -1e-12 for i in nonnegative):
                continue
            residual = float(np.sum((target - design @ coefficients) ** 2))
            if residual < best_residual - 1e-12:
                best, best_residual = coefficients, residual
    return best


def fit(x: Sequence[float], y: Sequence[float], signs: bool = True) -> Fit:
    """Fit the yearly (discrete) form of the model by least squares.

    x[t+1] − x[t] = a·y[t] − m·x[t] + g, and likewise for y.

    Parameters
    ----------
    x, y : array_like
        The two sides' spending, one value a year, at least 5 years, no missing values.
    signs : bool
        Keep reactions and fatigues at zero or above, as Richardson's model assumes (default);
        grievances may take either sign.

    Returns
    -------
    Fit
        The coefficients and the share of year-to-year change each equation explains (R²).

    Examples
    --------
    Series made by the model are fitted back exactly:

    >>> c = Coefficients(a=0.1, b=0.2, m=0.3, n=0.4, g=1.0, h=2.0)
    >>> x, y = [1.0], [1.0]
    >>> for _ in range(8):
    ...     x, y = x + [x[-1] + c.a * y[-1] - c.m * x[-1] + c.g], y + [y[-1] + c.b * x[-1]
    ...                                                               - c.n * y[-1] + c.h]
    >>> result = fit(x, y)
    >>> [round(v, 6) for v in (result.coefficients.a, result.coefficients.n)], result.r2_x
    ([0.1, 0.4], 1.0)
    """
    import numpy as np

    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.ndim != 1 or len(x) < 5:
        raise ValueError("x and y must be equal-length series of at least 5 years")
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(y))):
        raise ValueError("x and y must not contain missing values")
    design_x = np.column_stack([y[:-1], -x[:-1], np.ones(len(x) - 1)])
    design_y = np.column_stack([x[:-1], -y[:-1], np.ones(len(y) - 1)])
    dx, dy = np.diff(x), np.diff(y)
    nonnegative = (0, 1) if signs else ()
    a, m, g = _least_squares(design_x, dx, nonnegative)
    b, n, h = _least_squares(design_y, dy, nonnegative)

    def r2(design: np.ndarray, coef: tuple, target: np.ndarray) -> float:
        residual = target - design @ np.array(coef)
        total = np.sum((target - target.mean()) ** 2)
        return float(1 - np.sum(residual**2) / total) if total else 1.0

    return Fit(Coefficients(float(a), float(b), float(m), float(n), float(g), float(h)),
               r2(design_x, (a, m, g), dx), r2(design_y, (b, n, h), dy), len(x))
