"""Concepts/dt_blob.md: scalar blobs (value semantics, byte access) and
4D.Blob objects (automatic conversion)."""


def test_passing_a_4d_blob_to_a_command(fourd):
    assert fourd.run("""
        var $myBlob: 4D.Blob
        $myBlob:= 4D.Blob.new()
        $myText:= BLOB to text ( $myBlob ; UTF8 text without length )
        return $myText""").value == ""


def test_scalar_blobs_are_copied_when_passed_to_methods(fourd):
    fourd.method("Fill_Blob", """
        #DECLARE($b : Blob) -> $result : Blob
        SET BLOB SIZE($b; 3; 1)
        $result:=$b""")
    assert fourd.run("""
        var $myBlobVar: Blob
        SET BLOB SIZE($myBlobVar;2)
        var $retrieveBlob: Blob
        $retrieveBlob:=Fill_Blob($myBlobVar)
        return [BLOB size($myBlobVar); BLOB size($retrieveBlob)]""").value == [2, 3]


def test_passing_a_pointer_to_a_scalar_blob(fourd):
    fourd.method("COMPUTE_BLOB", """
        #DECLARE($p : Pointer)
        SET BLOB SIZE($p->; 5)""")
    assert fourd.run("""
        var $myBlobVar: Blob
        COMPUTE_BLOB(->$myBlobVar)
        return BLOB size($myBlobVar)""").value == 5


def test_assigning_a_blob_variable_copies_it(fourd):
    assert fourd.run("""
        var $vBlobA; $vBlobB : Blob
        SET BLOB SIZE($vBlobA;10*1024)
        $vBlobB:=$vBlobA
        SET BLOB SIZE($vBlobA;0)
        return [BLOB size($vBlobA); BLOB size($vBlobB)]""").value == [0, 10240]


def test_automatic_conversion(fourd):
    assert fourd.run("""
        var $myBlob: Blob
        var $o : Object
        SET BLOB SIZE($myBlob; 4)
        $o:=New object("blob"; $myBlob)
        $type:= OB Instance of($o.blob; 4D.Blob)
        var $r:=[$type]
        $myBlob:= $o.blob
        $r.push(Value type($myBlob)=Is BLOB)
        $r.push(BLOB size($myBlob))
        return $r""").value == [True, True, 4]


def test_accessing_a_scalar_blob_bytes(fourd):
    assert fourd.run("""
        var $vBlob : Blob
        SET BLOB SIZE($vBlob;256;255)
        For($i;0;BLOB size($vBlob)-1)
           $vBlob{$i}:=$i%7
        End for
        return [$vBlob{0}; $vBlob{9}; $vBlob{255}]""").value == [0, 2, 3]


def test_byte_loop_with_a_process_variable_counter(fourd):
    assert fourd.run("""
        var $vBlob : Blob
        SET BLOB SIZE($vBlob;256;1)
        For(vByte;0;BLOB size($vBlob)-1)
           $vBlob{vByte}:=0
        End for
        return [$vBlob{0}; $vBlob{255}; vByte]""").value == [0, 0, 256]


def test_accessing_a_4d_blob_bytes(fourd):
    assert fourd.run("""
        var $vBlob : Blob
        TEXT TO BLOB("ABCD"; $vBlob; UTF8 text without length)
        $blobObj:=4D.Blob.new($vBlob)
        $b:=$blobObj[3]
        return $b""").value == 68
