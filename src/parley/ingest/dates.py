"""Publication dates as the readers meet them: ISO dates, ISO timestamps, or None."""

from __future__ import annotations

import datetime as dt

from ..errors import OptionError


def parse_published(value: object, source: str) -> dt.date | None:
    """``"2025-12-25"``, ``"2025-12-25T10:00:00Z"`` or a date -> a date; empty -> None.

    Anything else is refused with a message naming ``source``: a wrong anchor would
    silently shift every relative date in the article.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text[:10])
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
    raise OptionError(f"{source}: published date {value!r} is not an ISO date such as 2025-12-25")
