package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
)

// auditEncoding names the canonical encoding of an audit entry, and is its
// first line: a later encoding gets a name of its own.
const auditEncoding = "meldbot-audit-1"

// Hash returns the SHA-256 of the entry's canonical encoding, in lower-case
// hexadecimal. The next entry of the trail holds it as Prev, which chains
// the trail: changing, removing or moving an entry breaks the link after
// it.
//
// The canonical encoding is the line "meldbot-audit-1" and then, for each
// field that is not empty, in the order seq, at, by, to, incident, action,
// what, prev, a line
//
//	name ":" length ":" value "\n"
//
// where length is the number of bytes of value in decimal, seq is written in
// decimal and at in UTC as RFC 3339 with nanoseconds, trailing zeros left
// out (time.RFC3339Nano). A field added to AuditEntry later is added to the
// end of this list; since empty fields are left out, the hash of an entry
// written before stays the same.
func (e AuditEntry) Hash() string {
	sum := sha256.Sum256([]byte(e.canonical()))
	return hex.EncodeToString(sum[:])
}

// canonical returns the canonical encoding of the entry (see Hash).
func (e AuditEntry) canonical() string {
	var b strings.Builder
	b.WriteString(auditEncoding + "\n")
	field := func(name, value string) {
		if value == "" {
			return
		}
		b.WriteString(name + ":" + strconv.Itoa(len(value)) + ":" + value + "\n")
	}
	if e.Seq != 0 {
		field("seq", strconv.FormatUint(e.Seq, 10))
	}
	if !e.At.IsZero() {
		field("at", e.At.UTC().Format(time.RFC3339Nano))
	}
	field("by", string(e.By))
	field("to", string(e.To))
	field("incident", e.Incident)
	field("action", string(e.Action))
	field("what", e.What)
	field("prev", e.Prev)
	return b.String()
}
