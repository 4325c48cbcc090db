package storage

import (
	"bytes"
	"encoding/binary"

	"meldbot/bot/register"
)

// factScan reads the facts an overview counts (register.Facts) out of the
// register's days (see days.go) into one Facts, making nothing per row: the
// strings rows share become symbols, each made into a string once per
// scan.
type factScan struct {
	f       register.Facts
	symbols map[string]register.Symbol // every string met, with its symbol
	// names are the symbols of the names of the day being read.
	names []register.Symbol
}

func newFactScan() *factScan {
	return &factScan{f: register.Facts{Names: []string{""}}, symbols: map[string]register.Symbol{"": 0}}
}

// symbol returns the symbol of a string.
func (s *factScan) symbol(b []byte) register.Symbol {
	sym, ok := s.symbols[string(b)] // no copy: a map lookup by []byte
	if !ok {
		sym = register.Symbol(len(s.f.Names))
		s.f.Names = append(s.f.Names, string(b))
		s.symbols[s.f.Names[sym]] = sym
	}
	return sym
}

// day reads the rows of a day whose keys in register_when are at least
// from and whose moments come before end (nil: no end), and calls fn with
// the facts of each; within says the whole day is, so no row needs a look.
// It reports whether a row at or past end was met, so later days need not
// be read.
func (s *factScan) day(b, from, end []byte, within bool, fn func(*register.Facts) error) (bool, error) {
	rows, i, err := s.dayNames(b)
	if err != nil {
		return false, err
	}
	var when [8 + 32]byte
	for range rows {
		var key []byte
		var at int64
		key, at, i = s.row(b, i)
		if i > len(b) {
			return false, errDayForm
		}
		if !within {
			k := append(binary.BigEndian.AppendUint64(when[:0], uint64(at)^(1<<63)), key...)
			if end != nil && bytes.Compare(k[:8], end) >= 0 {
				return true, nil
			}
			if bytes.Compare(k, from) < 0 {
				continue
			}
		}
		if err := fn(&s.f); err != nil {
			return false, err
		}
	}
	if i != len(b) {
		return false, errDayForm
	}
	return false, nil
}

// dayNames reads the names at the start of a day into s.names, and returns
// how many rows follow and where.
func (s *factScan) dayNames(b []byte) (int, int, error) {
	if len(b) == 0 || b[0] != dayForm {
		return 0, 0, errDayForm
	}
	n, i := countAt(b, 1)
	s.names = append(s.names[:0], 0)
	for range n {
		var name []byte
		name, i = bytesAt(b, i)
		s.names = append(s.names, s.symbol(name))
	}
	rows, i := countAt(b, i)
	if i > len(b) {
		return 0, 0, errDayForm
	}
	return rows, i, nil
}

// row reads the row at b[i:] into s.f, and returns the rest of its key in
// register_when after the moment, the moment, and where the next row
// starts (past the end of b when it is no row).
func (s *factScan) row(b []byte, i int) ([]byte, int64, int) {
	names := s.names
	f := &s.f
	var n int
	// Most rows are narrow (their moments in four bytes) with few
	// categories, deadlines and names: their fields are read here at
	// their places, the others' by the readers below.
	var key []byte
	key, i = bytesAt(b, i)
	if i >= len(b) {
		return nil, 0, len(b) + 1
	}
	flags, wide := b[i], b[i]&rowWide != 0
	var at int64
	at, i = fixedAt(b, i+1)
	f.Serious, f.CareOpen = flags&rowSerious != 0, flags&rowCareOpen != 0
	f.Occurred = at
	if at == 0 {
		f.Occurred = register.NoMoment
	}
	if !wide && i+12 <= len(b) {
		f.Reported, f.FirstCare, f.CareGiven = after(at, le32(b, i)), after(at, le32(b, i+4)), after(at, le32(b, i+8))
		i += 12
	} else {
		f.Reported, i = momentAt(b, i, at, wide)
		f.FirstCare, i = momentAt(b, i, at, wide)
		f.CareGiven, i = momentAt(b, i, at, wide)
	}
	n, i = countAt(b, i)
	cats := f.Categories[:0]
	for range n {
		cats = append(cats, names[min(s.nameAt(b, &i), len(names)-1)])
	}
	var dept, loc, police, measure int
	if i+4 <= len(b) && (b[i]|b[i+1]|b[i+2]|b[i+3]) < 0x80 {
		dept, loc, police, measure = int(b[i]), int(b[i+1]), int(b[i+2]), int(b[i+3])
		i += 4
	} else {
		dept, i = numberAt(b, i)
		loc, i = numberAt(b, i)
		police, i = numberAt(b, i)
		measure, i = numberAt(b, i)
	}
	if max(dept, loc, police, measure) >= len(names) {
		return nil, 0, len(b) + 1
	}
	f.Department, f.Location, f.Police, f.Measure = names[dept], names[loc], names[police], names[measure]
	n, i = countAt(b, i)
	aftercare := f.Aftercare[:0]
	if !wide && n <= (len(b)-i)/8 {
		for j := i; j < i+8*n; j += 8 {
			a := register.DeadlineFacts{Due: after(at, le32(b, j)), Done: register.NoMoment}
			switch done := le32(b, j+4); done {
			case dayNone:
			case dayNotNeeded:
				a.NotNeeded = true
			default:
				a.Done = after(at, done)
			}
			aftercare = append(aftercare, a)
		}
		i += 8 * n
	} else {
		for range n {
			var a register.DeadlineFacts
			a.Due, i = momentAt(b, i, at, wide)
			a.Done, i = doneAt(b, i, at, wide)
			switch a.Done {
			case 0:
				a.Done = register.NoMoment
			case -1:
				a.Done, a.NotNeeded = register.NoMoment, true
			}
			aftercare = append(aftercare, a)
		}
	}
	n, i = countAt(b, i)
	open := f.Open[:0]
	if !wide && n <= (len(b)-i)/4 {
		for j := i; j < i+4*n; j += 4 {
			open = append(open, after(at, le32(b, j)))
		}
		i += 4 * n
	} else {
		for range n {
			var due int64
			due, i = momentAt(b, i, at, wide)
			open = append(open, due)
		}
	}
	f.Categories, f.Aftercare, f.Open = cats, aftercare, open
	return key, at, i
}

// nameAt reads the number of a name of the day at b[*i:] and moves *i
// past it; a number that is no name's moves *i past the end.
func (s *factScan) nameAt(b []byte, i *int) int {
	n, j := numberAt(b, *i)
	if n >= len(s.names) {
		j = len(b) + 1
	}
	*i = j
	return n
}

// The readers of a day's fields take the bytes and the position of the
// field, and return it and the position after it. A field that is not
// there returns the position past the end, and so does every reader after
// it: one look at the position after a row tells whether it was all there.

// numberAt reads a number: one byte when below 128, as most are.
func numberAt(b []byte, i int) (int, int) {
	if i < len(b) && b[i] < 0x80 {
		return int(b[i]), i + 1
	}
	return longNumberAt(b, i)
}

// longNumberAt reads a number of more than one byte.
func longNumberAt(b []byte, i int) (int, int) {
	if i >= len(b) {
		return 0, len(b) + 1
	}
	v, n := binary.Uvarint(b[i:])
	if n <= 0 || v > 1<<31 {
		return 0, len(b) + 1
	}
	return int(v), i + n
}

// countAt reads how many of something follow, each at least a byte long.
func countAt(b []byte, i int) (int, int) {
	n, i := numberAt(b, i)
	if n > len(b)-i {
		return 0, len(b) + 1
	}
	return n, i
}

// bytesAt reads a string, its length first.
func bytesAt(b []byte, i int) ([]byte, int) {
	n, i := countAt(b, i)
	if i > len(b) {
		return nil, i
	}
	return b[i : i+n], i + n
}

// fixedAt reads a number in eight bytes.
func fixedAt(b []byte, i int) (int64, int) {
	if i < 0 || i > len(b)-8 {
		return 0, len(b) + 1
	}
	return int64(binary.LittleEndian.Uint64(b[i:])), i + 8
}

// fixed32At reads a number in four bytes.
func fixed32At(b []byte, i int) (int32, int) {
	if i < 0 || i > len(b)-4 {
		return 0, len(b) + 1
	}
	return int32(binary.LittleEndian.Uint32(b[i:])), i + 4
}

// doneAt reads when an aftercare task was done, after a row's first moment
// at: in eight bytes when wide, else as seconds after at in four; 0 when
// not (yet), -1 when not needed.
func doneAt(b []byte, i int, at int64, wide bool) (int64, int) {
	if wide {
		return fixedAt(b, i)
	}
	d, i := fixed32At(b, i)
	switch d {
	case dayNone:
		return 0, i
	case dayNotNeeded:
		return -1, i
	}
	return at + int64(d), i
}

// le32 returns the number in the four bytes at b[i:].
func le32(b []byte, i int) int32 { return int32(binary.LittleEndian.Uint32(b[i:])) }

// after returns the moment of a narrow row d seconds after at, as Facts
// hold it (see momentAt).
func after(at int64, d int32) int64 {
	switch d {
	case dayNone:
		return register.NoMoment
	case dayNotNeeded:
		return -1
	}
	if m := at + int64(d); m != 0 {
		return m
	}
	return register.NoMoment
}

// momentAt reads a moment after a row's first, at, as Facts hold it (see
// doneAt; -1 is a second before 1970 here).
func momentAt(b []byte, i int, at int64, wide bool) (int64, int) {
	m, i := doneAt(b, i, at, wide)
	if m == 0 {
		return register.NoMoment, i
	}
	return m, i
}
