"""``File`` and ``4D.File`` on real files (commands/file.md, API/FileClass.md,
API/Document.md): names, properties, create/copy/move/rename/delete, aliases,
and getText/setText byte for byte with charsets, BOMs and line-break modes."""
import codecs
import os

import pytest


def file_bytes(fourd, relative: str) -> bytes:
    return (fourd.root / relative).read_bytes()


def test_names_and_kinds(fourd):
    assert fourd.value('New collection($f.name; $f.extension; $f.fullName; $f.isFile; $f.isFolder; '
                       '$f.exists; $f.size; $f.isAlias; OB Instance of($f; 4D.File))',
                       '$f:=File("/PACKAGE/doc/report.final.txt")') == \
        ["report.final", ".txt", "report.final.txt", True, False, False, 0, False, True]


def test_new_is_the_file_command(fourd):
    assert fourd.value('4D.File.new("/DATA/x.json").path') == "/DATA/x.json"


def test_create_makes_folders_and_is_false_the_second_time(fourd):
    run = fourd.run('''
        $f:=File("/PACKAGE/SpecialPrefs/user.myPrefs")
        return New collection($f.create(); $f.create(); $f.exists; $f.size)''')
    assert run.value == [True, False, True, 0]
    assert (fourd.root / "SpecialPrefs" / "user.myPrefs").is_file()


# --- setText: byte-exact (FileClass.md .setText()) -----------------------------------

@pytest.mark.parametrize("arguments, expected", [
    ('', b"a\nb\nc\nd"),                                        # UTF-8 without BOM, native = LF
    ('; "UTF-8"', codecs.BOM_UTF8 + b"a\nb\nc\nd"),
    ('; "UTF-8-no-bom"', b"a\nb\nc\nd"),
    ('; "UTF-8"; Document with CRLF', codecs.BOM_UTF8 + b"a\r\nb\r\nc\r\nd"),
    ('; "UTF-8-no-bom"; Document with CR', b"a\rb\rc\rd"),
    ('; "UTF-8-no-bom"; Document with LF', b"a\nb\nc\nd"),
    ('; "UTF-8-no-bom"; Document unchanged', b"a\nb\rc\r\nd"),
    ('; 106; Document with CRLF', codecs.BOM_UTF8 + b"a\r\nb\r\nc\r\nd"),     # MIBEnum of UTF-8
    ('; "UTF-16LE"; Document unchanged', codecs.BOM_UTF16_LE + "a\nb\rc\r\nd".encode("utf-16-le")),
    ('; "UTF-16BE"; Document unchanged', codecs.BOM_UTF16_BE + "a\nb\rc\r\nd".encode("utf-16-be")),
    ('; "UTF-16BE-no-bom"; Document unchanged', "a\nb\rc\r\nd".encode("utf-16-be")),
    ('; "ISO-8859-1"; Document with CRLF', b"a\r\nb\r\nc\r\nd"),
])
def test_set_text_bytes(fourd, arguments, expected):
    fourd.run(f'File("/PACKAGE/t.txt").setText("a\\nb\\rc\\r\\nd"{arguments})')
    assert file_bytes(fourd, "t.txt") == expected


def test_set_text_charsets_encode_accents(fourd):
    fourd.run('File("/PACKAGE/l1.txt").setText("thé 1.06€"; "windows-1252")\n'
              'File("/PACKAGE/l2.txt").setText("thé"; "ISO-8859-1")')
    assert file_bytes(fourd, "l1.txt") == "thé 1.06€".encode("cp1252")
    assert file_bytes(fourd, "l2.txt") == b"th\xe9"


def test_set_text_replaces_content(fourd):
    fourd.run('$f:=File("/PACKAGE/r.txt")\n$f.setText("long content")\n$f.setText("x")')
    assert file_bytes(fourd, "r.txt") == b"x"


def test_unknown_charset_is_an_error(fourd):
    assert fourd.error('File("/PACKAGE/u.txt").setText("x"; "no-such-charset")').code == -10747


# --- getText (Document.md .getText()) ------------------------------------------------

def test_get_text_example_of_the_page(fourd):
    (fourd.root).mkdir(parents=True, exist_ok=True)
    (fourd.root / "Billing.txt").write_bytes("id\tname\r\n3\tthé\t1.06€\r\n2\tcafé".encode("utf-8"))
    run = fourd.run('''
        $f:=File("/PACKAGE/Billing.txt")
        return New collection($f.getText("UTF-8"; Document with LF); $f.getText("UTF-8"; Document with CRLF); \\
            $f.getText(); $f.getText("UTF-8"; Document unchanged); $f.getText("UTF-8"; Document with CR))''')
    assert run.value == ["id\tname\n3\tthé\t1.06€\n2\tcafé", "id\tname\r\n3\tthé\t1.06€\r\n2\tcafé",
                         "id\tname\n3\tthé\t1.06€\n2\tcafé", "id\tname\r\n3\tthé\t1.06€\r\n2\tcafé",
                         "id\tname\r3\tthé\t1.06€\r2\tcafé"]


@pytest.mark.parametrize("data, charset", [
    (codecs.BOM_UTF16_LE + "héllo".encode("utf-16-le"), "ISO-8859-1"),    # the BOM wins
    (codecs.BOM_UTF8 + "héllo".encode(), "windows-1252"),
    ("héllo".encode("latin-1"), "ISO-8859-1"),
    (codecs.BOM_UTF16_BE + "héllo".encode("utf-16-be"), "UTF-8"),
])
def test_get_text_charsets_and_boms(fourd, data, charset):
    fourd.root.mkdir(parents=True, exist_ok=True)
    (fourd.root / "in.txt").write_bytes(data)
    assert fourd.value(f'File("/PACKAGE/in.txt").getText("{charset}")') == "héllo"


def test_text_round_trip_through_every_unicode_set(fourd):
    for charset in ("UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32BE"):
        assert fourd.value(f'$f.getText("{charset}"; Document unchanged)',
                           f'$f:=File("/PACKAGE/rt.txt")\n$f.setText("€ ☃ 𝄞\\r\\nz"; "{charset}"; Document unchanged)') \
            == "€ ☃ 𝄞\r\nz"


def test_get_text_of_a_missing_file_is_error_43(fourd):
    assert fourd.error('$t:=File("/PACKAGE/missing.txt").getText()').code == -43


# --- content ---------------------------------------------------------------------------

def test_get_and_set_content_with_blobs(fourd):
    run = fourd.run('''
        var $b : Blob
        SET BLOB SIZE($b; 3; 255)
        $f:=File("/PACKAGE/bin.dat")
        $f.setContent($b)
        $f2:=File("/PACKAGE/bin2.dat")
        $f2.setContent($f.getContent())
        return New collection(OB Instance of($f.getContent(); 4D.Blob); $f.getContent().size; $f2.size)''')
    assert run.value == [True, 3, 3]
    assert file_bytes(fourd, "bin.dat") == b"\xff\xff\xff" == file_bytes(fourd, "bin2.dat")


# --- dates, hidden, writable --------------------------------------------------------------

def test_dates_and_times(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    target = fourd.root / "dated.txt"
    target.write_text("x")
    os.utime(target, (1700000000, 1700000000))       # 2023-11-14 22:13:20 UTC
    import datetime
    local = datetime.datetime.fromtimestamp(1700000000)
    run = fourd.run('$f:=File("/PACKAGE/dated.txt")\n'
                    'return New collection(String($f.modificationDate; ISO date); $f.modificationTime+0)')
    assert run.value[0].startswith(local.strftime("%Y-%m-%d"))
    assert run.value[1] == local.hour * 3600 + local.minute * 60 + local.second
    assert fourd.value('Year of(File("/PACKAGE/dated.txt").creationDate)') >= 2023


def test_hidden_writable_and_dates_of_missing_files(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    (fourd.root / ".secret").write_text("s")
    assert fourd.value('New collection(File("/PACKAGE/.secret").hidden; File("/PACKAGE/.secret").isWritable; '
                       'File("/PACKAGE/none").isWritable; File("/PACKAGE/none").modificationDate=!00-00-00!)') == \
        [True, True, False, True]


def test_setting_hidden_is_a_clear_error_on_linux(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    (fourd.root / "visible.txt").write_text("v")
    error = fourd.error('$f:=File("/PACKAGE/visible.txt")\n$f.hidden:=True')
    assert error.code == -54 and "visible.txt" in error.message


# --- copy, move, rename, delete -------------------------------------------------------------

def test_copy_to_with_name_and_overwrite(fourd):
    run = fourd.run('''
        $f:=File("/PACKAGE/src/a.txt")
        $f.setText("A")
        $dest:=Folder("/PACKAGE/dst")
        $dest.create()
        $c1:=$f.copyTo($dest)
        $c2:=$f.copyTo($dest; "b.txt")
        $f.setText("A2")
        $e:=Try($f.copyTo($dest))
        $code:=Last errors[0].errCode
        $c3:=$f.copyTo($dest; fk overwrite)
        return New collection($c1.path; $c2.path; $code; $c3.getText())''')
    assert run.value == ["/PACKAGE/dst/a.txt", "/PACKAGE/dst/b.txt", -48, "A2"]
    assert file_bytes(fourd, "src/a.txt") == b"A2"


def test_copy_to_a_missing_folder_is_error_120(fourd):
    assert fourd.error('$f:=File("/PACKAGE/a.txt")\n$f.setText("x")\n$f.copyTo(Folder("/PACKAGE/nowhere"))').code \
        == -120


def test_move_to_and_rename(fourd):
    run = fourd.run('''
        $docs:=Folder("/PACKAGE/docs")
        $f:=$docs.file("Current/Infos.txt")
        $f.setText("i")
        $docs.folder("Archives").create()
        $moved:=$f.moveTo($docs.folder("Archives"); "Infos_old.txt")
        $renamed:=$moved.rename($moved.name+"_new"+$moved.extension)
        $e:=Try($renamed.rename("bad/name"))
        return New collection($f.exists; $moved.exists; $renamed.path; $renamed.exists; Last errors[0].errCode)''')
    assert run.value == [False, False, "/PACKAGE/docs/Archives/Infos_old_new.txt", True, -37]


def test_rename_onto_an_existing_file_is_error_48(fourd):
    assert fourd.error('$a:=File("/PACKAGE/a.txt")\n$a.setText("a")\nFile("/PACKAGE/b.txt").setText("b")\n'
                       '$a.rename("b.txt")').code == -48


def test_delete(fourd):
    run = fourd.run('''
        $f:=File("/PACKAGE/gone.txt")
        $f.setText("x")
        $f.delete()
        $f.delete()
        return $f.exists''')
    assert run.value is False


def test_create_alias_is_a_symbolic_link(fourd):
    run = fourd.run('''
        $f:=File("/PACKAGE/target.txt")
        $f.setText("t")
        $alias:=$f.createAlias(Folder("/PACKAGE"); "link")
        return New collection($alias.isAlias; $alias.original.path; $alias.getText(); $f.isAlias; $f.original.path)''')
    link = fourd.root / "link"
    assert link.is_symlink() and os.readlink(link) == str(fourd.root.resolve() / "target.txt")
    assert run.value == [True, str(fourd.root.resolve() / "target.txt"), "t", False, "/PACKAGE/target.txt"]


def test_get_icon_is_not_available(fourd):
    assert fourd.error('$p:=File("/PACKAGE/x").getIcon()').code == -10720


def test_app_info_of_a_plist(fourd):
    run = fourd.run('''
        $p:=File("/PACKAGE/Info.plist")
        $p.setAppInfo(New object("Copyright"; "Copyright 4D 2023"; "ProductVersion"; 12; "ShipmentDate"; "2023-04-22T06:00:00Z"))
        $p.setAppInfo(New object("Other"; True))
        $i:=$p.getAppInfo()
        return New collection($i.Copyright; $i.ProductVersion; $i.ShipmentDate; $i.Other; File("/PACKAGE/x.exe").getAppInfo())''')
    assert run.value == ["Copyright 4D 2023", 12, "2023-04-22T06:00:00Z", True, {}]
    assert b"<date>2023-04-22T06:00:00Z</date>" in file_bytes(fourd, "Info.plist")


def test_permission_errors_are_4d_errors(fourd):
    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    fourd.root.mkdir(parents=True, exist_ok=True)
    locked = fourd.root / "locked.txt"
    locked.write_text("x")
    locked.chmod(0o444)
    assert fourd.error('File("/PACKAGE/locked.txt").setText("y")').code == -54
