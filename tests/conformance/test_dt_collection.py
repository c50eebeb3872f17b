"""Concepts/dt_collection.md: element access, automatic resizing,
instantiation, literals, collection functions, reference operators."""


def test_element_access_is_zero_based(fourd):
    assert fourd.run("""
        myCollection:=[0; 1; 2; 3; 4; 5; 6]
        $var:=2
        return [myCollection[5]; myCollection[$var]]""").value == [5, 2]


def test_assign_and_read_elements(fourd):
    assert fourd.run("""
        myCol:=["first"]
        myCol[10]:="My new element"
        $myVar:=myCol[0]
        return [$myVar; myCol.length; myCol[10]]""").value == ["first", 11, "My new element"]


def test_assignment_past_the_end_fills_with_null(fourd):
    assert fourd.run("""
        var $myCol : Collection
        $myCol:=New collection("A";"B")
        $myCol[5]:="Z"
        return $myCol""").value == ["A", "B", None, None, None, "Z"]


def test_new_collection(fourd):
    assert fourd.run("""
        var $colVar : Collection
        $colVar:=New collection
        var $colFilled : Collection
        $colFilled:=New collection("a";"b";1;42;{})
        return [$colVar; $colFilled]""").value == [[], ["a", "b", 1, 42, {}]]


def test_collection_literals(fourd):
    assert fourd.run("""
        var $col1; $col2; $users : Collection
        $col1:=[]
        $col2:=[1;2;3;4;5;6]
        $users:=[{name: "Alice"; \\
            height: 183; \\
            eyecolor: "hazel"; \\
            id: $col2[5]\\
            }; \\
            {name: "Bob"; \\
            height: 172; \\
            eyecolor: "blue"\\
            }]
        return [$col1; $col2; $users]""").value == [
        [], [1, 2, 3, 4, 5, 6],
        [{"name": "Alice", "height": 183, "eyecolor": "hazel", "id": 6},
         {"name": "Bob", "height": 172, "eyecolor": "blue"}]]


def test_undefined_element_of_a_literal_is_null(fourd):
    assert fourd.run("""
        $o:={}
        $c:=[$o.missing; 1]
        return [$c[0]=Null; Value type($c[0])]""").value == [True, 255]


def test_collection_functions(fourd):
    assert fourd.run("""
        $col:=[1; [2]]
        $newCol:=$col.copy()
        $col[1].push(3)
        $col.push(10;100)
        return [$col; $newCol]""").value == [[1, [2, 3], 10, 100], [1, [2]]]


def test_chained_functions(fourd):
    assert fourd.run("""
        $col:=New collection(5;20)
        $col2:=$col.push(10;100).sort()
        return [$col2; $col2=$col]""").value == [[5, 10, 20, 100], True]


def test_property_path_with_dots_in_a_name(fourd):
    assert fourd.run("""
        $col:=[{My: {special: {prop: 1}}}]
        $vmin:=$col.min("My.special.prop")
        return $vmin""").value == 1


def test_collection_reference_operators(fourd):
    assert fourd.run("""
        var $c1:=["a";42]
        var $c2:=["a";42]
        var $c3:=$c1
        return [$c1 = $c3; $c1 = $c2; $c1 # $c3; $c1 # $c2]""").value == [True, False, False, True]


def test_length_of_an_undefined_collection(fourd):
    assert fourd.run("""
        var $c : Collection
        $size:=$c.length
        return $size""").value == 0
