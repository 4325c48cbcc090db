package storage

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"meldbot/bot"
	"meldbot/bot/locale"
)

// registerFile writes a closed data file of n generated incidents, large
// enough that its buckets have pages of their own, and returns its path.
func registerFile(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	generateRegister(t, s, n)
	s.Close()
	return path
}

// rootPage returns the page number of a bucket's root in a closed data
// file: a page that is certainly in use.
func rootPage(t *testing.T, path string, bucket []byte) (id int64, pageSize int) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_ = db.View(func(tx *bolt.Tx) error { id = int64(tx.Bucket(bucket).RootPage()); return nil })
	if id == 0 {
		t.Fatalf("bucket %s is inline; generate more records", bucket)
	}
	return id, db.Info().PageSize
}

// overwrite writes b at offset in the file at path.
func overwrite(t *testing.T, path string, offset int64, b []byte) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteAt(b, offset); err != nil {
		t.Fatal(err)
	}
}

// openBoth opens the file as meldbot does at start and as a maintenance
// command does, and returns both errors.
func openBoth(t *testing.T, path string) (errOpen, errCurrent error) {
	t.Helper()
	for i, openIt := range []func() (*Store, error){
		func() (*Store, error) { return Open(path) },
		func() (*Store, error) { return OpenCurrent(path, true) },
	} {
		s, err := openIt()
		if err == nil {
			s.Close()
		}
		if i == 0 {
			errOpen = err
		} else {
			errCurrent = err
		}
	}
	return errOpen, errCurrent
}

// An existing data file of 0 bytes is refused: a register is never started
// again in it (numbering would restart at 0001), by meldbot nor by a
// maintenance command, and the file stays empty.
func TestAnEmptyDataFileIsRefusedAndLeftEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	errOpen, errCurrent := openBoth(t, path)
	for _, err := range []error{errOpen, errCurrent} {
		if !errors.Is(err, ErrEmpty) || !strings.Contains(err.Error(), "restore the latest backup") {
			t.Errorf("opening an empty file: %v, want ErrEmpty with advice", err)
		}
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Errorf("the empty file was written to: %v, %v", fi.Size(), err)
	}
	if _, err := OpenCurrent(path, false); !errors.Is(err, ErrEmpty) {
		t.Errorf("OpenCurrent read-write of an empty file: %v", err)
	}
}

// Each kind of damage is refused with ErrDamaged when the file is opened —
// never a panic or a memory fault that ends the process.
func TestDamagedDataFilesAreRefused(t *testing.T) {
	cases := []struct {
		name   string
		damage func(t *testing.T, path string)
		want   string
	}{
		{"cut in half", func(t *testing.T, path string) {
			fi, _ := os.Stat(path)
			if err := os.Truncate(path, fi.Size()/2); err != nil {
				t.Fatal(err)
			}
		}, "cut short"},
		{"a page in use zeroed", func(t *testing.T, path string) {
			id, size := rootPage(t, path, bucketIncidents)
			overwrite(t, path, id*int64(size), make([]byte, size))
		}, "page"},
		{"garbage over a page in use", func(t *testing.T, path string) {
			id, size := rootPage(t, path, bucketTasks)
			overwrite(t, path, id*int64(size)+20, bytes.Repeat([]byte{0xA5}, size-40))
		}, ""},
		{"both meta pages flipped", func(t *testing.T, path string) {
			overwrite(t, path, 70, []byte{0xFF, 0xFF})
			overwrite(t, path, int64(os.Getpagesize())+70, []byte{0xFF, 0xFF})
		}, "meta page 0 fails its checksum"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := registerFile(t, 300)
			c.damage(t, path)
			errOpen, errCurrent := openBoth(t, path)
			for _, err := range []error{errOpen, errCurrent} {
				if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), c.want) {
					t.Errorf("opening: %v, want ErrDamaged saying %q", err, c.want)
				}
			}
			if r, err := Verify(path); err != nil || r.OK() {
				t.Errorf("Verify: %+v, %v; want a report with problems", r, err)
			}
			// OpenQuick refuses the file at once, or its CheckPages
			// finds the damage.
			s, err := OpenQuick(path)
			if err == nil {
				err = s.CheckPages(context.Background())
				s.Close()
			}
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("OpenQuick and CheckPages: %v, want ErrDamaged saying %q", err, c.want)
			}
		})
	}
}

// One damaged meta page makes bbolt read the other, one transaction older;
// meldbot opens the file and says so instead of passing over it.
func TestADamagedMetaPageIsSaidOutLoud(t *testing.T) {
	path := filepath.Join(t.TempDir(), "meldbot.db")
	s := openAt(t, path)
	for _, who := range []string{"a@x.nl", "b@x.nl"} {
		if err := s.Update(context.Background(), func(tx bot.Tx) error { return tx.PutPrefs(bot.Prefs{User: bot.Email(who), Lang: locale.English}) }); err != nil {
			t.Fatal(err)
		}
	}
	var txid int
	_ = s.db.View(func(tx *bolt.Tx) error { txid = tx.ID(); return nil })
	s.Close()
	// The meta page of the last transaction: bbolt writes transaction n
	// to page n % 2.
	overwrite(t, path, int64(txid%2*os.Getpagesize())+70, []byte{0xFF, 0xFF})

	s = openAt(t, path)
	notices := strings.Join(s.Notices(), "\n")
	if !strings.Contains(notices, "fails its checksum") || !strings.Contains(notices, "may miss the last change") {
		t.Errorf("notices = %q, want the damaged meta page named", notices)
	}
	_ = s.View(context.Background(), func(tx bot.Tx) error {
		if _, err := tx.Prefs("b@x.nl"); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("the last transaction is still there (%v): the test did not damage its meta page", err)
		}
		return nil
	})
	s.Close()
	r, err := Verify(path)
	if err != nil || !r.OK() || len(r.Notices) == 0 {
		t.Errorf("Verify = %+v, %v; want a usable file with a notice", r, err)
	}
}

// A record that cannot be decoded leaves the file usable; Verify names it.
func TestGarbageInARecordIsNamedByVerify(t *testing.T) {
	s := withAReport(t)
	path := s.Path()
	if err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketIncidents)
		k, v := b.Cursor().First()
		return b.Put(k, bytes.Repeat([]byte("#"), len(v)))
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	r, err := Verify(path)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() || r.Counts.Incidents != 1 || len(r.Unreadable) != 1 || !strings.HasPrefix(r.Unreadable[0], "incidents/2026/00000001") {
		t.Errorf("Verify = %+v, want a usable file with incidents/2026/00000001 unreadable", r)
	}
}
