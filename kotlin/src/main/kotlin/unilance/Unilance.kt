package unilance

import kotlin.time.Duration
import kotlin.time.toJavaDuration
import unilance.ffi.ConnectOptions

object Unilance {
    /**
     * Opens (or creates) the database at [uri]: a local directory,
     * `memory://`, or an object-store URI configured by [storageOptions].
     * [readConsistencyInterval]: how stale a table may get before a read
     * looks for versions written by other processes (null: never, zero: always).
     */
    suspend fun connect(
        uri: String,
        storageOptions: Map<String, String> = emptyMap(),
        readConsistencyInterval: Duration? = null,
    ): Connection = Connection(
        unilance.ffi.connect(uri, ConnectOptions(storageOptions, readConsistencyInterval?.toJavaDuration())),
    )
}
