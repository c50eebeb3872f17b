"""Legacy document commands (commands-legacy/*.md) on real files: relative
paths start at the database (package) folder; OK and Document variables."""
import codecs
import os
import tempfile

import pytest


@pytest.fixture
def tree(fourd):
    for relative in ("docs/a.txt", "docs/b.txt", "docs/.hidden", "docs/sub/c.txt", "docs/sub/deep/d.txt"):
        path = fourd.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(relative)
    return fourd.root / "docs"


def test_test_path_name(fourd, tree):
    assert fourd.value('New collection(Test path name("docs/a.txt"); Test path name("docs"); '
                       f'Test path name("{tree}/sub/"); Test path name("nothing"); Is a document; Is a folder)') == \
        [1, 0, 0, -43, 1, 0]


def test_create_folder(fourd):
    fourd.run('CREATE FOLDER("Archives")\nCREATE FOLDER("Archives/January")\n'
              'CREATE FOLDER("Archives/2011/February/Doc.txt"; *)')
    assert (fourd.root / "Archives" / "January").is_dir()
    assert (fourd.root / "Archives" / "2011" / "February").is_dir()
    assert not (fourd.root / "Archives" / "2011" / "February" / "Doc.txt").exists()
    assert fourd.error('CREATE FOLDER("Missing/Intermediate/Leaf")').code == -43


def test_delete_document_and_folder(fourd, tree):
    run = fourd.run('''
        DELETE DOCUMENT("docs/a.txt")
        $e:=Try(DELETE DOCUMENT("docs/a.txt"))
        $c1:=Last errors[0].errCode
        $e:=Try(DELETE FOLDER("docs"))
        $c2:=Last errors[0].errCode
        DELETE FOLDER("docs"; Delete with contents)
        return New collection($c1; $c2)''')
    assert run.value == [-43, -47] and not tree.exists()


def test_copy_and_move_document(fourd, tree):
    run = fourd.run('''
        COPY DOCUMENT("docs/a.txt"; "docs/sub/")
        COPY DOCUMENT("docs/a.txt"; "docs/copy.txt")
        $e:=Try(COPY DOCUMENT("docs/b.txt"; "docs/copy.txt"))
        $code:=Last errors[0].errCode
        COPY DOCUMENT("docs/b.txt"; "docs/copy.txt"; *)
        COPY DOCUMENT("docs/sub"; "docs2")
        MOVE DOCUMENT("docs/copy.txt"; "docs/moved.txt")
        return $code''')
    assert run.value == -48
    assert (tree / "sub" / "a.txt").read_text() == "docs/a.txt"
    assert (tree / "moved.txt").read_text() == "docs/b.txt" and not (tree / "copy.txt").exists()
    assert (fourd.root / "docs2" / "deep" / "d.txt").is_file()


def test_document_list_options(fourd, tree):
    run = fourd.run(f'''
        ARRAY TEXT($plain; 0)
        DOCUMENT LIST("{tree}"; $plain)
        ARRAY TEXT($visible; 0)
        DOCUMENT LIST("{tree}"; $visible; Ignore invisible)
        ARRAY TEXT($recursive; 0)
        DOCUMENT LIST("{tree}/"; $recursive; Recursive parsing+Ignore invisible)
        ARRAY TEXT($posix; 0)
        DOCUMENT LIST("{tree}"; $posix; Recursive parsing+Posix path+Ignore invisible)
        ARRAY TEXT($absolute; 0)
        DOCUMENT LIST("{tree}"; $absolute; Absolute path+Ignore invisible)
        ARRAY TEXT($folders; 0)
        FOLDER LIST("{tree}"; $folders)
        $all:=New collection
        ARRAY TO COLLECTION($all; $plain; "p"; $visible; "v"; $recursive; "r")
        return New collection($all; Size of array($posix); $posix{{3}}; $absolute{{1}}; $folders{{1}}; Size of array($folders))''')
    columns, posix_count, posix_third, absolute, folder, folder_count = run.value
    assert [c["p"] for c in columns[:3]] == [".hidden", "a.txt", "b.txt"]
    assert [c["v"] for c in columns[:2]] == ["a.txt", "b.txt"]
    assert [c["r"] for c in columns] == ["a.txt", "b.txt", "/sub/c.txt", "/sub/deep/d.txt"]
    assert (posix_count, posix_third) == (4, "sub/c.txt")
    assert absolute == str(tree.resolve() / "a.txt")
    assert (folder, folder_count) == ("sub", 1)
    assert fourd.error('ARRAY TEXT($x; 0)\nDOCUMENT LIST("nowhere"; $x)').code == -120


def test_document_to_text_and_text_to_document(fourd):
    run = fourd.run('''
        TEXT TO DOCUMENT("t.txt"; "one\\rtwo"; "UTF-8"; Document with CRLF)
        TEXT TO DOCUMENT("plain.txt"; "x\\ny")
        return New collection(Document to text("t.txt"; "UTF-8"; Document unchanged); Document to text("t.txt"))''')
    assert run.value == ["one\r\ntwo", "one\ntwo"]
    assert (fourd.root / "t.txt").read_bytes() == codecs.BOM_UTF8 + b"one\r\ntwo"
    assert (fourd.root / "plain.txt").read_bytes() == b"x\ny"


def test_document_to_blob_and_back(fourd):
    fourd.root.mkdir(parents=True)
    (fourd.root / "in.bin").write_bytes(bytes(range(256)))
    run = fourd.run('''
        var $b : Blob
        DOCUMENT TO BLOB("in.bin"; $b)
        $ok1:=OK
        BLOB TO DOCUMENT("out.bin"; $b)
        $ok2:=OK
        $e:=Try(DOCUMENT TO BLOB("none.bin"; $b))
        return New collection(BLOB size($b); $ok1; $ok2; OK; Get document size("out.bin"))''')
    assert run.value == [256, 1, 1, 0, 256]
    assert (fourd.root / "out.bin").read_bytes() == bytes(range(256))


def test_open_create_append_packets(fourd):
    run = fourd.run('''
        $ref:=Create document("packets.txt")
        $doc1:=Document
        SEND PACKET($ref; "alpha;beta")
        SEND PACKET($ref; ";é")
        $size:=Get document size($ref)
        CLOSE DOCUMENT($ref)
        $ref:=Append document("packets.txt")
        SEND PACKET($ref; ";end")
        CLOSE DOCUMENT($ref)
        $ref:=Open document("packets.txt"; Read Mode)
        $got:=New collection
        Repeat
            RECEIVE PACKET($ref; $t; ";")
            If (OK=1)
                $got.push($t)
            End if
        Until (OK=0)
        SET DOCUMENT POSITION($ref; 6)
        RECEIVE PACKET($ref; $four; 4)
        $pos:=Get document position($ref)
        SET DOCUMENT POSITION($ref; -3; 2)
        var $tail : Blob
        RECEIVE PACKET($ref; $tail; 10)
        CLOSE DOCUMENT($ref)
        $e:=Try(CLOSE DOCUMENT($ref))
        return New collection($doc1; $size; $got; $four; $pos; BLOB size($tail); Last errors[0].errCode)''')
    assert run.value == [str(fourd.root.resolve() / "packets.txt"), 13, ["alpha", "beta", "é", "end"], "beta",
                         10, 3, -51]
    assert (fourd.root / "packets.txt").read_bytes() == "alpha;beta;é;end".encode()


def test_open_document_errors_and_get_pathname(fourd):
    run = fourd.run('''
        $e:=Try(Open document("missing.txt"))
        $code:=Last errors[0].errCode
        $ok:=OK
        $ref:=Open document("whatever.txt"; "TEXT"; Get Pathname)
        return New collection($code; $ok; OK; Document)''')
    assert run.value == [-43, 0, 1, str(fourd.root.resolve() / "whatever.txt")]


def test_paths_conversions_and_folders(fourd):
    run = fourd.run('''
        $o:=Path to object("/first/second/file.txt"; Path is POSIX)
        $f:=Path to object("/folder/.invisible"; Path is POSIX)
        $o.name:="renamed"
        return New collection($o; $f.name; $f.extension; Object to path($o; Path is POSIX); \\
            Convert path system to POSIX("/a b/c"); Convert path system to POSIX("/a b/c"; *); \\
            Convert path POSIX to system("/a%20b/c"; *); Get 4D folder(Database folder); \\
            Get 4D folder(Current resources folder); Get 4D folder(Database folder Unix syntax); \\
            Temporary folder; Folder separator; System folder(System32 Win))''')
    (o, name, ext, path, posix, encoded, decoded, database, resources, unix, temporary, separator, win) = run.value
    assert o == {"parentFolder": "/first/second/", "name": "renamed", "extension": ".txt", "isFolder": False}
    assert (name, ext, path) == (".invisible", "", "/first/second/renamed.txt")
    assert (posix, encoded, decoded) == ("/a b/c", "/a%20b/c", "/a b/c")
    root = str(fourd.root.resolve())
    assert (database, resources, unix) == (root + "/", root + "/Resources/", root + "/")
    assert temporary == tempfile.gettempdir().rstrip("/") + "/" and separator == "/" and win == ""


def test_legacy_paths_outside_the_package(fourd, tmp_path):
    target = tmp_path / "elsewhere.txt"
    fourd.run(f'TEXT TO DOCUMENT("{target}"; "abs")')
    assert target.read_text() == "abs"
    assert os.path.getsize(target) == 3
