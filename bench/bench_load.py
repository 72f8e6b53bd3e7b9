"""Load-time benchmark: plain Beancount beside ``cwl check``, same run.

For each size, writes the demo ledger twice (with and without
``plugin "rules.all"``), then times in fresh processes:
  - plain: ``beancount.loader.load_file`` on the books without our plugins;
  - cwl check: ``Session.load`` on the same books with ``rules.all``.
Prints a table with the ratio. Usage:
    python bench/bench_load.py [--sizes 10000 100000 1000000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from ledger.demo.generator import generate

CHILD = """
import json, resource, sys, time
start = time.perf_counter()
if sys.argv[1] == "plain":
    from beancount import loader
    entries, errors, _ = loader.load_file(sys.argv[2])
else:
    from rules.session import Session
    ledger = Session.load(sys.argv[2])
    entries, errors = ledger.entries, ledger.errors
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "errors": len(errors), "peak_mib": peak}))
"""


def measure(kind: str, path: Path) -> dict:
    env = dict(os.environ, BEANCOUNT_DISABLE_LOAD_CACHE="1")
    out = subprocess.run([sys.executable, "-c", CHILD, kind, str(path)], env=env,
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--sizes", type=int, nargs="+", default=[10000, 100000, 1000000])
    args.add_argument("--repeat", type=int, default=1, help="runs per figure; best is kept")
    opts = args.parse_args()
    print(f"{'transactions':>12} {'plain s':>9} {'cwl check s':>12} {'ratio':>6} "
          f"{'plain MiB':>10} {'check MiB':>10} {'errors':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in opts.sizes:
            plain_dir, rules_dir = Path(tmp, f"plain-{size}"), Path(tmp, f"rules-{size}")
            generate(plain_dir, size=size, plugins=False)
            generate(rules_dir, size=size)
            plain = min((measure("plain", plain_dir / "main.beancount")
                         for _ in range(opts.repeat)), key=lambda r: r["seconds"])
            check = min((measure("check", rules_dir / "main.beancount")
                         for _ in range(opts.repeat)), key=lambda r: r["seconds"])
            print(f"{size:>12,} {plain['seconds']:>9.2f} {check['seconds']:>12.2f} "
                  f"{check['seconds'] / plain['seconds']:>6.2f} {plain['peak_mib']:>10.0f} "
                  f"{check['peak_mib']:>10.0f} {check['errors']:>7}", flush=True)


if __name__ == "__main__":
    main()
