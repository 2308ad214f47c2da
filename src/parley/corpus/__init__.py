"""The corpus: articles analysed into a store, and the questions that need more than a query.

- :mod:`~parley.corpus.ingest`: ``parley ingest``: read inputs, analyse what the store does
  not hold yet, store it in batches, report;
- :mod:`~parley.corpus.parallel`: where the analysis runs (here, worker processes, Dask);
- :mod:`~parley.corpus.progress`: the progress bar or ``key=value`` lines;
- :mod:`~parley.corpus.writer`: the stored-article id rule, and writing records with their story;
- :mod:`~parley.corpus.syndication`: MinHash signatures and the story index (one story id
  for the copies of a wire story);
- :mod:`~parley.corpus.positions`: positions over time (grid, shifts, conflicts), over the
  stance rows of a store or of records in memory.

Readers (:mod:`parley.ingest`) turn inputs into articles; the store (:mod:`parley.store`)
keeps and queries rows; this package joins them with the pipeline.
"""

from __future__ import annotations

from .writer import Planned, StoredIds, Writer, write_records

__all__ = ["Planned", "StoredIds", "Writer", "write_records"]
