"""``ZIP Create archive``, ``ZIP Read archive`` and 4D.ZipArchive/ZipFile/ZipFolder
(commands/zip-create-archive.md, zip-read-archive.md, API/ZipArchiveClass.md,
ZipFileClass.md, ZipFolderClass.md) on real archives, checked with Python's zipfile."""
import stat
import zipfile

import pyzipper
import pytest


def make_tree(root):
    for relative, text in (("Images/a.txt", "alpha"), ("Images/sub/b.txt", "beta"), ("Images/.hidden", "h")):
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def names(path):
    with zipfile.ZipFile(path) as archive:
        return sorted(archive.namelist())


def test_zip_a_folder_with_and_without_enclosing_folder(fourd):
    make_tree(fourd.root)
    run = fourd.run('''
        $s1:=ZIP Create archive(Folder("/PACKAGE/Images"); File("/PACKAGE/with.zip"))
        $s2:=ZIP Create archive(Folder("/PACKAGE/Images"); File("/PACKAGE/without.zip"); ZIP Without enclosing folder)
        return New collection($s1; $s2.success)''')
    assert run.value == [{"success": True, "status": 0, "statusText": ""}, True]
    assert names(fourd.root / "with.zip") == ["Images/", "Images/.hidden", "Images/a.txt", "Images/sub/",
                                              "Images/sub/b.txt"]
    assert names(fourd.root / "without.zip") == [".hidden", "a.txt", "sub/", "sub/b.txt"]
    with zipfile.ZipFile(fourd.root / "with.zip") as archive:
        assert archive.read("Images/sub/b.txt") == b"beta"
        assert archive.getinfo("Images/a.txt").compress_type == zipfile.ZIP_DEFLATED


def test_zip_a_file(fourd):
    make_tree(fourd.root)
    fourd.run('$s:=ZIP Create archive(File("/PACKAGE/Images/a.txt"); File("/PACKAGE/a.zip"))')
    assert names(fourd.root / "a.zip") == ["a.txt"]


def test_zip_structure_with_destinations_options_and_callback(fourd):
    make_tree(fourd.root)
    run = fourd.run('''
        $progress:=New collection
        $zip:=New object
        $zip.files:=New collection
        $zip.files.push(New object("source"; File("/PACKAGE/Images/a.txt"); "destination"; "docs/first.txt"))
        $zip.files.push(New object("source"; Folder("/PACKAGE/Images"); "destination"; "pics"; "option"; ZIP Ignore invisible files))
        $zip.files.push(File("/PACKAGE/Images/sub/b.txt"))
        $zip.compression:=ZIP Compression none
        $zip.callback:=Formula($progress.push($1))
        $status:=ZIP Create archive($zip; File("/PACKAGE/s.zip"))
        return New collection($status.success; $progress[$progress.length-1])''')
    assert run.value == [True, 100]
    assert names(fourd.root / "s.zip") == ["b.txt", "docs/first.txt", "pics/", "pics/a.txt", "pics/sub/",
                                           "pics/sub/b.txt"]
    with zipfile.ZipFile(fourd.root / "s.zip") as archive:
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_STORED}


@pytest.mark.parametrize("compression, method", [("ZIP Compression LZMA", zipfile.ZIP_LZMA),
                                                 ("ZIP Compression standard", zipfile.ZIP_DEFLATED)])
def test_compression_methods_and_levels(fourd, compression, method):
    fourd.root.mkdir(parents=True)
    (fourd.root / "big.txt").write_text("0123456789" * 10000)
    fourd.run(f'''
        $zip:=New object("files"; New collection(File("/PACKAGE/big.txt")); "compression"; {compression}; "level"; 10)
        $s:=ZIP Create archive($zip; File("/PACKAGE/c.zip"))''')
    with zipfile.ZipFile(fourd.root / "c.zip") as archive:
        info = archive.getinfo("big.txt")
        assert info.compress_type == method and info.compress_size < 2000
        assert archive.read("big.txt") == b"0123456789" * 10000


def test_xz_is_a_clear_error(fourd):
    fourd.root.mkdir(parents=True)
    (fourd.root / "x.txt").write_text("x")
    error = fourd.error('$s:=ZIP Create archive(New object("files"; New collection(File("/PACKAGE/x.txt")); '
                        '"compression"; ZIP Compression XZ); File("/PACKAGE/x.zip"))')
    assert error.code == -10720 and "XZ" in error.message


@pytest.mark.parametrize("encryption, bits", [("ZIP Encryption AES128", 128), ("ZIP Encryption AES256", 256),
                                              ("", 256)])
def test_password_protected_archives(fourd, encryption, bits):
    make_tree(fourd.root)
    setting = f'$zip.encryption:={encryption}' if encryption else ""
    run = fourd.run(f'''
        $zip:=New object("files"; New collection(Folder("/PACKAGE/Images")); "password"; "s3cret")
        {setting}
        $status:=ZIP Create archive($zip; File("/PACKAGE/secret.zip"))
        $e:=Try(ZIP Read archive(File("/PACKAGE/secret.zip")))
        $c1:=Last errors[0].errCode
        $e:=Try(ZIP Read archive(File("/PACKAGE/secret.zip"); "wrong"))
        $c2:=Last errors[0].errCode
        $archive:=ZIP Read archive(File("/PACKAGE/secret.zip"); "s3cret")
        return New collection($status.success; $c1; $c2; $archive.root.file("Images/a.txt").getText())''')
    assert run.value == [True, -10748, -10748, "alpha"]
    with pyzipper.AESZipFile(fourd.root / "secret.zip") as archive:
        archive.setpassword(b"s3cret")
        assert archive.read("Images/sub/b.txt") == b"beta"
        assert archive.getinfo("Images/a.txt").wz_aes_strength == {128: 1, 192: 2, 256: 3}[bits]


def test_encryption_without_password_is_a_status(fourd):
    make_tree(fourd.root)
    assert fourd.value('ZIP Create archive(New object("files"; New collection(File("/PACKAGE/Images/a.txt")); '
                       '"encryption"; ZIP Encryption AES256); File("/PACKAGE/e.zip"))') == \
        {"success": False, "status": 2, "statusText": "Password is required for encryption"}
    assert not (fourd.root / "e.zip").exists()


def test_read_archive_like_files_and_folders(fourd):
    make_tree(fourd.root)
    run = fourd.run('''
        $s:=ZIP Create archive(Folder("/PACKAGE/Images"); File("/PACKAGE/i.zip"))
        $archive:=ZIP Read archive(File("/PACKAGE/i.zip"))
        $root:=$archive.root
        $images:=$root.folders()[0]
        $b:=$images.file("sub/b.txt")
        return New collection($root.path; $root.parent; $images.path; $images.name; \\
            $images.files().map(Formula($1.value.fullName)); $images.files(fk ignore invisible).length; \\
            $root.files(fk recursive).length; $images.folders(fk recursive).map(Formula($1.value.path)); \\
            $b.path; $b.parent.path; $b.size; $b.extension; $b.isFile; $b.exists; $b.isWritable; \\
            $b.getText(); $b.getContent().size; OB Instance of($archive; 4D.ZipArchive); \\
            OB Instance of($b; 4D.ZipFile); OB Instance of($images; 4D.ZipFolder); $root.file("nope"); \\
            $root.file("../../etc/passwd"))''')
    assert run.value == ["/", None, "/Images/", "Images", [".hidden", "a.txt"], 1, 3, ["/Images/sub/"],
                         "/Images/sub/b.txt", "/Images/sub/", 4, ".txt", True, True, False, "beta", 4,
                         True, True, True, None, None]


def test_extract_with_copy_to(fourd):
    make_tree(fourd.root)
    run = fourd.run('''
        $s:=ZIP Create archive(Folder("/PACKAGE/Images"); File("/PACKAGE/i.zip"))
        $archive:=ZIP Read archive(File("/PACKAGE/i.zip"))
        $out:=Folder("/PACKAGE/out")
        $out.create()
        $one:=$archive.root.file("Images/a.txt").copyTo($out; "renamed.txt")
        $all:=$archive.root.copyTo($out)
        $e:=Try($archive.root.folder("Images").copyTo($out))
        $code:=Last errors[0].errCode
        $again:=$archive.root.folder("Images").copyTo($out; fk overwrite)
        return New collection($one.path; $all.path; $code; $again.path)''')
    assert run.value == ["/PACKAGE/out/renamed.txt", "/PACKAGE/out/", -48, "/PACKAGE/out/Images/"]
    assert (fourd.root / "out" / "Images" / "sub" / "b.txt").read_text() == "beta"
    assert (fourd.root / "out" / "renamed.txt").read_text() == "alpha"


def test_path_traversal_entries_are_never_listed_nor_extracted(fourd, tmp_path):
    fourd.root.mkdir(parents=True)
    evil = fourd.root / "evil.zip"
    with zipfile.ZipFile(evil, "w") as archive:
        archive.writestr("../../escaped.txt", "bad")
        archive.writestr("/abs/escaped.txt", "bad")
        archive.writestr("ok/../../up.txt", "bad")
        archive.writestr("good/fine.txt", "good")
    run = fourd.run('''
        $archive:=ZIP Read archive(File("/PACKAGE/evil.zip"))
        $out:=Folder("/PACKAGE/out")
        $out.create()
        $r:=$archive.root.copyTo($out)
        return $out.files(fk recursive).map(Formula($1.value.path))''')
    assert run.value == ["/PACKAGE/out/good/fine.txt"]
    assert not list(tmp_path.rglob("escaped.txt")) and not list(tmp_path.rglob("up.txt"))


def test_extraction_does_not_write_through_a_symbolic_link(fourd, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    fourd.root.mkdir(parents=True)
    with zipfile.ZipFile(fourd.root / "l.zip", "w") as archive:
        archive.writestr("link/planted.txt", "bad")
    (fourd.root / "out").mkdir()
    (fourd.root / "out" / "link").symlink_to(outside)
    error = fourd.error('$r:=ZIP Read archive(File("/PACKAGE/l.zip")).root.copyTo(Folder("/PACKAGE/out"); fk overwrite)')
    assert error.code == -37 and not (outside / "planted.txt").exists()


def test_zip_bomb_is_refused(fourd):
    fourd.root.mkdir(parents=True)
    with zipfile.ZipFile(fourd.root / "bomb.zip", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("zeros.bin", bytes(50 << 20))          # 50 MB of zeros: ~50 KB compressed
    error = fourd.error('$t:=ZIP Read archive(File("/PACKAGE/bomb.zip")).root.file("zeros.bin").getContent()')
    assert error.code == -36 and "zip bomb" in error.message


def test_not_an_archive_and_missing_file(fourd):
    fourd.root.mkdir(parents=True)
    (fourd.root / "fake.zip").write_text("not a zip")
    assert fourd.error('$a:=ZIP Read archive(File("/PACKAGE/fake.zip"))').code == -36
    assert fourd.error('$a:=ZIP Read archive(File("/PACKAGE/none.zip"))').code == -43


def test_archive_is_written_privately_then_renamed(fourd):
    make_tree(fourd.root)
    fourd.run('$s:=ZIP Create archive(Folder("/PACKAGE/Images"); File("/PACKAGE/p.zip"))')
    assert not list(fourd.root.glob(".fourd-zip-*"))
    mode = stat.S_IMODE((fourd.root / "p.zip").stat().st_mode)
    assert mode & 0o044 == 0o044 or mode & 0o004 == 0     # the umask's mode, not mkstemp's 0600


def test_zipping_a_folder_into_itself_skips_the_archive(fourd):
    make_tree(fourd.root)
    fourd.run('$s:=ZIP Create archive(Folder("/PACKAGE/Images"); File("/PACKAGE/Images/self.zip"))')
    assert "Images/self.zip" not in names(fourd.root / "Images" / "self.zip")
