"""The ``fourd`` fixture of the conformance tests: a scratch 4D project."""
import pytest

from conformance.conftest import FourDProject


@pytest.fixture
def fourd(tmp_path) -> FourDProject:
    return FourDProject(tmp_path)
