"""A one-line text field that, once left, shows its value from the first character."""

from __future__ import annotations

from textual.widgets import Input

__all__ = ["TextInput"]


class TextInput(Input):
    """Textual's ``Input``, scrolled back to its start when it loses focus.

    At the end of the value the cursor takes one more cell, so a value that exactly fills
    the field is scrolled by one cell, and Input crops its line there: through the middle
    of a double-width first character, which is drawn blank. Input keeps that scroll once
    the field is left (a plain Textual 8.2.8 app does the same), so the first character of
    a full pilot field stayed blank (issue 14 §15). Back at the start, a value that fits is
    shown whole, and a longer one from its beginning.
    """

    def on_blur(self) -> None:
        self.scroll_to(x=0, animate=False)
