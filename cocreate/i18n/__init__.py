"""One catalogue of every user-facing string, in Japanese and English.

Strings live in per-area modules of this package (``ui`` for the terminal app, ``report``
for the proposal, ``cli`` for command output), each with a ``STRINGS`` dict mapping a
dotted key to ``{"ja": ..., "en": ...}`` (most build it with ``_pairs`` from a table of
``{key: (ja, en)}``). ``t(key, lang)`` looks a key up in all of them.
"""

from __future__ import annotations

import importlib
import locale
import os
import pkgutil
from functools import cache

__all__ = ["LANGUAGES", "catalogue", "default_language", "error_text", "t"]

LANGUAGES = ("ja", "en")


def _pairs(prefix: str, table: dict[str, tuple[str, str]]) -> dict[str, dict[str, str]]:
    """An area module's ``STRINGS`` entries from ``{key: (ja, en)}``, each key under ``prefix``.

    An empty English text means English says it where it is made (the parser's own help,
    the domain's own message), so only Japanese is kept: :func:`t` falls back to the key.
    """
    return {
        f"{prefix}{key}": {"ja": ja, "en": en} if en else {"ja": ja}
        for key, (ja, en) in table.items()
    }


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


def error_text(error: BaseException, lang: str = "ja", /) -> str:
    """What ``error`` says, in ``lang``: its catalogue text (``error.*``) where it has one.

    The domain's errors carry a key and values (``CocreateError.keyed``); a value that is
    itself a catalogue key (``error.field.*``) is said in ``lang`` too, an OS error by its
    errno name (``error.os.ENOSPC``). An error without a key, or with a key the catalogue
    does not know, is said as it is (``str(error)``, English).
    """
    import errno

    key = getattr(error, "key", None)
    # Only the error.* texts stand alone; a form's refusal (ui.refusal.*, about the field
    # it marks: "enter 1 to 5") would lose which option or field it is about.
    if not key or not key.startswith("error.") or key not in catalogue():
        return str(error)
    values: dict[str, object] = {}
    for name, value in getattr(error, "values", {}).items():
        if isinstance(value, str) and value.startswith("error.") and value in catalogue():
            value = t(value, lang)
        values[name] = value
    code = values.pop("errno", None)
    if isinstance(code, int) and (named := errno.errorcode.get(code)):
        reason = f"error.os.{named}"
        if reason in catalogue():
            values["reason"] = t(reason, lang)
    location = error.location() if hasattr(error, "location") else []
    return ": ".join([*location, t(key, lang, **values)])
