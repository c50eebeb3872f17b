"""``fourd repl``: an interactive 4D session whose process keeps serving its
event loop between entries (see ``terminal`` for the threads, ``session``
for how entries are compiled and keep their variables)."""
from .terminal import run_repl

__all__ = ["run_repl"]
