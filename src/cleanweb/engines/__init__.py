"""Where a clean run executes: local worker processes (`local`) or Ray Data (`raydata`, optional).

Both run the same unit jobs (`work`), so they give the same bytes for the same input;
`runner` plans a run and keeps its summary whichever engine executes it.
"""

from .local import LocalEngine, cpu_count

__all__ = ["LocalEngine", "cpu_count"]
