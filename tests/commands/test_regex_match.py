"""Match regex (commands/match-regex.md, fourd/commands/regex_match.py):
the documented examples, capture-group arrays, ICU syntax (inline flags as
4D-SVG writes them, set operations, \\Q...\\E, \\x{...})."""
import pytest
from command_calls import Var, raises_code, run

from fourd.commands.registry import STAR
from fourd.runtime.arrays import Array4D
from fourd.runtime.errors import Codes


# --- match-regex.md ------------------------------------------------------------------------

def test_match_regex_complete_equality():
    assert run("Match regex", ".*smith.*", "John smith jr") is True
    assert run("Match regex", "smith", "John smith jr") is False


def test_match_regex_example_4_star():
    pos, length = Var(), Var()
    assert run("Match regex", "a.b", "---a-b---", 1.0, pos.ref, length.ref) is True
    assert (pos.value, length.value) == (4, 3)
    assert run("Match regex", "a.b", "---a-b---", 1.0, pos.ref, length.ref, STAR) is False
    assert run("Match regex", "a.b", "---a-b---", 4.0, pos.ref, length.ref, STAR) is True


def test_match_regex_example_2_loop_over_tags():
    text, start, tags = "<a> and <b>", 1, []
    pos, length = Var(), Var()
    while run("Match regex", "<[^>]*>", text, float(start), pos.ref, length.ref):
        tags.append(text[pos.value - 1:pos.value - 1 + length.value])
        start = pos.value + length.value
    assert tags == ["<a>", "<b>"]


def test_match_regex_not_found_and_start_only():
    pos, length = Var(9), Var(9)
    assert run("Match regex", "z", "abc", 1.0, pos.ref, length.ref) is False
    assert (pos.value, length.value) == (0, 0)
    assert run("Match regex", "c", "abc", 2.0) is True
    assert run("Match regex", "a", "abc", 2.0) is False


def test_match_regex_invalid_pattern_is_an_error():
    raises_code(Codes.REGEX_SYNTAX, "Match regex", "(", "abc")


def test_match_regex_unicode_positions():
    pos, length = Var(), Var()
    assert run("Match regex", "w.rld", "héllo wörld", 1.0, pos.ref, length.ref) is True
    assert (pos.value, length.value) == (7, 5)


def arrays():
    return Var(Array4D("longint")), Var(Array4D("longint"))


def test_match_regex_example_3_capture_groups_in_arrays():
    pos, length = arrays()
    text = "my stuff is good"
    assert run("Match regex", "(.*)stuff(.*)", text, 1.0, pos.ref, length.ref) is True
    assert pos.value.items == [1, 1, 9] and length.value.items == [16, 3, 8]
    assert text[pos.value.items[2] - 1:][:length.value.items[2]] == " is good"


def test_match_regex_group_that_took_no_part_is_zero():
    pos, length = arrays()
    assert run("Match regex", "(a)|(b)", "xb", 1.0, pos.ref, length.ref) is True
    assert pos.value.items == [2, 0, 2] and length.value.items == [1, 0, 1]


def test_match_regex_no_match_empties_the_arrays():
    pos, length = arrays()
    pos.value.resize(3)
    assert run("Match regex", "(z)", "abc", 1.0, pos.ref, length.ref) is False
    assert pos.value.items == [0] and length.value.items == [0]


@pytest.mark.parametrize("pattern, text, expected", [
    ("(?mi-s)font-size:(\\d*)", "FONT-SIZE:12", True),       # 4D-SVG SVG_New_text
    ("(?m-si)ref: refs/heads/(.*)$", "ref: refs/heads/main", True),
    ("(?s).+", "a\nb", True),
    (".+", "a\nb", False),
    ("a(?i)b", "aB", True),
    ("(?i:a)b", "AB", False),
    ("[[a-z]--[aeiou]]+", "xyz", True),
    ("[[a-z]--[aeiou]]+", "xaz", False),
    ("\\Qa.b\\E", "a.b", True),
    ("\\Qa.b\\E", "axb", False),
    ("\\x{41}\\x{1F600}", "A\U0001F600", True),
    ("[[:alpha:]]+\\d++", "abc12", True),
    ("(?>a+)b", "aab", True),
    ("\\p{Lu}\\p{Ll}+", "Émile", True),
])
def test_icu_syntax(pattern, text, expected):
    assert run("Match regex", pattern, text) is expected
