"""Bare lists of product names: naming a tool is not explaining a technique.

"Prometheus, Grafana, ELK, Jaeger." or "OAuth, JWT, HTTPS." is a list of
products, not a design: a strict interviewer does not tick metrics, tracing or
encryption for it. In a sentence that is only a short list (three or more
items of at most a few words, optionally after a short "Label:"), a product
name earns an item only when the item's own hint names that product as an
instance of the concept ("a durable queue or stream (Kafka, Kinesis, SQS,
RabbitMQ)", "providers (SES or SendGrid ...)"). Technique names in the same
list ("circuit breaker", "sharding", "event sourcing") are not products and
still count; so does any product named in a real sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress

# Folded single words that name a product, a service or a protocol (not a technique).
_PRODUCT_WORDS = """
    prometheus grafana datadog cloudwatch newrelic jaeger zipkin opentelemetry otel elk kibana elasticsearch
    logstash splunk loki tempo honeycomb sentry pagerduty opsgenie
    lambda kubernetes k8s docker ecs eks fargate helm terraform serverless microservices
    https http tls ssl mtls oauth oauth2 jwt saml kms vault iam
    redis memcached postgres postgresql mysql dynamodb cassandra mongodb s3 aurora
    kafka kinesis sqs sns rabbitmq nats eventbridge pubsub
    ses sendgrid mailgun fcm apns twilio
    hystrix resilience4j envoy istio nginx
    rest graphql grpc json
"""
PRODUCTS = frozenset(_PRODUCT_WORDS.split())
MIN_ITEMS = 3
MAX_ITEM_WORDS = 3  # "CAP theorem", "event sourcing", "cloud native"
MAX_LABEL_WORDS = 3  # "Observability stack: Prometheus, Grafana, Jaeger"
_WORD_RE = re.compile(r"[^\W_]+")
_SEPARATOR_RE = re.compile(r"\s*(?:[,+/&;]|\band\b|\bor\b|\by\b|\bo\b)\s*", re.IGNORECASE)
_LEAD_RE = re.compile(r"^[\s\-*•#>\d.)]*")


def is_bare_list(sentence: str) -> bool:
    """Only a list: three or more items of at most MAX_ITEM_WORDS words each, nothing else."""
    body = _LEAD_RE.sub("", sentence).strip().rstrip(".!").strip()
    label, colon, rest = body.partition(":")
    if colon and len(_WORD_RE.findall(label)) <= MAX_LABEL_WORDS:
        body = rest
    items = [item for item in _SEPARATOR_RE.split(body) if item and item.strip()]
    return len(items) >= MIN_ITEMS and all(len(_WORD_RE.findall(item)) <= MAX_ITEM_WORDS for item in items)


def listed_products(
    text: str, sentences: Sequence[tuple[int, int]], words: Sequence[str], sentence_of: Sequence[int]
) -> tuple[str, ...]:
    """Per token: the product it names when it sits in a bare list, else "". () when there is none."""
    hits = list(compress(range(len(words)), map(PRODUCTS.__contains__, words)))  # C speed on long answers
    if not hits:
        return ()
    lists = {s for s in {sentence_of[i] for i in hits} if is_bare_list(text[slice(*sentences[s])])}
    if not lists:
        return ()
    marks = [""] * len(words)
    for i in hits:
        if sentence_of[i] in lists:
            marks[i] = words[i]
    return tuple(marks)


def named_products(*texts: str) -> frozenset[str]:
    """The products a text (an item's hint) names as instances of its concept."""
    return frozenset(word for text in texts for word in _WORD_RE.findall(text.lower()) if word in PRODUCTS)
