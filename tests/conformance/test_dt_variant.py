"""Concepts/dt_variant.md: Variant variables hold any type; Type and
Value type; variant parameters."""


def test_variant_type_and_value_type(fourd):
    assert fourd.run("""
        C_VARIANT($variant)
        $variant:="hello world"
        $vtype:=Type($variant)
        $vtypeVal:=Value type($variant)
        var $r:=[$vtype; $vtypeVal]
        $variant:=42
        $vtype:=Type($variant)
        $vtypeVal:=Value type($variant)
        $r.push($vtype)
        $r.push($vtypeVal)
        return $r""").value == [12, 2, 12, 1]


def test_assigning_a_variant_to_another_variable(fourd):
    assert fourd.run("""
        C_VARIANT($v)
        $v:="hello world"
        $v2:=$v
        $t:=Type($v)
        $t2:=Type($v2)
        return [$t; $t2]""").value == [12, 2]


def test_variant_parameter(fourd):
    fourd.method("describe", """
        #DECLARE ($param : Variant) -> $kind : Text
        Case of
        : (Value type($param)=Is longint)
          $kind:="longint"
        : (Value type($param)=Is real)
          $kind:="real"
        : (Value type($param)=Is text)
          $kind:="text"
        Else
          $kind:="other"
        End case""")
    assert fourd.value('[describe(1); describe("a"); describe(True)]', "") == ["real", "text", "other"]


def test_variant_holds_every_type(fourd):
    assert fourd.run("""
        var $v : Variant
        var $types:=[]
        For each ($value; [True; [1]; !2020-01-01!; {}; 1.5; "t"; Null])
          $v:=$value
          $types.push(Value type($v))
        End for each
        $v:=?01:00:00?
        $types.push(Value type($v))
        $v:=->$types
        $types.push(Value type($v))
        return $types""").value == [6, 42, 4, 38, 1, 2, 255, 11, 23]
