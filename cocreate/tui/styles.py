"""Each pane's and form's stylesheet: the ``.tcss`` file beside its module, read when first used."""

from __future__ import annotations

from pathlib import Path

__all__ = ["stylesheet"]


def stylesheet(module_file: str) -> str:
    """The text of the ``.tcss`` file beside ``module_file`` (``problems.py``: ``problems.tcss``).

    A phase pane or a form screen takes it as its ``DEFAULT_CSS``. Textual parses a
    widget's ``DEFAULT_CSS`` when the first one is mounted and scopes it to that widget's
    type, so a pane's rules are read when the pane is built and style only what is in it.
    The app's ``CSS_PATH`` is parsed before the first frame, every file of it; a screen's
    own ``CSS_PATH`` is read when it is first shown, and Textual then parses all the CSS
    again and restyles every widget of the app.
    """
    return Path(module_file).with_suffix(".tcss").read_text(encoding="utf-8")
