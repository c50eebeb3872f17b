"""Localization tests run 4D code in a scratch project (the conformance fixture)."""
from conformance.conftest import fourd  # noqa: F401  (the fixture)
