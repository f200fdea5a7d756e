"""The filter families; each module holds one family and each class works on its own."""

from .base import Filter
from .body import BodyFilter
from .boilerplate import BoilerplateFilter
from .dom import DomFilter
from .mojibake import MojibakeFilter
from .navigation import NavigationFilter
from .normalize import NormalizeFilter
from .recommendation import RecommendationFilter
from .script import ScriptFilter
from .spam import SpamFilter
from .thread import ThreadFilter
from .user import UserRulesFilter

# Registry by name, in default pipeline order.
FILTERS: dict[str, type[Filter]] = {
    cls.name: cls
    for cls in (
        MojibakeFilter,
        UserRulesFilter,
        SpamFilter,
        BoilerplateFilter,  # before navigation: bylines dropped first leave menu runs whole
        NavigationFilter,
        RecommendationFilter,
        DomFilter,
        ThreadFilter,  # before body: pinned posts are not cut as off the article
        BodyFilter,
        ScriptFilter,
        NormalizeFilter,
    )
}

__all__ = [
    "FILTERS",
    "BodyFilter",
    "BoilerplateFilter",
    "DomFilter",
    "Filter",
    "MojibakeFilter",
    "NavigationFilter",
    "NormalizeFilter",
    "RecommendationFilter",
    "ScriptFilter",
    "SpamFilter",
    "ThreadFilter",
    "UserRulesFilter",
]
