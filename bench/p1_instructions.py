"""P1 counted in instructions: process start to the first frame, under valgrind.

    python bench/p1_instructions.py              # cocreate and the fair app, once each
    python bench/p1_instructions.py --at-run     # up to App.run(): imports and the load only
    python bench/p1_instructions.py ROOT ...     # cocreate from other checkouts too

``bench/run.py P1`` times the same two starts, interleaved, in wall-clock time; on a
machine shared with other work its ratio moves by ±0.15 from one run to the next. The
number of instructions a start executes does not depend on the load: two runs agree to
within 0.5%, so a change of 1% can be judged from one run each. Each child runs in a
pseudo-terminal of the benchmark's size, from bytecode (a warm-up run writes it), with
hash randomisation off, and stops (``os._exit``) the moment it writes its first frame,
which valgrind's ``cachegrind`` tool (``--cache-sim=no``) counts up to.

Instructions are not time (compiling the code dataclasses generate runs more of them a
millisecond than drawing does), but the ratio is the one to watch: on 2026-12-03 it was
1.41x while four runs of ``bench/run.py P1`` at load 2-3 gave 1.32x to 1.42x.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT
from bench.run import FAIR_APP, PYCACHE, SAMPLE, TERMINAL

#: Runs the program given as its arguments, and ends the process when the program first
#: writes the frame with ``marker`` (Textual's Linux driver is patched as the program
#: imports it, so nothing of Textual is imported ahead of the program's own order). With
#: ``at_run`` it ends the process at ``App.run()`` instead.
STOPPER = """
import importlib.abc, importlib.util, os, runpy, sys

MARKER, AT_RUN = sys.argv[1], sys.argv[2] == "1"


class Stop(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        wanted = "textual.app" if AT_RUN else "textual.drivers.linux_driver"
        if name != wanted:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run_module = spec.loader.exec_module

        def exec_module(module):
            run_module(module)
            if AT_RUN:
                module.App.run = lambda self, *a, **k: os._exit(0)
                return
            write = module.LinuxDriver.write

            def stop_at_frame(self, data):
                if MARKER in data:
                    os._exit(0)
                return write(self, data)

            module.LinuxDriver.write = stop_at_frame

        spec.loader.exec_module = exec_module
        return spec


sys.meta_path.insert(0, Stop())
sys.argv = sys.argv[3:]
runpy.run_path(sys.argv[0], run_name="__main__")
"""


def instructions(
    argv: list[str], root: Path, at_run: bool, *, count: bool = True, marker: str = "s15"
) -> int:
    """Instructions (valgrind's I refs) from starting the script ``argv`` to its first frame.

    With ``count`` False the start runs without valgrind (a warm-up) and 0 is returned.
    """
    import fcntl
    import pty
    import select
    import struct
    import termios

    work = Path(tempfile.mkdtemp(prefix="cocreate-bench-"))
    stopper = work / "stopper.py"
    stopper.write_text(STOPPER, encoding="utf-8")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *TERMINAL, 0, 0))
    env = dict(os.environ, PYTHONPATH=str(root), PYTHONPYCACHEPREFIX=str(PYCACHE))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(TERM="xterm-256color", COLORTERM="truecolor", PYTHONHASHSEED="0")
    valgrind = ["valgrind", "--tool=cachegrind", "--cache-sim=no"]
    command = [
        *([*valgrind, f"--cachegrind-out-file={work / 'out'}"] if count else []),
        sys.executable,
        str(stopper),
        marker,
        "1" if at_run else "0",
        *argv,
    ]
    child = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=root, start_new_session=True
    )
    os.close(slave)
    seen = b""
    try:
        while select.select([master], [], [], 300)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if child.poll() is None:
            child.kill()
        child.wait()
        os.close(master)
        shutil.rmtree(work, ignore_errors=True)
    if not count:
        return 0
    found = re.search(rb"I\s+refs:\s+([\d,]+)", seen)
    if found is None:
        raise RuntimeError(f"no instruction count from {argv[0]}: {seen[-800:]!r}")
    return int(found.group(1).replace(b",", b""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("roots", nargs="*", type=Path, help="other checkouts of cocreate")
    parser.add_argument("--at-run", action="store_true", help="stop at App.run()")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        parser.error("valgrind is not installed")
    folder = Path(tempfile.mkdtemp(prefix="cocreate-bench-")) / SAMPLE.name
    shutil.copytree(SAMPLE, folder)  # the app may write the folder; never the bundled one
    fair = Path(tempfile.mkdtemp(prefix="cocreate-bench-")) / "fair_app.py"
    fair.write_text(FAIR_APP, encoding="utf-8")
    cocreate = str(Path(sys.executable).with_name("cocreate"))
    # Each start is a Python script and its arguments: the stopper runs it as Python would.
    starts = {"fair app": ([str(fair), str(folder / "workshop.toml")], ROOT)}
    for root in [ROOT, *args.roots]:
        starts[f"cocreate {root}"] = ([cocreate, str(folder), "--lang", "ja"], root.resolve())
    for command, root in starts.values():  # a warm-up writes the bytecode, as in run.py
        instructions(command, root, args.at_run, count=False)
    counts = {name: instructions(a, root, args.at_run) for name, (a, root) in starts.items()}
    fair_count = counts.pop("fair app")
    where = "App.run()" if args.at_run else "the first frame"
    print(f"instructions to {where}, fair app: {fair_count / 1e6:,.1f} M")
    for name, count in counts.items():
        print(f"  {name}: {count / 1e6:,.1f} M, {count / fair_count:.3f}x the fair app")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
