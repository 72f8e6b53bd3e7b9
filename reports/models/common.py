"""What every report model shares: the books and their rule analyses, the
reporting period, the title-page header with the ledger's fingerprint, the
table and figure shapes that renderers lay out, and the hiding of people.

A report is built from the loaded, rule-checked entries: each rule module's
``analyse`` is run once per ``Books`` and shared by every report, so a figure
in a PDF is the figure the rule checked. Models hold raw values (``Decimal``
money, dates); renderers format them, and ``to_dict`` gives them to Fava.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Literal, NamedTuple

import pandas as pd
from beancount.core import data

from ledger.config import Config
from ledger.loading import LoadedLedger
from ledger.metadata import BANK_FINGERPRINT, ORG_ID
from ledger.postcodes import area_prefixes, parse
from ledger.redaction import REDACTED_KEY, Redactor
from rules import claims, local_spend, social_value, supplier_relief
from rules.analyses import RuleAnalyses
from rules.common import RuleContext, build_context, plugin_config

ZERO = Decimal(0)
PENNY = Decimal("0.01")

Kind = Literal["text", "money", "count", "share", "number", "date"]


# -- The period ------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """The days a report covers, both ends included."""

    start: datetime.date
    end: datetime.date

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def year_earlier(self) -> Period:
        return Period(_shift_year(self.start), _shift_year(self.end))

    def label(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


def _shift_year(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def financial_year(day: datetime.date) -> Period:
    """The 1 April to 31 March year ``day`` falls in."""
    first = day.year if day.month >= 4 else day.year - 1
    return Period(datetime.date(first, 4, 1), datetime.date(first + 1, 3, 31))


def default_period(entries: list[data.Directive]) -> Period:
    """The financial year holding most of the ledger's transactions: a
    council's books are kept and reported by financial year."""
    years = Counter(financial_year(e.date) for e in entries
                    if isinstance(e, data.Transaction))
    if not years:
        return financial_year(datetime.date.today())
    return max(years.items(), key=lambda item: (item[1], item[0].start))[0]


# -- The ledger's fingerprint ------------------------------------------------------


@dataclass(frozen=True)
class LedgerFile:
    name: str  # relative to the main file's folder
    sha256: str


def ledger_files(options: dict[str, Any]) -> list[LedgerFile]:
    """The main file and every file it includes, each with its SHA-256."""
    main = Path(options["filename"]).resolve()
    included = [Path(p).resolve() for p in options.get("include", [])]
    paths = [main] + [p for p in included if p != main]
    files = []
    for path in paths:
        try:
            name = str(path.relative_to(main.parent))
        except ValueError:
            name = str(path)
        files.append(LedgerFile(name, hashlib.sha256(path.read_bytes()).hexdigest()))
    return files


def ledger_digest(files: list[LedgerFile]) -> str:
    """SHA-256 of the files' ``sha256sum`` lines, main file first, so an
    auditor can check it with ``sha256sum main.beancount ... | sha256sum``
    run in the ledger's folder."""
    lines = "".join(f"{f.sha256}  {f.name}\n" for f in files)
    return hashlib.sha256(lines.encode()).hexdigest()


@dataclass(frozen=True)
class ReportHeader:
    """The title page: who, what, when, and which books exactly."""

    title: str
    organisation: str
    organisation_id: str
    period: Period
    produced: datetime.date
    ledger_sha256: str
    files: tuple[LedgerFile, ...]


# -- Tables and figures, for renderers to lay out --------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: Kind = "text"


@dataclass
class Table:
    """Rows of raw values under typed columns; ``totals`` is a last row."""

    title: str
    columns: list[Column]
    rows: list[dict[str, Any]]
    totals: dict[str, Any] | None = None
    note: str = ""
    empty: str = "None in the period."

    @classmethod
    def from_frame(cls, title: str, columns: list[Column], frame: pd.DataFrame,
                   totals: dict[str, Any] | None = None, note: str = "",
                   empty: str = "None in the period.") -> Table:
        keys = [c.key for c in columns]
        rows = [dict(zip(keys, values)) for values in
                frame.reindex(columns=keys).itertuples(index=False, name=None)]
        return cls(title, columns, rows, totals, note, empty)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=[c.key for c in self.columns])


@dataclass(frozen=True)
class Figure:
    """A headline number, with where it came from in the books."""

    label: str
    value: Decimal | int | None
    kind: Kind = "money"
    source: str = ""


@dataclass(frozen=True)
class Bar:
    """One bar of a chart."""

    label: str
    value: Decimal


def to_dict(value: Any) -> Any:
    """Plain JSON-ready data: Decimals as strings, dates in ISO form."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_dict(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, pd.DataFrame):
        return [to_dict(row) for row in value.to_dict("records")]
    if isinstance(value, dict):
        return {str(k): to_dict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_dict(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def where(meta: dict[str, Any] | None, root: Path | None = None) -> str:
    """``file:line`` of an entry or declaration, relative to the ledger."""
    meta = meta or {}
    filename = str(meta.get("filename", "?"))
    if root is not None:
        try:
            filename = str(Path(filename).resolve().relative_to(root))
        except ValueError:
            pass
    return f"{filename}:{meta.get('lineno', '?')}"


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part / whole`` as a fraction, None when there is no whole."""
    return part / whole if whole else None


def money_sum(values: Any) -> Decimal:
    return sum(values, ZERO)


# -- People: never named ---------------------------------------------------------


class _Payee(NamedTuple):
    """What ``Redactor.decide`` reads of a transaction."""

    payee: str | None
    meta: dict[str, Any]


class People:
    """Which payees are individuals, asked of ``ledger.redaction`` so a
    person hidden in one output is hidden in all of them."""

    def __init__(self, config: Config) -> None:
        self._redactor = Redactor(config)
        self._decided: dict[tuple, bool] = {}

    def transaction(self, txn: data.Transaction) -> bool:
        """Decided once per distinct payee: the books pay the same
        suppliers thousands of times."""
        meta = txn.meta
        key = (txn.payee, meta.get(ORG_ID), meta.get(REDACTED_KEY), meta.get(BANK_FINGERPRINT))
        decided = self._decided.get(key)
        if decided is None:
            decided = self._decided[key] = self._redactor.decide(txn).personal
        return decided

    def payee(self, payee: str | None, meta: dict[str, Any]) -> bool:
        return self._redactor.decide(_Payee(payee, meta or {})).personal  # type: ignore[arg-type]

    def organisation(self, org_id: str | None, name: str | None) -> bool:
        return self.payee(name, {"org-id": org_id} if org_id else {})

    def awards(self, entries: list[data.Directive]) -> frozenset[str]:
        """Award ids with a personal transaction on their link."""
        return self._redactor.personal_awards(entries)

    def scrub(self, text: str) -> str:
        """``text`` with every individual's name, org-id and bank
        fingerprint taken out, whatever their case."""
        return self._redactor.scrub(text)

    def message(self, message: str, txn: Any = None) -> str:
        """A finding's message about ``txn``, fit to print: a personal
        transaction's payee and narration become the public label, and any
        individual named anywhere is scrubbed."""
        return self._redactor.redact_message(message, txn)


def individuals_label(count: int) -> str:
    return f"Individuals ({count})"


# -- Where a payee is --------------------------------------------------------------


class Places:
    """Classes an organisation's postcode against the ledger's area with the
    local spend rule's own ``classify``; unknown when it cannot be placed."""

    def __init__(self, config: Config) -> None:
        area = config.area
        self._organisations = config.organisations
        self._own = area_prefixes(area.own) if area else frozenset()
        self._region = area_prefixes(area.region) if area else frozenset()
        self._known = area is not None
        self._seen: dict[str | None, str] = {}

    def of(self, org_id: str | None) -> str:
        if org_id not in self._seen:
            org = self._organisations.get(org_id) if org_id else None
            postcode = parse(org.postcode) if org and org.postcode and self._known else None
            self._seen[org_id] = (local_spend.classify(postcode, self._own, self._region)
                                  if postcode else local_spend.UNKNOWN)
        return self._seen[org_id]


# -- The books -------------------------------------------------------------------


@dataclass
class Books(RuleAnalyses):
    """A loaded ledger, the period to report and each rule's analysis.

    Analyses run on demand, once, over all the entries: rules such as the
    income loss scheme are cumulative over the year, so models pick the
    rows of their period from whole-ledger results.
    """

    entries: list[data.Directive]
    errors: list[Any]
    options: dict[str, Any]
    period: Period
    produced: datetime.date
    context: RuleContext = field(init=False)

    def __post_init__(self) -> None:
        self.context, _ = build_context(self.entries, self.options,
                                        plugin_config(self.options))

    @classmethod
    def from_loaded(cls, loaded: LoadedLedger, produced: datetime.date,
                    start: datetime.date | None = None,
                    end: datetime.date | None = None) -> Books:
        period = default_period(loaded.entries)
        period = Period(start or period.start, end or period.end)
        return cls(loaded.entries, loaded.errors, loaded.options, period, produced)

    @property
    def config(self) -> Config:
        return self.context.config

    @cached_property
    def root(self) -> Path:
        return Path(self.options["filename"]).resolve().parent

    @cached_property
    def files(self) -> tuple[LedgerFile, ...]:
        return tuple(ledger_files(self.options))

    @cached_property
    def people(self) -> People:
        return People(self.config)

    @cached_property
    def personal_awards(self) -> frozenset[str]:
        """Award ids never to be named: any transaction on the award's link
        is personal (the award, a payment to a person's bank account...)."""
        return self.people.awards(self.entries)

    def award_is_personal(self, award_id: str | None, payee: str | None,
                          meta: dict[str, Any]) -> bool:
        """An award (or unlinked grant transaction) is personal when its link
        is, or when its own payee is."""
        return (award_id is not None and award_id in self.personal_awards) or \
            self.people.payee(payee, meta)

    @cached_property
    def by_meta(self) -> dict[int, data.Transaction]:
        """Each transaction by ``id`` of its meta: findings carry only meta."""
        return {id(t.meta): t for t in self.transactions}

    def finding(self, message: str, meta: dict[str, Any] | None,
                txn: data.Transaction | None = None) -> str:
        """A rule finding's message about ``txn`` (else the transaction at
        ``meta``), fit to print."""
        if not isinstance(txn, data.Transaction):
            txn = self.by_meta.get(id(meta))
        return self.people.message(message, txn)

    @cached_property
    def relief_recoveries(self) -> list[supplier_relief.ReliefPayment]:
        """Relief overpayments paid back, as the relief rule reads them
        (``recovery: TRUE``, by ``^contract-`` link or ``contract:``)."""
        # The rule's own reading, so a recovery counts here exactly when the
        # rule counted it.
        moves, _ = supplier_relief.read_movements(self.entries)
        return [m for m in moves if m.recovery]

    @cached_property
    def places(self) -> Places:
        return Places(self.config)

    @cached_property
    def transactions(self) -> list[data.Transaction]:
        return [e for e in self.entries if isinstance(e, data.Transaction)]

    @cached_property
    def first_transaction(self) -> datetime.date | None:
        return min((t.date for t in self.transactions), default=None)

    @cached_property
    def spend(self) -> pd.DataFrame:
        """The local spend rule's payments, one row each: who was paid,
        where they are (``place``), whether they are a person (``personal``,
        never to be named), SME or VCSE, the sum of the payment's expense
        postings, and ``meta_id`` (``id`` of the transaction's meta)."""
        rows = []
        for entry, expenses, payee in self.local_spend.payments:
            postings = entry.postings
            amount = (postings[expenses[0]].units.number if len(expenses) == 1 else
                      money_sum(postings[i].units.number for i in expenses))
            rows.append((entry.date, payee.org_id, entry.payee or payee.name,
                         self.people.transaction(entry), payee.sme, payee.vcse,
                         payee.local_class, amount, id(entry.meta)))
        return pd.DataFrame(rows, columns=["date", "org_id", "payee", "personal", "sme",
                                           "vcse", "place", "amount", "meta_id"])

    def spend_in(self, period: Period) -> pd.DataFrame:
        """The payments of ``spend`` dated in ``period``."""
        frame = self.spend
        if frame.empty:
            return frame
        mask = [day in period for day in frame["date"]]
        return frame[mask].reset_index(drop=True)

    def claims_in(self, period: Period) -> claims.ClaimsAnalysis:
        """The claims rule over the period's transactions only: its cost
        pressures and tranche income are then the period's."""
        entries = [e for e in self.entries
                   if not isinstance(e, data.Transaction) or e.date in period]
        return claims.analyse(entries, self.context)

    def social_value_in(self, period: Period) -> social_value.SocialValue:
        """Social value with deliveries dated in ``period`` and every
        commitment (commitments run for the contract's term)."""
        config = dataclasses.replace(
            self.config, deliveries=[d for d in self.config.deliveries if d.date in period])
        context = dataclasses.replace(self.context, config=config)
        return social_value.analyse(self.entries, context)

    def header(self, title: str) -> ReportHeader:
        settings = self.context.settings
        organisation = settings.name or str(self.options.get("title") or "")
        return ReportHeader(title, organisation, settings.id, self.period, self.produced,
                            ledger_digest(list(self.files)), self.files)

    def where(self, meta: dict[str, Any] | None) -> str:
        return where(meta, self.root)
