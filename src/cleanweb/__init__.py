"""cleanweb: clean scraped Chinese web pages into the article, with an audit trail."""

from .api import CleanResult, clean
from .config import Config
from .convert import convert, detect_script
from .decode import decode, decode_with_info
from .document import Block, Document, Edit, Removed, Verdict
from .errors import (
    BinaryInputError,
    BudgetExceeded,
    CleanwebError,
    ConfigError,
    InputError,
    TooLargeError,
)
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
    ThreadFilter,
    UserRulesFilter,
)
from .pipeline import Pipeline
from .repair import repair, repair_and_explain

__version__ = "0.1.0"

__all__ = [
    "Block",
    "BodyFilter",
    "BoilerplateFilter",
    "CleanResult",
    "BinaryInputError",
    "BudgetExceeded",
    "CleanwebError",
    "Config",
    "ConfigError",
    "Document",
    "Edit",
    "Filter",
    "InputError",
    "TooLargeError",
    "MojibakeFilter",
    "NavigationFilter",
    "NormalizeFilter",
    "Pipeline",
    "RecommendationFilter",
    "Removed",
    "ScriptFilter",
    "SpamFilter",
    "ThreadFilter",
    "UserRulesFilter",
    "Verdict",
    "clean",
    "convert",
    "decode",
    "decode_with_info",
    "detect_script",
    "repair",
    "repair_and_explain",
]
