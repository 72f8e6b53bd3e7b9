"""Grant amount rules, written in the ledger as short phrases.

A scheme's ``amounts`` metadata says what an award should be:

- ``"10000"``: a fixed sum (SBGF);
- ``"RV<=15000:10000, RV<51000:25000"``: by rateable-value band, first
  match wins, no match means not eligible (RHLGF); ``*:3000`` matches any RV;
- ``"max 25000"``: any sum up to a cap;
- ``"25000 | 10000 | <10000"``: one of a set of sums, where ``<10000``
  is any sum under 10,000 and ``<=10000`` any sum up to it (discretionary
  grants);
- ``"panel"``: whatever the panel approved (VCSE schemes).

Keeping the rule as data lets a council add a scheme without code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_BAND = re.compile(r"^\s*(?:RV\s*(<=|<|>=|>)\s*([\d.,]+)|\*)\s*:\s*([\d.,]+)\s*$", re.I)
_CHOICE = re.compile(r"^\s*(<=|<)?\s*([\d.,]+)\s*$")
_OPS = {
    "<=": lambda rv, limit: rv <= limit,
    "<": lambda rv, limit: rv < limit,
    ">=": lambda rv, limit: rv >= limit,
    ">": lambda rv, limit: rv > limit,
}


def _rule_number(text: str) -> Decimal:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"'{text}' is not a number") from None


@dataclass(frozen=True)
class Band:
    op: str | None  # None matches any rateable value
    limit: Decimal | None
    amount: Decimal

    def matches(self, rateable_value: Decimal) -> bool:
        return self.op is None or _OPS[self.op](rateable_value, self.limit)


@dataclass(frozen=True)
class Choice:
    """One of a set's allowed sums: exactly ``amount`` (``op`` None), or any
    sum above nothing and under (``<``) or up to (``<=``) it."""

    op: str | None
    amount: Decimal

    def allows(self, amount: Decimal) -> bool:
        if self.op is None:
            return amount == self.amount
        return amount > 0 and _OPS[self.op](amount, self.amount)


@dataclass(frozen=True)
class AmountRule:
    """One scheme's amount rule; ``text`` is what the ledger says."""

    text: str
    kind: str  # "fixed", "bands", "max", "set" or "panel"
    amount: Decimal | None = None
    bands: tuple[Band, ...] = ()
    choices: tuple[Choice, ...] = ()

    @classmethod
    def parse(cls, text: str) -> AmountRule:
        phrase = str(text).strip()
        if phrase.lower() == "panel":
            return cls(phrase, "panel")
        if phrase.lower().startswith("max "):
            return cls(phrase, "max", _rule_number(phrase[4:].strip()))
        if "|" in phrase or phrase.startswith("<"):
            choices = []
            for part in phrase.split("|"):
                match = _CHOICE.match(part)
                if not match:
                    raise ValueError(
                        f"sum '{part.strip()}' should look like '10000', '<10000' or '<=10000'"
                    )
                op, amount = match.groups()
                choices.append(Choice(op, _rule_number(amount)))
            return cls(phrase, "set", choices=tuple(choices))
        if "rv" in phrase.lower() or "*" in phrase:
            bands = []
            for part in phrase.split(","):
                match = _BAND.match(part)
                if not match:
                    raise ValueError(
                        f"band '{part.strip()}' should look like 'RV<=15000:10000' or '*:3000'"
                    )
                op, limit, amount = match.groups()
                bands.append(
                    Band(op, _rule_number(limit) if limit else None, _rule_number(amount))
                )
            return cls(phrase, "bands", bands=tuple(bands))
        try:
            return cls(phrase, "fixed", _rule_number(phrase))
        except ValueError:
            raise ValueError(
                f"amount rule '{phrase}' should be a sum, 'max <sum>', 'panel', "
                "sums like '25000 | 10000 | <10000' "
                "or rateable-value bands like 'RV<=15000:10000, RV<51000:25000'"
            ) from None

    @property
    def needs_rateable_value(self) -> bool:
        return self.kind == "bands"

    def expected(self, rateable_value: Decimal | None) -> Decimal | None:
        """The award due, or None when the property is not eligible.

        For "max" the cap is returned; for "panel" and "set" None means
        any sum (ask ``allows``).
        """
        if self.kind in ("fixed", "max"):
            return self.amount
        if self.kind == "bands":
            if rateable_value is None:
                return None
            for band in self.bands:
                if band.matches(rateable_value):
                    return band.amount
            return None
        return None

    def allows(self, amount: Decimal, rateable_value: Decimal | None = None) -> bool:
        """Whether ``amount`` keeps to the rule (for a property of
        ``rateable_value`` when the rule has bands)."""
        if self.kind == "panel":
            return True
        if self.kind == "set":
            return any(choice.allows(amount) for choice in self.choices)
        due = self.expected(rateable_value)
        if due is None:
            return False
        return amount <= due if self.kind == "max" else amount == due
