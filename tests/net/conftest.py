"""Fixtures of the HTTP client tests: real aiohttp servers on loopback."""
import pytest
from http_peers import HTTPPeer


@pytest.fixture(scope="module")
def peer():
    """One server for a test module."""
    server = HTTPPeer().start()
    yield server
    server.stop()


@pytest.fixture()
def fresh_peer():
    """A server of the test's own: its connection counters start at zero."""
    server = HTTPPeer().start()
    yield server
    server.stop()
