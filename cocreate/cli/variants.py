"""Variant commands: ``variant list|add|edit|remove``, ``align``, ``compare``, ``standard``,
``fitgap``, and the ``--variant`` options of ``import bpmn|steps`` and ``discover --into``.

The analyses are :mod:`cocreate.variants`'s; this module loads, prints and saves. Edits of
``workshop.toml`` go through :func:`cocreate.storage.update_workshop` (read, change and
write under the file's lock), so a refused change writes nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from cocreate import storage
from cocreate.errors import InputError
from cocreate.model import StandardChoice, StepChoice, VariantKind, Workshop

__all__ = ["ORDER", "import_as_variant", "register", "variant_options"]

ORDER = 25


def _ids(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _lang_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang",
        choices=("ja", "en"),
        help="language of the output (default: the workshop's, else the locale)",
    )


def _lang(args: argparse.Namespace, workshop: Workshop) -> str:
    from cocreate.i18n import default_language

    return args.lang or workshop.settings.language or default_language()


def _cases(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return value


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "variant",
        help="the maps of one process: list, add, rename or remove a bureau's variant",
        description="A workshop can hold several maps of the same process: its own map and"
        " one variant per bureau or unit, a standard flow, a to-be, a reference flow."
        " See docs/process.md.",
    )
    sub = p.add_subparsers(dest="variant_command", metavar="ACTION", required=True)

    q = sub.add_parser("list", help="every map of the workshop", description="List the maps.")
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--json", action="store_true", help="print the list as JSON")
    _lang_option(q)
    q.set_defaults(func=cmd_list)

    q = sub.add_parser(
        "add",
        help="add a variant, empty or as a copy of a map",
        description="Add a variant. With --copy it starts as a copy of another map (its"
        " lanes, steps and flows), to be changed where the bureau works differently.",
    )
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("--id", required=True, dest="variant_id", help="variant id, e.g. kokusai")
    q.add_argument("--name", required=True, help="display name, e.g. 国際局")
    q.add_argument("--kind", choices=VariantKind.values(), default=VariantKind.AS_IS.value)
    q.add_argument("--unit", default="", help="the bureau or unit (部局・課)")
    q.add_argument("--cases", type=_cases, metavar="N", help="cases a year through this map")
    q.add_argument("--copy", metavar="VARIANT", help="start as a copy of this map")
    _lang_option(q)
    q.set_defaults(func=cmd_add)

    q = sub.add_parser(
        "edit",
        aliases=["rename"],
        help="rename a map or change its unit, kind or cases",
        description="Change a map's name, id, unit, kind or annual cases. A new id is"
        " written through to the alignments and standard choices that name the map. The"
        " workshop's own map can be renamed too (its id is [primary] id).",
    )
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("variant_id", metavar="VARIANT")
    q.add_argument("--name")
    q.add_argument("--id", dest="new_id", metavar="NEW_ID")
    q.add_argument("--unit")
    q.add_argument("--kind", choices=VariantKind.values())
    q.add_argument("--cases", type=_cases, metavar="N")
    _lang_option(q)
    q.set_defaults(func=cmd_edit)

    q = sub.add_parser(
        "remove",
        help="remove a variant and the alignments of its steps",
        description="Remove a variant. Refused while a standard takes steps from it or"
        " members' problems or ideas name it.",
    )
    q.add_argument("path", metavar="PATH", help="workshop folder")
    q.add_argument("variant_id", metavar="VARIANT")
    _lang_option(q)
    q.set_defaults(func=cmd_remove)

    p = subparsers.add_parser(
        "align",
        help="which steps of the maps are the same work; confirm or correct it",
        description="Show how the maps' steps align: by normalised name and position in the"
        " flow, or as the facilitator confirmed ([[alignments]] in workshop.toml). Steps are"
        " named VARIANT:STEP (a bare step id: the workshop's own map).",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--variants", metavar="A,B", default="", help="only these maps")
    p.add_argument("--json", action="store_true", help="print the alignment as JSON")
    edit = p.add_mutually_exclusive_group()
    edit.add_argument("--match", metavar="REF,REF", help="confirm these steps as the same work")
    edit.add_argument("--apart", metavar="REF", help="confirm a step has no counterpart")
    edit.add_argument("--forget", metavar="REF", help="let a confirmed step align by rule again")
    edit.add_argument(
        "--confirm", action="store_true", help="write the whole current alignment as confirmed"
    )
    p.add_argument("--name", default="", help="with --match: what the aligned step is called")
    _lang_option(p)
    p.set_defaults(func=cmd_align)

    p = subparsers.add_parser(
        "compare",
        help="the maps side by side: per case, per year, per step, the best way",
        description="Compare the maps (every map but reference flows, unless --variants):"
        " hands-on minutes, lead time, handoffs and paper/seal/counter touchpoints per case;"
        " cases, annual hours, person-years and cost per year; each aligned step's minutes"
        " and medium per map, the steps only some maps have, and the best way per step.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--variants", metavar="A,B,C", default="", help="the maps to compare")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the comparison as JSON")
    out.add_argument("--csv", metavar="FILE", help="write a CSV for Excel (UTF-8 with BOM)")
    _lang_option(p)
    p.set_defaults(func=cmd_compare)

    p = subparsers.add_parser(
        "standard",
        help="compose a standard flow from the maps; the hours each bureau saves",
        description="Compose the standard flow (標準) from the as-is maps: per aligned step"
        " keep the base map's way, drop it, or take one map's way. The choices are kept in"
        " the standard variant and added to on each run. Prints the hours each bureau"
        " saves a year with the standard at its own annual cases, and the total.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument(
        "--id",
        dest="standard_id",
        help="the standard's variant id (default: the workshop's only standard, else standard)",
    )
    p.add_argument("--name", default="", help="display name (default: 標準フロー)")
    p.add_argument("--unit", default="")
    p.add_argument("--base", default=None, help="the map it starts from (default: the own map)")
    p.add_argument("--keep", action="append", default=[], metavar="REF")
    p.add_argument("--drop", action="append", default=[], metavar="REF")
    p.add_argument(
        "--take",
        action="append",
        default=[],
        metavar="REF=VARIANT",
        help="do the step REF names the way VARIANT does it",
    )
    p.add_argument(
        "--best",
        action="store_true",
        help="take the best way (see compare) wherever the base does a step otherwise",
    )
    p.add_argument("--reset", action="store_true", help="forget the choices made before")
    p.add_argument("--dry-run", action="store_true", help="print, do not save")
    p.add_argument("--json", action="store_true", help="print the composition and savings")
    _lang_option(p)
    p.set_defaults(func=cmd_standard)

    p = subparsers.add_parser(
        "fitgap",
        help="fit and gap of the maps against a reference flow",
        description="List, for each map, the steps that fit the reference flow, the gaps"
        " (steps the map does that the reference lacks) and the reference steps it lacks.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder")
    p.add_argument("--reference", metavar="VARIANT", help="the reference (default: the only one)")
    p.add_argument("--variants", metavar="A,B", default="", help="default: every as-is map")
    p.add_argument("--json", action="store_true", help="print the lists as JSON")
    _lang_option(p)
    p.set_defaults(func=cmd_fitgap)


# =========================================================================== text tables


def _fit(text: str, width: int) -> str:
    from cocreate.cli.process import _fit as fit

    return fit(text, width)


def _right(text: str, width: int) -> str:
    from cocreate.cli.process import _width

    return " " * max(width - _width(text), 0) + text


def _label(kind: VariantKind, lang: str) -> str:
    from cocreate.i18n import t

    return t(f"variants.kind.{kind.value}", lang)


def _medium(value: str, lang: str) -> str:
    from cocreate.i18n import t

    return t(f"ui.medium.{value}", lang)


# =========================================================================== variant …


def cmd_list(args: argparse.Namespace) -> int:
    from cocreate.i18n import t
    from cocreate.variants.maps import maps

    workshop = storage.load(args.path)
    lang = _lang(args, workshop)
    found = maps(workshop)
    if args.json:
        print(json.dumps([m.as_dict() for m in found], ensure_ascii=False, indent=2))
        return 0
    head = [t(f"variants.list.{key}", lang) for key in ("id", "name", "kind", "unit")]
    print(
        f"{_fit(head[0], 14)} {_fit(head[1], 20)} {_fit(head[2], 10)} {_fit(head[3], 16)}"
        f" {_right(t('variants.list.steps', lang), 6)} {_right(t('variants.list.cases', lang), 9)}"
    )
    for info in found:
        cases = "-" if info.annual_cases is None else f"{info.annual_cases:,}"
        mark = "*" if info.primary else ""
        print(
            f"{_fit(info.id + mark, 14)} {_fit(info.name, 20)} {_fit(_label(info.kind, lang), 10)}"
            f" {_fit(info.unit, 16)} {_right(str(info.steps), 6)} {_right(cases, 9)}"
        )
    print(t("variants.list.primary", lang))
    return 0


def _update(path: str, change: Callable[[Workshop], Workshop]) -> Workshop:
    if not storage.is_workshop(path):
        raise InputError(path, f"not a workshop folder: {storage.WORKSHOP_FILE} is missing")
    return storage.update_workshop(path, change)


def cmd_add(args: argparse.Namespace) -> int:
    from cocreate.i18n import t
    from cocreate.variants.maps import add_variant

    workshop = _update(
        args.path,
        lambda w: add_variant(
            w,
            args.variant_id,
            args.name,
            kind=args.kind,
            unit=args.unit,
            annual_cases=args.cases,
            copy_from=args.copy,
        ),
    )
    lang = _lang(args, workshop)
    print(t("variants.done.added", lang, id=args.variant_id, name=args.name))
    if args.copy:
        variant = workshop.variant(args.variant_id)
        steps = len(variant.steps) if variant else 0
        print(t("variants.done.copied", lang, source=args.copy, steps=steps))
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from cocreate.i18n import t
    from cocreate.variants.maps import edit_variant

    changes: dict[str, Any] = {
        "name": args.name,
        "new_id": args.new_id,
        "unit": args.unit,
        "kind": args.kind,
    }
    if args.cases is not None:
        changes["annual_cases"] = args.cases
    workshop = _update(args.path, lambda w: edit_variant(w, args.variant_id, **changes))
    print(t("variants.done.edited", _lang(args, workshop), id=args.new_id or args.variant_id))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from cocreate.i18n import t
    from cocreate.variants.maps import remove_variant

    workshop = _update(args.path, lambda w: remove_variant(w, args.variant_id))
    print(t("variants.done.removed", _lang(args, workshop), id=args.variant_id))
    return 0


# =========================================================================== import hooks


def variant_options(p: argparse.ArgumentParser) -> None:
    """``--variant`` and its companions, for a command that imports a process."""
    p.add_argument(
        "--variant",
        metavar="ID",
        help="put the process into this variant (a bureau's map) instead of the workshop's"
        " own; made if it does not exist",
    )
    p.add_argument("--variant-name", default="", metavar="NAME", help="the variant's name")
    p.add_argument("--unit", default="", help="with --variant: the bureau or unit (部局・課)")
    p.add_argument(
        "--variant-kind",
        choices=VariantKind.values(),
        default=VariantKind.AS_IS.value,
        help="with --variant: what the map is (default as-is; reference for fit & gap)",
    )


def import_as_variant(
    args: argparse.Namespace, imported: Any, out: TextIO | None = None
) -> Workshop:
    """Put an importer's ``ProcessImport`` into the variant ``args.variant`` names.

    What was imported is printed to ``out`` (stdout unless given: stderr when stdout
    carries JSON).
    """
    out = out or sys.stdout
    from cocreate.i18n import default_language, t
    from cocreate.variants.maps import import_variant

    folder = Path(args.into)
    if not storage.is_workshop(folder):
        raise InputError(
            folder,
            "not a workshop folder; create it first (cocreate new), or import without --variant",
        )
    source = _source_name(folder, Path(imported.source))
    workshop = storage.update_workshop(
        folder,
        lambda w: import_variant(
            w,
            imported,
            args.variant,
            name=args.variant_name,
            unit=args.unit,
            kind=args.variant_kind,
            source=source,
            replace=args.replace,
        ),
    )
    from cocreate.variants.maps import map_info

    info = map_info(workshop, args.variant)
    lang = workshop.settings.language or default_language()
    print(
        t(
            "variants.done.imported",
            lang,
            source=imported.source,
            id=info.id,
            name=info.name,
            steps=len(imported.steps),
            lanes=len(imported.lanes),
            flows=len(imported.flows),
        ),
        file=out,
    )
    for line in (*imported.notes, *(f"not mapped: {u}" for u in imported.unmapped)):
        print(f"  note: {line}", file=out)
    return workshop


def _source_name(folder: Path, file: Path) -> str:
    """The source relative to the workshop folder, as the workshop's own imports record it."""
    try:
        return Path(os.path.relpath(file.resolve(), folder.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return str(file.resolve())


# =========================================================================== align


def _maps_option(workshop: Workshop, text: str) -> tuple[str, ...] | None:
    wanted = _ids(text)
    if not wanted:
        return None
    from cocreate.variants.compare import compared_maps

    try:
        return compared_maps(workshop, wanted)
    except InputError as exc:
        raise InputError(None, f"--variants: {exc.message}") from None


def cmd_align(args: argparse.Namespace) -> int:
    from cocreate.i18n import t
    from cocreate.variants import align as aligning

    edit: Callable[[Workshop], Workshop] | None = None
    done = ""
    if args.match:
        edit = lambda w: aligning.match(w, _ids(args.match), args.name)  # noqa: E731
        done = "matched"
    elif args.apart:
        edit = lambda w: aligning.keep_apart(w, args.apart)  # noqa: E731
        done = "apart"
    elif args.forget:
        edit = lambda w: aligning.forget(w, args.forget)  # noqa: E731
        done = "forgot"
    elif args.confirm:
        edit = aligning.confirm_all
        done = "confirmed_all"
    if edit is not None:
        workshop = _update(args.path, edit)
        lang = _lang(args, workshop)
        print(
            t(
                f"variants.done.{done}",
                lang,
                steps=", ".join(_ids(args.match or "")),
                step=args.apart or args.forget or "",
                rows=len(workshop.alignments),
            )
        )
        return 0
    workshop = storage.load(args.path)
    lang = _lang(args, workshop)
    alignment = aligning.align(workshop)
    chosen = _maps_option(workshop, args.variants)
    if chosen:
        alignment = alignment.among(chosen)
    if args.json:
        print(json.dumps(alignment.as_dict(), ensure_ascii=False, indent=2))
        return 0
    _print_alignment(workshop, alignment, lang)
    return 0


def _print_alignment(workshop: Workshop, alignment: Any, lang: str) -> None:
    from cocreate.i18n import t
    from cocreate.variants.maps import map_info

    print(t("variants.align.title", lang, title=workshop.meta.title, maps=len(alignment.maps)))
    names = [map_info(workshop, v).name for v in alignment.maps]
    print(
        "  " + _fit(t("variants.align.step", lang), 34) + "".join(" " + _fit(n, 12) for n in names)
    )
    for row in alignment.rows:
        mark = "✓" if row.confirmed else " "
        cells = "".join(" " + _fit(row.step_in(v) or "—", 12) for v in alignment.maps)
        print(f"{mark} {_fit(row.name, 34)}{cells}")
    confirmed = sum(1 for row in alignment.rows if row.confirmed)
    partial = len(alignment.partial())
    print(
        t(
            "variants.align.rows",
            lang,
            rows=len(alignment.rows),
            confirmed=confirmed,
            partial=partial,
        )
    )
    print(t("variants.align.legend", lang))


# =========================================================================== compare


def cmd_compare(args: argparse.Namespace) -> int:
    from cocreate.variants.compare import compare, write_csv

    workshop = storage.load(args.path)
    lang = _lang(args, workshop)
    chosen = _maps_option(workshop, args.variants)
    comparison = compare(workshop, chosen)
    if args.json:
        print(json.dumps(comparison.as_dict(), ensure_ascii=False, indent=2))
        return 0
    if args.csv:
        target = write_csv(comparison, args.csv, lang)
        print(f"wrote {target}")
        return 0
    _print_comparison(workshop, comparison, lang)
    _note_stale_standards(workshop, comparison.ids, lang)
    return 0


def _print_comparison(workshop: Workshop, comparison: Any, lang: str) -> None:
    from cocreate.i18n import t
    from cocreate.process.metrics import metric_label
    from cocreate.variants.compare import PER_CASE, PER_YEAR, format_figure

    width = 16
    print(t("variants.compare.title", lang, title=workshop.meta.title, maps=len(comparison.maps)))
    print(" " * 30 + "".join(" " + _right(f.map.name, width) for f in comparison.maps))
    for heading, names in (("per_case", PER_CASE), ("per_year", PER_YEAR)):
        print(t(f"variants.compare.{heading}", lang))
        for name in names:
            label = (
                t("variants.figure.annual_cases", lang)
                if name == "annual_cases"
                else metric_label(name, lang)
            )
            cells = "".join(
                " " + _right(format_figure(name, f.value(name), f.metrics.currency), width)
                for f in comparison.maps
            )
            print(f"  {_fit(label, 28)}{cells}")
    print(t("variants.compare.steps", lang))
    for step in comparison.steps:
        cells = ""
        for way in step.ways:
            if way is None:
                text = "—"
            else:
                star = "★" if step.best == way.variant else ""
                text = (
                    f"{star}{way.minutes:g}/{way.wait_minutes:g} {_medium(way.medium.value, lang)}"
                )
            cells += " " + _right(text, width)
        print(f"  {_fit(step.row.name, 28)}{cells}")
    name_of = {f.map.id: f.map.name for f in comparison.maps}
    partial = comparison.partial()
    print(t("variants.compare.partial", lang) + f" ({len(partial)})")
    for step in partial:
        absent = [name_of[v] for v in step.row.missing(comparison.ids)]
        present = [name_of[v] for v in step.present]
        print(
            "  "
            + t(
                "variants.compare.partial_line",
                lang,
                name=step.row.name,
                present=", ".join(present),
                absent=", ".join(absent),
            )
        )
    print(t("variants.compare.best", lang))
    shown = 0
    for step in comparison.steps:
        if step.best is None:
            continue
        way = step.way(step.best)
        assert way is not None
        shown += 1
        print(
            "  "
            + t(
                "variants.compare.best_line",
                lang,
                name=step.row.name,
                best=name_of[step.best],
                minutes=f"{way.minutes:g}",
                medium=_medium(way.medium.value, lang),
            )
        )
    if not shown:
        print("  " + t("variants.compare.none", lang))


def _note_stale_standards(workshop: Workshop, ids: Sequence[str], lang: str) -> None:
    from cocreate.i18n import t
    from cocreate.variants.standard import is_current

    for variant in workshop.variants:
        if variant.id in ids and variant.kind == VariantKind.STANDARD and variant.choices:
            if not is_current(workshop, variant.id):
                print(t("variants.compare.stale", lang, id=variant.id), file=sys.stderr)


# =========================================================================== standard


def _choices_from(args: argparse.Namespace) -> list[tuple[str, StepChoice]]:
    out: list[tuple[str, StepChoice]] = []
    for ref in args.keep:
        out.append((f"--keep {ref}", StepChoice(ref, StandardChoice.KEEP)))
    for ref in args.drop:
        out.append((f"--drop {ref}", StepChoice(ref, StandardChoice.DROP)))
    for text in args.take:
        ref, sep, variant = text.partition("=")
        if not sep or not ref.strip() or not variant.strip():
            raise InputError(None, f"--take {text}: write STEP=VARIANT, as s03=kokusai")
        out.append(
            (f"--take {text}", StepChoice(ref.strip(), StandardChoice.TAKE, variant.strip()))
        )
    return out


def _merge_choices(
    workshop: Workshop,
    old: Sequence[StepChoice],
    new: Sequence[tuple[str, StepChoice]],
) -> tuple[StepChoice, ...]:
    """The old choices, each replaced by a new one for the same aligned step."""
    from cocreate.variants.standard import merge_choices

    return merge_choices(workshop, old, new)


def cmd_standard(args: argparse.Namespace) -> int:
    from cocreate.i18n import t
    from cocreate.variants.standard import adopt, best_choices, compose, savings

    folder = Path(args.path)
    if not storage.is_workshop(folder):
        raise InputError(folder, f"not a workshop folder: {storage.WORKSHOP_FILE} is missing")
    if args.standard_id is None:
        args.standard_id = _only_standard(storage.load(folder))
    new = _choices_from(args)
    result: dict[str, Any] = {}

    def change(workshop: Workshop) -> Workshop:
        old = workshop.variant(args.standard_id)
        base = args.base if args.base is not None else (old.base if old else "")
        kept = () if args.reset or old is None else old.choices
        extra = [("--best", c) for c in best_choices(workshop, base)] if args.best else []
        choices = _merge_choices(workshop, kept, [*extra, *new])
        lang = _lang(args, workshop)
        name = args.name or (old.name if old else t("variants.standard.default_name", lang))
        try:
            composition = compose(
                workshop, args.standard_id, name=name, unit=args.unit, base=base, choices=choices
            )
        except InputError as exc:
            raise InputError(None, _option_for(exc, choices, new)) from None
        changed = adopt(workshop, composition)
        result["composition"] = composition
        result["workshop"] = changed
        return changed

    if args.dry_run:
        change(storage.load(folder))
    else:
        storage.update_workshop(folder, change)
    workshop: Workshop = result["workshop"]
    composition = result["composition"]
    saved = savings(workshop, args.standard_id)
    lang = _lang(args, workshop)
    if args.json:
        payload = {"composition": composition.as_dict(), "savings": saved.as_dict()}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    _print_standard(workshop, composition, saved, lang)
    print(
        t("variants.done.dry_run", lang)
        if args.dry_run
        else t("variants.done.saved_standard", lang, id=args.standard_id)
    )
    return 0


def _only_standard(workshop: Workshop) -> str:
    found = [v.id for v in workshop.variants if v.kind == VariantKind.STANDARD]
    if len(found) > 1:
        raise InputError(None, f"--id: the workshop has several standards: {', '.join(found)}")
    return found[0] if found else "standard"


def _option_for(exc: InputError, choices: Sequence[StepChoice], new: Sequence[tuple]) -> str:
    """A compose error about ``choices[i]`` told as the option that made that choice."""
    field = exc.field or ""
    if field.startswith("choices["):
        index = int(field[len("choices[") : field.index("]")])
        for option, choice in new:
            if choice is choices[index] or choice == choices[index]:
                return f"{option}: {exc.message}"
        return f"{storage.WORKSHOP_FILE}: standard {field}: {exc.message}"
    return exc.message if not field else f"{field}: {exc.message}"


def _print_standard(workshop: Workshop, composition: Any, saved: Any, lang: str) -> None:
    from cocreate.i18n import t
    from cocreate.variants.compare import format_figure
    from cocreate.variants.maps import map_info, primary_id

    variant = composition.variant
    base = variant.base or primary_id(workshop)
    print(
        t(
            "variants.standard.title",
            lang,
            name=variant.name,
            id=variant.id,
            steps=len(variant.steps),
            base=map_info(workshop, base).name,
        )
    )
    for step in composition.steps:
        choice = t(f"variants.choice.{step.choice.value}", lang)
        chosen = "*" if step.chosen else " "
        source = ""
        if step.source is not None and step.choice == StandardChoice.TAKE:
            source = " " + t("variants.standard.from", lang, source=step.source)
        print(f"  {chosen}{_fit(choice, 6)} {_fit(step.step or '', 8)} {step.row.name}{source}")
    print(f"  (* {t('variants.standard.chosen', lang)})")
    print()
    print(t("variants.standard.savings", lang))
    keys = ("bureau", "cases", "now", "with", "saved", "person_years", "lead")
    head = [t(f"variants.standard.{key}", lang) for key in keys]
    print(f"  {_fit(head[0], 18)}" + "".join(" " + _right(h, 12) for h in head[1:]))
    for bureau in saved.bureaus:
        cells = (
            format_figure("annual_cases", bureau.annual_cases),
            format_figure("annual_hours", bureau.as_is.annual_hours),
            format_figure("annual_hours", bureau.standard.annual_hours),
            format_figure("annual_hours", bureau.hours_saved),
            format_figure("person_years", bureau.person_years_saved),
            format_figure("lead_time_minutes", bureau.lead_time_saved),
        )
        print(f"  {_fit(bureau.map.name, 18)}" + "".join(" " + _right(c, 12) for c in cells))
    total = (
        format_figure("annual_cases", sum(b.annual_cases for b in saved.bureaus)),
        format_figure("annual_hours", sum(b.as_is.annual_hours for b in saved.bureaus)),
        format_figure("annual_hours", sum(b.standard.annual_hours for b in saved.bureaus)),
        format_figure("annual_hours", saved.hours_saved),
        format_figure("person_years", saved.person_years_saved),
        "",
    )
    print(
        f"  {_fit(t('variants.standard.total', lang), 18)}"
        + "".join(" " + _right(c, 12) for c in total)
    )


# =========================================================================== fit & gap


def cmd_fitgap(args: argparse.Namespace) -> int:
    from cocreate.i18n import t
    from cocreate.variants.fitgap import fit_gap, reference_maps
    from cocreate.variants.standard import as_is_maps

    workshop = storage.load(args.path)
    lang = _lang(args, workshop)
    reference = args.reference
    if reference is None:
        found = reference_maps(workshop)
        if not found:
            raise InputError(None, t("variants.fitgap.no_reference", lang))
        if len(found) > 1:
            raise InputError(None, t("variants.fitgap.which_reference", lang, ids=", ".join(found)))
        reference = found[0]
    chosen = _maps_option(workshop, args.variants) or as_is_maps(workshop)
    try:
        results = [fit_gap(workshop, reference, v) for v in chosen if v != reference]
    except InputError as exc:
        raise InputError(None, f"--reference: {exc.message}") from None
    if args.json:
        print(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
        return 0
    for number, result in enumerate(results):
        if number:
            print()
        _print_fitgap(result, lang)
    return 0


def _print_fitgap(result: Any, lang: str) -> None:
    from cocreate.i18n import t

    print(
        t(
            "variants.fitgap.title",
            lang,
            map=result.map.name,
            map_id=result.map.id,
            reference=result.reference.name,
            reference_id=result.reference.id,
            fits=len(result.fits),
            total=len(result.fits) + len(result.missing),
            rate=f"{result.fit_rate:.0%}",
        )
    )
    print(f"{t('variants.fitgap.fits', lang)} ({len(result.fits)})")
    for item in result.fits:
        note = f"  [{t('variants.fitgap.touch', lang)}]" if item.touch_differs else ""
        print(
            f"  {_fit(item.step.step, 8)} {_fit(item.step_name, 30)} ↔"
            f" {item.reference.step} {item.reference_name}{note}"
        )
    print(f"{t('variants.fitgap.gaps', lang, map=result.map.name)} ({len(result.gaps)})")
    for item in result.gaps:
        medium = _medium(item.medium.value, lang) if item.medium else ""
        print(f"  {_fit(item.step.step, 8)} {item.step_name} ({medium})")
    print(f"{t('variants.fitgap.missing', lang, map=result.map.name)} ({len(result.missing)})")
    for item in result.missing:
        print(f"  {_fit(item.reference.step, 8)} {item.reference_name}")
