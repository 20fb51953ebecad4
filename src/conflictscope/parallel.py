"""A function mapped over a stream on worker processes, results in input order.

`ordered_map(fn, items, state, workers=N)` yields `(item, fn(item, state))` in the order of
`items`, whatever order the workers finish in, so that one writer downstream stores exactly
what a single process would. Each worker process gets `state` (the coder's resources) once:
inherited from the parent where processes are forked (nothing copied or loaded again), else
pickled to it when it starts. At most a few items per worker are in flight, so a long stream is
read as it is coded.

A worker that dies (killed for memory, a crash in native code) breaks the pool; the items in
flight are then run again one at a time on a fresh pool, and the one that kills a worker alone
gets `on_crash(item)` as its result instead of stopping the run.
"""
from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

IN_FLIGHT_PER_WORKER = 4   # enough to keep every worker busy while the parent stores results

_state: Any = None   # the worker's copy of `state`, set once by _start_worker


def _start_worker(state: Any) -> None:
    global _state
    _state = state


def _call(fn: Callable[[Any, Any], Any], item: Any) -> Any:
    return fn(item, _state)


class _Pool:
    """A process pool that can be started again after a worker died."""

    def __init__(self, workers: int, state: Any) -> None:
        # forked workers share the parent's loaded state, which saves each a load of the models
        fork = "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if fork else "spawn")
        self._make = lambda: ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                                 initargs=(state,))
        self.executor = self._make()

    def submit(self, fn: Callable[[Any, Any], Any], item: Any) -> Future:
        return self.executor.submit(_call, fn, item)

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._make()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def ordered_map(fn: Callable[[T, Any], R], items: Iterable[T], state: Any, *, workers: int,
                on_crash: Callable[[T], R] | None = None) -> Iterator[tuple[T, R]]:
    """`(item, fn(item, state))` for each item, in input order, computed on `workers` processes.

    Args:
        fn: a module-level function (it is sent to the workers by name).
        state: what `fn` gets as its second argument, sent to each worker once (picklable where
            processes cannot be forked).
        workers: at most this many processes; fewer when the stream holds fewer items, and
            none (everything in this process) for one.
        on_crash: the result for an item whose worker dies coding it; None to raise
            `BrokenProcessPool` instead.
    """
    stream = iter(items)
    first: list[T] = []
    for item in stream:
        first.append(item)
        if len(first) >= workers:
            break
    if min(workers, len(first)) <= 1:
        # chained, not unpacked: a stream of 50,000 reports is read one at a time as it is coded
        for item in itertools.chain(first, stream):
            yield item, fn(item, state)
        return
    pool = _Pool(min(workers, len(first)), state)
    try:
        yield from _run(pool, fn, first, stream, len(first) * IN_FLIGHT_PER_WORKER, on_crash)
    finally:
        pool.close()


def _run(pool: _Pool, fn: Callable[[T, Any], R], first: list[T], stream: Iterator[T], window: int,
         on_crash: Callable[[T], R] | None) -> Iterator[tuple[T, R]]:
    pending: deque[tuple[T, Future]] = deque((item, pool.submit(fn, item)) for item in first)
    while True:
        while len(pending) < window and (item := next(stream, _END)) is not _END:
            pending.append((item, pool.submit(fn, item)))
        if not pending:
            return
        item, future = pending[0]
        try:
            result = future.result()
        except BrokenProcessPool:
            if on_crash is None:
                raise
            yield from _one_at_a_time(pool, fn, [it for it, _ in pending], on_crash)
            pending.clear()
            continue
        pending.popleft()
        yield item, result


def _one_at_a_time(pool: _Pool, fn: Callable[[T, Any], R], items: list[T],
                   on_crash: Callable[[T], R]) -> Iterator[tuple[T, R]]:
    """Run the items that were in flight when a worker died, each alone, so the culprit is known."""
    pool.restart()
    for item in items:
        try:
            result = pool.submit(fn, item).result()
        except BrokenProcessPool:
            pool.restart()
            result = on_crash(item)
        yield item, result


_END: Any = object()
