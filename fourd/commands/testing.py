"""fourd's own command for 4D tests: ``skipTest({reason})`` (docs/TESTING.md).

4D has no test framework, so no 4D command says "skip this test". A test
method or test function calls ``skipTest("why")`` to end itself and be
reported as skipped by ``fourd test``, the pytest plugin and ``fourd
doctest --run``. The name is a single word because multi-word command names
must be in 4D's catalog of commands, and this one is not a 4D command.
"""
from __future__ import annotations

from fourd.commands.arguments import TEXT, command_with
from fourd.runtime.errors import Codes, FourDError


class TestSkipped(FourDError):
    """Raised by ``skipTest``: ends the running test, which counts as skipped."""

    __test__ = False          # not a pytest test class despite its name


@command_with("skipTest", TEXT)
def skip_test(reason: str = "") -> None:
    # Raised, not signalled with fail(): an ON ERR CALL handler must not be
    # able to resume the test after it asked to be skipped.
    raise TestSkipped(Codes.TEST_SKIPPED, reason or "skipped", "fourd")
