package storage

import (
	"errors"
	"fmt"
	"io"
	"os"

	bolt "go.etcd.io/bbolt"
)

// Verify checks the data file (or backup) at path as a whole, on a copy
// opened read-only: the file itself is only read, never initialised,
// migrated or locked. It reads every page in use, runs bbolt's consistency
// check, decodes every record and counts them, and checks the audit
// trail's hash chain. A damaged file gives a Report with Problems; the
// error is for a file that could not be checked at all (missing,
// unreadable).
func Verify(path string) (Report, error) {
	r := Report{Path: path}
	fi, err := os.Stat(path)
	if err != nil {
		return r, fmt.Errorf("storage: %w", err)
	}
	r.Size = fi.Size()
	if fi.Size() == 0 {
		r.Problems = []string{"the file is empty (0 bytes): it holds no register"}
		return r, nil
	}
	dir, err := os.MkdirTemp("", "meldbot-verify-")
	if err != nil {
		return r, fmt.Errorf("storage: %w", err)
	}
	defer os.RemoveAll(dir)
	cp := dir + "/copy.db"
	if err := copyFile(path, cp); err != nil {
		return r, fmt.Errorf("storage: copying %s to check it: %w", path, err)
	}
	verifyFile(cp, &r)
	return r, nil
}

// verifyFile checks the data file at path, which nothing else uses, into r.
func verifyFile(path string, r *Report) {
	h, err := readHeader(path)
	if err != nil {
		r.Problems = append(r.Problems, err.Error())
		return
	}
	r.Notices = append(r.Notices, h.notices()...)
	if damage := h.damage(); len(damage) > 0 {
		r.Problems = append(r.Problems, damage...)
		return
	}
	s, err := openBolt(path, &bolt.Options{ReadOnly: true, Timeout: LockTimeout})
	if err != nil {
		r.Problems = append(r.Problems, problemsOf(err)...)
		return
	}
	defer s.Close()
	size := r.Size
	if err := guard(path, func() error {
		return s.db.View(func(btx *bolt.Tx) error { checkTx(btx, true, r); return nil })
	}); err != nil {
		r.Problems = append(r.Problems, problemsOf(err)...)
	}
	if size != 0 {
		r.Size = size // the file's size, not the part in use
	}
	checkAudit(s, r)
}

// checkAudit checks the hash chain of the audit trail of an open file into
// r, unless the file is damaged or of a schema before the chain.
func checkAudit(s *Store, r *Report) {
	switch {
	case !r.OK():
		return
	case r.Schema < chainedSchema:
		r.AuditNotChecked = fmt.Sprintf("the file is of schema %d, from before the audit trail was chained; "+
			"meldbot chains it when it upgrades the file", r.Schema)
		return
	}
	var audit AuditReport
	if err := guard(s.path, func() (err error) { audit, err = s.VerifyAudit(); return err }); err != nil {
		r.AuditNotChecked = err.Error()
		return
	}
	r.Audit = &audit
}

// problemsOf returns the problems of a *DamageError, or the error itself.
func problemsOf(err error) []string {
	var d *DamageError
	if errors.As(err, &d) {
		return d.Problems
	}
	return []string{err.Error()}
}

// copyFile copies src to dst, which it creates.
func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
