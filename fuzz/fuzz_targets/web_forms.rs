//! What browsers post to `ladder serve`: any bytes as an URL-encoded form
//! read as an assessment (and checked against the embedded ladder), and as a
//! form or multipart body searched for the CSRF token. Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let ladder = ladder_core::embedded::ladder();
    if let Ok(fields) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(data)
        && let Ok(input) = ladder_web::forms::assessment_fields(&fields)
    {
        let _ = ladder_app::assessments::assessment_from_input(
            ladder,
            "fuzz",
            "Fuzz",
            ladder_core::assess::Rater::Myself,
            &input,
        );
    }
    let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
    let body = ladder_web::forms::Bytes::copy_from_slice(data);
    rt.block_on(async {
        let _ = ladder_web::forms::token_in_body("application/x-www-form-urlencoded", body.clone()).await;
        let _ = ladder_web::forms::token_in_body("multipart/form-data; boundary=XyZ", body).await;
    });
});

