//! Councils: the key that compares council names, the unique key of a record in an index of
//! several councils, and a council's own settings (`raad.toml`).
//!
//! One index may hold many councils. Their ids collide (`2016_MV_00146` exists in Ghent and
//! in Antwerp), so a record is known by its council and its id together: [`record_key`].
//! Records without a council (an index of one council, or one built before councils) keep
//! their plain id key, so nothing changes for them.
//!
//! A folder of opschrift files names its council in a [`CONFIG_FILE`] (`raad.toml`); the
//! nearest one above a file applies to it ([`CouncilFolders`]):
//!
//! ```toml
//! council = "Antwerpen"
//!
//! # How its records write the mayor, when not `Burgemeester` (see `MAYOR`).
//! mayor = "Burgervader"
//!
//! # Its terms, one per entry, as in a legislature table: `FIRST LAST [NAME]`.
//! legislatures = ["2013 2018", "2019 2024 bestuur De Wever II"]
//!
//! # Party aliases of this council: as written = canonical (added to the built-in table).
//! # (A table comes after the plain keys: TOML puts every key below it into the table.)
//! [parties]
//! "Groen-Antwerpen" = "Groen"
//! ```
//!
//! The mayor answers questions like an alderman (`Bevoegd:`, `Betrokken:`), under a title
//! rather than a name. Records write it in many ways (`Burgemeester`, `de burgemeester`,
//! `betrokken burgemeester`, `Burgemeester Bart De Wever`), and a council may use a title of
//! its own; [`alderman_name`] indexes each as the one title [`MAYOR`], so that the alderman
//! facet and filter count every council's mayor under one value.

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::error::Error;
use crate::id::id_key;
use crate::legislature::Legislatures;
use crate::party::PartyTable;

/// The name of a folder's council settings file.
pub const CONFIG_FILE: &str = "raad.toml";

/// The mayor's title as raad indexes it: the built-in title, the one Ghent's records write.
/// A council's own title ([`CouncilSettings::mayor`]) is indexed as this one too.
pub const MAYOR: &str = "Burgemeester";

/// A responsible or involved alderman as a record writes it (`name`), as raad indexes it:
/// [`MAYOR`] when it names the mayor by [`MAYOR`] or by the council's own title `own`, in any
/// case, after the article `de`, or before the mayor's name (`de burgemeester`, `BURGEMEESTER`,
/// `Burgemeester Bart De Wever`); `name` itself otherwise (`Burgemeesters` and
/// `Schepen-burgemeester` are not the title).
///
/// ```
/// use raad_core::council::alderman_name;
///
/// assert_eq!(alderman_name("de burgemeester".into(), None), "Burgemeester");
/// assert_eq!(alderman_name("Burgervader B. De Wever".into(), Some("burgervader")), "Burgemeester");
/// assert_eq!(alderman_name("Burgervader".into(), None), "Burgervader");
/// assert_eq!(alderman_name("Filip Watteeuw".into(), None), "Filip Watteeuw");
/// ```
pub fn alderman_name(name: String, own: Option<&str>) -> String {
    let mut words = name.split_whitespace().peekable();
    if words
        .peek()
        .is_some_and(|word| word.eq_ignore_ascii_case("de"))
    {
        words.next();
    }
    let words: Vec<&str> = words.collect();
    let is_title = |title: &str| {
        let title: Vec<&str> = title.split_whitespace().collect();
        !title.is_empty()
            && words.len() >= title.len()
            && words
                .iter()
                .zip(&title)
                .enumerate()
                .all(|(n, (word, part))| {
                    // A comma or colon may close the title before the name.
                    let word = if n + 1 == title.len() {
                        word.trim_end_matches([',', ':'])
                    } else {
                        word
                    };
                    word.to_lowercase() == part.to_lowercase()
                })
    };
    if is_title(MAYOR) || own.is_some_and(is_title) {
        MAYOR.to_string()
    } else {
        name
    }
}

/// The key that compares council names: lower-cased, white space trimmed and folded to one
/// space, `/` (which separates council and id in [`record_key`]) written as `-`. `Gent`,
/// ` gent ` and `GENT` all give `gent`.
pub fn council_key(name: &str) -> String {
    let lower = name.trim().to_lowercase().replace('/', "-");
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The unique key of a record in an index: `gent/2016_mv_00146` for record `2016_MV_00146` of
/// council `Gent`; the id key alone ([`id_key`]) for a record without a council.
pub fn record_key(council: Option<&str>, id: &str) -> String {
    match council.map(council_key).filter(|key| !key.is_empty()) {
        Some(council) => format!("{council}/{}", id_key(id)),
        None => id_key(id),
    }
}

/// A council and an id typed as one text, `Gent/2016_MV_00146`: the text before the first
/// `/` and the rest, both trimmed and not empty; `None` when there is no `/`.
pub fn split_qualified(text: &str) -> Option<(&str, &str)> {
    let (council, id) = text.split_once('/')?;
    let (council, id) = (council.trim(), id.trim());
    (!council.is_empty() && !id.is_empty()).then_some((council, id))
}

/// What a folder's [`CONFIG_FILE`] says of the council its files belong to.
#[derive(Debug, Clone, Default)]
pub struct CouncilSettings {
    /// The council's name as records show it (`Antwerpen`).
    pub council: Option<String>,
    /// The council's own party aliases, as written → canonical.
    pub parties: BTreeMap<String, String>,
    /// The council's terms, when the file lists them.
    pub legislatures: Option<Legislatures>,
    /// The title the council's records give the mayor, when not [`MAYOR`] (`mayor = "…"`):
    /// indexed as [`MAYOR`] ([`alderman_name`]).
    pub mayor: Option<String>,
    /// The file the settings were read from.
    pub path: PathBuf,
}

/// The shape of a [`CONFIG_FILE`]; unknown keys are an error, so that a typo is not ignored.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    council: Option<String>,
    #[serde(default)]
    parties: BTreeMap<String, String>,
    #[serde(default)]
    legislatures: Option<Vec<String>>,
    #[serde(default)]
    mayor: Option<String>,
}

impl CouncilSettings {
    /// Reads a [`CONFIG_FILE`]: [`Error::Config`] naming the file when it is not valid TOML of
    /// the shape in the [module docs](self).
    pub fn read(path: &Path) -> crate::Result<CouncilSettings> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        CouncilSettings::parse(path, &text)
    }

    /// Parses the text of a [`CONFIG_FILE`] read from `path`.
    pub fn parse(path: &Path, text: &str) -> crate::Result<CouncilSettings> {
        let config_error = |message: String| Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let file: ConfigFile =
            toml::from_str(text).map_err(|error| config_error(error.message().to_string()))?;
        let council = file
            .council
            .map(|name| name.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|name| !name.is_empty());
        let legislatures = match file.legislatures {
            None => None,
            Some(lines) => Some(
                Legislatures::parse(&lines.join("\n"))
                    .map_err(|error| config_error(format!("legislatures: entry {error}")))?,
            ),
        };
        let mayor = match file.mayor {
            None => None,
            Some(title) if title.trim().is_empty() => {
                return Err(config_error(
                    "mayor: the title is empty (leave `mayor` out for the built-in \
                     `Burgemeester`)"
                        .to_string(),
                ))
            }
            Some(title) => Some(title.split_whitespace().collect::<Vec<_>>().join(" ")),
        };
        Ok(CouncilSettings {
            council,
            parties: file.parties,
            legislatures,
            mayor,
            path: path.to_path_buf(),
        })
    }

    /// `base` with this council's party aliases added (they win over the built-in ones).
    pub fn party_table(&self, base: &PartyTable) -> PartyTable {
        let mut table = base.clone();
        for (alias, canonical) in &self.parties {
            table.insert(alias, canonical);
        }
        table
    }

    /// A hash of what the settings change in parsed records (the council, its party aliases
    /// and its mayor's title), the same in every process.
    pub fn fingerprint(&self) -> u64 {
        let mut hasher = rustc_hash::FxHasher::default();
        self.council.as_deref().map(council_key).hash(&mut hasher);
        self.parties.hash(&mut hasher);
        // Hashed only when given, so that the files under a raad.toml without one keep their
        // manifest entries.
        if let Some(title) = &self.mayor {
            title.to_lowercase().hash(&mut hasher);
        }
        hasher.finish()
    }
}

/// Finds the [`CONFIG_FILE`] that applies to each input file: the nearest one in the file's
/// folder or a folder above it, up to the input path the file was found under. Folders are
/// looked at once each.
#[derive(Debug, Default)]
pub struct CouncilFolders {
    roots: Vec<PathBuf>,
    found: HashMap<PathBuf, Option<Arc<CouncilSettings>>>,
}

impl CouncilFolders {
    /// Settings looked up under the input paths `roots` (files or folders, as given).
    pub fn new(roots: &[PathBuf]) -> CouncilFolders {
        CouncilFolders {
            roots: roots.to_vec(),
            found: HashMap::new(),
        }
    }

    /// The settings that apply to `file`, if a [`CONFIG_FILE`] does; an error when the
    /// nearest one cannot be read.
    pub fn settings_for(&mut self, file: &Path) -> crate::Result<Option<Arc<CouncilSettings>>> {
        // The highest folder looked in: the input folder the file is under, or the folder
        // of a file given itself.
        let top = self
            .roots
            .iter()
            .filter(|root| file.starts_with(root))
            .max_by_key(|root| root.components().count())
            .map(|root| {
                if root.as_path() == file {
                    root.parent().unwrap_or(root).to_path_buf()
                } else {
                    root.clone()
                }
            });
        let Some(top) = top else {
            return Ok(None);
        };
        let mut folder = file.parent();
        while let Some(dir) = folder {
            if let Some(found) = self.settings_in(dir)? {
                return Ok(Some(found));
            }
            if dir == top || !dir.starts_with(&top) {
                break;
            }
            folder = dir.parent();
        }
        Ok(None)
    }

    fn settings_in(&mut self, dir: &Path) -> crate::Result<Option<Arc<CouncilSettings>>> {
        if let Some(found) = self.found.get(dir) {
            return Ok(found.clone());
        }
        let path = dir.join(CONFIG_FILE);
        let found = if path.is_file() {
            Some(Arc::new(CouncilSettings::read(&path)?))
        } else {
            None
        };
        self.found.insert(dir.to_path_buf(), found.clone());
        Ok(found)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_compare_councils_without_case_and_qualify_ids() {
        assert_eq!(council_key(" Gent "), "gent");
        assert_eq!(council_key("Sint-Niklaas"), "sint-niklaas");
        assert_eq!(council_key("Aalst  /  Dendermonde"), "aalst - dendermonde");
        assert_eq!(
            record_key(Some("GENT"), "2016 mv 146"),
            "gent/2016_mv_00146"
        );
        assert_eq!(
            record_key(Some("Gent"), "2016_MV_00146"),
            "gent/2016_mv_00146"
        );
        assert_eq!(record_key(None, "2016_MV_00146"), "2016_mv_00146");
        assert_eq!(record_key(Some(" "), "2016_MV_00146"), "2016_mv_00146");
        assert_eq!(
            split_qualified("gent/2016_MV_00146"),
            Some(("gent", "2016_MV_00146"))
        );
        assert_eq!(
            split_qualified("Gent/NR. 217/14"),
            Some(("Gent", "NR. 217/14"))
        );
        assert_eq!(split_qualified("2016_MV_00146"), None);
        assert_eq!(split_qualified("/x"), None);
    }

    #[test]
    fn a_config_file_names_council_parties_and_terms() {
        let text = "council = \" Antwerpen \"\nlegislatures = [\"2013 2018\", \"2019 2024 De Wever II\"]\n\n[parties]\n\"Groen-Antwerpen\" = \"Groen\"\n";
        let settings = CouncilSettings::parse(Path::new("a/raad.toml"), text).unwrap();
        assert_eq!(settings.council.as_deref(), Some("Antwerpen"));
        let table = settings.party_table(&PartyTable::default());
        assert_eq!(table.canonical("groen-antwerpen"), "Groen");
        let terms = settings.legislatures.unwrap();
        assert_eq!(terms.terms()[1].name, "De Wever II");
    }

    #[test]
    fn the_mayor_is_indexed_under_one_title_whatever_the_council_calls_it() {
        let name = |text: &str, own: Option<&str>| alderman_name(text.to_string(), own);
        for written in [
            "Burgemeester",
            "burgemeester",
            "BURGEMEESTER",
            "de burgemeester",
            "De Burgemeester",
            "Burgemeester Mathias De Clercq",
            "burgemeester, Bart De Wever",
        ] {
            assert_eq!(name(written, None), MAYOR, "{written}");
        }
        for other in [
            "Burgemeesters",
            "Schepen-burgemeester",
            "Filip Watteeuw",
            "de heer Burgemeester",
            "de",
            "",
        ] {
            assert_eq!(name(other, None), other, "{other}");
        }
        // A council's own title, of one word or several, beside the built-in one.
        assert_eq!(name("Burgervader", Some("Burgervader")), MAYOR);
        assert_eq!(name("de burgervader Jan", Some("burgervader")), MAYOR);
        assert_eq!(name("Eerste Burger", Some("eerste burger")), MAYOR);
        assert_eq!(
            name("Eerste schepen", Some("eerste burger")),
            "Eerste schepen"
        );
        assert_eq!(name("Burgemeester", Some("Burgervader")), MAYOR);
        assert_eq!(name("Burgervader", None), "Burgervader");
    }

    #[test]
    fn a_config_file_may_name_the_mayors_title() {
        let settings =
            CouncilSettings::parse(Path::new("a/raad.toml"), "mayor = \" Eerste  burger \"\n")
                .unwrap();
        assert_eq!(settings.mayor.as_deref(), Some("Eerste burger"));
        let without = CouncilSettings::parse(Path::new("a/raad.toml"), "").unwrap();
        assert_eq!(without.mayor, None);
        // Only a title that is given changes the files' fingerprint.
        assert_ne!(settings.fingerprint(), without.fingerprint());
        assert_eq!(
            without.fingerprint(),
            CouncilSettings::default().fingerprint()
        );
        let error = CouncilSettings::parse(Path::new("a/raad.toml"), "mayor = \" \"\n")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("a/raad.toml: mayor: the title is empty"),
            "{error}"
        );
    }

    #[test]
    fn a_bad_config_file_is_an_error_naming_it() {
        let error =
            CouncilSettings::parse(Path::new("a/raad.toml"), "councill = \"Gent\"\n").unwrap_err();
        let message = error.to_string();
        assert!(message.starts_with("a/raad.toml: "), "{message}");
        assert!(message.contains("councill"), "{message}");
        let error = CouncilSettings::parse(Path::new("a/raad.toml"), "legislatures = [\"2019\"]")
            .unwrap_err();
        assert!(
            error.to_string().contains("legislatures: entry line 1"),
            "{error}"
        );
    }

    #[test]
    fn the_nearest_config_file_under_the_input_applies() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        std::fs::create_dir_all(root.join("gent/2016")).unwrap();
        std::fs::create_dir_all(root.join("antwerpen")).unwrap();
        std::fs::create_dir_all(root.join("los")).unwrap();
        std::fs::write(root.join("gent/raad.toml"), "council = \"Gent\"\n").unwrap();
        std::fs::write(
            root.join("antwerpen/raad.toml"),
            "council = \"Antwerpen\"\n",
        )
        .unwrap();
        // Above the input folder: not looked at.
        std::fs::write(dir.path().join("raad.toml"), "council = \"Elders\"\n").unwrap();
        let mut folders = CouncilFolders::new(std::slice::from_ref(&root));
        let council = |folders: &mut CouncilFolders, path: &str| {
            folders
                .settings_for(&root.join(path))
                .unwrap()
                .and_then(|s| s.council.clone())
        };
        assert_eq!(
            council(&mut folders, "gent/2016/a.txt").as_deref(),
            Some("Gent")
        );
        assert_eq!(
            council(&mut folders, "antwerpen/b.txt").as_deref(),
            Some("Antwerpen")
        );
        assert_eq!(council(&mut folders, "los/c.txt"), None);
    }
}
