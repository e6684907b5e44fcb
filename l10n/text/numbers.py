"""Read the numbers and dates a Korean or English text states, as values.

``read(text)`` finds every figure in a text, in either language or a mix of both,
and gives its value: ``1억1천만`` and ``110 million`` are both 110,000,000,
``12조3천억`` and ``12.3 trillion`` are both 12,300,000,000,000, ``1,000``,
``1천`` and ``one thousand`` are all 1,000. Dates are read apart from numbers
(``2026년 11월 28일``, ``Nov. 28, 2026``, ``2026-11-28`` are one date), so that the
figures of a date never count as numbers.

Newsroom translation does not keep every figure literally, so each value says how
sure the reading is:

- **firm** values are figures written with digits (``3만``, ``30,000``, ``$1.2
  billion``, ``2026년``). A firm value on one side must appear on the other.
- **soft** values are figures a translation may legitimately write another way or
  drop: spelled-out words (``three``, ``a million``, ``twice``, Korean native
  numerals ``두``), ordinals (``1st``, ``first``, ``1위``, ``제3``), a bare day of
  the month (``2일``: English says "on Monday"), fractions (``3분의 1``) and the
  indefinite article (``a year`` for ``1년``). A soft value can stand for a firm
  one on the other side, but is never missed itself.

Times of day compare as times (``7시 15분`` = ``0715``), model names as names
(``F-16``), and a bare day (``19일``) against the days of the other side's dates
or its bare days ("on the 19th"). Newsroom forms read as the other language
writes them: a football minute (``후반 23분`` = "the 68th minute"), a race time
(``1분44초40`` = "1:44.40"), a metric prefix (``2억 화소`` = "200-megapixel"), a
span in two units (``2시간 30분`` = "two and a half hours"), a range
(``1~9월`` = "January through September"), a score as a pair (``2대1`` = "2-1"),
a rate move (``0.25%포인트`` = "a quarter percentage point" = "25 basis points"),
a height (``2m33`` = "2.33 meters"), a season (``2024-2025`` = "2024-25"), an
approximate count in dozens (``10여 명`` = "about a dozen"), a straight-sets win
(``2-0``), a span without a count ("the past decade", "half a century").
``compare`` also tells apart what a translator does on purpose: a unit converted
within rounding (``120km`` = ``75 mph``), a figure glossed in brackets (``176
euros ($277)``), a year for ``올해``, a clock time added in another time zone
beside the one the source gives; these are ``explained``, not missing. What
cannot be normalised (currencies converted outside brackets) is read figure by
figure, which may flag a real change; the caller decides what to do with a
difference (see checks.py). bench/qa_figures.py measures all this on real news
pairs.

Pure functions, standard library only. Hand-written because the number libraries
we looked at read one language at a time and none reads Korean unit numerals mixed
with digits (``1억1천만``, ``3만``, ``12조3천억``) or native counts (``열흘``); the
checks built on this reader caught 46 of 48 detectable figure changes in real news
pairs when the tool was tried from outside.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import cast

from l10n.text.language import readable_text
from l10n.text.scripts import HANGUL, is_hangul

# --- what a figure looks like ---------------------------------------------------------

# 4차로, 4차선: four lanes, a count (not 3차 회담, the third round of talks).
# 1,000  1,234.5  12  4.5  (a comma group must have exactly three digits). \d is
# any Unicode decimal digit, each of which Decimal reads: every figure has a value.
_FIGURE = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"


def _opening_with(first: str, pattern: str) -> str:
    """``pattern`` led by a lookahead for ``first``, a class every match of it starts
    with. Where a pattern opens with a lookbehind or an optional group the engine
    works through them at every position of the text; led by the class it gives up
    at once wherever none of its characters stands (the scan takes a half to a
    third of the time, finding the same matches: tests/test_figure_readings.py)."""
    return f"(?={first})(?:{pattern})"


_KOREAN_SMALL = {"십": 10, "백": 100, "천": 1000}
_KOREAN_LARGE = {"만": 10**4, "억": 10**8, "조": 10**12, "경": 10**16}
# A unit counts only where it ends the number, not where its syllable starts a noun
# (``200경기`` is 200 games, not 200 경; ``10조각`` is ten pieces).
# A Hangul syllable, for patterns compiled with IGNORECASE too. Hangul has no case,
# so case-insensitive matching changes nothing about what the class takes
# (tests/test_numbers.py checks every code point), but compiling it under IGNORECASE
# runs Python code over each of its 11,172 code points (folding each one): the class
# taken out of IGNORECASE keeps ~2.5 ms off the module's import, which every
# `l10n build` pays.
_HANGUL_SYLLABLE_CASELESS = "(?-i:[가-힣])"
_KOREAN_UNIT = f"(?:[십만억]|천(?!국|연|막|체)|백(?!신|인|화|악|색|두|조|과)|조(?!각|사|직|치|건|정|합|약|성|달|항|종|명|류|선|언|회)|경(?!{_HANGUL_SYLLABLE_CASELESS}))"

_ENGLISH_SCALE = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "mn": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
_SCALE_WORDS = "|".join(sorted(_ENGLISH_SCALE, key=len, reverse=True))
# Korean writes the rest of an amount after its unit with or without a space
# (1만30원, 1만 30원, 2만 590명): spaced, the rest still belongs to the amount when a
# counter follows it at once. Not 대, which is also an age bracket (1만 30대).
_SPACED_COUNTER = r"\s?(?:원|명|달러|엔|위안|유로|개|건|가구|표|톤|곳|마리|채|척|부|권|병|회)"

# A figure (not the tail of a decimal or an identifier such as 1.2.3), then either
# Korean units (``1억1천만``, ``1조 2천억``: a space is allowed only before another
# figure with its own unit) or an English scale word (``110 million``, ``$1.2bn``),
# matched case-insensitively in ASCII only: Unicode case folding would also take
# look-alikes (long s, dotless i) that are not in the scale table.
# The figure is _FIGURE with its first digit taken out in front, and what may not
# stand before it looked for behind that digit: a pattern that starts with a digit
# lets the engine skip ahead to the next digit, one that starts with a lookbehind
# makes it try every position (4-5 us of a text's reading; tests/test_figure_readings.py
# holds the two forms to the same matches).
_LEADING_FIGURE = r"\d(?<![\d.,]\d)(?:\d{0,2}(?:,\d{3})+(?!\d)|\d*)(?:\.\d+)?"
_NUMBER = re.compile(
    rf"""
    (?P<figure>{_LEADING_FIGURE})
    (?:
        (?P<korean>{_KOREAN_UNIT}+(?:\s?(?:{_FIGURE}){_KOREAN_UNIT}+)*(?:{_FIGURE}(?![\d.,])|\s{_FIGURE}(?![\d.,])(?={_SPACED_COUNTER}))?)
      | \s?-?\s?(?P<scale>(?a:{_SCALE_WORDS}))\b
      | (?P<short>m)\b
    )?
    (?P<after>\s?(?:번째|째|위|등|차(?!례|선|로)|분의|st\b|nd\b|rd\b|th\b))?
    """,
    re.VERBOSE | re.IGNORECASE,
)
_KOREAN_PARTS = re.compile(rf"(?P<figure>{_FIGURE})|(?P<unit>{_KOREAN_UNIT})")
# 제3회, 제 3 차: an ordinal prefix.
_ORDINAL_PREFIX = re.compile(r"제\s?$")
# 2일, 24~26일: a day of the month (or a count of days); the reading cannot tell.
_DAY_ONLY = re.compile(rf"(?:\s?[~\u223c\u301c-]\s?{_FIGURE})?\s?일(?!본|반|부(?!터)|단|어|대)")
# 19일 on its own: a day of the month, not a count of days (3일간, 3일 동안, 3일째).
# 10일 만에, 3일간: a count of days, which a translation keeps ("nine days").
_DAY_COUNT = re.compile(r"\s?일\s?(?:간|동안|째|만에|이내)")
# "on the 14th", "the 1st of next month": an English day of the month without its
# month, which is how a translation gives a bare Korean 14일 (held against it as a day).
_ENGLISH_DAY_BEFORE = re.compile(r"\b(?:[Oo]n|[Bb]y|[Uu]ntil|[Tt]ill|[Ff]rom|[Ss]ince|[Bb]efore|[Aa]fter|[Tt]hrough|to|and) the\s$")
# The day is followed by punctuation, a preposition or a verb ("on the 1st injured
# three"), not by a noun it numbers ("on the 3rd floor"); or by the time zone it
# is in ("at midnight on the 26th Korea time", "the 5th local time").
_ENGLISH_DAY_AFTER = re.compile(
    r"\s?(?:[,.;:)!?]|$)|\s(?:at|in|and|to|from|when|after|before|with|for|as|but|while|until|through|during|[a-z]+ed)\b"
    r"|\s(?:[A-Z][a-z]+\s|local\s)time\b"
)
_OF_THE_MONTH = re.compile(r"\s?of (?:next|this|last|the) month\b")
# A word after a space is no part of the day (27일 본회의: the plenary on the 27th);
# attached, 일본, 일반, 일부 ... are words of their own.
_BARE_DAY = re.compile(r"일(?!\s?(?:간|동안|째|만|이내|후|뒤|전|씩|치|이상|가량|정도|여)|본|반|부(?!터)|단|어|대)")
# Figures of a model or code name: F-16, A380, G20, H5N1, COVID-19, 3G, 3D, 4WD (not
# 50MW or \$100M, which are amounts). A hyphen and a word after the name are no
# part of it: "GPT-4-level" names GPT-4, as GPT-4 수준 does. Read
# as names (compared as written), not quantities; a Korean word before them does not
# stop them (갤럭시S8).
# Written for the scan: the first character, a capital or a digit, comes first and
# what may not stand before it is looked for behind it, so that the engine skips
# ahead to a capital or a digit; the plain form is
# (?<![A-Za-z\d.,])(?:[A-Z][A-Za-z]*-?\d+(?:[A-Za-z\d]|-(?=[A-Z\d]))*|(?<![$£€¥])\d+(?:G|D|WD)(?![A-Za-z\d]))
# (tests/test_figure_readings.py holds the two to the same matches).
_IDENTIFIER = re.compile(
    r"[A-Z\d](?<![A-Za-z\d.,][A-Z\d])"
    r"(?:(?<=[A-Z])[A-Za-z]*-?\d+(?:[A-Za-z\d]|-(?=[A-Z\d]))*|(?<=\d)(?<![$£€¥]\d)\d*(?:G|D|WD)(?![A-Za-z\d]))"
)
# Times of day, read as minutes after 0 or 12 o'clock (a translation may write
# 오후 5시 as "5 p.m." or "1700"): 7시 15분, 오전 0시 26분, 7:15, 5 p.m., 0715, 1215 GMT.
_TIMES = [
    re.compile(_opening_with(r"\d", r"(?<![\d.,])(?P<hour>[01]?\d|2[0-4])\s?시\s?(?:(?P<minute>[0-5]?\d)\s?분|(?P<half>반))?(?!간|대|각|점|장|즌|민)")),
    re.compile(r"(?<![\d.,:])(?P<hour>[01]?\d|2[0-4])(?::(?P<minute>[0-5]\d))?\s?(?:a\.m\.|p\.m\.|[ap]m\b|o'clock)", re.IGNORECASE),
    re.compile(r"(?<![\d.,:])(?P<hour>[01]?\d|2[0-4]):(?P<minute>[0-5]\d)(?![\d:])"),
    re.compile(r"(?<![\d.,:])(?P<hour>0\d|1\d|2[0-3])(?P<minute>[0-5]\d)(?=\s?(?:GMT|UTC|ET|EST|EDT|KST|hours|hrs|local time)\b)|(?<![\d.,:])(?P<early>0\d)(?P<late>[0-5]\d)(?!\d)"),
]
# A batting average: 2할6푼8리 is .268.
_AVERAGE = re.compile(_opening_with(r"[\d.]", r"(?<![\d.])(?P<a>\d)할(?:\s?(?P<b>\d)푼)?(?:\s?(?P<c>\d)리)?|(?<![\w.,])\.(?P<d>\d{3})(?!\d)"))
# 2, 3년 (two or three years): an estimate a translation gives as "a couple" or "a few".
_ESTIMATE = re.compile(_opening_with(r"\d", r"(?<![\d.,])(?P<low>\d{1,2})\s?,\s?(?P<high>\d{1,2})(?=\s?[가-힣])"))
# 2대1, 2-1: the result of a match or a vote, compared as a pair (see Score): read
# apart, 2-1 against 2-2 would pass as a figure repeated.
_SCORE = re.compile(_opening_with(r"\d", r"(?<![\d.,:/\-\u2013])(?P<a>\d{1,3})\s?(?:대|[-\u2013])\s?(?P<b>\d{1,3})(?![\d:/]|[.,]\d|[-\u2013]\d)"))
# 헌법 9조: an article of a law, not 9 trillion. So is 제3조 (an amount is never
# numbered with 제) and 3조 2항 (Article 3, Paragraph 2: only a law has paragraphs).
_LAW = re.compile(r"법\s?(?:제\s?)?$")
_PARAGRAPH_AFTER = re.compile(r"\s?(?:제\s?)?\d+\s?항(?!공|구|로|만|암|체)")
# 13초04: a race time, 13.04 seconds (10초0 in tenths, 10.0); 1분44초40 is 104.40 seconds, which an English
# sports page writes as 1:44.40 (minutes, a colon, seconds and hundredths after a
# point). Both are read as seconds, so they compare; "1:44.40" is no clock time.
_RACE_TIME = re.compile(_opening_with(r"\d", r"(?<![\d.])(?:(?P<minutes>\d+)분\s?)?(?P<seconds>\d+)초(?P<hundredths>\d{1,3})(?!\d)"))
_RACE_CLOCK = re.compile(r"(?<![\d.,:])(?P<minutes>\d{1,2}):(?P<seconds>[0-5]\d)\.(?P<hundredths>\d{1,3})(?!\d)")
# Wire copy also spells a race time out: "3 minutes, 42.50 seconds" for 3분42초50.
_RACE_WORDS = re.compile(
    r"(?<![\d.,:])(?P<minutes>\d{1,2})\sminutes?,?\s(?:and\s)?(?P<seconds>[0-5]?\d)\.(?P<hundredths>\d{1,3})\sseconds?\b"
)
# 후반 23분: a football match minute. The clock runs on through the second half, so
# English reports give 후반 23분 as "the 68th minute" (45 + 23); 전반 N분 is the Nth
# minute, and extra time's halves start at 90 and 105. The minute is read as that
# ordinal (held against an ordinal the other side states in digits), and the
# minute of the half as written stays a soft figure ("23 minutes into the second half").
_MATCH_MINUTE = re.compile(r"(?P<half>연장\s?전반|연장\s?후반|전반|후반)\s?(?P<minute>\d{1,2})\s?분(?!\s?(?:간|동안|만에))")
_HALF_START = {"전반": 0, "후반": 45, "연장전반": 90, "연장후반": 105}
# 2시간 30분, 징역 2년 6개월, 2년 반: one span written in two units. English gives it
# as one ("two and a half hours", "two and a half years", "18 months"), so each
# part also stands for the whole, in the larger unit and in the smaller.
_COMPOUND_SPAN = re.compile(
    _opening_with(r"\d", r"(?<![\d.,])(?P<big>\d+)\s?(?:(?P<hours>시간)|(?P<years>년))\s?(?:(?P<small>\d+)\s?(?(hours)분|개월)|(?P<half>반))")
)
# 5 1/2 years, 2½ hours: a mixed number, as American copy writes a half (5년 6개월).
_MIXED_NUMBER = re.compile(r"(?<![\d.,/])(?P<whole>\d+)(?:\s(?P<numerator>[13])/(?P<denominator>[24])|(?P<sign>[½¼¾]))(?![\d/])")
_FRACTION_SIGNS = {"½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75")}
# Metric prefixes scale the figure of a unit (a 200-megapixel camera has 2억 화소,
# 50MW is 5만kW): the figure is read times its prefix on either side. Only units
# whose prefixed and bare forms both occur in the news (watts, pixels, tons, bytes,
# hertz, bits); km and kg are lengths and masses, converted as such. Korean writes
# the prefix alone for bytes ("64기가"); 킬로 alone is km or kg there, so it needs its unit.
_PREFIXED_UNIT = re.compile(
    r"\s?-?\s?(?:(?P<word>(?i:kilo|mega|giga|tera))-?(?=(?i:watt|pixel|ton|byte|hertz|bit))"
    r"|(?P<symbol>[kKMGT])(?=(?:W|Wh|Hz|B|bps|P|px)(?![A-Za-z]))"
    r"|(?P<korean>킬로|메가|기가|테라)(?=와트|픽셀|톤|바이트|헤르츠|비트)|(?P<bare>메가|기가|테라)"
    r"|(?P<sign>[㎾㎿㎒㎓㎅㎆㎇]))"
)
_PREFIXES = {"kilo": 10**3, "k": 10**3, "킬로": 10**3, "mega": 10**6, "m": 10**6, "메가": 10**6, "giga": 10**9,
             "g": 10**9, "기가": 10**9, "tera": 10**12, "t": 10**12, "테라": 10**12, "㎾": 10**3, "㎿": 10**6,
             "㎒": 10**6, "㎓": 10**9, "㎅": 10**3, "㎆": 10**6, "㎇": 10**9}  # fmt: skip
# A basis point is a hundredth of a percentage point: rate news writes 50bp for
# 0.5%포인트 or "half a percentage point", "25 basis points" for 0.25%포인트.
_BASIS_POINTS = re.compile(r"\s?-?\s?(?:bps?(?![A-Za-z])|(?i:basis[\s-]points?)\b|베이시스\s?포인트)")
# 10여 명 (ten-odd people) is "about a dozen", 20여 명 "two dozen": English counts
# an approximate crowd in dozens. The figure stands for any dozens from it to half
# again as many.
_APPROXIMATE = re.compile(r"\s?여(?![가-힣])|\s?여\s?(?:명|개|곳|년|차례|건|가구|척|대|마리|종|편|국)")
# Korean sport writes a height or a distance in metres and centimetres, 2m33 (a
# high jump), 8m05: English writes 2.33 meters.
_METRES_AND_CENTIMETRES = re.compile(r"(?<![\d.,])(?P<metres>\d{1,2})m(?P<centimetres>\d{2})(?:cm)?(?![\d])")
# A sports or fiscal season spans two years, the second abbreviated in English:
# 2024-2025 시즌 is "the 2024-25 season". Read as both years.
_SEASON = re.compile(r"(?<![\d.,])(?P<first>(?:19|20)\d\d)[-\u2013/](?P<second>\d\d)(?![\d])")
# "won in straight sets/games": a best-of-three or best-of-five match won without
# dropping one, which Korean writes as its score, 2-0 or 3-0.
_STRAIGHT_WIN = re.compile(r"\b(?:[Ss]traight[\s-](?:sets?|games?)|STRAIGHT[\s-](?:SETS?|GAMES?))\b|스트레이트")
_STRAIGHT_SCORES = frozenset({(0, 2), (0, 3)})
# A share in percent is often written as the fraction it is near: 25% is "a
# quarter", 20% 안팎 "about a fifth", 33% "a third", 90% "nine out of 10"; 열에
# 아홉 (nine in ten) is "nine out of 10" or 90%. A percent figure also stands for
# each simple fraction less than a point from it (33% and 34% for a third), and the fraction words and ratios
# of either side are read as that share (soft, as every figure in words is). The
# percent figure itself states no share for the other side to match: 0.25 or a
# 26% against 25% would pass as agreeing. The 10 of "nine out of 10" is part of the
# share (90%), not a figure of its own; another whole ("nine out of 11") is.
_PERCENT_AFTER = re.compile(r"\s?(?:%(?!\s?p|포인트)|퍼센트(?!\s?포인트)|(?i:percent)\b|(?i:per\scent)\b)")
_NEAR_FRACTION = Decimal(1)  # percentage point
_FRACTION_DENOMINATORS = (2, 3, 4, 5, 10)
_RATIO_WHOLES = frozenset((Decimal(10), Decimal(100)))
_FRACTION_PARTS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "tenth": 10}
_FRACTION_WORD = re.compile(
    r"\b(?P<count>an?|one|two|three|four|seven|nine)[\s-](?P<part>third|quarter|fifth|tenth)s?\b", re.IGNORECASE | re.ASCII
)
_RATIO = re.compile(
    r"\b(?P<count>one|two|three|four|five|six|seven|eight|nine|\d)\s(?:out\sof|in)\s(?P<whole>\d{1,3}|three|four|five|ten)\b(?![.,]\d)",
    re.IGNORECASE | re.ASCII,
)
# Korean words that name a figure the English writes out: a footballer who plays
# 풀타임 plays "the full 90 minutes"; 반세기 is "half a century" or "50 years";
# 반년 "six months".
# 노인 and 고령 (the elderly) are people aged 65 or older, as Korean statistics count
# them: a translator spells the definition out ("20% of the population 65 or older").
# A unanimous vote or ruling (전원일치, 만장일치) is "8-0": its other figure is 0.
_KOREAN_FIGURE_WORDS = {"풀타임": 90, "반세기": 50, "반백년": 50, "반년": 6, "노인": 65, "고령": 65, "전원일치": 0, "만장일치": 0}
# 천만 관객 is "10 million viewers": a round amount written in unit words alone (십만,
# 백만, 천만, 천억), as Korean writes it without a digit. Not 천만다행 or 백만장자.
_KOREAN_ROUND = re.compile(
    rf"(?<![{HANGUL}\d])(?P<small>[십백천])(?P<large>[만억조])(?=\s|명|원|달러|관객|가구|개|건|표|톤|대|배|부|뷰|회)"
)
# Midnight is 0시 (자정), noon 12시 (정오): clock times, read as 0 minutes past 0 or 12.
_MIDNIGHT_OR_NOON = re.compile(r"\b(?ai:midnight|noon|midday)\b|자정|정오")
# 7전4선승제 is "best-of-seven": the wins needed (4) follow from the games (7).
_WINS_NEEDED = re.compile(r"(?P<games>\d{1,2})전\s?$")
_WINS_AFTER = re.compile(r"\s?선승")
# A result in games or sets, then the score of each game in brackets, as Korean
# sport writes it: 2-0(21-13 21-18). English gives the game scores alone ("21-13,
# 21-18"): the 2-0 is stated by them when it counts their winners.
_GAME_SCORES_AFTER = re.compile(r"\s?\(([^()]{3,60})\)")
# 300억 원대 is "in the 30-billion range": English says "tens of billions". A
# figure followed by 대 also stands for its order of magnitude, which "tens of"
# or "hundreds of" a scale word states.
_RANGE_AFTER = re.compile(r"\s?(?:원|명|달러)대")  # not 3만 대, 30,000 vehicles
# Letters in any ASCII case only: "thouſands" (a long s) is no scale word.
_ORDER_OF_MAGNITUDE = re.compile(r"\b(?P<order>(?ai:tens|hundreds))\s(?ai:of)\s(?P<scale>(?ai:thousands|millions|billions|trillions))\b")
# A match that ends 0-0 is "a goalless draw" ("scoreless", "nil-nil"): two zeros,
# and a 0-0 score, which a 1-0 on the other side contradicts.
_GOALLESS = re.compile(r"\b(?ai:goalless|scoreless|nil-nil|nil-all)\b")
_KOREAN_FIGURE_WORD = re.compile("|".join(_KOREAN_FIGURE_WORDS))
# A clock time the translator adds in another time zone, next to the one the
# source gives: "10 a.m. Eastern Time, or 11 p.m. Korea time" for 한국시간 밤 11시;
# Korean names the zone before the time (미국 동부시간 오전 10시).
_ZONE_AFTER = re.compile(r",?\s\(?(?:(?:[A-Z][A-Za-z.]+\s){1,3}[Tt]ime\b|(?:[ECMP][SD]?T|GMT|UTC|BST|CES?T|JST|KST)\b)")
_ZONE_BEFORE = re.compile(r"(?:시간|시각)\s?(?:기준\s?)?(?:(?:오전|오후|새벽|아침|낮|저녁|밤|오늘|내일|어제)\s?){0,3}$")
# 8강 is the quarterfinals: a Korean tournament round is named by the players
# left (16강, 8강, 4강), an English one by its stage.
_ROUND_WORDS = {"quarterfinal": 8, "quarterfinals": 8, "quarter-final": 8, "quarter-finals": 8,
                "semifinal": 4, "semifinals": 4, "semi-final": 4, "semi-finals": 4}  # fmt: skip
# three decades, 3 dozen, two centuries.
_MULTIPLES = {"dozen": Decimal(12), "dozens": Decimal(12), "decade": Decimal(10), "decades": Decimal(10), "century": Decimal(100), "centuries": Decimal(100)}
_MULTIPLE_AFTER = re.compile(r"\s(?:dozen|decades|centuries)\b", re.IGNORECASE)
# Regnal and sequel numbers after a capitalised name: Benedict XVI, World War II.
# The lookbehind keeps the numeral from being empty: for a word of Roman letters
# that is no numeral (``Size XXL``) the rest would match nothing before the word.
_ROMAN = re.compile(r"\b[A-Z][a-z]+ (?P<roman>(?=[IVXL]{2,6}\b)L?X{0,3}(?:IX|IV|V?I{0,3}))(?<=[IVXL])\b")
_ROMAN_DIGITS = {"I": 1, "V": 5, "X": 10, "L": 50}
_RELATIVE_YEAR = re.compile(r"올해|금년|작년|지난해|내년|\b(?:this|last|next) year\b", re.IGNORECASE)
# Units a translator converts (value in a base unit of one dimension).
_UNITS = re.compile(
    r"\s?-?\s?(?P<unit>"
    r"(?:km/h|km|kilomet(?:er|re)s?|mph|miles?|met(?:er|re)s?|m|feet|foot|ft|kg|kilograms?|pounds?|lbs?|mm|millimet(?:er|re)s?"
    r"|cm|centimet(?:er|re)s?|inch(?:es)?|°\s?C|°\s?F|degrees?\s(?:Fahrenheit|Celsius|centigrade|F|C)|degrees?|(?-i:[FC])(?=\s?[),;]|\s\(|\.?$)"
    r"|hours?|days?|square[- ](?:feet|foot|met(?:er|re)s?|kilomet(?:er|re)s?|miles?)|sq\.?\s?(?:ft|m|km)|acres?|hectares?)(?![A-Za-z²])"
    rf"|㎡|m²|㎢|km²|평방미터|제곱미터|헥타르|에이커|평(?!{_HANGUL_SYLLABLE_CASELESS})"
    r"|㎞|킬로미터|마일|미터|피트|킬로그램|밀리미터|㎜|센티미터|㎝|인치|℃|℉|시간|도)",
    re.IGNORECASE,
)
_UNIT_NAMES = {
    "km/h": "km", "㎞": "km", "km": "km", "kilometer": "km", "kilometre": "km", "킬로미터": "km",
    "mph": "mi", "mile": "mi", "마일": "mi", "meter": "m", "metre": "m", "m": "m", "미터": "m",
    "feet": "ft", "foot": "ft", "ft": "ft", "피트": "ft", "kg": "kg", "kilogram": "kg", "킬로그램": "kg",
    "pound": "lb", "lb": "lb", "mm": "mm", "millimeter": "mm", "millimetre": "mm", "밀리미터": "mm", "㎜": "mm",
    "cm": "cm", "centimeter": "cm", "centimetre": "cm", "센티미터": "cm", "㎝": "cm",
    "inch": "in", "인치": "in", "°c": "c", "℃": "c", "°f": "f", "℉": "f", "c": "c", "f": "f", "degree": "deg", "도": "c",
    "hour": "h", "시간": "h", "day": "day", "㎡": "m2", "m²": "m2", "평방미터": "m2", "제곱미터": "m2", "squaremeter": "m2",
    "squaremetre": "m2", "sq.m": "m2", "sqm": "m2", "squarefeet": "ft2", "squarefoot": "ft2", "sqft": "ft2", "sq.ft": "ft2",
    "㎢": "km2", "km²": "km2", "squarekilometer": "km2", "squarekilometre": "km2", "sqkm": "km2", "sq.km": "km2",
    "squaremile": "mi2", "acre": "acre", "에이커": "acre", "hectare": "ha", "헥타르": "ha", "평": "pyeong",
}  # fmt: skip
_LENGTH = {"km": Decimal(1000), "m": Decimal(1), "mi": Decimal("1609.344"), "ft": Decimal("0.3048"),
           "mm": Decimal("0.001"), "cm": Decimal("0.01"), "in": Decimal("0.0254")}  # fmt: skip
# A converted figure is rounded to its last written digit (75 mph for 120 km/h,
# 9,700 feet for 2956m), and often a little further (36 inches for 900 mm).
_CONVERSION_SLACK = Decimal("0.02")
_ROUND_FIGURE_SLACK = Decimal("0.05")
_UNIT_LABELS = {"km": "km", "m": "metres", "mi": "miles", "ft": "feet", "mm": "mm", "cm": "cm", "in": "inches",
                "kg": "kg", "lb": "pounds", "c": "°C", "f": "°F", "deg": "degrees", "h": "hours", "day": "days",
                "m2": "square metres", "ft2": "square feet", "km2": "square km", "mi2": "square miles", "acre": "acres",
                "ha": "hectares", "pyeong": "pyeong"}  # fmt: skip
_MASS = {"kg": Decimal(1), "lb": Decimal("0.45359237")}
_AREA = {"m2": Decimal(1), "ft2": Decimal("0.09290304"), "km2": Decimal(10**6), "mi2": Decimal("2589988.110336"),
         "acre": Decimal("4046.8564224"), "ha": Decimal(10**4), "pyeong": Decimal(400) / Decimal(121)}  # fmt: skip
_DURATION = {"h": Decimal(1), "day": Decimal(24)}
_TEMPERATURES = frozenset(("c", "f", "deg"))
# American copy converts a metric length or weight into two imperial units: a high
# jump of 2m35 is "7 feet, 8 1/2 inches", a 6-foot-2 player is 1.88m, a baby of
# 3.6kg is "7 pounds, 15 ounces". The two figures are one length (or weight), read
# in the larger unit so that it converts like any other.
_FEET_AND_INCHES = re.compile(
    r"(?<![\d.,])(?P<big>\d+)(?:\s?(?P<feet>feet|foot|ft\.?)|\s(?P<pounds>pounds?|lbs?\.?))"
    r"(?(feet)(?:,?\s|-)(?:and\s)?(?P<inches>\d+(?:\.\d+)?(?:\s[13]/[24]|[½¼¾])?)[\s-]?(?:inch(?:es)?|in\.)(?![A-Za-z])"
    r"|,?\s(?:and\s)?(?P<ounces>\d+(?:\.\d+)?)\s?(?:ounces?|oz\b\.?))"
    r"|(?<![\d.,])(?P<tall>\d)-foot-(?P<tall_inches>\d{1,2})(?![\d.,])"
)
# A Korean temperature is 섭씨/영하 N도; 도 alone is too many other things.
_TEMPERATURE_WORD = re.compile(r"(?:섭씨|영하|영상|기온|온도|최고|최저)\s?(?:\S+\s)?$")
# A cold-weather report converts a temperature under zero for American readers:
# 영하 12도 is "minus 12 C (10.4 F)" or "-12C (10F)". The figure is written without
# its sign on both sides (영하 12도, "minus 12"), so it is matched as written and
# only its conversion takes the sign.
_BELOW_ZERO = re.compile(r"(?:영하\s?|(?i:minus)\s|(?<![\w.,)])[-\u2212]\s?)$")
# What may stand between a figure and a bracket holding the same amount in other
# terms: its unit or currency, "about".
_GLOSS_GAP = r"[^\d()\[\]]{0,14}[(\[]\s*(?:약|about|approx\.?|approximately|some|roughly|around|US|미화)?\s*[$£€¥₩]?\s*"


def _initials(words: Iterable[str]) -> str:
    """The first letters of ``words``, for a character class that a match of any of
    them must start with. Under IGNORECASE the class takes every letter that folds
    to one of them (``ſ`` for ``s``), as the words' own first letters do."""
    return "".join(sorted({word[0] for word in words}))


def _by_first_letter(words: Iterable[str]) -> str:
    """An alternation of ``words`` grouped by their first letter (``t(?:hird|wice)``):
    the engine tries only the words that start with the letter it meets, not all."""
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in _rests_by_first_letter(words).items())


def _rests_by_first_letter(words: Iterable[str]) -> dict[str, list[str]]:
    """The rest of each of ``words`` (escaped), by its first letter, in their order."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return groups


_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINAL_WORDS: dict[str, int | Decimal] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "once": 1, "twice": 2, "double": 2, "doubled": 2,
    "triple": 3, "tripled": 3, "both": 2, "couple": 2, "pair": 2, "half": Decimal("0.5"), "dozen": 12, "single": 1,
    # 1인 2역 is "a dual role", 쌍둥이 두 명 "twins", 4배 "quadrupled", 2연패 "back-to-back
    # titles", 3관왕 "a treble", 3인조 "a trio".
    "dual": 2, "twin": 2, "twins": 2, "quadruple": 4, "quadrupled": 4, "back-to-back": 2, "treble": 3,
    "duo": 2, "trio": 3, "quartet": 4,
    # A chart or a table "atop" which a song or a team stays is its 1위.
    "atop": 1,
    # 10대 is the teens (20대 "in their 20s", which reads as 20): "teenagers".
    "teen": 10, "teens": 10, "teenage": 10, "teenager": 10, "teenagers": 10,
    **_ROUND_WORDS,
}  # fmt: skip
_ENGLISH_COUNTS = {"a": 1, "an": 1, **_ONES, **_TENS}
_SPELLED_WORDS = rf"""(?P<words>
        (?:(?:{'|'.join(_TENS)})(?:[-\s](?:{'|'.join(_ONES)}))?|{'|'.join(_ONES)}|an?)
        (?:\s(?:{_SCALE_WORDS}))*
    )\b(?!-(?:dollar|won|euro|pound|yen))"""
# _SPELLED finds these words, scanning an English text faster (see _spelled_scan).
# The letters a number word starts with, as IGNORECASE matches them: either case,
# and the long s (tests/test_figure_readings.py checks every character).
_SPELLED_INITIALS = "AaEeFfNnOoSs\u017fTt"


def _spelled_scan(*, lowered_ascii: bool = False) -> str:
    """_SPELLED_WORDS written for the scan, with the same matches (tests/test_numbers.py
    and tests/test_figure_readings.py compare).

    It starts with the class of first letters, not with \\b: the engine skips ahead
    to a letter of the class, where \\b made it stop at every position (nearly half
    the time of the scan). A lookbehind then asks for the \\b before that letter
    (no word character), and one per letter picks the words it starts: two words
    with different first letters never match at one position, and those with the
    same one keep their order, so the engine meets the same matches first.

    With ``lowered_ascii``, the form for an ASCII text lowercased (see
    _SPELLED_IN_LOWERED_ASCII): small letters only, no case folding, word
    boundaries in ASCII. That one starts with the boundary, (?a:\\b), and its
    branches take their first letter themselves (t(?:wenty|...)), with no class
    and no lookbehinds: in ASCII the engine tests a boundary at a position faster
    than it takes a letter of the class (nearly every other letter of English),
    and a branch whose letter is not there fails at its first character where the
    lookbehind was a step of its own (4.0 -> 2.6 us per English line of the
    corpus). At a word's first letter the same one branch goes on as in the other
    form, so the two find the same words.
    """
    words_by_letter = _spelled_rests_by_first_letter()
    if lowered_ascii:
        branches = [f"{letter}(?:{words})" for letter, words in words_by_letter.items()]
        return rf"(?a:\b)(?P<words>(?:{'|'.join(branches)})(?:\s(?:{_SCALE_WORDS}))*){_SPELLED_END_IN_ASCII}"
    branches = [f"(?<={letter})(?:{words})" for letter, words in words_by_letter.items()]
    first = f"[{_SPELLED_INITIALS}]"
    return (
        rf"(?P<words>{first}(?<!\w{first})(?i:(?:{'|'.join(branches)})(?:\s(?:{_SCALE_WORDS}))*))"
        r"(?i:\b(?!-(?:dollar|won|euro|pound|yen)))"
    )


def _spelled_rests_by_first_letter() -> dict[str, str]:
    """The first words of _SPELLED_WORDS by their first letter, each letter's as an
    alternation of what follows the letter (``wenty|hirty`` ... for t), in order."""
    tens, ones = _rests_by_first_letter(_TENS), _rests_by_first_letter(_ONES)
    words_by_letter = {}
    for letter in dict.fromkeys([*tens, *ones, "a"]):
        words = []
        if letter in tens:
            words.append(rf"(?:{'|'.join(tens[letter])})(?:[-\s](?:{_by_first_letter(_ONES)}))?")
        if letter in ones:
            words.append(f"(?:{'|'.join(ones[letter])})")
        if letter == "a":
            words.append("n?")
        words_by_letter[letter] = "|".join(words)
    return words_by_letter


# How a run of number words ends in an ASCII text lowercased: at a word boundary,
# and not as the first part of a currency adjective ("five-dollar").
_SPELLED_END_IN_ASCII = r"(?a:\b)(?!-(?:dollar|won|euro|pound|yen))"
_SPELLED = re.compile(_spelled_scan())
# An ASCII text (most English copy) is scanned lowercased, with forms of _SPELLED
# and _ORDINAL_WORD that fold no case and test word boundaries in ASCII: the
# engine runs those much faster (about 1 us and 2 us of a 145-character
# sentence's 4 us each), and on an ASCII text they match exactly where the full
# patterns match the text as written. There, lowercasing turns each capital into
# its small letter and changes nothing else (so no position moves); a letter
# matches a letter of the patterns case-insensitively exactly when its lowercase
# is that small letter (no long s or Kelvin sign in ASCII); and \w, so \b, is
# [A-Za-z0-9_] both in Unicode and in ASCII. \s stays Unicode: ASCII \s lacks
# \x1c-\x1f. tests/test_figure_readings.py compares the two forms.
# Kept as pattern text: read() runs it only within _WORDS_IN_LOWERED_ASCII, and
# compiling it on its own cost ~2 ms of every `l10n build`'s start-up.
_SPELLED_IN_LOWERED_ASCII = _spelled_scan(lowered_ascii=True)
# "over the past decade" for 지난 10년간, "in the last century": one decade or
# century, named by when it was rather than by a count.
_ONE_BEFORE_MULTIPLE = "past|last|next|previous|coming"
_MULTIPLE = re.compile(
    rf"\b(?P<count>\d+|(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_ONES)}))?|{'|'.join(_ONES)}|a|{_ONE_BEFORE_MULTIPLE})\s(?P<what>(?a:dozens?|decades?|century|centuries))\b",
    re.IGNORECASE,
)
# "two and a half hours", "a year and a half", "half a million", "a quarter of a
# billion": a half or a quarter English writes in words, read as one value
# (50만 명 is "half a million people", 2시간 30분 "two and a half hours"). Soft, as
# every figure in words is.
_FRACTION_PHRASE = re.compile(
    rf"""\b(?=[\d{_initials([*_TENS, *_ONES, 'a', 'h'])}])(?:
        (?P<count>\d+|(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_ONES)}))?|{'|'.join(_ONES)}|an?)[\s-]and[\s-]a[\s-]half
            (?:[\s-](?P<scale>(?a:thousand|million|billion|trillion)))?
      | (?P<one>an?)\s(?:hour|year|day|week|month|minute)\sand\sa\shalf
      | (?P<part>half|a\squarter(?:\sof)?|three[\s-]quarters\sof)[\s-](?:an?\s)?
            (?P<whole>(?a:thousand|million|billion|trillion|dozen|century|decade|percentage\spoint))
    )\b""",
    re.VERBOSE | re.IGNORECASE,
)
# Central banks move rates by "a quarter percentage point" (0.25%포인트) or "half a
# point"; "half a century" is 50년, "a quarter-century" 25년.
_FRACTION_SCALE = {"thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12, "dozen": 12,
                   "century": 100, "decade": 10, "percentage point": 1}  # fmt: skip
_ORDINALS = frozenset(("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "atop"))
# Their words are looked up in tables by their lowercase: matched case-insensitively
# in ASCII only, as the scale words of _NUMBER are (a long s in "ſecond" would match
# and then miss the table).


# Scanned in a text that is not ASCII (an ASCII one is scanned lowercased, below),
# mostly a Korean line with a name or a unit in Latin letters. The scan starts with
# the first letters in either case, a class without IGNORECASE, so that the engine
# skips ahead to one of them (few in a Korean line); a lookbehind then asks for the
# word boundary before the letter, and one per letter picks the words it starts.
# Led by the boundary, the engine stopped at every position (7 -> 1 us on a Korean
# line with Latin letters of the bench project's catalogs). No match starts with a letter outside ASCII:
# the words fold case in ASCII only. The plain form is
# \b(?a:first|second|...)\b under IGNORECASE (tests/test_numbers.py compares).
_ORDINAL_INITIALS = "".join(f"{letter.upper()}{letter}" for letter in _initials(_ORDINAL_WORDS))


def _ordinal_scan() -> str:
    first = f"[{_ORDINAL_INITIALS}]"
    branches = [f"(?<={letter})(?:{'|'.join(rests)})" for letter, rests in _rests_by_first_letter(_ORDINAL_WORDS).items()]
    return rf"{first}(?<!\w{first})(?ai:{'|'.join(branches)})\b"


_ORDINAL_WORD = re.compile(_ordinal_scan())
# For an ASCII text lowercased, pattern text as _SPELLED_IN_LOWERED_ASCII is.
_ORDINAL_WORD_IN_LOWERED_ASCII = rf"(?a:\b)(?=[{_initials(_ORDINAL_WORDS)}])(?:{_by_first_letter(_ORDINAL_WORDS)})(?a:\b)"
# The two scans of an ASCII text lowercased in one (see _words_in_ascii), which
# steps through the text once where each scan took a step at every position. It
# finds each word the two scans find, and only those: no word is in both tables,
# and no match of one can start inside a match of the other (a match starts at a
# word boundary, so at the start of a word of the other match, and the words of
# the two tables are neither equal nor the first part of one another up to a
# boundary: "ten" and "tenth", "semi" of "semi-final" is no number word).
#
# Written for the scan: it starts with the character before the word, one that is
# no word character (the text is given a space in front, for a word at its start),
# and then one branch per first letter, the number words of that letter before
# its ordinal words, as the two scans tried them. The engine skips ahead to such a
# character (about one in six of English copy, the spaces and the punctuation)
# and drops each branch whose letter is not the next one at a glance; led by the
# boundary, (?a:\b)(?:(?P<words>...)|(?P<ordinal>...)), it stopped at every
# position and, at each boundary, entered both groups before it looked at the
# letter (75k -> 43k instructions per English line of the bench project's
# catalogs). A word of the lowercased text starts at a boundary exactly where the
# character before it is no word character or there is none (in ASCII \w is
# [A-Za-z0-9_], and no capital is left), so the two forms find the same words at
# the same places; and a match ends with a letter, so the next one cannot start
# at its end either way. tests/test_figure_readings.py compares the two forms.
def _words_scan() -> str:
    spelled, ordinal = _spelled_rests_by_first_letter(), _rests_by_first_letter(_ORDINAL_WORDS)
    branches = []
    for letter in dict.fromkeys([*spelled, *ordinal]):
        rests = []
        if letter in spelled:
            rests.append(rf"(?:{spelled[letter]})(?:\s(?:{_SCALE_WORDS}))*{_SPELLED_END_IN_ASCII}")
        if letter in ordinal:
            rests.append(rf"(?:{'|'.join(ordinal[letter])})(?a:\b)")
        branches.append(f"{letter}(?:{'|'.join(rests)})")
    return rf"[^a-z0-9_](?:{'|'.join(branches)})"


_WORDS_IN_LOWERED_ASCII = re.compile(_words_scan())


def _words_in_ascii(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The number words and the ordinal words of an ASCII ``text``, each as its
    start, end and lowercase, in the order _SPELLED and _ORDINAL_WORD find them.

    One scan for both (_WORDS_IN_LOWERED_ASCII), of the text lowercased with a
    space in front: a match there starts one character before its word, so at
    the word's own start in ``text``. What it found is told apart by the tables: a
    match of the ordinal words is one of them, and no run of number words is."""
    number_words: list[tuple[int, int, str]] = []
    ordinal_words: list[tuple[int, int, str]] = []
    for match in _WORDS_IN_LOWERED_ASCII.finditer(" " + _lowered(text)):
        start, end = match.span()
        word = match.group()[1:]
        (ordinal_words if word in _ORDINAL_WORDS else number_words).append((start, end - 1, word))
    return number_words, ordinal_words


# Native Korean numerals, as words of their own (``두 명``, ``세 차례``).
_NATIVE: dict[str, int | Decimal] = {
    "한": 1, "하나": 1, "두": 2, "둘": 2, "세": 3, "셋": 3, "네": 4, "넷": 4, "넉": 4, "석": 3, "다섯": 5,
    "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스무": 20, "스물": 20, "절반": Decimal("0.5"),
}  # fmt: skip
# 열에 아홉, 열 명 중 아홉 명, 다섯 중 하나: a share as a native ratio (see _PERCENT_AFTER).
_NATIVE_RATIO = re.compile(
    _opening_with(
        "[열다넷셋]",
        rf"(?<![{HANGUL}])(?P<whole>열|다섯|넷|셋)(?:\s?(?:명|곳|개|가구))?\s?(?:에|중|가운데)\s"
        r"(?P<count>하나|한|둘|두|셋|세|넷|네|다섯|여섯|일곱|여덟|아홉)",
    )
)
# Native Korean day counts, which take particles directly (``열흘간``, ``이틀째``):
# "a 10-day festival" is ``열흘 일정``, so 열흘 must read as 10.
_NATIVE_DAYS = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "엿새": 6, "이레": 7,
                "여드레": 8, "아흐레": 9, "열흘": 10, "보름": 15}  # fmt: skip
# A native numeral is read where it stands as a word of its own: after no Hangul
# (so not the 두 of 가두다) and before a space; a day count after no Hangul. Each is
# tried longest first (하나 before 한). The plain forms, one scan each:
#   (?<![HANGUL])(?:하나|다섯|...|석)(?=\s)   and   (?<![HANGUL])(?:여드레|아흐레|...|보름)
# They are found in one scan (see _native_words_and_days), written for the engine:
# one branch per first syllable, the numerals of that syllable (with the space
# after them, which the scan takes in) before its day counts, so that the engine
# skips ahead to a first syllable and drops each branch whose syllable is not the
# one it meets at a glance; whether a Hangul letter stands before a match is asked
# after the scan. The plain forms, led by a lookbehind, made the engine try every
# position (with their hints, 28k -> 19k instructions per Korean line of the bench
# project's catalogs). The scan finds
# what the two plain ones find, at the same places: at one place at most one word
# of either table can be (no day count starts with a numeral and a space, and the
# tables share no word); and a match that has Hangul before it, left out, hides
# no word of the plain scans, since it is all Hangul and such a word needs no
# Hangul before it; nor does the space a numeral's match takes in, where no word
# starts. tests/test_numbers.py compares.
_NATIVE_WORDS_LONGEST_FIRST = sorted(_NATIVE, key=len, reverse=True)
_NATIVE_DAYS_LONGEST_FIRST = sorted(_NATIVE_DAYS, key=len, reverse=True)


def _native_scan() -> str:
    rests: dict[str, list[str]] = {}  # by first syllable, in order (Hangul needs no escape)
    for word in _NATIVE_WORDS_LONGEST_FIRST:
        rests.setdefault(word[0], []).append(rf"{word[1:]}\s")
    for day in _NATIVE_DAYS_LONGEST_FIRST:
        rests.setdefault(day[0], []).append(day[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in rests.items())


_NATIVE_WORDS_AND_DAYS = re.compile(_native_scan())

# --- dates ------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# The words a date of _DATES[1] (6.15 공동선언) names its event by.
_EVENT_WORDS = "테러|사태|선언|남북|공동|민주|항쟁|참사|운동|기념|정상"
_MONTH = r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November|December)|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
_DATES = [
    # 2026년 11월 28일, 11월 28일, 2026년 11월, 11월; a range names both ends, as
    # English does: 1~9월 is "January through September", 11월 3~4일 "Nov. 3-4".
    re.compile(
        _opening_with(
            r"\d",
            r"(?:(?P<year>\d{4})\s?년\s?)?(?:(?P<month_from>1[0-2]|0?[1-9])\s?[~\u223c\u301c-]\s?)?(?P<month>1[0-2]|0?[1-9])\s?월(?!\s?[0-9]+\s?[일]?\s?(?:간|째))"
            r"(?:\s?(?P<day>3[01]|[12][0-9]|0?[1-9])(?:\s?[~\u223c\u301c-]\s?(?P<day_to>3[01]|[12][0-9]|0?[1-9]))?\s?일)?",
        )
    ),
    # 9/11, 9.11 테러, 6.15 공동선언, 5·18 민주화운동: an event named by its date
    re.compile(_opening_with(r"\d", rf"(?<![\d.,/])(?P<month>9)/(?P<day>11)(?![\d/])|(?<![\d.,/])(?P<month2>1[0-2]|[1-9])[.·](?P<day2>3[01]|[12][0-9]|[1-9])(?=\s?(?:{_EVENT_WORDS}))")),
    # 2026-11-28, 2026.11.28, 2026/11/28
    re.compile(r"(?<![\d.])(?P<year>(?:19|20)\d{2})(?P<sep>[-./])(?P<month>1[0-2]|0?[1-9])(?P=sep)(?P<day>3[01]|[12][0-9]|0?[1-9])(?![\d])\.?"),
    # Nov. 28, 2026   November 28   November 28th, 2026   Nov. 3-4
    re.compile(
        rf"\b{_MONTH}\s(?P<day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?:[-\u2013](?P<day_to>3[01]|[12][0-9]|0?[1-9])\b)?\b(?:,?\s(?P<year>\d{{4}})\b)?"
    ),
    # 28 November 2026
    re.compile(rf"\b(?P<day>3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?\s{_MONTH}(?:,?\s(?P<year>\d{{4}})\b)?"),
    # November 2026, in November (not "may" the verb: month names alone must be
    # capitalised and May needs a year)
    re.compile(r"\b(?P<month>January|February|March|April|June|July|August|September|October|November|December|May(?=,?\s\d{4}))\b(?:,?\s(?P<year>\d{4})\b)?"),
    # in May, last May (May alone is too often the verb)
    re.compile(r"\b(?:[Ii]n|[Ss]ince|[Ll]ast|[Ee]arly|[Ll]ate|[Uu]ntil|[Bb]y|[Ff]rom|[Tt]hrough|[Oo]f|[Mm]id-)\s?(?P<month>May)\b"),
]

class _DigitSearch:
    """A search for a digit as the patterns' \\d finds them (any Unicode Nd), which
    asks an ASCII text (most English copy) for each of 0-9 with ``in``, ten scans in
    C that skip ahead: in ASCII \\d is exactly 0-9, and on a 150-character line
    without one they take a fifth of the regex's time (0.17 against 0.87 us). True
    or a match where there is a digit, None where there is none."""

    pattern = re.compile(r"\d")

    def search(self, text: str) -> bool | re.Match[str] | None:
        if not text.isascii():
            return self.pattern.search(text)
        has_one = (
            "0" in text or "1" in text or "2" in text or "3" in text or "4" in text
            or "5" in text or "6" in text or "7" in text or "8" in text or "9" in text
        )  # fmt: skip
        return True if has_one else None


# What a text must hold for read() to try a pattern on it (tests/test_numbers.py
# holds read() to the full reading). _DIGIT finds the digits the patterns' \d
# finds (any Unicode Nd). _LATIN finds the letters an ASCII letter of a pattern
# matches, with or without IGNORECASE: under it, [a-z] also takes the four
# non-ASCII letters that fold to one (İ ı ſ K), just as a literal "s" or "k" does.
_DIGIT = _DigitSearch()
_LATIN = re.compile(r"[a-z]", re.IGNORECASE)


class _OutsideAscii:
    """A search for characters that are not ASCII, which says None at once for an
    ASCII text (most English copy: no Hangul in it) where the regex would scan every
    character (about 1 us of a 130-character sentence)."""

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern)

    def search(self, text: str) -> re.Match[str] | None:
        return None if text.isascii() else self.pattern.search(text)


_HANGUL_SYLLABLE = _OutsideAscii(r"[가-힣]")  # every native Korean numeral is written in these
# Every English month name or abbreviation of _DATES (matched case-sensitively)
# starts with one of these.
_MONTH_PREFIX = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
# For each pattern of _DATES: whether it needs a digit, an English month name, and
# a Hangul syllable (월).
_DATE_NEEDS = [
    (True, False, True), (True, False, False), (True, False, False), (True, True, False), (True, True, False),
    (False, True, False), (False, True, False),
]  # fmt: skip
_DATES_FOR = {
    (digit, month, hangul): tuple(
        p
        for p, (d, m, h) in zip(_DATES, _DATE_NEEDS, strict=True)
        if (digit or not d) and (month or not m) and (hangul or not h)
    )
    for digit in (False, True)
    for month in (False, True)
    for hangul in (False, True)
}
# The race times and the times of day a text with a Latin letter (or none) and a
# Hangul syllable (or none) can state: 13초04 and 7시 need Hangul, "3 minutes, 42.50
# seconds" and "5 p.m." a Latin letter.
_RACE_TIMES_FOR = {
    (latin, hangul): tuple(p for p, needed in ((_RACE_TIME, hangul), (_RACE_CLOCK, True), (_RACE_WORDS, latin)) if needed)
    for latin in (False, True)
    for hangul in (False, True)
}
_TIMES_FOR = {
    (latin, hangul): tuple(p for p, needed in zip(_TIMES, (hangul, latin, True, True), strict=True) if needed)
    for latin in (False, True)
    for hangul in (False, True)
}

# What a text must hold for a pattern of read() to match anywhere in it: a search
# that finds something in every text the pattern matches, and that the regex
# engine runs fast because each of its matches starts with a literal or a digit
# (it skips ahead to those; most of the patterns start with a lookbehind, which
# makes it try every position). A pattern runs only where its hint finds
# something, so a skipped scan could not have matched (tests/test_numbers.py
# holds each hint to its pattern, and read() to the full reading).
class _Lowered:
    """A hint searched for in the lowercased text: a case-insensitive pattern, even a
    literal one, is scanned character by character, its lowercase twin much faster.
    Lowercasing maps every ASCII capital to its small letter, so the hint finds at
    least what the pattern (case-insensitive in ASCII) can match. Given several
    patterns, it finds what any of them finds (see _AnyOf)."""

    def __init__(self, *patterns: str) -> None:
        self.any_of = _AnyOf(*patterns)

    def search(self, text: str) -> re.Match[str] | None:
        return self.any_of.search(_lowered(text))


class _Words:
    """A hint that finds any of some literal words (in the lowercased text if
    ``lowered``): ``in`` finds a word many times faster than a regex scans for it,
    and it finds one exactly where the alternation of the words would."""

    def __init__(self, *words: str, lowered: bool = False) -> None:
        self.words = words
        self.lowered = lowered

    def search(self, text: str) -> bool | None:
        if self.lowered:
            text = _lowered(text)
        for word in self.words:
            if word in text:
                return True
        return None


class _Either:
    """A hint that finds one of some literal words or a match of ``pattern``."""

    def __init__(self, words: tuple[str, ...], pattern: str) -> None:
        self.words = words
        self.pattern = re.compile(pattern)

    def search(self, text: str) -> bool | re.Match[str] | None:
        for word in self.words:
            if word in text:
                return True
        return self.pattern.search(text)


class _AnyOf:
    """A hint that finds what any of ``patterns`` finds, each searched in turn: the
    alternation of them, split where each part starts with its own literal.

    The engine skips ahead to a literal that leads a pattern as fast as ``in`` finds
    it, but where a pattern opens with a class (or an alternation, which it makes a
    class of the parts' first characters) it tests every character of the text
    against the class: a few searches led each by one literal cost a third to a
    half of one search led by their class (``[-./]``, ``of|in``: 1.0 against 0.5 us
    on a line with a figure, measured on the bench project's catalogs). A part finds
    something exactly where the alternation finds something at the same place, so
    the split finds something exactly where the alternation does
    (tests/test_figure_readings.py compares)."""

    def __init__(self, *patterns: str) -> None:
        self.patterns = tuple(re.compile(pattern) for pattern in patterns)

    def search(self, text: str) -> re.Match[str] | None:
        for pattern in self.patterns:
            found = pattern.search(text)
            if found is not None:
                return found
        return None


# The word patterns run one after another on the same text, most of their hints on
# its lowercase: it is made once. Only the last text's lowercase is kept: reading
# one text asks for it up to ten times, and for no other text in between.
_lowered = lru_cache(maxsize=1)(str.lower)

# How the hints are written: a scan that starts with a literal character (a letter,
# ``:``, ``,``) lets the engine skip ahead to it; one that starts with a digit or a
# class makes it try every position. So a hint that needs a digit before its other
# characters names them first and looks back for the digit: ``m(?<=\dm)\d`` finds
# something exactly where ``\dm\d`` does. And lowercasing maps no character outside
# ASCII to an ASCII letter but K (Kelvin) and İ (to k and i), so a word without k
# or i is in the lowercased text exactly where the text holds it in any ASCII case.
# tests/test_figure_readings.py checks that fact on every character, and each hint
# against the plain regex it stands for.
_AM_PM = r"(?:(?<=\d[aApP][mM])|(?<=\d\s[aApP][mM]))\b"
_CLOCK = "[cC][lL][oO][cC][kK\u212a]"  # o'clock in any case: k also folds to K (Kelvin)
# What a ratio of _RATIO starts its whole with, and the count before its "in" (in
# the lowercased text), each with its own lookbehind (a lookbehind has one width).
_RATIO_WHOLE_START = r"(?:\d|t(?:hree|en)|f(?:our|ive))"
_COUNT_BEFORE_IN = "|".join(
    rf"(?<={count}\sin\s)" for count in (r"\d", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
)
# 1215 GMT: a time zone word with four digits (and a space or none) before it, each
# word with its own pair of lookbehinds (a lookbehind has one width).
_TIME_ZONES = ("GMT", "UTC", "ET", "EST", "EDT", "KST", "hours", "hrs", "local time")
_ZONE_AFTER_DIGITS = "|".join(rf"{zone}(?:(?<=\d\d[0-5]\d{zone})|(?<=\d\d[0-5]\d\s{zone}))" for zone in _TIME_ZONES)


_HINTS: dict[re.Pattern[str], re.Pattern[str] | _Lowered | _Words | _Either | _AnyOf] = {
    _DATES[0]: re.compile("월"),  # 11월: every date of it names a month in 월
    # 9/11, or a date that names an event (6.15 공동선언), found at the event word with
    # the day's last digit (and a space or none) behind it: the words alone are in
    # one Korean line with a figure in four (공동, 정상, 기념), where the pattern
    # then ran for nothing. Each word has two syllables (one width to look behind)
    # and leads its own branch: the engine skips ahead to their first characters
    # only where every branch starts with one (not with a group).
    _DATES[1]: re.compile("|".join(["9/11", *(rf"{word}(?:(?<=\d..)|(?<=\d\s..))" for word in _EVENT_WORDS.split("|"))])),
    # 2026-11-28: a year, then a separator (one search for each)
    _DATES[2]: _AnyOf(*(rf"{re.escape(sep)}(?<=(?:19|20)\d\d{re.escape(sep)})" for sep in "-./")),
    # Nov. 28, November 28: a month (each name starts with its abbreviation), a
    # space, the day's first digit
    _DATES[3]: re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d"),
    # 28 November: the day's last digit (or 28th), a space, a month; looked for at
    # the month, whose capitals the engine skips ahead to (at the digits it tried
    # every position: 1.5 us of a sentence), and behind it for the rest
    _DATES[4]: re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?:(?<=\d\s...)|(?<=\d(?:st|nd|rd|th)\s...))"),
    _DATES[6]: _Words("May"),  # in May
    # F-16, A380, 3G, 4WD: a letter (and a hyphen) before the name's first digit, or
    # G, D or W after its last; looked for at the digits, which the engine skips
    # ahead to (most texts have capitals, few a name: the scan is spared)
    _IDENTIFIER: re.compile(r"\d(?:(?<=[A-Za-z]\d)|(?<=[A-Za-z]-\d)|[GDW])"),
    _RACE_TIME: re.compile("초"),
    # 7 feet, 8 inches; 7 pounds, 15 ounces: a digit, then f(ee|oo)t, pound, lb or -foot-
    _FEET_AND_INCHES: _AnyOf(r"f(?:(?<=\df)|(?<=\d\sf))(?:ee|oo)?t", r"pound(?<=\d\spound)", r"lb(?<=\d\slb)", r"-foot-(?<=\d-foot-)"),
    _METRES_AND_CENTIMETRES: re.compile(r"m(?<=\dm)\d"),  # 2m33
    _SEASON: _AnyOf(*(rf"{sep}(?<=\d{sep})\d\d" for sep in ("-", "\u2013", "/"))),  # 2024-25
    _STRAIGHT_WIN: _Words("traight", "TRAIGHT", "스트레이트"),  # in straight sets
    # These start with a character the engine can skip ahead to (not a digit).
    _RACE_CLOCK: re.compile(r":[0-5]\d\.\d"),  # 1:44.40
    _RACE_WORDS: re.compile(r"second(?<=\d second)s?\b"),  # 3 minutes, 42.50 seconds
    _MIXED_NUMBER: _Words("/", "½", "¼", "¾"),  # 5 1/2, 2½
    _MATCH_MINUTE: re.compile(r"반\s?\d"),  # 후반 23분
    _FRACTION_WORD: _Words("third", "quarter", "fifth", "tenth", lowered=True),  # a fifth
    # nine out of 10, one in five: "out of" or a count and "in", a space, the whole.
    # "in" with a digit after it ("in 2024") is in one English line with a figure in
    # six, where the pattern then ran for nothing (7 us): once the whole's first
    # character is there, the count is looked for behind the "in"
    _RATIO: _Lowered(rf"out\sof\s{_RATIO_WHOLE_START}", rf"in\s(?={_RATIO_WHOLE_START})(?:{_COUNT_BEFORE_IN})"),
    # 열에 아홉: the particle, a space, the count
    _NATIVE_RATIO: re.compile(r"(?:에|중|가운데)\s(?:하나|한|둘|두|셋|세|넷|네|다섯|여섯|일곱|여덟|아홉)"),
    _KOREAN_ROUND: _AnyOf("십[만억조]", "백[만억조]", "천[만억조]"),  # 천만
    # 풀타임, 반세기, 만장일치: the words themselves, each found with ``in`` (the
    # regex tested every character of a Korean line against their first syllables)
    _KOREAN_FIGURE_WORD: _Words(*_KOREAN_FIGURE_WORDS),
    _MIDNIGHT_OR_NOON: _Words("night", "noon", "midday", "자정", "정오", lowered=True),
    _GOALLESS: _Words("less", "nil-", lowered=True),  # goalless, scoreless, nil-nil
    _ORDER_OF_MAGNITUDE: _Words("tens", "hundreds", lowered=True),  # tens of billions
    _COMPOUND_SPAN: _AnyOf(r"간\s?[\d반]", r"년\s?[\d반]"),  # 2시간 30분, 2년 6개월, 2년 반
    _SCORE: _AnyOf(*(rf"{sign}\s?\d" for sign in ("-", "\u2013", "대"))),  # 2-1, 2대1
    # two and a half, a quarter of a million: half or quarter in any ASCII case
    _FRACTION_PHRASE: _Words("half", "quarter", lowered=True),
    _AVERAGE: _Either(("할",), r"\.\d\d\d"),  # 2할6푼, .268
    # 2, 3년: a digit, a comma, one or two digits, a Hangul syllable (not 1,000)
    _ESTIMATE: re.compile(r",(?:(?<=\d,)|(?<=\d\s,))\s?\d\d?\s?[가-힣]"),
    # 7시 15분: 시 after a digit (and a space or none), looked for at 시; 시 alone is
    # in two Korean lines of five (서울시, 당시), where the pattern then ran for nothing
    _TIMES[0]: re.compile(r"시(?:(?<=\d시)|(?<=\d\s시))"),
    # 5 p.m., 7:15am, 10 o'clock: a digit, a space or none, the letters in any case
    _TIMES[1]: _AnyOf(
        rf"m{_AM_PM}", rf"M{_AM_PM}", r"\.[mM]\.(?:(?<=\d[aApP]\.[mM]\.)|(?<=\d\s[aApP]\.[mM]\.))", rf"'(?:(?<=\d[oO]')|(?<=\d\s[oO]')){_CLOCK}"
    ),
    _TIMES[2]: re.compile(r":(?<=\d:)[0-5]"),  # 7:15
    # Four digits from 0 (0715), or 1215 GMT found at its zone; either starts with a
    # character the engine skips ahead to, where a hint led by \d tests every
    # character for a digit (0.9 -> 0.4 us on a Korean line with a digit)
    _TIMES[3]: re.compile(rf"0\d[0-5]\d(?!\d)|{_ZONE_AFTER_DIGITS}"),
    _MULTIPLE: _Words("dozen", "decade", "centur", lowered=True),  # three decades: the unit word in any ASCII case
    _ROMAN: re.compile(" [IVXL][IVXL]"),  # World War II: a space, then a numeral of two letters or more
    # 올해, or this, last or next year: "s year" or "t year" in the lowercase (one
    # space, as the pattern has; no letter of "year" folds to another, and the s of
    # this and last may be a long s, which stays one when lowercased). "year" alone
    # is in one English line with a figure in eight ("years"), where the pattern
    # then ran for nothing (5 us)
    _RELATIVE_YEAR: _Words("올해", "금년", "작년", "지난해", "내년", "s year", "\u017f year", "t year", lowered=True),
}


# The forms read() takes from a text with a digit before its plain figures, each as
# what it needs beside one of its digits: after the digit, or behind it. One
# search led by a digit finds whether any of them is there: in most lines with a
# figure none is (9 in 10 English ones, 9 in 10 Korean), and read() then asks none
# of their hints, some fifteen scans and calls (about 10 us of an English line, 4 of
# a Korean one). tests/test_numbers.py holds each pattern to its entry, and read()
# to the full reading.
_BESIDE_A_DIGIT = {
    _IDENTIFIER: r"(?<=[A-Za-z]\d)|(?<=[A-Za-z]-\d)|[GDW]",  # F16, F-16; 3G, 5D, 4WD
    _RACE_TIME: "초",  # 13초04
    _RACE_CLOCK: ":[0-5]",  # 1:44.40
    _RACE_WORDS: r"\sminute",  # 3 minutes, 42.50 seconds
    _FEET_AND_INCHES: r"\s?f(?:ee|oo)?t|\spound|\slb|-foot-",  # 7 feet, 7ft, 8 pounds, 8 lb, 6-foot-2
    _METRES_AND_CENTIMETRES: r"m\d",  # 2m33
    _SEASON: r"[-\u2013/]\d",  # 2024-25, 2024/25
    _MIXED_NUMBER: r"\s[13]/|[½¼¾]",  # 5 1/2, 2½
    _MATCH_MINUTE: r"(?<=반\d)|(?<=반\s\d)",  # 후반 23분: its first digit
    _AVERAGE: r"할|(?<=\.\d)\d\d",  # 2할, .268: its first digit
    _ESTIMATE: r"\s?,\s?\d\d?\s?[가-힣]",  # 2, 3년 (not 1,000)
    _TIMES[0]: r"\s?시",  # 7시
    _TIMES[1]: r"\s?(?:[aApP](?:\.[mM]\.|[mM]\b)|[oO]'[cC][lL][oO][cC][kK\u212a])",  # 5 p.m., 7:15pm, 10 o'clock
    _TIMES[2]: ":[0-5]",  # 7:15
    _TIMES[3]: rf"(?<=0)\d[0-5]\d|\d[0-5]\d\s?(?:{'|'.join(_TIME_ZONES)})",  # 0715 (its 0), 1215 GMT
    _SCORE: r"\s?(?:대|[-\u2013])\s?\d",  # 2-1, 2대1
    _COMPOUND_SPAN: r"\s?(?:시간|년)\s?(?:\d|반)",  # 2시간 30분, 2년 반
}
# The search is written for the scan; its plain form is \d(?:entry|entry|...), the
# entries above in their order (tests/test_numbers.py holds the two to the same
# answer). There, at each digit the engine entered each of some twenty branches in
# turn, most of them opening with an optional space or a lookbehind; here every
# branch but the last two opens with a character or a class, which the engine
# tests against the next character before it enters the branch (a digit is
# mostly followed by a digit, a comma, a space or a counter, which none of them
# takes): 24k -> 16k instructions per line with a digit of the bench project's
# catalogs. Rewritten so, the search finds a form exactly where the plain one does:
# - an entry that may open with a space (\s?x) stands as x and under \s(?:...);
# - an entry that looks behind the digit for something after it is written after
#   it: (?<=\.\d)\d\d as \d\d(?<=\.\d\d\d), (?<=0)\d[0-5]\d as \d[0-5]\d(?<=0\d[0-5]\d);
# - an entry that needs a character before the digit is one of the two lookbehinds
#   at the end (a letter or 반 just before; a letter and a hyphen, or 반 and a space);
# - only whether there is a form counts, not where: 시 after a digit stands for
#   시간 too (2시간 30분), and -\s?\d for -\d (2024-25).
_AM_PM_OR_CLOCK = r"[aApP](?:\.[mM]\.|[mM]\b)|[oO]'[cC][lL][oO][cC][kK\u212a]"
_AFTER_A_DIGIT_AND_A_SPACE = (
    "minute", r"f(?:ee|oo)?t", "pound", "lb", "[13]/", r",\s?\d\d?\s?[가-힣]", "시", _AM_PM_OR_CLOCK, r"(?:대|[-\u2013])\s?\d",
    r"년\s?(?:\d|반)",
)  # fmt: skip
_AFTER_A_DIGIT = (
    "[GDW½¼¾]", "초", "할", ":[0-5]", r"f(?:ee|oo)?t", r"-(?:foot-|\s?\d)", r"m\d", r"\u2013\s?\d", r"/\d",
    r",\s?\d\d?\s?[가-힣]", "시", _AM_PM_OR_CLOCK, r"대\s?\d", r"년\s?(?:\d|반)", rf"\s(?:{'|'.join(_AFTER_A_DIGIT_AND_A_SPACE)})",
    rf"\d(?:\d(?<=\.\d\d\d)|[0-5]\d(?:(?<=0\d[0-5]\d)|\s?(?:{'|'.join(_TIME_ZONES)})))",
)  # fmt: skip
_BEFORE_A_DIGIT = (r"(?<=[A-Za-z반]\d)", r"(?<=[A-Za-z]-\d|반\s\d)")
_DIGIT_FORMS = re.compile(rf"\d(?:{'|'.join(_AFTER_A_DIGIT + _BEFORE_A_DIGIT)})")
# The same search for an ASCII text (most English copy), where \d is exactly 0-9:
# the engine tests a character against the class [0-9] faster than against the
# Unicode digit category. (No \d of the search stands inside a class.)
_DIGIT_FORMS_IN_ASCII = re.compile(_DIGIT_FORMS.pattern.replace(r"\d", "[0-9]"))


def _anything(text: str) -> bool:
    """The hint of a pattern that has none: it may match any text."""
    return True


# Whether a pattern may match a text, by the identity of the pattern: read() asks
# ``_MAY_MATCH[id(pattern)](text)``, which is the hint's search (a match, True or
# something else true where the pattern may match; None or False where it cannot).
# By identity: a compiled pattern is hashed anew from its whole program each time
# (up to 2 us for the long ones), its id at once, and the patterns live as long as
# the module, so no id is reused. Asked in place, not through a function taking
# the pattern: that call cost about what the search costs (0.12 us of 0.26), some
# 27 times per text read. tests/test_numbers.py replaces every entry by
# _anything to hold read() to the full reading.
_MAY_MATCH: dict[int, Callable[[str], object]] = {
    id(pattern): _HINTS[pattern].search if pattern in _HINTS else _anything for pattern in [*_HINTS, *_DATES]
}

# The hints of the patterns read() tries on every text, Korean or English, as they
# stand for a text without a Latin letter: only their Korean words can be there.
# The full hints look for the English words too, in the lowercased text; with these
# a Korean line is never lowercased (_take_figures asks its lowercase only of a
# text with Latin letters), which spares it about 1 us of its 33 us reading.
# tests/test_numbers.py holds these to the patterns and read() to the full reading.
# Made from the full hints' words, so that a word added there is looked for here too.
_HINTS_WITHOUT_LATIN: dict[re.Pattern[str], _Words] = {
    pattern: _Words(*(word for word in cast(_Words, _HINTS[pattern]).words if _LATIN.search(word) is None))
    for pattern in (_MIDNIGHT_OR_NOON, _RELATIVE_YEAR, _STRAIGHT_WIN)
}
_MAY_MATCH_WITHOUT_LATIN: dict[int, Callable[[str], object]] = {
    id(pattern): hint.search for pattern, hint in _HINTS_WITHOUT_LATIN.items()
}


@dataclass(frozen=True, init=False)
class Quantity:
    """One figure of a text: its value, as written, and whether it must be kept.

    ``unit`` is the measuring unit written after it when the conversion rules know
    it (``km``, ``mi``, ``ft``, ``c`` ...), ``start``/``end`` where it stands in
    ``Reading.text``.
    """

    value: Decimal
    text: str
    firm: bool
    unit: str = ""
    start: int = -1
    end: int = -1
    kind: str = ""  # "ordinal" (3번째, 16th, second, XVI), "time" (7시 15분, 0715: minutes after 0 or 12 o'clock), else ""
    # The values of the span this figure is part of (2시간 30분: 2.5 hours, 150
    # minutes): the other side may state the whole instead of the parts.
    wholes: tuple[Decimal, ...] = ()
    below_zero: bool = False  # a temperature under zero (영하 12도, minus 12 C): its sign, for conversions

    def __init__(
        self,
        value: Decimal,
        text: str,
        firm: bool,
        unit: str = "",
        start: int = -1,
        end: int = -1,
        kind: str = "",
        wholes: tuple[Decimal, ...] = (),
        below_zero: bool = False,
    ) -> None:
        # Written out (init=False above): the generated __init__ of a frozen
        # dataclass sets each field through object.__setattr__, which made a
        # quantity cost twice what filling the instance dict in one call costs,
        # and every reading builds a few. The instance stays frozen (setattr
        # raises); tests/test_numbers.py holds this signature to the fields.
        self.__dict__.update(
            value=value, text=text, firm=firm, unit=unit, start=start, end=end, kind=kind, wholes=wholes, below_zero=below_zero
        )


@dataclass(frozen=True)
class Date:
    """A calendar date as far as the text states it (year and day may be missing)."""

    month: int
    year: int | None = None
    day: int | None = None
    text: str = ""
    ends_range: bool = False  # the last day of a range (the 4 of Nov. 3-4)
    starts_range: bool = False  # the first month of a range (the 1 of 1~9월)
    quarter: int = 0  # the calendar quarter a range of months spans (1~3월: 1), else 0

    def agrees_with(self, other: Date) -> bool:
        """Same month, and same year and day wherever both texts state them."""
        return (
            self.month == other.month
            and (self.year is None or other.year is None or self.year == other.year)
            and (self.day is None or other.day is None or self.day == other.day)
        )


@dataclass(frozen=True, init=False)
class Reading:
    """Every figure and date of a text.

    ``days`` are bare days of the month (``19일``: the month is left to the
    context), ``identifiers`` model and code names with digits (``F-16``, ``A380``,
    ``3G``, normalised to upper case without hyphens), ``relative_year`` whether the
    text names a year by its relation to now (``올해``, ``last year``), ``text`` the
    text as read (what the positions of the quantities refer to).
    """

    quantities: tuple[Quantity, ...]
    dates: tuple[Date, ...]
    days: tuple[Quantity, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()  # (normalised, as written)
    relative_year: bool = False
    text: str = field(default="", repr=False)
    scores: tuple[Score, ...] = ()
    straight_win: bool = False  # "in straight sets": a 2-0 or 3-0 of the other side

    def __init__(
        self,
        quantities: tuple[Quantity, ...],
        dates: tuple[Date, ...],
        days: tuple[Quantity, ...] = (),
        identifiers: tuple[tuple[str, str], ...] = (),
        relative_year: bool = False,
        text: str = "",
        scores: tuple[Score, ...] = (),
        straight_win: bool = False,
    ) -> None:
        # Written out for the reason Quantity.__init__ is: one per text read.
        self.__dict__.update(
            quantities=quantities, dates=dates, days=days, identifiers=identifiers, relative_year=relative_year,
            text=text, scores=scores, straight_win=straight_win,
        )  # fmt: skip


@dataclass(frozen=True)
class Score:
    """A result of a match or a vote (``2대1``, ``2-1``), as its two figures.

    Compared as a pair in either order: English gives the winner's figure first
    ("lost 2-1"), Korean the team's own (``1-2로 졌다``)."""

    pair: tuple[int, int]  # lower first
    text: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Explained:
    """A figure of one side that the other side states converted or glossed."""

    figure: str  # as written on its side
    side: str  # "source" or "translation"
    reason: str  # what it stands for, naming the figure on the other side
    partner: Quantity | None = None  # the converted figure on the other side


@dataclass(frozen=True)
class Difference:
    """Figures one side states firmly that the other does not state at all."""

    missing: tuple[str, ...]  # in the source, not in the translation (as written in the source)
    added: tuple[str, ...]  # in the translation, not in the source (as written there)
    explained: tuple[Explained, ...] = ()  # unit conversions, glosses in brackets, years for "this year"

    def __bool__(self) -> bool:
        return bool(self.missing or self.added)


NO_DIFFERENCE = Difference((), ())


def may_state_a_figure(text: str) -> bool:
    """Whether ``read(text)`` may find a firm figure, a date, a bare day or an identifier.

    False for a text without a digit or the start of an English month name (most
    prose): whatever figures it states are words (``three``, ``a``, ``두``), which
    are soft (never missed), and it states no date. Between two such texts
    ``compare`` finds no difference and ``date_conflicts`` no conflict, so a caller
    may skip reading them (tests/test_numbers.py holds this).
    """
    # read() tests the same on the text it reads, which is this text with parts
    # blanked out: blanking adds no digit and joins no letters.
    return _DIGIT.search(text) is not None or _MONTH_PREFIX.search(text) is not None


# The reading of a text that states nothing: what a text that may state no figure
# (may_state_a_figure) stands as when asks_for_an_answer says its words cannot
# change a comparison.
NO_READING = Reading((), ())


def asks_for_an_answer(reading: Reading) -> bool:
    """Whether comparing ``reading`` with a text that may state no figure needs that
    text's reading, or may take NO_READING for it.

    Such a text states figures only in words (soft, never missed), and no date,
    bare day, identifier or firm figure (may_state_a_figure); the most its words
    can do is answer a figure, an ordinal, a score or a date of ``reading``.
    ``reading`` without any of those leaves ``compare`` no difference and
    ``date_conflicts`` no conflict whatever the other text says: then the figure
    checks need not read it (tests/test_numbers.py holds this).
    """
    return bool(reading.dates or reading.scores) or any(q.firm or q.kind == "ordinal" for q in reading.quantities)


def read(text: str) -> Reading:
    """The figures and dates of ``text``, Korean or English or both.

    >>> [str(q.value) for q in read("1억1천만 달러, 3만 명").quantities]
    ['110000000', '30000']
    >>> [str(q.value) for q in read("$110 million and 30,000 people").quantities]
    ['110000000', '30000']
    """
    text = _blank_unread(text)
    # Most sentences hold no digit, a Korean one often no Latin letter and an
    # English one no Hangul: a pattern that needs what the text lacks cannot match,
    # and skipping it leaves the reading as it was (tests/test_numbers.py compares).
    has_digit = _DIGIT.search(text) is not None
    has_latin = _LATIN.search(text) is not None
    has_month = has_latin and _MONTH_PREFIX.search(text) is not None
    # Blanking below takes Hangul out, never puts it in: a text without it now has
    # none later. (One whose only Hangul is a date's still runs the Korean patterns,
    # which then find nothing: rarer than a second search would cost.)
    has_hangul = _HANGUL_SYLLABLE.search(text) is not None
    dates, text = _take_dates(text, _DATES_FOR[has_digit, has_month, has_hangul])
    quantities: list[Quantity] = []
    identifiers: list[tuple[str, str]] = []
    days: list[Quantity] = []
    scores: tuple[Score, ...] = ()
    if has_digit and (_DIGIT_FORMS_IN_ASCII if text.isascii() else _DIGIT_FORMS).search(text) is None:
        # Most lines with a figure: no digit has beside it what any form read below
        # needs (see _BESIDE_A_DIGIT), so none is there to take and the text stays
        # as it is for the plain figures.
        _take_figures(text, quantities, days, has_latin=has_latin)
    elif has_digit:
        if has_latin:  # a model name has a capital (F-16) or ends in G, D or WD (3G)
            identifiers, text = _take_identifiers(text, quantities)
        text = _take_race_times(text, quantities, _RACE_TIMES_FOR[has_latin, has_hangul])
        if has_latin:
            text = _take_feet_and_inches(text, quantities)
        text = _take_heights_and_seasons(text, quantities, has_latin=has_latin)
        text = _take_mixed_numbers(text, quantities)
        if has_hangul:
            text = _take_match_minutes(text, quantities)  # 후반 23분
        text = _take_averages_and_estimates(text, quantities, has_hangul=has_hangul)
        text = _take_times(text, quantities, _TIMES_FOR[has_latin, has_hangul])
        scores = _scores_in(text)
        _take_figures(text, quantities, days, has_latin=has_latin)
        if has_hangul:
            _take_compound_spans(text, quantities)  # 2시간 30분
        _soften_scores_counted_by_games(text, scores, quantities)  # 2-0(21-13 21-18)
    if has_latin and _MAY_MATCH[id(_GOALLESS)](text):
        for match in _GOALLESS.finditer(text):
            quantities.extend(Quantity(Decimal(0), match.group(0), False, "", match.start(), match.end()) for _ in range(2))
            scores += (Score((0, 0), match.group(0), match.start(), match.end()),)
    _take_words(text, quantities, has_latin=has_latin, has_hangul=has_hangul)
    quantities.sort(key=attrgetter("start"))
    may_match = _MAY_MATCH if has_latin else _MAY_MATCH_WITHOUT_LATIN
    straight_win = bool(may_match[id(_STRAIGHT_WIN)](text)) and _STRAIGHT_WIN.search(text) is not None
    relative_year = bool(may_match[id(_RELATIVE_YEAR)](text)) and _RELATIVE_YEAR.search(text) is not None
    return Reading(tuple(quantities), tuple(dates), tuple(days), tuple(identifiers), relative_year, text, scores, straight_win)


def _take_figures(text: str, quantities: list[Quantity], days: list[Quantity], *, has_latin: bool) -> None:
    """The figures written in digits (``3만``, ``$1.2bn``, ``19일``), bare days apart."""
    # What the patterns below look for around a figure, most texts lack: asked of
    # the whole text once, it spares them a regex call per figure. Each needs a
    # character or a word every match of its pattern holds (multiples and percent
    # in the lowercased text: see _lowered; their words are Latin letters, so a
    # text without any is not lowercased to look for them).
    lowered = _lowered(text) if has_latin else ""
    may_be_prefixed = "제" in text  # _ORDINAL_PREFIX
    may_be_a_day = "일" in text  # _DAY_ONLY
    may_be_multiple = "dozen" in lowered or "decade" in lowered or "centur" in lowered  # _MULTIPLE_AFTER
    may_be_points = "b" in text or "B" in text or "베" in text  # _BASIS_POINTS
    may_be_wins = "선승" in text  # _WINS_AFTER
    may_be_approximate = "여" in text  # _APPROXIMATE
    may_be_percent = "%" in text or "퍼" in text or "per" in lowered  # _PERCENT_AFTER
    for match in _NUMBER.finditer(text):
        # Each group and end asked of the match once: the steps below ask for them
        # some fifteen times per figure, each a method call.
        figure, korean, scale_word, short, after = match.group("figure", "korean", "scale", "short", "after")
        start, end = match.span()
        in_millions = short is not None and _after_currency(text, start)  # $50.7m
        value = _value(figure, korean, scale_word, in_millions)
        written = match.group(0).strip()
        after = after.strip() if after else ""
        prefixed = may_be_prefixed and _ORDINAL_PREFIX.search(text, max(0, start - 2), start) is not None
        firm = not after and not prefixed
        day = _DAY_ONLY.match(text, end) if may_be_a_day and firm and not korean else None
        if day:
            # No month has a 32nd day: 취임 100일 is a count of days ("his 100th day"),
            # kept; but 365일 is the idiom "all year round".
            firm = bool(_DAY_COUNT.match(text, end)) or 31 < value != 365
            # The first day of a range (the 3 of 3~5일) is a day too: "March 4-5"
            # for 3~5일 changes it.
            if _BARE_DAY.match(text, day.end() - 1) and value <= 31 and not figure.count("."):
                days.append(Quantity(value, text[start : day.end()].strip(), False, "", start, end))
        elif after.lower() in ("st", "nd", "rd", "th") and value <= 31 and _is_english_day(match, text):
            days.append(Quantity(value, "the " + written, False, "", start, end))
        if may_be_multiple and _MULTIPLE_AFTER.match(text, end):
            firm = False  # "3 decades" is 30, read below
        if value == 1:
            firm = False  # "1명" is as often "a", "the" or "single" as "one"
        if short is not None:
            unit = "" if in_millions else "m"
        elif korean or scale_word or after:
            unit = ""
        else:
            unit = _unit_after(text, start, end)
        below_zero = unit in _TEMPERATURES and _BELOW_ZERO.search(text, max(0, start - 8), start) is not None
        scale = _prefix_scale(text, end)
        if scale != 1:
            # 200 of "200-megapixel" stands as written (a source may keep the
            # prefix, or drop it in error: 5와트 for "5 gigawatts") or as the whole,
            # 2억 화소; the whole is there for the other side's figure too.
            whole = _normal(value * scale)
            quantities.append(Quantity(value, written, firm, unit, start, end, wholes=(whole,)))
            quantities.append(Quantity(whole, written, False, "", start, end, "whole"))
            continue
        if not after and may_be_points and _BASIS_POINTS.match(text, end):
            # 50bp stands as written or as the 0.5 percentage point it is.
            points = _normal(value / 100)
            quantities.append(Quantity(value, written, firm, unit, start, end, wholes=(points,)))
            quantities.append(Quantity(points, written, False, "", start, end, "whole"))
            continue
        if firm and may_be_wins and _WINS_AFTER.match(text, end):
            games = _WINS_NEEDED.search(text, max(0, start - 4), start)
            firm = not (games and int(games["games"]) // 2 + 1 == value)
        if firm and value >= 1000 and korean and _RANGE_AFTER.match(text, end):
            order = Decimal(10) ** (len(str(int(value))) - 1)
            quantities.append(Quantity(value, written, firm, unit, start, end, wholes=(order,)))
            continue
        if firm and may_be_approximate and value <= 100 and korean is None and _APPROXIMATE.match(text, end):
            dozens = tuple(Decimal(12 * n) for n in range(1, 13) if value <= 12 * n < value * Decimal("1.5"))
            if dozens:
                quantities.append(Quantity(value, written, firm, unit, start, end, wholes=dozens))
                continue
        percent = may_be_percent and firm and not after and _PERCENT_AFTER.match(text, end)
        fractions = _near_fractions(value) if percent else ()
        if fractions:
            quantities.append(Quantity(value, written, firm, unit, start, end, wholes=fractions))
            continue
        ordinal = (after and after != "분의") or prefixed
        if korean == "조" and (prefixed or _LAW.search(text, max(0, start - 4), start) or _PARAGRAPH_AFTER.match(text, end)):
            value, firm, ordinal = _decimal(figure), False, True
        kind = "ordinal" if ordinal else ""
        quantities.append(Quantity(value, written, firm, unit, start, end, kind, below_zero=below_zero))


def _near_fractions(percent: Decimal) -> tuple[Decimal, ...]:
    """The simple fractions less than _NEAR_FRACTION from ``percent``: 25 -> 1/4."""
    if not _NEAR_ANY_FRACTION[0] < percent < _NEAR_ANY_FRACTION[1]:
        return ()  # most percent figures: far from a tenth, a fifth ... nine tenths
    return tuple(share for as_percent, share in _SIMPLE_FRACTIONS if abs(percent - as_percent) < _NEAR_FRACTION)


def _share(count: int | Decimal, whole: int | Decimal) -> Decimal:
    return _normal(Decimal(count) / Decimal(whole))


def _is_english_day(match: re.Match[str], text: str) -> bool:
    """Whether the ordinal ``match`` ("14th") is a day of the month: "on the 14th",
    "the 1st of next month", not "on the 3rd floor"."""
    if _OF_THE_MONTH.match(text, match.end()):
        return True
    return bool(_ENGLISH_DAY_BEFORE.search(text, max(0, match.start() - 12), match.start())) and bool(
        _ENGLISH_DAY_AFTER.match(text, match.end())
    )


# The _take_ functions below ask a pattern's hint before they make the function that
# blanks its matches: most texts have none, and making a nested function costs
# about as much as asking a hint (some ten per text read). Those that try several
# patterns in turn look for the first that may match, then run their loop from it:
# the hints before it were asked of this very text, which no pattern has changed.


def _first_that_may_match(patterns: Sequence[re.Pattern[str]], text: str) -> int:
    """The index of the first of ``patterns`` whose hint finds what it needs in
    ``text``, ``len(patterns)`` when none does."""
    for index, pattern in enumerate(patterns):
        if _MAY_MATCH[id(pattern)](text):
            return index
    return len(patterns)


def _take_mixed_numbers(text: str, quantities: list[Quantity]) -> str:
    if not _MAY_MATCH[id(_MIXED_NUMBER)](text):
        return text

    def blank(match: re.Match[str]) -> str:
        if match["sign"]:
            part = _FRACTION_SIGNS[match["sign"]]
        else:
            part = Decimal(match["numerator"]) / Decimal(match["denominator"])
        if part >= 1:
            return match.group(0)  # 3/2 is no part of a whole
        quantities.append(Quantity(_normal(Decimal(match["whole"]) + part), match.group(0), True, "", match.start(), match.end()))
        return " " * len(match.group(0))

    return _MIXED_NUMBER.sub(blank, text)


def _take_match_minutes(text: str, quantities: list[Quantity]) -> str:
    if not _MAY_MATCH[id(_MATCH_MINUTE)](text):
        return text

    def blank(match: re.Match[str]) -> str:
        minute = int(match["minute"])
        start, end, written = match.start(), match.end(), match.group(0)
        half = re.sub(r"\s", "", match["half"])
        match_minute = Decimal(_HALF_START[half] + minute)
        quantities.append(Quantity(match_minute, written, False, "", start, end, "ordinal"))
        quantities.append(Quantity(Decimal(minute), written, False, "", start, end))
        # 후반 is "the second half", 전반 "the first half": an English "second" is no other ordinal.
        quantities.append(Quantity(Decimal(2 if half.endswith("후반") else 1), written, False, "", start, end, "ordinal"))
        return " " * len(written)

    return _MATCH_MINUTE.sub(blank, text)


def _scores_in(text: str) -> tuple[Score, ...]:
    if not _MAY_MATCH[id(_SCORE)](text):
        return ()
    found = []
    for match in _SCORE.finditer(text):
        low, high = sorted((int(match["a"]), int(match["b"])))
        found.append(Score((low, high), match.group(0), match.start(), match.end()))
    return tuple(found)


def _take_compound_spans(text: str, quantities: list[Quantity]) -> None:
    """Mark the parts of 2시간 30분 (and 2년 6개월, 2년 반) with the whole span, and
    add the whole as a soft figure, in the larger unit and in the smaller."""
    if not _MAY_MATCH[id(_COMPOUND_SPAN)](text):
        return
    for match in _COMPOUND_SPAN.finditer(text):
        per = 60 if match["hours"] else 12
        small = Decimal(per // 2) if match["half"] else Decimal(match["small"])
        big = Decimal(match["big"])
        wholes = (_normal(big + small / per), _normal(big * per + small))
        parts = {match.start("big"), match.start("small")}
        for index, quantity in enumerate(quantities):
            if quantity.start in parts:
                quantities[index] = replace(quantity, wholes=wholes)
        quantities.extend(Quantity(whole, match.group(0), False, "", match.start(), match.end(), "whole") for whole in wholes)


def _fraction_value(match: re.Match[str]) -> Decimal | None:
    if match["whole"]:
        part = match["part"].lower()
        share = Decimal("0.5") if part == "half" else Decimal("0.75") if part.startswith("three") else Decimal("0.25")
        return _normal(share * _FRACTION_SCALE[" ".join(match["whole"].lower().split())])
    if match["one"]:
        return Decimal("1.5")
    count = Decimal(match["count"]) if match["count"].isdigit() else _spelled_value(match["count"])
    if count is None:
        return None
    return _normal((count + Decimal("0.5")) * _FRACTION_SCALE.get((match["scale"] or "").lower(), 1))


def _take_words(text: str, quantities: list[Quantity], *, has_latin: bool, has_hangul: bool) -> None:
    """The figures written in words (``three decades``, ``World War II``, ``두 명``).

    The English patterns are skipped for a text without a Latin letter, the Korean
    ones for a text without a Hangul syllable: they cannot match it.
    """
    if has_latin:
        _take_english_words(text, quantities)
    if has_hangul:
        _take_korean_words(text, quantities)
    _take_clock_words(text, quantities, has_latin=has_latin)  # midnight, 자정


def _take_english_words(text: str, quantities: list[Quantity]) -> None:
    # The same words at the same places, found faster in an ASCII text (see
    # _words_in_ascii); what a word writes is taken from ``text``.
    number_words: Iterable[tuple[int, int, str]]
    ordinal_words: Iterable[tuple[int, int, str]]
    if text.isascii():
        # One scan for both; the ordinal words are read after the other words, as
        # their own scan was.
        number_words, ordinal_words = _words_in_ascii(text)
    else:
        number_words = ((m.start(), m.end(), m.group()) for m in _SPELLED.finditer(text))
        ordinal_words = ()  # scanned for below, after the other words
    for start, end, words in number_words:
        spelled = _spelled_value(words)  # which lowercases the words itself
        if spelled is not None:
            quantities.append(Quantity(spelled, text[start:end], False, "", start, end))
    counted: list[tuple[int, int]] = []  # where "two dozen" stands: its "dozen" is no 12 of its own
    if _MAY_MATCH[id(_MULTIPLE)](text):
        for match in _MULTIPLE.finditer(text):
            count = Decimal(match["count"]) if match["count"].isdigit() else _spelled_value(match["count"])
            if match["count"].lower() in _ONE_BEFORE_MULTIPLE.split("|"):
                count = Decimal(1)
            if count is not None:
                value = count * _MULTIPLES[match["what"].lower()]
                counted.append(match.span("what"))
                quantities.append(Quantity(_normal(value), match.group(0), False, "", match.start(), match.end()))
    if _MAY_MATCH[id(_ROMAN)](text):
        for match in _ROMAN.finditer(text):
            start = match.start("roman")
            quantities.append(Quantity(Decimal(_roman_value(match["roman"])), match["roman"], False, "", start, match.end(), "ordinal"))
    if _MAY_MATCH[id(_FRACTION_PHRASE)](text):
        for match in _FRACTION_PHRASE.finditer(text):
            fraction = _fraction_value(match)
            if fraction is not None:
                quantities.append(Quantity(fraction, match.group(0), False, "", match.start(), match.end()))
    _take_shares(text, quantities)
    if _MAY_MATCH[id(_ORDER_OF_MAGNITUDE)](text):
        for match in _ORDER_OF_MAGNITUDE.finditer(text):
            order = (10 if match["order"].lower() == "tens" else 100) * _ENGLISH_SCALE[match["scale"].lower().rstrip("s")]
            quantities.append(Quantity(Decimal(order), match.group(0), False, "", match.start(), match.end()))
    if not text.isascii():
        ordinal_words = ((m.start(), m.end(), m.group()) for m in _ORDINAL_WORD.finditer(text))
    for start, end, written in ordinal_words:
        if (start, end) in counted:
            continue
        word = written.lower()
        kind = "ordinal" if word in _ORDINALS else ""
        quantities.append(Quantity(Decimal(_ORDINAL_WORDS[word]), text[start:end], False, "", start, end, kind))


def _take_shares(text: str, quantities: list[Quantity]) -> None:
    """A fifth, two-thirds, nine out of 10, one in five: shares (see _PERCENT_AFTER)."""
    if _MAY_MATCH[id(_FRACTION_WORD)](text):
        for match in _FRACTION_WORD.finditer(text):
            share = _share(_ENGLISH_COUNTS[match["count"].lower()], _FRACTION_PARTS[match["part"].lower()])
            quantities.append(Quantity(share, match.group(0), False, "", match.start(), match.end()))
    if _MAY_MATCH[id(_RATIO)](text):
        for match in _RATIO.finditer(text):
            count, whole = (int(w) if w.isdigit() else _ENGLISH_COUNTS[w.lower()] for w in (match["count"], match["whole"]))
            if not 0 < count < whole:
                continue
            share = _share(count, whole)
            quantities.append(Quantity(share, match.group(0), False, "", match.start(), match.end(), "whole"))
            for index, quantity in enumerate(quantities):
                if quantity.start == match.start("whole") and quantity.value in _RATIO_WHOLES:
                    quantities[index] = replace(quantity, firm=False)


def _soften_scores_counted_by_games(text: str, scores: tuple[Score, ...], quantities: list[Quantity]) -> None:
    for score in scores:
        games = _GAME_SCORES_AFTER.match(text, score.end)
        if games is None:
            continue
        sides = [[int(f) for f in re.findall(r"\d+", s.text)] for s in scores if games.start(1) <= s.start < games.end(1)]
        won = tuple(sorted((sum(a > b for a, b in sides), sum(b > a for a, b in sides))))
        if len(sides) < 2 or won != score.pair:
            continue  # the brackets do not count to the result: it stays a figure of its own
        for index, quantity in enumerate(quantities):
            if score.start <= quantity.start < score.end:
                quantities[index] = replace(quantity, firm=False)


def _take_clock_words(text: str, quantities: list[Quantity], *, has_latin: bool) -> None:
    if (_MAY_MATCH if has_latin else _MAY_MATCH_WITHOUT_LATIN)[id(_MIDNIGHT_OR_NOON)](text):
        for match in _MIDNIGHT_OR_NOON.finditer(text):
            quantities.append(Quantity(Decimal(0), match.group(0), False, "", match.start(), match.end(), "time"))


def _take_korean_words(text: str, quantities: list[Quantity]) -> None:
    if _MAY_MATCH[id(_KOREAN_FIGURE_WORD)](text):
        for match in _KOREAN_FIGURE_WORD.finditer(text):
            value = Decimal(_KOREAN_FIGURE_WORDS[match.group(0)])
            quantities.append(Quantity(value, match.group(0), False, "", match.start(), match.end()))
    native_words, native_days = _native_words_and_days(text)
    for start, end, word in native_words:
        quantities.append(Quantity(Decimal(_NATIVE[word]), word, False, "", start, end))
    if _MAY_MATCH[id(_KOREAN_ROUND)](text):
        for match in _KOREAN_ROUND.finditer(text):
            value = Decimal(_KOREAN_SMALL[match["small"]] * _KOREAN_LARGE[match["large"]])
            quantities.append(Quantity(value, match.group(0), False, "", match.start(), match.end()))
    if _MAY_MATCH[id(_NATIVE_RATIO)](text):
        for match in _NATIVE_RATIO.finditer(text):
            whole, count = _NATIVE[match["whole"]], _NATIVE[match["count"]]
            quantities.append(Quantity(Decimal(whole), match["whole"], False, "", match.start(), match.end("whole")))
            quantities.append(Quantity(_share(count, whole), match.group(0), False, "", match.start(), match.end(), "whole"))
    for start, end, day in native_days:
        quantities.append(Quantity(Decimal(_NATIVE_DAYS[day]), day, False, "day", start, end))


def _native_words_and_days(text: str) -> tuple[list[tuple[int, int, str]], list[tuple[int, int, str]]]:
    """The native numerals and the native day counts of ``text`` (``두 명``,
    ``열흘간``), each as its start, end and word, in the order of the text.

    One scan for both (_NATIVE_WORDS_AND_DAYS); a match with a Hangul letter just
    before it is part of a longer word and left out. The tables tell the two
    apart (they share no word)."""
    words: list[tuple[int, int, str]] = []
    days: list[tuple[int, int, str]] = []
    for match in _NATIVE_WORDS_AND_DAYS.finditer(text):
        start, end = match.span()
        if start and is_hangul(text[start - 1]):
            continue
        word = match.group()
        if word in _NATIVE_DAYS:
            days.append((start, end, word))
        else:
            words.append((start, end - 1, word[:-1]))  # without the space after it
    return words, days


def compare(source: Reading, target: Reading) -> Difference:
    """The firm figures of each side that the other side does not state.

    A figure is matched by value: a figure one side repeats (a gloss, a recap) needs
    the other side to state it once. A figure the other side states converted
    (``120km``, ``75 mph``), glosses in brackets (``176 euros ($277)``) or names as a
    relative year (``올해`` for ``2008``) is not missing: it is ``explained``.
    Identifiers (``F-16``) are compared as written: one changed into another of the
    same shape (``F-15``) is missing and added.
    """
    source_left = _unmatched(source, target)
    target_left = _unmatched(target, source)
    nothing_left = not source_left and not target_left
    if nothing_left and not (source.identifiers and target.identifiers) and not (source.scores and target.scores):
        # Most pairs: no figure left over to explain, and no name or score on both
        # sides that could have changed (_changed_identifiers and _score_conflicts
        # need one on each side): only an ordinal can differ. The same Difference
        # the steps below would build, without building their empty parts.
        ordinals_missing, ordinals_added = _ordinal_conflicts(source, target), _ordinal_conflicts(target, source)
        return Difference(ordinals_missing, ordinals_added) if ordinals_missing or ordinals_added else NO_DIFFERENCE
    explained: list[Explained] = []
    missing = _unexplained(source_left, source, target, target_left, "source", explained)
    added = _unexplained(target_left, target, source, source_left, "translation", explained)
    changed_from, changed_to = _changed_identifiers(source, target)
    scores_from, scores_to = _score_conflicts(source, target), _score_conflicts(target, source)
    # A changed score is named whole (2-1 for 3대1), not its figures one by one.
    # A 2-0 the other side gives as a win "in straight sets" is stated there.
    missing = [q for q in missing if not any(s.start <= q.start < s.end for s in scores_from) and not _straight_win(q, source, target)]  # fmt: skip
    added = [q for q in added if not any(s.start <= q.start < s.end for s in scores_to) and not _straight_win(q, target, source)]  # fmt: skip
    return Difference(
        missing=tuple(s.text for s in scores_from) + tuple(q.text for q in missing) + _ordinal_conflicts(source, target) + changed_from,
        added=tuple(s.text for s in scores_to) + tuple(q.text for q in added) + _ordinal_conflicts(target, source) + changed_to,
        explained=tuple(explained),
    )


def _straight_win(quantity: Quantity, side: Reading, other: Reading) -> bool:
    """Whether ``quantity`` is a figure of a 2-0 or 3-0 that ``other`` states as a
    win "in straight sets" (or games)."""
    return other.straight_win and any(s.start <= quantity.start < s.end and s.pair in _STRAIGHT_SCORES for s in side.scores)


def unstated_words(side: Reading, other: Reading) -> tuple[str, ...]:
    """The figures ``side`` writes in words or as ordinals (soft ones) whose value
    ``other`` does not state: what a flag on ``other``'s figure can name as the
    figure this side has instead ("8" against "semifinals"). A figure inside a
    longer one is left to it ("half a million", not "a million")."""
    stated = {q.value for q in other.quantities} | {q.value for q in other.days}
    soft = [q for q in side.quantities if not q.firm and q.kind != "whole" and q.value != 1 and q.value not in stated]
    outer = [q for q in soft if not any(o is not q and o.start <= q.start and q.end <= o.end and (o.start, o.end) != (q.start, q.end) for o in soft)]
    return tuple(dict.fromkeys(q.text for q in outer))


def date_conflicts(source: Reading, target: Reading) -> tuple[tuple[Date, ...], tuple[Date, ...]]:
    """Source dates the translation does not agree with, and translation dates the
    source does not (the latter only when the source states any date at all: a
    translation may well spell out "Nov. 2" for a Korean ``2일``).

    A bare day (``19일``) is held against the dates of the other side that state a
    day: ``19일`` and ``June 26`` conflict, ``19일`` and ``on Thursday`` do not.
    """
    if not source.dates and not target.dates and not (source.days and target.days):
        return (), ()  # a bare day conflicts only with a date or a bare day of the other side
    # A range's first month may go unsaid ("in the nine months to September" for
    # 1~9월): missing only its end is a missing date.
    missing = tuple(
        d
        for d in source.dates
        if not any(d.agrees_with(t) for t in target.dates)
        and not _range_end_stated(d, target)
        and not d.starts_range
        and not _quarter_named(d, target)
    )
    extra: tuple[Date, ...] = ()
    if source.dates:
        source_days = {int(d.value) for d in source.days}
        extra = tuple(
            t
            for t in target.dates
            if not any(t.agrees_with(d) for d in source.dates)
            and t.day not in source_days
            and not _range_end_stated(t, source)
            and not t.starts_range
        )
    missing += _day_conflicts(source, target)
    if not extra:
        extra = _day_conflicts(target, source)
    return missing, extra


# Business news gives 1~3월 as "the first quarter" (Q1, first-quarter sales).
_QUARTER_NAMES = re.compile(r"\b(?:(?P<word>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]quarter|Q(?P<digit>[1-4]))\b", re.IGNORECASE)
_QUARTER_NUMBERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _quarter_named(date: Date, other: Reading) -> bool:
    """Whether ``other`` names the calendar quarter the month range ``date`` ends."""
    if not date.quarter:
        return False
    named = {_QUARTER_NUMBERS.get((m["word"] or "").lower()) or int(m["digit"] or 0) for m in _QUARTER_NAMES.finditer(other.text)}
    named |= {int(name[1]) for name, _ in other.identifiers if re.fullmatch("Q[1-4]", name)}  # Q1 reads as a name
    return date.quarter in named


def _range_end_stated(date: Date, other: Reading) -> bool:
    """Whether the last day of a range is a figure or a bare day of ``other``:
    "August 8-24" for 8월 8일부터 24일간, "June 21-24" for 6월 21일 ... 24일."""
    return date.ends_range and any(q.value == date.day for q in (*other.quantities, *other.days))


def _day_conflicts(side: Reading, other: Reading) -> tuple[Date, ...]:
    dated = {d.day for d in other.dates if d.day is not None}
    bare = {int(d.value) for d in other.days}
    # 14일 against "on the 15th": both name a day of the month without its month.
    # Against bare days only, a day is missing only when the other side has a day
    # of its own this side does not state: "on the 3rd ... on Friday" gives 3일 ... 5일.
    if not dated and bare <= {int(d.value) for d in side.days}:
        return ()
    stated = dated | bare
    numbers = {q.value for q in other.quantities} | {d.value for d in other.days}
    return tuple(
        Date(0, None, int(day.value), day.text) for day in side.days if day.value not in stated and day.value not in numbers
    )


# --- reading ----------------------------------------------------------------------------


def _blank_unread(text: str) -> str:
    """Drop what states no figure: URLs, code, tags, link targets, footnote marks."""
    if "[^" in text:  # a footnote mark needs both: most texts skip the scan
        text = _FOOTNOTE_MARK.sub(" ", text)
    return readable_text(text)


_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")


def _take_dates(text: str, patterns: Sequence[re.Pattern[str]]) -> tuple[list[Date], str]:
    """The dates of ``text`` and the text with them blanked (so their figures are not read).

    ``patterns`` is the part of ``_DATES`` that can match the text (``_DATES_FOR``).
    """
    first = _first_that_may_match(patterns, text)
    if first == len(patterns):
        return [], text  # most texts; none at all without a digit or a month name
    found: list[tuple[int, Date]] = []

    def blank(match: re.Match[str]) -> str:
        date = _date(match)
        if date is None:
            return match.group(0)
        groups = match.groupdict()
        if groups.get("month_from"):
            first = int(groups["month_from"])
            found.append((match.start(), Date(first, date.year, None, date.text, starts_range=True)))
            if first % 3 == 1 and date.month == first + 2 and date.day is None:
                date = replace(date, quarter=date.month // 3)  # 1~3월: the first quarter
        found.append((match.start(), date))
        if groups.get("day_to"):
            # 11월 3~4일, Nov. 3-4: a range of days names both. Its last day is
            # also left to read as a figure: "August 8-24" may give 24일간.
            found.append((match.start(), Date(date.month, date.year, int(groups["day_to"]), date.text, ends_range=True)))
            kept = match.start("day_to") - match.start()
            return " " * kept + match.group(0)[kept:]
        return " " * len(match.group(0))  # same length: later positions stay true

    text = patterns[first].sub(blank, text)
    for pattern in patterns[first + 1 :]:
        if _MAY_MATCH[id(pattern)](text):
            text = pattern.sub(blank, text)
    if not found:
        return [], text  # most texts with a digit state no date
    found.sort(key=lambda item: item[0])
    return [date for _, date in found], text


def _date(match: re.Match[str]) -> Date | None:
    groups = match.groupdict()
    if groups.get("month2"):
        groups = {**groups, "month": groups["month2"], "day": groups["day2"]}
    month_text = (groups.get("month") or "").rstrip(".").lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text)
    if month is None:
        return None
    year = int(groups["year"]) if groups.get("year") else None
    day = int(groups["day"]) if groups.get("day") else None
    return Date(month, year, day, match.group(0).strip())


def _decimal(figure: str) -> Decimal:
    return Decimal(figure.replace(",", ""))


# The characters a unit of _UNITS, and a prefix of _PREFIXED_UNIT, can start with:
# the first letters of their words in either case and the letters that fold to
# one under IGNORECASE (Kelvin sign, long s, dotted and dotless i), then their signs
# and Korean words. Both patterns allow at most three characters (\s?-?\s?)
# before it, so neither can match after a figure unless one of the next four
# characters is one of these: _unit_after and _prefix_scale ask that first, a set
# lookup where the pattern costs a regex match per figure (about 2% of the QA
# checks' time). tests/test_figure_readings.py checks the letters on every
# character and the patterns against each start.
_UNIT_STARTS = frozenset("kKmMfFpPlLcCiIdDhHsSaA\u212a\u017f\u0130\u0131°㎡㎢평제헥에㎞킬마미피밀㎜센㎝인℃℉시도")
_PREFIX_STARTS = frozenset("kKmMgGtT\u212a킬메기테㎾㎿㎒㎓㎅㎆㎇")


def _prefix_scale(text: str, end: int) -> int:
    """What the metric prefix of the unit after a figure ending at ``end``
    multiplies it by (1 for none)."""
    if _PREFIX_STARTS.isdisjoint(text[end : end + 4]):
        return 1  # no prefix can start there (_PREFIX_STARTS)
    prefix = _PREFIXED_UNIT.match(text, end)
    return _PREFIXES[prefix.group(prefix.lastgroup or "").lower()] if prefix else 1


def _value(figure: str, korean: str | None, scale: str | None, in_millions: bool) -> Decimal:
    """The value of a figure of _NUMBER from its groups (``in_millions``: a currency
    amount in m, $50.7m)."""
    if korean:
        return _korean_value(figure + korean)
    if scale:
        return _normal(_decimal(figure) * _ENGLISH_SCALE[scale.lower()])
    if in_millions:
        return _normal(_decimal(figure) * 10**6)
    return _figure_value(figure)


@lru_cache(maxsize=1024)  # the same figures (years, small counts) in text after text
def _figure_value(figure: str) -> Decimal:
    return _normal(_decimal(figure))


def _after_currency(text: str, start: int) -> bool:
    return text[max(0, start - 1) : start] in ("$", "£", "€", "¥")


def _unit_after(text: str, start: int, end: int) -> str:
    """The convertible unit written after the figure at ``text[start:end]``, as a key
    of _LENGTH, _MASS or a temperature. Asked of a plain figure only: one with a
    Korean unit, a scale word or an ordinal ending has no unit of these, and one
    followed by m is in metres (or in millions of a currency)."""
    if _UNIT_STARTS.isdisjoint(text[end : end + 4]):
        return ""  # no unit can start there (_UNIT_STARTS)
    found = _UNITS.match(text, end)
    if found is None:
        return ""
    word = found["unit"].lower().replace(" ", "").replace("-", "")
    if word.startswith("degree"):
        word = "°f" if word.endswith(("fahrenheit", "f")) else "°c" if word.endswith(("celsius", "c", "centigrade")) else "degree"
    name = _UNIT_NAMES.get(word) or _UNIT_NAMES.get(word.rstrip("s")) or _UNIT_NAMES.get(word.removesuffix("es"), "")
    if found["unit"] == "도" and not _TEMPERATURE_WORD.search(text, max(0, start - 12), start):
        return ""
    return name


def _take_identifiers(text: str, quantities: list[Quantity]) -> tuple[list[tuple[str, str]], str]:
    """Model and code names (blanked), their digits kept as soft quantities: "G20"
    may stand for the 20 of ``주요 20개국``."""
    if not _MAY_MATCH[id(_IDENTIFIER)](text):
        return [], text
    found: list[tuple[str, str]] = []

    def blank(match: re.Match[str]) -> str:
        written = match.group(0)
        found.append((written.upper().replace("-", ""), written))
        digits = re.search(r"\d+", written)
        if digits:
            quantities.append(Quantity(Decimal(digits.group(0)), written, False, "", match.start(), match.end()))
        return " " * len(written)

    return found, _IDENTIFIER.sub(blank, text)


def _take_averages_and_estimates(text: str, quantities: list[Quantity], *, has_hangul: bool) -> str:
    """Batting averages (2할6푼8리, .268) and estimates (2, 3년: a Hangul syllable
    follows each, so a text without one has none)."""
    if _MAY_MATCH[id(_AVERAGE)](text):

        def average(match: re.Match[str]) -> str:
            digits = match["d"] or f"{match['a']}{match['b'] or 0}{match['c'] or 0}"
            quantities.append(Quantity(_normal(Decimal(f"0.{digits}")), match.group(0), True, "", match.start(), match.end()))
            return " " * len(match.group(0))

        text = _AVERAGE.sub(average, text)
    if has_hangul and _MAY_MATCH[id(_ESTIMATE)](text):

        def estimate(match: re.Match[str]) -> str:
            low, high = int(match["low"]), int(match["high"])
            if high != low + 1:
                return match.group(0)
            for figure, start in ((low, match.start("low")), (high, match.start("high"))):
                quantities.append(Quantity(Decimal(figure), str(figure), False, "", start, start + len(str(figure))))
            return " " * len(match.group(0))

        text = _ESTIMATE.sub(estimate, text)
    return text


def _take_race_times(text: str, quantities: list[Quantity], patterns: Sequence[re.Pattern[str]]) -> str:
    """``patterns``: the part of _RACE_TIME, _RACE_CLOCK, _RACE_WORDS that can match (_RACE_TIMES_FOR)."""
    first = _first_that_may_match(patterns, text)
    if first == len(patterns):
        return text

    def blank(match: re.Match[str]) -> str:
        value = Decimal(int(match["minutes"] or 0) * 60) + Decimal(f"{match['seconds']}.{match['hundredths']}")
        quantities.append(Quantity(_normal(value), match.group(0), True, "", match.start(), match.end()))
        return " " * len(match.group(0))

    text = patterns[first].sub(blank, text)
    for pattern in patterns[first + 1 :]:
        if _MAY_MATCH[id(pattern)](text):
            text = pattern.sub(blank, text)
    return text


def _take_feet_and_inches(text: str, quantities: list[Quantity]) -> str:
    if not _MAY_MATCH[id(_FEET_AND_INCHES)](text):
        return text

    def blank(match: re.Match[str]) -> str:
        if match["tall"]:
            value, unit = Decimal(match["tall"]) + Decimal(match["tall_inches"]) / 12, "ft"
        elif match["feet"]:
            inches = match["inches"].replace("½", " 1/2").replace("¼", " 1/4").replace("¾", " 3/4").split()
            part = Decimal(inches[0]) + (Decimal(inches[1][0]) / Decimal(inches[1][2]) if len(inches) > 1 else 0)
            value, unit = Decimal(match["big"]) + part / 12, "ft"
        else:
            value, unit = Decimal(match["big"]) + Decimal(match["ounces"]) / 16, "lb"
        quantities.append(Quantity(_normal(value), match.group(0), True, unit, match.start(), match.end()))
        return " " * len(match.group(0))

    return _FEET_AND_INCHES.sub(blank, text)


def _take_heights_and_seasons(text: str, quantities: list[Quantity], *, has_latin: bool) -> str:
    """Heights in metres and centimetres (2m33: a text without a Latin letter has
    no m) and seasons (2024-25)."""
    if has_latin and _MAY_MATCH[id(_METRES_AND_CENTIMETRES)](text):

        def height(match: re.Match[str]) -> str:
            value = Decimal(f"{match['metres']}.{match['centimetres']}")
            quantities.append(Quantity(_normal(value), match.group(0), True, "m", match.start(), match.end()))
            return " " * len(match.group(0))

        text = _METRES_AND_CENTIMETRES.sub(height, text)
    if _MAY_MATCH[id(_SEASON)](text):

        def season(match: re.Match[str]) -> str:
            first = int(match["first"])
            if int(match["second"]) != (first + 1) % 100:
                return match.group(0)
            quantities.append(Quantity(Decimal(first), match.group(0), True, "", match.start(), match.end("first")))
            quantities.append(Quantity(Decimal(first + 1), match.group(0), True, "", match.start("second"), match.end()))
            return " " * len(match.group(0))

        text = _SEASON.sub(season, text)
    return text


def _take_times(text: str, quantities: list[Quantity], patterns: Sequence[re.Pattern[str]]) -> str:
    """``patterns``: the part of _TIMES that can match the text (_TIMES_FOR)."""

    def blank(match: re.Match[str]) -> str:
        hour = int(match["hour"] or match.groupdict().get("early") or 0)
        minute = int(match.groupdict().get("minute") or match.groupdict().get("late") or 0)
        if match.groupdict().get("half"):
            minute = 30
        value = Decimal((hour % 12) * 60 + minute)
        quantities.append(Quantity(value, match.group(0).strip(), True, "", match.start(), match.end(), "time"))
        return " " * len(match.group(0))

    for pattern in patterns:
        if _MAY_MATCH[id(pattern)](text):
            text = pattern.sub(blank, text)
    return text


def _roman_value(roman: str) -> int:
    total = 0
    for ch, following in zip(roman, [*roman[1:], ""], strict=True):
        value = _ROMAN_DIGITS[ch]
        total += -value if following and _ROMAN_DIGITS[following] > value else value
    return total


@lru_cache(maxsize=1024)  # 1만, 3천, 2억 in text after text
def _korean_value(text: str) -> Decimal:
    """``1억1천만`` -> 110000000: figures times small units within a group, groups
    times the large unit that closes them (만 10^4, 억 10^8, 조 10^12)."""
    total = Decimal(0)
    group = Decimal(0)
    current: Decimal | None = None
    for part in _KOREAN_PARTS.finditer(text.replace(" ", "")):
        if part.group("figure"):
            current = _decimal(part.group("figure"))
            continue
        unit = part.group("unit")
        if unit in _KOREAN_SMALL:
            group += (current if current is not None else 1) * _KOREAN_SMALL[unit]
        else:
            group += current if current is not None else 0
            total += (group or 1) * _KOREAN_LARGE[unit]
            group = Decimal(0)
        current = None
    return _normal(total + group + (current or 0))


@lru_cache(maxsize=256)  # the same few words ("a", "two", "a million") in text after text
def _spelled_value(words: str) -> Decimal | None:
    """``twenty-five`` 25, ``three million`` 3000000, ``a hundred`` 100; ``a`` alone 1."""
    parts = re.split(r"[-\s]+", words.lower())
    value = Decimal(0)
    for part in parts:
        if part in ("a", "an"):
            value += 1
        elif part in _ONES:
            value += _ONES[part]
        elif part in _TENS:
            value += _TENS[part]
        elif part in _ENGLISH_SCALE:
            value = (value or Decimal(1)) * _ENGLISH_SCALE[part]
        else:
            return None
    return _normal(value)


def _normal(value: Decimal) -> Decimal:
    # 1.10 and 1.1 (and 1E+3 and 1000) are the same figure.
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


# The simple fractions _near_fractions gives, in its order, each as the percent it
# is and the share it stands for: the same Decimal arithmetic done once, where it
# cost some 5 us per percent figure read (tests/test_numbers.py compares). They lie
# from 10% to 90%, so no percent figure outside (9, 91) is near one.
_SIMPLE_FRACTIONS = tuple(
    (Decimal(100 * numerator) / denominator, _share(numerator, denominator))
    for denominator in _FRACTION_DENOMINATORS
    for numerator in range(1, denominator)
    if math.gcd(numerator, denominator) == 1
)
_NEAR_ANY_FRACTION = (
    min(as_percent for as_percent, _ in _SIMPLE_FRACTIONS) - _NEAR_FRACTION,
    max(as_percent for as_percent, _ in _SIMPLE_FRACTIONS) + _NEAR_FRACTION,
)


def _unmatched(side: Reading, other: Reading) -> list[Quantity]:
    """The firm quantities of ``side`` that ``other`` does not state.

    Matched as often as they occur, but a figure ``side`` repeats that ``other``
    states fewer times is a recap or a gloss, not a change (``2010년 목표 ...
    2010년에`` for "the 2010 goal"), unless ``other`` has a figure left over that
    could have been the partner (``4년 전 ... 4개 국가`` for "three years ago ...
    four countries")."""

    firm = [q for q in side.quantities if q.firm]
    if not firm:
        return []  # only a firm quantity can be left over: most texts have none

    # Counted in plain dicts: a Counter costs more to build than these few
    # quantities cost to count. A key is in ``available`` only if ``other`` states
    # it; ``get(key, 0)`` reads a missing one as a Counter would, without adding it.
    available: dict[tuple[bool, Decimal], int] = {}
    for q in other.quantities:
        key = _count_key(q)
        available[key] = available.get(key, 0) + 1
    for q in other.days:
        key = (False, q.value)
        available[key] = available.get(key, 0) + 1
    # An ordinal pairs with an ordinal first: 8위 is "eighth", so a firm 8개 beside
    # it needs a figure 8 of its own ("nine silvers" for 8개 is a change).
    own_ordinals: dict[Decimal, int] = {}
    for q in side.quantities:
        if q.kind == "ordinal":
            own_ordinals[q.value] = own_ordinals.get(q.value, 0) + 1
    if own_ordinals:
        for q in other.quantities:
            if q.kind == "ordinal" and own_ordinals.get(q.value, 0) > 0:
                own_ordinals[q.value] -= 1
                available[(False, q.value)] -= 1  # an ordinal is never a time
    left = []
    spare: bool | None = None  # asked only of a figure ``other`` states too few times
    for quantity in firm:
        key = _count_key(quantity)
        count = available.get(key, 0)
        if count > 0:
            available[key] = count - 1
        elif any(available.get((False, whole), 0) > 0 for whole in quantity.wholes):
            continue  # 30 of 2시간 30분, which the other side gives whole ("two and a half hours")
        elif key not in available:
            left.append(quantity)
        else:
            if spare is None:
                spare = _has_spare(side, other)
            if spare:
                left.append(quantity)
    return left


def _has_spare(side: Reading, other: Reading) -> bool:
    """Whether ``other`` states a figure that ``side`` does not, which could have
    been the partner of a figure ``side`` repeats (see _unmatched)."""
    own = {_count_key(q) for q in side.quantities} | {(False, q.value) for q in side.days}
    # "a" and 1명 say little, but a spelled "one" is a figure ("a one-year term,
    # suspended for two years" leaves no partner for a second 2년).
    return any(
        _count_key(q) not in own and (q.value != 1 or q.text.lower() == "one") and q.kind not in ("ordinal", "whole")
        for q in other.quantities
    )


def _count_key(quantity: Quantity) -> tuple[bool, Decimal]:
    """What a figure is counted under when two readings are matched (_unmatched): its
    value, a time of day apart from the same number stated otherwise."""
    return (quantity.kind == "time", quantity.value)


def _ordinal_conflicts(side: Reading, other: Reading) -> tuple[str, ...]:
    """Ordinals ``side`` writes in digits (``3차``, ``16th``) that ``other`` does not
    state, when ``other`` has an ordinal of its own that ``side`` does not state:
    "the second round" for ``3차 회담``."""

    def unstated(ordinal: Quantity, reading: Reading) -> bool:
        return ordinal.kind == "ordinal" and all(q.value != ordinal.value or q.kind == "time" for q in reading.quantities)

    # Only an ordinal can be unstated: most readings have none, and then the
    # question is settled without a call per quantity.
    other_ordinals = [q for q in other.quantities if q.kind == "ordinal"]
    if not other_ordinals or not any(unstated(q, side) for q in other_ordinals):
        return ()
    return tuple(dict.fromkeys(q.text for q in side.quantities if re.search(r"\d", q.text) and unstated(q, other)))


def _score_conflicts(side: Reading, other: Reading) -> tuple[Score, ...]:
    """Scores ``side`` states that ``other`` does not, when ``other`` has a score of
    its own that ``side`` does not: 2-2 for ``2대1``. A hyphen between figures is as
    often a range ("3-4 days"), so a score alone on one side is no conflict."""
    if not side.scores or not other.scores:
        return ()
    # Counted, not only compared as sets: a tennis match repeats set scores
    # (6-3 6-3), and one changed set (6-4 6-3) leaves the other side's 6-3 over.
    own, others = Counter(s.pair for s in side.scores), Counter(s.pair for s in other.scores)
    if not others - own:
        return ()
    unmatched = own - others
    found = []
    for score in reversed(side.scores):  # a repeated score: the later ones are the unmatched
        if unmatched[score.pair] > 0:
            unmatched[score.pair] -= 1
            found.append(score)
    return tuple(reversed(found))


def _unexplained(
    left: list[Quantity], side: Reading, other: Reading, other_left: list[Quantity], name: str, explained: list[Explained]
) -> list[Quantity]:
    """``left`` without the figures ``other`` states converted, glossed or as "this year".

    A conversion is recorded once, on the side read first: its partner on the other
    side is taken out of ``other_left``."""
    other_name = "translation" if name == "source" else "source"
    kept = []
    for quantity in left:
        if quantity in _explained_partners(explained, name):
            continue
        partner = _conversion(quantity, other, other_left)
        if partner is not None:
            reason = f"{_UNIT_LABELS[quantity.unit]} converted to {_UNIT_LABELS[partner.unit]}: {partner.text!r} in the {other_name}"
            explained.append(Explained(quantity.text, name, reason, partner))
            continue
        reason = (
            _gloss(quantity, side, left, other, other_left)
            or _relative_year(quantity, other, other_left)
            or _time_zone(quantity, side, left, other)
        )
        if reason:
            explained.append(Explained(quantity.text, name, reason))
        else:
            kept.append(quantity)
    return kept


def _explained_partners(explained: list[Explained], side: str) -> list[Quantity]:
    return [e.partner for e in explained if e.side != side and e.partner is not None]


def _conversion(quantity: Quantity, other: Reading, other_left: list[Quantity]) -> Quantity | None:
    """The figure of ``other`` that states ``quantity`` in another unit, within the
    rounding of the figures as written; None when there is none. A conversion cannot
    explain a figure when the other side also has an unmatched figure in the same
    unit (the unit was kept, the figure changed)."""
    if not quantity.unit or any(q.unit == quantity.unit for q in other_left):
        return None
    for candidate in other.quantities:
        if candidate.unit and candidate.unit != quantity.unit and (_converts(candidate, quantity) or _converts(quantity, candidate)):
            return candidate
    return None


def _converts(original: Quantity, converted: Quantity) -> bool:
    """Whether ``converted`` is ``original`` in its unit, to the last digit it writes."""
    expected = _convert(_signed(original), original.unit, converted.unit)
    if expected is None:
        return False
    exponent = converted.value.normalize().as_tuple().exponent
    step = Decimal(10) ** (exponent if isinstance(exponent, int) else 0)
    # Half a unit of the last digit written, but a round figure (10 feet) is not
    # taken to be rounded by more than 5%.
    rounding = min(step / 2, converted.value * _ROUND_FIGURE_SLACK)
    return abs(expected - _signed(converted)) <= max(rounding, abs(expected) * _CONVERSION_SLACK)


def _signed(quantity: Quantity) -> Decimal:
    return -quantity.value if quantity.below_zero else quantity.value


def _convert(value: Decimal, unit: str, to: str) -> Decimal | None:
    for table in (_LENGTH, _MASS, _AREA, _DURATION):
        if unit in table and to in table:
            return value * table[unit] / table[to]
    if unit in _TEMPERATURES and to in _TEMPERATURES and unit != to:
        if unit == "c" or (unit == "deg" and to == "f"):
            return value * 9 / 5 + 32
        return (value - 32) * 5 / 9
    return None


def _gloss(quantity: Quantity, side: Reading, left: list[Quantity], other: Reading, other_left: list[Quantity]) -> str:
    """The figure that ``quantity`` glosses in the brackets after it: ``176유로($277)``,
    ``$50bn (£27bn)``; "" when there is none. That figure must be matched on the
    other side (not in ``left``); two figures in units that convert into each other
    must agree. When the other side glosses too, in the same currency, the two
    glosses must agree: each side may gloss in its readers' money (``(약 24만원)``
    for "($180)"), but ``(약 2조2천억 원)`` and "(about 2.3 trillion won)" state one
    amount twice."""
    currency = _currency(quantity, side)
    if currency and any(
        _currency(partner, other) == currency and _gloss(partner, other, other_left, side, []) for partner in other_left
    ):
        return ""
    for neighbour in side.quantities:
        if not neighbour.firm or neighbour in left or neighbour is quantity:
            continue
        if neighbour.end > quantity.start or not re.fullmatch(_GLOSS_GAP, side.text[neighbour.end : quantity.start]):
            continue
        if neighbour.unit and quantity.unit and _convert(Decimal(1), neighbour.unit, quantity.unit) is not None:
            if not _converts(neighbour, quantity):
                continue
        return f"a gloss of {neighbour.text} in brackets"
    return ""


# The currency written before or after a figure, named the same in both languages.
_CURRENCY_BEFORE = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₩": "KRW"}
_CURRENCY_AFTER = re.compile(
    r"\s?(?:(?P<krw>원|won\b)|(?P<usd>달러|dollars?\b)|(?P<eur>유로|euros?\b)|(?P<jpy>엔|yen\b)|(?P<gbp>파운드|pounds?\b)|(?P<cny>위안|yuan\b))",
    re.IGNORECASE,
)


def _currency(quantity: Quantity, reading: Reading) -> str:
    text = reading.text
    before = text[max(0, quantity.start - 3) : quantity.start].strip()
    for sign, code in _CURRENCY_BEFORE.items():
        if before.endswith(sign):
            return code
    after = _CURRENCY_AFTER.match(text, quantity.end)
    return (after.lastgroup or "").upper() if after else ""


def _relative_year(quantity: Quantity, other: Reading, other_left: list[Quantity]) -> str:
    # A year stands for the other side's "this year" only when that side has no year
    # of its own left over: 2025 against "2024 ... last year" is a changed year.
    if other.relative_year and _is_year(quantity) and not any(_is_year(q) for q in other_left):
        return "the year the other side names relative to now (this year, last year)"
    return ""


def _time_zone(quantity: Quantity, side: Reading, left: list[Quantity], other: Reading) -> str:
    # A time with its zone named is a conversion the translator added only when this
    # side also gives the other side's time (matched, so not in ``left``).
    if quantity.kind != "time":
        return ""
    text = side.text
    zoned = _ZONE_AFTER.match(text, quantity.end) or _ZONE_BEFORE.search(text, max(0, quantity.start - 20), quantity.start)
    if not zoned:
        return ""
    others = {q.value for q in other.quantities if q.kind == "time"}
    for kept in side.quantities:
        if kept is not quantity and kept.kind == "time" and kept not in left and kept.value in others:
            return f"the time {kept.text} given in another time zone"
    return ""


def _is_year(quantity: Quantity) -> bool:
    return not quantity.unit and quantity.value == quantity.value.to_integral_value() and 1900 <= quantity.value <= 2100


def _changed_identifiers(source: Reading, target: Reading) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Identifiers of the source that the translation writes with other digits (F-16 -> F-15)."""
    if not source.identifiers or not target.identifiers:
        return (), ()  # a changed one needs a name on each side

    def shape(name: str) -> str:
        return re.sub(r"\d+", "#", name)

    source_names, target_names = {n for n, _ in source.identifiers}, {n for n, _ in target.identifiers}
    missing = [(n, w) for n, w in source.identifiers if n not in target_names]
    added = [(n, w) for n, w in target.identifiers if n not in source_names]
    missing_shapes, added_shapes = {shape(n) for n, _ in missing}, {shape(n) for n, _ in added}
    return (
        tuple(dict.fromkeys(w for n, w in missing if shape(n) in added_shapes)),
        tuple(dict.fromkeys(w for n, w in added if shape(n) in missing_shapes)),
    )
