"""Prioritising ideas: voting rules, tallies (pandas), the effect/effort matrix, survey import.

The submodules are imported on use (``from cocreate.prioritize import tally``), so
importing this package loads neither pandas nor matplotlib.
"""

__all__: list[str] = []
