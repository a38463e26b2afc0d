"""Heavy parts of the web pages, made in a child process: the diagram and the tally.

The swimlane diagram needs matplotlib and the tally pandas; loaded into the server
they would more than double its memory and hold up every member's request while they
work. The server runs ``python -m cocreate.serve.render diagram|tally ...`` instead,
which prints JSON, and keeps the result until the workshop changes.

    python -m cocreate.serve.render diagram FOLDER LANG   # {"images": [{"png": b64}]}
    python -m cocreate.serve.render tally FOLDER MEMBER   # {"rows": [...]} or {"hidden": true}
"""

from __future__ import annotations

import base64
import json
import sys

__all__ = ["diagram_images", "main", "tally_rows"]


def diagram_images(folder: str, lang: str) -> list[bytes]:
    """The process as PNG images, one per printed page of the report's diagram."""
    from cocreate import storage
    from cocreate.charts import figure_bytes
    from cocreate.i18n import t
    from cocreate.reports import diagram

    workshop = storage.load(folder)
    if not workshop.steps:
        return []
    legend = {
        k: t(f"report.legend.{k}", lang)
        for k in ("paper", "seal", "counter", "system", "email", "loop", "bottleneck")
    }
    groups = diagram.page_groups(workshop)
    images = []
    for n, panels in enumerate(groups, start=1):
        figure = diagram.draw(
            workshop,
            legend=legend if n == len(groups) else None,
            hours_unit=t("report.unit.hours_short", lang),
            panels=panels,
        )
        images.append(figure_bytes(figure))
    return images


def tally_rows(folder: str, member: str) -> dict:
    """The tally as the member may see it: ``{"hidden": true}`` while voting is open."""
    from cocreate import storage
    from cocreate.prioritize.tally import as_json, tally
    from cocreate.prioritize.voting import can_see_tally

    workshop = storage.load(folder)
    if not can_see_tally(workshop, member):
        return {"hidden": True}
    return {"hidden": False, "rows": as_json(tally(workshop))}


def main(argv: list[str]) -> int:
    from cocreate.errors import CocreateError

    try:
        if argv[:1] == ["diagram"] and len(argv) == 3:
            pngs = diagram_images(argv[1], argv[2])
            out = {"images": [base64.b64encode(png).decode("ascii") for png in pngs]}
        elif argv[:1] == ["tally"] and len(argv) == 3:
            out = tally_rows(argv[1], argv[2])
        else:
            print("usage: render diagram FOLDER LANG | tally FOLDER MEMBER", file=sys.stderr)
            return 2
    except CocreateError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    sys.stdout.write(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
