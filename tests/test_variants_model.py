"""Variants: further maps of the same process, stored in workshop.toml, viewed as workshops."""

from __future__ import annotations

from cocreate import model, storage


def test_a_variant_round_trips_and_its_view_is_its_own_map(sample):
    workshop = storage.load(sample)
    variant = model.Variant(
        "kaikei",
        "会計課",
        unit="会計課",
        annual_cases=600,
        lanes=workshop.lanes[:2],
        steps=workshop.steps[:3],
        flows=workshop.flows[:2],
    )
    saved = storage.save(sample, workshop.edit(variants=(variant,)))
    loaded = storage.load(sample)

    assert loaded.variants == (variant,)
    view = loaded.variant_view("kaikei")
    assert [s.id for s in view.steps] == [s.id for s in workshop.steps[:3]]
    assert view.settings.annual_cases == 600
    # the primary map is untouched by the view
    assert loaded.steps == saved.steps == workshop.steps


def test_old_files_without_variants_load_as_the_one_variant_case(sample):
    assert storage.load(sample).variants == ()
    assert "variants" not in (sample / "workshop.toml").read_text(encoding="utf-8")
