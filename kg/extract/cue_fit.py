"""Whether a cue word before a name may give the name the cue's type.

"sur Instagram", "on Lemon8": a platform cue is a preposition, and a preposition comes
before anything. It types a short name the model could not place, but never a lone given
name ("Celine a misé sur Lisa", "betting on Jennie"): people are not platforms.
"""

from __future__ import annotations

from spacy.tokens import Span

from kg.extract import knowledge

PLATFORM_CUE = "platform_before"
MAX_PLATFORM_WORDS = 2


def cue_fits(kind: str, probe: Span) -> bool:
    """May the cue of ``kind`` right before ``probe`` type it?"""
    if kind != PLATFORM_CUE:
        return True
    if len(probe) > MAX_PLATFORM_WORDS:
        return False
    return not (len(probe) == 1 and knowledge.is_given_name(probe[0].text))
