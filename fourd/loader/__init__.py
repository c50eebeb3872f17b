"""The driver above the phases: finds a project's files, compiles them
(``fourd.compiler``) or loads them from the code cache, and hands the loaded
project to the runtime (``runtime.host``)."""
from .project import RECURSION_LIMIT, Project

__all__ = ["RECURSION_LIMIT", "Project"]
