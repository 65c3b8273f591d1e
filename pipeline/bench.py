"""A generated corpus of realistic written answers, and the benchmark that builds it.

The corpus is deterministic: answer ``i`` depends only on ``i`` (and on the layouts the
installed readers know), so the corpus of ``k`` answers is the first ``k`` answers of
any larger one, in the same files. Answers are spread over every layout that
:func:`pipeline.sources.layouts` lists, a page of ``PAGE_ANSWERS`` consecutive answers
to each layout in turn, with one render function per layout. Listings, Hansard and the
linked-data API print a whole page in one file, as the real sources print many answers
to a page; a corpus is therefore written in whole pages. Each answer has
several paragraphs (about 100-400 words) with money, percentages, counts and ranges,
footnoted URLs, quoted publication titles and citations of earlier answers in the corpus;
about one question in fifty also has a holding answer in another seed, so that merging
sources is exercised.

The benchmark runs each stage in a child process and reports its wall time, throughput
and peak resident memory:

- ``floor``: read and SHA-256 every seed, nothing else (the I/O floor of any build);
- ``build``: a full build with an empty cache;
- ``rebuild``: a build after one seed changed, with the cache of the full build;
- ``validate``: :func:`pipeline.check` on the package alone (the checks of ``pqpub validate``
  but the seeds and freshness ones, which are a build);
- ``frictionless``: ``frictionless`` validation of the CSV resources, for comparison;
- ``extraction``: the CPU time of each step of pass 1 for one answer (reading its layout,
  finding its statistics and references, its quality flags, its rows), in one process over
  the first :data:`EXTRACTION_SAMPLE_FILES` seeds, beside what the throughput target allows.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Callable

#: Changing it changes every generated answer; keep it fixed so that figures stay comparable.
CORPUS_SEED = 20140507
#: Seeds per sub-folder of the generated corpus.
FOLDER_SIZE = 1000
#: Answers to a page: layouts that print several answers to a page (listings, Hansard, the
#: linked-data API) print this many; the others take one file each. FOLDER_SIZE and the
#: 40 answers of a day are multiples of it, so a page never spans two folders or two days.
PAGE_ANSWERS = 4

DEPARTMENTS = [
    ("Department for Education", "Secretary of State for Education"),
    ("Department of Health and Social Care", "Secretary of State for Health and Social Care"),
    ("Home Office", "Secretary of State for the Home Department"),
    ("Ministry of Justice", "Secretary of State for Justice"),
    ("HM Treasury", "Chancellor of the Exchequer"),
    ("Department for Transport", "Secretary of State for Transport"),
    ("Ministry of Defence", "Secretary of State for Defence"),
    ("Department for Work and Pensions", "Secretary of State for Work and Pensions"),
    ("Department for Environment, Food and Rural Affairs", "Secretary of State for Environment, Food and Rural Affairs"),
    ("Foreign, Commonwealth and Development Office", "Secretary of State for Foreign, Commonwealth and Development Affairs"),
    ("Department for Energy Security and Net Zero", "Secretary of State for Energy Security and Net Zero"),
    ("Ministry of Housing, Communities and Local Government", "Secretary of State for Housing, Communities and Local Government"),
]
PARTIES = ["Labour", "Conservative", "Liberal Democrat", "Scottish National Party", "Green Party", "Plaid Cymru",
           "Democratic Unionist Party", "Independent"]
MINISTERS = [
    "Edward Timpson", "Nadhim Zahawi", "Victoria Atkins", "Chris Philp", "Kemi Badenoch", "Jesse Norman",
    "Baroness Barran", "Lord Sharpe of Epsom", "Maria Caulfield", "James Cartlidge", "Mims Davies", "Rebecca Pow",
    "Andrew Griffith", "Lee Rowley", "Damian Hinds", "Stuart Andrew",
]
MEMBERS = [
    "Jess Phillips", "Tim Farron", "Caroline Lucas", "Dawn Butler", "Jim Shannon", "Layla Moran", "Peter Bone",
    "Stella Creasy", "Wera Hobhouse", "Kevin Brennan", "Baroness Jones of Moulsecoomb", "Lord Storey",
    "Emily Thornberry", "Daisy Cooper", "Ben Lake", "Carla Lockhart",
]
TOPICS = [
    ("Children: Exploitation", "child criminal exploitation", "children"),
    ("Schools: Mental Health Services", "mental health support in schools", "pupils"),
    ("Apprentices", "flexi-job apprenticeships", "apprentices"),
    ("Prisons: Staff", "recruitment and retention of prison officers", "officers"),
    ("Roads: Repairs", "pothole repairs on local roads", "potholes"),
    ("NHS: Waiting Lists", "elective waiting lists", "patients"),
    ("Housing: Homelessness", "temporary accommodation for homeless families", "households"),
    ("Armed Forces: Recruitment", "recruitment to the armed forces", "recruits"),
    ("Universal Credit: Disability", "universal credit claimants with disabilities", "claimants"),
    ("Flood Control", "flood defence schemes", "properties"),
    ("Energy: Prices", "support with household energy bills", "households"),
    ("Police: Training", "police training on domestic abuse", "officers"),
]
PUBLICATIONS = [
    "Working together to safeguard children (2018)", "Keeping children safe in education 2023",
    "Tackling Child Sexual Exploitation Action Plan", "The Road Investment Strategy 2", "Prison Safety and Reform",
    "Ending Rough Sleeping for Good", "Defence in a competitive age", "Net Zero Strategy: Build Back Greener",
    "Health and wellbeing of the workforce (2019)", "Safer Streets Fund prospectus",
]
PLACES = [
    "Birmingham", "Manchester", "Leeds", "Bristol", "Cornwall", "Cumbria", "Kent", "Norfolk", "Lincolnshire", "Devon",
    "the North East", "the North West", "Yorkshire and the Humber", "the East Midlands", "the West Midlands",
    "the East of England", "London", "the South East", "the South West", "Sheffield", "Liverpool", "Newcastle upon Tyne",
    "Nottingham", "Leicester", "Coventry", "Bradford", "Hull", "Stoke-on-Trent", "Plymouth", "Southampton", "Portsmouth",
    "Derby", "Luton", "Sunderland", "Wolverhampton", "Blackpool", "Middlesbrough", "Oxfordshire", "Cambridgeshire",
    "Hertfordshire", "Essex", "Surrey", "Suffolk", "Northumberland", "Shropshire", "Herefordshire", "Somerset", "Dorset",
    "Wiltshire", "rural areas",
]
DOMAINS = ["www.gov.uk/government/publications", "www.gov.uk/guidance", "assets.publishing.service.gov.uk/media",
           "www.ons.gov.uk/peoplepopulationandcommunity", "explore-education-statistics.service.gov.uk/find-statistics"]
FILLER = [
    "The Government is committed to ensuring that every {counted_singular} receives the support they need.",
    "Officials continue to work closely with local partners on {subject}.",
    "This remains a priority for the Department and we keep the position under review.",
    "Decisions on local provision are a matter for the relevant local bodies, who are best placed to assess need.",
    "We will set out further details in due course, including how progress will be monitored.",
    "The Department does not hold information in the form requested, and it could be provided only at disproportionate cost.",
    "Guidance sets out the expectations on all agencies and is kept under regular review.",
    "Further information is published regularly and is available in the Library of the House.",
]
STATISTIC_SENTENCES = [
    "In {year}, the Department provided £{money} million for {subject}.",
    "Funding of £{small},000 was allocated to each of the {count} participating areas.",
    "Around {pct}% of {counted} reported an improvement, compared with {pct2}% in the previous year.",
    "Latest figures show that {count_big} {counted} were supported in {year}, an increase of {pct} per cent.",
    "Between {lo},000 and {hi},000 {counted} are expected to benefit over the spending review period.",
    "The programme is backed by £{bn}bn of investment over {count} years.",
    "Of these, {pct}% were seen within 18 weeks, and the median wait was {count} weeks.",
    "A further £{money}m has been made available to {count} local authorities this year.",
]


def _answered_day(i: int) -> date:
    # Answers run forward in time through the corpus, about 40 a day, from 2014.
    return date(2014, 5, 7) + timedelta(days=(i // 40) % 3650)


@dataclass(frozen=True)
class GeneratedAnswer:
    index: int
    uin: str
    house: str
    heading: str
    department: str
    asking_member: str
    minister: str
    question: str
    tabled: date
    answered: date
    paragraphs: tuple[str, ...]
    #: (footnote number, URL)
    footnotes: tuple[tuple[int, str], ...]
    is_holding: bool = False
    replaces_holding: bool = False
    grouped_uins: tuple[str, ...] = ()


def _meta(i: int) -> tuple[str, str, date, date]:
    """UIN, house, tabled and answered date of answer ``i``: what a later answer needs to cite it."""
    rng = random.Random(f"{CORPUS_SEED}:meta:{i}")
    lords = rng.random() < 0.15
    answered = _answered_day(i)
    tabled = answered - timedelta(days=rng.randint(3, 21))
    uin = f"HL{1000 + i}" if lords else str(100000 + i)
    return uin, "Lords" if lords else "Commons", tabled, answered


def generate_answer(i: int) -> GeneratedAnswer:
    """Answer ``i`` of the generated corpus; it does not depend on how many answers are generated."""
    uin, house, tabled, answered = _meta(i)
    rng = random.Random(f"{CORPUS_SEED}:text:{i}")
    department, office = rng.choice(DEPARTMENTS)
    heading, subject, counted = rng.choice(TOPICS)
    minister = rng.choice(MINISTERS)
    # Real questions are unique; a place, a date and a period make generated ones so too.
    place = rng.choice(PLACES)
    since = _long_date(date(2009, 1, 1) + timedelta(days=rng.randint(0, 3650)))
    period = rng.randint(2, 12)
    if house == "Lords":
        question = (f"To ask His Majesty's Government what steps they are taking to improve {subject} in {place}; and what "
                    f"assessment they have made of the number of {counted} affected since {since} and over the last {period} years.")
    else:
        question = (f"To ask the {office}, what steps his Department is taking to improve {subject} in {place}; how many "
                    f"{counted} have been affected since {since}; and what assessment he has made of trends over the last {period} years.")
    footnotes: list[tuple[int, str]] = []
    paragraphs: list[str] = []
    words = 0
    target = rng.randint(100, 400)
    year = answered.year - rng.randint(0, 2)
    if i > 50 and rng.random() < 0.3:
        cited = rng.randint(max(0, i - 2000), i - 1)
        cited_uin, _, _, cited_answered = _meta(cited)
        paragraphs.append(
            f"I refer the hon. Member to the Answer of {cited_answered.day} {cited_answered:%B %Y} to Question {cited_uin}. "
            + rng.choice(FILLER).format(counted_singular=counted.rstrip("s"), subject=subject)
        )
    while words < target:
        sentences = []
        for _ in range(rng.randint(2, 5)):
            roll = rng.random()
            if roll < 0.3:
                template = rng.choice(STATISTIC_SENTENCES)
                lo = rng.randint(2, 40)
                sentences.append(template.format(
                    year=year, money=f"{rng.randint(1, 99)}.{rng.randint(1, 9)}", small=rng.randint(10, 900),
                    count=rng.randint(3, 150), count_big=f"{rng.randint(1, 99)},{rng.randint(100, 999)}",
                    pct=rng.randint(2, 99), pct2=rng.randint(2, 99), lo=lo, hi=lo + rng.randint(1, 20),
                    bn=f"{rng.randint(1, 9)}.{rng.randint(1, 9)}", subject=subject, counted=counted,
                ))
            elif roll < 0.42:
                number = len(footnotes) + 1
                slug = "-".join(subject.split()[:4])
                footnotes.append((number, f"https://{rng.choice(DOMAINS)}/{slug}-{year}-{rng.randint(100, 99999)}"))
                sentences.append(f"Further details are set out in the published guidance on {subject}.[{number}]")
            elif roll < 0.52:
                sentences.append(f"The guidance ‘{rng.choice(PUBLICATIONS)}’ sets out what is expected of local partners.")
            else:
                sentences.append(rng.choice(FILLER).format(counted_singular=counted.rstrip("s"), subject=subject))
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        words += len(paragraph.split())
    grouped = tuple(str(100000 + i + k) for k in (1, 2)) if house == "Commons" and rng.random() < 0.05 else ()
    return GeneratedAnswer(
        index=i, uin=uin, house=house, heading=heading, department=department, asking_member=rng.choice(MEMBERS),
        minister=minister, question=question, tabled=tabled, answered=answered, paragraphs=tuple(paragraphs),
        footnotes=tuple(footnotes), replaces_holding=i % 50 == 7, grouped_uins=grouped,
    )


def holding_answer(answer: GeneratedAnswer) -> GeneratedAnswer:
    """The holding answer given before ``answer`` (same question, answered earlier)."""
    return GeneratedAnswer(
        index=answer.index, uin=answer.uin, house=answer.house, heading=answer.heading, department=answer.department,
        asking_member=answer.asking_member, minister=answer.minister, question=answer.question, tabled=answer.tabled,
        answered=answer.tabled + timedelta(days=2), is_holding=True, footnotes=(),
        paragraphs=("I will reply to the hon. Member as soon as possible.",),
    )


# --- one render function per layout ------------------------------------------------


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _ordinal_date(day: date) -> str:
    suffix = "th" if 10 <= day.day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return f"{day.day}{suffix} {day:%B %Y}"


def _plain_body(answer: GeneratedAnswer) -> str:
    blocks = list(answer.paragraphs)
    blocks += [f"[{n}] {url}" for n, url in answer.footnotes]
    return "\n\n".join(blocks)


def render_questions_statements_page(answer: GeneratedAnswer) -> tuple[str, str]:
    lines = ["Skip to main content", "", answer.heading, "", f"Question for {answer.department}", "",
             f"UIN {answer.uin}, tabled on {_long_date(answer.tabled)}", "", answer.question, ""]
    if answer.is_holding:
        lines += ["This is a holding answer.", ""]
    if answer.replaces_holding:
        lines += ["This answer is the replacement for a previous holding answer.", ""]
    lines += [f"Asked by {answer.asking_member}", "", "Answered by", "", f"{answer.minister} Portrait", answer.minister, "",
              "Answered on", "", _long_date(answer.answered), "", _plain_body(answer), ""]
    return ".txt", "\n".join(lines)


def render_parliament_question_page(answer: GeneratedAnswer) -> tuple[str, str]:
    lines = [answer.heading, "", f"(asked on {_ordinal_date(answer.tabled)})", "", f"Question to the {answer.department}:", "",
             answer.question, "", f"Asked by {answer.asking_member}", "", "Answered by", f"{answer.minister} Portrait",
             answer.minister, f"This question was answered on {_ordinal_date(answer.answered)}", "", _plain_body(answer), ""]
    if answer.replaces_holding:
        lines.insert(8, "This answer is the replacement for a previous holding answer.")
    return ".txt", "\n".join(lines)


def _html_body(answer: GeneratedAnswer) -> str:
    import html

    blocks = [f"<p>{html.escape(p, quote=False)}</p>" for p in answer.paragraphs]
    blocks += [f'<p>[{n}] <a href="{url}">{url}</a></p>' for n, url in answer.footnotes]
    return "<p> </p>".join(blocks)


def render_written_questions_api(answer: GeneratedAnswer) -> tuple[str, str]:
    record = {
        "id": 1_000_000 + answer.index, "askingMemberId": 4000 + answer.index % 600, "askingMember": None,
        "house": answer.house, "memberHasInterest": False,
        "dateTabled": f"{answer.tabled.isoformat()}T00:00:00", "uin": answer.uin, "questionText": answer.question,
        "answeringBodyId": 60, "answeringBodyName": answer.department, "isWithdrawn": False,
        "groupedQuestions": list(answer.grouped_uins), "answerIsHolding": answer.is_holding, "answerIsCorrection": False,
        "answeringMemberId": 3000 + answer.index % 90, "answeringMember": {"name": answer.minister},
        "dateHoldingAnswer": f"{answer.tabled.isoformat()}T00:00:00" if answer.replaces_holding else None,
        "dateAnswered": f"{answer.answered.isoformat()}T00:00:00", "answerText": _html_body(answer),
        "heading": answer.heading,
    }
    wrapped = {"value": record, "links": []}
    # Every third API seed is a list of records, as a dump of several records would be.
    document = [wrapped] if answer.index % 3 == 0 else wrapped
    return ".json", json.dumps(document, ensure_ascii=False, indent=1)


def _weekday_date(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _seat(answer: GeneratedAnswer) -> str:
    return PLACES[answer.index % len(PLACES)]


def _party(answer: GeneratedAnswer) -> str:
    return PARTIES[answer.index % len(PARTIES)]


def _body_lines(answer: GeneratedAnswer) -> list[str]:
    """The answer's paragraphs and footnotes, one to a line, as Hansard prints them."""
    return [*answer.paragraphs, *(f"[{n}] {url}" for n, url in answer.footnotes)]


def render_written_questions_listing(answers: list[GeneratedAnswer]) -> tuple[str, str]:
    first = answers[0].index + 1
    controls = f"Showing {first}-{first + len(answers) - 1} out of 117502"
    lines = ["Written questions and answers", "",
             "Find the latest written questions and answers below. We welcome your feedback on this service.", "",
             controls, "Results per page", "Results per page 20 | 50 | 100", "Expand all answers", "Print selected"]
    for answer in answers:
        lines += ["Q", f"Asked by {answer.asking_member}", f"({_seat(answer)})" if answer.house == "Commons" else "",
                  f"Asked on: {_long_date(answer.tabled)}", answer.department, answer.heading, answer.house, answer.question,
                  "A", f"Answered by: {answer.minister}", f"Answered on: {_long_date(answer.answered)}", ""]
        if answer.is_holding:
            lines += ["This is a holding answer.", ""]
        if answer.replaces_holding:
            lines += ["This answer is the replacement for a previous holding answer.", ""]
        lines += [_plain_body(answer), ""]
        if answer.grouped_uins:
            lines += [f"Grouped Questions: {', '.join(answer.grouped_uins)}", ""]
    lines += [controls, ""]
    return ".txt", "\n".join(lines)


def render_parallel_parliament_listing(answers: list[GeneratedAnswer]) -> tuple[str, str]:
    lines = ['To match an exact phrase, use quotation marks around the search term. eg. "Parliamentary Estate".', "",
             "View sample alert", ""]
    for answer in answers:
        seat = f"{_party(answer)} - {_seat(answer)}" if answer.house == "Commons" else f"{_party(answer)} - Life peer"
        lines += ["Written Question", answer.heading, f"{answer.tabled:%A} {_ordinal_date(answer.tabled)}", "",
                  f"Asked by: {answer.asking_member} ({seat})", "", f"Question to the {answer.department}:", "",
                  answer.question, "", f"Answered by {answer.minister} - Minister of State ({answer.department})",
                  f"This question was answered on {_ordinal_date(answer.answered)}", ""]
        if answer.is_holding:
            lines += ["This is a holding answer.", ""]
        if answer.replaces_holding:
            lines += ["This answer is the replacement for a previous holding answer.", ""]
        lines += [_plain_body(answer), "", ""]
    return ".txt", "\n".join(lines)


def render_theyworkforyou_wrans(answer: GeneratedAnswer) -> tuple[str, str]:
    lines = ["Donate to our crowdfunder", "", answer.heading, "",
             f"{answer.department} written question – answered on {_ordinal_date(answer.answered)}.", "",
             "Alert me about debates like this", "",
             f"Photo of {answer.asking_member} {answer.asking_member} {_party(answer)}, {_seat(answer)}", "",
             f"{answer.question} [{answer.uin}]", "",
             f"Photo of {answer.minister} {answer.minister} Minister of State ({answer.department})", ""]
    if answer.replaces_holding:
        lines += [f"Holding answer received on {_long_date(answer.tabled + timedelta(days=2))}", ""]
    lines += [_plain_body(answer), "", "Does this answer the above question?", "", "Yes1 person thinks so", "",
              "No0 people think not", ""]
    return ".txt", "\n".join(lines)


def render_hansard_written_answers(answers: list[GeneratedAnswer]) -> tuple[str, str]:
    """One day's written answers in one House (a page holds answers of one day and one House)."""
    day = answers[0].answered
    column = answers[0].index % 900 + 1
    lines = [f"{day.day} {day:%b %Y} : Column " + (f"WA{column}" if answers[0].house == "Lords" else f"{column}W"),
             "Written Answers to Questions" if answers[0].house == "Commons" else "Written Answers", _weekday_date(day)]
    for answer in answers:
        body = _body_lines(answer)
        if answer.house == "Lords":
            lines += [answer.heading, "Question", f"Asked by {answer.asking_member}", f"{answer.question}[{answer.uin}]",
                      f"The Minister of State, {answer.department} ({answer.minister}): {body[0]}", *body[1:]]
        else:
            holding = f" [holding answer {_long_date(answer.tabled + timedelta(days=2))}]" if answer.replaces_holding else ""
            lines += [answer.department, answer.heading, f"{answer.asking_member}: {answer.question} [{answer.uin}]",
                      f"{answer.minister}{holding}: {body[0]}", *body[1:]]
    lines += ["Back to Table of Contents", ""]
    return ".txt", "\n".join(lines)


def render_historic_hansard_written_answers(answers: list[GeneratedAnswer]) -> tuple[str, str]:
    """A section of a day's Commons written answers: its heading, then each question and its answer."""
    day = answers[0].answered
    column = 100 + answers[0].index % 800
    lines = ["Back to Written Answers", answers[0].heading, f"HC Deb {day.day} {day:%B %Y} vol 600 cc{column}-{column + 1}W"]
    for answer in answers:
        body = _body_lines(answer)
        lines += [f"§ {answer.asking_member}{answer.question} [{answer.uin}]", f"§ {answer.minister}{body[0]}", *body[1:]]
    lines += ["Next section", ""]
    return ".txt", "\n".join(lines)


def render_hansard_site_written_answers(answers: list[GeneratedAnswer]) -> tuple[str, str]:
    """A day's written answers as hansard.parliament.uk prints its digitised volumes: the
    members' names stripped, one paragraph to a block."""
    day = answers[0].answered
    lines = ["Skip to main content", "", "Written Answers", "", f"Volume 600: debated on {_weekday_date(day)}", "",
             "The text on this page has been created from Hansard archive content, it may contain typographical errors.", "",
             "Written Answers To Questions", "", _weekday_date(day), ""]
    for answer in answers:
        lines += [answer.department, "", answer.heading, "", f"{answer.question} [{answer.uin}]", ""]
        for paragraph in _body_lines(answer):
            lines += [paragraph, ""]
    return ".txt", "\n".join(lines)


def render_linked_data_api(answers: list[GeneratedAnswer]) -> tuple[str, str]:
    items = []
    for answer in answers:
        resource = f"http://data.parliament.uk/resources/{1_600_000 + answer.index}"
        items.append({
            "_about": resource,
            "AnsweringBody": [{"_value": answer.department}],
            "answer": {
                "_about": f"{resource}/answer",
                "answerText": {"_value": _html_body(answer)},
                "answeringMemberPrinted": {"_value": answer.minister},
                "dateOfAnswer": {"_value": answer.answered.isoformat(), "_datatype": "dateTime"},
                "isMinisterialCorrection": {"_value": "false", "_datatype": "boolean"},
            },
            "dateTabled": {"_value": answer.tabled.isoformat(), "_datatype": "dateTime"},
            "hansardHeading": {"_value": answer.heading},
            "legislature": [{"prefLabel": {"_value": f"House of {answer.house}"}}],
            "questionText": answer.question,
            "tablingMemberPrinted": [{"_value": answer.asking_member}],
            "uin": answer.uin,
        })
    document = {"format": "linked-data-api", "version": "0.2",
                "result": {"_about": "http://eldaddp.azurewebsites.net/answeredquestions.json?_page=0", "items": items}}
    return ".json", json.dumps(document, ensure_ascii=False, separators=(", ", " : "))


def render_parallel_parliament_question_page(answer: GeneratedAnswer) -> tuple[str, str]:
    lines = [answer.heading, "", f"(asked on {_ordinal_date(answer.tabled)}) - View Source", "",
             f"Question to the {answer.department}:", "", answer.question, "", "", "Answered by", f"{answer.minister} Portrait",
             answer.minister, f"Minister of State ({answer.department})",
             f"This question was answered on {_ordinal_date(answer.answered)}", "", _plain_body(answer), "",
             "Reticulating Splines"]
    if answer.replaces_holding:
        lines.insert(8, "This answer is the replacement for a previous holding answer.")
    return ".txt", "\n".join(lines)


def render_commons_order_book(answers: list[GeneratedAnswer]) -> tuple[str, str]:
    """The Order Book's written questions for a day: the questions only, before they are answered."""
    due = answers[-1].answered
    lines = ["House of Commons", "The Order Book", "", f"Part 1: Written Questions for Answer on {_weekday_date(due)}", "",
             "Notes:", "* Indicates a Question for Oral Answer.", "[N] Indicates a Question for Written Answer on a named day.", ""]
    for number, answer in enumerate(answers, start=1):
        lines += [f"{number}  " + ("N" if answer.index % 3 == 0 else ""),
                  f"{answer.asking_member} ({_seat(answer)}):    {answer.question}", f"      ({answer.uin})"]
    return ".txt", "\n".join(lines) + "\n"


def render_lords_business_written_questions(answers: list[GeneratedAnswer]) -> tuple[str, str]:
    """A cumulative list of Lords questions not yet answered, grouped by the day each was tabled."""
    paper = max(answer.tabled for answer in answers) + timedelta(days=1)
    lines = ["House of Lords", "House of Lords Business", "", "Cumulative list of unanswered Questions for Written Answer", "",
             f"No. {paper.timetuple().tm_yday % 40 + 1} {paper.day} {paper:%B %Y}".upper(), "",
             "Tabled on the dates in bold and due for answer by the dates in brackets.", ""]
    for answer in answers:
        due = answer.tabled + timedelta(days=14)
        asked = answer.question[len("To ask His Majesty's Government "):]
        lines += [f"{answer.tabled.day} {answer.tabled:%B} ({due.day} {due:%B})", "",
                  f"{answer.asking_member} to ask His Majesty's Government {asked}  {answer.uin}", ""]
    return ".txt", "\n".join(lines)


def render_parallel_parliament_department_table(answers: list[GeneratedAnswer]) -> tuple[str, str]:
    lines = [answers[0].department, "", f"All {len(answers)} Written Questions max 10 shown", "", "Date Title Questioner"]
    for answer in answers:
        lines += [f"{answer.answered.day} {answer.answered:%b %Y}, 5:07 p.m. {answer.heading} {answer.asking_member}", "",
                  f"Question to the {answer.department}", "", answer.question, "", f"Answer ({answer.minister})", "",
                  _plain_body(answer), ""]
    return ".txt", "\n".join(lines)


def render_question_answer_json(answers: list[GeneratedAnswer]) -> tuple[str, str]:
    """Search-index documents: Solr's typed field names, multi-valued text fields as lists."""
    docs = [{
        "uin_t": [answer.uin], "questionText_t": [answer.question], "answerText_t": [_html_body(answer)],
        "dateTabled_dt": f"{answer.tabled.isoformat()}T00:00:00Z", "dateOfAnswer_dt": f"{answer.answered.isoformat()}T00:00:00Z",
        "tablingMemberPrinted_t": [answer.asking_member], "answeringMemberPrinted_t": [answer.minister],
        "department_t": [answer.department], "title_t": answer.heading, "holdingAnswer_b": answer.is_holding,
        "legislature_ses": [25259 if answer.house == "Commons" else 25277],
    } for answer in answers]
    return ".json", json.dumps({"responseHeader": {"status": 0}, "response": {"numFound": len(docs), "docs": docs}}, ensure_ascii=False)


def render_generic_written_questions(answer: GeneratedAnswer) -> tuple[str, str]:
    """A page in no known layout that still carries a written question's universal marks."""
    lines = ["Parliamentary question", "", f"Tabled on {_long_date(answer.tabled)}",
             f"{answer.asking_member}: {answer.question} [{answer.uin}]", "",
             f"Answered by {answer.minister}", f"Answered on {_long_date(answer.answered)}", "", *_body_lines(answer), ""]
    return ".txt", "\n".join(lines)


@dataclass(frozen=True)
class Renderer:
    #: One answer (or, for a layout that prints several to a page, a list of them) -> (file suffix, text).
    render: Callable
    #: Whether a page holds several answers (up to PAGE_ANSWERS).
    several: bool = False
    #: The Houses whose answers the layout publishes.
    houses: tuple[str, ...] = ("Commons", "Lords")
    #: Whether a page holds the answers of one House only (as a Hansard volume does).
    one_house: bool = False


RENDERERS: dict[str, Renderer] = {
    "questions_statements_page": Renderer(render_questions_statements_page),
    "parliament_question_page": Renderer(render_parliament_question_page),
    "written_questions_api": Renderer(render_written_questions_api),
    "written_questions_listing": Renderer(render_written_questions_listing, several=True),
    "parallel_parliament_listing": Renderer(render_parallel_parliament_listing, several=True),
    "theyworkforyou_wrans": Renderer(render_theyworkforyou_wrans),
    "hansard_written_answers": Renderer(render_hansard_written_answers, several=True, one_house=True),
    "historic_hansard_written_answers": Renderer(render_historic_hansard_written_answers, several=True, houses=("Commons",)),
    "hansard_site_written_answers": Renderer(render_hansard_site_written_answers, several=True, one_house=True),
    "linked_data_api": Renderer(render_linked_data_api, several=True),
    "parallel_parliament_question_page": Renderer(render_parallel_parliament_question_page),
    "commons_order_book": Renderer(render_commons_order_book, several=True, houses=("Commons",)),
    "lords_business_written_questions": Renderer(render_lords_business_written_questions, several=True, houses=("Lords",)),
    "parallel_parliament_department_table": Renderer(render_parallel_parliament_department_table, several=True),
    "question_answer_json": Renderer(render_question_answer_json, several=True),
    "generic_written_questions": Renderer(render_generic_written_questions),
}


def corpus_layouts() -> list[str]:
    """The layouts the corpus is written in: those the installed readers know and this module renders."""
    from .sources import layouts

    known = set(layouts())
    return [name for name in RENDERERS if name in known]


def _layout_for(answer: GeneratedAnswer, layouts: list[str], start: int) -> str:
    """The first layout from ``layouts[start]`` on (in rotation) that publishes the answer's House."""
    for step in range(len(layouts)):
        name = layouts[(start + step) % len(layouts)]
        if answer.house in RENDERERS[name].houses:
            return name
    raise RuntimeError(f"no layout publishes {answer.house} answers")


def page_files(page: int, layouts: list[str]) -> list[tuple[str, str]]:
    """(relative path, text) of the seed files of answers ``page * PAGE_ANSWERS`` to the next page's first.

    The answers of a page are written in one layout, rotating over the layouts page by
    page: in one file where the layout prints several answers to a page, else one file
    each. An answer whose House the layout does not publish is written alone in the
    next layout that does; a holding answer alone in the layout after its answer's.
    """
    first = page * PAGE_ANSWERS
    answers = [generate_answer(i) for i in range(first, first + PAGE_ANSWERS)]
    folder = f"{first // FOLDER_SIZE:04d}"
    layout = layouts[page % len(layouts)]
    renderer = RENDERERS[layout]
    files: list[tuple[int, str, str]] = []  # (answer, suffix, text)

    def alone(answer: GeneratedAnswer, name: str) -> tuple[str, str]:
        chosen = RENDERERS[name]
        return chosen.render([answer] if chosen.several else answer)

    shown = [a for a in answers if a.house in renderer.houses]
    for answer in answers:
        if answer not in shown:
            files.append((answer.index, *alone(answer, _layout_for(answer, layouts, page % len(layouts) + 1))))
    if renderer.several:
        groups = [[a for a in shown if a.house == house] for house in ("Commons", "Lords")] if renderer.one_house else [shown]
        files += [(group[0].index, *renderer.render(group)) for group in groups if group]
    else:
        files += [(answer.index, *renderer.render(answer)) for answer in shown]
    paths = [(f"{folder}/{i:07d}{suffix}", text) for i, suffix, text in files]
    for answer in answers:
        if answer.replaces_holding:
            held = holding_answer(answer)
            suffix, text = alone(held, _layout_for(held, layouts, page % len(layouts) + 1))
            paths.append((f"{folder}/{answer.index:07d}-holding{suffix}", text))
    return sorted(paths)


def generate_corpus(directory: Path, answers: int, layouts: list[str] | None = None) -> int:
    """Write the first ``answers`` answers of the corpus into ``directory``, rounded up to a whole
    page (a multiple of ``PAGE_ANSWERS``); returns the bytes written."""
    layouts = layouts or corpus_layouts()
    if not layouts:
        raise RuntimeError("no layout to render: pipeline.sources.layouts() lists none that the generator knows")
    directory = Path(directory)
    written = 0
    made: set[str] = set()
    for page in range(-(-answers // PAGE_ANSWERS)):
        for relative, text in page_files(page, layouts):
            folder = relative.rpartition("/")[0]
            if folder not in made:
                (directory / folder).mkdir(parents=True, exist_ok=True)
                made.add(folder)
            data = text.encode("utf-8")
            (directory / relative).write_bytes(data)
            written += len(data)
    return written


# --- benchmark stages, each run in its own process ----------------------------------


def _peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its (finished) children, in MB."""
    from .build.memory import peak_resident_kb

    own = peak_resident_kb()
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return (own / 1024 if own is not None else 0.0), children


def stage_floor(seeds: Path) -> dict:
    """Read and hash every seed, as a build must: the I/O floor."""
    from .sources import iter_seed_paths

    files = size = 0
    for path in iter_seed_paths(seeds):
        data = path.read_bytes()
        hashlib.sha256(data).hexdigest()
        files += 1
        size += len(data)
    return {"files": files, "bytes": size}


#: Seeds whose extraction is timed step by step: the first ones, so that every corpus size
#: from this many seeds up times the same answers.
EXTRACTION_SAMPLE_FILES = 1_000
#: Seeds extracted, untimed, before the sample (see :func:`stage_extraction`): enough for every layout.
WARM_UP_FILES = 200
#: The steps of pass 1 timed for each answer, in the order a build takes them.
EXTRACTION_STEPS = ("read", "statistics", "references", "quality", "rows")


def stage_extraction(seeds: Path) -> dict:
    """CPU time of each step of pass 1, summed over the answers of the first seeds.

    Each seed goes through :func:`pipeline.extract.seed.extract_seed`, as a build's does,
    with an extraction that takes the steps of :func:`pipeline.extract.extract_answer` one at
    a time, so that each is timed on its own; "rows" is the answer's row and every table's
    rows built from what the other steps found (:func:`pipeline.build.rows.answer_rows_of`);
    "read" is the rest of the seed's time: reading, recognising, validating each record.

    Seeds after the sample (or, in a small corpus, the sample's first) are extracted once
    before, untimed: one-time costs (patterns compiled on first use, caches filled) would
    otherwise be charged to whichever layout the first seed has (about 80 ms, half of a
    thousand seeds' reading time of the first layout).
    """
    from itertools import islice

    from .extract import ExtractedAnswer, answer_record, answer_references
    from .extract.quality import answer_flags
    from .extract.seed import extract_seed
    from .extract.statistics import find_statistics
    from .model import answer_id_of
    from .build.rows import answer_rows_of
    from .sources import iter_seed_paths

    clock = time.process_time_ns
    spent = dict.fromkeys(EXTRACTION_STEPS, 0)
    read_by_layout: dict[str, list[int]] = {}  # layout -> [nanoseconds, answers]
    files = answers = 0
    #: CPU time spent in the steps after reading, within the current seed.
    after_reading = 0

    def timed_extract(page, *, layout, source_file, source_sha256) -> ExtractedAnswer:
        nonlocal after_reading
        started = clock()
        answer_id = answer_id_of(page)
        statistics = find_statistics(answer_id, page.answer_text or "")
        found = clock()
        references = answer_references(answer_id, page)
        referenced = clock()
        flags = answer_flags(answer_id, page)
        flagged = clock()
        answer = answer_record(page, answer_id, layout=layout, source_file=source_file, source_sha256=source_sha256)
        done = clock()
        spent["statistics"] += found - started
        spent["references"] += referenced - found
        spent["quality"] += flagged - referenced
        spent["rows"] += done - flagged
        after_reading += done - started
        return ExtractedAnswer(answer, page.grouped_uins, statistics, references, flags)

    def rows(reading, answer) -> None:
        nonlocal answers, after_reading
        answers += 1
        started = clock()
        answer_rows_of(answer)
        done = clock()
        spent["rows"] += done - started
        after_reading += done - started

    warm_up = list(islice(iter_seed_paths(seeds), EXTRACTION_SAMPLE_FILES, EXTRACTION_SAMPLE_FILES + WARM_UP_FILES))
    for path in warm_up or islice(iter_seed_paths(seeds), WARM_UP_FILES):
        extract_seed(path, seeds, lambda reading, answer: answer_rows_of(answer))
    for path in islice(iter_seed_paths(seeds), EXTRACTION_SAMPLE_FILES):
        after_reading = 0
        started = clock()
        reading = extract_seed(path, seeds, rows, extract=timed_extract)
        read = clock() - started - after_reading
        files += 1
        if reading.layout is None:
            continue
        spent["read"] += read
        by_layout = read_by_layout.setdefault(reading.layout, [0, 0])
        by_layout[0] += read
        by_layout[1] += reading.answers_passed
    return {"files": files, "answers": answers, "nanoseconds": spent,
            "read_by_layout": {layout: {"nanoseconds": ns, "answers": n} for layout, (ns, n) in sorted(read_by_layout.items())}}


def stage_build(seeds: Path, out: Path, workers: int | None, cache: Path | None) -> dict:
    from .build.publish import build

    report = build(seeds, out, workers=workers, cache_dir=cache)
    result = {"files": report.seeds_read, "answers": report.answers_published, "rows": report.rows,
              "seeds_extracted": report.seeds_extracted, "seeds_reused": report.seeds_reused}
    started = [mb for mb in (report.readers_peak_rss_mb, report.database_peak_rss_mb) if mb is not None]
    if started:
        # The processes the build started (the readers, the database's), started by a fork server,
        # are not this process's children: they report their own.
        result["workers_peak_rss_mb"] = max(started)
    return result


def stage_validate(out: Path) -> dict:
    """``pqpub validate`` of the package alone (no seeds folder beside it, so no freshness build)."""
    from .check import validate

    report = validate(out)
    return {"rows": sum(_table_row_counts(out).values()), "valid": report.valid, "errors": len(report.failures)}


def stage_frictionless(out: Path) -> dict:
    from frictionless import Package, system

    package = Package(str(out / "datapackage.json"))
    rows = errors = 0
    with system.use_context(trusted=True):
        for resource_ in package.resources:
            if resource_.format != "csv":
                continue
            report = resource_.validate()
            rows += report.tasks[0].stats.get("rows", 0) if report.tasks else 0
            errors += len(report.flatten(["type"]))
    return {"rows": rows, "errors": errors}


def _table_row_counts(out: Path) -> dict[str, int]:
    import pyarrow.parquet as pq

    counts = {}
    for path in sorted(out.glob("*.parquet")):
        counts[path.stem] = pq.ParquetFile(path).metadata.num_rows
    return counts


STAGES = {
    "floor": lambda a: stage_floor(Path(a["seeds"])),
    "build": lambda a: stage_build(Path(a["seeds"]), Path(a["out"]), a.get("workers"), Path(a["cache"]) if a.get("cache") else None),
    "validate": lambda a: stage_validate(Path(a["out"])),
    "frictionless": lambda a: stage_frictionless(Path(a["out"])),
    "extraction": lambda a: stage_extraction(Path(a["seeds"])),
}


def _stage_main(name: str, arguments: str) -> None:
    """Entry point of a stage's child process: runs it and prints one JSON line."""
    start = time.perf_counter()
    result = STAGES[name](json.loads(arguments))
    seconds = time.perf_counter() - start
    own, children = _peak_rss_mb()
    print(json.dumps({"stage": name, "seconds": seconds, "peak_rss_mb": own, "workers_peak_rss_mb": children, **result}))


def run_stage(name: str, **arguments) -> dict:
    """Run one stage in a fresh Python process, so that its peak memory is its own."""
    command = [sys.executable, "-c", "import sys; from pipeline.bench import _stage_main; _stage_main(sys.argv[1], sys.argv[2])",
               name, json.dumps({k: str(v) if isinstance(v, Path) else v for k, v in arguments.items()})]
    completed = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    if completed.returncode != 0:
        raise RuntimeError(f"benchmark stage {name} failed:\n{completed.stderr}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _change_one_seed(seeds: Path) -> str:
    """Change the text of one seed in the middle of the corpus, as an edit would; returns its path."""
    from .sources import iter_seed_paths

    paths = [p for p in iter_seed_paths(seeds) if p.suffix == ".txt"] or list(iter_seed_paths(seeds))
    target = paths[len(paths) // 2]
    text = target.read_text(encoding="utf-8")
    if target.suffix == ".json":
        text = text.replace("<p>", "<p>This answer was updated. ", 1)
    else:
        text = text.rstrip("\n") + "\n\nThis answer was updated on 1 March 2024 to add £1.5 million of funding.\n"
    target.write_text(text, encoding="utf-8")
    return target.relative_to(seeds).as_posix()


def run_benchmark(answers: int = 10_000, *, workers: int | None = None, workdir: Path | None = None,
                  frictionless: bool = True, log: Callable[[str], None] | None = None) -> dict:
    """Generate a corpus of ``answers`` answers and measure every stage on it."""
    log = log or (lambda message: None)
    own_tmp = workdir is None
    root = Path(tempfile.mkdtemp(prefix="pqpub-bench-")) if own_tmp else Path(workdir)
    try:
        seeds, out, cache = root / "seeds", root / "dist", root / "cache"
        for folder in (seeds, out, cache):
            shutil.rmtree(folder, ignore_errors=True)
        seeds.mkdir(parents=True)
        layouts = corpus_layouts()
        log(f"generating {answers:,} answers in {len(layouts)} layouts ({', '.join(layouts)})")
        started = time.perf_counter()
        corpus_bytes = generate_corpus(seeds, answers, layouts)
        generated = time.perf_counter() - started
        stages: dict[str, dict] = {}
        log(f"stage extraction: each step of pass 1 timed for every answer of the first {EXTRACTION_SAMPLE_FILES:,} seeds")
        extraction = run_stage("extraction", seeds=seeds)
        log("stage floor: read and hash every seed")
        run_stage("floor", seeds=seeds)  # warm the page cache so every stage reads from memory
        stages["floor"] = run_stage("floor", seeds=seeds)
        log("stage build: full build, empty cache")
        stages["build"] = run_stage("build", seeds=seeds, out=out, workers=workers, cache=cache)
        stages["build_uncached"] = None
        # The clean build below is made over the same previous release as the rebuild, so
        # that both record the same changes since it.
        clean_out = root / "dist-clean"
        shutil.rmtree(clean_out, ignore_errors=True)
        shutil.copytree(out, clean_out)
        changed = _change_one_seed(seeds)
        log(f"stage rebuild: {changed} changed, cache reused")
        stages["rebuild"] = run_stage("build", seeds=seeds, out=out, workers=workers, cache=cache)
        log("stage clean build of the changed corpus, without cache, to compare bytes")
        stages["build_uncached"] = run_stage("build", seeds=seeds, out=clean_out, workers=workers, cache=None)
        identical = _tree_digest(out) == _tree_digest(clean_out)
        log("stage validate")
        stages["validate"] = run_stage("validate", out=out)
        if frictionless:
            log("stage frictionless validate (CSV resources)")
            stages["frictionless"] = run_stage("frictionless", out=out)
    finally:
        if own_tmp:
            shutil.rmtree(root, ignore_errors=True)
    result = summarise(answers, corpus_bytes, generated, stages, identical, layouts, workers)
    result["extraction"] = summarise_extraction(extraction, result["cpus"])
    return result


def _tree_digest(folder: Path) -> dict[str, str]:
    # Hashed a block at a time: read whole, the database (670 MB at 100,000 answers) raised this
    # process to 800 MB, and with it the peak reported by the stages started after.
    from .release.descriptor import sha256_of

    return {p.relative_to(folder).as_posix(): sha256_of(p) for p in sorted(folder.rglob("*")) if p.is_file()}


def summarise(answers: int, corpus_bytes: int, generated: float, stages: dict, identical: bool,
              layouts: list[str], workers: int | None) -> dict:
    mb = corpus_bytes / 1e6
    floor = stages["floor"]["seconds"]
    table = []
    for name, stage in stages.items():
        if stage is None:
            continue
        seconds = stage["seconds"]
        row = {"stage": name, "seconds": round(seconds, 3), "peak_rss_mb": round(stage["peak_rss_mb"], 1),
               "workers_peak_rss_mb": round(stage["workers_peak_rss_mb"], 1)}
        if name in ("validate", "frictionless"):
            row["rows_per_s"] = round(stage["rows"] / seconds) if seconds else None
            row["rows"] = stage["rows"]
            row["errors"] = stage.get("errors")
        else:
            row["answers_per_s"] = round(answers / seconds) if seconds else None
            row["mb_per_s"] = round(mb / seconds, 1) if seconds else None
            row["ratio_to_floor"] = round(seconds / floor, 2) if floor else None
            for key in ("seeds_extracted", "seeds_reused"):
                if key in stage:
                    row[key] = stage[key]
        table.append(row)
    result = {
        "answers": answers,
        "seed_files": stages["floor"]["files"],
        "corpus_mb": round(mb, 1),
        "layouts": layouts,
        "workers": workers or os.cpu_count(),
        "cpus": os.cpu_count(),
        "generate_seconds": round(generated, 2),
        "rebuild_ratio": round(stages["rebuild"]["seconds"] / stages["build"]["seconds"], 3),
        "rebuild_identical_to_clean_build": identical,
        "stages": table,
    }
    result["targets"] = targets(result)
    return result


def summarise_extraction(stage: dict, cpus: int) -> dict:
    """Microseconds of CPU per answer for each step of pass 1, beside the CPU per answer that
    the throughput target leaves when every core extracts (pass 2 left out, so an upper bound)."""
    answers = stage["answers"] or 1
    per_answer = {step: round(ns / answers / 1000, 1) for step, ns in stage["nanoseconds"].items()}
    return {
        "files": stage["files"],
        "answers": stage["answers"],
        "us_per_answer": {**per_answer, "total": round(sum(stage["nanoseconds"].values()) / answers / 1000, 1)},
        "read_us_per_answer_by_layout": {
            layout: round(read["nanoseconds"] / read["answers"] / 1000, 1) if read["answers"] else None
            for layout, read in stage["read_by_layout"].items()
        },
        "target_us_per_answer": round(cpus * 1e6 / THROUGHPUT_TARGET, 1),
    }


#: Answers a second that a build must reach (:data:`TARGETS`).
THROUGHPUT_TARGET = 15_000
#: What the build is held to: (name, stage, measure, at most or at least, bound).
TARGETS = (
    ("build throughput", "build", "answers_per_s", "at least", THROUGHPUT_TARGET),
    ("build time, × the read-and-hash floor", "build", "ratio_to_floor", "at most", 6.0),
    ("rebuild after one change, × a full build", None, "rebuild_ratio", "at most", 0.10),
    ("build peak memory, MB", "build", "peak_rss_mb", "at most", 400),
    ("validate peak memory, MB", "validate", "peak_rss_mb", "at most", 500),
)


def targets(result: dict) -> list[dict]:
    """Each of :data:`TARGETS` with the measured value and whether it is met."""
    stages = {row["stage"]: row for row in result["stages"]}
    checked = []
    for name, stage, measure, direction, bound in TARGETS:
        value = result.get(measure) if stage is None else stages.get(stage, {}).get(measure)
        met = None if value is None else (value >= bound if direction == "at least" else value <= bound)
        checked.append({"target": name, "measured": value, "bound": f"{direction} {bound:,}", "met": met})
    return checked


def render_table(result: dict):
    """The benchmark's result as a rich table."""
    from rich.table import Table

    table = Table(title=(f"pqpub bench: {result['answers']:,} answers, {result['seed_files']:,} seed files, "
                         f"{result['corpus_mb']} MB, {result['workers']} workers on {result['cpus']} CPUs"))
    for column in ("stage", "seconds", "answers/s", "MB/s", "× floor", "rows/s", "peak RSS MB", "workers' peak MB", "note"):
        table.add_column(column, justify="left" if column in ("stage", "note") else "right")
    for row in result["stages"]:
        note = row.get("note", "")
        if "seeds_reused" in row:
            note = f"{row['seeds_extracted']:,} extracted, {row['seeds_reused']:,} cached"
        if row.get("errors"):
            note = f"{row['errors']} errors"
        table.add_row(
            row["stage"], f"{row['seconds']:.2f}", _fmt(row.get("answers_per_s")), _fmt(row.get("mb_per_s")),
            _fmt(row.get("ratio_to_floor")), _fmt(row.get("rows_per_s")), _fmt(row["peak_rss_mb"]),
            _fmt(row["workers_peak_rss_mb"]), note,
        )
    caption = [f"rebuild after one changed seed: {result['rebuild_ratio']:.1%} of a full build; "
               f"byte-identical to a clean build: {'yes' if result['rebuild_identical_to_clean_build'] else 'NO'}"]
    for target in result["targets"]:
        verdict = {True: "met", False: "NOT MET", None: "not measured"}[target["met"]]
        caption.append(f"{target['target']}: {_fmt(target['measured'])} ({target['bound']}): {verdict}")
    table.caption = "\n".join(caption)
    table.caption_justify = "left"
    return table


def render_extraction_table(result: dict):
    """CPU per answer for each step of pass 1 (and of reading, for each layout), as a rich table."""
    from rich.table import Table

    extraction = result["extraction"]
    steps = extraction["us_per_answer"]
    table = Table(title=f"Pass 1, CPU per answer: one process, the first {extraction['files']:,} seeds "
                        f"({extraction['answers']:,} answers)", min_width=80)
    for column in ("step", "µs per answer", "share"):
        table.add_column(column, justify="left" if column == "step" else "right")
    for step in EXTRACTION_STEPS:
        table.add_row(step, _fmt(steps[step]), f"{steps[step] / steps['total']:.0%}" if steps["total"] else "")
        if step == "read":
            for layout, us in extraction["read_us_per_answer_by_layout"].items():
                table.add_row(f"  {layout}", f"[dim]{_fmt(us)}[/]", "")
    table.add_row("total", _fmt(steps["total"]), "")
    table.caption = (f"{THROUGHPUT_TARGET:,} answers/s on {result['cpus']} CPUs leaves at most "
                     f"{_fmt(extraction['target_us_per_answer'])} µs of CPU per answer, pass 2 aside.")
    table.caption_justify = "left"
    return table


def _fmt(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value < 100:
        return f"{value:,.2f}" if value < 10 else f"{value:,.1f}"
    return f"{value:,.0f}"
