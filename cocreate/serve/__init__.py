"""``cocreate serve``: the member app in browsers, behind tokens, an Origin check and a cap.

Import cost matters for ``cocreate --help``, so the CLI imports this package only when
the command runs; the package itself imports aiohttp and textual-serve's process
protocol (not Textual or Rich).
"""

from __future__ import annotations

from cocreate.serve.access import AccessKeys, check_bind, is_loopback
from cocreate.serve.server import (
    DEFAULT_MAX_SESSIONS,
    DEFAULT_PORT,
    ServeError,
    ServeOptions,
    Session,
    SessionServer,
    join_command,
)

__all__ = [
    "DEFAULT_MAX_SESSIONS",
    "DEFAULT_PORT",
    "AccessKeys",
    "ServeError",
    "ServeOptions",
    "Session",
    "SessionServer",
    "check_bind",
    "is_loopback",
    "join_command",
]
