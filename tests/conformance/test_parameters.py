"""Concepts/parameters.md: passing and declaring parameters, returned
values, return, parameter indirection, variadic parameters, wrong types,
optional parameters, values or references."""
import pytest

from fourd.runtime.values import Date, Time


def test_command_parameters_and_returned_value(fourd):
    assert fourd.run("""
        MyLength:=Length("How did I get here?")
        ALERT("Hello")
        return MyLength""").value == 19 and fourd.last_output == ["Hello"]


def test_class_function_parameters(fourd):
    fourd.cls("Polygon", """
        Function getArea($width : Integer; $height : Integer)-> $area : Integer
        	$area:=$width*$height""")
    assert fourd.run("""
        $o:=cs.Polygon.new()
        $area:=$o.getArea(50;100)
        return $area""").value == 5000


def test_method_parameters(fourd):
    fourd.method("DO_SOMETHING", """
        #DECLARE($a : Text; $b : Integer; $c : Boolean) -> $r : Text
        $r:=$a+String($b)+String($c)""")
    assert fourd.value('DO_SOMETHING($WithThis;$AndThat;$ThisWay)',
                       '$WithThis:="x"\n$AndThat:=2\n$ThisWay:=True') == "x2True"


def test_multiline_declaration(fourd):
    fourd.method("auth", """
        #DECLARE ($url : Text; $header : Text; \\
          $BrowserIP : Text; $ServerIP : Text; \\
          $user : Text; $password : Text) \\
          -> $RequestAccepted : Boolean
        $RequestAccepted:=($user="admin") & ($password="secret")""")
    assert fourd.value('[auth("u"; "h"; "1"; "2"; "admin"; "secret"); auth("u"; "h"; "1"; "2"; "admin"; "x")]') == [
        True, False]


def test_untyped_parameter_is_variant(fourd):
    fourd.method("kind", """
        #DECLARE($p) -> $t : Integer
        $t:=Value type($p)""")
    assert fourd.value('[kind("a"); kind(1); kind(Null); kind({})]') == [2, 1, 255, 38]


def test_return_type_only_with_return(fourd):
    fourd.cls("Calc", """
        Function add($x : Variant; $y : Integer): Integer
        	return $x+$y
        Function add2($x : Variant; $y : Integer) -> $result : Integer
        	$result:=$x+$y
        Function square($x : Integer) -> $result : Integer
           return $x * $x""")
    assert fourd.value("[cs.Calc.new().add(1; 2); cs.Calc.new().add2(2; 3); cs.Calc.new().square(7)]") == [3, 5, 49]


def test_parameters_start_at_their_default_value(fourd):
    fourd.method("defaults", """
        #DECLARE($t : Text; $i : Integer; $r : Real; $b : Boolean; $d : Date; $o : Object; $c : Collection; $v)
        return [$t; $i; $r; $b; $d; $o; $c; Undefined($v)]""")
    assert fourd.value("defaults") == ["", 0, 0, False, Date(0, 0, 0), None, None, True]


def test_return_ends_execution(fourd):
    fourd.cls("Getter", """
        Function getValue -> $v : Integer
        	$v:=10
        	return 20
        Function getValue2 -> $v : Integer
        	return 10
        	$v:=20""")
    assert fourd.value("[cs.Getter.new().getValue(); cs.Getter.new().getValue2()]") == [20, 10]


def test_return_without_expression(fourd):
    """Without an expression, return gives the declared result (a null value of its type), else undefined."""
    fourd.method("typed", """
        #DECLARE() -> $r : Text
        return""")
    fourd.method("untyped", """
        return""")
    assert fourd.value('[typed; Undefined(untyped)]') == ["", True]


def test_parameter_indirection_mysum(fourd):
    fourd.method("MySum", """
         #DECLARE($format : Text) -> $result : Text
         $sum:=0
         For($i;2;Count parameters)
            $sum:=$sum+${$i}
         End for
         $result:=String($sum;$format)""")
    assert fourd.value('[MySum("##0.00";125.2;33.5;24); MySum("000";1;2;200)]') == ["182.70", "203"]


def test_parameter_indirection_reaches_declared_and_extra_parameters(fourd):
    fourd.method("foo", """
        #DECLARE($p1: Text;$p2 : Text; $p3 : Date)
        For($i;1;Count parameters)
        	ALERT("param "+String($i)+" = "+String(${$i}))
        End for""")
    assert fourd.alerts('foo("hello";"world";!2021-01-01!;42;?12:00:00?)') == [
        "param 1 = hello", "param 2 = world", "param 3 = " + fourd.value("String(!2021-01-01!)"),
        "param 4 = 42", "param 5 = 12:00:00"]


def test_variadic_parameters(fourd):
    fourd.method("SumNumbers", """
        #DECLARE( ... : Real) : Real
        var $number; $total : Real
        For ($number; 1; Count parameters)
        	$total+=${$number}
        End for
        return $total""")
    assert fourd.value("[SumNumbers; SumNumbers(1; 2; 3; 4; 5)]") == [0, 15]
    fourd.error('$total3:=SumNumbers(1; 2; "hello"; 4; 5)')


def test_variadic_after_named_parameters(fourd):
    fourd.method("joinAll", """
        #DECLARE ( $sep: Text ; ... : Text ) -> $r : Text
        var $i : Integer
        For ($i; 2; Count parameters)
          $r:=$r+${$i}+$sep
        End for""")
    assert fourd.value('joinAll("-"; "a"; "b")') == "a-b-"


def test_wrong_parameter_type_is_an_error(fourd):
    fourd.method("method1", """
        #DECLARE($value : Text)""")
    error = fourd.error("method1(42)")
    assert error.code == 54


def test_wrong_class_instance_is_an_error(fourd):
    fourd.cls("MyClass1", "property a : Integer")
    fourd.cls("MyClass2", """
        Class constructor($n : Integer)""")
    fourd.method("method1", """
        #DECLARE($obj : cs.MyClass1)""")
    fourd.run("method1(cs.MyClass1.new())")
    fourd.error("""
        var $param := cs.MyClass2.new(42)
        method1($param)""")


def test_legacy_declaration_gets_an_empty_value_of_the_expected_type(fourd):
    fourd.method("legacy", """
        C_TEXT($1)
        $0:="["+$1+"]" """)
    assert fourd.value('legacy(42)') == "[]"


def test_objects_as_named_parameters(fourd):
    fourd.method("ChangeAge", """
         #DECLARE ($para : Object)
         $para.Age:=$para.Age+10
         ALERT($para.Name+" is "+String($para.Age)+" years old.")""")
    assert fourd.alerts("""
         var $person : Object
         $person:=New object("Name";"Smith";"Age";40)
         ChangeAge($person)
         ALERT(String($person.Age))""") == ["Smith is 50 years old.", "50"]


def test_optional_named_parameters(fourd):
    fourd.method("ChangeAge", """
        #DECLARE ($para : Object)
        If ($para.toAdd=Null)
        	$para.toAdd:=10
        End if
        $para.Age:=Num($para.Age)+$para.toAdd
        ALERT(String($para.Name)+" is "+String($para.Age)+" years old.")""")
    assert fourd.alerts("""
        ChangeAge(New object("Name";"Smith";"Age";40;"toAdd";5))
        ChangeAge(New object("Name";"Smith";"Age";40))
        ChangeAge(New object)""") == [
        "Smith is 45 years old.", "Smith is 50 years old.", " is 10 years old."]


def test_missing_parameters_get_default_values(fourd):
    fourd.cls("myClass", """
        Function concate ($param1 : Text ; $param2 : Text)->$result : Text
        $result:=$param1+" "+$param2""")
    assert fourd.value("""[$class.concate("Hello"); $class.concate()]""",
                       "$class:=cs.myClass.new()") == ["Hello ", " "]


def test_count_parameters_for_optional_parameters(fourd):
    fourd.method("APPEND_TEXT", """
         #DECLARE ($message : Text; $path : Text; $wpArea : Object)
         ALERT($message)
         If(Count parameters>=3)
            ALERT("area")
         Else
            If(Count parameters>=2)
               ALERT("document "+$path)
            End if
         End if""")
    assert fourd.alerts("""
        vtSomeText:="text"
        $path:="/tmp/x"
        APPEND_TEXT(vtSomeText)
        APPEND_TEXT(vtSomeText;$path)
        APPEND_TEXT(vtSomeText;"";{})""") == ["text", "text", "document /tmp/x", "text", "area"]


def test_parameters_are_values(fourd):
    fourd.method("DO_SOMETHING", """
         #DECLARE($param : Text)
         $param:=Uppercase($param)
         ALERT($param)""")
    assert fourd.alerts("""
        $name:="williams"
        DO_SOMETHING($name)
        ALERT($name)""") == ["WILLIAMS", "williams"]


def test_pointer_parameters_change_the_caller(fourd):
    fourd.method("DO_SOMETHING", """
        #DECLARE($param : Pointer)
        $param->:=Uppercase($param->)
        ALERT($param->)""")
    assert fourd.alerts("""
        $name:="williams"
        DO_SOMETHING(->$name)
        ALERT($name)""") == ["WILLIAMS", "WILLIAMS"]


def test_returning_a_value(fourd):
    fourd.method("DO_SOMETHING", """
         #DECLARE ($param : Text) -> $result : Text
         $result:=Uppercase($param)
         ALERT($result)""")
    assert fourd.alerts("""
         $name:="williams"
         $name:=DO_SOMETHING($name)
         ALERT($name)""") == ["WILLIAMS", "WILLIAMS"]


def test_objects_are_passed_by_reference(fourd):
    fourd.method("ChangeAge", """
         #DECLARE ($person : Object)
         $person.Age:=$person.Age+10
         ALERT(String($person.Age))""")
    assert fourd.alerts("""
         var $person : Object
         $person:=New object("Name";"Smith";"Age";40)
         ChangeAge($person)
         ALERT(String($person.Age))""") == ["50", "50"]


def test_time_parameter(fourd):
    fourd.method("plusHour", """
        #DECLARE($t : Time) -> $r : Time
        $r:=$t+?01:00:00?""")
    assert fourd.value("plusHour(?10:00:00?)") == Time(11 * 3600)
