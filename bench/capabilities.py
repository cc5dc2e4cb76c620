"""Non-page benchmarks: clock recomputation, and building the returns."""

from __future__ import annotations

import datetime
import random
import statistics
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.utils import timezone

from clocks.models import Clock
from clocks.recompute import recompute_for_person
from people.models import Person


def measure_clocks(samples: int = 200) -> dict[str, object]:
    started = time.perf_counter()
    call_command("recompute_clocks", verbosity=0)
    full = time.perf_counter() - started
    rng = random.Random(2)
    ids = list(Person.objects.filter(kind="child").values_list("pk", flat=True))
    timings = []
    for pk in rng.sample(ids, min(samples, len(ids))):
        t0 = time.perf_counter()
        recompute_for_person(pk)
        timings.append((time.perf_counter() - t0) * 1000)
    states: dict[str, int] = {}
    for state in Clock.objects.values_list("state", flat=True).iterator():
        states[state] = states.get(state, 0) + 1
    result = {
        "recompute_clocks_seconds": round(full, 1),
        "clock_recompute_per_action_median_ms": round(statistics.median(timings), 1),
        "clock_recompute_per_action_p95_ms": round(statistics.quantiles(timings, n=20)[18], 1),
        "clocks_total": sum(states.values()),
        "clocks_by_stored_state": states,
    }
    print(
        f"\nrecompute_clocks (everyone): {result['recompute_clocks_seconds']} s (target 20 s); "
        f"{result['clocks_total']:,} clocks {states}"
    )
    print(
        "clock recomputation per action: median "
        f"{result['clock_recompute_per_action_median_ms']} ms, p95 "
        f"{result['clock_recompute_per_action_p95_ms']} ms (target median 20 ms)"
    )
    return result


def measure_returns() -> dict[str, object]:
    from returns.annex_a.bench import build_and_write as annex_a
    from returns.cin_census.bench import build_and_write as census
    from returns.cin_census.bench import validate_timed
    from returns.cin_census.service import export_xml

    today = timezone.localdate()
    # The latest complete collection year ends on the 31 March before today.
    year = today.year if today.month > 3 else today.year - 1
    build_s, write_s, size = census(year)
    result: dict[str, object] = {
        "cin_census_year": year,
        "cin_census_build_seconds": round(build_s, 2),
        "cin_census_write_seconds": round(write_s, 2),
        "cin_census_bytes": size,
    }
    print(f"\nCIN census {year}: build {build_s:.2f} s, write {write_s:.2f} s, {size:,} bytes")
    # Annex A before the validator: at scale 10 the validator takes longest by far.
    as_of = datetime.date(year, 3, 31)
    seconds, size, counts = annex_a(as_of)
    result.update(
        {"annex_a_seconds": round(seconds, 2), "annex_a_bytes": size, "annex_a_rows": counts}
    )
    print(f"Annex A at {as_of}: {seconds:.2f} s, {size:,} bytes, rows per list {counts}")
    try:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "cin.xml"
            path.write_bytes(export_xml(year))
            # A large return takes the validator longer than the page's everyday limit.
            seconds, found = validate_timed(path, timeout=3600)
            result["validator_seconds"] = round(seconds, 1)
            result["validator_errors"] = len(found.errors)
            result["validator_queries"] = len(found.queries)
            print(
                f"DfE validator on it: {result['validator_seconds']} s, "
                f"{len(found.errors)} errors, {len(found.queries)} queries"
            )
    except Exception as exc:  # the figure is reported, never fatal to the benchmark
        result["validator_error"] = str(exc)
        print(f"DfE validator could not run: {exc}")
    return result
