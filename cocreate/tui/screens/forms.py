"""A modal form built from field specs: add or edit a step, problem, cause, idea, flow…"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from cocreate.tui.context import context
from cocreate.tui.fields import Field
from cocreate.tui.styles import stylesheet
from cocreate.tui.widgets.text_input import TextInput

__all__ = ["Field", "FormScreen"]


class FormScreen(ModalScreen[dict[str, Any] | None]):
    """Ask for a few values; dismiss with them (enter or ctrl+s) or None (escape).

    The values are handed back raw but checked: text stripped, numbers read (full-width
    digits too) into floats, dates read as typed (``2027/2/1``, ``令和9年2月1日``),
    required fields filled in, and then ``check`` asked whether the domain takes them.
    Nothing typed is ever lost: a refused value keeps the form open with the message
    under it and the faulty field focused and marked; escape over changes asks first.
    The pane that opened the form turns the values into the message of its edit.
    """

    DEFAULT_CSS = stylesheet(__file__)
    AUTO_FOCUS = ""  # the first field is focused in on_mount, without scrolling its label away
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "save", id="form.submit", priority=True),
        # Enter saves from any field, a checklist or a choice too (where it would toggle
        # an item or open the list); over a button it presses it, in an open list it picks.
        Binding("enter", "enter", "save", id="form.enter", priority=True, show=False),
    ]

    HINT_DELAY = 0.25
    """Seconds of no typing before the hint is worked out again (it runs in a worker)."""

    @dataclass
    class HintComputed(Message):
        """The hint for the values as they were at ``generation`` was worked out."""

        text: str
        generation: int

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        *,
        hint: Callable[[dict[str, Any]], str] | None = None,
        check: Callable[[dict[str, Any]], None] | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.hint = hint
        self.check = check
        """Raises the domain's CocreateError when it would refuse the checked values."""
        self._initial: dict[str, Any] = {}
        # Made here and kept, so that nothing has to be looked up while the form mounts.
        self.inputs: dict[str, Widget] = {spec.name: self._widget(spec) for spec in fields}
        self._hint = Static("", id="form-hint", classes="-empty")
        self._error = Label("", id="form-error", classes="-empty")
        self._hint_timer: Timer | None = None
        self.hint_generation = 0
        """Counts the changes of values; a hint worked out for an older one is dropped."""
        self.hint_shown = -1
        """The generation whose hint is on show."""

    def tr(self, key: str, /, **values: object) -> str:
        return context(self).tr(key, **values)

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(self.form_title, id="form-title")
            with VerticalScroll(id="form-fields"):
                for number, spec in enumerate(self.fields):
                    first = " -first" if number == 0 else ""
                    label = spec.label + (" *" if spec.required else "")
                    yield Label(label, classes=f"field-label{first}")
                    yield self.inputs[spec.name]
            yield self._hint
            yield self._error
            with Horizontal(id="form-buttons"):
                yield Button(
                    self.tr("ui.form.save"), id="form-save", variant="primary", compact=True
                )
                yield Button(self.tr("ui.form.cancel"), id="form-cancel", compact=True)

    @staticmethod
    def _widget(spec: Field) -> Widget:
        wid = f"field-{spec.name}"
        if spec.kind == "choice":
            return Select(
                [(label, value) for label, value in spec.options],
                value=spec.value if spec.value is not None else Select.NULL,
                allow_blank=not spec.required,
                compact=True,
                id=wid,
                prompt=spec.placeholder or "—",
            )
        if spec.kind == "multi":
            chosen = set(spec.value or ())
            return SelectionList(
                *[(label, value, value in chosen) for label, value in spec.options], id=wid
            )
        text = "" if spec.value is None else _number_text(spec.value)
        return TextInput(
            text,
            id=wid,
            placeholder=spec.placeholder,
            compact=True,
            type="text",  # numbers are parsed on save so Japanese IME input never gets blocked
        )

    def on_mount(self) -> None:
        self._initial = self.values()
        self._update_hint()
        if self.fields:
            self.inputs[self.fields[0].name].focus(scroll_visible=False)

    def values(self) -> dict[str, Any]:
        """The raw values as typed or chosen."""
        out: dict[str, Any] = {}
        for name, widget in self.inputs.items():
            if isinstance(widget, Select):
                out[name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, SelectionList):
                out[name] = tuple(widget.selected)
            elif isinstance(widget, Input):
                out[name] = widget.value
        return out

    def changed(self) -> bool:
        """True when something was typed or chosen since the form opened."""
        return bool(self._initial) and self.values() != self._initial

    def _refuse(self, spec: Field | None, message: str) -> None:
        self._error.update(message)
        self._error.remove_class("-empty")
        for widget in self.inputs.values():
            widget.remove_class("-invalid")
        if spec is not None:
            widget = self.inputs[spec.name]
            widget.add_class("-invalid")
            widget.focus()

    def _parsed(self) -> dict[str, Any] | None:
        out = self.values()
        for spec in self.fields:
            value = out[spec.name]
            if spec.kind == "text" and isinstance(value, str):
                out[spec.name] = value.strip()
            if spec.kind == "date":
                from cocreate.dates import read_date

                try:
                    out[spec.name] = read_date(str(value))
                except ValueError:
                    self._refuse(spec, f"{spec.label}: " + self.tr("ui.refusal.not_a_date"))
                    return None
            if spec.kind == "dates":
                from cocreate.dates import read_dates

                try:
                    out[spec.name] = read_dates(str(value))
                except ValueError:
                    self._refuse(spec, f"{spec.label}: " + self.tr("ui.refusal.not_a_date"))
                    return None
            if spec.kind == "number":
                text = unicodedata.normalize("NFKC", str(value)).strip()  # １２ and ％ too
                if not text:
                    out[spec.name] = None
                else:
                    try:
                        out[spec.name] = float(text.rstrip("%"))
                    except ValueError:
                        self._refuse(spec, self.tr("ui.form.not_a_number", field=spec.label))
                        return None
            if spec.required and out[spec.name] in (None, "", ()):
                self._refuse(spec, self.tr("ui.form.required", field=spec.label))
                return None
        return out

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _unmark(
        self, event: Input.Changed | Select.Changed | SelectionList.SelectedChanged
    ) -> None:
        widget = event.control
        if widget is not None and widget.has_class("-invalid"):
            widget.remove_class("-invalid")

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _update_hint(self) -> None:
        # The hint (near-duplicate problems: difflib over every problem) can be slow: it
        # runs in a thread worker, once typing pauses, so a key never waits for it.
        if self.hint is None:
            return
        self.hint_generation += 1
        if self._hint_timer is not None:
            self._hint_timer.stop()
        self._hint_timer = self.set_timer(self.HINT_DELAY, self._start_hint)

    def _start_hint(self) -> None:
        hint, values, generation = self.hint, self.values(), self.hint_generation
        if hint is None:
            return

        def work() -> None:
            self.post_message(self.HintComputed(hint(values), generation))

        self.run_worker(work, thread=True, exclusive=True, group="form-hint")

    @on(HintComputed)
    def _show_hint(self, event: HintComputed) -> None:
        if event.generation != self.hint_generation:
            return  # typed on since: a newer hint is on its way
        self._hint.update(event.text)
        self._hint.set_class(not event.text, "-empty")
        self.hint_shown = event.generation

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter":
            focused = self.focused
            if isinstance(focused, Button):
                return False  # enter presses the button (cancel stays cancel)
            select = next(
                (
                    w
                    for w in (focused, *(focused.ancestors if focused else ()))
                    if isinstance(w, Select)
                ),
                None,
            )
            if select is not None and select.expanded:
                return False  # enter picks the highlighted choice in the open list
        return True

    def action_enter(self) -> None:
        """Save the form (enter, from any field)."""
        self.action_submit()

    @on(Button.Pressed, "#form-save")
    def action_submit(self) -> None:
        """Save the form, unless a value is wrong or the workshop's rules refuse it."""
        parsed = self._parsed()
        if parsed is None:
            return
        if self.check is not None:
            from cocreate.errors import CocreateError

            try:
                self.check(parsed)
            except CocreateError as exc:
                spec = next((f for f in self.fields if f.name == exc.argument), None)
                self._refuse(spec, _refusal_text(self, exc))
                return
        self.dismiss(parsed)

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Close without saving; with changes typed, ask first."""
        if not self.changed():
            self.dismiss(None)
            return
        from cocreate.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(self.tr("ui.ask.discard"), self.tr("ui.ask.discard_yes")), answered
        )


def _refusal_text(node: Widget, error: Exception) -> str:
    describe = getattr(node.app, "refusal_text", None)
    return describe(error) if describe is not None else str(error)


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
