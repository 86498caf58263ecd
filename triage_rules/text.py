"""Turn what a tenant wrote into the stemmed words the rules are written in.

Tenants write with typos, text-speak, HTML pasted from elsewhere and sometimes in a
script the rules do not cover. Every step here is total (no input raises) and each
distinct raw word is worked out once and remembered, so a batch runs at dictionary
speed after its first few hundred lines.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .typos import likeliest

# Past this a message is a paste, not a description; the cut keeps the worst case fast.
MAX_CHARS = 64_000
# Fuzzy correction is the costly step, so only a message's opening words get it.
MAX_FUZZY_TOKENS = 400
_CACHE_LIMIT = 200_000


_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_TAG = re.compile(r"<[^<>]{0,500}>")
_APOSTROPHE = re.compile(r"['\u2018\u2019`\u00b4]")
# A possessive or "is" ('s) goes with its apostrophe: "intercom's broke" is the intercom,
# whereas "intercoms" (an English word) would slip past the intercom's spelling.
_APOSTROPHE_S = re.compile(r"(?<=[a-z])['\u2018\u2019`\u00b4]s\b")
_REPEAT = re.compile(r"([a-z])\1{2,}")
# A "block of flats" is a building, not a blockage ("blocked" stems to "block").
_BLOCK_OF = re.compile(r"\bblocks? of (?:flats|maisonettes|apartments|homes)\b")
# "-2C in the house": the minus sign is not a word character, so it is said in words.
_MINUS = re.compile(r"(?<![\w.])[-\u2212](?=\d)")
_WORD = re.compile(r"[a-z0-9]+")
# Where a sentence ends. The token stream carries it so that a rule's phrase is read
# within one sentence: "a puddle of cold water next to it. We stopped reporting it" is
# not "cold water stopped". Windows may still reach across it.
BOUNDARY = "."
_WORD_OR_END = re.compile(r"[a-z0-9]+|[.!?]+(?=\s|$)")
# "Sick of it", "sick and tired of", "sick to death of" are being fed up, not feeling
# sick: read as a symptom they set off the carbon-monoxide check beside any heating.
_FED_UP = re.compile(r"\bsick(?: and tired| to death| to the back teeth)? of\b")
# "Flooded with letters" is a figure of speech, not water ("with" is a stop word, so it
# would read as a flood beside the letters).
_SWAMPED = re.compile(
    r"\b(?:flooded|drowning|drowned) (?:with|in) (?:the |)(?:letters|calls|phone calls|emails|"
    r"e-mails|messages|complaints|requests|paperwork|texts|leaflets|enquiries|post|work|"
    r"relief|emotion|emotions|memories|offers|questions)\b"
)
# A "flood light" is a security light, not water near the electrics.
_FLOODLIGHT = re.compile(r"\bflood[\s-]?light(s|ing|)\b")
# "They left me high and dry" is being let down, not taps that are dry.
_HIGH_AND_DRY = re.compile(r"\bhigh and dry\b")
# Someone who "burst into tears" is upset, not a burst pipe (a fire "bursts into flames").
_BURST_INTO_TEARS = re.compile(
    r"\bburst(?:s|ing)? (?:into (?:tears|laughter|song)|out (?:crying|laughing|in tears))\b"
    r"|\b(?:in |)floods? of tears\b"
)
# Bills that "went through the roof" soared; water that came through the roof is the roof.
_SOARED = re.compile(
    r"\b(costs?|bills?|prices?|rent|charges?|stress|anxiety|blood pressure)"
    r" (?:have |has |had |)(?:gone|went|going|go|gone up) through the roof\b"
)
# "in" is a stop word, so "broke in" would read as plain "broken"; a break-in and a
# window "put in" are joined into one word before stop words are dropped. Not when
# "in" starts a place or a thing ("broke in half", "put in a new boiler").
_JOIN_VERBS = ("break", "breaks", "broke", "broken", "breaking", "put", "locked", "lock")
# A door "kicked in" (or "kicked the door in", "kicked in my door") is a break-in, where
# "kick the door to shut it" is a stiff door; only the past tense, since the heating
# "kicks in".
_KICKED_IN = re.compile(
    r"\bkicked(?: ((?:the |my |our |his |her |their |)(?:front |back |flat |patio |)doors?))?"
    r"[\s-]+in\b(?!\s*(?:half|two|2|pieces|the face|my face|his face|her face)\b)"
)
# "Broke into the house" is the same break-in, joined the same way, so that "the boiler is
# broken and I have to get into the loft" (stop words between) is no break-in.
_BROKE_INTO = re.compile(
    r"\b(break|breaks|broke|broken|breaking)[\s-]+into\b"
    r"(?!\s*(?:pieces|bits|two|2|half|tears|laughter|song|a sweat|a run)\b)"
)
_JOIN_IN = re.compile(
    r"\b(" + "|".join(_JOIN_VERBS) + r")[\s-]+in\b"
    r"(?!\s*(?:-|to|the|a|an|my|our|his|her|their|your|this|that|half|two|2|pieces|bits|"
    r"places|lock|new|for|order|request|complaint|claim|touch|contact|bath|sink|kitchen|"
    r"bedroom|bathroom|hall|hallway|lounge|living|toilet|garden|shower|loft|cupboard|"
    r"drawer|wardrobe|car|lift)\b)"
)


# Words whose stem would collide with an unrelated rule word: mouse "droppings" would
# read as "drop", a loose cupboard door's symptom, and outvote the mice.
# "lifting" (a slab, a floor covering) would read as "lift" and call the lift engineer.
# A ceiling "sinking" would read as "sink": mice "in the ceiling" with droppings "under the
# sink" read as a ceiling about to collapse.
_NO_STEM = frozenset({"droppings", "lifting", "sinking"})
# A window "pane" would read as "pan", the toilet pan, and call the plumber; both forms
# keep the window's word.
_STEM_AS = {"pane": "pane", "panes": "pane"}


def stem(word: str) -> str:
    """A light suffix stripper: leaking, leaks, leaked all become "leak".

    It only has to treat the rule words and the tenant's words the same way, so it
    favours predictability over linguistic accuracy.
    """
    if len(word) <= 3 or word in _NO_STEM:
        return word
    if word in _STEM_AS:
        return _STEM_AS[word]
    if word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    if word.endswith("ing") and len(word) >= 6:
        word = _undouble(word[:-3])
    elif word.endswith("ed") and not word.endswith("eed") and len(word) >= 5:
        word = _undouble(word[:-2])
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    return word


def _kicked_in(match: re.Match[str]) -> str:
    door = match.group(1)
    return f"kickedin {door}" if door else "kickedin"


def _joined(word: str) -> bool:
    """A word clean() makes by joining "in" to a verb ("brokein", "lockin")."""
    return word.endswith("in") and (word[:-2] in _JOIN_VERBS or word == "kickedin")


def _undouble(word: str) -> str:
    if len(word) >= 3 and word[-1] == word[-2] and word[-1] not in "lsz":
        return word[:-1]
    return word


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _drop_combining(match: re.Match[str]) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


def clean(text: str) -> str:
    """Lower-case ASCII letters and digits with markup and accents removed."""
    text = text[:MAX_CHARS]
    if "<" in text:
        text = _TAG.sub(" ", _SCRIPT.sub(" ", text))
    if "&" in text:
        text = html.unescape(text)
    if not text.isascii():
        # Accents come apart from their letters and go; only the non-ASCII characters
        # are looked at (mostly curly quotes, which stay for the patterns below).
        text = _NON_ASCII.sub(_drop_combining, unicodedata.normalize("NFKD", text))
    text = text.lower()
    if "s" in text:
        text = _APOSTROPHE_S.sub("", text)
    text = _REPEAT.sub(r"\1\1", _APOSTROPHE.sub("", text))
    if "block" in text:
        text = _BLOCK_OF.sub("building", text)
    if "-" in text or "\u2212" in text:
        text = _MINUS.sub("minus ", text)
    if " in" in text or "-in" in text:
        if "kicked" in text:
            text = _KICKED_IN.sub(_kicked_in, text)
        if "into" in text:
            text = _BROKE_INTO.sub(r"\1in", text)
        text = _JOIN_IN.sub(r"\1in", text)
    if "sick " in text:
        text = _FED_UP.sub("fedup of", text)
    if "flooded " in text or "drown" in text:
        text = _SWAMPED.sub("swamped", text)
    if "flood" in text and "light" in text:
        text = _FLOODLIGHT.sub(r"security light\1", text)
    if "high and dry" in text:
        text = _HIGH_AND_DRY.sub("abandoned", text)
    if "burst" in text or "floods of" in text or "flood of" in text:
        text = _BURST_INTO_TEARS.sub("wept", text)
    if "through the roof" in text:
        text = _SOARED.sub(r"\1 soared", text)
    return text


class Normaliser:
    """Spelling fixes, stop words, fuzzy correction and stemming for one rule set."""

    def __init__(
        self, spellings: Mapping[str, str], stopwords: Iterable[str], known_words: Iterable[str]
    ) -> None:
        self.spellings = {k: tuple(_WORD.findall(v.lower())) for k, v in spellings.items()}
        self.stopwords = frozenset(stopwords)
        self.known = frozenset(known_words)
        self.vocabulary: list[str] = []
        self._surface: frozenset[str] = frozenset()
        # Every rule word, short ones too: what run-together words are split into.
        self._parts: frozenset[str] = frozenset()
        self._cache: dict[str, tuple[str, ...]] = {}
        self._exact: dict[str, tuple[str, ...]] = {}
        # The vocabulary words a misspelling of each length could be corrected to.
        self._near_length: dict[int, list[str]] = {}
        self._uses: dict[str, int] = {}

    def set_vocabulary(self, words: Iterable[str], uses: Mapping[str, int] | None = None) -> None:
        """The surface words the rules use: the targets of fuzzy correction (four letters
        or more) and the parts that run-together words are split into (any length).
        ``uses``: how many rule terms use each word, to choose between equally near ones."""
        words = frozenset(words)
        self._uses = dict(uses or {})
        self._parts = frozenset(w for w in words if len(w) >= 2)
        self._surface = frozenset(w for w in words if len(w) >= 4)
        # Short text-speak keys ("wat", "u") would swallow real typos ("watr"), and the
        # joined break-in words ("brokein") are made by clean(), never typed: as targets
        # they turned "brokin" (broken) into a break-in.
        self.vocabulary = sorted(
            self._surface | {k for k in self.spellings if len(k) >= 4 and not _joined(k)}
        )
        self._cache.clear()
        self._exact.clear()
        self._near_length.clear()

    def phrase(self, text: str) -> tuple[str, ...]:
        """A rule term as stemmed words; no fuzzy correction, the author meant it."""
        out: list[str] = []
        for raw in _WORD.findall(clean(text)):
            out.extend(self._word(raw, fuzzy=False))
        return tuple(out)

    def shrunk(self, term: str) -> str | None:
        """The one word a rule term of several words reads as once stop words are dropped.

        "weeks old" reads as plain "old", so as a cue it found a baby in "my old boiler":
        the author meant a phrase and got a common word. None for any other term, and for
        words joined on purpose ("kicked in" is one word before stop words go).
        """
        if term.startswith("@") or len(_WORD.findall(clean(term))) < 2:
            return None
        words = self.phrase(term)
        return words[0] if len(words) == 1 else None

    def tokens(self, text: str) -> list[str]:
        return self.tokens_of_clean(clean(text))

    def tokens_of_clean(self, cleaned: str) -> list[str]:
        """The stemmed words of a cleaned text, with ``BOUNDARY`` between sentences."""
        out: list[str] = []
        words = 0
        cache = self._cache  # the common case looked up here, without a call
        for raw in _WORD_OR_END.findall(cleaned):
            if raw[0] in ".!?":
                if out and out[-1] != BOUNDARY:
                    out.append(BOUNDARY)
                continue
            fuzzy = words < MAX_FUZZY_TOKENS
            hit = cache.get(raw) if fuzzy else None
            out.extend(hit if hit is not None else self._word(raw, fuzzy=fuzzy))
            words += 1
        if out and out[-1] == BOUNDARY:
            out.pop()
        return out

    def _word(self, raw: str, fuzzy: bool) -> tuple[str, ...]:
        cache = self._cache if fuzzy else self._exact
        hit = cache.get(raw)
        if hit is not None:
            return hit
        if (
            raw.endswith("s")
            and raw[:-1] in self.spellings
            and raw not in self.spellings
            and raw not in self.known
        ):
            # "loo's" and "leccy's" lose their apostrophe in clean(); the plain word's
            # spelling applies before fuzzy correction can turn "loos" into "loose".
            word = raw[:-1]
        else:
            parts = self._split(raw) if fuzzy else None
            word = self._correct(raw) if fuzzy else raw
            # A typo of one rule word can often be cut into others too ("showring" is
            # show|ring): a word one letter from a rule word is that word, a cut wins
            # over a correction further away ("smellgas" is not "smells").
            if parts is not None and (word == raw or OSA.distance(raw, word) > 1):
                out = tuple(w for part in parts for w in self._word(part, fuzzy=False))
                cache[raw] = out
                return out
        words = self.spellings.get(word, (word,))
        out = tuple(stem(w) for w in words if w not in self.stopwords)
        if len(cache) > _CACHE_LIMIT:
            cache.clear()
        cache[raw] = out
        return out

    def _split(self, raw: str) -> list[str] | None:
        """Words run together ("smellgas", "sinkblocked", "nohotwater") as the words they
        are made of: rule words (three letters or more), text-speak spellings, stop words
        and "no", at least one of them a rule word, in as few parts as can be.

        Only a word that is nothing else (not a rule word, a spelling, a stop word or a
        known English word) is split. English compounds ("house|hold", "lock|down") and
        English words with short words hidden in them ("after", "notice") are among the
        known words: ``triage_rules.wordlist`` lists every English word this would split.
        """
        if (
            len(raw) < 5
            or len(raw) > 24
            or not raw.isalpha()
            or raw in self._parts
            or raw in self.spellings
            or raw in self.known
            or raw in self.stopwords
        ):
            return None
        best: dict[int, list[str]] = {0: []}
        for end in range(2, len(raw) + 1):
            for start in range(0, end - 1):
                if start not in best:
                    continue
                part = raw[start:end]
                if not self._part(part):
                    continue
                entry = [*best[start], part]
                if end not in best or len(entry) < len(best[end]):
                    best[end] = entry
        found = best.get(len(raw))
        if found is None or len(found) < 2:
            return None
        if not any(len(part) >= 3 and part not in self.stopwords for part in found):
            return None
        return found

    def _part(self, part: str) -> bool:
        if part in self.stopwords or part == "no":
            return True
        return len(part) >= 3 and (part in self._parts or part in self.spellings)

    def _within(self, length: int, limit: int) -> list[str]:
        """The vocabulary words within ``limit`` letters of ``length``, in vocabulary order:
        no other word is within ``limit`` edits, so the nearest (and the first of equals)
        is the one a search of the whole vocabulary finds."""
        words = self._near_length.get(length)
        if words is None:
            words = [w for w in self.vocabulary if abs(len(w) - length) <= limit]
            self._near_length[length] = words
        return words

    def _correct(self, raw: str) -> str:
        """The nearest rule word to a misspelling; real English words are left alone."""
        if (
            len(raw) < 4
            or raw in self._surface
            or raw in self.spellings
            or raw in self.known
            or raw in self.stopwords
            or not raw.isalpha()
        ):
            return raw
        limit = 1 if len(raw) < 8 else 2
        found = process.extract(
            raw,
            self._within(len(raw), limit),
            scorer=OSA.distance,
            score_cutoff=limit,
            limit=None,
        )
        if not found:
            return raw
        corrected = likeliest(raw, found, self._uses)
        # A typo rarely changes the first letter of a short word; the guard stops swaps
        # of unrelated words into hazard words.
        if corrected[0] != raw[0] and len(raw) < 6:
            return raw
        return corrected
