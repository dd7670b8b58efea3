"""Count what the fault and hostile-input suite runs, by running it: the figures of README's "Reliability" section.

Usage: python scripts/fault_counts.py [--fast]      (from the repository, with src/ importable)

Runs the suite's files with pytest in this process (`--fast`: without the slow cases) and prints, per file and in
all, the cases run, passed, failed and skipped (with the skip reasons), how many are marked slow, the requests
schemathesis generated, and the kill -9 trials. A failed case is a crash, a hang (the suite's timeouts) or a loss
(its counts) found: the suite's claim is that there are none.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: The files of the suite: the reliability table of README.md names each.
SUITE = ["tests/test_faults.py", "tests/test_web_faults.py", "tests/test_web_schema.py", "tests/test_web_dates.py",
         "tests/test_web_child.py", "tests/test_sections.py", "tests/test_multilateral.py"]


class Tally:
    """A pytest plugin counting outcomes per file."""

    def __init__(self) -> None:
        self.outcomes: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        self.skips: collections.Counter[str] = collections.Counter()
        self.kill_trials = 0

    def pytest_collection_modifyitems(self, items) -> None:
        for item in items:
            if item.get_closest_marker("slow"):
                self.outcomes[item.location[0]]["slow"] += 1

    def pytest_runtest_logreport(self, report) -> None:
        where = report.location[0]
        if report.when == "call" or (report.when == "setup" and not report.passed):
            outcome = "skipped" if report.skipped else "passed" if report.passed else "failed"
            self.outcomes[where][outcome] += 1
            if report.skipped:
                self.skips[str(report.longrepr[-1]) if isinstance(report.longrepr, tuple) else "skipped"] += 1
            if "test_kill_9_of_a_two_worker_run" in report.nodeid and report.passed:
                self.kill_trials += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fast", action="store_true", help="leave out the slow cases (as `make test-fast`)")
    args = parser.parse_args(argv)

    import pytest

    tally = Tally()
    options = ["-q", "-p", "no:cacheprovider", "--rootdir", str(ROOT), *(str(ROOT / f) for f in SUITE)]
    if args.fast:
        options += ["-m", "not slow"]
    code = pytest.main(options, plugins=[tally])
    schema = sys.modules.get("test_web_schema")
    sent = getattr(schema, "SENT", collections.Counter())

    total: collections.Counter[str] = collections.Counter()
    print(f"\n{'file':32} {'cases':>6} {'slow':>5} {'passed':>7} {'failed':>7} {'skipped':>8}")
    for name in SUITE:
        counts = tally.outcomes.get(name, collections.Counter())
        run = counts["passed"] + counts["failed"] + counts["skipped"]
        total.update(counts)
        total["run"] += run
        print(f"{name:32} {run:6d} {counts['slow']:5d} {counts['passed']:7d} {counts['failed']:7d} "
              f"{counts['skipped']:8d}")
    print(f"{'all':32} {total['run']:6d} {total['slow']:5d} {total['passed']:7d} {total['failed']:7d} "
          f"{total['skipped']:8d}")
    print(f"schemathesis requests: {sum(sent.values()):,} ({', '.join(f'{k} {v:,}' for k, v in sorted(sent.items()))})")
    print(f"kill -9 trials passed: {tally.kill_trials}")
    for reason, n in tally.skips.most_common():
        print(f"skipped ({n}): {reason}")
    print(f"failed (crashes, hangs or losses found): {total['failed']}")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
