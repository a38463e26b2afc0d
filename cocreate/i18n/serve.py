"""Strings of ``cocreate serve``: its console output and the pages it shows in a browser."""

from __future__ import annotations

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str]] = {
    "serve.serving": {
        "ja": "「{title}」をブラウザに配信しています",
        "en": "Serving “{title}” to browsers",
    },
    "serve.room_link": {
        "ja": "全員用リンク(開いた人が自分の名前を選びます):",
        "en": "Room link (whoever opens it picks who they are):",
    },
    "serve.member_links": {
        "ja": "個人用リンク(本人にだけ渡してください):",
        "en": "Personal links (give each only to that member):",
    },
    "serve.links_written": {
        "ja": "リンクを {path} に書き出しました(本人だけが読める設定です)",
        "en": "Links written to {path} (readable by you only)",
    },
    "serve.limits": {
        "ja": "同時に {count} セッションまで。終了は Ctrl+C。",
        "en": "Up to {count} sessions at once. Press Ctrl+C to stop.",
    },
    "serve.stopped": {
        "ja": "配信を終了しました(セッション {count} 件を閉じました)",
        "en": "Stopped serving ({count} sessions closed)",
    },
    "serve.page.forbidden.title": {
        "ja": "アクセスできません",
        "en": "Access denied",
    },
    "serve.page.forbidden.text": {
        "ja": "このリンクは無効です。"
        "ファシリテーターから受け取ったリンクをそのまま開いてください。",
        "en": "This link is not valid. Open the link your facilitator gave you, exactly as given.",
    },
    "serve.page.full.title": {
        "ja": "満席です",
        "en": "All sessions are in use",
    },
    "serve.page.full.text": {
        "ja": "同時に使えるのは {count} セッションまでで、すべて使用中です。"
        "誰かが終了するまで待ってから再読み込みするか、ファシリテーターに伝えてください。",
        "en": "Up to {count} sessions can run at once and all are in use. Reload after someone"
        " leaves, or tell the facilitator.",
    },
    "serve.page.unknown_member.title": {
        "ja": "メンバーが見つかりません",
        "en": "No such member",
    },
    "serve.page.unknown_member.text": {
        "ja": "このワークショップに「{member}」というメンバーはいません。",
        "en": "This workshop has no member “{member}”.",
    },
    "serve.page.broken.title": {
        "ja": "ワークショップを読み込めません",
        "en": "The workshop cannot be loaded",
    },
    "serve.page.pick.title": {
        "ja": "あなたは誰ですか?",
        "en": "Who are you?",
    },
    "serve.page.pick.text": {
        "ja": "自分の名前を選ぶと、その人としてワークショップに参加します。",
        "en": "Pick your name to join the workshop as that member.",
    },
    "serve.page.loading": {
        "ja": "接続しています…",
        "en": "Connecting…",
    },
    "serve.page.closed": {
        "ja": "セッションが終了しました。",
        "en": "The session has ended.",
    },
    "serve.page.restart": {
        "ja": "もう一度接続する",
        "en": "Connect again",
    },
    "serve.terminal.full": {
        "ja": "満席です: 同時に使えるのは {count} セッションまでです。"
        "しばらくしてから接続し直してください。",
        "en": "All sessions are in use (at most {count} at once). Connect again later.",
    },
}
