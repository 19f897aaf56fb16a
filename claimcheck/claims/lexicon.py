"""Word lists for claim extraction: pronouns, honorifics, first names, role and group nouns."""
from __future__ import annotations

LABELS = {"PERSON": "PERSON", "GPE": "GPE", "ORG": "ORG", "LOC": "GPE"}
MALE = {"he", "him", "his", "himself"}
FEMALE = {"she", "her", "hers", "herself"}
PLURAL = {"they", "them", "their", "theirs", "themselves"}
NEUTER = {"it", "its"}
POSSESSIVE = {"his", "her", "their", "its"}
PRONOUNS = MALE | FEMALE | PLURAL | NEUTER
HONORIFIC = {
    "mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "mister": "m",
    "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f", "queen": "f", "princess": "f", "madam": "f",
}
FEMALE_NAMES = set(
    "mary anna anne angela hillary kamala nancy elizabeth margaret theresa ursula christine kristalina "
    "jacinda sanna liz giorgia marine emmanuelle sarah emma olivia sophia maria julia yulia jill "
    "michelle melania nikki condoleezza madeleine golda indira benazir hasina "
    "ruth sonia victoria catherine kate jane alice helen linda susan karen patricia jennifer "
    "sue sally lucy laura rachel rebecca hannah charlotte amelia amy emily jessica samantha natalie "
    "nicola nicole claire clare louise lisa julie joanne jenny joan janet judith judy carol caroline "
    "diana diane dorothy deborah debbie donna barbara betty beth bethany megan molly chloe zoe grace ellie "
    "ella isabel isabella isobel sophie lily lauren kelly kerry katie kathryn kathleen carla "
    "christina cynthia denise eileen elaine eleanor ellen erin eva eve fiona frances gemma gloria hayley "
    "heather holly irene jacqueline jade jasmine joanna josephine joyce julia kirsty leah lesley lindsay "
    "lorraine lydia maggie marie marion martha maureen melissa michaela miriam monica nadia naomi "
    "nina nora olga pamela paula pauline penny priya rose rosie sandra sara serena sharon shirley "
    "stephanie tanya tara teresa tracy valerie vanessa vera wendy yvonne anastasia svetlana tatiana "
    "fatima aisha amina ".split()
)
MALE_NAMES = set(
    "john james robert michael william david richard joseph thomas charles vladimir sergei sergey dmitry "
    "joe donald barack george bill boris emmanuel olaf xi volodymyr recep narendra benjamin rishi keir "
    "justin antony jake lloyd mike mark paul peter jean pierre hans ali mohammed muhammad ahmed yoon "
    "fumio shinzo brad tom tony gordon nick ed hugh ian alan andrew steve stephen chris daniel "
    "clive colin craig dan darren dave derek doug douglas duncan edward eric frank fred gary gavin "
    "geoff geoffrey gerald graham greg harry henry howard jack jamie jason jeff jeremy jim jimmy jonathan "
    "keith kevin kyle larry leon liam luke malcolm martin matt matthew neil nigel oliver patrick "
    "phil philip ralph raymond rob roger ronald ross roy russell ryan scott sean simon stuart "
    "terry tim timothy trevor vincent wayne adam aaron alexander alexei andrei anthony arthur "
    "barry ben benjamin bernard bob brian bruce carl chuck dennis dominic frederick george harold ivan "
    "jake jerry joel josh joshua karl kenneth louis marcus mario nathan nicholas "
    "noah owen pete rafael ricardo rick ronnie rory rupert sebastian stanley ted theo tyler victor walter "
    "william yuri abdul ahmad hassan hussein ibrahim omar khalid mahmoud rahul raj sanjay hiroshi "
    "takeshi".split()
)
TITLES = {"dr", "prof", "professor", "president", "prime", "minister", "rev", "gen", "col", "capt", "sen", "rep", "gov"}
NAME_PREFIXES = set(HONORIFIC) | TITLES
GROUP_HEADS = {"leader", "man", "president", "head", "pair", "two", "both", "statesman", "counterpart"}
COUNTRY_HEADS = {"country", "nation"}
ORG_HEADS = {"company", "firm", "organisation", "organization"}
ROLE_TITLES = {
    "president", "leader", "minister", "chancellor", "king", "queen", "prince", "general", "senator",
    "governor", "secretary", "pope", "chairman", "chairwoman", "chair", "ceo", "mayor", "premier",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "commander", "director", "head", "chief",
}

# ---- neuter "it"/"its": things, not people
CAUSATIVE = {"let", "make", "help", "allow", "enable", "cause", "force", "have", "get"}
IMPERSONAL_VERBS = {"seem", "appear", "rain", "snow", "happen", "matter", "take", "transpire"}
EXTRAPOSED_ADJ = set(
    "clear unclear likely unlikely possible impossible important necessary hard easy difficult true "
    "obvious evident apparent interesting surprising unusual rare common vital essential crucial "
    "good bad better worse best worst nice great right wrong fair unfair enough worth understood known long".split()
)
PLEONASTIC_NOUNS = set(
    "time day night morning evening year week month moment case point shame pity surprise question "
    "matter fact idea mistake honour honor pleasure privilege relief blow".split()
)
PERSON_NOUNS = set(
    "man woman boy girl child kid baby toddler teenager teen son daughter father mother dad mum mom wife "
    "husband brother sister parent grandmother grandfather friend officer player manager coach striker "
    "goalkeeper defender captain star actor actress singer driver pilot doctor nurse teacher student pupil "
    "victim suspect witness man's worker resident owner fan boss chief spokesman spokeswoman spokesperson "
    "official police policeman detective judge lawyer prosecutor soldier politician candidate mp author "
    "writer scientist researcher expert critic astronomer engineer user customer passenger people person "
    "individual someone somebody everyone everybody anyone nobody who".split()
) | ROLE_TITLES
# kinds of vehicle (a freighter may fly or sail): two named ones of a kind in one role are two vehicles
VEHICLE_CLASSES = [
    frozenset("telescope observatory spacecraft satellite probe craft rover lander station instrument capsule".split()),
    frozenset("ship vessel boat ferry liner tanker carrier submarine yacht freighter tug submersible lifeboat "
              "frigate destroyer trawler icebreaker catamaran trimaran dinghy hovercraft".split()),
    frozenset("aircraft plane jet airliner helicopter drone freighter airplane aeroplane glider airship bomber "
              "seaplane floatplane".split()),
    frozenset("car vehicle truck lorry van bus train tram coach locomotive".split()),
    frozenset("rocket launcher booster".split()),
]
# nouns that may name the same kind of thing as a named one ("the observatory" for a telescope)
THING_CLASSES = VEHICLE_CLASSES + [
    frozenset("bridge tunnel building tower stadium arena venue".split()),
    frozenset("club team side".split()),
    frozenset("company firm business group".split()),
    frozenset("bill law legislation act".split()),
    frozenset("report study paper survey".split()),
    frozenset("film movie show series programme program".split()),
    frozenset("drug vaccine treatment medicine".split()),
    frozenset("device phone smartphone gadget".split()),
]
# ---- nouns that re-mention the person an article is about ("the singer", "the 57-year-old")
PROFILE_NOUNS = set(
    "singer performer musician artist actor actress star comedian rapper songwriter composer writer author "
    "poet novelist painter director filmmaker player striker athlete champion veteran politician "
    "businessman businesswoman billionaire tycoon entrepreneur year-old".split()
)
US_STATES = set(
    "alabama alaska arizona arkansas california colorado connecticut delaware florida georgia hawaii idaho "
    "illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota "
    "mississippi missouri montana nebraska nevada ohio oklahoma oregon pennsylvania tennessee texas utah "
    "vermont virginia washington wisconsin wyoming".split()
) | {"new hampshire", "new jersey", "new mexico", "new york", "north carolina", "north dakota", "rhode island",
     "south carolina", "south dakota", "west virginia"}
# last words that make a name a thing or an organisation, whoever it is named after ("James Webb Space Telescope")
NOT_PERSON_HEADS = frozenset(w for c in THING_CLASSES for w in c) | frozenset(
    "agency institute institution university college school academy hospital centre center council committee "
    "foundation trust fund bank company corporation association society museum library airport stadium "
    "prize award party ministry department court".split()
)
