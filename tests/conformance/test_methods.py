"""Concepts/methods.md: subroutines, object formulas (methods in object
properties, This), recursion and the stack limit."""
from fourd.runtime.errors import Codes


def test_subroutines(fourd):
    fourd.method("FIND_CLEARED_CHECKS", 'ALERT("find")')
    fourd.method("RECONCILE_ACCOUNT", 'ALERT("reconcile")')
    fourd.method("PRINT_CHECK_BOOK_REPORT", 'ALERT("print")')
    assert fourd.alerts("""
         FIND_CLEARED_CHECKS //Find the cleared checks
         RECONCILE_ACCOUNT //Reconcile the account
         PRINT_CHECK_BOOK_REPORT //Print a checkbook report""") == ["find", "reconcile", "print"]


def test_method_names_ignore_case(fourd):
    fourd.method("MODIFY_CUSTOMER", 'ALERT("modify")')
    assert fourd.alerts("modify_customer") == ["modify"]


def test_object_formula_calling_a_method(fourd):
    fourd.method("myAlert", 'ALERT("Hello world!")')
    assert fourd.alerts("""
        var $o : Object
        $o:=New object("custom_Alert";Formula(myAlert))
        $o.custom_Alert()
        $o["custom_Alert"]()""") == ["Hello world!", "Hello world!"]


def test_object_formula_with_parameters(fourd):
    fourd.method("fullName", """
        C_TEXT($0;$1;$2)
        $0:=$1+" "+$2""")
    assert fourd.run("""
        var $o : Object
        $o:=New object("full_name";Formula(fullName))
        $result:=$o.full_name("John";"Smith")
        return [$result; fullName("param1";"param2")]""").value == ["John Smith", "param1 param2"]


def test_object_formula_with_this(fourd):
    fourd.method("fullName2", """
        C_TEXT($0)
        $0:=This.firstName+" "+This.lastName""")
    assert fourd.run("""
        var $o : Object
        $o:=New object("firstName";"Jim";"lastName";"Wesson")
        $o.fullName:=Formula(fullName2)
        $result:=$o.fullName()
        return $result""").value == "Jim Wesson"


def test_property_without_parentheses_returns_the_formula(fourd):
    assert fourd.run("""
        $f:={message: Formula("hi")}
        $o:=$f.message
        return [OB Instance of($o; 4D.Function); $o.call()]""").value == [True, "hi"]


def test_recursion(fourd):
    fourd.method("Genealogy", """
         $0:=$1
         $parent:=<>parents[$1]
         If($parent#Null)
            $0:=$0+" who is the child of "+Genealogy($parent)
         End if""")
    assert fourd.alerts("""
        <>parents:={John: "Paul"; Paul: "Jane"; Jane: "Robert"; Robert: "Eleanor"}
        ALERT("A friend of mine, "+Genealogy("John")+", does this for a living!")""") == [
        "A friend of mine, John who is the child of Paul who is the child of Jane who is the child "
        "of Robert who is the child of Eleanor, does this for a living!"]


def test_mutual_recursion(fourd):
    fourd.method("isEven", """
        #DECLARE($n : Integer) -> $r : Boolean
        $r:=($n=0) ? True : isOdd($n-1)""")
    fourd.method("isOdd", """
        #DECLARE($n : Integer) -> $r : Boolean
        $r:=($n=0) ? False : isEven($n-1)""")
    assert fourd.value("[isEven(10); isOdd(7); isEven(3)]") == [True, True, False]


def test_endless_recursion_is_a_stack_full_error(fourd):
    fourd.method("forever", """
        #DECLARE($n : Integer)
        forever($n+1)""")
    error = fourd.error("forever(1)")
    assert error.code == Codes.STACK_OVERFLOW
    assert error.where[0] == "forever"


def test_endless_recursion_can_be_caught(fourd):
    fourd.method("forever", """
        forever""")
    assert fourd.run("""
        Try
          forever
        Catch
          return Last errors[0].errCode
        End try""").value == Codes.STACK_OVERFLOW
