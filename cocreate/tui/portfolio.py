"""The portfolio in the terminal app: the inventory, the members' vote, the ranking, the dashboard.

``cocreate PORTFOLIO`` opens it for the facilitator, ``cocreate join PORTFOLIO --as
MEMBER`` for one member. Four tabs (keys ``1``–``4``):

* **棚卸し** the inventory with each candidate's workload, and the selection criteria;
  the facilitator adds (``a``), edits (``e``) and imports (``i``) candidates, records a
  decision (``c``) and starts the chosen candidate's workshop (``n``); a member proposes
  one (``a``);
* **投票** the candidates with the member's own ratings and dots: rate (``r``), a dot more
  or less (``+`` / ``-``); the facilitator opens or closes the vote (``v``) and sees who
  has not voted;
* **順位** the ranking and the effect-versus-feasibility matrix, hidden from members until
  voting closes;
* **ダッシュボード** where every process stands; ``enter`` opens the row's workshop in the
  workshop app, and quitting it comes back here.

Every change goes through :mod:`cocreate.portfolio_session`: the facilitator's to
``portfolio.toml``, a member's to their own file, each under its lock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import DataTable, Header, Static, TabbedContent, TabPane

from cocreate.errors import CocreateError
from cocreate.i18n import t
from cocreate.portfolio_model import Candidate, Portfolio
from cocreate.tui.fields import Field
from cocreate.tui.toasts import WholeToasts
from cocreate.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from cocreate.portfolio.ranking import CandidateTally
    from cocreate.portfolio.status import ProcessRow

__all__ = ["PortfolioApp", "run_portfolio"]

TABS = ("inventory", "vote", "ranking", "dashboard")


def _num(value: float | None, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


class PortfolioApp(WholeToasts, App[str | None]):
    """One portfolio folder, as its facilitator or one member sees it.

    The app returns the folder of a workshop to open (``enter`` on the dashboard), or
    None when the user quits.
    """

    CSS_PATH: ClassVar = ["portfolio.tcss"]  # forms bring their own (FormScreen)
    TITLE = "cocreate"
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(
                str(n), f"tab('{name}')", t(f"portfolio.tui.tab.{name}"), id=f"portfolio.tab.{name}"
            )
            for n, name in enumerate(TABS, start=1)
        ),
        Binding("a", "add", "add", id="portfolio.add"),
        Binding("e", "edit", "edit", id="portfolio.edit"),
        Binding("i", "import_sheet", "import", id="portfolio.import"),
        Binding("c", "decide", "decide", id="portfolio.decide"),
        Binding("n", "start_workshop", "workshop", id="portfolio.start"),
        Binding("r", "rate", "rate", id="portfolio.rate"),
        Binding("plus,equals_sign", "dot(1)", "+dot", id="portfolio.dot_more"),
        Binding("minus", "dot(-1)", "-dot", id="portfolio.dot_less"),
        Binding("v", "voting", "vote open/close", id="portfolio.voting"),
        Binding("ctrl+q", "quit", "quit", id="quit", priority=True),
    ]

    def __init__(
        self,
        folder: str | Path,
        *,
        lang: str = "ja",
        member: str | None = None,
        today: dt.date | None = None,
    ) -> None:
        super().__init__()
        from cocreate.storage.portfolio import load_portfolio

        self.folder = Path(folder)
        self.lang = lang
        self.member = member
        self.today = today or dt.date.today()
        self.portfolio: Portfolio = load_portfolio(self.folder)
        if member is not None and self.portfolio.member(member) is None:
            raise CocreateError(f"{member!r} is not a member of this portfolio")
        self.title = self.portfolio.meta.title
        if member:
            found = self.portfolio.member(member)
            assert found is not None  # checked just above
            who = found.name
        else:
            who = self.tr("portfolio.tui.facilitator")
        self.sub_title = who

    def tr(self, key: str, /, **values: object) -> str:
        return t(key, self.lang, **values)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with TabbedContent(id="portfolio-tabs", initial="inventory"):
            with TabPane(self.tr("portfolio.tui.tab.inventory"), id="inventory"):
                with Vertical(classes="portfolio-pane"):
                    yield Static("", id="criteria", classes="portfolio-summary")
                    yield DataTable(id="inventory-table", cursor_type="row", zebra_stripes=True)
            with TabPane(self.tr("portfolio.tui.tab.vote"), id="vote"):
                with Vertical(classes="portfolio-pane"):
                    yield Static("", id="vote-status", classes="portfolio-summary")
                    yield DataTable(id="vote-table", cursor_type="row", zebra_stripes=True)
            with TabPane(self.tr("portfolio.tui.tab.ranking"), id="ranking"):
                with Vertical(classes="portfolio-pane"):
                    yield Static("", id="ranking-status", classes="portfolio-summary")
                    yield DataTable(id="ranking-table", cursor_type="row", zebra_stripes=True)
                    yield Static("", id="matrix")
            with TabPane(self.tr("portfolio.tui.tab.dashboard"), id="dashboard"):
                with Vertical(classes="portfolio-pane"):
                    yield Static("", id="dashboard-status", classes="portfolio-summary")
                    yield DataTable(id="dashboard-table", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.refresh_views()
        self.load_dashboard()

    # ------------------------------------------------------------------ views

    @staticmethod
    def _refill(
        table: DataTable, columns: list[tuple[str, str]], rows: list[tuple[str, list]]
    ) -> None:
        """Replace the table's rows, keeping the cursor on the row it was on (by key)."""
        was = None
        if table.row_count:
            was = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        table.clear(columns=True)
        for label, key in columns:
            table.add_column(label, key=key)
        for key, cells in rows:
            table.add_row(*cells, key=key)
        if was is not None and was in {key for key, _ in rows}:
            table.move_cursor(row=table.get_row_index(was), animate=False)

    def _columns(self, *keys: str) -> list[tuple[str, str]]:
        return [(self.tr(f"portfolio.tui.col.{key}"), key) for key in keys]

    def refresh_views(self) -> None:
        self._inventory()
        self._vote()
        self._ranking()

    def _inventory(self) -> None:
        from cocreate.portfolio.inventory import figures

        portfolio = self.portfolio
        criteria = "、".join(c.text for c in portfolio.criteria) or "—"
        self.query_one("#criteria", Static).update(
            self.tr("portfolio.tui.criteria", criteria=criteria)
        )
        rows = []
        for candidate in portfolio.candidates:
            fig = figures(candidate, portfolio.settings)
            decision = portfolio.decision_of(candidate.id)
            link = portfolio.link_of(candidate.id)
            cells = [
                candidate.id,
                candidate.name,
                candidate.owner or "—",
                _num(fig.volume),
                _num(fig.hours),
                _num(fig.person_years, 2),
                self.tr(f"portfolio.decision.{decision.outcome.value}") if decision else "",
                link.folder if link else "",
            ]
            rows.append((candidate.id, cells))
        columns = self._columns(
            "id", "name", "owner", "volume", "hours", "person_years", "decision", "workshop"
        )
        self._refill(self.query_one("#inventory-table", DataTable), columns, rows)

    def _vote(self) -> None:
        from cocreate.portfolio.selection import dots_left, not_voted

        portfolio = self.portfolio
        voting = portfolio.voting
        state = self.tr("portfolio.tui.closed" if voting.closed else "portfolio.tui.open")
        if self.member:
            status = self.tr(
                "portfolio.tui.member_status",
                state=state,
                left=dots_left(portfolio, self.member),
                budget=voting.dots_per_member,
                cap=voting.cap_per_idea,
            )
        else:
            missing = ", ".join(not_voted(portfolio)) or "—"
            status = self.tr("portfolio.tui.facilitator_status", state=state, missing=missing)
        self.query_one("#vote-status", Static).update(status)
        mine = portfolio.contributions_of(self.member) if self.member else None
        ratings = {r.candidate: r for r in mine.ratings} if mine else {}
        dots = {d.candidate: d.count for d in mine.dots} if mine else {}
        rows = []
        for candidate in portfolio.candidates:
            rating = ratings.get(candidate.id)
            cells = [
                candidate.id,
                candidate.name,
                candidate.owner or "—",
                str(rating.effect) if rating else "·",
                str(rating.feasibility) if rating else "·",
                "●" * dots.get(candidate.id, 0) or "·",
            ]
            rows.append((candidate.id, cells))
        columns = self._columns("id", "name", "owner", "effect", "feasibility", "dots")
        self._refill(self.query_one("#vote-table", DataTable), columns, rows)

    def _ranking(self) -> None:
        from cocreate.portfolio.ranking import tally
        from cocreate.portfolio.selection import can_see_tally

        table = self.query_one("#ranking-table", DataTable)
        matrix = self.query_one("#matrix", Static)
        if not can_see_tally(self.portfolio, self.member):
            table.clear(columns=True)
            self.query_one("#ranking-status", Static).update(
                self.tr("portfolio.dashboard.matrix.hidden")
            )
            matrix.update("")
            return
        self.query_one("#ranking-status", Static).update(self.tr("portfolio.tui.ranking"))
        rows = tally(self.portfolio)
        cells = []
        for row in rows:
            quadrant = self.tr(f"portfolio.quadrant.{row.quadrant}") if row.quadrant else "—"
            values = [
                str(row.rank),
                row.name,
                row.owner or "—",
                _num(row.effect, 1),
                _num(row.feasibility, 1),
                str(row.dots),
                _num(row.hours),
                quadrant,
            ]
            cells.append((row.id, values))
        columns = self._columns(
            "rank", "name", "owner", "effect", "feasibility", "dots", "hours", "quadrant"
        )
        self._refill(table, columns, cells)
        matrix.update(_text_matrix(rows, self.portfolio.settings.quadrant_split, self.tr))

    @work(thread=True, exclusive=True, group="dashboard")
    def load_dashboard(self) -> None:
        """Load every workshop (a worker: a large portfolio takes a while) and show the rows."""
        from cocreate.portfolio_session import dashboard_rows

        try:
            rows = dashboard_rows(self.folder, self.portfolio, today=self.today, jobs=1)
        except CocreateError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error")
            return
        self.call_from_thread(self._show_dashboard, rows)

    def _show_dashboard(self, rows: list[ProcessRow]) -> None:
        from cocreate.portfolio.status import Status, status_label, totals
        from cocreate.reports.dashboard import bureau_cell

        sums = totals(rows)
        self.query_one("#dashboard-status", Static).update(
            self.tr(
                "portfolio.tui.dashboard_status",
                processes=sums.processes,
                hours=_num(sums.hours),
                planned=_num(sums.planned_hours),
                verified=_num(sums.verified_hours),
            )
        )
        order = {status: i for i, status in enumerate(Status)}
        cells = []
        for n, row in enumerate(sorted(rows, key=lambda r: (order[r.status], r.name))):
            values = [
                row.name,
                row.bureau or "—",
                status_label(row.status, self.lang),
                _num(row.hours),
                _num(row.planned_hours),
                _num(row.verified_hours),
                bureau_cell(row, self.lang),
                row.folder or "",
            ]
            cells.append((row.folder or f"candidate:{row.candidate or n}", values))
        columns = self._columns(
            "name", "owner", "status", "hours", "planned", "verified", "bureaus", "folder"
        )
        self._refill(self.query_one("#dashboard-table", DataTable), columns, cells)

    # ------------------------------------------------------------------ helpers

    def _selected(self, table_id: str) -> str | None:
        table = self.query_one(f"#{table_id}", DataTable)
        if table.row_count == 0:
            return None
        key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return key.value

    def _candidate_id(self) -> str | None:
        active = self.query_one(TabbedContent).active
        table = {"inventory": "inventory-table", "vote": "vote-table", "ranking": "ranking-table"}
        return self._selected(table.get(active, "inventory-table"))

    def _change(self, change: Callable[[Portfolio], Portfolio], done: str) -> bool:
        """Save one change (the facilitator's file, or the member's own) and show the result."""
        from cocreate import portfolio_session

        try:
            if self.member:
                self.portfolio = portfolio_session.apply_member(self.folder, self.member, change)
            else:
                self.portfolio = portfolio_session.apply(self.folder, change)
        except CocreateError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return False
        self.refresh_views()
        self.notify(done)
        return True

    def _form(self, title: str, fields: list[Field], then: Callable[[dict], None]) -> None:
        from cocreate.tui.screens.forms import FormScreen

        def answered(values: dict | None) -> None:
            if values is not None:
                then(values)

        self.push_screen(FormScreen(title, fields), answered)

    # ------------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        facilitator_only = {"edit", "import_sheet", "decide", "start_workshop", "voting"}
        member_only = {"rate", "dot"}
        if action in facilitator_only and self.member is not None:
            return False
        if action in member_only and self.member is None:
            return False
        return True

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = name

    def _candidate_fields(self, candidate: Candidate | None = None) -> list[Field]:
        c = candidate
        name, purpose = (c.name, c.purpose) if c else (None, None)
        return [
            Field("name", self.tr("portfolio.col.name"), value=name, required=True),
            Field("owner", self.tr("portfolio.col.bureau"), value=c.owner if c else None),
            Field("purpose", self.tr("portfolio.tui.field.purpose"), value=purpose),
            Field("annual_volume", self.tr("portfolio.tui.col.volume"), "number",
                  value=c.annual_volume if c else None),
            Field("minutes", self.tr("portfolio.tui.field.minutes"), "number",
                  value=c.minutes if c else None),
            Field("fte", self.tr("portfolio.tui.field.fte"), "number", value=c.fte if c else None),
        ]  # fmt: skip

    @staticmethod
    def _candidate_values(values: dict) -> dict:
        volume = values.get("annual_volume")
        return {
            "name": values["name"],
            "owner": values.get("owner") or "",
            "purpose": values.get("purpose") or "",
            "annual_volume": int(volume) if volume is not None else None,
            "minutes": values.get("minutes"),
            "fte": values.get("fte"),
        }

    def action_add(self) -> None:
        from cocreate.portfolio.inventory import add_candidate
        from cocreate.portfolio.selection import propose

        def save(values: dict) -> None:
            candidate = Candidate("", **self._candidate_values(values))
            if self.member:
                member = self.member
                self._change(
                    lambda p: propose(p, member, candidate), self.tr("portfolio.tui.added")
                )
            else:
                self._change(lambda p: add_candidate(p, candidate), self.tr("portfolio.tui.added"))

        self._form(self.tr("portfolio.tui.add_title"), self._candidate_fields(), save)

    def action_edit(self) -> None:
        from cocreate.portfolio.inventory import edit_candidate

        candidate_id = self._selected("inventory-table")
        candidate = self.portfolio.candidate(candidate_id) if candidate_id else None
        if candidate is None:
            return

        def save(values: dict) -> None:
            changes = self._candidate_values(values)
            self._change(
                lambda p: edit_candidate(p, candidate.id, **changes), self.tr("portfolio.tui.saved")
            )

        self._form(self.tr("portfolio.tui.edit_title"), self._candidate_fields(candidate), save)

    def action_import_sheet(self) -> None:
        from cocreate.portfolio.inventory import import_inventory, read_inventory

        def run(values: dict) -> None:
            try:
                sheet = read_inventory(Path(values["path"]).expanduser())
            except CocreateError as exc:
                self.notify(str(exc), severity="error", timeout=10)
                return
            self._change(
                lambda p: import_inventory(p, sheet).portfolio,
                self.tr("portfolio.tui.imported", rows=len(sheet.candidates)),
            )

        field = Field("path", self.tr("portfolio.tui.field.path"), required=True,
                      placeholder="業務説明表.xlsx")  # fmt: skip
        self._form(self.tr("portfolio.tui.import_title"), [field], run)

    def action_decide(self) -> None:
        from cocreate.portfolio.selection import decide

        candidate_id = self._candidate_id()
        if candidate_id is None:
            return
        options = [
            (self.tr(f"portfolio.decision.{o}"), o) for o in ("chosen", "deferred", "rejected")
        ]
        fields = [
            Field(
                "outcome",
                self.tr("portfolio.col.decision"),
                "choice",
                options,
                "chosen",
                required=True,
            ),
            Field("reason", self.tr("portfolio.tui.field.reason"), required=True),
        ]

        def save(values: dict) -> None:
            self._change(
                lambda p: decide(
                    p, candidate_id, values["outcome"], values["reason"], date=self.today
                ),
                self.tr("portfolio.tui.saved"),
            )

        self._form(self.tr("portfolio.tui.decide_title", id=candidate_id), fields, save)

    def action_start_workshop(self) -> None:
        from cocreate.portfolio_session import new_from_candidate
        from cocreate.storage.portfolio import load_portfolio

        candidate_id = self._candidate_id()
        if candidate_id is None:
            return
        target = self.folder / "workshops" / candidate_id.replace(".", "-")
        try:
            new_from_candidate(target, candidate_id, portfolio_path=self.folder)
        except CocreateError as exc:
            self.notify(str(exc), severity="error", timeout=8)
            return
        self.portfolio = load_portfolio(self.folder)
        self.refresh_views()
        self.load_dashboard()
        self.notify(self.tr("portfolio.tui.started", folder=str(target.relative_to(self.folder))))

    def action_rate(self) -> None:
        from cocreate.portfolio.selection import rate

        candidate_id = self._candidate_id()
        if candidate_id is None or self.member is None:
            return
        member = self.member
        scale = [(str(n), n) for n in range(1, 6)]
        mine = {r.candidate: r for r in self.portfolio.contributions_of(member).ratings}
        old = mine.get(candidate_id)
        fields = [
            Field("effect", self.tr("portfolio.tally.effect"), "choice", scale,
                  old.effect if old else None, required=True),
            Field("feasibility", self.tr("portfolio.tally.feasibility"), "choice", scale,
                  old.feasibility if old else None, required=True),
        ]  # fmt: skip

        def save(values: dict) -> None:
            self._change(
                lambda p: rate(p, member, candidate_id, values["effect"], values["feasibility"]),
                self.tr("portfolio.tui.saved"),
            )

        self._form(self.tr("portfolio.tui.rate_title", id=candidate_id), fields, save)

    def action_dot(self, step: int) -> None:
        from cocreate.portfolio.selection import place_dots

        candidate_id = self._candidate_id()
        if candidate_id is None or self.member is None:
            return
        member = self.member
        current = {d.candidate: d.count for d in self.portfolio.contributions_of(member).dots}
        count = max(current.get(candidate_id, 0) + step, 0)
        self._change(
            lambda p: place_dots(p, member, candidate_id, count), self.tr("portfolio.tui.saved")
        )

    def action_voting(self) -> None:
        from cocreate.portfolio.selection import close_voting, open_voting

        closing = not self.portfolio.voting.closed
        self._change(
            close_voting if closing else open_voting,
            self.tr("portfolio.tui.closed" if closing else "portfolio.tui.open"),
        )

    @on(DataTable.RowSelected, "#dashboard-table")
    def open_workshop(self, event: DataTable.RowSelected) -> None:
        """Enter on a dashboard row: open its workshop (quitting it comes back here)."""
        key = event.row_key.value
        if key and not key.startswith("candidate:"):
            self.exit(str(self.folder / key))


def _text_matrix(rows: Sequence[CandidateTally], split: float, tr: Callable[..., str]) -> str:
    """The effect-versus-feasibility matrix in text: ranks on a 5 x 5 grid."""
    cells: dict[tuple[int, int], list[str]] = {}
    for row in rows:
        if row.effect is None or row.feasibility is None:
            continue
        cell = (round(row.effect), round(row.feasibility))
        cells.setdefault(cell, []).append(str(row.rank))
    lines = [tr("portfolio.matrix.title")]
    for effect in range(5, 0, -1):
        marks = []
        for feasibility in range(1, 6):
            text = ",".join(cells.get((effect, feasibility), []))[:7]
            marks.append(f"{text:^8}")
        lines.append(f"{effect} │" + "│".join(marks) + "│")
    lines.append("   " + "".join(f"{n:^9}" for n in range(1, 6)))
    lines.append("   " + tr("portfolio.matrix.x") + "   ↑ " + tr("portfolio.matrix.y"))
    return "\n".join(lines)


def run_portfolio(folder: str | Path, *, lang: str | None = None, member: str | None = None) -> int:
    """Run the portfolio app; a workshop chosen on its dashboard opens in the workshop app,
    and quitting that comes back to the portfolio."""
    from cocreate.i18n import LANGUAGES, default_language
    from cocreate.tui import app_factory

    chosen = lang if lang in LANGUAGES else default_language()
    while True:
        app = PortfolioApp(folder, lang=chosen, member=member)
        workshop = app.run()
        if not workshop:
            return app.return_code or 0
        inner = app_factory(workshop, lang=chosen, member=member)
        inner.run()
