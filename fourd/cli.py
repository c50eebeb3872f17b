"""The ``fourd`` command line: ``run``, ``check`` (and more as they land).

This module only wires the pieces together: parsing lives in
``fourd.syntax``, running in ``fourd.runtime``/``fourd.compiler``.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from fourd.runner import EXIT_ERROR
from fourd.syntax.errors import FourDSyntaxError


def _source_files(paths):
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() == ".4dm" and p.is_file())
        else:
            yield path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fourd")
def main():
    """fourd: run, check and test 4D code."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
def check(paths):
    """Check the syntax of .4dm files (folders are searched recursively)."""
    from fourd.syntax.parser import parse

    files = failed = 0
    for path in _source_files(paths):
        files += 1
        try:
            data = path.read_bytes()
            parse(data.decode("utf-8", errors="replace"), str(path))
        except FourDSyntaxError as err:
            failed += 1
            click.echo(err.format(), err=True)
        except OSError as err:
            failed += 1
            click.echo(f"{path}: error: {err.strerror}", err=True)
    status = "ok" if not failed else f"{failed} with errors"
    click.echo(f"{files} file{'s' if files != 1 else ''} checked, {status}")
    sys.exit(EXIT_ERROR if failed else 0)


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("target", type=click.Path(exists=True))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.option("--method", "-m", help="Project method to run (for a project folder).")
@click.option("--debug", is_flag=True, help="Show Python tracebacks of fourd's own errors.")
def run(target, args, method, debug):
    """Run a .4dm file as a project method, or a 4D project.

    Each ARG reaches the method as a Text parameter. For a project folder
    (or .4DProject file), runs --method or else the onStartup database method.
    """
    from fourd.runner import run_target

    sys.exit(run_target(Path(target), list(args), method=method, debug=debug))


@main.command()
@click.argument("project", required=False, type=click.Path(exists=True, path_type=Path))
def repl(project):
    """Type 4D code and see what it does, with PROJECT's classes and methods.

    The session's process keeps serving its listeners and connections while
    the prompt waits. With piped input, runs it as a script (exit status 1
    if an entry failed). Type .help at the prompt for more.
    """
    from fourd.repl import run_repl

    sys.exit(run_repl(project))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option("-k", "keyword", metavar="TEXT", help="Run only the tests whose name contains TEXT (any case).")
@click.option("--junit-xml", type=click.Path(dir_okay=False, writable=True), help="Also write a JUnit XML report.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), help="Stop a test after this many seconds.")
@click.option("-v", "--verbose", is_flag=True, help="One line per test.")
def test(paths, keyword, junit_xml, timeout, verbose):
    """Run the 4D tests of a project (default: the current folder) or of .4dm files.

    Tests are project methods named test_* and the test_* functions of
    classes named Test* (see docs/TESTING.md). Exit status 1 if one failed.
    """
    from fourd.testing.runner import run_tests

    sys.exit(run_tests(paths or ["."], keyword=keyword, junit_xml=junit_xml, verbose=verbose, timeout=timeout))


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--run", is_flag=True, help="Also run the self-contained blocks and check their ```output.")
@click.option("--exclusions", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="List of blocks that are not 4D code (default: fourd's list for 4D's documentation).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=5.0, show_default=True,
              help="Stop a block after this many seconds (--run).")
@click.option("-v", "--verbose", is_flag=True, help="One line per block.")
def doctest(paths, run, exclusions, timeout, verbose):
    """Check the ```4d code blocks of Markdown files (folders are searched recursively).

    Each block must parse; with --run, runnable blocks must also run without
    error (see docs/TESTING.md). Exit status 1 if one failed.
    """
    from fourd.testing.doctest import DEFAULT_EXCLUSIONS, run_doctest

    sys.exit(run_doctest(paths, run=run, exclusions_file=exclusions or DEFAULT_EXCLUSIONS,
                         verbose=verbose, timeout=timeout))
