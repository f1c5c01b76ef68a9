"""Schema evolution in the official SDK's Python shapes.

The generated methods take UniFFI records (`ColumnAlteration`, `FieldMetadataUpdate`) and a
`DataType`; Python users of lancedb pass dicts, pyarrow fields and pyarrow types, so these
wrappers translate those and leave the work to Rust. `optimize`, `stats`, `uri`,
`cleanup_old_versions` and `Connection.rename_table` need no translation and are the generated ones.
"""

from __future__ import annotations

from typing import Iterable

import pyarrow as pa

from . import _ffi
from ._arrow import ExportedSchema

_add_columns_sql = _ffi.Table.add_columns
_alter_columns = _ffi.Table.alter_columns
_drop_columns = _ffi.Table.drop_columns
_update_field_metadata = _ffi.Table.update_field_metadata


async def add_columns(self, transforms) -> _ffi.AddColumnsResult:
    """Adds columns: a dict of name -> SQL expression over existing columns (added in name
    order), or a pyarrow field, list of fields or schema (or a `Schema` record) whose columns
    start out null."""
    if isinstance(transforms, dict):
        return await _add_columns_sql(self, {str(k): str(v) for k, v in transforms.items()})
    if isinstance(transforms, _ffi.Schema):
        return await self.add_null_columns_schema(transforms)
    if isinstance(transforms, pa.Field):
        transforms = [transforms]
    if isinstance(transforms, list) and transforms and all(isinstance(f, pa.Field) for f in transforms):
        transforms = pa.schema(transforms)
    if not isinstance(transforms, pa.Schema):
        raise TypeError(
            f"add_columns takes a dict of SQL expressions, a pyarrow Field, a list of Fields or a "
            f"Schema, not {type(transforms).__name__}"
        )
    with ExportedSchema(transforms) as exported:
        return await self.add_null_columns_arrow(exported.address)


async def alter_columns(self, *alterations) -> _ffi.AlterColumnsResult:
    """Alters columns: dicts with "path" and any of "rename", "nullable", "data_type" (a pyarrow
    type or a `DataType`), or `ColumnAlteration` records."""
    records = []
    for a in alterations:
        if isinstance(a, _ffi.ColumnAlteration):
            records.append(a)
            continue
        if not isinstance(a, dict) or "path" not in a:
            raise TypeError(f"an alteration is a dict with a 'path' key or a ColumnAlteration, not {a!r}")
        unknown = set(a) - {"path", "rename", "nullable", "data_type"}
        if unknown:
            raise ValueError(f"unknown alteration keys {sorted(unknown)}; expected path, rename, nullable, data_type")
        data_type = a.get("data_type")
        if isinstance(data_type, pa.DataType):
            data_type = data_type_of(data_type, a["path"])
        records.append(_ffi.ColumnAlteration(path=a["path"], rename=a.get("rename"),
                                             nullable=a.get("nullable"), data_type=data_type))
    return await _alter_columns(self, records)


async def drop_columns(self, columns: Iterable[str]) -> _ffi.DropColumnsResult:
    """Drops columns (a name or an iterable of names)."""
    return await _drop_columns(self, [columns] if isinstance(columns, str) else list(columns))


async def update_field_metadata(self, *updates) -> _ffi.UpdateMetadataResult:
    """Updates field metadata: dicts with "path", "metadata" (a value of None deletes the key)
    and optionally "replace", or `FieldMetadataUpdate` records."""
    records = [u if isinstance(u, _ffi.FieldMetadataUpdate) else
               _ffi.FieldMetadataUpdate(path=u["path"], metadata=dict(u["metadata"]),
                                        replace=bool(u.get("replace", False)))
               for u in updates]
    return await _update_field_metadata(self, records)


_VECTOR_ELEMENTS = {pa.float16(): _ffi.VectorElement.FLOAT16, pa.uint8(): _ffi.VectorElement.UINT8}


def data_type_of(t: pa.DataType, column: str) -> _ffi.DataType:
    """The `DataType` for a pyarrow type a column can be cast to."""
    types = pa.types
    simple = [(types.is_boolean, _ffi.DataType.BOOL), (types.is_int32, _ffi.DataType.INT32),
              (types.is_int64, _ffi.DataType.INT64), (types.is_float32, _ffi.DataType.FLOAT32),
              (types.is_float64, _ffi.DataType.FLOAT64), (types.is_string, _ffi.DataType.UTF8),
              (types.is_binary, _ffi.DataType.BINARY)]
    for test, data_type in simple:
        if test(t):
            return data_type()
    if types.is_fixed_size_list(t) and types.is_float32(t.value_type):
        return _ffi.DataType.VECTOR(dim=t.list_size)
    if types.is_fixed_size_list(t) and t.value_type in _VECTOR_ELEMENTS:
        return _ffi.DataType.VECTOR(dim=t.list_size, element=_VECTOR_ELEMENTS[t.value_type])
    if types.is_date32(t):
        return _ffi.DataType.DATE32()
    if types.is_decimal128(t):
        return _ffi.DataType.DECIMAL128(precision=t.precision, scale=t.scale)
    if types.is_list(t) or types.is_large_list(t):
        return _ffi.DataType.LIST_OF(item=_field_of(t.value_field, column))
    if types.is_fixed_size_list(t):
        return _ffi.DataType.FIXED_LIST_OF(item=_field_of(t.value_field, column), size=t.list_size)
    if types.is_struct(t):
        return _ffi.DataType.STRUCT(fields=[_field_of(t.field(i), column) for i in range(t.num_fields)])
    if types.is_timestamp(t):
        unit = {"s": _ffi.TimeUnit.SECOND, "ms": _ffi.TimeUnit.MILLISECOND,
                "us": _ffi.TimeUnit.MICROSECOND, "ns": _ffi.TimeUnit.NANOSECOND}[t.unit]
        return _ffi.DataType.TIMESTAMP(unit=unit, timezone=t.tz)
    raise _ffi.LanceError.NotSupported(f"cannot cast column '{column}' to {t}: not a supported target type")


def _field_of(field: pa.Field, column: str) -> _ffi.Field:
    return _ffi.Field(name=field.name, data_type=data_type_of(field.type, column), nullable=field.nullable)


_ffi.Table.add_columns = add_columns
_ffi.Table.alter_columns = alter_columns
_ffi.Table.drop_columns = drop_columns
_ffi.Table.update_field_metadata = update_field_metadata
