"""Small workshops of several maps, built in code, for the variants tests."""

from __future__ import annotations

from itertools import pairwise

from cocreate.model import (
    Flow,
    Lane,
    Medium,
    Meta,
    Settings,
    Step,
    StepKind,
    Variant,
    VariantKind,
    Workshop,
)

LANES = (Lane("a", "申請者"), Lane("g", "総務課"))


def step(step_id: str, name: str, minutes: float = 0.0, **changes) -> Step:
    changes.setdefault("lane", "g")
    return Step(step_id, name, minutes=float(minutes), **changes)


def chain(*steps: Step, loops: tuple[Flow, ...] = ()) -> tuple[Flow, ...]:
    """Flows from each step to the next, plus ``loops`` (a decision's back branch).

    A step with a loop out of it keeps its way forward as the rest of the share.
    """
    forward = []
    for a, b in pairwise(steps):
        back = [f for f in loops if f.source == a.id]
        share = 1 - sum(f.share or 0 for f in back) if back else None
        forward.append(Flow(a.id, b.id, "", share))
    return (*forward, *loops)


def start(step_id: str = "s0", name: str = "開始") -> Step:
    return step(step_id, name, kind=StepKind.START, lane="a")


def end(step_id: str = "s9", name: str = "完了") -> Step:
    return step(step_id, name, kind=StepKind.END)


def variant(
    variant_id: str,
    steps: tuple[Step, ...],
    *,
    kind: VariantKind = VariantKind.AS_IS,
    cases: int | None = None,
    loops: tuple[Flow, ...] = (),
    name: str = "",
) -> Variant:
    return Variant(
        variant_id,
        name or f"{variant_id}局",
        kind,
        unit=name or f"{variant_id}局",
        annual_cases=cases,
        lanes=LANES,
        steps=steps,
        flows=chain(*steps, loops=loops),
    )


def workshop(
    steps: tuple[Step, ...],
    *variants: Variant,
    cases: int = 100,
    loops: tuple[Flow, ...] = (),
    **changes,
) -> Workshop:
    return Workshop(
        Meta("部局比較"),
        Settings(annual_cases=cases),
        lanes=LANES,
        steps=steps,
        flows=chain(*steps, loops=loops),
        variants=variants,
        **changes,
    )


def paper_and_mail() -> Workshop:
    """main: paper form, carried to the counter; b: e-mail; c: paper with a deputy's seal."""
    main = (
        start(),
        step("s1", "申請書を作成", 15, medium=Medium.PAPER, lane="a"),
        step("s2", "申請書を持参", 15, medium=Medium.COUNTER, lane="a"),
        step("s3", "内容の確認", 10, medium=Medium.PAPER),
        end(),
    )
    b = (
        start(),
        step("m1", "申請メールを送信", 5, medium=Medium.EMAIL, lane="a"),
        step("s3", "内容の確認", 6, medium=Medium.EMAIL),
        end(),
    )
    c = (
        start(),
        step("s1", "申請書を作成", 15, medium=Medium.PAPER, lane="a"),
        step("d1", "課長補佐の押印", 5, wait_minutes=720.0, medium=Medium.SEAL),
        step("s2", "申請書を持参", 15, medium=Medium.COUNTER, lane="a"),
        step("s3", "内容の確認", 10, medium=Medium.PAPER),
        end(),
    )
    return workshop(main, variant("b", b, cases=50), variant("c", c, cases=30), cases=100)
