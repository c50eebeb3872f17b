"""Where the running project's folders are: the project folder (the one
holding ``Project/`` and ``Resources/``) and the structure file's folder.

4D resolves a bare file name "next to the structure file" (the
``.4DProject`` file in ``Project/``) and reads localized strings from
``Resources/`` beside ``Project/``. The loaded project's ``root`` may be the
project folder itself or a folder inside it (``Project/Sources`` when the
project was found from a method file), so the project folder is looked for
upwards from there.
"""
from __future__ import annotations

from pathlib import Path

from fourd.runtime.process import global_state

__all__ = ["project_folder", "structure_folder"]


def project_folder() -> Path | None:
    """The folder holding ``Project/`` (or the loaded root when there is none)."""
    root = getattr(getattr(global_state, "project", None), "root", None)
    if root is None:
        return None
    root = Path(root)
    for folder in [root, *list(root.parents)[:3]]:
        if (folder / "Project").is_dir():
            return folder
    return root


def structure_folder() -> Path:
    """Where bare file names are resolved: ``Project/`` of the project, else
    the project's root, else the current directory."""
    folder = project_folder()
    if folder is None:
        return Path.cwd()
    return folder / "Project" if (folder / "Project").is_dir() else folder
