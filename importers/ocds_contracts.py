"""OCDS release packages (Contracts Finder) as declared contracts.

Releases of one contracting process are merged with ocdsmerge, the OCDS
community's merger, into its latest state; each award then becomes a
``cwl-contract`` declaration and its supplier a ``cwl-organisation``.
Only the fields ``ledger.models.Contract`` knows are written; the award's
status goes into the title. One contracting process (ocid) is one "row".
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount
from beancount.parser.grammar import ValueType

from importers.base import JSONPackageImporter
from importers.grant_entries import declared
from importers.json_source import element_lines, first, load_json, raw_json, text_of
from importers.results import ImportResult, InputError, Progress, Reject, Row
from importers.values import decimal_pennies, parse_date
from ledger.postcodes import find_in, normalise

SMALL_SCALES = {"sme", "micro", "small", "medium"}


def _day(value: Any) -> datetime.date | None:
    text = text_of(value)
    return parse_date(text[:10]) if text else None


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
    address = party.get("address") if isinstance(party.get("address"), dict) else {}
    postcode = normalise(text_of(address.get("postalCode"))) if address.get("postalCode") else None
    if postcode is None:
        postcode = find_in(" ".join(text_of(v) for v in address.values()))
    if postcode:
        fields["postcode"] = postcode
    identifier = party.get("identifier") if isinstance(party.get("identifier"), dict) else {}
    if text_of(identifier.get("scheme")) == "GB-COH" and text_of(identifier.get("id")):
        fields["company-number"] = text_of(identifier["id"])
    details = party.get("details") if isinstance(party.get("details"), dict) else {}
    if text_of(details.get("scale")).lower() in SMALL_SCALES:
        fields["sme"] = True
    if details.get("vcse") is True:
        fields["vcse"] = True
    return data.Custom({**meta, **fields}, date, "cwl-organisation", [ValueType(org_id, str)])


def contract_entries(release: dict[str, Any], meta: data.Meta,
                     known: set[str]) -> list[data.Directive]:
    """``cwl-contract`` (and new suppliers) for each award of a compiled release."""
    awards = [a for a in release.get("awards") or [] if isinstance(a, dict)]
    if not awards:
        raise ValueError("no award in this contracting process (nothing contracted yet)")
    tender = release.get("tender") if isinstance(release.get("tender"), dict) else {}
    parties = {text_of(p.get("id")): p for p in release.get("parties") or []
               if isinstance(p, dict)}
    entries: list[data.Directive] = []
    for award in awards:
        contract_id = _safe_id(award.get("id"), "award id")
        value = award.get("value") if isinstance(award.get("value"), dict) else {}
        currency = text_of(value.get("currency")) or "GBP"
        if currency != "GBP":
            raise ValueError(f"award {contract_id}: value in {currency}, not GBP")
        amount = decimal_pennies(value.get("amount"))
        supplier = first(award.get("suppliers"))
        org_id = _safe_id(supplier.get("id"), f"award {contract_id}: supplier id")
        period = award.get("contractPeriod") or tender.get("contractPeriod") or {}
        date = _day(award.get("date")) or _day(release.get("date"))
        if date is None:
            raise ValueError(f"award {contract_id}: no award or release date")
        start = _day(period.get("startDate")) or date
        title = text_of(award.get("title")) or text_of(tender.get("title")) or contract_id
        status = text_of(award.get("status"))
        fields: dict[str, Any] = {
            "supplier": org_id,
            "title": f"{title} ({status})" if status else title,
            "value": Amount(amount, "GBP"),
            "start": start,
        }
        if _day(period.get("endDate")):
            fields["end"] = _day(period.get("endDate"))
        if org_id not in known:
            known.add(org_id)
            party = parties.get(org_id) or supplier
            entries.append(_supplier(party, org_id, date, meta))
        entries.append(data.Custom({**meta, **fields}, date, "cwl-contract",
                                   [ValueType(contract_id, str)]))
    return entries


class OCDSImporter(JSONPackageImporter):
    """An OCDS release package: ``{"releases": [...]}``."""

    key = "releases"

    def parse(self, filepath: str, existing: data.Entries = (),
              progress: Progress | None = None) -> ImportResult:
        import ocdsmerge

        package, text = load_json(filepath)
        releases = package.get("releases") if isinstance(package, dict) else None
        if not isinstance(releases, list):
            raise InputError(filepath, 'is not an OCDS release package (no "releases" list)')
        release_lines = element_lines(text, "releases")
        result = ImportResult()
        processes: dict[str, list[dict[str, Any]]] = defaultdict(list)
        lines: dict[str, int] = {}
        for release, line in zip(releases, release_lines):
            ocid = text_of(release.get("ocid")) if isinstance(release, dict) else ""
            if not ocid:
                result.rejects.append(Reject(line, raw_json(release), "release has no ocid"))
                continue
            processes[ocid].append(release)
            lines.setdefault(ocid, line)
        # Empty merge rules: merge arrays by id without fetching the schema online.
        merger = ocdsmerge.Merger(merge_rules={})
        known = declared(existing, "cwl-organisation")
        for ocid, group in processes.items():
            line = lines[ocid]
            try:
                compiled = merger.create_compiled_release(group)
                entries = contract_entries(compiled, data.new_metadata(filepath, line), known)
            except (ValueError, TypeError, AttributeError,
                    ocdsmerge.exceptions.OCDSMergeError) as exc:
                result.rejects.append(Reject(line, raw_json(group), str(exc)))
                continue
            result.rows.append(Row(line, entries))
        return result
