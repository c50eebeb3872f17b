"""This.md: in a project method called while a formula or a class function
runs on an object, This is that object ("the object currently processed by
the formula"); public code builds objects whose formulas call one project
method that works on This."""


def test_a_method_called_by_a_formula_of_an_object_sees_the_object(fourd):
    fourd.method("counter_add", """
        #DECLARE($n : Integer)
        This.value:=This.value+$n""")
    assert fourd.value("$o.value", """
        $o:=New object("value"; 1; "add"; Formula(counter_add($1)))
        $o.add(2)
        $o.add(3)""") == 6


def test_a_method_called_by_a_class_function_sees_the_instance(fourd):
    fourd.method("describe_self", "return This.name+\" (\"+String(This.age)+\")\"")
    fourd.cls("Person", """
        property name : Text
        property age : Integer
        Function describe() : Text
            return describe_self""")
    assert fourd.value("$p.describe()", """
        $p:=cs.Person.new()
        $p.name:="Ada"
        $p.age:=36""") == "Ada (36)"


def test_through_nested_method_calls(fourd):
    fourd.method("inner", "return This.tag")
    fourd.method("outer", "return inner()")
    assert fourd.value("$o.run()", '$o:={tag: "t1"; run: Formula(outer)}') == "t1"


def test_a_method_called_outside_any_object_has_no_this(fourd):
    fourd.method("this_is_null", "return This=Null")
    assert fourd.value("this_is_null") is True
