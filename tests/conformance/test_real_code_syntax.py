"""Syntax that public 4D projects use and 4D accepts: `var ${2} : Text`,
object-literal keys starting with `$`, keywords as function names, non-ASCII
variable names."""


def test_var_declares_the_variadic_parameters(fourd):
    """`var ${2} : Text` types the parameters from the 2nd on; they stay readable."""
    fourd.method("joined", """
        #DECLARE($separator : Text) : Text
        var ${2} : Text
        var $i : Integer
        var $text : Text
        For ($i; 2; Count parameters)
            $text+=${$i}+$separator
        End for
        return $text""")
    assert fourd.value('joined("-"; "a"; "b")') == "a-b-"


def test_object_literal_keys_starting_with_a_dollar(fourd):
    assert fourd.value('{$oid: "abc"; name: "x"}') == {"$oid": "abc", "name": "x"}


def test_object_literal_dollar_key_is_not_the_variable(fourd):
    assert fourd.value('{$oid: $oid}', 'var $oid:="value"') == {"$oid": "value"}


def test_keywords_as_accessor_and_function_names(fourd):
    fourd.cls("Runner", """
        Function get try() : Text
            return "tried"

        Function if($x : Integer) : Integer
            return $x+1""")
    assert fourd.value("[cs.Runner.new().try; cs.Runner.new().if(1)]") == ["tried", 2]


def test_accented_variable_names(fourd):
    assert fourd.value("$été+$ñandú", "var $été; $ñandú : Integer\n$été:=1\n$ñandú:=2") == 3



def test_emoji_variable_names(fourd):
    """Public code names variables with emoji (`$🎩`)."""
    assert fourd.value("$🎩+$a🎩", 'var $🎩; $a🎩 : Text\n$🎩:="hat"\n$a🎩:="!"') == "hat!"
