"""Variants: further maps of the same process, stored in workshop.toml, viewed as workshops."""

from __future__ import annotations

from pathlib import Path

from cocreate import model, storage
from cocreate.model import (
    AlignedSteps,
    PrimaryMap,
    StandardChoice,
    StepChoice,
    Variant,
    VariantKind,
)


def _one_map(workshop: model.Workshop) -> model.Workshop:
    """The sample as a workshop of one map (the sample itself has several)."""
    return workshop.edit(variants=(), alignments=(), primary=PrimaryMap())


def test_a_variant_round_trips_and_its_view_is_its_own_map(sample):
    workshop = _one_map(storage.load(sample))
    variant = model.Variant(
        "kaikei",
        "会計課",
        unit="会計課",
        annual_cases=600,
        lanes=workshop.lanes[:2],
        steps=workshop.steps[:3],
        flows=workshop.flows[:2],
    )
    saved = storage.save(sample, workshop.edit(variants=(variant,)), force=True)
    loaded = storage.load(sample)

    assert loaded.variants == (variant,)
    view = loaded.variant_view("kaikei")
    assert [s.id for s in view.steps] == [s.id for s in workshop.steps[:3]]
    assert view.settings.annual_cases == 600
    # the primary map is untouched by the view
    assert loaded.steps == saved.steps == workshop.steps


def test_a_file_of_one_map_writes_nothing_about_variants(sample):
    storage.save(sample, _one_map(storage.load(sample)), force=True)
    text = (sample / "workshop.toml").read_text(encoding="utf-8")
    assert "variants" not in text and "[primary]" not in text and "alignments" not in text


def test_old_files_without_variants_load_as_the_one_variant_case(tmp_path: Path):
    folder = tmp_path / "old"
    (folder / "members").mkdir(parents=True)
    (folder / "workshop.toml").write_text(
        'schema_version = 1\nrevision = 3\n\n[meta]\ntitle = "古いワークショップ"\n\n'
        '[[members]]\nid = "sato"\nname = "佐藤"\n\n'
        '[[lanes]]\nid = "l"\nname = "担当"\n\n'
        '[[steps]]\nid = "s1"\nname = "受付"\nlane = "l"\n',
        encoding="utf-8",
    )
    (folder / "members" / "sato.toml").write_text(
        'schema_version = 1\nmember = "sato"\n\n[[problems]]\nid = "sato.p1"\n'
        'text = "待ちが長い"\nsteps = ["s1"]\n',
        encoding="utf-8",
    )
    workshop = storage.load(folder)
    assert workshop.variants == () and workshop.alignments == ()
    assert workshop.primary == PrimaryMap()
    assert workshop.problems[0].variants == ()


def test_standards_alignments_and_the_primary_round_trip(sample):
    workshop = _one_map(storage.load(sample))
    other = Variant("b", "B局", lanes=workshop.lanes, steps=workshop.steps, flows=workshop.flows)
    standard = Variant(
        "std",
        "標準",
        VariantKind.STANDARD,
        base="b",
        choices=(
            StepChoice("b:s03", StandardChoice.TAKE, "seisaku"),
            StepChoice("s05", StandardChoice.DROP),
        ),
        lanes=workshop.lanes,
        steps=workshop.steps,
        flows=workshop.flows,
    )
    changed = workshop.edit(
        primary=PrimaryMap("seisaku", "政策局", "政策局 総務課"),
        variants=(other, standard),
        alignments=(
            AlignedSteps(("seisaku:s02", "b:s02"), "空き状況の確認"),
            AlignedSteps(("b:s05",)),
        ),
    )
    storage.save(sample, changed, force=True)
    loaded = storage.load(sample)
    assert loaded.primary == changed.primary
    assert loaded.alignments == changed.alignments
    assert loaded.variants == changed.variants


def test_problems_and_ideas_name_their_variants_in_member_files(sample):
    workshop = storage.load(sample)
    mine = workshop.contributions_of("suzuki")
    problem = mine.problems[0].edit(variants=("chiiki",), steps=("c01",))
    storage.save_member(sample, mine.edit(problems=(problem, *mine.problems[1:])))
    text = (sample / "members" / "suzuki.toml").read_text(encoding="utf-8")
    assert 'variants = ["chiiki"]' in text
    assert storage.load(sample).problem(problem.id).variants == ("chiiki",)


def test_a_variants_notes_keep_their_line_breaks(sample):
    # Notes are free text like every other notes field: several lines round-trip.
    workshop = _one_map(storage.load(sample))
    variant = model.Variant("kaikei", "会計課", notes="聞き取り: 6月\n会計課の課長補佐")
    storage.save(sample, workshop.edit(variants=(variant,)), force=True)

    assert storage.load(sample).variants[0].notes == "聞き取り: 6月\n会計課の課長補佐"
