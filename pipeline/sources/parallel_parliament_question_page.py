"""Parallel Parliament's page for one written question (parallelparliament.co.uk).

The site republishes the older parliament.uk question page line for line, and adds a
link to the official page after the tabled date::

    Local Education Authorities
    (asked on 10th June 2014) - View Source
    Question to the Department for Education:
    To ask the Secretary of State for Education, ...
    Answered by
     Portrait                                   <- a photo caption, its name sometimes lost
    David Laws
    Parliamentary Under-Secretary (...)         <- the office, on later pages
    This question was answered on 18th June 2014
    <answer paragraphs>

It is read as that page is (:mod:`.parliament_question_page`).
"""

from __future__ import annotations

from . import parliament_question_page
from .common import HEAD

LAYOUT = "parallel_parliament_question_page"
#: Asked before the site's listing reader: a question's page may print "Asked by:" as listings do.
PRIORITY = 90


def recognises(text: str) -> bool:
    head = text[:HEAD]
    return "View Source" in head and bool(parliament_question_page.VIEW_SOURCE.search(head)) and parliament_question_page.is_question_page(text)


read = parliament_question_page.read
