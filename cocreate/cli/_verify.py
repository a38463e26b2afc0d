"""What the verification commands share: reading their options, naming the option in an error,
and changing the workshop atomically; and how ``evaluate`` and ``criterion list`` print.

Every change goes through :func:`cocreate.storage.update_workshop`: the workshop is read,
changed by a pure function of :mod:`cocreate.verify`, checked, and written atomically under
the file's lock, so nothing is half-written and two people recording at once lose nothing.
A bad value stops the command before anything is written, with one line naming the
workshop (or the file and row) and the option at fault, and exit status 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cocreate import storage
from cocreate.errors import InputError
from cocreate.model import Workshop

if TYPE_CHECKING:
    from cocreate.verify.decide import VerificationStatus
    from cocreate.verify.evaluate import CriterionResult, Evaluation
    from cocreate.verify.savings import Saving

__all__ = [
    "KEEP",
    "OPTIONS",
    "criterion_json",
    "date_arg",
    "evaluation_json",
    "folder_of",
    "lang_of",
    "lang_option",
    "named_options",
    "num",
    "optional_date",
    "pct",
    "print_criteria",
    "print_evaluation",
    "saving_json",
    "split_list",
    "update",
]


#: Field names the domain reports -> the option a user typed.
OPTIONS = {
    "title": "--title",
    "owner": "--owner",
    "helpers": "--helpers",
    "status": "--status",
    "kpi": "--kpi",
    "value": "--value",
    "date": "--date",
    "method": "--method",
    "by": "--by",
    "variant": "--variant",
    "reasons": "--reason",
    "units": "--units",
    "outcome": "--outcome",
    "text": "--text",
    "annual_cases": "--cases",
}


#: The default of an option whose ``None`` means "clear it" (``--due none``).
KEEP = object()


def split_list(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def date_arg(text: str) -> dt.date:
    from cocreate.verify.values import parse_date

    try:
        return parse_date(text)
    except InputError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def optional_date(text: str) -> dt.date | None:
    return None if text.strip().lower() in ("", "none", "-") else date_arg(text)


def folder_of(path: str) -> Path:
    folder = Path(path)
    if folder.is_file() and folder.name == storage.WORKSHOP_FILE:
        return folder.parent
    return folder


@contextmanager
def named_options(folder: Path) -> Iterator[None]:
    """Name the workshop and the option in the domain's one-line errors."""
    try:
        yield
    except InputError as exc:
        if exc.path is not None:
            raise
        field = OPTIONS.get(exc.field or "", exc.field)
        raise InputError(folder, exc.message, field=field) from None


def update(folder: Path, change: Callable[[Workshop], Workshop]) -> Workshop:
    """Change and save the workshop atomically; the result must pass the workshop's checks."""
    from cocreate.integrity import raise_first_error

    def checked(workshop: Workshop) -> Workshop:
        with named_options(folder):
            updated = change(workshop)
        raise_first_error(updated, folder)
        return updated

    return storage.update_workshop(folder, checked)


def lang_of(args: argparse.Namespace, workshop: Workshop) -> str:
    from cocreate.i18n import default_language

    return args.lang or workshop.settings.language or default_language()


def lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--lang", choices=("ja", "en"), default=None, help="language of the labels")


# --------------------------------------------------------------------------- output


def num(value: float | None, digits: int = 6) -> str:
    """A number for the terminal, to ``digits`` significant digits: 4,412, 0.05, 1,884.35."""
    if value is None:
        return "—"
    return f"{value:,.{digits}g}"


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def print_evaluation(
    workshop: Workshop, result: Evaluation, status: VerificationStatus, lang: str
) -> None:
    from cocreate.i18n import t

    print(f"{workshop.meta.title}: {t(f'verify.stage.{status.stage.value}', lang)}")
    if result.error:
        print(f"  the map could not be analysed: {result.error}")
    print("KPIs" if result.kpis else "KPIs: none in the pilot plan")
    if result.kpis:
        header = f"{'id':<5} {'baseline':>12} {'target':>12} {'latest':>12}  date      "
        print(f"  {header}  achieved  verdict")
    for k in result.kpis:
        latest = k.latest
        print(
            f"  {k.kpi.id:<5} {num(k.baseline):>12} {num(k.target):>12}"
            f" {num(latest.value if latest else None):>12}"
            f"  {latest.date.isoformat() if latest else '—':<10}  {pct(k.achievement):>8}"
            f"  {t(f'verify.verdict.{k.verdict.value}', lang)}  {k.kpi.name}"
        )
    savings = result.savings
    print("annual saving")
    for label, saving in (("estimated", savings.estimated), ("verified", savings.verified)):
        if saving is None:
            print(f"  {label:<10} —")
            continue
        print(
            f"  {label:<10} {num(saving.hours)} h  {saving.person_years:.2f} person-years"
            f"  {num(round(saving.cost), 12)} {workshop.settings.currency}"
        )
    if savings.verified is not None:
        source = f"to-be map {savings.variant}" if savings.source == "resurvey" else "KPI"
        print(f"  verified from the {source}: {', '.join(savings.measurements)}")
    for group in savings.by_idea:
        ideas = " + ".join(group.ideas) or "(no pilot idea)"
        steps = ", ".join(s.step for s in group.steps)
        print(
            f"  {ideas:<28} estimated {num(group.estimated_hours):>8} h"
            f"  verified {num(group.verified_hours):>8} h  ({steps})"
        )
    print("rollout criteria")
    print_criteria(result, lang, indent="  ")
    if status.outcome is not None:
        units = f" → {', '.join(status.next_units)}" if status.next_units else ""
        start = f" from {status.next_start.isoformat()}" if status.next_start else ""
        print(
            f"decision: {t(f'verify.outcome.{status.outcome.value}', lang)}{units}{start}"
            f" ({status.decided_by}, {status.decided_on.isoformat() if status.decided_on else ''})"
        )


def print_criteria(result: Evaluation, lang: str, indent: str = "") -> None:
    from cocreate.i18n import t

    if not result.criteria:
        print(f"{indent}no rollout criteria in the plan")
    for c in result.criteria:
        verdict = t(f"verify.verdict.{c.verdict.value}", lang)
        evidence = f"  evidence {', '.join(c.evidence)}" if c.evidence else ""
        reason = f"  ({t(f'verify.reason.{c.reason}', lang)})" if c.reason else ""
        print(f"{indent}{c.ref:<4} {verdict}  {c.criterion.text}{evidence}{reason}")
        for cond in c.conditions:
            why = f" ({t(f'verify.reason.{cond.reason}', lang)})" if cond.reason else ""
            op = "≤" if cond.lower_is_better else "≥"
            latest = num(cond.latest.value) if cond.latest else "—"
            print(f"{indent}       {cond.condition.kpi} {op} {num(cond.threshold)}: {latest}{why}")


def criterion_json(c: CriterionResult) -> dict[str, Any]:
    return {
        "ref": c.ref,
        "text": c.criterion.text,
        "linked": c.linked,
        "verdict": c.verdict.value,
        "reason": c.reason,
        "evidence": list(c.evidence),
        "conditions": [
            {
                "kpi": cond.condition.kpi,
                "threshold": cond.threshold,
                "lower_is_better": cond.lower_is_better,
                "latest": cond.latest.id if cond.latest else None,
                "value": cond.latest.value if cond.latest else None,
                "verdict": cond.verdict.value,
                "reason": cond.reason,
            }
            for cond in c.conditions
        ],
    }


def saving_json(saving: Saving | None) -> dict[str, float] | None:
    if saving is None:
        return None
    return {"hours": saving.hours, "person_years": saving.person_years, "cost": saving.cost}


def evaluation_json(result: Evaluation, status: VerificationStatus) -> dict[str, Any]:
    savings = result.savings
    return {
        "stage": status.stage.value,
        "decision": None
        if status.outcome is None
        else {
            "outcome": status.outcome.value,
            "date": status.decided_on.isoformat() if status.decided_on else None,
            "by": status.decided_by,
            "units": list(status.next_units),
            "from": status.next_start.isoformat() if status.next_start else None,
        },
        "kpis": [
            {
                "id": k.kpi.id,
                "name": k.kpi.name,
                "baseline": k.baseline,
                "baseline_from_map": k.plan.baseline_from_map,
                "target": k.target,
                "target_projected": k.plan.target_projected,
                "latest": k.latest.value if k.latest else None,
                "latest_id": k.latest.id if k.latest else None,
                "latest_date": k.latest.date.isoformat() if k.latest else None,
                "achievement": k.achievement,
                "verdict": k.verdict.value,
                "measurements": [m.id for m in k.measurements],
            }
            for k in result.kpis
        ],
        "savings": {
            "estimated": saving_json(savings.estimated),
            "verified": saving_json(savings.verified),
            "source": savings.source,
            "variant": savings.variant,
            "measurements": list(savings.measurements),
            "by_idea": [
                {
                    "ideas": list(g.ideas),
                    "steps": [s.step for s in g.steps],
                    "estimated_hours": g.estimated_hours,
                    "verified_hours": g.verified_hours,
                }
                for g in savings.by_idea
            ],
        },
        "criteria": [criterion_json(c) for c in result.criteria],
        "error": result.error,
    }
