"""Testing 4D code with fourd: ``fourd test`` (``runner``), ``fourd doctest``
(``doctest``) and the pytest plugin (``pytest_plugin``). docs/TESTING.md
describes the conventions.
"""
