"""Lets users pass plain strings ("overwrite", "cosine") as in lancedb's SDK."""

from ._ffi import AddMode, CreateMode, DistanceType


def _pick(value, enum, names: dict, what: str):
    if isinstance(value, enum):
        return value
    try:
        return names[str(value).lower()]
    except KeyError:
        raise ValueError(f"unknown {what} {value!r}; expected one of {sorted(names)}") from None


def create_mode(value) -> CreateMode:
    return _pick(value, CreateMode, {
        "create": CreateMode.CREATE,
        "overwrite": CreateMode.OVERWRITE,
        "exist_ok": CreateMode.EXIST_OK,
    }, "create mode")


def add_mode(value) -> AddMode:
    return _pick(value, AddMode, {"append": AddMode.APPEND, "overwrite": AddMode.OVERWRITE}, "add mode")


def distance_type(value) -> DistanceType:
    return _pick(value, DistanceType, {
        "l2": DistanceType.L2,
        "euclidean": DistanceType.L2,
        "cosine": DistanceType.COSINE,
        "dot": DistanceType.DOT,
        "hamming": DistanceType.HAMMING,
    }, "distance type")
