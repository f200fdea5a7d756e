"""The per-document time budget: a runaway document becomes BudgetExceeded, not a hung worker."""

from __future__ import annotations

import pickle
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

import pytest

import cleanweb
from cleanweb import Pipeline, UserRulesFilter
from cleanweb.errors import (
    BinaryInputError,
    BudgetExceeded,
    CleanwebError,
    ConfigError,
    InputError,
    TooLargeError,
)
from cleanweb.filters import Filter
from cleanweb.guard import time_budget

PROSE = "今天上午，市政府召开新闻发布会，介绍了今年前三季度全市经济运行的总体情况。\n"


class SleepFilter(Filter):
    """A filter that takes `seconds` (stands for any step that runs away)."""

    name = "sleepy"

    def __init__(self, seconds: float):
        self.seconds = seconds

    def apply(self, doc):
        time.sleep(self.seconds)


class MarkFilter(Filter):
    """Records that it ran."""

    name = "mark"
    ran = False

    def apply(self, doc):
        MarkFilter.ran = True


def test_runaway_filter_is_interrupted_at_the_deadline():
    pipe = Pipeline([SleepFilter(30)])
    t0 = time.monotonic()
    with pytest.raises(BudgetExceeded) as info:
        cleanweb.clean(PROSE, pipeline=pipe, budget=0.3)
    assert time.monotonic() - t0 < 5
    assert info.value.seconds == 0.3
    assert info.value.stage == "sleepy"
    assert "0.3 s" in str(info.value) and "sleepy" in str(info.value)


def test_catastrophic_user_regex_is_interrupted_inside_the_regex_engine():
    # (a|aa)*$ backtracks exponentially on a run of "a" that does not end the line.
    pipe = Pipeline([UserRulesFilter(drop=[r"(a|aa)*$"])])
    t0 = time.monotonic()
    with pytest.raises(BudgetExceeded):
        cleanweb.clean("a" * 60 + "!\n" + PROSE, pipeline=pipe, budget=0.5)
    assert time.monotonic() - t0 < 5


def test_budget_none_and_generous_budget_let_the_page_through():
    assert cleanweb.clean(PROSE, budget=None).text == PROSE
    assert cleanweb.clean(PROSE, budget=60).text == PROSE


@pytest.mark.parametrize("bad", [0, -1, "5", True, float("nan")])
def test_invalid_budget_is_a_config_error(bad):
    with pytest.raises(ConfigError, match="budget"):
        cleanweb.clean(PROSE, budget=bad)


def test_timer_and_handler_are_restored_after_clean():
    before = signal.getsignal(signal.SIGALRM)
    cleanweb.clean(PROSE, budget=5)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before
    with pytest.raises(BudgetExceeded):
        cleanweb.clean(PROSE, pipeline=Pipeline([SleepFilter(5)]), budget=0.2)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_a_callers_own_alarm_is_left_alone():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        cleanweb.clean(PROSE, budget=10)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0  # still armed: not ours to cancel
        time.sleep(0.8)
        assert fired == [True]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_outside_the_main_thread_the_budget_is_checked_between_filters():
    MarkFilter.ran = False
    outcome: list[BaseException] = []

    def work():
        try:
            cleanweb.clean(PROSE, pipeline=Pipeline([SleepFilter(0.4), MarkFilter()]), budget=0.1)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert len(outcome) == 1 and isinstance(outcome[0], BudgetExceeded)
    assert outcome[0].stage == "mark"
    assert MarkFilter.ran is False


def _clean_slowly(seconds: float) -> str:
    return cleanweb.clean(PROSE, pipeline=Pipeline([SleepFilter(seconds)]), budget=0.2).text


def test_budget_works_in_worker_processes_and_the_error_crosses_back():
    with ProcessPoolExecutor(max_workers=1) as pool:
        future = pool.submit(_clean_slowly, 30)
        with pytest.raises(BudgetExceeded) as info:
            future.result(timeout=20)
        assert info.value.stage == "sleepy" and info.value.seconds == 0.2
        assert pool.submit(_clean_slowly, 0).result(timeout=20) == PROSE


def test_time_budget_context_manager_on_its_own():
    with time_budget(None) as clock:
        clock.check("anything")
    with pytest.raises(BudgetExceeded, match="during loop"):
        with time_budget(0.05) as clock:
            threading.Event().wait(0.01)
            clock.deadline = time.monotonic() - 1  # already late: the next check raises
            clock.check("loop")


@pytest.mark.parametrize(
    "error",
    [
        BudgetExceeded("late", seconds=2.0, stage="spam"),
        TooLargeError("big", size=10, limit=5),
        BinaryInputError("png"),
        InputError("bad"),
        ConfigError("cfg"),
    ],
)
def test_errors_pickle_with_their_fields(error):
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is type(error) and str(back) == str(error)
    assert vars(back) == vars(error)
    assert isinstance(back, CleanwebError) and back.kind == error.kind


def test_error_hierarchy_is_documented_and_stable():
    assert issubclass(BudgetExceeded, TimeoutError)
    assert issubclass(BinaryInputError, InputError) and issubclass(TooLargeError, InputError)
    assert issubclass(InputError, ValueError) and issubclass(ConfigError, ValueError)
    kinds = {e.kind for e in (BudgetExceeded, TooLargeError, BinaryInputError, InputError,
                              ConfigError, CleanwebError)}
    assert kinds == {"timeout", "too-large", "binary", "input", "config", "error"}
