"""The expertise index at query time: analyse the question, read the precomputed person ×
term weights of its terms, combine them per concept, and apply the rules that protect people
(left, opted out, hidden topics, away, visibility of external partners, load spread).

Pure: the index's rows come through :class:`knowledge.index_rows.IndexRows`, which the
storage side implements (:mod:`bot.expertise.store`); :class:`bot.expertise.finder.ExpertIndex`
puts the two together as the bot's :class:`bot.core.ports.ExpertFinder`.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from knowledge import coherence, meaning
from knowledge import evidence as ev
from knowledge.analysis import Analyzer
from knowledge.expansion import feedback_candidates, feedback_concept, learned_concept, sources
from knowledge.index_rows import IndexRows, PersonRow, Posting, SettingsRow
from knowledge.language import LANGUAGES, Language
from knowledge.lexicon import Lexicon
from knowledge.meaning import Meaning, QuestionIndex
from knowledge.query import AnalyzedQuery, Concept, QueryAnalyzer
from knowledge.state_keys import AS_OF_KEY, THREADS_KEY
from knowledge.text import is_topic_word, stem
from knowledge.thesaurus import Thesaurus
from knowledge.why import Reason, explain

POSTINGS_PER_TERM = 200
# A query term at least this close to what the asker wrote: their word, a typo corrected, a
# synonym. Weaker ones are compound parts and expansions of those.
STRONG_TERM = 0.8
SATURATION = 1.0
OTHER_TERMS_SHARE = 0.3
# Below this share of the best possible score nobody really fits.
MIN_COVERAGE = 0.02
NEAR_TIE = 0.05
LOAD_WINDOW = timedelta(days=7)
LOAD_PENALTY = 0.1
AWAY_FACTOR = 0.6
# How often (seconds) to look whether the index was rebuilt and the vocabulary changed.
VOCABULARY_CHECK = 5.0
FOCUS_FLOOR = 0.05
SIMILAR_MAX_DF = 0.05
SIMILAR_POSTINGS = 1000
SIMILAR_THREADS = 30
SIMILAR_WEIGHT = 1.0
SIMILAR_ANSWERED = 0.5
# Evidence weight without a counted answer below which nobody is named (one full answer = 1,
# a word in one's own reply = 0.7 of it, a recommendation 0.6).
MIN_EVIDENCE = 0.5
# The prior (see prior()): one answer in all counts ≈ 0.7 of what a regular answerer's does.
PRIOR_HALF = 1.0
PRIOR_POWER = 0.5
# Asked in a group's channel: people whose best evidence lies in that group count this much
# more (1.0, 1.3, 1.6 and 2.0 measured on the later questions' tune half: 1.0–1.15 alike).
GROUP_CONTEXT = 1.15
# Pseudo-relevance feedback (knowledge.expansion): the best few candidates' strongest terms.
FEEDBACK_PEOPLE = 3
FEEDBACK_PROFILE = 100
FEEDBACK_RERANKED = 50
# Feedback and the prior reorder the best this many candidates; the rest cannot reach the top.
RERANKED = 200


@dataclass
class Candidate:
    person_id: int
    name: str
    email: str | None
    organisation: str | None
    score: float
    why: str
    available: bool = True
    away_until: datetime | None = None
    reasons: list[Reason] = field(default_factory=list)


@dataclass
class Ranking:
    query: AnalyzedQuery
    candidates: list[Candidate]
    best_group: str | None
    coverage: float

    @property
    def nobody_fits(self) -> bool:
        return not self.candidates


@dataclass
class _Vocabulary:
    version: str
    threads: int
    analyzer: QueryAnalyzer
    externals: set[str]
    checked: float = 0.0
    questions: QuestionIndex | None = None


@dataclass
class _Scored:
    score: float = 0.0
    best: tuple[float, str, Posting | None, str] = (0.0, "", None, "")
    similar: int = 0
    similar_group: str | None = None


class ExpertRanker:
    """Who knows about a text, from the precomputed index."""

    def __init__(
        self,
        thesaurus: Thesaurus,
        half_life_days: float = 60.0,
        language: Language = "nl",
        lexicon: Lexicon | None = None,
        meaning: Meaning | None = None,
    ) -> None:
        """``language``: the deployment's, for a question too short to tell ("seed");
        ``lexicon``: the word lists of the languages asked in (no typo is a word);
        ``meaning``: past questions close in meaning count too (:mod:`knowledge.meaning`)."""
        self.thesaurus = thesaurus
        self.lexicon = lexicon
        self.meaning = meaning
        self.language: Language = language
        self.half_life_days = half_life_days
        self._labels: dict[str, str] | None = None
        self._label_buckets: set[str] = set()
        self._label_df: dict[str, tuple[int, str]] = {}
        self._vocabulary: _Vocabulary | None = None
        self._skill_terms: dict[str, frozenset[str]] = {}

    async def _vocab(self, rows: IndexRows) -> _Vocabulary:
        current = self._vocabulary
        if current is not None and time.monotonic() - current.checked < VOCABULARY_CHECK:
            return current
        version = await rows.state_value(AS_OF_KEY) or ""
        if self._vocabulary is not None and self._vocabulary.version == version:
            self._vocabulary.checked = time.monotonic()
            return self._vocabulary
        self._labels = None
        surfaces = await rows.surfaces()
        threads = await rows.state_value(THREADS_KEY)
        self._vocabulary = _Vocabulary(
            version,
            int(threads) if threads else 0,
            QueryAnalyzer(self.thesaurus, surfaces, self.language, self.lexicon),
            await rows.external_organisations(),
            time.monotonic(),
            self.meaning.questions(await rows.question_vectors())
            if self.meaning is not None
            else None,
        )
        return self._vocabulary

    def invalidate(self) -> None:
        self._vocabulary = None
        self._labels = None

    async def text_analyzer(self, rows: IndexRows) -> Analyzer:
        """How the index reads a text into terms (for the evidence added as chat arrives)."""
        return (await self._vocab(rows)).analyzer.analyzer

    async def label(self, rows: IndexRows, term: str) -> str:
        """A readable word for a stem: the most frequent word in the history with that stem.
        Only the words that begin like the stem are stemmed (stems keep a word's start), a
        few letters' worth at a time, so a large vocabulary costs nothing up front."""
        vocab = await self._vocab(rows)
        if self._labels is None:
            self._labels = {}
            self._label_df = {}
            self._label_buckets = set()
        bucket = term[:2]
        if bucket not in self._label_buckets:
            self._label_buckets.add(bucket)
            best = self._label_df
            for word in vocab.analyzer.words_starting(bucket):
                df = vocab.analyzer.vocabulary[word]
                # a term is a Dutch, English or German stem, as the message's language was
                for key in {stem(word, lang) for lang in LANGUAGES}:
                    if df > best.get(key, (0, ""))[0]:
                        best[key] = (df, word)
                        self._labels[key] = word
        return self._labels.get(term, term)

    async def readable_label(self, rows: IndexRows, term: str) -> str | None:
        """:meth:`label`, or None when there is no readable word for the term: a stem no
        word in the history has, a stop word, a number or a scrap of two letters."""
        label = await self.label(rows, term)
        vocab = await self._vocab(rows)
        if label not in vocab.analyzer.vocabulary or not is_topic_word(label):
            return None
        return label

    async def did_you_mean(self, rows: IndexRows, text: str) -> str | None:
        """A spelling of the question with words the history or the thesaurus knows."""
        vocab = await self._vocab(rows)
        return vocab.analyzer.spelling(text, self.thesaurus.words())

    async def analyze(self, rows: IndexRows, text: str) -> AnalyzedQuery:
        return (await self._vocab(rows)).analyzer.analyze(text)

    async def rank(
        self,
        rows: IndexRows,
        text: str,
        *,
        asker_id: int | None = None,
        exclude: Collection[int] = (),
        limit: int = 3,
        lang: str = "nl",
        group_id: str | None = None,
        record: bool = False,
        now: datetime,
        asked: str | None = None,
    ) -> Ranking:
        """``asked``: the whole question, when ``text`` is the topic taken out of it: meaning
        compares it with whole past questions."""
        vocab = await self._vocab(rows)
        query = vocab.analyzer.analyze(text)
        related = await self._related(rows, query)
        terms = sorted(query.all_terms | {t for row in related.values() for t, _p in row})
        df, focus = await self._df(rows, terms)
        learned = learned_concept(query.concepts, related, focus)
        if learned is not None:
            query.concepts.append(learned)
        total_threads = max(1, vocab.threads)
        terms = sorted(query.all_terms)
        # idf, sharpened by how focused the term is on one group's topics
        idf = {t: term_idf(df[t], focus[t], total_threads) for t in terms if df.get(t)}
        postings = await self._postings(rows, query, idf)
        declared = await self._declared(rows, query)
        for skills in declared.values():
            for term, _topic in skills:
                # a declared topic the history never mentions counts at once, as a rare word
                idf.setdefault(term, math.log(1.0 + total_threads))
        best_possible = 0.0
        scored: dict[int, _Scored] = {}
        group_scores: dict[str, float] = {}
        for concept in query.concepts:
            if concept.learned:
                self._score_concept(concept, idf, postings, declared, scored, group_scores)
                continue
            strong = [idf[t] for t, w in concept.terms.items() if w >= STRONG_TERM and t in idf]
            best_possible += concept.weight * min(
                strong or [idf[t] for t in concept.terms if t in idf] or [0.0]
            )
            self._score_concept(concept, idf, postings, declared, scored, group_scores)
        if group_id is not None:
            for state in scored.values():
                if state.best[2] is not None and state.best[2].group_id == group_id:
                    state.score *= GROUP_CONTEXT
        await self._similar_threads(rows, query, idf, df, total_threads, scored)
        await self._feedback(rows, query, idf, total_threads, scored, asker_id)
        await self._apply_prior(rows, scored, declared)
        excluded = set(exclude)
        if asker_id is not None:
            excluded.add(asker_id)
        if vocab.questions is not None and best_possible > 0:
            await self._by_meaning(
                rows, asked or text, vocab.questions, scored, excluded, best_possible
            )
        kept = {pid: st for pid, st in scored.items() if pid not in excluded and st.score > 0}
        factors = coherence.factors(
            {pid: st.score for pid, st in kept.items()},
            {pid: _group_of(st) for pid, st in kept.items()},
        )
        for pid, factor in factors.items():
            scored[pid].score *= factor
        # the weights are positive: whoever was kept still has a score
        ordered = sorted(((s.score, pid) for pid, s in kept.items()), reverse=True)
        coverage = ordered[0][0] / best_possible if ordered and best_possible else 0.0
        best_group = max(group_scores, key=lambda g: group_scores[g]) if group_scores else None
        if coverage < MIN_COVERAGE:
            return Ranking(query, [], best_group, coverage)
        candidates = await self._admit(
            rows,
            ordered,
            scored,
            query,
            asker_id,
            limit,
            now,
            lang,
            record,
            best_possible,
            declared,
        )
        return Ranking(query, candidates, best_group, coverage)

    async def _postings(
        self, rows: IndexRows, query: AnalyzedQuery, idf: dict[str, float]
    ) -> dict[str, list[Posting]]:
        """The strongest people per term, all terms in one round trip."""
        wanted: dict[str, int] = {}
        for concept in query.concepts:
            for term, weight in concept.terms.items():
                if term in idf:
                    depth = POSTINGS_PER_TERM if weight >= STRONG_TERM else POSTINGS_PER_TERM // 2
                    wanted[term] = max(wanted.get(term, 0), depth)
        postings: dict[str, list[Posting]] = {term: [] for term in wanted}
        if not wanted:
            return postings
        for term, posting in await rows.postings(sorted(wanted.items())):
            postings[term].append(posting)
        return postings

    async def _similar_threads(
        self,
        rows: IndexRows,
        query: AnalyzedQuery,
        idf: dict[str, float],
        df: dict[str, int],
        total_threads: int,
        scored: dict[int, _Scored],
    ) -> None:
        """Query expansion through the history: find past questions that share several of
        the asker's concepts, and credit whoever answered those."""
        if len(query.concepts) < 2:
            return
        limit_df = max(20, int(total_threads * SIMILAR_MAX_DF))
        per_thread: dict[int, dict[int, float]] = {}
        values: dict[str, list[tuple[int, float]]] = {}
        for index, concept in enumerate(query.concepts):
            for term, qweight in concept.terms.items():
                if qweight < STRONG_TERM or term not in idf or df.get(term, 0) > limit_df:
                    continue
                values.setdefault(term, []).append((index, concept.weight * qweight * idf[term]))
        if len({index for hits in values.values() for index, _ in hits}) < 2:
            return
        for term, thread_id in await rows.thread_terms(sorted(values), SIMILAR_POSTINGS):
            found = per_thread.setdefault(thread_id, {})
            for index, value in values[term]:
                if value > found.get(index, 0.0):
                    found[index] = value
        ranked = sorted(
            ((sum(v.values()), tid) for tid, v in per_thread.items() if len(v) >= 2),
            reverse=True,
        )[:SIMILAR_THREADS]
        if not ranked:
            return
        best = ranked[0][0]
        chosen = {tid: score / best for score, tid in ranked if score >= best * 0.5}
        credit: dict[int, float] = {}
        groups: dict[int, str | None] = {}
        pieces = await rows.thread_evidence(list(chosen))
        count = _answered(pieces)
        for thread_id, person_id, weight, group in pieces:
            credit[person_id] = credit.get(person_id, 0.0) + chosen[thread_id] * weight
            groups[person_id] = group
        for person_id, value in credit.items():
            state = scored.setdefault(person_id, _Scored())
            state.score += SIMILAR_WEIGHT * best * saturate(value)
            state.similar = count[person_id]
            if state.best[2] is None and not state.best[1]:
                state.best = (0.0, "", None, "")
                state.similar_group = groups[person_id]

    async def _by_meaning(
        self,
        rows: IndexRows,
        text: str,
        questions: QuestionIndex,
        scored: dict[int, _Scored],
        excluded: set[int],
        best_possible: float,
    ) -> None:
        """Blends in what the question means (:mod:`knowledge.meaning`): everyone is weighed
        by how near their group lies to it, and whoever answered the nearest past questions
        gains up to half the best word score. Only beside words that found somebody."""
        top = max((s.score for pid, s in scored.items() if pid not in excluded), default=0.0)
        if top <= 0:
            return
        strength = meaning.strength(top / best_possible)
        judgement = questions.judge(text, strength)
        if judgement is None:
            return
        factors = judgement.group_factors
        for state in scored.values():
            group = _group_of(state)
            if group in factors:
                state.score *= factors[group]
        nearest = judgement.nearest
        pieces = await rows.thread_evidence(list(nearest)) if nearest else []
        credit = {
            pid: value
            for pid, value in meaning.credit(nearest, pieces).items()
            if pid not in excluded and value > 0
        }
        if not credit:
            return
        most = max(credit.values())
        answered = _answered(pieces)
        for _thread_id, person_id, _weight, group in pieces:
            if person_id not in credit or person_id in scored:
                continue
            # named only on a question of those they answered
            state = scored[person_id] = _Scored(similar=answered[person_id], similar_group=group)
        for person_id, value in credit.items():
            scored[person_id].score += strength * meaning.QUESTIONS_WEIGHT * top * value / most

    async def _feedback(
        self,
        rows: IndexRows,
        query: AnalyzedQuery,
        idf: dict[str, float],
        total_threads: int,
        scored: dict[int, _Scored],
        asker_id: int | None,
    ) -> None:
        """Pseudo-relevance feedback over the evidence: the words that the best few
        candidates' evidence has in common (and the question lacks) are what the question is
        probably about; whoever the question found gains by their evidence on those words."""
        if FEEDBACK_PEOPLE <= 0:
            return
        top = [
            pid
            for _score, pid in sorted(
                ((st.score, pid) for pid, st in scored.items() if pid != asker_id), reverse=True
            )[:FEEDBACK_PEOPLE]
        ]
        if len(top) < 2:
            return
        # each one's strongest terms, in one round trip
        strongest = await rows.strongest_terms(top, FEEDBACK_PROFILE)
        profiles: dict[int, dict[str, float]] = {}
        for pid, term, weight in strongest:
            profiles.setdefault(pid, {})[term] = weight
        candidates = feedback_candidates([profiles.get(pid, {}) for pid in top], query.all_terms)
        if not candidates:
            return
        df, focus = await self._df(rows, [t for _v, t in candidates])
        for _value, t in candidates:
            if df.get(t):
                idf[t] = term_idf(df[t], focus[t], total_threads)
        concept = feedback_concept(candidates, idf)
        if concept is None:
            return
        # It reorders the people the question itself found (the best of them), and names
        # nobody new: a word the asker never used is no reason to suggest someone.
        found = [
            pid
            for _score, pid in sorted(
                ((st.score, pid) for pid, st in scored.items() if st.score > 0), reverse=True
            )[:FEEDBACK_RERANKED]
        ]
        evidence = await rows.weights(list(concept.terms), found)
        gained: dict[int, list[float]] = {}
        for term, pid, weight in evidence:
            gained.setdefault(pid, []).append(concept.terms[term] * idf[term] * saturate(weight))
        for pid, values in gained.items():
            values.sort(reverse=True)
            scored[pid].score += values[0] + OTHER_TERMS_SHARE * sum(values[1:3])

    async def _apply_prior(
        self,
        rows: IndexRows,
        scored: dict[int, _Scored],
        declared: dict[int, list[tuple[str, str]]],
    ) -> None:
        """Everyone's score on the question weighed by their prior (see :func:`prior`). Only
        the best RERANKED candidates are looked up; the rest, who cannot reach the top, are
        weighed as the least believed of those."""
        if not scored or PRIOR_POWER <= 0:
            return
        best = {
            pid
            for _score, pid in sorted(
                ((st.score, pid) for pid, st in scored.items()), reverse=True
            )[:RERANKED]
        }
        overall = await rows.overall_weights(list(best))
        factors = {
            pid: prior(
                # evidence someone has but the table lacks (added before it existed) counts
                # as their evidence here; a declared skill is evidence too, if a small one
                max(overall.get(pid, 0.0), _best_weight(scored[pid]))
                + ev.DECLARED * len(declared.get(pid, ()))
            )
            for pid in best
        }
        rest = min(factors.values(), default=0.0)
        for pid, state in scored.items():
            state.score *= factors.get(pid, rest)

    async def _related(
        self, rows: IndexRows, query: AnalyzedQuery
    ) -> dict[str, list[tuple[str, float]]]:
        """What the history relates to the asker's words (the learned translations)."""
        wanted = sorted(sources(query.concepts))
        if not wanted:
            return {}
        result: dict[str, list[tuple[str, float]]] = {}
        for term, related, weight in await rows.related(wanted):
            result.setdefault(term, []).append((related, weight))
        return result

    async def _df(
        self, rows: IndexRows, terms: list[str]
    ) -> tuple[dict[str, int], dict[str, float]]:
        if not terms:
            return {}, {}
        stats = await rows.term_stats(terms)
        return {t: int(n) for t, n, _f in stats if n}, {t: float(f) for t, _n, f in stats}

    def _score_concept(
        self,
        concept: Concept,
        idf: dict[str, float],
        postings: dict[str, list[Posting]],
        declared: dict[int, list[tuple[str, str]]],
        scored: dict[int, _Scored],
        group_scores: dict[str, float],
    ) -> None:
        per_person: dict[int, list[tuple[float, str, Posting | None]]] = {}
        # One idf per concept, that of its most common strong term: a rare synonym or a
        # stray compound part must not outweigh the word the asker actually used.
        strong = [idf[t] for t, w in concept.terms.items() if w >= STRONG_TERM and t in idf]
        weak = [idf[t] for t in concept.terms if t in idf]
        concept_idf = min(strong or weak or [0.0])
        for term, qweight in concept.terms.items():
            if concept.learned:
                concept_idf = idf.get(term, 0.0)
            for row in postings.get(term, ()):
                boost = 0.0
                for skill_term, _topic in declared.get(row.person_id, ()):
                    if skill_term == term:
                        boost = ev.DECLARED_CONFIRMED
                weight = row.weight + boost
                value = concept.weight * qweight * concept_idf * saturate(weight)
                per_person.setdefault(row.person_id, []).append((value, term, row))
                if row.group_id:
                    group_scores[row.group_id] = group_scores.get(row.group_id, 0.0) + value
        for person, skills in declared.items():
            for skill_term, _topic in skills:
                if skill_term in concept.terms and skill_term in idf:
                    hits = per_person.setdefault(person, [])
                    if not any(term == skill_term for _, term, _row in hits):
                        weight = ev.DECLARED
                        value = (
                            concept.weight
                            * concept.terms[skill_term]
                            * concept_idf
                            * saturate(weight)
                        )
                        hits.append((value, skill_term, None))
        for person, hits in per_person.items():
            hits.sort(key=lambda hit: hit[0], reverse=True)
            top = hits[0][0]
            value = top + OTHER_TERMS_SHARE * sum(h[0] for h in hits[1:3])
            state = scored.setdefault(person, _Scored())
            state.score += value
            if top > state.best[0]:
                term = hits[0][1]
                # Found through a weak expansion only: the "why" names what was found, not
                # the asker's word, which this person's evidence never mentions.
                direct = concept.terms.get(term, 0.0) >= STRONG_TERM
                # a misspelling is named as the word it was corrected to ("traplift")
                label = concept.spelled if direct else ""
                state.best = (top, term, hits[0][2], label)

    async def _declared(
        self, rows: IndexRows, query: AnalyzedQuery
    ) -> dict[int, list[tuple[str, str]]]:
        wanted = query.all_terms
        result: dict[int, list[tuple[str, str]]] = {}
        vocab = self._vocabulary
        assert vocab is not None
        for person_id, topic in await rows.skills():
            terms = self._topic_terms(vocab, topic)
            for term in terms & wanted:
                result.setdefault(person_id, []).append((term, topic))
        return result

    async def _admit(
        self,
        rows: IndexRows,
        ordered: list[tuple[float, int]],
        scored: dict[int, _Scored],
        query: AnalyzedQuery,
        asker_id: int | None,
        limit: int,
        now: datetime,
        lang: str,
        record: bool,
        best_possible: float,
        declared: dict[int, list[tuple[str, str]]],
    ) -> list[Candidate]:
        externals = (await self._vocab(rows)).externals
        asker_org: str | None = None
        asker_channels: set[int] = set()
        if asker_id is not None:
            asker_org = await rows.organisation_of(asker_id)
            asker_channels = await rows.channels_of(asker_id)
        asker_external = asker_org in externals
        query_terms = query.primary_terms
        admitted: list[Candidate] = []
        recent: dict[int, int] = {}
        window = 40
        for start in range(0, len(ordered), window):
            chunk = ordered[start : start + window]
            ids = [pid for _, pid in chunk]
            people: dict[int | None, PersonRow] = {}
            settings: dict[int, SettingsRow] = {}
            for person_row, setting_row in await rows.people(ids):
                people[person_row.id] = person_row
                if setting_row is not None:
                    settings[setting_row.person_id] = setting_row
            shared = await self._shared(rows, ids, asker_channels)
            if record:
                recent.update(await self._recent(rows, ids, now))
            for score, pid in chunk:
                person = people.get(pid)
                if person is None or not person.active or person.is_bot:
                    continue
                if not _enough_evidence(scored[pid], pid in declared):
                    continue
                external = person.organisation_id in externals
                if (asker_external or external) and asker_id is not None and pid not in shared:
                    continue
                if asker_id is None and external:
                    continue
                setting = settings.get(pid)
                if setting is not None and setting.suggest_opt_out:
                    continue
                if setting is not None and self._hides(setting.hidden_topics, query_terms):
                    continue
                away = bool(
                    setting is not None
                    and (
                        setting.do_not_disturb
                        or (setting.away_until is not None and setting.away_until > now)
                    )
                )
                factor = (AWAY_FACTOR if away else 1.0) / (1.0 + LOAD_PENALTY * recent.get(pid, 0))
                state = scored[pid]
                _value, term, row, label = state.best
                reason = Reason(
                    topic=_as_written(label, query.text)
                    if label
                    # found through a weak expansion: a readable word of what was found,
                    # never the asker's word (their evidence does not mention it)
                    else (await self.readable_label(rows, term) or await self.label(rows, term)),
                    answers=row.answers if row else 0,
                    accepted=row.accepted if row else 0,
                    last_at=_moment(row.last_at) if row else None,
                    group_id=row.group_id if row else state.similar_group,
                    similar=state.similar,
                    declared=declared[pid][0][1] if declared.get(pid) else None,
                )
                admitted.append(
                    Candidate(
                        person_id=pid,
                        name=person.name,
                        email=person.email,
                        organisation=person.organisation_id,
                        score=round(score * factor / best_possible, 4) if best_possible else 0.0,
                        why=explain(reason, now, lang),
                        available=not away,
                        away_until=setting.away_until if setting is not None and away else None,
                        reasons=[reason],
                    )
                )
            if len(admitted) >= limit + 3:
                break
        admitted.sort(key=lambda c: c.score, reverse=True)
        if record:
            admitted = _rotate_near_ties(admitted, recent)
        chosen = admitted[:limit]
        if record and chosen:
            await rows.record_suggestions([c.person_id for c in chosen], now)
        return chosen

    async def _shared(self, rows: IndexRows, ids: list[int], asker_channels: set[int]) -> set[int]:
        if not asker_channels:
            return set()
        return await rows.sharing(ids, asker_channels)

    async def _recent(self, rows: IndexRows, ids: list[int], now: datetime) -> dict[int, int]:
        return await rows.recent_suggestions(ids, now - LOAD_WINDOW)

    def _topic_terms(self, vocab: _Vocabulary, topic: str) -> frozenset[str]:
        """The terms a topic someone declared or hid stands for, its compound parts and
        synonyms included ("kostendelersnorm" hidden hides "kostendeler" and "norm" too)."""
        terms = self._skill_terms.get(topic)
        if terms is None:
            terms = frozenset(vocab.analyzer.analyze(topic).topic_terms)
            self._skill_terms[topic] = terms
        return terms

    def _hides(self, hidden: list[str], query_terms: set[str]) -> bool:
        vocab = self._vocabulary
        if not hidden or vocab is None:
            return False
        return any(self._topic_terms(vocab, topic) & query_terms for topic in hidden)


def _answered(pieces: list[tuple[int, int, float, str | None]]) -> dict[int, int]:
    """How many of these threads each person answered: with at least half of what the
    thread's best answer counts (a hedged "geen idee" beside a real answer is no answer to
    name someone on)."""
    strongest: dict[int, float] = {}
    for thread_id, _person_id, weight, _group in pieces:
        strongest[thread_id] = max(strongest.get(thread_id, 0.0), weight)
    count: dict[int, int] = {}
    for thread_id, person_id, weight, _group in pieces:
        answered = weight >= SIMILAR_ANSWERED * strongest[thread_id]
        count[person_id] = count.get(person_id, 0) + int(answered)
    return count


def _enough_evidence(state: _Scored, declared: bool) -> bool:
    """Somebody is named only on real evidence: an answer (or an accepted one) about the
    question's words, answers to similar questions, or a skill they declared; a word that
    came up once in a reply of theirs is not enough."""
    row = state.best[2]
    if declared or state.similar:
        return True
    if row is None:
        return False
    return row.answers > 0 or row.accepted > 0 or row.weight >= MIN_EVIDENCE


def _as_written(label: str, text: str) -> str:
    """The asker's own spelling of a topic word ("WOZ", not "woz")."""
    found = re.search(re.escape(label).replace(r"\ ", r"[\s-]+"), text, re.IGNORECASE)
    return found.group(0) if found else label


def _moment(value: datetime | str | None) -> datetime | None:
    """A stored UTC time as an aware datetime (SQLite hands back text for raw SQL)."""
    if value is None or isinstance(value, datetime):
        return value if value is None or value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _best_weight(state: _Scored) -> float:
    row = state.best[2]
    return float(row.weight) if row is not None else 0.0


def term_idf(df: int, focus: float, total_threads: int) -> float:
    """A term's inverse thread frequency, sharpened by how focused it is on one group's
    topics."""
    return math.log(1.0 + total_threads / df) * (FOCUS_FLOOR + (1 - FOCUS_FLOOR) * focus)


def prior(overall: float) -> float:
    """How far a person's evidence on a question is believed, from all their evidence
    together W (answers, acceptance, recommendations, decayed; 0 for someone without any:
    only a declared skill names them then): (W / (W + PRIOR_HALF))^PRIOR_POWER, which keeps
    one stray answer from making an expert."""
    overall = max(0.0, overall)
    return float((overall / (overall + PRIOR_HALF)) ** PRIOR_POWER) if overall else 0.0


def saturate(weight: float) -> float:
    """More evidence counts, with diminishing returns (1 answer ≈ 0.2, 40 answers = 1)."""
    return math.log1p(weight / SATURATION) / math.log1p(40.0)


def _rotate_near_ties(candidates: list[Candidate], recent: dict[int, int]) -> list[Candidate]:
    """Among people whose scores are within a few percent, the one asked less often goes
    first, so the same expert is not asked every time."""
    result = list(candidates)
    for i in range(len(result) - 1):
        a, b = result[i], result[i + 1]
        if b.score >= a.score * (1 - NEAR_TIE) and recent.get(b.person_id, 0) < recent.get(
            a.person_id, 0
        ):
            result[i], result[i + 1] = b, a
    return result


def _group_of(state: _Scored) -> str | None:
    """The group of the evidence that found someone for this question."""
    return state.best[2].group_id if state.best[2] is not None else state.similar_group
