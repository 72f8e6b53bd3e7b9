"""OCDS release and record packages (Contracts Finder) as declared contracts.

The OCDS community's own tools do the standard's work: releases of one
contracting process are merged with ocdsmerge, using the merge rules of
the OCDS 1.1 release schema shipped beside this module (read from disk,
never fetched), into its latest state; a record package's records are
read the same way (their embedded releases merged, or their compiled
release when the releases are only linked); and an OCDS 1.0 package is
first upgraded to 1.1 with ocdskit's upgrade. Each award then becomes a
``cwl-contract`` declaration and its supplier a ``cwl-organisation``.
Only the fields ``ledger.models.Contract`` knows are written; the award's
status goes into the title. One contracting process (ocid) is one "row".

Publishers' JSON is read field by field, never assuming a shape: a field
of the wrong kind is treated as absent, so a process is rejected with a
reason in words, never with Python's error text. A process with a release
that holds ``NaN`` or a lone surrogate is rejected whole, since merging
without that release could book an out-of-date value.
"""

from __future__ import annotations

import copy
import datetime
import logging
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount
from beancount.parser.grammar import ValueType

from importers.base import JSONPackageImporter, date_window
from importers.grant_entries import declared
from importers.json_source import (
    element_lines,
    first,
    load_json,
    raw_json,
    text_of,
    unreadable_value,
)
from importers.results import ImportResult, InputError, Progress, Reject, Row
from importers.values import DateWindow, decimal_pennies
from ledger.postcodes import find_in, normalise

SMALL_SCALES = {"sme", "micro", "small", "medium"}
# OCDS 1.1.5's release schema (Apache 2.0, see ocds-release-schema.SOURCE.md):
# ocdsmerge reads its merge rules (omitWhenMerged, wholeListMerge) from it.
RELEASE_SCHEMA = Path(__file__).with_name("ocds-release-schema.json")
# A record's release that only links to the release elsewhere.
LINKED_RELEASE_FIELDS = {"url", "date", "tag"}
# ocdskit warns on the log when an OCDS 1.0 upgrade folds two differing
# copies of one organisation into a party; the import's result is the record.
logging.getLogger("ocdskit").addHandler(logging.NullHandler())


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _objects(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _safe_id(value: Any, what: str) -> str:
    text = text_of(value)
    if not text:
        raise ValueError(f"missing {what}")
    if '"' in text or "\\" in text:
        raise ValueError(f"{what} {text!r} has a quote or backslash")
    return text


def _supplier(party: dict[str, Any], org_id: str, date: datetime.date,
              meta: data.Meta) -> data.Custom:
    fields: dict[str, Any] = {"name": text_of(party.get("name")) or org_id}
    address = _object(party.get("address"))
    postcode = normalise(text_of(address.get("postalCode"))) if address.get("postalCode") else None
    if postcode is None:
        postcode = find_in(" ".join(text_of(v) for v in address.values()))
    if postcode:
        fields["postcode"] = postcode
    identifier = _object(party.get("identifier"))
    if text_of(identifier.get("scheme")) == "GB-COH" and text_of(identifier.get("id")):
        fields["company-number"] = text_of(identifier["id"])
    details = _object(party.get("details"))
    if text_of(details.get("scale")).lower() in SMALL_SCALES:
        fields["sme"] = True
    if details.get("vcse") is True:
        fields["vcse"] = True
    return data.Custom({**meta, **fields}, date, "cwl-organisation", [ValueType(org_id, str)])


def _contract(award: dict[str, Any], release: dict[str, Any],
              window: DateWindow) -> tuple[datetime.date, dict[str, Any]]:
    """The award's date and ``cwl-contract`` fields; a ValueError says why not."""
    tender = _object(release.get("tender"))
    value = _object(award.get("value"))
    currency = text_of(value.get("currency")) or "GBP"
    if currency != "GBP":
        raise ValueError(f"value in {currency}, not GBP")
    amount = decimal_pennies(value.get("amount"))
    org_id = _safe_id(first(award.get("suppliers")).get("id"), "supplier id")
    when = text_of(award.get("date")) or text_of(release.get("date"))
    if not when:
        raise ValueError("no award or release date")
    date = window.entry_date(when)
    period = _object(award.get("contractPeriod")) or _object(tender.get("contractPeriod"))
    start, end = text_of(period.get("startDate")), text_of(period.get("endDate"))
    title = text_of(award.get("title")) or text_of(tender.get("title")) or text_of(award.get("id"))
    status = text_of(award.get("status"))
    fields: dict[str, Any] = {
        "supplier": org_id,
        "title": f"{title} ({status})" if status else title,
        "value": Amount(amount, "GBP"),
        "start": window.term_date(start) if start else date,
    }
    if end:
        fields["end"] = window.term_date(end)
    return date, fields


def contract_entries(release: dict[str, Any], meta: data.Meta, known: set[str],
                     window: DateWindow) -> list[data.Directive]:
    """``cwl-contract`` (and new suppliers) for each award of a compiled release.

    ``known`` gains the new suppliers only when every award is sound, so a
    rejected process never keeps a later one from declaring its supplier.
    """
    awards = _objects(release.get("awards"))
    if not awards:
        raise ValueError("no award in this contracting process (nothing contracted yet)")
    parties = {text_of(p.get("id")): p for p in _objects(release.get("parties"))}
    entries: list[data.Directive] = []
    declared_here: set[str] = set()
    for award in awards:
        contract_id = _safe_id(award.get("id"), "award id")
        try:
            date, fields = _contract(award, release, window)
        except ValueError as exc:
            raise ValueError(f"award {contract_id}: {exc}") from None
        org_id = fields["supplier"]
        if org_id not in known | declared_here:
            declared_here.add(org_id)
            party = parties.get(org_id) or first(award.get("suppliers"))
            entries.append(_supplier(party, org_id, date, meta))
        entries.append(data.Custom({**meta, **fields}, date, "cwl-contract",
                                   [ValueType(contract_id, str)]))
    known |= declared_here
    return entries


def _list_id_problem(where: str, items: list[Any]) -> str | None:
    """Why ocdsmerge cannot tell the objects of one list apart by ``id``."""
    seen: set[str] = set()
    for i, item in enumerate(items):
        if not isinstance(item, dict) or "id" not in item:
            continue
        if isinstance(item["id"], (dict, list)):
            return f"{where}[{i}].id is not text or a number"
        if str(item["id"]) in seen:
            return f"{where}[{i}] repeats the id '{text_of(item['id'])}' of another"
        seen.add(str(item["id"]))
    return None


def _id_problem(release: dict[str, Any]) -> str | None:
    """ocdsmerge matches the objects in a list by their ``id``, merging
    those that share one: why it cannot here, naming the field. Two awards
    merged into one would book one contract's value for both."""
    stack: list[tuple[str, Any]] = [("", release)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{where}.{k}" if where else k, v) for k, v in value.items())
        elif isinstance(value, list):
            problem = _list_id_problem(where, value)
            if problem:
                return problem
            stack.extend((f"{where}[{i}]", item) for i, item in enumerate(value))
    return None


# (where, release): where names the release in a reason ("release at line 4").
Located = tuple[str, dict[str, Any]]


def _merge_problem(group: list[Located]) -> str | None:
    """Why a process's releases cannot be merged, naming the release."""
    for where, release in group:
        problem = unreadable_value(release) or _id_problem(release)
        if problem:
            return f"{where}: {problem}"
        if len(group) > 1 and not text_of(release.get("date")):
            return f"{where} has no date, so the process's releases cannot be put in order"
    return None


@cache
def merger() -> Any:
    """ocdsmerge's merger with the shipped schema's merge rules."""
    import ocdsmerge
    from ocdsmerge.rules import get_merge_rules

    return ocdsmerge.Merger(merge_rules=get_merge_rules(str(RELEASE_SCHEMA)))


def is_ocds_10(package: dict[str, Any], releases: list[Any]) -> bool:
    """Whether a package is OCDS 1.0: its ``version`` says so, or it has
    none (1.1 added it) and no release has 1.1's ``parties``."""
    if "version" in package:
        return text_of(package["version"]) == "1.0"
    return not any(isinstance(r, dict) and "parties" in r for r in releases)


def _upgraded(where: str, release: dict[str, Any]) -> None:
    """ocdskit's 1.0 -> 1.1 upgrade, in place: organisations become
    ``parties`` with references to them, ``amendment`` ``amendments``."""
    from ocdskit.upgrade import upgrade_release_10_11

    try:
        upgrade_release_10_11(release, reorder=False)
    except Exception:  # ocdskit assumes 1.0's shapes; any other shape fails somewhere
        raise ValueError(
            f"{where} is OCDS 1.0 and ocdskit cannot upgrade it to 1.1: its buyer, "
            "procuring entity, tenderers, suppliers, amendments or transactions are not "
            "shaped as OCDS 1.0 has them") from None


def _linked(release: Any) -> bool:
    return isinstance(release, dict) and "url" in release and set(release) <= (
        LINKED_RELEASE_FIELDS)


def _record_releases(record: dict[str, Any], line: int) -> tuple[list[Located], bool]:
    """A record's releases to merge, or its compiled release (True) when
    the releases are only linked; a ValueError says why neither."""
    releases = record.get("releases")
    releases = releases if isinstance(releases, list) else []
    if releases and not any(_linked(r) for r in releases):
        if not all(isinstance(r, dict) for r in releases):
            raise ValueError(f"record at line {line}: a release is not a JSON object")
        return [(f"releases[{i}] of the record at line {line}", r)
                for i, r in enumerate(releases)], False
    compiled = record.get("compiledRelease")
    if isinstance(compiled, dict):
        return [(f"the compiled release of the record at line {line}", compiled)], True
    raise ValueError("record has no releases to merge (only links to them) "
                     "and no compiled release")


class OCDSImporter(JSONPackageImporter):
    """An OCDS release package ``{"releases": [...]}`` or record package
    ``{"records": [...]}``."""

    key = "releases"

    def identify(self, filepath: str) -> bool:
        if super().identify(filepath):
            return True
        try:
            package, _ = load_json(filepath)
        except InputError:
            return False
        return isinstance(package, dict) and isinstance(package.get("records"), list)

    def parse(self, filepath: str, existing: data.Entries = (),
              progress: Progress | None = None,
              window: DateWindow | None = None) -> ImportResult:
        package, text = load_json(filepath)
        package = package if isinstance(package, dict) else {}
        if isinstance(package.get("releases"), list):
            return self._releases(filepath, package, text, existing, window)
        if isinstance(package.get("records"), list):
            return self._records(filepath, package, text, existing, window)
        raise InputError(filepath, 'is not an OCDS release or record package '
                                   '(no "releases" or "records" list)')

    def _releases(self, filepath: str, package: dict[str, Any], text: str,
                  existing: data.Entries, window: DateWindow | None) -> ImportResult:
        releases = package["releases"]
        upgrade = is_ocds_10(package, releases)
        result = ImportResult()
        processes: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
        for release, line in zip(releases, element_lines(text, "releases")):
            ocid = text_of(release.get("ocid")) if isinstance(release, dict) else ""
            if not ocid:
                result.rejects.append(Reject(line, raw_json(release), "release has no ocid"))
                continue
            processes[ocid].append((line, release))
        known = declared(existing, "cwl-organisation")
        window = date_window(existing, window)
        for group in processes.values():
            line = group[0][0]
            located = [(f"release at line {n}", release) for n, release in group]
            try:
                entries = self._process(located, data.new_metadata(filepath, line), known,
                                        window, upgrade)
            except ValueError as exc:
                result.rejects.append(Reject(line, raw_json([r for _, r in group]), str(exc)))
                continue
            result.rows.append(Row(line, entries))
        return result

    def _records(self, filepath: str, package: dict[str, Any], text: str,
                 existing: data.Entries, window: DateWindow | None) -> ImportResult:
        """One row per record: a record is one contracting process."""
        records = package["records"]
        upgrade = is_ocds_10(package, [
            release for record in records if isinstance(record, dict)
            for release in [*(record.get("releases") if isinstance(record.get("releases"),
                                                                   list) else []),
                            record.get("compiledRelease")]])
        result = ImportResult()
        known = declared(existing, "cwl-organisation")
        window = date_window(existing, window)
        for record, line in zip(records, element_lines(text, "records")):
            if not isinstance(record, dict) or not text_of(record.get("ocid")):
                result.rejects.append(Reject(line, raw_json(record), "record has no ocid"))
                continue
            try:
                located, compiled = _record_releases(record, line)
                entries = self._process(located, data.new_metadata(filepath, line), known,
                                        window, upgrade, compiled)
            except ValueError as exc:
                result.rejects.append(Reject(line, raw_json(record), str(exc)))
                continue
            result.rows.append(Row(line, entries))
        return result

    @staticmethod
    def _process(group: list[Located], meta: data.Meta, known: set[str], window: DateWindow,
                 upgrade: bool, compiled: bool = False) -> list[data.Directive]:
        """One contracting process's entries; a ValueError says why not."""
        import ocdsmerge

        problem = _merge_problem(group)
        if problem:
            raise ValueError(problem)
        if upgrade:  # on copies: a reject shows the release as the file has it
            group = [(where, copy.deepcopy(release)) for where, release in group]
            for where, release in group:
                _upgraded(where, release)
        if compiled:
            return contract_entries(group[0][1], meta, known, window)
        try:
            release = merger().create_compiled_release([r for _, r in group])
        except ocdsmerge.exceptions.OCDSMergeError as exc:
            raise ValueError(f"its releases cannot be merged: {exc}") from None
        return contract_entries(release, meta, known, window)
