"""ZIP archives: ``ZIP Create archive``, ``ZIP Read archive`` and the
``4D.ZipArchive``, ``4D.ZipFile``, ``4D.ZipFolder`` classes
(commands/zip-create-archive.md, zip-read-archive.md, API/ZipArchiveClass.md,
ZipFileClass.md, ZipFolderClass.md).

Archives are written and read with ``pyzipper`` (the standard ``zipfile``
plus WinZip AES encryption): Deflate with levels 1-10 (10 is zlib's 9),
LZMA, stored, and AES-128/192/256 with a password. ``ZIP Compression XZ``
is a 4D error: no maintained Python library writes XZ entries.

Reading is a view: entries are read or extracted on demand while a 4D
reference to the archive or one of its entries remains. Safety, since an
archive comes from anywhere:

* an entry whose name is absolute or climbs with ``..`` is not listed
  (path traversal); extraction also refuses to write through a symbolic
  link out of the destination folder;
* an entry is read at most to its declared size (the decompressor stops
  there) and one whose declared size is more than :data:`MAX_RATIO` times
  its compressed size (above 1 MB) is refused as a zip bomb;
* ``getContent()``/``getText()`` hold at most :data:`MAX_IN_MEMORY` bytes,
  one ``copyTo()`` writes at most :data:`MAX_EXTRACTED` bytes
  (``FOURD_ZIP_MAX_EXTRACTED`` to change).

Choices where the pages are silent: an archive is written to a private
temporary file beside the destination and renamed into place when complete;
symbolic links inside a zipped folder are not followed (they are left out);
the root ``ZipFolder`` has an empty name and ``root.copyTo(folder)``
extracts the archive's contents into *folder*; ``ZIP Create archive``'s
status is 0 on success, 1 when the archive cannot be created, 2 when a
password is missing for encryption.
"""
from __future__ import annotations

import datetime
import os
import shutil
import tempfile

import pyzipper

from fourd.api.files import (IGNORE_INVISIBLE, DiskEntry, DiskFile, DiskFolder, FileLike, FolderLike,
                             file_error, invisible)
from fourd.runtime.builtins import builtin_class
from fourd.runtime.classes import NativeObject
from fourd.runtime.errors import Codes, fail
from fourd.runtime.formula import Formula, invoke
from fourd.runtime.members import member_property
from fourd.runtime.values import UNDEFINED, Coll, Obj, is_number

__all__ = ["ZipArchive", "ZipEntryFile", "ZipEntryFolder", "zip_create_archive", "zip_read_archive"]

WITHOUT_ENCLOSING_FOLDER = 1          # ZIP Without enclosing folder
IGNORE_INVISIBLE_FILES = 1            # ZIP Ignore invisible files
COMPRESSION_NONE, COMPRESSION_LZMA, COMPRESSION_XZ = 0, 14, 95
_DEFLATE = (-1, 8)                    # ZIP Compression standard (and Deflate's method number)
_AES_BITS = {1: 128, 2: 192, 3: 256}  # ZIP Encryption AES128/AES192/AES256
ENCRYPTION_NONE = 0

MAX_RATIO = 1000
MAX_IN_MEMORY = 1 << 30
MAX_EXTRACTED = int(os.environ.get("FOURD_ZIP_MAX_EXTRACTED", 16 << 30))
_COPY_CHUNK = 1 << 20


# --------------------------------------------------------------------------- writing

def _status(status: int, text: str = "") -> Obj:
    return Obj(success=status == 0, status=status, statusText=text)


def _folder_members(folder: DiskFolder, prefix: str, skip_invisible: bool, archive_path: str):
    """(native path or None for a folder entry, name in the archive) below *folder*."""
    yield None, prefix + "/" if prefix else None
    for top, dirs, names in os.walk(folder.native):
        relative = os.path.relpath(top, folder.native)
        base = prefix if relative == "." else "/".join(p for p in (prefix, relative.replace(os.sep, "/")) if p)
        entries = [(name, True) for name in dirs] + [(name, False) for name in names]
        kept_dirs = []
        for name, is_dir in sorted(entries):
            native = os.path.join(top, name)
            if os.path.islink(native) or os.path.realpath(native) == archive_path:
                continue
            if skip_invisible and invisible(name, os.lstat(native)):
                continue
            member = f"{base}/{name}" if base else name
            if is_dir:
                kept_dirs.append(name)
                yield None, member + "/"
            else:
                yield native, member
        dirs[:] = sorted(kept_dirs)


class _NotAnEntry(Exception):
    """An element of ``files`` that is neither a 4D.File nor a 4D.Folder."""


def _members(source, destination_name: str | None, options: int, archive_path: str):
    """Every (native path or None, archive name) for one source of the archive."""
    skip_invisible = bool(int(options) & IGNORE_INVISIBLE_FILES) if is_number(options) else False
    if isinstance(source, DiskFile):
        if not source.exists():
            raise FileNotFoundError(source.native)
        yield source.native, destination_name or source.full_name()
    elif isinstance(source, DiskFolder):
        if not source.exists():
            raise FileNotFoundError(source.native)
        prefix = destination_name if destination_name is not None else source.full_name()
        for native, name in _folder_members(source, prefix.strip("/"), skip_invisible, archive_path):
            if name:
                yield native, name
    else:
        raise _NotAnEntry(source)


def _sources(structure, options, archive_path: str):
    """The members of the archive for the first parameter of ZIP Create archive."""
    if isinstance(structure, DiskFolder) and is_number(options) and int(options) & WITHOUT_ENCLOSING_FOLDER:
        return list(_members(structure, "", 0, archive_path))
    if isinstance(structure, (DiskFile, DiskFolder)):
        return list(_members(structure, None, 0, archive_path))
    members = []
    for item in structure.get("files") or Coll():
        if isinstance(item, Obj) and not isinstance(item, Formula):
            destination = item.get("destination", UNDEFINED)
            members += _members(item.get("source"), destination if isinstance(destination, str) else None,
                                item.get("option", 0), archive_path)
        else:
            members += _members(item, None, 0, archive_path)
    return members


def _compression(structure) -> tuple[int, int | None] | None:
    """(zipfile method, level) of a zip structure; None after a 4D error."""
    method = structure.get("compression", UNDEFINED) if isinstance(structure, Obj) else UNDEFINED
    level = structure.get("level", UNDEFINED) if isinstance(structure, Obj) else UNDEFINED
    method = -1 if method is UNDEFINED or method is None else method
    if not is_number(method):
        fail(Codes.TYPE_MISMATCH, "ZIP Create archive: compression must be a ZIP Compression constant")
        return None
    method = int(method)
    if method == COMPRESSION_XZ:
        fail(Codes.UNSUPPORTED_COMMAND, "ZIP Create archive: ZIP Compression XZ is not available in fourd "
                                        "(use ZIP Compression standard or ZIP Compression LZMA)")
        return None
    if method == COMPRESSION_NONE:
        return pyzipper.ZIP_STORED, None
    if method == COMPRESSION_LZMA:
        return pyzipper.ZIP_LZMA, None       # zipfile's LZMA writer has one preset
    if method in _DEFLATE:
        chosen = 6 if not is_number(level) else min(max(int(level), 1), 9)
        return pyzipper.ZIP_DEFLATED, chosen
    fail(Codes.INCOMPATIBLE_ARGUMENTS, f"ZIP Create archive: unknown compression {method}")
    return None


def zip_create_archive(source=UNDEFINED, destination=UNDEFINED, options=UNDEFINED):
    if not isinstance(destination, DiskFile):
        return fail(Codes.TYPE_MISMATCH, "ZIP Create archive: the destination must be a 4D.File")
    if not isinstance(source, (DiskFile, DiskFolder, Obj)):
        return fail(Codes.TYPE_MISMATCH, "ZIP Create archive: the source must be a 4D.File, a 4D.Folder or an object")
    compression = _compression(source)
    if compression is None:
        return UNDEFINED
    password = source.get("password", "") if isinstance(source, Obj) else ""
    encryption = source.get("encryption", UNDEFINED) if isinstance(source, Obj) else UNDEFINED
    if is_number(encryption) and int(encryption) in _AES_BITS and not password:
        return _status(2, "Password is required for encryption")
    bits = None
    if password and not (is_number(encryption) and int(encryption) == ENCRYPTION_NONE):
        bits = _AES_BITS.get(int(encryption) if is_number(encryption) else 3, 256)
    archive_path = os.path.realpath(destination.native)
    try:
        members = _sources(source, options, archive_path)
    except FileNotFoundError as exc:
        return fail(Codes.FILE_NOT_FOUND, f"ZIP Create archive: no such file or folder: {exc}")
    except _NotAnEntry:
        return fail(Codes.TYPE_MISMATCH, "ZIP Create archive: files must hold 4D.File or 4D.Folder objects")
    callback = source.get("callback", UNDEFINED) if isinstance(source, Obj) else UNDEFINED
    return _write_archive(destination, members, compression, password if bits else "", bits, callback)


def _write_archive(destination: DiskFile, members, compression, password: str, bits, callback) -> Obj:
    folder = os.path.dirname(destination.native)
    if not os.path.isdir(folder):
        return _status(1, "Cannot create ZIP archive")
    method, level = compression
    descriptor, temporary = tempfile.mkstemp(prefix=".fourd-zip-", dir=folder)   # mode 0600
    os.close(descriptor)
    try:
        with pyzipper.AESZipFile(temporary, "w", compression=method, compresslevel=level,
                                 encryption=pyzipper.WZ_AES if bits else None) as archive:
            if bits:
                archive.setpassword(password.encode("utf-8"))
                archive.setencryption(pyzipper.WZ_AES, nbits=bits)
            for done, (native, name) in enumerate(members, 1):
                if native is None:
                    archive.writestr(archive.zipinfo_cls(name, datetime.datetime.now().timetuple()[:6]), b"")
                else:
                    info = archive.zipinfo_cls.from_file(native, name, strict_timestamps=False)
                    info.compress_type = method
                    with open(native, "rb") as source, archive.open(info, "w") as target:
                        shutil.copyfileobj(source, target, _COPY_CHUNK)
                if isinstance(callback, Formula):
                    invoke(callback, round(done * 100 / len(members)))
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, destination.native)
    except OSError as exc:
        _remove(temporary)
        return _status(1, f"Cannot create ZIP archive: {exc.strerror or exc}")
    except BaseException:
        _remove(temporary)
        raise
    return _status(0)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass


# --------------------------------------------------------------------------- reading

def _safe_name(name: str) -> str | None:
    """The entry's path inside the archive, or None when it is absolute or climbs out."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    return "/".join(parts)


class ZipArchive(NativeObject):
    """An open archive: its tree of entries, built once."""

    FOURD_CLASS = "ZipArchive"

    def __init__(self, source: DiskFile, archive, password: bytes):
        self.source = source
        self.archive = archive
        self.password = password
        self.root = ZipEntryFolder(self, "")
        self.folders: dict[str, ZipEntryFolder] = {"": self.root}
        self.files: dict[str, ZipEntryFile] = {}
        for info in archive.infolist():
            path = _safe_name(info.filename)
            if not path:
                continue
            if info.is_dir():
                self._folder(path, info)
            else:
                self._folder(path.rpartition("/")[0], None)
                self.files[path] = ZipEntryFile(self, path, info)

    def _folder(self, path: str, info) -> "ZipEntryFolder":
        folder = self.folders.get(path)
        if folder is None:
            self._folder(path.rpartition("/")[0], None)
            folder = self.folders[path] = ZipEntryFolder(self, path, info)
        elif info is not None:
            folder.info = info
        return folder

    def __del__(self):
        archive = getattr(self, "archive", None)
        if archive is not None:
            archive.close()


def _checked(entry: "ZipEntryFile", limit: int, action: str) -> bool:
    info = entry.info
    if info.file_size > limit:
        fail(Codes.MEMORY if limit == MAX_IN_MEMORY else Codes.DISK_FULL,
             f"{action}: {entry.path} is {info.file_size} bytes, above fourd's limit of {limit}")
        return False
    if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        fail(Codes.IO_ERROR, f"{action}: {entry.path} expands {info.file_size // max(info.compress_size, 1)} "
                             "times: refused as a zip bomb")
        return False
    return True


def _open_entry(entry: "ZipEntryFile", action: str):
    try:
        return entry.archive.archive.open(entry.info, "r", pwd=entry.archive.password or None)
    except RuntimeError as exc:        # encrypted entry without (or with a wrong) password
        fail(Codes.ZIP_PASSWORD, f"{action}: {exc}: {entry.path}")
    except (OSError, pyzipper.BadZipFile, NotImplementedError) as exc:
        fail(Codes.IO_ERROR, f"{action}: cannot read {entry.path}: {exc}")
    return None


def _timestamp(info) -> float | None:
    if info is None:
        return None
    return datetime.datetime(*info.date_time).timestamp()


class ZipEntry:
    """What ZIP files and folders share (mixed into FileLike/FolderLike)."""

    def __init__(self, archive: ZipArchive, path: str, info=None):
        self.archive = archive
        self.path = path            # inside the archive, without leading or trailing "/"
        self.info = info

    def full_name(self) -> str:
        return self.path.rpartition("/")[2]

    def posix(self) -> str:
        return "/" + self.path + ("/" if self.path and not self.is_file else "")

    def platform(self) -> str:
        return self.posix()

    def exists(self) -> bool:
        return True

    def parent(self):
        if not self.path:
            return None                     # the root has no parent (ZipFolderClass.md)
        return self.archive.folders[self.path.rpartition("/")[0]]

    def created(self):
        return _timestamp(self.info) if self.info is not None else self.archive.source.created()

    def modified(self):
        return _timestamp(self.info) if self.info is not None else self.archive.source.modified()


class ZipEntryFile(ZipEntry, FileLike):
    FOURD_CLASS = "ZipFile"

    def size(self) -> int:
        return self.info.file_size

    def content(self) -> bytes | None:
        if not _checked(self, MAX_IN_MEMORY, ".getContent()"):
            return None
        stream = _open_entry(self, ".getContent()")
        if stream is None:
            return None
        try:
            with stream:
                return stream.read()
        except (pyzipper.BadZipFile, OSError, RuntimeError) as exc:
            fail(Codes.IO_ERROR, f"cannot read {self.path}: {exc}")
            return None

    def extract(self, target: str, budget: list[int]) -> bool:
        """Stream this entry to the native *target*; *budget* is the bytes left."""
        if not _checked(self, budget[0], ".copyTo()"):
            return False
        budget[0] -= self.info.file_size
        stream = _open_entry(self, ".copyTo()")
        if stream is None:
            return False
        try:
            with stream, open(target, "wb") as out:
                shutil.copyfileobj(stream, out, _COPY_CHUNK)
        except OSError as exc:
            file_error(exc, target, ".copyTo()")
            return False
        except (pyzipper.BadZipFile, RuntimeError) as exc:
            fail(Codes.IO_ERROR, f".copyTo(): cannot read {self.path}: {exc}")
            return False
        timestamp = _timestamp(self.info)
        os.utime(target, (timestamp, timestamp))
        return True

    def copy_to(self, destination: DiskFolder, name: str, overwrite: bool):
        target = destination.child(name, folder=False)
        if os.path.lexists(target.native) and not overwrite:
            return fail(Codes.DUPLICATE_NAME, f".copyTo(): {target.native} already exists")
        if not _inside(target.native, destination.native):
            return fail(Codes.INVALID_PATH, f".copyTo(): {target.native} is outside {destination.native}")
        return target if self.extract(target.native, [MAX_EXTRACTED]) else UNDEFINED


def _inside(native: str, folder: str) -> bool:
    """Whether *native* (resolving links) stays inside *folder*."""
    real_folder = os.path.realpath(folder)
    real = os.path.realpath(native)
    return real == real_folder or real.startswith(real_folder + os.sep)


class ZipEntryFolder(ZipEntry, FolderLike):
    FOURD_CLASS = "ZipFolder"

    def _prefix(self) -> str:
        return self.path + "/" if self.path else ""

    def child(self, relative, folder: bool):
        if not isinstance(relative, str) or relative.startswith("/"):
            return None
        path = _safe_name(self._prefix() + relative)
        if path is None or not path:
            return None
        table = self.archive.folders if folder else self.archive.files
        return table.get(path)

    def children(self, options: int, folders: bool) -> list:
        prefix, recursive = self._prefix(), options & 1
        skip_invisible = options & IGNORE_INVISIBLE
        table = self.archive.folders if folders else self.archive.files
        found = []
        for path, entry in sorted(table.items()):
            if not path or not path.startswith(prefix):
                continue
            rest = path[len(prefix):]
            if "/" in rest and not recursive:
                continue
            if skip_invisible and any(part.startswith(".") for part in rest.split("/")):
                continue
            found.append(entry)
        return found

    def copy_to(self, destination: DiskFolder, name: str, overwrite: bool):
        target = destination if not name else destination.child(name, folder=True)
        if name and os.path.lexists(target.native) and not overwrite:
            return fail(Codes.DUPLICATE_NAME, f".copyTo(): {target.native} already exists")
        budget = [MAX_EXTRACTED]
        try:
            os.makedirs(target.native, exist_ok=True)
            for folder in self.children(1, folders=True):
                native = os.path.join(target.native, *folder.path[len(self._prefix()):].split("/"))
                if not _inside(native, target.native):
                    return fail(Codes.INVALID_PATH, f".copyTo(): {native} is outside {target.native}")
                os.makedirs(native, exist_ok=True)
            for file in self.children(1, folders=False):
                native = os.path.join(target.native, *file.path[len(self._prefix()):].split("/"))
                if not _inside(native, target.native):
                    return fail(Codes.INVALID_PATH, f".copyTo(): {native} is outside {target.native}")
                if os.path.lexists(native) and not overwrite:
                    return fail(Codes.DUPLICATE_NAME, f".copyTo(): {native} already exists")
                if not file.extract(native, budget):
                    return UNDEFINED
        except OSError as exc:
            return file_error(exc, target.native, ".copyTo()")
        return target


def zip_read_archive(zip_file=UNDEFINED, password=UNDEFINED):
    if not isinstance(zip_file, DiskEntry) or not zip_file.is_file:
        return fail(Codes.TYPE_MISMATCH, "ZIP Read archive: the archive must be a 4D.File")
    secret = password.encode("utf-8") if isinstance(password, str) and password else b""
    try:
        archive = pyzipper.AESZipFile(zip_file.native, "r")
    except OSError as exc:
        return file_error(exc, zip_file.native, "ZIP Read archive")
    except (pyzipper.BadZipFile, ValueError, EOFError) as exc:
        return fail(Codes.IO_ERROR, f"ZIP Read archive: not a ZIP archive: {zip_file.native} ({exc})")
    encrypted = next((info for info in archive.infolist() if info.flag_bits & 1), None)
    if encrypted is not None:
        problem = "a password is required" if not secret else _wrong_password(archive, encrypted, secret)
        if problem:
            archive.close()
            return fail(Codes.ZIP_PASSWORD, f"ZIP Read archive: {problem}: {zip_file.native}")
    return ZipArchive(zip_file, archive, secret)


def _wrong_password(archive, info, secret: bytes) -> str:
    """"" if *secret* opens the encrypted entry *info*, else why not."""
    try:
        with archive.open(info, "r", pwd=secret) as stream:
            stream.read(1)
    except RuntimeError:
        return "wrong password"
    except (pyzipper.BadZipFile, OSError) as exc:
        return f"damaged archive ({exc})"
    return ""


builtin_class("ZipArchive", new=None, module=__name__)
builtin_class("ZipFile", new=None, module=__name__)
builtin_class("ZipFolder", new=None, module=__name__)


@member_property(ZipArchive, "root")
def root(archive: ZipArchive) -> ZipEntryFolder:
    return archive.root
