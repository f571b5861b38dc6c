"""Benchmark of `policebench sensitivity`: 10,000 samples over 3,000 generated profiles.

The profiles are generated in memory with a fixed seed, the size of the bundled rubric (every
indicator; about 10% unknown; confidence high, medium or low with equal chance), so the run
moves levels, imputes nothing (the bundled rubric leaves unknowns out) and draws weights and
aggregations as the defaults say. Prints the time of :func:`analysis.sensitivity.run`, the
peak resident memory, and a floor measured in the same process: NumPy drawing the same
Dirichlet weights and doing one matrix product of the same shape (samples x indicators times
indicators x places). The ratio says how far the whole analysis is from that floor. The run is
timed ``--reps`` times (the median and best are printed: this machine's timings vary by a
fifth from run to run); CPU and memory include the worker processes a large run forks.

    python benchmarks/bench_sensitivity.py [--places 3000] [--samples 10000] [--seed 1] [--reps 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from policebench.analysis.sensitivity import run  # noqa: E402
from policebench.models import Profile, Rubric  # noqa: E402
from policebench.workspace import bundled, load_rubric  # noqa: E402


def profiles(rubric: Rubric, count: int, seed: int) -> list[Profile]:
    """``count`` valid profiles of ``rubric`` (levels, confidences, some unknown), seeded."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        indicators: dict[str, dict[str, object]] = {}
        for ind_id, ind in rubric.indicators.items():
            if rng.random() < 0.1:
                indicators[ind_id] = {"level": None, "note": "not found"}
                continue
            entry: dict[str, object] = {"confidence": rng.choice(("high", "medium", "low"))}
            if ind.kind == "metric":
                entry["value"] = round(rng.uniform(0.0, 4.0), 2)
            else:
                entry["level"] = rng.randint(rubric.scale.min, rubric.scale.max)
            indicators[ind_id] = entry
        out.append(
            Profile.model_validate(
                {
                    "id": f"place-{n:05d}",
                    "name": f"Place {n}",
                    "rubric": rubric.id,
                    "assessed": dt.date(2025, 1, 1),
                    "indicators": indicators,
                }
            )
        )
    return out


def floor_seconds(rubric: Rubric, places: int, samples: int, seed: int) -> float:
    """NumPy alone: the same Dirichlet draws, and one product of the same shape."""
    import numpy as np

    start = time.perf_counter()
    rng = np.random.default_rng(seed)
    dims = [d.weight for d in rubric.dimensions]
    rng.dirichlet([50 * w / sum(dims) for w in dims], size=samples)
    weights = np.ones((len(rubric.indicators), samples))
    row = 0
    for dim in rubric.dimensions:
        w = [i.weight for i in dim.indicators]
        weights[row : row + len(w)] = rng.dirichlet([50 * x / sum(w) for x in w], size=samples).T
        row += len(w)
    scores = rng.random((len(rubric.indicators), places))
    product = weights.T @ scores
    assert product.shape == (samples, places)
    return time.perf_counter() - start


def peak_mib(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory so far, of this process or (RUSAGE_CHILDREN) of its largest
    finished child; ru_maxrss is in KiB on Linux."""
    return resource.getrusage(who).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time (user + system) of this process and of its finished children."""
    own, children = (
        resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--places", type=int, default=3000)
    parser.add_argument("--samples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None, help="workers (default: cores)")
    parser.add_argument("--reps", type=int, default=3, help="timed runs (default 3)")
    args = parser.parse_args()

    rubric = load_rubric(bundled("rubrics") / "smart-policing.yaml")[0]
    places = profiles(rubric, args.places, args.seed)
    import numpy  # noqa: F401  (imported before timing, as the CLI does before run)

    before = peak_mib()
    load = os.getloadavg()[0]  # before the runs, which load the cores themselves
    walls, cpus = [], []
    for _ in range(max(1, args.reps)):
        start, cpu = time.perf_counter(), cpu_seconds()
        result = run(rubric, places, samples=args.samples, seed=args.seed, workers=args.workers)
        walls.append(time.perf_counter() - start)
        cpus.append(cpu_seconds() - cpu)
    floor = min(floor_seconds(rubric, args.places, args.samples, args.seed) for _ in range(3))
    median = statistics.median(walls)

    print(f"places {args.places}, indicators {len(rubric.indicators)}, samples {args.samples}")
    print(f"sources varied: {', '.join(result.sources)}; index pairs {result.index_samples}")
    runs = ", ".join(f"{w:.2f} s" for w in walls)
    print(f"sensitivity.run: median {median:.2f} s, best {min(walls):.2f} s ({runs})")
    print(f"CPU per run (all processes and threads): median {statistics.median(cpus):.2f} s")
    print(
        f"peak RSS: this process {peak_mib():.0f} MiB (before the runs {before:.0f} MiB), "
        f"largest worker process {peak_mib(resource.RUSAGE_CHILDREN):.0f} MiB"
    )
    print(
        f"floor (Dirichlet draws + one {args.samples}x{len(rubric.indicators)} @ "
        f"{len(rubric.indicators)}x{args.places} product): {floor:.3f} s"
    )
    print(f"ratio median run / floor: {median / floor:.1f}")
    if load > 1.5:  # the profile generation above keeps one core busy itself
        print(f"note: load average {load:.1f} before the runs: other work shares the cores")


if __name__ == "__main__":
    main()
