//! `uniffi-bindgen`: UniFFI's own CLI for Python and Kotlin, plus our C# backend.
//!
//! UniFFI's CLI rejects unknown languages, so C# requests are recognised before it parses argv
//! and everything else is delegated to it. Python output then gets our async runtime
//! (`python` module); Kotlin output is post-processed (`kotlin` module).

mod csharp;
mod kotlin;
mod python;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if csharp::cli::is_csharp_request(&args) {
        if let Err(e) = csharp::cli::run(&args) {
            eprintln!("Error: {e:#}");
            std::process::exit(1);
        }
        return;
    }
    uniffi::uniffi_bindgen_main();
    if let Some(out_dir) = python::python_out_dir(&args) {
        if let Err(e) = python::patch_out_dir(&out_dir) {
            eprintln!("Error: {e:#}");
            std::process::exit(1);
        }
    }
    if kotlin::is_kotlin_request(&args) {
        let Some(dir) = kotlin::out_dir(&args) else {
            eprintln!("Error: Kotlin generation needs --out-dir (its output is post-processed)");
            std::process::exit(1);
        };
        if let Err(e) = kotlin::postprocess_dir(&dir) {
            eprintln!("Error: {e:#}");
            std::process::exit(1);
        }
    }
}
