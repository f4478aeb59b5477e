"""Word lists the offline extractor reads: data, kept apart from the code that uses it.

Every list is folded to lower case; lookups fold the word first. Extending
claimcheck to a new kind of story usually means adding words here, not code.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------
# Attribution
# ---------------------------------------------------------------------------

# Verbs that attribute words to a speaker, each inflection spelled out so a lookup
# is one set membership. Forms that are more often nouns are left out ("claims",
# "reports", "remarks", "warning", "promises"): a missed attribution costs less
# than a sentence credited to "the provocative remark". "ruled out", "denied" and
# "floated" take a stance as well (cues.py reads it); "puts" and "put" only count in
# "puts the cost at ..." (attribution.py checks).
SPEECH_VERBS = frozenset(
    """say says said tell tells told adds added warns warned insist insists insisted stress stresses
    stressed argue argues argued claimed stated explains explained noted acknowledge acknowledges
    acknowledged admit admits admitted concede concedes conceded confirm confirms confirmed deny denies
    denied announce announces announced declare declares declared maintain maintains maintained
    reiterate reiterates reiterated repeated replied responded wrote suggests suggested estimates estimated
    predicts predicted promised pledged vowed urged clarified reminded describes described floated
    reported hopes hoped feared emphasised emphasized recalled asserted cautioned observed remarked
    revealed contends contended complained alleged believes believed thinks puts put
    assured assures reassured promises urges urging advised advises""".split()
)
# Two-word speech verbs whose second word is a particle: "X has ruled out Y".
SPEECH_PHRASES = (
    "ruled out",
    "rules out",
    "rule out",
    "ruling out",
    "went further",
    "went on",
    "goes further",
)
# Verbs that report words only with an object or "that": "X told reporters that ...".
OBJECT_VERBS = frozenset(
    "tell tells told telling remind reminds reminded describe describes described".split()
)
# What may stand between a subject and its speech verb: "has also said", "hurried to stress".
VERB_LEAD = frozenset(
    """has have had also meanwhile later then again previously repeatedly publicly privately separately
    further already once has've would will had just recently hurried rushed went quick moved sought
    to could can cannot not no longer n't did does do should may might must yet""".split()
)
# Words that end a subject when reading leftwards from its verb.
SUBJECT_STOP = frozenset(
    """that which who whom whose where when while as although though because since after before if
    unless but and or so yet than then whether said says told even also""".split()
)

# ---------------------------------------------------------------------------
# People, roles and organisations
# ---------------------------------------------------------------------------

# Role nouns: a descriptor holding one ("the chancellor", "NATO's chief") names a
# person with that role. Matching folds each to its head word.
ROLE_WORDS = frozenset(
    """spokesperson spokesman spokeswoman chancellor president minister secretary secretarygeneral
    chief executive director chair chairman chairwoman chairperson councillor cllr mayor governor
    head leader premier commissioner ambassador official officer analyst gp doctor editor
    representative manager""".split()
)
# Role nouns that only say "the one at the top": any head-of-organisation role fits them.
HEAD_WORDS = frozenset("chief head leader boss".split())
SPOKES_WORDS = frozenset({"spokesperson", "spokesman", "spokeswoman"})
# Capitalised words that start sentences but never names.
STARTERS = frozenset(
    """on in at after before when while as but and if although though the a an this that these those
    there it its his her their our we he she they speaking addressing answering asked according during
    by for from with without since until under over not no some many most several meanwhile however
    also earlier later last next yesterday today tonight tomorrow sending putting figures should could any
    would will may might can must what why how who where which""".split()
)
# Day and month names: capitalised, never names.
CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Honorifics that say a person's gender, which pronoun resolution then respects.
GENDER_TITLES = {
    "mr": "m", "mrs": "f", "ms": "f", "miss": "f", "sir": "m", "dame": "f", "lord": "m", "lady": "f",
}  # fmt: skip
# "who speaks for X" and friends: a relative clause that gives a role.
RELATIVE_ROLES = {
    "speaks for": "spokesperson", "speaks on behalf of": "spokesperson", "chairs": "chair", "heads": "head",
    "leads": "leader", "runs": "head", "represents": "representative", "directs": "director",
}  # fmt: skip
# Nationality adjectives in titles ("French President") and the country they name.
DEMONYMS = {
    "french": "France", "german": "Germany", "polish": "Poland", "russian": "Russia",
    "ukrainian": "Ukraine", "british": "United Kingdom", "american": "United States", "us": "United States",
    "czech": "Czech Republic", "slovak": "Slovakia", "italian": "Italy", "spanish": "Spain",
    "swedish": "Sweden", "finnish": "Finland", "dutch": "Netherlands", "belgian": "Belgium",
    "irish": "Ireland", "hungarian": "Hungary", "chinese": "China", "japanese": "Japan", "indian": "India",
    "canadian": "Canada", "turkish": "Turkey", "greek": "Greece", "portuguese": "Portugal",
    "austrian": "Austria", "danish": "Denmark", "norwegian": "Norway", "israeli": "Israel",
    "palestinian": "Palestine", "iranian": "Iran",
}  # fmt: skip
# Plural or collective speakers that are no one person: kept as named ("Hauliers").
GROUP_NOUNS = frozenset(
    """police officers organisers organizers hauliers campaigners analysts residents workers staff
    leaders officials doctors nurses teachers protesters marchers shopkeepers traders unions critics
    experts economists scientists observers diplomats sources lawyers prosecutors investigators
    forwarders crews lines members families patients parents""".split()
)
# Local services a reader places in the story's town: "Police" in an Ostermouth story
# are the Ostermouth police.
LOCAL_SERVICES = frozenset(
    {"police", "harbour master's office", "harbour master\u2019s office", "coastguard"}
)
# Group nouns that mean another listed group: "Officers" after "Police" are the police.
GROUP_ALIASES = {"officers": "police"}
# Events whose organisers are named after them: "Organisers" of a march are "March organisers".
ORGANISER_WORDS = frozenset({"organisers", "organizers"})

# Words that make a capitalised run an organisation, beyond ``speaker_names.ORG_WORDS``.
ORG_EXTRA = frozenset(
    """athletic library kitchen fc united rovers pharmaceuticals foods systems technologies labs
    laboratories partners capital executive shipping logistics consultancy gas power rail railways
    telecom utilities""".split()
)
# Common nouns that mean "the organisation that ...": "the company" is the article's company, "the club"
# its club. Each lists the words that mark an organisation name as one of that kind.
COMPANY_HEADS = {
    "company": (
        "chemicals",
        "holdings",
        "ltd",
        "plc",
        "inc",
        "group",
        "company",
        "motors",
        "energy",
        "industries",
        "systems",
        "technologies",
        "airlines",
        "airways",
        "foods",
        "pharmaceuticals",
        "corporation",
        "water",
        "gas",
        "power",
        "utilities",
    ),
    "firm": ("holdings", "ltd", "plc", "inc", "group", "company", "partners", "consultancy", "llp"),
    "operator": ("ltd", "plc", "group", "company", "operator", "airlines", "rail", "railways"),
    "employer": ("ltd", "plc", "group", "company", "chemicals", "holdings"),
    "club": ("athletic", "fc", "united", "rovers", "club", "wanderers", "albion", "town"),
    "group": ("group", "holdings"),
    "hospital": ("hospital", "infirmary"),
}
# Collective speakers that stand for an organisation of a kind: "regulators" are its agency.
GROUP_ORGS = {
    "regulators": ("agency", "authority", "regulator", "commission", "inspectorate"),
    "regulator": ("agency", "authority", "regulator", "commission", "inspectorate"),
    "inspectors": ("executive", "inspectorate", "agency"),
    # "Campaigners say ...": the campaign the article names ("Skellay Ferry Action Group", "Save X campaign").
    "campaigners": ("campaign", "action", "coalition", "alliance"),
}
# Words that make a capitalised run a place rather than a person ("Dunmarra Town Hall").
PLACE_WORDS = frozenset(
    """hall street road square avenue lane bridge park station airport palace terminal quay quays dock
    docks harbour harbor river sea ocean bay coast island islands mountain mountains valley town city moor
    drive crescent terrace parade embankment
    village county region province state district centre center gate gates hill hills""".split()
)
# Prepositions after which an untitled capitalised run is a place.
PLACE_PREPOSITIONS = frozenset("in at near outside inside through across into around".split())

# ---------------------------------------------------------------------------
# Events and what happens to them
# ---------------------------------------------------------------------------

# Nouns for things that happen, folded to one name: a strike and a walkout are one event.
EVENT_NOUNS = {
    "strike": "strike", "walkout": "strike", "stoppage": "strike", "march": "march", "rally": "rally",
    "protest": "protest", "demonstration": "protest", "meeting": "meeting", "conference": "conference",
    "summit": "summit", "talks": "talks", "visit": "visit", "election": "election", "vote": "vote",
    "referendum": "referendum", "consultation": "consultation", "review": "review", "report": "report",
    "invasion": "invasion", "war": "war", "attack": "attack", "ceremony": "ceremony", "hearing": "hearing",
    "trial": "trial", "festival": "festival", "match": "match", "launch": "launch", "event": "event",
}  # fmt: skip
# Verbs (and phrases) of an event's course, folded to a class used in proposition keys.
EVENT_VERBS = {
    "began": "began", "begun": "began", "begins": "began", "started": "began", "starts": "began",
    "ended": "ended", "ends": "ended", "finished": "ended", "came to an end": "ended",
    "was called off": "cancelled", "was cancelled": "cancelled", "was canceled": "cancelled",
    "was postponed": "postponed", "was held": "took place", "were held": "took place",
    "took place": "took place", "takes place": "took place", "is held": "took place", "opened": "opened",
    "closed": "closed", "was published": "was published", "published": "was published",
    "was released": "was published", "invaded": "took place", "marched": "took place",
    "march": "took place", "meet": "took place", "met": "took place", "voted": "took place",
}  # fmt: skip
# Verbs that turn into their event noun when the event has no other name ("marched" -> march).
VERB_EVENTS = {
    "marched": "march",
    "march": "march",
    "invaded": "invasion",
    "meet": "meeting",
    "met": "meeting",
    "voted": "vote",
}
# Predicates of agreement: "the participants agreed", "there was consensus". A report that
# there was or was not agreement is an account of an event, not a stance.
AGREEMENT_WORDS = frozenset(
    {"agreed", "agree", "agrees", "consensus", "agreement", "unanimous", "unanimously"}
)

# ---------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip
ORDINAL_WORDS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10,
}  # fmt: skip
SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9}
CURRENCY_SYMBOLS = {"€": "EUR", "£": "GBP", "$": "USD"}
CURRENCY_WORDS = {
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "dollar": "USD",
    "dollars": "USD",
}
# Words that may stand between a number and what it counts: "three permanent consultants".
UNIT_SKIP = frozenset(
    """more additional extra new permanent medical full-time part-time other further ukrainian russian
    local senior junior emergency combat foreign""".split()
)
# Words that never count as a number's unit.
NOT_UNITS = frozenset(
    """of to in on at by for and or the a an per from with than that which who as is are was were be been
    more less""".split()
)

# ---------------------------------------------------------------------------
# Grouping
# ---------------------------------------------------------------------------

# Function words left out of a proposition's bag of words.
STOPWORDS = frozenset(
    """a an the and or but if then than that this these those there here it its it's they them their we our
    us i me my you your he him his she her hers of to in on at by for from with without into onto over under
    about as is are was were be been being am do does did doing done have has had having will would shall
    should can could may might must not no nor n't never also too very so such just only even still yet
    now then already again ever what which who whom whose when where why how all any some each every both
    either neither one ones other another more most less least much many few own same s said says say told
    tell according matter question issue idea step plan plans planning planned whether because while
    although though after before since until during per via mr ms mrs dr""".split()
)
# Words folded to one concept, so paraphrases share a feature: "lose" and "at risk" are
# both a loss, "agreed" and "consensus" both an agreement.
CONCEPTS = {
    "lose": "loss", "lost": "loss", "losing": "loss", "loses": "loss", "risk": "loss", "cut": "loss",
    "cuts": "loss", "axed": "loss", "redundancies": "loss", "jobs": "job", "agreed": "agree",
    "agreement": "agree", "consensus": "agree", "agrees": "agree", "closing": "close", "closure": "close",
    "closed": "close", "closes": "close", "sending": "send", "sent": "send", "sends": "send",
    "deploy": "send", "deploying": "send", "deployment": "send", "putting": "send", "put": "send",
    "going": "send", "intervention": "send", "troops": "troop", "soldiers": "troop", "soldier": "troop",
    "contingents": "troop", "intervene": "intervene", "intervening": "intervene", "step": "intervene",
    "took": "attend", "joined": "attend", "attended": "attend", "part": "attend", "ukrainian": "ukraine",
    "money": "fund", "penny": "fund", "contribution": "fund", "funding": "fund", "funds": "fund",
    "cash": "fund", "grant": "fund", "subsidy": "fund",
}  # fmt: skip
