"""Generate password hash / Verify password hash (bcrypt), with the errors the doc lists."""
from __future__ import annotations

import bcrypt
import pytest
from commands.command_calls import raises_code, run

from fourd.runtime.values import Obj


def test_hash_and_verify():
    first = run("Generate password hash", "correct horse", Obj(cost=4))
    second = run("Generate password hash", "correct horse", Obj(algorithm="bcrypt", cost=4))
    assert first != second and first.startswith("$2b$04$")
    assert bcrypt.checkpw(b"correct horse", first.encode())
    assert run("Verify password hash", "correct horse", first) is True
    assert run("Verify password hash", "wrong horse", first) is False


def test_default_cost_is_10():
    assert run("Generate password hash", "pw").startswith("$2b$10$")


def test_only_the_first_72_characters_count():
    long_password = "x" * 72
    hashed = run("Generate password hash", long_password + "ignored", Obj(cost=4))
    assert run("Verify password hash", long_password, hashed) is True
    accents = "é" * 80           # 160 bytes of UTF-8: bcrypt takes 72 of them
    assert run("Verify password hash", accents, run("Generate password hash", accents, Obj(cost=4))) is True


@pytest.mark.parametrize("options, code", [(Obj(algorithm="BCRYPT"), 850), (Obj(cost=3), 852),
                                           (Obj(cost=32), 852), (Obj(cost=4.5), 852)])
def test_invalid_options(options, code):
    raises_code(code, "Generate password hash", "pw", options)


def test_a_hash_that_is_not_bcrypt():
    raises_code(850, "Verify password hash", "pw", "5f4dcc3b5aa765d61d8327deb882cf99")
