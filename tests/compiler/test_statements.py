"""Statements (compiler.statements). Pages: Concepts/cf_looping.md,
cf_branching.md, error-handling.md (Try/Catch), shared.md (Use)."""


def test_a_for_loop_that_never_writes_its_counter_iterates_a_range(fourd, python_of):
    source = """
        var $i; $sum : Integer
        For ($i; 1; 10)
            $sum:=$sum+$i
        End for"""
    assert "for_range(" in python_of(source)
    assert fourd.value("[$i; $sum]", source) == [11, 55]


def test_a_for_loop_that_writes_its_counter_tests_it_each_turn(fourd, python_of):
    source = """
        var $i; $turns : Integer
        For ($i; 1; 10)
            $turns:=$turns+1
            $i:=$i+1
        End for"""
    assert "for_range(" not in python_of(source)
    assert fourd.value("[$i; $turns]", source) == [11, 5]


def test_continue_still_steps_the_counter(fourd):
    assert fourd.value("$s", """
        $s:=""
        For ($i; 1; 5; 1)
            If ($i=2)
                $i:=$i+1
                continue
            End if
            $s:=$s+String($i)
        End for""") == "145"


def test_for_with_a_process_variable_as_counter(fourd):
    assert fourd.value("[counter; $n]", """
        $n:=0
        For (counter; 3; 1; -1)
            $n:=$n+1
        End for""") == [0, 3]


def test_case_of_runs_the_first_true_branch_only(fourd):
    assert fourd.alerts("""
        $x:=2
        Case of
            : ($x=1)
                ALERT("one")
            : ($x>1)
                ALERT("more")
            : ($x=2)
                ALERT("two")
            Else
                ALERT("else")
        End case""") == ["more"]


def test_repeat_until_and_while(fourd):
    assert fourd.value("[$i; $j]", """
        $i:=0
        Repeat
            $i:=$i+1
        Until ($i>=3)
        $j:=10
        While ($j>5)
            $j:=$j-2
        End while""") == [3, 4]


def test_try_catch_runs_the_catch_block_with_the_error_stack(fourd):
    assert fourd.value("[$caught; $code]", """
        Try
            $x:=1\\0
            $caught:=False
        Catch
            $caught:=True
            $code:=Last errors[0].errCode
        End try""") == [True, -20011]


def test_compound_assignment_evaluates_its_target_once(fourd):
    fourd.method("next", "<>calls:=<>calls+1\nreturn $1")
    assert fourd.value("[$c; <>calls]", """
        <>calls:=0
        $c:=[1; 2]
        $c[next(1)]+=10""") == [[1, 12], 1]
