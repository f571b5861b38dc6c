"""How fast policebench reads thousands of profiles and starts, against floors of the same run.

    python benchmarks/bench_load.py                 # 3,000 profiles, 5 repetitions
    python benchmarks/bench_load.py --count 500 --reps 3

Every case runs as a fresh subprocess, the cases are interleaved within each repetition (so a
busy machine slows them alike) and the medians are compared:

* bulk: ``policebench score FOLDER --format json`` on N generated profiles, against the floor
  of parsing the same files with libyaml alone (``yaml.load(f, Loader=CSafeLoader)``): with
  the validated-input cache warm (goal: at most 0.15x the floor), cold (an empty cache that
  every file is read into: at most 1x), without it (one process per core: below the floor;
  one process, ``POLICEBENCH_WORKERS=1``: at most 1.3x);
* cold start: ``policebench score`` on the bundled data (its cache warm) against
  ``python -c "import typer, pydantic, yaml, rich"`` (goal: at most 1.3x), and
  ``policebench --version`` against ``python -c pass`` (goal: at most 2x);
* the peak resident memory of the bulk runs (the largest process of the run);
* with ``--sensitivity``: ``policebench sensitivity FOLDER --samples 10000`` written as JSON,
  CSV and the table, warm (goal: at most 1x the parse floor) and as JSON cold (at most 2x),
  with the size of the JSON (goal: at most 15 MB; also with ``--no-rank-counts``) and the
  peak memory (at most 700 MB), cold and warm.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

import policebench

PYTHON = sys.executable
_SCRIPT = Path(PYTHON).with_name("policebench")
POLICEBENCH = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "policebench"]

FLOOR_PARSE = """
import sys, yaml
for name in sys.argv[1:]:
    with open(name, "rb") as handle:
        yaml.load(handle, Loader=yaml.CSafeLoader)
"""


def run(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall time (s), CPU time (s, user + system, with children) and peak RSS (KB) of one run.

    Its output is thrown away.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err.decode()}")
    # ru_maxrss of a waited-for child is the largest of it and its own waited-for children;
    # its CPU times include theirs.
    return elapsed, usage.ru_utime + usage.ru_stime, int(usage.ru_maxrss)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3000, help="profiles to generate")
    parser.add_argument("--reps", type=int, default=5, help="repetitions (medians reported)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--folder", type=Path, help="reuse (or create) this profile folder")
    parser.add_argument(
        "--sensitivity",
        action="store_true",
        help="also time sensitivity over the folder (10,000 samples; minutes per repetition)",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="policebench-bench-") as tmp:
        empty = Path(tmp) / "empty"  # no ./rubrics or ./cities: the bundled rubric is used
        empty.mkdir()
        folder = args.folder or Path(tmp) / "profiles"
        files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
        if len(files) != args.count:
            files = generate(args.count, folder, args.seed)
        megabytes = sum(f.stat().st_size for f in files) / 1_048_576
        names = [str(f) for f in files]
        score = [*POLICEBENCH, "score", str(folder), "--format", "json"]
        warm = {"POLICEBENCH_CACHE_DIR": str(Path(tmp) / "warm-cache")}

        def cold(**more: str) -> dict[str, str]:
            """A cache folder of its own, empty, for each run: every file read and kept."""
            return {"POLICEBENCH_CACHE_DIR": tempfile.mkdtemp(dir=tmp), **more}

        cases: dict[str, Callable[[], tuple[float, float, int]]] = {
            "floor: libyaml parse": lambda: run([PYTHON, "-c", FLOOR_PARSE, *names], empty),
            "score --format json, cold cache": lambda: run(score, empty, cold()),
            "score --format json, warm cache": lambda: run(score, empty, warm),
            "score --format json, no cache": lambda: run(
                score, empty, {"POLICEBENCH_NO_CACHE": "1"}
            ),
            "score --format json, 1 process, no cache": lambda: run(
                score, empty, {"POLICEBENCH_WORKERS": "1", "POLICEBENCH_NO_CACHE": "1"}
            ),
            "floor: import typer, pydantic, yaml, rich": lambda: run(
                [PYTHON, "-c", "import typer, pydantic, yaml, rich"], empty
            ),
            "score (bundled data)": lambda: run([*POLICEBENCH, "score"], empty, warm),
            "floor: python -c pass": lambda: run([PYTHON, "-c", "pass"], empty),
            "--version": lambda: run([*POLICEBENCH, "--version"], empty),
        }
        sens_json = Path(tmp) / "sensitivity.json"
        lean_json = Path(tmp) / "sensitivity-lean.json"
        if args.sensitivity:

            def sensitivity(
                fmt: str, out: Path, env: dict[str, str], *more: str
            ) -> tuple[float, float, int]:
                argv = [*POLICEBENCH, "sensitivity", str(folder), "--samples", "10000", *more]
                return run([*argv, "--format", fmt, "--output", str(out)], empty, env)

            cases |= {
                "sensitivity json, cold cache": lambda: sensitivity("json", sens_json, cold()),
                "sensitivity json, warm cache": lambda: sensitivity("json", sens_json, warm),
                "sensitivity json --no-rank-counts, warm": lambda: sensitivity(
                    "json", lean_json, warm, "--no-rank-counts"
                ),
                "sensitivity csv, warm cache": lambda: sensitivity(
                    "csv", Path(tmp) / "sensitivity.csv", warm
                ),
                "sensitivity table, warm cache": lambda: sensitivity(
                    "table", Path(tmp) / "sensitivity.txt", warm
                ),
            }
        times: dict[str, list[float]] = {name: [] for name in cases}
        cpu: dict[str, list[float]] = {name: [] for name in cases}
        rss: dict[str, list[int]] = {name: [] for name in cases}
        # As installed from a wheel: policebench's modules compiled (PYTHONDONTWRITEBYTECODE
        # would otherwise make every run compile them again).
        compileall.compile_dir(Path(policebench.__file__).parent, quiet=1)
        for case in cases.values():  # warm the page cache
            case()
        for _ in range(args.reps):
            for name, case in cases.items():
                elapsed, seconds, peak = case()
                times[name].append(elapsed)
                cpu[name].append(seconds)
                rss[name].append(peak)
        json_megabytes = sens_json.stat().st_size / 1_048_576 if sens_json.exists() else None
        lean_megabytes = lean_json.stat().st_size / 1_048_576 if lean_json.exists() else 0.0

    med = {name: statistics.median(values) for name, values in times.items()}
    med_cpu = {name: statistics.median(values) for name, values in cpu.items()}
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{args.count} profiles ({megabytes:.1f} MB), {args.reps} repetitions, {cores} cores, "
        f"Python {sys.version.split()[0]}, load average {load:.1f}; medians in seconds"
    )
    print(f"  {'case':<44} {'wall':>8} {'cpu':>8}  wall range      peak RSS")
    for name in cases:
        spread = f"{min(times[name]):.3f}-{max(times[name]):.3f}"
        peak = max(rss[name]) / 1024
        print(f"  {name:<44} {med[name]:8.3f} {med_cpu[name]:8.3f}  {spread:<15} {peak:5.0f} MB")
    ratios = [
        ("bulk, warm cache", "score --format json, warm cache", "floor: libyaml parse", 0.15),
        ("bulk, cold cache", "score --format json, cold cache", "floor: libyaml parse", 1.0),
        ("bulk, no cache", "score --format json, no cache", "floor: libyaml parse", 1.0),
        (
            "bulk, 1 process",
            "score --format json, 1 process, no cache",
            "floor: libyaml parse",
            1.3,
        ),
        ("cold start", "score (bundled data)", "floor: import typer, pydantic, yaml, rich", 1.3),
        ("--version", "--version", "floor: python -c pass", 2.0),
    ]
    if args.sensitivity:
        parse = "floor: libyaml parse"
        ratios += [
            ("sensitivity, cold", "sensitivity json, cold cache", parse, 2.0),
            ("sensitivity json", "sensitivity json, warm cache", parse, 1.0),
            ("... no counts", "sensitivity json --no-rank-counts, warm", parse, 1.0),
            ("sensitivity csv", "sensitivity csv, warm cache", parse, 1.0),
            ("sensitivity table", "sensitivity table, warm cache", parse, 1.0),
        ]
    print("ratios of wall times (goal); of CPU times in brackets:")
    for label, case, floor, goal in ratios:
        ratio = med[case] / med[floor]
        verdict = "ok" if ratio <= goal else "MISSED"
        cpu_ratio = med_cpu[case] / med_cpu[floor]
        print(f"  {label:<18} {ratio:5.2f}x  [{cpu_ratio:5.2f}x]  (goal <= {goal:g}x: {verdict})")
    if json_megabytes is not None:
        cold_peak = max(rss["sensitivity json, cold cache"]) / 1024
        warm_peak = (
            max(
                max(values)
                for name, values in rss.items()
                if name.startswith("sensitivity") and "cold" not in name
            )
            / 1024
        )
        print(
            f"sensitivity: JSON {json_megabytes:.1f} MB, {lean_megabytes:.1f} MB with "
            f"--no-rank-counts (goal <= 15 MB: {'ok' if json_megabytes <= 15 else 'MISSED'}, "
            f"{'ok' if lean_megabytes <= 15 else 'MISSED'}); peak RSS cold {cold_peak:.0f} MB, "
            f"warm {warm_peak:.0f} MB (goal <= 700 MB: "
            f"{'ok' if cold_peak <= 700 else 'MISSED'}, {'ok' if warm_peak <= 700 else 'MISSED'})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
