"""Names people use for a municipality that differ from the official CBS name.

Used by the directory filters (`gemeente=Den Bosch`) and by site search
("Den Bosch" finds pages that say 's-Hertogenbosch). Keys are lower case.
"""

MUNICIPALITY_ALIASES = {
    "den haag": "'s-Gravenhage",
    "the hague": "'s-Gravenhage",
    "den bosch": "'s-Hertogenbosch",
    "s-hertogenbosch": "'s-Hertogenbosch",
    "hertogenbosch": "'s-Hertogenbosch",
    "bergen nh": "Bergen (NH.)",
    "bergen (nh)": "Bergen (NH.)",
    "bergen noord-holland": "Bergen (NH.)",
    "bergen l": "Bergen (L.)",
    "bergen (l)": "Bergen (L.)",
    "bergen limburg": "Bergen (L.)",
    "nuenen": "Nuenen, Gerwen en Nederwetten",
}


def official_municipality_name(name):
    """The CBS name for a common name, or the name itself when there is no alias."""
    return MUNICIPALITY_ALIASES.get((name or "").strip().lower(), (name or "").strip())
