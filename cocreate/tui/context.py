"""What the app offers the panes, forms and widgets inside it: the session, its words, its clock.

Panes and forms ask the app for these through :func:`context` rather than importing the
app's module, so the app can import them without an import circle.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from cocreate.model import Workshop
    from cocreate.session import Session

__all__ = ["AppContext", "context"]


class AppContext(Protocol):
    """The parts of ``CocreateApp`` the rest of the terminal app may use."""

    session: Session
    lang: str
    clock: Callable[[], dt.datetime]
    workshop: Workshop | None
    save_state: str

    def tr(self, key: str, /, **values: object) -> str:
        """The UI text for ``key`` in the session's language."""
        ...

    def describe(self, error: BaseException) -> str:
        """What a domain error says, in the session's language."""
        ...


def context(node: DOMNode) -> AppContext:
    """The app ``node`` runs in, as the context it offers."""
    return cast("AppContext", node.app)
