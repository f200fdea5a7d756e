"""cleanweb: clean scraped Chinese web pages into the article, with an audit trail."""

from .api import CleanResult, clean
from .config import Config
from .convert import convert
from .decode import decode
from .document import Block, Document, Edit, Removed, Verdict
from .errors import CleanwebError, ConfigError, InputError
from .filters import (
    BodyFilter,
    BoilerplateFilter,
    Filter,
    MojibakeFilter,
    NavigationFilter,
    NormalizeFilter,
    RecommendationFilter,
    ScriptFilter,
    SpamFilter,
    UserRulesFilter,
)
from .pipeline import Pipeline

__version__ = "0.1.0"

__all__ = [
    "Block",
    "BodyFilter",
    "BoilerplateFilter",
    "CleanResult",
    "CleanwebError",
    "Config",
    "ConfigError",
    "Document",
    "Edit",
    "Filter",
    "InputError",
    "MojibakeFilter",
    "NavigationFilter",
    "NormalizeFilter",
    "Pipeline",
    "RecommendationFilter",
    "Removed",
    "ScriptFilter",
    "SpamFilter",
    "UserRulesFilter",
    "Verdict",
    "clean",
    "convert",
    "decode",
]
