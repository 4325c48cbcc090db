package storage

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
)

// ErrEmpty is returned when the data file exists but holds nothing (0
// bytes). bbolt would start a new register in it, numbering from 0001
// again; an empty file is a lost file, not a new one.
var ErrEmpty = errors.New("the data file is empty (0 bytes)")

// ErrDamaged is returned (wrapped in a *DamageError) for a data file that
// cannot be read as it was written.
var ErrDamaged = errors.New("the data file is damaged")

// DamageError says what is wrong with a damaged data file.
type DamageError struct {
	Path     string
	Problems []string
}

func (e *DamageError) Error() string {
	return fmt.Sprintf("%s: %s: %s", ErrDamaged, e.Path, strings.Join(e.Problems, "; "))
}

// Unwrap makes errors.Is(err, ErrDamaged) hold.
func (e *DamageError) Unwrap() error { return ErrDamaged }

// emptyError refuses an existing file of 0 bytes.
func emptyError(path string) error {
	return fmt.Errorf("%w: %s holds no register. meldbot does not start a new one in it, as the numbers would start at 0001 again: "+
		"restore the latest backup, or remove the empty file to start a new register", ErrEmpty, path)
}

// guard runs fn, which reads the data file through bbolt, and turns what a
// damaged file makes bbolt do into a *DamageError: a panic (bbolt's answer
// to a page it cannot make sense of) and a memory fault in the mapped file
// (which otherwise ends the process). Use it only around work of this
// package, not around a caller's function, whose own panics must stay
// panics.
func guard(path string, fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = &DamageError{Path: path, Problems: []string{fmt.Sprint(r)}}
		}
	}()
	return fn()
}
