//! Our C# backend for UniFFI 0.32.2.
//!
//! Loading follows UniFFI's own Kotlin backend (library-mode metadata → `ComponentInterface`,
//! per-crate `uniffi.toml`, renames, then `derive_ffi_funcs`); rendering is askama templates in
//! `templates/` fed by the naming and type helpers in `oracle.rs`.

pub mod cli;
mod config;
mod defaults;
mod idiomatic;
mod oracle;
mod render;
mod tuple_fields;

use anyhow::{bail, Context, Result};
use camino::Utf8PathBuf;
use std::collections::HashMap;
use uniffi_bindgen::interface::{apply_exclusions, rename};
use uniffi_bindgen::{BindgenLoader, BindgenPaths, Component, GlobalConfig};

pub use config::Config;

pub struct GenerateRequest {
    pub source: Utf8PathBuf,
    pub out_dir: Utf8PathBuf,
    pub config_override: Option<Utf8PathBuf>,
    pub crate_filter: Option<String>,
    pub metadata_no_deps: bool,
}

pub fn generate(req: GenerateRequest) -> Result<()> {
    let mut paths = BindgenPaths::default();
    // A flat uniffi.toml passed with --config overrides every crate's own file; a global config
    // file ([defaults], [crates.*], [crate-roots]) is handled the way UniFFI handles it.
    let mut flat_override = None;
    let global_config = match &req.config_override {
        Some(path) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("reading {path}"))?;
            let table: toml::Table = toml::from_str(&text).with_context(|| format!("parsing {path}"))?;
            if ["defaults", "crates", "crate-roots"].iter().any(|k| table.contains_key(*k)) {
                let (config, layer) = GlobalConfig::from_file(path)?;
                if let Some(layer) = layer {
                    paths.add_layer(layer);
                }
                config
            } else {
                flat_override = Some(table);
                GlobalConfig::default()
            }
        }
        None => GlobalConfig::default(),
    };
    paths.add_cargo_metadata_layer(req.metadata_no_deps)?;

    let loader = BindgenLoader::new(paths, global_config);
    let metadata = loader.load_metadata(&req.source)?;
    if let Some(filter) = &req.crate_filter {
        if !metadata.contains_key(filter) {
            bail!("No UniFFI metadata found for crate {filter}");
        }
    }
    let cis = loader.load_cis(metadata)?;
    let cdylib = loader.library_name(&req.source).map(str::to_string);
    let mut components = loader.load_components(cis, |ci, toml| {
        let mut toml = toml;
        if let (Some(flat), toml::Value::Table(t)) = (&flat_override, &mut toml) {
            config::merge(t, flat.clone());
        }
        Config::from_toml(ci, toml, cdylib.clone())
    })?;
    apply_renames(&mut components);
    for c in components.iter_mut() {
        tuple_fields::name_tuple_fields(&mut c.ci);
        c.ci.derive_ffi_funcs()?;
    }

    std::fs::create_dir_all(&req.out_dir)?;
    for Component { ci, config } in &components {
        if let Some(filter) = &req.crate_filter {
            if ci.crate_name() != filter {
                continue;
            }
        }
        let code = render::render(config, ci, &components)
            .with_context(|| format!("rendering C# for {}", ci.crate_name()))?;
        let file = req.out_dir.join(format!("{}.cs", config.namespace()));
        std::fs::write(&file, code).with_context(|| format!("writing {file}"))?;
    }
    Ok(())
}

/// Exclusions, then `[bindings.csharp.rename]`, exactly as UniFFI's Kotlin backend applies them.
fn apply_renames(components: &mut [Component<Config>]) {
    for c in components.iter_mut() {
        apply_exclusions(&mut c.ci, &c.config.exclude);
    }
    let module_renames: HashMap<String, toml::Table> = components
        .iter()
        .filter(|c| !c.config.rename.is_empty())
        .map(|c| (c.ci.crate_name().to_string(), c.config.rename.clone()))
        .collect();
    if !module_renames.is_empty() {
        for c in components.iter_mut() {
            rename(&mut c.ci, &module_renames);
        }
    }
}
