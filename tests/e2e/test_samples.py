"""The samples the README points to run through the real CLI and print what they promise."""
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def fourd_run(*args, timeout=60):
    return subprocess.run([sys.executable, "-m", "fourd", "run", *map(str, args)],
                          capture_output=True, text=True, timeout=timeout)


def test_hello_greets_and_evaluates_left_to_right():
    result = fourd_run(SAMPLES / "hello" / "hello.4dm", "World")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["Hello, World!", "3+4*5 = 35"]


def test_hello_without_argument():
    result = fourd_run(SAMPLES / "hello" / "hello.4dm")
    assert result.stdout.splitlines()[0] == "Hello, world!"


def test_shapes_project_runs_its_on_startup_method():
    result = fourd_run(SAMPLES / "shapes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "polygon of area 10",
        "I am a square of area 16",
        "Square is a Polygon: True",
        "Class of the square: Square, superclass: Polygon",
    ]


def test_collections_sample():
    result = fourd_run(SAMPLES / "collections" / "collections.4dm")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Born after 1900: Grace, Niklaus",
        "Youngest: Niklaus",
        "Languages in all: 6",
        '{"names":"ADA GRACE NIKLAUS ","count":3}',
    ]


def test_errors_sample_ends_with_an_uncaught_error_and_exit_status_1():
    result = fourd_run(SAMPLES / "errors" / "errors.4dm")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "1\\0 gives -20011: Division by zero",
        "Caught: Something went wrong with the widget",
    ]
    assert "errors.4dm:16" in result.stderr and "-10518" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir() if p.is_dir()))
def test_every_sample_passes_fourd_check(sample):
    result = subprocess.run([sys.executable, "-m", "fourd", "check", str(SAMPLES / sample)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
