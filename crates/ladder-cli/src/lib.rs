//! The library side of the `ladder` command: the parts that fuzz targets and
//! property tests drive directly. The binary (`src/main.rs`) is the rest.

pub mod stream;
