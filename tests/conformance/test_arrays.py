"""Concepts/arrays.md and the array commands (commands-legacy/array-text.md,
append-to-array.md, insert-in-array.md, delete-from-array.md,
find-in-array.md, count-in-array.md, sort-array.md, copy-array.md,
array-to-collection.md, collection-to-array.md, size-of-array.md)."""
from fourd.runtime.errors import Codes
from fourd.runtime.values import Date


def test_creating_and_resizing(fourd):
    assert fourd.run("""
         ARRAY INTEGER(aiAnArray;10)
         $r:=[Size of array(aiAnArray)]
         aiAnArray{10}:=7
         ARRAY INTEGER(aiAnArray;20)
         $r.push(Size of array(aiAnArray))
         $r.push(aiAnArray{10})
         $r.push(aiAnArray{20})
         ARRAY INTEGER(aiAnArray;0)
         $r.push(Size of array(aiAnArray))
         return $r""").value == [10, 20, 7, 0, 0]


def test_assigning_values_example(fourd):
    assert fourd.alerts("""
         ARRAY TEXT(atNames;5)
         atNames{1}:="Richard"
         atNames{2}:="Sarah"
         atNames{3}:="Sam"
         atNames{4}:="Jane"
         atNames{5}:="John"
         For($vlElem;1;5)
            ALERT("The element #"+String($vlElem)+" is equal to: "+atNames{$vlElem})
         End for""") == [f"The element #{i} is equal to: {n}"
                        for i, n in enumerate(["Richard", "Sarah", "Sam", "Jane", "John"], 1)]


def test_element_zero(fourd):
    assert fourd.value("[atName{0}; atName{1}]", """
        ARRAY TEXT(atName;5)
        atName{0}:="Please select an item"
        atName{1}:="Text1" """) == ["Please select an item", "Text1"]


EVERY_KIND = """
    ARRAY TEXT($t; 1)
    ARRAY LONGINT($l; 1)
    ARRAY REAL($r; 1)
    ARRAY BOOLEAN($b; 1)
    ARRAY DATE($d; 1)
    ARRAY OBJECT($o; 1)
    ARRAY POINTER($p; 1)
    ARRAY TEXT($two; 2; 2)"""


def test_new_elements_are_empty_values(fourd):
    assert fourd.value("[$t{1}; $l{1}; $r{1}; $b{1}; $d{1}; $o{1}; $p{1}]", EVERY_KIND) == [
        "", 0, 0, False, Date(0, 0, 0), None, None]


def test_elements_are_typed(fourd):
    assert fourd.value("[$l{1}; Value type($l{1}); $r{1}]", """
        ARRAY LONGINT($l; 1)
        ARRAY REAL($r; 1)
        $l{1}:=2.6
        $r{1}:=2.6""") == [3, 9, 2.6]
    assert fourd.error("""
        ARRAY TEXT($t; 1)
        $t{1}:=5""").code == Codes.TYPE_MISMATCH


def test_index_out_of_range_is_an_error(fourd):
    error = fourd.error("""
        ARRAY TEXT($t; 2)
        $x:=$t{3}""")
    assert error.where[2] == 2


def test_type_of_arrays(fourd):
    assert fourd.value("[Type($t); Type($l); Type($r); Type($b); Type($d); Type($o); Type($p); Type($two)]",
                       EVERY_KIND) == [18, 16, 14, 22, 17, 39, 20, 13]


def test_two_dimensional_arrays(fourd):
    assert fourd.value("[Size of array(atTopics); Size of array(atTopics{17}); atTopics{8}{5}]", """
        ARRAY TEXT(atTopics;100;50)
        atTopics{8}{5}:="row 8, column 5" """) == [100, 50, "row 8, column 5"]


def test_rows_of_different_sizes(fourd):
    assert fourd.value("[Size of array(<>apFields{1}); Size of array(<>apFields{2}); <>apFields{1}{2}]", """
        ARRAY LONGINT(<>apFields;2;0)
        INSERT IN ARRAY(<>apFields{1};1;2)
        <>apFields{1}{2}:=12""") == [2, 0, 12]


def test_append_insert_delete(fourd):
    assert fourd.value("[Size of array($a); $a{1}; $a{2}; $a{3}; $a{4}]", """
        ARRAY TEXT($a; 0)
        APPEND TO ARRAY($a; "c")
        INSERT IN ARRAY($a; 1; 2)
        $a{1}:="a"
        APPEND TO ARRAY($a; "d")
        INSERT IN ARRAY($a; Size of array($a)+1)
        DELETE FROM ARRAY($a; 2)""") == [4, "a", "c", "d", ""]


def test_append_checks_the_type(fourd):
    assert fourd.value("$r{2}", """
        ARRAY REAL($r; 0)
        APPEND TO ARRAY($r; 1)
        APPEND TO ARRAY($r; ?00:01:00?)""") == 60
    assert fourd.error("""
        ARRAY TEXT($t; 0)
        APPEND TO ARRAY($t; 1)""").code == Codes.TYPE_MISMATCH


def test_find_in_array_and_clean_up(fourd):
    fourd.method("CLEAN UP ARRAY", """
         var $1 : Pointer
         Repeat
            $vlElem:=Find in array($1->;"")
            If($vlElem>0)
               DELETE FROM ARRAY($1->;$vlElem)
            End if
         Until($vlElem<0)""")
    assert fourd.value("[Size of array(atSomeValues); atSomeValues{2}; Find in array(atSomeValues; \"B\")]", """
         ARRAY TEXT(atSomeValues;4)
         atSomeValues{2}:="a"
         atSomeValues{4}:="b"
         CLEAN UP ARRAY(->atSomeValues)""") == [2, "b", 2]


def test_find_in_array_with_objects_and_start(fourd):
    assert fourd.value("[Find in array($objects;$o1); Find in array($objects;$o2); Find in array($n; 5; 3)]", """
         ARRAY OBJECT($objects;100)
         $o1:={a: 10; b: "xyz"}
         $o2:={a: 10; b: "xyz"}
         $objects{20}:=$o1
         ARRAY LONGINT($n; 4)
         $n{2}:=5
         $n{4}:=5""") == [20, -1, 4]


def test_count_in_array(fourd):
    assert fourd.value("Count in array($n; 5)", """
        ARRAY LONGINT($n; 4)
        $n{2}:=5
        $n{4}:=5""") == 2


def test_sort_array(fourd):
    assert fourd.value("[$names{1}; $names{3}; $ids{1}; $ids{3}]", """
        ARRAY TEXT($names; 3)
        ARRAY LONGINT($ids; 3)
        $names{1}:="bob"
        $names{2}:="Alice"
        $names{3}:="carol"
        $ids{1}:=1
        $ids{2}:=2
        $ids{3}:=3
        SORT ARRAY($names; $ids)""") == ["Alice", "carol", 2, 3]


def test_sort_array_descending(fourd):
    assert fourd.value("[$n{1}; $n{2}; $n{3}]", """
        ARRAY LONGINT($n; 3)
        $n{1}:=2
        $n{2}:=3
        $n{3}:=1
        SORT ARRAY($n; <)""") == [3, 2, 1]


def test_copy_array(fourd):
    assert fourd.value("[Size of array($copy); $copy{1}; $source{1}]", """
        ARRAY TEXT($source; 2)
        $source{1}:="a"
        COPY ARRAY($source; $copy)
        $source{1}:="changed" """) == [2, "a", "changed"]


def test_array_to_collection(fourd):
    assert fourd.value("$colFruits", """
         var $colFruits : Collection
         $colFruits:=New collection
         ARRAY TEXT($artFruits;4)
         $artFruits{1}:="Orange"
         $artFruits{2}:="Banana"
         $artFruits{3}:="Apple"
         $artFruits{4}:="Grape"
         ARRAY TO COLLECTION($colFruits;$artFruits)""") == ["Orange", "Banana", "Apple", "Grape"]


def test_array_to_collection_of_objects(fourd):
    assert fourd.value("$col", """
         var $col : Collection
         $col:=New collection("old"; "older"; "oldest")
         ARRAY TEXT($artCity;2)
         ARRAY LONGINT($arLZipCode;2)
         $artCity{1}:="Cleveland"
         $artCity{2}:="Blountsville"
         $arLZipCode{1}:=35049
         $arLZipCode{2}:=35031
         ARRAY TO COLLECTION($col;$artCity;"cityName";$arLZipCode;"Zip")""") == [
        {"cityName": "Cleveland", "Zip": 35049}, {"cityName": "Blountsville", "Zip": 35031}, "oldest"]


def test_array_to_shared_collection(fourd):
    assert fourd.value("$sharedCol", """
         ARRAY TEXT($at;1)
         APPEND TO ARRAY($at;"Apple")
         APPEND TO ARRAY($at;"Orange")
         var $sharedCol : Collection
         $sharedCol:=New shared collection
         Use($sharedCol)
            ARRAY TO COLLECTION($sharedCol;$at)
         End use""") == ["", "Apple", "Orange"]


def test_collection_to_array(fourd):
    assert fourd.value("[Size of array($artFruits); $artFruits{1}; $artFruits{4}]", """
         var $fruits : Collection
         $fruits:=New collection("Orange";"Banana";"Apple";"Grape")
         ARRAY TEXT($artFruits;0)
         COLLECTION TO ARRAY($fruits;$artFruits)""") == [4, "Orange", "Grape"]


def test_collection_to_arrays_by_property(fourd):
    assert fourd.value("[$city{1}; $zipCode{1}; $city{3}; $zipCode{3}; Value type($zipCode{3})]", """
         var $col : Collection
         $col:=New collection
         ARRAY TEXT($city;0)
         ARRAY LONGINT($zipCode;0)
         $col.push(New object("name";"Cleveland";"zc";35049))
         $col.push(New object("name";"Blountsville";"zc";35031))
         $col.push(New object("name";"Adger";"zc";35006))
         COLLECTION TO ARRAY($col;$city;"name";$zipCode;"zc")""") == [
        "Cleveland", 35049, "Adger", 35006, 9]


def test_arrays_through_pointers(fourd):
    fourd.method("fill", """
        #DECLARE($p : Pointer)
        APPEND TO ARRAY($p->; "x")
        $p->{1}:="first" """)
    assert fourd.value("[Size of array($a); $a{1}; $a{2}]", """
        ARRAY TEXT($a; 1)
        fill(->$a)""") == [2, "first", "x"]


def test_using_an_undeclared_array_is_an_error(fourd):
    assert fourd.error("APPEND TO ARRAY($nothing; 1)").code == Codes.TYPE_MISMATCH
