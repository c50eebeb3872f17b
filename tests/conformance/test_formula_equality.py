"""collection.equal() and deep comparisons: two formula objects are alike when
their code is (public test code compares objects holding Formula(method))."""


def test_formulas_of_the_same_code_compare_equal(fourd):
    assert fourd.value("[[$a].equal([$b]); [$a].equal([$c]); [$a].equal([$a])]", """
        $a:=Formula(Uppercase("x"))
        $b:=Formula(Uppercase("x"))
        $c:=Formula(Lowercase("x"))""") == [True, False, True]


def test_objects_holding_formulas(fourd):
    assert fourd.value('[{f: Formula(1+1); n: 1}].equal([{f: Formula(1+1); n: 1}])') is True
