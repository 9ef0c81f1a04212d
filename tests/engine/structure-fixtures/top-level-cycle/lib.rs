// Fixture for tests/engine/structure.test.mjs: `a` (through `a::inner`) and
// `b` use each other, while no two files do.
mod a;
mod b;
