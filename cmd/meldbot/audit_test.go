package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// meldbot audit verify finds the trail of a data file intact, and a copy
// whose trail was edited with bbolt broken, naming the entry, with a
// non-zero exit code.
func TestAuditVerifyOnTheCommandLine(t *testing.T) {
	data := exportedTwice(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"audit", "verify", "--data", data}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("verify: exit %d: %s", code, stderr.String())
	}
	if got := stdout.String(); !strings.Contains(got, "The audit trail of "+data+" is intact (entries: ") || !strings.Contains(got, "); the last one's hash is ") {
		t.Errorf("verify said: %s", got)
	}

	copied := withEditedAuditEntry(t, data)
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"audit", "verify", "--data", copied}, nil, &stdout, &stderr); code != 1 {
		t.Errorf("verify of the edited copy: exit %d, want 1", code)
	}
	if got := stderr.String(); !strings.Contains(got, "the audit trail of "+copied+" is broken at entry 2: the entry does not link to entry 1") {
		t.Errorf("verify of the edited copy said: %q", got)
	}

	stderr.Reset()
	if code := run([]string{"audit", "check"}, nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "usage: meldbot audit verify") {
		t.Errorf("audit check: exit %d, %s", code, stderr.String())
	}
}

// withEditedAuditEntry returns a copy of a data file whose first audit
// entry was edited with bbolt, past meldbot: it names someone else.
func withEditedAuditEntry(t *testing.T, data string) string {
	t.Helper()
	copied := filepath.Join(t.TempDir(), "copy.db")
	raw, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(copied, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	alterDataFile(t, copied, func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("audit"))
		k, v := b.Cursor().First()
		var entry map[string]any
		if err := json.Unmarshal(v, &entry); err != nil {
			return err
		}
		entry["by"] = "someone else"
		edited, err := json.Marshal(entry)
		if err != nil {
			return err
		}
		return b.Put(k, edited)
	})
	return copied
}

// exportedTwice returns a data file of the sample register, on the sample
// organisation, that two exports gave entries in the audit trail.
func exportedTwice(t *testing.T) string {
	t.Helper()
	useSample(t)
	dir := t.TempDir()
	data := sampleDataFile(t, dir)
	for range 2 {
		var stdout, stderr bytes.Buffer
		if code := run([]string{"export", "--data", data, "--from", "2026-07-01", "--to", "2026-09-30", "--out", filepath.Join(dir, "q3.csv")}, nil, &stdout, &stderr); code != 0 {
			t.Fatalf("export: exit %d: %s", code, stderr.String())
		}
	}
	return data
}
