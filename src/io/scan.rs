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
    /// Buffers set aside since the last [`Lines::take`], in order; lines handed out may lie
    /// in them.
    retired: Vec<Vec<u8>>,
    /// Buffers to fill again rather than allocate.
    spares: Vec<Vec<u8>>,
    /// The first byte of the line being scanned (or of the next line).
    start: usize,
    /// Where the scan of the current line resumes.
    scan: usize,
    /// The bytes of `buf` filled from the input.
    end: usize,
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

impl<R: Read> Lines<R> {
    /// Lines of `input`, each at most `limit` bytes long (and below 4 GiB: tab offsets are
    /// 32-bit).
    pub(crate) fn new(input: R, limit: usize) -> Lines<R> {
        let limit = limit.min(u32::MAX as usize - 16);
        Lines {
            input,
            // Small at first, so that a short input costs little; each buffer retired makes
            // the next twice as large, up to `FULL`.
            buf: vec![0; (1 << 14).min(limit + 16)],
            retired: Vec::new(),
            spares: Vec::new(),
            start: 0,
            scan: 0,
            end: 0,
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

    /// Where the last line lies: the number of the buffer [`Lines::take`] will give (counted
    /// from the first it gives) and the line's byte range in it.
    pub(crate) fn place(&self) -> (usize, usize, usize) {
        (self.retired.len(), self.line.0, self.line.1)
    }

    /// Gives away every buffer that holds lines handed out since the last call (appended to
    /// `blocks`, in the order [`Lines::place`] counts them), keeping only the unfinished
    /// line, moved to a spare buffer.
    pub(crate) fn take(&mut self, blocks: &mut Vec<Vec<u8>>) {
        blocks.append(&mut self.retired);
        self.scan = self.start;
        let mut next = self.spares.pop().unwrap_or_default();
        self.move_tail(&mut next, self.buf.len());
        blocks.push(std::mem::replace(&mut self.buf, next));
        self.line = (0, 0);
    }

    /// Takes `buffers` to fill again.
    pub(crate) fn give(&mut self, buffers: impl IntoIterator<Item = Vec<u8>>) {
        self.spares.extend(buffers);
    }

    /// Copies the unfinished line (from `start` to `end`) to the front of `next`, which
    /// becomes at least `size` long, and sets the positions to match.
    fn move_tail(&mut self, next: &mut Vec<u8>, size: usize) {
        if next.len() < size {
            next.resize(size, 0);
        }
        let tail = self.end - self.start;
        next[..tail].copy_from_slice(&self.buf[self.start..self.end]);
        self.scan -= self.start;
        self.end = tail;
        self.start = 0;
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

    /// Reads the next line; false at the end of the input. A line longer than the limit is
    /// passed over and reported (and counted: the next line has the right number).
    pub(crate) fn advance(&mut self) -> Result<bool, LineError> {
        self.tabs.clear();
        self.quote = false;
        self.scan = self.start;
        let mut too_long = false;
        loop {
            if let Some(feed) = self.find_feed() {
                self.number += 1;
                let next = feed + 1;
                if too_long || feed - self.start > self.limit {
                    self.start = next;
                    return Err(LineError::TooLong);
                }
                self.finish_line(feed);
                self.start = next;
                return Ok(true);
            }
            // No line feed in the buffer: the line goes on past it.
            if self.scan - self.start > self.limit {
                // Pass over what was read of it, keeping nothing.
                too_long = true;
                self.tabs.clear();
                self.start = self.scan;
            }
            if self.eof {
                if self.scan == self.start {
                    return if too_long {
                        self.number += 1;
                        Err(LineError::TooLong)
                    } else {
                        Ok(false)
                    };
                }
                // The last line has no line feed.
                self.number += 1;
                if too_long || self.end - self.start > self.limit {
                    self.start = self.end;
                    return Err(LineError::TooLong);
                }
                let end = self.end;
                self.finish_line(end);
                self.start = end;
                return Ok(true);
            }
            self.refill().map_err(LineError::Io)?;
        }
    }

    /// Sets the last line to `start..end`, dropping a carriage return before the line feed.
    fn finish_line(&mut self, mut end: usize) {
        if end > self.start && self.buf[end - 1] == b'\r' {
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
    /// holds whole lines it is retired and the unfinished line moved to a fresh one; when
    /// the unfinished line fills it, it grows.
    fn refill(&mut self) -> std::io::Result<()> {
        if self.end == self.buf.len() && self.start > 0 {
            let mut next = self.spares.pop().unwrap_or_default();
            let size = (self.buf.len() * 2).min(FULL).max(self.buf.len());
            self.move_tail(&mut next, size);
            self.retired.push(std::mem::replace(&mut self.buf, next));
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
        // Where each line lies, checked against its bytes once the buffers are given away
        // (every few lines, so that some lines span a retirement and some do not).
        let (mut places, mut blocks) = (Vec::new(), Vec::new());
        loop {
            match lines.advance() {
                Ok(true) => {
                    out.push(Some((
                        lines.bytes().to_vec(),
                        lines.tabs().to_vec(),
                        lines.quote(),
                    )));
                    places.push((out.len() - 1, lines.place()));
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
        if parts.last().is_some_and(|p| p.is_empty()) {
            parts.pop();
        }
        parts
            .into_iter()
            .map(|mut line| {
                if line.len() > limit {
                    return None;
                }
                if line.last() == Some(&b'\r') {
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
