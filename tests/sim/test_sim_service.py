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
                                              retry_budget_high_s=0.0, retry_budget_normal_s=0.0,
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
    """Lanes (user, channel, priority) whose deliveries left in another order than accepted."""
    trace = result.trace
    assert trace is not None
    broken = 0
    for (user, _, high), delivered in trace.delivered.items():
        kept = set(delivered)
        broken += delivered != [nid for nid in sorted(trace.accepted[(user, high)]) if nid in kept]
    return broken


@_PROPERTY
@given(seed=st.integers(0, 10_000), high_share=st.sampled_from([0.0, 0.5]))
def test_user_partitioning_keeps_each_users_order(small: SimConfig, seed: int, high_share: float) -> None:
    """Per user, channel and priority lane, delivery order equals acceptance order, retries included."""
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
    """published = delivered + DLQ + expired + in flight, also when the run stops mid-flight."""
    config = small.with_(seed=seed, drain_s=drain_s, fail_rate=0.2, retries=2, channels=("email", "sms"),
                         outages=(Outage(3.0, 4.0),), retry_budget_high_s=3.0, expiry_high_s=2.5)
    result = run_service(config)
    assert result.published + sum(result.suppressed.values()) == result.accepted * 2
    assert result.published == (result.delivered_total + result.dlq_total + sum(result.expired.values())
                                + result.in_flight)
    if drain_s == 0.0:
        assert result.in_flight > 0


@_PROPERTY
@given(seed=st.integers(0, 10_000), threshold=st.sampled_from([1, 5, 20]), probes=st.sampled_from([1, 3]))
def test_breaker_lets_no_call_through_while_open(small: SimConfig, seed: int, threshold: int, probes: int) -> None:
    """Through an outage the breaker opens and closes again, and no call is made while it is open."""
    config = small.with_(seed=seed, duration_s=30.0, outages=(Outage(5.0, 10.0),), breaker_open_s=2.0, fail_rate=0.0,
                         breaker_min_calls=threshold, breaker_half_open_calls=probes)
    result = run_service(config)
    states = [t.after for t in result.transitions]
    assert "open" in states and states[-1] == "closed"
    assert result.calls_while_open == 0
    assert result.short_circuited > 0


def test_breaker_keeps_messages_out_of_the_dlq(small: SimConfig) -> None:
    """A long outage: without a breaker messages die; with one they wait and are delivered."""
    outage = {"duration_s": 40.0, "outages": (Outage(5.0, 20.0),), "fail_rate": 0.0, "failover": False,
              "retry_budget_high_s": 0.0, "retry_budget_normal_s": 0.0, "expiry_high_s": 0.0}
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


# ------------------------------------------------------- simulation v2 (issue 9)


def test_breaker_trips_on_error_rate_not_on_a_few_failures_in_a_row() -> None:
    """Five failures in a row among many successes leave it closed; half the window failing opens it."""
    from coach.sim.providers import Breaker

    breaker = Breaker("email", open_s=5.0, half_open_calls=1, window_s=10.0, min_calls=20, error_rate=0.5)
    for i in range(100):
        breaker.record(i * 0.05, ok=True, probe=False)
    for i in range(5):
        breaker.record(5.0 + i * 0.01, ok=False, probe=False)
    assert breaker.state == "closed"
    for i in range(150):
        breaker.record(6.0 + i * 0.01, ok=False, probe=False)
        if breaker.state == "open":
            break
    # Open once failures reach half of the ~105 + i calls in the window, not after 5 or 10.
    assert breaker.state == "open" and 90 < i < 110


def test_breaker_needs_its_minimum_calls_and_forgets_old_buckets() -> None:
    """19 failures of 19 calls do not trip a breaker that needs 20; failures older than the window do not count."""
    from coach.sim.providers import Breaker

    breaker = Breaker("sms", open_s=5.0, half_open_calls=1, window_s=10.0, min_calls=20, error_rate=0.5)
    for i in range(19):
        breaker.record(i * 0.1, ok=False, probe=False)
    assert breaker.state == "closed" and breaker.total == 19
    breaker.record(30.0, ok=False, probe=False)  # 28 s later: the old failures left the window
    assert breaker.state == "closed" and breaker.total == 1


def test_outage_on_a_named_channel_hits_only_that_channel(small: SimConfig) -> None:
    """`sms:2:5` fails SMS calls only; push and email see no outage."""
    from coach.sim.config import parse_outage

    outage = parse_outage("sms:2:5")
    assert (outage.channel, outage.start_s, outage.length_s, outage.secondary) == ("sms", 2.0, 5.0, False)
    result = run_service(small.with_(channel_mix=(), outages=(outage,), failover=False, fail_rate=0.0))
    assert result.failures["outage"] > 0
    assert result.dlq == {"push": 0, "email": 0, "sms": 0}
    service = NotificationService(small.with_(outages=(outage,)))
    assert [p.outages for p in service.providers[:3]] == [(), (), (outage,)]


def test_old_outage_form_is_the_first_channel() -> None:
    """`30:60` still parses, as the first channel's primary provider."""
    from coach.sim.config import parse_outage

    assert parse_outage("30:60") == Outage(30.0, 60.0)
    assert parse_outage("push-secondary:1:2") == Outage(1.0, 2.0, "push", True)


def test_failover_delivers_through_the_secondary_while_the_breaker_is_open(small: SimConfig) -> None:
    """A 20 s outage of the primary: the secondary takes the calls, nothing is dead-lettered or expires,
    and no call reaches a provider whose breaker is open."""
    config = small.with_(duration_s=40.0, channels=("email",), outages=(Outage(5.0, 20.0, "email"),),
                         fail_rate=0.0, failover=True)
    result = run_service(config)
    assert result.failed_over["email"] > 500
    assert result.dlq_total == 0 and sum(result.expired.values()) == 0
    assert result.calls_while_open == 0
    assert result.latency.percentile(0.99) < 5.0
    without = run_service(config.with_(failover=False))
    assert without.latency.percentile(0.99) > 10 * result.latency.percentile(0.99)


def test_both_providers_down_pauses_the_workers(small: SimConfig) -> None:
    """Primary and secondary down: the workers wait; the messages are delivered after the outage."""
    down = (Outage(2.0, 10.0, "email"), Outage(2.0, 10.0, "email", True))
    result = run_service(small.with_(duration_s=20.0, channels=("email",), outages=down, fail_rate=0.0))
    assert result.dlq_total == 0 and result.in_flight == 0
    assert result.calls_while_open == 0
    assert result.failures["outage"] < 500


def test_expired_messages_are_dropped_not_delivered_late(small: SimConfig) -> None:
    """High priority only, expiry 5 s, a 30 s outage with no secondary: messages older than 5 s are expired,
    and no call starts after a message's expiry (so none ends later than expiry + timeout)."""
    config = small.with_(duration_s=40.0, channels=("push",), outages=(Outage(5.0, 30.0),), fail_rate=0.0,
                         failover=False, high_priority_share=1.0, expiry_high_s=5.0, retry_budget_high_s=60.0)
    result = run_service(config)
    assert result.expired["push"] > 1000
    assert result.statuses["expired"] == result.expired["push"]
    assert result.latency.max < 5.0 + config.timeout_s
    assert result.published == result.delivered_total + result.dlq_total + result.expired["push"] + result.in_flight


def test_retry_budget_outlasts_a_retry_count(small: SimConfig) -> None:
    """A 60 s outage: 5 retries are spent in seconds (DLQ); a 300 s budget retries until the provider is back."""
    common = {"duration_s": 20.0, "channels": ("push",), "outages": (Outage(5.0, 60.0),), "fail_rate": 0.0,
              "breaker": False, "failover": False, "expiry_high_s": 0.0, "expiry_normal_s": 0.0}
    counted = run_service(small.with_(**common, retries=5, retry_budget_high_s=0.0, retry_budget_normal_s=0.0))
    budget = run_service(small.with_(**common, retry_budget_high_s=300.0, retry_budget_normal_s=300.0,
                                     drain_s=120.0))
    assert counted.dlq_total > 1000
    assert budget.dlq_total == 0 and budget.in_flight == 0


def test_without_jitter_retries_come_in_synchronized_bursts(small: SimConfig) -> None:
    """A burst that fails together retries together without jitter; full jitter spreads the later waves."""
    common = {"duration_s": 60.0, "qps": 5.0, "channels": ("push",), "outages": (Outage(10.0, 40.0),),
              "fail_rate": 0.0, "breaker": False, "failover": False, "held": 1000, "release_at_s": 10.0}
    lockstep = run_service(small.with_(**common, jitter=False))
    spread = run_service(small.with_(**common, jitter=True))

    def late_peak(result: ServiceResult) -> int:
        return max(n for second, n in result.retries_per_s.items() if 20 <= second < 50)

    assert late_peak(lockstep) > 3 * late_peak(spread)
    assert spread.attempts >= lockstep.attempts  # jitter waits less on average: it never saves calls


def test_channel_mix_gives_each_channel_its_share(small: SimConfig) -> None:
    """Push 80 %, email 40 %, SMS 2 % of notifications, and every notification has a channel."""
    result = run_service(small.with_(duration_s=60.0, suppressed_rate=0.0))
    shares = {name: (result.delivered[name] + result.dlq[name]) / result.accepted for name in result.delivered}
    assert abs(shares["push"] - 0.8) < 0.02 and abs(shares["email"] - 0.4) < 0.02
    assert abs(shares["sms"] - 0.02) < 0.006
    assert result.published >= result.accepted


def test_mix_table_covers_every_draw() -> None:
    """The arcs of the mix cover [0, 1): every draw picks a non-empty subset with the right shares."""
    from coach.sim.service import _mix_table

    points, subsets = _mix_table((0.8, 0.4, 0.02))
    assert all(subsets) and len(subsets) == len(points) + 1
    edges = [0.0, *points, 1.0]
    share = [sum(high - low for low, high, chosen in zip(edges, edges[1:], subsets, strict=False) if ch in chosen)
             for ch in range(3)]
    assert [round(s, 9) for s in share] == [0.8, 0.4, 0.02]


def test_statuses_hold_what_providers_report(small: SimConfig) -> None:
    """Push-only notifications end `sent` (no receipt), email and SMS ones `delivered`; bounces,
    suppressions and mixed outcomes (`partial`) appear too."""
    result = run_service(small.with_(duration_s=30.0, bounce_rate=0.05, suppressed_rate=0.05))
    statuses = result.statuses
    for name in ("sent", "delivered", "partial", "bounced", "suppressed"):
        assert statuses[name] > 0, name
    assert statuses["queued"] == 0 and statuses["deferred"] == 0
    assert sum(statuses.values()) == result.accepted


def test_quiet_hours_release_is_paced(small: SimConfig) -> None:
    """5,000 held, released at 500/s from t=2 s: deferred until then, released by ~12 s, all delivered."""
    config = small.with_(duration_s=20.0, channels=("push",), held=5000, release_at_s=2.0, release_per_s=500.0,
                         suppressed_rate=0.0)
    service = NotificationService(config)
    result = service.run()
    assert 11.5 <= result.release_end_s <= 12.1
    assert result.statuses["deferred"] == 0 and result.in_flight == 0
    early = NotificationService(config.with_(duration_s=1.0, drain_s=0.0)).run()
    assert early.statuses["deferred"] == 5000
    unpaced = run_service(config.with_(release_per_s=0.0))
    assert unpaced.max_partition_lag > 10 * max(1, result.max_partition_lag)


def test_a_high_priority_code_does_not_wait_behind_the_same_users_normal_message(small: SimConfig) -> None:
    """Lanes per priority: the user's normal message is stuck in retries, their code still goes out."""
    service = NotificationService(small.with_(channels=("sms",), outages=(Outage(0.0, 5.0),), failover=False,
                                              breaker=False, fail_rate=0.0))
    normal = service.post({"idempotencyKey": "k-1", "userId": "u9", "channels": ["sms"], "template": "promo",
                           "data": {}, "priority": "normal"})
    service.engine.run(until=5.5)
    code = service.post({"idempotencyKey": "k-2", "userId": "u9", "channels": ["sms"], "template": "otp",
                         "data": {}, "priority": "high"})
    service.engine.run(until=6.0)
    assert service.status(int(code.body["id"])) == "delivered"
    assert service.status(int(normal.body["id"])) == "queued"  # still backing off
