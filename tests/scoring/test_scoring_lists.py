"""A bare list of product names is not a design: tools listed earn only the items whose hint names them."""

from __future__ import annotations

import pytest

from coach.scoring import score_answers
from coach.scoring.lists import is_bare_list


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    from coach.content import Library

    return Library(use_user_dir=False).bundle("notifications")


def _covered(shipped, step: str, text: str) -> frozenset[str]:  # type: ignore[no-untyped-def]
    return score_answers({step: text}, shipped, "en").covered_ids()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prometheus, Grafana, ELK, Jaeger.", True),
        ("- OAuth, JWT, HTTPS", True),
        ("Observability stack: Prometheus, Grafana and Jaeger.", True),
        ("We export metrics to Prometheus, trace with Jaeger and log to ELK.", False),
        ("Kafka, Redis.", False),  # two items: too little to call it a list
    ],
)
def test_a_bare_list_is_only_short_items(text: str, expected: bool) -> None:
    assert is_bare_list(text) is expected


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        ("observability", "Prometheus, Grafana, ELK, Jaeger.", "obs.metrics"),
        ("observability", "Prometheus, Grafana, ELK, Jaeger.", "obs.tracing"),
        ("architecture", "Kafka, Redis, microservices, Kubernetes, Lambda, Docker.", "arch.workers"),
        ("security", "OAuth, JWT, HTTPS.", "sec.encryption"),
    ],
)
def test_listed_tools_do_not_tick_what_they_are_used_for(shipped, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    assert item not in _covered(shipped, step, text)


@pytest.mark.parametrize(
    ("step", "text", "item"),
    [
        # the hint names Kafka as a queue or stream, and SES/FCM as providers
        ("architecture", "Kafka, Redis, microservices, Kubernetes, Lambda, Docker.", "arch.queue"),
        ("architecture", "SES, FCM, Twilio.", "arch.providers"),
        # technique names in a list are named concepts
        ("failures", "Retries, circuit breaker, Hystrix.", "fail.circuit_breaker"),
        ("scaling", "Horizontal scaling, sharding, load balancers.", "scale.horizontal"),
        # a product in a real sentence still counts
        ("observability", "We trace every request with Jaeger across the API and the workers.", "obs.tracing"),
    ],
)
def test_named_techniques_and_tools_in_sentences_still_tick(shipped, step: str, text: str, item: str) -> None:  # type: ignore[no-untyped-def]
    assert item in _covered(shipped, step, text)
