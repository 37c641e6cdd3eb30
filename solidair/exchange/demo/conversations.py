"""The demo conversations: responses to demo posts, a few messages back and forth, and
which of them the poster accepted (a match)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoConversation:
    post: str  # a DemoPost.key
    responder: str  # a key of ctx.people
    # (sender key, text); the first is the responder's response that opens the conversation.
    messages: tuple[tuple[str, str], ...]
    accept: bool = False  # the poster accepts the response: a match
    # Leave the last message unread by the other side (the inbox shows a badge).
    unread: bool = False


# --- conversations -----------------------------------------------------------------------------

CONVERSATIONS: list[DemoConversation] = [
    DemoConversation(
        post="kinderfiets",
        responder="wim",
        messages=(
            (
                "wim",
                "Dag Selam, in het fietsatelier staat een rode kinderfiets van 20 inch die we "
                "net hebben opgeknapt. Er hoort zelfs een helm bij. Interesse?",
            ),
            ("selam", "Ja, heel graag! Wanneer mag ik langskomen?"),
            (
                "wim",
                "Zaterdag tussen 10 en 13 uur in het atelier aan de Brusselsesteenweg. "
                "Neem Yonas mee, dan stellen we het zadel meteen op de juiste hoogte.",
            ),
            ("selam", "Super, tot zaterdag. Yonas is zo blij!"),
        ),
        accept=True,
    ),
    DemoConversation(
        post="frigo",
        responder="emine",
        messages=(
            (
                "emine",
                "Goeiedag, is de frigo nog vrij? Wij hebben thuis geen koelkast. Ik kan "
                "komen met mijn buurman.",
            ),
            (
                "demo",
                "Dag Emine, ja, hij is nog vrij! Past het donderdag na 17 uur? Het is op de "
                "tweede verdieping, dus met twee is handig.",
            ),
            ("emine", "Donderdag is goed. Wij komen om half zes. Dank u wel!"),
        ),
        # The demo user finds Emine's answer waiting in the inbox.
        unread=True,
    ),
    DemoConversation(
        post="fietsatelier-vrijwilligers",
        responder="demo",
        messages=(
            (
                "demo",
                "Hoi Wim, ik herstel al jaren mijn eigen fiets en wil dat graag aan anderen "
                "leren. Ik kan om de twee weken op zaterdag komen.",
            ),
            (
                "wim",
                "Dat klinkt perfect, Sanne. Kom deze zaterdag om 10 uur langs, dan laat ik "
                "je het atelier zien en stel ik je voor aan Amanuel.",
            ),
            ("demo", "Afgesproken, tot zaterdag!"),
        ),
        accept=True,
    ),
    DemoConversation(
        post="winterjassen",
        responder="aisha",
        messages=(
            (
                "aisha",
                "Hello Sofie, I have four children. Can I have three jackets, size 116 and "
                "128? Thank you very much.",
            ),
            (
                "sofie",
                "Of course Aisha! I put three jackets aside for you. Zaterdagvoormiddag ben "
                "ik thuis, past dat?",
            ),
            ("aisha", "Yes, Saturday morning is good. Thank you!"),
        ),
        accept=True,
    ),
    DemoConversation(
        post="taalcoach",
        responder="rachid",
        messages=(
            (
                "rachid",
                "Dag Marieke, ik spreek Arabisch en Nederlands en heb op dinsdagavond tijd. "
                "Ik wil Noor graag helpen.",
            ),
            (
                "marieke",
                "Fijn, Rachid! Noor stelt voor om dinsdag om 19 uur af te spreken in de "
                "Krook. Ik kom mee voor de eerste kennismaking.",
            ),
            ("rachid", "Prima, dan zie ik jullie daar."),
        ),
        accept=True,
    ),
    DemoConversation(
        post="buurtsoep",
        responder="bart",
        messages=(
            (
                "bart",
                "Ik ben kok en heb op woensdag vrij. Ik kom graag mee soep maken, en ik heb "
                "een paar recepten voor grote potten.",
            ),
            (
                "koen",
                "Geweldig, Bart! Sanne coördineert de buurtsoep, zij laat je weten wanneer "
                "je kunt starten.",
            ),
            (
                "bart",
                "Top. Ik kan volgende woensdag al om 9 uur. Zal ik pompoenen meebrengen "
                "van Lieve's moestuin?",
            ),
        ),
        unread=True,
    ),
    DemoConversation(
        post="laptops-rabot",
        responder="dmytro",
        messages=(
            (
                "dmytro",
                "Hi! At work we replace our laptops. I can bring two, already wiped, with "
                "Linux or Windows as you prefer.",
            ),
            (
                "demo",
                "Thank you Dmytro, that is wonderful! Windows please, the school uses "
                "Microsoft Teams. Kun je ze brengen op dinsdag of donderdag in de "
                "voormiddag?",
            ),
        ),
    ),
    DemoConversation(
        post="smartphone",
        responder="pieter",
        messages=(
            (
                "pieter",
                "Dag Mohammed, ik heb een Samsung van drie jaar oud die nog updates krijgt. "
                "Ik installeer itsme graag samen met jou.",
            ),
            ("mohammed", "Thank you Pieter! When can we meet? I am free in the afternoon."),
        ),
    ),
    DemoConversation(
        post="ziekenhuisritten",
        responder="yusuf",
        messages=(
            (
                "yusuf",
                "Ik ben taxichauffeur en heb op maandag en dinsdag vaak een vrije "
                "voormiddag. Ik rij graag voor jullie leden.",
            ),
            (
                "hilde",
                "Dank je, Yusuf! Mevrouw De Smet moet op 12 en 26 van de maand naar het "
                "UZ. Kan jij de eerste rit doen?",
            ),
        ),
    ),
    DemoConversation(
        post="zetel",
        responder="ahmad",
        messages=(
            (
                "ahmad",
                "Hello Koen, my wife and I have an empty living room. Is the sofa still "
                "available? We live in Brugse Poort.",
            ),
        ),
    ),
    DemoConversation(
        post="brieven-huisbaas",
        responder="fatma",
        messages=(
            (
                "fatma",
                "Merhaba Emine! Ik spreek Turks en Bulgaars. Ik kan helpen met de brieven. "
                "Woensdagnamiddag?",
            ),
            ("emine", "Ja, woensdag is goed! Dank je wel, Fatma."),
        ),
    ),
    DemoConversation(
        post="kast-monteren",
        responder="ahmad",
        messages=(
            (
                "ahmad",
                "I am an electrician, the lamps are no problem. I bring my tools. Saturday "
                "afternoon?",
            ),
            ("olena", "Saturday is perfect. Thank you so much, Ahmad!"),
        ),
    ),
    DemoConversation(
        post="papierwerk",
        responder="amanuel",
        messages=(
            (
                "amanuel",
                "Dag Samir, ik kreeg een brief over een 'afrekening' van mijn huisbaas en "
                "begrijp niet waarom ik moet bijbetalen. Kun je helpen?",
            ),
            (
                "samir",
                "Natuurlijk. Neem de brief en je huurcontract mee naar de bib van het "
                "Sluizeken, zaterdag om 10 uur. Dan bekijken we het samen.",
            ),
            ("amanuel", "Dank je! Ik ben er zaterdag."),
        ),
    ),
    DemoConversation(
        post="moestuin",
        responder="demo",
        messages=(
            (
                "demo",
                "Dag Lieve, voor de buurtsoep van Buurtwerk Rabot zouden je pompoenen en "
                "prei perfect zijn! Mag ik een paar kisten komen halen?",
            ),
            (
                "lieve",
                "Met plezier! Kom maar langs op zaterdag, ik zet ze klaar aan de poort.",
            ),
        ),
    ),
]
