pub fn third() -> u8 {
    3
}
