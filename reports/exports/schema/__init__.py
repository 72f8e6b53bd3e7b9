"""The 360Giving Data Standard 1.4 schemas, shipped, and a validator on them.

The JSON files beside this module are the standard's own (ThreeSixtyGiving/
standard, CC BY 4.0; see SOURCE.md). Exports are checked against them before
they are written, offline: the package schema's reference to the grant
schema (by its published 1.4.2 URL) resolves to the local copy.

Dates in the standard are "a date-time, or YYYY-MM-DD" (a ``oneOf``), which
only works when ``date-time`` is really checked; jsonschema checks it only
with an optional package, so an RFC 3339 check is given here.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

GRANT_SCHEMA = "360-giving-schema.json"
PACKAGE_SCHEMA = "360-giving-package-schema.json"

_DATE_TIME = re.compile(
    r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)"
    r"(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$")


def load(name: str) -> dict[str, Any]:
    return json.loads(resources.files(__name__).joinpath(name).read_text("utf-8"))


def _date_time(value: object) -> bool:
    return not isinstance(value, str) or bool(_DATE_TIME.match(value))


@cache
def package_validator() -> Draft202012Validator:
    """Validates a ``{"grants": [...]}`` package against the shipped schemas."""
    grant, package = load(GRANT_SCHEMA), load(PACKAGE_SCHEMA)
    resource = DRAFT202012.create_resource(grant)
    registry = Registry().with_resources(
        [(grant["$id"], resource), (package["properties"]["grants"]["items"]["$ref"], resource)])
    checker = FormatChecker(formats=())
    checker.checks("date-time")(_date_time)
    return Draft202012Validator(package, registry=registry, format_checker=checker)


def problems(package: dict[str, Any]) -> list[str]:
    """Each way ``package`` breaks the standard, as ``path: message``."""
    return [f"{'/'.join(str(p) for p in error.absolute_path) or '(package)'}: {error.message}"
            for error in package_validator().iter_errors(package)]
