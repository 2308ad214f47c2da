"""What analysts take into their own tools: the actor network (GEXF for Gephi, GraphML), claims
for fact-checkers (schema.org ClaimReview JSON-LD) and Label Studio tasks for a correction loop.

Each format reads the store only through :mod:`parley.exports.reading`; none imports a stage.
The table exports (Parquet, CSV, JSONL) live with the store's queries.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from ..errors import OptionError
from ..store import Store
from .reading import Selection as Selection
from .reading import check_not_empty

NETWORK_FORMATS = ("gexf", "graphml")
FORMATS = (*NETWORK_FORMATS, "claimreview", "label-studio")


def export(store: Store, to: str, out: str | Path, selection: Selection, *, countries: Mapping[str, str] | None = None) -> list[Path]:
    """Write the selection of ``store`` to the folder ``out`` in the format ``to``; returns
    the files written."""
    if to not in FORMATS:
        raise OptionError(f"--to {to}: expected one of {', '.join(FORMATS)}")
    check_not_empty(store)
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OptionError(f"{folder}: cannot create the export folder ({exc.strerror})") from None
    if to in NETWORK_FORMATS:
        from .network import build_network, write_network

        return [write_network(build_network(store, selection, countries), to, folder)]
    if to == "claimreview":
        from .claimreview import claim_reviews, write_claim_reviews

        return [write_claim_reviews(claim_reviews(store, selection), folder)]
    from .labelstudio import write_tasks
    from .reading import article_records

    return write_tasks(article_records(store, selection), folder)
