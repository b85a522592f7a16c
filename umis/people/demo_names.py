"""Persian names with the Latin spelling an Iranian passport prints.

Persian script leaves short vowels unwritten, so a letter-by-letter transliteration gives
"Mhmdy" for Mohammadi. The demo draws Persian names from these pairs instead, so that
the Latin form looks like a real document's.
"""

from __future__ import annotations

PERSIAN_GIVEN_MALE = (
    ("محمد", "Mohammad"), ("علی", "Ali"), ("حسین", "Hossein"), ("رضا", "Reza"),
    ("مهدی", "Mehdi"), ("امیر", "Amir"), ("حسن", "Hassan"), ("سعید", "Saeed"),
    ("مجید", "Majid"), ("حمید", "Hamid"), ("محسن", "Mohsen"), ("جواد", "Javad"),
    ("کاظم", "Kazem"), ("مصطفی", "Mostafa"), ("ابراهیم", "Ebrahim"), ("اکبر", "Akbar"),
    ("بهرام", "Bahram"), ("داریوش", "Dariush"), ("کوروش", "Kourosh"), ("فرهاد", "Farhad"),
    ("بابک", "Babak"), ("پرویز", "Parviz"), ("سیاوش", "Siavash"), ("نیما", "Nima"),
    ("آرش", "Arash"), ("کامران", "Kamran"), ("مسعود", "Masoud"), ("یوسف", "Yousef"),
    ("اسماعیل", "Esmaeil"), ("عباس", "Abbas"),
)  # fmt: skip

PERSIAN_GIVEN_FEMALE = (
    ("فاطمه", "Fatemeh"), ("زهرا", "Zahra"), ("مریم", "Maryam"), ("سارا", "Sara"),
    ("نرگس", "Narges"), ("لیلا", "Leila"), ("شیرین", "Shirin"), ("مینا", "Mina"),
    ("الهام", "Elham"), ("نسرین", "Nasrin"), ("پریسا", "Parisa"), ("مهسا", "Mahsa"),
    ("نازنین", "Nazanin"), ("سمیرا", "Samira"), ("فرشته", "Fereshteh"), ("آزاده", "Azadeh"),
    ("زینب", "Zeinab"), ("معصومه", "Masoumeh"), ("طاهره", "Tahereh"), ("شهلا", "Shahla"),
    ("رویا", "Roya"), ("ژاله", "Zhaleh"), ("گلناز", "Golnaz"), ("نیلوفر", "Niloufar"),
    ("هانیه", "Haniyeh"),
)  # fmt: skip

PERSIAN_SURNAMES = (
    ("محمدی", "Mohammadi"), ("حسینی", "Hosseini"), ("احمدی", "Ahmadi"), ("رضایی", "Rezaei"),
    ("موسوی", "Mousavi"), ("کریمی", "Karimi"), ("رحیمی", "Rahimi"), ("جعفری", "Jafari"),
    ("کاظمی", "Kazemi"), ("قاسمی", "Ghasemi"), ("صادقی", "Sadeghi"), ("حیدری", "Heydari"),
    ("نوری", "Nouri"), ("اکبری", "Akbari"), ("عباسی", "Abbasi"), ("مرادی", "Moradi"),
    ("یوسفی", "Yousefi"), ("شریفی", "Sharifi"), ("طاهری", "Taheri"), ("زارعی", "Zarei"),
    ("تهرانی", "Tehrani"), ("شیرازی", "Shirazi"), ("اصفهانی", "Esfahani"), ("تبریزی", "Tabrizi"),
    ("نجفی", "Najafi"), ("باقری", "Bagheri"), ("امینی", "Amini"), ("سلطانی", "Soltani"),
    ("فرهادی", "Farhadi"), ("کامرانی", "Kamrani"),
)  # fmt: skip
