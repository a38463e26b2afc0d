"""Strings of the variants area: maps, alignment, comparison, standard flow, fit & gap."""

from __future__ import annotations

from cocreate.i18n import _pairs

__all__ = ["STRINGS"]


STRINGS: dict[str, dict[str, str]] = {}

STRINGS |= _pairs(
    "variants.kind.",
    {
        "as-is": ("現状", "as-is"),
        "standard": ("標準", "standard"),
        "to-be": ("改善後", "to-be"),
        "reference": ("参照", "reference"),
    },
)
STRINGS |= _pairs(
    "variants.choice.",
    {"keep": ("維持", "keep"), "drop": ("削除", "drop"), "take": ("採用", "take")},
)
STRINGS |= _pairs(
    "variants.list.",
    {
        "id": ("ID", "id"),
        "name": ("名称", "name"),
        "kind": ("種別", "kind"),
        "unit": ("部局", "unit"),
        "steps": ("工程数", "steps"),
        "lanes": ("担当数", "lanes"),
        "cases": ("年間件数", "cases"),
        "primary": ("* はワークショップ本体の業務フロー", "* the workshop's own map"),
    },
)
STRINGS |= _pairs(
    "variants.done.",
    {
        "added": ("業務フロー {id}（{name}）を追加しました", "added the map {id} ({name})"),
        "copied": (
            "{source} の {steps} 工程を写しました",
            "copied {steps} steps from {source}",
        ),
        "edited": ("業務フロー {id} を更新しました", "updated the map {id}"),
        "removed": ("業務フロー {id} を削除しました", "removed the map {id}"),
        "imported": (
            "{source} を業務フロー {id}（{name}）に取り込みました: {steps} 工程、{lanes} 担当、"
            "{flows} フロー",
            "imported {source} into the map {id} ({name}): {steps} steps in {lanes} lanes,"
            " {flows} flows",
        ),
        "matched": ("{steps} を同じ工程として確定しました", "confirmed {steps} as the same work"),
        "apart": (
            "{step} を他の業務フローにない工程として確定しました",
            "confirmed {step} as done by its map alone",
        ),
        "forgot": (
            "{step} の確定を外しました（自動で対応づけます）",
            "{step} is aligned by rule again",
        ),
        "confirmed_all": (
            "{rows} 行の対応づけをすべて確定しました",
            "confirmed all {rows} aligned steps",
        ),
        "saved_standard": ("標準フロー {id} を保存しました", "saved the standard {id}"),
        "dry_run": ("（試算のみ。保存していません）", "(a dry run: nothing saved)"),
    },
)
STRINGS |= _pairs(
    "variants.align.",
    {
        "title": (
            "{title}: {maps} つの業務フローの工程の対応",
            "{title}: the steps of {maps} maps",
        ),
        "step": ("工程", "step"),
        "legend": (
            "✓ ファシリテーターが確定、— その業務フローにない工程",
            "✓ confirmed by the facilitator; — the map does not have this step",
        ),
        "rows": (
            "{rows} 行（うち確定 {confirmed}）、一部の業務フローだけにある工程 {partial}",
            "{rows} aligned steps ({confirmed} confirmed), {partial} only some maps have",
        ),
    },
)
STRINGS |= _pairs(
    "variants.compare.",
    {
        "title": ("{title}: {maps} つの業務フローの比較", "{title}: {maps} maps side by side"),
        "per_case": ("1件あたり", "per case"),
        "per_year": ("年間", "per year"),
        "steps": (
            "工程ごと（分／待ち分・媒体。★ は最良の方法）",
            "per step (minutes / waiting minutes, medium; ★ the best way)",
        ),
        "partial": ("一部の業務フローだけにある工程", "steps only some maps have"),
        "partial_line": (
            "{name}: {present} にあり、{absent} にない",
            "{name}: in {present}, not in {absent}",
        ),
        "best_line": (
            "最良の方法: {name} は {best}（{minutes} 分、{medium}）",
            "best way: {name} as {best} does it ({minutes} min, {medium})",
        ),
        "best": ("工程ごとの最良の方法", "the best way per step"),
        "none": ("なし", "none"),
        "stale": (
            "注意: 標準フロー {id} は各業務フローの現在の内容と合っていません。"
            "cocreate standard で組み直してください",
            "note: the standard {id} no longer matches the maps it was composed from;"
            " run cocreate standard to compose it again",
        ),
    },
)
STRINGS |= _pairs(
    "variants.figure.",
    {"annual_cases": ("年間件数", "Cases a year")},
)
STRINGS |= _pairs(
    "variants.standard.",
    {
        "title": (
            "{name}（{id}）: {steps} 工程、基にした業務フロー {base}",
            "{name} ({id}): {steps} steps, based on {base}",
        ),
        "from": ("← {source}", "← {source}"),
        "chosen": ("指定", "chosen"),
        "savings": (
            "各部局が標準フローを採用した場合の年間削減時間（各部局の年間件数で試算）",
            "hours saved a year if every bureau adopted the standard (each at its own"
            " annual cases)",
        ),
        "bureau": ("部局", "bureau"),
        "cases": ("年間件数", "cases"),
        "now": ("現状(時間)", "now (h)"),
        "with": ("標準(時間)", "standard (h)"),
        "saved": ("削減(時間)", "saved (h)"),
        "person_years": ("削減(人年)", "saved (person-years)"),
        "lead": ("リードタイム短縮(分)", "lead time saved (min)"),
        "total": ("合計", "total"),
        "default_name": ("標準フロー", "standard flow"),
    },
)
STRINGS |= _pairs(
    "variants.fitgap.",
    {
        "title": (
            "{map}（{map_id}）と参照フロー {reference}（{reference_id}）: 参照の {total} 工程のうち"
            " {fits} 工程が適合（{rate}）",
            "{map} ({map_id}) against the reference {reference} ({reference_id}):"
            " {fits} of {total} reference steps fit ({rate})",
        ),
        "fits": ("適合（Fit）", "fits"),
        "gaps": (
            "ギャップ: 参照フローにない {map} の工程",
            "gaps: steps {map} does that the reference lacks",
        ),
        "missing": (
            "{map} にない参照フローの工程",
            "reference steps {map} lacks",
        ),
        "touch": (
            "参照フローと違い紙・押印・窓口",
            "on paper, seal or counter unlike the reference",
        ),
        "no_reference": (
            "参照フロー（種別 reference）がありません。"
            "--variant-kind reference で取り込んでください",
            "no reference flow (kind reference); import one with --variant-kind reference",
        ),
        "which_reference": (
            "参照フローが複数あります。--reference で選んでください: {ids}",
            "there are several reference flows; choose one with --reference: {ids}",
        ),
    },
)
STRINGS |= _pairs(
    "variants.csv.",
    {"section": ("区分", "section"), "item": ("項目", "item"), "best": ("最良", "best")},
)
