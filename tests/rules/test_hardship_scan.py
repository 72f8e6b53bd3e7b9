"""The raw-identifier check reads the books' files for the few directives
worth searching (``rules.hardship.scan``): it must find all that searching
every entry finds, wherever the text sits in the file."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from beancount import loader

from ledger.loading import load_books
from rules.api import build_context
from rules.hardship import scan
from rules.hardship.identifiers import suspect_directives
from rules.hardship.reading import read

TRICKY = textwrap.dedent('''\
    plugin "rules.hardship"

    2020-04-01 custom "cwl-scheme" "HSF"
      title: "Hardship Support Fund"
      opens: 2020-04-01
      closes: 2021-03-31
      amounts: "max 500"
      recipients: "individuals"
      note: "declared with QQ 12 34 56 C"

    2020-01-01 custom "cwl-organisation" "GB-COH-01234567"
      name: "Company Ltd"
      company-number: "01234567"

    2020-01-01 open Assets:Bank:Current GBP
    2020-01-01 open Expenses:Grants:HSF GBP
    2020-01-01 open Expenses:Services:ICT GBP

    ; a comment's stray quote: 5" pipes
    2020-05-01 * "Hardship payment" ^award-HSF-0001
      scheme: "HSF"
      person-ref: "aaaa000000000001"
      note: "said \\"20-00-00\\" on the phone"
      Expenses:Grants:HSF   150.00 GBP
      Assets:Bank:Current

    2020-05-02 * "Hardship payment" "paid to
    account 41234567 by hand" ^award-HSF-0002
      scheme: "HSF"
      person-ref: "aaaa000000000002"
      Expenses:Grants:HSF   150.00 GBP
      Assets:Bank:Current

    2020-05-03 * "Hardship payment" ^award-HSF-0003
      scheme: "HSF"
      person-ref: "aaaa000000000003"
      ni: QQ123456C
      Expenses:Grants:HSF   150.00 GBP
      Assets:Bank:Current ; "40-11-22" in a comment is not in the books' text

    2020-05-04 * "Company Ltd" "Invoice 12345678; no sort code"
      org-id: "GB-COH-01234567"
      invoice-number: "12-34-56"
      Expenses:Services:ICT   150.00 GBP
        reference: "40-11-22"
      Assets:Bank:Current
    ''')


def _line(text: str, part: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if part in line)


def test_suspect_directives_hold_text_wherever_the_parser_reads_it():
    found = suspect_directives(TRICKY)
    lines = {line for line, _ in found}
    assert _line(TRICKY, '"cwl-scheme" "HSF"') in lines  # a declaration's metadata
    assert _line(TRICKY, "2020-05-01") in lines  # escaped quotes around it
    assert _line(TRICKY, "2020-05-02") in lines  # a string over two lines
    assert _line(TRICKY, "2020-05-03") in lines  # a bare value, read as a currency
    # A posting's metadata, and (an account number only counts on payments
    # to people: the entry's own search decides) the narration.
    assert _line(TRICKY, "2020-05-04") in lines
    # Keys that are ids by design are not searched; each directive is given
    # with its date as written.
    assert _line(TRICKY, '"cwl-organisation"') not in lines
    assert (_line(TRICKY, "2020-05-02"), "2020-05-02") in found
    assert len(found) == 5


def test_a_guess_that_names_no_directive_is_found_out(tmp_path):
    """A line of a string over several lines that starts with a date is taken
    for a directive's first line: the reader then places every entry by its
    file and line, and still finds the directive."""
    text = TRICKY.replace("^award-HSF-0003",
                          '^award-HSF-0003\n  memo: "a note\n2020-05-03 by phone"')
    path = tmp_path / "books.beancount"
    path.write_text(text, encoding="utf-8")
    assert (_line(text, "2020-05-03 by phone"), "2020-05-03") in suspect_directives(text)
    entries, _, options = load_books(path)
    found = _raw(entries, options, scan.books_suspects(options["include"]))
    assert found == _raw(entries, options, None)
    assert (_line(text, "2020-05-03 *"), ["ni: a National Insurance number"]) in found


def _raw(entries: list, options: dict, suspects) -> list[tuple[int, list[str]]]:
    context, _ = build_context(entries, options, None)
    found = read(entries, context.config.schemes, context.transactions(entries), suspects)
    return [(meta["lineno"], where) for meta, where in found.raw]


def test_reading_the_file_finds_what_searching_every_entry_finds(tmp_path):
    path = tmp_path / "books.beancount"
    path.write_text(TRICKY, encoding="utf-8")
    entries, _, options = load_books(path)
    from_files = _raw(entries, options, scan.books_suspects(options["include"]))
    everywhere = _raw(entries, options, None)
    assert from_files == everywhere
    assert [line for line, _ in from_files] == [
        _line(TRICKY, '"cwl-scheme" "HSF"'), _line(TRICKY, "2020-05-01"),
        _line(TRICKY, "2020-05-02"), _line(TRICKY, "2020-05-03"),
        _line(TRICKY, "2020-05-04")]
    # The comment's sort code and the ids by design are not findings.
    assert ("narration: a bank account number" in from_files[2][1])
    assert from_files[4][1] == ["reference: a sort code"]


def _raw_errors(errors: list) -> list[tuple[int, str]]:
    return [(e.source["lineno"], e.message) for e in errors
            if e.message.endswith("[hardship.raw-identifier]")]


def test_the_check_is_the_same_loaded_from_a_file_or_from_a_string(tmp_path):
    path = tmp_path / "books.beancount"
    path.write_text(TRICKY, encoding="utf-8")
    _, file_errors, _ = loader.load_file(str(path))
    _, string_errors, _ = loader.load_string(TRICKY)
    assert _raw_errors(file_errors) == _raw_errors(string_errors)
    assert len(_raw_errors(file_errors)) == 5


def test_the_demo_books_read_from_files_as_from_every_entry(demo_dir):
    entries, _, options = load_books(demo_dir / "main.beancount")
    from_files = _raw(entries, options, scan.books_suspects(options["include"]))
    assert from_files  # the demo plants raw identifiers
    assert from_files == _raw(entries, options, None)


def test_a_file_changed_since_it_was_read_is_read_again(tmp_path):
    path = tmp_path / "books.beancount"
    path.write_text('2020-01-01 custom "cwl-note" "nothing here"\n', encoding="utf-8")
    assert scan.suspects_in(str(path)) == frozenset()
    path.write_text('2020-01-01 custom "cwl-note" "sort code 20-00-00"\n', encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert scan.suspects_in(str(path)) == frozenset({(1, "2020-01-01")})


def test_books_not_read_from_files_are_searched_entry_by_entry(tmp_path):
    assert scan.books_suspects([]) is None
    assert scan.books_suspects([str(tmp_path / "gone.beancount")]) is None
    clean = Path(tmp_path / "clean.beancount")
    clean.write_text("2020-01-01 open Assets:Bank:Current GBP\n", encoding="utf-8")
    assert scan.books_suspects([str(clean)]) == {}
