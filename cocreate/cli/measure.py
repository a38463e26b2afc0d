"""Measured KPI values: ``measure`` (one value, a table of them, or the KPIs on a to-be map)
and ``import tobe`` (the process as it runs during the pilot). See docs/verify.md.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cocreate import storage
from cocreate.cli._verify import (
    date_arg,
    folder_of,
    update,
)
from cocreate.errors import InputError
from cocreate.model import Measurement, MeasurementMethod, Variant, Workshop

if TYPE_CHECKING:
    from cocreate.process.imports import ProcessImport

__all__ = ["ORDER", "register"]

ORDER = 45


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    _register_measure(subparsers, groups)


# =========================================================================== measurements


def _register_measure(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    methods = ", ".join(f"{m.value}" for m in MeasurementMethod)
    p = subparsers.add_parser(
        "measure",
        help="record a KPI's measured value, import a table of them, or measure on a to-be map",
        description="Record measured KPI values. With --kpi, --value and --date: one value"
        " (a unit may follow the number: 8%%, 45分, 1.5時間). With --import: a CSV or XLSX of"
        " measurements (columns kpi, date, value, and optionally method, by, note), all"
        " rows or none. With --variant and --date: the workload survey re-run on a to-be"
        " map (see `cocreate import tobe`), one value for every KPI taken from the map."
        " With --remove: drop a measurement. With none of them: list the measurements.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--kpi", metavar="ID", help="the KPI measured (its id or its name)")
    what.add_argument("--import", dest="table", metavar="FILE", help="a CSV or XLSX to import")
    what.add_argument("--variant", metavar="ID", help="a to-be variant to re-run the survey on")
    what.add_argument("--remove", metavar="ID", help="remove the measurement with this id")
    p.add_argument("--value", help="the measured value, in the KPI's unit")
    p.add_argument("--date", type=date_arg, metavar="DATE", help="when it was measured")
    p.add_argument("--method", default="measured", help=f"one of {methods} (or 実測, ...)")
    p.add_argument("--by", default="", metavar="MEMBER", help="who measured it")
    p.add_argument("--note", default="", help="free text")
    p.add_argument("--json", action="store_true", help="list as JSON")
    p.set_defaults(func=cmd_measure)

    p = groups["import"].add_parser(
        "tobe",
        help="the process as it now runs (BPMN, step table or event log) as a to-be variant",
        description="Import a map of the process as it runs during the pilot, as a variant of"
        " kind to-be: a BPMN file, a step table (CSV/XLSX, as `import steps`) or, with"
        " --case/--activity/--timestamp, an event log from the pilot period (as `discover`)."
        " Keep the as-is's step ids for the same work so the evaluation can compare step by"
        " step. Then `cocreate measure PATH --variant ID --date D` records the map's KPIs.",
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--into", required=True, metavar="PATH", help="workshop folder")
    p.add_argument("--variant", required=True, metavar="ID", help="the variant's id, e.g. tobe")
    p.add_argument("--name", default="", help="the variant's name (default: the file's title)")
    p.add_argument("--unit", default="", help="the unit the pilot ran in (default: its scope)")
    p.add_argument(
        "--cases",
        type=int,
        default=None,
        metavar="N",
        help="cases a year through the pilot's unit (default: the file's own figure)",
    )
    p.add_argument("--sheet", metavar="NAME", help="Excel sheet of a step table")
    p.add_argument("--case", help="event log: the case id column")
    p.add_argument("--activity", help="event log: the activity column")
    p.add_argument("--timestamp", help="event log: the completion time column")
    p.add_argument("--resource", help="event log: the resource (lane) column")
    p.add_argument("--start-timestamp", help="event log: the start time column")
    p.add_argument("--min-frequency", type=int, default=None, metavar="N")
    p.add_argument("--replace", action="store_true", help="replace a to-be variant of that id")
    p.set_defaults(func=cmd_import_tobe)


def cmd_measure(args: argparse.Namespace) -> int:
    folder = folder_of(args.path)
    if args.kpi is not None:
        return _measure_one(args, folder)
    if args.table is not None:
        return _measure_table(args, folder)
    if args.variant is not None:
        return _measure_variant(args, folder)
    if args.remove is not None:
        from cocreate.verify.measure import remove_measurement

        update(folder, lambda w: remove_measurement(w, args.remove))
        return 0
    return _list_measurements(args, folder)


def _measure_one(args: argparse.Namespace, folder: Path) -> int:
    from cocreate.verify.measure import add_measurement

    for option, value in (("--value", args.value), ("--date", args.date)):
        if value is None:
            raise InputError(folder, f"{option} is needed with --kpi")
    made: list[Measurement] = []

    def change(workshop: Workshop) -> Workshop:
        workshop, measurement = add_measurement(
            workshop,
            args.kpi,
            args.value,
            args.date,
            method=args.method,
            by=args.by,
            note=args.note,
        )
        made.append(measurement)
        return workshop

    update(folder, change)
    print(made[0].id)
    return 0


def _measure_table(args: argparse.Namespace, folder: Path) -> int:
    from cocreate.verify.measure import plan_measurements

    plans = []

    def change(workshop: Workshop) -> Workshop:
        plan = plan_measurements(workshop, args.table)
        if plan.problems:
            for problem in plan.problems[:-1]:
                print(f"cocreate: {problem}", file=sys.stderr)
            more = plan.problems[-1]
            raise InputError(
                more.path,
                f"{more.message} ({len(plan.problems)} bad row(s); nothing imported)",
                row=more.row,
                field=more.field,
            )
        plans.append(plan)
        return plan.workshop

    if not storage.is_workshop(folder):
        storage.load(folder)  # the one-line "no such workshop" error
    update(folder, change)
    plan = plans[0]
    for measurement in plan.added:
        print(measurement.id)
    skipped = f", {len(plan.skipped)} already recorded" if plan.skipped else ""
    ignored = (
        f"; ignored columns: {', '.join(plan.ignored_columns)}" if plan.ignored_columns else ""
    )
    print(f"{plan.source}: {len(plan.added)} measurement(s) imported{skipped}{ignored}",
          file=sys.stderr)  # fmt: skip
    return 0


def _measure_variant(args: argparse.Namespace, folder: Path) -> int:
    from cocreate.verify.resurvey import measure_from_variant

    if args.date is None:
        raise InputError(folder, "--date is needed with --variant")
    if args.value is not None:
        raise InputError(folder, "--value: the values come from the map with --variant")
    made: list[Measurement] = []

    def change(workshop: Workshop) -> Workshop:
        workshop, measurements = measure_from_variant(
            workshop, args.variant, args.date, by=args.by, method=args.method, note=args.note
        )
        made.extend(measurements)
        return workshop

    update(folder, change)
    for measurement in made:
        print(measurement.id)
    print(f"{folder}: {len(made)} KPI(s) measured on {args.variant}", file=sys.stderr)
    return 0


def _list_measurements(args: argparse.Namespace, folder: Path) -> int:
    workshop = storage.load(folder)
    found = sorted(workshop.pilot.measurements, key=lambda m: (m.kpi, m.date))
    if args.json:
        rows = [
            {
                "id": m.id,
                "kpi": m.kpi,
                "date": m.date.isoformat(),
                "value": m.value,
                "method": m.method.value,
                "by": m.by,
                "note": m.note,
                "variant": m.variant,
            }
            for m in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not found:
        print("no measurements yet: record one with `cocreate measure PATH --kpi K --value V`")
    for m in found:
        source = f" (map {m.variant})" if m.variant else ""
        by = f" by {m.by}" if m.by else ""
        day = m.date.isoformat()
        print(f"{m.id:<5} {m.kpi:<5} {day}  {m.value:>12,.6g}  {m.method.value}{by}{source}")
    return 0


def cmd_import_tobe(args: argparse.Namespace) -> int:
    from cocreate.verify.resurvey import import_tobe

    folder = folder_of(args.into)
    if not storage.is_workshop(folder):
        storage.load(folder)  # the one-line "no such workshop" error
    imported = _read_map(args)
    made: list[Variant] = []

    def change(workshop: Workshop) -> Workshop:
        workshop, variant = import_tobe(
            workshop,
            imported,
            args.variant,
            name=args.name,
            unit=args.unit,
            source=_relative(folder, imported.source),
            annual_cases=args.cases,
            replace=args.replace,
            notes=imported.notes,
        )
        made.append(variant)
        return workshop

    update(folder, change)
    variant = made[0]
    print(variant.id)
    print(
        f"{folder}: to-be variant {variant.id!r}: {len(variant.steps)} steps,"
        f" {len(variant.flows)} flows, {variant.annual_cases or 'the as-is'} cases a year",
        file=sys.stderr,
    )
    for line in (*imported.notes, *imported.unmapped):
        print(f"note: {line}", file=sys.stderr)
    return 0


def _relative(folder: Path, file: Path) -> str:
    """The source file as the workshop records it: relative to the folder, so both can move."""
    import os

    try:
        return Path(os.path.relpath(file.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(file.resolve())


def _read_map(args: argparse.Namespace) -> ProcessImport:
    path = Path(args.file)
    log_options = (args.case, args.activity, args.timestamp)
    if any(log_options):
        if not all(log_options):
            raise InputError(path, "an event log needs --case, --activity and --timestamp")
        from cocreate.process.eventlog import discover, to_process

        dfg = discover(
            path,
            case=args.case,
            activity=args.activity,
            timestamp=args.timestamp,
            resource=args.resource,
            start_timestamp=args.start_timestamp,
        )
        return to_process(dfg, min_frequency=args.min_frequency)
    if path.suffix.lower() in (".bpmn", ".xml"):
        from cocreate.process.bpmn import read_bpmn

        return read_bpmn(path)
    from cocreate.process.steptable import read_steps

    return read_steps(path, sheet=args.sheet)
