"""The directory's models; import them from here (`from coops.models import CoopPage`)."""

from coops.models.federation import MurmurationsNode, MurmurationsSource
from coops.models.pages import CoopIndexPage, CoopPage
from coops.models.places import Municipality, Province, normalise_postcode, validate_postcode
from coops.models.proposals import CoopProposal, EntryCheck
from coops.models.snippets import Theme

__all__ = [
    "CoopIndexPage",
    "CoopPage",
    "CoopProposal",
    "EntryCheck",
    "Municipality",
    "MurmurationsNode",
    "MurmurationsSource",
    "Province",
    "Theme",
    "normalise_postcode",
    "validate_postcode",
]
