"""The reference service: API contract, idempotency, rate limits, and the properties the issue lists."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.sim.api import IdempotencyStore, TokenBuckets
from coach.sim.config import Outage, SimConfig
from coach.sim.service import NotificationService, ServiceResult, run_service

_PROPERTY = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _body(key: str = "k-1", **changes: object) -> dict[str, object]:
    body: dict[str, object] = {"idempotencyKey": key, "userId": "u123", "channels": ["email", "push"],
                               "template": "welcome", "data": {"name": "Ana"}, "priority": "high"}
    body.update(changes)
    return body


def _service(small: SimConfig, **changes: object) -> NotificationService:
    return NotificationService(small.with_(channels=("email", "push"), fail_rate=0.0, **changes))


# ------------------------------------------------------------------- API


def test_replayed_post_returns_the_same_id_and_delivers_once(small: SimConfig) -> None:
    """Same key and body: 202 with the same id, one delivery per channel, status sent."""
    service = _service(small)
    first, replay = service.post(_body()), service.post(_body())
    assert (first.status_code, replay.status_code) == (202, 202)
    assert first.body["id"] == replay.body["id"]
    assert service.get_status(int(first.body["id"])).body["status"] == "queued"
    service.engine.run()
    assert service.delivered == [1, 1]
    assert service.get_status(int(first.body["id"])).body == {"id": first.body["id"], "status": "sent"}


def test_same_key_different_body_is_a_conflict(small: SimConfig) -> None:
    """Same key, another body: 409 and nothing published."""
    service = _service(small)
    service.post(_body())
    conflict = service.post(_body(template="password_reset"))
    assert conflict.status_code == 409
    assert service.published == 2 and service.conflicts == 1


def test_invalid_body_is_rejected_with_the_field(small: SimConfig) -> None:
    """pydantic validation: 422 naming the field; unknown fields are refused too."""
    service = _service(small)
    assert service.post(_body(channels=["fax"])).body["error"].startswith("channels.0")
    assert service.post(_body(priority="urgent")).status_code == 422
    assert service.post({**_body(), "extra": 1}).status_code == 422
    assert service.get_status(99).status_code == 404


def test_without_dedupe_a_replay_is_delivered_twice(small: SimConfig) -> None:
    """The idempotency store is what prevents the duplicate."""
    service = _service(small, dedupe=False)
    service.post(_body())
    service.post(_body())
    service.engine.run()
    assert service.delivered == [2, 2]


def test_idempotency_key_expires_after_its_ttl() -> None:
    """A key is remembered for its TTL, then forgotten (and evicted)."""
    store = IdempotencyStore(ttl_s=10.0)
    store.put("k", 7, 1, now=0.0)
    assert store.lookup("k", 9.99) == (7, 1)
    assert store.lookup("k", 10.0) is None
    assert len(store) == 0


def test_token_bucket_allows_the_burst_then_the_rate() -> None:
    """Burst first, then one token per 1/rate seconds."""
    buckets = TokenBuckets(rate=10.0, burst=3)
    assert [buckets.allow("c", 0.0) for _ in range(4)] == [True, True, True, False]
    assert not buckets.allow("c", 0.05)
    assert buckets.allow("c", 0.15)
    assert buckets.allow("other", 0.15)  # buckets are per client


def test_partial_status_when_one_channel_fails(small: SimConfig) -> None:
    """A provider outage on the first channel, no retries: email fails, push is sent -> partial."""
    service = NotificationService(small.with_(channels=("email", "push"), fail_rate=0.0, retries=0,
                                              breaker=False, outages=(Outage(0.0, 100.0),)))
    accepted = service.post(_body())
    service.engine.run()
    assert service.status(int(accepted.body["id"])) == "partial"
    assert service.dlq == [1, 0]


# ------------------------------------------------------------ properties


@_PROPERTY
@given(seed=st.integers(0, 10_000), duplicate_rate=st.sampled_from([0.05, 0.3]))
def test_with_dedupe_no_key_is_delivered_twice(small: SimConfig, seed: int, duplicate_rate: float) -> None:
    """Client replays never produce a second delivery of the same key on a channel."""
    result = run_service(small.with_(seed=seed, duplicate_rate=duplicate_rate, trace=True, fail_rate=0.05))
    assert result.trace is not None and result.replayed > 0
    assert max(result.trace.deliveries_per_key.values()) == 1


def _out_of_order(result: ServiceResult) -> int:
    trace = result.trace
    assert trace is not None
    accepted: dict[int, list[int]] = {}
    for (user, _), ids in trace.accepted.items():
        accepted.setdefault(user, []).extend(ids)
    broken = 0
    for (user, _), delivered in trace.delivered.items():
        kept = set(delivered)
        broken += delivered != [nid for nid in sorted(accepted[user]) if nid in kept]
    return broken


@_PROPERTY
@given(seed=st.integers(0, 10_000), high_share=st.sampled_from([0.0, 0.5]))
def test_user_partitioning_keeps_each_users_order(small: SimConfig, seed: int, high_share: float) -> None:
    """Per user and channel, delivery order equals acceptance order, retries and priorities included."""
    config = small.with_(seed=seed, users=50, trace=True, fail_rate=0.1, high_priority_share=high_share,
                         service_dist="lognormal")
    assert _out_of_order(run_service(config)) == 0


def test_round_robin_loses_the_order(small: SimConfig) -> None:
    """The same workload spread round-robin delivers some users out of order (the property can fail)."""
    config = small.with_(users=50, trace=True, fail_rate=0.1, service_dist="lognormal", partition_by_user=False)
    assert _out_of_order(run_service(config)) > 0


@_PROPERTY
@given(seed=st.integers(0, 10_000), drain_s=st.sampled_from([0.0, 0.5, 30.0]))
def test_nothing_is_lost(small: SimConfig, seed: int, drain_s: float) -> None:
    """published = delivered + DLQ + in flight, also when the run stops mid-flight."""
    config = small.with_(seed=seed, drain_s=drain_s, fail_rate=0.2, retries=2, channels=("email", "sms"),
                         outages=(Outage(3.0, 4.0),))
    result = run_service(config)
    assert result.published == result.accepted * 2
    assert result.published == result.delivered_total + result.dlq_total + result.in_flight
    if drain_s == 0.0:
        assert result.in_flight > 0


@_PROPERTY
@given(seed=st.integers(0, 10_000), threshold=st.sampled_from([1, 5]), probes=st.sampled_from([1, 3]))
def test_breaker_lets_no_call_through_while_open(small: SimConfig, seed: int, threshold: int, probes: int) -> None:
    """Through an outage the breaker opens and closes again, and no call is made while it is open."""
    config = small.with_(seed=seed, duration_s=30.0, outages=(Outage(5.0, 10.0),), breaker_open_s=2.0, fail_rate=0.0,
                         breaker_failure_threshold=threshold, breaker_half_open_calls=probes)
    result = run_service(config)
    states = [t.after for t in result.transitions]
    assert "open" in states and states[-1] == "closed"
    assert result.calls_while_open == 0
    assert result.short_circuited > 0


def test_breaker_keeps_messages_out_of_the_dlq(small: SimConfig) -> None:
    """A long outage: without a breaker messages die; with one they wait and are delivered."""
    outage = {"duration_s": 40.0, "outages": (Outage(5.0, 20.0),), "fail_rate": 0.0}
    without = run_service(small.with_(breaker=False, **outage))
    with_breaker = run_service(small.with_(breaker=True, breaker_open_s=5.0, **outage))
    assert without.dlq_total > 100
    assert with_breaker.dlq_total < without.dlq_total / 10
    assert with_breaker.failures["outage"] < without.failures["outage"] / 10


def test_same_seed_same_results(small: SimConfig) -> None:
    """Determinism: the whole report is equal for equal seeds and differs for another seed."""
    config = small.with_(fail_rate=0.05, duplicate_rate=0.05, log_sample_rate=0.05)
    first, second = run_service(config), run_service(config)
    assert first.latency.counts == second.latency.counts
    assert first.log_lines == second.log_lines
    assert (first.delivered, first.retries, first.events) == (second.delivered, second.retries, second.events)
    assert run_service(config.with_(seed=config.seed + 1)).latency.counts != first.latency.counts


def test_log_sampling_does_not_change_the_run(small: SimConfig) -> None:
    """Sampling is decided by a hash of the id, not the run's random stream."""
    quiet = run_service(small.with_(log_sample_rate=0.0))
    loud = run_service(small.with_(log_sample_rate=0.5))
    assert quiet.latency.counts == loud.latency.counts
    assert loud.log_lines and not quiet.log_lines
    assert all('"traceId"' in line for line in loud.log_lines if "notification" in line or "delivery" in line)


def test_abusive_client_is_rate_limited_alone(small: SimConfig) -> None:
    """A client over its limit gets 429s; honest clients get none."""
    config = small.with_(duration_s=3.0, abusive_client_qps=small.rate_limit_per_client_qps * 3)
    result = run_service(config)
    assert result.rate_limited_abusive > 0 and result.rate_limited == 0


def test_a_partition_over_its_shard_limit_is_throttled(small: SimConfig) -> None:
    """Ingest above partitions × shard throughput gets 503s."""
    config = small.with_(qps=3000.0, duration_s=1.0, partitions=1, shard_throughput_qps=1000.0,
                         workers=400, rate_limit_per_client_qps=1e6, rate_limit_burst=10**6)
    result = run_service(config)
    assert result.throttled > 1000
    assert result.accepted < 1300
