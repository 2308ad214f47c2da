"""The shared base of the stages: loading spaCy (:mod:`.nlp`), reading the parse
(:mod:`.spans`, :mod:`.parse`, :mod:`.paragraphs`, :mod:`.modality`, :mod:`.dating`), the
facts of one document every stage may read (:mod:`.context`) and the resources loaded once
per process (:mod:`.registry`).

A stage imports this package, :mod:`parley.actors`, the model, the data loaders and the
settings, never another stage (``pyproject.toml``'s import-linter contracts keep it so).
"""
