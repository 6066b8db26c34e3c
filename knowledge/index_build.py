"""Builds the expertise index from the stored history: evidence per person and thread, spread
over the thread's terms, summed into precomputed person × term weights.

Pure: the history comes in as plain data and the index's tables go out as rows; the storage
side (:mod:`bot.expertise.build_io`) reads and writes them, after an import or
``vraagbaak whoknows --rebuild``. Live chat keeps the index current between rebuilds (see
:mod:`bot.expertise.live`).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, NamedTuple

from knowledge import evidence as ev
from knowledge.analysis import MIN_KNOWN_DF, Analyzer
from knowledge.language import Language
from knowledge.text import content_words
from knowledge.translation import MAX_PAIRS, Pair, learn

MIN_WEIGHT = 0.02
KEEP_SINGLE = 0.5
# A word met in one thread only, and only in one's own reply (not in the question answered):
# said in passing, unless that reply was confirmed (accepted, or reactions).
KEEP_PASSING = 1.0
# A person's strongest topics; beyond this the words are noise of a prolific answerer.
MAX_TERMS_PER_PERSON = 500
Progress = Callable[[str], None]


class HistoryMessage(NamedTuple):
    """One stored message of a thread, with the people it mentions already resolved."""

    id: int
    thread_id: int
    author_id: int | None
    created_at: datetime
    is_root: bool
    is_bot: bool
    has_files: bool
    text: str | None
    mentioned: tuple[int, ...]


class HistoryReaction(NamedTuple):
    person_id: int
    accepts: bool  # ✅ and the like: an acceptance when the asker gives it
    positive: bool


@dataclass
class History:
    """What the index is built from."""

    people: dict[int, tuple[bool, bool]]  # person id → (active, is a bot)
    channel_group: dict[int, str | None]
    threads: dict[int, tuple[int | None, int | None]]  # thread id → (channel, asker)
    reactions: dict[int, list[HistoryReaction]]  # by message id
    accepted_by_mail: set[int]  # answers accepted through the e-mail flow
    as_of: datetime  # the newest message's time
    messages: Iterable[HistoryMessage]  # by thread, then time


@dataclass
class IndexTables:
    """The index's rows, each a tuple in its table's column order."""

    weights: list[tuple[Any, ...]]
    terms: list[tuple[str, int, float]]
    surfaces: list[tuple[str, int]]
    thread_terms: list[tuple[str, int]]
    evidence: list[tuple[int, int, float]]
    related: list[tuple[str, str, float]]
    people: list[tuple[int, float, int, int]]
    as_of: datetime
    threads: int
    report: IndexReport


@dataclass
class IndexReport:
    threads: int = 0
    evidence: int = 0
    people: int = 0
    rows: int = 0
    terms: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class _PersonThread:
    """What one person did in one thread."""

    weight: float = 0.0
    answered: bool = False
    accepted: bool = False
    last_at: float = 0.0
    own: set[int] | None = None


@dataclass(slots=True)
class _Evidence:
    person: int
    thread: int
    weight: float
    answered: bool
    accepted: bool
    last_at: float
    own: tuple[int, ...]


class _Surfaces:
    """Interned surface words, each with the language of the message it was written in
    (the same word is another term in another language), and their thread frequencies."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.ids: dict[tuple[str, str], int] = {}
        self.words: list[str] = []
        self.langs: list[str] = []
        self.df: list[int] = []

    def of(self, text: str | None) -> set[int]:
        result: set[int] = set()
        if not text:
            return result
        ids = self.ids
        lang = self.analyzer.language(text)
        for word in content_words(text):
            key = (word, lang)
            found = ids.get(key)
            if found is None:
                found = len(self.words)
                ids[key] = found
                self.words.append(word)
                self.langs.append(lang)
                self.df.append(0)
            result.add(found)
        return result

    def word_df(self) -> Counter[str]:
        """Thread frequency per surface word, over its languages."""
        counts: Counter[str] = Counter()
        for index, word in enumerate(self.words):
            counts[word] += self.df[index]
        return counts


def compute_index(
    history: History,
    half_life_days: float,
    progress: Progress | None = None,
    language: Language = "nl",
) -> IndexTables:
    """``language``: the deployment's language, for messages too short to tell."""
    say = progress or (lambda _line: None)
    report = IndexReport()
    people = history.people
    channel_group = history.channel_group
    threads = history.threads
    reactions = history.reactions
    accepted_by_mail = history.accepted_by_mail
    as_of = history.as_of
    say(f"index: {len(threads)} threads, {len(people)} people")

    word_df: Counter[str] = Counter()
    analyzer = Analyzer(lambda w: word_df[w] >= MIN_KNOWN_DF, language)
    surfaces = _Surfaces(analyzer)
    thread_root: dict[int, tuple[int, ...]] = {}
    thread_other: dict[int, tuple[int, ...]] = {}
    thread_group: dict[int, str | None] = {}
    # the words of the substantive answers by others, and whether one was accepted:
    # what the translation model learns from
    # (the last MAX_PAIRS threads only: what it learns from)
    thread_answers: deque[tuple[int, tuple[int, ...], bool]] = deque(maxlen=MAX_PAIRS)
    evidence: list[_Evidence] = []
    reference = as_of.timestamp()
    half_life = half_life_days * 86_400.0

    def weight_at(ts: float) -> float:
        return float(2.0 ** ((ts - reference) / half_life))

    current: int | None = None
    batch: list[HistoryMessage] = []

    def flush(tid: int, messages: list[HistoryMessage]) -> None:
        channel_id, asker = threads.get(tid, (None, None))
        root_ids: set[int] = set()
        all_ids: set[int] = set()
        done: dict[int, _PersonThread] = {}
        answer_ids: set[int] = set()
        for mid, _tid, author, at, is_root, is_bot, has_files, text, _m in messages:
            words = surfaces.of(text)
            all_ids |= words
            if is_root:
                root_ids |= words
            if author is None or is_bot or people.get(author, (True, True))[1]:
                continue  # not a human's
            ts = at.timestamp()
            if is_root:
                # asking, with or without a document, is interest, not expertise
                continue
            if author == asker:
                continue
            state = done.setdefault(author, _PersonThread())
            quality = ev.answer_quality(text or "", len(words))
            base = ev.FOLLOW_UP if state.answered else ev.ANSWER
            gained = base * quality
            positive = 0
            for who, accepts, positive_reaction in reactions.get(mid, ()):
                if who == asker and accepts:
                    gained += ev.ACCEPTED
                    state.accepted = True
                elif who != author and positive_reaction:
                    positive += 1
            if mid in accepted_by_mail and not state.accepted:
                gained += ev.ACCEPTED
                state.accepted = True
            gained += ev.reaction_bonus(positive)
            if has_files:
                gained += ev.FILE_SHARED
            state.weight += gained * weight_at(ts)
            # an answer the asker accepted is an answer, however short
            state.answered = state.answered or quality >= 0.5 or state.accepted
            if quality >= 0.5:
                answer_ids |= words
            if quality >= 0.5 or gained > ev.ANSWER:
                state.last_at = max(state.last_at, ts)
            state.own = (state.own or set()) | words
        for _mid, _tid, author, at, _r, _b, _f, _text, mentions in messages:
            for mentioned in mentions:
                if mentioned in (author, asker):
                    continue
                state = done.setdefault(mentioned, _PersonThread())
                state.weight += ev.RECOMMENDED * weight_at(at.timestamp())
                state.last_at = max(state.last_at, at.timestamp())
        for word in all_ids:
            surfaces.df[word] += 1
        thread_root[tid] = tuple(root_ids)
        thread_other[tid] = tuple(all_ids - root_ids)
        thread_group[tid] = channel_group.get(channel_id) if channel_id else None
        if answer_ids and root_ids:
            thread_answers.append(
                (tid, tuple(answer_ids), any(state.accepted for state in done.values()))
            )
        for person, state in done.items():
            if state.weight <= 0:
                continue
            evidence.append(
                _Evidence(
                    person,
                    tid,
                    state.weight,
                    state.answered,
                    state.accepted,
                    state.last_at,
                    tuple(state.own or ()),
                )
            )

    for message in history.messages:
        tid = message[1]  # its thread_id, by index: this loop runs once per message
        if tid != current:
            if current is not None:
                flush(current, batch)
                report.threads += 1
            current, batch = tid, []
        batch.append(message)
    if current is not None:
        flush(current, batch)
        report.threads += 1
    say(f"index: {report.threads} threads read, {len(evidence)} pieces of evidence")

    word_df.update(surfaces.word_df())
    # words met in one thread only can match no other question; leave them out
    surface_terms = [
        analyzer.terms_of_word(w, surfaces.langs[i]) if word_df[w] >= MIN_KNOWN_DF else ()
        for i, w in enumerate(surfaces.words)
    ]
    term_df: Counter[str] = Counter()
    term_groups: dict[str, Counter[str | None]] = defaultdict(Counter)
    root_terms: dict[int, frozenset[str]] = {}
    other_terms: dict[int, frozenset[str]] = {}
    for tid, root in thread_root.items():
        in_root = frozenset(t for word in root for t in surface_terms[word])
        elsewhere = frozenset(t for word in thread_other[tid] for t in surface_terms[word])
        root_terms[tid] = in_root
        other_terms[tid] = elsewhere - in_root
        found = in_root | elsewhere
        term_df.update(found)
        group = thread_group[tid]
        for term in found:
            term_groups[term][group] += 1
    group_sizes: Counter[str | None] = Counter(thread_group.values())
    related = learn(
        Pair(
            root_terms[tid],
            frozenset(t for word in words for t in surface_terms[word]),
            ev.ACCEPTED_PAIR if accepted else 1.0,
        )
        for tid, words, accepted in thread_answers
    )
    say(f"index: {sum(len(v) for v in related.values())} related words learned")

    evidence.sort(key=lambda item: item.person)
    rows: list[tuple[Any, ...]] = []
    person_rows: list[tuple[int, float, int, int]] = []
    people_seen = 0
    index = 0
    while index < len(evidence):
        person = evidence[index].person
        totals: dict[str, list[Any]] = {}
        overall = [0.0, 0, 0]
        while index < len(evidence) and evidence[index].person == person:
            item = evidence[index]
            index += 1
            overall[0] += item.weight
            overall[1] += item.answered
            overall[2] += item.accepted
            group = thread_group[item.thread]
            own = {t for word in item.own for t in surface_terms[word]}
            in_root = root_terms[item.thread]
            for terms, share in (
                (other_terms[item.thread] - own, ev.OTHER_TERM),
                (own - in_root, ev.OWN_TERM),
                (in_root, ev.ROOT_TERM),
            ):
                if not share:
                    continue
                gained = item.weight * share
                counts = share >= ev.OWN_TERM
                for term in terms:
                    total = totals.get(term)
                    if total is None:
                        total = totals[term] = [0.0, 0, 0, 0.0, group, 0, False]
                    total[0] += gained
                    total[5] += 1
                    total[6] = total[6] or share >= ev.ROOT_TERM
                    if counts:
                        total[1] += item.answered
                        total[2] += item.accepted
                    if item.last_at >= total[3]:
                        total[3] = item.last_at
                        total[4] = group
        people_seen += 1
        person_rows.append((person, float(overall[0]), int(overall[1]), int(overall[2])))
        kept = [
            (term, total)
            for term, total in totals.items()
            # A word met in one thread only is not expertise unless that answer counted
            # fully, and one said in passing in one's own reply only if it was confirmed
            # (similar-question expansion still finds such threads).
            if total[0] >= MIN_WEIGHT
            and (
                total[5] >= 2 or (total[6] and total[0] >= KEEP_SINGLE) or total[0] >= KEEP_PASSING
            )
        ]
        if len(kept) > MAX_TERMS_PER_PERSON:
            kept = heapq.nlargest(MAX_TERMS_PER_PERSON, kept, key=lambda item: item[1][0])
        for term, (weight, answers, accepted, last_at, group, _seen, _asked) in kept:
            rows.append(
                (
                    term,
                    person,
                    weight,
                    answers,
                    accepted,
                    datetime.fromtimestamp(last_at, UTC) if last_at else None,
                    group,
                )
            )
    report.evidence = len(evidence)
    report.people = people_seen
    report.rows = len(rows)
    report.terms = len(term_df)
    say(f"index: writing {len(rows)} person × term weights")
    # in primary-key order, so the B-trees are appended to rather than split all over
    rows.sort(key=lambda row: (row[0], row[1]))
    return IndexTables(
        weights=rows,
        terms=[(t, n, focus(term_groups[t], group_sizes)) for t, n in term_df.items()],
        surfaces=[(w, n) for w, n in word_df.items() if n >= MIN_KNOWN_DF],
        thread_terms=sorted(
            (term, tid)
            for tid, root in thread_root.items()
            for term in {t for word in root for t in surface_terms[word]}
            if term_df[term] >= MIN_KNOWN_DF
        ),
        evidence=sorted((item.thread, item.person, item.weight) for item in evidence),
        related=sorted((term, other, p) for term, row in related.items() for other, p in row),
        people=person_rows,
        as_of=as_of,
        threads=report.threads,
        report=report,
    )


def focus(counts: Counter[str | None], sizes: Counter[str | None]) -> float:
    """1 − normalised entropy of a term's spread over groups, each group's share first
    divided by the group's size (a big channel does not make a word look focused)."""
    if len(sizes) < 2:
        return 1.0
    rates = [n / sizes[g] for g, n in counts.items() if sizes[g]]
    total = sum(rates)
    if total <= 0:
        return 1.0
    entropy = -sum((r / total) * math.log(r / total) for r in rates if r > 0)
    return max(0.0, 1.0 - entropy / math.log(len(sizes)))
