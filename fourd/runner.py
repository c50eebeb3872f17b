"""Running 4D code from the command line: find the project, compile the
entry method, run it as the main process, report errors as 4D errors.
"""
from __future__ import annotations

import sys
from pathlib import Path

from fourd.runtime.errors import FourDError
from fourd.syntax.errors import FourDSyntaxError

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


def report(error: FourDError, debug: bool = False) -> None:
    """Print an uncaught 4D error on stderr (with the Python side if asked)."""
    print(error.describe(), file=sys.stderr)
    if debug and getattr(error, "python_traceback", None):
        print(error.python_traceback, file=sys.stderr)


def find_entry(target: Path, method: str | None):
    """(project, entry function, its name) for a .4dm file (run as a method
    of its project), a project folder or a .4DProject file (its onStartup
    database method), or the project method *method*."""
    from fourd.loader import Project

    if target.is_file() and target.suffix.lower() == ".4dproject":
        target = target.parent
    project = Project.for_path(target).activate()
    if method:
        return project, project.method(method), method
    if target.is_file():
        return project, project.compile_method_file(target), target.stem
    return project, project.database_method("onStartup"), "onStartup"


def run_target(target: Path, args: list[str], *, method: str | None = None, debug: bool = False) -> int:
    from fourd.runtime.locations import with_location

    try:
        project, entry, name = find_entry(target, method)
    except FourDSyntaxError as err:
        print(err.format(), file=sys.stderr)
        return EXIT_ERROR
    except FourDError as err:
        report(err, debug)
        return EXIT_ERROR
    if entry is None:
        print(f"fourd: no method '{name}' in {target}", file=sys.stderr)
        return EXIT_USAGE

    failed = False

    def main_method():
        nonlocal failed
        try:
            entry(None, *args)
        except FourDSyntaxError as err:    # a method or class compiled on first use
            print(err.format(), file=sys.stderr)
            failed = True
        except Exception as exc:           # our own bugs too, reported as 4D errors
            report(with_location(exc), debug)
            failed = True

    from fourd.runtime.scheduler import run_main
    status = run_main(main_method)
    return status or (EXIT_ERROR if failed else EXIT_OK)
