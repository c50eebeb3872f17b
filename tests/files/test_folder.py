"""``Folder`` and ``4D.Folder`` on real folders (commands/folder.md,
API/FolderClass.md, API/Directory.md)."""
import os


def make_tree(root):
    for relative in ("a.txt", "b.log", ".hidden", "sub/c.txt", "sub/deep/d.txt", ".dotdir/e.txt"):
        path = root / "tree" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(relative)


def test_properties(fourd):
    assert fourd.value('New collection($d.name; $d.extension; $d.fullName; $d.isFolder; $d.isFile; '
                       '$d.exists; $d.isAlias; $d.isPackage; $d.original.path; OB Instance of($d; 4D.Folder))',
                       '$d:=Folder("/PACKAGE/My.bundle")') == \
        ["My", ".bundle", "My.bundle", True, False, False, False, False, "/PACKAGE/My.bundle/", True]


def test_root_has_no_parent(fourd):
    assert fourd.value('Folder("/"; fk platform path).parent') is None


def test_files_and_folders_listing(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    make_tree(fourd.root)
    run = fourd.run('''
        $d:=Folder("/PACKAGE/tree")
        $names:=Formula($1.value.path)
        return New collection($d.files().map($names); $d.files(fk ignore invisible).map($names); \\
            $d.files(fk recursive+fk ignore invisible).map($names); $d.folders().map($names); \\
            $d.folders(fk recursive).map($names); $d.folders(fk recursive+fk ignore invisible).map($names))''')
    assert run.value == [
        ["/PACKAGE/tree/.hidden", "/PACKAGE/tree/a.txt", "/PACKAGE/tree/b.log"],
        ["/PACKAGE/tree/a.txt", "/PACKAGE/tree/b.log"],
        ["/PACKAGE/tree/a.txt", "/PACKAGE/tree/b.log", "/PACKAGE/tree/sub/c.txt", "/PACKAGE/tree/sub/deep/d.txt"],
        ["/PACKAGE/tree/.dotdir/", "/PACKAGE/tree/sub/"],
        ["/PACKAGE/tree/.dotdir/", "/PACKAGE/tree/sub/", "/PACKAGE/tree/sub/deep/"],
        ["/PACKAGE/tree/sub/", "/PACKAGE/tree/sub/deep/"],
    ]


def test_listing_does_not_follow_symbolic_links(fourd, tmp_path):
    outside = tmp_path / "outside"
    (outside / "inner").mkdir(parents=True)
    (outside / "inner" / "secret.txt").write_text("s")
    (fourd.root / "tree").mkdir(parents=True)
    os.symlink(outside, fourd.root / "tree" / "link")
    assert fourd.value('Folder("/PACKAGE/tree").files(fk recursive).map(Formula($1.value.fullName))') == ["link"]
    assert fourd.value('Folder("/PACKAGE/tree").folders(fk recursive).length') == 0


def test_create_and_hierarchy(fourd):
    run = fourd.run('''
        $new:=Folder("/PACKAGE/Archives2019/January")
        return New collection($new.create(); $new.create(); $new.exists)''')
    assert run.value == [True, False, True]
    assert (fourd.root / "Archives2019" / "January").is_dir()


def test_delete_only_if_empty_and_with_contents(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    make_tree(fourd.root)
    run = fourd.run('''
        $d:=Folder("/PACKAGE/tree")
        $e1:=Try($d.delete())
        $c1:=Last errors[0].errCode
        $e2:=Try(Folder("/PACKAGE/none").delete(Delete only if empty))
        $c2:=Last errors[0].errCode
        Folder("/PACKAGE/none").delete(Delete with contents)
        $d.delete(Delete with contents)
        Folder("/PACKAGE/empty").create()
        Folder("/PACKAGE/empty").delete()
        return New collection($c1; $c2; $d.exists; Folder("/PACKAGE/empty").exists)''')
    assert run.value == [-47, -120, False, False]


def test_delete_with_contents_does_not_follow_links(fourd, tmp_path):
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "precious.txt").write_text("p")
    (fourd.root / "victim").mkdir(parents=True)
    os.symlink(keep, fourd.root / "victim" / "link")
    fourd.run('Folder("/PACKAGE/victim").delete(Delete with contents)')
    assert (keep / "precious.txt").read_text() == "p" and not (fourd.root / "victim").exists()


def test_copy_move_rename(fourd):
    fourd.root.mkdir(parents=True, exist_ok=True)
    make_tree(fourd.root)
    run = fourd.run('''
        $d:=Folder("/PACKAGE/tree")
        $to:=Folder("/PACKAGE/copies")
        $to.create()
        $c:=$d.copyTo($to)
        $e:=Try($d.copyTo($to))
        $code:=Last errors[0].errCode
        $c2:=$d.copyTo($to; "tree"; fk overwrite)
        $r:=$c.rename("renamed")
        $m:=$r.moveTo(Folder("/PACKAGE"); "moved")
        $into:=Try($d.copyTo($d.folder("sub")))
        return New collection($c.path; $code; $r.path; $m.path; $m.files(fk recursive).length; Last errors[0].errCode)''')
    assert run.value == ["/PACKAGE/copies/tree/", -48, "/PACKAGE/copies/renamed/", "/PACKAGE/moved/", 6, -37]
    assert (fourd.root / "moved" / "sub" / "deep" / "d.txt").read_text() == "sub/deep/d.txt"


def test_create_alias_of_a_folder(fourd):
    run = fourd.run('''
        $d:=Folder("/PACKAGE/real")
        $d.create()
        $a:=$d.createAlias(Folder("/PACKAGE"); "alias")
        return New collection($a.isAlias; $a.isFile; $a.original.isFolder)''')
    assert run.value == [True, True, True]
    assert (fourd.root / "alias").is_symlink()
