"""Concepts/dt_string.md: literals, escape sequences, string operators,
comparisons (case, wildcard @), keywords, character references."""
import pytest


def test_escape_sequences(fourd):
    assert fourd.value(r'"a\nb\tc\rd\\e\"f"') == 'a\nb\tc\rd\\e"f'


def test_empty_string(fourd):
    assert fourd.value('Length("")') == 0


@pytest.mark.parametrize("expression, expected", [
    ('"abc" + "def"', "abcdef"),
    ('"ab" * 3', "ababab"),
    ('"abc" = "abc"', True),
    ('"abc" = "abd"', False),
    ('"abc" # "abd"', True),
    ('"abc" # "abc"', False),
    ('"abd" > "abc"', True),
    ('"abc" > "abc"', False),
    ('"abc" < "abd"', True),
    ('"abc" < "abc"', False),
    ('"abd" >= "abc"', True),
    ('"abc" >= "abd"', False),
    ('"abc" <= "abd"', True),
    ('"abd" <= "abc"', False),
    ('"Alpha Bravo" % "Bravo"', True),
    ('"Alpha Bravo" % "ravo"', False),
])
def test_string_operators_table(fourd, expression, expected):
    assert fourd.value(expression) == expected


def test_comparison_ignores_case(fourd):
    assert fourd.value('"a"="A"') is True
    assert fourd.value('Character code("A")=Character code("a")') is False


@pytest.mark.parametrize("expression, expected", [
    ('"abcdefghij"="abc@"', True),
    ('"abc@"="abcdefghij"', False),
    ('"abcdefghij"="abcdefghij@"', True),
    ('"abcdefghij"="@abcdefghij"', True),
    ('"abcdefghij"="abcd@efghij"', True),
    ('"abcdefghij"="@abcdefghij@"', True),
    ('"abcdefghij"="@abcde@fghij@"', True),
    ('"abcdefghij"="abc@@fg"', False),
    ('"abcd"<="abc@"', True),
])
def test_wildcard(fourd, expression, expected):
    assert fourd.value(expression) == expected


def test_at_sign_as_a_character(fourd):
    """($vsValue[[Length($vsValue)]]="@") is always true; Character code tells."""
    assert fourd.value('[$vsValue[[Length($vsValue)]]="@"; Character code($vsValue[[Length($vsValue)]])#64]',
                       '$vsValue:="abc"') == [True, True]
    assert fourd.value('Character code($vsValue[[Length($vsValue)]])#64', '$vsValue:="ab@"') is False


@pytest.mark.parametrize("expression, expected", [
    ('"Alpha Bravo Charlie"%"Bravo"', True),
    ('"Alpha Bravo Charlie"%"vo"', False),
    ('"Alpha Bravo Charlie"%"Alpha Bravo"', False),
    ('"Alpha,Bravo,Charlie"%"Alpha"', True),
    ('"Software and Computers"%"comput@"', True),
])
def test_keywords(fourd, expression, expected):
    assert fourd.value(expression) == expected


def test_character_reference_assignment(fourd):
    assert fourd.run("""
        vsName:="smith"
        If(vsName#"")
            vsName[[1]]:=Uppercase(vsName[[1]])
        End if
        return vsName""").value == "Smith"


def test_character_reference_reading(fourd):
    assert fourd.run("""
        vtText:="mail@"
        If(vtText#"")
            If(Character code(vtText[[Length(vtText)]])=At sign)
                return "ends with @"
            End if
        End if
        return "no" """).value == "ends with @"


def test_character_reference_beyond_the_end_is_an_error(fourd):
    """'Failing to do so, in compiled mode, causes an error with the option Range Checking On'."""
    error = fourd.error("""
        vsAnyText:=""
        vsAnyText[[1]]:="A" """)
    assert error.where[2] == 2


def test_capitalize_text_example(fourd):
    fourd.method("Capitalize_text", """
        //Capitalize_text ( Source text ) -> Capitalized text
         $0:=$1
         $vlLen:=Length($0)
         If($vlLen>0)
            $0[[1]]:=Uppercase($0[[1]])
            For($vlChar;1;$vlLen-1)
               If(Position($0[[$vlChar]];" !&()-{}:;<>?/,.=+*")>0)
                  $0[[$vlChar+1]]:=Uppercase($0[[$vlChar+1]])
               End if
            End for
         End if""")
    assert fourd.alerts("""
        ALERT(Capitalize_text("hello, my name is jane doe and i'm running for president!"))""") == [
        "Hello, My Name Is Jane Doe And I'm Running For President!"]
