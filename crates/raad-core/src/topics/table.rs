//! Reading a taxonomy file: `TOPIC<TAB>WEIGHT<TAB>KEYWORDS` lines into rules.

/// One line of a taxonomy file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RuleLine {
    /// The 1-based line number, for errors found later (a keyword without a searchable word).
    pub line: u32,
    pub topic: String,
    pub weight: f32,
    /// The keywords as written, trimmed, none empty.
    pub keywords: Vec<String>,
}

/// The rules of a taxonomy file, or the 1-based line and message of its first bad line.
pub(crate) fn parse_rules(text: &str) -> Result<Vec<RuleLine>, (u32, String)> {
    let mut rules = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let columns: Vec<&str> = raw.trim_end_matches('\r').split('\t').collect();
        let [topic, weight, keywords] = columns[..] else {
            return Err((
                line,
                format!(
                    "expected `TOPIC<TAB>WEIGHT<TAB>KEYWORDS`, found {} column{}",
                    columns.len(),
                    if columns.len() == 1 { "" } else { "s" }
                ),
            ));
        };
        let topic = fold_spaces(topic);
        if topic.is_empty() {
            return Err((line, "the topic name is empty".to_string()));
        }
        let weight = match weight.trim().parse::<f32>() {
            Ok(w) if w.is_finite() && w > 0.0 => w,
            _ => {
                return Err((
                    line,
                    format!(
                        "weight `{}` is not a positive number (write e.g. 1 or 0.5)",
                        weight.trim()
                    ),
                ))
            }
        };
        let keywords: Vec<String> = keywords
            .split(',')
            .map(fold_spaces)
            .filter(|k| !k.is_empty())
            .collect();
        if keywords.is_empty() {
            return Err((
                line,
                "no keywords (give them comma-separated in the third column)".to_string(),
            ));
        }
        rules.push(RuleLine {
            line,
            topic,
            weight,
            keywords,
        });
    }
    Ok(rules)
}

fn fold_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_comments_and_keywords() {
        let rules = parse_rules(
            "# comment\n\nwonen\t2\thuur,  sociale   woning ,\r\nwelzijn  en zorg\t0.5\tzorg\n",
        )
        .unwrap();
        assert_eq!(
            rules,
            [
                RuleLine {
                    line: 3,
                    topic: "wonen".to_string(),
                    weight: 2.0,
                    keywords: vec!["huur".to_string(), "sociale woning".to_string()],
                },
                RuleLine {
                    line: 4,
                    topic: "welzijn en zorg".to_string(),
                    weight: 0.5,
                    keywords: vec!["zorg".to_string()],
                },
            ]
        );
    }

    #[test]
    fn bad_lines_name_their_line_and_problem() {
        let error = |text: &str| parse_rules(text).unwrap_err();
        assert_eq!(
            error("wonen\t1\thuur\nwonen huur\n"),
            (
                2,
                "expected `TOPIC<TAB>WEIGHT<TAB>KEYWORDS`, found 1 column".to_string()
            )
        );
        assert_eq!(
            error("wonen\t1\thuur\textra\n").1,
            "expected `TOPIC<TAB>WEIGHT<TAB>KEYWORDS`, found 4 columns"
        );
        assert_eq!(
            error(" \t1\thuur\n"),
            (1, "the topic name is empty".to_string())
        );
        for weight in ["zwaar", "0", "-1", "NaN", "inf", ""] {
            assert_eq!(
                error(&format!("wonen\t{weight}\thuur\n")).1,
                format!("weight `{weight}` is not a positive number (write e.g. 1 or 0.5)")
            );
        }
        assert_eq!(
            error("wonen\t1\t , ,\n").1,
            "no keywords (give them comma-separated in the third column)"
        );
    }
}
