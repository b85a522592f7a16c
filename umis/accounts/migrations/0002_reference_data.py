"""Reference data: the departments of the Service and the districts each one covers.

The data is a frozen copy, not an import of ``umis.accounts.reference_data``: a migration
must replay identically years from now, whatever that module has become by then. Later
changes to the organisation come as new data migrations.
"""

from django.db import migrations

# (code, kind, name_az, name_ru, name_en)
DEPARTMENTS = [
    (
        "hq",
        "headquarters",
        "Dövlət Miqrasiya Xidmətinin mərkəzi aparatı",
        "Центральный аппарат Государственной миграционной службы",
        "State Migration Service Headquarters",
    ),
    (
        "nakhchivan",
        "nakhchivan",
        "Naxçıvan Muxtar Respublikası Dövlət Miqrasiya Xidməti",
        "Государственная миграционная служба Нахчыванской Автономной Республики",
        "State Migration Service of the Nakhchivan Autonomous Republic",
    ),
    (
        "khachmaz",
        "regional",
        "Xaçmaz regional miqrasiya idarəsi",
        "Хачмазское региональное миграционное управление",
        "Khachmaz Regional Migration Department",
    ),
    (
        "ganja",
        "regional",
        "Gəncə regional miqrasiya idarəsi",
        "Гянджинское региональное миграционное управление",
        "Ganja Regional Migration Department",
    ),
    (
        "lankaran",
        "regional",
        "Lənkəran regional miqrasiya idarəsi",
        "Ленкоранское региональное миграционное управление",
        "Lankaran Regional Migration Department",
    ),
    (
        "shirvan",
        "regional",
        "Şirvan regional miqrasiya idarəsi",
        "Ширванское региональное миграционное управление",
        "Shirvan Regional Migration Department",
    ),
    (
        "shaki",
        "regional",
        "Şəki regional miqrasiya idarəsi",
        "Шекинское региональное миграционное управление",
        "Shaki Regional Migration Department",
    ),
    (
        "sabirabad",
        "regional",
        "Sabirabad regional miqrasiya idarəsi",
        "Сабирабадское региональное миграционное управление",
        "Sabirabad Regional Migration Department",
    ),
    (
        "sumgait",
        "regional",
        "Sumqayıt regional miqrasiya idarəsi",
        "Сумгайытское региональное миграционное управление",
        "Sumgait Regional Migration Department",
    ),
    (
        "gazakh",
        "regional",
        "Qazax regional miqrasiya idarəsi",
        "Газахское региональное миграционное управление",
        "Gazakh Regional Migration Department",
    ),
    (
        "mingachevir",
        "regional",
        "Mingəçevir regional miqrasiya idarəsi",
        "Мингячевирское региональное миграционное управление",
        "Mingachevir Regional Migration Department",
    ),
    (
        "shamakhi",
        "regional",
        "Şamaxı regional miqrasiya idarəsi",
        "Шамахинское региональное миграционное управление",
        "Shamakhi Regional Migration Department",
    ),
    (
        "karabakh",
        "regional",
        "Qarabağ regional miqrasiya idarəsi",
        "Карабахское региональное миграционное управление",
        "Karabakh Regional Migration Department",
    ),
]

# (code, department code, name_az, name_ru, name_en)
DISTRICTS = [
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
    ("nakhchivan", "nakhchivan", "Naxçıvan", "Нахчыван", "Nakhchivan"),
    ("babek", "nakhchivan", "Babək", "Бабек", "Babek"),
    ("julfa", "nakhchivan", "Culfa", "Джульфа", "Julfa"),
    ("kangarli", "nakhchivan", "Kəngərli", "Кенгерли", "Kangarli"),
    ("ordubad", "nakhchivan", "Ordubad", "Ордубад", "Ordubad"),
    ("sadarak", "nakhchivan", "Sədərək", "Садарак", "Sadarak"),
    ("shahbuz", "nakhchivan", "Şahbuz", "Шахбуз", "Shahbuz"),
    ("sharur", "nakhchivan", "Şərur", "Шарур", "Sharur"),
    ("khachmaz", "khachmaz", "Xaçmaz", "Хачмаз", "Khachmaz"),
    ("gusar", "khachmaz", "Qusar", "Гусар", "Gusar"),
    ("guba", "khachmaz", "Quba", "Губа", "Guba"),
    ("shabran", "khachmaz", "Şabran", "Шабран", "Shabran"),
    ("siyazan", "khachmaz", "Siyəzən", "Сиазань", "Siyazan"),
    ("ganja", "ganja", "Gəncə", "Гянджа", "Ganja"),
    ("goygol", "ganja", "Göygöl", "Гёйгёль", "Goygol"),
    ("samukh", "ganja", "Samux", "Самух", "Samukh"),
    ("goranboy", "ganja", "Goranboy", "Геранбой", "Goranboy"),
    ("dashkasan", "ganja", "Daşkəsən", "Дашкесан", "Dashkasan"),
    ("naftalan", "ganja", "Naftalan", "Нафталан", "Naftalan"),
    ("lankaran-city", "lankaran", "Lənkəran şəhəri", "город Ленкорань", "Lankaran City"),
    ("lankaran", "lankaran", "Lənkəran rayonu", "Ленкоранский район", "Lankaran District"),
    ("astara", "lankaran", "Astara", "Астара", "Astara"),
    ("lerik", "lankaran", "Lerik", "Лерик", "Lerik"),
    ("masalli", "lankaran", "Masallı", "Масаллы", "Masalli"),
    ("yardimli", "lankaran", "Yardımlı", "Ярдымлы", "Yardimli"),
    ("jalilabad", "lankaran", "Cəlilabad", "Джалилабад", "Jalilabad"),
    ("shirvan", "shirvan", "Şirvan", "Ширван", "Shirvan"),
    ("hajigabul", "shirvan", "Hacıqabul", "Гаджигабул", "Hajigabul"),
    ("salyan", "shirvan", "Salyan", "Сальян", "Salyan"),
    ("neftchala", "shirvan", "Neftçala", "Нефтчала", "Neftchala"),
    ("bilasuvar", "shirvan", "Biləsuvar", "Билясувар", "Bilasuvar"),
    ("shaki-city", "shaki", "Şəki şəhəri", "город Шеки", "Shaki City"),
    ("shaki", "shaki", "Şəki rayonu", "Шекинский район", "Shaki District"),
    ("gakh", "shaki", "Qax", "Гах", "Gakh"),
    ("zagatala", "shaki", "Zaqatala", "Загатала", "Zagatala"),
    ("balakan", "shaki", "Balakən", "Балакен", "Balakan"),
    ("oghuz", "shaki", "Oğuz", "Огуз", "Oghuz"),
    ("gabala", "shaki", "Qəbələ", "Габала", "Gabala"),
    ("sabirabad", "sabirabad", "Sabirabad", "Сабирабад", "Sabirabad"),
    ("saatli", "sabirabad", "Saatlı", "Саатлы", "Saatli"),
    ("imishli", "sabirabad", "İmişli", "Имишли", "Imishli"),
    ("kurdamir", "sabirabad", "Kürdəmir", "Кюрдамир", "Kurdamir"),
    ("zardab", "sabirabad", "Zərdab", "Зардаб", "Zardab"),
    ("ujar", "sabirabad", "Ucar", "Уджар", "Ujar"),
    ("sumgait", "sumgait", "Sumqayıt", "Сумгайыт", "Sumgait"),
    ("absheron", "sumgait", "Abşeron", "Абшерон", "Absheron"),
    ("khizi", "sumgait", "Xızı", "Хызы", "Khizi"),
    ("gazakh", "gazakh", "Qazax", "Газах", "Gazakh"),
    ("aghstafa", "gazakh", "Ağstafa", "Агстафа", "Aghstafa"),
    ("tovuz", "gazakh", "Tovuz", "Товуз", "Tovuz"),
    ("shamkir", "gazakh", "Şəmkir", "Шамкир", "Shamkir"),
    ("gadabay", "gazakh", "Gədəbəy", "Гедабек", "Gadabay"),
    ("mingachevir", "mingachevir", "Mingəçevir", "Мингячевир", "Mingachevir"),
    ("yevlakh-city", "mingachevir", "Yevlax şəhəri", "город Евлах", "Yevlakh City"),
    ("yevlakh", "mingachevir", "Yevlax rayonu", "Евлахский район", "Yevlakh District"),
    ("aghdash", "mingachevir", "Ağdaş", "Агдаш", "Aghdash"),
    ("goychay", "mingachevir", "Göyçay", "Гёйчай", "Goychay"),
    ("barda", "mingachevir", "Bərdə", "Барда", "Barda"),
    ("tartar", "mingachevir", "Tərtər", "Тертер", "Tartar"),
    ("aghjabadi", "mingachevir", "Ağcabədi", "Агджабеди", "Aghjabadi"),
    ("beylagan", "mingachevir", "Beyləqan", "Бейлаган", "Beylagan"),
    ("shamakhi", "shamakhi", "Şamaxı", "Шамахы", "Shamakhi"),
    ("ismayilli", "shamakhi", "İsmayıllı", "Исмаиллы", "Ismayilli"),
    ("aghsu", "shamakhi", "Ağsu", "Агсу", "Aghsu"),
    ("gobustan", "shamakhi", "Qobustan", "Гобустан", "Gobustan"),
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


def load(apps, schema_editor):
    Department = apps.get_model("accounts", "Department")
    District = apps.get_model("accounts", "District")
    departments = {}
    for code, kind, name_az, name_ru, name_en in DEPARTMENTS:
        departments[code], _ = Department.objects.update_or_create(
            code=code,
            defaults={"kind": kind, "name_az": name_az, "name_ru": name_ru, "name_en": name_en},
        )
    for code, department, name_az, name_ru, name_en in DISTRICTS:
        District.objects.update_or_create(
            code=code,
            defaults={
                "department": departments[department],
                "name_az": name_az,
                "name_ru": name_ru,
                "name_en": name_en,
            },
        )


def unload(apps, schema_editor):
    Department = apps.get_model("accounts", "Department")
    District = apps.get_model("accounts", "District")
    District.objects.filter(code__in=[row[0] for row in DISTRICTS]).delete()
    Department.objects.filter(code__in=[row[0] for row in DEPARTMENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(load, unload),
    ]
