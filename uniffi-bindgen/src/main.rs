//! `uniffi-bindgen`: UniFFI's own CLI for Python and Kotlin, plus our C# backend.
//!
//! UniFFI's CLI rejects unknown languages, so C# requests are recognised before it parses argv
//! and everything else is delegated to it. Python output then gets our async runtime
//! (`python` module).

mod csharp;
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
}
