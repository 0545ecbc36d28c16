"""The published Murmurations schema (tests/murmurations/, GPL-3.0), as a jsonschema validator.

The schema's `$ref`s (`../fields/x.json`) resolve against its `$id`; the registry serves the
copied field files at those addresses, so validation needs no network.
"""

import json
from functools import cache
from pathlib import Path

from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT7

LIBRARY = Path(__file__).parent / "murmurations"
BASE = "https://test-library.murmurations.network/v2/"


def _resource(path):
    return Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT7)


@cache
def validator(name="organizations_schema-v1.0.0"):
    """A Draft 7 validator of the named schema, its field files in the registry."""
    resources = [
        (f"{BASE}fields/{path.name}", _resource(path))
        for path in (LIBRARY / "fields").glob("*.json")
    ]
    schema_path = LIBRARY / "schemas" / f"{name}.json"
    registry = Registry().with_resources(resources)
    return Draft7Validator(json.loads(schema_path.read_text()), registry=registry)


def errors(profile, name="organizations_schema-v1.0.0"):
    """The profile's validation errors as readable lines ([] when valid)."""
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(profile)'}: {error.message}"
        for error in validator(name).iter_errors(profile)
    ]
