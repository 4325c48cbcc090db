package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot/register"
)

// An overview reads every row of the periods it compares, a year or two of
// them. To read them fast, the register keeps, next to its rows, the facts
// an overview counts of them by day: register_days holds, under each day
// (UTC) on which incidents happened, one value with the facts of all its
// rows, in the order of register_when, their strings once in a table at the
// start and each row referring to them by number. A year is then some 365
// values instead of one per incident, and a row is read without decoding a
// string. PutRow keeps the day of a row in step with the row, in the same
// transaction; the days are made from the rows when a data file is
// upgraded to them (daysFromRows), and the rows stay the record: a day can
// always be made anew from them.

// dayForm is the version of the binary form of a day.
const dayForm = 1

// errDayForm is returned for bytes that are not a day.
var errDayForm = errors.New("register day: not a day")

// dayRow is one row of a day: its key in register_when and the facts of
// it, with their strings (its number, when it closed and whether its
// personal data was removed are not kept).
type dayRow struct {
	when []byte
	row  register.Row
}

// dayKey returns the key in register_days of the day on which the row with
// key when in register_when happened.
func dayKey(when []byte) []byte {
	s := int64(binary.BigEndian.Uint64(when) ^ (1 << 63))
	day := s / 86400
	if s%86400 < 0 {
		day-- // the day starts before the moment, also before 1970
	}
	return binary.BigEndian.AppendUint64(nil, uint64(day)^(1<<63))
}

// dayOf returns the key of the day in which t falls.
func dayOf(t time.Time) []byte { return dayKey(whenKey(t)) }

// encodeDay encodes the rows of a day, in the order given: form, the
// strings the rows hold, then each row — the rest of its key in
// register_when after the moment, flags, the moment (seconds since 1970,
// in eight bytes), the moments it was reported and first care was taken up
// and given, its categories, department, location, police outcome and
// measure as numbers of the strings (0 is none, 1 the first string), its
// aftercare deadlines and when each was done, and the deadlines still open.
// The moments after the first are seconds after it in four bytes
// (dayNone for none, dayNotNeeded for an aftercare task not needed); a row
// with one too far from it for four bytes (rowWide) has them all in eight
// bytes instead (0 for none, -1 for not needed).
func encodeDay(rows []dayRow) []byte {
	var names []string
	number := map[string]uint64{"": 0}
	name := func(s string) uint64 {
		n, ok := number[s]
		if !ok {
			names = append(names, s)
			n = uint64(len(names))
			number[s] = n
		}
		return n
	}
	var body []byte
	body = binary.AppendUvarint(body, uint64(len(rows)))
	for _, dr := range rows {
		body = appendDayRow(body, dr.when, dr.row, name)
	}
	b := binary.AppendUvarint([]byte{dayForm}, uint64(len(names)))
	for _, s := range names {
		b = appendString(b, s)
	}
	return append(b, body...)
}

// appendDayRow appends the row r with key when in register_when to a day
// (see encodeDay), its strings as the numbers name gives them.
func appendDayRow(body, when []byte, r register.Row, name func(string) uint64) []byte {
	at := int64(binary.BigEndian.Uint64(when) ^ (1 << 63))
	body = appendString(body, string(when[8:]))
	var flags byte
	if r.Serious {
		flags |= rowSerious
	}
	if r.CareOpen {
		flags |= rowCareOpen
	}
	// The moments after the first, none as 0 and not needed as -1.
	moments := []int64{unix(r.Reported), unix(r.FirstCare), unix(r.CareGiven)}
	for _, a := range r.Aftercare {
		done := unix(a.Done)
		if a.NotNeeded {
			done = -1
		}
		moments = append(moments, unix(a.Due), done)
	}
	for _, t := range r.Open {
		moments = append(moments, unix(t))
	}
	for _, m := range moments {
		// Differences wrap around, and back when read: only whether
		// they fit in four bytes counts.
		if d := m - at; m != 0 && m != -1 && (d <= dayNotNeeded || d > math.MaxInt32) {
			flags |= rowWide
		}
	}
	body = append(body, flags)
	body = binary.LittleEndian.AppendUint64(body, uint64(at))
	put32 := func(s int32) { body = binary.LittleEndian.AppendUint32(body, uint32(s)) }
	moment := func(m int64) {
		switch {
		case flags&rowWide != 0:
			body = binary.LittleEndian.AppendUint64(body, uint64(m))
		case m == 0:
			put32(dayNone)
		case m == -1:
			put32(dayNotNeeded)
		default:
			put32(int32(m - at))
		}
	}
	for _, m := range moments[:3] {
		moment(m)
	}
	body = binary.AppendUvarint(body, uint64(len(r.Categories)))
	for _, c := range r.Categories {
		body = binary.AppendUvarint(body, name(string(c)))
	}
	for _, s := range []string{r.Department, r.Location, r.Police, r.Measure} {
		body = binary.AppendUvarint(body, name(s))
	}
	body = binary.AppendUvarint(body, uint64(len(r.Aftercare)))
	for _, m := range moments[3 : 3+2*len(r.Aftercare)] {
		moment(m)
	}
	body = binary.AppendUvarint(body, uint64(len(r.Open)))
	for _, m := range moments[3+2*len(r.Aftercare):] {
		moment(m)
	}
	return body
}

// The moments of a day that are not there, when they are written as
// seconds after the first.
const (
	dayNone      = math.MinInt32
	dayNotNeeded = math.MinInt32 + 1
)

// decodeDay decodes a day written by encodeDay. What it returns shares no
// memory with data. It reads the day as an overview's scan does
// (factScan), so that the two cannot differ on what a day holds.
func decodeDay(b []byte) ([]dayRow, error) {
	s := newFactScan()
	n, i, err := s.dayNames(b)
	if err != nil {
		return nil, err
	}
	var rows []dayRow
	for range n {
		key, at, next := s.row(b, i)
		if next > len(b) {
			return nil, errDayForm
		}
		when := append(binary.BigEndian.AppendUint64(nil, uint64(at)^(1<<63)), key...)
		rows = append(rows, dayRow{when: when, row: rowOfFacts(&s.f)})
		i = next
	}
	if i != len(b) {
		return nil, errDayForm
	}
	return rows, nil
}

// rowOfFacts returns the row f holds the facts of (its number, when it
// closed and whether its personal data was removed are not among them).
func rowOfFacts(f *register.Facts) register.Row {
	moment := func(m int64) time.Time {
		if m == register.NoMoment {
			return time.Time{}
		}
		return time.Unix(m, 0)
	}
	r := register.Row{
		Occurred: moment(f.Occurred), Reported: moment(f.Reported),
		FirstCare: moment(f.FirstCare), CareGiven: moment(f.CareGiven),
		Serious: f.Serious, CareOpen: f.CareOpen,
		Department: f.Names[f.Department], Location: f.Names[f.Location],
		Police: f.Names[f.Police], Measure: f.Names[f.Measure],
	}
	for _, c := range f.Categories {
		r.Categories = append(r.Categories, register.Category(f.Names[c]))
	}
	for _, a := range f.Aftercare {
		r.Aftercare = append(r.Aftercare, register.Deadline{Due: moment(a.Due), Done: moment(a.Done), NotNeeded: a.NotNeeded})
	}
	for _, t := range f.Open {
		r.Open = append(r.Open, moment(t))
	}
	return r
}

// moveDayRow takes the row with key from in register_when out of its day
// (none: from is nil) and puts r, under key to, in its day (none: to is
// nil). A data file without days (before its upgrade to them) is left
// without.
func (t *tx) moveDayRow(from, to []byte, r register.Row) error {
	if t.b.Bucket(bucketRegisterDays) == nil {
		return nil
	}
	if from != nil && len(from) < 8 && to != nil {
		// A damaged entry of the register, without the moment of the
		// row's old place: the day is made anew from the rows, which
		// PutRow has brought up to date already.
		return t.dayAnew(dayKey(to))
	}
	if len(from) < 8 {
		from = nil
	}
	if from != nil && to != nil && bytes.Equal(dayKey(from), dayKey(to)) {
		return t.editDay(dayKey(to), from, to, r)
	}
	if from != nil {
		if err := t.editDay(dayKey(from), from, nil, r); err != nil {
			return err
		}
	}
	if to != nil {
		return t.editDay(dayKey(to), nil, to, r)
	}
	return nil
}

// editDay takes the row with key from out of the day (none: from is nil)
// and puts r in it under key to (none: to is nil), and stores the day, or
// removes it when no row is left. A day that does not read (a damaged
// page) is made anew from the register's rows of it, which PutRow has
// brought up to date already: a damaged day keeps no incident of it from
// being changed.
func (t *tx) editDay(key, from, to []byte, r register.Row) error {
	data := t.b.Bucket(bucketRegisterDays).Get(key)
	if data == nil {
		data = encodeDay(nil)
	}
	day, rows, err := editDay(data, from, to, r)
	if errors.Is(err, errDayForm) {
		return t.dayAnew(key)
	}
	if err != nil {
		return fmt.Errorf("storage: register day %x: %w", key, err)
	}
	if rows == 0 {
		return t.deleteRaw(bucketRegisterDays, key)
	}
	return t.putRaw(bucketRegisterDays, key, day)
}

// editDay returns a day with the row of key from taken out (none: from is
// nil) and r put in under key to (none: to is nil), and how many rows it
// holds. Only bytes move: the other rows are not decoded again, however
// many a day holds, and the day's names stay, also one that no row uses
// any more (checkDays compares the rows a day holds, not its bytes).
func editDay(data, from, to []byte, r register.Row) ([]byte, int, error) {
	s := newFactScan()
	rows, first, err := s.dayNames(data)
	if err != nil {
		return nil, 0, err
	}
	names := map[string]uint64{}
	for n, sym := range s.names {
		names[s.f.Names[sym]] = uint64(n)
	}
	// The rows' bytes: what stays before the row put in, and after it.
	cut, put := -1, -1 // the row taken out, and where r goes
	var cutEnd int
	i := first
	var when []byte
	for range rows {
		start := i
		key, at, next := s.row(data, i)
		if next > len(data) {
			return nil, 0, errDayForm
		}
		when = append(binary.BigEndian.AppendUint64(when[:0], uint64(at)^(1<<63)), key...)
		if from != nil && cut < 0 && bytes.Equal(when, from) {
			cut, cutEnd = start, next
		}
		if to != nil && put < 0 && bytes.Compare(when, to) > 0 {
			put = start
		}
		i = next
	}
	if i != len(data) {
		return nil, 0, errDayForm
	}
	if to != nil && put < 0 {
		put = len(data)
	}
	var added []string
	var entry []byte
	if to != nil {
		entry = appendDayRow(nil, to, r, func(name string) uint64 {
			n, ok := names[name]
			if !ok {
				n = uint64(len(s.names) + len(added))
				names[name] = n
				added = append(added, name)
			}
			return n
		})
		rows++
	}
	if cut >= 0 {
		rows--
	}
	// The day anew: its names with those r added, then its rows.
	_, namesStart := countAt(data, 1)
	namesEnd := namesStart
	for range len(s.names) - 1 {
		_, namesEnd = bytesAt(data, namesEnd)
	}
	out := binary.AppendUvarint([]byte{dayForm}, uint64(len(s.names)-1+len(added)))
	out = append(out, data[namesStart:namesEnd]...)
	for _, name := range added {
		out = appendString(out, name)
	}
	out = binary.AppendUvarint(out, uint64(rows))
	body := data[first:]
	at := func(pos int) int { return pos - first }
	switch {
	case cut < 0 && put < 0:
		out = append(out, body...)
	case cut < 0:
		out = append(append(append(out, body[:at(put)]...), entry...), body[at(put):]...)
	case put < 0:
		out = append(append(out, body[:at(cut)]...), body[at(cutEnd):]...)
	case put <= cut:
		out = append(append(append(append(out, body[:at(put)]...), entry...), body[at(put):at(cut)]...), body[at(cutEnd):]...)
	default:
		out = append(append(append(append(out, body[:at(cut)]...), body[at(cutEnd):at(put)]...), entry...), body[at(put):]...)
	}
	return out, rows, nil
}

// dayAnew makes the day with key anew from the register's rows of it. A
// row that does not read is left out, as daysFromRows leaves it out.
func (t *tx) dayAnew(key []byte) error {
	first := time.Unix(int64(binary.BigEndian.Uint64(key)^(1<<63))*86400, 0)
	var rows []dayRow
	err := t.eachRowData(first, first.Add(24*time.Hour), func(k, v []byte) error {
		if r, err := decodeRow(v); err == nil && len(k) >= 8 {
			rows = append(rows, dayRow{when: bytes.Clone(k), row: r})
		}
		return nil
	})
	if err != nil {
		return err
	}
	return t.putDay(key, rows)
}

// putDay stores the rows of a day, or removes the day when it has none.
func (t *tx) putDay(key []byte, rows []dayRow) error {
	if len(rows) == 0 {
		return t.deleteRaw(bucketRegisterDays, key)
	}
	return t.putRaw(bucketRegisterDays, key, encodeDay(rows))
}

// ScanFacts lends fn the facts of one row after another, read from the
// days into the same Facts (see factScan).
func (t *tx) ScanFacts(from, to time.Time, fn func(*register.Facts) error) error {
	s := newFactScan()
	c := t.b.Bucket(bucketRegisterDays).Cursor()
	k, v := c.First()
	var start, end []byte
	if !from.IsZero() {
		start = whenKey(from)
		k, v = c.Seek(dayOf(from))
	}
	if !to.IsZero() {
		end = whenKey(to)
	}
	for ; k != nil; k, v = c.Next() {
		first := int64(binary.BigEndian.Uint64(k)^(1<<63)) * 86400 // the day's first second
		within := (from.IsZero() || first >= from.Unix()) && (to.IsZero() || first+86400 <= to.Unix())
		past, err := s.day(v, start, end, within, fn)
		if err != nil {
			if errors.Is(err, errDayForm) {
				return fmt.Errorf("storage: register day %x: %w", k, err)
			}
			return err
		}
		if past {
			return nil
		}
	}
	return nil
}

// daysFromRows makes the register's days from its rows (schema 13 → 14). A
// row that does not read is left out, for the check of the data file to
// find.
func daysFromRows(btx *bolt.Tx) error {
	t := &tx{b: btx}
	return eachDayOfRows(btx, t.putDay)
}

// eachDayOfRows calls fn with the key of each day on which the register
// has rows, and those of its rows that read, in the order of
// register_when. A row that does not read is left out: the check of the
// data file names it itself.
func eachDayOfRows(btx *bolt.Tx, fn func(day []byte, rows []dayRow) error) error {
	var day []byte
	var rows []dayRow
	err := btx.Bucket(bucketRegisterWhen).ForEach(func(k, v []byte) error {
		r, err := decodeRow(v)
		if len(k) < 8 || err != nil {
			return nil
		}
		if key := dayKey(k); !bytes.Equal(key, day) {
			if len(rows) > 0 {
				if err := fn(day, rows); err != nil {
					return err
				}
			}
			day, rows = key, nil
		}
		rows = append(rows, dayRow{when: bytes.Clone(k), row: r})
		return nil
	})
	if err != nil || len(rows) == 0 {
		return err
	}
	return fn(day, rows)
}

// checkDays compares the rows the register's days hold with the register's
// rows, and lists the days that differ (or do not read) as
// register_days/key. A data file before its upgrade to days has none to
// check.
func checkDays(btx *bolt.Tx) []string {
	days := btx.Bucket(bucketRegisterDays)
	if days == nil {
		return nil
	}
	var out []string
	differs := func(key []byte, why string) {
		out = append(out, fmt.Sprintf("%s/%x: %s", bucketRegisterDays, key, why))
	}
	made := map[string]bool{}
	_ = eachDayOfRows(btx, func(day []byte, rows []dayRow) error {
		made[string(day)] = true
		want, _ := decodeDay(encodeDay(rows))
		stored := days.Get(day)
		got, err := decodeDay(stored)
		switch {
		case stored == nil:
			differs(day, "missing: the register has rows of it")
		case err != nil:
			differs(day, err.Error())
		case fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want):
			differs(day, "does not hold the facts of its rows")
		}
		return nil
	})
	_ = days.ForEach(func(k, v []byte) error {
		if made[string(k)] {
			return nil // compared above
		}
		if _, err := decodeDay(v); err != nil {
			differs(k, err.Error())
		} else {
			differs(k, "holds rows the register does not have")
		}
		return nil
	})
	return out
}
