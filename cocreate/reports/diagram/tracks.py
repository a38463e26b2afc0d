"""Parallel tracks in the diagram's gaps and corridors, and labels kept apart on their arrows."""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass

__all__ = ["Labels", "Track", "deal_tracks"]

Point = tuple[float, float]


@dataclass(slots=True)
class Track:
    """A request for a track in a gap or corridor: the stretch ``lo``..``hi`` it covers."""

    key: tuple
    lo: float
    hi: float
    offsets: tuple[float, ...]
    offset: float = 0.0


def deal_tracks(requests: list[Track]) -> None:
    """Give each request a track so that overlapping stretches in one key differ.

    Greedy interval colouring: stretches sorted by start take the first track that is
    free again, which uses as few tracks as any assignment can. Beyond the tracks there
    are, the one free soonest is shared.
    """
    by_key: dict[tuple, list[Track]] = defaultdict(list)
    for request in requests:
        by_key[request.key].append(request)
    for group in by_key.values():
        group.sort(key=lambda r: (r.lo, r.hi))
        ends: list[float] = []
        for request in group:
            free = [i for i, end in enumerate(ends) if end < request.lo - 1e-6]
            if free:
                index = free[0]
            elif len(ends) < len(request.offsets):
                ends.append(float("-inf"))
                index = len(ends) - 1
            else:
                index = min(range(len(ends)), key=ends.__getitem__)
            ends[index] = max(ends[index], request.hi)
            request.offset = request.offsets[index]


class Labels:
    """Places labels on their arrows, moving one along its segment off another's spot."""

    _CELL = 0.2

    def __init__(self) -> None:
        self.placed: dict[tuple[int, int, int], list[Point]] = defaultdict(list)

    def free(self, panel: int, point: Point) -> bool:
        cx, cy = int(point[0] / self._CELL), int(point[1] / self._CELL)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for x, y in self.placed.get((panel, cx + dx, cy + dy), ()):
                    if abs(x - point[0]) < 0.16 and abs(y - point[1]) < 0.09:
                        return False
        return True

    def place(self, panel: int, points: tuple[Point, ...]) -> Point:
        segments = sorted(
            itertools.pairwise(points),
            key=lambda s: -(abs(s[1][0] - s[0][0]) + abs(s[1][1] - s[0][1])),
        )
        (x1, y1), (x2, y2) = segments[0]
        spot = ((x1 + x2) / 2, (y1 + y2) / 2)
        for a, b in segments[:2]:
            for share in (0.5, 0.3, 0.7, 0.15, 0.85):
                candidate = (a[0] + (b[0] - a[0]) * share, a[1] + (b[1] - a[1]) * share)
                if self.free(panel, candidate):
                    spot = candidate
                    break
            else:
                continue
            break
        self.placed[(panel, int(spot[0] / self._CELL), int(spot[1] / self._CELL))].append(spot)
        return spot
