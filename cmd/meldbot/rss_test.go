package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkIdleRSS starts the meldbot command, built as the Dockerfile
// builds it, on the console with a new, empty data file, waits until it
// greets, and reads how much memory the process holds (VmRSS in /proc,
// Linux only): what an idle meldbot costs. Most of it is the binary's own
// code and data, mapped from the file.
//
//	go test ./cmd/meldbot -run '^$' -bench IdleRSS -benchtime 3x
func BenchmarkIdleRSS(b *testing.B) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		b.Skip("no /proc on this system")
	}
	bin := filepath.Join(b.TempDir(), "meldbot")
	build := exec.Command("go", "build", "-trimpath", "-ldflags", "-s -w", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("building meldbot: %v\n%s", err, out)
	}
	var total float64
	for b.Loop() {
		dir := b.TempDir()
		p := startBinary(b, bin, dir, "--data", filepath.Join(dir, "meldbot.db"))
		p.waitFor(0, "Je bent nu")
		total += rssMB(b, p.cmd.Process.Pid)
		p.stdin.Close()
		<-p.done
	}
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(total/float64(b.N), "idle-rss-MB")
}

// rssMB reads the resident memory of process pid, in MiB.
func rssMB(b *testing.B, pid int) float64 {
	status, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		b.Fatal(err)
	}
	for line := range strings.Lines(string(status)) {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err != nil {
				b.Fatalf("VmRSS %q: %v", rest, err)
			}
			return float64(kb) / 1024
		}
	}
	b.Fatal("no VmRSS in /proc/<pid>/status")
	return 0
}
