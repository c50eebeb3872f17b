"""Syntax errors: typical mistakes give a precise position and a helpful message,
formatted like a compiler does (fourd.syntax.errors.FourDSyntaxError)."""
import pytest

from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

MISTAKES = [
    # (source, line, column, message)
    ("$a:=1+\n", 1, 7, "an expression is expected after '+'"),
    ("$a:=Foo(1; 2\n", 1, 13, "'(' opened at line 1, column 8 is not closed"),
    ("$a:=[1; 2\n$b:=1", 1, 10, "'[' opened at line 1, column 5 is not closed"),
    ("$a:=(1+2]\n", 1, 9, "']' does not close the '(' opened at line 1, column 5"),
    ("$a:=1)\n", 1, 6, "unexpected ')': no '(' is open"),
    ("$a:=1\nEnd if\n", 2, 1, "'End if' without a matching 'If'"),
    ("If ($a)\n  $b:=1\n\n", 2, 8, "'If' opened at line 1 has no 'End if' before the end of the file"),
    ("For ($i; 1; 3)\n  If ($i)\n  End for\n", 3, 3,
     "'If' opened at line 2 is not closed: expected 'End if' before 'End for'"),
    ("If ($a)\nFunction f\n", 2, 1, "'If' opened at line 1 is not closed: expected 'End if' before 'Function'"),
    ("Else\n", 1, 1, "'Else' outside 'If' or 'Case of'"),
    ("Try\nIf (True)\nEnd try", 3, 1, "'If' opened at line 2 is not closed: expected 'End if' before 'End try'"),
    ("Repeat\n$i+=1\nEnd while", 3, 1, "'Repeat' opened at line 1 is not closed: expected 'Until' before 'End while'"),
    ("$a:=1 @ 2\n", 1, 7, "unexpected character '@'"),
    ('$a:="abc\n', 1, 5, 'unterminated text literal: missing closing "'),
    ("$a:=$o.\n", 1, 8, "a property name is expected after '.'"),
    ("$a:=1 2\n", 1, 7, "unexpected '2'; expected end of line"),
    ("Case of\n  $a:=1\nEnd case\n", 2, 3, "unexpected '$a'; expected ':', Else, End case"),
    ("$d:=!2024-01!\n", 1, 5, "invalid date literal (expected !YYYY-MM-DD!)"),
    ("/* never closed\n$a:=1", 1, 1, "unterminated comment: /* has no closing */"),
    ("Function foo bar()\n", 1, 1, "expected 'get', 'set', 'query' or 'orderBy' before 'bar'"),
    ("SORT ARRAY($a; =)\n", 1, 16, "unexpected operator '=': an expression was expected"),
]


@pytest.mark.parametrize("source, line, column, message", MISTAKES)
def test_mistake_position_and_message(source, line, column, message):
    with pytest.raises(FourDSyntaxError) as info:
        parse(source, "m.4dm")
    err = info.value
    assert (err.path, err.line, err.column, err.message) == ("m.4dm", line, column, message)


def test_formatted_message_shows_the_line_and_a_caret():
    with pytest.raises(FourDSyntaxError) as info:
        parse("$a:=1\n$b:=Foo(1; 2\n", "Methods/m.4dm")
    assert info.value.format() == (
        "Methods/m.4dm:2:13: error: '(' opened at line 2, column 8 is not closed\n"
        "    $b:=Foo(1; 2\n"
        "                ^")


def test_caret_follows_tab_indentation():
    with pytest.raises(FourDSyntaxError) as info:
        parse("If (True)\n\t\t$a:=1+\nEnd if", "m.4dm")
    assert info.value.format().splitlines()[1:] == ["    \t\t$a:=1+", "    \t\t      ^"]


def test_positions_count_crlf_and_cr_line_ends():
    for newline in ("\r\n", "\r"):
        with pytest.raises(FourDSyntaxError) as info:
            parse(newline.join(["$a:=1", "$b:=2", "$c:=)"]), "m.4dm")
        assert (info.value.line, info.value.column, info.value.source_line()) == (3, 5, "$c:=)")


def test_deep_nesting_is_parsed_without_recursion_limits():
    module = parse("$x:=" + "(" * 2000 + "1" + ")" * 2000)
    assert module.body[0].value.value == 1.0


def test_deep_unclosed_nesting_is_a_clean_syntax_error():
    with pytest.raises(FourDSyntaxError, match="is not closed"):
        parse("$x:=" + "(" * 3000 + "1")
