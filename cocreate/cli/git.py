"""Git as the engine for many machines: ``merge-file`` (the merge driver) and ``git-setup``."""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path

from cocreate.errors import InputError
from cocreate.paths import WORKSHOP_FILE

__all__ = ["ORDER", "register"]

ORDER = 70


def register(subparsers: argparse._SubParsersAction, groups: dict) -> None:
    p = subparsers.add_parser(
        "merge-file",
        help="the git merge driver for workshop files (called by git)",
        description="Merge one workshop file (workshop.toml or members/<id>.toml) by item"
        " id, as a git merge driver: `git config merge.cocreate.driver 'cocreate merge-file"
        " %O %A %B %P'`. Items added on both branches are kept, the same field changed"
        " on both is a conflict (marked as git marks one, exit 1), revisions are"
        " reconciled. The result is written to OURS.",
    )
    p.add_argument("base", metavar="BASE", help="the common ancestor's version (%%O)")
    p.add_argument("ours", metavar="OURS", help="our version; receives the result (%%A)")
    p.add_argument("theirs", metavar="THEIRS", help="their version (%%B)")
    p.add_argument("name", nargs="?", default="", metavar="PATH", help="the file's path (%%P)")
    p.set_defaults(func=cmd_merge_file)

    p = subparsers.add_parser(
        "git-setup",
        help="register cocreate's merge driver in a git clone",
        description="Register cocreate's merge driver in the git repository that holds"
        " PATH (git config merge.cocreate.*), and write the workshop folder's"
        " .gitattributes and .gitignore if they are missing. Run it once in each clone.",
    )
    p.add_argument("path", metavar="PATH", help="workshop folder inside a git repository")
    p.set_defaults(func=cmd_git_setup)


def cmd_merge_file(args: argparse.Namespace) -> int:
    from cocreate.storage import atomic_write
    from cocreate.storage.merge import merge_files

    name = args.name or args.ours
    try:
        result = merge_files(Path(args.base), Path(args.ours), Path(args.theirs), name=args.name)
    except InputError as exc:
        # Not a workshop file we can read (conflict markers left in it, a hand edit
        # gone wrong): only a text merge can help, and git's own is the best there is.
        print(f"cocreate merge-file: {exc}; merged as text", file=sys.stderr)
        done = subprocess.run(
            ["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs",
             args.ours, args.base, args.theirs],
            check=False,
        )  # fmt: skip
        return 0 if done.returncode == 0 else 1
    atomic_write(args.ours, result.text)
    for old, new in result.renamed:
        print(
            f"{name}: {old} was added on both branches; theirs is now {new}"
            " (check votes other members cast on it)",
            file=sys.stderr,
        )
    if result.conflicts:
        for conflict in result.conflicts:
            print(f"{name}: conflict: {conflict.describe()}", file=sys.stderr)
        print(
            f"{name}: {len(result.conflicts)} conflict(s); edit the <<<<<<< markers, then"
            " `cocreate check`",
            file=sys.stderr,
        )
        return 1
    return 0


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise InputError(None, "git is not installed") from None
    if done.returncode:
        message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "failed"
        raise InputError(folder, f"git {args[0]}: {message}")
    return done.stdout.strip()


def driver_command() -> str:
    """The driver as git runs it: this Python, so it works from any virtual environment."""
    return f"{shlex.quote(sys.executable)} -m cocreate merge-file %O %A %B %P"


def cmd_git_setup(args: argparse.Namespace) -> int:
    from cocreate import storage

    folder = Path(args.path)
    if not storage.is_workshop(folder):
        raise InputError(folder, f"not a workshop folder: {WORKSHOP_FILE} is missing")
    try:
        _git(folder, "rev-parse", "--show-toplevel")
    except InputError:
        raise InputError(folder, "not inside a git repository; run `git init` first") from None
    _git(folder, "config", "merge.cocreate.name", "cocreate: merge workshop files by item id")
    _git(folder, "config", "merge.cocreate.driver", driver_command())
    for path in storage.write_git_files(folder):
        print(f"wrote {path}")
    print(f"git merges {folder}'s workshop files by item id from now on (merge.cocreate)")
    return 0
