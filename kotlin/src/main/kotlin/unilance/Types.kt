package unilance

// The records and enums cross the FFI as they are; these aliases let users
// import them from `unilance` with the wrappers. Nested variants
// (`DataType.Vector`, `IndexConfig.IvfPq`) cannot be reached through an
// alias in Kotlin: import them from `unilance.ffi`.
typealias Batch = unilance.ffi.Batch
typealias Schema = unilance.ffi.Schema
typealias Field = unilance.ffi.Field
typealias Column = unilance.ffi.Column
typealias CreateMode = unilance.ffi.CreateMode
typealias AddMode = unilance.ffi.AddMode
typealias DistanceType = unilance.ffi.DistanceType
typealias TimeUnit = unilance.ffi.TimeUnit
typealias IndexInfo = unilance.ffi.IndexInfo
typealias DeleteResult = unilance.ffi.DeleteResult
typealias UpdateResult = unilance.ffi.UpdateResult
