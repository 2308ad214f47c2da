"""parley: who said what, about what, when and where, and who says so.

>>> import parley
>>> record = parley.extract("Putin said on Tuesday that ...", published="2025-12-25")
"""

from __future__ import annotations

__version__ = "0.1.0"

from .api import extract, extract_many
from .errors import ParleyError
from .model import Article, ArticleRecord

__all__ = ["Article", "ArticleRecord", "ParleyError", "__version__", "extract", "extract_many"]
