"""Exception types the library raises for bad input and misuse."""

from __future__ import annotations


class CleanwebError(Exception):
    """Base class of every error cleanweb raises on purpose."""


class ConfigError(CleanwebError, ValueError):
    """A configuration file or option is invalid (names the source and the problem)."""


class InputError(CleanwebError, ValueError):
    """The input can not be cleaned: wrong type, binary data, undecodable bytes."""
