//! Integers as decimal text: the one integer formatter of the app. Each of
//! core's integer `Display` impls (`u8`, `u16`, `u32`, `i32`, `u64`,
//! `usize`...) is its own code in the wasm, with `{:02}` padding on top.
//! A leaf module: errors, dates and strings all use it.

/// `n` in decimal.
pub fn digits(n: u64) -> String {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut rest = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    buf[at..].iter().map(|&digit| char::from(digit)).collect()
}

/// `n` in at least two digits: "07" for a day, a month or a minute.
pub fn two_digits(n: u32) -> String {
    let text = digits(u64::from(n));
    if text.len() < 2 {
        format!("0{text}")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_what_display_writes() {
        let mut n: u64 = 1;
        // 0..=200, then powers of 3 up to u64's range and their neighbours.
        let mut cases: Vec<u64> = (0..=200).collect();
        while let Some(next) = n.checked_mul(3) {
            cases.extend([n - 1, n, n + 1]);
            n = next;
        }
        cases.extend([u64::MAX - 1, u64::MAX, 10_000_000_000_000_000_000]);
        for n in cases {
            assert_eq!(digits(n), n.to_string());
        }
        for n in 0..=100u32 {
            assert_eq!(two_digits(n), format!("{n:02}"));
        }
    }
}
