"""Query analysis: the words of a "who knows X?" question become weighted index terms,
grouped per concept, with compound parts, typo corrections and thesaurus synonyms."""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from knowledge.analysis import COMPOUNDING, MIN_KNOWN_DF, Analyzer
from knowledge.asking import introductions
from knowledge.language import Language, detect
from knowledge.lexicon import Lexicon
from knowledge.text import is_content, raw_tokens, stem, word_parts
from knowledge.thesaurus import Thesaurus

PART_WEIGHT = 0.6
SPLIT_ONLY_WEIGHT = 0.9
FUZZY_WEIGHT = 0.85
SYNONYM_WEIGHT = 0.8
# A phrase matched through a compound's head ("nieuwe beleidsmedewerker" → "nieuwe
# medewerker") is a weaker synonym.
HEAD_SYNONYM_WEIGHT = 0.6
ABSORBED = 0.35
# Known compounds that start with a word the history does not know ("wachten" → wachtlijst,
# wachttijd): weak, and only a few of the most frequent.
MODIFIER_WEIGHT = 0.5
# a word only the writer's self-introduction uses ("schoonmaakster hier"): who asks, not what
INTRO_WEIGHT = 0.3
MODIFIER_COMPOUNDS = 6
MIN_MODIFIER = 4
_LINKS = ("", "s", "en", "e")


def singular(word: str) -> list[str]:
    """Rough Dutch singulars for joining words into compounds (``stappen`` → ``stap``)."""
    forms = [word]
    if word.endswith("en") and len(word) > 4:
        base = word[:-2]
        forms.append(base)
        if len(base) > 2 and base[-1] == base[-2]:
            forms.append(base[:-1])
    elif word.endswith("s") and len(word) > 4:
        forms.append(word[:-1])
    return forms


def _compound_candidates(head: str, modifiers: list[str]) -> list[str]:
    """ "head van modifiers" written as one word, both ways round."""
    result: list[str] = []
    prefixes = [""]
    for modifier in modifiers:
        prefixes = [p + form for p in prefixes for form in singular(modifier)]
    for prefix in prefixes:
        for link in _LINKS:
            result.append(prefix + link + head)
    if len(modifiers) == 1:
        for form in singular(modifiers[0]):
            for link in _LINKS:
                result.append(head + link + form)
    return result


@dataclass
class Concept:
    """One thing the asker asked about, and the terms that stand for it."""

    label: str
    terms: dict[str, float] = field(default_factory=dict)
    # Lowered when the word is part of a longer phrase or compound that was recognised.
    weight: float = 1.0
    # Words the history relates to the question (not the asker's words): each counts with
    # its own rarity rather than the concept's.
    learned: bool = False
    # a misspelt word of the label → the known word it was corrected to
    corrected: dict[str, str] = field(default_factory=dict)

    @property
    def spelled(self) -> str:
        """The label with its misspellings corrected (what a "why" names)."""
        if not self.corrected:
            return self.label
        return " ".join(self.corrected.get(word, word) for word in self.label.split())

    def add(self, term: str, weight: float) -> None:
        if weight > self.terms.get(term, 0.0):
            self.terms[term] = weight


@dataclass
class AnalyzedQuery:
    concepts: list[Concept]
    text: str = ""
    lang: Language = "nl"

    @property
    def all_terms(self) -> set[str]:
        return {t for c in self.concepts for t in c.terms}

    @property
    def primary_terms(self) -> set[str]:
        return {t for c in self.concepts for t, w in c.terms.items() if w >= SPLIT_ONLY_WEIGHT}

    @property
    def topic_terms(self) -> set[str]:
        """Everything that stands for the words themselves: the words, their compound parts,
        corrections and synonyms (not the weak guesses), as a hidden topic covers them."""
        return {
            t
            for c in self.concepts
            if not c.learned
            for t, w in c.terms.items()
            if w >= PART_WEIGHT
        }


def max_typos(word: str) -> int:
    if len(word) < 5:
        return 0
    if len(word) < 8:
        return 1
    return 2 if len(word) < 14 else 3


class QueryAnalyzer:
    def __init__(
        self,
        thesaurus: Thesaurus,
        vocabulary: Mapping[str, int],
        default: Language = "nl",
        lexicon: Lexicon | None = None,
    ) -> None:
        """``lexicon``: the words of each language, so that a correct word the history
        lacks is not taken for a typo of one it has."""
        self.thesaurus = thesaurus
        self.lexicon = lexicon or Lexicon({})
        self.vocabulary = vocabulary
        self.default: Language = default
        self._known = [w for w, df in vocabulary.items() if df >= MIN_KNOWN_DF and len(w) >= 4]
        self._sorted = sorted(self._known)
        self._all_sorted = sorted(vocabulary)
        self._known_stems: set[str] | None = None
        self.analyzer = Analyzer(self.is_known, default)

    def is_known(self, word: str) -> bool:
        return self.vocabulary.get(word, 0) >= MIN_KNOWN_DF

    def _known_head(self, word: str) -> str | None:
        for cut in range(3, len(word) - 4):
            tail = word[cut:]
            if self.is_known(tail):
                return tail
        return None

    def words_starting(self, prefix: str) -> list[str]:
        """The words of the vocabulary that begin with ``prefix``."""
        start = bisect.bisect_left(self._all_sorted, prefix)
        end = bisect.bisect_left(self._all_sorted, prefix + "\uffff")
        return self._all_sorted[start:end]

    def _stem_parts(self, word: str) -> tuple[str, ...]:
        """An unknown word as two parts that are each a known word or the stem of one
        (Dutch compounds use verb stems: "kap" of "kappen"), as index terms; () if none."""
        if len(word) < 7:
            return ()
        if self._known_stems is None:
            self._known_stems = {stem(w, "nl") for w in self._known}
        stems = self._known_stems

        def term(part: str) -> str | None:
            if len(part) < 3:
                return None
            if self.is_known(part):
                return stem(part, "nl")
            if part in stems:
                return part
            # a short vowel's consonant doubles before an ending: "kap" is "kappen"'s stem
            doubled = part + part[-1]
            return doubled if doubled in stems else None

        for cut in range(len(word) - 3, 2, -1):
            head = term(word[:cut])
            if head is None:
                continue
            rest = word[cut:]
            for link in _LINKS:
                if rest.startswith(link):
                    tail = term(rest[len(link) :])
                    if tail is not None:
                        return (head, tail)
        return ()

    def _thesaurus_parts(self, word: str, lang: Language) -> tuple[str, ...]:
        """An unknown compound as two parts of which the thesaurus knows one as a word of its
        own (the longest first part first), as stems; () if none."""
        if len(word) < 8 or self.thesaurus.knows(stem(word, lang), lang):
            return ()
        for cut in range(len(word) - 4, 3, -1):
            head, rest = word[:cut], word[cut:]
            for link in _LINKS:
                tail = rest[len(link) :]
                if not rest.startswith(link) or len(tail) < 4:
                    continue
                if not (self._word_of(head, lang) and self._word_of(tail, lang)):
                    continue
                parts = (stem(head, lang), stem(tail, lang))
                if any(self.thesaurus.knows(part, lang) for part in parts):
                    return parts
        return ()

    def _word_of(self, part: str, lang: Language) -> bool:
        """Whether a compound's part is a word: of the history, or of the language where
        its word list is installed (without one, any part may be)."""
        if self.is_known(part) or lang not in self.lexicon.languages():
            return True
        return self.lexicon.is_word(part, lang)

    def compounds_starting(self, prefix: str) -> list[str]:
        """Known compounds made of ``prefix`` and a known word, with Dutch linking letters
        ("wacht" → wachtlijst, wachttijd; "station" → stationsgebied), most frequent first."""
        if len(prefix) < MIN_MODIFIER:
            return []
        found: list[str] = []
        start = bisect.bisect_left(self._sorted, prefix)
        for word in self._sorted[start:]:
            if not word.startswith(prefix):
                break
            rest = word[len(prefix) :]
            if any(
                rest.startswith(link)
                and len(rest) - len(link) >= 3
                and self.is_known(rest[len(link) :])
                for link in _LINKS
            ):
                found.append(word)
        found.sort(key=lambda w: (-self.vocabulary.get(w, 0), w))
        return found[:MODIFIER_COMPOUNDS]

    def correct(self, word: str) -> str | None:
        """The most frequent known word within a few typos of ``word``."""
        limit = max_typos(word)
        if limit == 0 or not self._known:
            return None
        found = process.extract(word, self._known, scorer=OSA.distance, score_cutoff=limit, limit=8)
        if not found:
            return None
        best = min(found, key=lambda hit: (hit[1], -self.vocabulary.get(hit[0], 0)))
        return str(best[0])

    def spelling(
        self, text: str, extra: Sequence[str] = (), lang: Language | None = None
    ) -> str | None:
        """The question with each unknown word replaced by the nearest known one (from the
        history or ``extra``, e.g. the thesaurus): "trapleft" → "traplift"; None when no
        word changes."""
        choices = [*self._known, *(w for w in extra if len(w) >= 4)]
        if not choices:
            return None
        lang = lang or detect(text, self.default)
        changed = False
        words: list[str] = []
        for token in raw_tokens(text)[:20]:
            correct = self.is_known(token) or self.lexicon.is_word(token, lang)
            if not is_content(token) or correct or len(token) < 5:
                if is_content(token):
                    words.append(token)
                continue
            best = process.extractOne(token, choices, scorer=fuzz.ratio, score_cutoff=75)
            if best is not None and best[0] != token:
                words.append(str(best[0]))
                changed = True
            else:
                words.append(token)
        return " ".join(words) if changed else None

    def analyze(self, text: str, lang: Language | None = None) -> AnalyzedQuery:
        """``lang``: the question's language when known; else detected from the text."""
        lang = lang or detect(text, self.default)
        concepts: list[Concept] = []
        sequence: list[tuple[str, int]] = []
        # the words as written: a phrase of the thesaurus is matched on these too, since a
        # word the history lacks ("certificate") may still be in a phrase
        written: list[tuple[str, int]] = []
        # each word by its head: a Dutch compound is a kind of its last part, so "nieuwe
        # beleidsmedewerker" also matches the phrase "nieuwe medewerker"
        heads: list[tuple[str, int]] = []
        seen: set[str] = set()
        introduced = self._introduced(text)
        for token in raw_tokens(text):
            words = [w for w in word_parts(token) if is_content(w)]
            if not words or words[0] in seen:
                continue
            seen.update(words)
            index = len(concepts)
            concept = Concept(token.replace("-", " ") if len(words) > 1 else words[0])
            if token in introduced:
                concept.weight = INTRO_WEIGHT
            concepts.append(concept)
            self._word(words[0], concept, index, sequence, 1.0, lang)
            for part in words[1:]:
                self._word(part, concept, index, sequence, PART_WEIGHT, lang)
            written.extend((stem(word, lang), index) for word in words)
            parts = self.analyzer.splitter.parts(words[0]) if lang in COMPOUNDING else ()
            heads.append((stem(parts[-1] if parts else words[0], lang), index))
        self._expand(concepts, sequence, lang)
        if written != sequence:
            self._expand(concepts, written, lang)
        if any(h != stem(c.label, lang) for (h, _i), c in zip(heads, concepts, strict=True)):
            self._expand(concepts, heads, lang, HEAD_SYNONYM_WEIGHT)
        if lang in COMPOUNDING:
            self._join(concepts, lang)
        return AnalyzedQuery([c for c in concepts if c.terms], text, lang)

    @staticmethod
    def _introduced(text: str) -> frozenset[str]:
        """The words only the writer's self-introductions use."""
        found = introductions(text)
        if not found:
            return frozenset()
        rest = text
        for intro in found:
            rest = rest.replace(intro, " ")
        return frozenset(raw_tokens(" ".join(found))) - frozenset(raw_tokens(rest))

    def _word(
        self,
        word: str,
        concept: Concept,
        index: int,
        sequence: list[tuple[str, int]],
        weight: float,
        lang: Language,
    ) -> None:
        """Terms for one word: itself, its compound parts, or its typo correction. Only
        Dutch and German words are split into compound parts."""
        compounding = lang in COMPOUNDING

        def parts_of(text: str) -> tuple[str, ...]:
            return self.analyzer.splitter.parts(text) if compounding else ()

        if lang != self.default and self.thesaurus.foreign_word(word, lang):
            # "kind" in "what kind of permit" is not the Dutch "kind" the history speaks of
            return
        own = stem(word, lang)
        concept.add(own, weight)
        if self.is_known(word):
            if lang != self.default:
                # a word the history uses, mostly in the deployment's language: its stem there
                # ("meeting" in a Dutch message is the Dutch stem "meeting", not English "meet")
                concept.add(stem(word, self.default), weight)
            sequence.append((own, index))
            for part in parts_of(word):
                concept.add(stem(part, lang), weight * PART_WEIGHT)
                sequence.append((stem(part, lang), index))
            return
        parts = parts_of(word)
        if parts:
            for part in parts:
                concept.add(stem(part, lang), weight * SPLIT_ONLY_WEIGHT)
                sequence.append((stem(part, lang), index))
            return
        # a word the thesaurus knows is no misspelling of a word the history has ("passwort"
        # is not "paspoort", "omhalen" not "ophalen"): its synonyms carry it;
        # nor is a word of the language ("gezin" is not "gezien", "stoep" not "soep")
        correct = self.thesaurus.knows(own, lang) or self.lexicon.is_word(word, lang)
        corrected = None if correct else self.correct(word)
        if corrected is not None:
            concept.add(stem(corrected, lang), weight * FUZZY_WEIGHT)
            concept.corrected[word] = corrected
            sequence.append((stem(corrected, lang), index))
            for part in parts_of(corrected):
                concept.add(stem(part, lang), weight * FUZZY_WEIGHT * PART_WEIGHT)
                sequence.append((stem(part, lang), index))
            return
        sequence.append((own, index))
        stem_parts = self._stem_parts(word) if compounding else ()
        for part in stem_parts:
            # a compound of word stems the history uses ("bomenkap" → bomen + kap(pen))
            concept.add(part, weight * SPLIT_ONLY_WEIGHT)
            sequence.append((part, index))
        if stem_parts:
            return
        thesaurus_parts = self._thesaurus_parts(word, lang) if compounding else ()
        for part in thesaurus_parts:
            # a compound of which the thesaurus knows a part, though the history knows neither
            # ("baugenehmigungsverfahren" → baugenehmigung + verfahren)
            concept.add(part, weight * SPLIT_ONLY_WEIGHT)
            sequence.append((part, index))
        if thesaurus_parts:
            return
        if compounding:
            # the word as the first part of known compounds: "wachten" → wachtlijst
            for prefix in dict.fromkeys((word, own)):
                for compound in self.compounds_starting(prefix):
                    concept.add(stem(compound, lang), weight * MODIFIER_WEIGHT)
        head = self._known_head(word) if compounding else None
        if head is not None:
            # a compound with an unknown modifier: its last part (the Dutch head) says what
            # it is ("schoonmaakleverancier" is a "leverancier")
            concept.add(stem(head, lang), weight * SPLIT_ONLY_WEIGHT)
            sequence.append((stem(head, lang), index))

    def _join(self, concepts: list[Concept], lang: Language) -> None:
        """Words written apart that form a known compound: "beheer van contracten" →
        ``contractbeheer``, "verzuim door ziekte" → ``ziekteverzuim``, "datalek melding" →
        ``datalekmelding``. The compound becomes a concept of its own."""
        words = [c.label for c in concepts]
        joined: list[Concept] = []
        for i, head in enumerate(words):
            for j in range(i + 1, min(len(words), i + 3)):
                modifiers = words[i + 1 : j + 1]
                for candidate in _compound_candidates(head, modifiers):
                    joined_stem = stem(candidate, lang)
                    if not self.is_known(candidate) and not self.thesaurus.knows(joined_stem, lang):
                        continue
                    concept = Concept(" ".join(words[i : j + 1]))
                    concept.add(joined_stem, 1.0)
                    for term, weight in self.thesaurus.expand_at(
                        [joined_stem], 0, SYNONYM_WEIGHT, lang
                    ).items():
                        concept.add(term, weight)
                    for part in concepts[i : j + 1]:
                        part.weight = min(part.weight, ABSORBED)
                    joined.append(concept)
                    break
        concepts.extend(joined)

    def _expand(
        self,
        concepts: list[Concept],
        sequence: list[tuple[str, int]],
        lang: Language,
        weight: float = SYNONYM_WEIGHT,
    ) -> None:
        """Synonyms of a phrase join the concept of the phrase's first word."""
        stems = [s for s, _ in sequence]
        for start, (_first, index) in enumerate(sequence):
            expansions = self.thesaurus.expand_at(stems, start, weight, lang)
            for term, value in expansions.items():
                concepts[index].add(term, value)
            for _group, phrase in self.thesaurus.matches_at(stems, start, lang):
                if len(phrase) > 1:
                    # the phrase means more than its first word alone ("certificate" of
                    # good conduct is not any certificate)
                    first = phrase[0]
                    if first in concepts[index].terms:
                        concepts[index].terms[first] = min(
                            concepts[index].terms[first], PART_WEIGHT
                        )
                # the phrase's other words belong to this concept now
                for _stem, other in sequence[start + 1 : start + len(phrase)]:
                    if other != index:
                        concepts[other].weight = min(concepts[other].weight, ABSORBED)
