"""Legacy document commands (the "System Documents" and "System Environment"
themes, commands-legacy/*.md): paths in the platform syntax, relative ones
to the database (package) folder; ``Open document``/``Create document``/
``Append document`` with ``SEND PACKET``/``RECEIVE PACKET``/``CLOSE
DOCUMENT``; whole-document reads and writes; folder listings.

The ``OK`` and ``Document`` system variables are set as each page says.
Paths and folders come from ``api.paths`` (platform syntax = POSIX on Linux
and macOS under fourd, see there). A document reference (``DocRef``) is a
Time value numbering an open ``4D.FileHandle``; text packets are UTF-8
(``USE CHARACTER SET`` is not part of fourd).
"""
from __future__ import annotations

import itertools
import os
import shutil
import threading
import urllib.parse

from fourd.api import charsets, paths
from fourd.api.blob import blob_bytes
from fourd.api.file_handle import CHUNK, FileHandle, open_handle
from fourd.api.files import DiskFile, DiskFolder, file_error, get_text, set_text, split_name
from fourd.commands.blob import set_ok
from fourd.commands.registry import STAR, Ref, command
from fourd.runtime.arrays import Array4D
from fourd.runtime.errors import Codes, fail
from fourd.runtime.process import current_process
from fourd.runtime.values import UNDEFINED, Blob4D, Obj, Time, is_number

# Open document modes (open-document.md)
READ_AND_WRITE, WRITE_MODE, READ_MODE, GET_PATHNAME = 0, 1, 2, 3
# DOCUMENT LIST options (document-list.md)
RECURSIVE_PARSING, ABSOLUTE_PATH, POSIX_PATH, IGNORE_INVISIBLE = 1, 2, 4, 8
# Path to object / Object to path (path-to-object.md)
PATH_IS_SYSTEM, PATH_IS_POSIX = 0, 1
# SET DOCUMENT POSITION anchors (set-document-position.md)
FROM_START, FROM_END, FROM_CURRENT = 1, 2, 3


def _native(path, command_name: str) -> str | None:
    """The native path of a legacy *path*; None after a 4D error."""
    if not isinstance(path, str):
        fail(Codes.TYPE_MISMATCH, f"{command_name}: the pathname must be a Text")
        return None
    try:
        return paths.resolve_legacy(path)
    except paths.PathError as exc:
        fail(Codes.INVALID_PATH, f"{command_name}: {exc}")
        return None


def _set_document(native: str) -> None:
    current_process().vars["document"] = native


# --------------------------------------------------------------------------- tests and folders

@command("Test path name")
def test_path_name(path=UNDEFINED) -> int:
    """1 for a document, 0 for a folder, -43 when nothing is there (test-path-name.md)."""
    if not isinstance(path, str) or not path:
        return Codes.FILE_NOT_FOUND
    try:
        native = paths.resolve_legacy(path)
    except paths.PathError:
        return Codes.INVALID_PATH
    if os.path.isdir(native):
        return 0
    return 1 if os.path.isfile(native) else Codes.FILE_NOT_FOUND


@command("CREATE FOLDER")
def create_folder(path=UNDEFINED, star=UNDEFINED) -> None:
    """With ``*``, the whole hierarchy is created and a final document name is ignored."""
    hierarchy = star is STAR
    native = _native(path, "CREATE FOLDER")
    if native is None:
        return
    if hierarchy and not path.endswith(("/", paths.SEPARATOR)):
        native = os.path.dirname(native)
    try:
        if hierarchy:
            os.makedirs(native, exist_ok=True)
        else:
            os.mkdir(native)
    except FileExistsError:
        if not os.path.isdir(native):
            fail(Codes.DUPLICATE_NAME, f"CREATE FOLDER: a document has that name: {native}")
    except OSError as exc:
        file_error(exc, native, "CREATE FOLDER")


@command("DELETE FOLDER")
def delete_folder(path=UNDEFINED, option=0) -> None:
    native = _native(path, "DELETE FOLDER")
    if native is not None:
        DiskFolder(native).delete(int(option) if is_number(option) else 0)


@command("DELETE DOCUMENT")
def delete_document(path=UNDEFINED) -> None:
    native = _native(path, "DELETE DOCUMENT")
    if native is None:
        return
    if not os.path.isfile(native) and not os.path.islink(native):
        fail(Codes.FILE_NOT_FOUND, f"DELETE DOCUMENT: no such document: {native}")
        return
    try:
        os.remove(native)
    except OSError as exc:
        file_error(exc, native, "DELETE DOCUMENT")


def _target(destination: str, source: str, new_name) -> str:
    """A destination ending with a separator is a folder: the source's name
    (or *new_name*) goes there (copy-document.md)."""
    if destination.endswith(("/", paths.SEPARATOR)) or os.path.isdir(destination):
        return os.path.join(destination, new_name if isinstance(new_name, str) and new_name
                            else os.path.basename(source))
    return destination


@command("COPY DOCUMENT")
def copy_document(source=UNDEFINED, destination=UNDEFINED, *rest) -> None:
    """``COPY DOCUMENT(source; destination {; newName} {; *})``: ``*`` overwrites."""
    overwrite = STAR in rest
    new_name = next((r for r in rest if isinstance(r, str)), UNDEFINED)
    source_native = _native(source, "COPY DOCUMENT")
    destination_native = _native(destination, "COPY DOCUMENT") if source_native else None
    if destination_native is None:
        return
    if isinstance(destination, str) and destination.endswith(("/", paths.SEPARATOR)):
        destination_native += os.sep
    target = _target(destination_native, source_native, new_name)
    if not os.path.lexists(source_native):
        fail(Codes.FILE_NOT_FOUND, f"COPY DOCUMENT: no such document or folder: {source_native}")
        return
    if os.path.lexists(target) and not overwrite:
        fail(Codes.DUPLICATE_NAME, f"COPY DOCUMENT: {target} already exists")
        return
    try:
        if os.path.isdir(source_native):
            shutil.copytree(source_native, target, symlinks=True, dirs_exist_ok=overwrite)
        else:
            shutil.copy2(source_native, target, follow_symlinks=False)
    except OSError as exc:
        file_error(exc, source_native, "COPY DOCUMENT")


@command("MOVE DOCUMENT")
def move_document(source=UNDEFINED, destination=UNDEFINED) -> None:
    source_native = _native(source, "MOVE DOCUMENT")
    destination_native = _native(destination, "MOVE DOCUMENT") if source_native else None
    if destination_native is None:
        return
    if os.path.lexists(destination_native):
        fail(Codes.DUPLICATE_NAME, f"MOVE DOCUMENT: {destination_native} already exists")
        return
    try:
        shutil.move(source_native, destination_native)
    except OSError as exc:
        file_error(exc, source_native, "MOVE DOCUMENT")


def _listing(path, ref: Ref, options, folders: bool, command_name: str) -> None:
    native = _native(path, command_name)
    if native is None:
        return
    if not os.path.isdir(native):
        fail(Codes.FOLDER_NOT_FOUND, f"{command_name}: no such folder: {native}")
        return
    options = int(options) if is_number(options) else 0
    root = DiskFolder(native)
    entries = root.children(options & (RECURSIVE_PARSING | IGNORE_INVISIBLE), folders)
    names = []
    for entry in entries:
        relative = os.path.relpath(entry.native, native)
        if options & ABSOLUTE_PATH:
            text = paths.to_posix(entry.native) if options & POSIX_PATH else entry.native
        elif options & POSIX_PATH:
            text = relative.replace(os.sep, "/")
        elif os.sep in relative:
            text = paths.SEPARATOR + relative       # document-list.md: subfolder paths start with the separator
        else:
            text = relative
        names.append(text)
    array = Array4D("text", 0)
    array.items.extend(names)
    ref.set(array)


@command("DOCUMENT LIST", refs=(1,))
def document_list(path=UNDEFINED, documents: Ref = None, options=0) -> None:
    _listing(path, documents, options, False, "DOCUMENT LIST")


@command("FOLDER LIST", refs=(1,))
def folder_list(path=UNDEFINED, folders: Ref = None) -> None:
    _listing(path, folders, 0, True, "FOLDER LIST")


# --------------------------------------------------------------------------- paths

@command("Convert path system to POSIX")
def convert_path_system_to_posix(path=UNDEFINED, star=UNDEFINED) -> str:
    """With ``*``, special characters are URL-encoded."""
    text = paths.to_posix(path) if isinstance(path, str) else ""
    return urllib.parse.quote(text, safe="/:") if star is STAR else text


@command("Convert path POSIX to system")
def convert_path_posix_to_system(path=UNDEFINED, star=UNDEFINED) -> str:
    """With ``*``, URL-encoded characters are decoded."""
    text = path if isinstance(path, str) else ""
    if star is STAR:
        text = urllib.parse.unquote(text)
    return text.replace("/", "\\") if paths.WINDOWS else text


_4D_FOLDERS = {0: 0, 1: 1, 3: 3, 4: 4, 6: 6, 7: 7, 8: 8, 9: 9, 10: 10}   # Get 4D folder -> Folder constant


@command("Get 4D folder")
def get_4d_folder(folder=0, star=UNDEFINED) -> str:
    """get-4d-folder.md; ``Database folder Unix syntax`` (5) is the POSIX form."""
    kind = int(folder) if is_number(folder) else 0
    if kind == 5:
        return paths.to_posix(str(paths.package_root()), folder=True)
    if kind not in _4D_FOLDERS:
        return fail(Codes.INCOMPATIBLE_ARGUMENTS, f"Get 4D folder: unknown folder {folder}")
    _, native = paths.folder_constant_path(_4D_FOLDERS[kind])
    return paths.legacy_text(str(native), folder=True)


@command("System folder")
def system_folder(kind=0) -> str:
    """"" for a folder of another system (the "Win" types elsewhere), as system-folder.md says."""
    native = paths.system_folder(int(kind) if is_number(kind) else 0)
    return "" if native is None else paths.legacy_text(str(native), folder=True)


@command("Temporary folder")
def temporary_folder() -> str:
    return paths.legacy_text(str(paths.temporary_folder()), folder=True)


@command("Path to object")
def path_to_object(path=UNDEFINED, path_type=PATH_IS_SYSTEM) -> Obj:
    text = path if isinstance(path, str) else ""
    separators = ("/",) if path_type == PATH_IS_POSIX or not paths.WINDOWS else ("\\",)
    is_folder = text.endswith(separators)
    body = text[:-1] if is_folder else text
    cut = max(body.rfind(s) for s in separators)
    parent, last = (body[:cut + 1], body[cut + 1:]) if cut >= 0 else ("", body)
    name, extension = split_name(last)
    return Obj(parentFolder=parent, name=name, extension=extension, isFolder=is_folder)


@command("Object to path")
def object_to_path(description=UNDEFINED, path_type=PATH_IS_SYSTEM) -> str:
    if not isinstance(description, Obj):
        return fail(Codes.TYPE_MISMATCH, "Object to path expects an object")
    separator = "/" if path_type == PATH_IS_POSIX else paths.SEPARATOR
    parent = description.get("parentFolder", "")
    parent = parent if isinstance(parent, str) else ""
    if parent and not parent.endswith(separator):
        parent += separator
    full = f"{parent}{description.get('name', '') or ''}{description.get('extension', '') or ''}"
    return full + separator if description.get("isFolder") is True else full


# --------------------------------------------------------------------------- whole documents

@command("Document to text")
def document_to_text(path=UNDEFINED, charset=UNDEFINED, break_mode=charsets.NATIVE) -> str:
    native = _native(path, "Document to text")
    if native is None:
        return UNDEFINED
    return get_text(DiskFile(native), *((charset, break_mode) if charset is not UNDEFINED else ()))


@command("TEXT TO DOCUMENT")
def text_to_document(path=UNDEFINED, text=UNDEFINED, *args) -> None:
    native = _native(path, "TEXT TO DOCUMENT")
    if native is not None:
        set_text(DiskFile(native), text, *args)


@command("DOCUMENT TO BLOB", refs=(1,))
def document_to_blob(path=UNDEFINED, blob: Ref = None) -> None:
    set_ok(False)                       # stays 0 when the read fails (or raises inside Try)
    native = _native(path, "DOCUMENT TO BLOB")
    data = DiskFile(native).content() if native is not None else None
    if data is not None:
        blob.set(Blob4D(data) if isinstance(blob.get(), Blob4D) else bytearray(data))
        set_ok(True)


@command("BLOB TO DOCUMENT")
def blob_to_document(path=UNDEFINED, blob=UNDEFINED) -> None:
    native = _native(path, "BLOB TO DOCUMENT")
    data = blob_bytes(blob)
    if data is None and native is not None:
        fail(Codes.TYPE_MISMATCH, "BLOB TO DOCUMENT expects a Blob")
    if native is None or data is None:
        set_ok(False)
        return
    try:
        with open(native, "wb") as f:
            f.write(data)
    except OSError as exc:
        set_ok(False)
        file_error(exc, native, "BLOB TO DOCUMENT")
        return
    set_ok(True)


@command("Get document size")
def get_document_size(document=UNDEFINED, star=UNDEFINED) -> float:
    if isinstance(document, Time):
        handle = _handle(document, "Get document size")
        return UNDEFINED if handle is None else float(handle.size())
    native = _native(document, "Get document size")
    if native is None:
        return UNDEFINED
    if not os.path.isfile(native):
        return fail(Codes.FILE_NOT_FOUND, f"Get document size: no such document: {native}")
    return float(os.path.getsize(native))


# --------------------------------------------------------------------------- open documents

_documents: dict[int, FileHandle] = {}
_numbers = itertools.count(1)
_lock = threading.Lock()


def _handle(doc_ref, command_name: str) -> FileHandle | None:
    number = doc_ref.seconds if isinstance(doc_ref, Time) else None
    handle = _documents.get(number)
    if handle is None:
        fail(Codes.BAD_DOCUMENT_REFERENCE, f"{command_name}: invalid document reference {doc_ref!r}")
    return handle


def _open(path, mode: int, command_name: str, create: bool, append: bool, truncate: bool = False):
    native = _native(path, command_name) if path != "" else None
    if path == "":
        set_ok(False)
        return fail(Codes.UNSUPPORTED_COMMAND, f"{command_name}: there is no file dialog in fourd: pass a pathname")
    if native is None:
        set_ok(False)
        return Time(0)
    _set_document(native)
    if mode == GET_PATHNAME:
        set_ok(True)
        return Time(0)
    if not create and not os.path.isfile(native):
        set_ok(False)
        return fail(Codes.FILE_NOT_FOUND, f"{command_name}: no such document: {native}")
    # Packets are bytes: no line-break conversion.
    handle = open_handle(DiskFile(native), Obj(mode="read" if mode == READ_MODE else "write",
                                                breakModeRead=charsets.UNCHANGED, breakModeWrite=charsets.UNCHANGED))
    if not isinstance(handle, FileHandle):
        set_ok(False)
        return Time(0)
    if truncate:
        handle.stream.truncate(0)
    if append:
        handle.pos = handle.size()
    with _lock:
        number = next(_numbers)
        _documents[number] = handle
    set_ok(True)
    return Time(number)


@command("Open document")
def open_document(path=UNDEFINED, file_type=UNDEFINED, mode=READ_AND_WRITE):
    if is_number(file_type):            # Open document(path; mode)
        mode = file_type
    return _open(path, int(mode) if is_number(mode) else READ_AND_WRITE, "Open document", False, False)


@command("Create document")
def create_document(path=UNDEFINED, file_type=UNDEFINED):
    return _open(path, READ_AND_WRITE, "Create document", True, False, truncate=True)


@command("Append document")
def append_document(path=UNDEFINED, file_type=UNDEFINED):
    return _open(path, READ_AND_WRITE, "Append document", True, True)


@command("CLOSE DOCUMENT")
def close_document(doc_ref=UNDEFINED) -> None:
    handle = _handle(doc_ref, "CLOSE DOCUMENT")
    if handle is not None:
        with _lock:
            _documents.pop(doc_ref.seconds, None)
        handle.stream.close()


@command("SEND PACKET")
def send_packet(doc_ref=UNDEFINED, packet=UNDEFINED) -> None:
    if not isinstance(doc_ref, Time):
        fail(Codes.UNSUPPORTED_COMMAND, "SEND PACKET: serial ports and SET CHANNEL are not available in fourd")
        return
    handle = _handle(doc_ref, "SEND PACKET")
    if handle is None or not handle.writing("SEND PACKET"):
        return
    data = packet.encode("utf-8") if isinstance(packet, str) else blob_bytes(packet)
    if data is None:
        fail(Codes.TYPE_MISMATCH, "SEND PACKET expects a Text or a Blob")
        return
    handle.write(data)


@command("RECEIVE PACKET", refs=(1,))
def receive_packet(doc_ref=UNDEFINED, target: Ref = None, stop=UNDEFINED) -> None:
    """Reads until *stop* (a Text) or *stop* bytes (a number); OK is 0 when
    nothing was left to read (receive-packet.md)."""
    if not isinstance(doc_ref, Time) or not isinstance(target, Ref):
        fail(Codes.UNSUPPORTED_COMMAND, "RECEIVE PACKET: serial ports and SET CHANNEL are not available in fourd")
        return
    handle = _handle(doc_ref, "RECEIVE PACKET")
    if handle is None:
        return
    at_end = handle.pos >= handle.size()
    as_blob = isinstance(target.get(), (bytearray, Blob4D))
    if isinstance(stop, str) and not as_blob:
        before = handle.pos
        text = handle.read_text(stop) if stop else ""
        if text == "" and handle.pos == before:
            text = handle.read_text()           # not found: read to the end of the document
        target.set(text)
    elif isinstance(stop, str):
        data = _bytes_until(handle, stop.encode("utf-8"))
        target.set(Blob4D(data) if isinstance(target.get(), Blob4D) else bytearray(data))
    elif is_number(stop):
        data = handle.read_bytes(max(int(stop), 0))
        if as_blob:
            target.set(Blob4D(data) if isinstance(target.get(), Blob4D) else bytearray(data))
        else:
            target.set(data.decode("utf-8", "replace"))
    else:
        fail(Codes.TYPE_MISMATCH, "RECEIVE PACKET expects a stop string or a number of bytes")
        return
    set_ok(not at_end)


def _bytes_until(handle: FileHandle, needle: bytes) -> bytes:
    """Bytes from the offset to *needle* (excluded, consumed) or to the end."""
    chunks = []
    while True:
        buffer, start, complete = handle.window(CHUNK)
        found = buffer.find(needle, start) if needle else -1
        if found >= 0:
            chunks.append(buffer[start:found])
            handle.pos += found + len(needle) - start
            return b"".join(chunks)
        if complete:
            chunks.append(buffer[start:])
            handle.pos += len(buffer) - start
            return b"".join(chunks)
        keep = max(len(needle) - 1, 0)
        chunks.append(buffer[start:len(buffer) - keep])
        handle.pos += len(buffer) - keep - start


@command("Get document position")
def get_document_position(doc_ref=UNDEFINED) -> float:
    handle = _handle(doc_ref, "Get document position")
    return UNDEFINED if handle is None else float(handle.pos)


@command("SET DOCUMENT POSITION")
def set_document_position(doc_ref=UNDEFINED, offset=0, anchor=FROM_START) -> None:
    handle = _handle(doc_ref, "SET DOCUMENT POSITION")
    if handle is None or not is_number(offset):
        return
    base = {FROM_END: handle.size(), FROM_CURRENT: handle.pos}.get(int(anchor) if is_number(anchor) else 1, 0)
    handle.pos = int(min(max(base + offset, 0), handle.size()))
