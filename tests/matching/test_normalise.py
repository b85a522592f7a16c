from umis.matching.normalise import canonical_name, name_key, name_tokens, phonetic_key


def test_a_name_in_cyrillic_and_its_latin_spelling_share_tokens():
    assert canonical_name("Алиев Рашад") == canonical_name("Aliev Rashad")


def test_the_patronymic_marker_is_set_apart_from_the_name():
    parsed = name_tokens("Rəşad Əli oğlu")
    assert parsed.tokens == ("rasad", "ali")
    assert parsed.markers == ("oglu",)


def test_the_key_ignores_the_order_of_the_names():
    assert name_key("Rashad Aliev") == name_key("ALIEV, Rashad")


def test_the_sound_key_keeps_the_first_letter_and_the_consonants():
    assert phonetic_key("mammadov") == phonetic_key("mamedov") == "mdv"
