// Fixture for tests/engine/structure.test.mjs: no cycle at all.
mod a;
mod b;
