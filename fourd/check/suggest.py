""""Did you mean": the closest known name to a misspelt one."""
from __future__ import annotations

import difflib
import functools
from functools import cache

from fourd.syntax import catalog

#: How alike a name must be to be suggested (difflib's ratio).
CUTOFF = 0.75


def closest(name: str, candidates, cutoff: float = CUTOFF) -> str | None:
    """The candidate closest to *name* (case ignored), or None if none is close."""
    return _closest(name.lower(), tuple(candidates), cutoff)


@functools.lru_cache(maxsize=4096)
def _closest(lowered: str, candidates: tuple, cutoff: float) -> str | None:
    # A misspelt name tends to recur: each is looked for once per set of candidates.
    spelled = _spelled(candidates)
    found = difflib.get_close_matches(lowered, list(spelled), n=1, cutoff=cutoff)
    return spelled[found[0]] if found else None


@functools.lru_cache(maxsize=16)
def _spelled(candidates: tuple) -> dict[str, str]:
    return {candidate.lower(): candidate for candidate in candidates}


def did_you_mean(name: str, candidates) -> str:
    """``"; did you mean 'X'?"`` or nothing."""
    found = closest(name, candidates)
    return f"; did you mean '{found}'?" if found else ""


@cache
def command_names() -> tuple[str, ...]:
    """Current names of the 4D commands (former ``_O_`` names are not suggested)."""
    return tuple(info.name for info in catalog.commands() if not info.name.startswith("_O_"))


@cache
def constant_names() -> tuple[str, ...]:
    return tuple(info.name for info in catalog.constants())
