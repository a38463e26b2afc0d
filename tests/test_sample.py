"""The bundled sample is rich enough to be every feature's fixture."""

from __future__ import annotations

from collections import Counter

from cocreate import storage, validate
from cocreate.model import StepKind
from tests.conftest import SAMPLE


def test_the_sample_is_valid_and_rich() -> None:
    ws = storage.load(SAMPLE)
    assert validate.errors(ws) == []
    assert len([s for s in ws.steps if s.kind != StepKind.START]) >= 12
    assert len({s.lane for s in ws.steps}) >= 3
    assert len(ws.members) >= 8
    assert {c.member for c in ws.contributions} == {m.id for m in ws.members}
    assert len(ws.problems) >= 10
    assert len(ws.ideas) >= 8
    assert any(not idea.causes for idea in ws.ideas), "one idea is deliberately solution-first"
    assert validate.members_not_voted(ws), "someone has not voted yet"
    voters = {r.member for r in ws.ratings}
    assert len(voters) > len(ws.members) / 2


def test_the_sample_has_a_rework_loop() -> None:
    ws = storage.load(SAMPLE)
    order = {s.id: i for i, s in enumerate(ws.steps)}
    back = [f for f in ws.flows if order[f.target] < order[f.source]]
    assert any(f.label == "差戻し" and f.share for f in back)


def test_why_chains_are_two_to_three_deep() -> None:
    ws = storage.load(SAMPLE)
    depth = Counter(len(ws.why_chain(c.id)) for c in ws.causes)
    assert max(depth) == 3
    deepest_per_problem = {
        p.id: max((len(ws.why_chain(c.id)) for c in ws.causes_of(p.id)), default=0)
        for p in ws.problems
    }
    assert all(d >= 1 for d in deepest_per_problem.values())
    assert sum(d >= 2 for d in deepest_per_problem.values()) >= 10
