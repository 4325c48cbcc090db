package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"time"
)

// postgres is a throw-away PostgreSQL cluster on a free loopback port.
type postgres struct {
	port int
	proc *proc
}

// pgBinDir finds Debian's PostgreSQL server programs, installing the
// postgresql package when none is there.
func pgBinDir(logf func(string, ...any)) (string, error) {
	find := func() string {
		dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
		sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
		for _, d := range dirs {
			if _, err := os.Stat(filepath.Join(d, "postgres")); err == nil && version(d) >= 14 {
				return d
			}
		}
		return ""
	}
	if d := find(); d != "" {
		return d, nil
	}
	if os.Geteuid() != 0 {
		return "", fmt.Errorf("PostgreSQL 14 or newer is not installed: run apt-get install -y postgresql")
	}
	logf("installing PostgreSQL (apt-get install postgresql)")
	install := exec.Command("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql")
	if out, err := install.CombinedOutput(); err != nil {
		return "", fmt.Errorf("installing PostgreSQL: %w\n%s", err, out)
	}
	if d := find(); d != "" {
		return d, nil
	}
	return "", fmt.Errorf("PostgreSQL installed, but no server program in /usr/lib/postgresql/*/bin")
}

func version(binDir string) int {
	v, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return v
}

// startPostgres initialises a cluster in dir and starts it. As root it runs
// as the postgres user, since PostgreSQL refuses to run as root.
func startPostgres(dir string, logf func(string, ...any)) (*postgres, error) {
	bin, err := pgBinDir(logf)
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "pgdata")
	if err := os.MkdirAll(data, 0o700); err != nil {
		return nil, err
	}
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			return nil, fmt.Errorf("no postgres user to run PostgreSQL as: %w", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
		for _, d := range []string{dir, data} {
			if err := os.Chown(d, uid, gid); err != nil {
				return nil, err
			}
		}
	}
	as := func(cmd *exec.Cmd) *exec.Cmd {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		cmd.Dir = dir
		return cmd
	}
	if out, err := as(exec.Command(filepath.Join(bin, "initdb"), "-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("initdb: %w\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	p, err := start("postgres", as(exec.Command(filepath.Join(bin, "postgres"), "-D", data, "-p", strconv.Itoa(port),
		"-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
		"-c", "full_page_writes=off", "-c", "max_connections=200")), filepath.Join(dir, "postgres.log"))
	if err != nil {
		return nil, err
	}
	pg := &postgres{port: port, proc: p}
	deadline := time.Now().Add(60 * time.Second)
	for {
		err := exec.Command(filepath.Join(bin, "pg_isready"), "-h", "127.0.0.1", "-p", strconv.Itoa(port), "-U", "postgres").Run()
		if err == nil {
			break
		}
		if p.exited() || time.Now().After(deadline) {
			pg.stop()
			return nil, fmt.Errorf("PostgreSQL did not start:\n%s", p.tail(30))
		}
		time.Sleep(100 * time.Millisecond)
	}
	if out, err := exec.Command(filepath.Join(bin, "createdb"), "-h", "127.0.0.1", "-p", strconv.Itoa(port), "-U", "postgres", "mattermost").CombinedOutput(); err != nil {
		pg.stop()
		return nil, fmt.Errorf("createdb: %w\n%s", err, out)
	}
	return pg, nil
}

// dsn is the data source for Mattermost.
func (pg *postgres) dsn() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/mattermost?sslmode=disable&connect_timeout=10&binary_parameters=yes", pg.port)
}

// stop shuts PostgreSQL down fast (SIGINT), killing it if it hangs.
func (pg *postgres) stop() {
	if pg != nil {
		pg.proc.stop(syscall.SIGINT, 15*time.Second)
	}
}
