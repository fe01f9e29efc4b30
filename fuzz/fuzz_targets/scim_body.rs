//! What identity providers send to `/scim/v2`: any bytes as a User, a
//! Group and a PATCH body (applied to a user, then read back as a User).
//! Nothing may panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = ladder_web::scim::read_body(data);
});
