"""Which payees are people, and what to publish in their place.

Councils publish every payment and grant, but the Local Government
Transparency Code and UK GDPR forbid naming individuals: sole traders,
residents paid a grant, anyone whose row was already redacted at source.
Every published output (spend CSV, 360Giving, PDF reports, Fava pages) asks
this one module, so a person hidden in one place is hidden everywhere.

A payee is personal data when any of these holds:

- its ``org-id`` is a ``cwl-organisation`` declared ``individual: TRUE``
  (or one whose declaration failed, or that a directive the parser dropped
  named: ``Config.withheld``, ``ledger.broken_lines``);
- it has no declared organisation's ``org-id`` but its name (whatever its
  case and spacing, or the person's own name before "t/a") or
  ``bank-fingerprint`` is an individual's;
- its name says it was redacted (``REDACTED UNDER DP ACT``, ``Personal
  data``, ``Redacted payee ...``);
- the transaction carries ``redacted`` with any value but a clear no
  (the spend importer writes ``redacted: TRUE`` on rows redacted at source);
- it pays a person: it carries ``person-ref`` or ``household-ref``
  (hardship funds, vouchers);
- it is not a declared organisation and looks like a person: a title
  (Mr, Mrs, Ms, Miss, Mx, Dr), "t/a", or a declared individual's surname.
  These are held back for review (``LOOKS_PERSONAL``): declaring the payee
  with ``cwl-organisation`` publishes it.

A grant is decided per award, not per transaction: an award is personal when
any transaction on its ``^award-`` link is (``personal_awards``), so a payment
carrying a person's bank fingerprint hides the award it pays everywhere.

Free text is scrubbed (``scrub``) wherever it is published: any individual's
name, surname, postcode, org-id or bank fingerprint, whatever its case or
spacing, becomes "an individual". Messages built from a transaction (rule
findings) are first redacted with ``redact_message``: a personal
transaction's payee and narration give way to the public label.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from beancount.core import data

from ledger import metadata
from ledger.entry_types import is_transaction

if TYPE_CHECKING:  # importers ask ``is_redacted_name`` without loading pydantic
    from ledger.config import Config

# What a published output shows instead of a person's name.
PUBLIC_LABEL = "Redacted: individual"
# What ``scrub`` writes in a sentence where a person was named.
INDIVIDUAL = "an individual"
# What a table shows for a value (a bank account, a property) of a person's.
WITHHELD = "withheld: an individual's"

# Written by importers/transparency_spend.py on rows redacted at source.
REDACTED_KEY = metadata.REDACTED

# Payee names that mean "a person, withheld", as councils write them.
REDACTED_NAME = re.compile(
    r"redact|withheld|personal (data|information)|data protection"
    r"|^(private )?individual( recipient)?$",
    re.IGNORECASE,
)


# "Jane Quill t/a Quill Repairs", "trading as", "T/A".
TRADING_AS = re.compile(r"\s+(?:t/a|t\.a\.|trading\s+as)\s+", re.IGNORECASE)
# "Mr J Smith", "DR. A. PATEL": a title is a person.
TITLE = re.compile(r"^(?:mr|mrs|ms|miss|mx|dr)\b\.?\s", re.IGNORECASE)

# Why a payee that is not declared is held back, for an officer to review.
LOOKS_PERSONAL = "looks like a person"


def _fold(name: str) -> str:
    """A name as compared: case and spacing ignored."""
    return "".join(name.split()).casefold()



@dataclass(frozen=True)
class Decision:
    """Whether a payee is withheld, why, and the name to publish."""

    personal: bool
    reason: str  # "" when not personal
    public_name: str


class Redactor:
    """Decides redaction for many transactions against one ``Config``.

    Built once per export: the individuals' ids, names and bank fingerprints
    are indexed here so each decision is a few set look-ups.
    """

    def __init__(self, config: Config, withheld: Iterable[str] = ()) -> None:
        """``withheld``: names and ids to treat as a person's, beyond the
        declarations (what a directive the parser dropped wrote)."""
        people = [o for o in config.organisations.values() if o.individual]
        self._organisations = {k: o for k, o in config.organisations.items()
                               if not o.individual}
        self._decided: dict[tuple, Decision] = {}
        self._scrubbed: dict[str, str] = {}
        withheld = set(withheld)
        self._ids = {o.id for o in people} | set(config.withheld) | withheld
        names = {n for o in people for n in _names_of(o.name)}
        names |= {n for name in (*config.withheld.values(), *withheld) if name
                  for n in _names_of(name)}
        self._names = {_fold(n) for n in names}
        surnames = {_surname(n) for n in names} - {""}
        self._surnames = {_fold(n) for n in surnames}
        self._fingerprints = {o.bank_fingerprint for o in people if o.bank_fingerprint}
        postcodes = {o.postcode for o in people if o.postcode}
        words = sorted(names | surnames | postcodes | self._ids | self._fingerprints,
                       key=len, reverse=True)
        person = _any_of(words)
        # Declared organisations' names are published whole, even when they
        # share a person's surname ("Quill Holdings Ltd").
        self._organisation_names = {_fold(o.name) for o in self._organisations.values()}
        kept = sorted({o.name for o in self._organisations.values()
                       if person and person.search(o.name)}, key=len, reverse=True)
        self._words = person and re.compile(
            rf"(?P<kept>{_any_of(kept).pattern})|{person.pattern}" if kept
            else person.pattern, re.IGNORECASE)

    def is_individual(self, org_id: str | None) -> bool:
        """True for an org-id declared ``individual: TRUE``."""
        return org_id in self._ids

    def decide(self, txn: data.Transaction) -> Decision:
        """Decided once per distinct payee: the books pay the same
        suppliers thousands of times, and only these five things count."""
        meta = txn.meta or {}
        key = (txn.payee, meta.get(metadata.ORG_ID), meta.get(REDACTED_KEY),
               meta.get(metadata.BANK_FINGERPRINT), _pays_a_person(meta))
        decision = self._decided.get(key)
        if decision is None:
            reason = self._reason(txn)
            decision = self._decided[key] = (Decision(True, reason, PUBLIC_LABEL) if reason
                                             else Decision(False, "", self._name(txn)))
        return decision

    def _reason(self, txn: data.Transaction) -> str:
        meta = txn.meta or {}
        org_id = meta.get(metadata.ORG_ID)
        payee = txn.payee or ""
        if metadata.withholds(meta.get(REDACTED_KEY)):
            return "redacted at source"
        if _pays_a_person(meta):
            return "individual"
        if REDACTED_NAME.search(payee):
            return "payee name redacted"
        if self.is_individual(org_id):
            return "individual"
        if org_id in self._organisations:
            return ""  # a declared organisation that is not a person
        if _fold(payee) in self._names:
            return "individual"
        if meta.get(metadata.BANK_FINGERPRINT) in self._fingerprints:
            return "individual"
        if _fold(payee) in self._organisation_names:
            return ""
        if self.looks_personal(payee):
            return LOOKS_PERSONAL
        return ""

    def looks_personal(self, payee: str) -> bool:
        """A title, "t/a", or a declared individual's surname as a word."""
        if TITLE.match(payee) or TRADING_AS.search(payee):
            return True
        return any(_fold(word) in self._surnames for word in re.findall(r"[\w'-]+", payee))

    def personal_awards(self, entries: Iterable[data.Directive]) -> frozenset[str]:
        """The award ids (``^award-<id>``) with any personal transaction on
        their link: the award, a payment or a recovery. One pass; ask it once
        per output and look awards up in the answer."""
        personal: set[str] = set()
        for entry in entries:
            if not is_transaction(entry) or not entry.links:
                continue
            award_id = metadata.link_id(entry.links, metadata.AWARD_LINK)
            if award_id is not None and award_id not in personal \
                    and self.decide(entry).personal:
                personal.add(award_id)
        return frozenset(personal)

    def scrub(self, text: str) -> str:
        """``text`` with every individual's name, surname, postcode, org-id
        and bank fingerprint taken out, whatever their case or spacing.
        Remembered per text: published columns repeat the same few values."""
        if not self._words or not text:
            return text
        scrubbed = self._scrubbed.get(text)
        if scrubbed is None:
            scrubbed = self._scrubbed[text] = self._words.sub(_replace, text)
        return scrubbed

    def redact_message(self, message: str, txn: Any = None) -> str:
        """A finding's message fit to publish.

        When ``txn`` (the transaction the finding is about) is personal, its
        payee and narration, which rules quote, become the public label, and
        its org-id and bank fingerprint go too (an undeclared one is in no
        list ``scrub`` knows); then ``scrub`` takes out any declared
        individual named anywhere.
        """
        if is_transaction(txn) and self.decide(txn).personal:
            message = _without(message, txn.payee, txn.narration)
            meta = txn.meta or {}
            for key in (metadata.ORG_ID, metadata.BANK_FINGERPRINT):
                if meta.get(key):
                    message = re.sub(rf"(?<!\w){_loose(str(meta[key]))}(?!\w)", WITHHELD,
                                     message, flags=re.IGNORECASE)
        return self.scrub(message)

    def _name(self, txn: data.Transaction) -> str:
        if txn.payee:
            return txn.payee
        org = self._organisations.get((txn.meta or {}).get(metadata.ORG_ID))
        return org.name if org else ""


def _pays_a_person(meta: Any) -> bool:
    """A payment to a person (hardship fund, voucher): it carries the
    person's or household's reference."""
    return bool(meta.get(metadata.PERSON_REF) or meta.get(metadata.HOUSEHOLD_REF))


def _names_of(name: str) -> set[str]:
    """A person's declared name, and their own name when they trade as
    something else (``Jane Quill t/a Quill Repairs`` -> ``Jane Quill``):
    a narration or a contract title may call them either."""
    full = " ".join(name.split())
    names = {full} if full else set()
    own = TRADING_AS.split(full, maxsplit=1)[0].strip()
    if own != full and len(own.split()) >= 2:
        names.add(own)
    return names


def _any_of(words: Iterable[str]) -> re.Pattern[str] | None:
    """Any of ``words`` as whole words, whatever their case and spacing."""
    words = [w for w in words if w.strip()]
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(_loose(w) for w in words) + r")(?!\w)",
                      re.IGNORECASE)


def _replace(match: re.Match[str]) -> str:
    return match.group() if match.groupdict().get("kept") else INDIVIDUAL


def _surname(name: str) -> str:
    """The last word of a person's own name (``Jane Quill t/a Quill
    Repairs`` -> ``Quill``); "" for a single word, which may be anything."""
    own = TRADING_AS.split(name, maxsplit=1)[0].split()
    return own[-1] if len(own) >= 2 else ""


def _loose(text: str) -> str:
    """A pattern for ``text`` whatever its spacing (``LA1 1AA``, ``LA11AA``)."""
    return r"\s*".join(re.escape(part) for part in text.split())


def _without(message: str, payee: str | None, narration: str | None) -> str:
    """``message`` with a person's payee and narration replaced by the
    public label: first as rules quote them (``"payee: narration"``,
    ``"narration"``, ``"payee"``), then wherever else they appear."""
    payee, narration = (payee or "").strip(), (narration or "").strip()
    quoted = [f'"{payee}: {narration}"' if payee and narration else "",
              f'"{payee}"' if payee else "", f'"{narration}"' if narration else ""]
    for text in quoted:
        if text:
            message = re.sub(_loose(text), f'"{PUBLIC_LABEL}"', message, flags=re.IGNORECASE)
    bare = (t for t in (payee, narration) if t and t.casefold() not in PUBLIC_LABEL.casefold())
    for text in sorted(bare, key=len, reverse=True):
        message = re.sub(rf"(?<!\w){_loose(text)}(?!\w)", PUBLIC_LABEL, message,
                         flags=re.IGNORECASE)
    return message


def redact(txn: data.Transaction, config: Config) -> Decision:
    """One decision; build a ``Redactor`` instead when deciding many."""
    return Redactor(config).decide(txn)


@functools.lru_cache(maxsize=8192)
def is_redacted_name(name: str) -> bool:
    """True when a payee name says a person was withheld at source: importers
    ask this so a row the ledger would hide is marked ``redacted`` on the way in."""
    return bool(REDACTED_NAME.search(name))
