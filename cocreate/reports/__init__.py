"""The pilot proposal (スモールスタート計画): assemble it from a workshop, write HTML and Markdown.

``export`` is the one entry point the CLI (``cocreate report``) and the terminal app's
Report screen call, with a workshop they have loaded; ``render`` gives the same files in
memory. Modules, each importable on its own:

``assemble``  the report's content as plain data, from the workshop
``document``  the blocks, sections and the report they make
``facts``     what is computed once (metrics, to-be comparison, tally, aliases)
``format``    numbers, dates and units in the report's language
``sections``  one module per part of the proposal
``diagram``   the swimlane process diagram: planned once, drawn as SVG (or with matplotlib)
``escape``    escaping participant text for HTML and Markdown
``html``      one self-contained HTML page (inline CSS, charts embedded, A4 print)
``markdown``  GitHub-flavoured Markdown with the charts as files beside it
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cocreate.errors import InputError

if TYPE_CHECKING:
    from cocreate.model import Workshop

__all__ = ["FORMATS", "export", "output_names", "render"]

#: The formats ``export`` can write.
FORMATS = ("html", "md")


def output_names(lang: str) -> dict[str, str]:
    """File (and folder) names ``export`` writes for ``lang``: html, md and figures."""
    return {
        "html": f"report-{lang}.html",
        "md": f"report-{lang}.md",
        "figures": f"report-{lang}-figures",
    }


def _formats(formats: Iterable[str]) -> list[str]:
    wanted = list(dict.fromkeys(f.strip().lower() for f in formats if f.strip()))
    unknown = [f for f in wanted if f not in FORMATS]
    if unknown or not wanted:
        raise InputError(
            None,
            f"unknown report format {', '.join(unknown) or '(none)'!r}; expected html, md or both",
        )
    return wanted


def render(
    workshop: Workshop,
    lang: str = "ja",
    formats: Iterable[str] = FORMATS,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[tuple[str, str | bytes]]:
    """The report's files in memory: ``(relative path, text or bytes)``, nothing written.

    ``progress`` is called as for :func:`export`, up to the last format rendered.
    """
    from cocreate.i18n import LANGUAGES, t
    from cocreate.integrity import raise_first_error
    from cocreate.reports import html, markdown
    from cocreate.reports.assemble import SECTIONS, assemble

    wanted = _formats(formats)
    if lang not in LANGUAGES:
        raise InputError(None, f"unknown report language {lang!r}; expected ja or en")
    raise_first_error(workshop)
    steps = len(SECTIONS) + 1
    total = steps + len(wanted) + 1

    def section_done(done: int, _total: int, label: str) -> None:
        if progress:
            progress(done, total, label)

    report = assemble(workshop, lang, progress=section_done)
    names = output_names(lang)
    files: list[tuple[str, str | bytes]] = []
    for n, fmt in enumerate(wanted, start=1):
        if fmt == "html":
            files.append((names["html"], html.render(report)))
        else:
            text, figures = markdown.render(report, names["figures"])
            files += [(f"{names['figures']}/{name}", data) for name, data in figures.items()]
            files.append((names["md"], text))
        if progress:
            progress(steps + n, total, t("report.progress.render", lang, format=fmt.upper()))
    return files


def export(
    workshop: Workshop,
    out_dir: str | Path,
    lang: str = "ja",
    formats: Iterable[str] = FORMATS,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Path]:
    """Write the pilot proposal of a loaded workshop into ``out_dir``; return the files.

    The caller loads the workshop (the CLI and the app do, through ``storage``); this
    checks it, renders everything in memory and only then writes each file atomically.

    Parameters
    ----------
    workshop : the loaded Workshop (validated again here).
    out_dir : folder to write into; created when missing.
    lang : ``ja`` or ``en``.
    formats : any of ``html`` (``report-<lang>.html``, self-contained) and ``md``
        (``report-<lang>.md`` plus its charts in ``report-<lang>-figures/``).
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
    from cocreate.i18n import t
    from cocreate.model import Workshop as WorkshopType
    from cocreate.reports.document import SECTIONS

    if not isinstance(workshop, WorkshopType):
        # Only the app's Report screen still hands over its folder; it is to pass the
        # workshop it holds. Until it does, the folder is loaded here, with a warning.
        import warnings

        warnings.warn(
            "cocreate.reports.export takes a loaded Workshop; pass storage.load(folder)",
            DeprecationWarning,
            stacklevel=2,
        )
        workshop = storage.load(workshop)
    _formats(formats)
    target = Path(out_dir)
    if target.exists() and not target.is_dir():
        raise InputError(target, "not a folder; give the folder to write the report into")
    files = render(workshop, lang, formats, progress)
    # Everything is rendered before the first byte is written; each file is atomic.
    written = []
    for name, data in files:
        path = target / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            from cocreate.errors import SaveError

            raise SaveError(f"{path.parent}: cannot create the folder: {exc.strerror}") from None
        storage.atomic_write(path, data)
        written.append(path)
    if progress:  # the last call: everything is on disk
        total = len(SECTIONS) + 1 + len(_formats(formats)) + 1
        progress(total, total, t("report.progress.write", lang))
    return written
