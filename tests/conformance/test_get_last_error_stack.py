"""commands-legacy/get-last-error-stack.md: the error stack in three arrays,
in an ON ERR CALL method; its tokenized legacy name works alike."""


def test_error_stack_in_arrays_inside_a_handler(fourd):
    fourd.method("on_error", """
        ARRAY LONGINT($codes; 0)
        ARRAY TEXT($components; 0)
        ARRAY TEXT($texts; 0)
        GET LAST ERROR STACK($codes; $components; $texts)
        <>seen:=String(Size of array($codes))+" "+String($codes{1})+" "+$components{1}+" "+$texts{1}""")
    assert fourd.value("<>seen", """
        ON ERR CALL("on_error")
        $x:=1\\0
        ON ERR CALL("")""") == "1 -20011 4DRT Division by zero"


def test_legacy_tokenized_name_and_empty_stack(fourd):
    assert fourd.value("Size of array($codes)", """
        ARRAY LONGINT($codes; 3)
        ARRAY TEXT($components; 0)
        ARRAY TEXT($texts; 0)
        _O_GET LAST ERROR STACK:C1015($codes; $components; $texts)""") == 0
