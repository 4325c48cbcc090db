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
	// plural holds the keys of texts with plural forms, empty those of
	// texts that are empty on purpose ("").
	plural, empty map[string]bool
}

// NewCatalog loads the embedded message files.
func NewCatalog() (*Catalog, error) {
	c := &Catalog{
		bundle:     i18n.NewBundle(language.Dutch),
		localizers: map[Lang]*i18n.Localizer{},
		keys:       map[Lang][]string{},
		plural:     map[string]bool{},
		empty:      map[string]bool{},
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
			if m.One != "" || m.Few != "" || m.Many != "" {
				c.plural[m.ID] = true
			}
			if m.Other == "" && !c.plural[m.ID] {
				c.empty[m.ID] = true
			}
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
//
// The placeholder Count is the number a text counts: a text with plural
// forms in the message files (one:, other:) takes the form for it, by the
// language's own rules ("1 melding", "2 meldingen").
func (c *Catalog) T(lang Lang, key string, args ...any) string {
	if c.empty[key] {
		return ""
	}
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
	cfg := &i18n.LocalizeConfig{MessageID: key, TemplateData: data}
	if n, ok := data["Count"]; ok && c.plural[key] {
		cfg.PluralCount = n
	}
	s, err := loc.Localize(cfg)
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

// Count writes a number with what it counts, in the plural form the number
// takes: Count("incidents", 1) is "1 melding" or "1 incident",
// Count("incidents", 2) "2 meldingen" or "2 incidents" (the catalogue's
// "count.<what>").
func (t Texts) Count(what string, n int) string { return t.T("count."+what, "Count", n) }
