package unilance

// Kotlin code holds embeddings as FloatArray; the generated API takes List<Float>.
// These overloads view the array as a list (no copy on the Kotlin side).

/** A nearest-neighbour search for [vector] (10 results unless [Query.limit] says otherwise). */
fun Table.vectorSearch(vector: FloatArray): Query = vectorSearch(vector.asList())

/** Turns the query into a nearest-neighbour search; rows get `_distance`. */
fun Query.nearestTo(vector: FloatArray): Query = nearestTo(vector.asList())

fun Query.select(vararg columns: String): Query = select(columns.asList())
