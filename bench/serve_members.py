"""P6: a hundred members at once on the web page, over HTTP on loopback (issue 19 §6).

    python bench/serve_members.py                 # 100 members x 20 submissions
    python bench/serve_members.py --quick         # 20 members x 5, for a smoke run
    python bench/serve_members.py --no-terminal   # skip the textual-serve comparison

A workshop of the sample plus 100 members is served by a real ``cocreate serve``
process. 100 simulated members start together; each opens their link and makes 20
submissions (problems, causes, ideas, ratings with dots), with a think time between
them, each a form post answered by a redirect and the page it leads to, the way a
browser without JavaScript does it. Measured:

* **lost**: submissions the server accepted that are not in the member's file after
  the run (goal 0), and submissions refused (expected 0 too);
* **p95 per submission**, post to the page after it (goal < 300 ms), beside the p95
  of the server's stylesheet fetched under the same load: the cost of the server and
  the machine alone, the baseline of the same run;
* **server memory** (VmRSS, and the peak VmHWM) once all 100 members' pages have been
  served (goal < 150 MB).

For comparison, the textual-serve path: a few terminal sessions are opened through
websockets and the memory of each one's ``cocreate join`` process is measured, with
what 100 members would need that way.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import ROOT
from cocreate import storage
from cocreate.contribute import add_member

SAMPLE = ROOT / "workshops" / "equipment-lending"
STEPS = ["s03", "s04", "s06", "s07", "s08", "s09", "s13"]


def make_workshop(folder: Path, members: int) -> list[str]:
    shutil.copytree(SAMPLE, folder)
    ids = [f"m{n:03d}" for n in range(members)]

    def change(workshop):
        for member in ids:
            workshop, _ = add_member(workshop, member, f"メンバー{member}")
        return workshop

    storage.update_workshop(folder, change)
    return ids


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of a process, in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)
    accepted: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)


_CSRF = re.compile(
    r'<form [^>]*action="([^"]*)"[^>]*>\s*<input type="hidden" name="csrf" value="([^"]+)"'
)


def _token(page: str, action: str) -> str:
    for found in _CSRF.finditer(page):
        if found.group(1).split("#")[0].endswith(action):
            return found.group(2)
    raise RuntimeError(f"no form for {action}")


async def member_run(link: str, member: str, each: int, think: float, origin: str,
                     tally: Tally, pages_seen: asyncio.Event, seen: list[int],
                     members: int, rng: random.Random) -> None:  # fmt: skip
    import aiohttp

    headers = {"Accept-Language": "ja", "Origin": origin}
    ideas_for_votes = ["ito.i1", "kato.i1", "nakamura.i1", "suzuki.i1", "suzuki.i2",
                       "takahashi.i1", "tanaka.i1"]  # fmt: skip
    async with aiohttp.ClientSession(headers=headers) as http:
        pages = {}
        for section in ("problems", "causes", "ideas", "vote"):
            async with http.get(link + section) as response:
                pages[section] = await response.text()
        seen[0] += 1
        if seen[0] == members:
            pages_seen.set()
        accepted = tally.accepted.setdefault(member, [])
        plan = ["problem", "cause", "idea", "vote"] * (each // 4 + 1)
        dots_left = 5
        my_problems: list[str] = []
        for n, kind in enumerate(plan[:each]):
            await asyncio.sleep(rng.uniform(0, 2 * think))
            if kind == "problem" or (kind == "cause" and not my_problems):
                section = "problems"
                days = rng.randint(2, 9)
                text = f"{member} の課題 {n}: 申請から貸出までに {days} 日かかる{rng.random()}"
                data = {"text": text, "steps": rng.choice(STEPS), "confirm": "1"}
                expect = ("problem", text)
            elif kind == "cause":
                section = "causes"
                text = f"{member} の原因 {n}: 様式が古い{rng.random()}"
                data = {"problem": rng.choice(my_problems), "text": text, "category": "method"}
                expect = ("cause", text)
            elif kind == "idea":
                section = "ideas"
                text = f"{member} の改善案 {n} {rng.random()}"
                data = {"title": text, "confirm": "1", "reduction": "20"}
                expect = ("idea", text)
            else:
                section = "vote"
                idea = ideas_for_votes[n % len(ideas_for_votes)]
                dots = 1 if dots_left else 0
                dots_left -= dots
                data = {"idea": idea, "effect": str(rng.randint(1, 5)),
                        "effort": str(rng.randint(1, 5)), "dots": str(dots)}  # fmt: skip
                expect = ("rating", idea)
            data["csrf"] = _token(pages[section], section)
            started = time.perf_counter()
            async with http.post(link + section, data=data) as response:
                page = await response.text()
                url = str(response.url)
            tally.latencies.append(time.perf_counter() - started)
            pages[section] = page
            if response.status == 200 and "done=" in url:
                accepted.append(expect)
                if expect[0] == "problem":
                    found = re.search(r"id=([\w.]+)", url)
                    my_problems.append(found.group(1))
            else:
                tally.refused.append(f"{member} {section} {response.status}")
            # The baseline: the stylesheet, under the same load, between submissions.
            started = time.perf_counter()
            async with http.get(origin + "/assets/web.css") as response:
                await response.read()
            tally.baseline.append(time.perf_counter() - started)


def lost_items(folder: Path, tally: Tally) -> int:
    lost = 0
    for member, items in tally.accepted.items():
        mine = storage.load_member(folder, member)
        have = {
            "problem": {p.text for p in mine.problems},
            "cause": {c.text for c in mine.causes},
            "idea": {i.title for i in mine.ideas},
            "rating": {r.idea for r in mine.ratings},
        }
        lost += sum(1 for kind, key in items if key not in have[kind])
    return lost


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


async def terminal_figures(base: str, links: dict[str, str], sessions: int) -> dict:
    """Memory of ``cocreate join`` children opened through the terminal link."""
    import aiohttp

    figures = {"rss_mib": [], "first_output_s": []}
    async with aiohttp.ClientSession() as http:
        sockets = []
        for member in list(links)[:sessions]:
            started = time.perf_counter()
            ws = await http.ws_connect(links[member] + "ws?width=120&height=40", origin=base)
            seen = b""
            while "メンバー".encode() not in seen and b"Map" not in seen:
                message = await asyncio.wait_for(ws.receive(), 60)
                if message.type == aiohttp.WSMsgType.BINARY:
                    seen += message.data
                elif message.type != aiohttp.WSMsgType.TEXT:
                    break
            figures["first_output_s"].append(time.perf_counter() - started)
            sockets.append(ws)
        await asyncio.sleep(2)
        out = subprocess.run(["pgrep", "-f", "cocreate join"], capture_output=True, text=True)
        for pid in out.stdout.split():
            try:
                figures["rss_mib"].append(rss_kib(int(pid))[0] / 1024)
            except (OSError, KeyError):
                continue
        for ws in sockets:
            await ws.close()
    return figures


async def main_async(args: argparse.Namespace) -> int:
    work = Path(tempfile.mkdtemp(prefix="cocreate-p6-"))
    folder = work / "workshop"
    ids = make_workshop(folder, args.members)
    links_file = work / "links.csv"
    profile = ["-m", "cProfile", "-o", args.profile] if args.profile else []
    proc = subprocess.Popen(
        [sys.executable, *profile, "-m", "cocreate", "serve", str(folder), "--port", "0",
         "--lang", "ja", "--links", str(links_file), "--max-sessions", "20"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
    )  # fmt: skip
    try:
        while True:
            line = await asyncio.to_thread(proc.stdout.readline)
            if not line:
                raise RuntimeError("serve ended: " + proc.stderr.read())
            if line.startswith(("Up to", "同時に")):
                break
        rows = list(csv.DictReader(links_file.read_text(encoding="utf-8-sig").splitlines()))
        links = {row["member"]: row["link"] for row in rows if row["member"] in ids}
        origin = links[ids[0]].split("/m/")[0]
        idle_rss = rss_kib(proc.pid)[0]
        cpu_before = cpu_seconds(proc.pid)
        tally = Tally()
        pages_seen = asyncio.Event()
        seen = [0]
        rng = random.Random(19)
        started = time.perf_counter()
        runs = [
            member_run(
                links[m],
                m,
                args.each,
                args.think,
                origin,
                tally,
                pages_seen,
                seen,
                len(ids),
                random.Random(rng.random()),
            )
            for m in ids
        ]
        tasks = [asyncio.create_task(run) for run in runs]
        await pages_seen.wait()
        rss_pages = rss_kib(proc.pid)
        await asyncio.gather(*tasks)
        elapsed = time.perf_counter() - started
        rss_end = rss_kib(proc.pid)
        server_cpu = cpu_seconds(proc.pid) - cpu_before
        lost = lost_items(folder, tally)
        terminal = None
        server_cpu = max(server_cpu, 0.0)
        if not args.no_terminal:
            terminal = await terminal_figures(origin, links, args.sessions)
    finally:
        proc.send_signal(2)
        try:
            proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
        shutil.rmtree(work, ignore_errors=True)

    submissions = len(tally.latencies)
    sub_p95 = p95(tally.latencies) * 1000
    base_p95 = p95(tally.baseline) * 1000
    peak = max(rss_pages[1], rss_end[1]) / 1024
    load = Path("/proc/loadavg").read_text().split()[0]
    print(f"P6 web page: {len(ids)} members x {args.each} submissions, think {args.think} s"
          f" mean, load average {load} at the end")  # fmt: skip
    print(
        f"  submissions      {submissions} in {elapsed:.1f} s"
        f" ({submissions / elapsed:.1f}/s), refused {len(tally.refused)}, lost {lost}"
    )
    print(
        f"  per submission   median {statistics.median(tally.latencies) * 1000:.0f} ms,"
        f" p95 {sub_p95:.0f} ms (goal < 300 ms)"
    )
    print(
        f"  server CPU       {server_cpu:.1f} s in all,"
        f" {server_cpu / submissions * 1000:.1f} ms per submission"
        " (its post, redirect, page and a stylesheet)"
    )
    print(
        f"  baseline         stylesheet under the same load: p95 {base_p95:.0f} ms;"
        f" ratio {sub_p95 / base_p95:.1f}x"
    )
    print(
        f"  server memory    {idle_rss / 1024:.0f} MiB idle, {rss_pages[0] / 1024:.0f} MiB"
        f" with {len(ids)} members' pages, {rss_end[0] / 1024:.0f} MiB at the end,"
        f" peak {peak:.0f} MiB (goal < 150 MB)"
    )
    if terminal and terminal["rss_mib"]:
        per = statistics.mean(terminal["rss_mib"])
        first = statistics.median(terminal["first_output_s"])
        print(
            f"  textual-serve    {len(terminal['rss_mib'])} sessions: {per:.0f} MiB per"
            f" session, first screen after {first:.1f} s; 100 members would need"
            f" ~{(idle_rss / 1024) + 100 * per:.0f} MiB and 100 processes (default cap 20)"
        )
    ok = lost == 0 and not tally.refused and sub_p95 < 300 and peak * 1.048576 < 150
    print(f"  verdict          {'met' if ok else 'NOT met'}")
    for refusal in tally.refused[:10]:
        print(f"    refused: {refusal}")
    return 0 if ok else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=100)
    parser.add_argument("--each", type=int, default=20)
    parser.add_argument("--think", type=float, default=5.0,
                        help="mean seconds between one member's submissions")  # fmt: skip
    parser.add_argument("--sessions", type=int, default=4, help="terminal sessions to measure")
    parser.add_argument("--no-terminal", action="store_true")
    parser.add_argument("--profile", metavar="FILE", help="run the server under cProfile")
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.members, args.each, args.sessions = 20, 5, 2
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
