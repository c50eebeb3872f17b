"""Concepts/cf_branching.md: If...Else...End if and Case of...Else...End case."""
import pytest


@pytest.fixture
def methods_a_and_b(fourd):
    """MethodA returns False, MethodB True; both note their call in <>calls."""
    for name, result in (("MethodA", "False"), ("MethodB", "True")):
        fourd.method(name, f"""
            <>calls:=<>calls+"{name[-1]}"
            $0:={result}""")
    return fourd


def test_if_condition_is_fully_evaluated(methods_a_and_b):
    """'even if MethodA returns FALSE, 4D will still evaluate MethodB'."""
    assert methods_a_and_b.value("<>calls", """
        <>calls:=""
        If(MethodA & MethodB)
           ALERT("both")
        End if""") == "AB"


def test_nested_if_evaluates_only_when_needed(methods_a_and_b):
    assert methods_a_and_b.value("<>calls", """
        <>calls:=""
        If(MethodA)
           If(MethodB)
           End if
        End if""") == "A"


@pytest.mark.parametrize("ok, expected", [(1, []), (0, ["You did not enter a name."])])
def test_if_else(fourd, ok, expected):
    assert fourd.alerts(f"""
        OK:={ok}
        If(OK=1)
           $found:=True
        Else
           ALERT("You did not enter a name.")
        End if""") == expected


def test_empty_branches(fourd):
    assert fourd.alerts("""
        If(False)
        Else
           ALERT("else")
        End if
        If(True)
           ALERT("then")
        Else
        End if""") == ["else", "then"]


@pytest.mark.parametrize("value, expected", [
    (1, "One."), (2, "Two."), (3, "Three."), (4, "It was not one, two, or three.")])
def test_case_of_and_equivalent_if(fourd, value, expected):
    case = fourd.alerts(f"""
         vResult:={value}
         Case of
            :(vResult=1) //Test if the number is 1
               ALERT("One.") //If it is 1, display an alert
            :(vResult=2) //Test if the number is 2
               ALERT("Two.") //If it is 2, display an alert
            :(vResult=3) //Test if the number is 3
               ALERT("Three.") //If it is 3, display an alert
            Else //If it is not 1, 2, or 3, display an alert
               ALERT("It was not one, two, or three.")
         End case""")
    nested = fourd.alerts(f"""
         vResult:={value}
         If(vResult=1) //Test if the number is 1
            ALERT("One.") //If it is 1, display an alert
         Else
            If(vResult=2) //Test if the number is 2
               ALERT("Two.") //If it is 2, display an alert
            Else
               If(vResult=3) //Test if the number is 3
                  ALERT("Three.") //If it is 3, display an alert
               Else //If it is not 1, 2, or 3, display an alert
                  ALERT("It was not one, two, or three.")
               End if
            End if
         End if""")
    assert case == nested == [expected]


def test_only_the_first_true_case_runs(fourd):
    assert fourd.alerts("""
         vResult:=1
         vCondition:=1
         Case of
            :(vResult=1)
               ALERT("first")
            :((vResult=1) & (vCondition#2)) //this case will never be detected
               ALERT("never")
         End case
         Case of
            :((vResult=1) & (vCondition#2)) //this case will be detected first
               ALERT("detected")
            :(vResult=1)
               ALERT("not reached")
         End case""") == ["first", "detected"]


def test_case_without_statements_and_else_only(fourd):
    assert fourd.alerts("""
         Case of
            :(False)
            :(True)
            :(True)
               ALERT("not reached: the second case was true")
            Else
               ALERT("no")
         End case
         Case of
            Else
               ALERT("else only")
         End case""") == ["else only"]


def test_condition_must_be_boolean(fourd):
    assert fourd.error("""
        If(1)
        End if""").code == 55
