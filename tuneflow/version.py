"""The package version (one place: the package facade and the HTML report read it)."""

__version__ = "0.1.0"
