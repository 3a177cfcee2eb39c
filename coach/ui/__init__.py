"""Terminal UI of a session: the timed answer prompt (prompt_toolkit), menus (questionary), rich rendering.

Nothing here scores or simulates; `coach.ui.terminal.TerminalPrompter` is the object the
session drives (`coach.session.Prompter`).
"""
