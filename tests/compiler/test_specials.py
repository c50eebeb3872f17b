"""Special names (compiler.specials): names the compiler turns into code
itself. Pages: Concepts/parameters.md (Count parameters), commands/this.md,
commands/formula.md, commands/try.md, commands-legacy/assert.md,
commands-legacy/undefined.md, commands-legacy/type.md, current-method-name.md."""
import pytest

from fourd.compiler.specials import SPECIAL_NAMES
from fourd.syntax.errors import FourDSyntaxError


def test_every_special_name_is_registered_once_by_its_lower_case_name():
    assert {"this", "count parameters", "current method name", "null", "true", "false", "cs", "super",
            "formula", "assert", "undefined", "type", "try"} <= set(SPECIAL_NAMES)


@pytest.mark.parametrize("call, message", [
    ("$f:=Formula(1; 2)", "Formula takes one expression"),
    ("$f:=Formula()", "Formula takes one expression"),
    ("$u:=Undefined($a; $b)", "Undefined takes one expression"),
    ("$t:=Type()", "Type takes one variable"),
    ("$u:=Undefined()", "Undefined takes one expression"),
    ("ASSERT()", "ASSERT needs a condition"),
])
def test_a_wrong_number_of_arguments_is_a_positioned_syntax_error(fourd, call, message):
    with pytest.raises(FourDSyntaxError) as info:
        fourd.run(f"$a:=1\n{call}")
    assert info.value.message == message
    assert info.value.line == 2


def test_values_of_the_plain_special_names(fourd):
    fourd.method("countThem", "return Count parameters")
    fourd.method("whoAmI", "return Current method name")
    assert fourd.value("[countThem(1; 2; 3); whoAmI(); Null; True; False]") == [3, "whoAmI", None, True, False]


def test_undefined_try_and_type_compile_their_argument_once(fourd):
    assert fourd.value("[Undefined($o.missing); Undefined(1); Try(1\\0); Type($t)]",
                       "var $t : Text\n$o:={}") == [True, False, None, 2]


def test_formula_and_assert_keep_their_source_text(fourd):
    assert fourd.value("Formula($x+1).source") == "$x+1"
    assert fourd.error("ASSERT(1=2)").message == "Assert failed: 1=2"
