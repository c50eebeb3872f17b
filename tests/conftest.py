"""Puts tests/ on sys.path for every test area, so that shared helpers such as
``scratch_project`` import alike from packages and plain test folders."""
