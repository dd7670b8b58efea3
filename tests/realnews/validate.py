"""Check annotators' working files (tests/realnews/batches/*/*.json) against GUIDELINES.md.

    .venv/bin/python tests/realnews/validate.py [BATCH_DIR ...]

Prints one line per problem and a summary; exits 1 when there is a problem. The checks are those of
`tacitus.evaluation.corpus.check_working_file`, which `python bench/realnews.py --assemble` also applies.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tacitus.evaluation.corpus import check_working_file

HERE = Path(__file__).resolve().parent


def main(argv: list[str]) -> int:
    dirs = [Path(a) for a in argv] or sorted((HERE / "batches").glob("*/"))
    files = [f for d in dirs for f in sorted(d.glob("*.json"))]
    # A working file lives in ROOT/batches/BATCH/: its texts are under ROOT.
    problems = [p for f in files for p in check_working_file(f, f.resolve().parents[2])[1]]
    for problem in problems:
        print(problem)
    print(f"{len(files)} files, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
