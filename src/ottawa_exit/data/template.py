"""`ottawa-exit rules template`: a commented starter rules file that passes `rules check` as printed."""

from __future__ import annotations

import re
from datetime import date

from .model import State


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "state"


def template(state: State | None, name: str) -> str:
    if state is not None:
        return _extend(state)
    return _new(name)


def _extend(state: State) -> str:
    steps = ", ".join(s.id for s in state.procedure.steps)
    return f'''# Extends the built-in rules for {state.name}. Use it with:  ottawa-exit --rules THIS_FILE ...
# Keys given here replace the built-in ones; an event for a step replaces the built-in event for that step.
# Giving [[steps]] replaces the whole procedure (steps keep their order). Check with:  ottawa-exit rules check FILE

[state]
id = "{state.id}"
# reviewed = {date.today().isoformat()}   # the day you checked these facts against the record

# Record a step's date with its source. Steps of {state.name}: {steps}
# [[events]]
# step = "{state.procedure.steps[-1].id}"
# date = 2026-01-31                  # or: earliest = 2026-01-20 and latest = 2026-01-31 (a window), or date = "unknown"
# detail = "what happened, e.g. the vote count"
# source = "https://example.org/the-public-source"
# note = "where reports disagree, say so here"
'''


def _new(name: str) -> str:
    title = " ".join(name.split()) or "New state"
    return f'''# Adds {title} to the states ottawa-exit knows. Use it with:  ottawa-exit --rules THIS_FILE timeline {_slug(title)}
# With no [[steps]], the state gets the generic procedure: the deposit with the UN Secretary-General alone.
# Check with:  ottawa-exit rules check FILE

[state]
id = "{_slug(title)}"
name = "{title.replace('"', "'")}"
iso2 = "XX"      # replace with the ISO 3166 alpha-2 code
iso3 = "XXX"     # replace with the ISO 3166 alpha-3 code
# native_name = ""
# aliases = []
# reviewed = {date.today().isoformat()}
# deposited = 1998-12-03             # the day the UN received the state's ratification or accession
# bound_from = 1999-03-01            # the day the Convention bound the state (nothing is projected before it)
# bound_source = "https://example.org/the-public-source"

# Notes, each with the day from which it was known (an as-of view before that day leaves it out):
# [[notes]]
# text = "what a reader should know"
# known_from = 2026-01-31
# source = "https://example.org/the-public-source"

# Nothing is projected until a step of the withdrawal is recorded (or given as a what-if with --step/--receipt).

# The Depositary's receipt, once known (the effective date then follows from Article 20):
# [[events]]
# step = "receipt"
# date = 2026-01-31
# source = "https://example.org/the-public-source"
# known_from = 2026-02-03           # if it was reported later than it happened

# A procedure of your own: ordered steps ending with "receipt". Each step has one or more duration ranges in days
# after the previous step, each with the day it was known from (a precedent's date, an observation's date); a
# projection as of a date uses the latest range known by then.
# [[steps]]
# id = "parliament-vote"
# title = "Parliament approves the withdrawal"
# short = "Parliament vote"          # its label on a chart (default: the id in words)
# actor = "Parliament"
# requirement = "majority of votes cast"
# legal_basis = "Constitution Art. ..."
# statutory_limit = {{ days = 30, from = "the bill's submission", text = "30 days (Art. ...)" }}  # from_step = "an earlier step id" when it counts from one
# [[steps.durations]]
# known_from = 2010-01-01
# earliest = 7
# typical = 30
# latest = 90
# basis = "why these numbers (a precedent, the statutory limit)"
# source = "https://example.org/the-precedent"
#
# [[steps]]
# id = "receipt"
# title = "UN Secretary-General receives the instrument of withdrawal"
# actor = "Ministry of Foreign Affairs"
# requirement = "notice with a full explanation of the reasons"
# legal_basis = "Ottawa Convention Art. 20(2)"
# [[steps.durations]]
# known_from = 2010-01-01
# earliest = 1
# typical = 15
# latest = 45
# basis = "why these numbers"
'''
