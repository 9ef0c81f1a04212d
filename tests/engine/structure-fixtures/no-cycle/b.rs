pub fn second() -> u8 {
    2
}
