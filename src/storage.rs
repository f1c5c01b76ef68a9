//! Object-store settings: the `storage_options` of `connect` and of `create_table`/`open_table`,
//! handed to Lance unchanged (credentials, `endpoint`, `region`, `allow_http`, timeouts, retry
//! settings: the keys of the official SDK, <https://lancedb.com/docs/storage/>), plus bounded
//! defaults for the timeouts and retries.
//!
//! Why the defaults: left alone, Lance retries a failing object-store request for up to 180 s
//! (`client_retry_timeout`), each attempt allowed 30 s, so an unreachable or hanging store made a
//! call hang for minutes before any error reached the caller. unilance sets, for object-store
//! URIs only and only for keys the caller did not set, the values in [`BOUNDED_DEFAULTS`]: a
//! refused connection or a refused request fails within seconds, a store that stops answering
//! within about a minute. A caller who wants Lance's own behaviour passes those keys itself.
//!
//! Errors: object-store failures (unreachable endpoint, refused credentials, missing bucket,
//! timeouts) become `LanceError::Io` with a message that says what was tried and why it failed
//! (see `error.rs`), never `InvalidInput` or `Internal`.

use std::collections::HashMap;

/// The timeouts and retry limits unilance sets when the caller sets none (keys as Lance and the
/// official SDK spell them).
pub(crate) const BOUNDED_DEFAULTS: &[(&str, &str)] = &[
    // Per connection attempt (TCP + TLS); Lance's default is 5 s.
    ("connect_timeout", "5s"),
    // Per request, including the body; Lance's default is 30 s.
    ("timeout", "30s"),
    // Retries of one failed request (Lance: 3) ...
    ("client_max_retries", "3"),
    // ... started no later than this many seconds after the first attempt (Lance: 180).
    ("client_retry_timeout", "20"),
];

/// `options` with [`BOUNDED_DEFAULTS`] added for the keys it lacks (compared case-insensitively,
/// as Lance does), when `uri` names an object store; local paths and `memory://` are unchanged.
pub(crate) fn with_bounded_defaults(uri: &str, mut options: HashMap<String, String>) -> HashMap<String, String> {
    if !is_object_store(uri) {
        return options;
    }
    for (key, value) in BOUNDED_DEFAULTS {
        if !options.keys().any(|k| k.eq_ignore_ascii_case(key)) {
            options.insert((*key).to_string(), (*value).to_string());
        }
    }
    options
}

fn is_object_store(uri: &str) -> bool {
    match uri.split_once("://") {
        Some((scheme, _)) => !matches!(scheme.to_ascii_lowercase().as_str(), "memory" | "file"),
        None => false,
    }
}

/// What went wrong talking to an object store, in words a user can act on, or `None` when
/// `error` is no object-store failure (a missing table's `NotFound` stays a `TableNotFound`).
///
/// Lance and LanceDB wrap the object store's error in several layers, some of them only as
/// formatted text (a namespace error carries its cause's `Debug` form), so this reads the
/// `Debug` text of the whole chain: the HTTP error's `kind`, the request's URL and retry count,
/// and an S3 error response's `<Code>` and `<Message>`.
pub(crate) fn object_store_failure(error: &dyn std::fmt::Debug) -> Option<String> {
    let text = format!("{error:?}");
    // Only a failed HTTP request, never text that merely looks like one (a filter's literal).
    if !text.contains("RetryError") && !text.contains("HttpError") {
        return None;
    }
    let code = between(&text, "<Code>", "</Code>");
    let server_says = between(&text, "<Message>", "</Message>").map(|m| format!(": {m}")).unwrap_or_default();
    let request = request_of(&text);
    let retries = between(&text, "retries: ", ",")
        .filter(|n| *n != "0" && n.chars().all(|c| c.is_ascii_digit()))
        .map(|n| format!(", after {n} retries"))
        .unwrap_or_default();
    let headline = if text.contains("kind: Connect") {
        format!("cannot connect to the object store{request}{retries}: is the endpoint right and the server running?")
    } else if text.contains("kind: Timeout") {
        format!(
            "the object store did not answer in time{request}{retries} (storage options `timeout`, default 30s, \
             and `connect_timeout`, default 5s)"
        )
    } else if let Some(code) = code {
        match code {
            "NoSuchKey" => return None,
            "NoSuchBucket" => format!("the bucket does not exist ({code}{server_says}){request}"),
            "InvalidAccessKeyId" | "SignatureDoesNotMatch" | "AccessDenied" | "InvalidToken" | "ExpiredToken" => {
                format!(
                    "the object store refused the credentials ({code}{server_says}){request}: check \
                     aws_access_key_id / aws_secret_access_key"
                )
            }
            _ => format!("the object store refused the request ({code}{server_says}){request}"),
        }
    } else if text.contains("status: 401") || text.contains("status: 403") {
        format!("the object store refused the credentials{request}")
    } else if text.contains("kind: Request") || text.contains("kind: Interrupted") {
        format!("the connection to the object store failed{request}{retries}")
    } else {
        return None;
    };
    Some(format!("object store error: {headline}"))
}

/// The text between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// `" (GET http://host:port/bucket/path)"` for the failed request, without its query string.
fn request_of(text: &str) -> String {
    let method = between(text, "method: ", ",").filter(|m| m.chars().all(|c| c.is_ascii_uppercase()));
    let uri = between(text, "uri: Some(", ")").map(|u| u.split('?').next().unwrap_or(u));
    match (method, uri) {
        (Some(m), Some(u)) => format!(" ({m} {u})"),
        (None, Some(u)) => format!(" ({u})"),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error whose `Debug` form is `text`, as Lance's errors print.
    struct Printed(&'static str);

    impl std::fmt::Debug for Printed {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    // As Lance prints them (lance-io's IO error around object_store's RetryError).
    const REFUSED: &str = r#"IO { source: Generic { store: "S3", source: ListRequest { source: RetryError(RetryErrorImpl { method: GET, uri: Some(http://127.0.0.1:9/b?list-type=2&prefix=db), retries: 3, max_retries: 3, elapsed: 377.8ms, retry_timeout: 20s, inner: Http(HttpError { kind: Connect, source: reqwest::Error { kind: Request } }) }) } } }"#;
    const FORBIDDEN: &str = r#"IO { source: Generic { store: "S3", source: ListRequest { source: RetryError(RetryErrorImpl { method: GET, uri: Some(http://127.0.0.1:18333/b?list-type=2), retries: 0, max_retries: 3, elapsed: 720µs, retry_timeout: 20s, inner: Status { status: 403, body: Some("<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match.</Message></Error>") } }) } } }"#;
    const NO_BUCKET: &str = r#"IO { source: RetryError(RetryErrorImpl { method: GET, uri: Some(http://127.0.0.1:18333/nope?list-type=2), retries: 0, max_retries: 3, elapsed: 1ms, retry_timeout: 20s, inner: Status { status: 404, body: Some("<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not exist</Message></Error>") } }) }"#;
    const NO_KEY: &str = r#"NotFound { path: "db/t.lance/_versions/1.manifest", source: RetryError(RetryErrorImpl { method: GET, uri: Some(http://h/b/k), retries: 0, inner: Status { status: 404, body: Some("<Error><Code>NoSuchKey</Code></Error>") } }) }"#;

    #[test]
    fn object_store_failures_are_told_in_words() {
        let refused = object_store_failure(&Printed(REFUSED)).unwrap();
        assert_eq!(
            refused,
            "object store error: cannot connect to the object store (GET http://127.0.0.1:9/b), after 3 retries: \
             is the endpoint right and the server running?"
        );
        let forbidden = object_store_failure(&Printed(FORBIDDEN)).unwrap();
        assert!(forbidden.starts_with("object store error: the object store refused the credentials (SignatureDoesNotMatch: The request signature we calculated does not match.) (GET http://127.0.0.1:18333/b)"), "{forbidden}");
        let missing = object_store_failure(&Printed(NO_BUCKET)).unwrap();
        assert!(missing.contains("the bucket does not exist (NoSuchBucket: The specified bucket does not exist) (GET http://127.0.0.1:18333/nope)"), "{missing}");
        // A missing object is the caller's business (a table that does not exist), not a store failure.
        assert_eq!(object_store_failure(&Printed(NO_KEY)), None);
        assert_eq!(object_store_failure(&Printed("InvalidFilter { message: \"status: 403 kind: Connect\" }")), None);
    }

    #[test]
    fn defaults_fill_only_missing_keys_of_object_store_uris() {
        let given = HashMap::from([("TIMEOUT".to_string(), "2s".to_string())]);
        let options = with_bounded_defaults("s3://bucket/db", given.clone());
        assert_eq!(options.get("TIMEOUT").map(String::as_str), Some("2s"));
        assert!(!options.contains_key("timeout"));
        assert_eq!(options.get("client_retry_timeout").map(String::as_str), Some("20"));
        assert_eq!(options.len(), BOUNDED_DEFAULTS.len());
        for local in ["/tmp/db", "memory://", "file:///tmp/db"] {
            assert_eq!(with_bounded_defaults(local, given.clone()), given);
        }
    }
}
