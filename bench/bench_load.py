"""Load-time benchmark: ``cwl check`` beside the bare loaders, same run.

For each size, writes the demo ledger twice (with and without
``plugin "rules.all"``), then times whole programs in fresh processes
(wall clock from start to exit, as a user waits, and peak resident memory):
  - bare Beancount: ``beancount.loader.load_file`` on the books without our
    plugins, no cache;
  - bare uromyces: uromyces' load and validation of the same books;
  - ``cwl check --loader beancount`` and ``--loader uromyces`` on the books
    with ``rules.all``, each after one comment line is appended to one
    included file: the Beancount path with its load cache on (warmed by an
    earlier run, so the edit finds a stale cache), the uromyces path has
    none. Both must print the same findings.
Ratios are against the bare load of the same loader. Usage:
    python bench/bench_load.py [--sizes 10000 100000 1000000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ledger.demo.generator import generate

# The bare loads, each a whole program.
BARE = {
    "beancount": "import sys\nfrom beancount import loader\nloader.load_file(sys.argv[1])",
    "uromyces": ("import sys\nfrom uromyces import _uromyces\n"
                 "ledger = _uromyces.load_file(sys.argv[1])\n"
                 "ledger.run_validations()\nledger.entries"),
}


def measure(kind: str, path: Path, cache: Path | None = None) -> dict:
    """One fresh process, timed from its start to its end as a user waits
    for it (the interpreter's start and exit included), with its peak
    resident memory and what it printed. ``kind`` is a bare load or
    ``check-<loader>``: ``cwl check`` as the program runs it. The load cache
    is off unless ``cache`` is given."""
    env = dict(os.environ)
    if cache is None:
        env["BEANCOUNT_DISABLE_LOAD_CACHE"] = "1"
    else:
        env.pop("BEANCOUNT_DISABLE_LOAD_CACHE", None)
        env["XDG_CACHE_HOME"] = str(cache)
    if kind in BARE:
        argv = [sys.executable, "-c", BARE[kind], str(path)]
    else:
        argv = [sys.executable, "-m", "cli.main", "check", "--loader",
                kind.split("-", 1)[1], str(path)]
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        start = time.perf_counter()
        child = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):  # 1: cwl check found errors
            raise RuntimeError(f"{argv} exited {child.returncode}")
        out.seek(0)
        return {"seconds": seconds, "peak_mib": usage.ru_maxrss / 1024,
                "findings": out.read()}


def best(runs: list[dict]) -> dict:
    return min(runs, key=lambda r: r["seconds"])


def after_edit(kind: str, main: Path, cache: Path | None, repeat: int) -> dict:
    """``cwl check`` right after a comment line is appended to one included
    file (with the cache on, a first run leaves a cache to go stale)."""
    runs = []
    for _ in range(repeat):
        if cache is not None:
            measure(kind, main, cache)
        with (main.parent / "spend.beancount").open("a", encoding="utf-8") as handle:
            handle.write("; edited\n")
        runs.append(measure(kind, main, cache))
    return best(runs)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000, 1000000])
    args.add_argument("--repeat", type=int, default=1, help="runs per figure; best is kept")
    opts = args.parse_args()
    print(f"{'transactions':>12} | {'bare bc s':>9} {'check bc s':>10} {'ratio':>5} | "
          f"{'bare uro s':>10} {'check uro s':>11} {'ratio':>5} | "
          f"{'bare bc':>7} {'check bc':>8} {'bare uro':>8} {'check uro':>9} MiB | same")
    with tempfile.TemporaryDirectory() as tmp:
        for size in opts.sizes:
            plain_dir, rules_dir = Path(tmp, f"plain-{size}"), Path(tmp, f"rules-{size}")
            generate(plain_dir, size=size, plugins=False)
            generate(rules_dir, size=size)
            plain, rules = plain_dir / "main.beancount", rules_dir / "main.beancount"
            bare_bc = best([measure("beancount", plain) for _ in range(opts.repeat)])
            bare_uro = best([measure("uromyces", plain) for _ in range(opts.repeat)])
            check_bc = after_edit("check-beancount", rules, Path(tmp, "cache"), opts.repeat)
            check_uro = after_edit("check-uromyces", rules, None, opts.repeat)
            same = "yes" if check_bc["findings"] == check_uro["findings"] else "NO"
            print(f"{size:>12,} | {bare_bc['seconds']:>9.2f} {check_bc['seconds']:>10.2f} "
                  f"{check_bc['seconds'] / bare_bc['seconds']:>5.2f} | "
                  f"{bare_uro['seconds']:>10.2f} {check_uro['seconds']:>11.2f} "
                  f"{check_uro['seconds'] / bare_uro['seconds']:>5.2f} | "
                  f"{bare_bc['peak_mib']:>7.0f} {check_bc['peak_mib']:>8.0f} "
                  f"{bare_uro['peak_mib']:>8.0f} {check_uro['peak_mib']:>9.0f}     | {same}",
                  flush=True)


if __name__ == "__main__":
    main()
