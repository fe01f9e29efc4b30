//! The org report as HTML: the charts are well-formed SVG with the figures
//! in words for screen readers, and text from the roster is escaped
//! wherever it lands (tables, lists, chart labels and tooltips).

use std::collections::HashMap;

use ladder_core::org::{OrgOptions, OrgReport, analyse};
use ladder_core::resolve::Resolver;
use ladder_core::roster::{HeaderMap, read_csv};

fn report(csv: &str) -> OrgReport {
    let roster = read_csv(csv.as_bytes(), &HeaderMap::default()).unwrap();
    let options = OrgOptions {
        as_of: time::Date::from_calendar_date(2026, time::Month::December, 1).unwrap(),
        size: None,
        placements: HashMap::new(),
        titles: Default::default(),
        runs: 500,
    };
    analyse(
        ladder_core::embedded::ladder(),
        Resolver::embedded(),
        &roster,
        &options,
    )
    .unwrap()
}

/// Every element closed in order, every entity known.
fn assert_well_formed(svg: &str) {
    let mut reader = quick_xml::Reader::from_str(svg);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::GeneralRef(r)) => {
                let name = r.into_inner();
                assert!(
                    ["amp", "lt", "gt", "quot", "apos"].contains(&name.as_ref()),
                    "unknown entity &{name};"
                );
            }
            Ok(_) => {}
            Err(e) => panic!(
                "not well-formed at {}: {e}\n{svg}",
                reader.buffer_position()
            ),
        }
    }
}

const STARTUP: &str = include_str!("../../ladder-core/tests/data/rosters/startup-12.csv");

#[test]
fn the_three_charts_are_well_formed_and_described_in_words() {
    let r = report(STARTUP);
    let pyramid = ladder_render::pyramid_svg(&r);
    let spans = ladder_render::spans_svg(&r);
    let ratios = ladder_render::ratios_svg(&r);
    for svg in [&pyramid, &spans, &ratios] {
        assert_well_formed(svg);
        assert!(svg.contains(r#"role="img""#));
    }
    // Each description carries the figures the bars show.
    assert!(
        pyramid
            .contains("VP of Product: 1 (unexpected: a startup does not usually have this role)")
    );
    assert!(
        spans.contains("1 reports: 1; 3 reports: 2; 4 reports: 1."),
        "{spans}"
    );
    assert!(ratios.contains("Whole roster: 1:2 (2 IC PMs)"));
    assert!(ratios.contains("The ladder's reference is 1:10."));
    // The page holds all three, the flags by name and label, and no ids.
    let html = ladder_render::org_html(&r);
    assert_eq!(html.matches("<svg").count(), 3);
    assert!(html.contains("Leader without reports"));
    assert!(html.contains("Hana Sato"));
    assert!(!html.contains("no-reports"));
}

#[test]
fn roster_text_is_escaped_in_tables_and_charts() {
    let csv = "\
name,email,title,manager,team
<b>Chief</b>,c@co.io,Chief Product Officer,,
Ann & \"Co\",a@co.io,Director of Product,c@co.io,
Bo,b@co.io,Product Manager,a@co.io,<i>T</i>
Cy,y@co.io,Software Engineer,c@co.io,<i>T</i>
";
    let r = report(csv);
    let html = ladder_render::org_html(&r);
    assert!(!html.contains("<b>Chief</b>"));
    assert!(!html.contains("Ann & \"Co\""));
    assert!(html.contains("&lt;b&gt;Chief&lt;/b&gt;"));
    for svg in [
        ladder_render::pyramid_svg(&r),
        ladder_render::spans_svg(&r),
        ladder_render::ratios_svg(&r),
    ] {
        assert_well_formed(&svg);
    }
    // The director's org takes in the engineer on Bo's team.
    assert!(ladder_render::ratios_svg(&r).contains("Ann &amp; &quot;Co&quot;: 1:1"));
}
