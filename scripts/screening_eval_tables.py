"""Hand-written name tables for the screening evaluation set (scripts/screening_eval_set.py).

Each table gives names as one convention writes them beside another, so that the set builder can
make labelled pairs whose answer is known by construction. The conventions are named where they
are used; tests/data/screening/eval/README.md lists them with their references:

- Arabic: ALA-LC romanisation (diacritics and the signs for ayn and hamza left out, as lists
  print it) beside BGN/PCGN 1956 (the article assimilated before sun letters, "ar Rahman") and the
  spellings passports commonly use.
- Russian Cyrillic: BGN/PCGN 1947 and ICAO Doc 9303 (Part 3, transliteration of Cyrillic), both
  applied by rule in the set builder; the tables hold names in Cyrillic only.
- Chinese: Hanyu Pinyin (ISO 7098) beside Wade-Giles (apostrophes and umlauts left out, as
  passports print it).
- Korean: Hangul only; Revised Romanization (2000) and McCune-Reischauer (1939, without breves
  and apostrophes, as lists print it) are applied by rule in the set builder.
- Devanagari and Bengali: ISO 15919 beside the common spellings of passports.

Every name here is a common given name or family name; the people the builder makes from them
are invented.
"""

# Arabic names: (Arabic script, ALA-LC, BGN/PCGN, [common passport spellings]).
ARABIC_GIVEN = [
    ("محمد", "Muhammad", "Muhammad", ["Mohammed", "Mohamed", "Mohammad", "Mohamad"]),
    ("أحمد", "Ahmad", "Ahmad", ["Ahmed"]),
    ("محمود", "Mahmud", "Mahmud", ["Mahmoud", "Mahmood"]),
    ("حسين", "Husayn", "Husayn", ["Hussein", "Hussain", "Husain", "Hossein"]),
    ("حسن", "Hasan", "Hasan", ["Hassan"]),
    ("علي", "Ali", "Ali", ["Aly"]),
    ("عمر", "Umar", "Umar", ["Omar"]),
    ("عثمان", "Uthman", "Uthman", ["Osman", "Othman"]),
    ("يوسف", "Yusuf", "Yusuf", ["Youssef", "Yousef", "Yousif"]),
    ("إبراهيم", "Ibrahim", "Ibrahim", ["Ebrahim"]),
    ("خالد", "Khalid", "Khalid", ["Khaled"]),
    ("سعيد", "Said", "Said", ["Saeed", "Saied"]),
    ("رشيد", "Rashid", "Rashid", ["Rasheed"]),
    ("عبد الله", "Abd Allah", "Abd Allah", ["Abdullah", "Abdallah", "Abdulla"]),
    ("عبد الرحمن", "Abd al-Rahman", "Abd ar Rahman", ["Abdul Rahman", "Abdulrahman",
                                                     "Abdelrahman", "Abdurrahman"]),
    ("عبد العزيز", "Abd al-Aziz", "Abd al Aziz", ["Abdulaziz", "Abdelaziz", "Abdul Aziz"]),
    ("عبد الكريم", "Abd al-Karim", "Abd al Karim", ["Abdul Karim", "Abdelkarim"]),
    ("عبد الرزاق", "Abd al-Razzaq", "Abd ar Razzaq", ["Abdul Razak", "Abderrazak"]),
    ("جمال", "Jamal", "Jamal", ["Gamal"]),
    ("مصطفى", "Mustafa", "Mustafa", ["Mostafa", "Moustafa", "Mustapha"]),
    ("طارق", "Tariq", "Tariq", ["Tarek", "Tarik"]),
    ("فيصل", "Faysal", "Faysal", ["Faisal"]),
    ("ياسر", "Yasir", "Yasir", ["Yasser"]),
    ("صالح", "Salih", "Salih", ["Saleh"]),
    ("زكريا", "Zakariya", "Zakariya", ["Zakaria"]),
    ("جعفر", "Jafar", "Jafar", ["Jaafar"]),
    ("حمزة", "Hamzah", "Hamzah", ["Hamza"]),
    ("عادل", "Adil", "Adil", ["Adel"]),
    ("نبيل", "Nabil", "Nabil", ["Nabeel"]),
    ("كريم", "Karim", "Karim", ["Kareem"]),
    ("سليمان", "Sulayman", "Sulayman", ["Suleiman", "Sulaiman"]),
    ("منصور", "Mansur", "Mansur", ["Mansour", "Mansoor"]),
    ("أيمن", "Ayman", "Ayman", ["Aymen"]),
    ("أسامة", "Usamah", "Usamah", ["Osama", "Usama"]),
    ("فاطمة", "Fatimah", "Fatimah", ["Fatima", "Fatma"]),
    ("عائشة", "Aishah", "Aishah", ["Aisha", "Aysha"]),
    ("خديجة", "Khadijah", "Khadijah", ["Khadija"]),
    ("مريم", "Maryam", "Maryam", ["Mariam"]),
    ("زينب", "Zaynab", "Zaynab", ["Zainab", "Zeinab"]),
    ("ليلى", "Layla", "Layla", ["Leila", "Laila"]),
]
ARABIC_MALE = [g for g in ARABIC_GIVEN if g[1] not in
               ("Fatimah", "Aishah", "Khadijah", "Maryam", "Zaynab", "Layla")]

# Family names (nisbas and others), same columns.
ARABIC_FAMILY = [
    ("الحسيني", "al-Husayni", "al Husayni", ["Al-Husseini", "El Husseini"]),
    ("الشريف", "al-Sharif", "ash Sharif", ["El-Sherif", "Al-Sharif"]),
    ("القحطاني", "al-Qahtani", "al Qahtani", ["Al-Kahtani", "Alqahtani"]),
    ("العمري", "al-Umari", "al Umari", ["Al-Omari", "Alomari"]),
    ("الزهراني", "al-Zahrani", "az Zahrani", ["Alzahrani", "Al-Zahrani"]),
    ("التميمي", "al-Tamimi", "at Tamimi", ["Al-Tamimi", "Altamimi"]),
    ("الخطيب", "al-Khatib", "al Khatib", ["El-Khatib", "Alkhateeb"]),
    ("الأنصاري", "al-Ansari", "al Ansari", ["Elansary", "Al-Ansari"]),
    ("الدوسري", "al-Dawsari", "ad Dawsari", ["Al-Dosari", "Aldossary"]),
    ("الشمري", "al-Shammari", "ash Shammari", ["Al-Shammari", "Alshamari"]),
    ("العتيبي", "al-Utaybi", "al Utaybi", ["Al-Otaibi", "Alotaibi"]),
    ("المصري", "al-Misri", "al Misri", ["El-Masry", "Al-Masri"]),
    ("البغدادي", "al-Baghdadi", "al Baghdadi", ["Al-Baghdady", "Albaghdadi"]),
    ("النجار", "al-Najjar", "an Najjar", ["El-Naggar", "Alnajjar"]),
    ("حداد", "Haddad", "Haddad", ["Hadad"]),
    ("عباس", "Abbas", "Abbas", ["Abass"]),
    ("سلامة", "Salamah", "Salamah", ["Salama", "Salameh"]),
    ("الكبيسي", "al-Kubaysi", "al Kubaysi", ["Al-Kubaisi", "Alkubaisy"]),
    ("الجبوري", "al-Jaburi", "al Jaburi", ["Al-Jubouri", "Aljubouri"]),
    ("السويدي", "al-Suwaydi", "as Suwaydi", ["Al-Suwaidi", "Alsuwaidi"]),
]

# Russian names in Cyrillic. Given names as (male, female) where the two are one name in its two
# genders; patronymics as (father's name, male form, female form), written out rather than
# derived, since several are irregular (Ilya -> Ilyich, Pavel -> Pavlovich, Mikhail ->
# Mikhaylovich); family names as (male, female).
RUSSIAN_GIVEN_PAIRS = [
    ("Александр", "Александра"), ("Евгений", "Евгения"), ("Валерий", "Валерия"),
    ("Ярослав", "Ярослава"), ("Станислав", "Станислава"), ("Владислав", "Владислава"),
    ("Вячеслав", "Вячеслава"), ("Виталий", "Виталина"), ("Юлиан", "Юлиана"),
]
RUSSIAN_MALE = ["Сергей", "Андрей", "Алексей", "Дмитрий", "Николай", "Юрий", "Игорь", "Олег",
                "Владимир", "Михаил", "Павел", "Василий", "Фёдор", "Григорий", "Илья", "Пётр",
                "Иван", "Артём", "Максим", "Роман"]
RUSSIAN_FEMALE = ["Елена", "Ольга", "Татьяна", "Наталья", "Юлия", "Ирина", "Светлана",
                  "Екатерина", "Анна", "Мария", "Ксения", "Дарья", "Людмила", "Галина"]
RUSSIAN_PATRONYMICS = [
    ("Сергей", "Сергеевич", "Сергеевна"), ("Андрей", "Андреевич", "Андреевна"),
    ("Алексей", "Алексеевич", "Алексеевна"), ("Дмитрий", "Дмитриевич", "Дмитриевна"),
    ("Николай", "Николаевич", "Николаевна"), ("Юрий", "Юрьевич", "Юрьевна"),
    ("Игорь", "Игоревич", "Игоревна"), ("Олег", "Олегович", "Олеговна"),
    ("Владимир", "Владимирович", "Владимировна"), ("Михаил", "Михайлович", "Михайловна"),
    ("Павел", "Павлович", "Павловна"), ("Василий", "Васильевич", "Васильевна"),
    ("Фёдор", "Фёдорович", "Фёдоровна"), ("Григорий", "Григорьевич", "Григорьевна"),
    ("Илья", "Ильич", "Ильинична"), ("Пётр", "Петрович", "Петровна"),
    ("Иван", "Иванович", "Ивановна"), ("Александр", "Александрович", "Александровна"),
    ("Евгений", "Евгеньевич", "Евгеньевна"), ("Виктор", "Викторович", "Викторовна"),
]
RUSSIAN_FAMILY = [
    ("Иванов", "Иванова"), ("Петров", "Петрова"), ("Смирнов", "Смирнова"),
    ("Кузнецов", "Кузнецова"), ("Соколов", "Соколова"), ("Попов", "Попова"),
    ("Лебедев", "Лебедева"), ("Козлов", "Козлова"), ("Новиков", "Новикова"),
    ("Морозов", "Морозова"), ("Волков", "Волкова"), ("Соловьёв", "Соловьёва"),
    ("Васильев", "Васильева"), ("Зайцев", "Зайцева"), ("Павлов", "Павлова"),
    ("Семёнов", "Семёнова"), ("Фёдоров", "Фёдорова"), ("Михайлов", "Михайлова"),
    ("Андреев", "Андреева"), ("Ковалёв", "Ковалёва"), ("Ильин", "Ильина"),
    ("Сергеев", "Сергеева"), ("Никитин", "Никитина"), ("Сорокин", "Сорокина"),
    ("Григорьев", "Григорьева"), ("Николаев", "Николаева"), ("Дмитриев", "Дмитриева"),
    ("Юдин", "Юдина"), ("Вишневский", "Вишневская"), ("Жуковский", "Жуковская"),
    ("Шевченко", "Шевченко"), ("Бондаренко", "Бондаренко"), ("Ткаченко", "Ткаченко"),
    ("Щербаков", "Щербакова"), ("Хохлов", "Хохлова"), ("Цветков", "Цветкова"),
    ("Чернов", "Чернова"), ("Журавлёв", "Журавлёва"), ("Белоусов", "Белоусова"),
    ("Ефимов", "Ефимова"),
]

# Chinese: surnames and given-name syllables as (Han, Hanyu Pinyin, Wade-Giles). Two syllables
# can spell alike in Wade-Giles once its apostrophes are dropped (jun and chun are both "chun");
# the builder never pairs two such names as different people.
CHINESE_SURNAMES = [
    ("王", "Wang", "Wang"), ("李", "Li", "Li"), ("张", "Zhang", "Chang"), ("刘", "Liu", "Liu"),
    ("陈", "Chen", "Chen"), ("杨", "Yang", "Yang"), ("黄", "Huang", "Huang"),
    ("赵", "Zhao", "Chao"), ("吴", "Wu", "Wu"), ("周", "Zhou", "Chou"), ("徐", "Xu", "Hsu"),
    ("孙", "Sun", "Sun"), ("马", "Ma", "Ma"), ("朱", "Zhu", "Chu"), ("胡", "Hu", "Hu"),
    ("郭", "Guo", "Kuo"), ("何", "He", "Ho"), ("林", "Lin", "Lin"), ("高", "Gao", "Kao"),
    ("罗", "Luo", "Lo"), ("郑", "Zheng", "Cheng"), ("梁", "Liang", "Liang"),
    ("谢", "Xie", "Hsieh"), ("宋", "Song", "Sung"), ("唐", "Tang", "Tang"), ("邓", "Deng", "Teng"),
    ("冯", "Feng", "Feng"), ("韩", "Han", "Han"), ("曹", "Cao", "Tsao"), ("曾", "Zeng", "Tseng"),
    ("彭", "Peng", "Peng"), ("萧", "Xiao", "Hsiao"), ("蔡", "Cai", "Tsai"), ("潘", "Pan", "Pan"),
    ("田", "Tian", "Tien"), ("董", "Dong", "Tung"), ("袁", "Yuan", "Yuan"), ("叶", "Ye", "Yeh"),
    ("蒋", "Jiang", "Chiang"), ("杜", "Du", "Tu"), ("魏", "Wei", "Wei"), ("丁", "Ding", "Ting"),
    ("沈", "Shen", "Shen"), ("任", "Ren", "Jen"), ("钟", "Zhong", "Chung"), ("崔", "Cui", "Tsui"),
    ("石", "Shi", "Shih"), ("贾", "Jia", "Chia"), ("夏", "Xia", "Hsia"), ("邹", "Zou", "Tsou"),
    ("熊", "Xiong", "Hsiung"), ("秦", "Qin", "Chin"), ("邱", "Qiu", "Chiu"), ("薛", "Xue", "Hsueh"),
    ("钱", "Qian", "Chien"), ("孔", "Kong", "Kung"), ("顾", "Gu", "Ku"), ("龚", "Gong", "Kung"),
]
CHINESE_GIVEN = [
    ("伟", "wei", "wei"), ("芳", "fang", "fang"), ("敏", "min", "min"), ("静", "jing", "ching"),
    ("强", "qiang", "chiang"), ("磊", "lei", "lei"), ("军", "jun", "chun"), ("勇", "yong", "yung"),
    ("杰", "jie", "chieh"), ("涛", "tao", "tao"), ("明", "ming", "ming"), ("超", "chao", "chao"),
    ("秀", "xiu", "hsiu"), ("霞", "xia", "hsia"), ("平", "ping", "ping"), ("刚", "gang", "kang"),
    ("桂", "gui", "kuei"), ("英", "ying", "ying"), ("华", "hua", "hua"), ("建", "jian", "chien"),
    ("国", "guo", "kuo"), ("文", "wen", "wen"), ("志", "zhi", "chih"), ("红", "hong", "hung"),
    ("兰", "lan", "lan"), ("春", "chun", "chun"), ("海", "hai", "hai"), ("东", "dong", "tung"),
    ("德", "de", "te"), ("新", "xin", "hsin"), ("云", "yun", "yun"), ("辉", "hui", "hui"),
    ("鹏", "peng", "peng"), ("飞", "fei", "fei"), ("浩", "hao", "hao"), ("嘉", "jia", "chia"),
    ("梅", "mei", "mei"), ("瑞", "rui", "jui"), ("清", "qing", "ching"), ("忠", "zhong", "chung"),
    ("振", "zhen", "chen"), ("学", "xue", "hsueh"), ("亮", "liang", "liang"),
    ("峰", "feng", "feng"), ("斌", "bin", "pin"), ("波", "bo", "po"), ("凯", "kai", "kai"),
    ("翔", "xiang", "hsiang"), ("婷", "ting", "ting"), ("阳", "yang", "yang"),
]

# Korean: family names as (Hangul, Revised Romanization, the spelling South Korean passports
# use, McCune-Reischauer as lists print it); given names are built from the syllables below and
# romanised by rule.
KOREAN_SURNAMES = [
    ("김", "Gim", "Kim", "Kim"), ("이", "I", "Lee", "Yi"), ("박", "Bak", "Park", "Pak"),
    ("최", "Choe", "Choi", "Choe"), ("정", "Jeong", "Jung", "Chong"), ("강", "Gang", "Kang", "Kang"),
    ("조", "Jo", "Cho", "Cho"), ("윤", "Yun", "Yoon", "Yun"), ("장", "Jang", "Jang", "Chang"),
    ("임", "Im", "Lim", "Im"), ("한", "Han", "Han", "Han"), ("오", "O", "Oh", "O"),
    ("서", "Seo", "Seo", "So"), ("신", "Sin", "Shin", "Shin"), ("권", "Gwon", "Kwon", "Kwon"),
    ("황", "Hwang", "Hwang", "Hwang"), ("안", "An", "Ahn", "An"), ("송", "Song", "Song", "Song"),
    ("홍", "Hong", "Hong", "Hong"), ("전", "Jeon", "Jeon", "Chon"), ("고", "Go", "Ko", "Ko"),
    ("문", "Mun", "Moon", "Mun"), ("손", "Son", "Son", "Son"), ("양", "Yang", "Yang", "Yang"),
    ("배", "Bae", "Bae", "Pae"), ("백", "Baek", "Baek", "Paek"), ("허", "Heo", "Heo", "Ho"),
    ("남", "Nam", "Nam", "Nam"), ("심", "Sim", "Shim", "Shim"), ("하", "Ha", "Ha", "Ha"),
]
KOREAN_SYLLABLES = ["민", "준", "서", "연", "지", "우", "현", "수", "영", "호", "진", "성", "철",
                    "희", "은", "혜", "동", "경", "상", "태", "광", "남", "일", "용", "명", "석",
                    "훈", "재", "윤", "미", "선", "숙", "옥", "순", "혁", "범", "규", "도", "주",
                    "찬", "기", "원", "환", "식", "승", "건", "빈", "정"]

# Devanagari (Hindi, Nepali) names: (Devanagari, ISO 15919, common spelling).
DEVANAGARI_GIVEN = [
    ("राम", "Rāma", "Ram"), ("कृष्ण", "Kr̥ṣṇa", "Krishna"), ("श्याम", "Śyāma", "Shyam"),
    ("सुरेश", "Surēśa", "Suresh"), ("रमेश", "Ramēśa", "Ramesh"), ("महेश", "Mahēśa", "Mahesh"),
    ("दिनेश", "Dinēśa", "Dinesh"), ("राजेश", "Rājēśa", "Rajesh"), ("गणेश", "Gaṇēśa", "Ganesh"),
    ("विजय", "Vijaya", "Vijay"), ("अजय", "Ajaya", "Ajay"), ("संजय", "Saṁjaya", "Sanjay"),
    ("अमित", "Amita", "Amit"), ("सुनील", "Sunīla", "Sunil"), ("अनिल", "Anila", "Anil"),
    ("राहुल", "Rāhula", "Rahul"), ("प्रकाश", "Prakāśa", "Prakash"), ("दीपक", "Dīpaka", "Deepak"),
    ("मनोज", "Manōja", "Manoj"), ("अशोक", "Aśōka", "Ashok"), ("विकास", "Vikāsa", "Vikas"),
    ("नरेन्द्र", "Narēndra", "Narendra"), ("लक्ष्मी", "Lakṣmī", "Lakshmi"),
    ("सीता", "Sītā", "Sita"), ("प्रिया", "Priyā", "Priya"), ("पूजा", "Pūjā", "Pooja"),
    ("सुनीता", "Sunītā", "Sunita"), ("कविता", "Kavitā", "Kavita"), ("अंजलि", "Aṁjali", "Anjali"),
    ("रेखा", "Rēkhā", "Rekha"),
]
DEVANAGARI_FAMILY = [
    ("शर्मा", "Śarmā", "Sharma"), ("वर्मा", "Varmā", "Verma"), ("गुप्ता", "Guptā", "Gupta"),
    ("सिंह", "Siṁha", "Singh"), ("यादव", "Yādava", "Yadav"), ("पटेल", "Paṭēla", "Patel"),
    ("मिश्रा", "Miśrā", "Mishra"), ("तिवारी", "Tivārī", "Tiwari"), ("पाण्डेय", "Pāṇḍēya", "Pandey"),
    ("चौहान", "Cauhāna", "Chauhan"), ("जोशी", "Jōśī", "Joshi"),
    ("श्रीवास्तव", "Śrīvāstava", "Srivastava"), ("दुबे", "Dubē", "Dubey"),
    ("अग्रवाल", "Agravāla", "Agrawal"), ("थापा", "Thāpā", "Thapa"),
    ("श्रेष्ठ", "Śrēṣṭha", "Shrestha"),
    ("अधिकारी", "Adhikārī", "Adhikari"), ("भट्ट", "Bhaṭṭa", "Bhatt"), ("नायर", "Nāyara", "Nair"),
    ("राठौर", "Rāṭhaura", "Rathore"),
]

# Bengali names: (Bengali, ISO 15919, common spelling).
BENGALI_GIVEN = [
    ("রফিক", "Raphika", "Rafiq"), ("জামাল", "Jāmāla", "Jamal"), ("কামাল", "Kāmāla", "Kamal"),
    ("শফিক", "Śaphika", "Shafiq"), ("হাসান", "Hāsāna", "Hasan"), ("নাসরিন", "Nāsarina", "Nasrin"),
    ("ফাতেমা", "Phātēmā", "Fatema"), ("সুমন", "Sumana", "Suman"), ("অমিত", "Amita", "Amit"),
    ("সুব্রত", "Subrata", "Subrata"), ("দেবাশীষ", "Dēbāśīṣa", "Debashish"),
    ("অর্পিতা", "Arpitā", "Arpita"), ("তানভীর", "Tānabhīra", "Tanvir"),
    ("মাহমুদ", "Māhamuda", "Mahmud"), ("শাহীন", "Śāhīna", "Shahin"), ("পার্থ", "Pārtha", "Partha"),
    ("প্রদীপ", "Pradīpa", "Pradip"), ("বিশ্বজিৎ", "Biśbajit", "Biswajit"),
    ("রুমানা", "Rumānā", "Rumana"),
    ("সাকিব", "Sākiba", "Sakib"),
]
BENGALI_FAMILY = [
    ("রহমান", "Rahamāna", "Rahman"), ("হোসেন", "Hōsēna", "Hossain"), ("ইসলাম", "Isalāma", "Islam"),
    ("চৌধুরী", "Caudhurī", "Chowdhury"), ("আহমেদ", "Āhamēda", "Ahmed"), ("আলম", "Ālama", "Alam"),
    ("উদ্দিন", "Uddina", "Uddin"), ("খাতুন", "Khātuna", "Khatun"), ("আক্তার", "Āktāra", "Akter"),
    ("দাস", "Dāsa", "Das"), ("রায়", "Rāẏa", "Roy"), ("সরকার", "Sarakāra", "Sarkar"),
    ("ঘোষ", "Ghōṣa", "Ghosh"), ("সেন", "Sēna", "Sen"), ("দত্ত", "Datta", "Dutta"),
    ("মিত্র", "Mitra", "Mitra"), ("চট্টোপাধ্যায়", "Caṭṭōpādhyāẏa", "Chattopadhyay"),
    ("বন্দ্যোপাধ্যায়", "Bandyōpādhyāẏa", "Bandyopadhyay"), ("মুখোপাধ্যায়", "Mukhōpādhyāẏa",
                                                       "Mukhopadhyay"),
    ("মজুমদার", "Majumadāra", "Majumdar"),
]

# Names of people who are not listed, from many cultures, in the Latin spelling their passports
# use: (culture, given names, family names). The builder draws one given and one family name.
WORLD_NAMES = [
    ("English", ["James", "Oliver", "Emily", "Charlotte", "George", "Sophie", "Thomas", "Hannah"],
     ["Smith", "Walker", "Thompson", "Wright", "Hughes", "Edwards", "Clarke", "Turner"]),
    ("Spanish", ["Alejandro", "Lucia", "Javier", "Carmen", "Pablo", "Isabel", "Diego", "Elena"],
     ["Garcia Lopez", "Fernandez", "Martinez Ruiz", "Sanchez", "Romero", "Navarro", "Torres",
      "Dominguez"]),
    ("Portuguese", ["Joao", "Ana Beatriz", "Tiago", "Mariana", "Rafael", "Ines", "Goncalo",
                    "Leonor"], ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa",
                                "Rodrigues", "Almeida"]),
    ("French", ["Louis", "Camille", "Hugo", "Chloe", "Mathieu", "Juliette", "Antoine", "Margaux"],
     ["Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefebvre", "Girard", "Fontaine"]),
    ("German", ["Lukas", "Anna", "Felix", "Lena", "Jonas", "Marie", "Maximilian", "Johanna"],
     ["Mueller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Wagner"]),
    ("Italian", ["Giuseppe", "Giulia", "Lorenzo", "Francesca", "Matteo", "Chiara", "Alessandro",
                 "Sofia"], ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano",
                            "Colombo", "Ricci"]),
    ("Polish", ["Piotr", "Agnieszka", "Krzysztof", "Katarzyna", "Tomasz", "Magdalena", "Pawel",
                "Zofia"], ["Nowak", "Kowalski", "Wisniewski", "Wojcik", "Kaminska", "Lewandowski",
                           "Zielinska", "Szymanski"]),
    ("Turkish", ["Emre", "Elif", "Burak", "Zeynep", "Mehmet", "Ayse", "Mustafa", "Fatma"],
     ["Yilmaz", "Kaya", "Demir", "Sahin", "Celik", "Yildiz", "Aydin", "Ozturk"]),
    ("Persian", ["Reza", "Maryam", "Ali Reza", "Shirin", "Hossein", "Parisa", "Mehdi", "Zahra"],
     ["Hosseini", "Mohammadi", "Rezaei", "Ahmadi", "Karimi", "Moradi", "Jafari", "Rahimi"]),
    ("Afghan", ["Ahmad Shah", "Farida", "Gul Agha", "Nasrin", "Wahidullah", "Shabnam", "Zabiullah",
                "Mursal"], ["Ahmadzai", "Popal", "Sultani", "Wardak", "Safi", "Niazi", "Sadat",
                            "Stanikzai"]),
    ("Pakistani", ["Imran", "Ayesha", "Bilal", "Sana", "Usman", "Hira", "Zeeshan", "Mahnoor"],
     ["Qureshi", "Butt", "Malik", "Chaudhry", "Siddiqui", "Sheikh", "Mirza", "Abbasi"]),
    ("Egyptian", ["Ahmed", "Nour", "Karim", "Mona", "Amr", "Yasmin", "Sherif", "Dina"],
     ["El Sayed", "Mansour", "Fahmy", "Ghoneim", "Hegazy", "Shehata", "Zaki", "Naguib"]),
    ("Maghrebi", ["Youssef", "Salma", "Mehdi", "Imane", "Anouar", "Khadija", "Hamza", "Meryem"],
     ["Benali", "Bouzid", "El Idrissi", "Belkacem", "Haddad", "Bennani", "Cherkaoui", "Ziani"]),
    ("Somali", ["Abdirahman", "Hodan", "Abdiweli", "Faadumo", "Mahad", "Ifrah", "Guled", "Sagal"],
     ["Warsame", "Farah", "Jama", "Egal", "Dirie", "Hirsi", "Abdi", "Samatar"]),
    ("Ethiopian", ["Abebe", "Tigist", "Dawit", "Selam", "Yonas", "Meron", "Tesfaye", "Hiwot"],
     ["Bekele", "Tadesse", "Haile", "Gebremedhin", "Wolde", "Alemu", "Kebede", "Desta"]),
    ("East African", ["Baraka", "Neema", "Juma", "Amani", "Otieno", "Wanjiru", "Mwangi", "Zawadi"],
     ["Odhiambo", "Kamau", "Mutua", "Wekesa", "Njoroge", "Onyango", "Kiprop", "Achieng"]),
    ("Nigerian", ["Chinedu", "Ngozi", "Oluwaseun", "Folake", "Emeka", "Aisha", "Tunde", "Ifeoma"],
     ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze", "Abubakar", "Ogunleye", "Nwosu"]),
    ("Southern African", ["Thabo", "Nomvula", "Sipho", "Lerato", "Bongani", "Zanele", "Mandla",
                          "Palesa"], ["Nkosi", "Dlamini", "Mokoena", "Khumalo", "Ndlovu",
                                      "Mahlangu", "Zulu", "Molefe"]),
    ("Filipino", ["Jose Miguel", "Maria Clara", "Rodel", "Marites", "Jericho", "Liezel", "Arnel",
                  "Rowena"], ["Dela Cruz", "Reyes", "Bautista", "Villanueva", "Mendoza",
                              "Santiago", "Aquino", "Manalo"]),
    ("Indonesian", ["Budi", "Siti", "Agus", "Dewi", "Eko", "Putri", "Hendra", "Rina"],
     ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kurniawan", "Setiawan", "Pratama", "Lestari"]),
    ("Malaysian", ["Ahmad Faizal", "Nur Aisyah", "Mohd Hafiz", "Siti Nurhaliza", "Azlan",
                   "Farah Nadia", "Khairul", "Nurul Izzah"], ["bin Ismail", "binti Osman",
                                                              "bin Hamid", "binti Yusof",
                                                              "bin Rahman", "binti Zakaria",
                                                              "bin Sulaiman", "binti Ahmad"]),
    ("Vietnamese", ["Van Minh", "Thi Lan", "Duc Anh", "Thi Huong", "Quang Huy", "Ngoc Anh",
                    "Thanh Tung", "Thu Trang"], ["Nguyen", "Tran", "Le", "Pham", "Hoang",
                                                 "Phan", "Vu", "Dang"]),
    ("Thai", ["Somchai", "Siriporn", "Anan", "Kanya", "Prasert", "Nattaya", "Wichai", "Ratana"],
     ["Srisuk", "Chaiyaporn", "Boonmee", "Saetang", "Wongsawat", "Thongchai", "Rattanakorn",
      "Kaewmanee"]),
    ("Japanese", ["Haruto", "Yui", "Sota", "Aoi", "Takumi", "Sakura", "Kenji", "Yuki"],
     ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura"]),
    ("Tamil", ["Karthik", "Priya", "Senthil", "Lakshmi", "Arun", "Meena", "Vignesh", "Kavitha"],
     ["Subramanian", "Krishnan", "Ramasamy", "Murugan", "Venkatesan", "Natarajan",
      "Balasubramaniam", "Raghavan"]),
    ("Nepali", ["Bikash", "Sarita", "Prakash", "Anita", "Rajendra", "Sunita", "Dipendra",
                "Kamala"], ["Thapa", "Gurung", "Tamang", "Magar", "Shrestha", "Karki", "Bhandari",
                            "Rai"]),
    ("Ukrainian", ["Oleksandr", "Olena", "Mykola", "Oksana", "Andriy", "Iryna", "Taras", "Halyna"],
     ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliynyk",
      "Melnyk", "Boyko"]),
    ("Georgian", ["Giorgi", "Nino", "Levan", "Tamar", "Davit", "Mariam", "Irakli", "Ketevan"],
     ["Beridze", "Kapanadze", "Gelashvili", "Maisuradze", "Giorgadze", "Lomidze",
      "Tsiklauri", "Bolkvadze"]),
    ("Armenian", ["Aram", "Anahit", "Tigran", "Lusine", "Hayk", "Gayane", "Armen", "Nare"],
     ["Petrosyan", "Hovhannisyan", "Sargsyan", "Harutyunyan", "Grigoryan", "Karapetyan",
      "Khachatryan", "Vardanyan"]),
    ("Greek", ["Georgios", "Eleni", "Dimitrios", "Maria", "Konstantinos", "Aikaterini",
               "Ioannis", "Vasiliki"], ["Papadopoulos", "Nikolaidis", "Georgiou", "Oikonomou",
                                        "Papadakis", "Vlachos", "Dimitriou", "Karagiannis"]),
    ("Latin American", ["Juan Carlos", "Maria Fernanda", "Luis Alberto", "Ana Lucia",
                        "Jorge Enrique", "Claudia Patricia", "Carlos Andres", "Diana Marcela"],
     ["Gonzalez Perez", "Ramirez Castillo", "Hernandez", "Vargas Rojas", "Morales",
      "Jimenez Ortiz", "Gutierrez", "Castro Mendoza"]),
]
