"""The workshop itself, for the facilitator: its details, its settings and its members.

Opened from any phase (F2). Like a pane it never changes the workshop: it posts a
message for each edit (``WorkshopEditor.MemberAdded``, ``DetailsEdited``, …), the app
applies it (``tui/edits.py`` → ``cocreate.facilitate``) and the screen shows the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from cocreate.model import Member, Role, Workshop
from cocreate.tui.context import context
from cocreate.tui.fields import Field
from cocreate.tui.styles import stylesheet

__all__ = ["WorkshopEditor"]

#: Settings the form edits, with the kind of field each one is.
SETTINGS = (
    ("annual_cases", "number"),
    ("hourly_cost", "number"),
    ("annual_hours_per_person", "number"),
    ("currency", "text"),
    ("quadrant_split", "number"),
)


class WorkshopEditor(ModalScreen[None]):
    """Members (add, rename, role, remove), the workshop's details and its settings."""

    DEFAULT_CSS = stylesheet(__file__)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f2", "close", "close", id="workshop.close"),
        Binding("a", "add_member", "add member", id="workshop.add_member"),
        Binding("e", "edit_member", "edit member", id="workshop.edit_member"),
        Binding("delete", "remove_member", "remove member", id="workshop.remove_member"),
        Binding("d", "edit_details", "details", id="workshop.details"),
        Binding("s", "edit_settings", "settings", id="workshop.settings"),
    ]

    @dataclass
    class MemberAdded(Message):
        member_id: str
        name: str
        role: str
        email: str

    @dataclass
    class MemberEdited(Message):
        member_id: str
        name: str
        role: str
        email: str

    @dataclass
    class MemberRemoved(Message):
        member_id: str

    @dataclass
    class DetailsEdited(Message):
        """Keywords of ``cocreate.facilitate.edit_meta``."""

        details: dict[str, Any]

    @dataclass
    class SettingsEdited(Message):
        """Keywords of ``cocreate.facilitate.edit_settings``."""

        settings: dict[str, Any]

    def __init__(self) -> None:
        super().__init__()
        self.details = Static("", id="workshop-details")
        self.settings = Static("", id="workshop-settings")
        self.members: DataTable[str | Text] = DataTable(
            id="workshop-members", cursor_type="row", zebra_stripes=True
        )
        for key in ("id", "name", "role", "email", "items"):
            self.members.add_column(self.tr(f"ui.workshop.col.{key}"), key=key)

    def tr(self, key: str, /, **values: object) -> str:
        return context(self).tr(key, **values)

    @property
    def workshop(self) -> Workshop:
        return context(self).session.workshop

    def compose(self) -> ComposeResult:
        with Vertical(id="workshop-editor"):
            yield Label(self.tr("ui.workshop.title"), id="workshop-title")
            yield self.details
            yield self.settings
            yield Label(self.tr("ui.workshop.members"), classes="workshop-heading")
            yield self.members
            yield Label(self.tr("ui.workshop.keys"), id="workshop-keys")

    def on_mount(self) -> None:
        self.watch(self.app, "workshop", self._show, init=True)
        self.members.focus()

    def _show(self, workshop: Workshop | None) -> None:
        if workshop is None:
            return
        meta, settings = workshop.meta, workshop.settings
        dash = "—"
        lines = [
            Text.assemble((f"{self.tr('ui.workshop.field.title')}: ", "bold"), meta.title),
            Text.assemble(
                (f"{self.tr('ui.workshop.field.organisation')}: ", "bold"),
                meta.organisation or dash,
                "  ",
                (f"{self.tr('ui.workshop.field.business_area')}: ", "bold"),
                meta.business_area or dash,
            ),
            Text.assemble(
                (f"{self.tr('ui.workshop.field.dates')}: ", "bold"),
                ", ".join(d.isoformat() for d in meta.dates) or dash,
            ),
            Text.assemble(
                (f"{self.tr('ui.workshop.field.background')}: ", "bold"),
                meta.background or self.tr("ui.workshop.no_background"),
            ),
        ]
        self.details.update(Text("\n").join(lines))
        cases = "—" if settings.annual_cases is None else f"{settings.annual_cases:,}"
        self.settings.update(
            self.tr(
                "ui.workshop.settings_line",
                cases=cases,
                cost=f"{settings.hourly_cost:,.0f}",
                currency=settings.currency,
                hours=f"{settings.annual_hours_per_person:,.0f}",
                split=f"{settings.quadrant_split:g}",
            )
        )
        table = self.members
        keep = table.cursor_row
        table.clear()
        for member in workshop.members:
            mine = workshop.contributions_of(member.id)
            items = len(mine.problems) + len(mine.causes) + len(mine.ideas)
            table.add_row(
                member.id,
                Text(member.name),
                self.tr(f"ui.workshop.role.{member.role.value}"),
                Text(member.email),
                str(items),
                key=member.id,
            )
        if workshop.members:
            table.move_cursor(row=min(max(keep, 0), len(workshop.members) - 1))

    # -------------------------------------------------------------- forms

    def _form(
        self,
        title: str,
        fields: Sequence[Field],
        edit: Callable[[dict[str, Any]], Message],
    ) -> None:
        from cocreate.tui.screens.forms import FormScreen

        app = self.app

        def check(values: dict[str, Any]) -> None:
            app.check_edit(edit(values))  # type: ignore[attr-defined]  # AppliesEdits

        def done(values: dict[str, Any] | None) -> None:
            if values:
                self.post_message(edit(values))

        self.app.push_screen(FormScreen(title, fields, check=check), done)

    def _selected(self) -> Member | None:
        members = self.workshop.members
        if not members or self.members.cursor_row < 0:
            return None
        return members[min(self.members.cursor_row, len(members) - 1)]

    def _member_fields(self, member: Member | None) -> list[Field]:
        roles = [(self.tr(f"ui.workshop.role.{r.value}"), r.value) for r in Role]
        fields = []
        if member is None:
            fields.append(
                Field(
                    "member_id",
                    self.tr("ui.workshop.col.id"),
                    required=True,
                    placeholder=self.tr("ui.workshop.placeholder.id"),
                )
            )
        fields += [
            Field(
                "name",
                self.tr("ui.workshop.col.name"),
                value=member.name if member else "",
                required=True,
                placeholder=self.tr("ui.workshop.placeholder.name"),
            ),
            Field(
                "role",
                self.tr("ui.workshop.col.role"),
                "choice",
                roles,
                value=(member.role if member else Role.VOLUNTEER).value,
                required=True,
            ),
            Field(
                "email",
                self.tr("ui.workshop.col.email"),
                value=member.email if member else "",
                placeholder=self.tr("ui.workshop.placeholder.email"),
            ),
        ]
        return fields

    def action_add_member(self) -> None:
        """Add a member."""

        def edit(values: dict[str, Any]) -> WorkshopEditor.MemberAdded:
            return self.MemberAdded(
                values["member_id"], values["name"], values["role"], values["email"] or ""
            )

        self._form(self.tr("ui.workshop.add_member"), self._member_fields(None), edit)

    def action_edit_member(self) -> None:
        """Rename the selected member, change their role or email."""
        member = self._selected()
        if member is None:
            return

        def edit(values: dict[str, Any]) -> WorkshopEditor.MemberEdited:
            return self.MemberEdited(
                member.id, values["name"], values["role"], values["email"] or ""
            )

        title = self.tr("ui.workshop.edit_member", id=member.id)
        self._form(title, self._member_fields(member), edit)

    @on(DataTable.RowSelected, "#workshop-members")
    def _row_selected(self) -> None:
        self.action_edit_member()

    def action_remove_member(self) -> None:
        """Remove the selected member, saying first what happens to their contributions."""
        from cocreate.facilitate import member_removal
        from cocreate.tui.screens.confirm import ConfirmScreen

        member = self._selected()
        if member is None:
            return
        removal = member_removal(self.workshop, member.id)
        key = "ui.ask.remove_member_with" if removal.keeps_member else "ui.ask.remove_member"
        question = self.tr(key, name=member.name, id=member.id, items=removal.items)

        def answered(sure: bool | None) -> None:
            if sure:
                self.post_message(self.MemberRemoved(member.id))

        self.app.push_screen(ConfirmScreen(question, self.tr("ui.ask.remove")), answered)

    def action_edit_details(self) -> None:
        """The workshop's title, organisation, business area, session dates and background."""
        meta = self.workshop.meta
        fields = [
            Field("title", self.tr("ui.workshop.field.title"), value=meta.title, required=True),
            Field(
                "organisation", self.tr("ui.workshop.field.organisation"), value=meta.organisation
            ),
            Field(
                "business_area",
                self.tr("ui.workshop.field.business_area"),
                value=meta.business_area,
            ),
            Field(
                "dates",
                self.tr("ui.workshop.field.dates"),
                "dates",
                value=", ".join(d.isoformat() for d in meta.dates),
                placeholder=self.tr("ui.edit.placeholder.dates"),
            ),
            Field(
                "background",
                self.tr("ui.workshop.field.background"),
                value=meta.background,
                placeholder=self.tr("ui.workshop.placeholder.background"),
            ),
        ]

        def edit(values: dict[str, Any]) -> WorkshopEditor.DetailsEdited:
            return self.DetailsEdited({name: values[name] for name in values})

        self._form(self.tr("ui.workshop.details_title"), fields, edit)

    def action_edit_settings(self) -> None:
        """Annual cases, hourly cost, hours per person-year, currency and the quadrant split."""
        settings = self.workshop.settings
        fields = [
            Field(
                name,
                self.tr(f"ui.workshop.setting.{name}"),
                kind,
                value=getattr(settings, name),
                required=name != "annual_cases",
                placeholder=self.tr(f"ui.workshop.placeholder.{name}")
                if name == "annual_cases"
                else "",
            )
            for name, kind in SETTINGS
        ]

        def edit(values: dict[str, Any]) -> WorkshopEditor.SettingsEdited:
            return self.SettingsEdited({name: values[name] for name, _ in SETTINGS})

        self._form(self.tr("ui.workshop.settings_title"), fields, edit)

    def action_close(self) -> None:
        """Back to the phase."""
        self.dismiss(None)
