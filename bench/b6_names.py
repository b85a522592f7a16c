"""B6's name data: Faker's lists where they carry a script we can romanise by rule, and the
region's Persian and Arabic names written out by hand where no rule can (Arabic script
leaves most vowels unwritten, so "محمد" is Mohammad, Mohammed or Muhammad only by habit).

Each hand-written entry is ``(native, latin_spellings, russian_cyrillic)``: the first Latin
spelling is the commonest; a person's passport uses one of them for life, other sources
another. The generator never uses the linkage engine's transliteration: what it writes is
how people and clerks spell, not how the engine reads.
"""

from __future__ import annotations

import importlib
import re
from functools import cache

Entry = tuple[str, tuple[str, ...], str]


def _e(native: str, latin: str, cyrillic: str) -> Entry:
    return native, tuple(latin.split("/")), cyrillic


PERSIAN_MALE: tuple[Entry, ...] = (
    _e("محمد", "Mohammad/Mohammed/Muhammad/Mohamad", "Мохаммад"),
    _e("علی", "Ali", "Али"),
    _e("حسین", "Hossein/Hosein/Hussein/Husein", "Хоссейн"),
    _e("رضا", "Reza/Riza", "Реза"),
    _e("مهدی", "Mehdi/Mahdi", "Мехди"),
    _e("امیر", "Amir", "Амир"),
    _e("حسن", "Hassan/Hasan", "Хасан"),
    _e("عباس", "Abbas", "Аббас"),
    _e("محمود", "Mahmoud/Mahmud/Mahmood", "Махмуд"),
    _e("جواد", "Javad/Jawad", "Джавад"),
    _e("سعید", "Saeed/Said/Saeid", "Саид"),
    _e("حمید", "Hamid", "Хамид"),
    _e("مجید", "Majid/Madjid", "Маджид"),
    _e("ابراهیم", "Ebrahim/Ibrahim", "Ибрагим"),
    _e("مرتضی", "Morteza/Murtaza", "Мортеза"),
    _e("مصطفی", "Mostafa/Mustafa", "Мостафа"),
    _e("کریم", "Karim", "Карим"),
    _e("فرهاد", "Farhad", "Фархад"),
    _e("بهروز", "Behrouz/Behruz", "Бехруз"),
    _e("بابک", "Babak", "Бабак"),
    _e("داریوش", "Dariush/Daryush/Darioush", "Дариуш"),
    _e("کوروش", "Kourosh/Kurosh/Koorosh", "Куруш"),
    _e("مجتبی", "Mojtaba/Mujtaba", "Моджтаба"),
    _e("یوسف", "Yousef/Yusef/Yusuf", "Юсеф"),
    _e("احمد", "Ahmad/Ahmed", "Ахмад"),
    _e("امید", "Omid", "Омид"),
    _e("نوید", "Navid", "Навид"),
    _e("آرش", "Arash", "Араш"),
    _e("پیام", "Payam", "Паям"),
    _e("رسول", "Rasoul/Rasul", "Расул"),
    _e("صادق", "Sadegh/Sadeq/Sadek", "Садег"),
    _e("بهزاد", "Behzad", "Бехзад"),
    _e("سجاد", "Sajjad/Sajad", "Саджад"),
    _e("پویا", "Pouya/Puya", "Пуя"),
)
PERSIAN_FEMALE: tuple[Entry, ...] = (
    _e("فاطمه", "Fatemeh/Fatima/Fatemah", "Фатеме"),
    _e("زهرا", "Zahra", "Захра"),
    _e("مریم", "Maryam/Mariam", "Марьям"),
    _e("نرگس", "Narges", "Наргес"),
    _e("لیلا", "Leila/Leyla/Layla", "Лейла"),
    _e("سارا", "Sara/Sarah", "Сара"),
    _e("شیرین", "Shirin", "Ширин"),
    _e("پریسا", "Parisa", "Париса"),
    _e("مهسا", "Mahsa", "Махса"),
    _e("نسرین", "Nasrin", "Насрин"),
    _e("الهام", "Elham", "Эльхам"),
    _e("سمیه", "Somayeh/Somaye/Sumayya", "Сомайе"),
    _e("رویا", "Roya", "Роя"),
    _e("آزاده", "Azadeh/Azade", "Азаде"),
    _e("مینا", "Mina", "Мина"),
    _e("ندا", "Neda", "Неда"),
    _e("زینب", "Zeinab/Zaynab/Zeynab", "Зейнаб"),
    _e("معصومه", "Masoumeh/Masumeh/Masoume", "Масуме"),
    _e("گلناز", "Golnaz", "Гольназ"),
    _e("شبنم", "Shabnam", "Шабнам"),
    _e("طاهره", "Tahereh/Tahere", "Тахере"),
    _e("مهناز", "Mahnaz", "Махназ"),
)
PERSIAN_SURNAMES: tuple[Entry, ...] = (
    _e("محمدی", "Mohammadi/Mohamadi/Muhammadi", "Мохаммади"),
    _e("حسینی", "Hosseini/Hoseini/Husseini/Hosseyni", "Хоссейни"),
    _e("احمدی", "Ahmadi", "Ахмади"),
    _e("رضایی", "Rezaei/Rezaee/Rezai", "Резаи"),
    _e("مرادی", "Moradi/Muradi", "Муради"),
    _e("کریمی", "Karimi", "Карими"),
    _e("جعفری", "Jafari/Jafary/Djafari", "Джафари"),
    _e("رحیمی", "Rahimi", "Рахими"),
    _e("هاشمی", "Hashemi", "Хашеми"),
    _e("موسوی", "Mousavi/Musavi/Moussavi", "Мусави"),
    _e("قاسمی", "Ghasemi/Qasemi/Gasemi", "Гасеми"),
    _e("صادقی", "Sadeghi/Sadeqi/Sadegi", "Садеги"),
    _e("حیدری", "Heidari/Heydari/Haidari", "Хейдари"),
    _e("کاظمی", "Kazemi", "Каземи"),
    _e("نجفی", "Najafi", "Наджафи"),
    _e("اکبری", "Akbari", "Акбари"),
    _e("عزیزی", "Azizi", "Азизи"),
    _e("صالحی", "Salehi", "Салехи"),
    _e("تهرانی", "Tehrani", "Тегерани"),
    _e("ابراهیمی", "Ebrahimi/Ibrahimi", "Эбрахими"),
    _e("امینی", "Amini", "Амини"),
    _e("باقری", "Bagheri/Baqeri/Bageri", "Багери"),
    _e("قربانی", "Ghorbani/Qorbani", "Горбани"),
    _e("عباسی", "Abbasi", "Аббаси"),
    _e("رستمی", "Rostami/Rustami", "Рустами"),
    _e("تبریزی", "Tabrizi", "Тебризи"),
    _e("نوری", "Nouri/Nuri/Noori", "Нури"),
    _e("سلطانی", "Soltani/Sultani", "Солтани"),
    _e("یوسفی", "Yousefi/Yusefi", "Юсефи"),
    _e("اسدی", "Asadi", "Асади"),
    _e("محمدزاده", "Mohammadzadeh/Mohammadzade", "Мохаммадзаде"),
    _e("حسن‌پور", "Hassanpour/Hasanpur", "Хасанпур"),
    _e("اردبیلی", "Ardabili/Ardebili", "Ардебили"),
    _e("شریفی", "Sharifi", "Шарифи"),
)
ARABIC_MALE: tuple[Entry, ...] = (
    _e("محمد", "Mohammed/Muhammad/Mohamed/Mohammad", "Мухаммед"),
    _e("أحمد", "Ahmed/Ahmad", "Ахмед"),
    _e("علي", "Ali", "Али"),
    _e("عمر", "Omar/Umar", "Омар"),
    _e("خالد", "Khaled/Khalid", "Халед"),
    _e("يوسف", "Youssef/Yousef/Yusuf", "Юсуф"),
    _e("إبراهيم", "Ibrahim/Ebrahim", "Ибрагим"),
    _e("محمود", "Mahmoud/Mahmud", "Махмуд"),
    _e("مصطفى", "Mustafa/Moustafa/Mostafa", "Мустафа"),
    _e("حسين", "Hussein/Husain/Hussain", "Хусейн"),
    _e("حسن", "Hassan/Hasan", "Хасан"),
    _e("عبدالله", "Abdullah/Abdallah/Abdulla", "Абдулла"),
    _e("عبدالرحمن", "Abdulrahman/Abdelrahman/Abdurrahman", "Абдуррахман"),
    _e("طارق", "Tariq/Tarek/Tarik", "Тарик"),
    _e("سمير", "Samir/Sameer", "Самир"),
    _e("وليد", "Walid/Waleed", "Валид"),
    _e("كريم", "Karim/Kareem", "Карим"),
    _e("سعيد", "Said/Saeed/Saied", "Саид"),
    _e("ياسر", "Yasser/Yasir/Yaser", "Ясир"),
    _e("حمزة", "Hamza/Hamzah", "Хамза"),
    _e("بلال", "Bilal", "Билял"),
    _e("فيصل", "Faisal/Faysal/Feisal", "Фейсал"),
    _e("نبيل", "Nabil/Nabeel", "Набиль"),
    _e("جمال", "Jamal/Gamal/Jamaal", "Джамал"),
    _e("ماجد", "Majed/Majid", "Маджид"),
    _e("عادل", "Adel/Adil", "Адель"),
)
ARABIC_FEMALE: tuple[Entry, ...] = (
    _e("فاطمة", "Fatima/Fatma/Fatimah", "Фатима"),
    _e("عائشة", "Aisha/Aicha/Ayesha", "Аиша"),
    _e("مريم", "Maryam/Mariam/Miriam", "Марьям"),
    _e("نور", "Noor/Nour/Nur", "Нур"),
    _e("ليلى", "Layla/Leila/Laila", "Лейла"),
    _e("هدى", "Huda/Houda/Hoda", "Худа"),
    _e("أمل", "Amal", "Амаль"),
    _e("رانيا", "Rania/Ranya", "Рания"),
    _e("سلمى", "Salma", "Сальма"),
    _e("ياسمين", "Yasmin/Yasmine/Jasmin", "Ясмин"),
    _e("خديجة", "Khadija/Khadijah/Khadidja", "Хадиджа"),
    _e("زينب", "Zainab/Zaynab/Zeinab", "Зайнаб"),
    _e("هناء", "Hana/Hanaa", "Хана"),
    _e("سميرة", "Samira/Sameera", "Самира"),
    _e("دينا", "Dina", "Дина"),
    _e("ريم", "Reem/Rim", "Рим"),
    _e("أسماء", "Asma/Asmaa", "Асма"),
    _e("منى", "Mona/Muna", "Муна"),
    _e("لينا", "Lina", "Лина"),
    _e("رشا", "Rasha", "Раша"),
)
ARABIC_SURNAMES: tuple[Entry, ...] = (
    _e("الهاشمي", "Al-Hashimi/Al Hashemi/Alhashimi/Hashimi", "Аль-Хашими"),
    _e("التميمي", "Al-Tamimi/Al Tamimi/Altamimi/Tamimi", "Ат-Тамими"),
    _e("حداد", "Haddad/Hadad", "Хаддад"),
    _e("خليل", "Khalil/Khaleel", "Халиль"),
    _e("منصور", "Mansour/Mansur/Mansoor", "Мансур"),
    _e("ناصر", "Nasser/Nasir/Naser", "Насер"),
    _e("صالح", "Saleh/Salih", "Салех"),
    _e("حمدان", "Hamdan", "Хамдан"),
    _e("المصري", "Al-Masri/El-Masry/Almasri/Masri", "Аль-Масри"),
    _e("عبدالله", "Abdullah/Abdallah", "Абдулла"),
    _e("يوسف", "Yousef/Youssef/Yusuf", "Юсеф"),
    _e("إبراهيم", "Ibrahim", "Ибрагим"),
    _e("حسين", "Hussein/Husain", "Хусейн"),
    _e("جابر", "Jaber/Jabir", "Джабер"),
    _e("قاسم", "Qasim/Kassem/Kasim/Qassem", "Касим"),
    _e("رحمن", "Rahman", "Рахман"),
    _e("زيدان", "Zaidan/Zeidan/Zidan", "Зайдан"),
    _e("شاكر", "Shaker/Shakir", "Шакир"),
    _e("صباغ", "Sabbagh/Sabbag", "Саббах"),
    _e("درويش", "Darwish/Darwich/Darvish", "Дарвиш"),
    _e("الأمين", "Al-Amin/El-Amin/Alamin", "Аль-Амин"),
    _e("عثمان", "Othman/Osman/Uthman", "Осман"),
    _e("عزيز", "Aziz", "Азиз"),
    _e("سالم", "Salem/Salim", "Салем"),
    _e("الجبوري", "Al-Jubouri/Al Jabouri/Aljuburi", "Аль-Джубури"),
    _e("العبيدي", "Al-Obaidi/Al Ubaidi/Alobaidi", "Аль-Обейди"),
)

ARABIC_MALE += (
    _e("عبدالعزيز", "Abdulaziz/Abdelaziz/Abdul Aziz/Abd al-Aziz", "Абдулазиз"),
    _e("عبدالكريم", "Abdulkarim/Abdelkarim/Abdul Karim", "Абдулкарим"),
    _e("عبدالحميد", "Abdulhamid/Abdelhamid/Abdul Hamid", "Абдулхамид"),
    _e("عبدالرزاق", "Abdulrazzaq/Abdelrazak/Abdul Razzaq", "Абдурраззак"),
    _e("عبدالمجيد", "Abdulmajid/Abdelmajid/Abdul Majeed", "Абдулмаджид"),
    _e("عبدالوهاب", "Abdulwahab/Abdelwahab/Abdul Wahab", "Абдулваххаб"),
    _e("عبدالقادر", "Abdulqader/Abdelkader/Abdul Qadir", "Абдулкадир"),
    _e("عبدالسلام", "Abdulsalam/Abdelsalam/Abdul Salam", "Абдуссалам"),
    _e("صلاح", "Salah/Salaheddine", "Салах"),
    _e("زياد", "Ziad/Ziyad/Zyad", "Зияд"),
    _e("رامي", "Rami/Ramy", "Рами"),
    _e("عماد", "Imad/Emad", "Имад"),
    _e("حيدر", "Haidar/Hayder/Haider", "Хайдар"),
    _e("عباس", "Abbas", "Аббас"),
    _e("جعفر", "Jaafar/Jafar/Ja'far", "Джафар"),
    _e("منير", "Munir/Mounir", "Мунир"),
)
# Iraqi and Levantine family names of tribe and place: written with and without the
# article, joined or not (Al-Dulaimi, Al Dulaimi, Aldulaimi, Dulaimi).
_ARABIC_NISBA = (
    ("البغدادي", "Baghdadi", "Багдади"), ("البصري", "Basri", "Басри"),
    ("الموصلي", "Mosuli/Mousli", "Мосули"), ("الحلبي", "Halabi", "Халяби"),
    ("الشامي", "Shami", "Шами"), ("العراقي", "Iraqi", "Ираки"),
    ("النجفي", "Najafi", "Наджафи"), ("التكريتي", "Tikriti", "Тикрити"),
    ("الأنباري", "Anbari", "Анбари"), ("الربيعي", "Rubaie/Rubaiy", "Рубаи"),
    ("الدليمي", "Dulaimi/Dulaymi", "Дулейми"), ("الشمري", "Shammari/Shamari", "Шаммари"),
    ("الزبيدي", "Zubaidi/Zubaydi", "Зубейди"), ("الساعدي", "Saadi/Saedi", "Саади"),
    ("الخفاجي", "Khafaji", "Хафаджи"), ("الكبيسي", "Kubaisi/Kubaysi", "Кубейси"),
    ("العزاوي", "Azzawi/Azawi", "Аззави"), ("الحمداني", "Hamdani", "Хамдани"),
    ("الجنابي", "Janabi", "Джанаби"), ("الحسيني", "Husseini/Hussaini", "Хусейни"),
    ("الخطيب", "Khatib/Khateeb", "Хатиб"), ("العلي", "Ali", "Али"),
    ("الأحمد", "Ahmad/Ahmed", "Ахмад"), ("الحسن", "Hassan/Hasan", "Хасан"),
)  # fmt: skip


def _nisba(native: str, stems: str, cyrillic: str) -> Entry:
    spellings = []
    for stem in stems.split("/"):
        spellings += [f"Al-{stem}", f"Al {stem}", f"Al{stem.lower()}", f"El-{stem}", stem]
    return native, tuple(spellings), f"Аль-{cyrillic}"


# Many Arab family names are a forefather's given name (Ahmed Khalil Ibrahim).
ARABIC_SURNAMES += tuple(_nisba(*nisba) for nisba in _ARABIC_NISBA) + ARABIC_MALE[:26]

# Persian family names are often a forefather's name or a place with a suffix: -zadeh
# ("born of"), -pour ("son of"), -nejad ("of the line of"), -i, -lou (Azerbaijani Iran),
# -far, -khani. Each suffix has its Latin spellings, as the stems have theirs.
_PERSIAN_SUFFIXES = (
    ("زاده", ("zadeh", "zade", "zada"), "заде"),
    ("پور", ("pour", "pur", "poor"), "пур"),
    ("نژاد", ("nejad", "nezhad", "nejhad"), "неджад"),
    ("ی", ("i", "y"), "и"),
    ("لو", ("lou", "lu", "loo"), "лу"),
    ("فر", ("far",), "фар"),
)


def _persian_compound(stem: Entry, suffix: tuple) -> Entry:
    native_suffix, latin_suffixes, cyrillic_suffix = suffix
    spellings = tuple(
        f"{stem_spelling}{latin}" for stem_spelling in stem[1][:3] for latin in latin_suffixes
    )
    return stem[0] + native_suffix, spellings, stem[2] + cyrillic_suffix


PERSIAN_SURNAMES += tuple(
    _persian_compound(stem, suffix)
    for stem in PERSIAN_MALE
    for suffix in _PERSIAN_SUFFIXES
    if not (suffix[0] == "ی" and stem[0].endswith(("ی", "ا")))
)
# Common Turkish surnames beside Faker's short list.
_TURKISH = """Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan Kılıç
    Aslan Çetin Kara Koç Kurt Özkan Şimşek Polat Özcan Korkmaz Çakır Erdoğan Yavuz Can Acar
    Şen Aktaş Güler Yalçın Güneş Bozkurt Bulut Keskin Ünal Turan Gül Özer Işık Kaplan Avcı
    Sarı Tekin Taş Köse Yüksel Ateş Aksoy Uçar Karataş Tunç Çiftçi Kahraman Akın Özgür
    Başaran Kalkan Duman Erdem Coşkun Karakaya Uysal Çınar Sönmez Bayram Akbulut Toprak
    Demirci Altun Gündoğdu Türkmen Akgül Güven Karaca Oral Ekinci Durmaz Aydemir"""
TURKISH_SURNAMES = tuple(_TURKISH.split())

# Places of stay, as the population registry (Azerbaijani), a Russian-writing host and an
# English-writing one write them.
LOCALITIES: tuple[tuple[str, str, str], ...] = (
    ("Bakı", "Баку", "Baku"),
    ("Gəncə", "Гянджа", "Ganja"),
    ("Sumqayıt", "Сумгаит", "Sumgait"),
    ("Mingəçevir", "Мингечаур", "Mingachevir"),
    ("Şirvan", "Ширван", "Shirvan"),
    ("Naxçıvan", "Нахичевань", "Nakhchivan"),
    ("Lənkəran", "Ленкорань", "Lankaran"),
    ("Şəki", "Шеки", "Sheki"),
    ("Xaçmaz", "Хачмаз", "Khachmaz"),
    ("Quba", "Куба", "Guba"),
    ("Qəbələ", "Габала", "Gabala"),
    ("Şamaxı", "Шемаха", "Shamakhi"),
)


def _az_title(text: str) -> str:
    lower = " ".join(text.lower().replace("i̇", "i").split())
    return re.sub(r"(^|[ .])(\w)", lambda found: found[1] + found[2].upper(), lower)


@cache
def streets() -> tuple[str, ...]:
    """Street names in Azerbaijani: Faker's Baku streets and streets named after people
    (a surname from Faker's list), a few hundred in all."""
    provider = importlib.import_module("faker.providers.address.az_AZ").Provider
    named = {_az_title(street) for street in provider.streets}
    named |= {_az_title(name) for name in faker_names("az_AZ", "last_names_male")}
    return tuple(sorted(named))


@cache
def faker_names(locale: str, attribute: str) -> tuple[str, ...]:
    """A Faker locale's list (first names, last names...), single words only."""
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names = getattr(provider, attribute, ())
    if isinstance(names, dict):  # weighted lists
        names = names.keys()
    return tuple(sorted({str(name) for name in names if " " not in str(name)}))
