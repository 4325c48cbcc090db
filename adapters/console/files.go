package console

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"meldbot/bot"
)

// saved is a picture or file of a message, written to the console's
// directory: the text that says where, in the reader's language.
type saved string

// saveAttachments writes the picture and the file of a message to the
// console's directory, before the message is shown; the caller holds c.mu.
// A name that is taken gets a number, so nothing earlier is overwritten.
// When one cannot be written, none is kept and the error says which: the
// message is then not delivered, and the outbox tries it again later.
func (c *Console) saveAttachments(m bot.Message) ([]saved, error) {
	type attachment struct {
		key, name string
		data      []byte
	}
	var all []attachment
	if m.Image != nil {
		all = append(all, attachment{"console.image", m.Image.Name, m.Image.PNG})
	}
	if m.File != nil {
		all = append(all, attachment{"console.file", m.File.Name, m.File.Data})
	}
	var out []saved
	var paths []string
	for _, a := range all {
		path, err := c.save(a.name, a.data)
		if err != nil {
			for _, p := range paths {
				os.Remove(p)
			}
			c.arrived(entry{note: c.tr.T("console.attach_failed", "Name", a.name, "Error", err.Error())})
			return nil, fmt.Errorf("console: saving %s: %w", a.name, err)
		}
		paths = append(paths, path)
		out = append(out, saved(c.tr.T(a.key, "Path", path)))
	}
	return out, nil
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
			os.Remove(path)
			return "", err
		}
		if err := f.Close(); err != nil {
			os.Remove(path)
			return "", err
		}
		if abs, err := filepath.Abs(path); err == nil {
			path = abs
		}
		return path, nil
	}
}
