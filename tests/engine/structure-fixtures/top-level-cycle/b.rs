pub fn second() -> u8 {
    crate::a::inner::third()
}
