"""A member's browser for the web-page tests, in plain HTTP: pages, form tokens and posts.

It behaves as a browser without JavaScript does: it sends the page's ``Origin`` on a
post, takes the CSRF token from the form it submits, and follows the redirect.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from pathlib import Path

import aiohttp

from cocreate.serve import ServeOptions, SessionServer


@dataclass
class Page:
    status: int
    text: str
    url: str

    def csrf(self, action: str = "") -> str:
        """The CSRF token of the (first) form whose action ends with ``action``."""
        for form in re.finditer(r'<form [^>]*action="([^"]*)"[^>]*>(.*?)</form>', self.text, re.S):
            if html.unescape(form.group(1)).split("#")[0].endswith(action):
                found = re.search(r'name="csrf" value="([^"]+)"', form.group(2))
                if found:
                    return html.unescape(found.group(1))
        raise AssertionError(f"no form posting to {action!r} on {self.url}")

    def flash(self) -> str:
        found = re.search(r'class="flash"[^>]*>([^<]*)<', self.text)
        return html.unescape(found.group(1)) if found else ""


class WebMember:
    """One member's pages on ``server``, through ``http``."""

    def __init__(self, http: aiohttp.ClientSession, server: SessionServer, member: str,
                 token: str | None = None, lang: str = "en") -> None:  # fmt: skip
        self.http = http
        self.server = server
        self.member = member
        self.link = server.member_link(member, token)
        self.origin = f"http://127.0.0.1:{server.port}"
        self.headers = {"Accept-Language": lang}

    async def get(self, path: str = "") -> Page:
        async with self.http.get(self.link + path, headers=self.headers) as response:
            return Page(response.status, await response.text(), str(response.url))

    async def post(self, path: str, data, *, csrf: str | None = None, origin: str | None = "",
                   from_page: str | None = None) -> Page:  # fmt: skip
        """Post ``data`` to ``path``, with the token of the form on ``from_page`` (or ``path``)."""
        if csrf is None:
            page = await self.get(from_page if from_page is not None else path)
            csrf = page.csrf(path.split("?")[0])
        fields = list(data.items()) if isinstance(data, dict) else list(data)
        fields.append(("csrf", csrf))
        headers = dict(self.headers)
        if origin is not None:
            headers["Origin"] = origin or self.origin
        async with self.http.post(self.link + path, data=fields, headers=headers) as response:
            return Page(response.status, await response.text(), str(response.url))


def folder_state(folder: Path) -> dict[str, str]:
    """A digest of every workshop file (lock files are not workshop data)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(".lock")
    }


async def start_server(folder: Path, **options) -> SessionServer:
    settings = {"folder": folder, "host": "127.0.0.1", "port": 0, "quit_grace": 1.0, **options}
    server = SessionServer(ServeOptions(**settings))
    await server.start()
    return server
