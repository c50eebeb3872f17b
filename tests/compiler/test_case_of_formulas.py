"""A Formula() in the condition of the second or a later branch of a Case of
compiles and runs (its function cannot sit between Python's if and elif)."""


def test_formula_in_a_later_case_condition(fourd):
    assert fourd.value("$r", """
        var $c : Collection:=[1; 2; 3]
        var $r : Text
        var $i : Integer
        For ($i; 1; 4)
            Case of
                : ($i=1)
                    $r+="a"
                : ($c.some(Formula($1.value>$i)))
                    $r+="b"
                : ($c.every(Formula($1.value>0)) && ($i=3))
                    $r+="c"
                Else
                    $r+="d"
            End case
        End for""") == "abcd"


def test_errors_in_a_nested_branch_keep_their_line(fourd):
    error = fourd.error("""
        Case of
            : (False)
            : ([1].some(Formula($1.value>0)))
                $x:=1\\0
        End case""")
    assert error.where[2] == 4
