package main

import (
	"fmt"
	"sync"

	"meldbot/bot/locale"
)

// commandLine is the catalogue in the language of the command line's own
// messages, English.
var commandLine = sync.OnceValue(func() *locale.Texts {
	c, err := locale.NewCatalog()
	if err != nil {
		return nil
	}
	t := c.In(locale.English)
	return &t
})

// counted writes a number with what it counts in the command line's
// messages, in the plural form the catalogue gives it: counted("incidents",
// 1) is "1 incident".
func counted(what string, n int) string {
	if t := commandLine(); t != nil {
		return t.Count(what, n)
	}
	return fmt.Sprintf("%d %s", n, what)
}
