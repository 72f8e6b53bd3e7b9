"""Page-time benchmark: each Community Wealth page in Fava on a big demo.

Writes the demo ledger (default 100,000 transactions), loads it in Fava once
(timed, not counted against the pages), warms Flask up with Fava's own
income statement, then times through the test client, per page:
  - first: the first request, which also works out the whole-ledger
    analyses that page needs (rule findings, SFC lines);
  - again: the best of ``--repeat`` further requests, all dates;
  - June: the best of ``--repeat`` requests with ``time=2020-06``.
The target is every page under 1 second. Then, after one comment line is
appended to one included file, it times the reload Fava does on the next
request (``FavaLedger.load_file``: Beancount's load, the rules' plugins and
our extension's analyses), beside plain Fava reloading the same books
written without our plugins. The target is a reload no slower than plain
Fava's plus the rules' own cost. Usage:
    python bench/bench_fava.py [--size 100000] [--repeat 3] [--ledger main.beancount]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ledger.demo.generator import generate
from reports.fava import sections
from reports.fava.command import create_app

TARGET = 1.0  # seconds


def seconds(get: Callable[[], int]) -> float:
    start = time.perf_counter()
    status = get()
    elapsed = time.perf_counter() - start
    if status != 200:
        raise SystemExit(f"page answered {status}")
    return elapsed


def reload_seconds(app, main: Path) -> float:
    """Append a comment to the grants file (else the main file) and time
    the reload Fava's next request would do."""
    edited = main.parent / "grants.beancount"
    with open(edited if edited.exists() else main, "a", encoding="utf-8") as handle:
        handle.write("; an officer's note\n")
    ledger = app.config["LEDGERS"].ledgers[0]
    start = time.perf_counter()
    ledger.load_file()
    return time.perf_counter() - start


def compare_reloads(size: int, ours: float) -> None:
    """Plain Fava (no plugins, no extension) reloading the same books."""
    from fava.application import create_app as fava_app

    with tempfile.TemporaryDirectory() as tmp:
        generate(tmp, size=size, plugins=False)
        main = Path(tmp) / "main.beancount"
        plain = reload_seconds(fava_app([str(main)], load=True, read_only=True), main)
    print(f"reload after a one-file edit: cwl serve {ours:.1f} s, plain Fava {plain:.1f} s "
          f"(ratio {ours / plain:.2f})")


def run(main: Path, repeat: int) -> tuple[bool, float]:
    """Whether every page is under the target, and the reload's seconds."""
    start = time.perf_counter()
    app = create_app(main)
    print(f"Fava load: {time.perf_counter() - start:.1f} s ({main})")
    client = app.test_client()
    slug = client.get("/").headers["Location"].split("/")[1]
    client.get(f"/{slug}/income_statement/")  # warm-up: Flask, Jinja, Fava's caches

    def page(section: str, query: str = "") -> Callable[[], int]:
        url = f"/{slug}/extension/CommunityWealth/?section={section}{query}"
        return lambda: client.get(url).status_code

    print(f"{'page':<14} {'first s':>8} {'again s':>8} {'June s':>8}")
    worst = 0.0
    for key in sections.SECTIONS:
        first = seconds(page(key))
        again = min(seconds(page(key)) for _ in range(repeat))
        june = min(seconds(page(key, "&time=2020-06")) for _ in range(repeat))
        worst = max(worst, first, again, june)
        print(f"{key:<14} {first:>8.3f} {again:>8.3f} {june:>8.3f}")
    ok = worst < TARGET
    print(f"slowest {worst:.3f} s: {'under' if ok else 'OVER'} the {TARGET:.0f} s target")
    return ok, reload_seconds(app, main)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--size", type=int, default=100000, help="demo transactions")
    args.add_argument("--repeat", type=int, default=3, help="timed requests per figure")
    args.add_argument("--ledger", type=Path, help="time this ledger instead of a demo")
    opts = args.parse_args()
    os.environ["BEANCOUNT_DISABLE_LOAD_CACHE"] = "1"
    if opts.ledger:
        ok, reloaded = run(opts.ledger, opts.repeat)
        print(f"reload after a one-file edit: {reloaded:.1f} s")
        raise SystemExit(0 if ok else 1)
    with tempfile.TemporaryDirectory() as tmp:
        generate(tmp, size=opts.size)
        ok, reloaded = run(Path(tmp) / "main.beancount", opts.repeat)
    compare_reloads(opts.size, reloaded)
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
