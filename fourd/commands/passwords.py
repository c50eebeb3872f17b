"""Password hashes (commands-legacy/generate-password-hash.md,
verify-password-hash.md), with bcrypt, the only algorithm 4D documents.

bcrypt uses at most 72 bytes of a password: the doc says "only the first 72
characters are used"; fourd takes the first 72 characters, then at most the
first 72 bytes of their UTF-8 (the bcrypt package refuses longer input).
"""
from __future__ import annotations

import bcrypt

from fourd.commands.arguments import ANY, TEXT, command_with, incompatible
from fourd.runtime.errors import fail
from fourd.runtime.values import UNDEFINED, Obj, is_number

# Errors of generate-password-hash.md.
UNSUPPORTED_ALGORITHM = 850
INVALID_COST = 852
DEFAULT_COST = 10
MAX_PASSWORD = 72


def _password_bytes(password: str) -> bytes:
    return password[:MAX_PASSWORD].encode("utf-8")[:MAX_PASSWORD]


@command_with("Generate password hash", TEXT, ANY)
def generate_password_hash(password: str, options=UNDEFINED) -> str:
    """A bcrypt hash with a new random salt; invalid options give an error and ""."""
    algorithm, cost = "bcrypt", DEFAULT_COST
    if isinstance(options, Obj):
        algorithm = dict.get(options, "algorithm", algorithm)
        cost = dict.get(options, "cost", cost)
    elif options is not UNDEFINED and options is not None:
        incompatible("Generate password hash", "the options must be an object")
        return ""
    if algorithm != "bcrypt":          # case sensitive (the doc)
        fail(UNSUPPORTED_ALGORITHM, "Password-hash: Unsupported algorithm.")
        return ""
    if not is_number(cost) or cost != int(cost) or not 4 <= cost <= 31:
        fail(INVALID_COST, "Password-hash: Unavailable bcrypt cost parameter, please provide a value "
                           "between 4 and 31.")
        return ""
    return bcrypt.hashpw(_password_bytes(password), bcrypt.gensalt(rounds=int(cost))).decode("ascii")


@command_with("Verify password hash", TEXT, TEXT)
def verify_password_hash(password: str, hash_text: str) -> bool:
    """Whether *password* gives *hash_text*; a hash that is not bcrypt's is error 850."""
    try:
        return bcrypt.checkpw(_password_bytes(password), hash_text.encode("ascii"))
    except (ValueError, UnicodeEncodeError):
        fail(UNSUPPORTED_ALGORITHM, "Password-hash: Unsupported algorithm.")
        return False
