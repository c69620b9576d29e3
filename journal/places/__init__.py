"""Offline place names for GPS positions, from GeoNames (CC BY 4.0) in a local SQLite index."""

#: The credit GeoNames' licence asks for, shown in the About box and the README.
GEONAMES_CREDIT = (
    "Place names from GeoNames (geonames.org), licensed under CC BY 4.0 "
    "(creativecommons.org/licenses/by/4.0)."
)
