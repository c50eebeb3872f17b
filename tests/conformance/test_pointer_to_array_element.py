"""Concepts/pointers.md: a pointer can point to an array element
(`->$anArray{1}`); reading and writing through it reads and writes the element."""
from fourd.runtime.errors import Codes


def test_read_and_write_an_element_through_a_pointer(fourd):
    assert fourd.value("[$names{2}; $p->; $q->]", """
        ARRAY TEXT($names; 3)
        $names{2}:="b"
        var $p; $q : Pointer
        $p:=->$names{2}
        $q:=->$names{3}
        $q->:="c" """) == ["b", "b", "c"]


def test_element_of_a_process_array(fourd):
    assert fourd.value("values{1}", """
        ARRAY LONGINT(values; 2)
        $p:=->values{1}
        $p->:=42""") == 42


def test_pointers_to_the_same_element_are_equal(fourd):
    assert fourd.value("[(->$a{1})=(->$a{1}); (->$a{1})=(->$a{2})]", "ARRAY REAL($a; 2)") == [True, False]


def test_element_of_something_that_is_not_an_array(fourd):
    assert fourd.error('$t:="x"\n$p:=->$t{1}').code == Codes.TYPE_MISMATCH
