"""A build cache for heavy reference data (the gazetteer's index, the actor registry).

Each cached object is a pickle in the user cache folder (``$XDG_CACHE_HOME/conflictscope`` or
``~/.cache/conflictscope``), keyed by what it is built from: the code and data files (path, size,
modification time). Everything works without the cache: a missing, stale, broken or unwritable
cache only means the object is built again (an unreadable cache folder is said once, with its
fix). Only files this process wrote are unpickled.

`keep` and `kept` hold one object per name, with the key it was made under (the web map of a
store, keyed by the store's change log and the code and data), for a process started again.
"""
from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
from pathlib import Path
from typing import Any, BinaryIO, Callable, Iterable, TypeVar

T = TypeVar("T")
_LOG = logging.getLogger("conflictscope.cache")
_warned: set[str] = set()


def _warn_once(folder: Path, err: OSError) -> None:
    """Say once per folder that the cache is unusable; everything still works without it."""
    if str(folder) in _warned:
        return
    _warned.add(str(folder))
    _LOG.warning("warning: the cache folder %s cannot be used (%s); going on without a cache, so "
                 "starting is slower. You can fix this by making it readable and writable "
                 "(chmod u+rwx %s), removing it, or setting XDG_CACHE_HOME to another folder",
                 folder, err.strerror or err, folder)


def cache_dir() -> Path:
    """Where conflictscope keeps what it builds from its reference data."""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "conflictscope"


def fingerprint(kind: str, version: str, inputs: Iterable[Path]) -> str | None:
    """A digest of `kind`, `version` and the files' paths, sizes and modification times; None when
    a file is missing."""
    h = hashlib.sha1(f"{kind}:{version}".encode())
    for p in inputs:
        try:
            st = p.stat()
        except OSError:
            return None
        h.update(f"{p}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def cached(kind: str, version: str, inputs: Iterable[Path], build: Callable[[], T], *,
           enabled: bool = True) -> T:
    """The object `build()` makes from `inputs`, from the cache when it was built from the same files."""
    key = fingerprint(kind, version, list(inputs)) if enabled else None
    path = cache_dir() / f"{kind}-{key}.pkl" if key else None
    try:
        if path is not None and path.is_file():
            with open(path, "rb") as fh:
                return _unpickle(fh)
    except OSError as err:   # an unreadable cache folder or file: build without the cache
        _warn_once(path.parent, err)
        path = None
    except Exception:   # a stale or broken cache is rebuilt, never fatal
        pass
    obj = build()
    if path is not None:
        _store(path, obj, kind)
    return obj


def _unpickle(fh: BinaryIO) -> Any:
    """`pickle.load` with the cycle collector paused: the collector would walk the growing object graph
    again and again as it is made (the actor registry loads in half the time without)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.load(fh)
    finally:
        if was_enabled:
            gc.enable()


def _store(path: Path, obj: object, kind: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob(f"{kind}-*.pkl"):
            if old != path and old.stat().st_mtime < path.stat().st_mtime - 7 * 86400:
                old.unlink(missing_ok=True)   # builds of older data unused for a week
    except OSError:
        pass   # an unwritable cache folder: the object is simply built next time too


def kept(name: str, key: str, folder: Path | None = None) -> object | None:
    """The object last kept under `name` (`keep`) when it was kept with `key`; else None. The key is
    read first, so a stale object is never unpickled. `folder`: where, if not the cache folder."""
    path = (folder or cache_dir()) / f"{name}.kept"
    try:
        with open(path, "rb") as fh:
            if pickle.load(fh) != key:
                return None
            return pickle.load(fh)
    except FileNotFoundError:
        return None
    except OSError as err:
        _warn_once(path.parent, err)
    except Exception:   # a broken file is made again, never fatal
        pass
    return None


def keep(name: str, key: str, obj: object, folder: Path | None = None) -> None:
    """Keep `obj` with `key` as the one object under `name`, replacing the last; files of other
    names of the same family (before the first "-") unused for a week are removed."""
    path = (folder or cache_dir()) / f"{name}.kept"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(key, fh, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for old in path.parent.glob(f"{name.split('-')[0]}-*.kept"):
            if old != path and old.stat().st_mtime < path.stat().st_mtime - 7 * 86400:
                old.unlink(missing_ok=True)
    except OSError:
        pass   # an unwritable cache folder: the object is made again next time


__all__ = ["cache_dir", "cached", "fingerprint", "keep", "kept"]
