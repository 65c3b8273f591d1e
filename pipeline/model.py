"""What one parliamentary answer is, and the things extracted from it.

These pydantic models are the single source of truth: the published tables, the
Table Schemas in ``schema/`` and the JSON Schema of an answer are all generated
from them. A field that the source text does not give is ``None``; it is never
guessed and never an empty string.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, NamedTuple, Optional

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

House = Literal["Commons", "Lords"]

#: A UIN is a string: Commons UINs are digits, Lords UINs carry the ``HL`` prefix.
UIN_PATTERN = r"^(HL)?[0-9]+[A-Z]?$"
Uin = Annotated[str, StringConstraints(pattern=UIN_PATTERN)]
NonEmptyText = Annotated[str, StringConstraints(min_length=1)]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
AnswerId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
QuestionUrl = Annotated[str, StringConstraints(pattern=r"^https?://\S+$")]

#: The address of a question's page on questions-statements.parliament.uk, formed from its tabled date and UIN.
QUESTION_PAGE_URL = "https://questions-statements.parliament.uk/written-questions/detail/{tabled_date}/{uin}"


def question_page_url(tabled_date: date | None, uin: str | None) -> str | None:
    """The questions-statements page of the question tabled on ``tabled_date`` with ``uin``, or ``None`` without both."""
    if tabled_date is None or not uin:
        return None
    return QUESTION_PAGE_URL.format(tabled_date=tabled_date.isoformat(), uin=uin)


class GroupedDate(NamedTuple):
    """A grouped question's UIN and the date it was tabled, as a source gives them."""

    uin: str
    tabled_date: date


class AttachmentFile(NamedTuple):
    """A file attached to an answer, as its source describes it."""

    title: str | None
    url: str | None
    file_type: str | None
    file_size_bytes: int | None


class Record(BaseModel):
    """Base of every published record: immutable, strict about unknown fields,
    and with empty strings refused so that "unknown" is always ``None``."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_unknown(cls, value):
        if isinstance(value, str) and not value.strip():
            return None
        return value


def shows_answer(values) -> bool:
    """Whether a source's fields show that the question was answered: an answer text, an
    answered date, or an answer the source cut off; never for a withdrawn question."""
    get = values.get if isinstance(values, dict) else values.__dict__.get
    if get("is_withdrawn"):
        return False
    return bool(get("answer_text") or get("answered_date") or get("answer_text_truncated"))


class AnswerFields(Record):
    """The fields of an answer that its source states.

    Nothing here is inferred beyond what the source states, except ``house``,
    which the UIN prefix or the question's fixed form ("To ask His Majesty's
    Government" is the Lords') determines.
    """

    uin: Optional[Uin] = Field(None, title="UIN", description="The question's unique identification number within its session, as printed (Lords UINs start with HL).")
    house: Optional[House] = Field(None, title="House", description="The House in which the question was tabled.")
    heading: Optional[NonEmptyText] = Field(None, title="Heading", description="The heading the page gives the question. It is published as printed, even where it does not fit the question (see the quality table).")
    answering_body: Optional[NonEmptyText] = Field(None, title="Answering body", description="The government department (or other body) to which the question was put.")
    asking_member: Optional[NonEmptyText] = Field(None, title="Asking member", description="The MP or peer who tabled the question, as named by the source.")
    asking_member_constituency: Optional[NonEmptyText] = Field(None, title="Asking member's constituency", description="The asking MP's constituency where the source shows it.")
    asking_member_party: Optional[NonEmptyText] = Field(None, title="Asking member's party", description="The asking member's party where the source shows it.")
    question_text: NonEmptyText = Field(..., title="Question text", description="The question as the source prints it: as tabled, beginning 'To ask', or, in Hansard before the 1990s, as reported after the asker's name, beginning 'asked' ('asked the Secretary of State for ...', 'asked Her Majesty's Government: How many ...'). The words are never rewritten.")
    question_text_truncated: bool = Field(False, title="Question text truncated", description="True where the source cut the question short: the question text is what the source shows, and the answer is not in it.")
    tabled_date: Optional[date] = Field(None, title="Tabled date", description="The date the question was tabled (asked).")
    answered_date: Optional[date] = Field(None, title="Answered date", description="The date of the answer.")
    listed_date: Optional[date] = Field(None, title="Listed date", description="A date the source lists the question under without saying whose it is (Parallel Parliament's listings print one beside each heading, the tabled date on some records and the answered date on others); it is neither the tabled nor the answered date.")
    answering_minister: Optional[NonEmptyText] = Field(None, title="Answering minister", description="The minister who gave the answer, where the source names them. Other people named in the answer text are never taken for the minister.")
    is_holding_answer: bool = Field(False, title="Is a holding answer", description="True where the answer is a holding answer, to be replaced by a substantive one.")
    replaces_holding_answer: bool = Field(False, title="Replaces a holding answer", description="True where the source states that this answer is the replacement for a previous holding answer.")
    is_correction: bool = Field(False, title="Is a correction", description="True where the source marks the answer as a ministerial correction.")
    is_withdrawn: bool = Field(False, title="Is withdrawn", description="True where the source marks the question as withdrawn.")
    answer_text: Optional[NonEmptyText] = Field(None, title="Answer text", description="The answer as plain text: paragraphs separated by a blank line, list items and table rows one to a line.")
    answer_text_truncated: bool = Field(False, title="Answer text truncated", description="True where the source cut the answer short (for example API list text ending in '...'), or cut the page off before the answer's text.")
    # What the official written-questions API states beyond the text (other layouts fill
    # these where they show the same thing, such as a page's "named day").
    url: Optional[QuestionUrl] = Field(None, title="Question page", description="Address of the question's page: for today's API and questions-statements pages, https://questions-statements.parliament.uk/written-questions/detail/{tabled date}/{UIN}; for other layouts, the page the seed says it came from. Empty where the source gives no way to form it.")
    question_id: Optional[int] = Field(None, ge=1, title="API question id", description="The written-questions API's own id of the question (its 'id'), where the source is that API.")
    asking_member_id: Optional[int] = Field(None, ge=1, title="Asking member id", description="Parliament's member id of the member who tabled the question (the API's 'askingMemberId'); the same id as in Parliament's Members API.")
    answering_member_id: Optional[int] = Field(None, ge=1, title="Answering member id", description="Member id of the minister who answered (the API's 'answeringMemberId').")
    correcting_member_id: Optional[int] = Field(None, ge=1, title="Correcting member id", description="For a corrected answer, member id of the minister who corrected it (the API's 'correctingMemberId').")
    correcting_member: Optional[NonEmptyText] = Field(None, title="Correcting member", description="For a corrected answer, the name of the minister who corrected it, where the source gives it.")
    answering_body_id: Optional[int] = Field(None, ge=1, title="Answering body id", description="Parliament's id of the answering body (the API's 'answeringBodyId').")
    date_for_answer: Optional[date] = Field(None, title="Date for answer", description="The date by which an answer was due (the API's 'dateForAnswer').")
    is_named_day: Optional[bool] = Field(None, title="Is a named-day question", description="True where the member named the day for answer (the API's 'isNamedDay'); empty where the source does not say.")
    holding_answer_date: Optional[date] = Field(None, title="Holding answer date", description="The date of the holding answer that this answer replaced (the API's 'dateHoldingAnswer').")
    answer_corrected_date: Optional[date] = Field(None, title="Answer corrected date", description="For a corrected answer, the date of the correction (the API's 'dateAnswerCorrected').")
    original_answer_text: Optional[NonEmptyText] = Field(None, title="Original answer text", description="For a corrected answer, the answer as first given, as plain text (the API's 'originalAnswerText'), where the source gives it.")
    member_has_interest: Optional[bool] = Field(None, title="Member has an interest", description="True where the asking member declared a relevant interest (the API's 'memberHasInterest'); empty where the source does not say.")
    attachment_count: Optional[int] = Field(None, ge=0, title="Attachment count", description="How many attachments the source says the answer has (the API's 'attachmentCount'); the attachments themselves are in the attachments table.")
    is_answered: bool = Field(True, title="Is answered", description="True where the source gives the question's answer, or shows that it was answered (an answered date, or an answer the source cut off); false for a question tabled and not yet answered (an order paper, an unanswered API record) or withdrawn, whose answer fields are empty. Select answered or unanswered questions with it; when the answer arrives in another source, the two are one row.")

    @model_validator(mode="before")
    @classmethod
    def _answered_unless_stated(cls, values):
        # Readers say nothing about it: a question is answered where its source shows an answer.
        if isinstance(values, dict) and values.get("is_answered") is None:
            values = dict(values)
            values["is_answered"] = shows_answer(values)
        return values


class PageAnswer(AnswerFields):
    """One answer as a source reader returns it, before it is identified and placed."""

    grouped_uins: tuple[Uin, ...] = Field((), description="UINs of other questions answered together with this one.")
    grouped_tabled_dates: tuple[GroupedDate, ...] = Field((), description="The tabled date of each grouped question whose date the source gives.")
    attachments: tuple[AttachmentFile, ...] = Field((), description="Files attached to the answer, in the source's order.")
    furniture_removed: bool = Field(False, description="True where navigation, captions or spinner text were removed before reading.")


def normalise_question(text: str) -> str:
    """Question text reduced to lowercase words without its opening form, so that layout
    differences (spacing, punctuation, quotes, and the tabled "To ask" against older
    Hansard's reported "asked") do not change an answer's identity."""
    words = " ".join(re.findall(r"[a-z0-9]+", text.lower()))
    for form in ("to ask ", "asked "):
        if words.startswith(form):
            return words[len(form):]
    return words


#: Words that are a member's title or honorific, not their name: "Mr. Latham" and "Mr Latham" are one member.
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "hon", "rt"})


def normalise_member(name: str | None) -> str:
    """A member's name reduced to lowercase words without honorifics ("Mr. THOMAS WILLIAMS" ->
    "thomas williams"), so that one member printed two ways is one member."""
    if not name:
        return ""
    return " ".join(w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in _HONORIFICS)


def identity_key(uin: str | None, tabled_date: date | None, question_text: str, *,
                 asking_member: str | None = None, answered_date: date | None = None) -> str:
    """What identifies a question, as the text of the key its answer id is hashed from.

    - UIN and tabled date: ``uin:{uin}|tabled:{date}``. UINs restart every session; the
      tabled date says which session.
    - UIN without a tabled date (Hansard, TheyWorkForYou): ``uin:{uin}|question:{text}``;
      the question text stands in for the session.
    - No UIN: ``question:{text}|member:{member}|tabled:{date}``, and where there is no tabled
      date either, ``|answered:{date}`` too. The same words asked by another member, or on
      another day, are another question (the Prime Minister's engagements are asked by
      several members every week in the same words).
    """
    if uin and tabled_date:
        return f"uin:{uin}|tabled:{tabled_date.isoformat()}"
    question = normalise_question(question_text)
    if uin:
        return f"uin:{uin}|question:{question}"
    key = f"question:{question}|member:{normalise_member(asking_member)}"
    if tabled_date:
        return f"{key}|tabled:{tabled_date.isoformat()}"
    return f"{key}|answered:{answered_date.isoformat() if answered_date else ''}"


def answer_id_for(uin: str | None, tabled_date: date | None, question_text: str, *,
                  asking_member: str | None = None, answered_date: date | None = None) -> str:
    """The stable identifier of an answer: the first 16 hex digits of the SHA-256 of its
    :func:`identity_key`, so it depends on neither file names nor row order, and the same
    question read from two sources that state the same identity gets the same id. (Sources
    of one question that state different parts of it, such as an API record with its tabled
    date and a Hansard page without, are merged by :mod:`pipeline.build.corpus` where everything
    both state agrees.)
    """
    key = identity_key(uin, tabled_date, question_text, asking_member=asking_member, answered_date=answered_date)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def answer_id_of(page: "AnswerFields") -> str:
    """The answer id of one source's answer, from the fields that identify its question."""
    return answer_id_for(page.uin, page.tabled_date, page.question_text,
                         asking_member=page.asking_member, answered_date=page.answered_date)


# --- Published records: one model per table row -------------------------------

Layout = Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+$")]
SeedPath = Annotated[str, StringConstraints(min_length=1)]


class Answer(AnswerFields):
    """One row of the ``answers`` table: an answer, identified and traced to its source."""

    answer_id: AnswerId = Field(..., title="Answer id", description="Stable identifier of the answer: the first 16 hex digits of the SHA-256 of 'uin:{uin}|tabled:{tabled_date}'; where the tabled date is not given, of 'uin:{uin}|question:{normalised question text}' (lowercase letters and digits, without the opening 'to ask' or 'asked'); where the UIN is not given, of 'question:{normalised question text}|member:{normalised asking member}|tabled:{tabled_date}', or with no tabled date '...|answered:{answered_date}'. Sources of one question that state different parts of its identity are one answer, under the id of the source that states most, where everything both state agrees. Independent of file names and row order.")
    layout: Layout = Field(..., title="Source layout", description="The source layout the answer was read from (see the seeds table).")
    source_file: SeedPath = Field(..., title="Source file", description="Path of the seed the answer was first read from, relative to the seeds folder.")
    source_sha256: Sha256 = Field(..., title="Source SHA-256", description="SHA-256 of that seed file's bytes.")
    source_count: int = Field(1, ge=1, title="Number of sources", description="How many source records gave this answer (see the sources table).")


class GroupedQuestion(Record):
    """One row of ``grouped_questions``: another UIN answered together with an answer."""

    answer_id: AnswerId = Field(..., title="Answer id", description="The answer (foreign key to answers).")
    grouped_uin: Uin = Field(..., title="Grouped UIN", description="UIN of a question grouped with it, as the source gives it.")
    grouped_tabled_date: Optional[date] = Field(None, title="Grouped question's tabled date", description="The date the grouped question was tabled, where the source gives it (the API's 'groupedQuestionsDates'); with the UIN, it identifies the question.")


class Attachment(Record):
    """One row of ``attachments``: a file attached to an answer."""

    answer_id: AnswerId = Field(..., title="Answer id", description="The answer the file is attached to (foreign key to answers).")
    position: int = Field(..., ge=1, title="Position", description="1-based position of the attachment among the answer's attachments, in the source's order.")
    title: Optional[NonEmptyText] = Field(None, title="Title", description="The attachment's title, as the source gives it.")
    url: Optional[NonEmptyText] = Field(None, title="URL", description="Where the file can be downloaded, as the source gives it.")
    file_type: Optional[NonEmptyText] = Field(None, title="File type", description="The file's type, as the source states it.")
    file_size_bytes: Optional[int] = Field(None, ge=0, title="File size (bytes)", description="The file's size in bytes, as the source states it.")


StatisticUnit = Literal[
    "percent",
    "per_cent_points",
    "GBP",
    "USD",
    "EUR",
    "count",
    "people",
    "number",
    "hectares",
    "acres",
    "tonnes",
    "tons",
    "hundredweight",
    "kilograms",
    "kilometres",
    "miles",
    "metres",
    "square_metres",
    "litres",
]
#: An exact number as published: at most 38 digits, 10 of them after the decimal point
#: (Parquet decimal128(38, 10); a number in the Table Schema).
ExactNumber = Annotated[Decimal, Field(max_digits=38, decimal_places=10)]
Scale = Literal["none", "thousand", "million", "billion", "trillion"]


class Statistic(Record):
    """One numeric fact stated in an answer."""

    answer_id: AnswerId = Field(..., title="Answer id", description="The answer that states it (foreign key to answers).")
    offset: int = Field(..., ge=0, title="Offset", description="Character offset of the statistic's text in the answer text (0-based, in Unicode code points).")
    text: NonEmptyText = Field(..., title="Text", description="The statistic as written, e.g. '£3.6 million', '98%', 'c.12.7%', '42s. 6d.', '15½ miles', '2,375 parliamentary questions' (the number and its unit; the counted words are in 'counted'), or for a range 'between 5 and 10 per cent'.")
    value: ExactNumber = Field(..., title="Value", description="The number it means, exactly as written (decimal arithmetic, never floating point), with the scale applied: 8300000000 for '£8.3 billion'; 98 for '98%'; 0.2 for '20p'; 15.5 for '15½'; pre-decimal money in pounds (12d = 1s, 20s = £1: 2.125 for '42s. 6d.'), rounded to 10 decimal places where a number of pence has no exact decimal. For a range, its lower end.")
    value_max: Optional[ExactNumber] = Field(None, title="Upper value", description="For a range ('10,000-13,000', 'between 5 and 10 per cent', '40%-100%'), its upper end, with the scale applied; otherwise empty.")
    unit: StatisticUnit = Field(..., title="Unit", description="What the number measures (normalised; the unit as written is in 'unit_as_written'): percent; per_cent_points (percentage points); money as GBP, USD or EUR (pence and pre-decimal shillings and pence are GBP); count (a whole number of things, named in 'counted' where the text names them next to it); people (a count of people, persons or individuals); number (a number with no unit that is not whole, such as a ratio); hectares, acres, tonnes (metric), tons (imperial), hundredweight (cwt), kilograms, kilometres, miles, metres, square_metres, litres.")
    unit_as_written: Optional[NonEmptyText] = Field(None, title="Unit as written", description="The unit or currency as the text writes it ('per cent', '%', '£', 'p', 's. d.', 'cwt', 'sqm'); empty for a bare count or number.")
    scale: Scale = Field("none", title="Scale", description="The scale word written with the number (million for '£3.6 million' and '£40million', billion for '£10bn', thousand for '52k'); none where there is none.")
    counted: Optional[NonEmptyText] = Field(None, title="Counted", description="For a count, the words after the number naming what is counted, up to the first plural noun ('children', 'parliamentary questions', 'FJAAs'); empty where the text does not name it next to the number ('Of these, 13 were referred').")
    row_label: Optional[NonEmptyText] = Field(None, title="Row label", description="For a number in a table of the answer, the first cell of its row (e.g. 'Army', '2022-23'), where that column labels the rows (its heading is words or blank); empty outside tables.")
    column_header: Optional[NonEmptyText] = Field(None, title="Column header", description="For a number in a table of the answer, the cell of the table's first row above it (e.g. '2022', 'Number of staff'); empty outside tables.")
    sentence_start: int = Field(..., ge=0, title="Sentence start", description="Character offset in the answer text where the sentence (or table row) that states it starts; the sentence is answer_text[sentence_start:sentence_end] and is stored once, in the answers table.")
    sentence_end: int = Field(..., ge=0, title="Sentence end", description="Character offset in the answer text where that sentence ends (exclusive).")


ReferenceKind = Literal["url", "document", "legislation", "quotation", "question", "hansard_column"]
ReferenceField = Literal["question_text", "answer_text"]


class Reference(Record):
    """One thing an answer or its question cites: a URL, a named publication or Act, a quotation, an earlier question, or a Hansard column."""

    answer_id: AnswerId = Field(..., title="Answer id", description="The answer whose question or answer text cites it (foreign key to answers).")
    field: ReferenceField = Field(..., title="Field", description="Where the citing text is: question_text or answer_text.")
    offset: int = Field(..., ge=0, title="Offset", description="Character offset of the citing text in that field (0-based, in Unicode code points).")
    kind: ReferenceKind = Field(..., title="Kind", description="url; document (a named publication, such as a quoted title or a footnote's title); legislation (an Act, Regulations or Order named with its year); quotation (a quoted passage, such as a sentence of guidance, rather than a title); question (an earlier question or answer); hansard_column (a column of the Official Report, such as 'HL Deb, col 1021' or 'WA 213').")
    target: NonEmptyText = Field(..., title="Target", description="The URL; the document's or Act's title (without a year given in brackets or after it, which is in 'year'); the quoted passage; the cited UIN (for an answer cited without a UIN, the citing words); or the Hansard column as written.")
    cited_text: NonEmptyText = Field(..., title="Cited text", description="The text that makes the reference, as written.")
    truncated: bool = Field(False, title="Truncated", description="True where the source cut the text short inside the reference, so that the target is incomplete (for example a URL ending in '...').")
    broken: bool = Field(False, title="Broken by spaces", description="For a URL, True where the source broke it with spaces ('http://www.highways.gov.uk/knowledge_ compendium/...'): the target is given as written, spaces included, and works once they are removed.")
    footnote: Optional[int] = Field(None, ge=0, title="Footnote", description="Where the reference is given in, or tied to, a numbered footnote ('[1] ... http://...'), the footnote's number.")
    footnote_offset: Optional[int] = Field(None, ge=0, title="Footnote marker offset", description="Character offset, in the same field, of the footnote's marker ('[1]') in the body text, where the body has one.")
    year: Optional[int] = Field(None, ge=1800, le=2100, title="Year", description="For a document or legislation, the year given with its title.")
    cited_uin: Optional[Uin] = Field(None, title="Cited UIN", description="For a question, the UIN it cites, where the text gives one.")
    cited_date: Optional[date] = Field(None, title="Cited date", description="For a question, the date given with the citation (the answer's or the tabling date, as the text says); empty where the text gives none or gives no year.")
    cited_answer_id: Optional[AnswerId] = Field(None, title="Cited answer id", description="For a question that is in this package, its answer id (foreign key to answers): the one answer with the cited UIN whose tabled or answered date is the cited date.")


QualityCode = Literal[
    "tabled_date_missing",
    "answered_date_missing",
    "answer_text_truncated",
    "answer_text_missing",
    "heading_mismatch",
    "minister_not_stated",
    "holding_answer_unreplaced",
    "sources_disagree",
    "question_text_truncated",
    "generic_reader",
    "table_unreadable",
    "number_too_long",
]


class QualityFlag(Record):
    """An honest note where the source was imperfect."""

    answer_id: AnswerId = Field(..., title="Answer id", description="The answer flagged (foreign key to answers).")
    code: QualityCode = Field(..., title="Code", description="What is imperfect; the codes are documented in the data dictionary.")
    message: NonEmptyText = Field(..., title="Message", description="A plain explanation, naming the field and source where there is one.")


SeedStatus = Literal["published", "rejected"]


class Seed(Record):
    """One row of the ``seeds`` table: every seed file, published or rejected."""

    source_file: SeedPath = Field(..., title="Source file", description="Path of the seed relative to the seeds folder.")
    sha256: Sha256 = Field(..., title="SHA-256", description="SHA-256 of the file's bytes.")
    bytes: int = Field(..., ge=0, title="Bytes", description="Size of the file in bytes.")
    layout: Optional[Layout] = Field(None, title="Layout", description="The source layout recognised, where one was.")
    status: SeedStatus = Field(..., title="Status", description="published where at least one answer was read from the file, otherwise rejected.")
    answers: int = Field(..., ge=0, title="Answers", description="Number of answer records read from the file.")
    rejected_records: int = Field(0, ge=0, title="Rejected records", description="Number of records in the file that were rejected (see reason).")
    reason: Optional[NonEmptyText] = Field(None, title="Reason", description="Why the file, or records in it, were rejected.")
    records: int = Field(0, ge=0, title="Records", description="Number of records read from the file: its answers and its rejected records (records = answers + rejected_records); 0 where the whole file was rejected. Nothing in a file is dropped without being counted here.")


class Source(Record):
    """One row of the ``sources`` table: a source record that gave an answer."""

    source_file: SeedPath = Field(..., title="Source file", description="The seed (foreign key to seeds).")
    position: int = Field(..., ge=1, title="Position", description="1-based position of the record within the file.")
    answer_id: AnswerId = Field(..., title="Answer id", description="The answer it gave (foreign key to answers).")
    layout: Layout = Field(..., title="Layout", description="The layout it was read from.")
