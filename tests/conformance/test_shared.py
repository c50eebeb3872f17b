"""Concepts/shared.md: shared objects and collections, Use...End use,
automatic Use, shared groups, Storage, duplication."""
from fourd.runtime.errors import Codes


def test_modification_inside_use(fourd):
    assert fourd.value("$s_obj.prop1", """
         $s_obj:=New shared object("prop1";"alpha")
         Use($s_obj)
            $s_obj.prop1:="omega"
         End Use""") == "omega"


def test_modification_outside_use_is_an_error(fourd):
    error = fourd.error("""
        $s_obj:=New shared object("prop1";"alpha")
        $s_obj.prop1:="omega" """)
    assert error.code == Codes.SHARED_NOT_IN_USE and error.where[2] == 2


def test_reading_does_not_need_use(fourd):
    assert fourd.value('$s.a', '$s:=New shared object("a"; 1)') == 1


def test_collection_functions_use_internally(fourd):
    assert fourd.value("$col", """
        $col:=New shared collection()
        $col.push("alpha")""") == ["alpha"]


def test_several_modifications_in_one_use(fourd):
    assert fourd.value("Storage.mySharedCollection", """
        Use(Storage)
          Storage.mySharedCollection:=New shared collection("a")
        End use
        $col:=Storage.mySharedCollection
        Use($col)
        	$col[0]:="omega"
        	$col.push("alpha")
        End Use""") == ["omega", "alpha"]


def test_element_assignment_outside_use_is_an_error(fourd):
    assert fourd.error("""
        $col:=New shared collection("a")
        $col[0]:="b" """).code == Codes.SHARED_NOT_IN_USE


def test_only_shared_objects_can_be_stored(fourd):
    error = fourd.error("""
        $s:=New shared object
        Use($s)
          $s.plain:=New object("a"; 1)
        End use""")
    assert error.code == Codes.SHARED_UNSUPPORTED_VALUE
    assert fourd.value("[$s.child.a; OB Is shared($s.child)]", """
        $s:=New shared object
        Use($s)
          $s.child:=New shared object("a"; 1)
        End use""") == [1, True]


def test_shared_objects_in_standard_objects(fourd):
    assert fourd.value("$o.s.a", '$o:=New object("s"; New shared object("a"; 2))') == 2


GROUP = """
    $ob1:=New shared object
    $ob2:=New shared object
    Use($ob1)
      $ob1.a:=$ob2  //group 1 is created
    End use"""


def test_nested_use_of_a_group(fourd):
    assert fourd.value("$ob1.a.x", GROUP + """
        Use($ob1)
          Use($ob2)
            $ob2.x:=1
          End use
        End use""") == 1


def test_use_of_a_group_member_locks_the_group(fourd):
    """Use on one object of a group allows writing the others (they share a locking counter)."""
    assert fourd.value("$ob2.x", GROUP + """
        Use($ob1)
          $ob2.x:=2
        End use""") == 2


def test_example_2_shared_groups(fourd):
    errors = fourd.run("""
         var $errors:=[]
         $ob1:=New shared object
         $ob2:=New shared object
         Use($ob1)
            $ob1.a:=$ob2  //group 1 is created
         End use
         $ob3:=New shared object
         $ob4:=New shared object
         Use($ob3)
            $ob3.a:=$ob4  //group 2 is created
         End use
         Use($ob1)
            Try
              $ob1.b:=$ob4  //ERROR
            Catch
              $errors.push(Last errors[0].errCode)
            End try
         End use
         Use($ob3)
            $ob3.a:=Null //remove any reference to $ob4 from group 2
         End use
         Use($ob1)
            Try
              $ob1.b:=$ob4  //ERROR
            Catch
              $errors.push(Last errors[0].errCode)
            End try
         End use
         return $errors""").value
    assert errors == [Codes.SHARED_OTHER_GROUP, Codes.SHARED_OTHER_GROUP]


def test_ob_copy_of_a_shared_object_is_not_shared(fourd):
    assert fourd.value("[OB Is shared($copy); OB Is shared($copy.inner); $copy.inner.a]", """
        $s:=New shared object("inner"; New shared object("a"; 1))
        $copy:=OB Copy($s)""") == [False, False, 1]


def test_storage_is_shared_and_does_not_group(fourd):
    assert fourd.value("[OB Is shared(Storage); Storage.counters.n]", """
        $counters:=New shared object("n"; 0)
        Use(Storage)
          Storage.counters:=$counters
        End use
        Use(Storage.counters)
          Storage.counters.n:=Storage.counters.n+1
        End use""") == [True, 1]


def test_example_1_inventory_in_processes(fourd):
    fourd.method("CountMethod", """
        #DECLARE($what : Text) -> $count : Integer
        $count:=Length($what)""")
    fourd.method("HowMany", """
         #DECLARE ($what : Text ; $inventory : Object)
         $count:=CountMethod($what) //method to count products
         Use($inventory) //use shared object
            $inventory[$what]:=$count  //save the results for this item
         End use""")
    fourd.run("""
         ARRAY TEXT($_items;0)
         APPEND TO ARRAY($_items; "apple")
         APPEND TO ARRAY($_items; "kiwi")
         APPEND TO ARRAY($_items; "banana")
         $nbItems:=Size of array($_items)
         var $inventory : Object
         $inventory:=New shared object
         Use($inventory)
            $inventory.nbItems:=$nbItems
         End use
         Use(Storage)
           Storage.inventory:=$inventory
         End use
         For($i;1;$nbItems)
            $ps:=New process("HowMany";0;"HowMany_"+$_items{$i};$_items{$i};$inventory)
         End for""", scheduled=True)
    assert fourd.value("Storage.inventory") == {"nbItems": 3, "apple": 5, "kiwi": 4, "banana": 6}
