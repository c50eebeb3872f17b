"""Lexing rules real projects need: emoji and other non-ASCII symbols in
variable names, keywords spelled as function names."""
from fourd.syntax.lexer import tokenize


def tokens(source):
    return [(t.type, t.value) for t in tokenize(source)][:-1]


def test_emoji_in_local_and_interprocess_names():
    assert tokens("$🎩:=<>été🙂") == [("LOCAL", "🎩"), ("ASSIGN", ":="), ("INTERPROCESS", "été🙂"),
                                    ("_NL", "\n")]


def test_punctuation_still_ends_a_name():
    # The no-break space and typographic punctuation are not name characters.
    assert tokens("$a\u00a0+1")[0] == ("LOCAL", "a")
    assert tokens('$a+"…"')[:2] == [("LOCAL", "a"), ("PLUS", "+")]


def test_keyword_after_function_is_a_name():
    assert tokens("Function get try()")[:3] == [("FUNCTION", "Function"), ("NAME", "get"), ("NAME", "try")]
    assert tokens("Function while()")[:2] == [("FUNCTION", "Function"), ("NAME", "while")]
