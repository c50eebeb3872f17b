"""The compiler's fast paths give the documented results (the benchmarks in
bench/ exercise their speed; these tests their semantics).

Pages: API/CollectionClass.md (map, filter, reduce, find, every…: the
callback's $1.value, $1.result, $1.accumulator, $1.stop, extra parameters),
Concepts/dt_number.md (modulo, real comparison), Concepts/dt_object.md
(property assignment, Undefined), Concepts/dt_collection.md (push, For each),
commands-legacy/set-real-comparison-level.md, commands/on-err-call.md.
"""
from fourd.runtime import operators
from fourd.runtime.errors import Codes


# --- collection callbacks: the callback form of formulas ----------------------

def test_collection_class_map_example(fourd):
    # CollectionClass.md, .map(): an expression formula with an extra parameter.
    assert fourd.value("$c.map(Formula(Round(($1.value/$2)*100; 2)); $c.sum())",
                       "$c:=New collection(1; 4; 9; 10; 20)") == [2.27, 9.09, 20.45, 22.73, 45.45]


def test_collection_class_filter_examples(fourd):
    col = '$col:=New collection("hello";"world";"red horse";66;"tim";"san jose";"miami")'
    assert fourd.value("$col.filter(Formula((Value type($1.value)=Is text) && (Length($1.value)<$2)); 6)",
                       col) == ["hello", "world", "tim", "miami"]
    # $1 passed on to a method: the formula gets its parameter object.
    fourd.method("isKind", """
        #DECLARE($param : Object; $kind : Integer) -> $ok : Boolean
        $ok:=Value type($param.value)=$kind""")
    assert fourd.value('$c.filter(Formula(isKind($1; $2)); Is real)',
                       '$c:=New collection(5;3;{name:"x"};1)') == [5, 3, 1]


def test_collection_class_reduce_example(fourd):
    # CollectionClass.md, .reduce() Example 1: a compound assignment of the accumulator.
    assert fourd.value("$c.reduce(Formula($1.accumulator*=$1.value); 1)",
                       "$c:=New collection(5;3;5;1;3;4;4;6;2;2)") == 86400


def test_reduce_without_initial_value_starts_undefined(fourd):
    # "If omitted, $1.accumulator starts with Undefined": Undefined+1 is an error.
    error = fourd.error("$r:=[1; 2].reduce(Formula($1.accumulator:=$1.accumulator+$1.value))")
    assert error.code == Codes.INCOMPATIBLE_ARGUMENTS
    assert fourd.value("[1; 2].reduce(Formula($1.accumulator:=Num($1.accumulator)+$1.value))") == 3


def test_reduce_accumulator_set_to_undefined_is_reset(fourd):
    # dt_object.md: assigning Undefined to an existing property gives the empty
    # value of its type; reduceRight visits the elements from the last one.
    assert fourd.value('[3; 0; 5].reduceRight(Formula($1.accumulator:=($1.value=0) ? $1.x : $1.value); 9)') == 3
    assert fourd.value('["a"; 0].reduce(Formula($1.accumulator:=(Value type($1.value)=Is real) ? $1.x : $1.value); "z")') \
        == ""


def test_map_results_are_stored_as_collections_store_them(fourd):
    # Integers become Reals, Undefined becomes Null (dt_collection.md).
    result = fourd.run("""
        var $n : Integer
        $n:=7
        return [1; 2].map(Formula($1.result:=($1.value=1) ? $n : $1.undefinedProperty))""")
    assert result.value == [7.0, None] and type(result.raw[0]) is float


def test_callbacks_see_a_fresh_result_for_each_element(fourd):
    # A formula that sets $1.result only sometimes: no value leaks from one element to the next.
    assert fourd.value("[1; 2; 3].map(Formula(($1.value=2) ? $1.result : ($1.result:=$1.value)))") \
        == [1, None, 3]


def test_find_some_every_stop_at_the_first_answer(fourd):
    prelude = "$c:=[1; 5; 8; 12]"
    assert fourd.value("$c.find(Formula($1.value>$2); 6)", prelude) == 8
    assert fourd.value("$c.findIndex(Formula($1.result:=$1.value>$2); 6)", prelude) == 2
    assert fourd.value("$c.some(Formula($1.value%2=0))", prelude) is True
    assert fourd.value("$c.every(Formula($1.value>0))", prelude) is True
    assert fourd.value("$c.every(Formula($1.value<6))", prelude) is False


def test_stop_is_honoured_by_formulas_that_use_it(fourd):
    # "$1.stop: true to stop the method callback. The returned value is the last calculated."
    assert fourd.value("[1; 2; 3; 4].map(Formula($1.value*10+Num($1.stop:=$1.value=2)))") == [10, 21]


def test_formula_captures_locals_in_its_callback_form(fourd):
    assert fourd.value("[1; 2].map(Formula($1.value*$k))", "$k:=3") == [3, 6]


def test_callback_errors_keep_their_code(fourd):
    error = fourd.error('$r:=[1; "a"].map(Formula($1.value/2))')
    assert error.code == Codes.INCOMPATIBLE_ARGUMENTS


# --- inline arithmetic on values of unknown type ------------------------------

def test_modulo_of_object_values(fourd):
    # dt_number.md: % gives the remainder of the Longint operands (the sign follows the dividend).
    prelude = "$o:={a: 17; b: 17.5; c: -17; t: \"Hello world\"}"
    assert fourd.value("[$o.a%5; $o.b%5; $o.c%5; $o.a%5.5]", prelude) == [2, 3, -2, 5]
    # Text % Text is "contains keyword" (operators.md).
    assert fourd.value('$o.t%"world"', prelude) is True


def test_integer_modulo_and_division_keep_their_type(fourd):
    result = fourd.run("""
        var $i : Integer
        var $x : Real
        $i:=-17
        $x:=$i%5
        return [$x; $i\\5; Type($x)]""")
    assert result.value == [-2, -4, 1]


def test_comparisons_of_object_values_with_numbers(fourd):
    # Reals are equal within 10^-6 unless SET REAL COMPARISON LEVEL says otherwise (dt_number.md).
    prelude = "$o:={a: 0.1+0.2; b: 1.0000001; t: \"x\"}"
    assert fourd.value("[$o.a=0.3; $o.b=1; $o.b#1; $o.a<1; 2>=$o.b; $o.missing=1]", prelude) == \
        [True, True, False, True, True, False]
    operators.set_real_comparison_level(1e-8)     # what SET REAL COMPARISON LEVEL does
    try:
        assert fourd.value("[$o.b=1; $o.b#1]", prelude) == [False, True]
    finally:
        operators.set_real_comparison_level(1e-6)
    assert fourd.error('$o:={t: "x"}\n$b:=$o.t<1').code == Codes.INCOMPATIBLE_ARGUMENTS


def test_arithmetic_on_two_object_values(fourd):
    prelude = '$o:={a: 2; b: 3; s: "ab"; d: !2024-01-31!}'
    assert fourd.value("[$o.a+$o.b; $o.a*$o.b; $o.b-$o.a; $o.s+$o.s; $o.a=$o.b]", prelude) == \
        [5, 6, 1, "abab", False]
    assert fourd.value("String($o.d+$o.a)", prelude) == "02/02/2024"


def test_left_operand_read_before_the_right_one_assigns_it(fourd):
    # 4D evaluates operators left to right (operators.md).
    assert fourd.value("$x+($x:=$o.v)", "var $x : Real\n$x:=1\n$o:={v: 10}") == 11


def test_real_variable_takes_an_inline_sum_or_the_converted_result(fourd):
    result = fourd.run("""
        var $sum : Real
        var $n : Integer
        For each ($v; [1; 2; 3])
          $sum:=$sum+$v
        End for each
        $n:=2
        $sum:=$sum+$n
        return $sum""")
    assert result.value == 8.0 and type(result.raw) is float
    assert fourd.error('var $sum : Real\n$sum:=$sum+$o.t', ).code  # Undefined operand: an error


# --- inline stores ------------------------------------------------------------

def test_property_assignments_store_as_objects_do(fourd):
    result = fourd.run("""
        var $i : Integer
        var $t : Time
        $i:=3
        $t:=?01:00:00?
        $o:={a: 1}
        $o.i:=$i
        $o.t:=$t
        $o.b:=True
        $o.a:=$o.missing
        return $o""")
    # Integers and times are stored as Reals; Undefined resets an existing property (dt_object.md).
    assert result.value == {"a": 0, "i": 3.0, "t": 3600.0, "b": True}
    assert type(result.raw["i"]) is float


def test_property_assignment_runs_computed_property_setters(fourd):
    fourd.cls("Temperature", """
        property celsius : Real
        Function set fahrenheit($f : Real)
          This.celsius:=($f-32)*5/9
        Function get fahrenheit() : Real
          return This.celsius*9/5+32""")
    assert fourd.value("$t.celsius", "$t:=cs.Temperature.new()\n$t.fahrenheit:=212") == 100


def test_shared_objects_need_use(fourd):
    # shared.md: modifying a shared object outside Use...End use is an error.
    error = fourd.error("$s:=New shared object\n$s.a:=1")
    assert error.code == Codes.SHARED_NOT_IN_USE
    assert fourd.value("$s.a", "$s:=New shared object\nUse ($s)\n$s.a:=1\nEnd use") == 1


def test_push_statements_store_as_collections_do(fourd):
    result = fourd.run("""
        var $c : Collection
        var $i : Integer
        $c:=[]
        $i:=2
        $c.push($i)
        $c.push(?00:01:00?)
        $c.push($c.missing)
        $c.push("x")
        return $c""")
    assert result.value == [2.0, 60.0, None, "x"] and type(result.raw[0]) is float
    # shared.md: collection functions that modify a shared collection hold it in use themselves.
    assert fourd.value("$c", "var $c : Collection\n$c:=New shared collection\n$c.push(1)") == [1]
    assert fourd.error("var $c : Collection\n$c.push(1)").code == Codes.NULL_ACCESS


def test_for_each_into_an_untyped_variable_keeps_the_last_element(fourd):
    # cf_looping.md: after the loop the variable holds the last element iterated.
    assert fourd.value('$last', 'For each ($last; ["a"; 2; Null])\nEnd for each') is None
    assert fourd.value('$s', '$s:=""\nFor each ($k; {x: 1; y: 2})\n$s:=$s+$k\nEnd for each') == "xy"


def test_formulas_get_a_callback_form_only_when_their_1_is_the_parameter_object(fourd):
    fourd.method("isKind", "#DECLARE($param : Object) -> $ok : Boolean")
    forms = fourd.run("""
        return [Formula($1.value*2); Formula($1.result:=$1.value>1); Formula($1.accumulator+=$1.value);\\
          Formula(isKind($1)); Formula($1.value:=1); Formula($1.other)]""").raw
    assert [(hasattr(f.func, "each_answer"), hasattr(f.func, "each_accumulator")) for f in forms] == \
        [(True, False), (True, False), (False, True), (False, False), (False, False), (False, False)]


# --- updates of a property: X.p := X.p + n, X.p += n --------------------------

def test_property_updates(fourd):
    result = fourd.run("""
        var $i : Integer
        $o:={count: 1; total: 10; name: "a"}
        $i:=4
        $o.count:=$o.count+1
        $o.total-=$i
        $o.total*=2
        $o.name+=String($i)
        $o.fresh:=$o.fresh
        return $o""")
    assert result.value == {"count": 2, "total": 12, "name": "a4"}
    # Undefined + a number is an error (dt_null_undefined.md).
    assert fourd.error("$o:={}\n$o.count:=$o.count+1").code == Codes.INCOMPATIBLE_ARGUMENTS


def test_property_updates_of_class_instances(fourd):
    fourd.cls("Account", """
        property balance : Real
        property log : Collection
        Class constructor()
          This.balance:=0
          This.log:=[]
        Function deposit($amount : Integer)
          This.balance:=This.balance+$amount
        Function get doubled() : Real
          return This.balance*2
        Function set doubled($value : Real)
          This.log.push($value)
          This.balance:=$value/2""")
    assert fourd.value("[$a.balance; $a.doubled; $a.log]",
                       "$a:=cs.Account.new()\n$a.deposit(5)\n$a.deposit(2)\n$a.doubled:=$a.doubled+2") \
        == [8, 16, [16]]


def test_property_updates_of_shared_objects_need_use(fourd):
    error = fourd.error('$s:=New shared object("n"; 1)\n$s.n:=$s.n+1')
    assert error.code == Codes.SHARED_NOT_IN_USE
    assert fourd.value("$s.n", '$s:=New shared object("n"; 1)\nUse ($s)\n$s.n+=1\nEnd use') == 2


# --- parameters declared with a class (memoised instance checks) ---------------

def test_class_typed_parameters_take_instances_only(fourd):
    # parameters.md, "Wrong parameter type": an error; classes.md: a subclass instance is an instance.
    fourd.cls("Animal", "")
    fourd.cls("Dog", "Class extends Animal")
    fourd.cls("Car", "")
    fourd.method("kind", """
        #DECLARE($animal : cs.Animal; $f : 4D.Function) -> $name : Text
        $name:=OB Class($animal).name+" "+String($f.call(Null; 2))""")
    assert fourd.value("[kind(cs.Dog.new(); Formula($1*3)); kind(cs.Animal.new(); Formula($1))]") == ["Dog 6", "Animal 2"]
    assert fourd.error("$r:=kind(cs.Car.new(); Formula(1))").code == Codes.TYPE_MISMATCH
    assert fourd.error("$r:=kind(cs.Dog.new(); [1])").code == Codes.TYPE_MISMATCH


def test_tcp_events_have_a_class(fourd):
    # TCPEventClass.md: 4D.TCPEvent is a class (its objects come from connections).
    assert fourd.value("[4D.TCPEvent.name; OB Class(4D.TCPEvent).name]") == ["TCPEvent", "Class"]
