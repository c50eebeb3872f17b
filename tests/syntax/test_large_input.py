"""Source text of any size: lexing and parsing take memory linear in the input
with a small constant (measured with tracemalloc: the peak of what parsing
allocates, over the source itself), and what the front cannot take is a
positioned syntax error, never a Python exception."""
import tracemalloc

import pytest

from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

SIZE = 3_000_000
BYTES_PER_CHAR = 10


def _peak_per_char(source: str) -> float:
    tracemalloc.start()
    try:
        module = parse(source)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert module is not None
    return peak / len(source)


@pytest.mark.parametrize("shape, source", [
    ("string literal", '$t:="' + "a" * SIZE + '"\n'),
    ("escapes", '$t:="' + "\\t" * (SIZE // 2) + '"\n'),
    ("line comment", "// " + "c" * SIZE + "\n$a:=1\n"),
    ("block comment", "/* " + "c" * SIZE + " */\n$a:=1\n"),
])
def test_memory_is_linear_with_a_small_constant(shape, source):
    assert _peak_per_char(source) < BYTES_PER_CHAR, shape


def test_long_literal_keeps_its_text():
    module = parse('$t:="' + 'ab\\"\\t' * 500_000 + '"\n')
    assert module.body[0].value.value == 'ab"\t' * 500_000


@pytest.mark.parametrize("source, line, column", [
    ('$a:=1\n$t:="' + "a" * SIZE + "\n", 2, 5),
    ("$a:=1\n/* " + "c" * SIZE, 2, 1),
])
def test_unterminated_long_token_is_a_positioned_error(source, line, column):
    with pytest.raises(FourDSyntaxError) as caught:
        parse(source)
    assert (caught.value.line, caught.value.column) == (line, column)
