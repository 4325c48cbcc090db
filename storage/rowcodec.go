package storage

import (
	"encoding/binary"
	"errors"
	"fmt"
	"time"

	"meldbot/bot/register"
)

// Register rows are stored in a compact binary form rather than as JSON:
// exports and the making of the register's days (days.go) read every row of
// a period, and this form reads about ten times faster. Rows are an index derived from incidents
// and tasks, not a record of their own, so the form may change: the first
// byte is its version, and the domain can always rebuild rows (bot.RowOf).

// rowVersion is the version of the binary form encodeRow writes. Version 1
// had no care given: decodeRow reads it still, without it.
const rowVersion = 2

// Flags of a row.
const (
	rowSerious = 1 << iota
	rowPurged
	rowCareOpen
	rowWide // in a day: the moments in eight bytes (see encodeDay)
)

// errRowForm is returned for bytes that are not a row.
var errRowForm = errors.New("register row: not a row")

// encodeRow encodes a row: version, number, the moments in seconds since
// 1970 (0 for none; care given last, from version 2), flags, then the
// strings and lists with their lengths first.
func encodeRow(r register.Row) []byte {
	b := make([]byte, 0, 64+16*len(r.Aftercare)+8*len(r.Open))
	b = append(b, rowVersion)
	b = appendString(b, r.Number)
	for _, t := range []time.Time{r.Occurred, r.Reported, r.FirstCare, r.ClosedAt, r.CareGiven} {
		b = binary.AppendVarint(b, unix(t))
	}
	var flags byte
	if r.Serious {
		flags |= rowSerious
	}
	if r.Purged {
		flags |= rowPurged
	}
	if r.CareOpen {
		flags |= rowCareOpen
	}
	b = append(b, flags)
	b = binary.AppendUvarint(b, uint64(len(r.Categories)))
	for _, c := range r.Categories {
		b = appendString(b, string(c))
	}
	for _, s := range []string{r.Department, r.Location, r.Police, r.Measure} {
		b = appendString(b, s)
	}
	b = binary.AppendUvarint(b, uint64(len(r.Aftercare)))
	for _, a := range r.Aftercare {
		done := unix(a.Done)
		if a.NotNeeded {
			done = -1
		}
		b = binary.AppendVarint(b, unix(a.Due))
		b = binary.AppendVarint(b, done)
	}
	b = binary.AppendUvarint(b, uint64(len(r.Open)))
	for _, t := range r.Open {
		b = binary.AppendVarint(b, unix(t))
	}
	return b
}

// decodeRow decodes a row written by encodeRow, or by the version before.
// What it returns shares no memory with data.
func decodeRow(data []byte) (register.Row, error) {
	var r register.Row
	d := rowDecoder{b: data}
	v := d.byte()
	if v != rowVersion && v != 1 {
		return register.Row{}, fmt.Errorf("register row version %d: %w", v, errRowForm)
	}
	r.Number = d.string()
	r.Occurred, r.Reported, r.FirstCare, r.ClosedAt = d.time(), d.time(), d.time(), d.time()
	if v >= 2 {
		r.CareGiven = d.time()
	}
	flags := d.byte()
	r.Serious, r.Purged, r.CareOpen = flags&rowSerious != 0, flags&rowPurged != 0, flags&rowCareOpen != 0
	for range d.count() {
		r.Categories = append(r.Categories, register.Category(d.known()))
	}
	r.Department, r.Location = d.known(), d.known()
	r.Police, r.Measure = d.known(), d.known()
	for range d.count() {
		a := register.Deadline{Due: d.time()}
		if done := d.varint(); done == -1 {
			a.NotNeeded = true
		} else {
			a.Done = fromUnix(done)
		}
		r.Aftercare = append(r.Aftercare, a)
	}
	for range d.count() {
		r.Open = append(r.Open, d.time())
	}
	if d.err || len(d.b) != 0 {
		return register.Row{}, errRowForm
	}
	return r, nil
}

func unix(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.Unix()
}

func fromUnix(s int64) time.Time {
	if s == 0 {
		return time.Time{}
	}
	return time.Unix(s, 0)
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// rowDecoder reads a row's fields; a read past the end sets err.
type rowDecoder struct {
	b   []byte
	err bool
}

func (d *rowDecoder) byte() byte {
	if len(d.b) == 0 {
		d.err = true
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *rowDecoder) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = true
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *rowDecoder) time() time.Time { return fromUnix(d.varint()) }

func (d *rowDecoder) count() int {
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > uint64(len(d.b)) {
		d.err = true
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *rowDecoder) bytes() []byte {
	n := d.count()
	if d.err || n > len(d.b) {
		d.err = true
		return nil
	}
	s := d.b[:n]
	d.b = d.b[n:]
	return s
}

func (d *rowDecoder) string() string { return string(d.bytes()) }

// known reads a string of one of a row's fields that hold few different
// values, sharing the memory of the values rows hold most — categories,
// police outcomes, measures — instead of copying each.
func (d *rowDecoder) known() string {
	b := d.bytes()
	if len(b) == 0 {
		return ""
	}
	if s, ok := knownValues[string(b)]; ok { // no copy: a map lookup by []byte
		return s
	}
	return string(b)
}

// knownValues are the values of the closed sets a row holds.
var knownValues = func() map[string]string {
	m := map[string]string{}
	for _, c := range register.Categories {
		m[string(c)] = string(c)
	}
	for _, s := range []string{"aangifte", "melding", "warning_letter", "talk", "ban", "claim", "none"} {
		m[s] = s
	}
	return m
}()
