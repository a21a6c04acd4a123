//! A buffered line reader for tab-separated text that finds, in one pass over each byte, a
//! line's end, its tabs and whether it holds a quote character: the event readers' hot path.
//!
//! The scan looks at eight bytes at a time (a `u64` word: the bytes equal to a tab, a line
//! feed or a quote are found with the exact zero-byte test on the word XOR the byte
//! repeated), so a row of 160 bytes costs about twenty word steps rather than 160 byte
//! steps. Lines are handed out as ranges of the buffer, never copied: when the buffer must
//! make room, it is set aside whole ("retired") and the unfinished line moves to a fresh
//! one, so every line handed out stays where it is until [`Lines::take`] gives the buffers
//! away.

use std::io::Read;

const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const TAB: u64 = ONES * b'\t' as u64;
const FEED: u64 = ONES * b'\n' as u64;
const QUOTE: u64 = ONES * b'"' as u64;

/// The size buffers grow to as lines fill them (a line longer than this grows its own).
const FULL: usize = 1 << 18;

/// `0x80` in each byte of `x` that is zero, `0` in every other byte (exact: no false
/// positives, unlike the shorter test that may flag a byte above a zero byte).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

/// Why a line could not be had.
#[derive(Debug)]
pub(crate) enum LineError {
    /// The input failed.
    Io(std::io::Error),
    /// The line is longer than the limit; it has been passed over to its end.
    TooLong,
}

/// Lines of a reader, each with its tabs found.
pub(crate) struct Lines<R> {
    input: R,
    buf: Vec<u8>,
    /// Buffers set aside since the last [`Lines::take`], in order; lines placed (see
    /// [`Lines::place`]) lie in them.
    retired: Vec<Vec<u8>>,
    /// Buffers to fill again rather than allocate (at most [`SPARES`]).
    spares: Vec<Vec<u8>>,
    /// The first byte of the line being scanned (or of the next line).
    start: usize,
    /// Where the scan of the current line resumes.
    scan: usize,
    /// The bytes of `buf` filled from the input.
    end: usize,
    /// Whether a line placed since `buf` was last given away or retired lies in it (when
    /// none does, the bytes before `start` may be dropped).
    kept: bool,
    /// Whether the line being scanned has been begun (its tabs are being gathered).
    open: bool,
    /// The line feed ending the line being scanned, when a scan has already found it.
    found: Option<usize>,
    /// Whether the line being scanned has gone past the limit (it is being passed over).
    too_long: bool,
    /// Bytes read from the input so far.
    read: u64,
    eof: bool,
    /// The longest line handed out, in bytes.
    limit: usize,
    /// The last line: its range in `buf` (without the line feed, nor a carriage return
    /// before it).
    line: (usize, usize),
    /// The offsets of the tabs in the last line, from its start.
    tabs: Vec<u32>,
    /// Whether the last line holds a quote character.
    quote: bool,
    /// Lines read so far (the number of the last one, 1-based).
    number: u64,
}

/// The most spare buffers kept for reuse.
const SPARES: usize = 4;

impl<R: Read> Lines<R> {
    /// Lines of `input`, each at most `limit` bytes long (and below 4 GiB: tab offsets are
    /// 32-bit).
    pub(crate) fn new(input: R, limit: usize) -> Lines<R> {
        let limit = limit.min(u32::MAX as usize - 16);
        Lines {
            input,
            // Small at first, so that a short input costs little; each buffer given away or
            // retired makes the next twice as large, up to `FULL`.
            buf: vec![0; (1 << 14).min(limit + 16)],
            retired: Vec::new(),
            spares: Vec::new(),
            start: 0,
            scan: 0,
            end: 0,
            kept: false,
            open: false,
            found: None,
            too_long: false,
            read: 0,
            eof: false,
            limit,
            line: (0, 0),
            tabs: Vec::new(),
            quote: false,
            number: 0,
        }
    }

    /// The last line's bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.buf[self.line.0..self.line.1]
    }

    /// Keeps the last line where it is until [`Lines::take`]: the number of the buffer
    /// `take` will give (counted from the first it gives) and the line's byte range in it.
    /// Lines not placed are not kept: their bytes may be dropped to make room.
    pub(crate) fn place(&mut self) -> (usize, usize, usize) {
        self.kept = true;
        (self.retired.len(), self.line.0, self.line.1)
    }

    /// Gives away every buffer that holds lines placed since the last call (appended to
    /// `blocks`, in the order [`Lines::place`] counts them). The unfinished line moves to a
    /// spare buffer when the current one goes.
    pub(crate) fn take(&mut self, blocks: &mut Vec<Vec<u8>>) {
        blocks.append(&mut self.retired);
        if self.kept {
            let mut next = self.spares.pop().unwrap_or_default();
            self.move_tail(&mut next, self.next_size());
            blocks.push(std::mem::replace(&mut self.buf, next));
        }
        self.line = (0, 0);
    }

    /// Takes `buffers` to fill again (keeping at most [`SPARES`]).
    pub(crate) fn give(&mut self, buffers: impl IntoIterator<Item = Vec<u8>>) {
        for buffer in buffers {
            if self.spares.len() == SPARES {
                break;
            }
            self.spares.push(buffer);
        }
    }

    /// Bytes read and passed (the lines handed out or passed over), from the start.
    pub(crate) fn consumed(&self) -> u64 {
        self.read - (self.end - self.start) as u64
    }

    /// Whether the next line can be had without reading: it is whole in the buffer, or the
    /// input has ended.
    pub(crate) fn ready(&mut self) -> bool {
        self.begin();
        if self.found.is_none() && !self.eof {
            self.found = self.find_feed();
        }
        self.found.is_some() || self.eof
    }

    /// The size of the next buffer: twice the current one, up to [`FULL`] (or the current
    /// one, when a long line made it larger).
    fn next_size(&self) -> usize {
        (self.buf.len() * 2).min(FULL).max(self.buf.len())
    }

    /// Copies the unfinished line (from `start` to `end`) to the front of `next`, which
    /// becomes at least `size` long, and sets the positions to match.
    fn move_tail(&mut self, next: &mut Vec<u8>, size: usize) {
        if next.len() < size {
            next.resize(size, 0);
        }
        let tail = self.end - self.start;
        next[..tail].copy_from_slice(&self.buf[self.start..self.end]);
        self.shift();
    }

    /// Sets the positions after the bytes from `start` moved to the front.
    fn shift(&mut self) {
        let by = self.start;
        self.scan = self.scan.max(by) - by;
        self.found = self.found.map(|f| f - by);
        self.end -= by;
        self.start = 0;
        self.kept = false;
    }

    /// The offsets of the last line's tabs, from its start, in order.
    pub(crate) fn tabs(&self) -> &[u32] {
        &self.tabs
    }

    /// Whether the last line holds a quote character.
    pub(crate) fn quote(&self) -> bool {
        self.quote
    }

    /// The number of the last line (1-based); 0 before the first.
    pub(crate) fn number(&self) -> u64 {
        self.number
    }

    /// Begins the next line's scan, unless begun.
    fn begin(&mut self) {
        if !self.open {
            self.open = true;
            self.tabs.clear();
            self.quote = false;
            self.scan = self.start;
            self.too_long = false;
        }
    }

    /// Reads the next line; false at the end of the input. A line longer than the limit is
    /// passed over, keeping none of it, and reported (and counted: the next line has the
    /// right number).
    pub(crate) fn advance(&mut self) -> Result<bool, LineError> {
        self.begin();
        loop {
            if let Some(feed) = self.found.take().or_else(|| self.find_feed()) {
                self.open = false;
                self.number += 1;
                let next = feed + 1;
                if self.too_long || feed - self.start > self.limit {
                    self.start = next;
                    return Err(LineError::TooLong);
                }
                self.finish_line(feed, true);
                self.start = next;
                return Ok(true);
            }
            // No line feed in the buffer: the line goes on past it.
            if self.scan - self.start > self.limit {
                // Pass over what was read of it, keeping nothing.
                self.too_long = true;
                self.tabs.clear();
                self.start = self.scan;
            }
            if self.eof {
                self.open = false;
                if self.scan == self.start && !self.too_long {
                    return Ok(false);
                }
                // The last line has no line feed.
                self.number += 1;
                if self.too_long || self.end - self.start > self.limit {
                    self.start = self.end;
                    return Err(LineError::TooLong);
                }
                let end = self.end;
                self.finish_line(end, false);
                self.start = end;
                return Ok(true);
            }
            self.refill().map_err(LineError::Io)?;
        }
    }

    /// Sets the last line to `start..end`, dropping a carriage return before a line feed.
    fn finish_line(&mut self, mut end: usize, feed: bool) {
        if feed && end > self.start && self.buf[end - 1] == b'\r' {
            end -= 1;
        }
        self.line = (self.start, end);
    }

    /// Scans from `self.scan` for a line feed, noting tabs and quotes on the way; the line
    /// feed's position, or `None` (with `self.scan` at the end of the data) when the buffer
    /// holds none.
    fn find_feed(&mut self) -> Option<usize> {
        // Locals, not fields, in the loop: they stay in registers.
        let (start, end) = (self.start, self.end);
        let data = &self.buf[..end];
        let mut tabs = std::mem::take(&mut self.tabs);
        let mut quote = false;
        let mut i = self.scan;
        let mut found = None;
        while i + 8 <= end {
            let w = u64::from_le_bytes(data[i..i + 8].try_into().unwrap_or([0; 8]));
            let feed = zero_bytes(w ^ FEED);
            let (mut tab, mut quotes) = (zero_bytes(w ^ TAB), zero_bytes(w ^ QUOTE));
            if feed != 0 {
                // Only the bytes before the first line feed belong to this line.
                let before = (feed & feed.wrapping_neg()) - 1;
                tab &= before;
                quotes &= before;
            }
            quote |= quotes != 0;
            while tab != 0 {
                tabs.push((i - start) as u32 + tab.trailing_zeros() / 8);
                tab &= tab - 1;
            }
            if feed != 0 {
                found = Some(i + (feed.trailing_zeros() / 8) as usize);
                break;
            }
            i += 8;
        }
        if found.is_none() {
            while i < end {
                match data[i] {
                    b'\n' => {
                        found = Some(i);
                        break;
                    }
                    b'\t' => tabs.push((i - start) as u32),
                    b'"' => quote = true,
                    _ => {}
                }
                i += 1;
            }
        }
        self.quote |= quote;
        self.tabs = tabs;
        if found.is_none() {
            self.scan = i;
        }
        found
    }

    /// Reads more into the free end of the buffer. A full buffer makes room first: when it
    /// holds lines placed, it is retired and the unfinished line moved to a fresh one; when
    /// it holds none, the unfinished line slides to its front; when the unfinished line
    /// fills it, it grows (up to the limit).
    fn refill(&mut self) -> std::io::Result<()> {
        if self.end == self.buf.len() && self.start > 0 {
            if self.kept {
                let mut next = self.spares.pop().unwrap_or_default();
                self.move_tail(&mut next, self.next_size());
                self.retired.push(std::mem::replace(&mut self.buf, next));
            } else {
                self.buf.copy_within(self.start..self.end, 0);
                self.shift();
            }
        }
        if self.end == self.buf.len() {
            let grown = (self.buf.len() * 2).min(self.limit + 16).max(self.end + 16);
            self.buf.resize(grown, 0);
        }
        loop {
            match self.input.read(&mut self.buf[self.end..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.end += n;
                    self.read += n as u64;
                    return Ok(());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A line as scanned: its bytes, its tabs, whether it holds a quote; `None` when it is
    /// over the limit.
    type Scanned = Vec<Option<(Vec<u8>, Vec<u32>, bool)>>;

    /// Every line of `text` as the scanner gives it: bytes, tabs, quote; or `None` for a
    /// line over the limit.
    fn scanned(text: &[u8], limit: usize, chunk: usize) -> Scanned {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(out.len()).min(self.1);
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut lines = Lines::new(Trickle(text, chunk), limit);
        let mut out = Vec::new();
        // Where each placed line lies (every other line is placed, as a reader places only
        // the rows it keeps), checked against its bytes once the buffers are given away
        // (every few lines, so that some lines span a retirement and some do not). Before
        // every third line the reader asks whether a line is ready, as a batch does.
        let (mut places, mut blocks) = (Vec::new(), Vec::new());
        loop {
            if out.len() % 3 == 1 {
                lines.ready();
            }
            match lines.advance() {
                Ok(true) => {
                    out.push(Some((
                        lines.bytes().to_vec(),
                        lines.tabs().to_vec(),
                        lines.quote(),
                    )));
                    if out.len() % 2 == 0 {
                        places.push((out.len() - 1, lines.place()));
                    }
                }
                Ok(false) => break,
                Err(LineError::TooLong) => out.push(None),
                Err(LineError::Io(e)) => panic!("{e}"),
            }
            assert_eq!(lines.number(), out.len() as u64);
            if out.len() % 3 == 0 {
                blocks.clear();
                lines.take(&mut blocks);
                for (n, (block, a, b)) in places.drain(..) {
                    let line = out[n].as_ref().map(|l| l.0.as_slice());
                    assert_eq!(Some(&blocks[block][a..b]), line);
                }
                // The buffers come back as spares, to be filled again.
                lines.give(blocks.drain(..));
            }
        }
        out
    }

    /// The same by the obvious byte-at-a-time reading.
    fn expected(text: &[u8], limit: usize) -> Scanned {
        let mut parts: Vec<&[u8]> = text.split(|&b| b == b'\n').collect();
        // The text after the last line feed: a last line without one, or nothing.
        let last = parts.pop().filter(|p| !p.is_empty());
        let fed = parts.len();
        parts.extend(last);
        parts
            .into_iter()
            .enumerate()
            .map(|(i, mut line)| {
                if line.len() > limit {
                    return None;
                }
                // A carriage return goes only before a line feed.
                if i < fed && line.last() == Some(&b'\r') {
                    line = &line[..line.len() - 1];
                }
                let tabs = (0..line.len() as u32)
                    .filter(|&i| line[i as usize] == b'\t')
                    .collect();
                Some((line.to_vec(), tabs, line.contains(&b'"')))
            })
            .collect()
    }

    #[test]
    fn lines_tabs_and_quotes_are_found_in_words_and_tails() {
        let text = b"a\tb\tc\n\"q\"\t1\r\n\n\t\t\t\t\t\t\t\t\t\nlast\tline";
        assert_eq!(scanned(text, 100, 3), expected(text, 100));
        let got = scanned(text, 100, 1 << 20);
        assert_eq!(got[0], Some((b"a\tb\tc".to_vec(), vec![1, 3], false)));
        assert_eq!(got[1], Some((b"\"q\"\t1".to_vec(), vec![3], true)));
        assert_eq!(got[2], Some((Vec::new(), Vec::new(), false)));
        assert_eq!(got[3].as_ref().map(|l| l.1.len()), Some(9));
        assert_eq!(got[4], Some((b"last\tline".to_vec(), vec![4], false)));
    }

    #[test]
    fn a_line_over_the_limit_is_passed_over_and_counted() {
        let long = "x".repeat(5000);
        let text = format!("short\n{long}\nafter\t1\n{long}");
        let got = scanned(text.as_bytes(), 4096, 700);
        assert_eq!(got, expected(text.as_bytes(), 4096));
        assert_eq!(got.len(), 4);
        assert!(got[1].is_none() && got[3].is_none());
        assert_eq!(got[2], Some((b"after\t1".to_vec(), vec![5], false)));
    }

    #[test]
    fn lines_longer_than_a_buffer_grow_it_and_lose_nothing() {
        // Around the first buffer's 16 KB, well past it, and past the largest buffer.
        let mut text = Vec::new();
        for (i, len) in [16_383usize, 16_384, 16_385, 5, 40_000, 70_000, 300_000, 3]
            .into_iter()
            .enumerate()
        {
            text.extend(std::iter::repeat_n(b'a' + i as u8, len));
            text.extend_from_slice(b"\tx\r\n");
        }
        text.extend_from_slice(b"last\r");
        for chunk in [1 << 20, 65_536, 4093, 777] {
            let got = scanned(&text, 1 << 20, chunk);
            assert_eq!(got, expected(&text, 1 << 20), "chunk {chunk}");
            assert_eq!(got.len(), 9);
            assert!(got.iter().all(Option::is_some));
        }
        // With a limit below some of them, those are passed over and the rest kept.
        assert_eq!(scanned(&text, 50_000, 4093), expected(&text, 50_000));
    }

    proptest! {
        #[test]
        fn the_scan_agrees_with_splitting_byte_by_byte(
            text in proptest::collection::vec(
                prop_oneof![
                    Just(b'\t'), Just(b'\n'), Just(b'"'), Just(b'\r'), Just(b'a'), Just(0x80u8),
                    Just(0u8), Just(0x89u8), any::<u8>()
                ],
                0..600,
            ),
            limit in 1usize..200,
            chunk in 1usize..300,
        ) {
            prop_assert_eq!(scanned(&text, limit, chunk), expected(&text, limit));
        }
    }
}
