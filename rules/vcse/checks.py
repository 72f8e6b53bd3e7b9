"""The VCSE rules, applied to the declared agreements, variations and
relief requests and to the payments ``reading.read`` found."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from ledger.config import Config
from ledger.models import Agreement, Settings
from rules.api import Finding, finding, gbp
from rules.vcse.records import ZERO, AgreementBook, AgreementPayment, Instalment, RequestStatus


def _suspended(book: AgreementBook, due: datetime.date) -> bool:
    """Delivery changed without payments assured, on or before ``due``:
    the instalments from then on are no longer owed."""
    return any(v.delivery_changed and not v.payment_assured and v.date <= due
               for v in book.variations)


def schedule(book: AgreementBook, grace_days: int) -> list[Instalment]:
    """Each instalment with its deadline and the day payments on the
    agreement, added up in date order, first covered it and every earlier
    one still owed (instalments no longer owed are not counted)."""
    grace = datetime.timedelta(days=grace_days)
    end = book.end_on()
    totals, running = [], ZERO  # (date, paid so far)
    for payment in sorted(book.payments, key=lambda p: p.date):
        running += payment.amount
        totals.append((payment.date, running))
    owed = ZERO
    instalments = []
    for due, amount in book.declared.instalments:
        expected = due <= end and not _suspended(book, due)
        paid_on = None
        if expected:
            owed += amount
            paid_on = next((day for day, total in totals if total >= owed), None)
        instalments.append(Instalment(due, amount, due + grace, paid_on, expected))
    return instalments


def agreements(config: Config, settings: Settings, payments: Iterable[AgreementPayment],
               as_of: datetime.date | None) -> tuple[dict[str, AgreementBook], list[Finding]]:
    """The agreements' books, with ``vcse.unknown-agreement``,
    ``vcse.paid-after-end`` and ``vcse.instalment-missed``."""
    found: list[Finding] = []
    books = {key: AgreementBook(agreement, as_of)
             for key, agreement in sorted(config.agreements.items())}
    for variation in sorted(config.variations, key=lambda v: v.date):
        book = books.get(variation.id)
        if book is None:
            found.append(finding(variation.meta, f"Variation of agreement '{variation.id}', "
                                 "which the ledger does not declare with cwl-agreement",
                                 "vcse.unknown-agreement", variation.id))
        else:
            book.variations.append(variation)
    for payment in payments:
        book = books.get(payment.agreement_id)
        if book is None:
            found.append(finding(payment.meta, f"Payment of {gbp(payment.amount)} on "
                                 f"^agreement-{payment.agreement_id}, which the ledger does "
                                 "not declare with cwl-agreement", "vcse.unknown-agreement",
                                 payment.agreement_id))
            continue
        book.payments.append(payment)
        end = book.end_on(payment.date)
        if payment.amount > 0 and payment.date > end:
            varied = "" if end == book.declared.end else " as varied"
            found.append(finding(payment.meta, f"Payment of {gbp(payment.amount)} on "
                                 f"agreement {book.id} on {payment.date}, after it ended on "
                                 f"{end}{varied}", "vcse.paid-after-end", book.id))
    for book in books.values():
        book.instalments = schedule(book, _grace(book.declared, settings))
        if book.missed:
            found.append(finding(book.declared.meta, _missed(book), "vcse.instalment-missed",
                                 book.id))
    return books, found


def _grace(agreement: Agreement, settings: Settings) -> int:
    return settings.instalment_grace if agreement.grace is None else agreement.grace


def _missed(book: AgreementBook) -> str:
    parts = [f"{gbp(i.amount)} due {i.due} " + (f"paid late, on {i.paid_on}" if i.paid_on
                                                 else f"unpaid by {i.deadline}")
             for i in book.missed]
    return (f"Agreement {book.id} with {book.declared.recipient}: "
            f"{len(parts)} instalment{'s' if len(parts) > 1 else ''} missed as at "
            f"{book.as_of} ({'; '.join(parts)}); paid {gbp(book.paid)} of "
            f"{gbp(book.due)} due by then")


def requests(config: Config, settings: Settings,
             as_of: datetime.date | None) -> tuple[list[RequestStatus], list[Finding]]:
    """Relief requests, with ``vcse.request-undecided``: no decision more
    than ``decide-within`` days after it was received."""
    statuses, found = [], []
    for request in sorted(config.relief_requests.values(), key=lambda r: (r.received, r.id)):
        waiting = None
        if request.decided is None and as_of is not None:
            waiting = (as_of - request.received).days
            if waiting > settings.decide_within:
                found.append(finding(request.meta, f"Relief request {request.id} from "
                                     f"{request.org}, received {request.received}, is "
                                     f"still undecided after {waiting} days (decide within "
                                     f"{settings.decide_within})", "vcse.request-undecided",
                                     request.id))
        statuses.append(RequestStatus(request, waiting))
    return statuses, found
