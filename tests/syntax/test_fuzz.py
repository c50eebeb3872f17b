"""Bad input never escapes as a Python exception: `parse` either returns a
module or raises FourDSyntaxError, whatever the text (random text, and valid
4D code from tests/corpus cut, repeated and sprinkled with random characters)."""
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

CORPUS = [p.read_bytes().decode("utf-8") for p in
          sorted((Path(__file__).resolve().parents[1] / "corpus").rglob("*.4dm"))]

# Characters that matter to the lexer, so that random text reaches deep states.
ALPHABET = st.sampled_from(list("$<>[]{}()\"'!?:;.,=+-*/\\%^&|#@ \t\r\n0123456789aAzZ_é") +
                           ["If", "End if", "Case of", ":=", "->", "//", "/*", "*/", "Function ", "var ",
                            "Class constructor", "For each", "Until", "Begin SQL", ":C16", ":K8:3", "\ufeff"])
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def parses_or_raises_syntax_error(text):
    try:
        parse(text, "fuzz.4dm")
    except FourDSyntaxError as err:
        assert err.line >= 1 and err.column >= 1
        err.format()


@FUZZ
@given(st.text(max_size=300))
def test_random_text(text):
    parses_or_raises_syntax_error(text)


@FUZZ
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_random_4d_fragments(text):
    parses_or_raises_syntax_error(text)


@FUZZ
@given(st.sampled_from(CORPUS), st.integers(0, 10_000), st.integers(0, 40),
       st.lists(ALPHABET, max_size=5).map("".join))
def test_mutated_valid_code(source, at, length, insert):
    at %= len(source) + 1
    parses_or_raises_syntax_error(source[:at] + insert + source[at + length:])


@FUZZ
@given(st.sampled_from(CORPUS), st.data())
def test_shuffled_lines_of_valid_code(source, data):
    lines = source.splitlines()
    parses_or_raises_syntax_error("\n".join(data.draw(st.permutations(lines))))
