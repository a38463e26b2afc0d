"""The terminal app's page (textual-serve's script in a token path) and language choice.

The member web pages, the room prompt and refusals are Jinja2 templates (see
:mod:`cocreate.serve.web`). Every value put into this page is escaped. It loads
nothing from other sites (no web fonts from a CDN): a ministry network often blocks
them, and they would leak who uses the app to a third party.
"""

from __future__ import annotations

from html import escape

from cocreate.i18n import t

__all__ = ["app_page", "pick_language"]

_STYLE = """
body { margin: 0; background: #0c181f; color: rgba(255,255,255,.95);
  font-family: "BIZ UDGothic", "Noto Sans Mono CJK JP", "Noto Sans JP", "Yu Gothic",
  "Hiragino Sans", Meiryo, ui-monospace, Menlo, monospace; }
main { max-width: 40rem; margin: 4rem auto; padding: 2rem; background: #12232d; }
h1 { font-size: 1.4rem; } a { color: #9fd3ff; }
ul { list-style: none; padding: 0; } li { margin: .6rem 0; font-size: 1.1rem; }
"""


def _document(lang: str, title: str, body: str, head: str = "") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="referrer" content="no-referrer">\n<title>{escape(title)}</title>\n'
        f"{head}<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


_APP_STYLE = """
.textual-terminal { opacity: 0; transition: opacity .3s ease-out;
  position: absolute; inset: 0; }
body.-first-byte .textual-terminal { opacity: 1; }
.banner { position: absolute; left: 0; right: 0; bottom: 0; z-index: 10;
  display: flex; gap: 1rem; align-items: center; justify-content: center;
  padding: .8rem; background: #12232d; }
.connecting { top: 0; bottom: 0; }
body.-first-byte .connecting { display: none; }
.closed { display: none; }
body.-closed .closed { display: flex; }
button { padding: .6rem 1.4rem; background: #5e0ba7; color: white; border: none;
  cursor: pointer; font: inherit; }
"""


def app_page(
    lang: str, title: str, static_url: str, websocket_url: str, font_size: int = 16
) -> str:
    """The page that runs one member's app in the browser through textual-serve's JS.

    ``static_url`` ends with ``/``; ``websocket_url`` must carry no query string (the
    script appends ``?width=..&height=..`` itself), so the token travels in the path.
    """
    head = (
        f'<link rel="stylesheet" href="{escape(static_url, quote=True)}css/xterm.css">\n'
        f'<script src="{escape(static_url, quote=True)}js/textual.js"></script>\n'
        f"<style>{_APP_STYLE}</style>\n"
    )
    body = (
        f'<div class="banner connecting">{escape(t("serve.page.loading", lang))}</div>\n'
        f'<div class="banner closed"><span>{escape(t("serve.page.closed", lang))}</span>'
        f'<button type="button" onclick="window.location.reload()">'
        f"{escape(t('serve.page.restart', lang))}</button></div>\n"
        f'<div id="terminal" class="textual-terminal"'
        f' data-session-websocket-url="{escape(websocket_url, quote=True)}"'
        f' data-font-size="{int(font_size)}"></div>'
    )
    return _document(lang, title, body, head)


def pick_language(accept_language: str | None, fallback: str) -> str:
    """The language of ``Accept-Language`` we speak best (``ja`` or ``en``), else ``fallback``.

    Entries are weighed by their ``q`` (1 when absent); ``ja-JP`` counts as ``ja``, and
    an entry of ``q=0`` is a refusal.

    >>> pick_language("en-US,en;q=0.9,ja;q=0.8", "ja"), pick_language("ja-JP", "en")
    ('en', 'ja')
    >>> pick_language("fr, de;q=0.5", "ja"), pick_language(None, "en")
    ('ja', 'en')
    """
    best, best_q = fallback, 0.0
    for position, entry in enumerate((accept_language or "").split(",")[:32]):
        tag, _, params = entry.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in ("ja", "en"):
            continue
        q = 1.0
        name, _, value = params.strip().partition("=")
        if name.strip() == "q":
            try:
                q = float(value)
            except ValueError:
                continue
        q -= position * 1e-6  # equal weights: the first one listed wins
        if q > best_q:
            best, best_q = primary, q
    return best
