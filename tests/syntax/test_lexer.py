"""The lexer (fourd.syntax.lexer): the token stream handed to the parser.

Rules from Concepts/identifiers.md (names), quick-tour.md (comments, `\\`
continuation), dt_string.md (`[[i]]` character references) and the tokenized
form of exported code (`Name:C16`, `Name:K8:27`, `[Table:3]Field:2`).
"""
import pytest

from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.lexer import tokenize


def tokens(source):
    """(type, value) of each token, without the final $END."""
    return [(t.type, t.value) for t in tokenize(source)][:-1]


def types(source):
    return [t.type for t in tokenize(source)][:-1]


def test_statements_end_at_newlines_and_blank_or_comment_lines_collapse():
    assert types("$a:=1\n\n// note\n\n$b:=2") == ["LOCAL", "ASSIGN", "NUMBER", "_NL",
                                                   "LOCAL", "ASSIGN", "NUMBER", "_NL"]


def test_known_multi_word_names_and_keywords():
    assert tokens("New collection") == [("NAME", "New collection"), ("_NL", "\n")]
    assert types("For each ($a; $b)\nEnd for each")[-2:] == ["END_FOR_EACH", "_NL"]
    assert types("CASE  OF\nEnd case")[0] == "CASE_OF"


def test_unknown_names_extend_over_the_following_words():
    # identifiers.md: method names may contain spaces ("New OAuth2 provider")
    assert tokens("My Project Method 2($x)")[0] == ("NAME", "My Project Method 2")


def test_function_accessor_words_stay_apart():
    assert tokens("Function get fullName") == [("FUNCTION", "Function"), ("NAME", "get"),
                                                ("NAME", "fullName"), ("_NL", "\n")]


def test_modifiers_only_before_a_member_keyword():
    assert types("exposed onHTTPGet Function f") == ["MODIFIER", "MODIFIER", "FUNCTION", "NAME", "_NL"]
    assert types("shared singleton Class constructor") == ["MODIFIER", "MODIFIER", "CLASS_CONSTRUCTOR", "_NL"]
    assert tokens("local:=1")[0] == ("NAME", "local")


def test_after_a_dot_every_word_is_a_property():
    assert tokens("$o.End.$id")[1:5] == [("DOT", "."), ("NAME", "End"), ("DOT", "."), ("NAME", "$id")]


def test_keywords_are_names_as_object_keys():
    assert tokens("{if: 1; for: 2}")[1] == ("NAME", "if")


@pytest.mark.parametrize("source, value", [
    ("Length:C16", ("Length", "C", 16, None)),
    ("Is object:K8:27", ("Is object", "K", 8, 27)),
    ("Get last table number:C254", ("Get last table number", "C", 254, None)),   # former name
    ("4D Remote mode:K5:5", ("4D Remote mode", "K", 5, 5)),
    ("QUIT 4D:C291", ("QUIT 4D", "C", 291, None)),
    ("WR New offscreen area:P12000:1", ("WR New offscreen area", "P", 12000, 1)),
    ("Don't care:K99:1", ("Don't care", "K", 99, 1)),
])
def test_tokenized_names(source, value):
    assert tokens(source)[0] == ("TOKNAME", value)


def test_a_tokenized_name_does_not_swallow_an_operator_or_a_keyword():
    assert types("OK & Is nil pointer:C315($p)")[:3] == ["NAME", "BINOP", "TOKNAME"]
    assert types("return Current date:C33")[:2] == ["RETURN", "TOKNAME"]


def test_4d_class_store_forms():
    assert types("4D.File") == ["FOURD", "DOT", "NAME", "_NL"]
    assert types("4D:C1709.File") == ["FOURD", "DOT", "NAME", "_NL"]


def test_fields_tables_and_collection_literals():
    assert tokens("[Invoices:3]Total Amount:7") == [("FIELD", ("Invoices", "Total Amount")), ("_NL", "\n")]
    assert tokens("[Invoices:3]") == [("TABLE", "Invoices"), ("_NL", "\n")]
    assert types("[a]") == ["LSQB", "NAME", "RSQB", "_NL"]


def test_character_reference_only_after_an_operand():
    assert types("$t[[1]]") == ["LOCAL", "CHARREF", "NUMBER", "RSQB", "RSQB", "_NL"]
    assert types("$c:=[[1]]")[2:4] == ["LSQB", "LSQB"]


def test_backslash_continues_a_line_or_divides():
    assert types("$a:=7\\\n2") == ["LOCAL", "ASSIGN", "NUMBER", "NUMBER", "_NL"]
    assert tokens("$a:=7\\2")[3] == ("BINOP", "\\")


def test_a_comment_ending_with_a_backslash_goes_on_over_the_next_line():
    # a commented-out continued statement stays one comment (seen in 4D's own exports)
    toks = list(tokenize('//: ($a="x")\\\n\t && ($b=1)\n$c:=1'))
    assert [(t.type, t.line) for t in toks][:1] == [("LOCAL", 3)]


def test_sql_block_is_one_token_and_keeps_line_numbers():
    toks = list(tokenize("Begin SQL\nSELECT 1;\nEnd SQL\n$a:=1"))
    assert (toks[0].type, toks[0].value) == ("SQLBLOCK", "\nSELECT 1;\n")
    assert toks[2].line == 4


def test_literals():
    assert tokens('!2024-01-31! ?12:30:00? 0x1F 1.5e3 "a\\"b"')[:5] == [
        ("DATE", "2024-01-31"), ("TIME", "12:30:00"), ("HEXNUMBER", "0x1F"), ("NUMBER", "1.5e3"), ("STRING", 'a\\"b')]


def test_byte_order_mark_and_line_ends():
    toks = list(tokenize("\ufeff$a\r\n$b\r$c\n$d"))
    assert [(t.value, t.line, t.column) for t in toks if t.type == "LOCAL"] == [
        ("a", 1, 1), ("b", 2, 1), ("c", 3, 1), ("d", 4, 1)]


def test_a_comment_over_several_lines_inside_brackets_does_not_end_the_statement():
    assert types("Foo(1; /* a\nb */ 2)").count("_NL") == 1


@pytest.mark.parametrize("source, message", [
    ("$a:=1 @", "unexpected character '@'"),
    ('$a:="abc', 'unterminated text literal'),
    ("/* abc", "unterminated comment"),
    ("Begin SQL\nSELECT", "Begin SQL has no matching End SQL"),
])
def test_lexical_errors(source, message):
    with pytest.raises(FourDSyntaxError, match=message):
        list(tokenize(source))


def test_a_name_may_begin_with_digits():
    """identifiers.md: a project method name may begin with a digit (4D_Echo, 4DPop_init);
    numbers, exponents and the 4D store are unaffected."""
    from fourd.syntax.lexer import tokenize
    kinds = [(t.type, t.value) for t in tokenize("$x:=4D_Echo(1e3; 2.5; 4D.File; 12)") if t.type != "_NL"]
    assert ("NAME", "4D_Echo") in kinds
    assert ("NUMBER", "1e3") in kinds and ("NUMBER", "2.5") in kinds and ("NUMBER", "12") in kinds
    assert ("FOURD", "4D") in kinds
