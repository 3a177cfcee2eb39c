"""The service's fast path against its reference: the inlined copies must not drift.

`NotificationService(reference=True)` runs the hot path through the methods it
otherwise inlines (Provider.call, Engine.schedule, Histogram.record,
Breaker.record, _complete, _release). Both modes draw the same random
numbers in the same order, so the same seed must give the same run to the bit:
every counter, every histogram bucket and sum, every sampled gauge, every breaker
transition, and the log, with every notification sampled (its lines are the run's
event log: accepted, sent, failed attempts, dead letters, expiries, breaker moves).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest

from coach.sim.config import Outage, SimConfig
from coach.sim.metrics import Histogram, TimeSeries
from coach.sim.service import NotificationService, ServiceResult, run_service

_OUTAGE = Outage(3.0, 4.0)
# Each configuration reaches branches of the inlined copies the others may not.
CASES: dict[str, dict[str, Any]] = {
    # The benchmark's shape: exponential latency, errors, retries with full jitter, breaker on.
    "lean": {"channels": ("email", "push"), "fail_rate": 0.02, "channel_mix": (), "suppressed_rate": 0.0},
    # An outage trips the breakers: short circuits, half-open probes, paused workers, wake-ups.
    "outage_breaker": {"duration_s": 20.0, "outages": (_OUTAGE,), "breaker_open_s": 2.0, "fail_rate": 0.05,
                       "breaker_min_calls": 5, "breaker_half_open_calls": 3, "jitter": True},
    # The primary is down: the secondary takes the calls (failover), then both.
    "failover": {"duration_s": 20.0, "channels": ("email",), "failover": True, "fail_rate": 0.01,
                 "outages": (Outage(2.0, 6.0, "email"), Outage(5.0, 2.0, "email", True))},
    # Messages expire on the stream and before a retry; retry budgets per priority.
    "expiry": {"duration_s": 20.0, "channels": ("push", "sms"), "outages": (Outage(2.0, 8.0),),
               "failover": False, "high_priority_share": 0.5, "expiry_high_s": 2.0, "expiry_normal_s": 4.0,
               "retry_budget_high_s": 30.0, "retry_budget_normal_s": 6.0, "fail_rate": 0.1},
    # Quiet hours: held notifications released at a paced rate (fresh starts from `_publish`).
    "quiet_hours": {"duration_s": 8.0, "channels": ("push", "email"), "held": 2000, "release_at_s": 1.0,
                    "release_per_s": 800.0, "fail_rate": 0.05},
    # 429 for the abusive client, 503 for a partition over its shard's ingest limit.
    "rate_limits": {"duration_s": 3.0, "qps": 3000.0, "partitions": 1, "shard_throughput_qps": 1000.0,
                    "workers": 400, "abusive_client_qps": 1000.0, "rate_limit_per_client_qps": 100.0,
                    "rate_limit_burst": 50},
    # Client replays and conflicts, a short TTL (sweeps), bounces and suppressions (statuses).
    "dedupe": {"duplicate_rate": 0.2, "conflict_rate": 0.05, "idempotency_ttl_s": 0.5, "fail_rate": 0.1,
               "bounce_rate": 0.05, "suppressed_rate": 0.05, "trace": True},
    # Retries without jitter, lognormal latency (never inlined), no breaker, round-robin partitions.
    "lockstep": {"duration_s": 15.0, "jitter": False, "outages": (_OUTAGE,), "breaker": False,
                 "service_dist": "lognormal", "partition_by_user": False},
}


def _snapshot(result: ServiceResult) -> dict[str, Any]:
    """Everything a run reports, as plain comparable values (histograms and gauges included)."""
    out: dict[str, Any] = {}
    for item in fields(result):
        value = getattr(result, item.name)
        if isinstance(value, Histogram):
            value = (value.counts, value.zeros, value.total, value.overflow)
        elif item.name == "series":
            value = {name: series.values for name, series in value.items() if isinstance(series, TimeSeries)}
        out[item.name] = value
    return out


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("seed", [1, 7])
def test_fast_path_and_reference_give_the_same_run(small: SimConfig, case: str, seed: int) -> None:
    """Same seed through the inlined copies and through the reference methods: the same run."""
    config = small.with_(seed=seed, log_sample_rate=1.0, max_log_lines=10**6, **CASES[case])
    fast, reference = run_service(config), run_service(config, reference=True)
    assert fast.accepted > 0 and fast.log_lines
    assert _snapshot(fast) == _snapshot(reference)


def test_the_cases_reach_what_the_copies_skip(small: SimConfig) -> None:
    """The comparison is not vacuous: the fast path inlines Provider.call where the provider allows
    it, the reference mode never does, and the cases go through the branches that matter."""
    fast = NotificationService(small.with_(**CASES["lean"]))
    reference = NotificationService(small.with_(**CASES["lean"]), reference=True)
    assert all(provider.plain for provider in fast.providers)
    assert not any(provider.plain for provider in reference.providers)
    runs = {case: run_service(small.with_(seed=1, **changes)) for case, changes in CASES.items()}
    assert runs["outage_breaker"].short_circuited > 0 and runs["outage_breaker"].transitions
    assert sum(runs["failover"].failed_over.values()) > 0
    assert sum(runs["expiry"].expired.values()) > 0 and runs["expiry"].retries > 0
    assert runs["quiet_hours"].held and runs["quiet_hours"].release_end_s > 1.0
    assert runs["rate_limits"].throttled > 0 and runs["rate_limits"].rate_limited_abusive > 0
    assert runs["dedupe"].replayed > 0 and runs["dedupe"].conflicts > 0
    assert runs["dedupe"].statuses["bounced"] + runs["dedupe"].statuses["partial"] > 0
    assert runs["lockstep"].retries > 0


def test_post_is_the_same_in_both_modes(small: SimConfig) -> None:
    """The API path (`post` -> `accept`) answers and ends the same way in both modes."""
    body = {"idempotencyKey": "k-1", "userId": "u1", "channels": ["email", "push"], "template": "welcome",
            "data": {}, "priority": "high"}
    answers = []
    for reference in (False, True):
        service = NotificationService(small.with_(channels=("email", "push"), fail_rate=0.3), reference=reference)
        replies = [service.post(body), service.post(body), service.post({**body, "template": "other"})]
        service.engine.run()
        answers.append(([(r.status_code, r.body) for r in replies], service.delivered, service.retries,
                        service.status(0), service.latency.counts, service.engine.events_run))
    assert answers[0] == answers[1]
