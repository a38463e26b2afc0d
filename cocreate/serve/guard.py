"""What keeps one misbehaving client from hurting the others: connection limits, form
tokens and a rate limit.

* :class:`ConnectionGuard` wraps aiohttp's protocol factory. A connection must deliver a
  complete request head within ``header_timeout`` seconds of opening (and, between
  requests, within ``idle_timeout``), or it is closed; each client address may hold at
  most ``per_client`` connections and the server ``total`` in all, so idle or half-sent
  requests can never use up the server's file descriptors. aiohttp itself waits for a
  request head for ever and keeps an idle connection for an hour.
* :class:`FormTokens` issues the CSRF token of every form: an HMAC of the member, the
  time and a random nonce, accepted once, for a few hours.
* :class:`RateLimiter` is a token bucket per access token.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import cast

__all__ = ["ConnectionGuard", "FormTokens", "RateLimiter"]

log = logging.getLogger("cocreate.serve")


class _GuardedProtocol(asyncio.Protocol):
    """One connection: aiohttp's protocol inside, the deadlines and the count outside."""

    def __init__(self, guard: ConnectionGuard, inner: asyncio.Protocol) -> None:
        self.guard = guard
        self.inner = inner
        self.client = ""
        self.transport: asyncio.Transport | None = None
        self.busy = 0
        self.refused = False
        self._deadline: asyncio.TimerHandle | None = None

    # asyncio.Protocol, passed on to aiohttp's handler
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        peer = transport.get_extra_info("peername")
        self.client = str(peer[0]) if isinstance(peer, tuple) and peer else "?"
        if not self.guard._admit(self):
            self.refused = True
            # aiohttp's server transports are asyncio.Transport (socket transports)
            cast(asyncio.Transport, transport).abort()  # free the descriptor now; nothing is sent
            return
        self.transport = cast(asyncio.Transport, transport)
        self.guard.track(self)
        self._expect_head(self.guard.header_timeout)
        self.inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if not self.refused:
            self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        if self.refused:
            return None
        return self.inner.eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel()
        if self.refused:
            return
        self.guard._release(self)
        self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    # told by the middleware
    def head_received(self) -> None:
        self.busy += 1
        self._cancel()

    def request_done(self) -> None:
        self.busy = max(self.busy - 1, 0)
        if not self.busy:
            self._expect_head(self.guard.idle_timeout)

    def _expect_head(self, seconds: float) -> None:
        self._cancel()
        self._deadline = asyncio.get_running_loop().call_later(seconds, self._expire)

    def _cancel(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if self.transport is not None and not self.busy:
            self.transport.abort()


@dataclass
class ConnectionGuard:
    """Bounds on every connection, applied around aiohttp's protocol factory.

    ``wrap(factory)`` is the protocol factory to give ``loop.create_server``; the
    middleware from ``middleware()`` tells each connection when a request has started
    and ended, which is when its deadlines stop and start again.
    """

    header_timeout: float = 10.0
    idle_timeout: float = 30.0
    per_client: int = 128
    total: int = 900
    _open: dict[str, int] = field(default_factory=dict)
    _by_transport: dict[int, _GuardedProtocol] = field(default_factory=dict)
    _refusals: int = 0
    _last_warning: float = 0.0

    @property
    def connections(self) -> int:
        return sum(self._open.values())

    def wrap(self, factory: Callable[[], asyncio.Protocol]) -> Callable[[], asyncio.Protocol]:
        return lambda: _GuardedProtocol(self, factory())

    def _admit(self, connection: _GuardedProtocol) -> bool:
        mine = self._open.get(connection.client, 0)
        if mine >= self.per_client or self.connections >= self.total:
            self._refusals += 1
            now = time.monotonic()
            if now - self._last_warning > 60:  # one line a minute, not one per socket
                self._last_warning = now
                log.warning(
                    "refusing connections from %s: %d open from it, %d in all (limits %d, %d);"
                    " %d refused so far",
                    connection.client, mine, self.connections, self.per_client, self.total,
                    self._refusals,
                )  # fmt: skip
            return False
        self._open[connection.client] = mine + 1
        return True

    def _release(self, connection: _GuardedProtocol) -> None:
        left = self._open.get(connection.client, 0) - 1
        if left > 0:
            self._open[connection.client] = left
        else:
            self._open.pop(connection.client, None)
        if connection.transport is not None:
            self._by_transport.pop(id(connection.transport), None)

    def connection_of(self, transport: object) -> _GuardedProtocol | None:
        return self._by_transport.get(id(transport))

    def track(self, connection: _GuardedProtocol) -> None:
        if connection.transport is not None:
            self._by_transport[id(connection.transport)] = connection


# =========================================================================== form tokens


class FormTokens:
    """CSRF tokens: each form gets one, good for ``lifetime`` seconds and for one post.

    The token is ``<issued>.<nonce>.<mac>``, the MAC an HMAC-SHA256 of the member id,
    the time and the nonce under the server's secret, so it cannot be made up, moved to
    another member or reused (the nonce is remembered until the token would expire).
    """

    def __init__(self, secret: bytes | None = None, lifetime: float = 4 * 3600) -> None:
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self.lifetime = lifetime
        self._used: dict[str, float] = {}
        self._next_purge = 0.0

    def _mac(self, member: str, issued: str, nonce: str) -> str:
        message = f"form\0{member}\0{issued}\0{nonce}".encode()
        digest = hmac.new(self._secret, message, hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest[:18]).decode("ascii")

    def issue(self, member: str, now: float | None = None) -> str:
        issued = str(int(now if now is not None else time.time()))
        nonce = secrets.token_urlsafe(12)
        return f"{issued}.{nonce}.{self._mac(member, issued, nonce)}"

    def redeem(self, member: str, token: str, now: float | None = None) -> str | None:
        """Use ``token`` for ``member``; None when accepted, else why not.

        The reasons are ``"forged"``, ``"expired"`` and ``"replayed"``.
        """
        now = now if now is not None else time.time()
        parts = token.split(".") if isinstance(token, str) and len(token) < 100 else []
        if len(parts) != 3 or not parts[0].isdigit():
            return "forged"
        issued, nonce, mac = parts
        if not hmac.compare_digest(mac.encode(), self._mac(member, issued, nonce).encode()):
            return "forged"
        if not 0 <= now - int(issued) <= self.lifetime:
            return "expired"
        self._purge(now)
        if nonce in self._used:
            return "replayed"
        self._used[nonce] = int(issued) + self.lifetime
        return None

    def _purge(self, now: float) -> None:
        if now < self._next_purge:
            return
        self._next_purge = now + 60
        self._used = {nonce: until for nonce, until in self._used.items() if until >= now}


# =========================================================================== rate limit


class RateLimiter:
    """A token bucket per key: ``burst`` requests at once, then ``per_second``.

    >>> limiter = RateLimiter(burst=2, per_second=1)
    >>> [limiter.allow("k", now=0.0) for _ in range(3)], limiter.allow("k", now=1.0)
    ([True, True, False], True)
    """

    def __init__(self, burst: int = 60, per_second: float = 5.0) -> None:
        self.burst = burst
        self.per_second = per_second
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str, now: float | None = None) -> bool:
        now = now if now is not None else time.monotonic()
        tokens, last = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.per_second)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1.0, now)
        if len(self._buckets) > 10_000:  # only valid tokens get here; still, stay bounded
            rate, burst = self.per_second, self.burst
            full = [k for k, (n, t) in self._buckets.items() if n + (now - t) * rate >= burst]
            for k in full:
                del self._buckets[k]
        return True

    def retry_after(self, key: str) -> int:
        tokens, _last = self._buckets.get(key, (0.0, 0.0))
        return max(1, int((1.0 - tokens) / self.per_second) + 1)
