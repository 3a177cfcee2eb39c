"""Every text the interview screens show, in Spanish and English."""

from __future__ import annotations

from coach.i18n import Lang

_T: dict[str, dict[Lang, str]] = {
    # the countdown (toolbar); states carry a symbol and a word, never colour alone
    "left": {"es": "quedan {clock}", "en": "{clock} left"},
    "of": {"es": "{elapsed} de {budget}", "en": "{elapsed} of {budget}"},
    "target": {"es": "objetivo {span}", "en": "target {span}"},
    "early": {"es": "antes de la ventana", "en": "before the window"},
    "in_window": {"es": "en la ventana", "en": "in the window"},
    "warning": {"es": "queda poco", "en": "almost out"},
    "overtime": {"es": "TIEMPO EXTRA +{clock}", "en": "OVERTIME +{clock}"},
    "untimed": {"es": "sin cronómetro", "en": "untimed"},
    "spoken": {"es": "hablado {clock}", "en": "spoken {clock}"},
    "keys": {
        "es": "Esc Enter o Ctrl-D: enviar · Ctrl-Q: preguntar al entrevistador · ? + Ctrl-D: guía · Ctrl-X Ctrl-E: editor · Ctrl-C: guardar y salir",
        "en": "Esc Enter or Ctrl-D: submit · Ctrl-Q: ask the interviewer · ? + Ctrl-D: guidance · Ctrl-X Ctrl-E: editor · Ctrl-C: save and quit",
    },
    # the interviewer answers clarifying questions (Ctrl-Q, coach ask)
    "interviewer": {"es": "Entrevistador", "en": "Interviewer"},
    "ask_how": {
        "es": "Escribe una pregunta (una línea que acabe en «?» o empiece por «¿») y pulsa Ctrl-Q; el reloj sigue.",
        "en": "Type a question (a line ending in \"?\") and press Ctrl-Q; the clock keeps running.",
    },
    "asked": {"es": "Preguntas al entrevistador", "en": "Questions to the interviewer"},
    # speak mode
    "speak_start": {
        "es": "Pulsa Enter y empieza a hablar en voz alta; Enter otra vez para parar.",
        "en": "Press Enter and start speaking aloud; Enter again to stop.",
    },
    "speak_now": {"es": "Hablando… Enter para parar", "en": "Speaking… Enter to stop"},
    "speak_points": {
        "es": "Ahora escribe los puntos clave que dijiste (es lo que se puntúa).",
        "en": "Now type the key points you said (that is what is scored).",
    },
    # screens
    "plan": {"es": "Plan", "en": "Plan"},
    "step": {"es": "Paso", "en": "Step"},
    "time": {"es": "Tiempo", "en": "Time"},
    "window": {"es": "ventana {span}", "en": "window {span}"},
    "total_time": {"es": "Total: {clock}", "en": "Total: {clock}"},
    "mode_practice": {
        "es": "Modo práctica: verás la corrección de cada paso al terminarlo.",
        "en": "Practice mode: you see each step's feedback right after it.",
    },
    "mode_mock": {
        "es": "Modo simulacro: ninguna corrección hasta el final, como en una entrevista.",
        "en": "Mock mode: no feedback until the end, as in an interview.",
    },
    "mode_name_practice": {"es": "práctica", "en": "practice"},
    "mode_name_mock": {"es": "simulacro", "en": "mock"},
    "mode_name_drill": {"es": "drill", "en": "drill"},
    "mode_drill": {"es": "Drill: un solo paso, con corrección.", "en": "Drill: one step, with feedback."},
    "continue": {
        "es": "Enter para seguir (el reloj del siguiente paso aún no corre)",
        "en": "Enter to go on (the next step's clock is not running yet)",
    },
    "continue_last": {
        "es": "Enter para ver el resultado",
        "en": "Enter to see the scorecard",
    },
    "more": {
        "es": "r + Enter: respuesta de referencia y simulación · Enter: seguir",
        "en": "r + Enter: reference answer and simulation · Enter: go on",
    },
    "keys_mock": {
        "es": "Esc Enter o Ctrl-D: enviar · Ctrl-Q: preguntar al entrevistador · Ctrl-X Ctrl-E: editor · Ctrl-C: guardar y salir",
        "en": "Esc Enter or Ctrl-D: submit · Ctrl-Q: ask the interviewer · Ctrl-X Ctrl-E: editor · Ctrl-C: save and quit",
    },
    # a follow-up probe: no guidance and no interviewer to ask (the interviewer is the one asking)
    "keys_probe": {
        "es": "Esc Enter o Ctrl-D: enviar · Ctrl-X Ctrl-E: editor · Ctrl-C: guardar y salir",
        "en": "Esc Enter or Ctrl-D: submit · Ctrl-X Ctrl-E: editor · Ctrl-C: save and quit",
    },
    "no_guidance": {
        "es": "Simulacro: sin guía, como en una entrevista real. Responde con lo que sepas.",
        "en": "Mock mode: no guidance, as in a real interview. Answer with what you know.",
    },
    "probe": {"es": "Repregunta", "en": "Follow-up"},
    "probe_intro": {
        "es": "El entrevistador tira del hilo (mismo cronómetro, {clock}):",
        "en": "The interviewer digs deeper (same timer rules, {clock}):",
    },
    "probe_end": {
        "es": "Últimos minutos: el entrevistador repregunta ({count}).",
        "en": "Last minutes: the interviewer follows up ({count}).",
    },
    "probe_result": {"es": "Tras la repregunta", "en": "After the follow-up"},
    "probe_raised": {"es": "sube", "en": "raised"},
    "probe_same": {"es": "sin cambio", "en": "unchanged"},
    "credit_none": {"es": "nada", "en": "none"},
    "credit_mentioned": {"es": "mencionado", "en": "mentioned"},
    "credit_decided": {"es": "decidido", "en": "decided"},
    "credit_justified": {"es": "justificado", "en": "justified"},
    "cue_card": {"es": "Guion", "en": "Cue card"},
    "guidance": {"es": "Guía", "en": "Guidance"},
    "focus": {"es": "Lo que más se te escapa aquí", "en": "What you miss most here"},
    "skip": {"es": "Respuesta vacía. ¿Saltar este paso?", "en": "Empty answer. Skip this step?"},
    "skip_no": {"es": "No, seguir respondiendo", "en": "No, keep answering"},
    "skip_yes": {"es": "Sí, saltar el paso", "en": "Yes, skip the step"},
    "score": {"es": "Puntuación", "en": "Score"},
    "covered": {"es": "Cubierto", "en": "Covered"},
    "missed": {"es": "Te faltó", "en": "Missed"},
    "said_in": {"es": "dicho en {step}", "en": "said in {step}"},
    "arithmetic": {"es": "Cuentas", "en": "Arithmetic"},
    "timing": {"es": "Tiempo", "en": "Timing"},
    "reference": {"es": "Respuesta de referencia", "en": "Reference answer"},
    "demo": {"es": "Simulación", "en": "Simulation"},
    "scorecard": {"es": "Resultado", "en": "Scorecard"},
    "total": {"es": "Total", "en": "Total"},
    "level": {"es": "Nivel", "en": "Level"},
    "level_next": {"es": "Para subir de nivel", "en": "To reach the next level"},
    "pacing": {"es": "Ritmo", "en": "Pacing"},
    "vs": {"es": "{elapsed} de {budget}", "en": "{elapsed} vs {budget}"},
    "pace_over": {"es": "⚠ +{clock} de más", "en": "⚠ +{clock} over"},
    "pace_early": {"es": "◔ corto", "en": "◔ short"},
    "pace_short": {"es": "◔ demasiado corto", "en": "◔ too short"},
    "pace_ok": {"es": "✓ a tiempo", "en": "✓ on time"},
    "design": {"es": "Tu diseño en la simulación", "en": "Your design in the simulation"},
    "design_unknown": {
        "es": "No diste bastantes números (QPS, workers, SLO) para simularlo.",
        "en": "Not enough numbers (QPS, workers, SLO) to simulate it.",
    },
    "strongest": {"es": "Lo mejor", "en": "Strongest"},
    "weakest": {"es": "Lo más flojo", "en": "Weakest"},
    "drill_next": {"es": "Qué practicar ahora", "en": "What to drill next"},
    "drill_cmd": {"es": "coach drill {step}", "en": "coach drill {step}"},
    "saved_at": {"es": "Sesión {sid} guardada.", "en": "Session {sid} saved."},
    "interrupted": {
        "es": "Interrumpido. Todo está guardado; continúa con: coach resume {sid}",
        "en": "Interrupted. Everything is saved; continue with: coach resume {sid}",
    },
    "export_later": {
        "es": "la sesión está guardada: expórtala con coach export {sid} --out HOJA.md",
        "en": "the session is saved: export it with coach export {sid} --out SHEET.md",
    },
    "export_written": {"es": "Hoja exportada en {path}", "en": "Sheet exported to {path}"},
    "export_offer": {"es": "¿Guardar la hoja de respuestas (Markdown)?", "en": "Save the answer sheet (Markdown)?"},
    "export_path": {"es": "¿Dónde?", "en": "Where?"},
    "export_yes": {"es": "Sí, guardarla", "en": "Yes, save it"},
    "export_no": {"es": "No", "en": "No"},
    "exists_overwrite": {"es": "{path} ya existe. ¿Sobrescribirlo?", "en": "{path} already exists. Overwrite it?"},
    "overwrite_yes": {"es": "Sí, sobrescribir", "en": "Yes, overwrite"},
    "exists": {
        "es": "{path} ya existe; usa --force para sobrescribirlo",
        "en": "{path} already exists; use --force to overwrite it",
    },
    "bad_mode": {
        "es": "--mode: modo desconocido {value!r}; usa practice o mock",
        "en": "--mode: unknown mode {value!r}; use practice or mock",
    },
    "speak_no_timer": {
        "es": "--speak cronometra lo que dices: no se puede combinar con --no-timer",
        "en": "--speak times what you say: it cannot be combined with --no-timer",
    },
    "other_scenario": {
        "es": "{path}: la hoja es del escenario {sheet!r}, no de {scenario!r}",
        "en": "{path}: the sheet is for scenario {sheet!r}, not {scenario!r}",
    },
    "no_folder": {
        "es": "{path}: la carpeta {folder} no existe",
        "en": "{path}: directory {folder} does not exist",
    },
    "drill_nothing_yet": {
        "es": "Aún no hay nada que repasar: termina una sesión (coach run) o practica un paso (coach drill 7).",
        "en": "Nothing to review yet: finish a session (coach run) or drill a step (coach drill 7).",
    },
    "drill_nothing_due": {
        "es": "Nada pendiente ahora; el próximo repaso es el {when} ({n} puntos en el calendario).",
        "en": "Nothing is due now; the next review is on {when} ({n} items scheduled).",
    },
    "drill_due": {"es": "Repaso: {n} puntos pendientes en {scenario}.", "en": "Review: {n} items due in {scenario}."},
    "due_week": {"es": "Para repasar esta semana", "en": "Due for review this week"},
    "due_now": {"es": "ya", "en": "now"},
    "due_none": {"es": "Nada que repasar esta semana.", "en": "Nothing due this week."},
    "lapsing": {"es": "Lo que se te sigue escapando", "en": "Items that keep lapsing"},
    "lapses_n": {"es": "fallado {lapses} de {reviews}", "en": "missed {lapses} of {reviews}"},
    "bad_step": {
        "es": "paso desconocido {step!r}{hint}; los pasos son: {steps}",
        "en": "unknown step {step!r}{hint}; expected one of {steps}",
    },
    "not_tty": {
        "es": "no es una terminal interactiva; usa --answers HOJA.md para puntuar una hoja sin preguntas",
        "en": "not an interactive terminal; use --answers SHEET.md to run from a filled sheet",
    },
    "resuming": {
        "es": "Retomando la sesión {sid} en el paso {step}.",
        "en": "Resuming session {sid} at step {step}.",
    },
    "nothing_to_resume": {
        "es": "no hay ninguna sesión sin terminar (mira `coach history`)",
        "en": "no unfinished session (see `coach history`)",
    },
    # history and stats
    "date": {"es": "fecha", "en": "date"},
    "id": {"es": "sesión", "en": "session"},
    "scenario": {"es": "escenario", "en": "scenario"},
    "mode": {"es": "modo", "en": "mode"},
    "lang": {"es": "idioma", "en": "lang"},
    "duration": {"es": "tiempo", "en": "time"},
    "status": {"es": "fin", "en": "done"},
    "finished": {"es": "terminada", "en": "finished"},
    "active": {"es": "a medias", "en": "unfinished"},
    "no_sessions": {
        "es": "Aún no hay sesiones. Elige un escenario con coach scenarios list y empieza con: coach run ID",
        "en": "No sessions yet. Pick a scenario with coach scenarios list, then start with: coach run ID",
    },
    "by_scenario": {"es": "Por escenario", "en": "By scenario"},
    "mean": {"es": "media", "en": "mean"},
    "all_scenarios": {"es": "todos los escenarios", "en": "all scenarios"},
    "trends": {"es": "Evolución por paso", "en": "Per-step trend"},
    "sessions": {"es": "sesiones", "en": "sessions"},
    "last": {"es": "última", "en": "last"},
    "best": {"es": "mejor", "en": "best"},
    "most_missed": {"es": "Lo que más se te escapa", "en": "Missed most often"},
    "missed_n": {"es": "{missed} de {seen}", "en": "{missed} of {seen}"},
    # menu
    "menu_scenario": {"es": "Escenario", "en": "Scenario"},
    "menu_mode": {"es": "Modo", "en": "Mode"},
    "menu_lang": {"es": "Idioma", "en": "Language"},
    "menu_timed": {"es": "¿Con cronómetro?", "en": "Timed?"},
    "timed_yes": {"es": "Sí, con cuenta atrás y ritmo", "en": "Yes, with countdown and pacing"},
    "timed_no": {"es": "No, sin cronómetro", "en": "No, untimed"},
    "practice": {"es": "práctica (corrección tras cada paso)", "en": "practice (feedback after each step)"},
    "mock": {"es": "simulacro (corrección al final)", "en": "mock (feedback at the end)"},
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The text `key` in `lang`, with `{placeholders}` filled."""
    text = _T[key][lang]
    return text.format(**values) if values else text


def clock(seconds: float) -> str:
    """mm:ss (minutes grow past 59: 75:00)."""
    whole = max(0, round(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def short_clock(seconds: float) -> str:
    """m:ss for budgets and windows (5:00, 3:00–4:00)."""
    whole = max(0, round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"
