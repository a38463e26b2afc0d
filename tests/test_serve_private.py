"""The private names of textual-serve that ``cocreate/serve/terminal.py`` relies on.

textual-serve offers no public way to choose how a session's child is started, so
``Session`` overrides ``AppService._open_app_process`` and uses a few private
attributes (``terminal.PRIVATE_NAMES``). textual-serve is pinned exactly; these tests
fail loudly on an upgrade that changes any of them, before a member's session breaks.
"""

from __future__ import annotations

import asyncio
import inspect
import re
import tomllib
from importlib.metadata import version

import textual_serve.app_service as app_service

from cocreate.serve import terminal
from tests.conftest import ROOT


def _pinned(name: str) -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"]:
        found = re.fullmatch(rf"{re.escape(name)}\s*==\s*(\S+)", requirement)
        if found:
            return found.group(1)
    raise AssertionError(f"{name} is not pinned exactly (==) in pyproject.toml")


def test_textual_serve_is_pinned_exactly_and_installed_at_the_pin():
    assert version("textual-serve") == _pinned("textual-serve"), (
        "textual-serve was upgraded: re-check terminal.PRIVATE_NAMES against its source,"
        " then move the pin"
    )


def test_only_the_terminal_module_touches_textual_serve_privately():
    serve = ROOT / "cocreate" / "serve"
    for path in serve.rglob("*.py"):
        if path.name == "terminal.py":
            continue
        text = path.read_text(encoding="utf-8")
        for name in terminal.PRIVATE_NAMES:
            found = re.search(rf"\.{name}\b|\bdef {name}\b", text)
            assert found is None, f"{path.name} uses textual-serve's {name}"


def test_the_overridden_method_keeps_its_signature():
    expected = inspect.signature(app_service.AppService._open_app_process)
    ours = inspect.signature(terminal.Session._open_app_process)
    assert list(expected.parameters) == ["self", "width", "height"]
    assert list(ours.parameters) == list(expected.parameters)
    assert [p.default for p in expected.parameters.values()][1:] == [80, 24]
    environment = inspect.signature(app_service.AppService._build_environment)
    assert list(environment.parameters) == ["self", "width", "height"]


def test_start_still_goes_through_open_app_process_then_run():
    # If start() stopped calling _open_app_process, our argument list, process group
    # and parent-death signal would silently be bypassed for a shell command line.
    source = inspect.getsource(app_service.AppService.start)
    assert "self._open_app_process(" in source
    assert "self._task = asyncio.create_task(self.run())" in source
    run = inspect.getsource(app_service.AppService.run)
    assert "self._process" in run


async def test_the_private_attributes_exist_on_a_new_session():
    async def nothing(*_args) -> None:
        return None

    session = terminal.Session(
        ["true"], "sato", write_bytes=nothing, write_str=nothing, close=nothing,
        download_manager=app_service.DownloadManager(),
    )  # fmt: skip
    for name in ("_process", "_stdin", "_task"):
        assert hasattr(session, name), name
        assert getattr(session, name) is None, name
    assert session.pid is None and not session.finished
    await asyncio.sleep(0)


def test_join_gets_the_language():
    command = terminal.join_command("/w", "ja")
    assert command[-6:] == ["join", "/w", "--as", "{member}", "--lang", "ja"]
    assert "--lang" not in terminal.join_command("/w")
