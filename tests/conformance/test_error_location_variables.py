"""error-handling.md: Error method, Error line and Error formula in an ON ERR
CALL method, as 4D's code editor shows the method: the `//%attributes` line
of a method file is not counted, names are plain (not tokenized) and
parameters are separated by "; "."""


def test_error_line_and_formula_of_an_exported_method(fourd):
    fourd.method("record", """
        <>where:=[Error method; Error line; Error formula]""")
    fourd.method("fails", """
        //%attributes = {"invisible":true}
        C_TEXT:C284($t)
        ASSERT:C1129(False:C215;"stop;here")""")
    assert fourd.value("<>where", """
        ON ERR CALL("record")
        fails
        ON ERR CALL("")""") == ["fails", 2, 'ASSERT(False; "stop;here")']


def test_error_line_without_attributes_line(fourd):
    fourd.method("record", "<>line:=Error line")
    assert fourd.value("<>line", """
        ON ERR CALL("record")
        $x:=1\\0
        ON ERR CALL("")""") == 2
