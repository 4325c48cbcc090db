package main

import (
	"bytes"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"
)

// meldbot verify ends its report with the check of the audit trail's hash
// chain: intact, with the head meldbot audit verify names; broken, naming
// the entry, with exit code 1 although the file itself is sound; and for a
// file from before the chain, that meldbot chains it when it upgrades it.
func TestVerifyChecksTheAuditTrail(t *testing.T) {
	data := exportedTwice(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"audit", "verify", "--data", data}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("audit verify: exit %d: %s", code, stderr.String())
	}
	_, intact, _ := strings.Cut(strings.TrimSuffix(strings.TrimSpace(stdout.String()), "."), " is ")

	verify := func(path string) (code int, out, errOut string) {
		t.Helper()
		var o, e bytes.Buffer
		code = run([]string{"verify", path}, nil, &o, &e)
		return code, o.String(), e.String()
	}
	if code, out, errOut := verify(data); code != 0 || !strings.HasPrefix(intact, "intact (entries: ") || !strings.Contains(out, "Audit trail: "+intact+"\n") {
		t.Errorf("verify of the data file: exit %d, want the trail %q:\n%s%s", code, intact, out, errOut)
	}

	edited := withEditedAuditEntry(t, data)
	code, out, errOut := verify(edited)
	if code != 1 || !strings.Contains(out, "Check: OK") ||
		!strings.Contains(out, "Audit trail: broken at entry 2: the entry does not link to entry 1") ||
		!strings.Contains(errOut, "the audit trail of "+edited+" was changed past meldbot") {
		t.Errorf("verify of a copy with an edited audit entry: exit %d:\n%s%s", code, out, errOut)
	}

	alterDataFile(t, edited, func(tx *bolt.Tx) error { return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte("7")) })
	if code, out, errOut := verify(edited); code != 0 || !strings.Contains(out, "Audit trail: not checked: the file is of schema 7, from before the audit trail was chained") {
		t.Errorf("verify of a file of schema 7: exit %d:\n%s%s", code, out, errOut)
	}
}
