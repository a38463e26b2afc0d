"""Process commands: ``process``, ``discover``, ``import bpmn|steps``, ``export ...``."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from cocreate import storage
from cocreate.cli._lang import add_lang_option, cli_lang, said, say
from cocreate.cli.variants import import_as_variant, variant_options
from cocreate.errors import InputError

if TYPE_CHECKING:
    from cocreate.model import Workshop
    from cocreate.process.eventlog import Dfg
    from cocreate.process.imports import ProcessImport
    from cocreate.process.metrics import ProcessMetrics
    from cocreate.process.tobe import Comparison

__all__ = ["ORDER", "register"]

ORDER = 20

#: Finding codes of ``review.warnings`` that are about the process map.
PROCESS_WARNINGS = ("no-start", "unreachable", "dead-end", "no-exit", "shares")


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "process",
        help="the process's BPR metrics: workload, cost, lead time, handoffs, touchpoints",
        description="Print the process's metrics: annual workload hours, person-years and"
        " cost, lead time per case along the expected path (rework counted by its share),"
        " cycle efficiency, handoffs between lanes, paper/seal/counter touchpoints, rework"
        " loops and bottlenecks, then a table of steps. With --ideas, the to-be process"
        " after those ideas is compared with the as-is one.",
    )
    p.add_argument("path", nargs="?", metavar="PATH", help="workshop folder (default: the sample)")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.add_argument(
        "--ideas",
        metavar="ID,ID",
        default="",
        help="compare with the to-be process after these ideas (comma-separated;"
        " 'all' for every idea)",
    )
    add_lang_option(p)
    p.set_defaults(func=cmd_process)

    p = subparsers.add_parser(
        "discover",
        help="the directly-follows graph of an event log (CSV or XES)",
        description="Read an event log (CSV with one row per event, or XES / .xes.gz) and"
        " print its directly-follows graph: activity counts, start and end activities, and"
        " each pair of activities that follow each other in a case, with how often and the"
        " mean and median seconds between them. Events of a case are ordered by timestamp,"
        " ties in file order; timestamps with a UTC offset are converted to UTC. With"
        " --into, the graph becomes a workshop's process. The format is told by the name"
        " (.xes, .xes.gz) or the content.",
    )
    p.add_argument("log", metavar="LOG", help="the event log: .csv, .xes or .xes.gz")
    p.add_argument(
        "--case",
        metavar="COL",
        help="CSV: column holding the case id (default: case:concept:name); XES: the trace"
        " attribute (default: concept:name)",
    )
    p.add_argument(
        "--activity",
        metavar="COL",
        help="CSV: column holding the activity (default: concept:name); XES: the event"
        " attribute (default: concept:name)",
    )
    p.add_argument(
        "--timestamp",
        metavar="COL",
        help="column (XES: attribute) holding when the event happened, completed"
        " (default: time:timestamp)",
    )
    p.add_argument(
        "--resource",
        metavar="COL",
        help="column holding who did it; with --into, lanes are made from it (XES: read"
        " from org:resource unless told otherwise)",
    )
    p.add_argument(
        "--start-timestamp",
        metavar="COL",
        help="CSV: column holding when the event began; with --into, steps get measured"
        " work minutes and waits",
    )
    p.add_argument(
        "--lifecycle",
        choices=("all", "complete", "pairs"),
        help="XES: which events count by lifecycle:transition: every event (as pm4py),"
        " only complete ones, or each start paired with its complete (measured work"
        " minutes). Default: complete when the log has start and complete events, else all",
    )
    p.add_argument("--encoding", help="CSV encoding, if guessing (UTF-8, then cp932) is wrong")
    p.add_argument("--json", action="store_true", help="print the graph as JSON")
    p.add_argument(
        "--into",
        metavar="PATH",
        help="create a workshop at PATH from the graph, or put it into the one there",
    )
    p.add_argument(
        "--min-frequency",
        type=int,
        metavar="N",
        help="with --into: drop activities and flows seen fewer than N times"
        " (default: 1%% of the cases, at least 1)",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="with --into: replace the process the workshop already has",
    )
    p.add_argument(
        "--progress",
        action="store_true",
        help="show progress on stderr even when it is not a terminal",
    )
    variant_options(p)
    p.set_defaults(func=cmd_discover)

    p = groups["import"].add_parser(
        "bpmn",
        help="a BPMN 2.0 file (Camunda Modeler, bpmn.io, Signavio)",
        description="Import a BPMN 2.0 XML file: lanes (and pools without lanes) become"
        " lanes, tasks and subprocesses steps, gateways decisions, events start/end/wait"
        " steps, sequence and message flows flows. What cannot be mapped is listed.",
    )
    p.add_argument("file", metavar="FILE.bpmn")
    _into_options(p)
    p.set_defaults(func=cmd_import_bpmn)

    p = groups["import"].add_parser(
        "steps",
        help="a step table (CSV or Excel) with Japanese or English headers",
        description="Import a step table, one row per step. Columns (Japanese or English):"
        " 工程/step (required), 担当/lane, 所要時間(分)/minutes, 年間件数/volume,"
        " 待ち時間(分)/wait, 媒体/medium, 次工程/next, and optionally ID, 種別/kind,"
        " 備考/notes. CSV may be UTF-8 (with or without BOM) or cp932. See docs/process.md.",
    )
    p.add_argument("file", metavar="FILE.csv|FILE.xlsx")
    p.add_argument(
        "--sheet",
        metavar="NAME",
        help="Excel sheet to read (default: 工程表 if there, else the first)",
    )
    p.add_argument("--encoding", help="CSV encoding, if guessing (UTF-8, then cp932) is wrong")
    _into_options(p)
    p.set_defaults(func=cmd_import_steps)

    for kind, text in (
        ("bpmn", "BPMN 2.0 XML with lanes and a diagram layout (bpmn.io, Camunda)"),
        ("mermaid", "a Mermaid flowchart with lanes as subgraphs"),
        ("dot", "Graphviz DOT with lanes as clusters"),
    ):
        p = groups["export"].add_parser(
            kind, help=f"the process as {text}", description=f"Export the process as {text}."
        )
        p.add_argument("path", metavar="PATH", help="workshop folder")
        p.add_argument(
            "-o", "--output", metavar="FILE", help="file to write (default: print to stdout)"
        )
        p.add_argument("--variant", metavar="ID", help="export this map (default: the own map)")
        p.set_defaults(func=cmd_export, export_kind=kind)

    p = groups["export"].add_parser(
        "xlsx",
        help="an Excel workbook: the workload survey (業務量調査票), metrics, step table, ideas",
        description="Write an Excel workbook to hand on: a 業務量調査票 sheet (per step its"
        " lane, minutes, volume, annual hours, person-years, cost and medium, with totals),"
        " the metrics, the step table in the layout `import steps` reads back, and the"
        " ranked ideas when there are ratings or dots. See docs/process.md.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="file to write")
    p.set_defaults(func=cmd_export_xlsx)


def _into_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--into",
        required=True,
        metavar="PATH",
        help="workshop folder to create, or to put the process into",
    )
    p.add_argument(
        "--replace", action="store_true", help="replace the process the workshop already has"
    )
    p.add_argument("--title", default="", help="title of a workshop the import creates")
    variant_options(p)


# --------------------------------------------------------------------------- process


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int, *, right: bool = False) -> str:
    """``text`` cut and padded to ``width`` terminal columns (Japanese is two wide)."""
    if _width(text) > width:
        out, used = "", 0
        for char in text:
            if used + _width(char) > width - 1:
                break
            out += char
            used += _width(char)
        text = out + "…"
    padding = " " * (width - _width(text))
    return padding + text if right else text + padding


def _num(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}"


def cmd_process(args: argparse.Namespace) -> int:
    from cocreate.cli.workshop import resolve_workshop
    from cocreate.process.metrics import analyse

    folder = resolve_workshop(args.path)
    workshop = storage.load(folder)
    ideas = [i.strip() for i in args.ideas.split(",") if i.strip()]
    if ideas == ["all"]:
        ideas = [idea.id for idea in workshop.ideas]
    if ideas:
        from cocreate.process.tobe import compare

        known = {idea.id for idea in workshop.ideas}
        for idea_id in ideas:
            if idea_id not in known:
                raise InputError(None, f"--ideas: unknown idea {idea_id!r}")
        comparison = compare(workshop, ideas)
        if args.json:
            print(json.dumps(comparison.as_dict(), ensure_ascii=False, indent=2))
        else:
            _print_comparison(workshop, comparison, cli_lang(args, workshop))
        return 0
    metrics = analyse(workshop)
    if args.json:
        print(json.dumps(metrics.as_dict(), ensure_ascii=False, indent=2))
        return 0
    _print_warnings(folder, workshop, cli_lang(args, workshop))
    _print_metrics(workshop, metrics, cli_lang(args, workshop))
    return 0


def _print_warnings(folder: Path, workshop: Workshop, lang: str = "en") -> None:
    from cocreate.cli._lang import finding_line
    from cocreate.review import warnings

    for finding in warnings(workshop):
        if finding.code in PROCESS_WARNINGS:
            print(finding_line(finding, folder, lang), file=sys.stderr)


def _print_metrics(workshop: Workshop, metrics: ProcessMetrics, lang: str = "en") -> None:
    settings = workshop.settings
    lane_names = {lane.id: lane.name for lane in workshop.lanes}
    step_names = {step.id: step.name for step in workshop.steps}
    print(
        say(
            "cli.process.title",
            lang,
            title=workshop.meta.title,
            steps=len(workshop.steps),
            lanes=len(workshop.lanes),
            flows=len(workshop.flows),
            cases=f"{metrics.annual_cases:,.0f}",
        )
    )
    rows = [
        (
            "annual_workload",
            say(
                "cli.process.annual_workload.value",
                lang,
                hours=_num(metrics.annual_hours),
                person_years=f"{metrics.person_years:.2f}",
                per_person=f"{settings.annual_hours_per_person:,g}",
            ),
        ),
        (
            "cost",
            say(
                "cli.process.cost.value",
                lang,
                cost=f"{metrics.cost:,.0f}",
                currency=metrics.currency,
                hourly=f"{settings.hourly_cost:,g}",
            ),
        ),
        (
            "lead_time",
            say(
                "cli.process.lead_time.value",
                lang,
                minutes=_num(metrics.lead_time_minutes),
                hours=f"{metrics.lead_time_minutes / 60:,.1f}",
                work=_num(metrics.work_minutes),
            ),
        ),
        ("cycle_efficiency", f"{metrics.cycle_efficiency:.1%}"),
        (
            "handoffs",
            say(
                "cli.process.handoffs.value",
                lang,
                handoffs=metrics.handoffs,
                per_case=f"{metrics.handoffs_per_case:.2f}",
            ),
        ),
        (
            "touchpoints",
            say(
                "cli.process.touchpoints.value",
                lang,
                paper=metrics.paper_touches,
                seal=metrics.seal_touches,
                counter=metrics.counter_touches,
            ),
        ),
        ("loops", _loops_text(metrics.loops, step_names, lang)),
        (
            "bottlenecks",
            say(
                "cli.process.bottlenecks.value",
                lang,
                hours=", ".join(metrics.bottlenecks_by_hours) or "-",
                wait=", ".join(metrics.bottlenecks_by_wait) or "-",
            ),
        ),
    ]
    labels = {key: say(f"cli.process.{key}", lang) for key, _ in rows}
    label_width = max(_width(label) for label in labels.values()) + 1
    for key, text in rows:
        print(f"  {_fit(labels[key], label_width)}{text}")
    print(f"  {say('cli.process.by_lane', lang)}")
    for lane_id, hours in metrics.lanes.items():
        print(f"    {_fit(lane_names.get(lane_id, lane_id), 24)} {_num(hours):>10} h")
    print()
    # The id column is as wide as the longest id: a long id never pushes the rest along.
    id_width = max(
        [_width(say("cli.process.col.id", lang)), *(_width(s.id) for s in metrics.steps)]
    )

    def col(key: str, width: int, right: bool = False) -> str:
        return _fit(say(f"cli.process.col.{key}", lang), width, right=right)

    print(
        f"{col('id', id_width)} {col('step', 30)} {col('lane', 16)} {col('kind', 8)}"
        f" {col('min', 6, True)} {col('wait', 7, True)} {col('volume', 8, True)}"
        f" {col('visits', 6, True)} {col('hours', 8, True)}  {say('cli.process.col.medium', lang)}"
    )
    for s in metrics.steps:
        volume = f"{s.volume:,.0f}" + ("" if s.volume_given else "*")
        print(
            f"{_fit(s.id, id_width)} {_fit(s.name, 30)} {_fit(lane_names.get(s.lane, s.lane), 16)}"
            f" {s.kind.value:<8} {s.minutes:>6g} {s.wait_minutes:>7g} {volume:>8}"
            f" {s.visits:>6.2f} {_num(s.annual_hours):>8}  {s.medium.value}"
        )
    if any(not s.volume_given for s in metrics.steps):
        print(say("cli.process.derived", lang))


def _loops_text(
    loops: list[list[str]], names: dict[str, str] | None = None, lang: str = "en", shown: int = 5
) -> str:
    """The rework loops by their steps' names (an id only where a step has no name)."""
    if not loops:
        return say("cli.process.loops.none", lang)
    names = names or {}
    text = "; ".join(" → ".join(names.get(step) or step for step in loop) for loop in loops[:shown])
    if len(loops) > shown:
        text += "; " + say("cli.process.loops.more", lang, count=len(loops) - shown)
    return text


def _metric_text(name: str, value: float) -> str:
    """One metric as the comparison prints it: a share as a percentage, else a number."""
    if name == "cycle_efficiency":
        return f"{value:.1%}"
    return f"{value:,.2f}"


def _print_comparison(workshop: Workshop, comparison: Comparison, lang: str = "en") -> None:
    from cocreate.process.metrics import METRICS, metric_value

    print(
        say(
            "cli.process.compare.title",
            lang,
            title=workshop.meta.title,
            ideas=", ".join(comparison.idea_ids),
        )
    )
    if comparison.eliminated:
        steps = ", ".join(comparison.eliminated)
        print("  " + say("cli.process.compare.eliminated", lang, steps=steps))
    names = {name: said(f"process.metric.{name}", lang) or name for name in METRICS}
    width = max(_width(n) for n in [*names.values(), say("cli.process.compare.metric", lang)]) + 1
    head = [say(f"cli.process.compare.{key}", lang) for key in ("before", "after", "change")]
    print(
        f"  {_fit(say('cli.process.compare.metric', lang), width)}"
        + "".join(" " + _fit(h, 14, right=True) for h in head)
    )
    for name in METRICS:
        before = metric_value(comparison.before, name)
        after = metric_value(comparison.after, name)
        if name == "cycle_efficiency":
            change = f"{(after - before) * 100:+,.1f} pt"
        else:
            change = f"{after - before:+,.2f}"
        print(
            f"  {_fit(names[name], width)} {_metric_text(name, before):>14}"
            f" {_metric_text(name, after):>14} {change:>14}"
        )
    hours = f"{comparison.hours_saved:,.1f}"
    print("  " + say("cli.process.compare.saved", lang, hours=hours))


# --------------------------------------------------------------------------- imports


def _report_import(imported: ProcessImport, folder: Path, workshop: Workshop) -> None:
    print(
        f"imported {imported.source}: {len(imported.steps)} steps in {len(imported.lanes)}"
        f" lanes, {len(imported.flows)} flows -> {folder / storage.WORKSHOP_FILE}"
    )
    for note in imported.notes:
        print(f"  note: {note}")
    if imported.unmapped:
        print(f"  not mapped ({len(imported.unmapped)}):")
        for line in imported.unmapped:
            print(f"    - {line}")
    _print_warnings(folder, workshop)


def _import(args: argparse.Namespace, imported: ProcessImport) -> int:
    from cocreate.process.imports import import_into

    if args.variant:
        import_as_variant(args, imported)
        return 0
    folder = Path(args.into)
    workshop = import_into(folder, imported, replace=args.replace, title=args.title)
    _report_import(imported, folder, workshop)
    return 0


def cmd_import_bpmn(args: argparse.Namespace) -> int:
    from cocreate.process.bpmn import read_bpmn

    return _import(args, read_bpmn(args.file))


def cmd_import_steps(args: argparse.Namespace) -> int:
    from cocreate.process.steptable import read_steps

    return _import(args, read_steps(args.file, sheet=args.sheet, encoding=args.encoding))


# --------------------------------------------------------------------------- discover


def _progress_printer(label: str, enabled: bool) -> Callable[[int, int, int], None] | None:
    if not enabled:
        return None

    finished = False

    def show(rows: int, done: int, total: int) -> None:
        nonlocal finished
        if finished:
            return
        share = f"{done / total:.0%}" if total else ""
        print(f"\r{label}: {rows:,} events {share}", end="", file=sys.stderr, flush=True)
        if total and done >= total:
            finished = True
            print(file=sys.stderr)

    return show


def cmd_discover(args: argparse.Namespace) -> int:
    from cocreate.process.eventlog import discover, to_process

    show = _progress_printer(f"reading {args.log}", args.progress or sys.stderr.isatty())
    dfg = discover(
        args.log,
        case=args.case,
        activity=args.activity,
        timestamp=args.timestamp,
        resource=args.resource,
        start_timestamp=args.start_timestamp,
        lifecycle=args.lifecycle,
        progress=show,
        encoding=args.encoding,
    )
    for note in dfg.notes:
        print(f"note: {note}", file=sys.stderr)
    if args.into:
        if args.min_frequency is not None and args.min_frequency < 1:
            raise InputError(None, "--min-frequency must be at least 1")
        imported = to_process(dfg, min_frequency=args.min_frequency)
        if args.variant:
            if args.json:
                print(json.dumps(dfg.as_dict(), ensure_ascii=False, indent=2))
            else:
                _print_dfg(dfg)
            import_as_variant(args, imported, out=sys.stderr if args.json else sys.stdout)
            return 0
        from cocreate.process.imports import import_into

        folder = Path(args.into)
        workshop = import_into(folder, imported, replace=args.replace)
        if args.json:
            print(json.dumps(dfg.as_dict(), ensure_ascii=False, indent=2))
            for line in (*imported.notes, *imported.unmapped):
                print(f"note: {line}", file=sys.stderr)
        else:
            _print_dfg(dfg)
            _report_import(imported, folder, workshop)
        return 0
    if args.json:
        print(json.dumps(dfg.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_dfg(dfg)
    return 0


def _print_dfg(dfg: Dfg) -> None:
    print(
        f"{dfg.source}: {dfg.cases:,} cases, {dfg.events:,} events,"
        f" {len(dfg.activities)} activities, {len(dfg.edges)} directly-follows pairs"
    )
    if dfg.first is not None and dfg.last is not None:
        print(f"  from {dfg.first:%Y-%m-%d %H:%M} to {dfg.last:%Y-%m-%d %H:%M} UTC")
    print("  activities")
    for name, count in dfg.activities.items():
        start, end = dfg.start.get(name, 0), dfg.end.get(name, 0)
        print(f"    {_fit(name, 40)} {count:>8,}   start {start:>6,}   end {end:>6,}")
    print(f"  {'from':<40} {'to':<40} {'count':>7} {'mean':>12} {'median':>12}")
    for edge in dfg.edges:
        print(
            f"  {_fit(edge.source, 40)} {_fit(edge.target, 40)} {edge.frequency:>7,}"
            f" {_duration(edge.mean_seconds):>12} {_duration(edge.median_seconds):>12}"
        )


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.1f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


# --------------------------------------------------------------------------- exports


def cmd_export_xlsx(args: argparse.Namespace) -> int:
    from cocreate.process.xlsx import write_xlsx

    if Path(args.output).suffix.lower() != ".xlsx":
        raise InputError(None, f"-o {args.output}: the file must end in .xlsx")
    target = write_xlsx(storage.load(Path(args.path)), args.output)
    print(f"wrote {target}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    workshop = storage.load(Path(args.path))
    if args.variant:
        from cocreate.variants.maps import map_view

        workshop = map_view(workshop, args.variant)
    if args.export_kind == "bpmn":
        from cocreate.process.bpmn import to_bpmn

        text = to_bpmn(workshop)
    else:
        from cocreate.process.export import FORMATS

        text = FORMATS[args.export_kind](workshop)
    if not args.output or args.output == "-":
        sys.stdout.write(text)
        return 0
    from cocreate.process.export import write_text

    target = write_text(args.output, text)
    print(f"wrote {target}")
    return 0
