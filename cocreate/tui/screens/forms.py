"""A modal form built from field specs: add or edit a step, problem, cause, idea, flow…"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from cocreate.tui.bindings import localise_bindings
from cocreate.tui.screens.base import KeepsStyles

__all__ = ["Field", "FormScreen", "SpareForm"]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a form.

    ``kind`` is "text", "number", "choice" (one of ``options``) or "multi" (any of them).
    """

    name: str
    label: str
    kind: str = "text"
    options: Sequence[tuple[str, Any]] = ()
    value: Any = None
    placeholder: str = ""
    required: bool = False


class FormScreen(KeepsStyles, ModalScreen[dict[str, Any] | None]):
    """Ask for a few values; dismiss with them (enter or ctrl+s) or None (escape)."""

    CSS_PATH = "forms.tcss"
    AUTO_FOCUS = ""  # the first field is focused in on_mount, without scrolling its label away
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "cancel", id="form.cancel"),
        Binding("ctrl+s", "submit", "save", id="form.submit", priority=True),
    ]

    def __init__(
        self,
        title: str,
        fields: Sequence[Field],
        *,
        hint: Callable[[dict[str, Any]], str] | None = None,
    ) -> None:
        super().__init__()
        self.form_title = title
        self.fields = list(fields)
        self.hint = hint
        localise_bindings(self, self.app.lang)  # type: ignore[attr-defined]
        self._remember_styles()
        self._behind_changes = 0
        self._behind_key: tuple[Any, ...] | None = None
        self._behind_lines: list[Strip] = []

    # The screen behind, dimmed: Textual repaints it whole, through a tint, whenever this
    # screen repaints (on open, when resized, when resumed), ~15-20 ms each with 2,000
    # steps. The tinted lines are kept until something behind changes (the screen behind
    # then refreshes regions of this one), this one's size or colour changes, or the theme.

    def refresh(
        self,
        *regions: Any,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> FormScreen:
        if regions:
            self._behind_changes += 1
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def render_line(self, y: int) -> Strip:
        if not self.is_current:  # under another modal: Textual's own way
            self._behind_key = None
            return super().render_line(y)
        key = (self.size, self.styles.background, self._behind_changes, self.app.theme)
        if key != self._behind_key:
            render = super().render_line
            self._behind_lines = [render(n) for n in range(self.size.height)]
            self._behind_key = key
        if y < len(self._behind_lines):
            return self._behind_lines[y]
        return super().render_line(y)

    def tr(self, key: str, /, **values: object) -> str:
        return self.app.tr(key, **values)  # type: ignore[attr-defined]

    def compose(self) -> ComposeResult:
        with Vertical(id="form"):
            yield Label(self.form_title, id="form-title")
            with VerticalScroll(id="form-fields"):
                for number, spec in enumerate(self.fields):
                    first = " -first" if number == 0 else ""
                    label = spec.label + (" *" if spec.required else "")
                    yield Label(label, classes=f"field-label{first}")
                    yield self._widget(spec)
            yield Static("", id="form-hint", classes="-empty")
            yield Label("", id="form-error", classes="-empty")
            with Horizontal(id="form-buttons"):
                yield Button(
                    self.tr("ui.form.save"), id="form-save", variant="primary", compact=True
                )
                yield Button(self.tr("ui.form.cancel"), id="form-cancel", compact=True)

    def _widget(self, spec: Field) -> Any:
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
        return Input(
            text,
            id=wid,
            placeholder=spec.placeholder,
            compact=True,
            type="text",  # numbers are parsed on save so Japanese IME input never gets blocked
        )

    def on_mount(self) -> None:
        if not self.app.is_running:
            return  # a spare form still mounting as the app quits: its fields are gone
        self._update_hint()
        if self.fields:
            first = self.query_one(f"#field-{self.fields[0].name}")
            if not self.is_current and isinstance(first, Input):
                # A spare form (SpareForm), built hidden: focused now, so that opening it
                # is not restyled and laid out again for the focus, but not blinking its
                # cursor twice a second for nobody until it is opened.
                first.cursor_blink = False
            first.focus(scroll_visible=False)

    async def _on_resize(self, event: events.Resize) -> None:
        # Textual's Screen._on_resize, except that a screen already laid out at this size
        # is not laid out again. Opening a form sends it a Resize after it has been laid
        # out on resume (~20 ms for the step form, again); and the 2,000-step Map behind
        # would be laid out again too, its table would refresh its scroll bars, and
        # everything behind the form would be repainted and re-tinted a third time
        # (~30 ms). No breakpoints are in use.
        event.prevent_default()
        event.stop()
        if self._compositor.size != event.size:
            self._screen_resized(event.size)
        for screen in self.app._background_screens:
            if screen._compositor.size != event.size:
                screen._screen_resized(event.size)

    def on_screen_resume(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = True  # a spare form's input blinks once it is shown

    def retitle(self, title: str) -> None:
        """Change the title (of a spare form, before it is opened)."""
        self.form_title = title
        self.query_one("#form-title", Label).update(title)

    def values(self) -> dict[str, Any]:
        """The raw values as typed or chosen."""
        out: dict[str, Any] = {}
        for spec in self.fields:
            widget = self.query_one(f"#field-{spec.name}")
            if isinstance(widget, Select):
                out[spec.name] = None if widget.value is Select.NULL else widget.value
            elif isinstance(widget, SelectionList):
                out[spec.name] = tuple(widget.selected)
            else:
                out[spec.name] = widget.value  # type: ignore[attr-defined]
        return out

    def _parsed(self) -> dict[str, Any] | None:
        out = self.values()
        error = self.query_one("#form-error", Label)
        for spec in self.fields:
            value = out[spec.name]
            if spec.kind == "text" and isinstance(value, str):
                out[spec.name] = value.strip()
                value = out[spec.name]
            if spec.kind == "number":
                text = str(value).strip().translate(_FULL_WIDTH_DIGITS)
                if not text:
                    out[spec.name] = None
                else:
                    try:
                        out[spec.name] = float(text.rstrip("%"))
                    except ValueError:
                        error.update(self.tr("ui.form.not_a_number", field=spec.label))
                        error.remove_class("-empty")
                        self.query_one(f"#field-{spec.name}").focus()
                        return None
            if spec.required and out[spec.name] in (None, "", ()):
                error.update(self.tr("ui.form.required", field=spec.label))
                error.remove_class("-empty")
                self.query_one(f"#field-{spec.name}").focus()
                return None
        return out

    @on(Input.Changed)
    @on(Select.Changed)
    @on(SelectionList.SelectedChanged)
    def _update_hint(self) -> None:
        if self.hint is None:
            return
        text = self.hint(self.values())
        hint = self.query_one("#form-hint", Static)
        hint.update(text)
        hint.set_class(not text, "-empty")

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    @on(Button.Pressed, "#form-save")
    def action_submit(self) -> None:
        """Save the form."""
        parsed = self._parsed()
        if parsed is not None:
            self.dismiss(parsed)

    @on(Button.Pressed, "#form-cancel")
    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)


class SpareForm:
    """A form built ahead, off screen, for the next time a screen asks for the same one.

    Building a form with a few inputs and choices takes 50-100 ms (Textual composes,
    styles and lays out some 40 widgets); a screen whose form is opened again and again
    (adding steps to the map) builds the next one while the facilitator looks at the
    last change. A spare is used once, and only if its fields are exactly those asked
    for; otherwise a new form is built as before.
    """

    def __init__(self) -> None:
        self._form: FormScreen | None = None

    def _ready_for(self, fields: Sequence[Field]) -> bool:
        return (
            self._form is not None and self._form.is_running and self._form.fields == list(fields)
        )

    def prepare(self, app: Any, fields: Sequence[Field]) -> None:
        """Build a form with ``fields`` in the background, unless one is ready."""
        if self._ready_for(fields):
            return
        self.discard()
        form = self._form = FormScreen("", fields)
        app._register(app, form)  # composed and mounted, not shown
        # Then laid out at the app's size (this runs after its mount, queued before it),
        # so that opening it is mostly a paint: a form's first layout always takes two
        # passes, the second for the sizes the first gave its widgets.
        form.call_later(lambda: form.is_attached and form._refresh_layout(app.size))

    def take(self, title: str, fields: Sequence[Field]) -> FormScreen:
        """The spare form if it has these fields (retitled), else a new form."""
        form = self._form
        if form is not None and self._ready_for(fields):
            self._form = None
            form.retitle(title)
            return form
        self.discard()
        return FormScreen(title, fields)

    def discard(self) -> None:
        """Drop the spare form, if any."""
        if self._form is not None:
            self._form.remove()
            self._form = None


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，％－", "0123456789.,%-")


def _number_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
