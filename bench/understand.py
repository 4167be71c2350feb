"""Benchmark of question understanding on the labelled evaluation set.

    .venv/bin/python bench/understand.py [--repeat N] [--no-startup]

Prints, for the project's Understander and for a naive baseline in the same
run (rapidfuzz ``process.extractOne`` with ``fuzz.WRatio`` over every
service's name and aliases, top-1 only):

* accuracy: top-1 and top-3 service accuracy on the service questions,
  intent accuracy on all questions (the baseline has no intents);
* speed: questions per second, median and p99 latency per question;
* start-up: wall time of ``resident-bot understand --json 低保怎么办`` as a
  subprocess (median of 5), i.e. interpreter + imports + loading the KB +
  building the index + one answer.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "understand_labelled.yaml"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[k]


def timed(fn, items: list[str], repeat: int) -> tuple[list, list[float], float]:
    """Results of the first pass, per-call latencies of all passes, total seconds."""
    results: list = []
    latencies: list[float] = []
    total = 0.0
    for r in range(repeat):
        for text in items:
            start = time.perf_counter()
            out = fn(text)
            elapsed = time.perf_counter() - start
            latencies.append(elapsed)
            total += elapsed
            if r == 0:
                results.append(out)
    return results, latencies, total


def startup(runs: int = 5) -> tuple[float | None, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RESIDENT_BOT_")}
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH", "")) if p)
    cmd = [sys.executable, "-m", "bot.cli", "understand", "--json", "低保怎么办"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            return None, (done.stderr.strip().splitlines() or ["?"])[-1]
    return statistics.median(times), ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the set for the timings (default 5)")
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up measurement")
    args = parser.parse_args()

    from rapidfuzz import fuzz, process

    from knowledge.loader import load
    from knowledge.understanding import Understander

    questions = yaml.safe_load(LABELLED.read_text(encoding="utf-8"))["questions"]
    texts = [q["q"] for q in questions]
    services = [(i, q) for i, q in enumerate(questions) if q["intent"] == "service"]

    start = time.perf_counter()
    kb = load()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    understander = Understander(kb, cache_size=0)  # time the reading, not the cache of recent readings
    built = time.perf_counter() - start

    ours, our_lat, our_total = timed(understander.understand, texts, args.repeat)
    top1 = sum(ours[i].service_id == q["service_id"] for i, q in services)
    top3 = sum(q["service_id"] in [c.service_id for c in ours[i].candidates] for i, q in services)
    intent = sum(r.intent.value == q["intent"] for r, q in zip(ours, questions, strict=True))

    # the naive baseline: one fuzzy string match over names and aliases
    choices: list[str] = []
    owners: list[str] = []
    for s in kb:
        for text in (s.name, *s.aliases):
            choices.append(text)
            owners.append(s.id)
    service_texts = [q["q"] for _, q in services]

    def baseline(text: str) -> str | None:
        best = process.extractOne(text, choices, scorer=fuzz.WRatio)
        return owners[best[2]] if best else None

    base, base_lat, base_total = timed(baseline, service_texts, args.repeat)
    base_top1 = sum(b == q["service_id"] for b, (_, q) in zip(base, services, strict=True))

    n_all, n_svc = len(questions), len(services)
    our_median, base_median = statistics.median(our_lat), statistics.median(base_lat)
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor() or "?",
    ) if Path("/proc/cpuinfo").exists() else platform.processor() or "?"

    print(f"machine: {os.cpu_count()} CPUs, {cpu}; Python {platform.python_version()}")
    print(f"labelled set: {n_all} questions, {n_svc} about a service; KB {kb.summary()}")
    print(f"load KB {loaded * 1000:.0f} ms, build Understander {built * 1000:.0f} ms; timings over {args.repeat} passes")
    print()
    print(f"{'':26}{'top-1':>9}{'top-3':>9}{'intent':>9}{'q/s':>10}{'median':>11}{'p99':>11}")
    print(
        f"{'Understander':26}{top1 / n_svc:>9.1%}{top3 / n_svc:>9.1%}{intent / n_all:>9.1%}"
        f"{len(our_lat) / our_total:>10.0f}{our_median * 1000:>9.3f}ms{percentile(our_lat, 0.99) * 1000:>9.3f}ms"
    )
    print(
        f"{'baseline extractOne WRatio':26}{base_top1 / n_svc:>9.1%}{'—':>9}{'—':>9}"
        f"{len(base_lat) / base_total:>10.0f}{base_median * 1000:>9.3f}ms{percentile(base_lat, 0.99) * 1000:>9.3f}ms"
    )
    print()
    print(
        f"ratio Understander / baseline: top-1 accuracy ×{(top1 / n_svc) / max(base_top1 / n_svc, 1e-9):.2f}, "
        f"median latency ×{our_median / base_median:.2f}"
    )
    print(f"  (top-1 {top1}/{n_svc} vs {base_top1}/{n_svc}; top-3 {top3}/{n_svc}; intent {intent}/{n_all})")

    if not args.no_startup:
        median, error = startup()
        if median is None:
            print(f"start-up of `resident-bot understand --json 低保怎么办`: failed ({error})")
        else:
            print(f"start-up of `resident-bot understand --json 低保怎么办` (median of 5): {median * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
