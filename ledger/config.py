"""Configuration read from the ledger's own ``custom`` directives.

A council declares its world in its books, e.g.::

    2020-04-01 custom "cwl-scheme" "SBGF"
      title: "Small Business Grant Fund"
      opens: 2020-04-01
      closes: 2020-08-28
      amounts: "10000"

``parse_config`` turns every ``cwl-*`` directive into a model from
``ledger.models``; a malformed one becomes a Beancount error at its file and
line, worded for a finance officer.
"""

from __future__ import annotations

import bisect
import collections
import datetime
import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from beancount.core import data
from beancount.core.amount import Amount
from pydantic import ValidationError

from ledger import community_models, funding_models, models
from ledger.metadata import withholds

ConfigError = collections.namedtuple("ConfigError", "source message entry")




@dataclass(frozen=True)
class Directive:
    """One ``cwl-*`` directive: the model it validates into, the ``Config``
    field it is filed under, the field its date fills (if any), and whether
    an id may be declared many times (one reconciliation per review...)."""

    model: type[models.Record]
    target: str | None  # None for cwl-settings, which replaces the defaults
    date_field: str | None = None
    repeatable: bool = False


DIRECTIVES: dict[str, Directive] = {
    "cwl-settings": Directive(models.Settings, None),
    "cwl-organisation": Directive(models.Organisation, "organisations"),
    "cwl-scheme": Directive(models.GrantScheme, "schemes"),
    "cwl-contract": Directive(models.Contract, "contracts"),
    "cwl-reconciliation": Directive(models.Reconciliation, "reconciliations", "date", True),
    "cwl-measure": Directive(models.Measure, "measures", "valid-from"),
    "cwl-commitment": Directive(models.Commitment, "commitments", "date", True),
    "cwl-delivery": Directive(models.Delivery, "deliveries", "date", True),
    "cwl-area": Directive(models.LocalArea, "areas"),
    "cwl-income-line": Directive(models.IncomeLine, "income_lines"),
    "cwl-claim-period": Directive(models.ClaimPeriod, "claim_periods"),
    "cwl-subsidy-regime": Directive(models.SubsidyRegime, "subsidy_regimes"),
    "cwl-lm3-survey": Directive(models.LM3Survey, "lm3_surveys", "date"),
    "cwl-item": Directive(models.Item, "items"),
    "cwl-hub-activity": Directive(models.HubActivity, "hub_activity", "date", True),
    "cwl-fund": Directive(models.Fund, "funds", "start"),
    "cwl-site": Directive(models.Site, "sites"),
    "cwl-occupancy": Directive(models.Occupancy, "occupancy", "date", True),
    "cwl-redeployment": Directive(models.Redeployment, "redeployments", "date", True),
    "cwl-pot": Directive(funding_models.Pot, "pots"),
    "cwl-pot-report": Directive(funding_models.PotReport, "pot_reports", "date", True),
    "cwl-collection-fund": Directive(funding_models.CollectionFund, "collection_funds", "date"),
    "cwl-pledge": Directive(community_models.Pledge, "pledges", "date"),
    "cwl-asset": Directive(community_models.CommunityAsset, "assets", "date"),
    "cwl-agreement": Directive(models.Agreement, "agreements"),
    "cwl-variation": Directive(models.Variation, "variations", "date", True),
    "cwl-relief-request": Directive(models.ReliefRequest, "relief_requests"),
    "cwl-property": Directive(models.Property, "properties", "as-at", True),
}


@dataclass
class Config:
    """Everything a ledger declares, by id."""

    settings: models.Settings = field(default_factory=models.Settings)
    organisations: dict[str, models.Organisation] = field(default_factory=dict)
    schemes: dict[str, models.GrantScheme] = field(default_factory=dict)
    contracts: dict[str, models.Contract] = field(default_factory=dict)
    reconciliations: list[models.Reconciliation] = field(default_factory=list)
    # Each measure's latest version (by valid-from); all versions in
    # ``measure_versions``, oldest first.
    measures: dict[str, models.Measure] = field(default_factory=dict)
    measure_versions: dict[str, list[models.Measure]] = field(default_factory=dict)
    commitments: list[models.Commitment] = field(default_factory=list)
    deliveries: list[models.Delivery] = field(default_factory=list)
    areas: dict[str, models.LocalArea] = field(default_factory=dict)
    # Individuals whose declaration failed to validate: id -> name. Kept so
    # outputs still withhold them (redaction fails closed).
    withheld: dict[str, str] = field(default_factory=dict)
    income_lines: dict[str, models.IncomeLine] = field(default_factory=dict)
    claim_periods: dict[str, models.ClaimPeriod] = field(default_factory=dict)
    subsidy_regimes: dict[str, models.SubsidyRegime] = field(default_factory=dict)
    lm3_surveys: dict[str, models.LM3Survey] = field(default_factory=dict)
    # Hub stock kinds and hub activity.
    items: dict[str, models.Item] = field(default_factory=dict)
    hub_activity: list[models.HubActivity] = field(default_factory=list)
    # A community organisation's restricted funds.
    funds: dict[str, models.Fund] = field(default_factory=dict)
    # Emergency accommodation sites and their monthly occupancy.
    sites: dict[str, models.Site] = field(default_factory=dict)
    occupancy: list[models.Occupancy] = field(default_factory=list)
    # Staff time redeployed to a hub or a site, valued hours x rate.
    redeployments: list[models.Redeployment] = field(default_factory=list)
    # Funding pots, the reports filed on them, and the collection fund.
    pots: dict[str, funding_models.Pot] = field(default_factory=dict)
    pot_reports: list[funding_models.PotReport] = field(default_factory=list)
    collection_funds: dict[str, funding_models.CollectionFund] = field(default_factory=dict)
    # Community wealth pledges, and community assets let below market rent.
    pledges: dict[str, community_models.Pledge] = field(default_factory=dict)
    assets: dict[str, community_models.CommunityAsset] = field(default_factory=dict)
    # VCSE funding agreements, their dated variations, and relief requests.
    agreements: dict[str, models.Agreement] = field(default_factory=dict)
    variations: list[models.Variation] = field(default_factory=list)
    relief_requests: dict[str, models.ReliefRequest] = field(default_factory=dict)
    # The business rates list: one declaration per property and as-at date.
    properties: list[models.Property] = field(default_factory=list)

    @property
    def area(self) -> models.LocalArea | None:
        """The council's own area (the first declared)."""
        return next(iter(self.areas.values()), None)

    def measure_on(self, code: str, date: datetime.date) -> models.Measure | None:
        """The version of measure ``code`` in force on ``date`` (the latest
        valid from it or before), or None when none is yet or ``code`` is
        not declared."""
        versions = self.measure_versions.get(code)
        if versions is None:  # a Config built without versions
            versions = [self.measures[code]] if code in self.measures else []
        at = bisect.bisect_right([v.valid_from for v in versions], date)
        return versions[at - 1] if at else None

    @property
    def is_empty(self) -> bool:
        return not any(
            (self.organisations, self.schemes, self.contracts, self.measures,
             self.areas, self.income_lines, self.claim_periods)
        )


def _fields(entry: data.Custom, date_field: str | None) -> dict[str, Any]:
    fields: dict[str, Any] = {
        k: v for k, v in entry.meta.items() if k not in ("filename", "lineno")
        and not k.startswith("__")
    }
    if entry.values:
        fields["id"] = entry.values[0].value
    if date_field and date_field not in fields:
        fields[date_field] = entry.date
    if entry.type == "cwl-subsidy-regime" and isinstance(fields.get("limit"), Amount):
        fields["currency"] = fields["limit"].currency
        fields["limit"] = fields["limit"].number
    return fields



def _unknown(name: str) -> str:
    meant = _meant(name)
    if meant:
        return (f'Unknown directive "{name}": did you mean "{meant}"? '
                "(names are lower case; this declaration is ignored until fixed)")
    return f'Unknown directive "{name}" (known: {", ".join(sorted(DIRECTIVES))})'


def _explain(entry: data.Custom, error: ValidationError) -> str:
    ident = entry.values[0].value if entry.values else "(no id)"
    problems = []
    for detail in error.errors():
        where = "-".join(str(p).replace("_", "-") for p in detail["loc"]) or "value"
        message = detail["msg"].removeprefix("Value error, ")
        if detail["type"] == "missing":
            message = "is required"
        elif detail["type"] == "extra_forbidden":
            message = "is not a known field"
        problems.append(f"'{where}' {message}")
    return f'{entry.type} "{ident}": ' + "; ".join(problems)


def _add_version(config: Config, measure: models.Measure) -> str | None:
    """File a version of a measure (one per valid-from date), keeping
    ``measures`` at the latest; what is wrong with it, if anything."""
    versions = config.measure_versions.setdefault(measure.id, [])
    same = next((v for v in versions if v.valid_from == measure.valid_from), None)
    if same is not None:
        first = same.meta
        return (f'cwl-measure "{measure.id}" is declared twice for {measure.valid_from} '
                f'(first at {first.get("filename")}:{first.get("lineno")}); a new '
                "version needs a new date")
    bisect.insort(versions, measure, key=lambda v: v.valid_from)
    config.measures[measure.id] = versions[-1]
    return None


def is_declaration(entry: data.Directive) -> bool:
    """A ``cwl-*`` directive, or one that was meant to be: a name that
    differs only by case or a small typo (``CWL-organisation``,
    ``cwl-organisaton``) is reported at its line, never silently ignored,
    for it may have declared the person an output must withhold."""
    if not isinstance(entry, data.Custom):
        return False
    name = entry.type.casefold()
    return name.startswith("cwl") or bool(_meant(name))


def _meant(name: str) -> str | None:
    """The directive ``name`` is a slip for, if it is close to one."""
    close = difflib.get_close_matches(name.casefold(), DIRECTIVES, n=1, cutoff=0.8)
    return close[0] if close else None


# The last directives parsed and what they gave (see ``parse_config``).
_parsed: tuple[tuple[data.Custom, ...], Config, list[ConfigError]] | None = None


def parse_config(entries: Iterable[data.Directive]) -> tuple[Config, list[ConfigError]]:
    """Read every ``cwl-*`` custom directive into a ``Config``.

    Parsed once per set of directives: the rule plugin inside Beancount's
    loader and the session that reports read afterwards see the very same
    directive objects, so the second asks nothing of pydantic. The answer is
    shared; treat it as read-only (``dataclasses.replace`` to vary it).
    """
    global _parsed
    declarations = tuple(e for e in entries if is_declaration(e))
    last = _parsed
    if last is not None and len(last[0]) == len(declarations) \
            and all(a is b for a, b in zip(last[0], declarations)):
        return last[1], list(last[2])
    config, errors = _parse(declarations)
    _parsed = (declarations, config, errors)
    return config, list(errors)


def _parse(declarations: Iterable[data.Custom]) -> tuple[Config, list[ConfigError]]:
    config = Config()
    errors: list[ConfigError] = []
    for entry in declarations:
        spec = DIRECTIVES.get(entry.type)
        if spec is None:
            errors.append(ConfigError(entry.meta, _unknown(entry.type), entry))
            if withholds(entry.meta.get("individual")):
                fields = _fields(entry, None)
                config.withheld[str(fields.get("id", ""))] = str(fields.get("name") or "")
            continue
        if entry.type != "cwl-settings" and not entry.values:
            errors.append(ConfigError(
                entry.meta, f'{entry.type} needs an id, e.g. custom "{entry.type}" "ID"',
                entry))
            continue
        fields = _fields(entry, spec.date_field)
        try:
            record = spec.model.model_validate(fields)
        except ValidationError as exc:
            errors.append(ConfigError(entry.meta, _explain(entry, exc), entry))
            if entry.type == "cwl-organisation" and withholds(fields.get("individual")):
                config.withheld[str(fields["id"])] = str(fields.get("name") or "")
            continue
        record = record.model_copy(update={"meta": entry.meta})
        if spec.target is None:
            config.settings = record
            continue
        target = getattr(config, spec.target)
        if entry.type == "cwl-measure":
            error = _add_version(config, record)
            if error:
                errors.append(ConfigError(entry.meta, error, entry))
        elif spec.repeatable:
            target.append(record)
        elif record.id in target:
            first = target[record.id].meta
            errors.append(ConfigError(
                entry.meta,
                f'{entry.type} "{record.id}" is declared twice '
                f'(first at {first.get("filename")}:{first.get("lineno")})',
                entry))
        else:
            target[record.id] = record
    return config, errors
