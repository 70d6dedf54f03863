//! The frame of every page: head, skip link, header with navigation and language switch.

use maud::{html, Markup, DOCTYPE};

use crate::pages::{analytics, Ctx};
use crate::urls::{lang_pair, with_query};

/// A whole page. `path` and `pairs` are this page's URL without `lang`, so that the language
/// switch opens the same page in the other language.
pub(crate) fn page(
    ctx: Ctx,
    title: &str,
    path: &str,
    pairs: &[(&'static str, String)],
    body: Markup,
) -> Markup {
    let t = ctx.texts();
    let other = t.other_language_code;
    let mut switch_pairs = pairs.to_vec();
    switch_pairs.push(("lang", other.code().to_string()));
    let home = with_query("/", &lang_pair(ctx.asked));
    html! {
        (DOCTYPE)
        html lang=(ctx.lang.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — raad" }
                link rel="stylesheet" href="/static/raad.css";
                link rel="icon" href="/static/icon.svg" type="image/svg+xml";
            }
            body {
                a.skip href="#main" { (t.skip_to_results) }
                header.top {
                    a.brand href=(home) { "raad" }
                    span.tagline { (t.tagline) }
                    nav aria-label="raad" {
                        ul {
                            li { a href=(home) { (t.nav_search) } }
                            @for (path, nl, en) in analytics::NAV {
                                li {
                                    a href=(with_query(*path, &lang_pair(ctx.asked))) {
                                        (if ctx.lang == crate::lang::Lang::Nl { *nl } else { *en })
                                    }
                                }
                            }
                            li {
                                a href=(with_query(path, &switch_pairs)) lang=(other.code())
                                    hreflang=(other.code()) { (t.other_language) }
                            }
                        }
                    }
                }
                main #main { (body) }
            }
        }
    }
}
