#!/usr/bin/env python3
"""Builds the labelled evaluation set of screening's name matching (tests/data/screening/eval/).

Reads only files of the repository: the UN consolidated list and the OFAC SDN files of
tests/data/lists/ and the hand-written tables of scripts/screening_eval_tables.py. Writes
dev.csv and test.csv (columns category, name1, name2, label, source; name1 is the traveller's
name, name2 the listed one, label "same" or "different") and prints the counts per category and
split. The same inputs give the same files, byte for byte.

    scripts/screening_eval_set.py [--out DIR]     (default tests/data/screening/eval)

tests/data/screening/eval/README.md describes what each category holds and why its label is
right. In short:

- positives: a listed entry's own aliases paired with each other (alias); its name in its
  original script beside its Latin name (cross_script); its name with one typing error (typo) or
  its parts in another order (reorder); and names written by two transliteration conventions
  (transliteration) or in their script beside a romanisation (cross_script) from the tables;
- negatives: two distinct entries of one list that share a family name or a given name, or whose
  names differ by a patronymic or a gender ending, or (namesake_distinct_entries) whose names are
  equal but whose dates of birth the list gives more than a year apart; invented people from the
  tables who share a name part; and invented people from many cultures, not listed, beside the
  listed name closest to theirs (unrelated, unrelated_cross_script).

Every pair goes to dev or test by a hash of the person it is about (the listed entry, or the
invented person): all the pairs of one entry fall on the same side, and two people are paired as
different only when they are on the same side.
"""

import argparse
import collections
import csv
import functools
import hashlib
import io
import os
import random
import re
import sys
import unicodedata
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True  # no __pycache__ left in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import screening_eval_tables as T  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LISTS = os.path.join(ROOT, "tests", "data", "lists")

# ---------------------------------------------------------------------------------------------
# Splitting and determinism


def digest(text):
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def split_of(person_id):
    """'test' for about half of the people, 'dev' for the others, by a hash of the id."""
    return "test" if digest("split:" + person_id) % 2 == 1 else "dev"


def rng(*parts):
    return random.Random(digest("|".join(parts)))


# ---------------------------------------------------------------------------------------------
# A loose comparison of Latin names, used only to choose pairs (never to label them): which
# aliases of an entry spell the same name, whether two distinct entries share a name part, and
# which listed name is closest to a traveller's.

PARTICLES = {"al", "el", "ul", "bin", "ibn", "bint", "ben", "b", "de", "da", "del", "der", "di",
             "dos", "das", "du", "la", "le", "van", "von", "y", "binti", "mohd", "md", "haji",
             "mullah", "mulla", "maulavi", "maulvi", "qari", "sheikh", "shaykh"}
ABD = re.compile(r"^abd(?:el|ul|al|ol|ur|us|u|ar|as|ad|an)?(?=.)")


@functools.lru_cache(maxsize=None)
def fold(name):
    """Lower-case ASCII words: diacritics, apostrophes and ayn signs removed, punctuation split."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"['’‘`ʿʾ]", "", text).lower()
    return tuple(w for w in re.split(r"[^a-z0-9]+", text) if w)


def skeleton(word):
    """Consonants of a word with common digraphs folded; an initial vowel is kept as 'a'."""
    w = word
    for a, b in (("kh", "x"), ("gh", "g"), ("sh", "s"), ("ch", "c"), ("th", "t"), ("dh", "d"),
                 ("ph", "f"), ("q", "k"), ("w", "v"), ("z", "s"), ("j", "g")):
        w = w.replace(a, b)
    head = "a" if w[0] in "aeiouy" else w[0]
    tail = [c for c in w[1:] if c not in "aeiouy"]
    out = head
    for c in tail:
        if c != out[-1]:
            out += c
    return out


@functools.lru_cache(maxsize=None)
def loose_parts(name):
    """The name's parts as skeletons, particles dropped and Abd- compounds joined."""
    words = [w for w in fold(name) if w not in PARTICLES]
    out = []
    i = 0
    while i < len(words):
        w = words[i]
        if w in ("abd", "abdel", "abdul", "abdal", "abdol", "abdu", "abdur", "abdus", "abdar") \
                and i + 1 < len(words):
            out.append("abd" + skeleton(words[i + 1]))
            i += 2
            continue
        m = ABD.match(w)
        out.append("abd" + skeleton(w[m.end():]) if m and len(w) > 5 else skeleton(w))
        i += 1
    return tuple(out)


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def part_like(a, b):
    return a == b or (min(len(a), len(b)) >= 4 and edit_distance(a, b) <= 1)


def matched_parts(a, b):
    """How many parts of a pair with a part of b (each part of b used once)."""
    used = [False] * len(b)
    n = 0
    for x in a:
        for j, y in enumerate(b):
            if not used[j] and part_like(x, y):
                used[j] = True
                n += 1
                break
    return n


def loose_equal(a, b):
    """Every part of each name pairs with a part of the other."""
    pa, pb = loose_parts(a), loose_parts(b)
    return bool(pa) and len(pa) == len(pb) and matched_parts(pa, pb) == len(pa)


def exact_equal(a, b):
    return fold(a) == fold(b)


# ---------------------------------------------------------------------------------------------
# The lists


class Entry:
    def __init__(self, list_name, entry_id):
        self.list = list_name
        self.id = entry_id
        self.pid = f"{list_name} {entry_id}"
        self.primary = ""
        self.aliases = []  # (quality, full name)
        self.originals = []  # names in their original script
        self.years = set()
        self.family = ""  # the family name as the list marks it, or the last part
        self.given = ""
        self.dprk = False
        self.split = split_of(self.pid)


def un_entries():
    root = ET.parse(os.path.join(LISTS, "un-consolidated-list.xml")).getroot()
    out = []
    for ind in root.iter("INDIVIDUAL"):
        e = Entry("UN", ind.findtext("DATAID").strip())
        parts = [(ind.findtext(t) or "").strip() for t in
                 ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        parts = [p for p in parts if p]
        e.primary = " ".join(parts)
        e.dprk = (ind.findtext("UN_LIST_TYPE") or "").strip() == "DPRK"
        words = e.primary.split()
        # DPRK entries give the family name first; the others end with it (or with a nisba).
        e.family = words[0] if e.dprk else words[-1]
        e.given = words[1] if e.dprk and len(words) > 1 else words[0]
        orig = (ind.findtext("NAME_ORIGINAL_SCRIPT") or "").strip()
        if orig:
            e.originals.append(orig)
        for a in ind.iter("INDIVIDUAL_ALIAS"):
            name = (a.findtext("ALIAS_NAME") or "").strip()
            if name and name != e.primary:
                e.aliases.append(((a.findtext("QUALITY") or "").strip() or "Good", name))
        for d in ind.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            for tag in ("YEAR", "FROM_YEAR", "TO_YEAR", "DATE"):
                v = (d.findtext(tag) or "").strip()
                if re.match(r"^\d{4}", v):
                    e.years.add(int(v[:4]))
        out.append(e)
    return out


def ofac_name(raw):
    """'LAST, First' -> ('First LAST', 'LAST', 'First'), as the project's OFAC reader does."""
    if ", " in raw:
        last, first = raw.split(", ", 1)
        last, first = last.strip(), first.strip()
        return (f"{first} {last}" if first else last), last, first
    return raw.strip(), raw.strip().split()[-1], raw.strip().split()[0]


def ofac_entries():
    def rows(path):
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            return list(csv.reader(f))

    people = {}
    for row in rows(os.path.join(LISTS, "ofac-sdn.csv")):
        if len(row) < 12 or row[2].strip() != "individual":
            continue
        e = Entry("OFAC-SDN", row[0].strip())
        e.primary, e.family, e.given = ofac_name(row[1].strip())
        for m in re.finditer(r"DOB ([^;]*)", row[11]):
            e.years.update(int(y) for y in re.findall(r"\b(1[89]\d\d|20\d\d)\b", m.group(1)))
        people[e.id] = e
    for row in rows(os.path.join(LISTS, "ofac-alt.csv")):
        if len(row) >= 4 and row[0].strip() in people:
            full, _, _ = ofac_name(row[3].strip())
            e = people[row[0].strip()]
            if full != e.primary:
                e.aliases.append(("Good", full))
    return list(people.values())


# ---------------------------------------------------------------------------------------------
# Rows


class Rows:
    def __init__(self):
        self.rows = []  # (split, category, name1, name2, label, source)
        self.seen = set()

    def add(self, split, category, name1, name2, label, source):
        name1, name2 = " ".join(name1.split()), " ".join(name2.split())
        key = (fold(name1) or [name1], fold(name2) or [name2])
        key = (" ".join(key[0]), " ".join(key[1]), name1, name2)
        if name1 == name2 or key in self.seen:
            return False
        self.seen.add(key)
        self.rows.append((split, category, name1, name2, label, source))
        return True


# ---------------------------------------------------------------------------------------------
# Positives from the lists


def latin(name):
    return all(ord(c) < 0x250 or unicodedata.category(c)[0] != "L" for c in name)


def alias_pairs(entries, rows, per_entry):
    for e in entries:
        names = [("primary", e.primary)] + [(q, n) for q, n in e.aliases]
        names = [(q, n) for q, n in names if latin(n) and len(loose_parts(n)) >= 2]
        candidates = []
        for i in range(len(names)):
            for j in range(len(names)):
                if i == j or j > 0 and i < j:
                    continue  # traveller: an alias; listed: the primary name or an earlier alias
                (qa, a), (qb, b) = names[i], names[j]
                if i == 0 or exact_equal(a, b):
                    continue
                pa, pb = loose_parts(a), loose_parts(b)
                m, shorter = matched_parts(pa, pb), min(len(pa), len(pb))
                if m < shorter and (m < 2 or m < shorter - 1):
                    continue  # another name altogether (a pseudonym): found by listing it
                candidates.append((digest(e.pid + a + b), a, b, qa))
        for _, a, b, q in sorted(candidates)[:per_entry]:
            rows.add(e.split, "alias", a, b, "same", f"{e.pid}: two of its names ({q} alias)")


def original_script_pairs(entries, rows):
    for e in entries:
        for orig in e.originals:
            rows.add(e.split, "cross_script", orig, e.primary, "same",
                     f"{e.pid}: its name in the original script and in Latin")
        for q, alias in e.aliases:
            if not latin(alias) and "(" not in alias:
                rows.add(e.split, "cross_script", alias, e.primary, "same",
                         f"{e.pid}: its alias in the original script and its Latin name")


KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]


def neighbours(c):
    lc = c.lower()
    for r, row in enumerate(KEYBOARD):
        k = row.find(lc)
        if k < 0:
            continue
        out = [row[k - 1]] if k > 0 else []
        out += [row[k + 1]] if k + 1 < len(row) else []
        for rr in (r - 1, r + 1):
            if 0 <= rr < len(KEYBOARD):
                out += [KEYBOARD[rr][x] for x in (k - 1, k) if 0 <= x < len(KEYBOARD[rr])]
        return [x.upper() if c.isupper() else x for x in out]
    return []


def typo(name, r):
    """One typing error in one part of four letters or more: a letter dropped, doubled, swapped
    with its neighbour, replaced by a key beside it, or a neighbouring key struck as well."""
    words = name.split()
    idx = [i for i, w in enumerate(words) if len(re.sub(r"[^A-Za-z]", "", w)) >= 4]
    if not idx:
        return None
    i = r.choice(idx)
    w = words[i]
    pos = [k for k, c in enumerate(w) if c.isalpha()][1:]  # the first letter is kept
    k = r.choice(pos)
    kind = r.choice(["drop", "double", "swap", "replace", "insert"])
    if kind == "drop":
        w = w[:k] + w[k + 1:]
    elif kind == "double":
        w = w[:k] + w[k] + w[k:]
    elif kind == "swap":
        if k + 1 >= len(w) or not w[k + 1].isalpha() or w[k] == w[k + 1]:
            k -= 1
        w = w[:k] + w[k + 1] + w[k] + w[k + 2:]
    else:
        near = neighbours(w[k]) or [w[k]]
        c = r.choice(near)
        w = w[:k] + c + w[k + 1:] if kind == "replace" else w[:k + 1] + c + w[k + 1:]
    words[i] = w
    out = " ".join(words)
    return out if fold(out) != fold(name) else None


GLUE = {"al", "el", "bin", "ben", "ibn", "ould", "abu", "abd", "abdul", "abdel", "abdal", "abdur",
        "abdus", "abdu", "de", "del", "da", "dos", "van", "von", "bint"}


TAIL = {"allah", "ullah", "din", "uddin", "udin"}


def glued(name):
    """The words of a name, a particle joined to the word after it ("AL FATEH", "BEN ALI") and
    the tail of a compound to the word before it ("NOOR ALLAH"); "ALLAH" first in a compound
    takes the word after it ("ALLAH DAD")."""
    out = []
    for w in name.split():
        prev = fold(out[-1].split()[-1]) if out else ()
        head = prev and (prev[-1] in GLUE or fold(out[-1]) == ("allah",))
        if out and (head or fold(w) and fold(w)[-1] in TAIL and fold(out[-1]) != ("allah",)):
            out[-1] += " " + w
        else:
            out.append(w)
    return out


def typo_and_reorder_pairs(entries, rows):
    for e in entries:
        r = rng("typo", e.pid)
        t = None
        for _ in range(10 if len(e.primary.split()) >= 2 else 0):
            t = typo(e.primary, r)
            if t:
                break
        if t:
            rows.add(e.split, "typo", t, e.primary, "same", f"{e.pid}: one typing error")
        words = glued(e.primary)
        if len(words) < 2:
            continue
        if e.dprk:
            moved = " ".join(words[1:] + words[:1])  # given names first, as Western forms do
        else:
            kind = rng("reorder", e.pid).choice(["family first", "comma", "reversed"])
            if kind == "family first" or len(words) == 2 and kind == "reversed":
                moved = " ".join(words[-1:] + words[:-1])
            elif kind == "comma":
                moved = words[-1] + ", " + " ".join(words[:-1])
            else:
                moved = " ".join(reversed(words))
        rows.add(e.split, "reorder", moved, e.primary, "same", f"{e.pid}: its parts reordered")


def arabic_spellings():
    """Each single-word spelling of the Arabic table -> every spelling of the same name."""
    out = {}
    for row in T.ARABIC_GIVEN + T.ARABIC_FAMILY:
        spellings = [row[1], row[2]] + row[3]
        for s in spellings:
            words = fold(s)
            if len(words) == 1 or words[0] == "al" and len(words) == 2:
                out.setdefault(" ".join(w for w in words if w != "al"), spellings)
    return out


def same_case(template, word):
    return word.upper() if template.isupper() else word


def un_transliteration_pairs(entries, rows):
    table = arabic_spellings()
    for e in entries:
        words = e.primary.split()
        r = rng("translit", e.pid)
        changed = 0
        out = []
        for w in words:
            key = " ".join(x for x in fold(w) if x != "al")
            alts = [s for s in table.get(key, []) if fold(s) != fold(w) and
                    " ".join(x for x in fold(s) if x != "al") != key]
            if alts:
                out.append(same_case(w, r.choice(alts)))
                changed += 1
            else:
                out.append(w)
        if changed:
            rows.add(e.split, "transliteration", " ".join(out), e.primary, "same",
                     f"{e.pid}: its name with other spellings from the Arabic table")
        for orig in e.originals:
            if re.search("[\u0400-\u04ff]", orig):
                rows.add(e.split, "transliteration", icao_cyrillic(orig), e.primary, "same",
                         f"{e.pid}: its Cyrillic name transliterated by ICAO 9303")


# ---------------------------------------------------------------------------------------------
# Negatives from the lists: distinct entries of one list are distinct people.


GENDER_ENDINGS = [("ova", "ov"), ("eva", "ev"), ("yova", "yov"), ("ina", "in"),
                  ("skaya", "skiy"), ("skaya", "sky"), ("tskaya", "tskiy"), ("aya", "iy")]


def gender_stem(word):
    w = word.lower()
    for fem, masc in GENDER_ENDINGS:
        if w.endswith(fem) and len(w) > len(fem) + 2:
            return w[:-len(fem)] + masc, "f"
    for fem, masc in GENDER_ENDINGS:
        if w.endswith(masc) and len(w) > len(masc) + 2:
            return w, "m"
    return w, ""


PATRONYMIC = re.compile(r"(ovich|evich|ich|ovna|evna|ichna)$", re.I)


def years_conflict(a, b):
    return bool(a.years) and bool(b.years) and all(abs(x - y) > 1 for x in a.years
                                                   for y in b.years)


def shares_a_name(a, b):
    """Whether a's primary name is one of b's names (loosely): a namesake, not a negative."""
    return any(loose_equal(a.primary, n) for n in [b.primary] + [x for _, x in b.aliases])


def words(name):
    """Folded words of a name, particles dropped and Abd- compounds joined ("abd rahman")."""
    out, ws, i = [], [w for w in fold(name) if w not in PARTICLES], 0
    while i < len(ws):
        if ws[i] in ("abd", "abdel", "abdul", "abdal", "abdur", "abu") and i + 1 < len(ws):
            out.append(("abu " if ws[i] == "abu" else "abd ") + ws[i + 1])
            i += 2
        else:
            out.append(ws[i])
            i += 1
    return out


def word_same(a, b):
    """Equal words, or spellings with the same consonants (Hasan, Hassan) of 3 or more."""
    return a == b or (skeleton(a) == skeleton(b) and len(skeleton(a)) >= 3)


def negative_by_form(a, b, emit):
    """Emits a and b as a patronymic or gender-ending negative when their names differ so."""
    for x, y in ((a, b), (b, a)):
        # y's name carries x's given names right after y's own given name, and they share the
        # family name: a son beside his father, in the nasab of Arabic names.
        xg = words(x.primary)[:-1]
        yw = words(y.primary)
        if fold(x.family) != fold(y.family) or len(xg) < 2 or len(yw) < len(xg) + 2:
            continue
        if all(word_same(p, q) for p, q in zip(xg, yw[1:1 + len(xg)])) and \
                not word_same(yw[0], xg[0]):
            emit(y, x, "patronymic",
                 "where one's name carries the other's as the father's name")
            return
    pat_a = [w for w in a.primary.split() if PATRONYMIC.search(w)]
    pat_b = [w for w in b.primary.split() if PATRONYMIC.search(w)]
    fa, fb = fold(a.family), fold(b.family)
    if not fa or not fb:
        return
    sa, ga = gender_stem(fa[-1])
    sb, gb = gender_stem(fb[-1])
    if pat_a and pat_b and fold(a.given) == fold(b.given) and sa == sb and \
            fold(pat_a[0]) != fold(pat_b[0]):
        emit(a, b, "patronymic", "with the same given and family name and different patronymics")
    elif sa == sb and ga != gb and ga and gb:
        emit(a, b, "gender_ending", "whose family names differ by the gender ending")


def list_negatives(entries, rows, caps):
    by_split = collections.defaultdict(list)
    for e in entries:
        if len(e.primary.split()) >= 2:
            by_split[e.split].append(e)
    for split, group in sorted(by_split.items()):
        group.sort(key=lambda e: digest(e.pid))
        fam = collections.defaultdict(list)
        giv = collections.defaultdict(list)
        for e in group:
            fk, gk = words(e.family), words(e.given)
            if fk:
                fam[fk[-1]].append(e)
            if gk:
                giv[gk[0]].append(e)
        done = set()

        def emit(a, b, category, why):
            key = tuple(sorted((a.pid, b.pid)))
            if key in done:
                return False
            if category != "namesake_distinct_entries" and (shares_a_name(a, b) or
                                                             shares_a_name(b, a)):
                return False
            done.add(key)
            return rows.add(split, category, a.primary, b.primary, "different",
                            f"{a.pid} / {b.pid}: distinct entries {why}")

        # Namesakes: equal names, dates of birth more than a year apart in the list.
        names = collections.defaultdict(list)
        for e in group:
            names[" ".join(fold(e.primary))].append(e)
        for _, same in sorted(names.items()):
            for i in range(len(same)):
                for j in range(i + 1, len(same)):
                    if years_conflict(same[i], same[j]):
                        emit(same[i], same[j], "namesake_distinct_entries",
                             "with equal names, born more than a year apart")
        # Patronymics and gender endings, among entries whose names end alike.
        by_last = collections.defaultdict(list)
        for e in group:
            last = fold(e.family)
            if last:
                by_last[gender_stem(last[-1])[0]].append(e)
        for _, similar in sorted(by_last.items()):
            for i, a in enumerate(similar):
                for b in similar[i + 1:]:
                    negative_by_form(a, b, emit)
        # Shared family name, different given name.
        n = 0
        for key, members in sorted(fam.items(), key=lambda kv: digest(kv[0])):
            k = 0
            for i in range(len(members)):
                for j in range(i + 1, len(members)):
                    a, b = members[i], members[j]
                    if k >= caps["family_per_name"] or n >= caps["family"]:
                        break
                    ga, gb = words(a.given), words(b.given)
                    if not ga or not gb or word_same(ga[0], gb[0]):
                        continue
                    if emit(a, b, "shared_family_name", "sharing the family name"):
                        k += 1
                        n += 1
        # Shared given name, different family name.
        n = 0
        for key, members in sorted(giv.items(), key=lambda kv: digest(kv[0])):
            k = 0
            for i in range(len(members)):
                for j in range(i + 1, len(members)):
                    a, b = members[i], members[j]
                    if k >= caps["given_per_name"] or n >= caps["given"]:
                        break
                    fa, fb = words(a.family), words(b.family)
                    if not fa or not fb or word_same(fa[-1], fb[-1]) or a.family == a.given:
                        continue
                    if emit(a, b, "shared_given_name", "sharing a given name"):
                        k += 1
                        n += 1


# ---------------------------------------------------------------------------------------------
# Transliteration by rule

CYR_VOWELS = set("аеёиоуыэюяАЕЁИОУЫЭЮЯ")
BGN = dict(zip("абвгджзийклмнопрстуфхцчшщъыьэюя",
               ["a", "b", "v", "g", "d", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu",
                "ya"]))
ICAO = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o",
                 "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e",
                 "iu", "ia"]))


def cyr_word(word, table, bgn):
    out = ""
    for i, c in enumerate(word):
        lc = c.lower()
        if bgn and lc in "её":
            prev = word[i - 1].lower() if i else ""
            y = i == 0 or prev in CYR_VOWELS or prev in "йъь"
            out += ("y" if y else "") + "e"  # ё is "ë", written "e" as lists print it
        elif lc in table:
            out += table[lc]
        else:
            out += lc
    return out[:1].upper() + out[1:]


def bgn_cyrillic(name):
    """BGN/PCGN 1947 romanisation of Russian, apostrophes and diaeresis left out."""
    return " ".join(cyr_word(w, BGN, True) for w in name.split())


def icao_cyrillic(name):
    """ICAO Doc 9303 transliteration of Cyrillic (as machine-readable passports write it)."""
    return " ".join(cyr_word(w, ICAO, False) for w in name.split())


HANGUL_INITIAL_RR = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj",
                     "ch", "k", "t", "p", "h"]
HANGUL_INITIAL_MR = ["k", "kk", "n", "t", "tt", "r", "m", "p", "pp", "s", "ss", "", "ch", "tch",
                     "ch", "k", "t", "p", "h"]
HANGUL_VOICED_MR = {0: "g", 3: "d", 7: "b", 12: "j"}
HANGUL_VOWEL_RR = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo",
                   "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]
HANGUL_VOWEL_MR = ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo",
                   "u", "wo", "we", "wi", "yu", "u", "ui", "i"]  # ŏ, yŏ, wŏ, ŭ, ŭi as printed
HANGUL_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
                "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]


def hangul(syllable):
    code = ord(syllable) - 0xAC00
    return code // 588, (code % 588) // 28, code % 28


def korean_rr(syllables):
    """Revised Romanization of a given name: syllable by syllable, no sound changes."""
    out = ""
    for s in syllables:
        i, v, f = hangul(s)
        out += HANGUL_INITIAL_RR[i] + HANGUL_VOWEL_RR[v] + HANGUL_FINAL[f]
    return out[:1].upper() + out[1:]


def korean_mr(syllables, sep):
    """McCune-Reischauer of a given name: plain stops voiced after a vowel, n, m, ng or l; s
    before i and wi written sh; breves and aspiration apostrophes left out."""
    out = []
    prev_final = None
    for s in syllables:
        i, v, f = hangul(s)
        voiced = prev_final is not None and HANGUL_FINAL[prev_final] in ("", "n", "m", "ng", "l")
        init = HANGUL_VOICED_MR[i] if voiced and i in HANGUL_VOICED_MR else HANGUL_INITIAL_MR[i]
        if i == 9 and v in (20, 16):
            init = "sh"
        out.append(init + HANGUL_VOWEL_MR[v] + HANGUL_FINAL[f])
        prev_final = f
    text = sep.join(out)
    return ("-".join(w.capitalize() for w in text.split("-")) if sep == "-"
            else " ".join(w.capitalize() for w in text.split()))


def strip_marks(text):
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


# ---------------------------------------------------------------------------------------------
# Invented people from the tables. Each has an id (for the split) and its name in several forms.


class Person:
    def __init__(self, pid, forms, culture, family_key, given_key, extra=None):
        self.pid = pid
        self.forms = forms  # form name -> text
        self.culture = culture
        self.family = family_key
        self.given = given_key  # a tuple: what must differ for "different given name"
        self.extra = extra or {}
        self.split = split_of(pid)


def arabic_people(n):
    r = rng("people", "arabic")
    out, seen = [], set()
    while len(out) < n:
        g = r.choice(T.ARABIC_GIVEN)
        f = r.choice(T.ARABIC_MALE)
        fam = r.choice(T.ARABIC_FAMILY)
        if g is f or (g[1], f[1], fam[1]) in seen:
            continue
        seen.add((g[1], f[1], fam[1]))
        common = " ".join([r.choice(g[3]), r.choice(f[3]), r.choice(fam[3])])
        out.append(Person(f"table:arabic:{len(out):03d}", {
            "script": f"{g[0]} {f[0]} {fam[0]}",
            "ALA-LC": f"{g[1]} {f[1]} {fam[1]}",
            "BGN/PCGN": f"{g[2]} {f[2]} {fam[2]}",
            "passport": common}, "Arabic", fam[1], (g[1],), {"father": f, "rows": (g, f, fam)}))
    return out


def russian_people(n):
    r = rng("people", "russian")
    out, seen = [], set()
    while len(out) < n:
        female = r.random() < 0.4
        pair = r.random() < 0.3
        if pair:
            gp = r.choice(T.RUSSIAN_GIVEN_PAIRS)
            given = gp[1] if female else gp[0]
        else:
            given = r.choice(T.RUSSIAN_FEMALE if female else T.RUSSIAN_MALE)
        pat = r.choice(T.RUSSIAN_PATRONYMICS)
        fam = r.choice(T.RUSSIAN_FAMILY)
        patronymic = pat[2] if female else pat[1]
        family = fam[1] if female else fam[0]
        key = (given, patronymic, family)
        if key in seen:
            continue
        seen.add(key)
        cyr = f"{given} {patronymic} {family}"
        out.append(Person(f"table:russian:{len(out):03d}", {
            "script": cyr, "BGN/PCGN": bgn_cyrillic(cyr), "ICAO 9303": icao_cyrillic(cyr)},
            "Russian", fam[0], (given,), {"female": female, "father": pat[0], "fam": fam,
                                         "given": given, "pat": pat}))
    return out


def chinese_people(n):
    r = rng("people", "chinese")
    out, seen = [], set()
    while len(out) < n:
        s = r.choice(T.CHINESE_SURNAMES)
        k = 1 if r.random() < 0.3 else 2
        gs = r.sample(T.CHINESE_GIVEN, k)
        han = s[0] + "".join(g[0] for g in gs)
        if han in seen:
            continue
        seen.add(han)
        py = "".join(g[1] for g in gs)
        wg = "-".join(g[2] for g in gs)
        py_key = py.capitalize()
        out.append(Person(f"table:chinese:{len(out):03d}", {
            "script": han,
            "Pinyin": f"{s[1]} {py_key}",
            "Pinyin split": f"{s[1]} " + " ".join(g[1].capitalize() for g in gs),
            "Wade-Giles": f"{s[2]} {wg.capitalize()}"},
            "Chinese", s[1], (py, wg.replace("-", "")), {"wg_family": s[2]}))
    return out


def korean_people(n):
    r = rng("people", "korean")
    out, seen = [], set()
    while len(out) < n:
        s = r.choice(T.KOREAN_SURNAMES)
        gs = r.sample(T.KOREAN_SYLLABLES, 2)
        han = s[0] + "".join(gs)
        if han in seen:
            continue
        seen.add(han)
        sep = "-" if r.random() < 0.5 else " "
        out.append(Person(f"table:korean:{len(out):03d}", {
            "script": han,
            "RR": f"{s[2]} {korean_rr(gs)}",
            "MR": f"{s[3]} {korean_mr(gs, sep)}"},
            "Korean", s[0], (korean_rr(gs).lower(), korean_mr(gs, "").lower())))
    return out


def indic_people(name, given, family, n):
    r = rng("people", name)
    out, seen = [], set()
    while len(out) < n:
        g, f = r.choice(given), r.choice(family)
        if (g[0], f[0]) in seen:
            continue
        seen.add((g[0], f[0]))
        out.append(Person(f"table:{name.lower()}:{len(out):03d}", {
            "script": f"{g[0]} {f[0]}",
            "ISO 15919": f"{g[1]} {f[1]}",
            "ISO 15919 (ASCII)": strip_marks(f"{g[1]} {f[1]}"),
            "passport": f"{g[2]} {f[2]}"}, name, f[2], (g[2],)))
    return out


def world_people(per_culture):
    out = []
    for culture, given, family in T.WORLD_NAMES:
        r = rng("people", "world", culture)
        combos = [(g, f) for g in given for f in family]
        r.shuffle(combos)
        for i, (g, f) in enumerate(combos[:per_culture]):
            out.append(Person(f"table:world:{culture}:{i:02d}", {"passport": f"{g} {f}"},
                              culture, f, (g,)))
    return out


# Which form the traveller shows and which the list writes, for each table.
TABLE_POSITIVES = {
    "Arabic": [("cross_script", "script", "ALA-LC"), ("cross_script", "script", "BGN/PCGN"),
               ("transliteration", "passport", "ALA-LC"),
               ("transliteration", "passport", "BGN/PCGN")],
    "Russian": [("cross_script", "script", "BGN/PCGN"),
                ("transliteration", "ICAO 9303", "BGN/PCGN")],
    "Chinese": [("cross_script", "script", "Pinyin"), ("transliteration", "Wade-Giles", "Pinyin"),
                ("transliteration", "Pinyin split", "Pinyin")],
    "Korean": [("cross_script", "script", "MR"), ("cross_script", "script", "RR"),
               ("transliteration", "RR", "MR")],
    "Devanagari": [("cross_script", "script", "passport"),
                   ("transliteration", "ISO 15919", "passport"),
                   ("transliteration", "ISO 15919 (ASCII)", "passport")],
    "Bengali": [("cross_script", "script", "passport"),
                ("transliteration", "ISO 15919", "passport"),
                ("transliteration", "ISO 15919 (ASCII)", "passport")],
}
# The form a listed name takes in the negatives of each table, and the traveller's forms.
LISTED_FORM = {"Arabic": "ALA-LC", "Russian": "BGN/PCGN", "Chinese": "Pinyin", "Korean": "MR",
               "Devanagari": "passport", "Bengali": "passport"}
TRAVELLER_FORMS = {"Arabic": ["script", "passport"], "Russian": ["script", "ICAO 9303"],
                   "Chinese": ["script", "Wade-Giles", "Pinyin"], "Korean": ["script", "RR"],
                   "Devanagari": ["script", "passport"], "Bengali": ["script", "passport"]}


def table_positives(people, rows):
    for p in people:
        kinds = TABLE_POSITIVES[p.culture]
        first = digest("kinds" + p.pid) % len(kinds)
        for category, a, b in (kinds + kinds)[first:first + 2]:
            rows.add(p.split, category, p.forms[a], p.forms[b], "same",
                     f"{p.pid}: invented; {p.culture} table, {a} / {b}")


def different_given(a, b):
    return all(x != y for x, y in zip(a.given, b.given)) and \
        not any(x in b.given for x in a.given)


def table_negatives(people, rows, per_person):
    by_split = collections.defaultdict(list)
    for p in people:
        by_split[p.split].append(p)
    for split, group in sorted(by_split.items()):
        for a in group:
            r = rng("neg", a.pid)
            tform = TRAVELLER_FORMS[a.culture][digest(a.pid) % len(TRAVELLER_FORMS[a.culture])]
            lform = LISTED_FORM[a.culture]
            fam = [b for b in group if b is not a and b.culture == a.culture and
                   b.family == a.family and different_given(a, b)]
            giv = [b for b in group if b is not a and b.culture == a.culture and
                   b.family != a.family and b.given[0] == a.given[0]]
            for cat, pool in (("shared_family_name", fam), ("shared_given_name", giv)):
                for b in r.sample(pool, min(per_person, len(pool))):
                    rows.add(split, cat, a.forms[tform], b.forms[lform], "different",
                             f"{a.pid} / {b.pid}: invented; {a.culture} table, {tform} / {lform}")


def arabic_patronymics(people, rows):
    """A son named after his father (nasab) and two men of one name and family with different
    fathers: invented, so distinct people by construction."""
    for a in people:
        g, f, fam = a.extra["rows"]
        r = rng("nasab", a.pid)
        if g not in T.ARABIC_MALE:
            continue
        son_given = r.choice([x for x in T.ARABIC_MALE if x is not g and x is not f])
        forms = {
            "script": f"{son_given[0]} {g[0]} {f[0]} {fam[0]}",
            "passport": f"{r.choice(son_given[3])} {r.choice(g[3])} {r.choice(f[3])} "
                        f"{r.choice(fam[3])}"}
        tform = "script" if digest(a.pid) % 3 == 0 else "passport"
        rows.add(a.split, "patronymic", forms[tform], a.forms["ALA-LC"], "different",
                 f"{a.pid}: invented; Arabic table, his son ({tform}) / him (ALA-LC)")
        other_father = r.choice([x for x in T.ARABIC_MALE if x is not f and x is not g])
        brother = f"{g[1]} {other_father[1]} {fam[1]}"
        cousin = f"{r.choice(g[3])} {r.choice(other_father[3])} {r.choice(fam[3])}"
        rows.add(a.split, "patronymic", cousin, a.forms["ALA-LC"], "different",
                 f"{a.pid}: invented; Arabic table, same name and family, another father "
                 f"({brother})")


# Family names formed from a father's given name (the male form in RUSSIAN_FAMILY).
FAMILY_FROM_FATHER = {"Иван": "Иванов", "Пётр": "Петров", "Сергей": "Сергеев", "Андрей": "Андреев",
                      "Павел": "Павлов", "Михаил": "Михайлов", "Фёдор": "Фёдоров",
                      "Василий": "Васильев", "Николай": "Николаев", "Дмитрий": "Дмитриев",
                      "Григорий": "Григорьев", "Илья": "Ильин"}


def russian_patronymics(people, rows):
    fam_by_cyr = {f[0]: f for f in T.RUSSIAN_FAMILY}
    for a in people:
        x = a.extra
        r = rng("patronymic", a.pid)
        tform = "script" if digest(a.pid) % 3 == 0 else "ICAO 9303"
        # Same given and family name, another father.
        pat = r.choice([p for p in T.RUSSIAN_PATRONYMICS if p[0] != x["father"]])
        family = x["fam"][1] if x["female"] else x["fam"][0]
        other = f"{x['given']} {pat[2] if x['female'] else pat[1]} {family}"
        rows.add(a.split, "patronymic", icao_cyrillic(other) if tform != "script" else other,
                 a.forms["BGN/PCGN"], "different",
                 f"{a.pid}: invented; Russian table, same given and family name, another "
                 f"patronymic ({tform} / BGN/PCGN)")
        # Patronymic and family name swapped: Ivan Sergeyevich Petrov beside Ivan Petrovich
        # Sergeyev (both family names come from a father's name).
        father_of = {v: k for k, v in FAMILY_FROM_FATHER.items()}
        if x["father"] in FAMILY_FROM_FATHER and x["fam"][0] in father_of:
            new_fam = fam_by_cyr[FAMILY_FROM_FATHER[x["father"]]]
            new_pat = [p for p in T.RUSSIAN_PATRONYMICS if p[0] == father_of[x["fam"][0]]][0]
            swapped = f"{x['given']} {new_pat[2] if x['female'] else new_pat[1]} " \
                      f"{new_fam[1] if x['female'] else new_fam[0]}"
            if new_fam != x["fam"]:
                rows.add(a.split, "patronymic",
                         icao_cyrillic(swapped) if tform != "script" else swapped,
                         a.forms["BGN/PCGN"], "different",
                         f"{a.pid}: invented; Russian table, patronymic and family name from "
                         f"swapped fathers' names ({tform} / BGN/PCGN)")
        # The same name in the other gender: a sister or a brother.
        gp = [g for g in T.RUSSIAN_GIVEN_PAIRS if x["given"] in g]
        if gp:
            g2 = gp[0][0] if x["female"] else gp[0][1]
            fam2 = x["fam"][0] if x["female"] else x["fam"][1]
            pat2 = x["pat"][1] if x["female"] else x["pat"][2]
            if fam2 != family or g2 != x["given"]:
                sib = f"{g2} {pat2} {fam2}"
                rows.add(a.split, "gender_ending",
                         icao_cyrillic(sib) if tform != "script" else sib,
                         a.forms["BGN/PCGN"], "different",
                         f"{a.pid}: invented; Russian table, the name in the other gender")
        elif x["fam"][0] != x["fam"][1]:
            sib_given = r.choice(T.RUSSIAN_MALE if x["female"] else T.RUSSIAN_FEMALE)
            sib = f"{sib_given} {x['pat'][1] if x['female'] else x['pat'][2]} " \
                  f"{x['fam'][0] if x['female'] else x['fam'][1]}"
            rows.add(a.split, "gender_ending", icao_cyrillic(sib) if tform != "script" else sib,
                     a.forms["BGN/PCGN"], "different",
                     f"{a.pid}: invented; Russian table, a sibling of the other gender")


# ---------------------------------------------------------------------------------------------
# Non-listed people beside the closest listed name


class ListedIndex:
    def __init__(self, entries):
        self.by_split = collections.defaultdict(lambda: collections.defaultdict(set))
        self.names = {}
        for e in entries:
            for n in [e.primary] + [a for _, a in e.aliases]:
                if latin(n):
                    for p in set(loose_parts(n)):
                        self.by_split[e.split][p].add((e.pid, n))
            self.names[e.pid] = e

    def closest(self, name, split):
        """The listed (entry, name) sharing most parts with `name`, or None; also whether some
        listed name equals it loosely (a namesake)."""
        parts = loose_parts(name)
        counts = collections.Counter()
        for p in set(parts):
            for key in self.by_split[split].get(p, ()):
                counts[key] += 1
        best, best_key = None, None
        for (pid, n), c in counts.items():
            if loose_equal(name, n):
                return None, True
            key = (-matched_parts(parts, loose_parts(n)), abs(len(loose_parts(n)) - len(parts)),
                   digest(pid + n))
            if best_key is None or key < best_key:
                best, best_key = (pid, n), key
        return best, False


def unrelated_pairs(world, tables, entries, rows):
    index = ListedIndex(entries)
    by_split = collections.defaultdict(list)
    for e in entries:
        by_split[e.split].append(e)
    arabic_script = collections.defaultdict(list)
    for e in entries:
        for o in e.originals:
            if re.search("[\u0600-\u06ff]", o):
                arabic_script[e.split].append((e.pid, o))
    for p in world:
        name = p.forms["passport"]
        best, namesake = index.closest(name, p.split)
        if namesake:
            continue
        if best is None:
            pool = by_split[p.split]
            e = pool[digest(p.pid) % len(pool)]
            best = (e.pid, e.primary)
        rows.add(p.split, "unrelated", name, best[1], "different",
                 f"{p.pid} / {best[0]}: invented, not listed ({p.culture}); the closest listed "
                 f"name")
    for p in tables:
        latin_forms = [v for k, v in p.forms.items() if k != "script" and latin(v)]
        found = [index.closest(v, p.split) for v in latin_forms]
        if any(n for _, n in found):
            continue
        best = max((b for b, _ in found if b), default=None,
                   key=lambda b: (matched_parts(loose_parts(b[1]), loose_parts(latin_forms[0])),
                                  -digest(b[0] + b[1])))
        if best is not None:
            rows.add(p.split, "unrelated_cross_script", p.forms["script"], best[1], "different",
                     f"{p.pid} / {best[0]}: invented, not listed ({p.culture} script); the "
                     f"closest listed name")
        if p.culture in ("Chinese", "Korean") and arabic_script[p.split]:
            pool = arabic_script[p.split]
            pid, o = pool[digest("arabic" + p.pid) % len(pool)]
            rows.add(p.split, "unrelated_cross_script", p.forms["script"], o, "different",
                     f"{p.pid} / {pid}: invented, not listed ({p.culture} script); a listed "
                     f"name in Arabic script")


# ---------------------------------------------------------------------------------------------


CATEGORY_ORDER = ["alias", "cross_script", "transliteration", "typo", "reorder",
                  "shared_family_name", "shared_given_name", "patronymic", "gender_ending",
                  "namesake_distinct_entries", "unrelated", "unrelated_cross_script"]


def build():
    un, ofac = un_entries(), ofac_entries()
    rows = Rows()
    alias_pairs(un, rows, per_entry=2)
    alias_pairs([e for e in ofac if digest("alias" + e.pid) % 2 == 0], rows, per_entry=1)
    original_script_pairs(un, rows)
    typo_and_reorder_pairs(un, rows)
    un_transliteration_pairs(un, rows)
    list_negatives(un, rows, {"family": 400, "family_per_name": 6, "given": 300,
                              "given_per_name": 4})
    list_negatives(ofac, rows, {"family": 500, "family_per_name": 3, "given": 300,
                                "given_per_name": 3})
    arabic, russian = arabic_people(120), russian_people(120)
    chinese, korean = chinese_people(120), korean_people(120)
    deva = indic_people("Devanagari", T.DEVANAGARI_GIVEN, T.DEVANAGARI_FAMILY, 80)
    beng = indic_people("Bengali", T.BENGALI_GIVEN, T.BENGALI_FAMILY, 80)
    tables = arabic + russian + chinese + korean + deva + beng
    table_positives(tables, rows)
    table_negatives(tables, rows, per_person=1)
    arabic_patronymics(arabic, rows)
    russian_patronymics(russian, rows)
    unrelated_pairs(world_people(24), tables, un + ofac, rows)
    return rows.rows


def write(rows, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    order = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    for split in ("dev", "test"):
        mine = sorted((r for r in rows if r[0] == split),
                      key=lambda r: (order[r[1]], r[5], r[2], r[3]))
        buf = io.StringIO()
        buf.write(f"# Screening name-matching evaluation set, {split} split: written by "
                  "scripts/screening_eval_set.py, do not edit.\n")
        buf.write("# Thresholds are tuned on dev only; figures are reported on test. "
                  "README.md beside this file says how the set is made.\n")
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["category", "name1", "name2", "label", "source"])
        for r in mine:
            w.writerow(r[1:])
        with open(os.path.join(out_dir, f"{split}.csv"), "w", encoding="utf-8",
                  newline="") as f:
            f.write(buf.getvalue())


def counts_table(rows):
    c = collections.Counter((r[1], r[0]) for r in rows)
    labels = {r[1]: r[4] for r in rows}
    lines = ["| category | label | dev | test | total |", "|---|---|---:|---:|---:|"]
    for cat in CATEGORY_ORDER:
        d, t = c[(cat, "dev")], c[(cat, "test")]
        if d + t:
            lines.append(f"| {cat} | {labels[cat]} | {d} | {t} | {d + t} |")
    for label in ("same", "different"):
        d = sum(1 for r in rows if r[0] == "dev" and r[4] == label)
        t = sum(1 for r in rows if r[0] == "test" and r[4] == label)
        lines.append(f"| all {label} | | {d} | {t} | {d + t} |")
    d = sum(1 for r in rows if r[0] == "dev")
    lines.append(f"| all | | {d} | {len(rows) - d} | {len(rows)} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "screening", "eval"))
    args = ap.parse_args()
    rows = build()
    write(rows, args.out)
    print(counts_table(rows))


if __name__ == "__main__":
    main()
