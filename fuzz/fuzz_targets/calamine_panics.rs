//! Shared by the fuzz targets that read .xlsx files: libFuzzer aborts on any
//! panic, from its own panic hook. A panic inside calamine (the workbook's
//! zip and XML reader, not ours) is caught by our readers and becomes an
//! error, so it is let through; any other panic still aborts.

/// Installs the hook once per process.
pub fn let_through() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"));
            if !in_calamine {
                fuzzer(info);
            }
        }));
    });
}
