//! `uniffi-bindgen`: UniFFI's own CLI for Python and Kotlin, plus our C# backend.
//!
//! UniFFI's CLI rejects unknown languages, so C# requests are recognised before it parses argv
//! and everything else is delegated unchanged.

mod csharp;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if csharp::cli::is_csharp_request(&args) {
        if let Err(e) = csharp::cli::run(&args) {
            eprintln!("Error: {e:#}");
            std::process::exit(1);
        }
        return;
    }
    uniffi::uniffi_bindgen_main()
}
