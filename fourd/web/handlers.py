"""HTTP request handlers declared in ``Project/Sources/HTTPHandlers.json``
(WebServer/http-request-handler.md).

Each entry has ``class`` and ``method`` (a function of a shared singleton
user class), ``pattern`` (a URL prefix: ``"docs"`` matches ``/docs`` and
``/docs/…``) or ``regexPattern`` (a regular expression matched at the start
of the path; it wins when both are given) and optionally ``verbs`` (a
comma-separated list, any letter case; all verbs when absent). The first
entry whose pattern matches the path *and* accepts the verb handles the
request; a path that matches only entries refusing its verb is answered
405 ("automatically rejected" by the server). Entries the page forbids
(``/4DACTION``, ``/rest``, ``/$lib/renderer``, ``/$shared``), or that are
malformed, are skipped with a warning on stderr: the server still starts.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Handler", "load_handlers", "match"]

FORBIDDEN_PREFIXES = ("/4daction", "/rest", "/$lib/renderer", "/$shared")


@dataclass(frozen=True)
class Handler:
    class_name: str
    method: str
    regex: re.Pattern
    verbs: frozenset | None        # upper-case verbs, or None for all


def _warn(path: Path, index: int, why: str) -> None:
    print(f"fourd: {path}: handler {index + 1} ignored: {why}", file=sys.stderr, flush=True)


def _compile(entry: dict) -> re.Pattern:
    regex = entry.get("regexPattern")
    if isinstance(regex, str):
        return re.compile(regex)
    prefix = entry["pattern"].strip("/")
    return re.compile("/" + re.escape(prefix) + r"(?=/|$)")


def _handler(entry, path: Path, index: int) -> Handler | None:
    if not isinstance(entry, dict):
        _warn(path, index, "not an object")
        return None
    class_name, method = entry.get("class"), entry.get("method")
    if not isinstance(class_name, str) or not isinstance(method, str) or not class_name or not method:
        _warn(path, index, '"class" and "method" must be texts')
        return None
    if not isinstance(entry.get("regexPattern"), str) and not isinstance(entry.get("pattern"), str):
        _warn(path, index, 'no "pattern" or "regexPattern"')
        return None
    try:
        regex = _compile(entry)
    except re.error as error:
        _warn(path, index, f"invalid regular expression: {error}")
        return None
    if any(regex.match(prefix) for prefix in FORBIDDEN_PREFIXES) or \
            any(regex.pattern.lower().lstrip("^").startswith(p) for p in FORBIDDEN_PREFIXES):
        _warn(path, index, "the pattern matches a URL reserved by 4D")
        return None
    verbs = entry.get("verbs")
    allowed = None
    if isinstance(verbs, str) and verbs.strip():
        allowed = frozenset(v.strip().upper() for v in verbs.split(",") if v.strip())
    return Handler(class_name, method, regex, allowed)


def load_handlers(path: Path) -> list[Handler]:
    """The handlers of *path* (empty if there is no such file); read at server start."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except OSError as error:
        print(f"fourd: cannot read {path}: {error}", file=sys.stderr, flush=True)
        return []
    try:
        entries = json.loads(text)
    except ValueError as error:
        print(f"fourd: {path} is not valid JSON ({error}): no HTTP request handlers", file=sys.stderr, flush=True)
        return []
    if not isinstance(entries, list):
        print(f"fourd: {path} must hold a collection: no HTTP request handlers", file=sys.stderr, flush=True)
        return []
    return [h for i, e in enumerate(entries) if (h := _handler(e, path, i)) is not None]


def match(handlers: list[Handler], path: str, verb: str) -> Handler | bool:
    """The handler of *path* with *verb*; True when only the verb was refused; False for none."""
    refused = False
    for handler in handlers:
        if handler.regex.match(path):
            if handler.verbs is None or verb in handler.verbs:
                return handler
            refused = True
    return refused
