"""One catalogue of every user-facing string, in Japanese and English.

Strings live in per-area modules of this package (``ui`` for the terminal app, ``report``
for the proposal, ``cli`` for command output), each with a ``STRINGS`` dict mapping a
dotted key to ``{"ja": ..., "en": ...}``. ``t(key, lang)`` looks a key up in all of them.
"""

from __future__ import annotations

import importlib
import locale
import os
import pkgutil
from functools import cache

__all__ = ["LANGUAGES", "catalogue", "default_language", "t"]

LANGUAGES = ("ja", "en")


@cache
def catalogue() -> dict[str, dict[str, str]]:
    """Every key of every area module, merged; a key defined twice is a bug."""
    merged: dict[str, dict[str, str]] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, texts in getattr(module, "STRINGS", {}).items():
            if key in merged:
                raise RuntimeError(f"i18n key {key!r} is defined twice")
            merged[key] = texts
    return merged


def t(key: str, lang: str = "ja", /, **values: object) -> str:
    """The text for ``key`` in ``lang`` (falling back to English), formatted with ``values``.

    An unknown key returns the key itself, so a missing string shows up on screen
    rather than crashing; the catalogue test lists keys missing a language.
    """
    texts = catalogue().get(key)
    if texts is None:
        return key
    text = texts.get(lang) or texts.get("en") or key
    return text.format(**values) if values else text


def default_language() -> str:
    """``ja`` when the user's locale is Japanese, else ``en``. ``COCREATE_LANG`` overrides."""
    forced = os.environ.get("COCREATE_LANG", "")
    if forced in LANGUAGES:
        return forced
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(name, "")
        if value:
            return "ja" if value.lower().startswith("ja") else "en"
    try:
        current = locale.getlocale()[0] or ""
    except ValueError:
        current = ""
    return "ja" if current.lower().startswith("ja") else "en"
