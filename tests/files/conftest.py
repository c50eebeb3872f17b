"""The ``fourd`` fixture of the conformance area: a scratch 4D project in a
temporary folder, whose package folder (``/PACKAGE``) is ``tmp_path/pkg``."""
import pytest
from conformance.conftest import FourDProject


@pytest.fixture
def fourd(tmp_path) -> FourDProject:
    return FourDProject(tmp_path / "pkg")


@pytest.fixture
def package(fourd):
    """The package folder on disk (created by the first run)."""
    return fourd.root
