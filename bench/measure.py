"""Server-side response times, measured in-process with Django's test client.

Each benchmark picks realistic targets from the loaded authority (deterministically),
makes N requests as a user who may see them, and reports median and p95 in milliseconds.
Other capabilities add their pages to PAGE_BENCHMARKS.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count
from django.test import Client
from django.test.utils import setup_test_environment

from accounts.models import User
from people.models import Person


@dataclass(frozen=True)
class PageBenchmark:
    name: str
    user: Callable[[], User]
    urls: Callable[[random.Random, int], list[str]]
    target_p95_ms: float = 150.0


def _director() -> User:
    return User.objects.get(username="director")


def _child_urls(rng: random.Random, n: int) -> list[str]:
    ids = list(
        Person.objects.filter(kind="child", is_restricted=False, allocations__ended_on__isnull=True)
        .values_list("pk", flat=True)
        .distinct()
    )
    return [f"/people/{rng.choice(ids)}/" for _ in range(n)]


def _search_urls(rng: random.Random, n: int) -> list[str]:
    names = list(
        Person.objects.filter(kind="child").values_list("legal_forename", "legal_surname")[:2000]
    )
    urls = []
    for _ in range(n):
        first, last = rng.choice(names)
        query = rng.choice([f"{last}", f"{last} {first}", f"{first[:-1]}e {last}"])
        urls.append(f"/people/search/?name={query.replace(' ', '+')}")
    return urls


def _user(username: str) -> Callable[[], User]:
    return lambda: User.objects.get(username=username)


def _repeat(url: str) -> Callable[[random.Random, int], list[str]]:
    return lambda rng, n: [url] * n


def _long_history_urls(rng: random.Random, n: int) -> list[str]:
    ids = list(
        Person.objects.filter(kind="child", is_restricted=False)
        .annotate(events_count=Count("events"))
        .filter(events_count__gte=50)
        .values_list("pk", flat=True)[:500]
    )
    if not ids:
        raise RuntimeError("No child has 50 or more events")
    return [f"/people/{rng.choice(ids)}/" for _ in range(n)]


def _paged(url: str, pages: int) -> Callable[[random.Random, int], list[str]]:
    return lambda rng, n: [f"{url}?page={rng.randint(1, pages)}" for _ in range(n)]


PAGE_BENCHMARKS: list[PageBenchmark] = [
    PageBenchmark("child record page", _director, _child_urls),
    PageBenchmark("child page, 50+ events", _director, _long_history_urls),
    PageBenchmark("person search", _director, _search_urls),
    PageBenchmark("MASH queue", _user("mash"), _paged("/front-door/", 3)),
    PageBenchmark("partner requests board", _user("mash"), _paged("/front-door/requests/", 3)),
    PageBenchmark("My work", _user("worker"), _repeat("/my-work/")),
    PageBenchmark("Team", _user("manager"), _repeat("/team/")),
    PageBenchmark("Service", _user("head"), _repeat("/clocks/service/")),
]


def _time(client: Client, urls: list[str]) -> list[float]:
    timings = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return timings


def measure_pages(requests: int) -> dict[str, object]:
    setup_test_environment()
    results: dict[str, object] = {}
    print(f"\n{'page':32} {'n':>5} {'median ms':>10} {'p95 ms':>8} {'target':>8}")
    for bench in PAGE_BENCHMARKS:
        rng = random.Random(1)
        client = Client()
        client.force_login(bench.user())
        urls = bench.urls(rng, requests)
        _time(client, urls[:10])  # warm caches and connections
        timings = _time(client, urls)
        median = statistics.median(timings)
        p95 = statistics.quantiles(timings, n=20)[18]
        verdict = "ok" if p95 <= bench.target_p95_ms else "SLOW"
        print(
            f"{bench.name:32} {len(timings):>5} {median:>10.1f} {p95:>8.1f}"
            f" {bench.target_p95_ms:>7.0f} {verdict}"
        )
        results[bench.name] = {
            "n": len(timings),
            "median_ms": round(median, 1),
            "p95_ms": round(p95, 1),
        }
    return results
