"""What a script must not do in the harness, and what it gets instead.

- ``Stopped``: raised where the script would download (``get_file``, any
  network connection, a downloader package that is not installed): the run
  ends there, with the reason recorded.
- ``keras.datasets`` loaders return arrays of the real shapes and dtypes
  (``DATASETS``; zeros for images and tables, random word indices for text,
  every class present in the labels), since model shapes are often read from
  ``x_train.shape[1:]`` or the number of classes.
- Display libraries that are not installed (matplotlib and pylab, seaborn,
  IPython, tqdm, pydot, graphviz, imageio) are stubbed; ``plot_model`` draws
  nothing. Downloaders that are not installed (``DOWNLOADERS``) stop the script
  when used.
"""

from __future__ import annotations

import importlib
import importlib.util
import socket
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Optional

import numpy as np


class Stopped(BaseException):
    """The script reached something it cannot do offline. A BaseException, so
    that the script's ``except Exception`` does not carry on after it."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


def replace_everywhere(original: Any, replacement: Any) -> int:
    """Rebind every module attribute that holds ``original`` (a function is
    re-exported by several API modules) to ``replacement``; how many."""
    count = 0
    for module in list(sys.modules.values()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        for name, value in list(namespace.items()):
            if value is original:
                namespace[name] = replacement
                count += 1
    return count


# -- datasets ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Images:
    train: int
    test: int
    #: Per image, channels first for colour images as stored (Keras transposes them).
    shape: tuple[int, ...]
    classes: int
    #: Labels shaped (n, 1) as CIFAR's, else (n,).
    column_labels: bool = False


@dataclass(frozen=True)
class Sequences:
    total_train: int
    total_test: int
    classes: int
    #: Entries of ``get_word_index()``.
    vocabulary: int
    #: True: one pool split by ``test_split`` (Reuters); False: fixed splits (IMDB).
    split: bool = False


@dataclass(frozen=True)
class Table:
    samples: int
    features: int


DATASETS: dict[str, Any] = {
    "mnist": Images(60000, 10000, (28, 28), 10),
    "fashion_mnist": Images(60000, 10000, (28, 28), 10),
    "cifar10": Images(50000, 10000, (3, 32, 32), 10, column_labels=True),
    "cifar100": Images(50000, 10000, (3, 32, 32), 100, column_labels=True),
    "imdb": Sequences(25000, 25000, 2, 88584),
    "reuters": Sequences(11228, 0, 46, 30979, split=True),
    "boston_housing": Table(506, 13),
    "california_housing": Table(20640, 8),
}


def _labels(n: int, classes: int, column: bool = False) -> np.ndarray:
    y = (np.arange(n) % classes).astype(np.uint8)
    return y.reshape(n, 1) if column else y


def _images(spec: Images, channels_last: bool, classes: int) -> Any:
    def split(n: int) -> tuple[np.ndarray, np.ndarray]:
        x = np.zeros((n, *spec.shape), np.uint8)
        if channels_last and len(spec.shape) == 3:
            x = x.transpose(0, 2, 3, 1)
        return x, _labels(n, classes, spec.column_labels)

    return split(spec.train), split(spec.test)


def _sequences(n: int, spec: Sequences, seed: int, kwargs: dict[str, Any]) -> Any:
    """Lists of word indices, 20 to 180 long (shorter than ``maxlen``)."""
    rng = np.random.default_rng(seed)
    num_words = kwargs.get("num_words") or spec.vocabulary + 3
    maxlen = kwargs.get("maxlen")
    longest = min(180, maxlen - 1) if maxlen else 180
    lengths = rng.integers(min(20, longest), longest + 1, n)
    words = rng.integers(4, max(num_words, 5), int(lengths.sum())).tolist()
    x = np.empty(n, dtype=object)
    start = 0
    for i, length in enumerate(lengths.tolist()):
        x[i] = [1, *words[start : start + length - 1]]
        start += length
    return x, (np.arange(n) % spec.classes).astype(np.int64)


def load_data(name: str, channels_last: Callable[[], bool]) -> Callable[..., Any]:
    spec = DATASETS[name]

    def fake_load_data(*args: Any, **kwargs: Any) -> Any:
        if isinstance(spec, Images):
            classes = spec.classes
            if name == "cifar100" and (args[:1] or [kwargs.get("label_mode")])[0] == "coarse":
                classes = 20
            return _images(spec, channels_last(), classes)
        if isinstance(spec, Sequences):
            if spec.split:
                test_split = kwargs.get("test_split", 0.2)
                train = int(spec.total_train * (1 - test_split))
                test = spec.total_train - train
            else:
                train, test = spec.total_train, spec.total_test
            return _sequences(train, spec, 1, kwargs), _sequences(test, spec, 2, kwargs)
        samples = spec.samples
        if name == "california_housing" and (args[:1] or [kwargs.get("version")])[0] == "small":
            samples = 600
        test_split = kwargs.get("test_split", 0.2)
        train = int(samples * (1 - test_split))
        x = np.zeros((samples, spec.features))
        y = np.zeros((samples,))
        return (x[:train], y[:train]), (x[train:], y[train:])

    fake_load_data.__name__ = "load_data"
    return fake_load_data


def _word_index(size: int) -> Callable[..., dict[str, int]]:
    def get_word_index(*args: Any, **kwargs: Any) -> dict[str, int]:
        return {f"w{i}": i for i in range(1, size + 1)}

    return get_word_index


def _label_names(*args: Any, **kwargs: Any) -> tuple[str, ...]:
    return tuple(f"topic{i}" for i in range(46))


def fake_datasets(keras_packages: list[str], channels_last: Callable[[], bool]) -> None:
    """Replace the loaders of every dataset in the given Keras packages
    (``keras.src``, ``tf_keras.src``) wherever they are exported."""
    for package in keras_packages:
        for name, spec in DATASETS.items():
            try:
                module = importlib.import_module(f"{package}.datasets.{name}")
            except ImportError:
                continue
            replace_everywhere(module.load_data, load_data(name, channels_last))
            if isinstance(spec, Sequences):
                replace_everywhere(module.get_word_index, _word_index(spec.vocabulary))
                if hasattr(module, "get_label_names"):
                    replace_everywhere(module.get_label_names, _label_names)


# -- downloads and the network -------------------------------------------------------------

_LOCAL = ("localhost", "127.", "::1", "0.0.0.0")


def _is_local(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) and address else address
    return not isinstance(host, (str, bytes)) or str(host).startswith(_LOCAL)


def block_network() -> None:
    """Any connection to a host that is not this machine stops the script."""
    connect = socket.socket.connect
    connect_ex = socket.socket.connect_ex
    getaddrinfo = socket.getaddrinfo

    def guarded_connect(self: socket.socket, address: Any) -> Any:
        if self.family != socket.AF_UNIX and not _is_local(address):
            raise Stopped("network", f"connect to {address!r}")
        return connect(self, address)

    def guarded_connect_ex(self: socket.socket, address: Any) -> Any:
        if self.family != socket.AF_UNIX and not _is_local(address):
            raise Stopped("network", f"connect to {address!r}")
        return connect_ex(self, address)

    def guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if not _is_local(host):
            raise Stopped("network", f"look up {host!r}")
        return getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = guarded_connect  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_connect_ex  # type: ignore[method-assign]
    socket.getaddrinfo = guarded_getaddrinfo


def stop_downloads(keras_packages: list[str]) -> None:
    """``get_file`` stops the script, before it looks in a local cache (which
    would make the run depend on the machine)."""

    def get_file(fname: Any = None, origin: Any = None, *args: Any, **kwargs: Any) -> Any:
        raise Stopped("download", f"get_file({origin or fname!r})")

    for package in keras_packages:
        for module_name in ("utils.file_utils", "utils.data_utils"):
            module = sys.modules.get(f"{package}.{module_name}")
            original = getattr(module, "get_file", None)
            if original is not None:
                replace_everywhere(original, get_file)


def no_plot_model(keras_packages: list[str]) -> None:
    def plot_model(*args: Any, **kwargs: Any) -> None:
        return None

    for package in keras_packages:
        for module_name in ("utils.model_visualization", "utils.vis_utils"):
            module = sys.modules.get(f"{package}.{module_name}")
            original = getattr(module, "plot_model", None)
            if original is not None:
                replace_everywhere(original, plot_model)


# -- stubs for what is not installed -------------------------------------------------------


class Anything:
    """Whatever a display library returns: callable, any attribute, indexable,
    a context manager, iterable (empty)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        pass

    def __call__(self, *args: Any, **kwargs: Any) -> Anything:
        return Anything()

    def __getattr__(self, name: str) -> Anything:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Anything()

    def __getitem__(self, key: Any) -> Anything:
        return Anything()

    def __setitem__(self, key: Any, value: Any) -> None:
        pass

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __enter__(self) -> Anything:
        return self

    def __exit__(self, *args: Any) -> None:
        return None


class StubModule(types.ModuleType):
    """A module of which every attribute is ``Anything`` (unless set)."""

    __path__: list[str] = []  # a package: its submodules are stubs too

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Anything()


def _subplots(*args: Any, **kwargs: Any) -> tuple[Anything, Anything]:
    return Anything(), Anything()


class _Tqdm:
    """tqdm that only passes the iterable through."""

    def __init__(self, iterable: Any = None, *args: Any, **kwargs: Any) -> None:
        self.iterable = iterable if iterable is not None else ()

    def __iter__(self) -> Iterator[Any]:
        return iter(self.iterable)

    def __len__(self) -> int:
        return len(self.iterable)

    def __getattr__(self, name: str) -> Anything:
        return Anything()

    def __enter__(self) -> _Tqdm:
        return self

    def __exit__(self, *args: Any) -> None:
        return None


def _trange(*args: Any, **kwargs: Any) -> _Tqdm:
    return _Tqdm(range(*args))


class Stopper(Anything):
    """What a missing downloader package holds: calling anything stops the script."""

    def __init__(self, package: str) -> None:
        self.package = package

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise Stopped("download", f"{self.package} (not installed; it downloads its data)")

    def __getattr__(self, name: str) -> Stopper:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Stopper(self.package)


class DownloaderModule(StubModule):
    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__"):
            raise AttributeError(name)
        return Stopper(self.__name__.split(".")[0])


#: Packages stubbed when missing, with what a stub module holds besides Anything.
DISPLAY_STUBS: dict[str, dict[str, Any]] = {
    "matplotlib": {},
    "matplotlib.pyplot": {"subplots": _subplots},
    "pylab": {"subplots": _subplots},
    "mpl_toolkits": {},
    "seaborn": {},
    "IPython": {},
    "IPython.display": {},
    "tqdm": {"tqdm": _Tqdm, "trange": _trange},
    "tqdm.auto": {"tqdm": _Tqdm, "trange": _trange},
    "tqdm.notebook": {"tqdm": _Tqdm, "trange": _trange},
    "pydot": {},
    "graphviz": {},
    "imageio": {},
}

#: Packages that fetch their data or models from the network: when missing, a
#: stub whose every call stops the script as a download would (``datasets``:
#: Hugging Face's; a script's own ``datasets.py`` is found first).
DOWNLOADERS = ("tensorflow_datasets", "tensorflow_hub", "datasets", "gdown")


class _StubFinder:
    """Serves a stub for any submodule of a stubbed package (``matplotlib.cm``)."""

    def __init__(self, roots: tuple[str, ...]) -> None:
        self.roots = roots

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname.split(".")[0] not in self.roots:
            return None
        return importlib.util.spec_from_loader(fullname, _StubLoader())


class _StubLoader:
    def create_module(self, spec: Any) -> types.ModuleType:
        kind = DownloaderModule if spec.name.split(".")[0] in DOWNLOADERS else StubModule
        module = kind(spec.name)
        for name, value in DISPLAY_STUBS.get(spec.name, {}).items():
            setattr(module, name, value)
        return module

    def exec_module(self, module: types.ModuleType) -> None:
        pass


def _installed(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def stub_missing() -> list[str]:
    """Stub the display and downloader packages that are not installed; their names."""
    roots = {name.split(".")[0] for name in DISPLAY_STUBS} | set(DOWNLOADERS)
    missing = tuple(sorted(root for root in roots if not _installed(root)))
    if missing:
        sys.meta_path.append(_StubFinder(missing))
    return list(missing)


def missing_module(error: BaseException) -> Optional[str]:
    """What a ModuleNotFoundError is about: the package, or the whole name
    when the package is there and only a module of it is not (``keras.wrappers``)."""
    name = getattr(error, "name", None)
    if not isinstance(name, str):
        return None
    root = name.split(".")[0]
    return name if root != name and _installed(root) else root
