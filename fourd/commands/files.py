"""``File``, ``Folder`` (commands/file.md, commands/folder.md) and the ZIP
commands (zip-create-archive.md, zip-read-archive.md): registered here, the
work is done by the built-in classes in ``fourd.api.files`` and ``fourd.api.zip``."""
from __future__ import annotations

from fourd.api import files, zip as archives
from fourd.commands.registry import command

command("File")(files.file_command)
command("Folder")(files.folder_command)
command("ZIP Create archive")(archives.zip_create_archive)
command("ZIP Read archive")(archives.zip_read_archive)
