"""The hardship rules, applied to what ``reading.read`` found. Messages
name awards, schemes and ledger lines, never a person: findings are
published at the end of the grant panel pack."""

from __future__ import annotations

import datetime
from collections import defaultdict

from ledger.models import GrantScheme
from rules.api import Finding, finding, gbp
from rules.hardship.reading import Read
from rules.hardship.records import PersonPayment, Voucher


def _linked(a: GrantScheme, b: GrantScheme) -> bool:
    """Whether one person may be paid by only one of ``a`` and ``b``."""
    return b.id in a.once_across or a.id in b.once_across


def _window(a: GrantScheme, b: GrantScheme) -> int | None:
    """Days within which a second payment counts: the shorter declared
    window of the two schemes; None (any time) when neither declares one."""
    windows = [s.once_window for s in (a, b) if s.once_window]
    return min(windows) if windows else None


def _funds(a: str, b: str) -> str:
    return f"{a} pays" if a == b else f"{a} and {b} pay"


def paid_twice(read: Read, schemes: dict[str, GrantScheme]
               ) -> tuple[list[Finding], list[PersonPayment]]:
    """A person or household paid again by a scheme, or one of its
    ``once-across`` schemes, within the window: reported at the later
    payment, naming the earlier one."""
    findings, twice = [], []
    earlier: dict[tuple[str, str], list[PersonPayment]] = defaultdict(list)
    payments = sorted((p for s in read.schemes.values() for p in s.payments),
                      key=lambda p: p.date)
    for payment in payments:
        scheme = schemes[payment.scheme]
        keys = [(kind, ref) for kind, ref in (("person", payment.person_ref),
                                              ("household", payment.household_ref)) if ref]
        clash = None
        for key in keys:
            for before in earlier[key]:
                other = schemes[before.scheme]
                window = _window(scheme, other)
                if _linked(scheme, other) and (
                        window is None or (payment.date - before.date).days <= window):
                    clash = (key[0], before, window)
                    break
            if clash:
                break
        for key in keys:
            earlier[key].append(payment)
        if clash is None:
            continue
        kind, before, window = clash
        within = f"within {window} days" if window else "at any time"
        twice.append(payment)
        findings.append(finding(
            payment.meta, f"{payment.name} of {gbp(payment.amount)} pays the same {kind} "
            f"as {before.name} on {before.date}; {_funds(payment.scheme, before.scheme)} "
            f"one {kind} once {within}", "hardship.paid-twice", payment.award_id))
    return findings, twice


def no_reference(read: Read) -> list[Finding]:
    return [finding(p.meta, f"{p.name} of {gbp(p.amount)} pays a person but has no "
                            "person-ref or household-ref, so it cannot be checked against "
                            "the other funds", "hardship.no-person-ref", p.award_id)
            for s in read.schemes.values() for p in s.payments
            if not (p.person_ref or p.household_ref)]


def methods(read: Read) -> list[Finding]:
    return [finding(p.meta, f"{p.name} {problem}", "hardship.method", p.award_id)
            for p, problem in read.method_problems]


def vouchers(read: Read) -> list[Finding]:
    """Every voucher redeemed or written back once it lapses, never more
    than issued; every movement out of a voucher account matched to one."""
    findings = []
    by_award: dict[str, Voucher] = {}
    for scheme in read.schemes.values():
        for voucher in scheme.vouchers:
            if voucher.payment.award_id:
                by_award.setdefault(voucher.payment.award_id, voucher)
    for move in read.moves:
        voucher = by_award.get(move.award_id) if move.award_id else None
        what = "written back" if move.written_back else "redeemed"
        if voucher is None or voucher.account != move.account:
            link = f"^award-{move.award_id}" if move.award_id else "no ^award- link"
            findings.append(finding(move.meta, f"{gbp(move.amount)} {what} from "
                                    f"{move.account} has {link}, matching no voucher "
                                    "issued from it", "hardship.voucher-unreconciled",
                                    move.award_id))
            continue
        if move.written_back:
            voucher.written_back += move.amount
        else:
            voucher.redeemed += move.amount
        if voucher.outstanding < 0:
            findings.append(finding(move.meta, f"{gbp(move.amount)} {what} on voucher "
                                    f"{voucher.payment.award_id} takes it "
                                    f"{gbp(-voucher.outstanding)} past the "
                                    f"{gbp(voucher.payment.amount)} issued",
                                    "hardship.voucher-unreconciled", move.award_id))
    as_at = read.last_date or datetime.date.min
    for scheme in read.schemes.values():
        for voucher in scheme.vouchers:
            payment = voucher.payment
            if voucher.outstanding > 0 and voucher.expires < as_at:
                findings.append(finding(
                    payment.meta, f"Voucher {payment.award_id or '(unlinked)'} "
                    f"({payment.scheme}) of {gbp(payment.amount)} lapsed on "
                    f"{voucher.expires} with {gbp(voucher.outstanding)} still held in "
                    f"{voucher.account}: record its redemption, or write it back with "
                    "recovery: TRUE", "hardship.voucher-unreconciled", payment.award_id))
    return findings


def raw_identifiers(read: Read) -> list[Finding]:
    return [finding(meta, "Something that looks like a raw identifier is in the books ("
                          f"{'; '.join(where)}): keep only salted references "
                          "(person-ref, household-ref, bank-fingerprint)",
                    "hardship.raw-identifier") for meta, where in read.raw]
