"""Scale-out on Dask: reports coded on a cluster's workers, stored by this process in input order.

`dask_map(items, spec, timeout, scheduler, workers)` yields `(item, outcome)` like
`parallel.ordered_map`, with the coding done on a Dask cluster: "local" starts a LocalCluster of
`workers` processes on this machine, anything else is a scheduler's address
("tcp://10.0.0.5:8786"). Each worker loads the coder's resources once, from `spec` (the user actor
and place files and the model folder, which must exist at the same paths on every worker), and
keeps them for every report it codes. At most a few reports per worker are in flight, so a long
stream is read as it is coded. The store is written by the caller alone (SQLite on this machine, or
a PostgreSQL server every process can reach), so a run gives the same events as one process.
"""
from __future__ import annotations

from collections import deque
from typing import Any, Iterable, Iterator

IN_FLIGHT_PER_WORKER = 4

_loaded: dict[str, Any] = {}   # on a worker: the resources of the spec last used


def _code_remote(item: Any, spec: dict[str, Any], timeout: float | None) -> Any:
    """Runs on a Dask worker: code one item with resources loaded once per worker process."""
    from .models import Problem
    from .pipeline import Current, Resources, code_outcome

    if isinstance(item, (Problem, Current)):
        return item
    key = repr(sorted(spec.items()))
    if _loaded.get("key") != key:
        _loaded["res"] = Resources.load(actor_files=spec.get("actor_files", ()),
                                        place_files=spec.get("place_files", ()), model=spec.get("model", ""),
                                        full_parse=bool(spec.get("full_parse")),
                                        country=spec.get("country") or None)
        _loaded["key"] = key
    return code_outcome(item, _loaded["res"], timeout)


def _client(scheduler: str, workers: int):
    from dask.distributed import Client, LocalCluster

    if scheduler == "local":
        cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster), cluster
    return Client(scheduler), None


def dask_map(items: Iterable[Any], spec: dict[str, Any], timeout: float | None, scheduler: str,
             workers: int = 2) -> Iterator[tuple[Any, Any]]:
    """(item, outcome) in the order of `items`, coded on the Dask cluster at `scheduler`."""
    try:
        client, cluster = _client(scheduler, workers)
    except (OSError, ValueError, TimeoutError) as exc:
        from .errors import ConflictscopeError

        raise ConflictscopeError(f"cannot reach the Dask scheduler {scheduler!r}: {exc}. You can fix this by "
                                 "starting one (`dask scheduler`, then `dask worker ADDRESS`) or passing "
                                 "--dask local") from exc
    try:
        window = IN_FLIGHT_PER_WORKER * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        pending: deque = deque()
        for item in items:
            pending.append((item, client.submit(_code_remote, item, spec, timeout, pure=False)))
            while len(pending) >= window:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


__all__ = ["dask_map"]
