"""Every message a user reads, keyed, with Spanish and English side by side.

One catalog and one lookup, `t(key, lang, **values)`. Keys are `area.name`; the area is
the screen or command that shows the text. Placeholders are `str.format` fields and must
be the same in every language (tests/test_messages.py checks both things). Numbers,
percentages and money are formatted by `coach.formatting` before they are passed in.

Why a Python module and not gettext catalogs: the two languages stay on adjacent lines
for a reviewer, there is no compile step and no .mo file to ship, and the dict loads as
bytecode in well under a millisecond, which keeps `coach --help` and `coach score` fast.
A new language is one more key in every entry (and one more `Lang` in coach/i18n.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from coach.errors import Problem, in_lang
from coach.i18n import Lang

MESSAGES: dict[str, dict[Lang, str]] = {
    # ---------------------------------------------------------------- session: the interview screens (timed prompt, plan, scorecard, history, menu)
    # the countdown (toolbar); states carry a symbol and a word, never colour alone
    "session.left": {"es": "quedan {clock}", "en": "{clock} left"},
    "session.of": {"es": "{elapsed} de {budget}", "en": "{elapsed} of {budget}"},
    "session.target": {"es": "objetivo {span}", "en": "target {span}"},
    "session.early": {"es": "antes de la ventana", "en": "before the window"},
    "session.in_window": {"es": "en la ventana", "en": "in the window"},
    "session.warning": {"es": "queda poco", "en": "almost out"},
    "session.overtime": {"es": "TIEMPO EXTRA +{clock}", "en": "OVERTIME +{clock}"},
    "session.untimed": {"es": "sin cronómetro", "en": "untimed"},
    "session.spoken": {"es": "hablado {clock}", "en": "spoken {clock}"},
    "session.keys": {
        "es": "Esc Enter o Ctrl-D: enviar · Ctrl-Q: preguntar al entrevistador · ? + Ctrl-D: guía · Ctrl-X Ctrl-E: editor · Ctrl-C: guardar y salir",
        "en": "Esc Enter or Ctrl-D: submit · Ctrl-Q: ask the interviewer · ? + Ctrl-D: guidance · Ctrl-X Ctrl-E: editor · Ctrl-C: save and quit",
    },
    # the interviewer answers clarifying questions (Ctrl-Q, coach ask)
    "session.interviewer": {"es": "Entrevistador", "en": "Interviewer"},
    "session.ask_how": {
        "es": "Escribe una pregunta (una línea que acabe en «?» o empiece por «¿») y pulsa Ctrl-Q; el reloj sigue.",
        "en": "Type a question (a line ending in \"?\") and press Ctrl-Q; the clock keeps running.",
    },
    "session.asked": {"es": "Preguntas al entrevistador", "en": "Questions to the interviewer"},
    # speak mode
    "session.speak_start": {
        "es": "Pulsa Enter y empieza a hablar en voz alta; Enter otra vez para parar.",
        "en": "Press Enter and start speaking aloud; Enter again to stop.",
    },
    "session.speak_now": {"es": "Hablando… Enter para parar", "en": "Speaking… Enter to stop"},
    "session.speak_points": {
        "es": "Ahora escribe los puntos clave que dijiste (es lo que se puntúa).",
        "en": "Now type the key points you said (that is what is scored).",
    },
    # screens
    "session.plan": {"es": "Plan", "en": "Plan"},
    "session.step": {"es": "Paso", "en": "Step"},
    "session.time": {"es": "Tiempo", "en": "Time"},
    "session.window": {"es": "ventana {span}", "en": "window {span}"},
    "session.total_time": {"es": "Total: {clock}", "en": "Total: {clock}"},
    "session.mode_practice": {
        "es": "Modo práctica: verás la corrección de cada paso al terminarlo.",
        "en": "Practice mode: you see each step's feedback right after it.",
    },
    "session.mode_mock": {
        "es": "Modo simulacro: ninguna corrección hasta el final, como en una entrevista.",
        "en": "Mock mode: no feedback until the end, as in an interview.",
    },
    "session.mode_name_practice": {"es": "práctica", "en": "practice"},
    "session.mode_name_mock": {"es": "simulacro", "en": "mock"},
    "session.mode_name_drill": {"es": "drill", "en": "drill"},
    "session.mode_drill": {"es": "Drill: un solo paso, con corrección.", "en": "Drill: one step, with feedback."},
    "session.continue": {
        "es": "Enter para seguir (el reloj del siguiente paso aún no corre)",
        "en": "Enter to go on (the next step's clock is not running yet)",
    },
    "session.continue_last": {
        "es": "Enter para ver el resultado",
        "en": "Enter to see the scorecard",
    },
    "session.more": {
        "es": "r + Enter: respuesta de referencia y simulación · Enter: seguir",
        "en": "r + Enter: reference answer and simulation · Enter: go on",
    },
    "session.keys_mock": {
        "es": "Esc Enter o Ctrl-D: enviar · Ctrl-Q: preguntar al entrevistador · Ctrl-X Ctrl-E: editor · Ctrl-C: guardar y salir",
        "en": "Esc Enter or Ctrl-D: submit · Ctrl-Q: ask the interviewer · Ctrl-X Ctrl-E: editor · Ctrl-C: save and quit",
    },
    # a follow-up probe: no guidance and no interviewer to ask (the interviewer is the one asking)
    "session.keys_probe": {
        "es": "Esc Enter o Ctrl-D: enviar · Ctrl-X Ctrl-E: editor · Ctrl-C: guardar y salir",
        "en": "Esc Enter or Ctrl-D: submit · Ctrl-X Ctrl-E: editor · Ctrl-C: save and quit",
    },
    "session.no_guidance": {
        "es": "Simulacro: sin guía, como en una entrevista real. Responde con lo que sepas.",
        "en": "Mock mode: no guidance, as in a real interview. Answer with what you know.",
    },
    "session.probe": {"es": "Repregunta", "en": "Follow-up"},
    "session.probe_intro": {
        "es": "El entrevistador tira del hilo (mismo cronómetro, {clock}):",
        "en": "The interviewer digs deeper (same timer rules, {clock}):",
    },
    "session.probe_end": {
        "es": "Últimos minutos: el entrevistador repregunta ({count}).",
        "en": "Last minutes: the interviewer follows up ({count}).",
    },
    "session.probe_result": {"es": "Tras la repregunta", "en": "After the follow-up"},
    "session.probe_raised": {"es": "sube", "en": "raised"},
    "session.probe_same": {"es": "sin cambio", "en": "unchanged"},
    "session.credit_none": {"es": "nada", "en": "none"},
    "session.credit_mentioned": {"es": "mencionado", "en": "mentioned"},
    "session.credit_decided": {"es": "decidido", "en": "decided"},
    "session.credit_justified": {"es": "justificado", "en": "justified"},
    "session.cue_card": {"es": "Guion", "en": "Cue card"},
    "session.guidance": {"es": "Guía", "en": "Guidance"},
    "session.focus": {"es": "Lo que más se te escapa aquí", "en": "What you miss most here"},
    "session.skip": {"es": "Respuesta vacía. ¿Saltar este paso?", "en": "Empty answer. Skip this step?"},
    "session.skip_no": {"es": "No, seguir respondiendo", "en": "No, keep answering"},
    "session.skip_yes": {"es": "Sí, saltar el paso", "en": "Yes, skip the step"},
    "session.score": {"es": "Puntuación", "en": "Score"},
    "session.covered": {"es": "Cubierto", "en": "Covered"},
    "session.missed": {"es": "Te faltó", "en": "Missed"},
    "session.said_in": {"es": "dicho en {step}", "en": "said in {step}"},
    "session.arithmetic": {"es": "Cuentas", "en": "Arithmetic"},
    "session.timing": {"es": "Tiempo", "en": "Timing"},
    "session.reference": {"es": "Respuesta de referencia", "en": "Reference answer"},
    "session.demo": {"es": "Simulación", "en": "Simulation"},
    "session.scorecard": {"es": "Resultado", "en": "Scorecard"},
    "session.total": {"es": "Total", "en": "Total"},
    "session.level": {"es": "Nivel", "en": "Level"},
    "session.level_next": {"es": "Para subir de nivel", "en": "To reach the next level"},
    "session.pacing": {"es": "Ritmo", "en": "Pacing"},
    "session.vs": {"es": "{elapsed} de {budget}", "en": "{elapsed} vs {budget}"},
    "session.pace_over": {"es": "⚠ +{clock} de más", "en": "⚠ +{clock} over"},
    "session.pace_early": {"es": "◔ corto", "en": "◔ short"},
    "session.pace_short": {"es": "◔ demasiado corto", "en": "◔ too short"},
    "session.pace_ok": {"es": "✓ a tiempo", "en": "✓ on time"},
    "session.design": {"es": "Tu diseño en la simulación", "en": "Your design in the simulation"},
    "session.design_unknown": {
        "es": "No diste bastantes números (QPS, workers, SLO) para simularlo.",
        "en": "Not enough numbers (QPS, workers, SLO) to simulate it.",
    },
    "session.strongest": {"es": "Lo mejor", "en": "Strongest"},
    "session.weakest": {"es": "Lo más flojo", "en": "Weakest"},
    "session.drill_next": {"es": "Qué practicar ahora", "en": "What to drill next"},
    "session.drill_cmd": {"es": "coach drill {step}", "en": "coach drill {step}"},
    "session.saved_at": {"es": "Sesión {sid} guardada.", "en": "Session {sid} saved."},
    "session.interrupted": {
        "es": "Interrumpido. Todo está guardado; continúa con: coach resume {sid}",
        "en": "Interrupted. Everything is saved; continue with: coach resume {sid}",
    },
    "session.export_later": {
        "es": "la sesión está guardada: expórtala con coach export {sid} --out HOJA.md",
        "en": "the session is saved: export it with coach export {sid} --out SHEET.md",
    },
    "session.export_written": {"es": "Hoja exportada en {path}", "en": "Sheet exported to {path}"},
    "session.export_offer": {"es": "¿Guardar la hoja de respuestas (Markdown)?", "en": "Save the answer sheet (Markdown)?"},
    "session.export_path": {"es": "¿Dónde?", "en": "Where?"},
    "session.export_yes": {"es": "Sí, guardarla", "en": "Yes, save it"},
    "session.export_no": {"es": "No", "en": "No"},
    "session.exists_overwrite": {"es": "{path} ya existe. ¿Sobrescribirlo?", "en": "{path} already exists. Overwrite it?"},
    "session.overwrite_yes": {"es": "Sí, sobrescribir", "en": "Yes, overwrite"},
    "session.exists": {
        "es": "{path} ya existe; usa --force para sobrescribirlo",
        "en": "{path} already exists; use --force to overwrite it",
    },
    "session.bad_mode": {
        "es": "--mode: modo desconocido {value!r}; usa practice o mock",
        "en": "--mode: unknown mode {value!r}; use practice or mock",
    },
    "session.speak_no_timer": {
        "es": "--speak cronometra lo que dices: no se puede combinar con --no-timer",
        "en": "--speak times what you say: it cannot be combined with --no-timer",
    },
    "session.other_scenario": {
        "es": "{path}: la hoja es del escenario {sheet!r}, no de {scenario!r}",
        "en": "{path}: the sheet is for scenario {sheet!r}, not {scenario!r}",
    },
    "session.no_folder": {
        "es": "{path}: la carpeta {folder} no existe",
        "en": "{path}: directory {folder} does not exist",
    },
    "session.drill_nothing_yet": {
        "es": "Aún no hay nada que repasar: termina una sesión (coach run) o practica un paso (coach drill 7).",
        "en": "Nothing to review yet: finish a session (coach run) or drill a step (coach drill 7).",
    },
    "session.drill_nothing_due": {
        "es": "Nada pendiente ahora; el próximo repaso es el {when} ({n} puntos en el calendario).",
        "en": "Nothing is due now; the next review is on {when} ({n} items scheduled).",
    },
    "session.drill_due": {"es": "Repaso: {n} puntos pendientes en {scenario}.", "en": "Review: {n} items due in {scenario}."},
    "session.due_week": {"es": "Para repasar esta semana", "en": "Due for review this week"},
    "session.due_now": {"es": "ya", "en": "now"},
    "session.due_none": {"es": "Nada que repasar esta semana.", "en": "Nothing due this week."},
    "session.lapsing": {"es": "Lo que se te sigue escapando", "en": "Items that keep lapsing"},
    "session.lapses_n": {"es": "fallado {lapses} de {reviews}", "en": "missed {lapses} of {reviews}"},
    "session.bad_step": {
        "es": "paso desconocido {step!r}{hint}; los pasos son: {steps}",
        "en": "unknown step {step!r}{hint}; expected one of {steps}",
    },
    "session.not_tty": {
        "es": "no es una terminal interactiva; usa --answers HOJA.md para puntuar una hoja sin preguntas",
        "en": "not an interactive terminal; use --answers SHEET.md to run from a filled sheet",
    },
    "session.resuming": {
        "es": "Retomando la sesión {sid} en el paso {step}.",
        "en": "Resuming session {sid} at step {step}.",
    },
    "session.nothing_to_resume": {
        "es": "no hay ninguna sesión sin terminar (mira `coach history`)",
        "en": "no unfinished session (see `coach history`)",
    },
    # history and stats
    "session.date": {"es": "fecha", "en": "date"},
    "session.id": {"es": "sesión", "en": "session"},
    "session.scenario": {"es": "escenario", "en": "scenario"},
    "session.mode": {"es": "modo", "en": "mode"},
    "session.lang": {"es": "idioma", "en": "lang"},
    "session.duration": {"es": "tiempo", "en": "time"},
    "session.status": {"es": "fin", "en": "done"},
    "session.finished": {"es": "terminada", "en": "finished"},
    "session.active": {"es": "a medias", "en": "unfinished"},
    "session.no_sessions": {
        "es": "Aún no hay sesiones. Elige un escenario con coach scenarios list y empieza con: coach run ID",
        "en": "No sessions yet. Pick a scenario with coach scenarios list, then start with: coach run ID",
    },
    "session.by_scenario": {"es": "Por escenario", "en": "By scenario"},
    "session.mean": {"es": "media", "en": "mean"},
    "session.all_scenarios": {"es": "todos los escenarios", "en": "all scenarios"},
    "session.trends": {"es": "Evolución por paso", "en": "Per-step trend"},
    "session.sessions": {"es": "sesiones", "en": "sessions"},
    "session.last": {"es": "última", "en": "last"},
    "session.best": {"es": "mejor", "en": "best"},
    "session.most_missed": {"es": "Lo que más se te escapa", "en": "Missed most often"},
    "session.missed_n": {"es": "{missed} de {seen}", "en": "{missed} of {seen}"},
    # menu
    "session.menu_scenario": {"es": "Escenario", "en": "Scenario"},
    "session.menu_mode": {"es": "Modo", "en": "Mode"},
    "session.menu_lang": {"es": "Idioma", "en": "Language"},
    "session.menu_timed": {"es": "¿Con cronómetro?", "en": "Timed?"},
    "session.timed_yes": {"es": "Sí, con cuenta atrás y ritmo", "en": "Yes, with countdown and pacing"},
    "session.timed_no": {"es": "No, sin cronómetro", "en": "No, untimed"},
    "session.practice": {"es": "práctica (corrección tras cada paso)", "en": "practice (feedback after each step)"},
    "session.mock": {"es": "simulacro (corrección al final)", "en": "mock (feedback at the end)"},
    "session.answers_in_memory": {
        "es": "Tus respuestas siguen en memoria. Guárdalas como hoja (coach run --answers la lee):",
        "en": "Your answers are still in memory. Save them as a sheet (coach run --answers reads it back):",
    },
    "session.answers_saved": {
        "es": "respuestas guardadas en {path}",
        "en": "answers saved to {path}",
    },
    "session.which_scenario": {
        "es": "¿qué escenario? usa --scenario ID (disponibles: {known})",
        "en": "which scenario? pass --scenario ID (known: {known})",
    },
    # ---------------------------------------------------------------- score: coach score and coach estimate
    "score.title": {"es": "Puntuación de {scenario}", "en": "Score for {scenario}"},
    "score.step": {"es": "paso", "en": "step"},
    "score.score": {"es": "puntuación", "en": "score"},
    "score.items": {"es": "puntos", "en": "items"},
    "score.total": {"es": "Total", "en": "Total"},
    "score.level": {"es": "nivel", "en": "level"},
    "score.level_title": {"es": "Nivel", "en": "Level"},
    "score.level_next": {"es": "para subir de nivel", "en": "to reach the next level"},
    "score.said_in": {"es": "dicho en el paso «{step}»", "en": "said in step “{step}”"},
    "score.hint": {"es": "pista", "en": "hint"},
    "score.arithmetic": {"es": "Cuentas", "en": "Arithmetic"},
    "score.timing": {"es": "Tiempo", "en": "Timing"},
    "score.untimed": {"es": "sin cronometrar", "en": "untimed"},
    "score.in_window": {"es": "dentro de la ventana", "en": "inside the window"},
    "score.early": {"es": "antes de la ventana", "en": "before the window"},
    "score.over": {"es": "pasado de la ventana", "en": "past the window"},
    "score.spoken": {"es": "hablado: ~{clock}", "en": "as spoken: ~{clock}"},
    "score.empty": {"es": "(sin respuesta)", "en": "(no answer)"},
    "score.followups": {"es": "Repreguntas de un entrevistador", "en": "Follow-ups an interviewer would ask"},
    "score.probed": {"es": "tras una repregunta", "en": "after a follow-up"},
    "score.penalty": {
        "es": "cada cifra mal calculada resta un 20 % a la nota del paso",
        "en": "each wrong figure takes 20% off the step score",
    },
    "score.estimate_title": {"es": "Estimaciones rápidas", "en": "Quick estimates"},
    "score.figure": {"es": "cifra", "en": "figure"},
    "score.value": {"es": "valor", "en": "value"},
    "score.formula": {"es": "fórmula", "en": "formula"},
    "score.requests_per_day": {"es": "peticiones al día", "en": "requests per day"},
    "score.requests_per_month": {"es": "peticiones al mes", "en": "requests per month"},
    "score.peak_qps": {"es": "QPS en pico", "en": "peak QPS"},
    "score.bytes_per_day": {"es": "almacenamiento al día", "en": "storage per day"},
    "score.bytes_retained": {"es": "almacenamiento en {days} días de retención", "en": "storage over {days} days of retention"},
    "score.bytes_per_year": {"es": "almacenamiento al año", "en": "storage per year"},
    "score.shards": {"es": "shards/particiones necesarios", "en": "shards/partitions needed"},
    "score.bad_size": {
        "es": "--event-size: no entiendo {value!r}; usa p. ej. 1KB, 512B o 2.5 KB",
        "en": "--event-size: cannot read {value!r}; use e.g. 1KB, 512B or 2.5 KB",
    },
    "score.positive": {"es": "{flag}: debe ser mayor que 0", "en": "{flag}: must be greater than 0"},
    "score.justified": {"es": "justificado", "en": "justified"},
    "score.decided": {"es": "decidido, sin justificar (media nota)", "en": "decided, no reason given (half points)"},
    "score.mentioned": {"es": "solo mencionado", "en": "only mentioned"},
    "score.elsewhere": {"es": "cuenta en el total, no en este paso", "en": "counts in the total, not in this step"},
    "score.why.justified": {
        "es": "decidido, con una razón, una cifra, un mecanismo o un compromiso al lado",
        "en": "decided, with a reason, a figure, a mechanism or a trade-off next to it",
    },
    "score.why.no_reason": {
        "es": "decidido, pero sin razón, cifra ni compromiso al lado: di por qué para la nota entera",
        "en": "decided, but no reason, figure or trade-off next to it: say why for full points",
    },
    "score.why.cue": {"es": "lo descarta «{detail}» ({kind})", "en": "dismissed by “{detail}” ({kind})"},
    "score.why.cue_bare": {"es": "descartado ({kind})", "en": "dismissed ({kind})"},
    "score.why.list": {
        "es": "solo aparece en una lista de nombres, sin decisión ni razón",
        "en": "only in a bare list of names, with no decision or reason",
    },
    "score.why.question": {"es": "solo se pregunta, no se decide", "en": "only asked, never decided"},
    "score.why.figure": {
        "es": "la cifra se desvía más de 2× de la cuenta: {detail}",
        "en": "the figure is off by more than 2×: {detail}",
    },
    "score.why.offtopic": {
        "es": "la respuesta trata de otro sistema: este punto es propio del escenario",
        "en": "the answer is about another system: this item belongs to the scenario",
    },
    "score.reported": {
        "es": "Esta hoja se lee como un documento que cuenta lo que hacen otros o deja cada decisión abierta "
        "(un ensayo, un glosario, un acta, un pliego): solo cuentan tus propias decisiones. Escribe qué eliges "
        "tú para este sistema y por qué («usaría SQS porque…»).",
        "en": "This sheet reads as a document that reports what others do or leaves every decision open (an "
        "essay, a glossary, minutes, a tender): only your own decisions count. Write what you choose for this "
        "system and why (\"I'd use SQS because…\").",
    },
    "score.conversation": {
        "es": "Esta hoja se lee como una conversación entre otros (un chat exportado, una reunión, un pódcast): "
        "ninguna de sus frases es tu respuesta, así que nada cuenta como decidido. Escribe tú qué eliges para "
        "este sistema y por qué.",
        "en": "This sheet reads as a conversation among others (a chat export, a meeting, a podcast): none of "
        "its lines is your answer, so nothing counts as decided. Write what you choose for this system and why.",
    },
    "score.aside": {
        "es": "Esta hoja apenas habla del diseño (una reseña, una carta), cuenta la historia de un sistema (un "
        "brindis, unas memorias) o habla de otra cosa con sus palabras (un menú de platos con nombres del "
        "diseño): menos de una frase de cada cinco nombra algo del sistema, menos de tres de cada diez y en "
        "pasado, o la mayoría de sus palabras no son de diseño de sistemas, así que esas palabras son de paso y "
        "nada cuenta como decidido. Escribe tú qué eliges para este sistema y por qué.",
        "en": "This sheet hardly talks about the design (a review, a letter), tells a system's story (a toast, a "
        "memoir) or talks of something else in its words (a menu whose dishes are named after the design): fewer "
        "than one sentence in five names anything of the system, fewer than three in ten and in the past, or most "
        "of its words are not system design's, so those words are asides and nothing counts as decided. Write what "
        "you choose for this system and why.",
    },
    "score.why.aside": {
        "es": "la hoja apenas habla del diseño, cuenta su historia o habla de otra cosa (una reseña, un brindis, "
        "un menú): sus palabras del sistema son de paso",
        "en": "the sheet hardly talks about the design, tells its story or talks of something else (a review, a "
        "toast, a menu): its words of the system are asides",
    },
    "score.story": {
        "es": "Esta hoja cuenta en pasado buena parte de lo que dice (un brindis, unas memorias, un postmortem): "
        "lo que cuenta en pasado («reintentamos», «la caché era de una semana») no es una decisión de este "
        "diseño; solo cuenta lo que eliges en presente. Escribe qué harías tú en este sistema y por qué.",
        "en": "This sheet tells much of what it says in the past (a toast, a memoir, a postmortem): what it tells "
        "in the past (\"we retried\", \"the cache had a week's TTL\") is no decision of this design; only what "
        "you choose in the present counts. Write what you would do in this system and why.",
    },
    "score.why.story": {
        "es": "la hoja cuenta en pasado buena parte de lo que dice: lo dicho en pasado no decide",
        "en": "the sheet tells much of what it says in the past: what it tells in the past decides nothing",
    },
    "score.why.conversation": {
        "es": "la hoja es una conversación entre otros (un chat, una reunión): ninguna de sus frases decide",
        "en": "the sheet is a conversation among others (a chat, a meeting): none of its lines decides",
    },
    "score.why.report": {
        "es": "la hoja cuenta lo que hacen otros o deja cada decisión abierta (un ensayo, un glosario, un acta): "
        "solo deciden tus propias frases («usaría», «elegimos»)",
        "en": "the sheet reports what others do or leaves every decision open (an essay, a glossary, a decision "
        "log): only your own sentences decide (\"I'd use\", \"we pick\")",
    },
    "score.why.underived": {
        "es": "la cifra aparece, pero no se deriva en las estimaciones (QPS × 86.400, tamaño × QPS × 86.400)",
        "en": "the figure is there, but not derived in the estimates (QPS × 86,400, size × QPS × 86,400)",
    },
    "score.why.preview": {
        "es": "solo aparece en el boceto de la apertura: decídelo en su paso, con su porqué",
        "en": "only in the opening's sketch: decide it in its own step, with its reason",
    },
    "score.why.missing": {"es": "no hay palabras suyas en la respuesta", "en": "no words for it in the answer"},
    "score.why.unsettled": {
        "es": "se nombra, pero no se dice cómo se resuelve: mira la pista",
        "en": "named, but not how it is handled: see the hint",
    },
    "score.kind.rejected": {"es": "rechazo", "en": "rejection"},
    "score.kind.deferred": {"es": "aplazado", "en": "deferral"},
    "score.kind.hypothetical": {"es": "hipótesis", "en": "hypothetical"},
    "score.kind.question": {"es": "pregunta", "en": "question"},
    "score.kind.limitation": {"es": "limitación de una herramienta", "en": "a tool's limitation"},
    "score.kind.other_sense": {"es": "otro sentido de la palabra", "en": "the word in another sense"},
    "score.kind.other": {"es": "negación", "en": "negation"},
    "score.range": {
        "es": "{flag}: {value} está fuera de rango; usa un número finito entre {low:g} y {high:g}",
        "en": "{flag}: {value} is out of range; use a finite number from {low:g} to {high:g}",
    },
    "score.no_scenario": {
        "es": "{path}: la hoja no dice su escenario (primera línea `<!-- coach: scenario=ID lang=es -->`); usa --scenario ID (disponibles: {known})",
        "en": "{path}: the sheet names no scenario (first line `<!-- coach: scenario=ID lang=en -->`); pass --scenario ID (known: {known})",
    },
    # ---------------------------------------------------------------- sim: coach simulate and coach demo
    "sim.title": {"es": "Simulación: {scenario} (semilla {seed})", "en": "Simulation: {scenario} (seed {seed})"},
    "sim.mmc_title": {
        "es": "M/M/c: {scenario}, λ={qps}/s, c={workers}, servicio medio {service} ms (semilla {seed})",
        "en": "M/M/c: {scenario}, λ={qps}/s, c={workers}, mean service {service} ms (seed {seed})",
    },
    "sim.params": {
        "es": "{qps} req/s (pico ×{peak} en el tercio central), {duration} s, canales {channels}, "
        "{workers} workers y {partitions} particiones por canal, proveedor {service} ms ({dist}), "
        "fallos {fail}, timeout {timeout} ms, {retries} reintentos, backoff {backoff} ms, "
        "breaker {breaker}, dedupe {dedupe}",
        "en": "{qps} req/s (peak ×{peak} in the middle third), {duration} s, channels {channels}, "
        "{workers} workers and {partitions} partitions per channel, provider {service} ms ({dist}), "
        "failures {fail}, timeout {timeout} ms, {retries} retries, backoff {backoff} ms, "
        "breaker {breaker}, dedupe {dedupe}",
    },
    "sim.on": {"es": "sí", "en": "on"},
    "sim.outage": {"es": "caída", "en": "outage"},
    "sim.mix": {"es": "mezcla de canales", "en": "channel mix"},
    "sim.expired": {"es": "expirados (descartados sin enviar)", "en": "expired (dropped, never sent)"},
    "sim.receipts": {"es": "rebotados / suprimidos", "en": "bounced / suppressed"},
    "sim.failover": {"es": "llamadas al proveedor secundario", "en": "calls to the secondary provider"},
    "sim.peak_retries": {"es": "pico de reintentos por segundo", "en": "peak retries per second"},
    "sim.held": {"es": "retenidos (horas de silencio), liberados hasta t={end} s",
             "en": "held (quiet hours), released by t={end} s"},
    "sim.dominant": {"es": "Domina: {first} ({share}), después {second}",
                 "en": "Dominant: {first} ({share}), then {second}"},
    "sim.sms_segments": {
        "es": "SMS: {units} caracteres en {encoding} = {segments} segmento(s) por mensaje",
        "en": "SMS: {units} characters in {encoding} = {segments} segment(s) a message",
    },
    "sim.writes": {"es": "{writes} escrituras clave-valor por notificación",
               "en": "{writes} key-value writes per notification"},
    "sim.mean": {"es": "media", "en": "mean"},
    "sim.max": {"es": "máx.", "en": "max"},
    "sim.off": {"es": "no", "en": "off"},
    "sim.metric": {"es": "métrica", "en": "metric"},
    "sim.value": {"es": "valor", "en": "value"},
    "sim.offered": {"es": "peticiones ofrecidas", "en": "requests offered"},
    "sim.accepted": {"es": "aceptadas (202)", "en": "accepted (202)"},
    "sim.replayed": {"es": "repeticiones deduplicadas", "en": "replays deduplicated"},
    "sim.conflicts": {"es": "conflictos (409)", "en": "conflicts (409)"},
    "sim.limited": {"es": "limitadas (429)", "en": "rate limited (429)"},
    "sim.throttled": {"es": "partición saturada (503)", "en": "partition throttled (503)"},
    "sim.lag": {"es": "lag máx. de una partición", "en": "max lag of a partition"},
    "sim.delivered": {"es": "entregas (mensajes por canal)", "en": "deliveries (channel messages)"},
    "sim.throughput": {"es": "throughput", "en": "throughput"},
    "sim.retries": {"es": "reintentos", "en": "retries"},
    "sim.dlq": {"es": "DLQ", "en": "DLQ"},
    "sim.in_flight": {"es": "en vuelo al final", "en": "in flight at the end"},
    "sim.utilization": {"es": "utilización de workers", "en": "worker utilization"},
    "sim.failures": {"es": "fallos (error / timeout / caída)", "en": "failures (error / timeout / outage)"},
    "sim.breaker": {"es": "circuit breaker", "en": "circuit breaker"},
    "sim.breaker_line": {
        "es": "{n} transiciones, {short} llamadas cortocircuitadas, {open} llamadas con el breaker abierto",
        "en": "{n} transitions, {short} calls short-circuited, {open} calls made while open",
    },
    "sim.statuses": {"es": "estados", "en": "statuses"},
    "sim.latency": {"es": "Latencia de entrega (aceptación → enviado)", "en": "Delivery latency (accepted → sent)"},
    "sim.target": {"es": "objetivo", "en": "target"},
    "sim.meets": {"es": "✓ cumple", "en": "✓ meets"},
    "sim.misses": {"es": "✗ no cumple", "en": "✗ misses"},
    "sim.wait": {"es": "espera en cola: media {mean}, p95 {p95}", "en": "queue wait: mean {mean}, p95 {p95}"},
    "sim.histogram": {"es": "Histograma de latencia", "en": "Latency histogram"},
    "sim.queue_chart": {"es": "Profundidad de cola", "en": "Queue depth"},
    "sim.dlq_chart": {"es": "Profundidad de la DLQ", "en": "DLQ depth"},
    "sim.calls_chart": {"es": "Llamadas al proveedor/s", "en": "Provider calls/s"},
    "sim.over_time": {
        "es": "en el tiempo (0 → {end} s, máx. {peak})",
        "en": "over time (0 → {end} s, max {peak})",
    },
    "sim.cost": {"es": "Coste mensual a {qps} req/s", "en": "Monthly cost at {qps} req/s"},
    "sim.cost_line": {
        "es": "{total} al mes · {per_qps} por req/s · {per_gb} por GB · {per_shard} por shard ({shards} shards)",
        "en": "{total} a month · {per_qps} per req/s · {per_gb} per GB · {per_shard} per shard ({shards} shards)",
    },
    "sim.erlang": {"es": "Erlang C (teoría)", "en": "Erlang C (theory)"},
    "sim.measured": {"es": "medido", "en": "measured"},
    "sim.error": {"es": "error", "en": "error"},
    "sim.mean_response": {"es": "respuesta media", "en": "mean response"},
    "sim.p95_response": {"es": "respuesta p95", "en": "p95 response"},
    "sim.mean_wait": {"es": "espera media", "en": "mean wait"},
    "sim.little": {"es": "Ley de Little: L = {l}, λW = {lw} (error {err})",
               "en": "Little's law: L = {l}, λW = {lw} (error {err})"},
    "sim.unstable": {
        "es": "ρ = {rho} ≥ 1: el sistema es inestable, la cola crece sin límite (Erlang C no aplica).",
        "en": "ρ = {rho} ≥ 1: the system is unstable, the queue grows without bound (Erlang C does not apply).",
    },
    "sim.customers": {"es": "{n} clientes, {events} eventos", "en": "{n} customers, {events} events"},
    "sim.no_sim": {
        "es": "el escenario {id!r} no tiene simulación (sección [simulation]); `coach demo {id}` dice qué cifras calcular a mano",
        "en": "scenario {id!r} has no simulation ([simulation] section); `coach demo {id}` lists the figures to compute by hand",
    },
    "sim.check_title": {"es": "Tu diseño, en su pico", "en": "Your design, at its peak"},
    "sim.stated": {"es": "leído de la hoja", "en": "read from the sheet"},
    "sim.sim_measured": {"es": "medido en la simulación", "en": "measured in the simulation"},
    "sim.suggestion": {"es": "Sugerencia", "en": "Suggestion"},
    "sim.figures": {"es": "Cifras", "en": "Figures"},
    "sim.logs": {"es": "Líneas de log (muestreadas)", "en": "Log lines (sampled)"},
    "sim.too_many_requests": {
        "es": "--qps × --duration: {offered} peticiones; como mucho {most}, para no pasar de 1 GB de memoria (benchmarks/sim_pipeline.py hace más)",
        "en": "--qps × --duration: {offered} requests; at most {most}, so memory stays under 1 GB (run benchmarks/sim_pipeline.py for bigger runs)",
    },
    "sim.too_much_load": {
        "es": "--qps × --service-ms: carga ofrecida de {load} erlangs; el modelo M/M/c admite como mucho {most}",
        "en": "--qps × --service-ms: offered load of {load} erlangs; the M/M/c model takes at most {most}",
    },
    "sim.too_many_customers": {
        "es": "--qps × --duration: {customers} clientes; como mucho {most} (benchmarks/sim_mmc_erlang.py ejecuta validaciones más grandes)",
        "en": "--qps × --duration: {customers} customers; at most {most} (benchmarks/sim_mmc_erlang.py runs bigger validations)",
    },
    # ---------------------------------------------------------------- content: coach scenarios and coach frameworks
    "content.id": {"es": "id", "en": "id"},
    "content.title": {"es": "título", "en": "title"},
    "content.framework": {"es": "marco", "en": "framework"},
    "content.simulation": {"es": "simulación", "en": "simulation"},
    "content.scenario": {"es": "escenario", "en": "scenario"},
    "content.with_sim": {"es": "con simulación", "en": "simulation"},
    "content.without_sim": {"es": "sin simulación", "en": "no simulation"},
    "content.yes": {"es": "sí", "en": "yes"},
    "content.no": {"es": "no", "en": "no"},
    "content.brief": {"es": "Enunciado", "en": "Brief"},
    "content.facts": {"es": "Lo que responde el entrevistador si se lo preguntas", "en": "What the interviewer answers if asked"},
    "content.question": {"es": "Pregunta", "en": "Question"},
    "content.budget": {"es": "tiempo", "en": "budget"},
    "content.window": {"es": "ventana", "en": "window"},
    "content.weight": {"es": "peso", "en": "weight"},
    "content.item": {"es": "punto", "en": "item"},
    "content.hint": {"es": "pista", "en": "hint"},
    "content.level": {"es": "nivel", "en": "level"},
    "content.mid": {"es": "mid", "en": "mid"},
    "content.senior": {"es": "senior", "en": "senior"},
    "content.staff": {"es": "staff", "en": "staff"},
    "content.patterns": {"es": "Patrones clave", "en": "Key patterns"},
    "content.estimates": {"es": "Estimaciones rápidas", "en": "Quick estimates"},
    "content.observability": {"es": "Observabilidad mínima", "en": "Minimum observability"},
    "content.security": {"es": "Seguridad", "en": "Security"},
    "content.total": {"es": "Total", "en": "Total"},
    "content.written": {"es": "Hoja escrita en", "en": "Sheet written to"},
    "content.skeleton": {
        "es": "Escenario escrito en {path}; rellena los TODO y compruébalo con: coach scenarios validate {path}",
        "en": "Scenario written to {path}; fill in the TODOs and check it with: coach scenarios validate {path}",
    },
    "content.exists": {
        "es": "ya existe; usa --force para sobrescribirlo",
        "en": "already exists; use --force to overwrite it",
    },
    "content.out_not_folder": {
        "es": "{out}: --out no es una carpeta",
        "en": "{out}: --out is not a folder",
    },
    "content.replaces_scenario": {
        "es": "{id} ya es un escenario: este fichero lo sustituiría donde se cargue",
        "en": "{id} is an existing scenario: this file would replace it where it is loaded",
    },
    # ---------------------------------------------------------------- export: the Markdown answer sheet (templates call t("key"))
    "export.session": {"es": "Sesión", "en": "Session"},
    "export.date": {"es": "fecha", "en": "date"},
    "export.mode": {"es": "modo", "en": "mode"},
    "export.mode_practice": {"es": "práctica", "en": "practice"},
    "export.mode_mock": {"es": "simulacro", "en": "mock"},
    "export.mode_drill": {"es": "drill", "en": "drill"},
    "export.total": {"es": "Total", "en": "Total"},
    "export.level": {"es": "Nivel", "en": "Level"},
    "export.level_next": {"es": "Para subir de nivel", "en": "To reach the next level"},
    "export.step": {"es": "Paso", "en": "Step"},
    "export.score": {"es": "Puntuación", "en": "Score"},
    "export.time": {"es": "Tiempo", "en": "Time"},
    "export.scorecard": {"es": "Resultado", "en": "Scorecard"},
    "export.design": {"es": "Tu diseño en la simulación", "en": "Your design in the simulation"},
    "export.strongest": {"es": "Lo mejor", "en": "Strongest"},
    "export.weakest": {"es": "Lo más flojo", "en": "Weakest"},
    "export.drill": {"es": "Qué practicar ahora", "en": "What to drill next"},
    "export.covered": {"es": "Cubierto", "en": "Covered"},
    "export.missed": {"es": "Te faltó", "en": "Missed"},
    "export.said_in": {"es": "dicho en", "en": "said in"},
    "export.arithmetic": {"es": "Cuentas", "en": "Arithmetic"},
    "export.timing": {"es": "Tiempo", "en": "Timing"},
    "export.reference": {"es": "Respuesta de referencia", "en": "Reference answer"},
    "export.demo": {"es": "Simulación", "en": "Simulation"},
    "export.skipped": {"es": "(paso saltado)", "en": "(step skipped)"},
    "export.untimed": {"es": "sin cronómetro", "en": "untimed"},
    "export.over": {"es": "⚠ +{clock} de más", "en": "⚠ +{clock} over"},
    "export.early": {"es": "◔ corto", "en": "◔ short"},
    "export.on_time": {"es": "✓ a tiempo", "en": "✓ on time"},
    "export.too_short": {"es": "◔ demasiado corto", "en": "◔ too short"},
    "export.probe": {"es": "Repregunta", "en": "Follow-up"},
    "export.probe_credit": {"es": "Tras la repregunta", "en": "After the follow-up"},
    "export.credit_none": {"es": "nada", "en": "none"},
    "export.credit_mentioned": {"es": "mencionado", "en": "mentioned"},
    "export.credit_decided": {"es": "decidido", "en": "decided"},
    "export.credit_justified": {"es": "justificado", "en": "justified"},
    "export.no_answer": {"es": "(sin respuesta)", "en": "(no answer)"},
    "export.vs": {"es": "de", "en": "vs"},
    "export.how": {
        "es": "Tus respuestas están bajo cada paso; lo que añade coach va entre marcadores "
        "`coach:feedback` y `coach score` lo ignora.",
        "en": "Your answers sit under each step; what coach adds is between `coach:feedback` "
        "markers and `coach score` ignores it.",
    },
    # ---------------------------------------------------------------- estimate: the estimate checker's verdicts
    "estimate.day": {"es": "día", "en": "day"},
    "estimate.month": {"es": "mes", "en": "month"},
    "estimate.year": {"es": "año", "en": "year"},
    "estimate.per_shard": {"es": "por shard", "en": "per shard"},
    # "right", not "matches": the stated figure may differ from the formula's by rounding
    "estimate.ok": {"es": "{formula}: tu {stated} es correcto", "en": "{formula}: your {stated} is right"},
    "estimate.wrong": {"es": "{formula}; escribiste {stated} ({ratio})", "en": "{formula}; you wrote {stated} ({ratio})"},
    "estimate.follows": {
        "es": "(se deriva de tu volumen diario, {daily}/día, que ya está mal)",
        "en": "(it follows from your daily volume, {daily}/day, which is already off)",
    },
    "estimate.low_x": {"es": "{x}× menos", "en": "{x}× low"},
    "estimate.high_x": {"es": "{x}× más", "en": "{x}× high"},
    "estimate.low_pct": {"es": "un {p} % menos", "en": "{p}% low"},
    "estimate.high_pct": {"es": "un {p} % más", "en": "{p}% high"},
    # ---------------------------------------------------------------- level: the level verdict's reasons and gap
    "level.keywords": {
        "es": "Sobre todo palabras clave: {n} de los {named} puntos que nombras solo se mencionan, sin decidir nada ({items}).",
        "en": "Mostly keywords: {n} of the {named} items you name are only mentioned, never decided ({items}).",
    },
    "level.clarified": {
        "es": "Apertura: aclaras {n} de {of} requisitos ({items}).",
        "en": "Opening: you clarify {n} of {of} requirements ({items}).",
    },
    "level.clarify_cap": {
        "es": "Apertura: aclaras {n} de {of} requisitos; con menos de {min} el nivel no pasa de {cap}.",
        "en": "Opening: you clarify {n} of {of} requirements; with fewer than {min} the level stops at {cap}.",
    },
    "level.breadth": {
        "es": "Amplitud: decides {mid} de los puntos mid, {senior} de los senior y {staff} de los staff.",
        "en": "Breadth: you decide {mid} of the mid items, {senior} of the senior ones and {staff} of the staff ones.",
    },
    "level.deep": {"es": "Profundidad en {n} áreas: {areas}.", "en": "Depth in {n} areas: {areas}."},
    "level.deep_one": {"es": "Profundidad en 1 área: {areas}.", "en": "Depth in 1 area: {areas}."},
    "level.deep_none": {
        "es": "Ninguna área en profundidad: las justificaciones están repartidas (la más cercana, {area}).",
        "en": "No area in depth: the justified decisions are spread thin (closest: {area}).",
    },
    "level.area": {"es": "{title} ({n} justificados: {items})", "en": "{title} ({n} justified: {items})"},
    "level.tradeoffs": {"es": "Compromisos explícitos: {n} ({items}).", "en": "Trade-offs stated: {n} ({items})."},
    "level.tradeoffs_none": {"es": "Ningún compromiso explícito (qué cuesta cada decisión).", "en": "No trade-off stated (what each decision costs)."},
    "level.numbers": {"es": "Cifras que deciden el diseño: {n} ({items}).", "en": "Figures that shape the design: {n} ({items})."},
    "level.numbers_none": {"es": "Ninguna cifra decide el diseño fuera de las estimaciones.", "en": "No figure shapes the design outside the estimates."},
    "level.failures": {"es": "Fallos que planteas tú: {n} ({items}).", "en": "Failures you raise: {n} ({items})."},
    "level.failures_none": {"es": "No planteas ningún fallo.", "en": "You raise no failure."},
    "level.cost_ops": {"es": "Coste: {cost} · operación: {ops}", "en": "Cost: {cost} · operations: {ops}"},
    "level.none": {"es": "nada", "en": "nothing"},
    "level.top": {
        "es": "Es el nivel más alto: mantenlo con otras áreas en profundidad y otros escenarios.",
        "en": "This is the top level: keep it with other areas in depth and other scenarios.",
    },
    # what blocks the next level
    "level.gap.gate.keywords": {
        "es": "Para {level}: convierte la lista de nombres en decisiones: di qué eliges y por qué ({items}).",
        "en": "For {level}: turn the list of names into decisions: say what you choose and why ({items}).",
    },
    "level.gap.gate.clarify": {
        "es": "Para {level}: aclara al menos {min} requisitos en la apertura ({items}); sin eso el nivel se queda en {cap}.",
        "en": "For {level}: clarify at least {min} requirements in the opening ({items}); without that the level stays at {cap}.",
    },
    "level.gap.total": {
        "es": "Para {level}: sube el total a {want} (ahora {have}): decide y justifica más puntos.",
        "en": "For {level}: raise the total to {want} (now {have}): decide and justify more items.",
    },
    "level.gap.covered": {
        "es": "Para {level}: decide al menos {want} de los puntos {kind} (ahora {have}); faltan {items}.",
        "en": "For {level}: decide at least {want} of the {kind} items (now {have}); missing: {items}.",
    },
    "level.gap.deep_areas": {
        "es": "Para {level}: profundiza en {want} áreas (ahora {have}): en {area}, justifica {more} decisión(es) más con una cifra o un compromiso ({items}).",
        "en": "For {level}: go deep in {want} areas (now {have}): in {area}, justify {more} more decision(s) with a figure or a trade-off ({items}).",
    },
    "level.gap.tradeoffs": {
        "es": "Para {level}: di qué cuesta cada decisión clave, en {want} decisiones (ahora {have}): «X en lugar de Y, a costa de Z» ({items}).",
        "en": "For {level}: state what each key decision costs, in {want} decisions (now {have}): “X instead of Y, at the cost of Z” ({items}).",
    },
    "level.gap.numbers": {
        "es": "Para {level}: deja que las cifras decidan {want} elecciones del diseño (ahora {have}): particiones, capacidad, cuotas ({items}).",
        "en": "For {level}: let figures drive {want} design choices (now {have}): partitions, capacity, quotas ({items}).",
    },
    "level.gap.failures": {
        "es": "Para {level}: plantea tú {want} fallos y qué hace el sistema (ahora {have}); faltan {items}.",
        "en": "For {level}: raise {want} failures yourself and what the system does (now {have}); missing: {items}.",
    },
    "level.gap.cost": {
        "es": "Para {level}: pon precio al diseño y justifícalo ({items}).",
        "en": "For {level}: put a price on the design and justify it ({items}).",
    },
    "level.gap.operations": {
        "es": "Para {level}: explica cómo se opera en producción y por qué ({items}).",
        "en": "For {level}: say how it runs in production, and why ({items}).",
    },
    # ---------------------------------------------------------------- demo: coach demo, step by step (coach/sim/demos.py)
    "demo.architecture.with_a_slow_provider_mean": {
        "es": "Con un proveedor lento (media {slow_s}, cola lognormal) y {channels} canales, una API síncrona tarda lo que el canal más lento: p50 {sync_p50} y p99 {sync_p99}, y a {qps} req/s mantiene unas {held} conexiones abiertas (ley de Little), que es justo lo que se agota en un pico. La asíncrona valida, guarda la clave, publica y responde 202 en {async_accept} pase lo que pase aguas abajo; la lentitud se convierte en lag de la cola, que se mide y se absorbe con workers. El precio: el cliente consulta el estado (o recibe un webhook).",
        "en": "With a slow provider (mean {slow_s}, lognormal tail) and {channels} channels, a synchronous API takes as long as the slowest channel: p50 {sync_p50} and p99 {sync_p99}, and at {qps} req/s it holds about {held} connections open (Little's law), which is exactly what runs out at a peak. The async API validates, stores the key, publishes and answers 202 in {async_accept} whatever happens downstream; slowness turns into queue lag, which you measure and absorb with workers. The price: the client polls the status (or gets a webhook).",
    },
    "demo.consistency.with_userid_as_the_key": {
        "es": "Con la clave = userId (grupos FIFO por usuario y carril de prioridad), los mensajes de un usuario en un carril se procesan de uno en uno y salen en el orden en que se aceptaron: {keyed_broken} de {keyed_users} usuarios desordenados. El precio: un reintento bloqueado retiene el carril de ese usuario hasta que termina, y el orden acaba en el proveedor (APNs/FCM y las operadoras pueden reordenar). Repartiendo en round-robin, dos mensajes del mismo usuario van en paralelo y el rápido adelanta al lento: {spread_broken} de {spread_users} usuarios reciben sus notificaciones desordenadas. Con un 5 % de reintentos del cliente, el store de idempotencia deja {dup_on} duplicados; sin él, {dup_off} personas reciben el mismo mensaje dos veces. El orden lo da la partición; la entrega exactamente-una-vez percibida la da at-least-once + consumidor idempotente.",
        "en": "With userId as the key (FIFO groups per user and priority lane) a user's messages in a lane are processed one at a time and leave in the order they were accepted: {keyed_broken} of {keyed_users} users out of order. The price: a blocked retry holds that user's lane until it ends, and the order stops at the provider (APNs/FCM and carriers may reorder). Spread round-robin, two messages of the same user run in parallel and the fast one overtakes the slow one: {spread_broken} of {spread_users} users get their notifications out of order. With 5% of requests replayed by the client, the idempotency store leaves {dup_on} duplicates; without it, {dup_off} people get the same message twice. Ordering comes from the partition; perceived exactly-once comes from at-least-once plus an idempotent consumer.",
    },
    "demo.scaling.in_years": {"es": "en {years} años", "en": "in {years} years"},
    "demo.requirements.title": {
        "es": "Requisitos: el SLO decide el diseño",
        "en": "Requirements: the SLO decides the design",
    },
    "demo.estimates.title": {
        "es": "Estimaciones: las cuentas, en la simulación",
        "en": "Estimates: the arithmetic, in the run",
    },
    "demo.api.title": {"es": "API: idempotencia en la práctica", "en": "API: idempotency at work"},
    "demo.architecture.title": {
        "es": "Arquitectura: síncrono vs asíncrono",
        "en": "Architecture: sync vs async",
    },
    "demo.consistency.title": {
        "es": "Consistencia: orden por usuario y duplicados",
        "en": "Consistency: per-user order and duplicates",
    },
    "demo.scaling.title": {
        "es": "Escalado: workers, particiones, claves calientes y la punta de las 08:00",
        "en": "Scaling: workers, partitions, hot keys and the 08:00 peak",
    },
    "demo.scaling.already": {"es": "ya", "en": "already"},
    "demo.scaling.never_without_growth": {"es": "nunca sin crecimiento", "en": "never without growth"},
    "demo.failures.title": {
        "es": "Fallos: presupuesto de reintentos, jitter, breaker y failover",
        "en": "Failures: retry budget, jitter, a breaker and failover",
    },
    "demo.observability.title": {
        "es": "Observabilidad: logs, trazas y métricas",
        "en": "Observability: logs, traces and metrics",
    },
    "demo.security.title": {
        "es": "Seguridad y costes: rate limiting y coste por QPS/GB/shard",
        "en": "Security and costs: rate limiting and cost per QPS/GB/shard",
    },
    "demo.requirements.utilization": {"es": "utilización", "en": "utilization"},
    "demo.requirements.p99_theory": {"es": "p99 teórico", "en": "p99 theory"},
    "demo.requirements.p99_simulated": {"es": "p99 simulado", "en": "p99 simulated"},
    "demo.requirements.peak_qps": {"es": "QPS de pico", "en": "peak QPS"},
    "demo.requirements.busy_workers_on_average_qps": {
        "es": "workers ocupados de media (QPS × servicio)",
        "en": "busy workers on average (QPS × service)",
    },
    "demo.requirements.scenario_p99_target": {"es": "objetivo p99 del escenario", "en": "scenario p99 target"},
    "demo.requirements.strict_p99_target": {"es": "objetivo p99 estricto", "en": "strict p99 target"},
    "demo.requirements.workers_meeting_the_strict_one": {
        "es": "workers que cumplen el estricto",
        "en": "workers meeting the strict one",
    },
    "demo.requirements.p99_with_workers": {"es": "p99 con {first} workers", "en": "p99 with {first} workers"},
    "demo.estimates.scenario_average_qps": {"es": "QPS medio del escenario", "en": "scenario average QPS"},
    "demo.estimates.qps_measured_in_the_run": {"es": "QPS medido en la simulación", "en": "QPS measured in the run"},
    "demo.estimates.notifications_a_day_qps": {
        "es": "notificaciones al día (QPS × {day_s})",
        "en": "notifications a day (QPS × {day_s})",
    },
    "demo.estimates.day": {"es": "/día", "en": "/day"},
    "demo.estimates.gb_a_day_size_qps": {
        "es": "GB al día (tamaño × QPS × {day_s})",
        "en": "GB a day (size × QPS × {day_s})",
    },
    "demo.estimates.stored_with_days_of_retention": {
        "es": "almacenado con {retention_days} días de retención",
        "en": "stored with {retention_days} days of retention",
    },
    "demo.estimates.calculation": {"es": "cálculo", "en": "calculation"},
    "demo.estimates.formula": {"es": "fórmula", "en": "formula"},
    "demo.estimates.result": {"es": "resultado", "en": "result"},
    "demo.estimates.daily_volume": {"es": "volumen diario", "en": "daily volume"},
    "demo.estimates.measured": {"es": "medido", "en": "measured"},
    "demo.estimates.bytes_a_day": {"es": "bytes al día", "en": "bytes a day"},
    "demo.estimates.retention": {"es": "retención", "en": "retention"},
    "demo.estimates.peak": {"es": "pico", "en": "peak"},
    "demo.api.request": {"es": "petición", "en": "request"},
    "demo.api.response": {"es": "respuesta", "en": "response"},
    "demo.api.post_replayed_same_key_and": {
        "es": "POST repetido (misma clave y cuerpo)",
        "en": "POST replayed (same key and body)",
    },
    "demo.api.post_same_key_other_body": {"es": "POST misma clave, otro cuerpo", "en": "POST same key, other body"},
    "demo.api.post_unknown_channel": {"es": "POST canal desconocido", "en": "POST unknown channel"},
    "demo.api.posts_sent": {"es": "POST enviados", "en": "POSTs sent"},
    "demo.api.notifications_created": {"es": "notificaciones creadas", "en": "notifications created"},
    "demo.api.provider_deliveries": {"es": "entregas al proveedor", "en": "provider deliveries"},
    "demo.api.channels_requested": {"es": "canales pedidos", "en": "channels requested"},
    "demo.api.409_conflicts": {"es": "conflictos 409", "en": "409 conflicts"},
    "demo.architecture.slow_provider_mean_latency": {
        "es": "latencia media del proveedor lento",
        "en": "slow provider mean latency",
    },
    "demo.architecture.async_accept_202": {"es": "aceptación asíncrona (202)", "en": "async accept (202)"},
    "demo.architecture.sync_response_p50": {"es": "respuesta síncrona p50", "en": "sync response p50"},
    "demo.architecture.sync_response_p99": {"es": "respuesta síncrona p99", "en": "sync response p99"},
    "demo.architecture.connections_held_by_a_sync": {
        "es": "conexiones abiertas con API síncrona",
        "en": "connections held by a sync API",
    },
    "demo.architecture.design": {"es": "diseño", "en": "design"},
    "demo.architecture.open_connections": {"es": "conexiones abiertas", "en": "open connections"},
    "demo.architecture.sync_the_api_calls_the": {
        "es": "síncrono: la API llama al proveedor",
        "en": "sync: the API calls the provider",
    },
    "demo.architecture.async_202_and_a_queue": {"es": "asíncrono: 202 y cola", "en": "async: 202 and a queue"},
    "demo.consistency.setup": {"es": "configuración", "en": "setup"},
    "demo.consistency.users_out_of_order": {"es": "usuarios con orden roto", "en": "users out of order"},
    "demo.consistency.duplicate_deliveries": {"es": "entregas duplicadas", "en": "duplicate deliveries"},
    "demo.consistency.partition_by_userid_dedupe": {
        "es": "partición por userId + dedupe",
        "en": "partition by userId + dedupe",
    },
    "demo.consistency.round_robin_dedupe": {"es": "round-robin + dedupe", "en": "round-robin + dedupe"},
    "demo.consistency.partition_by_userid_no_dedupe": {
        "es": "partición por userId, sin dedupe",
        "en": "partition by userId, no dedupe",
    },
    "demo.consistency.users_out_of_order_with": {
        "es": "usuarios desordenados con userId",
        "en": "users out of order with userId",
    },
    "demo.consistency.users_out_of_order_without": {
        "es": "usuarios desordenados sin userId",
        "en": "users out of order without userId",
    },
    "demo.consistency.client_replays": {"es": "reintentos del cliente", "en": "client replays"},
    "demo.consistency.duplicates_with_dedupe": {"es": "duplicados con dedupe", "en": "duplicates with dedupe"},
    "demo.consistency.duplicates_without_dedupe": {"es": "duplicados sin dedupe", "en": "duplicates without dedupe"},
    "demo.scaling.case": {"es": "escenario", "en": "case"},
    "demo.scaling.max_partition_lag": {"es": "lag máx. partición", "en": "max partition lag"},
    "demo.scaling.no_hot_user": {"es": "sin usuario caliente", "en": "no hot user"},
    "demo.scaling.one_user_with_of_traffic": {
        "es": "un usuario con el {hot_share} del tráfico",
        "en": "one user with {hot_share} of traffic",
    },
    "demo.scaling.ingest_per_shard": {"es": "ingesta por shard", "en": "ingest per shard"},
    "demo.scaling.hot_user_s_messages_s": {"es": "mensajes/s del usuario caliente", "en": "hot user's messages/s"},
    "demo.scaling.max_lag_with_a_hot": {"es": "lag máx. con usuario caliente", "en": "max lag with a hot user"},
    "demo.scaling.p99_with_a_hot_user": {"es": "p99 con usuario caliente", "en": "p99 with a hot user"},
    "demo.scaling.key_value_writes_at_peak": {
        "es": "escrituras clave-valor en pico (× {writes})",
        "en": "key-value writes at peak (× {writes})",
    },
    "demo.scaling.key_value_writes_s_at": {
        "es": "escrituras clave-valor/s en pico",
        "en": "key-value writes/s at peak",
    },
    "demo.scaling.08_00_held_released_at": {
        "es": "08:00: {scaled} retenidos, liberados a {pace}/s",
        "en": "08:00: {scaled} held, released at {pace}/s",
    },
    "demo.scaling.08_00_held_all_at": {
        "es": "08:00: {scaled} retenidos, todos a la vez",
        "en": "08:00: {scaled} held, all at once",
    },
    "demo.scaling.held_over_10_quiet_hours": {"es": "retenidos en 10 h de silencio", "en": "held over 10 quiet hours"},
    "demo.scaling.minutes_to_release_them_at": {
        "es": "minutos para liberarlos a {pace}/s",
        "en": "minutes to release them at {pace}/s",
    },
    "demo.scaling.minutes_for_at_s": {
        "es": "minutos para {quarter} a {pace}/s",
        "en": "minutes for {quarter} at {pace}/s",
    },
    "demo.scaling.p99_with_a_paced_release": {"es": "p99 con liberación pautada", "en": "p99 with a paced release"},
    "demo.scaling.p99_releasing_all_at_once": {"es": "p99 liberando todo a la vez", "en": "p99 releasing all at once"},
    "demo.failures.immediate_retries_a_count": {
        "es": "{retries} reintentos inmediatos (un número)",
        "en": "{retries} immediate retries (a count)",
    },
    "demo.failures.exponential_backoff_no_jitter_time": {
        "es": "backoff exponencial sin jitter, presupuesto de tiempo",
        "en": "exponential backoff, no jitter, time budget",
    },
    "demo.failures.exponential_backoff_full_jitter_time": {
        "es": "backoff exponencial + jitter completo, presupuesto de tiempo",
        "en": "exponential backoff + full jitter, time budget",
    },
    "demo.failures.breaker_on_error_rate_secondary": {
        "es": "+ breaker por tasa de error + proveedor secundario",
        "en": "+ breaker on error rate + secondary provider",
    },
    "demo.failures.strategy": {"es": "estrategia", "en": "strategy"},
    "demo.failures.calls_in_all": {"es": "llamadas en total", "en": "calls in all"},
    "demo.failures.to_the_dead_provider": {"es": "al proveedor caído", "en": "to the dead provider"},
    "demo.failures.peak_retries_s_from_t": {
        "es": "pico de reintentos/s (desde t=40 s)",
        "en": "peak retries/s (from t=40 s)",
    },
    "demo.failures.mean_retries_s": {"es": "media de reintentos/s", "en": "mean retries/s"},
    "demo.failures.outage_length": {"es": "duración de la caída", "en": "outage length"},
    "demo.failures.campaign_published_as_the_provider": {
        "es": "campaña publicada al caer el proveedor",
        "en": "campaign published as the provider falls",
    },
    "demo.failures.dlq_with_counted_retries": {"es": "DLQ con reintentos contados", "en": "DLQ with counted retries"},
    "demo.failures.peak_retries_s_without_jitter": {
        "es": "pico de reintentos/s sin jitter",
        "en": "peak retries/s without jitter",
    },
    "demo.failures.peak_retries_s_with_jitter": {
        "es": "pico de reintentos/s con jitter",
        "en": "peak retries/s with jitter",
    },
    "demo.failures.calls_without_jitter": {"es": "llamadas sin jitter", "en": "calls without jitter"},
    "demo.failures.calls_with_jitter": {"es": "llamadas con jitter", "en": "calls with jitter"},
    "demo.failures.calls_to_the_secondary_provider": {
        "es": "llamadas al proveedor secundario",
        "en": "calls to the secondary provider",
    },
    "demo.failures.calls_to_the_dead_provider": {
        "es": "llamadas al caído con breaker",
        "en": "calls to the dead provider with a breaker",
    },
    "demo.failures.p99_with_a_breaker_and": {
        "es": "p99 con breaker y secundario",
        "en": "p99 with a breaker and a secondary",
    },
    "demo.failures.breaker_transitions": {"es": "transiciones del breaker", "en": "breaker transitions"},
    "demo.failures.expired_in_the_long_outage": {
        "es": "expiradas en la caída larga",
        "en": "expired in the long outage",
    },
    "demo.failures.dlq_in_the_long_outage": {
        "es": "DLQ en la caída larga (presupuesto agotado)",
        "en": "DLQ in the long outage (budget spent)",
    },
    "demo.observability.retries": {"es": "reintentos", "en": "retries"},
    "demo.observability.dlq_depth": {"es": "profundidad DLQ", "en": "DLQ depth"},
    "demo.observability.max_consumer_lag": {"es": "lag máx. del consumidor", "en": "max consumer lag"},
    "demo.observability.max_worker_saturation": {"es": "saturación máx. de workers", "en": "max worker saturation"},
    "demo.observability.sampled_log_lines": {"es": "líneas de log muestreadas", "en": "sampled log lines"},
    "demo.security.client": {"es": "cliente", "en": "client"},
    "demo.security.requests": {"es": "peticiones", "en": "requests"},
    "demo.security.honest_clients": {"es": "clientes legítimos", "en": "honest clients"},
    "demo.security.abusive_client_req_s": {
        "es": "cliente abusivo ({abusive} req/s)",
        "en": "abusive client ({abusive} req/s)",
    },
    "demo.security.limit_per_client": {"es": "límite por cliente", "en": "limit per client"},
    "demo.security.429s_to_the_abusive_client": {"es": "429 al abusivo", "en": "429s to the abusive client"},
    "demo.security.429s_to_honest_clients": {"es": "429 a los legítimos", "en": "429s to honest clients"},
    "demo.scaling.503": {"es": "{throttled} × 503", "en": "{throttled} × 503"},
    "demo.scaling.sends_s_at_peak": {
        "es": "{channel_name}: envíos/s en pico",
        "en": "{channel_name}: sends/s at peak",
    },
    "demo.security.monthly_cost": {"es": "coste mensual", "en": "monthly cost"},
    "demo.security.cost_per_sustained_req_s": {"es": "coste por req/s sostenida", "en": "cost per sustained req/s"},
    "demo.security.cost_per_gb_ingested": {"es": "coste por GB ingerido", "en": "cost per GB ingested"},
    "demo.security.cost_per_shard": {"es": "coste por shard", "en": "cost per shard"},
    "demo.security.key_value_writes_per_notification": {
        "es": "escrituras clave-valor por notificación",
        "en": "key-value writes per notification",
    },
    "demo.security.cost_item": {"es": "partida de coste", "en": "cost item"},
    "demo.security.a_month": {"es": "al mes", "en": "a month"},
    "demo.scaling.provider_quota": {
        "es": "{channel_name}: cuota del proveedor",
        "en": "{channel_name}: provider quota",
    },
    "demo.scaling.years_to_the_quota": {
        "es": "{channel_name}: años hasta la cuota",
        "en": "{channel_name}: years to the quota",
    },
    "demo.security.segments_per_sms": {"es": "segmentos por SMS", "en": "segments per SMS"},
    # demo explanations: one text each, the figures filled in (numbers already formatted by the demo)
    "demo.requirements.strict_needs": {"es": "el estricto de {strict} necesita {meets}", "en": "the strict {strict} needs {meets}"},
    "demo.requirements.strict_none": {
        "es": "ni {largest} cumplen el estricto de {strict}",
        "en": "not even {largest} meet the strict {strict}",
    },
    "demo.scaling.partition_at": {"es": "{partitions} partición a {qps} req/s", "en": "{partitions} partition at {qps} req/s"},
    "demo.scaling.partitions_at": {"es": "{partitions} particiones a {qps} req/s", "en": "{partitions} partitions at {qps} req/s"},
    "demo.scaling.in_month": {"es": "en {months} mes", "en": "in {months} month"},
    "demo.scaling.in_months": {"es": "en {months} meses", "en": "in {months} months"},
    "demo.scaling.channel_at_peak": {"es": "{channel} en pico ({share}{devices})", "en": "{channel} at peak ({share}{devices})"},
    "demo.scaling.channel_at_peak_quota": {
        "es": "{channel} en pico ({share}{devices}) frente a una cuota de {quota}/s",
        "en": "{channel} at peak ({share}{devices}) against a {quota}/s quota",
    },
    "demo.scaling.growing": {
        "es": "Con el tráfico creciendo ×{growth} al año, en {horizon} años todo es ×{later}",
        "en": "With traffic growing ×{growth} a year, in {horizon} years everything is ×{later}",
    },
    "demo.scaling.no_growth": {"es": "Sin crecimiento previsto", "en": "With no growth expected"},
    "demo.scaling.kv_later": {
        "es": ": {writes} escrituras/s, que se reparten por clave de partición.",
        "en": ": {writes} writes/s, spread over the partition key.",
    },
    "demo.scaling.and": {"es": "{items} y {last}", "en": "{items} and {last}"},
    "demo.scaling.then": {"es": "; después, {rest}", "en": "; then {rest}"},
    "demo.requirements.explanation": {
        "es": 'Sin un p95/p99 no hay forma de dimensionar. A {peak_rate} req/s de pico y {service_s} por llamada al proveedor hay {busy} workers ocupados de media (ley de Little): con {first} el sistema aguanta, pero al {utilization} de utilización las colas crecen y el p99 es {p99_first}. La tabla da el p99 de Erlang C y el medido en la simulación M/M/c. El SLO del escenario (p99 ≤ {slo_p99_s}) lo cumple casi cualquier tamaño estable; {strict} workers. El objetivo que acuerdas con el entrevistador decide cuánta holgura compras: fíjalo al principio y úsalo para justificar cada tamaño.',
        "en": "Without a p95/p99 there is nothing to size against. At {peak_rate} req/s peak and {service_s} per provider call, {busy} workers are busy on average (Little's law): {first} keep up, but at {utilization} utilization queues build and p99 is {p99_first}. The table gives Erlang C's p99 next to the one measured in the M/M/c simulation. The scenario's SLO (p99 ≤ {slo_p99_s}) is met by almost any stable size; {strict} workers. The target you agree with the interviewer decides how much headroom you buy: pin it down first and use it to justify every size.",
    },
    "demo.estimates.explanation": {
        "es": 'La regla rápida se cumple en la simulación: a {qps} req/s entraron {accepted} notificaciones en {duration_s} s ({measured_qps}/s), es decir {measured_per_day} al día frente a los {per_day} de QPS × {day_s}. Con eventos de {event_size_bytes} B (1 KB = {kb} B) son {gb_per_day} GB/día y {gb_retained} GB con {retention_days} días de retención. Dimensiona para el pico (×{peak_factor} = {peak_qps} req/s), no para la media: la media paga la factura, el pico tumba el sistema.',
        "en": 'The rule of thumb holds in the run: at {qps} req/s, {accepted} notifications arrived in {duration_s} s ({measured_qps}/s), i.e. {measured_per_day} a day against QPS × {day_s} = {per_day}. With {event_size_bytes} B events (1 KB = {kb} B) that is {gb_per_day} GB/day and {gb_retained} GB at {retention_days} days of retention. Size for the peak (×{peak_factor} = {peak_qps} req/s), not the average: the average pays the bill, the peak takes the system down.',
    },
    "demo.api.explanation": {
        "es": 'El cliente reintenta el POST (p. ej. tras un timeout suyo) con la misma idempotencyKey: la API devuelve el mismo id ({replay_id}) y no crea nada nuevo; al final hubo {deliveries} entregas, una por canal ({channels}), no el doble. La misma clave con otro cuerpo es un error del cliente y se rechaza con {conflict_code}, porque aceptar cualquiera de los dos sería adivinar. El cuerpo se valida antes de nada ({invalid_code} para un canal desconocido) y GET …/status responde {status}. La clave vive en un store con TTL ({idempotency_ttl_s}), con un upsert atómico (condicional en DynamoDB, SET NX en Redis).',
        "en": 'The client replays the POST (say after its own timeout) with the same idempotencyKey: the API returns the same id ({replay_id}) and creates nothing; in the end there were {deliveries} deliveries, one per channel ({channels}), not twice that. The same key with a different body is a client bug and gets {conflict_code}, since accepting either would be a guess. The body is validated first ({invalid_code} for an unknown channel) and GET …/status answers {status}. The key lives in a store with a TTL ({idempotency_ttl_s}), written with an atomic upsert (a DynamoDB conditional put, Redis SET NX).',
    },
    "demo.scaling.explanation": {
        "es": 'Throughput y p99 frente a workers al pico ({peak_qps} req/s × {service_s} = {busy} ocupados): por debajo de {busy} el sistema no da abasto y el p99 crece con la duración de la prueba; por encima, cada worker extra compra latencia, no throughput. Las particiones limitan la ingesta: a {burst_qps} req/s, 1 partición acepta {one_accepted}/s y rechaza {one_throttled}; 4 aceptan {four_accepted}/s. Y un solo usuario con el {hot_share} del tráfico ({hot_rate} msg/s) satura su partición: para mantener su orden sus mensajes van de uno en uno, su cola llega a {hot_lag} y el p99 pasa de {p99_calm} a {p99_hot}. Las claves calientes se detectan y se tratan aparte (sub-claves, cola propia, límite por usuario). {channel} {quiet}',
        "en": "Throughput and p99 against workers at the peak ({peak_qps} req/s × {service_s} = {busy} busy): below {busy} the system cannot keep up and p99 grows with the length of the test; above it, each extra worker buys latency, not throughput. Partitions cap ingest: at {burst_qps} req/s one partition accepts {one_accepted}/s and throttles {one_throttled}; four accept {four_accepted}/s. And a single user with {hot_share} of the traffic ({hot_rate} msg/s) saturates its partition: to keep that user's order their messages go one at a time, their backlog reaches {hot_lag} and p99 goes from {p99_calm} to {p99_hot}. Hot keys are detected and handled apart (sub-keys, their own queue, a per-user limit). {channel} {quiet}",
    },
    "demo.scaling.channels": {
        "es": 'Por canal, el pico de {peak} req/s con la mezcla de los hechos son {parts_text} (push hasta {push_devices} dispositivos). {quota}Tras las cuotas vienen las escrituras de la tabla clave-valor: {kv_peak}/s en pico ({writes} por notificación). {growing}{kv_later}',
        "en": "Per channel, the {peak} req/s peak with the facts' mix is {parts_text} (push up to {push_devices} devices). {quota}After the quotas come the key-value table's writes: {kv_peak}/s at peak ({writes} per notification). {growing}{kv_later}",
    },
    "demo.scaling.quota": {
        "es": 'El primer cuello de botella es la cuota del proveedor de {channel}: el pico de {peak_rate}/s usa el {use} de sus {quota}/s y el crecimiento la alcanza {when}{then}. Pide la ampliación antes (avisando con antelación) y limita por canal con un token bucket por proveedor. ',
        "en": "The first bottleneck is the {channel} provider's quota: the {peak_rate}/s peak uses {use} of its {quota}/s and growth reaches it {when}{then}. Ask for the raise ahead of time and pace each channel with a token bucket per provider. ",
    },
    "demo.scaling.quota_unknown": {
        "es": 'El primer cuello de botella es la cuota de cada proveedor (los hechos no la dan: pregúntala). ',
        "en": "The first bottleneck is each provider's quota (the facts do not give it: ask for it). ",
    },
    "demo.scaling.quiet_hours": {
        "es": 'Las horas de silencio (22:00-08:00) retienen los mensajes de prioridad normal en un almacén de envíos programados indexado por hora de salida: {normal_rate}/s × {window} s ≈ {held} mensajes si el tráfico es uniforme. A las 08:00 un planificador los libera a ritmo fijo: a {pace}/s tarda {release_min} min (incluso una cuarta parte, {quarter}, tarda {quarter_min} min), más que el pico de campaña para el que está dimensionado el diseño. En la simulación, {scaled} retenidos liberados a {pace}/s dan un p99 de {p99_paced}; soltarlos todos a la vez lleva el lag a {unpaced_lag} y el p99 a {p99_unpaced}.',
        "en": 'Quiet hours (22:00-08:00) hold normal-priority messages in a scheduled-send store indexed by release time: {normal_rate}/s × {window} s ≈ {held} messages if traffic is uniform. At 08:00 a scheduler releases them at a fixed pace: at {pace}/s it takes {release_min} min (even a quarter of that, {quarter}, takes {quarter_min} min), longer than the campaign peak the design is sized for. In the run, {scaled} held messages released at {pace}/s give a p99 of {p99_paced}; releasing them all at once takes the lag to {unpaced_lag} and p99 to {p99_unpaced}.',
    },
    "demo.failures.explanation": {
        "es": 'El proveedor cae {length_s} s (desde t={start_s} s) justo cuando sale una campaña de {burst} mensajes, con {qps} req/s entrando. Con {retries} reintentos inmediatos cada mensaje agota su cuenta en milisegundos y {storm_dlq} acaban en la DLQ: un número de reintentos se gasta en segundos y las caídas duran minutos. Con un presupuesto de tiempo por prioridad ({budget_h} alta, {budget_n} normal) y backoff exponencial desde {backoff_base_s}, nadie va a la DLQ. Sin jitter, los mensajes que fallaron juntos reintentan juntos: ráfagas de hasta {lock_peak} reintentos en un segundo (media {lock_mean}/s) que golpean al proveedor a la vez. El jitter completo reparte esos reintentos: pico de {jitter_peak}/s (media {jitter_mean}/s). No ahorra llamadas: como espera de media la mitad, hace {jitter_attempts} llamadas frente a {lockstep_attempts} ({extra_calls}); lo que compra es no sincronizar. El breaker, que abre cuando en {breaker_window_s} hay al menos {breaker_min_calls} llamadas y un {breaker_error_rate} o más fallan, deja de llamar al caído ({outage_calls} llamadas en toda la caída) y pasa el canal al proveedor secundario ({failed_over} llamadas): p99 {failover_p99} y DLQ {failover_dlq}. Sin secundario y con una caída de {long_outage_min} min, el breaker retiene los mensajes en la cola; {expired} códigos de alta prioridad pasan su caducidad ({expiry_h}) y se descartan como «expired» en vez de llegar tarde, y {held_dlq} agotan su presupuesto y van a la DLQ, que se alerta y se reprocesa.',
        "en": 'The provider goes down for {length_s} s (from t={start_s} s) just as a campaign of {burst} messages goes out, with {qps} req/s coming in. With {retries} immediate retries each message spends its count in milliseconds and {storm_dlq} end in the DLQ: a retry count is spent in seconds and outages last minutes. With a time budget per priority ({budget_h} high, {budget_n} normal) and exponential backoff from {backoff_base_s}, nothing reaches the DLQ. Without jitter, the messages that failed together retry together: bursts of up to {lock_peak} retries in one second (mean {lock_mean}/s) that hit the provider at once. Full jitter spreads those retries: a peak of {jitter_peak}/s (mean {jitter_mean}/s). It saves no calls: waiting half as long on average, it makes {jitter_attempts} calls against {lockstep_attempts} ({extra_calls}); what it buys is no synchronization. The breaker, which opens when {breaker_window_s} hold at least {breaker_min_calls} calls and {breaker_error_rate} or more of them failed, stops calling the dead provider ({outage_calls} calls in the whole outage) and moves the channel to its secondary provider ({failed_over} calls): p99 {failover_p99} and DLQ {failover_dlq}. With no secondary and a {long_outage_min}-min outage, the breaker holds the messages in the queue; {expired} high-priority codes pass their expiry ({expiry_h}) and are dropped as `expired` instead of arriving late, and {held_dlq} spend their budget and go to the DLQ, which is alerted on and redriven.',
    },
    "demo.failures.outage_no_secondary": {
        "es": 'caída de {minutes} min sin secundario (breaker, 10 req/s)',
        "en": '{minutes}-min outage, no secondary (breaker, 10 req/s)',
    },
    "demo.observability.explanation": {
        "es": 'Cada petición lleva un traceId y cada paso su spanId (api → canal → intento), así que una línea de log lleva a la traza completa. Con sampling del {log_sample_rate} se guardaron {sampled} líneas en vez de todas, decidido por traza para no romper ninguna a medias. Las métricas de la semilla, en esta ejecución: throughput {throughput} msg/s, p95 {p95}, {retries} reintentos, DLQ {dlq_total}, lag máximo de consumidor {lag} y saturación de workers hasta {saturation}. Alertas: p95 sobre el SLO, DLQ > 0 creciendo, lag que no baja y saturación sostenida por encima del 80 %.',
        "en": "Every request carries a traceId and every step its spanId (api → channel → attempt), so one log line leads to the whole trace. Sampling {log_sample_rate} kept {sampled} lines instead of all of them, decided per trace so none is cut in half. The seed's metrics in this run: throughput {throughput} msg/s, p95 {p95}, {retries} retries, DLQ {dlq_total}, max consumer lag {lag} and worker saturation up to {saturation}. Alerts: p95 over the SLO, a growing DLQ, lag that does not come down, saturation above 80% for minutes.",
    },
    "demo.security.explanation": {
        "es": 'Un cliente se descontrola y manda {abusive} req/s contra un límite de {limit} req/s por cliente (token bucket, ráfaga {rate_limit_burst}): recibe {rate_limited_abusive} respuestas 429 de {abusive_offered}, mientras los clientes legítimos reciben {rate_limited}. El límite va en el borde (API gateway/WAF), por cliente autenticado con IAM de mínimo privilegio, y el 429 lleva Retry-After.{cost_words}',
        "en": 'A client runs away and sends {abusive} req/s against a limit of {limit} req/s per client (token bucket, burst {rate_limit_burst}): it gets {rate_limited_abusive} 429s out of {abusive_offered}, while honest clients get {rate_limited}. The limit sits at the edge (API gateway/WAF), per client authenticated with least-privilege IAM, and the 429 carries Retry-After.{cost_words}',
    },
    "demo.security.cost_words": {
        "es": ' En costes (precios de lista UE del {as_of}), a {qps} req/s con la mezcla de canales de los hechos el diseño sale por {total} al mes; domina «{first_label}» con el {share} ({first_monthly}), después «{second_label}» ({second_monthly}); la infraestructura, con {writes_per_notification} escrituras clave-valor por notificación, es el resto.{sms_words} La palanca es el SMS: solo para lo que no admite otro canal.',
        "en": ' On cost (EU list prices as of {as_of}), at {qps} req/s with the facts\' channel mix the design comes to {total} a month; "{first_label}" dominates at {share} ({first_monthly}), then "{second_label}" ({second_monthly}); infrastructure, with {writes_per_notification} key-value writes per notification, is the rest.{sms_words} The lever is SMS: only for what no other channel can carry.',
    },
    "demo.security.sms_words": {
        "es": ' El SMS se cobra por segmento: el texto típico tiene {units} caracteres y lleva tildes («á», «í», «ó», «ú» no existen en GSM-7), así que va en {encoding} a {per_segment} caracteres por segmento: {segments} segmentos; sin tildes, {plain_segments}.',
        "en": ' SMS is billed per segment: the typical text has {units} characters and Spanish accents (á, í, ó, ú are not in GSM-7), so it goes as {encoding} at {per_segment} characters a segment: {segments} segments; without accents, {plain_segments}.',
    },
    # ---------------------------------------------------------------- design: a sheet's design run in the simulation (coach/design_check.py)
    "design.no_simulation": {"es": "este escenario no tiene simulación", "en": "this scenario has no simulation"},
    "design.lacks_qps": {"es": "el QPS", "en": "the QPS"},
    "design.lacks_target": {"es": "un objetivo p95/p99", "en": "a p95/p99 target"},
    "design.both": {"es": "{first} y {second}", "en": "{first} and {second}"},
    "design.cannot_check": {
        "es": "no se puede comprobar: la hoja no da {lacks}",
        "en": "cannot check: the sheet does not state {lacks}",
    },
    "design.how_to_state": {
        "es": "escribe p. ej. «100 req/s, pico x5» en estimaciones y «p99 < 2 s» en requisitos",
        "en": "write e.g. \"100 req/s, peak x5\" in estimates and \"p99 < 2 s\" in requirements",
    },
    "design.meets": {
        "es": "{name} {got} ≤ tu objetivo de {target} a {peak} req/s con {workers} workers (utilización {utilization})",
        "en": "{name} {got} ≤ your {target} target at {peak} req/s with {workers} workers ({utilization} utilization)",
    },
    "design.default_workers": {
        "es": " (workers del diseño de referencia: la hoja no los dice)",
        "en": " (reference design's workers: the sheet does not say)",
    },
    "design.throttled": {
        "es": "a {peak} req/s, {partitions} particiones rechazan {throttled} peticiones (cada shard ingiere {shard}/s)",
        "en": "at {peak} req/s, {partitions} partitions throttle {throttled} requests (each shard ingests {shard}/s)",
    },
    "design.more_partitions": {"es": "al menos {needed} particiones", "en": "at least {needed} partitions"},
    "design.misses": {"es": "{name} {got} > tu objetivo de {target}", "en": "{name} {got} > your {target} target"},
    "design.enough_workers": {"es": "; {enough} workers lo cumplen", "en": "; {enough} workers meet it"},
    "design.no_workers": {"es": "; ningún número de workers lo cumple", "en": "; no number of workers meets it"},
    "design.more_workers": {
        "es": "sube a {enough} workers por canal (hoy {workers}); {peak} req/s × {service_ms} ms = {busy} ocupados de media",
        "en": "go to {enough} workers per channel (now {workers}); {peak} req/s × {service_ms} ms = {busy} busy on average",
    },
    "design.provider_floor": {
        "es": "la latencia del proveedor sola da un {name} de ~{floor}: relaja el objetivo, baja el timeout o cambia de proveedor",
        "en": "provider latency alone gives a {name} of ~{floor}: relax the target, lower the timeout or change providers",
    },
    # ---------------------------------------------------------------- hand: `coach demo` for a scenario without a simulation (coach/sim/hand.py)
    "hand.statement": {
        "es": "«{title}» no tiene simulación: no hay un servicio de referencia que ejecutar paso a paso. Calcula a mano estas cifras (coach estimate te ayuda con las cuentas):",
        "en": "“{title}” has no simulation: there is no reference service to run step by step. Work out these figures by hand (coach estimate helps with the arithmetic):",
    },
    "hand.qps": {
        "es": "Peticiones por segundo de media y en pico (media × factor de pico).",
        "en": "Requests per second on average and at peak (average × peak factor).",
    },
    "hand.per_day": {"es": "Peticiones al día: QPS × {day_s}.", "en": "Requests per day: QPS × {day_s}."},
    "hand.storage": {
        "es": "Almacenamiento: tamaño de un registro × registros al día × días de retención.",
        "en": "Storage: record size × records a day × days of retention.",
    },
    "hand.nodes": {
        "es": "Cuántos nodos, particiones o workers hacen falta en pico, con margen.",
        "en": "How many nodes, partitions or workers the peak needs, with headroom.",
    },
    # scenario difficulty (coach scenarios list, the menu)
    "content.difficulty_easy": {"es": "fácil", "en": "easy"},
    "content.difficulty_medium": {"es": "media", "en": "medium"},
    "content.difficulty_hard": {"es": "difícil", "en": "hard"},
    # sheet and ask: the blank sheet's guidance (coach/sheet.py), the interviewer's stock answers (coach/interviewer.py)
    "sheet.reference": {"es": "respuestas de referencia", "en": "reference answers"},
    "sheet.how": {
        "es": "Escribe cada respuesta debajo de su pregunta. Las líneas entre `<!-- coach:... -->` las ignora `coach score`; todo lo demás cuenta.",
        "en": "Write each answer under its question. Lines between `<!-- coach:... -->` markers are ignored by `coach score`; everything else counts.",
    },
    "sheet.ask": {
        "es": "Puedes preguntar al entrevistador por: {topics}. Pregunta con `coach ask {scenario} \"…?\"`, o escribe la pregunta en la apertura (una línea que acabe en «?» o empiece por «¿»).",
        "en": "You may ask the interviewer about: {topics}. Ask with `coach ask {scenario} \"…?\"`, or write the question in the opening (a line ending in \"?\").",
    },
    "ask.design": {
        "es": "Eso lo decides tú: plantéalo como una decisión (qué eliges, por qué y a qué renuncias).",
        "en": "That's your call: state it as a decision (what you choose, why, and what you give up).",
    },
    "ask.unknown": {
        "es": "No está especificado: di qué supones y sigue adelante.",
        "en": "Not specified: state your assumption and move on.",
    },
    # ---------------------------------------------------------------- errors raised by the core: one line each (CoachError), read through `problem(key, ...)`
    # lang: --lang and COACH_LANG (coach/i18n.py)
    "lang.unknown_flag": {
        "es": "--lang: idioma desconocido {flag!r}; usa es o en",
        "en": "--lang: unknown language {flag!r}; use es or en",
    },
    "lang.unknown_env": {
        "es": "aviso: COACH_LANG={value!r} no es un idioma de coach (es, en); se usa el inglés",
        "en": "warning: COACH_LANG={value!r} is not a language coach speaks (es, en); using English",
    },
    "lang.unknown": {
        "es": "idioma desconocido {value!r}; usa es o en",
        "en": "unknown language {value!r}; use es or en",
    },
    # cli: what every command shares (coach/cli/common.py)
    "cli.internal_error": {
        "es": "error interno: {kind}: {error} (vuelve a ejecutarlo con --debug para ver la traza)",
        "en": "internal error: {kind}: {error} (run with --debug for the traceback)",
    },
    "cli.not_a_number": {"es": "{flag}: tiene que ser un número, no {raw!r}", "en": "{flag}: expected a number, got {raw!r}"},
    "cli.not_finite": {
        "es": "{flag}: tiene que ser un número finito, no {raw!r}",
        "en": "{flag}: expected a finite number, got {raw!r}",
    },
    "cli.not_whole": {
        "es": "{flag}: tiene que ser un número entero, no {raw!r}",
        "en": "{flag}: expected a whole number, got {raw!r}",
    },
    "cli.no_scenarios": {"es": "no hay ningún escenario instalado", "en": "no scenarios installed"},
    # session: a stored session or a step that cannot be used (coach/session.py)
    "session.already_finished": {
        "es": "la sesión {sid} ya está terminada; puedes verla con `coach export {sid}`",
        "en": "session {sid} is already finished; see it with `coach export {sid}`",
    },
    "session.unknown_step": {
        "es": "paso desconocido {step!r}; los pasos son: {steps}",
        "en": "unknown step {step!r}; expected one of {steps}",
    },
    # files: the guarded reader and the atomic writer (coach/files.py)
    "files.no_dir": {
        "es": "{path}: la carpeta {directory} no existe",
        "en": "{path}: directory {directory} does not exist",
    },
    "files.cannot_write_in": {
        "es": "{path}: no se puede escribir en {directory} ({reason}); elige otra carpeta",
        "en": "{path}: cannot write in {directory} ({reason}); pick another folder",
    },
    "files.cannot_write": {"es": "{path}: no se puede escribir ({reason})", "en": "{path}: cannot write ({reason})"},
    "files.cannot_read": {"es": "{path}: no se puede leer ({reason})", "en": "{path}: cannot read ({reason})"},
    "files.no_such_file": {"es": "{path}: el fichero no existe", "en": "{path}: no such file"},
    "files.kind_dir": {"es": "es una carpeta", "en": "is a directory"},
    "files.kind_fifo": {"es": "es una tubería (FIFO)", "en": "is a pipe (FIFO)"},
    "files.kind_device": {"es": "es un dispositivo", "en": "is a device"},
    "files.kind_socket": {"es": "es un socket", "en": "is a socket"},
    "files.kind_other": {"es": "no es un fichero normal", "en": "is not a regular file"},
    "files.not_regular": {
        "es": "{path}: {kind}, se esperaba un fichero normal",
        "en": "{path}: {kind}, expected a regular file",
    },
    "files.is_not_regular": {"es": "{path}: no es un fichero normal", "en": "{path}: is not a regular file"},
    "files.too_big": {
        "es": "{name}: ocupa más de {size}, lo máximo que coach lee de un fichero; ¿es el fichero correcto?",
        "en": "{name}: larger than {size}, the most coach reads for one file; is it the right file?",
    },
    "files.not_utf8": {"es": "{name}: no es UTF-8 válido (byte {byte})", "en": "{name}: not valid UTF-8 (byte {byte})"},
    # toml: the shape guard in front of the TOML parser (coach/toml_guard.py)
    "toml.too_deep": {
        "es": "{name}:{line}: contenido no válido: anidado a demasiada profundidad (como mucho {most} niveles)",
        "en": "{name}:{line}: invalid content: too deeply nested (at most {most} levels)",
    },
    "toml.long_key": {
        "es": "{name}:{line}: contenido no válido: una clave con puntos de más de {most} partes",
        "en": "{name}:{line}: invalid content: a dotted key with more than {most} parts",
    },
    "toml.too_big": {
        "es": "{name}: contenido no válido: ocupa más de {size_kb} KB",
        "en": "{name}: invalid content: larger than {size_kb} KB",
    },
    "toml.too_many_keys": {
        "es": "{name}:{line}: contenido no válido: más de {most} claves",
        "en": "{name}:{line}: invalid content: more than {most} keys",
    },
    # sheet: reading a filled answer sheet back (coach/sheet.py)
    "sheet.unknown_step": {
        "es": "{name}:{line}: paso desconocido {step!r} en el marcador; se esperaba uno de {known}",
        "en": "{name}:{line}: unknown step {step!r} in step marker; expected one of {known}",
    },
    "sheet.step_twice": {
        "es": "{name}:{line}: el paso {step!r} aparece dos veces (la primera en la línea {first})",
        "en": "{name}:{line}: step {step!r} appears twice (first at line {first})",
    },
    "sheet.bad_lang": {
        "es": "{name}:{line}: lang={code} en la cabecera; usa es o en",
        "en": "{name}:{line}: lang={code} in the header; use es or en",
    },
    "sheet.unclosed": {
        "es": "{name}:{line}: <!-- coach:{block} --> no se cierra nunca (añade <!-- /coach:{block} -->)",
        "en": "{name}:{line}: <!-- coach:{block} --> is never closed (add <!-- /coach:{block} -->)",
    },
    "sheet.no_markers": {
        "es": "{name}: no hay marcadores de paso (se esperan líneas como <!-- step: opening -->)",
        "en": "{name}: no step markers found (expected lines like <!-- step: opening -->)",
    },
    "sheet.bad_probe": {
        "es": "{name}:{line}: un marcador de repregunta necesita step=PASO, items=ID[,ID] y after=PASO|end",
        "en": "{name}:{line}: a probe marker needs step=STEP, items=ID[,ID] and after=STEP|end",
    },
    "sheet.elapsed_nan": {
        "es": "{name}:{line}: elapsed_s={raw} no es un número",
        "en": "{name}:{line}: elapsed_s={raw} is not a number",
    },
    "sheet.elapsed_range": {
        "es": "{name}:{line}: elapsed_s={raw} está fuera de rango (de 0 a {most} segundos)",
        "en": "{name}:{line}: elapsed_s={raw} is out of range (0 to {most} seconds)",
    },
    "sheet.elapsed_negative": {
        "es": "{name}:{line}: elapsed_s={raw} es negativo",
        "en": "{name}:{line}: elapsed_s={raw} is negative",
    },
    # store: the history database (coach/store.py)
    "store.folder_read_only": {
        "es": "{folder}: la carpeta de datos es de solo lectura y coach guarda ahí su historial; dale permiso de escritura o pon COACH_HOME en una carpeta donde puedas escribir",
        "en": "{folder}: the data folder is read-only, and coach keeps its history there; make it writable, or set COACH_HOME to a folder you can write",
    },
    "store.read_only": {
        "es": "{name}: la base de datos del historial es de solo lectura; dale permiso de escritura (chmod u+w) o pon COACH_HOME en otra carpeta",
        "en": "{name}: the history database is read-only; make it writable (chmod u+w), or set COACH_HOME to another folder",
    },
    "store.full": {
        "es": "{name}: no se puede escribir el historial ({error}): puede que el disco esté lleno; libera espacio y vuelve a probar",
        "en": "{name}: cannot write the history ({error}): the disk may be full; free some space and try again",
    },
    "store.busy": {
        "es": "{name}: la base de datos del historial está ocupada ({error}); otro coach puede estar escribiendo: vuelve a probar",
        "en": "{name}: the history database is busy ({error}); another coach may be writing: try again",
    },
    "store.damaged": {
        "es": "{name}: la base de datos del historial no se puede leer o está dañada ({error}); no se ha tocado: muévela a otro sitio para empezar una nueva",
        "en": "{name}: the history database is unreadable or damaged ({error}); it was left untouched: move it aside to start a new one",
    },
    "store.not_coach": {
        "es": "{name}: es un fichero SQLite pero no un historial de coach; no se ha tocado",
        "en": "{name}: is an SQLite file but not a coach history database; it was left untouched",
    },
    "store.newer": {
        "es": "{name}: lo escribió un coach más nuevo (esquema {schema}, este conoce el {known}); actualiza coach",
        "en": "{name}: written by a newer coach (schema {schema}, this one knows {known}); upgrade coach",
    },
    "store.unknown_session": {
        "es": "sesión desconocida {sid!r} (mira `coach history`)",
        "en": "unknown session {sid!r} (see `coach history`)",
    },
    # content: loading frameworks and scenarios (coach/content.py, coach/skeleton.py)
    "content.unknown_step": {"es": "paso desconocido {step!r}{hint}", "en": "unknown step {step!r}{hint}"},
    "content.unknown_framework": {
        "es": "marco desconocido {framework!r}{hint}",
        "en": "unknown framework {framework!r}{hint}",
    },
    "content.unknown_scenario": {
        "es": "escenario desconocido {scenario!r}{hint} (disponibles: {known})",
        "en": "unknown scenario {scenario!r}{hint} (known: {known})",
    },
    "content.did_you_mean": {"es": "; ¿quisiste decir {name!r}?", "en": "; did you mean {name!r}?"},
    "content.skipped": {"es": "{problem}; fichero omitido", "en": "{problem}; file skipped"},
    "content.skipped_more": {
        "es": "{problem} (y {more} más); fichero omitido",
        "en": "{problem} (+{more} more); file skipped",
    },
    "content.bad_scenario_id": {
        "es": "id de escenario {scenario!r}: usa minúsculas, dígitos y guiones, empezando por una letra (p. ej. url-shortener)",
        "en": "scenario id {scenario!r}: use lower-case letters, digits and hyphens, starting with a letter (e.g. url-shortener)",
    },
    # a problem in a content file: `file: field: problem` (coach.content.with_lines adds the line)
    "content.at": {"es": "{name}: {field}: {problem}", "en": "{name}: {field}: {problem}"},
    "content.invalid_toml": {"es": "{name}: TOML no válido: {reason}", "en": "{name}: invalid TOML: {reason}"},
    "content.invalid_toml_at": {
        "es": "{name}:{line}:{column}: TOML no válido: {reason}",
        "en": "{name}:{line}:{column}: invalid TOML: {reason}",
    },
    "content.not_a_dir": {"es": "{path}: --content-dir no es una carpeta", "en": "{path}: --content-dir is not a directory"},
    "content.missing_translation": {"es": "falta la traducción", "en": "missing translation"},
    "content.field_required": {"es": "falta este campo", "en": "Field required"},
    "content.extra_field": {"es": "este campo no existe en el formato", "en": "Extra inputs are not permitted"},
    "content.duplicate_id": {
        "es": "id repetido {id!r} (ya aparece en {first})",
        "en": "duplicate id {id!r} (first at {first})",
    },
    "content.duplicate_framework_id": {
        "es": "id repetido {id!r} (ya lo usa el marco {framework})",
        "en": "duplicate id {id!r} (also in framework {framework})",
    },
    "content.not_framework_item": {
        "es": "no es un elemento del marco{hint}",
        "en": "not a framework item{hint}",
    },
    "content.unknown_item": {
        "es": "elemento de checklist desconocido {item!r}{hint}",
        "en": "unknown checklist item {item!r}{hint}",
    },
    "content.unknown_card": {
        "es": "tarjeta de fallo desconocida {card!r}",
        "en": "unknown failure card {card!r}",
    },
    "content.missing_required": {
        "es": "{name}: falta el elemento obligatorio {item!r} (paso {step})",
        "en": "{name}: missing required checklist item {item!r} (step {step})",
    },
    "content.wrong_step": {
        "es": "{name}: el elemento {item!r} está en el paso {step!r} y debería estar en {expected!r}",
        "en": "{name}: checklist item {item!r} is on step {step!r}, expected {expected!r}",
    },
    "content.top_level": {"es": "(raíz del fichero)", "en": "(top level)"},
    # `coach scenarios validate`: one line per good file
    "content.valid_file": {"es": "OK {path}: {what}", "en": "OK {path}: {what}"},
    "content.is_scenario": {"es": "escenario {id}", "en": "scenario {id}"},
    "content.is_framework": {"es": "marco {id}", "en": "framework {id}"},
    # a content model's own rule broken (coach/content.py validators)
    "content.bullets_differ": {
        "es": "es tiene {es} entradas y en tiene {en}: cada viñeta necesita las dos",
        "en": "es has {es} entries and en has {en}: every bullet needs both",
    },
    "content.match_empty": {
        "es": "necesita al menos una frase, una regla `together` o un tipo en `quantities`",
        "en": "needs at least one phrase, `together` rule or `quantities` kind",
    },
    "content.repeated_element": {
        "es": "los elementos no pueden repetir un punto",
        "en": "elements must not repeat an item",
    },
    "content.figure_order": {
        "es": "min {min} debe ser menor que max {max}",
        "en": "min {min} must be less than max {max}",
    },
    "score.why.figure_range": {
        "es": "la cifra dicha ({detail}) queda lejos de lo esperable para este punto: mira la pista",
        "en": "the stated figure ({detail}) is far from what this point expects: see the hint",
    },
    "content.window_order": {
        "es": "min_s {min_s} es posterior a max_s {max_s}",
        "en": "min_s {min_s} is after max_s {max_s}",
    },
    "content.step_id": {
        "es": "id de paso desconocido {step!r}; se espera uno de {expected}",
        "en": "unknown step id {step!r}; expected one of {expected}",
    },
    "content.levels_order": {
        "es": "los niveles deben ser, en este orden: {expected}; hay {got}",
        "en": "levels must be, in order: {expected}; got {got}",
    },
    "content.words_per_minute": {
        "es": "a words_per_minute le falta {missing}",
        "en": "words_per_minute lacks {missing}",
    },
    "content.steps_order": {
        "es": "los pasos deben ser, en este orden: {expected}; hay {got}",
        "en": "steps must be, in order: {expected}; got {got}",
    },
    "content.needs_window": {"es": "el paso {step!r} necesita una ventana (window)", "en": "step {step!r} needs a window"},
    "content.no_window": {"es": "el paso {step!r} no puede tener ventana (window)", "en": "step {step!r} cannot have a window"},
    # pydantic's checks, by error type (ctx values filled in; numbers formatted per language)
    "content.pydantic_string_type": {"es": "debe ser un texto", "en": "Input should be a valid string"},
    "content.pydantic_int_type": {"es": "debe ser un número entero", "en": "Input should be a valid integer"},
    "content.pydantic_int_parsing": {"es": "debe ser un número entero", "en": "Input should be a valid integer"},
    "content.pydantic_int_from_float": {
        "es": "debe ser un número entero, sin decimales",
        "en": "Input should be a valid integer, got a number with a fractional part",
    },
    "content.pydantic_float_type": {"es": "debe ser un número", "en": "Input should be a valid number"},
    "content.pydantic_float_parsing": {"es": "debe ser un número", "en": "Input should be a valid number"},
    "content.pydantic_bool_type": {"es": "debe ser true o false", "en": "Input should be a valid boolean"},
    "content.pydantic_bool_parsing": {"es": "debe ser true o false", "en": "Input should be a valid boolean"},
    "content.pydantic_list_type": {"es": "debe ser una lista", "en": "Input should be a valid list"},
    "content.pydantic_dict_type": {"es": "debe ser una tabla", "en": "Input should be a valid dictionary"},
    "content.pydantic_model_type": {
        "es": "debe ser una tabla",
        "en": "Input should be a table",
    },
    "content.pydantic_model_attributes_type": {
        "es": "debe ser una tabla",
        "en": "Input should be a table",
    },
    "content.pydantic_greater_than": {"es": "debe ser mayor que {gt}", "en": "Input should be greater than {gt}"},
    "content.pydantic_greater_than_equal": {
        "es": "debe ser mayor o igual que {ge}",
        "en": "Input should be greater than or equal to {ge}",
    },
    "content.pydantic_less_than": {"es": "debe ser menor que {lt}", "en": "Input should be less than {lt}"},
    "content.pydantic_less_than_equal": {
        "es": "debe ser menor o igual que {le}",
        "en": "Input should be less than or equal to {le}",
    },
    "content.pydantic_too_short": {
        "es": "necesita al menos {min_length} elementos, tiene {actual_length}",
        "en": "should have at least {min_length} items, not {actual_length}",
    },
    "content.pydantic_too_long": {
        "es": "admite como mucho {max_length} elementos, tiene {actual_length}",
        "en": "should have at most {max_length} items, not {actual_length}",
    },
    "content.pydantic_string_too_short": {
        "es": "debe tener al menos {min_length} caracteres",
        "en": "String should have at least {min_length} characters",
    },
    "content.pydantic_string_too_long": {
        "es": "admite como mucho {max_length} caracteres",
        "en": "String should have at most {max_length} characters",
    },
    "content.pydantic_string_pattern_mismatch": {
        "es": "no tiene la forma esperada ({pattern})",
        "en": "String should match pattern '{pattern}'",
    },
    "content.pydantic_literal_error": {"es": "debe ser {expected}", "en": "Input should be {expected}"},
    "content.pydantic_enum": {"es": "debe ser {expected}", "en": "Input should be {expected}"},
    # any other pydantic error type: its code, in both languages
    "content.pydantic_other": {
        "es": "valor no válido para este campo ({kind})",
        "en": "invalid value for this field ({kind})",
    },
    # ask: a question to the interviewer (coach/interviewer.py)
    "ask.empty": {"es": "la pregunta está vacía", "en": "the question is empty"},
    "ask.too_long": {
        "es": "la pregunta tiene {length} caracteres; haz una sola pregunta (como mucho {most})",
        "en": "the question is {length} characters long; ask one question (at most {most})",
    },
    # sim: a simulation flag out of range (coach/sim/config.py)
    "sim.out_of_range": {
        "es": "{flag}: debe estar entre 1 y {top}, no {value}",
        "en": "{flag}: must be within 1..{top}, got {value}",
    },
    "sim.positive": {"es": "{flag}: tiene que ser > 0, no {value}", "en": "{flag}: must be > 0, got {value}"},
    "sim.positive_s": {"es": "{flag}: tiene que ser > 0 s, no {value}", "en": "{flag}: must be > 0 s, got {value}"},
    "sim.at_least": {"es": "{flag}: tiene que ser >= {least}, no {value}", "en": "{flag}: must be >= {least}, got {value}"},
    "sim.share": {"es": "{flag}: tiene que estar entre 0 y 1, no {value}", "en": "{flag}: must be within 0..1, got {value}"},
    "sim.positive_bare": {"es": "{flag}: tiene que ser > 0", "en": "{flag}: must be > 0"},
    "sim.at_least_bare": {"es": "{flag}: tiene que ser >= {least}", "en": "{flag}: must be >= {least}"},
    "sim.error_rate": {
        "es": "{flag}: tiene que estar entre 0 y 1 (y ser mayor que 0)",
        "en": "{flag}: must be within 0..1 (above 0)",
    },
    "sim.no_channel": {
        "es": "{flag}: hace falta al menos un canal: email, push o sms",
        "en": "{flag}: needs at least one of email, push, sms",
    },
    "sim.channel_twice": {"es": "{flag}: hay un canal repetido", "en": "{flag}: a channel is repeated"},
    "sim.channel_names": {"es": "{flag}: los canales son email, push y sms", "en": "{flag}: use email, push, sms"},
    "sim.channel_list": {
        "es": "--channels: se espera una lista separada por comas de email, push y sms, no {raw!r}",
        "en": "--channels: expected a comma list of email, push, sms, got {raw!r}",
    },
    "sim.service_dist": {
        "es": "{flag}: usa exp, const o lognormal, no {value!r}",
        "en": "{flag}: use exp, const or lognormal, got {value!r}",
    },
    "sim.model": {"es": "--model: usa service o mmc, no {model!r}", "en": "--model: use service or mmc, got {model!r}"},
    "sim.backoff_cap": {"es": "{flag}: el tope queda por debajo de la base", "en": "{flag}: the cap is below the base"},
    "sim.mix_per_channel": {
        "es": "{flag}: hace falta una proporción por canal",
        "en": "{flag}: needs one share per channel",
    },
    "sim.mix_share": {
        "es": "{flag}: cada proporción tiene que estar entre 0 y 1",
        "en": "{flag}: shares must be within 0..1",
    },
    "sim.mix_sum": {
        "es": "{flag}: las proporciones tienen que sumar al menos 1 (toda notificación sale por algún canal)",
        "en": "{flag}: shares must add up to at least 1 (every notification uses a channel)",
    },
    "sim.outage_window": {
        "es": "{flag}: hace falta START >= 0 y LEN > 0, no {start}:{length}",
        "en": "{flag}: needs START >= 0 and LEN > 0, got {start}:{length}",
    },
    "sim.outage_channel": {
        "es": "{flag}: {channel} no es uno de los canales de la simulación ({channels})",
        "en": "{flag}: {channel} is not one of the run's channels ({channels})",
    },
    "sim.rate_limit": {
        "es": "{flag}: hace falta una tasa > 0 y una ráfaga >= 1",
        "en": "{flag}: needs a rate > 0 and a burst >= 1",
    },
    "sim.outage_format": {
        "es": "--outage: se espera CHANNEL:START:DURATION en segundos (p. ej. sms:30:60) o START:DURATION, no {text!r}",
        "en": "--outage: expected CHANNEL:START:DURATION in seconds (e.g. sms:30:60) or START:DURATION, got {text!r}",
    },
    "sim.outage_duration": {
        "es": "--outage: DURATION tiene que ser > 0, no {text!r}",
        "en": "--outage: DURATION must be > 0, got {text!r}",
    },
    # demo: choosing a demonstration (coach/sim/demos.py, coach demo)
    "demo.unknown_step": {
        "es": "--step: paso desconocido {step!r}; usa uno de estos: {steps}",
        "en": "--step: unknown step {step!r}; use one of {steps}",
    },
    "demo.no_demo": {
        "es": "no hay demo para el paso {step!r}; pasos con demo: {steps}",
        "en": "no demo for step {step!r}; steps with a demo: {steps}",
    },
    "demo.no_simulation": {
        "es": "el escenario {scenario!r} no tiene sección [simulation]",
        "en": "scenario {scenario!r} has no [simulation] section",
    },
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The message `key` in `lang`, with `values` filled into its placeholders."""
    text = MESSAGES[key][lang]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    """Whether the catalog holds `key` (for keys built from data, such as a reason code)."""
    return key in MESSAGES


def problem(key: str, *, numbers: Mapping[str, float] | None = None, **values: object) -> Problem:
    """An error line from the catalog in both languages; the CLI prints the reader's.

    `numbers` are formatted per language by coach.formatting (1,000,000 / 1.000.000);
    a value that is itself a Problem (a hint, an earlier error) is filled in each language.
    """
    def one(lang: Lang) -> str:
        filled = {name: in_lang(value, lang) if isinstance(value, Problem) else value for name, value in values.items()}
        if numbers:
            from coach.formatting import decimal

            filled.update({name: decimal(value, lang) for name, value in numbers.items()})
        return t(key, lang, **filled)

    return Problem(one("en"), one("es"))
