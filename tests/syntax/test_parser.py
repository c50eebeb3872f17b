"""The parser: source text to AST (fourd.syntax.parser), construct by construct.

Each group names the 4D doc page (4d/docs, Concepts/… unless said otherwise)
that defines the construct; the expected trees are written with
``tests/syntax/shapes.py``.
"""
import pytest

from fourd.runtime.values import Date, Time
from fourd.syntax.parser import parse

from .shapes import body, expr, lit, local, name, shape, statement

# ------------------------------------------------------------ operators.md


def test_operators_have_no_precedence_and_run_left_to_right():
    # operators.md: "3+4*5" is evaluated as (3+4)*5
    assert expr("3+4*5") == ("Binary", "*", ("Binary", "+", lit(3), lit(4)), lit(5))


def test_parentheses_group():
    assert expr("3+(4*5)") == ("Binary", "+", lit(3), ("Binary", "*", lit(4), lit(5)))


@pytest.mark.parametrize("op", ["+", "-", "*", "/", "\\", "%", "^", "=", "#", "<", ">", "<=", ">=",
                                "&", "|", "^|", "<<", ">>", "?+", "?-", "??", "&&", "||", "*+", "*|"])
def test_every_binary_operator(op):
    # dt_number.md (arithmetic, bitwise), dt_boolean.md, dt_string.md, dt_picture.md (*+ *| scaling)
    assert expr(f"$a{op}$b") == ("Binary", op, local("a"), local("b"))


def test_keyword_operator_percent_on_text():
    # dt_string.md: "Alpha Bravo" % "Bravo" (contains keyword)
    assert expr('"Alpha Bravo"%"Bravo"') == ("Binary", "%", lit("Alpha Bravo"), lit("Bravo"))


def test_unary_minus_and_plus():
    assert expr("-$a+ +2") == ("Binary", "+", ("Unary", "-", local("a")), ("Unary", "+", lit(2)))


def test_ternary_binds_loosest():
    # operators.md, Ternary operator: ($age>=21) ? "Beer" : "Juice"
    assert expr('($age>=21) ? "Beer" : "Juice"') == (
        "Ternary", ("Binary", ">=", local("age"), lit(21)), lit("Beer"), lit("Juice"))


def test_nested_ternary_in_the_false_branch():
    assert expr("$a ? 1 : $b ? 2 : 3") == ("Ternary", local("a"), lit(1), ("Ternary", local("b"), lit(2), lit(3)))


@pytest.mark.parametrize("op", [":=", "+=", "-=", "*=", "/="])
def test_assignment_and_compound_assignment_statements(op):
    # operators.md, Compound assignment operators
    assert statement(f"$n{op}5") == ("Assign", local("n"), op, lit(5))


def test_assignment_inside_an_argument():
    # FunctionClass.md: Formula($1.result:=$1.value*2)
    call = expr("Formula($1.result:=$1.value*2)")
    assert call == ("Call", name("Formula"), [
        ("AssignExpr", ("Member", local("1"), "result"), ":=",
         ("Binary", "*", ("Member", local("1"), "value"), lit(2)))])


def test_parenthesised_assignment_is_an_expression():
    assert expr("($i:=$i+1)") == ("AssignExpr", local("i"), ":=", ("Binary", "+", local("i"), lit(1)))


# ------------------------------------------------------ literals (dt_*.md)


@pytest.mark.parametrize("source, value", [
    ("12", 12.0), ("1.5", 1.5), ("1.5e3", 1500.0), ("2E-2", 0.02), (".5", 0.5),
    ("0xFF", 255.0), ("0x00FF0000", 16711680.0),
])
def test_number_literals(source, value):
    # dt_number.md: reals with exponents, hexadecimal 0x…
    assert expr(source) == lit(value)


@pytest.mark.parametrize("source, value", [
    (r'"a\"b"', 'a"b'), (r'"tab\there"', "tab\there"), (r'"cr\r lf\n"', "cr\r lf\n"),
    (r'"back\\slash"', "back\\slash"), ('""', ""), (r'"C:\temp"', "C:\temp"),
])
def test_text_literals_and_escapes(source, value):
    # dt_string.md, Escape sequences
    assert expr(source) == lit(value)


@pytest.mark.parametrize("source, value", [
    ("!2024-01-31!", Date(2024, 1, 31)), ("!00-00-00!", Date.NULL), ("!2018/01/21!", Date(2018, 1, 21)),
    ("!12/04/98!", Date(1998, 12, 4)), ("!01/02/20!", Date(2020, 1, 2)),
])
def test_date_literals(source, value):
    # dt_date.md: ISO !YYYY-MM-DD!, null date !00-00-00!, compatibility !12/04/98!
    assert expr(source) == ("Literal", value)


@pytest.mark.parametrize("source, seconds", [("?12:30:00?", 45000), ("?00:00:00?", 0), ("?01:02?", 3720)])
def test_time_literals(source, seconds):
    # dt_time.md: ?HH:MM:SS?
    assert expr(source) == ("Literal", Time(seconds))


# ---------------------------------------------------- variables.md, identifiers


def test_locals_parameters_and_indirect_parameters():
    # parameters.md: $1, ${N}
    assert expr("$1+${$i+1}") == ("Binary", "+", local("1"), ("ParamIndirect", ("Binary", "+", local("i"), lit(1))))


def test_process_and_interprocess_variables():
    assert expr("vTotal+<>vCount") == ("Binary", "+", name("vTotal"), ("Interprocess", "vCount"))
    assert expr("$i<<>vMax") == ("Binary", "<", local("i"), ("Interprocess", "vMax"))


def test_fields_and_tables():
    # identifiers.md, Tables and Fields; exported code writes [Table:3]Field:2
    assert expr("[Orders]Total") == ("Field", "Orders", "Total")
    assert expr("[USER:15]Last Version:92") == ("Field", "USER", "Last Version")
    assert statement("ALL RECORDS:C47([USER:15])") == ("ExprStmt", ("Call", name("ALL RECORDS", ("C", 47)),
                                                                   [("Table", "USER")]))


def test_names_with_spaces_are_one_name():
    # identifiers.md: project method names may contain spaces
    assert statement("$p:=New OAuth2 provider($params)") == (
        "Assign", local("p"), ":=", ("Call", name("New OAuth2 provider"), [local("params")]))


def test_keyword_words_outside_statement_starts_are_names():
    # 4D Mobile App has project methods named CATCH and Continue
    assert statement("C_COLLECTION(CATCH ;$1)") == ("ExprStmt", ("Call", name("C_COLLECTION"),
                                                                 [name("CATCH"), local("1")]))
    assert statement("$b:=Continue") == ("Assign", local("b"), ":=", name("Continue"))
    assert statement("CATCH($errors)") == ("ExprStmt", ("Call", name("CATCH"), [local("errors")]))


def test_late_keywords_stay_names_where_their_structure_cannot_be():
    # 4D View Pro has project methods TRY, CATCH, FINALLY; legacy code has Continue
    assert body("TRY\n$a:=1\nFINALLY") == [("ExprStmt", name("TRY")), ("Assign", local("a"), ":=", lit(1)),
                                            ("ExprStmt", name("FINALLY"))]
    assert body("Continue") == [("ExprStmt", name("Continue"))]
    assert body("Repeat\ncontinue\nUntil (True)")[0][1] == [("Continue",)]


def test_keywords_in_any_letter_case():
    assert body("if ($a)\nELSE\nend IF") == [("If", local("a"), [], [])]


# --------------------------------------------------------- dt_object/collection


def test_member_index_and_method_calls_chain():
    assert expr('$o.list[0].name.toUpperCase()') == (
        "Call", ("Member", ("Member", ("Index", ("Member", local("o"), "list"), lit(0)), "name"), "toUpperCase"), [])


def test_method_calls_on_call_results_and_parenthesised_expressions():
    assert expr("Formula($1*2).call(Null; 3)") == (
        "Call", ("Member", ("Call", name("Formula"), [("Binary", "*", local("1"), lit(2))]), "call"),
        [name("Null"), lit(3)])
    assert expr('($a || $b).trim()') == ("Call", ("Member", ("Binary", "||", local("a"), local("b")), "trim"), [])


def test_property_names_may_be_keywords_or_start_with_dollar():
    # identifiers.md, Object properties: letters, digits, _ and $
    assert expr("$o.if.$key.End") == ("Member", ("Member", ("Member", local("o"), "if"), "$key"), "End")


def test_character_reference_and_array_elements():
    # dt_string.md, Character reference symbols; arrays.md: $a{$i}{2}
    assert expr("$t[[1]]") == ("CharRef", local("t"), lit(1))
    assert expr("$a{$i}{2}") == ("ArrayElement", ("ArrayElement", local("a"), local("i")), lit(2))


def test_object_literal_with_quoted_and_keyword_keys():
    # dt_object.md, Object literals
    assert expr('{a: 1; "b c": 2; if: {}}') == ("ObjectLiteral", [("a", lit(1)), ("b c", lit(2)),
                                                                  ("if", ("ObjectLiteral", []))])


def test_collection_literals_nest_and_continue_over_lines():
    # dt_collection.md, Collection literals; `\` continues a line (quick-tour.md)
    assert expr("[1; [2; 3]; \\\n  {a: [4]}]") == ("CollectionLiteral", [
        lit(1), ("CollectionLiteral", [lit(2), lit(3)]),
        ("ObjectLiteral", [("a", ("CollectionLiteral", [lit(4)]))])])


def test_empty_literals():
    assert expr("[]") == ("CollectionLiteral", [])
    assert expr("{}") == ("ObjectLiteral", [])


# ------------------------------------------------------------- dt_pointer.md


def test_pointers_dereference_chains_and_property_access():
    assert expr("->$a") == ("PointerTo", local("a"))
    assert expr("$p->->") == ("Deref", ("Deref", local("p")))
    assert expr("$p->{2}") == ("ArrayElement", ("Deref", local("p")), lit(2))
    # dt_object.md, Pointers: vPtr->a is the property a of the pointed object
    assert expr("vPtr->a") == ("Member", ("Deref", name("vPtr")), "a")
    assert expr("->[Orders]Total") == ("PointerTo", ("Field", "Orders", "Total"))


def test_current_form_table_dereference():
    assert expr("Current form table:C627->") == ("Deref", name("Current form table", ("C", 627)))


# ----------------------------------------------------------------- commands


def test_command_calls_with_and_without_parentheses():
    assert body("KILL WORKER\nC_TEXT($t)\nARRAY TEXT($a; 0)") == [
        ("ExprStmt", name("KILL WORKER")),
        ("ExprStmt", ("Call", name("C_TEXT"), [local("t")])),
        ("ExprStmt", ("Call", name("ARRAY TEXT"), [local("a"), lit(0)]))]


def test_star_sort_order_and_query_conjunction_arguments():
    # commands: OBJECT SET VISIBLE(*; …), ORDER BY([T]; [T]F; >), QUERY([T]; & ; …)
    assert expr('Foo(*; "x")') == ("Call", name("Foo"), [("Star",), lit("x")])
    assert statement("SORT ARRAY($a; $b; <)") == ("ExprStmt", ("Call", name("SORT ARRAY"), [
        local("a"), local("b"), ("OperatorArg", "<")]))
    assert statement("QUERY([T:1]; & ; [T:1]F:2=1)") == ("ExprStmt", ("Call", name("QUERY"), [
        ("Table", "T"), ("OperatorArg", "&"), ("Binary", "=", ("Field", "T", "F"), lit(1))]))


def test_omitted_arguments():
    assert expr("Foo(;2;)") == ("Call", name("Foo"), [("EmptyArg",), lit(2), ("EmptyArg",)])


def test_tokenized_names_keep_their_token():
    assert expr("Length:C16($t)") == ("Call", name("Length", ("C", 16)), [local("t")])
    assert expr("Is object:K8:27") == name("Is object", ("K", 8, 27))
    assert expr("4D Remote mode:K5:5") == name("4D Remote mode", ("K", 5, 5))
    assert expr("WR New offscreen area:P12000:1") == name("WR New offscreen area", ("P", 12000, 1))


def test_a_keyword_before_a_tokenized_name_stays_a_keyword():
    assert statement("return Current date:C33") == ("Return", name("Current date", ("C", 33)))


def test_class_stores():
    # classes.md, Class stores: cs.MyClass, 4D.File (also 4D:C1709, cs:C1710)
    assert expr("cs:C1710.Person.new()") == ("Call", ("Member", ("Member", name("cs", ("C", 1710)), "Person"),
                                                        "new"), [])
    assert expr("4D:C1709.File") == ("Member", ("FourD",), "File")
    assert expr("4D.File") == ("Member", ("FourD",), "File")


def test_super_and_this():
    assert statement("Super:C1706.init($a)") == ("ExprStmt", ("Call", ("Member", name("Super", ("C", 1706)), "init"),
                                                              [local("a")]))


def test_try_expression():
    # error-handling.md: Try(expression)
    assert expr("Try(JSON Parse($t))") == ("TryExpr", ("Call", name("JSON Parse"), [local("t")]))


# ------------------------------------------------------------- declarations


def test_var_with_several_names_and_a_type():
    # variables.md: var $vName; $vJob : Text
    assert statement("var $a; $b : Text") == ("VarDecl", ["a", "b"], "Text", None, ["local", "local"])


def test_var_with_class_types_and_initializer():
    assert statement("var $f : 4D.File:=File($p)") == (
        "VarDecl", ["f"], "4D.File", ("Call", name("File"), [local("p")]), ["local"])
    assert statement("var $p : cs.Person") == ("VarDecl", ["p"], "cs.Person", None, ["local"])


def test_var_with_inferred_type():
    assert statement("var $n:=12") == ("VarDecl", ["n"], None, lit(12), ["local"])


def test_var_declares_process_and_interprocess_variables():
    # variables.md: var myVar : Integer; var <>ipVar : Text
    assert statement("var vObj; <>vCount : Object") == ("VarDecl", ["vObj", "vCount"], "Object", None,
                                                        ["process", "interprocess"])


def test_declare_with_arrow_and_colon_results():
    # parameters.md, #DECLARE
    assert statement("#DECLARE($i : Integer; $t : Text)->$r : Object") == (
        "Declare", [("Param", "i", "Integer"), ("Param", "t", "Text")], ("Result", "r", "Object"))
    assert statement("#DECLARE($o : Object) : Collection") == (
        "Declare", [("Param", "o", "Object")], ("Result", None, "Collection"))
    assert statement("#DECLARE -> $o : Object") == ("Declare", [], ("Result", "o", "Object"))


def test_declare_with_variadic_parameters():
    # parameters.md, Variadic parameters: #DECLARE(... : Text)
    assert statement("#DECLARE($a : Text; ... : Integer)") == (
        "Declare", [("Param", "a", "Text"), ("Param", "...", "Integer")], None)


# ------------------------------------------------------------------- classes


CLASS = """\
Class extends Polygon
property name : Text
property height; width : Integer:=0

shared singleton Class constructor($side : Integer)
	Super($side; $side)

exposed Function get area() : Integer
	return This.height*This.width

Function set area($value : Integer)

local Function add($x; $y : Variant; $z : Integer)->$result : Integer
	$result:=$x+$y+$z

property color : Text:="Blue"

exposed onHTTPGet Function getThing() : 4D.OutgoingMessage
server Function compute
Function query age($event : Object)->$result : Object
Function orderBy age($event : Object) : Text
"""


def test_class_file_structure():
    # classes.md: Class extends, property, Class constructor, Function get/set, modifiers;
    # ORDA/ordaClasses.md: exposed, local, onHTTPGet, query and orderBy functions
    module = parse(CLASS)
    assert shape(module.body) == [
        ("ClassExtends", "Polygon"),
        ("PropertyDecl", ["name"], "Text", None),
        ("PropertyDecl", ["height", "width"], "Integer", lit(0)),
        ("PropertyDecl", ["color"], "Text", lit("Blue")),     # written after a function: still a class property
    ]
    members = [(m.kind, m.name, m.modifiers, shape(m.params), shape(m.result)) for m in module.members]
    assert members == [
        ("constructor", "constructor", ["shared", "singleton"], [("Param", "side", "Integer")], None),
        ("get", "area", ["exposed"], [], ("Result", None, "Integer")),
        ("set", "area", [], [("Param", "value", "Integer")], None),
        ("function", "add", ["local"], [("Param", "x", None), ("Param", "y", "Variant"), ("Param", "z", "Integer")],
         ("Result", "result", "Integer")),
        ("function", "getThing", ["exposed", "onhttpget"], [], ("Result", None, "4D.OutgoingMessage")),
        ("function", "compute", ["server"], [], None),
        ("query", "age", [], [("Param", "event", "Object")], ("Result", "result", "Object")),
        ("orderby", "age", [], [("Param", "event", "Object")], ("Result", None, "Text")),
    ]
    assert shape(module.members[0].body) == [("ExprStmt", ("Call", name("Super"), [local("side"), local("side")]))]


def test_session_singleton_and_lower_case_keywords():
    module = parse("session singleton Class constructor()\nshared function addItem($item:object)\n")
    assert [(m.kind, m.modifiers) for m in module.members] == [("constructor", ["session", "singleton"]),
                                                               ("function", ["shared"])]
    assert shape(module.members[1].params) == [("Param", "item", "object")]


def test_property_declaration_over_continued_lines():
    assert body("property \\\n_source; \\\n_destination : Text") == [
        ("PropertyDecl", ["_source", "_destination"], "Text", None)]


# ------------------------------------------------------------ control flow


def test_if_else():
    # cf_branching.md, If...Else...End if
    assert statement("If ($a=1)\n$b:=1\nElse\n$b:=2\nEnd if") == (
        "If", ("Binary", "=", local("a"), lit(1)), [("Assign", local("b"), ":=", lit(1))],
        [("Assign", local("b"), ":=", lit(2))])


def test_case_of():
    # cf_branching.md, Case of...Else...End case
    assert statement("Case of\n: ($a=1)\n$b:=1\n:($a=2)\nElse\n$b:=3\nEnd case") == (
        "Case", [(("Binary", "=", local("a"), lit(1)), [("Assign", local("b"), ":=", lit(1))]),
                 (("Binary", "=", local("a"), lit(2)), [])],
        [("Assign", local("b"), ":=", lit(3))])


def test_for_with_and_without_step():
    # cf_looping.md, For...End for
    assert statement("For ($i; 1; 10)\nEnd for") == ("For", local("i"), lit(1), lit(10), None, [])
    assert statement("For ($i; 10; 1; -2)\nEnd for") == ("For", local("i"), lit(10), lit(1),
                                                          ("Unary", "-", lit(2)), [])


def test_for_each_with_bounds_and_conditions():
    # cf_looping.md, For each...End for each: {; begin{; end}} {Until|While}
    assert statement("For each ($e; $c; 1; 5) Until ($e=3)\nEnd for each") == (
        "ForEach", local("e"), local("c"), lit(1), lit(5), ("Binary", "=", local("e"), lit(3)), None, [])
    assert statement("For each ($e; $c) While ($n<2)\nEnd for each") == (
        "ForEach", local("e"), local("c"), None, None, None, ("Binary", "<", local("n"), lit(2)), [])


def test_while_and_repeat():
    assert body("While ($i<3)\n$i+=1\nEnd while\nRepeat\n$i-=1\nUntil ($i=0)") == [
        ("While", ("Binary", "<", local("i"), lit(3)), [("Assign", local("i"), "+=", lit(1))]),
        ("Repeat", [("Assign", local("i"), "-=", lit(1))], ("Binary", "=", local("i"), lit(0)))]


def test_try_catch_and_throw():
    # error-handling.md: Try...Catch...End try, throw
    assert statement('Try\nthrow(1; "x")\nCatch\n$e:=Last errors\nEnd try') == (
        "TryBlock", [("ExprStmt", ("Call", name("throw"), [lit(1), lit("x")]))],
        [("Assign", local("e"), ":=", name("Last errors"))])


def test_use_end_use():
    # shared.md, Use...End use
    assert statement("Use (Storage)\nStorage.a:=1\nEnd use") == (
        "Use", name("Storage"), [("Assign", ("Member", name("Storage"), "a"), ":=", lit(1))])


@pytest.mark.parametrize("source, value", [("return", None), ("return $x", local("x")),
                                           ("return ($a+1)", ("Binary", "+", local("a"), lit(1)))])
def test_return_forms(source, value):
    # parameters.md, return {expression}
    assert statement(source) == ("Return", value)


def test_break_and_continue():
    # cf_looping.md, break and continue
    assert body("While (True)\nbreak\ncontinue\nEnd while")[0][2] == [("Break",), ("Continue",)]


def test_begin_sql_block_is_kept_as_text():
    assert statement("Begin SQL\n  SELECT * FROM T;\nEnd SQL") == ("SqlBlock", "\n  SELECT * FROM T;\n")


# -------------------------------------------------------- comments, file form


def test_comments_line_and_block():
    assert body("// a comment\n$a:=1 // trailing\n/* block\ncomment */\n$b:=Foo(1; /* inline */ 2)") == [
        ("Assign", local("a"), ":=", lit(1)),
        ("Assign", local("b"), ":=", ("Call", name("Foo"), [lit(1), lit(2)]))]


def test_comment_blocks_nest():
    # quick-tour.md, Comments: "Comment blocks can be nested"
    assert body("For ($i;1;2)\n/*\ncomments\n\t/*\n\tother\n\t*/\n*/\nEnd for") == [
        ("For", local("i"), lit(1), lit(2), None, [])]


def test_attributes_header_is_kept():
    module = parse('//%attributes = {"invisible":true}\r\n$a:=1\r\n')
    assert module.attributes == '{"invisible":true}'
    assert shape(module.body) == [("Assign", local("a"), ":=", lit(1))]


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_line_ends_and_byte_order_mark(newline):
    module = parse("\ufeff$a:=1" + newline + "$b:=2" + newline)
    assert [(s.line, s.column) for s in module.body] == [(1, 1), (2, 1)]


def test_continuation_with_a_comment_after_the_backslash():
    assert statement("$a:=1+\\  // more\n2") == ("Assign", local("a"), ":=", ("Binary", "+", lit(1), lit(2)))


def test_positions_are_one_based_line_and_column():
    stmt = parse("\n  $a:=Foo($b)").body[0]
    assert (stmt.line, stmt.column) == (2, 3)
    assert (stmt.value.args[0].line, stmt.value.args[0].column) == (2, 11)
