"""Concepts/dt_boolean.md: True, False, Not, logical operators & and |."""
import pytest


@pytest.mark.parametrize("button, expected", [(1, True), (0, False)])
def test_button_example(fourd, button, expected):
    assert fourd.run(f"""
        myButton:={button}
        If(myButton=1)
           myBoolean:=True
        Else
           myBoolean:=False
        End if
        var $long:=myBoolean
        myBoolean:=(myButton=1)
        return [$long; myBoolean]""").value == [expected, expected]


@pytest.mark.parametrize("expression, expected", [
    ('("A" = "A") & (15 # 3)', True),
    ('("A" = "B") & (15 # 3)', False),
    ('("A" = "B") & (15 = 3)', False),
    ('("A" = "A") | (15 # 3)', True),
    ('("A" = "B") | (15 # 3)', True),
    ('("A" = "B") | (15 = 3)', False),
])
def test_logical_operators_table(fourd, expression, expected):
    assert fourd.value(expression) is expected


@pytest.mark.parametrize("a", ["True", "False"])
@pytest.mark.parametrize("b", ["True", "False"])
def test_truth_tables_and_exclusive_or_tip(fourd, a, b):
    pa, pb = a == "True", b == "True"
    assert fourd.value(f"[{a} & {b}; {a} | {b}; ({a}|{b}) & Not({a} & {b})]") == [
        pa and pb, pa or pb, pa != pb]


def test_boolean_functions(fourd):
    assert fourd.value("[True; False; Not(True); Not(False)]") == [True, False, False, True]


def test_boolean_variables_default_to_false(fourd):
    assert fourd.run("""
        var $b : Boolean
        return $b""").value is False
