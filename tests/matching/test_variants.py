import pytest

from umis.matching.normalise import canonical_token, phonetic_key
from umis.matching.variants import SOUND_RULES, SPELLING_RULES

from .name_variants import CANONICAL, DISTINCT_NAMES, VARIANT_GROUPS


def _label(group):
    return group[1]


@pytest.mark.parametrize("group", VARIANT_GROUPS, ids=_label)
def test_every_spelling_of_a_name_shares_its_sound_key(group):
    _, *spellings = group
    assert len({phonetic_key(spelling) for spelling in spellings}) == 1, [
        (spelling, canonical_token(spelling), phonetic_key(spelling)) for spelling in spellings
    ]


@pytest.mark.parametrize("group", [g for g in VARIANT_GROUPS if g[0] == CANONICAL], ids=_label)
def test_spellings_of_one_name_share_the_canonical_token(group):
    _, *spellings = group
    assert len({canonical_token(spelling) for spelling in spellings}) == 1, [
        (spelling, canonical_token(spelling)) for spelling in spellings
    ]


def test_the_table_covers_forty_groups_of_six_languages():
    assert len(VARIANT_GROUPS) >= 40


@pytest.mark.parametrize(("one", "other"), DISTINCT_NAMES)
def test_different_names_keep_different_canonical_tokens(one, other):
    assert canonical_token(one) != canonical_token(other)


def test_canonical_tokens_stay_readable():
    assert canonical_token("Məmmədov") == "mamadov"
    assert canonical_token("Cəfərov") == "jafarov"
    assert canonical_token("Hüseynov") == "huseinov"
    assert canonical_token("Xəlilov") == "khalilov"
    assert canonical_token("Şükürov") == "shukurov"


def test_every_rule_says_why():
    for rule in SPELLING_RULES + SOUND_RULES:
        assert len(rule.reason) > 20, rule.pattern
