"""Items a strict interviewer ticks only with all their parts (tests/eval/labels.toml, round-2 decisions)."""

from __future__ import annotations

import pytest

from coach.scoring import score_answers


@pytest.fixture(scope="module")
def shipped():  # type: ignore[no-untyped-def]
    from coach.content import Library

    return Library(use_user_dir=False).bundle("notifications")


def _covered(shipped, step: str, text: str) -> frozenset[str]:  # type: ignore[no-untyped-def]
    return score_answers({step: text}, shipped, "en").covered_ids()


@pytest.mark.parametrize(
    ("text", "covered"),
    [
        ("Use HTTPS.", False),
        ("Todo por HTTPS, y las credenciales fuera del código.", False),
        ("Least-privilege IAM roles, TLS everywhere.", False),
        ("Payloads are encrypted at rest with KMS.", False),
        ("Data is encrypted at rest with KMS keys and in transit with TLS everywhere.", True),
        ("Cifrado en reposo con KMS y TLS en tránsito.", True),
        ("Everything goes over TLS and the DB is encrypted at rest.", True),
        ("Lo guardado va cifrado con claves que gestionamos y todas las conexiones van cifradas.", True),
        ("Message bodies are end-to-end encrypted by the clients.", True),
    ],
)
def test_encryption_needs_at_rest_and_in_transit(shipped, text: str, covered: bool) -> None:  # type: ignore[no-untyped-def]
    assert ("sec.encryption" in _covered(shipped, "security", text)) is covered
