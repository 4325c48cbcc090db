package bot

import "strings"

// Email is an e-mail address as meldbot knows people by: in its canonical
// form, lower case without surrounding space. Both chat platforms and the
// organisation file name people by their address; it becomes an Email
// where it enters meldbot — an adapter's User, the organisation file, a
// name typed in a command — and is compared as it is everywhere after.
type Email string

// EmailOf returns the canonical form of an e-mail address.
func EmailOf(s string) Email { return Email(strings.ToLower(strings.TrimSpace(s))) }

// String returns the address.
func (e Email) String() string { return string(e) }
