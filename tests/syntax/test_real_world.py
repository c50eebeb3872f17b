"""Shapes of 4D code found in public projects (the corpus check of issue "Parse
all real-world 4D code"), each written here in our own words.

Every test names the 4d/docs page of the construct, or says where 4D itself
keeps the form (files saved by 4D, tokens and spacing included).
"""
import pytest

from fourd.syntax.errors import FourDSyntaxError
from fourd.syntax.parser import parse

from .shapes import body, expr, local, name, shape, statement

# ------------------------------------------------ a `;` ending a statement
# 4D saves `$o.run(); ` (with the space its editor puts after every `;`) in
# tokenized methods and classes of its own demo projects: the `;` is kept and
# ignored.


@pytest.mark.parametrize("line", ["$o.run(); ", "$o.run();", "$o.run() ;  // done"])
def test_a_semicolon_ending_a_statement_is_ignored(line):
    assert statement(line) == statement("$o.run()")


def test_a_semicolon_ending_an_assignment_is_ignored():
    assert statement("$n:=Length($t); ") == ("Assign", local("n"), ":=", ("Call", name("Length"), [local("t")]))


def test_semicolons_inside_a_statement_still_separate():
    # Concepts/variables.md: var $a; $b : Text
    assert statement("var $a; $b : Text") == ("VarDecl", ["a", "b"], "Text", None, ["local", "local"])
    assert expr("Foo(1;)") == ("Call", name("Foo"), [("Literal", 1.0), ("EmptyArg",)])


def test_a_trailing_semicolon_leaves_the_next_line_alone():
    assert body("$a:=1;\n$b:=2") == [("Assign", local("a"), ":=", ("Literal", 1.0)),
                                       ("Assign", local("b"), ":=", ("Literal", 2.0))]


# ------------------------------------------ constants whose name starts with 4D
# commands/application-type.md: 4D Local mode, 4D Remote mode, 4D Server…,
# written out (not tokenized) in hand-written code.


@pytest.mark.parametrize("constant", ["4D Server", "4D Remote mode", "4D Local mode", "4D Volume desktop"])
def test_a_constant_written_out_with_4d_in_front(constant):
    assert expr(f"Application type={constant}") == (
        "Binary", "=", name("Application type"), name(constant))


def test_4d_alone_is_still_the_class_store():
    # API/overview: 4D.File, `var $f : 4D.File`
    assert expr("4D.File.new($p)")[1] == ("Member", ("Member", ("FourD",), "File"), "new")
    assert shape(parse("var $f : 4D.File").body[0])[2] == "4D.File"


def test_a_4d_constant_ends_the_name():
    # `4D Server` then a comment: the words of the comment are not part of the name
    assert statement("If (Application type=4D Server)  // 4D Server only\nEnd if")[1] == (
        "Binary", "=", name("Application type"), name("4D Server"))


# --------------------------------------- a conjunction leading a query argument
# commands/query.md: queryArgument is `{conjunction ;} field comparator value`;
# 4D also keeps the conjunction before the field with no `;` in between.


@pytest.mark.parametrize("conjunction", ["&", "|", "#"])
def test_a_conjunction_before_the_query_argument_is_a_separate_argument(conjunction):
    joined = statement(f"QUERY([T:1]; {conjunction} [T:1]F:2=\"x\"; *)")
    separated = statement(f"QUERY([T:1]; {conjunction}; [T:1]F:2=\"x\"; *)")
    assert joined == separated == ("ExprStmt", ("Call", name("QUERY"), [
        ("Table", "T"), ("OperatorArg", conjunction),
        ("Binary", "=", ("Field", "T", "F"), ("Literal", "x")), ("Star",)]))


def test_a_conjunction_may_lead_the_only_argument():
    assert expr("Foo(& $a=1)") == ("Call", name("Foo"), [
        ("OperatorArg", "&"), ("Binary", "=", local("a"), ("Literal", 1.0))])


def test_only_conjunctions_lead_an_argument():
    with pytest.raises(FourDSyntaxError, match="unexpected operator '>'"):
        parse("QUERY([T:1]; > [T:1]F:2=1)")


# ------------------------------------------- `,` between the names of a `var`
# Concepts/variables.md writes `var <varName>{; <varName2>;...}`; tokenized methods
# saved by 4D also separate the names with `,`. Nowhere else is `,` code.


def test_a_comma_separates_declared_names():
    assert statement("var $1,$unit : cs.Test") == statement("var $1; $unit : cs.Test") == (
        "VarDecl", ["1", "unit"], "cs.Test", None, ["local", "local"])


@pytest.mark.parametrize("line", ["$a:=1,2", "Foo($a, $b)", "var $a : Text, Real"])
def test_a_comma_anywhere_else_is_an_error(line):
    with pytest.raises(FourDSyntaxError, match="unexpected ','"):
        parse(line)


# --------------------------------------------------- shapes that already parse
# Kept as regressions: each was met in the corpus.


def test_keywords_and_commands_in_lower_case():
    # Concepts/flow-control.md keywords and command names are case-insensitive
    source = "try\n\tlog event(\"x\")\ncatch\n\tfor each ($e; last errors)\n\tend for each\nend try"
    assert [s[0] for s in body(source)] == ["TryBlock"]


def test_declare_spread_over_lines_with_the_result_on_the_last():
    # Concepts/parameters.md, #DECLARE; Concepts/quick-tour.md, `\` continues a line
    module = parse("#DECLARE($a : Text; \\\n$b : Text)\\\n->$ok : Boolean\n")
    declare = module.body[0]
    assert [p.name for p in declare.params] == ["a", "b"] and declare.result.name == "ok"


def test_declare_with_an_untyped_result_only():
    declare = parse("#DECLARE->$r\n$r:=1").body[0]
    assert declare.params == [] and declare.result.name == "r" and declare.result.type is None


def test_a_function_result_without_parentheses():
    # ORDA/ordaClasses.md: local Function getAge->$age : Integer
    member = parse("Class extends Entity\nlocal Function getAge->$age : Integer\n\t$age:=1").members[0]
    assert (member.name, member.modifiers, member.result.name) == ("getAge", ["local"], "age")


def test_case_branches_without_parentheses():
    # Concepts/flow-control.md, Case of: the condition is an expression
    case = statement("Case of\n\t: $mode=1\n\t\t$x:=1\n\t: $mode=2\nEnd case")
    assert [condition for condition, _block in case[1]] == [
        ("Binary", "=", local("mode"), ("Literal", 1.0)), ("Binary", "=", local("mode"), ("Literal", 2.0))]


@pytest.mark.parametrize("function", ["and", "or", "not", "delete", "is"])
def test_function_names_that_are_operators_or_commands_elsewhere(function):
    # Concepts/classes.md, Function: any identifier names a function
    member = parse(f"Class constructor\nFunction {function}($x : Variant) : Object\n\treturn {{}}").members[1]
    assert member.name == function
