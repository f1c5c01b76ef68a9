package unilance

import unilance.ffi.LanceException

// Every failure from Rust is a LanceException subclass whose message is the
// whole explanation. Kotlin cannot reach nested classes through an alias, so
// each kind gets a top-level name: `catch (e: TableNotFoundException)`.
typealias TableNotFoundException = LanceException.TableNotFound
typealias TableAlreadyExistsException = LanceException.TableAlreadyExists
typealias InvalidInputException = LanceException.InvalidInput
typealias SchemaMismatchException = LanceException.SchemaMismatch
typealias InvalidFilterException = LanceException.InvalidFilter
typealias IoException = LanceException.Io
typealias NotSupportedException = LanceException.NotSupported
typealias ClosedException = LanceException.Closed
// Not `InternalException`: the generated code already has one (UniFFI's own failures).
typealias LanceInternalException = LanceException.Internal
