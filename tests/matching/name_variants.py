"""Real spelling variants of one name each, and the level at which they become one.

CANONICAL: the canonical token (and so the sound key) is the same for every spelling.
SOUND: only the sound key (``phonetic_key``) is the same: the spellings differ by what one
language hears differently (Həsənov/Гасанов), by dropped diacritics (Rəşad/RASAD) or by
the vowels Arabic script does not write.
"""

CANONICAL, SOUND = "canonical", "sound"

VARIANT_GROUPS = (
    # Azerbaijani
    (CANONICAL, "Məmmədov", "Mammadov", "MAMMADOV", "Mamadov"),
    (SOUND, "Məmmədov", "Mamedov", "Мамедов", "Mammadov", "Mamadov"),
    (CANONICAL, "Cəfərov", "Jafarov", "Dzhafarov", "Djafarov", "Джафаров", "Cafarov", "Ҹәфәров"),
    (SOUND, "Həsənov", "Hasanov", "Gasanov", "Гасанов", "Hassanov"),
    (SOUND, "Quliyev", "Guliyev", "Kuliev", "Кулиев", "Quliev"),
    (CANONICAL, "Əliyev", "Aliyev", "Aliev", "Алиев", "Әлијев"),
    (SOUND, "Hüseynov", "Huseynov", "Guseinov", "Гусейнов", "Huseinov", "Guseynov"),
    (CANONICAL, "Ağayev", "Aghayev", "Agayev", "Агаев", "Agaev"),
    (CANONICAL, "Xəlilov", "Khalilov", "Халилов", "Xalilov"),
    (SOUND, "Xəlilov", "Khalilov", "Halilov"),
    (CANONICAL, "Sadıqov", "Sadigov", "Sadiqov"),
    (SOUND, "Sadıqov", "Sadigov", "Садыхов", "Sadykhov"),
    (CANONICAL, "Mirzəyev", "Mirzayev", "Mirzaev", "Мирзаев"),
    (CANONICAL, "Musayev", "Musaev", "Мусаев"),
    (SOUND, "Əhmədov", "Ahmadov", "Ахмедов", "Akhmedov", "Ahmedov"),
    (CANONICAL, "Nərgiz", "Nargiz", "Наргиз"),
    (SOUND, "Nərgiz", "Nargiz", "Nergiz"),
    (CANONICAL, "Rəşad", "Rashad", "Рашад"),
    (SOUND, "Rəşad", "Rashad", "Rasad", "RASAD"),
    (CANONICAL, "Elçin", "Elchin", "Эльчин"),
    (SOUND, "Elçin", "Elchin", "Elcin", "ELCIN"),
    (SOUND, "İbrahim", "Ibrahim", "Ибрагим", "Ebrahim", "Ibragim", "ابراهیم"),
    (CANONICAL, "Hacıyev", "Hajiyev", "Hadjiev", "Hadzhiev"),
    (SOUND, "Hacıyev", "Hajiyev", "Гаджиев", "Gadzhiev"),
    (CANONICAL, "Heydər", "Heydar", "Heidar"),
    (SOUND, "Heydər", "Heydar", "Гейдар", "Haidar"),
    (CANONICAL, "Aysel", "Aisel", "Айсель"),
    (CANONICAL, "Zeynəb", "Zeynab", "Zeinab", "Зейнаб"),
    (CANONICAL, "Leyla", "Leila", "Лейла"),
    (CANONICAL, "Qurban", "Gurban"),
    (SOUND, "Qurban", "Gurban", "Kurban", "Курбан"),
    (CANONICAL, "Tofiq", "Tofig"),
    (SOUND, "Tofiq", "Tofig", "Тофик", "Tofik"),
    (CANONICAL, "İlqar", "Ilgar", "Ильгар"),
    (SOUND, "Rəhimov", "Rahimov", "Рагимов", "Ragimov"),
    (CANONICAL, "Vüqar", "Vugar", "Вугар"),
    (CANONICAL, "Şükürov", "Shukurov", "Шукуров"),
    (SOUND, "Şükürov", "Shukurov", "Sukurov", "SUKUROV"),
    # Russian
    (CANONICAL, "Сергей", "Sergey", "Sergei"),
    (CANONICAL, "Смирнов", "Smirnov", "Smirnoff"),
    (CANONICAL, "Наталья", "Natalya", "Natalia"),
    (CANONICAL, "Мария", "Mariya", "Maria"),
    (CANONICAL, "Петровский", "Petrovsky", "Petrovskiy", "Petrovskii"),
    (SOUND, "Елена", "Yelena", "Elena"),
    (CANONICAL, "Дмитрий", "Dmitriy", "Dmitrii", "Dmitri"),
    (CANONICAL, "Юрий", "Yuriy", "Yuri", "Yurii"),
    (CANONICAL, "Андрей", "Andrey", "Andrei"),
    (CANONICAL, "Чайковский", "Tchaikovsky", "Chaykovskiy", "Chaikovsky"),
    (CANONICAL, "Щукин", "Shchukin"),
    (CANONICAL, "Ольга", "Olga"),
    # Georgian
    (CANONICAL, "გიორგი", "Giorgi"),
    (SOUND, "გიორგი", "Giorgi", "Георгий"),
    (CANONICAL, "ჯაფარიძე", "Japaridze", "Джапаридзе", "Dzhaparidze"),
    (CANONICAL, "შენგელია", "Shengelia", "Шенгелия", "Shengeliya"),
    (CANONICAL, "ხუციშვილი", "Khutsishvili", "Хуцишвили"),
    (SOUND, "ყაზბეგი", "Qazbegi", "Kazbegi", "Казбеги"),
    (CANONICAL, "ჭავჭავაძე", "Chavchavadze", "Чавчавадзе"),
    # Persian (Arabic script leaves short vowels unwritten: the sound key matches)
    (SOUND, "محمدی", "Mohammadi", "Mohamadi"),
    (SOUND, "حسینی", "Hosseini", "Hoseini", "Husseini"),
    (SOUND, "موسوی", "Mousavi", "Musavi", "Moosavi"),
    (SOUND, "یوسف", "Yousef", "Yusef", "Yusif", "Yousif", "Юсиф"),
    (SOUND, "مسعود", "Masoud", "Masood", "Masud"),
    (SOUND, "جواد", "Javad", "Jawad", "Cavad"),
    (CANONICAL, "Davood", "Davud", "Dawood", "Davoud", "داوود"),
    (SOUND, "قاسمی", "Ghasemi", "Qasemi", "Gasemi"),
    (SOUND, "کوروش", "Kourosh", "Kurosh", "Koorosh"),
    (SOUND, "سیاوش", "Siavash", "Siyavush"),
    (SOUND, "عباس", "Abbas", "Abas", "Аббас"),
    (SOUND, "فاطمه", "Fatemeh", "Fatimə", "Фатима"),
    # Turkish
    (CANONICAL, "Hüseyin", "Huseyin", "Husein"),
    (SOUND, "Hüseyin", "Huseyin", "Гусейн", "Hossein"),
    (SOUND, "Ahmet", "Ahmed", "Əhməd", "Ахмед", "Akhmed", "احمد"),
    (SOUND, "Mehmet", "Mehmed", "Məhəmməd", "Muhammad", "Mohammad", "Мухаммед", "محمد"),
    (SOUND, "Şahin", "Shahin", "Sahin", "SAHIN", "Шахин"),
    (SOUND, "Çelik", "Chelik", "CELIK", "Челик"),
    (SOUND, "Rəcəb", "Recep", "Rajab", "Раджаб"),
    (CANONICAL, "Cengiz", "Jengiz", "Dzhengiz"),
    # Arabic
    (SOUND, "Abdullah", "Abdulla", "Абдулла", "عبدالله"),
    (SOUND, "Omar", "Umar", "Omer", "عمر", "Умар"),
    (SOUND, "Tariq", "Tarik", "Tareq"),
    (SOUND, "Khalid", "Khaled", "Halid", "Xalid", "Халид"),
    (CANONICAL, "Saeed", "Said", "Саид", "Səid"),
    # Armenian
    (CANONICAL, "Петросян", "Petrosyan", "Petrosian", "Պետրոսյան"),
    (CANONICAL, "Хачатрян", "Khachatryan", "Khachatrian", "Խաչատրյան"),
)

# Different names that must stay different canonical tokens.
DISTINCT_NAMES = (
    ("Aliyev", "Aliyeva"),
    ("Həsən", "Hüseyn"),
    ("Elçin", "Elşən"),
    ("Məmməd", "Mahmud"),
    ("Rəşad", "Rəsul"),
    ("Qasım", "Haşım"),
    ("Kamran", "Kamal"),
    ("Ivanov", "Ivanova"),
    ("Ivanovich", "Ivanovna"),
    ("Nigar", "Nigara"),
    ("Farid", "Fuad"),
    ("Zaur", "Zaur".replace("Z", "S")),
)
