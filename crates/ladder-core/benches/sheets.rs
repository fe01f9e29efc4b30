//! `ladder import` of a large company ladder kept as an .xlsx workbook, the
//! whole path the command takes: read the workbook, build the ladder, write
//! it as TOML and check that text as `ladder check` would. Issue 10's
//! target: the 500-role ladder of the diff benchmark under 500 ms. Run with
//! `cargo bench -p ladder-core --bench sheets`.

use divan::black_box;
use ladder_core::sheets;

mod common;

fn main() {
    divan::main();
}

/// The workbook of the large ladder, as `ladder export --out x.xlsx` writes it.
fn workbook() -> Vec<u8> {
    let l = ladder_core::parse(&common::ladder(0)).expect("valid");
    sheets::xlsx::write(&sheets::to_workbook(&l)).expect("writes")
}

/// What `ladder import big.xlsx` does, short of writing the file.
#[divan::bench(sample_count = 10)]
fn import_500_role_xlsx(bencher: divan::Bencher) {
    let bytes = workbook();
    bencher.bench(|| {
        let book = sheets::xlsx::read(black_box(&bytes)).expect("reads");
        let l = sheets::from_workbook(&book).expect("a ladder");
        let text = toml::to_string_pretty(&l).expect("serialises");
        ladder_core::file::check(&text, false)
            .ladder
            .expect("valid")
            .roles
            .len()
    });
}

/// Reading the workbook alone (calamine).
#[divan::bench(sample_count = 10)]
fn read_xlsx_only(bencher: divan::Bencher) {
    let bytes = workbook();
    bencher.bench(|| {
        sheets::xlsx::read(black_box(&bytes))
            .expect("reads")
            .sheets
            .len()
    });
}

/// `ladder export --out big.xlsx`, short of writing the file.
#[divan::bench(sample_count = 10)]
fn export_500_role_xlsx(bencher: divan::Bencher) {
    let l = ladder_core::parse(&common::ladder(0)).expect("valid");
    bencher.bench(|| {
        sheets::xlsx::write(&sheets::to_workbook(black_box(&l)))
            .expect("writes")
            .len()
    });
}
