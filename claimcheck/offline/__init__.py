"""Claims without a model: deterministic, pure-Python extraction and grouping.

``extract_offline(article)`` returns an ``ArticleResult`` like the model
extractor's (claims with exact evidence offsets, and the propositions they
name); ``group_offline(claims, propositions, articles)`` puts claims about one
proposition, however phrased, under one canonical proposition, like
``group.group_with_model``. Neither reads weights or the network.

What happens to an article, one module a step:

* ``text``: paragraphs, sentences and quotations, as offsets;
* ``names``: the people and organisations the article names in full;
* ``attribution`` (with ``sentence``, ``subjects``, ``forms``, ``clauses``):
  who says what in each sentence;
* ``voices``: pronouns, surnames, titles and common nouns resolved to names;
* ``cues``: position and modality from a lexicon with negation scope;
* ``facts``: figures, dates and places, and the events they belong to;
* ``claims`` and ``outlet``: the claims themselves, the speakers' and the
  outlet's; ``extract`` runs the steps in order;
* ``grouping``: propositions across articles.

Word lists live in ``lexicon``.
"""

from __future__ import annotations

from .extract import extract_offline
from .grouping import group_offline

__all__ = ["extract_offline", "group_offline"]
