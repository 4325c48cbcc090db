package console

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/search"

	"meldbot/bot"
	"meldbot/bot/locale"
	"meldbot/bot/policy"
)

// defaultUser is the first person with no role but employee: the console
// starts as someone who would report.
func (c *Console) defaultUser() bot.User {
	for _, p := range c.org.People {
		if len(p.Roles) == 0 {
			return bot.User{Email: p.Email, Name: p.Name}
		}
	}
	if len(c.org.People) > 0 {
		p := c.org.People[0]
		return bot.User{Email: p.Email, Name: p.Name}
	}
	return bot.User{Email: "medewerker@example.nl", Name: "Medewerker"}
}

// matcher compares what a person types with names and roles, ignoring case
// and accents: "coordinator" finds "coördinator".
var matcher = search.New(language.Dutch, search.IgnoreCase, search.IgnoreDiacritics)

// roleWords are words people use for a role besides its name and labels.
var roleWords = map[policy.Role][]string{
	policy.RoleManager:   {"leidinggevende", "manager", "teamleider", "supervisor"},
	policy.RoleDeputy:    {"plaatsvervanger", "deputy"},
	policy.RoleFacility:  {"facilitair", "facilities"},
	policy.RoleSecurity:  {"beveiliging", "security"},
	policy.RoleLegal:     {"jurist", "juridisch"},
	policy.RoleTownClerk: {"secretaris", "directeur", "clerk"},
	policy.RoleBoard:     {"college", "bestuur", "board"},
}

// find looks people up by what someone typed after /als, @ or --as. It
// tries, in turn, and stops at the first that finds anyone:
//
//   - as the bot does (bot.Organisation.Find): an e-mail address, a full
//     name, or a first name only one person has; an unknown address is a
//     guest, since anyone may report;
//   - the part of an address before the @;
//   - a role: its name ("coordinator"), its label in either language
//     ("coördinator agressie en geweld", "security guard") or a common word
//     for it ("leidinggevende");
//   - the start of a part of a name ("vries", "de boer", "pet");
//   - the start of a word of a role's label ("coördinator", "facilitair").
//
// Case and accents do not matter. More than one person means the typist
// must say whom they mean.
func (c *Console) find(who string) []bot.User {
	if p, ok := c.org.Find(who); ok {
		return []bot.User{{Email: p.Email, Name: p.Name}}
	}
	w := strings.Join(strings.Fields(strings.TrimPrefix(strings.TrimSpace(who), "@")), " ")
	if w == "" {
		return nil
	}
	tiers := []func(bot.Person) bool{
		func(p bot.Person) bool {
			local, _, _ := strings.Cut(string(p.Email), "@")
			return matcher.EqualString(local, w)
		},
		func(p bot.Person) bool { return c.hasRole(p, w, isRole) },
		func(p bot.Person) bool { return startsWord(p.Name, w) },
		func(p bot.Person) bool { return c.hasRole(p, w, startsWord) },
	}
	for _, match := range tiers {
		var found []bot.User
		for _, p := range c.org.People {
			if match(p) {
				found = append(found, bot.User{Email: p.Email, Name: p.Name})
			}
		}
		if len(found) > 0 {
			return found
		}
	}
	return nil
}

// hasRole reports whether p plays a role whose names match w; everyone
// without a special role is an employee.
func (c *Console) hasRole(p bot.Person, w string, match func(name, w string) bool) bool {
	for _, r := range policy.Roles {
		if !(r == policy.RoleEmployee && len(p.Roles) == 0) && !slices.Contains(p.Roles, r) {
			continue
		}
		names := append([]string{string(r), strings.ReplaceAll(string(r), "_", " ")}, roleWords[r]...)
		for _, lang := range locale.Langs {
			names = append(names, c.texts.T(lang, "role."+string(r)))
		}
		for _, n := range names {
			if match(n, w) {
				return true
			}
		}
	}
	return false
}

// isRole reports whether w is the name n.
func isRole(n, w string) bool { return matcher.EqualString(n, w) }

// startsWord reports whether w is the start of a word of s, or of words in
// a row: "de v" starts a part of "Karin de Vries", "amrani" one of
// "Fatima El-Amrani".
func startsWord(s, w string) bool {
	prev := ' '
	for i, r := range s {
		if isLetter(r) && !isLetter(prev) {
			if start, _ := matcher.IndexString(s[i:], w); start == 0 {
				return true
			}
		}
		prev = r
	}
	return false
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// switchTo makes someone else the person typing, when who names exactly
// one; when it names several, it lists them and nobody changes.
func (c *Console) switchTo(who string, tr locale.Texts) bool {
	found := c.find(who)
	switch len(found) {
	case 0:
		c.print(tr.T("console.nobody", "Who", who))
		return false
	case 1:
		c.mu.Lock()
		c.me = found[0]
		c.mu.Unlock()
		c.print(tr.T("console.now", "Who", c.describe(found[0], tr)))
		return true
	}
	var b strings.Builder
	b.WriteString(tr.T("console.several", "Who", who, "Count", len(found), "Example", c.handle(found[0])))
	for _, u := range found {
		b.WriteString("\n   " + c.describe(u, tr))
	}
	c.mu.Lock()
	me := c.me
	c.mu.Unlock()
	b.WriteString("\n" + tr.T("console.still", "Who", me.Name))
	c.print(b.String())
	return false
}

// handle is the shortest thing to type after /als that finds u alone: the
// first name, else the part of the address before the @.
func (c *Console) handle(u bot.User) string {
	if first, _, _ := strings.Cut(u.Name, " "); first != "" {
		if f := c.find(first); len(f) == 1 && f[0].Email == u.Email {
			return strings.ToLower(first)
		}
	}
	local, _, _ := strings.Cut(string(u.Email), "@")
	return local
}

// describe says who someone is: name, roles and department.
func (c *Console) describe(u bot.User, tr locale.Texts) string {
	p := c.org.PersonOrGuest(u)
	var roles []string
	for _, r := range p.Roles {
		roles = append(roles, tr.T("role."+string(r)))
	}
	if len(roles) == 0 {
		roles = append(roles, tr.T("role.employee"))
	}
	s := fmt.Sprintf("%s (%s", p.DisplayName(), strings.Join(roles, ", "))
	if d, ok := c.org.Department(p.Department); ok {
		s += ", " + d.Name
	}
	return s + ")"
}

// people lists everyone in the organisation file.
func (c *Console) people(tr locale.Texts) {
	var b strings.Builder
	b.WriteString(tr.T("console.people") + "\n")
	for _, p := range c.org.People {
		fmt.Fprintf(&b, "   %s — %s\n", c.describe(bot.User{Email: p.Email, Name: p.Name}, tr), p.Email)
	}
	c.print(strings.TrimRight(b.String(), "\n"))
}

// greet shows the banner, unless a message delivered before Run started
// (one left in the outbox by the previous run) has shown it already.
func (c *Console) greet() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.greetLocked()
}

// greetLocked shows the banner once, first of all output; the caller holds
// c.mu.
func (c *Console) greetLocked() {
	if c.greeted {
		return
	}
	c.greeted = true
	fmt.Fprintln(c.out, c.tr.T("console.banner", "Org", c.org.Name, "Who", c.describe(c.me, c.tr), "Now", c.formatTime(c.tr, c.now())))
}
