pub mod inner;

pub fn first() -> u8 {
    crate::b::second()
}
