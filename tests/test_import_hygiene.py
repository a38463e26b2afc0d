"""The domain never imports Textual; start-up paths never import pandas or matplotlib."""

from __future__ import annotations

import json
import os
import pkgutil
import subprocess
import sys

import cocreate
from tests.conftest import ROOT

HEAVY = ("pandas", "matplotlib", "networkx")
UI = ("textual", "rich")


def _domain_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(cocreate.__path__, "cocreate."):
        if info.name.startswith(("cocreate.tui", "cocreate.cli", "cocreate.serve")):
            continue
        if info.name == "cocreate.__main__":
            continue
        names.append(info.name)
    return names


def _modules_after(code: str) -> set[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


#: Imports each module named on stdin in a fresh child of one process, and prints what
#: each child then holds. A process per module (144 of them, each starting Python and
#: loading the libraries again) was most of this file's time; a fork starts from the
#: parent's memory. The parent has loaded only the standard library, the third-party
#: libraries the domain uses and cocreate's bottom layer (the model, which every module
#: imports), none of which brings Textual or Rich (checked below), so a child that holds
#: either got it from the module it imported.
_EACH_ALONE = """
import gc, importlib, json, os, sys
for library in ("numpy", "pandas", "networkx", "matplotlib", "openpyxl", "jinja2",
                "cocreate.model", "cocreate.errors", "cocreate.i18n", "cocreate.text"):
    importlib.import_module(library)
print(json.dumps({"": sorted(sys.modules)}), flush=True)
gc.freeze()
for name in sys.stdin.read().split():
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        try:
            importlib.import_module(name)
            found = sorted(sys.modules)
        except BaseException as exc:
            found = {"error": repr(exc)}
        with os.fdopen(write, "w") as out:
            json.dump(found, out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as got:
        result = json.load(got)
    os.waitpid(child, 0)
    print(json.dumps({name: result}), flush=True)
"""


def _each_alone(modules: list[str]) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), MPLBACKEND="Agg")
    out = subprocess.run(
        [sys.executable, "-c", _EACH_ALONE],
        input="\n".join(modules),
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    ).stdout
    found: dict[str, object] = {}
    for line in out.splitlines():
        found.update(json.loads(line))
    return found


def _ui_in(loaded: object) -> set[str]:
    assert isinstance(loaded, list), loaded  # a dict holds the import's error
    return {m.split(".")[0] for m in loaded} & set(UI)


def test_no_domain_module_imports_textual() -> None:
    # One test for every module, not a test per module: the 3 s of forks were paid again
    # by every xdist worker that ran one of the per-module tests.
    modules = _domain_modules()
    loaded_alone = _each_alone(modules)
    parent = loaded_alone[""]
    assert _ui_in(parent) == set()
    assert {"pandas", "matplotlib", "networkx", "cocreate.model"} <= set(parent)  # loaded
    assert set(loaded_alone) == {"", *modules}
    with_ui = {module: _ui_in(loaded_alone[module]) for module in modules}
    assert {module: ui for module, ui in with_ui.items() if ui} == {}


def test_the_forked_import_sees_a_module_that_imports_textual() -> None:
    found = _each_alone(["cocreate.tui.app", "cocreate.model", "cocreate.no_such_module"])
    assert _ui_in(found["cocreate.tui.app"]) == {"textual", "rich"}
    assert _ui_in(found["cocreate.model"]) == set()
    assert "ModuleNotFoundError" in found["cocreate.no_such_module"]["error"]


def test_cli_help_imports_nothing_heavy() -> None:
    loaded = _modules_after(
        "import contextlib, io\n"
        "from cocreate.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main(['--help'])\n    except SystemExit:\n        pass"
    )
    assert not {m.split(".")[0] for m in loaded} & set(HEAVY + UI)


def test_loading_a_workshop_imports_nothing_heavy() -> None:
    loaded = _modules_after(
        "from cocreate import storage, validate\n"
        f"w = storage.load({str(ROOT / 'workshops' / 'equipment-lending')!r})\n"
        "validate.findings(w)"
    )
    assert not {m.split(".")[0] for m in loaded} & set(HEAVY + UI)


def test_loading_a_workshop_leaves_the_analyses_unimported() -> None:
    # A load checks each KPI's metric against the names only (cocreate.process.metric_names):
    # the app's first frame waits for the load, and the metrics are computed after it.
    loaded = _modules_after(
        "from cocreate import storage\n"
        f"w = storage.load({str(ROOT / 'workshops' / 'equipment-lending')!r})\n"
        "assert any(kpi.metric for kpi in w.pilot.kpis)"
    )
    assert "cocreate.process.metrics" not in loaded


# --------------------------------------------------------------------------- the app


def _tui_modules() -> list[str]:
    import cocreate.tui

    return ["cocreate.tui"] + [
        info.name for info in pkgutil.walk_packages(cocreate.tui.__path__, "cocreate.tui.")
    ]


def test_the_app_modules_import_nothing_heavy() -> None:
    # pandas, matplotlib and networkx load in the workers and panes that use them, never
    # because a module of the app was imported (the first frame must not wait for them).
    loaded = _modules_after(
        f"import importlib\nfor name in {_tui_modules()!r}:\n    importlib.import_module(name)"
    )
    assert not {m.split(".")[0] for m in loaded} & set(HEAVY)


def _defined_private_names() -> set[str]:
    """Every ``_name`` that cocreate itself defines, assigns, imports or takes."""
    import ast

    names: set[str] = set()
    for path in (ROOT / "cocreate").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.alias):
                names.add((node.asname or node.name).split(".")[0])
    return {n for n in names if n.startswith("_") and not n.startswith("__")}


def test_the_app_reads_no_private_textual_name() -> None:
    # An attribute ``x._name`` that cocreate never defines belongs to a library: in the
    # app that is Textual's or Rich's private API, which any upgrade may change.
    import ast

    ours = _defined_private_names()
    found = []
    for path in sorted((ROOT / "cocreate" / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
                if not node.attr.startswith("__") and node.attr not in ours:
                    found.append(f"{where} .{node.attr}")
            elif isinstance(node, ast.ImportFrom) and node.module:
                parts = [*node.module.split("."), *(a.name for a in node.names)]
                if parts[0] in UI and any(p.startswith("_") for p in parts):
                    found.append(f"{where} from {node.module} import ...")
    assert found == []


def test_the_app_overrides_no_private_textual_name() -> None:
    # A widget or screen of ours that defines ``_name`` where a Textual base class has one
    # would replace Textual's private machinery, not just add to it.
    import importlib
    import inspect

    ours = _defined_private_names()  # not what Textual's metaclass adds to every class
    found = []
    for name in _tui_modules():
        module = importlib.import_module(name)
        for cls in vars(module).values():
            if not inspect.isclass(cls) or cls.__module__ != name:
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.split(".")[0] in UI]
            for attr in vars(cls):
                if attr in ours:
                    clash = [b.__qualname__ for b in bases if hasattr(b, attr)]
                    if clash:
                        found.append(f"{name}.{cls.__qualname__}.{attr} (over {clash[0]})")
    assert found == []
