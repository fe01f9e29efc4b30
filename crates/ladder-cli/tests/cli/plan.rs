//! `ladder` end to end: path and simulate.

use super::*;

// ---- path / simulate ----------------------------------------------------------

#[test]
fn path_json_is_the_public_contract() {
    let v = json(&run!(
        0, "path", "--from", "apm", "--to", "director", "--format", "json"
    ));
    let routes = v["routes"].as_array().unwrap();
    assert!(routes.len() >= 3);
    let mut last = 0.0;
    for r in routes {
        let steps = r["steps"].as_array().unwrap();
        assert_eq!(steps[0]["from"], "apm");
        assert_eq!(steps.last().unwrap()["to"], "director");
        let total: f64 = steps.iter().map(|s| s["years_min"].as_f64().unwrap()).sum();
        assert!(total + 1e-9 >= last, "fastest first");
        last = total;
        for s in steps {
            assert!(s["years_min"].as_f64().unwrap() <= s["years_max"].as_f64().unwrap());
        }
    }
    let bg = json(&run!(
        0,
        "path",
        "--background",
        "new-grad",
        "--to",
        "pm",
        "--format",
        "json"
    ));
    assert_eq!(bg["routes"][0]["steps"][0]["from"], "background:new-grad");
    let out = run!(
        0,
        "path",
        "--from",
        "pm",
        "--to",
        "vp",
        "--company",
        "startup"
    );
    assert!(
        out.starts_with(
            "Routes from Product Manager to VP of Product (company size: Startup), fastest first"
        ),
        "{out}"
    );
    ladder()
        .args([
            "path",
            "--from",
            "pm",
            "--to",
            "vp",
            "--company",
            "megacorp",
        ])
        .assert()
        .code(2);
    ladder().args(["path", "--to", "vp"]).assert().code(2);
    ladder()
        .args(["path", "--background", "astronaut", "--to", "vp"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("new-grad"));
}

#[test]
fn simulate_json_is_the_public_contract_and_reproducible() {
    let args = [
        "simulate",
        "--from",
        "apm",
        "--to",
        "director",
        "--company",
        "enterprise",
        "--runs",
        "100000",
        "--seed",
        "1",
        "--format",
        "json",
    ];
    let a = run!(
        0, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8],
        args[9], args[10], args[11], args[12]
    );
    let b = run!(
        0, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8],
        args[9], args[10], args[11], args[12]
    );
    assert_eq!(a, b, "the same seed gives the same output");
    let v = json(&a);
    let (p10, p50, p90) = (
        v["p10"].as_f64().unwrap(),
        v["p50"].as_f64().unwrap(),
        v["p90"].as_f64().unwrap(),
    );
    assert!(p10 <= p50 && p50 <= p90);
    for k in ["5", "10", "20"] {
        let s = v["reached_share"][k].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&s), "{k}: {s}");
    }
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("h.svg");
    let out = ladder()
        .args([
            "simulate",
            "--from",
            "pm",
            "--to",
            "vp",
            "--company",
            "startup",
            "--runs",
            "2000",
            "--out",
        ])
        .arg(&svg)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("Years to get there"));
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg "));
    ladder()
        .args([
            "simulate",
            "--from",
            "pm",
            "--to",
            "vp",
            "--company",
            "startup",
            "--runs",
            "0",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--runs must be at least 1"));
    ladder()
        .args([
            "simulate",
            "--from",
            "pm",
            "--to",
            "vp",
            "--company",
            "mega",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("startup, scaleup, enterprise"));
}

#[test]
fn path_markdown_snapshot() {
    insta::assert_snapshot!(
        "path_apm_director_md",
        run!(
            0, "path", "--from", "apm", "--to", "director", "--format", "markdown"
        )
    );
}
