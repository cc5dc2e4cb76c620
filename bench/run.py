"""Benchmarks: `make bench`. Builds the synthetic authority at scale 1 on PostgreSQL and
prints generation time and server-side response times (median and p95).

Environment: BENCH_DATABASE_URL (default a scratch database `trellis_bench` on the local
PostgreSQL), BENCH_SCALE (default 1), BENCH_REQUESTS (default 200), BENCH_REUSE=1 to keep an
already-loaded database instead of rebuilding it, BENCH_ONLY to measure some of pages, clocks
and returns (comma-separated; `make bench-scale10` measures only the returns at scale 10).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/trellis_bench"
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
REUSE = os.environ.get("BENCH_REUSE") == "1"
PARTS = ("pages", "clocks", "returns")
ONLY = [p.strip() for p in os.environ.get("BENCH_ONLY", ",".join(PARTS)).split(",") if p.strip()]

os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("TRELLIS_DEBUG", "1")
os.environ["TRELLIS_TESTING"] = "1"  # fast password hashing for the bench logins
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "csc.settings")


def recreate_database() -> None:
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    unknown = sorted(set(ONLY) - set(PARTS))
    if unknown:
        sys.exit(f"BENCH_ONLY: unknown {', '.join(unknown)}; choose from {', '.join(PARTS)}")
    if DATABASE_URL.startswith("postgres") and not REUSE:
        recreate_database()

    import django

    django.setup()
    from django.core.management import call_command

    from bench.measure import measure_pages

    results: dict[str, object] = {"database": DATABASE_URL.split("@")[-1], "scale": SCALE}
    call_command("migrate", verbosity=0)
    from people.models import Person

    if not (REUSE and Person.objects.exists()):
        started = time.perf_counter()
        call_command("load_demo_data", scale=SCALE, seed=1, verbosity=2)  # progress lines
        results["demo_generation_seconds"] = round(time.perf_counter() - started, 1)
        print(f"Demo generation at scale {SCALE:g}: {results['demo_generation_seconds']} s")
    from bench.capabilities import measure_clocks, measure_returns

    if "pages" in ONLY:
        results.update(measure_pages(REQUESTS))
    if "clocks" in ONLY:
        results.update(measure_clocks())
    if "returns" in ONLY:
        results.update(measure_returns())
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    text = json.dumps(results, indent=2)
    (out / "latest.json").write_text(text)
    (out / f"scale-{SCALE:g}.json").write_text(text)
    print(f"Results written to {out / 'latest.json'} and {out / f'scale-{SCALE:g}.json'}")


if __name__ == "__main__":
    main()
