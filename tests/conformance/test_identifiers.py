"""Concepts/identifiers.md: object property names (dot and string
notation, case sensitive), parameters, project method names (spaces, case
insensitive), variable names (case insensitive, scopes), class names."""


def test_property_names_for_dot_notation(fourd):
    assert fourd.run("""
        myObject:={}
        myObject.myAttribute:="10"
        $clientObj:={data: {address: {city: "Paris"}}}
        $value:=$clientObj.data.address.city
        $o:={}
        $o._myPrivateProperty:=1
        $o.$dollar:=2
        $o.a1_b$:=3
        return [myObject.myAttribute; $value; $o._myPrivateProperty; $o.$dollar; $o.a1_b$]""").value == [
        "10", "Paris", 1, 2, 3]


def test_property_names_are_case_sensitive(fourd):
    assert fourd.value("[$o.city; $o.City; Undefined($o.CITY)]",
                       '$o:={city: "a"; City: "b"}') == ["a", "b", True]


def test_string_notation_accepts_any_characters(fourd):
    assert fourd.value('myObject["1. First property"]',
                       'myObject:={}\nmyObject["1. First property"]:="yes"') == "yes"


def test_parameter_names(fourd):
    fourd.method("getInfo", """
        #DECLARE ($i : Integer ; $param : Date) -> $myResult : Object
        $myResult:={i: $i; year: Year of($param)}""")
    assert fourd.value("getInfo(3; !2020-05-01!)") == {"i": 3, "year": 2020}


def test_method_names_with_spaces_and_any_case(fourd):
    fourd.method("New client", """
        #DECLARE -> $new : Boolean
        $new:=True""")
    fourd.method("DELETE DUPLICATED VALUES", 'ALERT("deleted")')
    assert fourd.alerts("""
        If(New client)
          DELETE DUPLICATED VALUES
          delete duplicated values
        End if""") == ["deleted", "deleted"]


def test_method_name_beginning_with_a_digit_or_underscore(fourd):
    fourd.method("_helper", "$0:=1")
    assert fourd.value("_helper") == 1


def test_variable_names_are_case_insensitive(fourd):
    assert fourd.run("""
        $vsMyString:="Hello there"
        var $vName; $vJob : Text
        $VNAME:="n"
        bValidate:=1
        If(BVALIDATE=1)
          $vJob:="job"
        End if
        return [$VSMYSTRING; $vname; $vJob]""").value == ["Hello there", "n", "job"]


def test_local_loop_variable_and_interprocess_variable(fourd):
    assert fourd.run("""
        For($vlRecord;1;100)
        End for
        <>vlProcessID:=Current process()
        return [$vlRecord; <>vlProcessID=Current process]""").value == [101, True]


def test_class_and_function_names(fourd):
    fourd.cls("My_Class1", """
        Function _myPrivateFunction() -> $r : Text
          $r:="private" """)
    assert fourd.value("cs.My_Class1.new()._myPrivateFunction()") == "private"


def test_process_names_are_strings(fourd):
    fourd.method("P_ADD_CUSTOMERS", "")
    assert fourd.run("""
        $vlProcessID:=New process("P_ADD_CUSTOMERS";48*1024;"Add Customers")
        return $vlProcessID>0""", scheduled=True).value is True
