"""Who may connect to ``cocreate serve``: access tokens, member links and the bind address.

The server makes one random secret when it starts. The *room token* lets the holder
pick any member at a prompt; a *member token* is an HMAC of the member id under the
secret, so a personal link works for that member only and cannot be turned into
another member's. Tokens are compared in constant time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import secrets

from cocreate.errors import RuleError

__all__ = ["AccessKeys", "check_bind", "is_loopback"]

#: Characters of a member token: 32 of base64url, 192 bits.
_MEMBER_TOKEN_LENGTH = 32


class AccessKeys:
    """The secrets of one server run: a room token and per-member tokens.

    Parameters
    ----------
    secret : bytes, optional
        The key member tokens are derived from; random (32 bytes) by default.
    room : str, optional
        The room token; random (``secrets.token_urlsafe(32)``) by default.

    Examples
    --------
    >>> keys = AccessKeys(secret=b"k" * 32, room="r")
    >>> keys.allows("sato", keys.member_token("sato"))
    True
    >>> keys.allows("suzuki", keys.member_token("sato"))
    False
    >>> keys.allows("suzuki", "r")
    True
    """

    def __init__(self, secret: bytes | None = None, room: str | None = None) -> None:
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self.room = room if room is not None else secrets.token_urlsafe(32)

    def member_token(self, member_id: str) -> str:
        """The token of ``member_id``'s personal link."""
        digest = hmac.new(self._secret, b"member\0" + member_id.encode("utf-8"), hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).decode("ascii")[:_MEMBER_TOKEN_LENGTH]

    def facilitator_token(self) -> str:
        """The token of the facilitator's room page (who has contributed, who has not voted)."""
        digest = hmac.new(self._secret, b"facilitator\0room", hashlib.sha256)
        return base64.urlsafe_b64encode(digest.digest()).decode("ascii")[:_MEMBER_TOKEN_LENGTH]

    def item_ref(self, item_id: str) -> str:
        """What pages carry for someone else's item when voting is anonymous.

        A keyed hash of the id (``h`` and 20 decimal digits: no letters, so no member id
        can show in it by chance), so it says nothing of the author and only this server
        can map it back (:mod:`cocreate.serve.labels`).

        >>> keys = AccessKeys(secret=b"k" * 32)
        >>> ref = keys.item_ref("ito.p3")
        >>> len(ref), ref[1:].isdigit(), ref == keys.item_ref("ito.p3") != keys.item_ref("ito.p4")
        (21, True, True)
        """
        digest = hmac.new(self._secret, b"item\0" + item_id.encode("utf-8"), hashlib.sha256)
        return f"h{int.from_bytes(digest.digest()[:8], 'big'):020d}"

    def is_facilitator(self, token: str) -> bool:
        """Whether ``token`` opens the facilitator's room page (constant time)."""
        return hmac.compare_digest(token.encode("utf-8"), self.facilitator_token().encode("utf-8"))

    def is_room(self, token: str) -> bool:
        """Whether ``token`` is the room token (constant time)."""
        return hmac.compare_digest(token.encode("utf-8"), self.room.encode("utf-8"))

    def allows(self, member_id: str, token: str) -> bool:
        """Whether ``token`` may open a session as ``member_id``: theirs, or the room's."""
        mine = hmac.compare_digest(
            token.encode("utf-8"), self.member_token(member_id).encode("utf-8")
        )
        return self.is_room(token) | mine  # both compared: no early exit to time


def is_loopback(host: str) -> bool:
    """Whether binding ``host`` keeps the server on this machine only.

    Only ``localhost`` and loopback addresses (127.0.0.0/8, ::1) count. Any other name
    might resolve to a network address, and an empty host, ``0.0.0.0`` or ``::`` bind
    every interface.

    >>> is_loopback("127.0.0.1"), is_loopback("::1"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, *, allow_remote: bool) -> str | None:
    """Refuse a non-loopback ``host`` unless allowed; return the warning to print, if any.

    Raises
    ------
    RuleError
        ``host`` is reachable from other machines and ``allow_remote`` is false.
    """
    if is_loopback(host):
        return None
    if not allow_remote:
        raise RuleError(
            f"--host {host or '(all interfaces)'} would let other machines connect; pass"
            " --allow-remote to do that on purpose (better: keep 127.0.0.1 and put an"
            " HTTPS reverse proxy with a login in front, see docs/deployment.md)"
        )
    return (
        f"warning: serving on {host or 'all interfaces'}: anyone on the network who gets a"
        " link can open a session, and traffic is plain HTTP (not encrypted). Use an"
        " HTTPS reverse proxy with a login for anything beyond a trusted room network."
    )
