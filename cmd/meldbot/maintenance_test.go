package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	bolt "go.etcd.io/bbolt"

	"meldbot/bot/bottest"
	"meldbot/bot/orgfile"
	"meldbot/storage"
)

// sampleDataFile writes the generated register (bottest.SampleRegister) to
// a data file in dir.
func sampleDataFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "meldbot.db")
	s, err := storage.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	bottest.SampleRegister(t, s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// alterDataFile changes a closed data file behind meldbot's back, as
// damage or an older version would have left it.
func alterDataFile(t *testing.T, path string, change func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(change); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
}

// useSample names the bundled sample as the organisation file, as an
// operator does with MELDBOT_CONFIG: maintenance commands need one.
func useSample(t *testing.T) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "meldbot.yaml")
	if err := os.WriteFile(path, orgfile.Example, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("MELDBOT_CONFIG", path)
}

// exportQ3 exports the sample register's third quarter of 2026 into a
// file called name, next to a new data file, and returns the data file,
// the file written and what meldbot said of it.
func exportQ3(t *testing.T, name string) (data, out, said string) {
	t.Helper()
	useSample(t)
	dir := t.TempDir()
	data = sampleDataFile(t, dir)
	out = filepath.Join(dir, name)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "--data", data, "--from", "2026-07-01", "--to", "2026-09-30", "--out", out}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	return data, out, stderr.String()
}

func TestExportOnTheCommandLine(t *testing.T) {
	data, out, said := exportQ3(t, "q3.csv")
	if !strings.Contains(said, "Exported 11 incidents that happened 2026-07-01 – 2026-09-30 as a CSV file to "+out+", without personal data") {
		t.Errorf("stderr: %s", said)
	}
	dir := filepath.Dir(out)
	var stdout, stderr bytes.Buffer
	// One incident is one, not "1 incidents".
	stderr.Reset()
	if code := run([]string{"export", "--data", data, "--from", "2026-09-30", "--to", "2026-09-30", "--out", filepath.Join(dir, "day.csv")}, nil, &stdout, &stderr); code != 0 ||
		!strings.Contains(stderr.String(), "Exported 1 incident that happened 2026-09-30 – 2026-09-30") {
		t.Errorf("exit %d, stderr: %s", code, stderr.String())
	}
	file, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(file, []byte("\ufeff")))).ReadAll()
	if err != nil || len(records) != 12 {
		t.Fatalf("%d lines, %v", len(records), err)
	}
	if strings.Contains(string(file), "sample@voorbeeldrode.nl") || strings.Contains(strings.Join(records[0], ","), "description") {
		t.Error("the export without --personal holds personal data")
	}

	// --personal, to standard output; --to is included.
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"export", "--data", data, "--from", "2026-09-30", "--to", "2026-09-30", "--personal"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "GIR-2026-0110") || !strings.Contains(stdout.String(), "sample@voorbeeldrode.nl") ||
		!strings.Contains(stderr.String(), "WITH personal data") {
		t.Errorf("personal export of 30 September:\n%s\n%s", stdout.String(), stderr.String())
	}

	// Mistakes are explained.
	for _, args := range [][]string{
		{"export", "--data", data},
		{"export", "--data", data, "--from", "1-7-2026", "--to", "2026-09-30"},
		{"export", "--data", data, "--from", "2026-09-30", "--to", "2026-07-01"},
		{"export", "--data", data, "--from", "2026-07-01", "--to", "2026-09-30", "--format", "pdf"},
		{"export", "--data", data, "--from", "2026-07-01", "--to", "2026-09-30", "--lang", "fr"},
	} {
		stderr.Reset()
		flag := args[len(args)-2]
		if !strings.HasPrefix(flag, "--format") && !strings.HasPrefix(flag, "--lang") {
			flag = "--from"
		}
		if code := run(args, nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), flag) {
			t.Errorf("%v: exit %d, %s", args, code, stderr.String())
		}
	}
	stderr.Reset()
	if code := run([]string{"export", "--data", filepath.Join(dir, "none.db"), "--from", "2026-07-01", "--to", "2026-09-30"}, nil, &stdout, &stderr); code != 1 ||
		!strings.Contains(stderr.String(), "no data file") {
		t.Errorf("missing data file: exit %d, %s", code, stderr.String())
	}
}

// meldbot export writes an Excel workbook to read when the file is called
// .xlsx or --format asks for it: headers and labels in the organisation's
// language or the one asked for, dates as dates, a sheet that explains the
// columns. It is in the audit trail as such.
func TestExportAWorkbookOnTheCommandLine(t *testing.T) {
	data, out, said := exportQ3(t, "q3.xlsx")
	if !strings.Contains(said, "Exported 11 incidents that happened 2026-07-01 – 2026-09-30 as an Excel workbook to "+out) {
		t.Errorf("stderr: %s", said)
	}
	var stdout, stderr bytes.Buffer
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("%s is no workbook: %v", out, err)
	}
	rows, err := f.GetRows("Meldingen")
	f.Close()
	if err != nil || len(rows) != 12 || rows[0][0] != "Registratienummer" || rows[0][1] != "Gebeurd op" || rows[11][1] != "30-09-2026 23:30" {
		t.Fatalf("the workbook's table: %v, %q", err, rows)
	}
	if strings.Contains(strings.Join(rows[0], "|"), "Beschrijving") {
		t.Error("the workbook without --personal has personal columns")
	}

	// In English, to standard output, by --format.
	stdout.Reset()
	if code := run([]string{"export", "--data", data, "--from", "2026-09-30", "--to", "2026-09-30", "--format", "xlsx", "--lang", "en", "--personal"},
		nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	f, err = excelize.OpenReader(&stdout)
	if err != nil {
		t.Fatalf("standard output is no workbook: %v", err)
	}
	defer f.Close()
	rows, err = f.GetRows("Reports")
	if err != nil || len(rows) != 2 || rows[0][0] != "Register number" || !slices.Contains(rows[0], "Description") {
		t.Errorf("the English workbook: %v, %q", err, rows)
	}
	if sheets := f.GetSheetList(); len(sheets) != 2 || sheets[1] != "Explanation" {
		t.Errorf("sheets %q", sheets)
	}
	if code := run([]string{"audit", "verify", "--data", data}, nil, &stdout, &stderr); code != 0 {
		t.Errorf("audit verify after the exports: exit %d: %s", code, stderr.String())
	}
}

// While meldbot runs, its data file is locked: export and purge say so and
// what to do, instead of a storage error.
func TestExportAndPurgeWhileMeldbotRuns(t *testing.T) {
	useSample(t)
	dir := t.TempDir()
	sampleDataFile(t, dir)
	p := startMeldbot(t, dir, "--data", "meldbot.db")
	p.waitFor(0, "Je bent nu")
	for _, args := range [][]string{
		{"export", "--data", filepath.Join(dir, "meldbot.db"), "--from", "2026-07-01", "--to", "2026-09-30"},
		{"purge", "--dry-run", "--data", filepath.Join(dir, "meldbot.db")},
	} {
		var stdout, stderr bytes.Buffer
		start := time.Now()
		code := run(args, nil, &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), "locked while meldbot runs") || !strings.Contains(stderr.String(), "Stop meldbot first") {
			t.Errorf("%s: exit %d, %s", args[0], code, stderr.String())
		}
		if took := time.Since(start); took > 8*time.Second {
			t.Errorf("%s took %v to give up", args[0], took)
		}
	}
	p.say("/incident help", "Wat je kunt typen")
}

func TestPurgeOnTheCommandLine(t *testing.T) {
	useSample(t)
	data := sampleDataFile(t, t.TempDir())
	var stdout, stderr bytes.Buffer
	// Nothing is five years past closing yet.
	if code := run([]string{"purge", "--dry-run", "--data", data}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if out := stdout.String(); !strings.Contains(out, "kept 5 years after an incident is closed") ||
		!strings.Contains(out, "Would remove (dry run, nothing changed) the personal data of 0 incidents.") {
		t.Errorf("dry run:\n%s", out)
	}

	// An organisation that keeps personal data one year: the incidents of
	// summer 2025 (closed when they were reported) go.
	config := filepath.Join(t.TempDir(), "meldbot.yaml")
	yaml := strings.Replace(string(orgfile.Example), "retention_years: 5", "retention_years: 1", 1)
	if err := os.WriteFile(config, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	stdout.Reset()
	if code := run([]string{"purge", "--config", config, "--data", data}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("purge: exit %d: %s", code, stderr.String())
	}
	if out := stdout.String(); !strings.Contains(out, "kept 1 year after") || !strings.Contains(out, "Removed the personal data of") ||
		!strings.Contains(out, "\n  GIR-2025-0301\n") {
		t.Errorf("purge:\n%s", out)
	}
	stdout.Reset()
	if code := run([]string{"export", "--data", data, "--from", "2025-07-01", "--to", "2025-07-01", "--personal"}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("export: exit %d: %s", code, stderr.String())
	}
	if out := stdout.String(); !strings.Contains(out, "GIR-2025-0301") || strings.Contains(out, "sample@") || !strings.Contains(out, ",yes") {
		t.Errorf("after the purge, the export of 1 July 2025:\n%s", out)
	}
}

// Without an organisation file, export and purge refuse: the sample's
// retention period must never purge a real municipality's data. A setting
// after another argument is refused too, not ignored: "purge x.db
// --dry-run" would otherwise purge for real.
func TestMaintenanceNeedsTheOrganisationFileAndFlagsOnly(t *testing.T) {
	t.Setenv("MELDBOT_CONFIG", "")
	t.Chdir(t.TempDir())
	data := sampleDataFile(t, t.TempDir())
	for _, args := range [][]string{
		{"purge", "--data", data},
		{"export", "--data", data, "--from", "2026-07-01", "--to", "2026-09-30"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, nil, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), "no organisation file") ||
			!strings.Contains(stderr.String(), "--config") {
			t.Errorf("%s without a file: exit %d, %s", args[0], code, stderr.String())
		}
	}

	useSample(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"purge", data, "--dry-run"}, nil, &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), `unexpected argument "`+data+`"`) || strings.Contains(stdout.String(), "Removed") {
		t.Errorf("purge with a stray argument: exit %d, %s%s", code, stdout.String(), stderr.String())
	}
}

// export and purge --dry-run leave a data file of an older layout as it
// was, and say what to do, instead of upgrading it; purge upgrades it as
// meldbot does at start. Their settings are checked before the data file
// is opened.
func TestExportAndDryRunDoNotUpgradeTheDataFile(t *testing.T) {
	useSample(t)
	dir := t.TempDir()
	data := sampleDataFile(t, dir)
	// Back to schema 4, before the adapters' marks (see storage/marks_test.go).
	alterDataFile(t, data, func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket([]byte("marks")); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Put([]byte("schema"), []byte("4"))
	})
	before, err := os.ReadFile(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"purge", "--dry-run", "--data", data},
		{"export", "--data", data, "--from", "2026-07-01", "--to", "2026-09-30"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, nil, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "schema 4") ||
			!strings.Contains(stderr.String(), "start meldbot once to upgrade it") || strings.Contains(stdout.String(), "nothing changed") {
			t.Errorf("%v: exit %d, %s%s", args, code, stdout.String(), stderr.String())
		}
		if after, err := os.ReadFile(data); err != nil || !bytes.Equal(before, after) {
			t.Fatalf("%v changed the data file (%v)", args, err)
		}
	}

	// A wrong period is said before the data file is even looked for.
	var stdout, stderr bytes.Buffer
	if code := run([]string{"export", "--data", filepath.Join(dir, "none.db"), "--from", "2026-09-30", "--to", "2026-07-01"}, nil, &stdout, &stderr); code != 2 ||
		!strings.Contains(stderr.String(), "--from") {
		t.Errorf("a wrong period and no data file: exit %d, %s", code, stderr.String())
	}

	// A purge for real upgrades the file, as meldbot does at start; then
	// the dry run works.
	if code := run([]string{"purge", "--data", data}, nil, &stdout, &stderr); code != 0 {
		t.Fatalf("purge: exit %d: %s", code, stderr.String())
	}
	stdout.Reset()
	if code := run([]string{"purge", "--dry-run", "--data", data}, nil, &stdout, &stderr); code != 0 ||
		!strings.Contains(stdout.String(), "nothing changed") {
		t.Errorf("dry run after the upgrade: exit %d, %s%s", code, stdout.String(), stderr.String())
	}
}
