package console

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// attach writes a picture or file sent in the chat to the console's
// directory and prints where it is; the caller holds c.mu. A name that is
// taken gets a number, so nothing earlier is overwritten.
func (c *Console) attach(key, name string, data []byte) {
	path, err := c.save(name, data)
	if err != nil {
		fmt.Fprintln(c.out, "   "+c.tr.T("console.attach_failed", "Name", name, "Error", err.Error()))
		return
	}
	fmt.Fprintln(c.out, "   "+c.tr.T(key, "Path", path))
}

func (c *Console) save(name string, data []byte) (string, error) {
	if c.opts.Files == "" {
		dir, err := os.MkdirTemp("", "meldbot-")
		if err != nil {
			return "", err
		}
		c.opts.Files = dir
	}
	if err := os.MkdirAll(c.opts.Files, 0o700); err != nil {
		return "", err
	}
	name = filepath.Base(strings.TrimSpace(name))
	if name == "." || name == string(filepath.Separator) || name == "" {
		name = "meldbot"
	}
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for i := 1; ; i++ {
		path := filepath.Join(c.opts.Files, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			name = fmt.Sprintf("%s-%d%s", stem, i+1, ext)
			continue
		}
		if err != nil {
			return "", err
		}
		if _, err := f.Write(data); err != nil {
			f.Close()
			return "", err
		}
		if err := f.Close(); err != nil {
			return "", err
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		return path, nil
	}
}
