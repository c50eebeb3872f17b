"""``File``/``Folder`` and the ``4D.File``/``4D.Folder`` classes
(commands/file.md, commands/folder.md, API/FileClass.md, API/FolderClass.md
and the properties they share, API/Document.md and API/Directory.md).

A file or folder object is a reference to a place that may not exist yet:
its native path, and the filesystem (``/DATA``…) it was named from, so that
``.path`` gives the filesystem form back. Objects are immutable: ``moveTo``
and ``rename`` return new objects. ZIP entries (``api.zip``) share the
abstract :class:`Entry` interface, so every property and function below is
registered once for both.

Headless choices (the docs describe desktop systems):

* ``createAlias()`` makes a symbolic link (there are no Finder aliases or
  ``.lnk`` files here); ``isAlias`` is true for symbolic links;
* ``hidden`` is the leading-dot convention on Linux (and macOS's hidden
  flag, Windows's hidden attribute); setting it is possible where the system
  has such a flag, otherwise a 4D error names the file;
* ``creationDate``/``creationTime`` use the birth time where the system
  records one, else the time of the last status change;
* ``getIcon()`` is an error: fourd has no pictures.

Every failure of the operating system is the 4D error of the file manager
(``file_error``) naming the file involved.
"""
from __future__ import annotations

import datetime
import errno
import os
import plistlib
import shutil
import stat

from fourd.api import charsets
from fourd.api.blob import blob_bytes
from fourd.api.paths import (MACOS, PLATFORM_PATH, WINDOWS, PathError, filesystem_root,
                             folder_constant_path, resolve_platform, resolve_posix, to_platform, to_posix)
from fourd.runtime.values import STAR
from fourd.runtime.builtins import builtin_class
from fourd.runtime.classes import NativeObject
from fourd.runtime.errors import Codes, fail
from fourd.runtime.members import member_function, member_property, member_setter
from fourd.runtime.values import NULL_DATE, UNDEFINED, Blob4D, Coll, Date, Obj, Time, is_number

__all__ = ["Entry", "FileLike", "FolderLike", "DiskEntry", "DiskFile", "DiskFolder", "file_error", "new_file", "new_folder",
           "make_entry", "entry_of", "invisible", "split_name", "OVERWRITE", "RECURSIVE", "IGNORE_INVISIBLE"]

# Constants of the "File and Folder" theme (API/Document.md, API/Directory.md, FolderClass.md)
OVERWRITE = 4                  # fk overwrite
RECURSIVE = 1                  # fk recursive
IGNORE_INVISIBLE = 8           # fk ignore invisible
DELETE_ONLY_IF_EMPTY, DELETE_WITH_CONTENTS = 0, 1
ALIAS_LINK, SYMBOLIC_LINK = 0, 1

_ERRNO_CODES = {
    errno.ENOENT: Codes.FILE_NOT_FOUND, errno.ENOTDIR: Codes.FOLDER_NOT_FOUND,
    errno.EACCES: Codes.PERMISSION_DENIED, errno.EPERM: Codes.PERMISSION_DENIED,
    errno.EROFS: Codes.PERMISSION_DENIED, errno.EEXIST: Codes.DUPLICATE_NAME,
    errno.ENOTEMPTY: Codes.FOLDER_NOT_EMPTY, errno.ENOSPC: Codes.DISK_FULL,
    errno.ENAMETOOLONG: Codes.INVALID_PATH, errno.EINVAL: Codes.INVALID_PATH,
    errno.EISDIR: Codes.FILE_NOT_FOUND, errno.EBUSY: Codes.FILE_IN_USE,
}


def file_error(exc: OSError, path: str, action: str = ""):
    """Signal the 4D file manager error for *exc*, naming *path*."""
    code = _ERRNO_CODES.get(exc.errno, Codes.IO_ERROR)
    reason = exc.strerror or str(exc)
    return fail(code, f"{action + ': ' if action else ''}{reason}: {path}")


def _local(timestamp: float) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(timestamp)


def _date(timestamp: float | None) -> Date:
    return NULL_DATE if timestamp is None else Date.from_pydate(_local(timestamp).date())


def _time(timestamp: float | None) -> Time:
    if timestamp is None:
        return Time(0)
    moment = _local(timestamp)
    return Time(moment.hour * 3600 + moment.minute * 60 + moment.second)


def _valid_name(name) -> bool:
    """A full name 4D accepts: no separator, not empty, not "." or ".."."""
    return isinstance(name, str) and name not in ("", ".", "..") and not any(c in name for c in "/\\:\0")


def _bad_name(name) -> None:
    fail(Codes.INVALID_PATH, f"Invalid name: {name!r}")


def split_name(full: str) -> tuple[str, str]:
    """(name, extension): the extension starts at the last "." (not a leading one)."""
    dot = full.rfind(".")
    if dot <= 0:
        return full, ""
    return full[:dot], full[dot:]


class Entry(NativeObject):
    """What files and folders, on disk or in a ZIP archive, have in common.
    Subclasses implement the methods; the 4D members are registered below."""

    is_file = True

    def full_name(self) -> str: raise NotImplementedError
    def posix(self) -> str: raise NotImplementedError
    def platform(self) -> str: raise NotImplementedError
    def exists(self) -> bool: raise NotImplementedError
    def parent(self): raise NotImplementedError
    def hidden(self) -> bool: return self.full_name().startswith(".")
    def is_alias(self) -> bool: return False
    def writable(self) -> bool: return False
    def created(self) -> float | None: return None
    def modified(self) -> float | None: return None
    def original(self): return self
    def content(self) -> bytes | None: raise NotImplementedError
    def size(self) -> int: raise NotImplementedError
    def child(self, relative: str, folder: bool): raise NotImplementedError
    def children(self, options: int, folders: bool) -> list: raise NotImplementedError
    def copy_to(self, destination: "DiskFolder", name: str, overwrite: bool): raise NotImplementedError

    def __repr__(self) -> str:
        return f"<4D.{self.FOURD_CLASS} {self.posix()}>"


class FileLike(Entry):
    """A file (on disk or in an archive): content, text, size."""


class FolderLike(Entry):
    """A folder (on disk or in an archive): children."""

    is_file = False


# --------------------------------------------------------------------------- on disk

class DiskEntry(Entry):
    """A file or folder on disk: native path + the filesystem it was named from."""

    __slots__ = ("native", "filesystem", "relative")

    def __init__(self, native: str, filesystem: str | None = None, relative: str = ""):
        self.native = native
        self.filesystem = filesystem        # "DATA"… when named from a filesystem
        self.relative = relative            # POSIX path below the filesystem

    def __fspath__(self) -> str:
        return self.native

    def _stat(self, follow: bool = False):
        if not follow:
            return _lstat(self.native)
        try:
            return os.stat(self.native)
        except OSError:
            return None

    def full_name(self) -> str:
        if self.filesystem is not None and not self.relative:
            return os.path.basename(self.native)
        return os.path.basename(self.native) or self.native

    def posix(self) -> str:
        folder = not self.is_file
        if self.filesystem is not None:
            text = f"/{self.filesystem}/{self.relative}" if self.relative else f"/{self.filesystem}"
            return text + "/" if folder else text
        return to_posix(self.native, folder)

    def platform(self) -> str:
        return to_platform(self.native, not self.is_file)

    def hidden(self) -> bool:
        return invisible(self.full_name(), self._stat())

    def set_hidden(self, value) -> None:
        if bool(value) == self.hidden():
            return
        flag = getattr(stat, "UF_HIDDEN", 0)
        status = self._stat()
        if status is None or not hasattr(os, "chflags") or not flag:
            fail(Codes.PERMISSION_DENIED, f"This system cannot change the hidden flag of {self.native} "
                                          "(on Linux, hidden names start with a dot)")
            return
        flags = status.st_flags | flag if value else status.st_flags & ~flag
        try:
            os.chflags(self.native, flags)
        except OSError as exc:
            file_error(exc, self.native)

    def is_alias(self) -> bool:
        return os.path.islink(self.native)

    def writable(self) -> bool:
        return self.exists() and os.access(self.native, os.W_OK)

    def created(self) -> float | None:
        status = self._stat()
        if status is None:
            return None
        return getattr(status, "st_birthtime", None) or status.st_ctime

    def modified(self) -> float | None:
        status = self._stat()
        return None if status is None else status.st_mtime

    def parent(self):
        if self.filesystem is not None and self.relative:
            head = self.relative.rpartition("/")[0]
            return DiskFolder(os.path.dirname(self.native), self.filesystem, head)
        parent = os.path.dirname(self.native)
        if parent == self.native:
            return None                     # the root has no parent (Directory.md)
        return DiskFolder(parent)

    def _sibling(self, name: str, cls):
        parent = self.parent()
        return cls(os.path.join(parent.native, name), parent.filesystem,
                   f"{parent.relative}/{name}" if parent.relative else name) if parent.filesystem else \
            cls(os.path.join(parent.native, name))

    def _destination(self, destination, name, action: str):
        """The native target of copyTo/moveTo in *destination*, or None after an error."""
        if not isinstance(destination, DiskFolder):
            fail(Codes.TYPE_MISMATCH, f"{action}: the destination must be a 4D.Folder")
            return None
        if not os.path.isdir(destination.native):
            fail(Codes.FOLDER_NOT_FOUND, f"{action}: the destination folder does not exist: {destination.native}")
            return None
        if not _valid_name(name):
            _bad_name(name)
            return None
        return destination

    def moved(self, destination: "DiskFolder", name: str):
        """This entry's class, named *name* inside *destination*."""
        return destination.child(name, folder=not self.is_file)

    def move_to(self, destination, name=UNDEFINED):
        name = self.full_name() if name is UNDEFINED else name
        if self._destination(destination, name, ".moveTo()") is None:
            return UNDEFINED
        target = self.moved(destination, name)
        if os.path.lexists(target.native):
            return fail(Codes.DUPLICATE_NAME, f".moveTo(): {target.native} already exists")
        try:
            shutil.move(self.native, target.native)
        except OSError as exc:
            return file_error(exc, self.native, ".moveTo()")
        return target

    def rename(self, name):
        if not _valid_name(name):
            return _bad_name(name)
        target = self._sibling(name, type(self))
        if os.path.lexists(target.native):
            return fail(Codes.DUPLICATE_NAME, f".rename(): {target.native} already exists")
        try:
            os.rename(self.native, target.native)
        except OSError as exc:
            return file_error(exc, self.native, ".rename()")
        return target

    def create_alias(self, destination, name, alias_type=ALIAS_LINK):
        if self._destination(destination, name, ".createAlias()") is None:
            return UNDEFINED
        link = destination.child(name, folder=False)
        try:
            os.symlink(self.native, link.native, target_is_directory=not self.is_file)
        except OSError as exc:
            return file_error(exc, link.native, ".createAlias()")
        return link


class DiskFile(DiskEntry, FileLike):
    FOURD_CLASS = "File"
    __slots__ = ()

    def exists(self) -> bool:
        return os.path.isfile(self.native) or os.path.islink(self.native)

    def original(self):
        if not self.is_alias():
            return self
        target = os.path.realpath(self.native)
        return DiskFolder(target) if os.path.isdir(target) else DiskFile(target)

    def size(self) -> int:
        status = self._stat(follow=True)
        return 0 if status is None or not stat.S_ISREG(status.st_mode) else status.st_size

    def content(self) -> bytes | None:
        try:
            with open(self.native, "rb") as f:
                return f.read()
        except OSError as exc:
            return file_error(exc, self.native, "reading")

    def write(self, data: bytes, action: str) -> None:
        """Replace the file's content with *data*, creating it (and its folders) if needed."""
        try:
            os.makedirs(os.path.dirname(self.native), exist_ok=True)
            with open(self.native, "wb") as f:
                f.write(data)
        except OSError as exc:
            file_error(exc, self.native, action)

    def create(self) -> bool:
        """False if it exists or on an error (FileClass.md .create())."""
        try:
            os.makedirs(os.path.dirname(self.native), exist_ok=True)
            os.close(os.open(self.native, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o666))
        except OSError:
            return False
        return True

    def delete(self) -> None:
        if not os.path.lexists(self.native):
            return
        try:
            os.remove(self.native)
        except OSError as exc:
            file_error(exc, self.native, ".delete()")

    def copy_to(self, destination, name: str, overwrite: bool):
        target = destination.child(name, folder=False)
        if os.path.lexists(target.native) and not overwrite:
            return fail(Codes.DUPLICATE_NAME, f".copyTo(): {target.native} already exists")
        try:
            shutil.copy2(self.native, target.native, follow_symlinks=False)
        except OSError as exc:
            return file_error(exc, self.native, ".copyTo()")
        return target


def invisible(name: str, status) -> bool:
    """Whether a file is invisible: a leading dot, or the system's hidden flag
    (macOS) or attribute (Windows) in its *status* (an ``os.lstat`` result or None)."""
    if name.startswith("."):
        return True
    if status is None:
        return False
    if WINDOWS:
        return bool(getattr(status, "st_file_attributes", 0) & stat.FILE_ATTRIBUTE_HIDDEN)
    return bool(getattr(status, "st_flags", 0) & getattr(stat, "UF_HIDDEN", 0))


def _lstat(native: str):
    try:
        return os.lstat(native)
    except OSError:
        return None


class DiskFolder(DiskEntry, FolderLike):
    FOURD_CLASS = "Folder"
    __slots__ = ()

    def exists(self) -> bool:
        return os.path.isdir(self.native) and not os.path.islink(self.native)

    def child(self, relative: str, folder: bool):
        """The file or folder at the relative POSIX path *relative*; None when
        it is not relative or climbs above this folder (Directory.md .file())."""
        if not isinstance(relative, str) or relative.startswith("/") or not relative:
            return None
        parts = []
        for part in relative.split("/"):
            if part in ("", "."):
                continue
            if part == "..":
                if not parts:
                    return None
                parts.pop()
            else:
                parts.append(part)
        if not parts:
            return None
        cls = DiskFolder if folder else DiskFile
        native = os.path.join(self.native, *parts)
        if self.filesystem is not None:
            rel = "/".join(([self.relative] if self.relative else []) + parts)
            return cls(native, self.filesystem, rel)
        return cls(native)

    def children(self, options: int, folders: bool) -> list:
        """Files (or folders) inside, sorted by name; symbolic links count as
        files and are never followed (Directory.md .files())."""
        recursive, skip_invisible = options & RECURSIVE, options & IGNORE_INVISIBLE
        found: list = []
        pending = [self]
        while pending:
            folder = pending.pop(0)
            try:
                with os.scandir(folder.native) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError:
                continue
            for entry in entries:
                if skip_invisible and invisible(entry.name, _lstat(entry.path)):
                    continue
                is_dir = entry.is_dir(follow_symlinks=False)
                if is_dir:
                    sub = folder.child(entry.name, folder=True)
                    if folders:
                        found.append(sub)
                    if recursive:
                        pending.append(sub)
                elif not folders:
                    found.append(folder.child(entry.name, folder=False))
        return found

    def create(self) -> bool:
        if os.path.isdir(self.native):
            return False
        try:
            os.makedirs(self.native)
        except OSError:
            return False
        return True

    def delete(self, option=DELETE_ONLY_IF_EMPTY) -> None:
        if option == DELETE_WITH_CONTENTS:
            if not os.path.lexists(self.native):
                return
            failures: list = []
            shutil.rmtree(self.native, onerror=lambda _f, path, info: failures.append((path, info[1])))
            if failures:
                path, exc = failures[0]
                code = Codes.PERMISSION_DENIED if WINDOWS else Codes.FILE_LOCKED
                fail(code, f".delete(): cannot delete {path}: {getattr(exc, 'strerror', exc)}")
            return
        if not os.path.isdir(self.native):
            fail(Codes.FOLDER_NOT_FOUND, f".delete(): the folder does not exist: {self.native}")
            return
        try:
            os.rmdir(self.native)
        except OSError as exc:
            if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
                fail(Codes.FOLDER_NOT_EMPTY, f".delete(): the folder is not empty: {self.native}")
            else:
                file_error(exc, self.native, ".delete()")

    def copy_to(self, destination, name: str, overwrite: bool):
        target = destination.child(name, folder=True)
        if os.path.lexists(target.native) and not overwrite:
            return fail(Codes.DUPLICATE_NAME, f".copyTo(): {target.native} already exists")
        real_target = os.path.realpath(target.native)
        if real_target == os.path.realpath(self.native) or \
                real_target.startswith(os.path.realpath(self.native) + os.sep):
            return fail(Codes.INVALID_PATH, f".copyTo(): cannot copy {self.native} into itself")
        try:
            shutil.copytree(self.native, target.native, symlinks=True, dirs_exist_ok=overwrite)
        except (OSError, shutil.Error) as exc:
            return fail(Codes.IO_ERROR, f".copyTo(): {exc}") if isinstance(exc, shutil.Error) \
                else file_error(exc, self.native, ".copyTo()")
        return target

    def is_package(self) -> bool:
        return MACOS and self.exists() and split_name(self.full_name())[1].lower() in \
            {".app", ".bundle", ".framework", ".plugin", ".4dbase", ".pkg", ".4dbundle"}


# --------------------------------------------------------------------------- construction

def make_entry(native: str, folder: bool, filesystem: str | None = None, relative: str = ""):
    return (DiskFolder if folder else DiskFile)(native, filesystem, relative)


def _from_posix(text: str, folder: bool):
    filesystem, rest = resolve_posix(text)
    if filesystem is not None:
        root = filesystem_root(filesystem)
        native = str(root / rest) if rest else str(root)
        return make_entry(native, folder, filesystem, rest)
    return make_entry(os.path.normpath(rest) if WINDOWS else rest, folder)


def entry_of(path, path_type, folder: bool, command_name: str):
    """The object for ``File``/``Folder`` arguments (text + path type, or constant)."""
    if is_number(path):
        if folder:
            filesystem, native = folder_constant_path(int(path))
            if native is None:
                return fail(Codes.INCOMPATIBLE_ARGUMENTS, f"{command_name}: unknown folder constant {path}")
            return make_entry(str(native), True, filesystem, "")
        return _file_constant(int(path))
    if not isinstance(path, str):
        return fail(Codes.TYPE_MISMATCH, f"{command_name}: the path must be a Text or a constant")
    try:
        if path_type == PLATFORM_PATH:
            return make_entry(resolve_platform(path), folder)
        return _from_posix(path, folder)
    except PathError as exc:
        return fail(Codes.INVALID_PATH, f"{command_name}: {exc}")


# File(fileConstant) (commands/file.md): where each file lives in a project
# package. A constant whose file does not exist gives Null, as documented.
_FILE_CONSTANTS = {
    1: ("PACKAGE", "Settings/backup.4DSettings"),
    3: ("PACKAGE", "Settings/settings.4DSettings"),
    4: ("DATA", "Settings/settings.4DSettings"),
    16: ("PACKAGE", "Settings/directory.json"),
    17: ("DATA", "Settings/backup.4DSettings"),
    18: ("PACKAGE", "Settings/backup.4DSettings"),
    20: ("PACKAGE", "Settings/buildApp.4DSettings"),
}


def _file_constant(constant: int):
    place = _FILE_CONSTANTS.get(constant)
    if place is None:
        return None
    filesystem, relative = place
    entry = DiskFile(str(filesystem_root(filesystem) / relative), filesystem, relative)
    return entry if entry.exists() else None


def _path_arguments(args: tuple):
    """(path, pathType) of ``File``/``Folder`` arguments; ``*`` (host database) is ignored."""
    args = tuple(a for a in args if a is not STAR)
    path = args[0] if args else UNDEFINED
    path_type = args[1] if len(args) > 1 else 0
    return path, path_type


def file_command(*args):
    path, path_type = _path_arguments(args)
    return entry_of(path, path_type, False, "File")


def folder_command(*args):
    path, path_type = _path_arguments(args)
    return entry_of(path, path_type, True, "Folder")


@builtin_class("File")
def new_file(*args):
    """``4D.File.new()``: the same as ``File`` (FileClass.md)."""
    return file_command(*args)


@builtin_class("Folder")
def new_folder(*args):
    return folder_command(*args)


# --------------------------------------------------------------------------- members

for _name, _getter in {
    "name": lambda e: split_name(e.full_name())[0],
    "extension": lambda e: split_name(e.full_name())[1],
    "fullName": lambda e: e.full_name(),
    "path": lambda e: e.posix(),
    "platformPath": lambda e: e.platform(),
    "exists": lambda e: e.exists(),
    "isFile": lambda e: e.is_file,
    "isFolder": lambda e: not e.is_file,
    "isAlias": lambda e: e.is_alias(),
    "isWritable": lambda e: e.writable(),
    "hidden": lambda e: e.hidden(),
    "parent": lambda e: e.parent(),
    "original": lambda e: e.original(),
    "creationDate": lambda e: _date(e.created()),
    "creationTime": lambda e: _time(e.created()),
    "modificationDate": lambda e: _date(e.modified()),
    "modificationTime": lambda e: _time(e.modified()),
}.items():
    member_property(Entry, _name)(_getter)


@member_property(FileLike, "size")
def size(entry: FileLike) -> float:
    return float(entry.size())


@member_property(FolderLike, "isPackage")
def is_package(entry: FolderLike) -> bool:
    return isinstance(entry, DiskFolder) and entry.is_package()


@member_setter(DiskEntry, "hidden")
def set_hidden(entry: DiskEntry, value) -> None:
    entry.set_hidden(value)


@member_function(FileLike, "getContent")
def get_content(entry: FileLike):
    data = entry.content()
    return UNDEFINED if data is None or data is UNDEFINED else Blob4D(data)


def _charset_and_break(args: tuple, writing: bool):
    """(Charset, break mode) from the optional (charset; breakMode) arguments."""
    if args and args[0] is not UNDEFINED:
        chosen = charsets.charset(args[0], default_bom=writing)
    else:
        chosen = charsets.UTF8_NO_BOM if writing else charsets.charset("UTF-8")
    mode = charsets.break_mode(args[1]) if len(args) > 1 else charsets.NATIVE
    return chosen, mode


@member_function(FileLike, "getText")
def get_text(entry: FileLike, *args):
    chosen, mode = _charset_and_break(args, writing=False)
    if chosen is None or mode is None:
        return UNDEFINED
    data = entry.content()
    if data is None or data is UNDEFINED:
        return UNDEFINED
    return charsets.decode_bytes(data, chosen, mode)


@member_function(DiskFile, "setText")
def set_text(entry: DiskFile, text, *args) -> None:
    if not isinstance(text, str):
        return fail(Codes.TYPE_MISMATCH, ".setText() expects a Text")
    chosen, mode = _charset_and_break(args, writing=True)
    if chosen is not None and mode is not None:
        entry.write(charsets.encode_text(text, chosen, mode), ".setText()")


@member_function(DiskFile, "setContent")
def set_content(entry: DiskFile, content) -> None:
    data = blob_bytes(content)
    if data is None:
        return fail(Codes.TYPE_MISMATCH, ".setContent() expects a Blob or a 4D.Blob")
    entry.write(data, ".setContent()")


@member_function(DiskEntry, "create")
def create(entry: DiskEntry) -> bool:
    return entry.create()


@member_function(DiskEntry, "delete")
def delete(entry: DiskEntry, *option) -> None:
    entry.delete(*option)


@member_function(DiskEntry, "moveTo")
def move_to(entry: DiskEntry, destination=UNDEFINED, name=UNDEFINED):
    return entry.move_to(destination, name)


@member_function(DiskEntry, "rename")
def rename(entry: DiskEntry, name=UNDEFINED):
    return entry.rename(name)


@member_function(DiskEntry, "createAlias")
def create_alias(entry: DiskEntry, destination=UNDEFINED, name=UNDEFINED, alias_type=ALIAS_LINK):
    return entry.create_alias(destination, name, alias_type)


@member_function(Entry, "copyTo")
def copy_to(entry: Entry, destination=UNDEFINED, *args):
    """``.copyTo(destinationFolder {; newName} {; overwrite})`` (Document.md)."""
    name, overwrite, renamed = entry.full_name(), False, False
    for arg in args[:2]:
        if isinstance(arg, str):
            name, renamed = arg, True
        elif is_number(arg):
            overwrite = int(arg) == OVERWRITE
    if not isinstance(destination, DiskFolder):
        return fail(Codes.TYPE_MISMATCH, ".copyTo(): the destination must be a 4D.Folder")
    if not os.path.isdir(destination.native):
        return fail(Codes.FOLDER_NOT_FOUND, f".copyTo(): the destination folder does not exist: "
                                            f"{destination.native}")
    if renamed and not _valid_name(name):
        return _bad_name(name)
    return entry.copy_to(destination, name, overwrite)


@member_function(FolderLike, "file")
def file_(entry: FolderLike, path=UNDEFINED):
    return entry.child(path, folder=False)


@member_function(FolderLike, "folder")
def folder_(entry: FolderLike, path=UNDEFINED):
    return entry.child(path, folder=True)


def _listing_options(options) -> int:
    return int(options) if is_number(options) else 0


@member_function(FolderLike, "files")
def files(entry: FolderLike, options=0):
    return Coll(entry.children(_listing_options(options), folders=False))


@member_function(FolderLike, "folders")
def folders(entry: FolderLike, options=0):
    return Coll(entry.children(_listing_options(options), folders=True))


@member_function(Entry, "getIcon")
def get_icon(entry: Entry, size=0):
    return fail(Codes.UNSUPPORTED_COMMAND, f".getIcon() is not available in fourd (no pictures): {entry.posix()}")


@member_function(DiskFile, "open")
def open_(entry: DiskFile, options=UNDEFINED):
    from fourd.api.file_handle import open_handle
    return open_handle(entry, options)


# --------------------------------------------------------------------------- app info

def _to_4d(value):
    """A plist value as a 4D value (dicts -> objects, lists -> collections)."""
    if isinstance(value, dict):
        return Obj({k: _to_4d(v) for k, v in value.items()})
    if isinstance(value, list):
        return Coll([_to_4d(v) for v in value])
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, bytes):
        return Blob4D(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _from_4d(value, previous=None):
    """A 4D value for a plist, keeping the type of the key's previous value."""
    if isinstance(value, Obj):
        return {k: _from_4d(v) for k, v in value.items() if v is not UNDEFINED}
    if isinstance(value, Coll):
        return [_from_4d(v) for v in value]
    if isinstance(value, str) and (isinstance(previous, datetime.datetime) or previous is None):
        try:
            return datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value


def _read_plist(entry: DiskFile):
    data = entry.content() if entry.exists() else b""
    if not data:
        return {}
    if data.startswith(b"bplist"):
        fail(Codes.INCOMPATIBLE_ARGUMENTS, f"Binary .plist files are not supported: {entry.native}")
        return None
    try:
        return plistlib.loads(data, fmt=plistlib.FMT_XML)
    except Exception as exc:   # plistlib raises several types for bad XML
        fail(Codes.IO_ERROR, f"Invalid .plist file {entry.native}: {exc}")
        return None


@member_function(DiskFile, "getAppInfo")
def get_app_info(entry: DiskFile):
    """.plist files only: executables' resources are a desktop matter (empty object)."""
    if entry.full_name().lower().endswith(".plist") and entry.exists():
        info = _read_plist(entry)
        return UNDEFINED if info is None else _to_4d(info)
    return Obj()


@member_function(DiskFile, "setAppInfo")
def set_app_info(entry: DiskFile, info=UNDEFINED) -> None:
    if not entry.full_name().lower().endswith(".plist"):
        return None                          # other files: nothing, no error (FileClass.md)
    if not isinstance(info, Obj):
        return fail(Codes.TYPE_MISMATCH, ".setAppInfo() expects an object")
    current = _read_plist(entry)
    if current is None:
        return None
    for key, value in info.items():
        if value is not UNDEFINED:
            current[key] = _from_4d(value, current.get(key))
    entry.write(plistlib.dumps(current, fmt=plistlib.FMT_XML), ".setAppInfo()")
    return None

