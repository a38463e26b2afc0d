"""Shared chart helpers: Japanese-capable figures that never read participant text as math.

Every chart in cocreate is drawn on a :class:`matplotlib.figure.Figure` made by
:func:`new_figure` (never pyplot, so no GUI backend and no global figure registry) and
saved with :func:`save_figure`.

Two guarantees hold for every figure made here:

* **Japanese renders without tofu on any machine.** The IPAexGothic font bundled with
  ``matplotlib-fontja`` is registered with matplotlib, and the font family is
  ``IPAexGothic`` with ``DejaVu Sans`` as a fallback for symbols it lacks, so no system
  font is needed and no "Glyph missing" warning is raised for Japanese or ASCII text.
* **Participant text is literal.** ``text.parse_math`` is switched off, and
  :func:`save_figure` switches it off once more on every text artist before rendering,
  so ``"$5 vs $7"`` is drawn as typed instead of as mathtext (or a parse error).

matplotlib is imported inside the functions, so importing this module costs nothing.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cocreate.errors import InputError

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FONT_FAMILY",
    "FORMATS",
    "figure_bytes",
    "japanese_font_path",
    "literal_text",
    "new_figure",
    "save_figure",
    "shorten",
]

#: Font families tried in order: the bundled Japanese font, then matplotlib's own.
FONT_FAMILY = ("IPAexGothic", "DejaVu Sans")
#: File suffixes :func:`save_figure` writes, and the matplotlib format of each.
FORMATS = {".png": "png", ".svg": "svg"}

_registered = False


def japanese_font_path() -> str:
    """Path of the bundled IPAexGothic TrueType file (for embedding in HTML, say)."""
    from matplotlib_fontja import get_font_ttf_path

    path: str = get_font_ttf_path()
    return path


def _setup() -> None:
    """Register the bundled font and set the rc values every cocreate chart relies on."""
    global _registered
    import matplotlib

    if not _registered:
        from matplotlib import font_manager

        font_manager.fontManager.addfont(japanese_font_path())
        _registered = True
    # Set every time: another library may have changed them since the last figure.
    matplotlib.rcParams["font.family"] = list(FONT_FAMILY)
    matplotlib.rcParams["text.parse_math"] = False
    matplotlib.rcParams["axes.unicode_minus"] = False
    matplotlib.rcParams["svg.fonttype"] = "path"  # an SVG needs no font where it is viewed
    matplotlib.rcParams["svg.hashsalt"] = "cocreate"  # stable ids: same chart, same file


def new_figure(width_in: float, height_in: float, *, dpi: int = 150, **kwargs: Any) -> Figure:
    """Return a blank Figure ready for Japanese text, sized in inches.

    Parameters
    ----------
    width_in, height_in : size of the figure in inches.
    dpi : resolution used when it is saved as PNG.
    **kwargs : passed on to :class:`matplotlib.figure.Figure` (``layout="constrained"``
        is the default).

    The figure has an Agg canvas, so ``fig.canvas.get_renderer()`` can measure text.

    Examples
    --------
    >>> fig = new_figure(4, 3)
    >>> ax = fig.add_subplot()
    >>> label = ax.set_title("予算 $5 vs $7")
    >>> label.get_parse_math()
    False
    """
    _setup()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    kwargs.setdefault("layout", "constrained")
    fig = Figure(figsize=(width_in, height_in), dpi=dpi, **kwargs)
    # An Agg canvas (no GUI) so text can be measured before saving, as label layout needs.
    FigureCanvasAgg(fig)
    return fig


def literal_text(fig: Figure) -> Figure:
    """Switch mathtext off on every text artist of ``fig`` (title, labels, ticks, legend)."""
    from matplotlib.text import Text

    for artist in fig.findobj(Text):
        artist.set_parse_math(False)
    return fig


def figure_bytes(fig: Figure, fmt: str = "png") -> bytes:
    """Render ``fig`` to bytes in ``fmt`` (``png`` or ``svg``), participant text literal."""
    if fmt not in FORMATS.values():
        raise InputError(None, f"unknown chart format {fmt!r}; expected png or svg")
    literal_text(fig)
    buffer = io.BytesIO()
    metadata = {"Software": "cocreate"} if fmt == "png" else {"Date": None}
    fig.savefig(buffer, format=fmt, metadata=metadata)
    return buffer.getvalue()


def save_figure(fig: Figure, path: str | Path) -> Path:
    """Save ``fig`` atomically as PNG or SVG, chosen by the suffix of ``path``.

    Raises InputError for any other suffix and SaveError when the file cannot be
    written; an existing file is then left as it was.
    """
    from cocreate.storage import atomic_write

    target = Path(path)
    fmt = FORMATS.get(target.suffix.lower())
    if fmt is None:
        raise InputError(target, "unknown chart format; use a .png or .svg file name")
    atomic_write(target, figure_bytes(fig, fmt))
    return target


def shorten(text: str, limit: int = 14) -> str:
    """``text`` on one line, cut to ``limit`` characters with an ellipsis.

    >>> shorten("申請をオンラインフォームにして持参をなくす", 10)
    '申請をオンラインフ…'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: max(limit - 1, 1)] + "…"
