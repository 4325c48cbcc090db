package e2e

import (
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"

	"meldbot/bot/bottest"
)

// proc is a process the suite started. It dies with the test binary
// (parent-death signal), and is stopped by its process ID.
type proc struct {
	name string
	cmd  *exec.Cmd
	out  *bottest.Buffer // its output, also written to its log file
	done chan struct{}
}

// tail returns the last n lines of the output.
func (p *proc) tail(n int) string {
	lines := strings.Split(strings.TrimRight(p.out.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// start runs cmd with its output in a buffer and in logFile.
func start(name string, cmd *exec.Cmd, logFile string) (*proc, error) {
	f, err := os.OpenFile(logFile, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	p := &proc{name: name, cmd: cmd, out: &bottest.Buffer{}, done: make(chan struct{})}
	w := io.MultiWriter(p.out, f)
	cmd.Stdout, cmd.Stderr = w, w
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("starting %s: %w", name, err)
	}
	go func() { _ = cmd.Wait(); f.Close(); close(p.done) }()
	return p, nil
}

func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// stop sends sig, waits up to grace, then kills.
func (p *proc) stop(sig os.Signal, grace time.Duration) {
	if p == nil || p.exited() {
		return
	}
	_ = p.cmd.Process.Signal(sig)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// kill ends the process at once, as a crash would.
func (p *proc) kill() {
	_ = p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// waitFor waits until the output contains want.
func (p *proc) waitFor(want string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if strings.Contains(p.out.String(), want) {
			return nil
		}
		if p.exited() {
			return fmt.Errorf("%s exited while waiting for %q:\n%s", p.name, want, p.tail(40))
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("%s did not log %q within %s:\n%s", p.name, want, timeout, p.tail(40))
}

// freePort returns a TCP port on the loopback address that is free now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
