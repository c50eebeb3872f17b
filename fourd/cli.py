"""The ``fourd`` command line: ``run``, ``check`` (and more as they land).

This module only wires the pieces together: parsing lives in
``fourd.syntax``, running in ``fourd.runtime``/``fourd.compiler``.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from fourd.runner import EXIT_ERROR


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fourd")
def main():
    """fourd: run, check and test 4D code."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text", show_default=True,
              help="text: path:line:col: severity: message [code]; github: workflow annotations; json.")
@click.option("--unsupported", is_flag=True, help="Also warn about 4D commands fourd does not implement yet.")
def check(paths, fmt, unsupported):
    """Check .4dm files as 4D's compiler would (folders are searched recursively).

    Syntax, unknown commands, methods, constants and classes (with a
    suggestion), argument counts, type mismatches, undeclared or unassigned
    locals, unreachable code, class cycles. No 4D code runs. Exit status 1
    if there is an error (warnings alone exit 0).
    """
    from fourd.check import check_paths
    from fourd.check.diagnostics import ERROR, render, summary

    diagnostics, files = check_paths([Path(p) for p in paths], unsupported=unsupported)
    if fmt == "text":
        if diagnostics:
            click.echo(render(diagnostics, fmt), err=True)
        click.echo(summary(diagnostics, files))
    elif diagnostics or fmt == "json":
        click.echo(render(diagnostics, fmt))
    sys.exit(EXIT_ERROR if any(d.severity == ERROR for d in diagnostics) else 0)


@main.command(context_settings={"ignore_unknown_options": True})
@click.argument("target", type=click.Path(exists=True))
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.option("--method", "-m", help="Project method to run (for a project folder).")
@click.option("--debug", is_flag=True, help="Show Python tracebacks of fourd's own errors.")
@click.option("--user-param", metavar="TEXT", help="What Get database parameter(User param value; $t) reads "
              "(tool4d's --user-param).")
def run(target, args, method, debug, user_param):
    """Run a .4dm file as a project method, or a 4D project.

    Each ARG reaches the method as a Text parameter. For a project folder
    (or .4DProject file), runs --method or else the onStartup database method.
    """
    from fourd.runner import run_target

    _set_user_param(user_param)
    sys.exit(run_target(Path(target), list(args), method=method, debug=debug))


@main.command()
@click.option("--listen", "port", type=click.IntRange(0, 65535),
              help="Serve one client on 127.0.0.1:PORT (0: a free port, printed) instead of stdio.")
def dap(port):
    """Debug Adapter Protocol server: debug 4D code from VS Code or any DAP client.

    Speaks DAP on stdin/stdout (as editors start adapters), or on a loopback
    port with --listen. The client's launch request names the program (a
    .4dm file or a project folder), and optionally method, args, cwd and
    stopOnEntry.
    """
    from fourd.dap.server import serve_socket, serve_stdio

    sys.exit(serve_socket(port) if port is not None else serve_stdio())


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
@click.option("--coverage", "coverage_table", is_flag=True, help="Print line and method coverage per 4D file.")
@click.option("--coverage-xml", type=click.Path(dir_okay=False, writable=True), help="Write coverage as Cobertura XML.")
@click.option("--coverage-lcov", type=click.Path(dir_okay=False, writable=True), help="Write coverage as lcov.")
@click.option("--user-param", metavar="TEXT", help="What Get database parameter(User param value; $t) reads.")
def test(paths, keyword, junit_xml, timeout, verbose, coverage_table, coverage_xml, coverage_lcov, user_param):
    """Run the 4D tests of a project (default: the current folder) or of .4dm files.

    Tests are project methods named test_* and the test_* functions of
    classes named Test* (see docs/TESTING.md). Exit status 1 if one failed.
    """
    from fourd.testing.runner import CoverageRequest, run_tests

    coverage = CoverageRequest(coverage_table, coverage_xml, coverage_lcov)
    _set_user_param(user_param)
    sys.exit(run_tests(paths or ["."], keyword=keyword, junit_xml=junit_xml, verbose=verbose, timeout=timeout,
                       coverage=coverage))


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


def _set_user_param(user_param: str | None) -> None:
    """Hand --user-param to the run (``FOURD_USER_PARAM``, inherited by the
    processes the run starts, as 4D keeps it for the whole session)."""
    if user_param is not None:
        os.environ["FOURD_USER_PARAM"] = user_param
