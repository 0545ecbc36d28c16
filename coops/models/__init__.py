"""The directory's models; import them from here (`from coops.models import CoopPage`)."""

from coops.models.choices import Kind, LegalForm, Status
from coops.models.pages import CoopIndexPage, CoopPage
from coops.models.places import (
    Municipality,
    Province,
    is_municipality_code,
    normalise_postcode,
    validate_postcode,
)
from coops.models.querysets import CoopPageQuerySet
from coops.models.snippets import Theme

__all__ = [
    "CoopIndexPage",
    "CoopPage",
    "CoopPageQuerySet",
    "Kind",
    "LegalForm",
    "Municipality",
    "Province",
    "Status",
    "Theme",
    "is_municipality_code",
    "normalise_postcode",
    "validate_postcode",
]
