"""Formulas (4D.Function): commands/formula.md, formula-from-string.md,
API/FunctionClass.md (call, apply, source), and formulas as callbacks of
collection functions (API/CollectionClass.md: $1.value, $1.result,
$1.stop, $1.accumulator)."""
from fourd.runtime.errors import Codes


def test_three_ways_to_call(fourd):
    assert fourd.run("""
         var $f : 4D.Function
         $f:=Formula(1+2)
         $o:=New object("myFormula";$f)
         return [$f.call($o); $f.apply($o); $o.myFormula()]""").value == [3, 3, 3]


def test_example_1_simple(fourd):
    assert fourd.value("$result", """
         var $f : 4D.Function
         $f:=Formula(1+2)
         var $o : Object
         $o:=New object("f";$f)
         $result:=$o.f()""") == 3


def test_example_2_local_variables_are_copied(fourd):
    assert fourd.value("$result", """
         $value:=10
         $o:=New object("f";Formula($value))
         $value:=20
         $result:=$o.f()""") == 10


def test_example_3_parameters(fourd):
    assert fourd.value("$result", """
         $o:=New object("f";Formula($1+$2))
         $result:=$o.f(10;20)""") == 30


def test_example_4_project_method(fourd):
    fourd.method("myMethod", """
        #DECLARE($a : Text; $b : Text) -> $r : Text
        $r:=$a+"+"+$b""")
    assert fourd.value("$result", """
         $o:=New object("f";Formula(myMethod))
         $result:=$o.f("param1";"param2")""") == "param1+param2"


def test_example_5_this(fourd):
    assert fourd.value("$result", """
         $o:=New object("fullName";Formula(This.firstName+" "+This.lastName))
         $o.firstName:="John"
         $o.lastName:="Smith"
         $result:=$o.fullName()""") == "John Smith"


def test_example_6_formula_assigning_a_property(fourd):
    assert fourd.value("[$feta.total; $robot.total]", """
         var $feta; $robot : Object
         var $calc : 4D.Function
         $robot:=New object("name";"Robot";"price";543;"quantity";2)
         $feta:=New object("name";"Feta";"price";12.5;"quantity";5)
         $calc:=Formula(This.total:=This.price*This.quantity)
         $feta.calc:=$calc
         $robot.calc:=$calc
         $feta.calc()
         $robot.calc()""") == [62.5, 1086]


def test_call_with_parameters_and_apply_with_a_collection(fourd):
    assert fourd.value('[$f.call(Null; 2; 3); $f.apply(Null; [4; 5])]', "$f:=Formula($1*$2)") == [6, 20]


def test_source(fourd):
    assert fourd.value("$f.source", "$f:=Formula(1+2)") == "1+2"


def test_formula_from_string(fourd):
    fourd.method("double", """
        #DECLARE($n : Real) -> $r : Real
        $r:=$n*2""")
    assert fourd.value('[$f.call(); $g.call(Null; 21); Formula from string("String(1+1)").call()]', """
         var $f : 4D.Function
         $f:=Formula from string("1+2")
         $g:=Formula from string("double($1)")""") == [3, 42, "2"]


def test_formula_from_string_cannot_use_local_variables(fourd):
    assert fourd.error("""
        $local:=1
        $f:=Formula from string("$local+1")
        $x:=$f.call()""").code == Codes.LOCAL_IN_FORMULA_STRING


def test_callbacks_value_and_result(fourd):
    assert fourd.value("""[$c.map(Formula($1.result:=$1.value*2)); $c.map(Formula($1.value*10)); \\
        $c.filter(Formula($1.result:=$1.value>1)); $c.every(Formula($1.result:=$1.value>0))]""",
                       "$c:=[1; 2; 3]") == [[2, 4, 6], [10, 20, 30], [2, 3], True]


def test_callbacks_with_extra_parameters(fourd):
    assert fourd.value("$c.map(Formula($1.result:=$1.value*$2); 100)", "$c:=[1; 2]") == [100, 200]


def test_callbacks_accumulator(fourd):
    assert fourd.value("$c.reduce(Formula($1.accumulator:=$1.accumulator*$1.value); 1)", "$c:=[2; 3; 4]") == 24


def test_callbacks_stop(fourd):
    assert fourd.value("$c.reduce($f; 0)", """
        $c:=[1; 2; 3; 4]
        $f:=Formula(($1.value>2) ? ($1.stop:=True) : ($1.accumulator:=$1.accumulator+$1.value))""") == 3


def test_callback_project_method_by_name(fourd):
    fourd.method("isEven", """
        #DECLARE($p : Object)
        $p.result:=($p.value%2)=0""")
    assert fourd.value('$c.filter("isEven")', "$c:=[1; 2; 3; 4]") == [2, 4]


def test_class_function_as_callback(fourd):
    fourd.cls("Scaler", """
        property factor : Real := 3
        Function scale($p : Object)
          $p.result:=$p.value*This.factor""")
    assert fourd.value("$c.map(Formula($s.scale($1)))", "$c:=[1; 2]\n$s:=cs.Scaler.new()") == [3, 6]


def test_current_method_name_in_a_project_method(fourd):
    fourd.method("whoAmI", "$0:=Current method name")
    assert fourd.value("whoAmI") == "whoAmI"
