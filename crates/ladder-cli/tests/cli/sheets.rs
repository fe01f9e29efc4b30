//! Issue 10.5: ladders in spreadsheets. `ladder export --format xlsx|csv`
//! then `ladder import` gives back the same ladder (`ladder diff` finds no
//! difference) for the built-in ladder and the company fixtures, and a
//! workbook with mistakes gets one error per mistake, by sheet, row and
//! column, with nothing written.

use super::*;

/// Runs `ladder ARGS…` in `dir`: exit code, stdout, stderr.
fn in_dir(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = ladder().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn no_differences(dir: &Path, old: &str, new: &str) {
    let (code, out, err) = in_dir(dir, &["diff", old, new, "--exit-code"]);
    assert_eq!((code, out.trim()), (0, "No differences."), "{err}");
}

#[test]
fn the_built_in_ladder_comes_back_from_its_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let (code, _, err) = in_dir(dir.path(), &["export", "--out", "ladder.xlsx"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("wrote ladder.xlsx (13 sheets)"), "{err}");
    let (code, _, err) = in_dir(dir.path(), &["import", "ladder.xlsx", "--out", "back.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("wrote back.toml (19 roles, 12 competencies)"),
        "{err}"
    );
    let (code, text, _) = in_dir(dir.path(), &["export"]);
    assert_eq!(code, 0);
    std::fs::write(dir.path().join("builtin.toml"), text).unwrap();
    no_differences(dir.path(), "builtin.toml", "back.toml");
}

#[test]
fn company_ladders_come_back_from_xlsx_and_from_csv() {
    for name in ["northwind-families", "lumen-2026", "lumen-2025"] {
        let dir = tempfile::tempdir().unwrap();
        let original = fixture(&format!("companies/{name}.toml"));
        let original = original.to_str().unwrap();
        let (code, _, err) = in_dir(
            dir.path(),
            &[
                "export", "--ladder", original, "--format", "xlsx", "--out", "l.xlsx",
            ],
        );
        assert_eq!(code, 0, "{err}");
        let (code, text, err) = in_dir(dir.path(), &["import", "l.xlsx"]);
        assert_eq!(code, 0, "{err}");
        std::fs::write(dir.path().join("from-xlsx.toml"), text).unwrap();
        no_differences(dir.path(), original, "from-xlsx.toml");

        let (code, _, err) = in_dir(
            dir.path(),
            &[
                "export", "--ladder", original, "--format", "csv", "--out", "sheets",
            ],
        );
        assert_eq!(code, 0, "{err}");
        assert!(dir.path().join("sheets/criteria.csv").is_file());
        // The directory, or any one of its files, is the workbook.
        for path in ["sheets", "sheets/roles.csv"] {
            let (code, _, err) = in_dir(dir.path(), &["import", path, "--out", "from-csv.toml"]);
            assert_eq!(code, 0, "{path}: {err}");
            no_differences(dir.path(), original, "from-csv.toml");
        }
    }
}

/// A company's sheets typed by hand, with the usual mistakes.
fn typed_sheets(dir: &Path) {
    let sheets = dir.join("acme");
    std::fs::create_dir_all(&sheets).unwrap();
    let write = |name: &str, text: &str| std::fs::write(sheets.join(name), text).unwrap();
    write(
        "ladder.csv",
        "field,value\nname,Acme product\nversion,2027.1\n",
    );
    write(
        "roles.csv",
        "\u{feff}ID,Title,Code,Tier,Track,Level\n\
         pm,Product Manager,P2,mid,ic,\n\
         senior-pm,Senior Product Manager,P3,senoir,ic,\n",
    );
    write(
        "moves.csv",
        "from,to,kind,years\npm,senior-pm,promotion,a few\n",
    );
    write("scale.csv", "level,name\n1,Learning\n2,Doing\n3,Leading\n");
    write("competencies.csv", "id,name\ndiscovery,Discovery\n");
    write(
        "criteria.csv",
        "competency,level 1,level 2,level 3\ndiscovery,Joins interviews,\"Runs interviews\nand above: Shares notes\",Coaches others\n",
    );
    write(
        "expectations.csv",
        "competency,pm,senior-pm\ndiscovery,2,high\n",
    );
}

#[test]
fn every_mistake_in_a_typed_workbook_is_named_once_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    typed_sheets(dir.path());
    let (code, out, err) = in_dir(dir.path(), &["import", "acme", "--out", "acme.toml"]);
    assert_eq!(code, 2, "{out}");
    assert!(!dir.path().join("acme.toml").exists());
    insta::assert_snapshot!("import_typed_mistakes", err);
}

#[test]
fn a_workbook_that_reads_but_breaks_a_rule_of_the_ladder_is_refused_in_check_s_words() {
    let dir = tempfile::tempdir().unwrap();
    typed_sheets(dir.path());
    let sheets = dir.path().join("acme");
    // Mend the typing mistakes; leave a move to a role that does not exist.
    std::fs::write(
        sheets.join("roles.csv"),
        "id,title,code,tier,track\npm,Product Manager,P2,mid,ic\nsenior-pm,Senior Product Manager,P3,tenured,ic\n",
    )
    .unwrap();
    std::fs::write(
        sheets.join("moves.csv"),
        "from,to,kind,years\npm,senior-pm,promotion,2-3\npm,principal-pm,promotion,\n",
    )
    .unwrap();
    std::fs::write(
        sheets.join("expectations.csv"),
        "competency,pm,senior-pm\ndiscovery,2,3\n",
    )
    .unwrap();
    let (code, _, err) = in_dir(
        dir.path(),
        &["import", "acme/roles.csv", "--out", "acme.toml"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no role has the id `principal-pm`"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert!(!dir.path().join("acme.toml").exists());

    // Without the stray move it is a ladder `check` passes.
    std::fs::write(
        sheets.join("moves.csv"),
        "from,to,kind,years\npm,senior-pm,promotion,2-3\n",
    )
    .unwrap();
    let (code, _, err) = in_dir(dir.path(), &["import", "acme", "--out", "acme.toml"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = in_dir(dir.path(), &["check", "acme.toml"]);
    assert_eq!(code, 0, "{err}");
    let (_, role, _) = in_dir(dir.path(), &["role", "--ladder", "acme.toml", "senior-pm"]);
    assert!(role.contains("Shares notes"), "{role}");
}

#[test]
fn files_that_are_not_workbooks_are_refused_with_what_to_give() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ladder.pdf"), "%PDF").unwrap();
    std::fs::write(dir.path().join("broken.xlsx"), "not a zip").unwrap();
    let (code, _, err) = in_dir(dir.path(), &["import", "ladder.pdf"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("ladder.pdf is not a spreadsheet ladder; give an .xlsx file"),
        "{err}"
    );
    let (code, _, err) = in_dir(dir.path(), &["import", "broken.xlsx"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("broken.xlsx: it is not a workbook that can be read"),
        "{err}"
    );
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let (code, _, err) = in_dir(dir.path(), &["import", "empty"]);
    assert_eq!(code, 2);
    assert!(err.contains("empty has no roles.csv"), "{err}");
    let (code, _, err) = in_dir(dir.path(), &["export", "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("name the file with --out ladder.xlsx"),
        "{err}"
    );
}
