from hypothesis import assume, given, settings
from hypothesis import strategies as st

from umis.matching.fullnames import split_full_name
from umis.matching.normalise import (
    canonical_name,
    canonical_token,
    name_key,
    name_tokens,
    phonetic_key,
)
from umis.matching.scripts import detect_script

# Letters of the region's scripts, separators and anything else Unicode holds.
REGION = st.sampled_from(
    list("abcçdeəfgğhxıijkqlmnoöprsştuüvyzʻ'-, ")
    + list("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғҹһјөүҝ")
    + list("ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیءآةى\u200c")
    + list("აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ")
)
NAMES = st.one_of(st.text(), st.text(REGION, max_size=40))


@settings(max_examples=400)
@given(NAMES)
def test_never_raises_and_gives_ascii(text):
    parsed = name_tokens(text)
    for token in parsed.tokens + parsed.markers + parsed.plain:
        assert token and token.isascii() and token.isalnum() and token == token.lower()
        assert phonetic_key(token).isascii()
    assert detect_script(canonical_name(text)) in ("latin", "none")
    split_full_name(text)


@settings(max_examples=400)
@given(NAMES)
def test_normalising_twice_changes_nothing(text):
    once = canonical_name(text)
    assert canonical_name(once) == once
    for token in name_tokens(text).tokens:
        assert canonical_token(token) == token
        assert phonetic_key(token) == phonetic_key(canonical_token(token))


@given(st.lists(st.text(REGION, min_size=1, max_size=12), min_size=1, max_size=4))
def test_the_key_does_not_depend_on_the_order_of_the_words(words):
    forward, backward = " ".join(words), " ".join(reversed(words))
    # a particle or a marker is one only where it stands (before a name, after one)
    assume(not name_tokens(forward).markers and not name_tokens(backward).markers)
    assert name_key(forward) == name_key(backward)
