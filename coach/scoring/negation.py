"""Dismissed concepts: what a candidate rejects or defers does not earn an item.

"We won't need a circuit breaker", "I'd skip the DLQ", "no tracing at this
scale", "without retries", "if I had more time I'd look at rate limiting",
"lo de la caché lo dejo para más adelante", "no hace falta DLQ", "sin
reintentos", "descartamos el outbox": the words after (or, for a trailing cue,
before) the cue are dismissed, and no rule may use them.

Scope is the clause: it stops at a comma, semicolon, colon, parenthesis, dash
and at words that start another clause ("but", "pero", "because", "porque",
"gracias a", "so", "if", "si"...), so a negation that governs something else
leaves the concept alone: "no message is lost because of the DLQ", "nunca
perdemos mensajes gracias a la DLQ". "Without X we would ..." (a conditional:
what X prevents) is an argument for X, not a rejection of it. A deferral
("if I had more time", "si tuviera más tiempo") covers the rest of the sentence.

A concept floated and then rejected does not tick either: a closed rejection
right after a contrast word ("Podríamos usar un circuit breaker, pero no lo veo
necesario", "I was going to cache X, but actually, let's not", "... pero hoy
no") dismisses what came before it in the sentence, while a rejection with its
own object or a bound keeps it ("pero no para los 4xx", "but I don't think we
need FIFO"). So do a future need left hypothetical ("si algún día hiciera
falta", "if we ever need it"), a need question answered no ("Do we need a
circuit breaker? Probably not"), and a tool's limitation stated ("SQS standard
doesn't guarantee it").

Words in another sense are void too: a technical verb whose object is a
person, a meeting or a process ("partition the team into squads", "retry the
deploy manually", "throttle the number of meetings", "trace back in the retro",
"reintentamos la reunión", "lo escalamos al manager", "timeout de 15 minutos
en las dailies") does not earn the concept. The object (one of NON_TECHNICAL)
voids itself and the few words before it in its clause.

Bare "no" is a determiner ("no tracing") only in an English clause; in a
Spanish one it negates a verb, and only verbs of using or needing dismiss
("no usamos caché", "no necesitamos DLQ"), not "no perdemos mensajes".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

_I = re.IGNORECASE
# clause breaks: punctuation, and words that open another clause
_CLAUSE_RE = re.compile(
    r"[,;:()\[\]¿?¡!→⇒]|\s[-–—]\s|->|=>|\.(?:\s|$)"
    r"|\b(?:but|pero|sino|because|porque|since|ya\s+que|gracias\s+a|thanks\s+to|due\s+to|so|"
    r"as[ií]\s+que|por\s+lo\s+que|if|si|when|cuando|unless|salvo|until|hasta\s+que|while|mientras|"
    r"and\s+then|y\s+luego|instead|en\s+cambio|rather|which|that|que|then|luego|whereas|though|aunque)\b",
    _I,
)
# "no more than 3 retries", "no later than", "no solo": bounds and emphasis, not dismissals
_NOT_DISMISSAL_AFTER_NO = re.compile(
    r"\s+(?:more|less|fewer|later|sooner|matter|longer|doubt|m[aá]s|menos|s[oó]lo|solo|"
    r"only|exception|excepci[oó]n|funcional(?:es)?|bloqueante|relacional|one|single|"
    r"data\s+loss|message|messages|duplicate|duplicates|lost|loss|state|estado)\b",
    _I,
)
# "without blocking", "sin perder", "sin estado" (stateless), "without downtime": what a design
# achieves, not a part it refuses
_NOT_DISMISSAL_AFTER_WITHOUT = re.compile(
    r"\s+(?:\w+ing|\w+[aei]r(?:l[oa]s?)?|state|estado|downtime|ca[ií]das?|bloqueos?|duplicad[oa]s|"
    r"duplicates|p[eé]rdidas?|loss|losing|interrup\w*|esperas?|waiting)\b",
    _I,
)
SCOPE_WORDS = 4  # a cue governs the next few words: "we won't need a circuit breaker"
_CONDITIONAL_RE = re.compile(
    r"\b(?:would|could|might|we'?d|it'?d|they'?d|there'?d|ser[ií]a|habr[ií]a|\w+r[ií]a(?:mos|n)?)\b", _I
)
# English verbs of using, needing, adding after a negation
_USE_EN = (
    r"(?:really\s+|even\s+|actually\s+|necessarily\s+)?(?:need|use|add|have|bother|implement|build|want|"
    r"worry|care|introduce|include|require|go\s+with|bring\s+in|set\s+up|deploy|run)"
)
# Spanish verbs of using, needing, adding after "no" (folded forms included)
_USE_ES = (
    r"(?:(?:lo|la|los|las|le|les|nos|me)\s+)?(?:necesit\w*|hace\s+falta|har[ií]a\s+falta|us(?:o|amos|ar|ar[ií]a\w*|aremos)|"
    r"a[ñn]ad\w*|pon(?:go|emos|dr[ií]a\w*|er)|mete\w*|meter[ií]a\w*|implement\w*|vamos\s+a|voy\s+a|"
    r"ver[ií]a\s+necesari\w*|veo\s+necesari\w*|es\s+necesari\w*|ser[ií]a\s+necesari\w*|"
    r"merece\s+la\s+pena|vale\s+la\s+pena|tiene\s+sentido|nos\s+preocupa|me\s+preocupa|"
    r"preocupa\w*|hay|habr[aá]|habr[ií]a|montamos|montar[ií]a\w*)"
)
# the words between a cue and what it dismisses: "I don't need to think about X", "no need to spend
# time on X", "I wouldn't bother with X" (so the few words of scope reach X)
_ABOUT_EN = (
    r"(?:\s+(?:to\s+)?(?:think|worry|care|talk|bother)\s+(?:much\s+|too\s+much\s+)?(?:about|with)"
    r"|\s+(?:to\s+)?spend\s+(?:\w+\s+)?time\s+(?:on|with)|\s+with|\s+about)?"
)
# cues whose scope runs forward to the end of the clause
_FORWARD_RE = re.compile(
    r"\b(?:(?:(?:won'?t|will\s+not|wouldn'?t|would\s+not|don'?t|do\s+not|doesn'?t|does\s+not|didn'?t|"
    r"shouldn'?t|needn'?t|not|never|not\s+going\s+to|no\s+plan\s+to)\s+" + _USE_EN + r"|"
    r"(?:don'?t|do\s+not)\s+(?:think|believe)\s+(?:we|I|you|they)\s+(?:really\s+)?(?:need|have)(?:\s+to)?|"
    r"no\s+need\s+(?:for|to)|no\s+real\s+need\s+for)" + _ABOUT_EN + r"|"
    r"no\s+creo\s+que\s+(?:(?:nos\s+)?haga\s+falta|necesit\w*|sea\s+necesari\w*|merezca\s+la\s+pena)|"
    r"(?:no|nunca)\s+" + _USE_ES + r"\s+(?:pensar\s+en|preocupar(?:nos|me)\s+(?:por|de)|dedicar\s+tiempo\s+a|"
    r"perder\s+tiempo\s+(?:en|con)|complicar(?:nos|me)\s+con|meter(?:nos|me)\s+en)|"
    r"(?:nos|me)\s+ahorr\w+|ahorrarnos|ahorrarme|"
    r"without|skip|skipping|skipped|drop|dropping|defer|deferring|postpone|park|"
    r"punt\s+on|leave\s+out|rule\s+out|ruled\s+out|"
    r"sin|ni|tampoco|nada\s+de|descart\w*|prescind\w*|"
    r"decided\s+against|decide\s+against|decidimos\s+no\s+(?:usar|poner|meter|a[ñn]adir)|"
    r"dejamos\s+fuera|dejar[ií]a\w*\s+fuera|(?:no|nunca)\s+" + _USE_ES + r")\b",
    _I,
)
# a negated technique verb dismisses the technique itself: "No reintentamos la consulta a Redis",
# "we never retry", unless what follows bounds it ("we don't retry forever", "no reintentamos más de 3 veces")
_VERB_RE = re.compile(
    r"\b(?:(?:don'?t|do\s+not|never|won'?t|will\s+not|wouldn'?t|would\s+not)\s+(?=(?:retry|re-try|cache|encrypt|validate|"
    r"shard|partition|trace)\b)|"
    r"(?:no|nunca)\s+(?:(?:lo|la|los|las|le|les)\s+)?(?=(?:reintent\w*|cacheamos|cachear\w*|ciframos|cifrar\w*|"
    r"validamos|validar\w*|particionamos|shardeamos)\b))",
    _I,
)
_BOUNDED_RE = re.compile(
    r"\b(?:forever|indefinitely|endlessly|blindly|immediately|more\s+than|beyond|4\d\d|4xx|permanent|client|"
    r"indefinidamente|para\s+siempre|infinit\w*|a\s+ciegas|m[aá]s\s+de|inmediatamente|de\s+inmediato|"
    r"enseguida|permanentes?|cliente|sin\s+(?:backoff|l[ií]mite)|without\s+backoff)\b",
    _I,
)
# "no" as a determiner (English clauses): "no tracing at this scale"
_NO_RE = re.compile(r"\bno\b", _I)
# cues whose scope runs back to the start of the clause
_TRAILING_RE = re.compile(
    r"(?:\b(?:is|are|isn'?t|aren'?t|'s|seems?)?\s*(?:not\s+needed|not\s+necessary|not\s+required|"
    r"unnecessary|overkill|out\s+of\s+scope|not\s+worth\s+it|can\s+wait|could\s+wait)\b|"
    r"\b(?:isn'?t|aren'?t|is\s+not|are\s+not|wouldn'?t\s+be|won'?t\s+be|shouldn'?t\s+be)\s+(?:really\s+)?"
    r"(?:needed|necessary|required|worth\s+(?:it|\w+ing)|a\s+priority|"
    r"(?:(?:my|our|a|an|much\s+of\s+an?|any|the)\s+)?(?:big\s+|real\s+|main\s+)?(?:concern|problem|issue|worry|priority))\b|"
    r"\bno\s+(?:nos|me|les)\s+preocupa\w*|"
    r"\bno\s+(?:es|son|ser[ií]a|ser[ií]an|va\s+a\s+ser|van\s+a\s+ser)\s+(?:(?:un|una|mi|nuestra|nuestro)\s+)?"
    r"(?:gran\s+)?(?:problema|prioridad|preocupaci[oó]n)\b|"
    r"\b(?:can|could|will|'ll|would)\s+(?:deal\s+with|look\s+at|worry\s+about|think\s+about)"
    r"(?:\s+\S+){0,6}?\s+later\b|"
    r"\bpuede(?:n)?\s+esperar\b|\b(?:es|son|ser[ií]a|ser[ií]an)\s+(?:un\s+)?"
    r"(?:excesiv[oa]s?|overkill|innecesari[oa]s?)\b|"
    r"\b(?:for|till|until)\s+later\b|\bnot\s+(?:for\s+)?now\b|"
    r"\b(?:(?:lo|la|los|las)\s+)?(?:dejo|dejamos|dejar[ií]a\w*|dejaremos|dejar)\s+para\s+"
    r"(?:m[aá]s\s+adelante|despu[eé]s|luego|otro\s+momento|otra\s+fase|una\s+fase\s+posterior|la\s+v2)\b|"
    r"\b(?:(?:lo|la|los|las)\s+)?(?:hablamos|vemos|veremos|hablaremos|vemos)\s+(?:despu[eé]s|luego|m[aá]s\s+adelante)\b|"
    r"\bno\s+(?:nos\s+|me\s+)?hace\s+falta\b|\bno\s+(?:es|son|ser[ií]a|ser[ií]an)\s+necesari\w*|"
    r"\b(?:short[- ]circuit|skip|park|defer|postpone|punt\s+on)(?:\s+(?:it|that|this|them))?\s+"
    r"(?:for\s+now|for\s+later|until\s+later)\b|"
    r"\bfuera\s+de(?:l)?\s+alcance\b|\bqueda\s+fuera\b|\b(?:por\s+ahora|de\s+momento)\s+no\b|"
    # "Particionar no tiene sentido", "las pruebas de carga no creo que hagan falta", "rate limiting no
    # lo veo necesario", "el tracing lo dejaría fuera", "partitioning I don't think we need"
    r"\bno\s+(?:tiene|tendr[ií]a)\s+(?:mucho\s+)?sentido\b|"
    r"\bno\s+creo\s+que\s+(?:(?:me|nos)\s+)?(?:hagan?\s+falta|sean?\s+necesari\w*|merezcan?\s+la\s+pena)|"
    r"\bno\s+(?:lo|la|los|las)\s+veo\s+(?:necesari\w*|imprescindible\w*|como\s+(?:un\s+)?problema)|"
    r"\b(?:lo|la|los|las)\s+(?:dejo|dejamos|dejar[ií]a\w*|dejaremos)\s+fuera\b|"
    r"\b(?:I|we)\s+(?:don'?t|do\s+not)\s+think\s+we\s+(?:really\s+)?need(?:\s+(?:it|them|that|one))?"
    r"(?=\s+(?:with|at|for|here|now|yet|today)\b|\s*[.,;:]|\s*$))",
    _I,
)
_SELF_VOIDING_RE = re.compile(r"concern|problem|issue|worry|priorit|preocup|later", _I)
# a deferral: the rest of the sentence is what the candidate would do with more time
_DEFERRAL_RE = re.compile(
    r"\b(?:if\s+I\s+had\s+(?:more\s+)?time|with\s+more\s+time|given\s+more\s+time|if\s+time\s+permits|"
    r"si\s+tuviera\s+(?:m[aá]s\s+)?tiempo|si\s+tuvi[eé]ramos\s+(?:m[aá]s\s+)?tiempo|con\s+m[aá]s\s+tiempo|"
    r"si\s+da\s+tiempo|si\s+me\s+sobra(?:ra)?\s+tiempo)\b",
    _I,
)
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# "X, pero no lo veo necesario", "X, but actually, let's not": a rejection right after a contrast word
# governs what came before it in the sentence. Only a closed rejection (nothing, or a qualifier,
# after it): "pero no para los 4xx", "but not for validation errors", "but I don't think we need
# FIFO" (its own object) keep the concept before the contrast.
_CONTRAST_RE = re.compile(r"\b(?:pero|but|though|although|aunque|sin\s+embargo|however)\b", _I)
_REJECTION_RE = re.compile(
    r"(?:(?:actually|honestly|really|in\s+practice|then\s+again|for\s+now|probably|today|hoy|ahora|"
    r"de\s+momento|por\s+ahora|ahora\s+mismo|en\s+realidad|la\s+verdad|realmente|sinceramente|en\s+la\s+pr[aá]ctica)"
    r"[\s,]+)*"
    r"(?:let'?s\s+not|no\s*$|not\s*$|nah\b|not\s+(?:now|yet|today|for\s+now|at\s+first|needed|necessary|worth\s+it|really)\b|"
    # "but not at this scale", "pero no con este volumen", "pero todavía no"
    r"not\s+(?:at|with|for)\s+(?:this|our|that|the\s+current|today'?s)\s+(?:scale|volume|size|stage|load|traffic)\b|"
    r"no\s+(?:a|con|para)\s+(?:este|esta|nuestro|nuestra)\s+(?:escala|volumen|tama[ñn]o|carga|tr[aá]fico|fase)\b|"
    r"(?:todav[ií]a|a[uú]n)\s+no\b|no\s+(?:por\s+ahora|de\s+momento|todav[ií]a|a[uú]n|en\s+la\s+v1|para\s+la\s+v1)\b|"
    r"(?:I|we)\s+(?:don'?t|do\s+not|won'?t|wouldn'?t|will\s+not|would\s+not)\s+(?:really\s+)?"
    r"(?:need|bother|do|add|use|build|want|think\s+(?:we\s+need|it'?s\s+needed|so))(?:\s+(?:it|them|that|one|this))?\b|"
    r"(?:it'?s|that'?s|it\s+is|that\s+is|it\s+would\s+be|it'?d\s+be)\s+(?:not\s+needed|overkill|unnecessary|not\s+necessary)\b|"
    r"(?:I'?ll|we'?ll|let'?s|I'?d|we'?d)\s+(?:skip|leave|drop)\s+(?:it|them|that)\b|"
    r"no\s+(?:(?:lo|la|los|las|le|les|me|nos)\s+)?(?:veo|creo|hace|har[ií]a|merece|vale|tiene|es|ser[ií]a|"
    r"pondr[ií]a\w*|usar[ií]a\w*|meter[ií]a\w*|a[ñn]adir[ií]a\w*|necesit\w*|pongo|ponemos|usamos|uso|"
    r"voy|vamos|hay|har[ií]amos|montar[ií]a\w*)\b(?:\s+(?:necesari\w*|falta|la\s+pena|sentido|que\s+\w+(?:\s+falta)?|a\s+\w+))?|"
    r"(?:voy\s+a|vamos\s+a)\s+asumir\s+que\s+no(?:\s+(?:es|son|sea|sean|hace|hacen)\s+\w+)?\b|asumo\s+que\s+no\b|"
    r"(?:con\s+(?:\w+\s+){1,3})?basta\b|no\s*(?=[.;:,]))",
    _I,
)
_ALTERNATIVE_RE = re.compile(
    r"(?:para\s+empezar|de\s+momento|por\s+ahora|al\s+principio|for\s+now|to\s+start(?:\s+with)?|initially|at\s+first)"
    r"[\s,]+(?:(?:lo|la)\s+)?(?:har[ií]a\w*|ir[ií]a\w*|empezar[ií]a\w*|me\s+quedar[ií]a|nos\s+quedar[ií]amos|"
    r"we'?d|I'?d|I\s+would|we\s+would|let'?s|we'?ll|I'?ll)\b",
    _I,
)
# what may follow a closed rejection: a qualifier, not a new object
_QUALIFIER = _words(
    "hoy ahora todavía todavia yet now here aquí aqui today y and porque because since ya this esto that"
)
# "no lo veo necesario con este volumen", "not needed for now": a prepositional rest qualifies only
# when it speaks of time or scale ("but it's not needed for templates" has its own object)
_PREPOSITION = _words("con with at para for en in a al de on")
_SCALE_OR_TIME = _words(
    "now ahora yet todavía todavia today hoy start empezar principio mvp v1 volume volumen scale escala "
    "traffic tráfico trafico moment momento case caso phase fase day día dia first primera primer one "
    "una un single solo sola instance instancia instancias "
    "load carga size tamaño this esto"
)
_STRONG_BREAK_RE = re.compile(r"[;:()\[\]¿?¡!]|\s[-–—]\s|\.(?:\s|$)")
# a hypothetical future with no commitment: "si algún día hiciera falta", "if we ever need it"
_HYPOTHETICAL_RE = re.compile(
    r"\b(?:si\s+(?:alg[uú]n\s+d[ií]a|en\s+(?:el|un)\s+futuro|m[aá]s\s+adelante)\s+(?:nos\s+|me\s+)?"
    r"(?:hiciera|hace|hiciese)\s+falta|si\s+(?:alg[uú]n\s+d[ií]a|en\s+(?:el|un)\s+futuro)\s+(?:lo\s+|la\s+)?"
    r"(?:necesit\w*|fuera\s+necesari\w*)|si\s+(?:nos\s+)?hiciera\s+falta\s+(?:en\s+(?:el|un)\s+futuro|alg[uú]n\s+d[ií]a)|"
    r"if\s+(?:we|I|you)\s+ever\s+(?:need|want)|if\s+(?:it'?s|it\s+is|it\s+becomes|that\s+becomes)\s+ever\s+(?:needed|necessary)|"
    r"if\s+(?:it|that)\s+ever\s+becomes\s+(?:needed|necessary|a\s+problem)|if\s+one\s+day\s+(?:we|I)\s+need)\b",
    _I,
)
# "Ordering — SQS standard doesn't guarantee it", "el orden, SQS no lo garantiza": a limitation of a
# tool stated, not a design choice; the pronoun reaches back to the topic at the sentence start
_LIMITATION_RE = re.compile(
    r"\b(?:doesn'?t|does\s+not|don'?t|do\s+not|can'?t|cannot|won'?t|will\s+not)\s+guarantee\s+"
    r"(?:it|that|them|this|ordering|order|the\s+order)\b|"
    r"\bno\s+(?:lo|la|los|las)\s+garantizan?\b|\bno\s+garantizan?\s+(?:el\s+)?orden\b",
    _I,
)
# "Do we need a circuit breaker? Probably not": a question answered no
_NEED_QUESTION_RE = re.compile(
    r"^\W*(?:do|does|should|would)\s+(?:we|I|you|it)\s+(?:really\s+)?(?:need|want|bother|add|use)|"
    r"^\W*¿?\s*(?:necesitamos|necesito|hace\s+falta|har[ií]a\s+falta|merece\s+la\s+pena|vale\s+la\s+pena|"
    r"tiene\s+sentido|ponemos|pondr[ií]amos|usamos|usar[ií]amos)\b",
    _I,
)
_ANSWER_NO_RE = re.compile(r"\W*(?:probably\s+|probablemente\s+|honestly\s+|sinceramente\s+)?(?:no|not|nope|nah)\b", _I)


def _contrast_ranges(text: str, s_start: int, s_end: int) -> list[tuple[int, int]]:
    """The words before a contrast word that a closed rejection after it dismisses."""
    ranges: list[tuple[int, int]] = []
    for contrast in _CONTRAST_RE.finditer(text, s_start, s_end):
        stop = _STRONG_BREAK_RE.search(text, contrast.end(), s_end)
        tail_end = stop.start() if stop else s_end
        tail = text[contrast.end() : tail_end].strip(" ,")
        before = [b.end() for b in _STRONG_BREAK_RE.finditer(text, s_start, contrast.start())]
        b_start = max(before, default=s_start)
        rejection = _REJECTION_RE.match(tail)
        if rejection is None:
            # "se podría meter una cola, aunque para empezar lo haría todo síncrono": the option
            # floated in the conditional gives way to what the candidate would do now
            if _ALTERNATIVE_RE.match(tail) and _CONDITIONAL_RE.search(text, b_start, contrast.start()):
                ranges.append((b_start, contrast.start()))
            continue
        rest = [word.lower() for word in _WORD_RE.findall(tail, rejection.end())]
        if rest and rest[0] not in _QUALIFIER and not (
            rest[0] in _PREPOSITION and not _SCALE_OR_TIME.isdisjoint(rest[1:5])
        ):
            continue
        ranges.append((b_start, contrast.start()))
    return ranges


_ES_WORDS = _words(
    "el la los las de del que y en para con por una unos es son lo nos al se muy pero ya si "
    "esta está hay como cada cuando porque más mas también"
)
_EN_WORDS = _words("the of and to we is for with it at this that are be on our i if when")
_WORD_RE = re.compile(r"[^\W_]+")


def _spanish(clause: str, sentence: str) -> bool:
    """Spanish by function words: the clause's, then the sentence's on a tie."""
    for text in (clause, sentence):
        words = [w.lower() for w in _WORD_RE.findall(text)]
        balance = sum(w in _ES_WORDS for w in words) - sum(w in _EN_WORDS for w in words)
        if balance:
            return balance > 0
    return False


def _scope_end(text: str, start: int, end: int) -> int:
    """The end of the SCOPE_WORDS words after `start` (at most `end`)."""
    for count, match in enumerate(_WORD_RE.finditer(text, start, end), start=1):
        if count == SCOPE_WORDS:
            return match.end()
    return end


# Words without which no cue can occur: sentences without one are skipped (most of a long answer).
_TRIGGERS = _words(
    "no not never won don doesn didn shouldn needn wouldn isn aren without skip skipping skipped "
    "drop dropping defer deferring postpone park punt leave rule ruled sin ni tampoco nada nunca "
    "time tiempo later now needed necessary required unnecessary overkill scope worth wait "
    "dejo dejamos dejaria dejaríamos dejaría dejariamos dejaremos dejar hablamos vemos veremos "
    "hablaremos falta necesario necesaria necesarios necesarias fuera queda descartamos descarto "
    "descartaría descartaria descartar descartado descartada prescindimos prescindiría prescindiria "
    "prescindir against decidimos esperar excesivo excesiva excesivos excesivas innecesario innecesaria "
    "innecesarios innecesarias think believe creo concern problem issue worry priority preocupa "
    "problema prioridad preocupación ahorramos ahorro ahorraríamos ahorrariamos ahorrarnos ahorrarme "
    "let basta asumir asumo sentido nope nah ever someday día dia futuro empezar principio start initially "
    "guarantee garantiza garantizan"
)
_TRIGGERS = _TRIGGERS | {word.capitalize() for word in _TRIGGERS} | {word.upper() for word in _TRIGGERS}


# Objects that are people, meetings or the team's process, never the system: a technical verb
# acting on one is in another sense. Folded, lower-case; the word itself is void too.
NON_TECHNICAL = _words(
    "team teams equipo equipos squad squads meeting meetings deploy retro retros retrospective retrospectives "
    "hiring hire hires headcount sprint sprints ticket tickets manager managers boss "
    "thoughts discussion discussions standup standups dailies stakeholders interview interviews "
    "reunion reuniones retrospectiva retrospectivas contratacion contrataciones "
    "jefe jefa jefes pensamientos discusion discusiones entrevista entrevistas "
    "mánager reunión discusión contratación engineers devs developers desarrolladores "
    "responsibilities responsabilidades epics épicas epicas"
)
# ("conversation" is left out: a chat design partitions by conversation id.)
# people, and "the deploy", only after "the", "al", "con el": not "secrets manager", "product
# teams", "workers scale horizontally and deploy with Kubernetes"
_AFTER_ARTICLE = _words("manager managers mánager team teams equipo equipos deploy")
_NON_TECHNICAL_ANY_CASE = NON_TECHNICAL | {word.capitalize() for word in NON_TECHNICAL}
_ANY = _TRIGGERS | _NON_TECHNICAL_ANY_CASE
# verbs whose object is rightly a person: alerting and paging (obs.slo_alerts)
_ALERTING = _words(
    "alert alerts alerted alerting page pages paged paging notify notifies notified wake wakes "
    "alertamos alertar alerta alertan avisamos avisar avisa avisan notificamos notificar"
)
OBJECT_WINDOW = 4  # content words before the object that it voids: "throttle the number of meetings"
# skipped when counting the window: determiners, possessives, prepositions
_LIGHT = _words(
    "the a an of in on to by for our their my your its this that these those any all some between "
    "into with up back out de en la las el los al del un una unos unas por para nuestro nuestra "
    "nuestros nuestras su sus mi mis con entre lo le les a"
)
_TOKEN_RE = re.compile(r"[^\W_]+")


def _object_ranges(text: str, s_start: int, s_end: int) -> list[tuple[int, int]]:
    """The non-technical objects of a sentence and the words before them in their clause."""
    words = [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, s_start, s_end)]
    breaks = [m.start() for m in _CLAUSE_RE.finditer(text, s_start, s_end)]
    ranges: list[tuple[int, int]] = []
    for index, (word, start, end) in enumerate(words):
        if word not in _NON_TECHNICAL_ANY_CASE:
            continue
        before = words[index - 1][0] if index else ""
        if before.lower() not in _LIGHT and (before[:1].isupper() or word.lower() in _AFTER_ARTICLE):
            continue  # a name or a tool: "AWS Secrets Manager", "secrets manager"
        clause_start = max((b for b in breaks if b < start), default=s_start)
        first = start
        counted = 0
        for back in range(index - 1, -1, -1):
            previous, p_start, _ = words[back]
            if p_start < clause_start or counted >= OBJECT_WINDOW:
                break
            if previous.lower() in _ALERTING:
                first = start  # "we page the team", "alert the on-call engineers": alerting people is the point
                break
            first = p_start
            if previous.lower() not in _LIGHT:
                counted += 1
        ranges.append((first, end))
    return ranges


def dismissed_ranges(
    text: str,
    sentences: Sequence[tuple[int, int]],
    words: Sequence[str] | None = None,
    word_sentence: Sequence[int] | None = None,
) -> list[tuple[int, int]]:
    """Char ranges whose words the candidate rejects or defers (see the module docstring).

    `words` and `word_sentence` (the text's words as written and the sentence of
    each, when the caller has them) find the sentences worth reading in one pass.
    """
    if words is None or word_sentence is None:
        findall = _WORD_RE.findall
        per_sentence = [findall(text, start, end) for start, end in sentences]
        cues = [i for i, found in enumerate(per_sentence) if not _TRIGGERS.isdisjoint(found)]
        objects = [i for i, found in enumerate(per_sentence) if not _NON_TECHNICAL_ANY_CASE.isdisjoint(found)]
    else:
        hits = [(word, sentence) for word, sentence in zip(words, word_sentence, strict=True) if word in _ANY]
        cues = sorted({sentence for word, sentence in hits if word in _TRIGGERS})
        objects = sorted({sentence for word, sentence in hits if word in _NON_TECHNICAL_ANY_CASE})
    ranges: list[tuple[int, int]] = []
    for index in cues:
        s_start, s_end = sentences[index]
        ranges += _sentence_ranges(text, s_start, s_end)
        ranges += _contrast_ranges(text, s_start, s_end)
        ranges += [(s_start, cue.end()) for cue in _LIMITATION_RE.finditer(text, s_start, s_end)]
        if _HYPOTHETICAL_RE.search(text, s_start, s_end) and _CONDITIONAL_RE.search(text, s_start, s_end):
            ranges.append((s_start, s_end))
        if index and _ANSWER_NO_RE.match(text, s_start, s_end):
            q_start, q_end = sentences[index - 1]
            if text[q_start:q_end].rstrip().endswith("?") and _NEED_QUESTION_RE.search(text[q_start:q_end]):
                ranges.append((q_start, q_end))
    for index in objects:
        ranges += _object_ranges(text, *sentences[index])
    return ranges


def _sentence_ranges(text: str, s_start: int, s_end: int) -> list[tuple[int, int]]:
    forward = list(_FORWARD_RE.finditer(text, s_start, s_end))
    verbs = list(_VERB_RE.finditer(text, s_start, s_end))
    nos = [cue for cue in _NO_RE.finditer(text, s_start, s_end) if not _NOT_DISMISSAL_AFTER_NO.match(text, cue.end())]
    low = text[s_start:s_end].lower()
    trailing = list(_TRAILING_RE.finditer(text, s_start, s_end)) if _may_trail(low) else []
    ranges: list[tuple[int, int]] = []
    if "time" in low or "tiempo" in low:
        ranges += [(cue.end(), s_end) for cue in _DEFERRAL_RE.finditer(text, s_start, s_end)]
    if not (forward or nos or trailing or verbs):
        return ranges
    break_starts: list[int] = []
    resumes: list[int] = []  # where the clause after each break starts
    for match in _CLAUSE_RE.finditer(text, s_start, s_end):
        break_starts.append(match.start())
        # a break word opens the next clause; punctuation belongs to neither
        resumes.append(match.start() if match.group()[0].isalpha() else match.end())

    def clause_of(start: int, end: int) -> tuple[int, int]:
        before = bisect_right(break_starts, start - 1) - 1
        after = bisect_left(break_starts, end)
        c_start = max(s_start, resumes[before]) if before >= 0 else s_start
        c_end = min(s_end, break_starts[after]) if after < len(break_starts) else s_end
        return c_start, max(c_end, end)

    def reason_after(c_end: int, verb: str) -> list[tuple[int, int]]:
        """'No reintentamos X: un reintento añadiría latencia': the hypothetical that justifies the rejection.

        Only a clause about the same technique ("reintent"), so "we won't retry: the DLQ would keep
        them" keeps the DLQ.
        """
        after = bisect_left(break_starts, c_end)
        if after >= len(break_starts) or break_starts[after] != c_end:
            return []
        r_start = resumes[after]
        r_end = break_starts[after + 1] if after + 1 < len(break_starts) else s_end
        same = verb[:5].lower() in text[r_start:r_end].lower()
        return [(r_start, r_end)] if same and _CONDITIONAL_RE.search(text, r_start, r_end) else []

    for cue in forward:
        c_start, c_end = clause_of(cue.start(), cue.end())
        word = cue.group().split()[0].lower()
        if word in ("without", "sin") and (
            _CONDITIONAL_RE.search(text, c_start, c_end) or _NOT_DISMISSAL_AFTER_WITHOUT.match(text, cue.end())
        ):
            continue  # "without a DLQ we would lose messages": an argument for it
        ranges.append((cue.end(), _list_end(text, _scope_end(text, cue.end(), c_end), c_end, s_end)))
    for cue in verbs:
        c_start, c_end = clause_of(cue.start(), cue.end())
        if not _BOUNDED_RE.search(text, cue.end(), c_end):
            ranges.append((cue.end(), _scope_end(text, cue.end(), c_end)))
            verb = _WORD_RE.search(text, cue.end(), c_end)
            ranges += reason_after(c_end, verb.group() if verb else "")
    for cue in nos:
        c_start, c_end = clause_of(cue.start(), cue.end())
        if _spanish(text[c_start:c_end], text[s_start:s_end]):
            continue  # Spanish "no" negates a verb: only the verbs of _FORWARD_RE dismiss
        ranges.append((cue.end(), _list_end(text, _scope_end(text, cue.end(), c_end), c_end, s_end)))
    for cue in trailing:
        c_start, _ = clause_of(cue.start(), cue.end())
        # "isn't really my concern", "legal can deal with GDPR later": the cue's own words go too;
        # "SMS is out of scope" keeps "out of scope" (stating scope is the point)
        ranges.append((c_start, cue.end() if _SELF_VOIDING_RE.search(cue.group()) else cue.start()))
    return ranges


_OR_WORDS = _words("or nor o u ni")
_LIST_CLOSERS = _OR_WORDS | _words("and y e")
LIST_ITEM_WORDS = 2  # content words of a list item, a short noun phrase: "ordering", "message sizes", "the peak load"
_LIST_BREAK_RE = re.compile(r"[;:()\[\]¿?¡!→⇒]|\s[-–—]\s|->|=>|\.(?:\s|$)")


def _list_end(text: str, end: int, c_end: int, s_end: int) -> int:
    """Stretch a cue's scope over the coordinated list it opens: a negation governs every item.

    "a WAF or input validation" (the words after "or"), and "eventual consistency, ordering,
    or outbox and saga patterns" (comma-separated short items closed by "or"/"and"/"y"/"ni").
    A comma followed by anything but such a list ("no cache, the database is fast enough")
    ends the scope as before.
    """
    words = list(_WORD_RE.finditer(text, end, c_end))
    while words and words[0].group().lower() in _OR_WORDS:  # "X or Y" inside the clause
        end = _scope_end(text, words[0].end(), c_end)
        words = list(_WORD_RE.finditer(text, end, c_end))
    if words or text[c_end : c_end + 1] != ",":
        return end  # the first item does not end at a comma: no list to follow
    stop = _LIST_BREAK_RE.search(text, c_end, s_end)
    limit = stop.start() if stop else s_end
    position = c_end + 1
    items = 0
    while position < limit:
        comma = text.find(",", position, limit)
        segment_end = comma if comma >= 0 else limit
        clause_word = _CLAUSE_RE.search(text, position, segment_end)
        if clause_word:  # "storage that ...": the list ends where another clause starts
            segment_end, comma = clause_word.start(), -1
        segment = [w.lower() for w in _WORD_RE.findall(text, position, segment_end)]
        if not segment:
            return end
        content = [w for w in segment if w not in _LIGHT and w not in _LIST_CLOSERS]
        closer = next((w for w in segment if w in _LIST_CLOSERS), None)
        if closer is not None:  # the last item: "or outbox and saga patterns"
            # ", and ..." straight after the first item usually opens another clause
            listed = items or closer in _OR_WORDS
            return segment_end if listed and len(content) <= 2 * LIST_ITEM_WORDS else end
        if len(content) > LIST_ITEM_WORDS or comma < 0:
            return end
        items += 1
        position = comma + 1
    return end


# a word every trailing cue holds (a cheap test before the regex)
_TRAIL_WORDS = (
    "need", "necess", "requir", "overkill", "scope", "worth", "wait", "later", "now", "priority",
    "dej", "hablam", "vemos", "verem", "hablarem", "falta", "necesari", "alcance", "fuera", "ahora",
    "momento", "esperar", "excesiv", "sentido", "creo", "veo", "think", "innecesari", "overkill", "circuit", "skip", "park", "defer",
    "postpone", "punt", "concern", "problem", "issue", "worry", "priorit", "preocup", "later",
)


def _may_trail(low: str) -> bool:
    return any(word in low for word in _TRAIL_WORDS)


def dismissed_tokens(
    text: str,
    sentences: Sequence[tuple[int, int]],
    spans: Sequence[tuple[int, int]],
    words: Sequence[str] | None = None,
    word_sentence: Sequence[int] | None = None,
) -> tuple[bool, ...]:
    """Per token span: does it start inside a dismissed range? () when nothing is dismissed."""
    ranges = dismissed_ranges(text, sentences, words, word_sentence)
    if not ranges:
        return ()  # nothing dismissed: the matcher skips the check
    starts = [start for start, _ in spans]
    marks = bytearray(len(spans))
    for start, end in ranges:
        first, last = bisect_left(starts, start), bisect_left(starts, end)
        marks[first:last] = b"\x01" * (last - first)
    return tuple(map(bool, marks))
