"""The results report (実証結果報告書): what the pilot did, measured and decided.

``export_results`` is the entry point of ``cocreate report PATH --kind results``. It writes
the same two formats as the proposal (``cocreate.reports.export``), with the same
renderers and escaping: one self-contained HTML page and Markdown with its charts beside
it. Modules: ``assemble`` (the report as plain data, one module per part: ``plan``,
``kpis``, ``workload``, ``judgement``, ``appendix``, sharing ``context``) and ``charts``
(one chart per KPI).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from cocreate.errors import InputError

if TYPE_CHECKING:
    from cocreate.model import Workshop

__all__ = ["export_results", "output_names"]


def output_names(lang: str) -> dict[str, str]:
    """File (and folder) names ``export_results`` writes for ``lang``."""
    return {
        "html": f"results-{lang}.html",
        "md": f"results-{lang}.md",
        "figures": f"results-{lang}-figures",
    }


def export_results(
    workshop: Workshop,
    out_dir: str | Path,
    lang: str = "ja",
    formats: Iterable[str] = ("html", "md"),
    progress: Callable[[int, int, str], None] | None = None,
    today: dt.date | None = None,
) -> list[Path]:
    """Write the results report of a loaded, valid workshop into ``out_dir``.

    Parameters
    ----------
    workshop : the workshop (the CLI loads it through ``storage.load``).
    out_dir : folder to write into; created when missing.
    lang : ``ja`` or ``en``.
    formats : any of ``html`` (``results-<lang>.html``) and ``md`` (``results-<lang>.md``
        with PNG charts in ``results-<lang>-figures/``).
    progress : called as ``progress(done, total, label)``, from the calling thread.
    today : the report's date (default: today).

    Returns
    -------
    list of Path
        The files written. Everything is rendered before the first byte is written, and
        each file is written atomically, so a failure leaves no half-written report.

    Raises
    ------
    InputError
        For an unknown format or language, or an ``out_dir`` that is a file.
    SaveError
        When a file cannot be written.
    """
    from cocreate import storage
    from cocreate.i18n import LANGUAGES, t
    from cocreate.reports import FORMATS, html, markdown
    from cocreate.reports.results.assemble import SECTIONS, assemble_results

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
    steps = len(SECTIONS) + 1
    total = steps + len(wanted) + 1

    def section_done(done: int, _total: int, label: str) -> None:
        if progress:
            progress(done, total, label)

    report = assemble_results(workshop, lang, progress=section_done, today=today)
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
