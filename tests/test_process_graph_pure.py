"""The pure-Python visits and loops agree with numpy and networkx on random processes."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cocreate import storage
from cocreate.model import Flow, Lane, Meta, Step, StepKind, Workshop
from cocreate.process import graph, linear, loops
from cocreate.process.graph import (
    ProcessError,
    branch_probabilities,
    expected_visits,
    find_loops,
    start_weights,
    trapped_steps,
)
from tests.conftest import SAMPLE

KINDS = [StepKind.TASK, StepKind.TASK, StepKind.DECISION, StepKind.START, StepKind.END]


@st.composite
def processes(draw: st.DrawFn) -> Workshop:
    n = draw(st.integers(1, 9))
    ids = [f"s{i}" for i in range(n)]
    kinds = draw(st.lists(st.sampled_from(KINDS), min_size=n, max_size=n))
    pairs = st.tuples(st.sampled_from(ids), st.sampled_from(ids))
    shares = st.one_of(st.none(), st.sampled_from([0.0, 0.1, 0.25, 0.5, 0.9, 1.0, 1.5]))
    flows = draw(st.lists(st.tuples(pairs, shares), max_size=3 * n))
    return Workshop(
        Meta("random"),
        lanes=(Lane("l", "L"),),
        steps=tuple(Step(i, i, "l", k) for i, k in zip(ids, kinds, strict=True)),
        flows=tuple(Flow(a, b, share=p) for (a, b), p in flows),
    )


def numpy_visits(workshop: Workshop) -> dict[str, float]:
    """The reference: one dense numpy solve over every reachable step."""
    import numpy as np

    probabilities = branch_probabilities(workshop)
    starts = start_weights(workshop)
    following: dict[str, list[str]] = {}
    for (source, target), p in probabilities.items():
        if p > 0:
            following.setdefault(source, []).append(target)
    reached = graph.reachable(starts, following)
    order = [s.id for s in workshop.steps if s.id in reached]
    index = {step_id: i for i, step_id in enumerate(order)}
    system = np.eye(len(order))
    for (source, target), p in probabilities.items():
        if source in index and target in index:
            system[index[target], index[source]] -= p
    entering = np.zeros(len(order))
    for step_id, weight in starts.items():
        entering[index[step_id]] = weight
    solution = np.linalg.solve(system, entering) if order else []
    visits = {s.id: 0.0 for s in workshop.steps}
    visits.update(zip(order, (float(x) for x in solution), strict=True))
    return visits


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(processes())
def test_pure_visits_equal_a_numpy_solve(workshop: Workshop) -> None:
    if trapped_steps(workshop):
        with pytest.raises(ProcessError):
            expected_visits(workshop)
        return
    ours = expected_visits(workshop)
    reference = numpy_visits(workshop)
    assert ours.keys() == reference.keys()
    for step_id, value in ours.items():
        assert math.isclose(value, reference[step_id], rel_tol=1e-9, abs_tol=1e-9), step_id


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(processes())
def test_pure_loops_equal_networkx(workshop: Workshop) -> None:
    assert find_loops(workshop) == loops._networkx_loops(workshop, loops.MAX_LOOPS)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(processes(), st.integers(0, 5))
def test_over_the_limit_networkx_chooses_the_loops(workshop: Workshop, limit: int) -> None:
    assert find_loops(workshop, limit) == loops._networkx_loops(workshop, limit)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(processes())
def test_large_parts_go_through_numpy_and_networkx(workshop: Workshop) -> None:
    pure_visits = None if trapped_steps(workshop) else expected_visits(workshop)
    pure_loops = find_loops(workshop)
    original = loops.DENSE_LIMIT
    loops.DENSE_LIMIT = linear.DENSE_LIMIT = 1  # every part of two or more steps is large
    try:
        assert find_loops(workshop) == pure_loops
        if pure_visits is not None:
            dense = expected_visits(workshop)
            for step_id, value in pure_visits.items():
                assert math.isclose(value, dense[step_id], rel_tol=1e-9, abs_tol=1e-9)
    finally:
        loops.DENSE_LIMIT = linear.DENSE_LIMIT = original


def test_a_long_process_with_many_small_loops_stays_pure() -> None:
    n = 2000
    steps = [Step(f"s{i}", f"s{i}", "l", StepKind.TASK) for i in range(n)]
    steps[0] = Step("s0", "s0", "l", StepKind.START)
    steps[-1] = Step(f"s{n - 1}", "end", "l", StepKind.END)
    flows = []
    for i in range(n - 1):
        if i % 50 == 0 and i:
            flows += [Flow(f"s{i}", f"s{i - 3}", share=0.1), Flow(f"s{i}", f"s{i + 1}", share=0.9)]
        else:
            flows.append(Flow(f"s{i}", f"s{i + 1}"))
    w = Workshop(Meta("long"), lanes=(Lane("l", "L"),), steps=tuple(steps), flows=tuple(flows))
    visits = expected_visits(w)
    assert visits["s48"] == pytest.approx(1 / 0.9)  # in the loop s47..s50
    assert visits["s51"] == pytest.approx(1.0)
    loops = find_loops(w)
    assert len(loops) == 39
    assert loops[0] == ["s47", "s48", "s49", "s50"]


def test_analysing_the_sample_imports_neither_numpy_nor_networkx() -> None:
    code = (
        "import sys\n"
        "from cocreate import storage\n"
        "from cocreate.process.metrics import analyse\n"
        f"analyse(storage.load({str(SAMPLE)!r}))\n"
        "print(sorted(m for m in ('numpy', 'networkx') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=SAMPLE.parents[1],
    ).stdout
    assert out.strip() == "[]"


# --------------------------------------------------------------------------- layout helpers


def test_back_edges_leave_a_graph_without_cycles() -> None:
    following = {"a": ["b"], "b": ["c", "a"], "c": ["b", "d"], "d": ["d"]}
    back = graph.back_edges(list("abcd"), following, ["a"])
    assert back == {("b", "a"), ("c", "b"), ("d", "d")}
    forward = {n: [m for m in ms if (n, m) not in back] for n, ms in following.items()}
    assert all(len(part) == 1 for part in graph.strong_components(list("abcd"), forward))


def test_columns_follow_the_longest_path_with_gaps_and_slots() -> None:
    nodes = ["s", "a", "b", "j"]
    edges = [("s", "a"), ("s", "b"), ("a", "j"), ("b", "j"), ("a", "b")]
    assert graph.columns(nodes, edges) == {"s": 0, "a": 1, "b": 2, "j": 3}
    # a gap of 0 stacks a node in its predecessor's column (a hand-off straight down)
    assert graph.columns(nodes, edges, gap=lambda u, v: 0 if v == "b" else 1)["b"] == 1
    lanes = {"s": "x", "a": "y", "b": "y", "j": "x"}
    stacked = graph.columns(nodes, edges, gap=lambda u, v: 0, slot=lanes.__getitem__)
    assert stacked == {"s": 0, "a": 0, "b": 1, "j": 1}


def test_step_columns_set_the_rework_loops_aside() -> None:
    w = storage.load(SAMPLE)
    columns = graph.step_columns(w)
    assert columns["s01"] == 0
    for source, target in graph.step_back_edges(w):
        assert columns[target] <= columns[source]  # each goes back (or stays)
    for flow in w.flows:
        if (flow.source, flow.target) not in graph.step_back_edges(w):
            assert columns[flow.target] > columns[flow.source]


def test_dominators_find_where_branches_split_and_meet() -> None:
    following = {"s": ["f"], "f": ["a", "b"], "a": ["j"], "b": ["c"], "c": ["j", "b"], "j": []}
    idom = graph.immediate_dominators(["s"], following)
    assert idom == {"s": None, "f": "s", "a": "f", "b": "f", "c": "b", "j": "f"}
    backward: dict[str, list[str]] = {n: [] for n in following}
    for node, targets in following.items():
        for target in targets:
            backward[target].append(node)
    post = graph.immediate_dominators(["j"], backward)
    assert post["f"] == "j" and post["b"] == "c"
    # Two roots hang from one virtual root: what both reach has no dominator.
    assert graph.immediate_dominators(["a", "b"], {"a": ["x"], "b": ["x"]})["x"] is None


def test_reachable_follows_edges_from_the_starts() -> None:
    assert graph.reachable(["b"], {"a": ["b"], "b": ["c"], "c": ["b"]}) == {"b", "c"}
