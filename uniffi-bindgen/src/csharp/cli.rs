//! Command line of the C# backend: the same shape as UniFFI's `generate` subcommand.

use anyhow::{bail, Result};
use camino::Utf8PathBuf;
use clap::Parser;

/// True for `generate ... --language csharp` (or `-l csharp`, `--language=csharp`).
pub fn is_csharp_request(args: &[String]) -> bool {
    if args.get(1).map(String::as_str) != Some("generate") {
        return false;
    }
    args.windows(2).any(|w| {
        (w[0] == "--language" || w[0] == "-l") && w[1].eq_ignore_ascii_case("csharp")
    }) || args.iter().any(|a| {
        a.eq_ignore_ascii_case("--language=csharp") || a.eq_ignore_ascii_case("-l=csharp")
    })
}

#[derive(Parser)]
#[command(name = "uniffi-bindgen generate", about = "Generate C# bindings")]
struct GenerateArgs {
    /// Only `csharp` is handled here; other languages go to UniFFI's CLI.
    #[arg(long, short)]
    language: Vec<String>,
    /// Directory in which to write the generated file.
    #[arg(long, short)]
    out_dir: Utf8PathBuf,
    /// Accepted for compatibility: C# output is never run through a formatter.
    #[arg(long, short)]
    no_format: bool,
    /// Config file overriding the crates' uniffi.toml (UniFFI's global config format).
    #[arg(long, short)]
    config: Option<Utf8PathBuf>,
    /// Deprecated in UniFFI too: the source kind is detected from the file name.
    #[arg(long = "library")]
    _library_mode: bool,
    /// Only generate bindings for this crate.
    #[arg(long = "crate")]
    crate_name: Option<String>,
    /// Path to the cdylib (library mode).
    source: Utf8PathBuf,
    /// Do not ask `cargo metadata` about dependencies.
    #[arg(long)]
    metadata_no_deps: bool,
}

pub fn run(args: &[String]) -> Result<()> {
    let parsed = GenerateArgs::parse_from(
        std::iter::once("uniffi-bindgen generate".to_string()).chain(args[2..].iter().cloned()),
    );
    if parsed.language.iter().any(|l| !l.eq_ignore_ascii_case("csharp")) {
        bail!("--language csharp cannot be combined with other languages in one call");
    }
    super::generate(super::GenerateRequest {
        source: parsed.source,
        out_dir: parsed.out_dir,
        config_override: parsed.config,
        crate_filter: parsed.crate_name,
        metadata_no_deps: parsed.metadata_no_deps,
    })
}
