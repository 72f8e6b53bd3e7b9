"""OCDS release packages (Contracts Finder) as declared contracts.

Releases of one contracting process are merged with ocdsmerge, the OCDS
community's merger, into its latest state; each award then becomes a
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

import datetime
from collections import defaultdict
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


def _merge_problem(group: list[tuple[int, dict[str, Any]]]) -> str | None:
    """Why a process's releases cannot be merged, naming the release's line."""
    for line, release in group:
        problem = unreadable_value(release) or _id_problem(release)
        if problem:
            return f"release at line {line}: {problem}"
        if len(group) > 1 and not text_of(release.get("date")):
            return (f"release at line {line} has no date, so the process's releases "
                    "cannot be put in order")
    return None


class OCDSImporter(JSONPackageImporter):
    """An OCDS release package: ``{"releases": [...]}``."""

    key = "releases"

    def parse(self, filepath: str, existing: data.Entries = (),
              progress: Progress | None = None,
              window: DateWindow | None = None) -> ImportResult:
        package, text = load_json(filepath)
        releases = package.get("releases") if isinstance(package, dict) else None
        if not isinstance(releases, list):
            raise InputError(filepath, 'is not an OCDS release package (no "releases" list)')
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
            try:
                entries = self._process(group, data.new_metadata(filepath, line), known, window)
            except ValueError as exc:
                result.rejects.append(Reject(line, raw_json([r for _, r in group]), str(exc)))
                continue
            result.rows.append(Row(line, entries))
        return result

    @staticmethod
    def _process(group: list[tuple[int, dict[str, Any]]], meta: data.Meta, known: set[str],
                 window: DateWindow) -> list[data.Directive]:
        """One contracting process's entries; a ValueError says why not."""
        import ocdsmerge

        problem = _merge_problem(group)
        if problem:
            raise ValueError(problem)
        # Empty merge rules: merge arrays by id without fetching the schema online.
        merger = ocdsmerge.Merger(merge_rules={})
        try:
            compiled = merger.create_compiled_release([r for _, r in group])
        except ocdsmerge.exceptions.OCDSMergeError as exc:
            raise ValueError(f"its releases cannot be merged: {exc}") from None
        return contract_entries(compiled, meta, known, window)
