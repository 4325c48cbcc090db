package e2e

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// mattermostPackage is the server's own main package, built by import path
// from the wrapper module in mmserver/.
const mattermostPackage = "github.com/mattermost/mattermost/server/v8/cmd/mattermost"

// cacheDir is where built binaries outlive a test run.
func cacheDir() (string, error) {
	if d := os.Getenv("MELDBOT_E2E_CACHE"); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("no cache directory: %w", err)
	}
	return filepath.Join(base, "meldbot"), nil
}

// mattermostBinary returns the path of the Mattermost server binary for the
// version pinned in mmserver/, building it when the cache has none. The key
// is a hash of the wrapper's go.mod and go.sum and the Go version, so a new
// pin or toolchain builds anew.
func mattermostBinary(logf func(string, ...any)) (string, error) {
	wrapper, err := filepath.Abs("mmserver")
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, f := range []string{"go.mod", "go.sum"} {
		b, err := os.ReadFile(filepath.Join(wrapper, f))
		if err != nil {
			return "", fmt.Errorf("reading the server pin: %w", err)
		}
		h.Write(b)
	}
	h.Write([]byte(runtime.Version()))
	key := hex.EncodeToString(h.Sum(nil))[:16]
	dir, err := cacheDir()
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "mattermost-"+key, "mattermost")

	// The binary finds its i18n, templates and fonts in the module cache
	// (by the path it was built from), so make sure the module is there,
	// also when the binary comes from the cache.
	if out, err := goCmd(wrapper, "mod", "download", "github.com/mattermost/mattermost/server/v8").CombinedOutput(); err != nil {
		return "", fmt.Errorf("downloading the Mattermost server module: %w\n%s", err, out)
	}
	if _, err := os.Stat(bin); err == nil {
		logf("using the cached Mattermost server %s", bin)
		return bin, nil
	}
	if err := os.MkdirAll(filepath.Dir(bin), 0o755); err != nil {
		return "", err
	}
	logf("building the Mattermost server from %s (a few minutes the first time)", mattermostPackage)
	start := time.Now()
	tmp := bin + ".tmp"
	if out, err := goCmd(wrapper, "build", "-o", tmp, mattermostPackage).CombinedOutput(); err != nil {
		return "", fmt.Errorf("building the Mattermost server: %w\n%s", err, out)
	}
	if err := os.Rename(tmp, bin); err != nil {
		return "", err
	}
	logf("built the Mattermost server in %s", time.Since(start).Round(time.Second))
	return bin, nil
}

// meldbotBinary builds the meldbot command into dir.
func meldbotBinary(dir string) (string, error) {
	bin := filepath.Join(dir, "meldbot")
	if out, err := goCmd("../../..", "build", "-o", bin, "./cmd/meldbot").CombinedOutput(); err != nil {
		return "", fmt.Errorf("building meldbot: %w\n%s", err, out)
	}
	return bin, nil
}

// goCmd runs the go command in dir, with the module mode of that directory.
func goCmd(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOFLAGS=") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "GOFLAGS=-mod=readonly")
	return cmd
}
