import pytest

from umis.matching.scripts import detect_script, scripts_of


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("Məmmədov Rəşad", "latin"),
        ("O'Neil", "latin"),
        ("Oʻrinboyev", "latin"),  # the Uzbek okina is a modifier letter of no script
        ("Ｍａｍｍａｄｏｖ", "latin"),  # fullwidth
        ("Мамедов Рашад", "cyrillic"),
        ("Ҹәфәров", "cyrillic"),
        ("محمدی", "arabic"),
        ("نرگس\u200cخانم", "arabic"),
        ("გიორგი", "georgian"),
        ("Պետրոսյան", "armenian"),
        ("Παπαδόπουλος", "greek"),
        ("王小明", "han"),
        ("김민준", "hangul"),
        ("שרה", "hebrew"),
        ("Rashad Мамедов", "mixed"),
        ("Mамедов", "mixed"),  # a Latin M among Cyrillic letters: a look-alike to catch
        ("", "none"),
        ("  - 123 ", "none"),
    ],
)
def test_the_script_of_a_name(text, script):
    assert detect_script(text) == script


def test_every_script_of_a_mixed_name_is_listed():
    assert scripts_of("Rashad Мамедов 王") == {"latin", "cyrillic", "han"}
