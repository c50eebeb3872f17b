"""Formulas (compiler.formulas). Pages: API/FunctionClass.md,
commands/formula.md, API/CollectionClass.md (callbacks)."""


def test_a_formula_copies_the_locals_it_uses_when_it_is_created(fourd):
    assert fourd.value("[$f.call(); $x]", "$x:=1\n$f:=Formula($x*10)\n$x:=2") == [10, 2]


def test_a_formula_of_a_method_passes_its_parameters_and_this(fourd):
    fourd.method("greet", "return This.name+$1")
    assert fourd.value('$o.f("!")', '$o:={name: "Ann"; f: Formula(greet)}') == "Ann!"


def test_a_formula_assigning_its_result(fourd):
    assert fourd.value("$c.map(Formula($1.result:=$1.value*2))", "$c:=[1; 2]") == [2, 4]


def test_callback_forms_are_compiled_only_for_parameter_objects_read_as_such(python_of):
    assert "_each(" in python_of("$f:=Formula($1.value+1)")
    assert "_each(" not in python_of("$f:=Formula($1)")
