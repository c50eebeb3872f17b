"""Pathnames (Concepts/paths.md, Project/architecture.md, commands/folder.md):
filesystems mapped onto the running project, POSIX and platform syntax,
sandboxing, folder constants; ``api.paths.native_path`` and ``os.fspath``."""
import os
from pathlib import Path

import pytest

from fourd.api import paths
from fourd.api.files import DiskFile, DiskFolder


@pytest.mark.parametrize("filesystem, relative", [
    ("/PACKAGE", ""), ("/PROJECT", "Project"), ("/SOURCES", "Project/Sources"),
    ("/RESOURCES", "Resources"), ("/DATA", "Data"), ("/LOGS", "Data/Logs")])
def test_filesystems_map_onto_the_package(fourd, filesystem, relative):
    run = fourd.run(f'''
        var $f : 4D.Folder:=Folder("{filesystem}")
        return New collection($f.path; $f.platformPath)''')
    expected = (fourd.root / relative) if relative else fourd.root
    assert run.value == [filesystem + "/", str(expected.resolve()) + os.sep]


def test_file_path_keeps_its_filesystem_and_parent_too(fourd):
    assert fourd.value('New collection($f.path; $f.parent.path; $f.parent.parent.path; $f.name)',
                       '$f:=File("/DATA/Archives/file 2.txt")') == \
        ["/DATA/Archives/file 2.txt", "/DATA/Archives/", "/DATA/", "file 2"]


def test_folder_constants_with_filesystems(fourd):
    assert fourd.value('New collection(Folder(fk database folder).path; Folder(fk data folder).path; '
                       'Folder(fk resources folder).path; Folder(fk logs folder).path)') == \
        ["/PACKAGE/", "/DATA/", "/RESOURCES/", "/LOGS/"]


def test_folder_constants_of_the_user(fourd, monkeypatch):
    monkeypatch.setenv("HOME", str(fourd.root / "home"))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("XDG_DESKTOP_DIR", raising=False)
    home = str(fourd.root / "home")
    values = fourd.value('New collection(Folder(fk home folder).platformPath; '
                         'Folder(fk desktop folder).platformPath; Folder(fk documents folder).platformPath; '
                         'Folder(fk user preferences folder).platformPath)')
    assert values[0] == home + "/"
    assert values[1] == home + "/Desktop/" and values[2] == home + "/Documents/"
    assert values[3].startswith(home + "/") and values[3].rstrip("/").endswith("4D")


def test_posix_absolute_path_and_platform_path(fourd, tmp_path):
    native = str(tmp_path / "x" / "y.txt")
    assert fourd.value(f'New collection(File("{native}").path; File("{native}"; fk platform path).path)') == \
        [native, native]


@pytest.mark.parametrize("source", ['File("relative.txt")', 'Folder("myFolder")',
                                    'File("/PACKAGE/../outside.txt")', 'Folder("/DATA/a/../../..")'])
def test_relative_or_escaping_paths_are_errors(fourd, source):
    error = fourd.error(f"$x:={source}")
    assert error.code == -37


def test_escaping_is_caught_by_try(fourd):
    assert fourd.value('Last errors[0].errCode', '$x:=Try(File("nope"))') == -37


def test_dot_dot_inside_a_filesystem_stays_inside(fourd):
    assert fourd.value('File("/DATA/a/../b.txt").path') == "/DATA/b.txt"


def test_folder_file_and_folder_take_relative_paths_only(fourd):
    assert fourd.value('New collection($d.file("a/b.txt").path; $d.folder("x").path; '
                       '$d.file("../up.txt"); $d.file("/abs.txt"); $d.folder(""))',
                       '$d:=Folder("/PACKAGE/base")') == \
        ["/PACKAGE/base/a/b.txt", "/PACKAGE/base/x/", None, None, None]


def test_native_path_of_text_and_objects(fourd):
    fourd.run("return 0")          # activates the scratch project
    root = paths.package_root()
    assert paths.native_path("/RESOURCES/web/index.html") == str(root / "Resources" / "web" / "index.html")
    assert paths.native_path("/tmp/a/../b") == "/tmp/b"
    folder = DiskFolder(str(root / "Data"), "DATA", "")
    assert os.fspath(folder) == str(root / "Data") == paths.native_path(folder)
    assert Path(DiskFile("/tmp/x.txt")) == Path("/tmp/x.txt")
    with pytest.raises(paths.PathError):
        paths.native_path("relative/path")


def test_single_file_run_uses_its_folder_as_package(tmp_path):
    import subprocess
    import sys
    script = tmp_path / "alone.4dm"
    script.write_text('ALERT(Folder(fk database folder).platformPath)\nALERT(File("/PACKAGE/alone.4dm").exists)\n')
    result = subprocess.run([sys.executable, "-m", "fourd", "run", str(script)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(tmp_path.resolve()) + "/", "True"]
