"""What the runtime needs from the layer above it, handed over when a run starts.

The runtime is the floor of fourd: it imports nothing from the compiler,
the commands, the built-in classes or the project loader. The few things it
needs from them are one object, the *host* (the loaded project,
``fourd.loader.Project``), installed by :func:`install` before 4D code runs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from . import builtins
from .process import global_state


class Host(Protocol):
    """The loaded project, as the runtime sees it."""

    #: The project's folder: 4D filesystems such as ``/PACKAGE`` resolve from it.
    root: Path | None

    def call_method(self, name: str, *args):
        """Call the project method *name* (a 4D error if there is none)."""

    def compile_formula(self, source: str):
        """``Formula from string``: *source* compiled as a formula."""

    def find_builtin_class(self, name: str) -> None:
        """Import the module that registers the built-in class ``4D.<name>``."""


def install(host: Host) -> None:
    """Make *host* the project the runtime calls (``global_state.project``)."""
    global_state.project = host
    global_state.call_method = host.call_method
    builtins.set_finder(host.find_builtin_class)


def current_host() -> Host | None:
    """The installed host, or None before a project is loaded."""
    return global_state.project
