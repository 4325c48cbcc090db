package console

import (
	"fmt"
	"strings"

	"meldbot/bot"
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

// find looks a person up as the bot does (bot.Organisation.Find: e-mail
// address, name, or a first name only one person has; an unknown address is
// a guest, since anyone may report), and also by the part of the address
// before the @ or by role, the first person with it.
func (c *Console) find(who string) (bot.User, bool) {
	if p, ok := c.org.Find(who); ok {
		return bot.User{Email: p.Email, Name: p.Name}, true
	}
	w := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(who), "@")))
	if w == "" {
		return bot.User{}, false
	}
	var byLocal []bot.Person
	for _, p := range c.org.People {
		if local, _, _ := strings.Cut(bot.NormalizeEmail(p.Email), "@"); w == local {
			byLocal = append(byLocal, p)
		}
	}
	if len(byLocal) == 1 {
		return bot.User{Email: byLocal[0].Email, Name: byLocal[0].Name}, true
	}
	for _, r := range policy.Roles {
		if w == string(r) || w == strings.ToLower(c.tr.T("role."+string(r))) {
			if ps := c.org.WithRole(r); len(ps) > 0 {
				return bot.User{Email: ps[0].Email, Name: ps[0].Name}, true
			}
		}
	}
	return bot.User{}, false
}

// switchTo makes someone else the person typing.
func (c *Console) switchTo(who string) bool {
	u, ok := c.find(who)
	if !ok {
		c.print(c.tr.T("console.nobody", "Who", who))
		return false
	}
	c.mu.Lock()
	c.me = u
	c.mu.Unlock()
	c.print(c.tr.T("console.now", "Who", c.describe(u)))
	return true
}

// describe says who someone is: name, roles and department.
func (c *Console) describe(u bot.User) string {
	p := c.org.PersonOrGuest(u)
	var roles []string
	for _, r := range p.Roles {
		roles = append(roles, c.tr.T("role."+string(r)))
	}
	if len(roles) == 0 {
		roles = append(roles, c.tr.T("role.employee"))
	}
	s := fmt.Sprintf("%s (%s", p.DisplayName(), strings.Join(roles, ", "))
	if d, ok := c.org.Department(p.Department); ok {
		s += ", " + d.Name
	}
	return s + ")"
}

// people lists everyone in the organisation file.
func (c *Console) people() {
	var b strings.Builder
	b.WriteString(c.tr.T("console.people") + "\n")
	for _, p := range c.org.People {
		fmt.Fprintf(&b, "   %s — %s\n", c.describe(bot.User{Email: p.Email, Name: p.Name}), p.Email)
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
	fmt.Fprintln(c.out, c.tr.T("console.banner", "Org", c.org.Name, "Who", c.describe(c.me)))
}
