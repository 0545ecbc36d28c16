"""A Murmurations schema from a library (`GET {library}/v2/schemas/{name}`), as a validator.

The library publishes each schema and its field files; `$ref`s (`../fields/x.json`) are
resolved against the address the schema was read from and fetched from the same library.
"""

from jsonschema import Draft7Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT7

from coops import murmurations_index as index


def _retrieve(uri):
    try:
        status, payload = index.request("GET", uri)
    except index.IndexRequestError as error:
        raise NoSuchResource(ref=uri) from error
    if status != 200 or not isinstance(payload, dict):
        raise NoSuchResource(ref=uri)
    return Resource.from_contents(payload, default_specification=DRAFT7)


def validator(library_url, name):
    """A Draft 7 validator of schema `name`; IndexRequestError if the library can't serve it."""
    url = f"{library_url.rstrip('/')}/v2/schemas/{name}"
    schema = index.fetch_json(url)
    # Resolve relative refs against where it was read, not the $id (another host).
    schema = {key: value for key, value in schema.items() if key != "$id"}
    registry = Registry(retrieve=_retrieve).with_resource(
        url, Resource.from_contents(schema, default_specification=DRAFT7)
    )
    return Draft7Validator({"$ref": url}, registry=registry)


def problems(validator_, profile):
    """Readable validation errors of a profile ([] when valid)."""
    return sorted(
        f"{'/'.join(map(str, error.absolute_path)) or '(profiel)'}: {error.message}"
        for error in validator_.iter_errors(profile)
    )
