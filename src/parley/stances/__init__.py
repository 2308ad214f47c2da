"""The stance stage: where each actor stands on an issue, with its evidence
(``shared/eval/FORMAT.md`` ``stances``).

A stance is read from a cue word of ``data/stances.yaml`` ("renounce", "rule out", "interest
in", "willingness", "not being discussed", "off the table") in the clause that states it:

* ``position`` on a five-step scale (supports / open / conditional / opposes /
  rejects-discussion, see the README) and a finer free ``label`` ("rejects concession",
  "supports joint management"); negation is read off the parse and turns the cue's reading
  into its negated one ("did not rule out" = open; "will not renounce ... under any
  circumstances" = opposes, "rejects concession"); a hedge (could, may) softens support to
  open; a condition (if, provided that) makes it conditional;
* ``holder``: the clause's subject, or the possessor of a cue noun ("his willingness"), as the
  acting state or organisation PLOVER would code (:mod:`parley.actors.affiliation`; the person stays
  in ``holder_person``); a cue with no actor for subject ("the issue remains closed", "is not
  being discussed", "we ...") inside a statement is the statement's speaker's position;
* ``issue``: the issues the evidence names or points back to (:mod:`parley.base.issue_index`), those
  in what the cue is about first; a position on no known issue is not recorded;
* ``evidence``: the clause from its subject to the end of what the cue is about, without
  fronted adverbials, attributions ("According to Putin,") or trailing circumstances
  ("during a televised call-in show");
* ``date`` (extra): the statement's ``said_on``, else a date attached to the clause's verb,
  else the publication date; ``source`` (extra): who relays it (the statement's source, else
  the publisher), for telling reports apart across a corpus.

Limits: one clause at a time; sarcasm, irony and positions implied by actions are not read.
"""

from __future__ import annotations

from .clause import clause_verb, evidence_chars
from .finder import FLIP, StanceContext, find_stances, stances_for
from .lexicon import CueHit, StanceLexicon, find_cues, get_stance_lexicon, scale

__all__ = [
    "FLIP",
    "CueHit",
    "StanceContext",
    "StanceLexicon",
    "clause_verb",
    "evidence_chars",
    "find_cues",
    "find_stances",
    "get_stance_lexicon",
    "scale",
    "stances_for",
]
