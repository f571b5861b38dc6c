"""Write N synthetic, valid profiles for the bundled rubric into a folder (seeded, repeatable).

Each profile looks like a planner's: every one of the rubric's indicators, a level (some
unknown, as ``level: null`` with a note), a confidence, an English and a Chinese evidence text
of a few sentences, one to three sources, and a measured value for metric indicators. The same
seed and N give byte-identical files.

    python benchmarks/generate.py 3000 /tmp/profiles --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
RUBRIC = ROOT / "rubrics" / "smart-policing.yaml"

_WORDS = tuple(
    " ".join(
        (
            "bureau platform data sharing command centre video network cloud officers training",
            "security audit leading group plan budget province county integration application",
            "dispatch intelligence records standard interface access control encryption backup",
            "drill vendor university recruitment retention survey review report regulation",
        )
    ).split()
)
_ZH_WORDS = tuple(
    " ".join(
        (
            "公安 平台 数据 共享 指挥 中心 视频 网络 云 民警",
            "培训 安全 审计 领导小组 规划 预算 省 县 整合 应用",
        )
    ).split()
)
_RELIABILITY = ("primary", "secondary", "repost")
_CONFIDENCE = ("high", "medium", "low")


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _evidence(rng: random.Random) -> str:
    return " ".join(_sentence(rng, rng.randint(8, 18)) for _ in range(rng.randint(2, 4)))


def _evidence_zh(rng: random.Random) -> str:
    return "".join(rng.choice(_ZH_WORDS) for _ in range(rng.randint(20, 50))) + "。"


def _source(rng: random.Random, n: int) -> dict[str, Any]:
    source: dict[str, Any] = {
        "title": _sentence(rng, rng.randint(3, 8)).rstrip("."),
        "url": f"https://example.gov.cn/policing/{rng.randrange(10**8):08d}/{n}.html",
        "reliability": rng.choice(_RELIABILITY),
    }
    if rng.random() < 0.6:
        source["date"] = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
    return source


def _assessment(rng: random.Random, indicator: dict[str, Any]) -> dict[str, Any]:
    if rng.random() < 0.1:
        return {"level": None, "note": _sentence(rng, rng.randint(6, 14))}
    entry: dict[str, Any] = {}
    if indicator.get("kind") == "metric":
        entry["value"] = round(rng.uniform(0.0, 4.0), 2)
    else:
        entry["level"] = rng.randint(0, 4)
    entry["confidence"] = rng.choice(_CONFIDENCE)
    if rng.random() < 0.95:
        entry["evidence"] = _evidence(rng)
        entry["evidence_zh"] = _evidence_zh(rng)
        entry["sources"] = [_source(rng, n) for n in range(rng.randint(1, 3))]
    return entry


def indicators(rubric_path: Path = RUBRIC) -> list[dict[str, Any]]:
    """The indicator mappings of the rubric, in rubric order."""
    with rubric_path.open("rb") as handle:
        rubric = yaml.load(handle, Loader=yaml.CSafeLoader)
    return [ind for dim in rubric["dimensions"] for ind in dim["indicators"]]


def profile(rng: random.Random, n: int, rubric_indicators: list[dict[str, Any]]) -> dict[str, Any]:
    """One synthetic county-level profile."""
    data: dict[str, Any] = {
        "id": f"county-{n:05d}",
        "name": f"County {n:05d} Public Security Bureau",
        "name_zh": f"第{n:05d}县公安局",
        "kind": "county",
        "rubric": "smart-policing",
        "assessed": dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(300)),
        "assessor": "synthetic benchmark generator",
        "indicators": {ind["id"]: _assessment(rng, ind) for ind in rubric_indicators},
    }
    if rng.random() < 0.3:
        data["targets"] = {ind["id"]: 4 for ind in rng.sample(rubric_indicators, 3)}
    return data


def generate(count: int, folder: Path, seed: int = 1) -> list[Path]:
    """Write ``count`` profiles into ``folder`` (created if needed); returns their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rubric_indicators = indicators()
    paths = []
    for n in range(1, count + 1):
        path = folder / f"county-{n:05d}.yaml"
        text = yaml.dump(
            profile(rng, n, rubric_indicators),
            Dumper=yaml.CSafeDumper,
            allow_unicode=True,
            sort_keys=False,
            width=96,
        )
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="number of profiles")
    parser.add_argument("folder", type=Path, help="folder to write them into")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    paths = generate(args.count, args.folder, args.seed)
    size = sum(p.stat().st_size for p in paths)
    sys.stderr.write(f"wrote {len(paths)} profiles ({size / 1_048_576:.1f} MB) to {args.folder}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
