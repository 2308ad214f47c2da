"""parley's exceptions. Every message names the input it is about (file, article id, key),
so that the CLI and the service can print it as one line without a traceback."""

from __future__ import annotations


class ParleyError(Exception):
    """Base class: anything the user can fix by changing their input or options."""


class InputError(ParleyError):
    """An input that cannot be read: empty, binary, undecodable, too large, malformed."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class DataFileError(ParleyError):
    """A data file (actors, cues, gazetteer...) that does not match its schema."""

    def __init__(self, path: str, key: str, problem: str) -> None:
        super().__init__(f"[{path} -> {key}] {problem}")


class ModelLoadError(ParleyError):
    """The configured spaCy pipeline cannot be loaded."""


class OptionError(ParleyError):
    """An option with a value parley cannot use (a bad --published date, say)."""


class StoreError(ParleyError):
    """A corpus store that cannot be opened or used: not a DuckDB file, not parley's, newer
    than this parley, locked by another process. Messages name the file."""
