// Package locale holds every text meldbot shows, in Dutch and English, and
// writes moments, durations and periods the way a reader of each language
// expects them.
package locale

import (
	"embed"
	"fmt"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"
)

//go:embed messages/*.yaml
var messages embed.FS

// Catalog holds every text meldbot shows, per language, from the message
// files in messages/. Keys are flat, dotted names ("report.done"); a text may
// use {{.Name}} placeholders.
type Catalog struct {
	bundle     *i18n.Bundle
	localizers map[Lang]*i18n.Localizer
	keys       map[Lang][]string
}

// NewCatalog loads the embedded message files.
func NewCatalog() (*Catalog, error) {
	c := &Catalog{
		bundle:     i18n.NewBundle(language.Dutch),
		localizers: map[Lang]*i18n.Localizer{},
		keys:       map[Lang][]string{},
	}
	c.bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	for _, lang := range Langs {
		path := "messages/" + string(lang) + ".yaml"
		data, err := messages.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("catalog: %w", err)
		}
		f, err := c.bundle.ParseMessageFileBytes(data, path)
		if err != nil {
			return nil, fmt.Errorf("catalog %s: %w", path, err)
		}
		for _, m := range f.Messages {
			c.keys[lang] = append(c.keys[lang], m.ID)
		}
		sort.Strings(c.keys[lang])
		c.localizers[lang] = i18n.NewLocalizer(c.bundle, string(lang))
	}
	return c, nil
}

// Keys returns the message keys of a language, sorted.
func (c *Catalog) Keys(lang Lang) []string { return c.keys[lang] }

// T returns the text for key in lang. args are pairs of placeholder name and
// value: T(Dutch, "report.done", "Number", "GIR-2026-0001"). A key that does
// not exist shows as ⟦key⟧, which the catalogue tests forbid.
func (c *Catalog) T(lang Lang, key string, args ...any) string {
	return c.localize(lang, key, nil, args)
}

// Plural returns the text for key in lang in the form that fits count, as
// the message file gives it per plural category of the language ("one:",
// "other:"); count is also the placeholder {{.Count}}. args are as for T.
func (c *Catalog) Plural(lang Lang, key string, count int, args ...any) string {
	return c.localize(lang, key, count, append(args, "Count", count))
}

// localize looks key up in lang; pluralCount, when not nil, chooses the
// plural form.
func (c *Catalog) localize(lang Lang, key string, pluralCount any, args []any) string {
	loc, ok := c.localizers[lang]
	if !ok {
		loc = c.localizers[Dutch]
	}
	var data map[string]any
	if len(args) > 0 {
		data = make(map[string]any, len(args)/2)
		for i := 0; i+1 < len(args); i += 2 {
			data[fmt.Sprint(args[i])] = args[i+1]
		}
	}
	s, err := loc.Localize(&i18n.LocalizeConfig{MessageID: key, TemplateData: data, PluralCount: pluralCount})
	if err != nil {
		return "⟦" + key + "⟧"
	}
	return strings.TrimRight(s, "\n")
}

// Texts is a Catalog bound to one language.
type Texts struct {
	c    *Catalog
	Lang Lang
}

// In returns the texts of one language.
func (c *Catalog) In(lang Lang) Texts { return Texts{c: c, Lang: lang} }

// T returns the text for key; see Catalog.T.
func (t Texts) T(key string, args ...any) string { return t.c.T(t.Lang, key, args...) }

// Plural returns the text for key in the form that fits count; see
// Catalog.Plural.
func (t Texts) Plural(key string, count int, args ...any) string {
	return t.c.Plural(t.Lang, key, count, args...)
}
