package storage

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt keeps two meta pages at the start of the file, written in turn by
// each commit; each names the file's page size, its high-water mark (how
// many pages are in use) and the transaction it closes, under a checksum.
// bbolt reads the newest valid one and silently falls back to the other
// when one is damaged. header reads them itself, before bbolt maps the
// file, so that fallback is said out loud and a file too short for its
// own pages is refused instead of ending the process in a memory fault.

// Offsets in a meta page: a 16-byte page header, then the meta fields.
const (
	metaOffset     = 16
	metaMagic      = 0xED0CDAED
	metaVersion    = 2
	metaSummedSize = 56 // magic … txid: what the checksum covers
	metaSize       = metaSummedSize + 8
)

// meta is one meta page as read from the file.
type meta struct {
	pageSize uint32
	pgid     uint64 // high-water mark: pages 0 … pgid-1 are in use
	txid     uint64
	problem  string // why it is invalid; empty when valid
}

// header is what the meta pages of a data file say.
type header struct {
	size  int64
	metas [2]meta
}

// readHeader reads the meta pages of the data file at path.
func readHeader(path string) (header, error) {
	f, err := os.Open(path)
	if err != nil {
		return header{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return header{}, err
	}
	h := header{size: fi.Size()}
	h.metas[0] = readMeta(f, 0)
	pageSize := int64(os.Getpagesize()) // what bbolt assumes too
	if h.metas[0].problem == "" {
		pageSize = int64(h.metas[0].pageSize)
	}
	h.metas[1] = readMeta(f, pageSize)
	return h, nil
}

// readMeta reads and validates the meta page at offset.
func readMeta(f io.ReaderAt, offset int64) meta {
	buf := make([]byte, metaOffset+metaSize)
	if _, err := f.ReadAt(buf, offset); err != nil {
		return meta{problem: "cannot be read: the file is too short"}
	}
	b := buf[metaOffset:]
	le := binary.LittleEndian
	m := meta{pageSize: le.Uint32(b[8:]), pgid: le.Uint64(b[40:]), txid: le.Uint64(b[48:])}
	sum := fnv.New64a()
	sum.Write(b[:metaSummedSize])
	switch {
	case le.Uint32(b[0:]) != metaMagic:
		m.problem = "is not a bbolt meta page"
	case le.Uint32(b[4:]) != metaVersion:
		m.problem = fmt.Sprintf("has bbolt version %d, not %d", le.Uint32(b[4:]), metaVersion)
	case le.Uint64(b[metaSummedSize:]) != sum.Sum64():
		m.problem = "fails its checksum"
	case m.pageSize < 512 || m.pageSize&(m.pageSize-1) != 0:
		m.problem = fmt.Sprintf("names an impossible page size %d", m.pageSize)
	}
	return m
}

// current returns the meta bbolt will read: the valid one with the highest
// transaction, and whether there is one.
func (h header) current() (meta, bool) {
	a, b := h.metas[0], h.metas[1]
	switch {
	case a.problem == "" && b.problem == "":
		if b.txid > a.txid {
			return b, true
		}
		return a, true
	case a.problem == "":
		return a, true
	case b.problem == "":
		return b, true
	}
	return meta{}, false
}

// damage returns what makes the file unusable: no valid meta page, or a
// file shorter than the pages its meta page says are in use.
func (h header) damage() []string {
	m, ok := h.current()
	if !ok {
		return []string{"meta page 0 " + h.metas[0].problem, "meta page 1 " + h.metas[1].problem}
	}
	if need := int64(m.pgid) * int64(m.pageSize); h.size < need {
		return []string{fmt.Sprintf("the file is %d bytes, but its pages need %d: it was cut short", h.size, need)}
	}
	return nil
}

// notices returns what is worth knowing about a usable file: a damaged
// meta page, which makes bbolt read the state of the other, possibly one
// transaction older than the last one written.
func (h header) notices() []string {
	var out []string
	for i, m := range h.metas {
		if m.problem != "" {
			out = append(out, fmt.Sprintf("meta page %d %s; the data file is read as of the other meta page (transaction %d), "+
				"which may miss the last change written before it was damaged", i, m.problem, h.metas[1-i].txid))
		}
	}
	return out
}
