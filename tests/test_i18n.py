"""The catalogue's one table builder, shared by every area module of cocreate.i18n."""

from __future__ import annotations

from cocreate.i18n import _pairs


def test_pairs_prefixes_each_key_and_keeps_only_japanese_where_english_is_empty() -> None:
    table = {"save": ("保存", "Save"), "usage": ("使い方: {prog}", "")}
    assert _pairs("ui.key.", table) == {
        "ui.key.save": {"ja": "保存", "en": "Save"},
        "ui.key.usage": {"ja": "使い方: {prog}"},
    }
