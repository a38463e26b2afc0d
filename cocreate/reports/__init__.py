"""The pilot proposal (スモールスタート計画): assemble it from a workshop, write HTML and Markdown.

``export`` is the one entry point the CLI (``cocreate report``) and the terminal app's
Report screen call. Modules, each importable on its own:

``assemble``  the report's content as plain data (sections of blocks), from the workshop
``diagram``   the swimlane process diagram, drawn with matplotlib
``escape``    escaping participant text for HTML and Markdown
``html``      one self-contained HTML page (inline CSS, charts as base64 PNG, A4 print)
``markdown``  GitHub-flavoured Markdown with the charts as PNG files beside it
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cocreate.errors import InputError

if TYPE_CHECKING:
    from cocreate.model import Workshop

__all__ = ["FORMATS", "export", "output_names"]

#: The formats ``export`` can write.
FORMATS = ("html", "md")


def output_names(lang: str) -> dict[str, str]:
    """File (and folder) names ``export`` writes for ``lang``: html, md and figures."""
    return {
        "html": f"report-{lang}.html",
        "md": f"report-{lang}.md",
        "figures": f"report-{lang}-figures",
    }


def export(
    folder_or_workshop: str | Path | Workshop,
    out_dir: str | Path,
    lang: str = "ja",
    formats: Iterable[str] = FORMATS,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Path]:
    """Write the pilot proposal of a workshop into ``out_dir``; return the files written.

    Parameters
    ----------
    folder_or_workshop : a workshop folder (loaded and validated) or a loaded Workshop.
    out_dir : folder to write into; created when missing.
    lang : ``ja`` or ``en``.
    formats : any of ``html`` (``report-<lang>.html``, self-contained) and ``md``
        (``report-<lang>.md`` plus PNG charts in ``report-<lang>-figures/``).
    progress : called as ``progress(done, total, label)`` after each section and each
        file, from the calling thread; ``done`` reaches ``total`` at the end.

    Raises
    ------
    InputError
        For an unknown format or language, a bad workshop, or an ``out_dir`` that is a file.
    SaveError
        When a file cannot be written; files already there are left as they were.
    """
    from cocreate import storage
    from cocreate.i18n import LANGUAGES, t
    from cocreate.model import Workshop as WorkshopType
    from cocreate.reports import html, markdown
    from cocreate.reports.assemble import SECTIONS, assemble

    wanted = list(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise InputError(
            None,
            f"unknown report format {', '.join(unknown) or '(none)'!r}; expected html, md or both",
        )
    if lang not in LANGUAGES:
        raise InputError(None, f"unknown report language {lang!r}; expected ja or en")
    target = Path(out_dir)
    if target.exists() and not target.is_dir():
        raise InputError(target, "not a folder; give the folder to write the report into")

    if isinstance(folder_or_workshop, WorkshopType):
        from cocreate.integrity import raise_first_error

        workshop = folder_or_workshop
        raise_first_error(workshop)
    else:
        workshop = storage.load(folder_or_workshop)

    steps = len(SECTIONS) + 1
    total = steps + len(wanted) + 1

    def section_done(done: int, _total: int, label: str) -> None:
        if progress:
            progress(done, total, label)

    report = assemble(workshop, lang, progress=section_done)
    names = output_names(lang)
    outputs: list[tuple[Path, str | bytes]] = []
    for n, fmt in enumerate(wanted, start=1):
        if fmt == "html":
            outputs.append((target / names["html"], html.render(report)))
        else:
            text, files = markdown.render(report, names["figures"])
            outputs += [(target / names["figures"] / name, data) for name, data in files.items()]
            outputs.append((target / names["md"], text))
        if progress:
            progress(steps + n, total, t("report.progress.render", lang, format=fmt.upper()))

    # Everything is rendered before the first byte is written; each file is atomic.
    written = []
    for path, data in outputs:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from cocreate.errors import SaveError

            raise SaveError(f"{path.parent}: cannot create the folder: {exc.strerror}") from None
        storage.atomic_write(path, data)
        written.append(path)
    if progress:
        progress(total, total, t("report.progress.write", lang))
    return written
