import pytest

from umis.matching.fullnames import ParsedName, looks_like_surname, split_full_name
from umis.matching.name_parts import patronymic_stem, surname_stem
from umis.matching.normalise import canonical_token


@pytest.mark.parametrize(
    ("text", "surname", "given", "patronymic"),
    [
        ("MAMMADOV, Rashad", "MAMMADOV", "Rashad", ""),
        ("Petrov, Ivan Ivanovich", "Petrov", "Ivan", "Ivanovich"),
        ("Məmmədov, Rəşad Əli oğlu", "Məmmədov", "Rəşad", "Əli oğlu"),
        # Azerbaijani: Surname Given Father oğlu, and the spoken orders
        ("Məmmədov Rəşad Əli oğlu", "Məmmədov", "Rəşad", "Əli oğlu"),
        ("Rəşad Əli oğlu Məmmədov", "Məmmədov", "Rəşad", "Əli oğlu"),
        ("Rəşad Məmmədov Əli oğlu", "Məmmədov", "Rəşad", "Əli oğlu"),
        ("Aynur Vaqif qızı Həsənova", "Həsənova", "Aynur", "Vaqif qızı"),
        ("Гасанов Рашад Али оглы", "Гасанов", "Рашад", "Али оглы"),
        ("Rəşad Əli oğlu", "", "Rəşad", "Əli oğlu"),
        # Russian: official order and the spoken one
        ("Сазонов Арсений Дмитриевич", "Сазонов", "Арсений", "Дмитриевич"),
        ("Никита Феликсович Кошелев", "Кошелев", "Никита", "Феликсович"),
        ("Агата Петровна Федотова", "Федотова", "Агата", "Петровна"),
        ("Roman Arkadyevich Abramovich", "Abramovich", "Roman", "Arkadyevich"),
        ("Anna Ivanovna", "", "Anna", "Ivanovna"),
        # Arabic ancestry and particles
        ("Mohammed bin Salman Al Saud", "Al Saud", "Mohammed", "bin Salman"),
        ("Ahmad Al-Hashimi", "Al-Hashimi", "Ahmad", ""),
        # two words: the one that looks like a surname, or the one in capitals
        ("Rashad Aliyev", "Aliyev", "Rashad", ""),
        ("Aliyev Rashad", "Aliyev", "Rashad", ""),
        ("ALIEV Rashad", "ALIEV", "Rashad", ""),
        ("Elnur İdrisli", "İdrisli", "Elnur", ""),
        ("Nurəli Nadir", "Nurəli", "Nadir", ""),  # Nadir is a known given name
        ("Демьян Павлов", "Павлов", "Демьян", ""),
        ("Smith John", "Smith", "John", ""),
        ("მამუკა ჭელიძე", "ჭელიძე", "მამუკა", ""),
        ("Aliyev", "Aliyev", "", ""),
        ("", "", "", ""),
    ],
)
def test_a_full_name_is_split(text, surname, given, patronymic):
    parsed = split_full_name(text)
    assert (parsed.surname, parsed.given, parsed.patronymic) == (surname, given, patronymic)
    assert not parsed.ambiguous


@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Rashad Ilham", "Ilham"),  # two given names: the Western order guessed
        ("Roman Abramovich", "Abramovich"),  # or given name and patronymic
        ("Talıb Bəşir", "Bəşir"),  # two given names, or one of them a surname
        ("Aliyev Petrosyan", "Petrosyan"),  # both look like surnames
    ],
)
def test_a_guessed_order_is_marked_ambiguous(text, surname):
    parsed = split_full_name(text)
    assert parsed.surname == surname
    assert parsed.ambiguous


def test_a_known_order_decides_where_the_words_do_not():
    assert split_full_name("Talıb Bəşir", surname_first=True) == ParsedName("Talıb", "Bəşir")
    assert split_full_name("Aliyev Rashad", surname_first=False) == ParsedName("Rashad", "Aliyev")
    # a patronymic still says where it is
    parsed = split_full_name("Rəşad Əli oğlu Məmmədov", surname_first=True)
    assert (parsed.surname, parsed.patronymic) == ("Məmmədov", "Əli oğlu")


def test_extra_spaces_and_case_are_kept_as_written():
    assert split_full_name("  Aliyev   Rashad ") == ParsedName("Aliyev", "Rashad")


@pytest.mark.parametrize(
    "word", ["Aliyev", "Aliyeva", "Quluzadə", "Beridze", "Khutsishvili", "Petrosyan", "Petrovskaya"]
)
def test_surnames_of_the_region_are_recognised(word):
    assert looks_like_surname(word)


@pytest.mark.parametrize("word", ["Rashad", "Ali", "Elvin", "Nigar", "Giorgi", "Anna"])
def test_given_names_do_not_look_like_surnames(word):
    assert not looks_like_surname(word)


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [
        ("Əliyeva", "Əliyev"),
        ("Aliyeva", "Алиев"),
        ("Иванова", "Ivanov"),
        ("Pushkina", "Pushkin"),
        ("Petrovskaya", "Petrovsky"),
        ("Trubetskaya", "Trubetskoy"),
        ("Tolstaya", "Tolstoy"),
    ],
)
def test_feminine_and_masculine_surnames_share_a_stem(feminine, masculine):
    female, male = canonical_token(feminine), canonical_token(masculine)
    assert female != male
    assert surname_stem(female) == surname_stem(male)


def test_a_surname_without_a_gendered_ending_is_its_own_stem():
    for word in ("Beridze", "Quluzadə", "Şahin", "Mohammadi", "Ova"):
        assert surname_stem(canonical_token(word)) == canonical_token(word)


@pytest.mark.parametrize(
    ("one", "other", "stem"),
    [
        ("Ivanovich", "Ivanovna", "ivan"),
        ("Сергеевич", "Sergeyevna", "serg"),
        ("Ильич", "Ilyinichna", "il"),
        ("Kuzmich", "Kuzminichna", "kuzm"),
        ("Petrovych", "Petrivna", "petr"),
    ],
)
def test_patronymics_of_a_son_and_a_daughter_share_a_stem(one, other, stem):
    assert patronymic_stem(canonical_token(one)) == stem
    assert patronymic_stem(canonical_token(other)) == stem


def test_a_name_that_is_not_a_patronymic_has_no_patronymic_stem():
    for word in ("Ivan", "Rashad", "ich", "Aliyev"):
        assert patronymic_stem(canonical_token(word)) is None
