"""4D pathnames on the running machine: POSIX and platform syntax, 4D's
filesystems (``/PACKAGE``, ``/DATA``…), the folder constants of ``Folder``
and the legacy path commands (Concepts/paths.md, Project/architecture.md,
commands/folder.md, commands-legacy/get-4d-folder.md, system-folder.md).

Everything that turns 4D path text into a place on disk lives here, so the
other parts of fourd (file and folder objects, legacy document commands,
the web server root, a system worker's directory) resolve paths alike:
:func:`native_path` accepts a 4D path text or any ``4D.File``/``4D.Folder``
(which implement ``__fspath__``).

Choices where 4D's documentation is silent or platform-bound:

* **The package folder** (``/PACKAGE``, ``fk database folder``) is the root
  folder of the running project (``global_state.project.root``: the folder
  holding ``Project/``). A single ``.4dm`` file run without a project has
  its own folder as package; with no project at all (an embedded runtime),
  the current directory is.
* The layout below the package is the one architecture.md draws:
  ``/PROJECT`` = ``Project/``, ``/SOURCES`` = ``Project/Sources/`` (or the
  project's own ``Sources`` folder when it has no ``Project/``),
  ``/RESOURCES`` = ``Resources/``, ``/DATA`` = ``Data/``, ``/LOGS`` =
  ``Data/Logs/`` (paths.md's example). Nothing is created until a program
  writes there.
* **Platform syntax** is the host's: on Linux and macOS it is POSIX (fourd
  has no HFS volume names to rely on, so ``fk platform path`` and the legacy
  commands speak POSIX there), on Windows it is ``C:\\…`` with backslashes.
* Filesystem paths are sandboxed as paths.md says: ``..`` cannot climb
  above the filesystem's root; an absolute path outside any filesystem may
  use ``..`` only within the volume.
"""
from __future__ import annotations

import ntpath
import os
import posixpath
import sys
import tempfile
from pathlib import Path

from fourd.runtime.errors import Codes, fail
from fourd.runtime.process import global_state

__all__ = ["WINDOWS", "MACOS", "FILESYSTEMS", "PathError", "package_root", "filesystem_root",
           "resolve_posix", "resolve_platform", "resolve_legacy", "native_path", "to_posix",
           "to_platform", "folder_constant_path", "system_folder", "home_folder", "POSIX_PATH",
           "PLATFORM_PATH", "legacy_text", "SEPARATOR"]

WINDOWS = os.name == "nt"
MACOS = sys.platform == "darwin"
#: The platform syntax's folder separator (``Folder separator``).
SEPARATOR = "\\" if WINDOWS else "/"

# fk posix path / fk platform path (commands/file.md)
POSIX_PATH = 0
PLATFORM_PATH = 1


class PathError(Exception):
    """A path 4D rejects: relative where absolute is needed, climbing out of a
    filesystem, an empty name…"""


# --------------------------------------------------------------------------- filesystems

def package_root() -> Path:
    """The package folder of the running project (see the module doc).

    The project loader's ``root`` is the folder where it found the sources:
    the package when a project folder is run, but ``Project/Sources`` (or
    ``Sources``) when a method file of the project is; both give the package."""
    project = getattr(global_state, "project", None)
    root = getattr(project, "root", None)
    if not root:
        return Path.cwd().resolve()
    root = Path(root).resolve()
    if root.name == "Sources" and any((root / name).is_dir() for name in ("Methods", "Classes",
                                                                         "DatabaseMethods")):
        root = root.parent
        if root.name == "Project":
            root = root.parent
    return root


def _sources(root: Path) -> Path:
    project = getattr(global_state, "project", None)
    methods = getattr(project, "methods_dir", None) or getattr(project, "classes_dir", None)
    if methods is not None and not (root / "Project").is_dir():
        return Path(methods).resolve().parent
    return root / "Project" / "Sources"


#: Filesystem name -> the folder it designates, given the package folder.
FILESYSTEMS = {
    "PACKAGE": lambda root: root,
    "PROJECT": lambda root: root / "Project",
    "SOURCES": _sources,
    "RESOURCES": lambda root: root / "Resources",
    "DATA": lambda root: root / "Data",
    "LOGS": lambda root: root / "Data" / "Logs",
}


def filesystem_root(name: str) -> Path:
    """The native folder of the filesystem *name* (``"DATA"``…)."""
    return FILESYSTEMS[name](package_root())


def _clean(parts: list[str], keep_above: bool) -> list[str] | None:
    """Resolve ``.`` and ``..`` in *parts*; None when ``..`` climbs above the
    start and *keep_above* is false."""
    out: list[str] = []
    for part in parts:
        if part in ("", "."):
            continue
        if part == "..":
            if not out:
                if not keep_above:
                    return None
                continue                   # the volume root's parent is itself
            out.pop()
        else:
            out.append(part)
    return out


def resolve_posix(text: str) -> tuple[str | None, str]:
    """(filesystem or None, relative POSIX path below it) for an absolute
    POSIX path; raises :class:`PathError` for a relative or escaping one."""
    if not text.startswith("/"):
        raise PathError(f"'{text}' is not an absolute pathname")
    first, _, rest = text[1:].partition("/")
    if first in FILESYSTEMS:
        parts = _clean(rest.split("/"), keep_above=False)
        if parts is None:
            raise PathError(f"'{text}' climbs above the /{first} filesystem")
        return first, "/".join(parts)
    if WINDOWS and len(first) == 2 and first[1] == ":":     # /C:/… on Windows
        return None, text[1:]
    parts = _clean(text.split("/"), keep_above=True)
    return None, "/" + "/".join(parts)


def resolve_platform(text: str) -> str:
    """The absolute native path for a path in the platform syntax."""
    if WINDOWS:
        if not (text.startswith("\\\\") or text[1:3] in (":\\", ":/") or text[1:2] == ":"):
            raise PathError(f"'{text}' is not an absolute Windows pathname")
        return ntpath.normpath(text)
    if not text.startswith("/"):
        raise PathError(f"'{text}' is not an absolute pathname")
    return posixpath.normpath(text) if text != "//" else "/"


def resolve_legacy(text: str) -> str:
    """A path of the legacy document commands (platform syntax): absolute, or
    relative to the database (package) folder (create-folder.md,
    test-path-name.md). A trailing separator is dropped."""
    if not text:
        raise PathError("empty pathname")
    sep_free = text.rstrip("\\/") or text
    if WINDOWS:
        if ntpath.isabs(sep_free) or sep_free[1:2] == ":":
            return ntpath.normpath(sep_free)
        return ntpath.normpath(ntpath.join(str(package_root()), sep_free.lstrip("\\")))
    if sep_free.startswith("/"):
        return posixpath.normpath(sep_free)
    return posixpath.normpath(posixpath.join(str(package_root()), sep_free))


def native_path(value) -> str:
    """The native absolute path of a 4D path text (POSIX syntax, filesystems
    allowed) or of anything with ``__fspath__`` (4D.File, 4D.Folder). Raises
    :class:`PathError` for a path 4D would reject."""
    if isinstance(value, str):
        filesystem, rest = resolve_posix(value)
        if filesystem is not None:
            return str(filesystem_root(filesystem) / rest) if rest else str(filesystem_root(filesystem))
        return rest if not WINDOWS else ntpath.normpath(rest)
    return os.fspath(value)


def to_posix(native: str, folder: bool = False) -> str:
    """The POSIX text of a native absolute path (``C:\\a`` -> ``C:/a`` on
    Windows); folders end with ``/`` as 4D writes them."""
    text = native.replace("\\", "/") if WINDOWS else native
    if folder and not text.endswith("/"):
        text += "/"
    return text


def to_platform(native: str, folder: bool = False) -> str:
    """The platform text of a native absolute path; folders end with the separator."""
    if folder and not native.endswith(SEPARATOR):
        return native + SEPARATOR
    return native


def legacy_text(native: str, folder: bool = False) -> str:
    """A native path as the legacy commands return it (platform syntax)."""
    return to_platform(native, folder)


# --------------------------------------------------------------------------- folders

def home_folder() -> Path:
    return Path.home()


def _xdg(variable: str, default: str) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value and os.path.isabs(value) else home_folder() / default


def _user_dir(name: str, xdg: str) -> Path:
    """A folder of the user (Desktop, Documents): ``$XDG_<X>_DIR`` on Linux."""
    if WINDOWS or MACOS:
        return home_folder() / name
    return _xdg(xdg, name)


def _user_preferences() -> Path:
    """Where per-user preferences live (``User preferences_user``)."""
    if WINDOWS:
        return Path(os.environ.get("APPDATA") or home_folder() / "AppData" / "Roaming")
    if MACOS:
        return home_folder() / "Library" / "Preferences"
    return _xdg("XDG_CONFIG_HOME", ".config")


def _fourd_preferences() -> Path:
    """``fk user preferences folder``: 4D's folder inside the user's preferences."""
    if MACOS:
        return home_folder() / "Library" / "Application Support" / "4D"
    return _user_preferences() / "4D"


# System folder types (commands-legacy/system-folder.md) -> native folder or None (not this OS).
def _system_folders() -> dict[int, Path | None]:
    windir = Path(os.environ.get("WINDIR", "C:\\Windows"))
    if WINDOWS:
        program_data = Path(os.environ.get("PROGRAMDATA", "C:\\ProgramData"))
        start_menu = Path("Microsoft") / "Windows" / "Start Menu"
        return {0: windir, 1: windir / "Fonts", 2: program_data, 3: _user_preferences(),
                4: program_data / start_menu / "Programs" / "Startup",
                5: _user_preferences() / start_menu / "Programs" / "Startup",
                8: program_data / start_menu, 9: _user_preferences() / start_menu,
                12: windir, 13: windir / "System32", 14: home_folder() / "Favorites",
                15: home_folder() / "Desktop", 16: Path(os.environ.get("PROGRAMFILES", "C:\\Program Files")),
                17: home_folder() / "Documents", 18: home_folder()}
    if MACOS:
        common = {0: Path("/System"), 1: Path("/Library/Fonts"), 2: Path("/Library/Preferences"),
                  16: Path("/Applications")}
    else:
        common = {0: Path("/etc"), 1: Path("/usr/share/fonts"), 2: Path("/etc/xdg"),
                  16: Path("/usr/share/applications")}
    return {**common, 3: _user_preferences(), 15: _user_dir("Desktop", "XDG_DESKTOP_DIR"),
            17: _user_dir("Documents", "XDG_DOCUMENTS_DIR"), 18: home_folder()}


def system_folder(kind: int) -> Path | None:
    """The folder of ``System folder(kind)``; None for a type of another OS
    (the "Win" constants on macOS/Linux) or an unknown one."""
    return _system_folders().get(kind)


def folder_constant_path(constant: int) -> tuple[str | None, Path | None]:
    """(filesystem or None, native folder) of a ``Folder(fk … folder)``
    constant (commands/folder.md); (None, None) for an unknown constant."""
    filesystems = {4: "PACKAGE", 3: "PACKAGE", 6: "RESOURCES", 7: "LOGS", 9: "DATA"}
    if constant in filesystems:
        name = filesystems[constant]
        return name, filesystem_root(name)
    root = package_root()
    others = {0: _fourd_preferences(), 1: _fourd_preferences() / "Licenses",
              8: root / "WebFolder", 10: root / "MobileApps", 100: system_folder(0),
              115: system_folder(15), 116: system_folder(16), 117: system_folder(17),
              118: home_folder()}
    return None, others.get(constant)


def temporary_folder() -> Path:
    """``Temporary folder``: the system's, as Python finds it (``$TMPDIR``…)."""
    return Path(tempfile.gettempdir())


def invalid_path(message: str):
    """Signal the 4D error for a pathname 4D rejects."""
    return fail(Codes.INVALID_PATH, message)
