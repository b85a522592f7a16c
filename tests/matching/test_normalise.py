from umis.matching import normalise
from umis.matching.normalise import (
    NameTokens,
    canonical_name,
    name_key,
    name_tokens,
    phonetic_key,
    phonetic_keys,
)


def test_a_name_in_cyrillic_and_its_latin_spelling_share_tokens():
    assert canonical_name("Алиев Рашад") == canonical_name("Aliev Rashad")


def test_the_patronymic_marker_is_set_apart_from_the_name():
    parsed = name_tokens("Rəşad Əli oğlu")
    assert parsed.tokens == ("rashad", "ali")
    assert parsed.markers == ("oglu",)
    assert parsed.plain == ("rashad", "ali")
    assert parsed.script == "latin"


def test_every_spelling_of_the_markers_is_recognised():
    for text in ("Ali oğlu", "Али оглы", "Ali ogly", "Ali oglu", "Ali oghlu"):
        assert name_tokens(text).tokens == ("ali",), text
    for text in ("Vaqif qızı", "Вагиф кызы", "Vagif gizi", "Vaqif qizi", "Vagif kyzy"):
        assert name_tokens(text).tokens == ("vagif",), text


def test_a_marker_alone_or_first_is_kept_as_a_name():
    assert name_tokens("Oglu").tokens == ("oglu",)


def test_particles_are_set_apart_before_a_name_only():
    assert name_tokens("Al-Hashimi").tokens == name_tokens("Hashimi").tokens == ("hashimi",)
    assert name_tokens("Al-Hashimi").markers == ("al",)
    assert name_tokens("Vincent van Gogh").tokens == ("vinjent", "gog")
    assert name_tokens("Mohammed bin Salman").markers == ("bin",)
    assert name_tokens("Juan de la Cruz").markers == ("de", "la")
    assert name_tokens("Abu Bakr al").tokens == ("abu", "bakr", "al")


def test_the_key_ignores_the_order_of_the_names():
    assert name_key("Rashad Aliev") == name_key("ALIEV, Rashad")
    assert name_key("Məmmədov Rəşad") == name_key("Rashad Mammadov")


def test_empty_and_letterless_names_have_no_tokens():
    for text in ("", "   ", "-", "123"[:0], "—", "\u200c"):
        assert name_tokens(text) == NameTokens((), (), (), "none")
    assert canonical_name("") == name_key("") == ""
    assert phonetic_key("") == ""


def test_mixed_scripts_are_transliterated_word_by_word():
    parsed = name_tokens("Rashad Мамедов")
    assert parsed.tokens == ("rashad", "mamedov")
    assert parsed.script == "mixed"


def test_the_sound_key_keeps_the_first_letter_and_the_consonants():
    assert phonetic_key("mammadov") == phonetic_key("mamedov") == "mdv"
    assert phonetic_key("Məmmədov") == "mdv"
    assert phonetic_keys("Rəşad Məmmədov") == ("rst", "mdv")


def test_words_are_transliterated_once_however_many_names_hold_them():
    # name_tokens runs for every record of a linkage or screening run (a million): the
    # cost is in transliterating and folding words, which repeat far more than names.
    name_tokens.cache_clear()
    normalise._word.cache_clear()
    name_tokens("Rəşad Məmmədov")
    name_tokens("Məmmədov Rəşad Əli oğlu")
    name_tokens("Rəşad Əli oğlu")
    info = normalise._word.cache_info()
    assert (info.misses, info.hits) == (4, 5)


def test_a_look_alike_letter_of_the_other_keyboard_is_read_as_meant():
    # a Latin M in a Cyrillic word, a Cyrillic С and А in Latin ones
    assert canonical_name("Mамедов") == canonical_name("Мамедов") == "mamedov"
    assert canonical_name("Сəfərov") == canonical_name("Cəfərov") == "jafarov"
    assert canonical_name("Аliyev") == "aliev"
    assert name_tokens("Mамедов").script == "mixed"  # what was typed is still reported
