"""Solving the linear systems of the process analyses: exact elimination, numpy for large parts.

The expected visits (``v = s + Wᵀ v``) and the remaining times of the lead time are
linear systems over the steps. Solved one strongly connected part at a time they stay
small: parts up to ``DENSE_LIMIT`` steps are solved by Gaussian elimination in pure
Python, larger ones by numpy, imported only then.
"""

from __future__ import annotations

from cocreate.process.graph import ProcessError, strong_components

__all__ = ["DENSE_LIMIT", "MULTIPLIED", "solve_by_parts", "solve_dense", "solve_numpy"]

#: Strongly connected parts up to this many steps are solved in pure Python; larger
#: ones use numpy, which takes a moment to import.
DENSE_LIMIT = 150

#: Why a system cannot be solved once loops no case can leave are ruled out.
MULTIPLIED = (
    "a parallel split inside a loop multiplies the cases without end:"
    " join its branches before the loop goes back"
)


def solve_by_parts(
    order: list[str], weights: dict[tuple[str, str], float], starts: dict[str, float]
) -> dict[str, float]:
    """Solve ``v = s + Wᵀ v`` over ``order``, one strongly connected part at a time.

    ``weights`` maps ``(source, target)`` to the weight of that edge and ``starts`` gives
    ``s``. The parts come in topological order, so what flows into a part is known
    before it is solved.

    Raises
    ------
    ProcessError
        When a part cannot be solved (its cases multiply without end).
    """
    inside = set(order)
    following: dict[str, list[str]] = {}
    incoming: dict[str, list[tuple[str, float]]] = {}
    for (source, target), p in weights.items():
        if source in inside and target in inside and p != 0:
            following.setdefault(source, []).append(target)
            incoming.setdefault(target, []).append((source, p))
    values: dict[str, float] = {}
    for part in strong_components(order, following):
        members = set(part)
        rhs = []
        for node in part:
            total = starts.get(node, 0.0)
            for source, p in incoming.get(node, ()):
                if source not in members:
                    total += p * values[source]
            rhs.append(total)
        if len(part) == 1:
            node = part[0]
            loop = sum(p for source, p in incoming.get(node, ()) if source == node)
            if loop >= 1.0:
                raise ProcessError(f"step {node!r}: {MULTIPLIED}")
            values[node] = rhs[0] / (1.0 - loop)
            continue
        at = {node: i for i, node in enumerate(part)}
        matrix = [[0.0] * len(part) for _ in part]
        for i, node in enumerate(part):
            matrix[i][i] = 1.0
            for source, p in incoming.get(node, ()):
                if source in members:
                    matrix[i][at[source]] -= p
        solve = solve_dense if len(part) <= DENSE_LIMIT else solve_numpy
        values.update(zip(part, solve(matrix, rhs), strict=True))
    return values


def solve_dense(matrix: list[list[float]], rhs: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (fine for a few hundred unknowns)."""
    n = len(rhs)
    rows = [[*row, value] for row, value in zip(matrix, rhs, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        if abs(rows[pivot][col]) < 1e-14:
            raise ProcessError(MULTIPLIED)
        rows[col], rows[pivot] = rows[pivot], rows[col]
        head = rows[col]
        for r in range(col + 1, n):
            row = rows[r]
            factor = row[col] / head[col]
            if factor:
                for c in range(col, n + 1):
                    row[c] -= factor * head[c]
    solution = [0.0] * n
    for r in range(n - 1, -1, -1):
        row = rows[r]
        total = row[n] - sum(row[c] * solution[c] for c in range(r + 1, n))
        solution[r] = total / row[r]
    return solution


def solve_numpy(matrix: list[list[float]], rhs: list[float]) -> list[float]:
    import numpy as np

    try:
        return [float(x) for x in np.linalg.solve(np.array(matrix), np.array(rhs))]
    except np.linalg.LinAlgError:
        raise ProcessError(MULTIPLIED) from None
