"""A bounded fuzz run of the parser, compiler and interpreter (fuzzing.py).

Every program -- a corpus or sample file mutated, or a method generated
from a small grammar of 4D -- must end in success, a positioned syntax error
or a 4D error (or meet its time limit): never another Python exception, never
error -10999 (fourd's own bugs, Concepts/error-handling.md lists the errors
4D code can meet). ``bench/fuzz.py --minutes N`` runs the same for longer.

Crashes found in files this area does not own are :data:`fuzzing.KNOWN_BUGS`:
each has a strict xfail test below with a smallest program, and is not a
failure of the fuzz tests.
"""
import warnings

import pytest
from hypothesis import HealthCheck, given, settings

import fuzzing
from fourd.commands.registry import lookup

def fuzz(examples: int):
    return settings(max_examples=examples, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module", autouse=True)
def limits():
    with fuzzing.fuzzing_limits():
        yield


def survives(seed, source):
    verdict = fuzzing.run_program(seed, source)
    if verdict.kind == fuzzing.CRASH and fuzzing.known_bug(verdict) is None:
        pytest.fail(f"crash:\n{source}\n{verdict.detail}")
    return verdict


# Undefined(literal) makes Python warn: test_compiled_code_makes_python_warn_of_nothing.
@pytest.mark.filterwarnings('ignore:"is" with a literal:SyntaxWarning')
@fuzz(100)
@given(fuzzing.generated_programs())
def test_generated_programs(case):
    survives(*case)


@fuzz(250)
@given(fuzzing.mutated_programs())
def test_mutated_corpus_and_samples(case):
    survives(*case)


@pytest.mark.parametrize("seed", fuzzing.SEEDS, ids=lambda seed: seed.path.name)
def test_every_seed_runs_unchanged(seed):
    """The seeds are valid 4D: no syntax error (a method run without its
    parameters may meet a 4D error)."""
    assert survives(seed, seed.source).kind in (fuzzing.OK, fuzzing.ERROR_4D)


@pytest.mark.parametrize("source, kind", [
    ("return 1+1", fuzzing.OK),
    ("return 1\\0", fuzzing.ERROR_4D),
    ("If (True", fuzzing.SYNTAX),
    ("While (True)\nEnd while", fuzzing.TIMEOUT),
])
def test_verdicts(source, kind):
    assert fuzzing.run_program(None, source, timeout=0.3).kind == kind


@pytest.mark.parametrize("source", ['$r:=Length("x")', '$r:=Try(Length("x"))',
                                    'Try\n\t$r:=Length("x")\nCatch\nEnd try'])
def test_a_bug_of_fourd_is_a_crash_even_when_try_catches_it(monkeypatch, source):
    def broken(*args):
        raise TypeError("a bug")

    monkeypatch.setattr(lookup("Length"), "func", broken)
    monkeypatch.setattr(lookup("Length"), "implementation", broken)   # what literal arguments call
    verdict = fuzzing.run_program(None, source)
    assert verdict.kind == fuzzing.CRASH and "TypeError: a bug" in verdict.detail


@pytest.mark.parametrize("name", [
    pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=bug.expected))
    for name, bug in fuzzing.KNOWN_BUGS.items()])
def test_known_bug(name):
    verdict = fuzzing.run_program(None, fuzzing.KNOWN_BUGS[name].program)
    assert verdict.kind != fuzzing.CRASH, verdict.detail


# Crashes the fuzzer found and that were fixed: each must now end in a 4D
# error or a positioned syntax error, never an internal one.
FIXED = {
    "unknown type name": 'var $t : Texte:="x"',
    "parameter declared twice": "#DECLARE($a : Integer; $a : Text)",
    "too many parameters to new()": "$b:=4D.Blob.new(1; 2)",
    "huge collection index": "var $c : Collection:=[]\n$c[1e20]:=1",
    "Round with many places": "$r:=Round(1.5; 2024)",
    "Undefined of a literal": '$u:=Undefined("a")',
}


@pytest.mark.parametrize("name", FIXED)
def test_fixed_crash_stays_fixed(name):
    verdict = fuzzing.run_program(None, FIXED[name])
    assert verdict.kind != fuzzing.CRASH, verdict.detail


# Deep code: 4D accepts it (operators.md: any number of operands, evaluated
# left to right; control flow blocks nest), so it must compile and run, or at
# worst be a positioned syntax error. The compiler turns each into nested
# Python; past the limits of Python's parser (200 parentheses, 100
# indentation levels) or of its own recursion it reports a syntax error.
DEEP = {
    "300 operands": "$x:=1" + "+1" * 300 + "\nreturn $x",
    "100 nested If": "If (True)\n" * 100 + "$x:=1\n" + "End if\n" * 100,
    "1000 nested collections": "$x:=" + "[" * 1000 + "]" * 1000,
    "1000 unary minus": "$x:=" + "-" * 1000 + "1",
}


@pytest.mark.parametrize("name", DEEP)
def test_deep_code(name):
    verdict = fuzzing.run_program(None, DEEP[name], timeout=5)
    assert verdict.kind in (fuzzing.OK, fuzzing.SYNTAX), verdict.detail


def test_compiled_code_makes_python_warn_of_nothing():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        verdict = fuzzing.run_program(None, 'return Undefined("a")')
    assert verdict.kind == fuzzing.OK, verdict.detail
