"""Closed word lists that the extraction rules read context with (all lower case)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised at a sentence start, these are not part of a name.
FUNCTION_WORDS = _words(
    "a an the and or but nor so yet for of in on at to from by with without into onto upon "
    "as than then that this these those there here where when while whereas since after "
    "before during until unless although though because if whether about above across "
    "against along among amid amidst around behind below beneath beside besides between "
    "beyond despite down inside near outside over through throughout toward towards under "
    "underneath via within he she it we they i you his her its our their my your him them "
    "who whom whose which what why how all any both each every few many more most much no "
    "none not only other some such one two three four five six seven eight nine ten also "
    "meanwhile moreover however furthermore nevertheless still thus hence therefore "
    "according earlier later today yesterday tomorrow now recently elsewhere separately "
    "is are was were be been being has have had do does did will would shall should may "
    "might must can could let just even once again already among per sources source "
    "local locals residents activists reports report witnesses monitors officials several "
    "dozens hundreds thousands scores tens last next first second third "
    "mr mrs ms dr gen lt col maj sgt capt president minister general colonel "
    "spokesman spokeswoman commander chief leader secretary prime king prince emir "
    "mayor governor ambassador envoy deputy director head representative said says"
)
MONTHS_AND_DAYS = _words(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
    "friday saturday sunday mon tue tues wed thu thur thurs fri sat sun ramadan eid"
)
# "Eastern Homs", "Rural Aleppo": words that may stand before a place name in one name.
DIRECTIONS = _words(
    "east west north south eastern western northern southern northeast northwest southeast "
    "southwest northeastern northwestern southeastern southwestern central rural greater "
    "upper lower middle occupied besieged liberated downtown old"
)
# "Aleppo Province", "Hama Military Airport": capitalised words that may follow a place name.
PLACE_SUFFIXES = _words(
    "province governorate city countryside airport university dam river valley basin plain "
    "road highway bridge hospital prison base airbase air mountains mountain desert lake camp "
    "crossing border region area gate square council media center centre governor police "
    "military international central old citadel heights hills front operations district "
    "subdistrict municipality suburbs suburb outskirts countryside's countryside’s port "
    "refinery stadium market station industrial zone sector district's town village "
    "villages towns"
)
# Nouns that, before "of", introduce place names: "the village of X", "the towns of X and Y".
PLACE_NOUNS_BEFORE = _words(
    "village villages town towns city cities hamlet hamlets township townships area region "
    "countryside province governorate outskirts suburb suburbs camp camps direction "
    "municipality localities locality"
)
# Nouns that, after a name, make it a place: "al-Jafrah and al-Jneineh villages".
PLACE_NOUNS_AFTER = _words(
    "village villages town towns city camp countryside province governorate municipality "
    "hamlet township subdistrict"
)
# After a name, these make it something other than a place of the archive ("al-Thardah area"
# is a locality, "Al Jafra crossing" a facility).
NOT_PLACE_AFTER = _words(
    "area areas region neighbourhood neighborhood neighbourhoods neighborhoods district "
    "districts quarter street streets road square roundabout roundabouts crossing bridge base "
    "airbase airport hospital school mosque checkpoint field company group brigade battalion "
    "front hill hills mountain factory station prison market gate junction highway axis "
    "farms farm plant stadium university club building compound hotel palace cemetery "
    "movement party forces army division regiment corps force operation offensive battle "
    "tribe clan family militia"
)
# Before "of", these make the listed names parts of a city, not places of the archive.
SUB_CITY_BEFORE = _words(
    "neighbourhood neighbourhoods neighborhood neighborhoods quarter quarters district "
    "districts street streets"
)
# Prepositions that place a name: "in X", "near X", "between X and Y".
LOCATIVES = _words(
    "in at near around outside towards toward into via from to between inside across through "
    "reach reached entered"
)
# First words of Arabic place names, for names that no gazetteer has.
TOPONYM_HEADS = _words(
    "jub jeb jib tal tel tell tall deir dayr kafr kfar kafer kefr ain ein ayn khirbet khirbat "
    "kherbet jabal jebel jabel jbel wadi bir beit bayt ras qasr jisr khan mazraat mazraa maarat "
    "maarrat maaret marat umm um nahr bab qalaat qalat marj hosh hawsh dahiyat madinat sahl "
    "tall jubb hazm hamam hammam shaykh sheikh east west north south rif reef housh hush "
    "jamiat jamiyat jamiyet mazraet mazraet khirbat kherbet karm qaryat"
)
ARTICLE_WORDS = _words("al el ad ar as ash at az an ed er es et ez en")
# Ordinary words written with a capital in titles, names of bodies and headlines.
NOT_NAME_WORDS = _words(
    "army forces force front council committee agency ministry party movement group "
    "coalition observatory university hospital school street road square mosque company "
    "news tv media office center centre department organization organisation union "
    "nations court house brigade brigades battalion division regiment corps revolution "
    "revolutionary islamic islamist state republic democratic national liberation "
    "operation shield storm international human rights network foundation institute "
    "police security defence defense intelligence general assembly conference talks "
    "summit process agreement accord resolution report statement unit units martyrs "
    "terrorists terrorist militants rebels opposition regime government authorities "
    "airstrikes strikes killed dead injured wounded civilians children women video photo "
    "photos image images read also tags share follow comment comments copyright related "
    "mosques church churches christians muslims kurds arabs shiites sunnis alawites castle "
    "hill hills park hall tower bridge base airport airbase citadel palace stadium museum "
    "factory prison station gate roundabout junction highway plant field"
)
# "X said", "X has accepted": verbs that make a country or capital act as a government.
GOVERNMENT_VERBS = _words(
    "said says say announced announces accused accuses accuse denied denies deny rejected "
    "rejects reject warned warns warn condemned condemns condemn agreed agrees agree refused "
    "refuses refuse insisted insists claimed claims claim responded responds stated states "
    "demanded demands demand called calls urged urges welcomed welcomes vowed vows threatened "
    "threatens declared declares confirmed confirms blamed blames supports supported support "
    "backed backs sent sends deployed deploys launched launches struck strikes bombed bombs "
    "attacked attacks shelled shells targeted targets accept accepts accepted intervened "
    "intervenes wants wanted seeks sought considers considered believes believed hopes hoped "
    "fears feared opposes opposed proposed proposes delivered delivers supplied supplies "
    "provided provides armed arms trained trains helped helps signed signs vetoed vetoes "
    "veto withdrew withdraws pulled recognized recognised expelled imposed imposes "
    "sanctioned retaliated downed carried conducted began begins started continued continues "
    "plans planned intends intended reiterated reiterates stressed stresses emphasized "
    "emphasised asserted asserts maintained pledged pledges promised promises offered offers "
    "allowed allows closed closes opened opens asked asks requested requests invited invites "
    "hosted hosts received receives handed notified informed told tells admitted admits "
    "acknowledged acknowledges ordered orders approved approves decided decides wants "
    "responded replied replies reported reports summoned summons protested protests "
    "dismissed dismisses criticized criticised criticizes criticises seeking considering "
    "planning trying preparing pushing pressing calling urging demanding backing supporting "
    "insisting refusing threatening warning sending deploying arming training helping "
    "negotiating"
)
# Words that may stand between a subject and its verb: "Russia has also said".
AUXILIARIES = _words(
    "has have had will would could should may might must is are was were did does do also "
    "already reportedly now recently then officially publicly repeatedly strongly allegedly "
    "previously not never further itself itself, too again formally firmly earlier later"
)
# "army of Damascus", "offensive of Damascus": nouns after which "of <capital>" is a government.
GOVERNMENT_NOUNS = _words(
    "army armies offensive offensives forces troops allies ally government regime position "
    "positions stance policy policies support intervention demands demand request approval "
    "decision soldiers militias airforce aircraft warplanes jets representative "
    "representatives envoy delegation ambassador president officials authorities leadership "
    "interests strategy plan plans response initiative consent permission pressure campaign "
    "goals aims objectives agenda ambitions involvement role intentions "
    "operation operations behalf side friends enemies enemy opponents rule control"
)
# "reconciliation with Damascus": nouns before "with <capital>" that make it a government.
RELATION_NOUNS = _words(
    "reconciliation talks relations ties agreement deal negotiations negotiate negotiating "
    "cooperation cooperate coordination coordinate dialogue contact contacts alliance allied "
    "war conflict confrontation truce ceasefire settlement cooperating coordinating dealing "
    "deals meeting meetings rapprochement normalisation normalization agreements understanding"
)
# "Damascus' countryside" is a place; "Damascus' support" is the government.
GEOGRAPHIC_NOUNS = _words(
    "countryside suburbs suburb outskirts airport streets street neighbourhoods "
    "neighborhoods old center centre residents people districts district skyline university "
    "city province southern northern eastern western south north east west heart edge "
    "gates outskirt markets market hospitals schools international population inhabitants"
)
# "Britain-based", "US-backed": a place name joined to these is an adjective.
ADJECTIVE_SUFFIXES = _words(
    "based backed led controlled held linked allied born bound sponsored supported "
    "affiliated run centred centered funded armed trained aligned oriented friendly "
    "allied dominated brokered made"
)
PREPOSITIONS = LOCATIVES | _words("of for on with about over under after before against by")
# "protests from Damascus", "air raids from Damascus": nouns before "from <capital>" that make it
# a government.
SOURCE_NOUNS = _words(
    "protest protests support pressure raid raids strike strikes airstrikes airstrike order "
    "orders response condemnation criticism approval permission warning warnings threat "
    "threats demand demands request requests reaction backing instructions message messages "
    "signal signals reply delegation envoy envoys officials diplomats objections objection "
    "consent green light assurances guarantees bombardment bombing"
)
# "told Tehran", "urged Damascus": verbs whose object, a capital, is a government.
ADDRESS_VERBS = _words(
    "told tell tells telling urged urge urges urging warned warning accused accusing asked "
    "asking informed notified pressed pressing pressured pressuring blamed blaming criticized "
    "criticised criticizing criticising condemned condemning thanked reassured assured "
    "lobbied persuaded convinced contacted sanctioned supported supporting backed backing "
    "recognised recognized invited inviting ordered reminded called calling require requires "
    "required requiring forced forcing compelled"
)
# "Damascus and its allies": after "<capital> and its", these make it a government.
ALLY_NOUNS = _words(
    "allies ally backers backer partners partner patrons patron army forces troops militias "
    "government officials supporters proxies"
)
# "TV station al-Mayadeen", "Al-Watan newspaper": a name next to these is a media outlet.
MEDIA_NOUNS = _words(
    "tv television channel station broadcaster newspaper daily weekly paper website outlet "
    "magazine radio network"
)
# Arabic words that end a place name ("Qasr al-Hayr al-Sharqi"): never the start of another.
NAME_ENDINGS = _words(
    "sharqi sharqiya sharqiyah gharbi gharbiya gharbiyah shamali shamaliya janubi janubiya "
    "kabir kabira kebir saghir saghira sghir fawqani fouqani tahtani wusta jadid jadida qadim "
    "qadima qadeem qadeema balad kubra sughra kabireh kbireh saghireh sghireh kubrah"
)
# "no US strikes": words before a noun phrase.
QUANTIFIERS = _words(
    "no any more further new fresh recent possible several many some few previous past"
)
