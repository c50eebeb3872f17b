"""Concepts/cf_looping.md and flow-control.md: While, Repeat, For, For each
(collections, objects, begin/end, Until/While), nesting, break, continue
and return."""
import pytest


def test_while_loop(fourd):
    assert fourd.value("$i", """
         $i:=1 //Initialize the counter
         While($i<=100) //Loop 100 times
            $i:=$i+1 //Need to increment the counter
         End while""") == 101


def test_while_not_entered_when_false(fourd):
    assert fourd.alerts("""
        OK:=0
        While(OK=1)
          ALERT("never")
        End while""") == []


def test_repeat_runs_at_least_once(fourd):
    assert fourd.value("$i", """
         $i:=1 //Initialize the counter
         Repeat
            $i:=$i+1 //Need to increment the counter
         Until($i=100) //Loop 100 times""") == 100
    assert fourd.alerts("""
        Repeat
          ALERT("once")
        Until(True)""") == ["once"]


def test_for_basic_examples(fourd):
    assert fourd.run("""
         $n:=0
         For(vCounter;1;100)
           $n:=$n+1
         End for
         ARRAY LONGINT(anArray; 5)
         For($vlElem;1;Size of array(anArray))
            anArray{$vlElem}:=$vlElem*10
         End for
         vtSomeText:="a"+Char(Tab)+"b"
         $tabs:=0
         For($vlChar;1;Length(vtSomeText))
            If(Character code(vtSomeText[[$vlChar]])=Tab)
              $tabs:=$tabs+1
            End if
         End for
         return [$n; vCounter; anArray{5}; $tabs]""").value == [100, 101, 50, 1]


def test_for_decrementing(fourd):
    assert fourd.run("""
         $seen:=""
         For(vCounter;5;1;-1)
           $seen:=$seen+String(vCounter)
         End for
         ARRAY TEXT(anArray; 3)
         For($vlElem;Size of array(anArray);1;-1)
            anArray{$vlElem}:=String($vlElem)
         End for
         return [$seen; anArray{1}+anArray{2}+anArray{3}]""").value == ["54321", "123"]


def test_for_increment_greater_than_one(fourd):
    assert fourd.value("$even", """
         ARRAY LONGINT(anArray; 7)
         $even:=""
         For($vlElem;2;Size of array(anArray);2)
            $even:=$even+String($vlElem)
         End for""") == "246"


def test_for_bounds_are_evaluated_once(fourd):
    assert fourd.value("$turns", """
        $end:=3
        $turns:=0
        For($i;1;$end)
          $end:=10
          $turns:=$turns+1
        End for""") == 3


def test_for_counter_can_be_changed_in_the_loop(fourd):
    assert fourd.value("$turns", """
        $turns:=0
        For($i;1;10)
          $i:=$i+1
          $turns:=$turns+1
        End for""") == 5


@pytest.mark.parametrize("start, end, turns", [(1, 1, 1), (2, 1, 0)])
def test_for_equal_and_reversed_bounds(fourd, start, end, turns):
    assert fourd.value("$turns", f"""
        $turns:=0
        For($i;{start};{end})
          $turns:=$turns+1
        End for""") == turns


def test_for_with_longint_counter(fourd):
    assert fourd.value("[$sum; $vlCounter]", """
         C_LONGINT($vlCounter) //use local Long Integer variables
         $sum:=0
         For($vlCounter;1;10000)
           $sum:=$sum+$vlCounter
         End for""") == [50005000, 10001]


def test_nested_for_over_a_two_dimensional_array(fourd):
    assert fourd.value("$cells", """
         ARRAY LONGINT(anArray; 3; 4)
         $cells:=0
         For($vlElem;1;Size of array(anArray))
            For($vlSubElem;1;Size of array(anArray{$vlElem}))
               anArray{$vlElem}{$vlSubElem}:=$vlElem*$vlSubElem
               $cells:=$cells+anArray{$vlElem}{$vlSubElem}
            End for
         End for""") == (1 + 2 + 3) * (1 + 2 + 3 + 4)


def test_for_each_collection_statistics(fourd):
    assert fourd.value("[$vEven; $vOdd; $vUnder; $vOver]", """
         C_COLLECTION($nums)
         $nums:=New collection(10;5001;6665;33;1;42;7850)
         C_LONGINT($item;$vEven;$vOdd;$vUnder;$vOver)
         For each($item;$nums)
            If($item%2=0)
               $vEven:=$vEven+1
            Else
               $vOdd:=$vOdd+1
            End if
            Case of
               :($item<5000)
                  $vUnder:=$vUnder+1
               :($item>6000)
                  $vOver:=$vOver+1
            End case
         End for each""") == [3, 4, 4, 2]


def test_for_each_item_of_the_wrong_type_is_an_error(fourd):
    assert fourd.error("""
        C_LONGINT($item)
        For each($item;[1; "two"])
        End for each""").code == 54


def test_for_each_object_items_are_references(fourd):
    assert fourd.value("$people", """
        $people:=[{n: 1}; {n: 2}]
        For each($p;$people)
          $p.n:=$p.n*10
        End for each""") == [{"n": 10}, {"n": 20}]


def test_for_each_scalar_items_are_copies(fourd):
    assert fourd.value("$c", """
        $c:=[1; 2]
        For each($v;$c)
          $v:=$v*10
        End for each""") == [1, 2]


def test_for_each_number_of_loops_is_evaluated_at_start(fourd):
    assert fourd.value("[$turns; $c.length]", """
        $c:=[1; 2; 3]
        $turns:=0
        For each($v;$c)
          $c.push($v)
          $turns:=$turns+1
        End for each""") == [3, 6]


def test_for_each_object_properties(fourd):
    assert fourd.value("vObject", """
        vObject:={firstname: "gregory"; lastname: "badikora"; age: 20}
        For each(property;vObject)
           If(Value type(vObject[property])=Is text)
              vObject[property]:=Uppercase(vObject[property])
           End if
        End for each""") == {"firstname": "GREGORY", "lastname": "BADIKORA", "age": 20}


def test_for_each_object_properties_in_creation_order_while_modified(fourd):
    assert fourd.value("$names", """
        $o:={b: 1; a: 2}
        $names:=[]
        For each($key;$o)
          $names.push($key)
          $o.c:=3
          OB REMOVE($o; "a")
        End for each""") == ["b", "a"]


def test_for_each_begin_and_end(fourd):
    assert fourd.value("$col2", """
         C_COLLECTION($col;$col2)
         $col:=New collection("a";"b";"c";"d";"e")
         $col2:=New collection(1;2;3)
         C_TEXT($item)
         For each($item;$col;0;3)
            $col2.push($item)
         End for each
         For each($item;$col;-2;-1)
            $col2.push($item)
         End for each""") == [1, 2, 3, "a", "b", "c", "d"]


def test_for_each_begin_end_arithmetic(fourd):
    """begin=-4 and end=-2 on 10 elements iterate elements #6 and #7."""
    assert fourd.value("$seen", """
        $col:=[0; 1; 2; 3; 4; 5; 6; 7; 8; 9]
        $seen:=[]
        For each($item;$col;-4;-2)
          $seen.push($item)
        End for each""") == [6, 7]


def test_for_each_while_and_until(fourd):
    assert fourd.alerts("""
         $colNum:=New collection(1;2;3;4;5;6;7;8;9;10)
         $total:=0
         For each($num;$colNum)While($total<30) //tested at the beginning
            $total:=$total+$num
         End for each
         ALERT(String($total)) //$total = 36 (1+2+3+4+5+6+7+8)
         $total:=1000
         For each($num;$colNum)Until($total>30) //tested at the end
            $total:=$total+$num
         End for each
         ALERT(String($total)) //$total = 1001 (1000+1)""") == ["36", "1001"]


def test_for_each_over_null_runs_no_loop(fourd):
    assert fourd.alerts("""
        var $c : Collection
        For each($v;$c)
          ALERT("never")
        End for each""") == []


def test_return_stops_a_loop_and_the_method(fourd):
    fourd.method("logConsole", "ALERT($1)")
    assert fourd.alerts(r"""
        var $message : Text
        var $i : Integer

        While (True) //infinite loop
        	$i:=$i+1
        	$message+=String($i)+"A"  // until 5
        	logConsole($message)
        	If ($i=5)
        		return //stops the loop
        	End if
        	$message+=String($i)+"B"  // until 4
        	logConsole($message)
        End while
        $message+=String($i)+"C"  //never executed
        logConsole($message)""")[-1] == "1A1B2A2B3A3B4A4B5A"


def test_break_and_continue(fourd):
    assert fourd.value("$seen", """
        $seen:=[]
        For($i;1;10)
          If($i%2=0)
            continue
          End if
          If($i>7)
            break
          End if
          $seen.push($i)
        End for
        $j:=0
        While(True)
          $j:=$j+1
          If($j=3)
            break
          End if
        End while
        $seen.push($j)
        For each($v;[1; 2; 3])
          If($v=2)
            continue
          End if
          $seen.push($v*100)
        End for each
        Repeat
          $j:=$j+1
          If($j<6)
            continue
          End if
          break
        Until(False)
        $seen.push($j)""") == [1, 3, 5, 7, 3, 100, 300, 6]


def test_break_in_nested_loops_leaves_the_inner_one(fourd):
    assert fourd.value("$pairs", """
        $pairs:=[]
        For($i;1;3)
          For($j;1;3)
            If($j>$i)
              break
            End if
            $pairs.push(String($i)+String($j))
          End for
        End for""") == ["11", "21", "22", "31", "32", "33"]


def test_continue_in_a_for_loop_still_increments(fourd):
    assert fourd.value("$n", """
        $n:=0
        For($i;1;5)
          $i:=$i
          If(True)
            continue
          End if
          $n:=99
        End for
        $n:=$i""") == 6
