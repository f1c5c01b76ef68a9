//! Post-processing of UniFFI's generated Kotlin: the per-call machinery made cheaper.
//!
//! UniFFI's Kotlin generator is used unchanged, then a few of its helpers are replaced in the
//! output, text for text. Each replacement names exactly what it expects to find and
//! generation fails if UniFFI's template changed under it, so an upgrade cannot silently
//! skip one. What changes (measured in bench/RESULTS.md, issue 11):
//! - the call status: a JNA `Structure` allocated per call becomes native memory of the
//!   calling thread, reused (`CallStatus.kt`); the `external fun`s take it as a `Pointer`;
//! - `RustBuffer` reads and writes its three fields directly instead of JNA's reflective
//!   field walk (`RustBufferFields.kt`);
//! - the async driver: one slot per call instead of a continuation per poll, no suspension
//!   when the callback fires inside `poll()` (a ready future), the callback's native pointer
//!   looked up once, and Rust threads calling back stay attached to the JVM (`Async.kt`).
//!
//! The public API and the FFI contract are unchanged: only how the JVM side crosses it.

use anyhow::{bail, Context, Result};
use camino::{Utf8Path, Utf8PathBuf};

/// True for `generate ... --language kotlin` (or `-l kotlin`, `--language=kotlin`).
pub fn is_kotlin_request(args: &[String]) -> bool {
    args.get(1).map(String::as_str) == Some("generate")
        && (args.windows(2).any(|w| {
            (w[0] == "--language" || w[0] == "-l") && w[1].eq_ignore_ascii_case("kotlin")
        }) || args.iter().any(|a| {
            a.eq_ignore_ascii_case("--language=kotlin") || a.eq_ignore_ascii_case("-l=kotlin")
        }))
}

/// The `--out-dir` of a generate command line.
pub fn out_dir(args: &[String]) -> Option<Utf8PathBuf> {
    args.windows(2)
        .find(|w| w[0] == "--out-dir" || w[0] == "-o")
        .map(|w| Utf8PathBuf::from(&w[1]))
        .or_else(|| {
            args.iter()
                .find_map(|a| a.strip_prefix("--out-dir=").map(Utf8PathBuf::from))
        })
}

/// Rewrites every `.kt` file under `dir` (UniFFI writes one per crate, in package folders).
pub fn postprocess_dir(dir: &Utf8Path) -> Result<()> {
    let mut files = Vec::new();
    collect_kotlin_files(dir, &mut files)?;
    for file in files {
        let text = std::fs::read_to_string(&file).with_context(|| format!("reading {file}"))?;
        let rewritten = postprocess(&text).with_context(|| format!("post-processing {file}"))?;
        std::fs::write(&file, rewritten).with_context(|| format!("writing {file}"))?;
    }
    Ok(())
}

fn collect_kotlin_files(dir: &Utf8Path, out: &mut Vec<Utf8PathBuf>) -> Result<()> {
    let mut entries = dir
        .read_dir_utf8()
        .with_context(|| format!("listing {dir}"))?
        .collect::<std::io::Result<Vec<_>>>()?;
    entries.sort_by(|a, b| a.path().cmp(b.path()));
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_kotlin_files(path, out)?;
        } else if path.extension() == Some("kt") {
            out.push(path.to_owned());
        }
    }
    Ok(())
}

const CALL_WITH_ERROR: &str = "private inline fun <U, E: kotlin.Exception> uniffiRustCallWithError(errorHandler: UniffiRustCallStatusErrorHandler<E>, callback: (UniffiRustCallStatus) -> U): U {
    var status = UniffiRustCallStatus()
    val return_value = callback(status)
    uniffiCheckCallStatus(errorHandler, status)
    return return_value
}";

const RUST_BUFFER_CLASSES: &str = "    class ByValue: RustBuffer(), Structure.ByValue
    class ByReference: RustBuffer(), Structure.ByReference
";

const ASYNC_START: &str =
    "internal val uniffiContinuationHandleMap = UniffiHandleMap<CancellableContinuation<Byte>>()";
// The end of `uniffiRustCallAsync`, the last piece of the driver (foreign-future helpers follow).
const ASYNC_END: &str = "    } finally {
        freeFunc(rustFuture)
    }
}
";

/// The rewritten text of one generated Kotlin file.
pub fn postprocess(source: &str) -> Result<String> {
    let mut s = source.to_string();
    replace(&mut s, CALL_WITH_ERROR, include_str!("CallStatus.kt").trim_end(), Some(1))?;
    replace(
        &mut s,
        "private inline fun <U> uniffiRustCall(callback: (UniffiRustCallStatus) -> U): U {",
        "private inline fun <U> uniffiRustCall(callback: (Pointer) -> U): U {",
        Some(1),
    )?;
    replace(&mut s, "uniffi_out_err: UniffiRustCallStatus", "uniffi_out_err: Pointer", None)?;
    replace(&mut s, RUST_BUFFER_CLASSES, include_str!("RustBufferFields.kt"), Some(1))?;
    replace(
        &mut s,
        "`callback`: UniffiRustFutureContinuationCallback,`callbackData`: Long,",
        "`callback`: Pointer,`callbackData`: Long,",
        None,
    )?;
    // Crates without async functions have no driver.
    if let Some(start) = s.find(ASYNC_START) {
        let end = start
            + s[start..].find(ASYNC_END).context("the async driver's end was not found")?
            + ASYNC_END.len();
        s.replace_range(start..end, include_str!("Async.kt"));
    } else if s.contains("uniffiRustCallAsync") {
        bail!("UniFFI's async driver changed: `{ASYNC_START}` was not found");
    }
    Ok(s)
}

/// Replaces `old` by `new`; fails unless `old` occurs `count` times (at least once if `None`).
fn replace(s: &mut String, old: &str, new: &str, count: Option<usize>) -> Result<()> {
    let found = s.matches(old).count();
    match count {
        Some(n) if found != n => {
            bail!("UniFFI's Kotlin changed: expected {n} of `{}`, found {found}", first_line(old))
        }
        None if found == 0 => bail!("UniFFI's Kotlin changed: `{}` was not found", first_line(old)),
        _ => {}
    }
    *s = s.replace(old, new);
    Ok(())
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_kotlin_requests_and_their_out_dir() {
        let args: Vec<String> = ["bin", "generate", "--library", "x.so", "--language", "kotlin", "--out-dir", "o"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(is_kotlin_request(&args));
        assert_eq!(out_dir(&args), Some(Utf8PathBuf::from("o")));
        let python: Vec<String> = args.iter().map(|a| a.replace("kotlin", "python")).collect();
        assert!(!is_kotlin_request(&python));
    }

    #[test]
    fn fails_when_uniffi_template_changed() {
        let err = postprocess("fun nothing() {}").unwrap_err().to_string();
        assert!(err.contains("UniFFI's Kotlin changed"), "{err}");
    }
}
