"""Appending to a Text local (compiler.statements.Statements.text_append):
``$t:=$t+x`` and ``$t+=x`` compile to a plain ``+=`` on the local, which
CPython extends in place, with the generic ``+`` for anything but a Text."""


def test_appends_compile_to_an_in_place_add_on_the_local(python_of):
    code = python_of("""
        var $t : Text
        $t:=$t+"ab"
        $t+="cd\"""")
    assert code.count("is str: l_t += _x") == 2
    assert "add(l_t, 'ab')" not in code


def test_appending_text_builds_the_text(fourd):
    assert fourd.value("$t", """
        var $t : Text
        var $i : Integer
        For ($i; 1; 3)
            $t:=$t+String($i)
            $t+="-"
        End for""") == "1-2-3-"


def test_appending_a_number_is_still_an_error(fourd):
    result = fourd.value("[$t; $code]", """
        var $t : Text
        var $code : Integer
        $t:="a"
        Try
            $t+=1
        Catch
            $code:=Last errors[0].errCode
        End try""")
    assert result[0] == "a"
    assert result[1] != 0


def test_a_local_passed_by_pointer_is_read_before_the_appended_value(python_of):
    code = python_of("""
        var $t : Text
        var $p : Pointer
        $p:=->$t
        $t:=$t+"ab\"""")
    assert "l_t += " not in code
