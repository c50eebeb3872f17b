"""Reliability tests: the ``slow`` marker (full-size runs, only with
``FOURD_SLOW_TESTS=1``) and the ``project`` fixture (a scratch 4D project
run with ``fourd run`` in a subprocess, see ``fourd_process``)."""
import os

import pytest

from fourd_process import FourDProject

SLOW_TESTS = os.environ.get("FOURD_SLOW_TESTS") == "1"


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: full-size reliability runs (set FOURD_SLOW_TESTS=1 to run them)")


def pytest_collection_modifyitems(config, items):
    if SLOW_TESTS:
        return
    skip = pytest.mark.skip(reason="full-size run: set FOURD_SLOW_TESTS=1")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def project(tmp_path):
    return FourDProject(tmp_path)
