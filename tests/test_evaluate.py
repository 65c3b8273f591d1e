"""The scorer against hand-read documents: `python -m pipeline.evaluate tests/examples2`."""

from pathlib import Path

from pipeline.evaluate import score_folder, summary

EXAMPLES2 = Path(__file__).parent / "examples2"


def test_every_labelled_record_is_scored():
    files = score_folder(EXAMPLES2)
    figures = summary(files)
    assert figures["files"] == 60
    assert figures["records"] == 112  # as the folder's README counts them


def test_a_document_in_no_known_layout_publishes_none_of_its_records(tmp_path):
    (tmp_path / "expected.jsonl").write_text(
        (EXAMPLES2 / "expected.jsonl").read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8"
    )
    (tmp_path / "201.txt").write_text("A page about something else entirely.\n", encoding="utf-8")
    figures = summary(score_folder(tmp_path))
    assert figures["records"] == 1 and figures["records_published"] == 0


def test_a_published_record_is_scored_field_by_field():
    file = next(f for f in score_folder(EXAMPLES2) if f.file == "201.txt")
    (record,) = file.records
    assert record.published
    fields = {s.field: s for s in record.fields}
    # 201.txt: "§ Mr. THOMAS WILLIAMSasked the Secretary of State for the Home Department why ..."
    assert fields["asking_member"].expected == "Mr. THOMAS WILLIAMS"
    assert fields["house"].expected == "Commons"  # the house_hint: the page does not label it
