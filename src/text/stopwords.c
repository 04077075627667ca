/*
 * stopwords.c - small stop word lists per language (function words only:
 * articles, pronouns, prepositions, conjunctions, auxiliaries), plus the
 * Chinese and Japanese function words that ICU's dictionaries give as
 * words of their own. Lists are written with their diacritics and folded
 * once, at first use, into one table keyed by language and folded word.
 */
#include "text/analyze.h"
#include "text/intern.h"
#include "text/text.h"

#include "core/buf.h"

#include <pthread.h>
#include <string.h>

static const char *const stop_en[] = {
	"a", "about", "above", "after", "again", "against", "all", "also", "am", "among", "an",
	"and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
	"between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
	"during", "each", "etc", "few", "for", "from", "further", "had", "has", "have", "having",
	"he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is", "it",
	"its", "itself", "just", "may", "me", "might", "more", "most", "must", "my", "no", "nor",
	"not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out",
	"over", "own", "per", "same", "shall", "she", "should", "so", "some", "such", "than",
	"that", "the", "their", "theirs", "them", "then", "there", "these", "they", "this",
	"those", "through", "to", "too", "under", "until", "up", "upon", "us", "very", "via",
	"was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why",
	"will", "with", "within", "would", "you", "your", "yours", NULL};

static const char *const stop_fr[] = {
	"à", "afin", "ainsi", "au", "aussi", "aux", "avec", "avoir", "ce", "ceci", "cela",
	"celle", "celles", "celui", "ces", "cet", "cette", "ceux", "chez", "comme", "dans", "de",
	"des", "dont", "du", "elle", "elles", "en", "entre", "est", "et", "été", "être", "eux",
	"fait", "il", "ils", "je", "la", "le", "les", "leur", "leurs", "lui", "ma", "mais", "me",
	"même", "mes", "moi", "mon", "ne", "nos", "notre", "nous", "on", "ont", "ou", "où", "par",
	"pas", "plus", "pour", "qu", "que", "qui", "sa", "sans", "se", "ses", "son", "sont",
	"sous", "sur", "ta", "te", "tes", "toi", "ton", "tous", "tout", "toute", "toutes", "très",
	"tu", "un", "une", "vers", "vos", "votre", "vous", NULL};

static const char *const stop_de[] = {
	"aber", "alle", "allem", "allen", "aller", "alles", "als", "also", "am", "an", "auch",
	"auf", "aus", "bei", "bin", "bis", "bzw", "da", "dabei", "dadurch", "daher", "damit",
	"das", "dass", "dem", "den", "der", "des", "dessen", "die", "dies", "diese", "diesem",
	"diesen", "dieser", "dieses", "doch", "dort", "du", "durch", "ein", "eine", "einem",
	"einen", "einer", "eines", "er", "es", "für", "hat", "haben", "hier", "ich", "ihr",
	"ihre", "ihren", "im", "in", "ist", "jede", "jedem", "jeden", "jeder", "jedes", "kann",
	"können", "mit", "muss", "nach", "nicht", "noch", "nur", "oder", "ohne", "sein", "seine",
	"sich", "sie", "sind", "so", "sowie", "sowohl", "über", "um", "und", "uns", "unser",
	"unsere", "unter", "vom", "von", "vor", "war", "was", "wenn", "werden", "wie", "wir",
	"wird", "wo", "zu", "zum", "zur", "zwischen", NULL};

static const char *const stop_pt[] = {
	"a", "à", "ao", "aos", "após", "as", "até", "como", "da", "das", "de", "dela", "dele",
	"do", "dos", "e", "é", "ela", "elas", "ele", "eles", "em", "entre", "era", "essa",
	"esse", "esta", "está", "estas", "este", "estes", "eu", "foi", "há", "isso", "isto",
	"já", "lhe", "mais", "mas", "me", "mesmo", "meu", "minha", "muito", "na", "nas", "nem",
	"no", "nos", "nossa", "nosso", "num", "numa", "o", "os", "ou", "para", "pela", "pelas",
	"pelo", "pelos", "por", "qual", "quando", "que", "quem", "são", "se", "sem", "ser", "seu",
	"seus", "só", "sobre", "sua", "suas", "também", "te", "tem", "ter", "um", "uma", "umas",
	"uns", "você", NULL};

static const char *const stop_es[] = {
	"a", "al", "algo", "ante", "antes", "así", "como", "con", "contra", "cual", "cuando",
	"de", "del", "desde", "donde", "durante", "e", "el", "él", "ella", "ellas", "ellos",
	"en", "entre", "era", "es", "esa", "esas", "ese", "eso", "esos", "esta", "está", "estas",
	"este", "esto", "estos", "fue", "ha", "hay", "la", "las", "le", "les", "lo", "los",
	"más", "me", "mi", "mis", "muy", "ni", "no", "nos", "nosotros", "o", "otra", "otro",
	"para", "pero", "poco", "por", "porque", "que", "quien", "se", "sea", "ser", "si", "sí",
	"sin", "sobre", "son", "su", "sus", "también", "te", "tiene", "todo", "todos", "tu", "un",
	"una", "unas", "uno", "unos", "y", "ya", NULL};

static const char *const stop_it[] = {
	"a", "ad", "agli", "ai", "al", "all", "alla", "alle", "anche", "ancora", "che", "chi",
	"ci", "coi", "col", "come", "con", "cui", "da", "dagli", "dai", "dal", "dall", "dalla",
	"dalle", "degli", "dei", "del", "dell", "della", "delle", "dello", "di", "dove", "e",
	"è", "ed", "essere", "fra", "gli", "ha", "hanno", "il", "in", "io", "la", "le", "lei",
	"li", "lo", "loro", "lui", "ma", "mi", "ne", "negli", "nei", "nel", "nell", "nella",
	"nelle", "noi", "non", "o", "per", "perché", "più", "poi", "quale", "quando", "quella",
	"quelle", "quello", "questa", "queste", "questo", "se", "si", "sia", "sono", "stato",
	"su", "sua", "sue", "sul", "sull", "sulla", "suo", "suoi", "tra", "tutti", "tutto", "un",
	"una", "uno", "vi", NULL};

static const char *const stop_fi[] = {
	"ei", "en", "eri", "että", "he", "hän", "ja", "jo", "joka", "jonka", "jossa", "jota",
	"jotka", "kaikki", "kanssa", "kuin", "kun", "me", "mikä", "mitkä", "minä", "mukaan",
	"mutta", "myös", "ne", "niin", "nyt", "nämä", "ole", "olemme", "oli", "olla", "on",
	"ovat", "se", "sekä", "sen", "siinä", "siitä", "sille", "sinä", "sitä", "tai", "te",
	"tämä", "tämän", "tätä", "vain", "vielä", NULL};

static const char *const stop_nl[] = {
	"aan", "al", "alles", "als", "bij", "dan", "dat", "de", "deze", "die", "dit", "door",
	"een", "en", "er", "had", "heb", "hebben", "het", "hier", "hij", "hoe", "hun", "ik", "in",
	"is", "je", "kan", "maar", "me", "meer", "met", "mij", "mijn", "na", "naar", "niet",
	"nog", "nu", "of", "om", "onder", "ons", "onze", "ook", "op", "over", "te", "tot", "uit",
	"van", "veel", "voor", "was", "wat", "we", "wel", "wie", "wij", "worden", "wordt", "zal",
	"ze", "zich", "zij", "zijn", "zo", "zou", NULL};

static const char *const stop_sv[] = {
	"alla", "allt", "att", "av", "de", "dem", "den", "denna", "deras", "dess", "det",
	"detta", "din", "du", "efter", "eller", "en", "ett", "för", "från", "har", "hon", "hur",
	"i", "inom", "jag", "kan", "man", "med", "mellan", "men", "mot", "ni", "nu", "och", "om",
	"oss", "på", "samt", "sig", "sin", "sina", "som", "till", "under", "upp", "ut", "utan",
	"vad", "var", "vara", "vi", "vid", "är", "även", NULL};

static const char *const stop_da[] = {
	"af", "alle", "at", "blev", "da", "de", "dem", "den", "denne", "der", "deres", "det",
	"dette", "du", "efter", "eller", "en", "er", "et", "for", "fra", "han", "hans", "har",
	"her", "hvad", "hvis", "hvor", "i", "ikke", "jeg", "kan", "med", "meget", "mellem",
	"men", "mod", "og", "om", "op", "os", "over", "på", "samt", "sig", "sin", "skal", "som",
	"til", "ud", "under", "var", "ved", "vi", "vil", "være", NULL};

static const char *const stop_nb[] = {
	"alle", "at", "av", "de", "den", "denne", "der", "deres", "det", "dette", "du", "eller",
	"en", "er", "et", "for", "fra", "han", "har", "hun", "hva", "hvis", "hvor", "i", "ikke",
	"jeg", "kan", "med", "meg", "men", "mot", "når", "noe", "og", "om", "opp", "oss", "på",
	"samt", "seg", "sin", "som", "til", "under", "var", "ved", "vi", "vil", "være", NULL};

static const char *const stop_pl[] = {
	"a", "aby", "ale", "bo", "by", "być", "czy", "dla", "do", "i", "ich", "jak", "jako",
	"jest", "już", "która", "które", "których", "który", "lub", "na", "nad", "nie", "o",
	"od", "oraz", "po", "pod", "przez", "są", "się", "ta", "tak", "także", "te", "tego",
	"tej", "ten", "to", "w", "we", "z", "za", "ze", NULL};

static const char *const stop_ru[] = {
	"а", "без", "более", "бы", "был", "была", "были", "было", "быть", "в", "во", "вы",
	"для", "до", "его", "ее", "её", "если", "есть", "же", "за", "и", "из", "или", "их",
	"к", "как", "который", "ли", "между", "мы", "на", "над", "не", "нет", "но", "о", "об",
	"он", "она", "они", "от", "по", "под", "при", "с", "со", "так", "также", "то", "только",
	"у", "что", "чтобы", "это", "этот", NULL};

static const char *const stop_el[] = {
	"ένα", "αλλά", "από", "για", "δεν", "είναι", "επίσης", "η", "ή", "θα", "και", "κι",
	"με", "μη", "μια", "να", "ο", "οι", "πως", "που", "σε", "στα", "στη", "στην", "στις",
	"στο", "στον", "στους", "τα", "την", "της", "τις", "το", "τον", "του", "τους", "των",
	"ως", NULL};

/* Function words of Chinese and Japanese (every text), Korean particles. */
static const char *const stop_cjk[] = {
	"的", "了", "和", "与", "及", "或", "在", "是", "为", "等", "对", "将", "把", "被", "也",
	"而", "其", "之", "以", "于", "从", "向", "到", "由", "并", "且", "我们", "我", "你", "他",
	"她", "它", "这", "那", "这些", "那些", "有", "个", "该", "各", "以及", "及其", "通过",
	"の", "に", "は", "を", "が", "と", "で", "も", "へ", "や", "から", "まで", "より", "する",
	"します", "し", "ます", "です", "ある", "いる", "こと", "もの", "これ", "それ", "など",
	"な", "た", "て", "いた", "れる", "られる", "した", "さ", "という", "および", "また",
	"은", "는", "이", "가", "을", "를", "의", "에", "와", "과", "도", NULL};

static const char *const *const stop_lists[TEXT_LANG_COUNT] = {
	[TEXT_LANG_UNKNOWN] = stop_cjk,
	[TEXT_LANG_EN] = stop_en,
	[TEXT_LANG_FR] = stop_fr,
	[TEXT_LANG_DE] = stop_de,
	[TEXT_LANG_PT] = stop_pt,
	[TEXT_LANG_ES] = stop_es,
	[TEXT_LANG_IT] = stop_it,
	[TEXT_LANG_FI] = stop_fi,
	[TEXT_LANG_NL] = stop_nl,
	[TEXT_LANG_SV] = stop_sv,
	[TEXT_LANG_DA] = stop_da,
	[TEXT_LANG_NB] = stop_nb,
	[TEXT_LANG_PL] = stop_pl,
	[TEXT_LANG_RU] = stop_ru,
	[TEXT_LANG_EL] = stop_el,
};

static pthread_once_t stop_once = PTHREAD_ONCE_INIT;
static struct text_intern stop_table;

/* Adds lang's byte and the folded word w to the table. */
static void stop_add(int lang, const char *w)
{
	struct buf b;

	buf_init(&b, 256);
	if (buf_append(&b, &(char){(char)('A' + lang)}, 1) == 0 &&
	    text_fold(w, strlen(w), &b) == 0)
		text_intern_add(&stop_table, b.data, b.len, NULL);
	buf_release(&b);
}

static void stop_build(void)
{
	text_intern_init(&stop_table);
	for (int l = 0; l < TEXT_LANG_COUNT; l++) {
		const char *const *list = stop_lists[l];

		for (size_t i = 0; list && list[i]; i++)
			stop_add(l, list[i]);
	}
}

/* Looks up lang's byte + w. */
static int stop_has(int lang, const char *w, size_t len)
{
	char key[TEXT_TOKEN_MAX + 2];

	if (len > TEXT_TOKEN_MAX)
		return 0;
	key[0] = (char)('A' + lang);
	memcpy(key + 1, w, len);
	return text_intern_find(&stop_table, key, len + 1) >= 0;
}

int text_is_stop_word(enum text_lang lang, const char *w, size_t len)
{
	if (pthread_once(&stop_once, stop_build) != 0)
		return 0;
	if ((int)lang < 0 || lang >= TEXT_LANG_COUNT)
		lang = TEXT_LANG_UNKNOWN;
	return stop_has(TEXT_LANG_UNKNOWN, w, len) ||
	       (lang != TEXT_LANG_UNKNOWN && stop_has(lang, w, len));
}
