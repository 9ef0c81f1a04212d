//! The wasm's memory allocator: a free list per power-of-two size, carved from
//! memory the wasm grows (issue 14: 0.9 KB brotli less than Rust's default,
//! dlmalloc, whose 7 KB of code serve programs that free memory back).
//!
//! Every block is a power of two, at least 8 bytes, aligned to its size (up
//! to a wasm page): a request takes the smallest such block that holds it. A
//! freed block goes on the free list of its size and is handed out again
//! as-is; blocks are never split or merged, and memory is never returned
//! (wasm memory cannot shrink). Allocating and freeing are a few
//! instructions; the cost is up to twice the memory asked for, a few MB at
//! most for this app, which keeps no large data for long.
//!
//! [`Heap`] is the pure part, tested natively on an arena (below); the wasm
//! build installs it over `memory.grow` as the global allocator.

/// A wasm page: the unit of `memory.grow`, and the largest alignment given.
pub const PAGE: usize = 65_536;

/// The smallest block: room for the free list's link on any target.
const MIN_BLOCK: usize = 8;

/// One free list per power of two up to 2^31 bytes.
const CLASSES: usize = 32;

/// Where fresh memory comes from: the wasm's `memory.grow`, or a test arena.
pub trait Grow {
    /// At least `bytes` of new memory, `PAGE`-aligned: its start and length.
    fn grow(&mut self, bytes: usize) -> Option<(usize, usize)>;
}

/// The allocator's state: a free list per block size and the fresh memory
/// not handed out yet (`next..end`).
pub struct Heap<G> {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
    grow: G,
}

/// The size class (log2 of the block size) for a layout, or `None` when no
/// block can serve it.
fn class_of(size: usize, align: usize) -> Option<usize> {
    if align > PAGE {
        return None;
    }
    let block = size.max(align).max(MIN_BLOCK).checked_next_power_of_two()?;
    let class = block.trailing_zeros() as usize;
    (class < CLASSES).then_some(class)
}

impl<G: Grow> Heap<G> {
    pub const fn new(grow: G) -> Self {
        Heap {
            free: [0; CLASSES],
            next: 0,
            end: 0,
            grow,
        }
    }

    /// A block for `size` bytes aligned to `align`, or 0 when memory is out.
    ///
    /// # Safety
    /// Single-threaded: no other call on this heap may run at the same time.
    pub unsafe fn alloc(&mut self, size: usize, align: usize) -> usize {
        let Some(class) = class_of(size, align) else {
            return 0;
        };
        let head = self.free[class];
        if head != 0 {
            // SAFETY: a free block holds the address of the next one.
            self.free[class] = unsafe { *(head as *const usize) };
            return head;
        }
        self.fresh(1 << class)
    }

    /// Gives back a block `alloc` returned for the same `size` and `align`.
    ///
    /// # Safety
    /// `block` came from this heap's `alloc` with that layout, once.
    pub unsafe fn dealloc(&mut self, block: usize, size: usize, align: usize) {
        if let Some(class) = class_of(size, align) {
            // SAFETY: the block is ours again and at least 8 bytes long.
            unsafe { self.push(class, block) };
        }
    }

    /// Whether a block for `old` bytes also holds `new`: same class.
    pub fn same_block(old: usize, new: usize, align: usize) -> bool {
        class_of(old, align).is_some() && class_of(old, align) == class_of(new, align)
    }

    unsafe fn push(&mut self, class: usize, block: usize) {
        // SAFETY: the caller hands over a free block of this class.
        unsafe { *(block as *mut usize) = self.free[class] };
        self.free[class] = block;
    }

    /// A block of `size` bytes (a power of two) from fresh memory, aligned
    /// to its size up to a page. The gap skipped to align it is not lost:
    /// it goes, in the largest aligned pieces, to the free lists.
    fn fresh(&mut self, size: usize) -> usize {
        let align = size.min(PAGE);
        loop {
            // `end` is page-aligned, so each piece (the largest power of two
            // `next` is a multiple of) ends at or before it.
            while self.next % align != 0 {
                let piece = 1usize << self.next.trailing_zeros();
                let class = piece.trailing_zeros() as usize;
                // SAFETY: `next..end` is memory no one has been given.
                unsafe { self.push(class, self.next) };
                self.next += piece;
            }
            if self.end - self.next >= size {
                let block = self.next;
                self.next += size;
                return block;
            }
            let Some((start, len)) = self.grow.grow(size.max(4 * PAGE)) else {
                return 0;
            };
            if start == self.end {
                self.end += len;
            } else {
                // Not contiguous (never so in the wasm, where only this
                // allocator grows memory): the rest of the old region is
                // given to the free lists by the loop above, piece by piece.
                self.give_back_rest();
                self.next = start;
                self.end = start + len;
            }
        }
    }

    fn give_back_rest(&mut self) {
        while self.end - self.next >= MIN_BLOCK {
            let fits = 1usize << (usize::BITS - 1 - (self.end - self.next).leading_zeros());
            let piece = (1usize << self.next.trailing_zeros()).min(fits);
            // SAFETY: `next..end` is memory no one has been given.
            unsafe { self.push(piece.trailing_zeros() as usize, self.next) };
            self.next += piece;
        }
    }
}

#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
mod global {
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;

    use super::{Grow, Heap, PAGE};

    struct MemoryGrow;

    impl Grow for MemoryGrow {
        fn grow(&mut self, bytes: usize) -> Option<(usize, usize)> {
            let pages = bytes.div_ceil(PAGE);
            let old = core::arch::wasm32::memory_grow(0, pages);
            (old != usize::MAX).then(|| (old * PAGE, pages * PAGE))
        }
    }

    struct Allocator(UnsafeCell<Heap<MemoryGrow>>);

    // SAFETY: this wasm has no threads (no `atomics` target feature), so no
    // two calls ever run at once.
    unsafe impl Sync for Allocator {}

    unsafe impl GlobalAlloc for Allocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: single-threaded, see above.
            let heap = unsafe { &mut *self.0.get() };
            unsafe { heap.alloc(layout.size(), layout.align()) as *mut u8 }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            let heap = unsafe { &mut *self.0.get() };
            unsafe { heap.dealloc(ptr as usize, layout.size(), layout.align()) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // A block has room to the next power of two: growing within it
            // (a `String` pushed to) moves nothing.
            if Heap::<MemoryGrow>::same_block(layout.size(), new_size, layout.align()) {
                return ptr;
            }
            let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
            let new = unsafe { self.alloc(new_layout) };
            if !new.is_null() {
                unsafe {
                    core::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                    self.dealloc(ptr, layout);
                }
            }
            new
        }
    }

    #[global_allocator]
    static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(Heap::new(MemoryGrow)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An arena of `pages` wasm pages, handed out `chunk` pages at a time
    /// (sometimes with a hole before, as a foreign `memory.grow` would leave).
    struct Arena {
        memory: Vec<u8>,
        used: usize,
        chunk: usize,
        holes: bool,
    }

    impl Arena {
        fn new(pages: usize, chunk: usize, holes: bool) -> Self {
            Arena {
                memory: vec![0; (pages + 1) * PAGE],
                used: 0,
                chunk,
                holes,
            }
        }
        fn base(&self) -> usize {
            (self.memory.as_ptr() as usize).next_multiple_of(PAGE)
        }
    }

    impl Grow for Arena {
        fn grow(&mut self, bytes: usize) -> Option<(usize, usize)> {
            if self.holes && self.used > 0 {
                self.used += PAGE;
            }
            let len = bytes.div_ceil(PAGE).max(self.chunk) * PAGE;
            let start = self.base() + self.used;
            (self.used + len <= self.memory.len() - PAGE).then(|| {
                self.used += len;
                (start, len)
            })
        }
    }

    #[test]
    fn classes_are_the_smallest_power_of_two_that_holds_the_layout() {
        assert_eq!(class_of(0, 1), Some(3));
        assert_eq!(class_of(1, 1), Some(3));
        assert_eq!(class_of(8, 8), Some(3));
        assert_eq!(class_of(9, 4), Some(4));
        assert_eq!(class_of(3, 64), Some(6));
        assert_eq!(class_of(1 << 31, 1), Some(31));
        assert_eq!(class_of((1 << 31) + 1, 1), None);
        assert_eq!(class_of(usize::MAX, 1), None);
        assert_eq!(class_of(8, 2 * PAGE), None);
        assert!(Heap::<Arena>::same_block(20, 32, 4));
        assert!(!Heap::<Arena>::same_block(32, 33, 4));
    }

    #[test]
    fn a_freed_block_is_handed_out_again() {
        let mut heap = Heap::new(Arena::new(16, 4, false));
        unsafe {
            let a = heap.alloc(24, 8);
            heap.dealloc(a, 24, 8);
            assert_eq!(heap.alloc(32, 4), a, "same class, same block");
            assert_ne!(heap.alloc(32, 4), a);
        }
    }

    #[test]
    fn memory_runs_out_as_a_null_not_a_crash() {
        let mut heap = Heap::new(Arena::new(8, 8, false));
        unsafe {
            assert_ne!(heap.alloc(4 * PAGE, 8), 0);
            assert_eq!(heap.alloc(8 * PAGE, 8), 0);
            assert_ne!(heap.alloc(100, 8), 0, "small blocks still come");
        }
    }

    /// Random allocations and frees of random layouts: every block is
    /// aligned, inside the arena, overlaps no other live block, and keeps
    /// what was written to it until it is freed.
    fn churn(seed: u64, holes: bool) {
        let mut rng = seed;
        let mut next = move || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut heap = Heap::new(Arena::new(512, 1, holes));
        let (low, high) = (heap.grow.base(), heap.grow.base() + 512 * PAGE);
        let mut live: Vec<(usize, usize, usize, u8)> = Vec::new();
        for step in 0..20_000u32 {
            if live.len() < 300 && (live.is_empty() || next() % 3 != 0) {
                let size = match next() % 10 {
                    0 => (next() % 200_000) as usize,
                    1..=3 => (next() % 4096) as usize,
                    _ => (next() % 100) as usize,
                };
                let align = 1usize << (next() % 7);
                let block = unsafe { heap.alloc(size, align) };
                assert_ne!(block, 0, "out of memory at step {step}");
                assert_eq!(block % align, 0, "alignment");
                assert!(block >= low && block + size <= high, "inside the arena");
                for &(other, other_size, ..) in &live {
                    let apart = block + size.max(1) <= other || other + other_size.max(1) <= block;
                    assert!(apart, "overlap at step {step}");
                }
                let mark = step as u8;
                unsafe { core::ptr::write_bytes(block as *mut u8, mark, size) };
                live.push((block, size, align, mark));
            } else {
                let (block, size, align, mark) = live.swap_remove((next() as usize) % live.len());
                let bytes = unsafe { core::slice::from_raw_parts(block as *const u8, size) };
                assert!(bytes.iter().all(|&b| b == mark), "contents kept");
                unsafe { heap.dealloc(block, size, align) };
            }
        }
    }

    #[test]
    fn random_churn_keeps_blocks_apart_aligned_and_intact() {
        for seed in 1..=8u64 {
            churn(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15), false);
        }
    }

    #[test]
    fn random_churn_across_non_contiguous_growth() {
        for seed in 1..=4u64 {
            churn(seed.wrapping_mul(0x2545_F491_4F6C_DD1D), true);
        }
    }
}
