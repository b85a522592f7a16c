"""The organisation's reference data: departments and the districts each one covers.

The data migration ``0002_reference_data`` holds its own frozen copy of these literals (a
migration must replay the same way forever, whatever happens to this module later). This
module is the current truth that tests and seed code compare against; a change here needs a
new data migration.

Districts are the country's administrative units: the rayons, the cities of republican
subordination, and the twelve districts of Baku in place of the city itself. Lankaran,
Shaki and Yevlakh are each both a city and a rayon of the same name, so both appear.
"""

from __future__ import annotations

HEADQUARTERS = "headquarters"
NAKHCHIVAN = "nakhchivan"
REGIONAL = "regional"

# (code, kind, name_az, name_ru, name_en)
DEPARTMENTS: list[tuple[str, str, str, str, str]] = [
    (
        "hq",
        HEADQUARTERS,
        "Dövlət Miqrasiya Xidmətinin mərkəzi aparatı",
        "Центральный аппарат Государственной миграционной службы",
        "State Migration Service Headquarters",
    ),
    (
        "nakhchivan",
        NAKHCHIVAN,
        "Naxçıvan Muxtar Respublikası Dövlət Miqrasiya Xidməti",
        "Государственная миграционная служба Нахчыванской Автономной Республики",
        "State Migration Service of the Nakhchivan Autonomous Republic",
    ),
    (
        "khachmaz",
        REGIONAL,
        "Xaçmaz regional miqrasiya idarəsi",
        "Хачмазское региональное миграционное управление",
        "Khachmaz Regional Migration Department",
    ),
    (
        "ganja",
        REGIONAL,
        "Gəncə regional miqrasiya idarəsi",
        "Гянджинское региональное миграционное управление",
        "Ganja Regional Migration Department",
    ),
    (
        "lankaran",
        REGIONAL,
        "Lənkəran regional miqrasiya idarəsi",
        "Ленкоранское региональное миграционное управление",
        "Lankaran Regional Migration Department",
    ),
    (
        "shirvan",
        REGIONAL,
        "Şirvan regional miqrasiya idarəsi",
        "Ширванское региональное миграционное управление",
        "Shirvan Regional Migration Department",
    ),
    (
        "shaki",
        REGIONAL,
        "Şəki regional miqrasiya idarəsi",
        "Шекинское региональное миграционное управление",
        "Shaki Regional Migration Department",
    ),
    (
        "sabirabad",
        REGIONAL,
        "Sabirabad regional miqrasiya idarəsi",
        "Сабирабадское региональное миграционное управление",
        "Sabirabad Regional Migration Department",
    ),
    (
        "sumgait",
        REGIONAL,
        "Sumqayıt regional miqrasiya idarəsi",
        "Сумгайытское региональное миграционное управление",
        "Sumgait Regional Migration Department",
    ),
    (
        "gazakh",
        REGIONAL,
        "Qazax regional miqrasiya idarəsi",
        "Газахское региональное миграционное управление",
        "Gazakh Regional Migration Department",
    ),
    (
        "mingachevir",
        REGIONAL,
        "Mingəçevir regional miqrasiya idarəsi",
        "Мингячевирское региональное миграционное управление",
        "Mingachevir Regional Migration Department",
    ),
    (
        "shamakhi",
        REGIONAL,
        "Şamaxı regional miqrasiya idarəsi",
        "Шамахинское региональное миграционное управление",
        "Shamakhi Regional Migration Department",
    ),
    (
        "karabakh",
        REGIONAL,
        "Qarabağ regional miqrasiya idarəsi",
        "Карабахское региональное миграционное управление",
        "Karabakh Regional Migration Department",
    ),
]

# (code, department code, name_az, name_ru, name_en)
DISTRICTS: list[tuple[str, str, str, str, str]] = [
    # Baku: the city's twelve districts.
    ("binagadi", "hq", "Binəqədi", "Бинагади", "Binagadi"),
    ("garadagh", "hq", "Qaradağ", "Гарадаг", "Garadagh"),
    ("khatai", "hq", "Xətai", "Хатаи", "Khatai"),
    ("khazar", "hq", "Xəzər", "Хазар", "Khazar"),
    ("narimanov", "hq", "Nərimanov", "Нариманов", "Narimanov"),
    ("nasimi", "hq", "Nəsimi", "Насими", "Nasimi"),
    ("nizami", "hq", "Nizami", "Низами", "Nizami"),
    ("pirallahi", "hq", "Pirallahı", "Пираллахы", "Pirallahi"),
    ("sabunchu", "hq", "Sabunçu", "Сабунчу", "Sabunchu"),
    ("sabail", "hq", "Səbail", "Сабаил", "Sabail"),
    ("surakhani", "hq", "Suraxanı", "Сураханы", "Surakhani"),
    ("yasamal", "hq", "Yasamal", "Ясамал", "Yasamal"),
    # The Nakhchivan Autonomous Republic.
    ("nakhchivan", "nakhchivan", "Naxçıvan", "Нахчыван", "Nakhchivan"),
    ("babek", "nakhchivan", "Babək", "Бабек", "Babek"),
    ("julfa", "nakhchivan", "Culfa", "Джульфа", "Julfa"),
    ("kangarli", "nakhchivan", "Kəngərli", "Кенгерли", "Kangarli"),
    ("ordubad", "nakhchivan", "Ordubad", "Ордубад", "Ordubad"),
    ("sadarak", "nakhchivan", "Sədərək", "Садарак", "Sadarak"),
    ("shahbuz", "nakhchivan", "Şahbuz", "Шахбуз", "Shahbuz"),
    ("sharur", "nakhchivan", "Şərur", "Шарур", "Sharur"),
    # Khachmaz.
    ("khachmaz", "khachmaz", "Xaçmaz", "Хачмаз", "Khachmaz"),
    ("gusar", "khachmaz", "Qusar", "Гусар", "Gusar"),
    ("guba", "khachmaz", "Quba", "Губа", "Guba"),
    ("shabran", "khachmaz", "Şabran", "Шабран", "Shabran"),
    ("siyazan", "khachmaz", "Siyəzən", "Сиазань", "Siyazan"),
    # Ganja.
    ("ganja", "ganja", "Gəncə", "Гянджа", "Ganja"),
    ("goygol", "ganja", "Göygöl", "Гёйгёль", "Goygol"),
    ("samukh", "ganja", "Samux", "Самух", "Samukh"),
    ("goranboy", "ganja", "Goranboy", "Геранбой", "Goranboy"),
    ("dashkasan", "ganja", "Daşkəsən", "Дашкесан", "Dashkasan"),
    ("naftalan", "ganja", "Naftalan", "Нафталан", "Naftalan"),
    # Lankaran.
    ("lankaran-city", "lankaran", "Lənkəran şəhəri", "город Ленкорань", "Lankaran City"),
    ("lankaran", "lankaran", "Lənkəran rayonu", "Ленкоранский район", "Lankaran District"),
    ("astara", "lankaran", "Astara", "Астара", "Astara"),
    ("lerik", "lankaran", "Lerik", "Лерик", "Lerik"),
    ("masalli", "lankaran", "Masallı", "Масаллы", "Masalli"),
    ("yardimli", "lankaran", "Yardımlı", "Ярдымлы", "Yardimli"),
    ("jalilabad", "lankaran", "Cəlilabad", "Джалилабад", "Jalilabad"),
    # Shirvan.
    ("shirvan", "shirvan", "Şirvan", "Ширван", "Shirvan"),
    ("hajigabul", "shirvan", "Hacıqabul", "Гаджигабул", "Hajigabul"),
    ("salyan", "shirvan", "Salyan", "Сальян", "Salyan"),
    ("neftchala", "shirvan", "Neftçala", "Нефтчала", "Neftchala"),
    ("bilasuvar", "shirvan", "Biləsuvar", "Билясувар", "Bilasuvar"),
    # Shaki.
    ("shaki-city", "shaki", "Şəki şəhəri", "город Шеки", "Shaki City"),
    ("shaki", "shaki", "Şəki rayonu", "Шекинский район", "Shaki District"),
    ("gakh", "shaki", "Qax", "Гах", "Gakh"),
    ("zagatala", "shaki", "Zaqatala", "Загатала", "Zagatala"),
    ("balakan", "shaki", "Balakən", "Балакен", "Balakan"),
    ("oghuz", "shaki", "Oğuz", "Огуз", "Oghuz"),
    ("gabala", "shaki", "Qəbələ", "Габала", "Gabala"),
    # Sabirabad.
    ("sabirabad", "sabirabad", "Sabirabad", "Сабирабад", "Sabirabad"),
    ("saatli", "sabirabad", "Saatlı", "Саатлы", "Saatli"),
    ("imishli", "sabirabad", "İmişli", "Имишли", "Imishli"),
    ("kurdamir", "sabirabad", "Kürdəmir", "Кюрдамир", "Kurdamir"),
    ("zardab", "sabirabad", "Zərdab", "Зардаб", "Zardab"),
    ("ujar", "sabirabad", "Ucar", "Уджар", "Ujar"),
    # Sumgait.
    ("sumgait", "sumgait", "Sumqayıt", "Сумгайыт", "Sumgait"),
    ("absheron", "sumgait", "Abşeron", "Абшерон", "Absheron"),
    ("khizi", "sumgait", "Xızı", "Хызы", "Khizi"),
    # Gazakh.
    ("gazakh", "gazakh", "Qazax", "Газах", "Gazakh"),
    ("aghstafa", "gazakh", "Ağstafa", "Агстафа", "Aghstafa"),
    ("tovuz", "gazakh", "Tovuz", "Товуз", "Tovuz"),
    ("shamkir", "gazakh", "Şəmkir", "Шамкир", "Shamkir"),
    ("gadabay", "gazakh", "Gədəbəy", "Гедабек", "Gadabay"),
    # Mingachevir.
    ("mingachevir", "mingachevir", "Mingəçevir", "Мингячевир", "Mingachevir"),
    ("yevlakh-city", "mingachevir", "Yevlax şəhəri", "город Евлах", "Yevlakh City"),
    ("yevlakh", "mingachevir", "Yevlax rayonu", "Евлахский район", "Yevlakh District"),
    ("aghdash", "mingachevir", "Ağdaş", "Агдаш", "Aghdash"),
    ("goychay", "mingachevir", "Göyçay", "Гёйчай", "Goychay"),
    ("barda", "mingachevir", "Bərdə", "Барда", "Barda"),
    ("tartar", "mingachevir", "Tərtər", "Тертер", "Tartar"),
    ("aghjabadi", "mingachevir", "Ağcabədi", "Агджабеди", "Aghjabadi"),
    ("beylagan", "mingachevir", "Beyləqan", "Бейлаган", "Beylagan"),
    # Shamakhi.
    ("shamakhi", "shamakhi", "Şamaxı", "Шамахы", "Shamakhi"),
    ("ismayilli", "shamakhi", "İsmayıllı", "Исмаиллы", "Ismayilli"),
    ("aghsu", "shamakhi", "Ağsu", "Агсу", "Aghsu"),
    ("gobustan", "shamakhi", "Qobustan", "Гобустан", "Gobustan"),
    # Karabakh.
    ("khankendi", "karabakh", "Xankəndi", "Ханкенди", "Khankendi"),
    ("shusha", "karabakh", "Şuşa", "Шуша", "Shusha"),
    ("aghdam", "karabakh", "Ağdam", "Агдам", "Aghdam"),
    ("fuzuli", "karabakh", "Füzuli", "Физули", "Fuzuli"),
    ("khojaly", "karabakh", "Xocalı", "Ходжалы", "Khojaly"),
    ("khojavend", "karabakh", "Xocavənd", "Ходжавенд", "Khojavend"),
    ("jabrayil", "karabakh", "Cəbrayıl", "Джебраил", "Jabrayil"),
    ("zangilan", "karabakh", "Zəngilan", "Зангилан", "Zangilan"),
    ("gubadli", "karabakh", "Qubadlı", "Губадлы", "Gubadli"),
    ("lachin", "karabakh", "Laçın", "Лачин", "Lachin"),
    ("kalbajar", "karabakh", "Kəlbəcər", "Кельбаджар", "Kalbajar"),
]
