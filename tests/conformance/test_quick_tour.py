"""Concepts/quick-tour.md: the examples of each section (assignments,
variables, commands, methods, objects and collections, classes,
operators, expressions, pointers, comments)."""
import pytest

from fourd.runtime.values import Date, Time
from fourd.syntax.errors import FourDSyntaxError


def test_hello_world(fourd):
    assert fourd.alerts('ALERT("Hello, World!")') == ["Hello, World!"]


def test_assigning_values(fourd):
    assert fourd.value("[$MyNumber; arrDays{2}; MyVar; $myDate]", """
        $MyNumber:=3
        ARRAY TEXT(arrDays; 7)
        arrDays{2}:="Tuesday"
        MyVar:=Length("Acme")
        $myDate:=!2018/01/21!""") == [3, "Tuesday", 4, Date(2018, 1, 21)]
    assert fourd.value("$myHour", "$myHour:=?08:12:55?") == Time(8 * 3600 + 12 * 60 + 55)


def test_typed_and_typeless_variables(fourd):
    fourd.cls("Person", "")
    assert fourd.run("""
        var MyDate : Date
        var myPerson : cs.Person
        MyOtherDate:=Current date+30
        var $r:=[Value type(MyDate); myPerson=Null; MyOtherDate-Current date]
        MyOtherDate:="now text"
        $r.push(Value type(MyOtherDate))
        return $r""").value == [4, True, 30, 2]


def test_a_typed_variable_cannot_change_its_type(fourd):
    assert fourd.error("""
        var $d : Date
        $d:="text" """).code == 54


def test_collection_methods(fourd):
    assert fourd.run("""
        $c:=New collection(1;2;3;4;5)
        $nc:=$c.slice(0;3)
        $employee:=[{name: "a"}; {name: "b"}]
        $lastEmployee:=$employee.last()
        return [$nc; $lastEmployee.name]""").value == [[1, 2, 3], "b"]


def test_tab_characters_loop(fourd):
    assert fourd.run("""
        vtSomeText:="a"+Char(Tab)+"b"+Char(Tab)
        $tabs:=0
        For($vlChar;1;Length(vtSomeText))
        	If(Character code(vtSomeText[[$vlChar]])=Tab)
        		$tabs:=$tabs+1
        	End if
        End for
        return $tabs""").value == 2


def test_calling_a_method_with_legacy_parameters(fourd):
    fourd.method("Do_Something", "$0:=Uppercase($1)")
    assert fourd.alerts("""
        $myText:="hello"
        $myText:=Do_Something($myText) //Call the Do_Something method
        ALERT($myText)""") == ["HELLO"]


def test_converting_types(fourd):
    assert fourd.value('String(Number)+"abc"', "Number:=17") == "17abc"


def test_object_notation(fourd):
    assert fourd.run("""
        employee:={children: [{}; {}; {age: 7}]}
        employee.name:="Smith"
        $vName:=employee["name"]
        $vAge:=employee.children[2].age
        return [$vName; $vAge]""").value == ["Smith", 7]


def test_formula_in_a_property(fourd):
    assert fourd.alerts("""
        $f:=New object
        $f.message:=Formula(ALERT("Hello world!"))
        $f.message()""") == ["Hello world!"]


def test_collection_element(fourd):
    assert fourd.value("myColl[3]", """
        C_COLLECTION(myColl)
        myColl:=New collection("A";"B";1;2;Current time)""") == 2


def test_class_member_method(fourd):
    fourd.cls("myClass", """
        //in the myClass.4dm file
        Function hello
          C_TEXT($0)
          $0:="Hello "+This.who""")
    assert fourd.value("$message", """
        $o:=cs.myClass.new()
        $o.who:="World"
        $message:=$o.hello()""") == "Hello World"


def test_class_constructor_and_extends(fourd):
    fourd.cls("Rectangle", """
        //in the Rectangle.4dm file
        Class constructor
        C_LONGINT($1;$2)
        This.height:=$1
        This.width:=$2
        This.name:="Rectangle" """)
    fourd.cls("Square", """
        //in the Square.4dm file
        Class extends Rectangle

        Class constructor
        C_LONGINT($1)

          // It calls the parent class's constructor with lengths
          // provided for the Rectangle's width and height
        Super($1;$1)

        This.name:="Square" """)
    assert fourd.value("cs.Square.new(5)") == {"height": 5, "width": 5, "name": "Square"}


def test_operator_tables(fourd):
    assert fourd.value('[1 + 2; 3 - 2; 2 * 3; 6 / 2; "Hello " + "there"; !1989-01-01! + 20]') == [
        3, 1, 6, 3, "Hello there", Date(1989, 1, 21)]


def test_expression_types(fourd):
    assert fourd.value("""["Hello"; "Hello " + "there"; Uppercase("smith"); 4; 4 * 2; True; 10 # 20; \\
        "ABC" = "XYZ"; Value type(?8:05:30?); Value type(JSON Parse("{}")); Value type(JSON Parse("[1]"))]""") == [
        "Hello", "Hello there", "SMITH", 4, 8, True, True, False, 11, 38, 42]
    assert fourd.value("?2:03:04? + ?1:02:03?") == Time(3 * 3600 + 5 * 60 + 7)
    assert fourd.value("Current date+ 30 - Current date") == 30


def test_non_assignable_expression_is_a_syntax_error(fourd):
    with pytest.raises(FourDSyntaxError):
        fourd.run("""
            $o:={pageTotal: 5; pageNumber: 2}
            $o.pageTotal- $o.pageNumber:=10""")


def test_pointers(fourd):
    assert fourd.alerts("""
        MyVar:="Hello"
        MyPointer:=->MyVar
        ALERT(MyPointer->)""") == ["Hello"]


def test_comments(fourd):
    assert fourd.value("$vCounter", """
        //This is a comment
        For($vCounter;1;100) //Starting loop
          //comment
        End for
        For /* inline comment */ ($vCounter;1;100)
        End for
        /*
        comments
        */""") == 101


def test_nested_comment_blocks(fourd):
    assert fourd.value("1", """
        /*
        comments
        	/*
        	other comments
        	*/
        */""") == 1
