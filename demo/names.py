"""Built-in word lists for the synthetic borough: names, languages, streets, postcodes.

Every name is a common given name or surname drawn from no particular person; every
street name is deliberately generic. Nothing here describes a real person or household.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

Weighted = tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Heritage:
    """A naming tradition with the languages and faiths commonly found with it."""

    key: str
    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    languages: Weighted = (("English", 1.0),)
    religions: Weighted = (("christian", 0.4), ("none", 0.4), ("not_stated", 0.2))


def _t(text: str) -> tuple[str, ...]:
    return tuple(text.split())


HERITAGES: dict[str, Heritage] = {
    h.key: h
    for h in (
        Heritage(
            "british",
            _t(
                "Oliver Harry Jack George Noah Charlie Jacob Alfie Freddie Oscar Leo Archie "
                "Thomas Joshua William James Henry Ethan Logan Mason Riley Tyler Callum Kai "
                "Lewis Max Reggie Ronnie Teddy Tommy Jayden Connor Liam Daniel Ryan"
            ),
            _t(
                "Olivia Amelia Isla Ava Emily Sophie Grace Lily Mia Ella Poppy Freya Evie "
                "Ruby Daisy Millie Jessica Chloe Holly Scarlett Phoebe Erin Charlotte Megan "
                "Lacey Courtney Kayla Jade Paige Leah Hannah Ellie Lola Maisie Summer"
            ),
            _t(
                "Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright "
                "Thompson Evans Walker White Roberts Green Hall Wood Jackson Clarke Harris "
                "Lewis Hughes Edwards Turner Hill Moore Cooper Ward King Baker Harrison "
                "Morris Parker Bennett Cook Barker Marsh Fletcher Lloyd Palmer Holmes "
                "Chapman Price Webb Mills Shaw Ellis Fox Rose Gray Knight Hunt Stevens Day"
            ),
        ),
        Heritage(
            "irish",
            _t("Sean Patrick Conor Cian Darragh Eoin Niall Ronan Declan Oisin Rory Kieran"),
            _t("Aoife Siobhan Niamh Ciara Roisin Orla Saoirse Caoimhe Aisling Sinead Maeve"),
            _t(
                "Murphy Kelly Byrne Ryan OBrien Walsh Doyle Brennan Quinn Gallagher Duffy "
                "Kavanagh McCarthy Connolly Lynch Brady Keane Nolan Flynn Delaney"
            ),
            religions=(("christian", 0.7), ("none", 0.2), ("not_stated", 0.1)),
        ),
        Heritage(
            "polish",
            _t("Jakub Kacper Szymon Filip Mateusz Antoni Wojciech Bartosz Michal Piotr Tomasz"),
            _t("Zuzanna Julia Maja Zofia Hanna Lena Natalia Aleksandra Wiktoria Agnieszka Oliwia"),
            _t(
                "Nowak Kowalski Wisniewski Wojcik Kaminski Lewandowski Zielinski Szymanski "
                "Wozniak Dabrowski Kozlowski Jankowski Mazur Krawczyk Piotrowski Grabowski"
            ),
            languages=(("Polish", 0.75), ("English", 0.25)),
            religions=(("christian", 0.75), ("none", 0.15), ("not_stated", 0.1)),
        ),
        Heritage(
            "romanian",
            _t("Andrei Alexandru Stefan Ionut Gabriel Mihai Darius Florin Cristian Vlad Razvan"),
            _t("Maria Elena Ioana Andreea Alexandra Bianca Daria Ana Larisa Roxana Teodora"),
            _t(
                "Popescu Ionescu Popa Radu Dumitru Stan Stoica Gheorghe Matei Ciobanu Rusu "
                "Munteanu Constantin Marin Tudor Florea Dinu Lazar"
            ),
            languages=(("Romanian", 0.8), ("English", 0.2)),
            religions=(("christian", 0.8), ("none", 0.1), ("not_stated", 0.1)),
        ),
        Heritage(
            "roma",
            _t("Marius Costel Florin Denis Sorin Ionel Nicu Dragos Adrian"),
            _t("Florentina Mirela Loredana Nicoleta Ramona Alina Daniela Carmen Simona"),
            _t("Lacatus Caldarar Stanciu Balan Varga Lakatos Rostas Zamfir"),
            languages=(("Romanes", 0.5), ("Romanian", 0.4), ("English", 0.1)),
            religions=(("christian", 0.7), ("not_stated", 0.3)),
        ),
        Heritage(
            "southern_european",
            _t("Marco Luca Matteo Joao Tiago Rafael Nikos Andreas Giorgos Pedro Diogo"),
            _t("Giulia Sofia Chiara Beatriz Ines Mariana Eleni Katerina Despina Francesca"),
            _t(
                "Rossi Russo Romano Ferreira Silva Santos Pereira Costa Oliveira "
                "Papadopoulos Georgiou Christodoulou Constantinou Nikolaou Ricci Esposito"
            ),
            languages=(("English", 0.5), ("Portuguese", 0.2), ("Greek", 0.15), ("Italian", 0.15)),
            religions=(("christian", 0.7), ("none", 0.2), ("not_stated", 0.1)),
        ),
        Heritage(
            "turkish",
            _t("Mehmet Mustafa Emre Yusuf Burak Can Deniz Kerem Omer Eren Baran"),
            _t("Elif Zeynep Ayse Defne Ela Ebru Melis Selin Asya Derya Nur"),
            _t(
                "Yilmaz Kaya Demir Sahin Celik Yildiz Ozturk Aydin Arslan Dogan Kilic "
                "Aslan Cetin Korkmaz Ozkan"
            ),
            languages=(("Turkish", 0.6), ("Kurdish", 0.15), ("English", 0.25)),
            religions=(("muslim", 0.75), ("none", 0.1), ("not_stated", 0.15)),
        ),
        Heritage(
            "jewish",
            _t("Daniel Benjamin Samuel Joshua Aaron Nathan Eli Jacob Reuben Gideon Isaac"),
            _t("Hannah Rebecca Leah Miriam Talia Shira Esther Naomi Rachel Abigail Tamar"),
            _t(
                "Cohen Levy Goldberg Shapiro Friedman Rosen Klein Kaplan Stern Green Marks "
                "Abrahams Jacobs Solomon Goldstein Franks"
            ),
            languages=(("English", 0.9), ("Hebrew", 0.07), ("Yiddish", 0.03)),
            religions=(("jewish", 0.8), ("none", 0.1), ("not_stated", 0.1)),
        ),
        Heritage(
            "indian",
            _t(
                "Aarav Arjun Rohan Dev Krish Vihaan Rahul Nikhil Ravi Sanjay Harpreet "
                "Gurpreet Jaspal Amar Vikram Kiran Mohan Rishi Sai Anand"
            ),
            _t(
                "Priya Anika Diya Asha Meera Kavya Riya Sita Pooja Anjali Simran Harleen "
                "Manpreet Isha Nisha Leela Shreya Neha Sunita Tara"
            ),
            _t(
                "Patel Shah Sharma Singh Kaur Gupta Mehta Desai Joshi Kumar Pillai Nair "
                "Reddy Iyer Chauhan Bhatt Parekh Sandhu Gill Dhillon Thakkar Verma"
            ),
            languages=(
                ("English", 0.55),
                ("Gujarati", 0.15),
                ("Punjabi", 0.12),
                ("Hindi", 0.1),
                ("Tamil", 0.08),
            ),
            religions=(
                ("hindu", 0.5),
                ("sikh", 0.2),
                ("muslim", 0.05),
                ("none", 0.1),
                ("not_stated", 0.15),
            ),
        ),
        Heritage(
            "pakistani",
            _t("Muhammad Ali Hassan Bilal Hamza Usman Zain Imran Faisal Adnan Ibrahim Arham"),
            _t("Ayesha Fatima Zainab Maryam Hira Sana Amina Iqra Noor Mahnoor Sadia Khadija"),
            _t(
                "Khan Ahmed Hussain Iqbal Malik Butt Chaudhry Qureshi Raza Shah Akhtar "
                "Mahmood Nawaz Aslam Javed Rashid"
            ),
            languages=(("English", 0.45), ("Urdu", 0.4), ("Punjabi", 0.15)),
            religions=(("muslim", 0.9), ("not_stated", 0.1)),
        ),
        Heritage(
            "bangladeshi",
            _t("Abdul Rahim Shahid Tanvir Rayhan Sabbir Arif Jamal Nazrul Sajid Rafiq"),
            _t("Nasrin Farhana Taslima Shirin Rumana Jannat Sumaiya Tahmina Rabia Salma"),
            _t("Begum Uddin Miah Rahman Islam Hossain Chowdhury Ali Ahmed Khatun Sarker"),
            languages=(("Bengali", 0.55), ("Sylheti", 0.15), ("English", 0.3)),
            religions=(("muslim", 0.92), ("not_stated", 0.08)),
        ),
        Heritage(
            "tamil",
            _t("Karthik Suresh Arun Vijay Prakash Dinesh Ganesh Senthil Rajan"),
            _t("Lakshmi Kavitha Shanthi Priyanka Nirmala Vani Deepa Sangeetha Malini"),
            _t("Sivakumar Rajendran Balasubramaniam Thiruchelvam Kanagaratnam Selvarajah"),
            languages=(("Tamil", 0.6), ("English", 0.4)),
            religions=(("hindu", 0.7), ("christian", 0.15), ("not_stated", 0.15)),
        ),
        Heritage(
            "afghan",
            _t("Ahmad Mohammad Mustafa Jawad Farid Sami Habib Karim Nasir Wahid Zabihullah"),
            _t("Parisa Mariam Fereshta Zahra Laila Shabnam Soraya Mina Nilofar Hosai"),
            _t("Ahmadi Hakimi Noori Rahimi Sultani Karimi Safi Wardak Popal Stanikzai"),
            languages=(("Pashto", 0.45), ("Dari", 0.45), ("English", 0.1)),
            religions=(("muslim", 0.95), ("not_stated", 0.05)),
        ),
        Heritage(
            "west_african",
            _t(
                "Tobi Chidi Emeka Kwame Kofi Femi Segun Tunde Obinna Kwabena Daniel David "
                "Samuel Joshua Ayodele Chinedu Nnamdi Yaw"
            ),
            _t(
                "Adaeze Chioma Ngozi Funmi Abena Ama Akosua Yetunde Folake Blessing Grace "
                "Precious Favour Esther Temitope Ifeoma Adwoa"
            ),
            _t(
                "Okafor Adeyemi Okoro Mensah Owusu Boateng Adebayo Oyelaran Nwosu Eze "
                "Asante Ogunleye Bello Afolabi Obi Appiah Danso Ojo"
            ),
            languages=(("English", 0.75), ("Yoruba", 0.1), ("Twi", 0.08), ("Igbo", 0.07)),
            religions=(("christian", 0.75), ("muslim", 0.1), ("not_stated", 0.15)),
        ),
        Heritage(
            "somali",
            _t("Abdirahman Mohamed Abdullahi Ahmed Hassan Abdi Yusuf Omar Liban Mahad Guled"),
            _t("Hodan Fadumo Amina Sahra Hibo Ifrah Nasra Idil Ayan Sagal Hamdi"),
            _t("Ahmed Mohamed Hassan Ali Farah Abdi Warsame Omar Jama Hersi Osman Egal"),
            languages=(("Somali", 0.7), ("English", 0.3)),
            religions=(("muslim", 0.95), ("not_stated", 0.05)),
        ),
        Heritage(
            "eritrean",
            _t("Yonas Dawit Samuel Filmon Merhawi Tesfay Habtom Biniam Robel Kidane"),
            _t("Selam Helen Saba Luwam Rahel Senait Yordanos Feven Hiwet Winta"),
            _t("Tesfamariam Gebremedhin Haile Kidane Tekle Berhane Woldu Ghebreyesus Mehari"),
            languages=(("Tigrinya", 0.75), ("Amharic", 0.1), ("English", 0.15)),
            religions=(("christian", 0.8), ("muslim", 0.15), ("not_stated", 0.05)),
        ),
        Heritage(
            "caribbean",
            _t("Jermaine Tyrone Dwayne Marcus Andre Leon Kyle Jordan Reuben Malachi Isaiah"),
            _t("Shanice Tia Keisha Aaliyah Jada Nia Simone Kezia Tanisha Destiny Imani"),
            _t(
                "Campbell Brown Williams Grant Francis Thomas Richards Gordon Lewis Reid "
                "Henry Bailey Morgan Clarke Douglas Samuels"
            ),
            religions=(("christian", 0.6), ("none", 0.25), ("not_stated", 0.15)),
        ),
        Heritage(
            "chinese",
            _t("Wei Jun Hao Ming Jian Kai Chen Yi Zhi Bo Tian"),
            _t("Mei Li Xin Yan Jing Hui Ling Xia Yu Qing Fang"),
            _t("Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Lin Ho Wong Chan Lam"),
            languages=(("English", 0.5), ("Mandarin", 0.3), ("Cantonese", 0.2)),
            religions=(("none", 0.6), ("buddhist", 0.15), ("christian", 0.1), ("not_stated", 0.15)),
        ),
        Heritage(
            "arab",
            _t("Omar Khalid Ahmad Yousef Karim Tariq Rami Samir Hadi Ziad Adam"),
            _t("Layla Rania Noura Huda Dalia Mariam Lina Yasmin Salma Reem Hala"),
            _t("Haddad Khalil Mansour Saleh Nasser Abbas Hamdan Jaber Darwish Issa Farouk"),
            languages=(("Arabic", 0.75), ("English", 0.25)),
            religions=(("muslim", 0.85), ("christian", 0.1), ("not_stated", 0.05)),
        ),
        Heritage(
            "iranian",
            _t("Amir Reza Dariush Kourosh Arash Babak Hossein Navid Kian Payam Sina"),
            _t("Shirin Parisa Leila Niloufar Roya Setareh Mahsa Azadeh Yasaman Ladan Taraneh"),
            _t("Hosseini Mohammadi Rezaei Moradi Karimi Jafari Tehrani Ahmadi Rostami Kazemi"),
            languages=(("Farsi", 0.7), ("Kurdish", 0.1), ("English", 0.2)),
            religions=(("muslim", 0.6), ("none", 0.2), ("not_stated", 0.2)),
        ),
        Heritage(
            "latin_american",
            _t("Santiago Mateo Sebastian Diego Alejandro Nicolas Juan Carlos Andres"),
            _t("Valentina Camila Isabella Gabriela Daniela Lucia Paula Natalia Carolina"),
            _t("Garcia Rodriguez Martinez Lopez Gonzalez Hernandez Perez Sanchez Ramirez"),
            languages=(("Spanish", 0.6), ("Portuguese", 0.15), ("English", 0.25)),
            religions=(("christian", 0.75), ("none", 0.15), ("not_stated", 0.1)),
        ),
    )
}

# Children's ethnicity for an outer north London borough with a large minority ethnic
# population (about two thirds of children), Indian and Black African the largest groups.
ETHNICITY_WEIGHTS: Weighted = (
    ("WBRI", 31.0),
    ("WIRI", 1.0),
    ("WIRT", 0.3),
    ("WOTH", 16.0),
    ("WROM", 0.7),
    ("MWBC", 3.0),
    ("MWBA", 3.0),
    ("MWAS", 2.5),
    ("MOTH", 4.5),
    ("AIND", 8.0),
    ("APKN", 2.0),
    ("ABAN", 1.0),
    ("AOTH", 4.5),
    ("BCRB", 2.0),
    ("BAFR", 9.0),
    ("BOTH", 2.0),
    ("CHNE", 1.5),
    ("OOTH", 6.5),
    ("REFU", 0.3),
    ("NOBT", 0.9),
)

# Which naming traditions go with each ethnicity code (parents' heritage).
ETHNICITY_HERITAGES: dict[str, Weighted] = {
    "WBRI": (("british", 0.9), ("jewish", 0.08), ("irish", 0.02)),
    "WIRI": (("irish", 1.0),),
    "WIRT": (("irish", 1.0),),
    "WOTH": (
        ("polish", 0.25),
        ("romanian", 0.25),
        ("southern_european", 0.2),
        ("turkish", 0.18),
        ("jewish", 0.12),
    ),
    "WROM": (("roma", 1.0),),
    "AIND": (("indian", 1.0),),
    "APKN": (("pakistani", 1.0),),
    "ABAN": (("bangladeshi", 1.0),),
    "AOTH": (("tamil", 0.45), ("afghan", 0.55)),
    "BCRB": (("caribbean", 1.0),),
    "BAFR": (("west_african", 0.55), ("somali", 0.25), ("eritrean", 0.2)),
    "BOTH": (("caribbean", 0.5), ("west_african", 0.5)),
    "CHNE": (("chinese", 1.0),),
    "OOTH": (("arab", 0.4), ("iranian", 0.3), ("turkish", 0.15), ("latin_american", 0.15)),
    "REFU": (("british", 0.6), ("southern_european", 0.4)),
    "NOBT": (("british", 0.5), ("polish", 0.25), ("west_african", 0.25)),
}

# Mixed-heritage codes: one parent from each side.
MIXED_HERITAGES: dict[str, tuple[Weighted, Weighted]] = {
    "MWBC": ((("british", 0.9), ("irish", 0.1)), (("caribbean", 1.0),)),
    "MWBA": ((("british", 0.9), ("polish", 0.1)), (("west_african", 0.7), ("somali", 0.3))),
    "MWAS": ((("british", 1.0),), (("indian", 0.6), ("pakistani", 0.3), ("chinese", 0.1))),
    "MOTH": (
        (("british", 0.5), ("southern_european", 0.3), ("polish", 0.2)),
        (("latin_american", 0.3), ("arab", 0.3), ("caribbean", 0.2), ("iranian", 0.2)),
    ),
}

# Unaccompanied children arriving in London: mostly from these places.
UASC_HERITAGES: Weighted = (
    ("afghan", 0.35),
    ("eritrean", 0.25),
    ("arab", 0.15),
    ("iranian", 0.15),
    ("somali", 0.1),
)
UASC_ETHNICITY = {
    "afghan": "AOTH",
    "eritrean": "BAFR",
    "arab": "OOTH",
    "iranian": "OOTH",
    "somali": "BAFR",
}

# Street names chosen to be ordinary and found in almost any English town.
STREETS = tuple(
    """
Station Road
Church Lane
High Street
Park Avenue
Oak Close
Mill Lane
Victoria Road
Manor Way
The Crescent
Elm Grove
Queens Road
Kings Avenue
Chestnut Drive
Beech Walk
Green Lane
Meadow View
Orchard Close
Willow Court
Cedar Road
School Lane
Grange Road
Park View
Albert Street
New Road
North Road
South Parade
West End Lane
Hill Rise
Windsor Gardens
York Road
Richmond Close
Holly Walk
Ash Grove
Brook Street
Cherry Tree Way
Springfield Road
Linden Avenue
Poplar Close
Rosemary Gardens
Sycamore Drive
Heath View
Lime Tree Walk
Maple Road
Birch Close
Laurel Way
""".strip().splitlines()
)

BUILDINGS = (
    "Alder House",
    "Bramley Court",
    "Hazel Mansions",
    "Rowan Lodge",
    "Foxglove House",
    "Juniper Point",
    "Larch Court",
    "Heron House",
    "Kestrel Court",
    "Wren House",
)

# North London postcode districts in and around the borough, with their post towns.
HOME_DISTRICTS: dict[str, str] = {
    "EN4": "Barnet",
    "EN5": "Barnet",
    "N2": "London",
    "N3": "London",
    "N11": "London",
    "N12": "London",
    "N14": "London",
    "N20": "London",
    "NW4": "London",
    "NW7": "London",
    "NW9": "London",
    "NW11": "London",
    "HA8": "Edgware",
}
# Placements outside the borough (most looked-after children live out of area).
OUT_OF_AREA_DISTRICTS: dict[str, str] = {
    "AL1": "St Albans",
    "SG1": "Stevenage",
    "LU2": "Luton",
    "HP2": "Hemel Hempstead",
    "WD6": "Borehamwood",
    "EN8": "Waltham Cross",
    "CM20": "Harlow",
    "MK9": "Milton Keynes",
    "NN1": "Northampton",
    "ME4": "Chatham",
}

# Letters allowed in the final two characters of a UK postcode.
_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXY"


def postcode(rng: random.Random, district: str) -> str:
    """A correctly formatted full postcode in the district, e.g. 'N12 8QJ'."""
    return (
        f"{district} {rng.randint(0, 9)}{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}"
    )


def pick(rng: random.Random, weighted: Weighted) -> str:
    values = [v for v, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(values, weights=weights, k=1)[0]


def street_address(rng: random.Random) -> tuple[str, str]:
    """(line1, line2) for a house or a flat."""
    street = rng.choice(STREETS)
    if rng.random() < 0.35:
        return (
            f"Flat {rng.randint(1, 40)}, {rng.choice(BUILDINGS)}",
            f"{rng.randint(1, 120)} {street}",
        )
    return f"{rng.randint(1, 180)} {street}", ""


# Professionals' organisations: generic names, obviously invented.
GP_PRACTICES = (
    "Oakfield Medical Centre",
    "Station Road Surgery",
    "The Grange Practice",
    "Northbridge Health Centre",
    "Parkside Medical Practice",
    "Willow Tree Surgery",
    "Brookside Family Practice",
    "Church Lane Surgery",
)
PRIMARY_SCHOOLS = (
    "Oakfield Primary School",
    "St Mary's CE Primary School",
    "Northbridge Park Primary School",
    "Meadow View Primary School",
    "Hillside Infant and Junior School",
    "Cedar Road Primary Academy",
    "Brookfield Primary School",
    "Orchard Primary School",
)
SECONDARY_SCHOOLS = (
    "Northbridge Academy",
    "Grange Park High School",
    "St Anne's Catholic High School",
    "Elmwood School",
    "Northbridge Girls' School",
    "Kingsway Community College",
)
SPECIAL_SCHOOLS = ("Rowan Special School", "Meadowbank Learning Centre")

STAFF_FIRST_NAMES = (
    HERITAGES["british"].male
    + HERITAGES["british"].female
    + _t(
        "Priya Nadia Tomasz Chidi Aisha Marco Fatima Kwame Elena Sanjay Leila Grace Abdi Ioana "
        "Rachel Hassan Sofia Rohan Joanna Yusuf Simone Aoife Deepa Femi Katerina"
    )
)
