"""Generated inputs for the benchmarks: large workshops and event logs, deterministic."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from bench.common import ROOT  # noqa: F401  (puts the repo on sys.path)
from cocreate import storage
from cocreate.model import (
    Cause,
    Flow,
    Idea,
    Lane,
    Member,
    MemberContributions,
    Meta,
    Problem,
    Rating,
    Role,
    Settings,
    Step,
    StepKind,
    Voting,
    Workshop,
)

__all__ = ["big_voting_workshop", "long_process_workshop"]


def big_voting_workshop(folder: Path, members: int = 500, ideas: int = 300) -> Path:
    """A workshop of ``members`` member files, ``ideas`` ideas and members x ideas ratings."""
    rng = random.Random(500300)
    member_ids = [f"m{i:03d}" for i in range(members)]
    steps = (
        *(
            Step(
                f"s{i}",
                f"工程{i}",
                "l1",
                StepKind.START if i == 0 else StepKind.TASK,
                float(rng.randint(1, 30)),
                1000,
            )
            for i in range(20)
        ),
        Step("end", "完了", "l1", StepKind.END),
    )
    flows = (*(Flow(f"s{i}", f"s{i + 1}") for i in range(19)), Flow("s19", "end"))
    authors = member_ids[: ideas // 2]
    idea_ids: list[str] = []
    contributions = {m: {"problems": [], "causes": [], "ideas": []} for m in member_ids}
    for n in range(ideas):
        author = authors[n % len(authors)]
        k = len(contributions[author]["ideas"]) + 1
        problem = Problem(
            f"{author}.p{k}", f"課題{n} 申請の確認に時間がかかる", author, (f"s{n % 20}",)
        )
        cause = Cause(f"{author}.c{k}", problem.id, f"原因{n}", author)
        idea = Idea(
            f"{author}.i{k}",
            f"改善案{n} 様式を統一する",
            author,
            causes=(cause.id,),
            steps=(f"s{n % 20}",),
            reduction=rng.choice((0.1, 0.3, 0.5)),
        )
        contributions[author]["problems"].append(problem)
        contributions[author]["causes"].append(cause)
        contributions[author]["ideas"].append(idea)
        idea_ids.append(idea.id)
    merged = []
    for m in member_ids:
        own = contributions[m]
        ratings = tuple(Rating(m, i, rng.randint(1, 5), rng.randint(1, 5)) for i in idea_ids)
        merged.append(
            MemberContributions(
                m, tuple(own["problems"]), tuple(own["causes"]), tuple(own["ideas"]), ratings
            )
        )
    workshop = Workshop(
        meta=Meta(title="大規模投票ベンチマーク", dates=(dt.date(2026, 11, 1),)),
        settings=Settings(annual_cases=1000),
        voting=Voting(dots_per_member=0),
        members=tuple(Member(m, f"職員{m}", Role.VOLUNTEER) for m in member_ids),
        lanes=(Lane("l1", "担当課"),),
        steps=steps,
        flows=flows,
        contributions=tuple(merged),
    )
    storage.save(folder, workshop)
    return folder


def long_process_workshop(folder: Path, steps: int = 2000, lanes: int = 8) -> Path:
    """A workshop whose process has ``steps`` steps across ``lanes`` lanes, with loops."""
    rng = random.Random(2000)
    lane_ids = [f"l{i}" for i in range(lanes)]
    items = [Step("s0", "開始", lane_ids[0], StepKind.START, 0.0, 5000)]
    for i in range(1, steps - 1):
        kind = StepKind.DECISION if i % 50 == 0 else StepKind.TASK
        items.append(
            Step(
                f"s{i}",
                f"工程{i} 書類を確認する",
                rng.choice(lane_ids),
                kind,
                float(rng.randint(1, 30)),
                None,
                float(rng.choice((0, 0, 60))),
                rng.choice(list(__import__("cocreate.model").model.Medium)),
            )
        )
    items.append(Step(f"s{steps - 1}", "完了", lane_ids[0], StepKind.END))
    flows = []
    for i in range(steps - 1):
        if i % 50 == 0 and i > 0:
            flows.append(Flow(f"s{i}", f"s{i - 3}", "差戻し", 0.1))
            flows.append(Flow(f"s{i}", f"s{i + 1}", "OK", 0.9))
        else:
            flows.append(Flow(f"s{i}", f"s{i + 1}"))
    workshop = Workshop(
        meta=Meta(title="2,000工程のベンチマーク"),
        settings=Settings(annual_cases=5000),
        members=(Member("fac", "司会", Role.FACILITATOR),),
        lanes=tuple(Lane(lane, f"担当{lane}") for lane in lane_ids),
        steps=tuple(items),
        flows=tuple(flows),
    )
    storage.save(folder, workshop)
    return folder
